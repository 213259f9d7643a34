"""The article view driven with Pilot: find, outline, headings, link hints and the link cursor,
the links list, external links, code wrapping, resizing, and long articles."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color as TextualColor
from textual.filter import NoColor
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets._toast import Toast

from readingroom.render.progressive import PLAIN_TEXT_LIMIT
from readingroom.tui import app as app_module
from readingroom.tui.app import ReadingRoomApp, create_app
from readingroom.tui.screens.external_link_screen import ExternalLinkScreen
from readingroom.tui.screens.links_screen import LinksScreen
from readingroom.tui.screens.outline_screen import OutlineScreen
from readingroom.tui.widgets.article_view import ArticleView
from readingroom.tui.widgets.find_bar import FindBar
from readingroom.tui.widgets.key_bar import KeyBar
from tests.conftest import CORPORA
from tests.tui.helpers import layout_text, settle, wait_for_article, wait_until

Check = Callable[[], bool]

BIG = (120, 40)
SMALL = (80, 24)
GO_BLOG = CORPORA / "go-blog" / "_content" / "blog"

WORD = "lantern"
SECTIONS = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
EXTERNAL = "https://example.org/readingroom/a/rather/long/path/to/a/page?with=query&and=more#part"
TRAINING = "training/train-to-technical-failure"
BURN_TIPS = "../recovery/beyond-the-burn.md#training-tips-to-maximize-mental-gains"
ACTIVE = "recovery/active-recovery-days"
WEEKLY_PLAN = "https://example.org/readingroom/weekly-plan"


# -- a small library made for these tests -------------------------------------------------------


def filler(section: str, count: int) -> str:
    """`count` distinct paragraphs that never contain WORD."""
    return "".join(
        f"Paragraph {number} of {section} says little of note, and then it says it again in "
        f"slightly different words so that it wraps onto a second line.\n\n"
        for number in range(count)
    )


def guide_text() -> str:
    """An article with five sections, WORD once in each, each section longer than a screen."""
    parts = ["# Guide\n\nThe introduction, before any section.\n\n"]
    for section in SECTIONS:
        parts.append(f"## {section}\n\n")
        parts.append(filler(section, 10))
        parts.append(f"In {section} a {WORD.capitalize()} is lit.\n\n")
        parts.append(filler(section + " again", 10))
    return "".join(parts)


def links_text() -> str:
    return (
        "# Links\n\n"
        "Read [the guide](guide.md), its [beta part](guide.md#beta), "
        "the [last words](#last-words) below, an [escape hatch](../../outside.md), "
        "a [missing page](nowhere.md) and [the web]("
        + EXTERNAL
        + ").\n\n"
        + filler("Links", 12)
        + "## Last words\n\nThat is all.\n\n"
        + filler("Ending", 12)
    )


def code_text() -> str:
    long_line = "values = [" + ", ".join(str(number) for number in range(80)) + "]"
    return (
        "# Code\n\nA long line of code follows.\n\n"
        f"```python\n{long_line}\nprint(len(values))\n```\n\nAfter the code.\n"
    )


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """tmp_path/outer/lib with guide, links and code articles; tmp_path/outside.md is a file
    outside the library that `../../outside.md` in lib/links.md points at."""
    root = tmp_path / "outer" / "lib"
    root.mkdir(parents=True)
    (root / "guide.md").write_text(guide_text(), encoding="utf-8")
    (root / "links.md").write_text(links_text(), encoding="utf-8")
    (root / "code.md").write_text(code_text(), encoding="utf-8")
    (tmp_path / "outside.md").write_text("# Outside\n\nNever to be read.\n", encoding="utf-8")
    return root


# The reader saves the position POSITION_SAVE_DELAY seconds after scrolling stops. When that
# timer fires while the app is closing, `app.article_view` finds no ArticleView and the app
# fails with NoMatches (seen in about 1 in 20 runs of the external-link tests): these tests,
# which are not about saved positions, keep it from firing at all.


@pytest.fixture(autouse=True)
def no_position_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "POSITION_SAVE_DELAY", 3600.0, raising=False)


def reader(root: Path, slug: str, anchor: str | None = None) -> ReadingRoomApp:
    return create_app(str(root), open_slug=slug, open_anchor=anchor)


# -- helpers -------------------------------------------------------------------------------------


def visible(view: ArticleView, line: int) -> bool:
    top = int(view.scroll_y)
    return top <= line < top + view.size.height


def find_count(app: ReadingRoomApp) -> str:
    return str(app.query_one("#find-count", Label).content)


Look = tuple[object, object, bool, bool, bool, bool]


def look(style: Style | None) -> Look:
    """How a segment's style shows in a terminal: colours (swapped when reversed), then bold,
    underline, italic and reverse."""
    style = style or Style()
    colour, background = style.color, style.bgcolor
    if style.reverse:
        colour, background = background, colour
    return (
        colour,
        background,
        bool(style.bold),
        bool(style.underline),
        bool(style.italic),
        bool(style.reverse),
    )


def painted(view: ArticleView, line: int, *, no_color: bool = False) -> list[tuple[str, Look]]:
    """The segments (text, look) the view paints for a laid-out line; with `no_color`, as
    Textual shows them under NO_COLOR (every colour removed)."""
    strip = view.render_line(line - int(view.scroll_y))
    segments = list(strip)
    if no_color:
        segments = NoColor().apply(segments, TextualColor(0, 0, 0))
    return [(segment.text, look(segment.style)) for segment in segments if segment.text]


def painted_text(view: ArticleView, line: int) -> list[str]:
    """The texts of the segments the view paints for a laid-out line."""
    return [text for text, _ in painted(view, line)]


def looks_of(view: ArticleView, line: int, text: str, *, no_color: bool = False) -> list[Look]:
    """The looks of the segments painted exactly `text` on a line."""
    return [shown for piece, shown in painted(view, line, no_color=no_color) if piece == text]


def notifications(app: ReadingRoomApp) -> list[str]:
    """Messages of the notifications raised (still alive) and of the toasts on screen."""
    messages = [notification.message for notification in app._notifications]
    for screen in app.screen_stack:
        for toast in screen.query(Toast):
            messages.append(str(toast.render()))
    return messages


def heading_line(view: ArticleView, text: str) -> int:
    layout = view.text_layout
    assert layout is not None
    lines = [heading.line for heading in layout.headings if heading.text == text]
    assert len(lines) == 1, text
    return lines[0]


async def follow_hint(pilot: Pilot[None], view: ArticleView, href: str) -> None:
    """Scroll the link to `href` into view, press f and type its label."""
    layout = view.text_layout
    assert layout is not None
    index = view.document.links.index(href)
    view.scroll_to_line(max(0, layout.link_lines[index] - 2))
    await pilot.pause()
    assert visible(view, layout.link_lines[index])
    await pilot.press("f")
    hints = view.hints
    assert hints, "f should label the links on screen"
    labels = [label for label, link in hints.items() if link == index]
    assert len(labels) == 1, hints
    await pilot.press(*labels[0])


class BrowserCalls(list[str]):
    """webbrowser.open replaced: records the URL instead of opening anything."""

    def __call__(self, url: str, *args: object, **kwargs: object) -> bool:
        self.append(url)
        return True


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> BrowserCalls:
    calls = BrowserCalls()
    monkeypatch.setattr(webbrowser, "open", calls)
    monkeypatch.setattr(webbrowser, "open_new", calls)
    monkeypatch.setattr(webbrowser, "open_new_tab", calls)
    return calls


# -- find ----------------------------------------------------------------------------------------


async def test_a_long_article_is_searched_in_a_worker_and_only_the_last_query_counts(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above SYNC_FIND_LINES the find runs off the UI thread; a result for an older query
    (typing went on meanwhile) is dropped; enter, n and N work on the worker's matches."""
    from readingroom.tui.widgets import article_find as article_find_module

    monkeypatch.setattr(article_find_module, "SYNC_FIND_LINES", 10)
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        threads: list[str] = []
        real = article_find_module.compute_find

        def compute_find(*args: Any, **kwargs: Any) -> Any:
            threads.append(threading.current_thread().name)
            return real(*args, **kwargs)

        monkeypatch.setattr(article_find_module, "compute_find", compute_find)
        await pilot.press("slash", "l", "a")  # "la": Alpha, lantern... then the whole word
        await pilot.press(*WORD[2:])
        total = len(SECTIONS)
        await wait_until(pilot, lambda: find_count(app) == f"1/{total}", "the count 1/5")
        await settle(pilot)
        assert find_count(app) == f"1/{total}", "a late result of an older query won"
        assert threads and threading.main_thread().name not in threads
        lines = [number for number, text in enumerate(layout_text(view)) if WORD in text.lower()]
        assert visible(view, lines[0])  # revealed once found
        await pilot.press("enter", "n")
        assert app.focused is view
        assert find_count(app) == f"2/{total}"
        assert visible(view, lines[1])
        await pilot.press("N", "N")
        assert find_count(app) == f"{total}/{total}"


def test_a_find_result_for_an_older_query_is_not_taken() -> None:
    from readingroom.render.find import FindState, compute_find
    from readingroom.render.layout import layout_document
    from readingroom.render.parse import parse_markdown

    layout = layout_document(parse_markdown("lantern lamp lantern\n"), 60)
    state = FindState()
    state.wait_for("lamp")
    assert state.status() == (0, -1)  # finding
    assert not state.adopt(compute_find(layout, "lantern"), 0)
    assert state.status() == (0, -1)
    assert state.adopt(compute_find(layout, "lamp"), 0)
    assert state.status() == (1, 1)
    assert not state.adopt(compute_find(layout, "lamp"), 0), "taken once"


async def test_find_highlights_counts_and_steps_through_matches(library: Path) -> None:
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        bar = app.query_one(FindBar)
        assert not bar.display
        assert app.focused is view

        await pilot.press("slash")
        assert bar.display
        assert app.focused is bar.query_one(Input)
        await pilot.press(*WORD)
        total = len(SECTIONS)
        await wait_until(pilot, lambda: find_count(app) == f"1/{total}", "the count 1/5")
        assert view.has_matches

        # The match lines, from the layout (the case of the text is kept: "Lantern").
        lines = [number for number, text in enumerate(layout_text(view)) if WORD in text.lower()]
        assert len(lines) == total
        assert lines[0] > view.size.height, "the first match should start off screen"
        # The first match was scrolled into view while typing, painted as the current match.
        assert visible(view, lines[0])
        (current,) = looks_of(view, lines[0], WORD.capitalize())
        (plain,) = looks_of(view, lines[1], "In ") or [None]
        assert current != plain

        await pilot.press("enter")
        assert app.focused is view
        assert bar.display, "the bar stays, showing the count, while n and N step"
        assert visible(view, lines[0])

        for step in range(1, total):
            await pilot.press("n")
            assert find_count(app) == f"{step + 1}/{total}"
            assert visible(view, lines[step])
            assert looks_of(view, lines[step], WORD.capitalize()) == [current]
        # Past the last match, n wraps to the first, scrolling back up.
        await pilot.press("n")
        assert find_count(app) == f"1/{total}"
        assert visible(view, lines[0])
        # Before the first, N wraps to the last.
        await pilot.press("N")
        assert find_count(app) == f"{total}/{total}"
        assert visible(view, lines[-1])
        assert not visible(view, lines[0])
        await pilot.press("N")
        assert find_count(app) == f"{total - 1}/{total}"
        assert visible(view, lines[-2])

        # Escape (back in the find bar) closes it and clears every highlight.
        await pilot.press("slash")
        assert app.focused is bar.query_one(Input)
        await pilot.press("escape")
        assert not bar.display
        assert app.focused is view
        assert not view.has_matches
        here = int(view.scroll_y)
        match_line = next(line for line in lines if visible(view, line))
        assert WORD.capitalize() not in painted_text(view, match_line)
        # n does nothing once the find is cleared.
        await pilot.press("n")
        assert int(view.scroll_y) == here


async def test_escape_in_the_article_clears_the_find(library: Path) -> None:
    """After enter went back to the article and n stepped, escape there ends the find."""
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        bar = app.query_one(FindBar)
        await pilot.press("slash", *WORD, "enter")
        await wait_until(pilot, lambda: find_count(app) == "1/5", "the count 1/5")
        await pilot.press("n")
        assert find_count(app) == "2/5"
        assert app.focused is view
        await pilot.press("escape")
        await pilot.pause()
        assert not view.has_matches
        assert not bar.display


async def test_find_with_no_match_says_so(library: Path) -> None:
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        await pilot.press("slash", *"zebra")
        await wait_until(pilot, lambda: find_count(app) == "no matches", "'no matches'")
        assert not view.has_matches
        assert view.scroll_y == 0


async def test_the_current_match_stands_out_from_the_others_with_and_without_colour(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    text = "# Lamps\n\nOne lantern here, a second lantern there, and plain words.\n"
    (root / "lamps.md").write_text(text, encoding="utf-8")
    app = reader(root, "lamps")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "lamps")
        await pilot.press("slash", *WORD)
        await wait_until(pilot, lambda: find_count(app) == "1/2", "the count 1/2")
        line = next(n for n, text in enumerate(layout_text(view)) if WORD in text)
        for no_color in (False, True):
            first, second = looks_of(view, line, WORD, no_color=no_color)
            (plain,) = looks_of(view, line, " here, a second ", no_color=no_color)
            assert first != second, no_color
            assert len({first, second, plain}) == 3, (first, second, plain)
        # Without colour, what remains is text style: reverse and bold for the current match,
        # underline for the others.
        first, second = looks_of(view, line, WORD, no_color=True)
        assert first[2] and first[5], first  # bold, reverse
        assert second[3] and not second[5], second  # underline, not reverse
        current_look, other_look = looks_of(view, line, WORD)
        await pilot.press("enter", "n")
        assert find_count(app) == "2/2"
        # n moves the current look to the second match; the first now looks like the others.
        assert looks_of(view, line, WORD) == [current_look, other_look][::-1]


async def test_the_link_cursor_differs_from_the_find_matches(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        layout = view.text_layout
        assert layout is not None
        line = layout.link_lines[1]  # "beta part", on the line that starts "Read"
        await pilot.press("slash", *"below")
        await wait_until(pilot, lambda: find_count(app).startswith("1/"), "a current match")
        await pilot.press("enter", "tab", "tab")
        assert view.cursor_link == 1
        for no_color in (False, True):
            (match,) = looks_of(view, line, "below", no_color=no_color)
            (cursor,) = looks_of(view, line, "beta part", no_color=no_color)
            (link,) = looks_of(view, line, "the guide", no_color=no_color)
            assert len({match, cursor, link}) == 3, (no_color, match, cursor, link)
        # The cursor is the link's own style reversed: its colours are the link's, swapped.
        (cursor,) = looks_of(view, line, "beta part")
        (link,) = looks_of(view, line, "the guide")
        assert (cursor[0], cursor[1]) == (link[1] or cursor[0], link[0])


async def test_hint_labels_cover_the_link_text_without_moving_any_character(
    library: Path,
) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        layout = view.text_layout
        assert layout is not None
        top = int(view.scroll_y)
        before = {
            line: "".join(painted_text(view, line))
            for line in range(top, min(len(layout.lines), top + view.size.height))
        }
        await pilot.press("f")
        assert view.hints
        lines = sorted({layout.link_lines[link] for link in view.hints.values()})
        assert len(lines) >= 2
        for line in lines:
            after = "".join(painted_text(view, line))
            assert cell_len(after) == cell_len(before[line]), (before[line], after)
            labels = {
                label: link for label, link in view.hints.items() if layout.link_lines[link] == line
            }
            assert labels
            for label, link in labels.items():
                start = before[line].index(link_text(layout, link, line))
                # The label replaces the first letters of the link text, nothing else moves.
                assert after[start : start + len(label)] == label
            pairs = zip(before[line], after, strict=True)
            changed = [column for column, (old, new) in enumerate(pairs) if old != new]
            assert len(changed) <= sum(len(label) for label in labels)
        assert all(
            "".join(painted_text(view, line)) == text
            for line, text in before.items()
            if line not in lines
        )
        await pilot.press("escape")
        assert view.hints == {}
        assert all("".join(painted_text(view, line)) == text for line, text in before.items())


def link_text(layout: Any, link: int, line: int) -> str:
    """The text of a link's runs on one line."""
    return "".join(run.text for run in layout.lines[line].runs if run.link == link)


async def test_find_ignores_diacritics_and_punctuation_between_words(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    text = "# Notes\n\nWe met at the Café Central. A striped-animal walks by.\n"
    (root / "notes.md").write_text(text, encoding="utf-8")
    app = reader(root, "notes")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "notes")
        line = next(n for n, text in enumerate(layout_text(view)) if "Café" in text)
        await pilot.press("slash", *"cafe")
        await wait_until(pilot, lambda: find_count(app) == "1/1", "the count 1/1")
        (current,) = looks_of(view, line, "Café", no_color=True)
        assert current[5], "Café is painted as the current match"
        await pilot.press("enter", "slash", *"STRIPED", "space", *"animal")
        await wait_until(pilot, lambda: find_count(app) == "1/1", "the phrase's count")
        assert looks_of(view, line, "striped-animal", no_color=True)[0][5]


# -- outline and headings ------------------------------------------------------------------------


def outline_rows(screen: OutlineScreen) -> list[str]:
    options = screen.query_one(OptionList)
    rows = []
    for index in range(options.option_count):
        prompt = options.get_option_at_index(index).prompt
        rows.append(str(getattr(prompt, "plain", prompt)))
    return rows


async def test_outline_lists_headings_marks_the_section_jumps_and_goes_back(
    library: Path,
) -> None:
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        beta = heading_line(view, "Beta")
        # Somewhere inside Beta, not at its heading.
        start = beta + 5
        view.scroll_to_line(start)
        await pilot.pause()
        assert view.scroll_y == start

        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, OutlineScreen), "the outline")
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        rows = outline_rows(screen)
        titles = [row.strip().lstrip("▶").strip() for row in rows]
        # The related list at the end of the article has a heading of its own.
        assert titles == ["Guide", *SECTIONS, "Related articles"]
        marked = [row for row in rows if row.startswith("▶")]
        assert len(marked) == 1 and marked[0].endswith("Beta"), rows
        # Level 2 headings are indented under the level 1 title.
        assert rows[0] == "  Guide"
        assert rows[3] == "    Gamma"
        options = screen.query_one(OptionList)
        assert options.highlighted == 2, "the outline should start on the current section"

        # Down twice: Delta. Enter jumps to its heading.
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, OutlineScreen), "closing")
        delta = heading_line(view, "Delta")
        await wait_until(pilot, lambda: view.scroll_y == delta, "the jump to Delta")
        assert app.focused is view

        # Backspace returns to where the reader was before the jump.
        await pilot.press("backspace")
        await wait_until(pilot, lambda: view.scroll_y == start, "the way back")
        assert view.slug == "guide"


async def test_outline_escape_closes_without_moving(library: Path) -> None:
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, OutlineScreen), "the outline")
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        # At the top, above the title heading (the header is above it): no section is marked.
        rows = outline_rows(screen)
        assert rows[0] == "  Guide"
        assert not any(row.startswith("▶") for row in rows)
        await pilot.press("down", "escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, OutlineScreen), "closing")
        assert view.scroll_y == 0


async def test_brackets_move_between_headings(library: Path) -> None:
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        layout = view.text_layout
        assert layout is not None
        lines = [heading.line for heading in layout.headings]
        assert len(lines) == 1 + len(SECTIONS) + 1, "title, sections, related articles"
        reachable = [line for line in lines if line <= view.max_scroll_y]
        assert len(reachable) >= 4
        assert view.scroll_y == 0
        # The title heading is below the article header; ] goes to it, then to each section.
        for line in reachable:
            await pilot.press("right_square_bracket")
            assert view.scroll_y == line
        for line in reversed(reachable[:-1]):
            await pilot.press("left_square_bracket")
            assert view.scroll_y == line
        # Above the first heading, [ goes to the top.
        await pilot.press("left_square_bracket")
        assert view.scroll_y == 0
        # From the middle of a section, [ goes to that section's heading.
        view.scroll_to_line(reachable[2] + 3)
        await pilot.pause()
        await pilot.press("left_square_bracket")
        assert view.scroll_y == reachable[2]


# -- link hints ----------------------------------------------------------------------------------


async def test_hints_label_only_the_links_on_screen(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        layout = view.text_layout
        assert layout is not None
        top, height = int(view.scroll_y), view.size.height
        on_screen = sorted(
            link for link, line in layout.link_lines.items() if top <= line < top + height
        )
        assert len(on_screen) >= 6
        await pilot.press("f")
        assert sorted(view.hints.values()) == on_screen
        assert all(label.isalpha() and label.islower() for label in view.hints)
        # A hint label is painted just before its link's text.
        (label,) = [label for label, link in view.hints.items() if link == 0]
        line = layout.link_lines[0]
        texts = painted_text(view, line)
        assert label in texts
        assert texts[texts.index(label) + 1].startswith("he"[len(label) - 1 :])
        # A key that matches no label cancels the hints and does nothing else.
        await pilot.press("1")
        assert view.hints == {}
        assert view.slug == "links"
        assert not isinstance(app.screen, ExternalLinkScreen)


async def test_hint_to_an_article_of_the_library_opens_it(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        await follow_hint(pilot, view, "guide.md")
        view = await wait_for_article(pilot, "guide")
        assert view.scroll_y == 0
        assert view.hints == {}


async def test_hint_to_a_heading_of_another_article_opens_it_there(articles_dir: Path) -> None:
    app = create_app(str(articles_dir), open_slug=TRAINING)
    async with app.run_test(size=SMALL) as pilot:
        view = await wait_for_article(pilot, TRAINING)
        await follow_hint(pilot, view, BURN_TIPS)
        view = await wait_for_article(pilot, "recovery/beyond-the-burn")
        layout = view.text_layout
        assert layout is not None
        line = layout.line_for_anchor("training-tips-to-maximize-mental-gains")
        assert line is not None and 0 < line <= view.max_scroll_y
        assert view.scroll_y == line
        assert layout_text(view)[line] == "Training Tips to Maximize Mental Gains"
        # Back returns to the link in the first article.
        await pilot.press("backspace")
        view = await wait_for_article(pilot, TRAINING)
        assert visible(view, view.text_layout.link_lines[0])  # type: ignore[union-attr]


async def test_hint_to_a_heading_of_the_same_article_scrolls_to_it(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        await follow_hint(pilot, view, "#last-words")
        target = heading_line(view, "Last words")
        await wait_until(pilot, lambda: view.scroll_y == target, "the jump to Last words")
        assert view.slug == "links"


async def test_hint_to_a_file_outside_the_library_is_refused(library: Path, tmp_path: Path) -> None:
    outside = (tmp_path / "outside.md").resolve()
    root = library.resolve()
    watching: list[bool] = []
    opened: list[str] = []

    def audit(event: str, args: tuple[object, ...]) -> None:
        if event != "open" or not watching or not isinstance(args[0], str | bytes):
            return
        raw = args[0]
        path = raw.decode(errors="replace") if isinstance(raw, bytes) else raw
        try:
            resolved = Path(path).resolve()
        except (OSError, RuntimeError):
            return
        if resolved.is_relative_to(tmp_path.resolve()) and not resolved.is_relative_to(root):
            opened.append(str(resolved))

    sys.addaudithook(audit)  # cannot be removed: it only records while `watching` is set
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        watching.append(True)
        try:
            await follow_hint(pilot, view, "../../outside.md")
            await wait_until(
                pilot,
                lambda: any("outside the library" in text for text in notifications(app)),
                "the refusal",
            )
            await settle(pilot)
        finally:
            watching.clear()
        assert view.slug == "links"
        assert "Outside" not in "\n".join(layout_text(view))
        assert not isinstance(app.screen, ExternalLinkScreen)
        refusals = [
            notification
            for notification in app._notifications
            if "outside the library" in notification.message
        ]
        assert len(refusals) == 1
        assert refusals[0].severity == "error"
        assert "../../outside.md" in refusals[0].message
    assert opened == [], f"files outside the library were opened: {opened}"
    # The hook does see such an open (so the check above is not vacuous).
    watching.append(True)
    try:
        outside.read_text(encoding="utf-8")
    finally:
        watching.clear()
    assert opened == [str(outside)]


async def test_hint_to_a_missing_article_warns(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        await follow_hint(pilot, view, "nowhere.md")
        await wait_until(
            pilot,
            lambda: any("No article for nowhere.md" in text for text in notifications(app)),
            "the warning",
        )
        assert view.slug == "links"


# -- external links ------------------------------------------------------------------------------


async def open_external(pilot: Pilot[None], view: ArticleView, href: str) -> ExternalLinkScreen:
    await follow_hint(pilot, view, href)
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ExternalLinkScreen), "the question")
    screen = app.screen
    assert isinstance(screen, ExternalLinkScreen)
    return screen


async def test_external_link_shows_the_whole_url_and_escape_opens_nothing(
    library: Path, browser: BrowserCalls, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    app = reader(library, "links")
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SMALL) as pilot:
        view = await wait_for_article(pilot, "links")
        screen = await open_external(pilot, view, EXTERNAL)
        url = screen.query_one("#url", Static)
        assert str(url.render()) == EXTERNAL
        # The whole URL is on screen, wrapped if it must be, never cut.
        shown = "".join(
            "".join(segment.text for segment in url.render_line(y)).strip()
            for y in range(url.size.height)
        )
        assert shown == EXTERNAL
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExternalLinkScreen), "closing")
        await settle(pilot)
        assert browser == []
        assert copied == []
        assert view.slug == "links"


async def test_external_link_o_opens_it_in_the_browser(
    articles_dir: Path, browser: BrowserCalls
) -> None:
    app = create_app(str(articles_dir), open_slug=ACTIVE)
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, ACTIVE)
        screen = await open_external(pilot, view, WEEKLY_PLAN)
        assert str(screen.query_one("#url", Static).render()) == WEEKLY_PLAN
        assert browser == []
        await pilot.press("o")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExternalLinkScreen), "closing")
        await settle(pilot)
        assert browser == [WEEKLY_PLAN]
        assert view.slug == ACTIVE


async def test_external_link_c_copies_it(
    library: Path, browser: BrowserCalls, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    app = reader(library, "links")
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        await open_external(pilot, view, EXTERNAL)
        await pilot.press("c")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExternalLinkScreen), "closing")
        await settle(pilot)
        assert copied == [EXTERNAL]
        assert browser == []
        assert any(f"Copied {EXTERNAL}" in text for text in notifications(app))


# -- the link cursor -----------------------------------------------------------------------------


async def test_tab_and_shift_tab_move_the_link_cursor_and_enter_follows(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        assert app.focused is view
        assert view.cursor_link is None
        line = view.text_layout.link_lines[0]  # type: ignore[union-attr]
        (link,) = looks_of(view, line, "the guide")

        await pilot.press("tab")
        assert view.cursor_link == 0
        (cursor,) = looks_of(view, line, "the guide")
        assert cursor != link
        await pilot.press("tab", "tab")
        assert view.cursor_link == 2
        await pilot.press("shift+tab")
        assert view.cursor_link == 1
        assert app.focused is view
        # Link 1 is guide.md#beta: enter opens the guide at Beta.
        await pilot.press("enter")
        view = await wait_for_article(pilot, "guide")
        assert view.scroll_y == heading_line(view, "Beta")
        assert view.cursor_link is None


async def test_escape_drops_the_link_cursor(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        await pilot.press("tab")
        assert view.cursor_link == 0
        await pilot.press("escape")
        assert view.cursor_link is None
        await pilot.press("enter")
        await settle(pilot)
        assert view.slug == "links"


# -- the links list ------------------------------------------------------------------------------


async def test_L_lists_every_link_with_its_status_and_enter_follows(library: Path) -> None:
    app = reader(library, "links")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "links")
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LinksScreen), "the links list")
        screen = app.screen
        assert isinstance(screen, LinksScreen)
        options = screen.query_one(OptionList)
        assert options.option_count == len(view.document.links)
        rows = []
        for index in range(options.option_count):
            prompt = options.get_option_at_index(index).prompt
            rows.append(str(getattr(prompt, "plain", prompt)))
        expected = [
            ("the guide", "Guide", "→ article"),
            ("beta part", "Guide § beta", "→ article"),
            ("last words", "#last-words", "→ heading here"),
            ("escape hatch", "../../outside.md", "outside the library: refused"),
            ("missing page", "nowhere.md", "no such article"),
            ("the web", EXTERNAL, "external, asks first"),
        ]
        for row, (text, where, status) in zip(rows, expected, strict=False):
            # Spaces are ignored in the link text: see the xfail test below.
            assert row.replace(" ", "").startswith(text.replace(" ", "")), row
            assert where in row, row
            assert row.rstrip().endswith(status), row
        label = screen.query_one(Label)
        assert str(label.content) == f"{len(rows)} links"

        # Choose the heading here (third row).
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, LinksScreen), "closing")
        target = heading_line(view, "Last words")
        await wait_until(pilot, lambda: view.scroll_y == target, "the jump to Last words")


async def test_L_lists_a_wrapped_link_text_with_its_space(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    # At 46 columns the article is laid out 42 columns wide: the link wraps after "missing".
    words = "Some words, and more words, then a [missing page](nowhere.md) after."
    (root / "wrap.md").write_text(f"# Wrap\n\n{words}\n", encoding="utf-8")
    app = reader(root, "wrap")
    async with app.run_test(size=(46, 24)) as pilot:
        view = await wait_for_article(pilot, "wrap")
        text = layout_text(view)
        assert any(line.endswith("missing") for line in text), text
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LinksScreen), "the links list")
        options = app.screen.query_one(OptionList)
        prompt = options.get_option_at_index(0).prompt
        assert str(getattr(prompt, "plain", prompt)).startswith("missing page")


# -- code wrapping -------------------------------------------------------------------------------


async def test_w_toggles_wrapping_of_long_code_lines(library: Path) -> None:
    app = reader(library, "code")
    async with app.run_test(size=SMALL) as pilot:
        view = await wait_for_article(pilot, "code")
        layout = view.text_layout
        assert layout is not None and layout.wrap_code
        width = layout.width
        assert all(line.width <= width for line in layout.lines)
        code_lines = [text for text in layout_text(view) if "values" in text]
        assert len(code_lines) == 2, "the long line wraps; print(len(values)) is the other"
        assert view.max_scroll_x == 0

        await pilot.press("w")
        await wait_until(pilot, lambda: not view.text_layout.wrap_code, "the unwrapped layout")  # type: ignore[union-attr]
        layout = view.text_layout
        assert layout is not None
        assert layout.overflow_width > width
        assert max(line.width for line in layout.lines) == layout.overflow_width
        assert any("values = [0, 1, 2" in text and "79]" in text for text in layout_text(view))
        await pilot.pause()
        assert view.max_scroll_x > 0
        assert view.scroll_x == 0
        await pilot.press("right")
        assert view.scroll_x == 8
        await pilot.press("right", "right")
        assert view.scroll_x == 24
        await pilot.press("left")
        assert view.scroll_x == 16

        await pilot.press("w")
        await wait_until(pilot, lambda: view.text_layout.wrap_code, "the wrapped layout")  # type: ignore[union-attr]
        layout = view.text_layout
        assert layout is not None
        assert all(line.width <= width for line in layout.lines)
        assert view.scroll_x == 0
        messages = notifications(app)
        assert any("kept whole" in text for text in messages)
        assert any("wrapped" in text for text in messages)


def luminance(colour: RichColor) -> float:
    """Relative luminance (WCAG) of a Rich colour."""
    channels = []
    for value in colour.get_truecolor():
        c = value / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: RichColor, second: RichColor) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


async def test_code_is_painted_readable_on_a_dark_background(articles_dir: Path) -> None:
    app = create_app(str(articles_dir), open_slug=TRAINING)
    async with app.run_test(size=SMALL) as pilot:
        view = await wait_for_article(pilot, TRAINING)
        assert app.theme == "textual-dark"
        index = next(
            number for number, text in enumerate(layout_text(view)) if "# Weekly volume" in text
        )
        view.scroll_to_line(index)
        await pilot.pause()
        page = view.rich_style.bgcolor
        assert page is not None and luminance(page) < 0.1
        painted = [
            segment for segment in view.render_line(0) if segment.text.strip() and segment.style
        ]
        comment = next(segment for segment in painted if "# Weekly" in segment.text)
        assert comment.style is not None
        background, colour = comment.style.bgcolor, comment.style.color
        assert background is not None and colour is not None
        # The code block is a shade of the dark page, and its comment can be read.
        assert luminance(background) < 0.2, background
        assert contrast(colour, background) >= 3.0, (colour, background)


async def test_footer_enables_related_and_find_once_an_article_is_shown(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long article takes a while to load (its related lookup alone ~0.25 s for 1 MiB). Here
    # the load is held until the footer has been drawn for the start (no article yet), then
    # let go, so the order of events is always that of a slow article.
    lookup = app_module.related_entries
    release = threading.Event()

    def held_lookup(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return lookup(*args, **kwargs)

    monkeypatch.setattr(app_module, "related_entries", held_lookup)
    app = create_app(str(articles_dir), open_slug=TRAINING)

    def footer() -> dict[str, bool]:
        return {shown.key: not shown.enabled for shown in app.screen.query_one(KeyBar).shown}

    async with app.run_test(size=BIG) as pilot:
        try:
            # The article view is focused at start: wait for the footer redrawn after that.
            await wait_until(
                pilot,
                lambda: app.library is not None and app.focused is app.article_view,
                "the article view focused",
            )
            await pilot.pause(0.2)
            await wait_until(pilot, lambda: footer().get("r") is True, "the footer redrawn")
            assert app.article_view.slug is None
        finally:
            release.set()
        await wait_for_article(pilot, TRAINING)
        await settle(pilot)
        await pilot.pause(0.2)
        assert app.check_action("related", ()) is True
        assert app.check_action("find", ()) is True
        keys = footer()
        assert keys.get("r") is False, keys
        assert keys.get("slash") is False, keys


# -- resizing ------------------------------------------------------------------------------------


async def test_resize_keeps_the_line_inside_a_paragraph(library: Path) -> None:
    app = reader(library, "guide")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "guide")
        layout = view.text_layout
        assert layout is not None
        # The second line of a two-line paragraph in the middle, at the top.
        gamma = heading_line(view, "Gamma")
        block = layout.lines[gamma + 4].block
        start = layout.block_starts[block]
        assert layout.lines[start + 1].block == block
        view.scroll_to_line(start + 1)
        await pilot.pause()
        before = view.location()
        assert before is not None and before.offset == 1

        await pilot.resize_terminal(*SMALL)
        await wait_until(pilot, lambda: app.size == SMALL, "the app to be 80x24")
        await settle(pilot)
        narrow = view.text_layout
        assert narrow is not None and narrow.width < layout.width
        after = view.location()
        assert after is not None
        assert after.block == before.block
        # Narrower, the paragraph has more lines: the reader stays inside it.
        assert narrow.lines[int(view.scroll_y)].block == block
        assert view.scroll_y > narrow.block_starts[block]

        await pilot.resize_terminal(*BIG)
        await wait_until(pilot, lambda: app.size == BIG, "the app to be 120x40")
        await settle(pilot)
        assert view.location() == before


# -- long articles -------------------------------------------------------------------------------


def go_blog_prose(size: int) -> str:
    """At least `size` characters of Go blog posts, front matter removed, one after another."""
    parts: list[str] = []
    total = 0
    while total < size:
        for path in sorted(GO_BLOG.glob("*.md")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                end = text.find("\n---\n", 4)
                text = text[end + 5 :] if end != -1 else text
            elif text.startswith("+++\n"):
                end = text.find("\n+++\n", 4)
                text = text[end + 5 :] if end != -1 else text
            parts.append(text.strip() + "\n\n")
            total += len(parts[-1])
            if total >= size:
                break
    return "".join(parts)


needs_go_blog = pytest.mark.skipif(not GO_BLOG.is_dir(), reason=f"no Go blog corpus at {GO_BLOG}")


@needs_go_blog
async def test_a_one_mebibyte_article_shows_its_head_first_and_g_reaches_the_end(
    tmp_path: Path,
) -> None:
    root = tmp_path / "big"
    root.mkdir()
    body = go_blog_prose(1024 * 1024)
    assert 1024 * 1024 <= len(body) < PLAIN_TEXT_LIMIT
    (root / "big.md").write_text("# Big\n\n" + body, encoding="utf-8")
    app = reader(root, "big")
    seen: list[tuple[bool, int, float]] = []
    async with app.run_test(size=BIG) as pilot:
        view = app.article_view
        started = time.monotonic()

        def first_screen() -> bool:
            if view.slug == "big" and view.text_layout is not None:
                seen.append((view.complete, len(view.text_layout.lines), time.monotonic()))
                return True
            return False

        await wait_until(pilot, first_screen, "the first screen", timeout=10)
        complete, lines, shown = seen[0]
        assert lines > view.size.height
        assert "Big" in layout_text(view)[:8]
        # Either the head was shown while the rest was still being parsed, or the whole
        # article came at once, quickly.
        if complete:
            assert shown - started < 2.0, "a 1 MiB article shown whole, but late"
        else:
            assert "Loading the rest of the article…" in " ".join(layout_text(view))
        await wait_until(pilot, lambda: view.complete, "the whole article", timeout=30)
        await settle(pilot)
        layout = view.text_layout
        assert layout is not None
        assert len(layout.lines) > lines
        view.focus()
        for _ in range(5):
            await pilot.press("G")
            if view.scroll_y == view.max_scroll_y:
                break
        assert view.scroll_y == view.max_scroll_y > 0
        assert int(view.scroll_y) + view.size.height >= len(layout.lines)
        # The last laid-out line is the end of the article (or its related list).
        last = [text for text in layout_text(view) if text.strip()][-1]
        assert last
        await pilot.press("g")
        assert view.scroll_y == 0


@needs_go_blog
@pytest.mark.parametrize("moved_after", [False, True], ids=["stays", "moves-up"])
async def test_g_while_a_long_article_loads_ends_at_its_real_end(
    tmp_path: Path, moved_after: bool
) -> None:
    """G before the rest of a long article is laid out: the reader is taken to the end of
    the whole article when it comes (as less does), unless they moved away meanwhile."""
    root = tmp_path / "big"
    root.mkdir()
    (root / "big.md").write_text("# Big\n\n" + go_blog_prose(1024 * 1024), encoding="utf-8")
    app = reader(root, "big")
    async with app.run_test(size=BIG) as pilot:
        view = app.article_view
        await wait_until(
            pilot,
            lambda: view.slug == "big" and view.text_layout is not None,
            "the first screen",
            timeout=10,
        )
        assert not view.complete, "1 MiB of prose is shown in parts"
        view.focus()
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0  # the end of what is there so far
        if moved_after:
            await pilot.press("k", "k")
        partial_top = int(view.scroll_y)
        await wait_until(pilot, lambda: view.complete, "the whole article", timeout=30)
        await settle(pilot)
        layout = view.text_layout
        assert layout is not None
        if moved_after:
            assert int(view.scroll_y) == partial_top  # kept where they went
        else:
            assert view.scroll_y == view.max_scroll_y
            assert int(view.scroll_y) + view.size.height >= len(layout.lines)
            assert view.percent == 100


@needs_go_blog
async def test_resize_of_a_long_article_keeps_the_position(tmp_path: Path) -> None:
    """Articles over SYNC_RELAYOUT_LINES reflow in a worker; the place is kept all the same."""
    root = tmp_path / "long"
    root.mkdir()
    (root / "long.md").write_text("# Long\n\n" + go_blog_prose(300 * 1024), encoding="utf-8")
    app = reader(root, "long")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "long")
        layout = view.text_layout
        assert layout is not None
        assert len(layout.lines) > 5000
        middle = len(layout.block_starts) // 2
        start = layout.block_starts[middle]
        view.scroll_to_line(start)
        await pilot.pause()
        before = view.location()
        assert before is not None and before.block == middle

        await pilot.resize_terminal(*SMALL)
        await wait_until(
            pilot,
            lambda: view.text_layout is not None and view.text_layout.width < layout.width,
            "the narrower layout",
            timeout=20,
        )
        await settle(pilot)
        after = view.location()
        assert after is not None
        assert after.block == middle
        assert view.scroll_y == view.text_layout.block_starts[middle]  # type: ignore[union-attr]


@needs_go_blog
async def test_an_article_over_the_parse_limit_is_plain_text_with_a_notice(
    tmp_path: Path,
) -> None:
    root = tmp_path / "huge"
    root.mkdir()
    body = go_blog_prose(PLAIN_TEXT_LIMIT + 64 * 1024)
    (root / "huge.md").write_text("# Huge\n\n" + body, encoding="utf-8")
    app = reader(root, "huge")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "huge")
        text = " ".join(" ".join(layout_text(view)[:20]).split())
        assert "larger than the 2 MiB parse limit: shown as plain text." in text
        layout = view.text_layout
        assert layout is not None
        # Plain text: the Markdown is not interpreted (the heading marks are still there).
        assert any(line.startswith("# Huge") for line in layout_text(view)[:20])
        assert "Huge" not in [heading.text for heading in layout.headings]
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0


async def worst_gap_while(pilot: Pilot[None], action: Callable[[], object], done: Check) -> float:
    """Run `action`, then tick every 5 ms on the app's loop until `done()`; the largest gap
    between two ticks, in seconds (how long the reader could not answer a key)."""
    loop = asyncio.get_running_loop()
    worst = 0.0
    action()
    last = loop.time()
    deadline = last + 300
    while not done():
        await asyncio.sleep(0.005)
        now = loop.time()
        worst = max(worst, now - last)
        last = now
        assert now < deadline, "the article never finished opening"
    await pilot.pause()
    return worst


async def test_a_long_line_without_spaces_does_not_freeze_the_reader(tmp_path: Path) -> None:
    """A regression test: the related lookup once matched bare URLs with `\\S+://\\S+`, which
    backtracks quadratically on a long run without spaces inside one re.sub call (holding the
    GIL): 'a]' * 65000 froze the whole reader for about 40 s."""
    root = tmp_path / "dense"
    root.mkdir()
    (root / "start.md").write_text("# Start\n\nA short article.\n", encoding="utf-8")
    (root / "dense.md").write_text("a]" * 20000, encoding="utf-8")
    app = reader(root, "start")
    async with app.run_test(size=BIG) as pilot:
        await wait_for_article(pilot, "start")
        view = app.article_view

        def shown() -> bool:
            return (
                view.slug == "dense"
                and view.complete
                and not any(worker.is_running for worker in app.workers)
            )

        worst = await worst_gap_while(pilot, lambda: app.open_article("dense"), shown)
        assert worst < 1.0, f"the reader froze for {worst:.1f} s"


def test_go_blog_prose_has_no_front_matter() -> None:
    if not GO_BLOG.is_dir():
        pytest.skip("no Go blog corpus")
    text = go_blog_prose(200 * 1024)
    assert len(text) >= 200 * 1024
    assert "\ntitle:" not in text[:2000]
    assert not text.startswith("---")
