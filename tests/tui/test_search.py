"""The search screen (`s`): results as you type, enter opens at the first match, hostile input.

Expected results were worked out by hand from the shipped articles (grep and their front matter):
"dopamine" is in the bodies of recovery/beyond-the-burn (twice) and
mental-health/exercise-and-anxiety (once); two articles are tagged sleep; four are dated
2025-06-01 or later.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList

from readingroom.core.query import parse_query
from readingroom.tui.app import create_app
from readingroom.tui.screens.search_screen import SearchScreen
from readingroom.tui.widgets.find_bar import FindBar
from tests.tui.helpers import (
    NEWEST,
    app_of,
    front_matter,
    highlighted_id,
    layout_text,
    option_ids,
    wait_for_article,
    wait_until,
)

SIZE = (120, 40)
BURN = "recovery/beyond-the-burn"
ANXIETY = "mental-health/exercise-and-anxiety"
SLEEP_TAGGED = {"recovery/active-recovery-days", "recovery/sleep-the-hidden-workout"}
COUNT_RE = re.compile(r"^\d+ results?\b")

# Typed key by key (printable, one character each).
TYPED_HOSTILE = ['"', "*", "^", ":", "(", ")", "-"]
# Pasted into the input (one change each, as a paste).
PASTED_HOSTILE = [
    "--",
    "NEAR(",
    "tag:",
    "睡眠",
    '"unbalanced quote',
    'phrase"',
    "NEAR(a b, 2)",
    "a*",
    "^title",
    "title:x",
    "(a OR b",
    "-dopamine",
    '-"a phrase"',
    'tag:"',
    "-tag:",
    "before:",
    "before:2025-13",
    "after:2025-02-30",
    "after:2026 before:2024",
    "'; DROP TABLE article; --",
    "{title body}:x",
    "\\%_",
]
# Set as the input's value (too long to type, or not typeable).
SET_HOSTILE = [
    "x" * 10_000,
    "dopamine " * 1_200,  # 10.8 KB, over 32 words
    '"' * 10_000,
    "(" * 10_000,
    "NEAR(" * 2_000,
    "tag:" + "s" * 10_000,
    "before:" + "2" * 10_000,
    "\x00dopamine\x00",
    "\x01\x02\x1b[31mred\x1b[0m",
    "tab\there\nnewline\rreturn",
    "\u200b\u200d\ufeff",
    "\ud800 lone surrogate",
    "\U000e0001 tag character",
    "🏋️‍♀️ 💪",
    "😀 dopamine",
    "回復 トレーニング",
    "مرحبا بالعالم",
    "e\u0301te\u0301",
]


def status_of(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Label).content)


def plain(prompt: object) -> str:
    return str(getattr(prompt, "plain", prompt))


def highlighted_words(prompt: object) -> list[str]:
    """The parts of a result's prompt drawn highlighted (reverse video)."""
    assert isinstance(prompt, Content)
    return [
        prompt.plain[span.start : span.end] for span in prompt.spans if "reverse" in str(span.style)
    ]


def search_idle(pilot: Pilot[None]) -> bool:
    return not any(worker.is_running for worker in pilot.app.workers if worker.group == "search")


async def open_search(pilot: Pilot[None]) -> SearchScreen:
    app = app_of(pilot)
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen")
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    assert screen.query_one(Input).has_focus
    assert status_of(screen) == "Type to search."
    return screen


async def settle_search(pilot: Pilot[None]) -> None:
    """Wait until the input's last change has been searched and shown."""
    await pilot.pause()
    await wait_until(pilot, lambda: search_idle(pilot), "the search worker")
    await pilot.pause()


async def leave(pilot: Pilot[None]) -> None:
    """Quit as the reader would, before the test's context tears the app down.

    (A position-save timer firing while `run_test` removed the screens once failed a test with
    NoMatches for ArticleView; `exit()` first keeps timers from firing during teardown.)
    """
    pilot.app.exit()
    await pilot.pause()


async def type_query(pilot: Pilot[None], screen: SearchScreen, text: str) -> OptionList:
    await pilot.press(*text)
    await settle_search(pilot)
    assert screen.query_one(Input).value == text
    return screen.query_one(OptionList)


async def test_typing_shows_results_with_title_slug_date_and_highlighted_snippet(
    articles_dir: Path,
) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, NEWEST)
        screen = await open_search(pilot)
        results = await type_query(pilot, screen, "dopamine")
        assert status_of(screen) == "2 results"
        # Ranked: beyond-the-burn says it twice, exercise-and-anxiety once.
        assert option_ids(results) == [BURN, ANXIETY]
        assert highlighted_id(results) == BURN
        for index, slug in enumerate((BURN, ANXIETY)):
            prompt = results.get_option_at_index(index).prompt
            meta = front_matter(articles_dir / f"{slug}.md")
            first, _, snippet = plain(prompt).partition("\n")
            assert first.startswith(str(meta["title"]))
            assert slug in first
            assert str(meta["date"]) in first
            assert "dopamine" in snippet.lower()
            words = highlighted_words(prompt)
            assert words, "no highlighted word in the snippet"
            assert {word.lower() for word in words} == {"dopamine"}
        await leave(pilot)


async def test_results_narrow_as_you_type_prefixes(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, NEWEST)
        screen = await open_search(pilot)
        results = await type_query(pilot, screen, "dopa")  # a prefix while typing
        assert set(option_ids(results)) == {BURN, ANXIETY}
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await settle_search(pilot)
        assert results.option_count == 0
        assert status_of(screen) == "Type to search."
        await leave(pilot)


async def test_enter_opens_at_the_first_match_and_n_goes_to_the_next(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, NEWEST)
        screen = await open_search(pilot)
        await type_query(pilot, screen, "dopamine")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, SearchScreen), "closing")
        view = await wait_for_article(pilot, BURN)
        bar = app.query_one(FindBar)
        count = bar.query_one("#find-count", Label)
        await wait_until(pilot, lambda: str(count.content) == "1/2", "the find count 1/2")
        assert bar.has_class("-visible")
        assert bar.input.value == "dopamine"
        lines = [  # the line of every match, in order
            i
            for i, text in enumerate(layout_text(view))
            for _ in range(text.lower().count("dopamine"))
        ]
        assert len(lines) == 2, lines
        top, height = int(view.scroll_y), view.size.height
        assert top <= lines[0] < top + height, (top, height, lines)
        assert view.has_focus
        await pilot.press("n")
        await wait_until(pilot, lambda: str(count.content) == "2/2", "the find count 2/2")
        top = int(view.scroll_y)
        assert top <= lines[1] < top + height, (top, height, lines)
        await pilot.press("n")  # wraps around
        await wait_until(pilot, lambda: str(count.content) == "1/2", "the find count to wrap")
        await leave(pilot)


async def test_up_and_down_move_the_highlight_while_typing(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, NEWEST)
        screen = await open_search(pilot)
        results = await type_query(pilot, screen, "anxiety")
        ids = option_ids(results)
        assert len(ids) == 4
        assert results.highlighted == 0
        await pilot.press("down", "down")
        assert results.highlighted == 2
        await pilot.press("up")
        assert results.highlighted == 1
        await pilot.press("up", "up")  # stops at the top
        assert results.highlighted == 0
        await pilot.press("down", "down", "down", "down", "down")  # and at the bottom
        assert results.highlighted == 3
        assert screen.query_one(Input).has_focus  # still typing
        await pilot.press("space")
        await settle_search(pilot)
        assert screen.query_one(Input).value == "anxiety "
        assert results.highlighted == 0  # new results start at the top
        chosen = option_ids(results)[1]
        await pilot.press("down", "enter")
        await wait_for_article(pilot, chosen)
        assert not isinstance(app.screen, SearchScreen)
        await leave(pilot)


async def test_escape_closes_without_opening_anything(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, NEWEST)
        screen = await open_search(pilot)
        await type_query(pilot, screen, "dopamine")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, SearchScreen), "closing")
        await pilot.pause()
        assert app.article_view.slug == NEWEST
        assert not app.query_one(FindBar).has_class("-visible")
        assert app.is_running
        await leave(pilot)


async def test_tag_and_date_filters(articles_dir: Path) -> None:
    dates = {
        path.relative_to(articles_dir).with_suffix("").as_posix(): str(front_matter(path)["date"])
        for path in articles_dir.rglob("*.md")
    }
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, NEWEST)
        screen = await open_search(pilot)
        results = await type_query(pilot, screen, "tag:sleep")
        assert set(option_ids(results)) == SLEEP_TAGGED
        assert status_of(screen) == "2 results"
        for slug in option_ids(results):
            tags = front_matter(articles_dir / f"{slug}.md")["tags"]
            assert isinstance(tags, list)
            assert "sleep" in tags
        screen.query_one(Input).value = "after:2025-06"
        await settle_search(pilot)
        expected = {slug for slug, date in dates.items() if date >= "2025-06-01"}
        assert len(expected) == 4
        assert set(option_ids(results)) == expected
        # Newest first when there are only filters.
        shown = [dates[slug] for slug in option_ids(results) if slug is not None]
        assert shown == sorted(shown, reverse=True)
        await leave(pilot)


async def test_hostile_queries_never_break_the_search(articles_dir: Path) -> None:
    assert len(TYPED_HOSTILE) + len(PASTED_HOSTILE) + len(SET_HOSTILE) >= 40
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, NEWEST)
        screen = await open_search(pilot)
        box = screen.query_one(Input)

        async def check(text: str) -> None:
            await settle_search(pilot)
            assert app.is_running, repr(text[:40])
            assert isinstance(app.screen, SearchScreen), repr(text[:40])
            failed = [w for w in app.workers if w.group == "search" and w.error is not None]
            assert not failed, (text[:40], failed[0].error)
            status = status_of(screen)
            query = parse_query(box.value)
            if query.empty and query.problems:
                # Nothing to search for: the status explains why instead.
                assert status == "; ".join(query.problems), (text[:40], status)
            else:
                assert COUNT_RE.match(status) or status == "Type to search.", (text[:40], status)

        for text in TYPED_HOSTILE:
            box.value = ""
            await settle_search(pilot)
            await pilot.press(*text)
            assert box.value == text
            await check(text)
        for text in PASTED_HOSTILE:
            box.clear()
            box.insert_text_at_cursor(text)
            assert box.value == text
            await check(text)
        for text in SET_HOSTILE:
            box.value = text
            await check(text)
        # Odd characters around a word do not hide it, and the search still works afterwards.
        for text in ("\x00dopamine\x00", "😀 dopamine", "dopamine\u200b", "dopamine"):
            box.value = text
            await settle_search(pilot)
            assert option_ids(screen.query_one(OptionList)) == [BURN, ANXIETY], repr(text)
        await leave(pilot)


FOLDED = {
    "cafe.md": "---\ntitle: Coffee notes\ndate: 2025-01-01\n---\n\nWe met at the Café Central.\n",
    "hyphen.md": "---\ntitle: Hyphens\ndate: 2025-01-02\n---\n\nA striped-animal walks by.\n",
}


@pytest.mark.parametrize(
    ("query", "slug"), [("cafe", "cafe"), ('"striped animal"', "hyphen")], ids=["cafe", "phrase"]
)
async def test_enter_finds_what_the_search_matched(tmp_path: Path, query: str, slug: str) -> None:
    for name, text in FOLDED.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    app = create_app(str(tmp_path), open_slug="cafe" if slug == "hyphen" else "hyphen")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot)
        screen = await open_search(pilot)
        screen.query_one(Input).value = query
        await settle_search(pilot)
        assert option_ids(screen.query_one(OptionList)) == [slug]
        await pilot.press("enter")
        await wait_for_article(pilot, slug)
        count = app.query_one(FindBar).query_one("#find-count", Label)
        await wait_until(pilot, lambda: str(count.content) != "", "the find count")
        await leave(pilot)
        assert str(count.content) == "1/1"
