"""The related dialog, and back / forward through the history with the reader's position."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from readingroom.tui.app import create_app
from readingroom.tui.screens.related_screen import RelatedScreen
from tests.tui.helpers import (
    NEWEST,
    app_of,
    highlighted_id,
    wait_for_article,
    wait_until,
)

SIZE = (120, 40)

STIGMA = "mental-health/breaking-the-stigma"
ACTIVE = "recovery/active-recovery-days"
ANXIETY = "mental-health/exercise-and-anxiety"
BURN = "recovery/beyond-the-burn"
SLEEP = "recovery/sleep-the-hidden-workout"
FINISHERS = "training/hard-finishers"
TRAUMA = "mental-health/understanding-trauma"

# Worked out by hand from the shipped articles' front matter and links.
RELATED = {
    # Declared: its three `related` entries; Links: the one linked article not declared;
    # Linked from: nothing new (every article linking here is already listed).
    NEWEST: [("Declared", [STIGMA, ACTIVE, ANXIETY]), ("Links", [BURN])],
    SLEEP: [
        ("Declared", [FINISHERS, ACTIVE, ANXIETY]),
        ("Links", [BURN]),
        ("Linked from", [TRAUMA]),
    ],
}


def plain(prompt: object) -> str:
    return str(getattr(prompt, "plain", prompt))


def groups(option_list: OptionList) -> list[tuple[str, list[str]]]:
    """The related list as (heading, [slugs]) pairs; headings are disabled, id-less options."""
    found: list[tuple[str, list[str]]] = []
    for index in range(option_list.option_count):
        option = option_list.get_option_at_index(index)
        if option.id is None:
            assert option.disabled
            found.append((plain(option.prompt).strip(), []))
        else:
            assert found, "an article before any heading"
            assert not option.disabled
            found[-1][1].append(option.id)
    return found


async def open_related(pilot: Pilot[None]) -> tuple[RelatedScreen, OptionList]:
    app = app_of(pilot)
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(app.screen, RelatedScreen), "the related dialog")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, RelatedScreen)
    return screen, screen.query_one(OptionList)


@pytest.mark.parametrize("slug", [NEWEST, SLEEP])
async def test_r_lists_declared_links_and_linked_from(articles_dir: Path, slug: str) -> None:
    app = create_app(str(articles_dir), open_slug=slug)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, slug)
        screen, options = await open_related(pilot)
        found = groups(options)
        # Found in the text (mentions, similar) depends on the index; the rest is exact.
        assert [group for group in found if group[0] not in ("Mentions", "Similar")] == RELATED[
            slug
        ]
        assert all(group[0] != "Similar" or 1 <= len(group[1]) <= 5 for group in found)
        assert app.focused is options
        assert app.library is not None
        article = app.library.get(slug)
        assert article is not None
        title = article.title
        label = plain(screen.query("Label").first().render())
        assert title in label


async def test_related_enter_opens_then_back_and_forward_restore_positions(
    articles_dir: Path,
) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        view.focus()
        await pilot.pause()
        await pilot.press("j", "j", "j", "j", "j")
        assert view.scroll_y == 5
        assert not app.history.can_go_back

        _, options = await open_related(pilot)
        # The first article (not the disabled heading) is highlighted.
        assert highlighted_id(options) == STIGMA
        await pilot.press("down")
        assert highlighted_id(options) == ACTIVE
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, RelatedScreen), "dismissal")
        view = await wait_for_article(pilot, ACTIVE)
        assert view.scroll_y == 0
        assert app.focused is view
        assert highlighted_id(app.sidebar) == ACTIVE
        await pilot.press("j", "j")
        assert view.scroll_y == 2

        await pilot.press("backspace")
        view = await wait_for_article(pilot, NEWEST)
        assert view.scroll_y == 5
        assert view.location() is not None
        assert highlighted_id(app.sidebar) == NEWEST
        assert app.history.can_go_forward

        await pilot.press("alt+right")
        view = await wait_for_article(pilot, ACTIVE)
        assert view.scroll_y == 2
        assert not app.history.can_go_forward

        await pilot.press("backspace")
        view = await wait_for_article(pilot, NEWEST)
        assert view.scroll_y == 5


async def test_back_and_forward_do_nothing_at_the_ends_of_the_history(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        view.focus()
        await pilot.press("j", "j")
        await pilot.press("backspace", "alt+right")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.slug == NEWEST
        assert view.scroll_y == 2


@pytest.mark.parametrize("key", ["escape", "r"])
async def test_escape_closes_related_without_changing_article(articles_dir: Path, key: str) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        view.focus()
        await pilot.press("j", "j", "j")
        _, options = await open_related(pilot)
        await pilot.press("down")
        assert highlighted_id(options) == ACTIVE
        await pilot.press(key)
        await wait_until(pilot, lambda: not isinstance(app.screen, RelatedScreen), "dismissal")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view.slug == NEWEST
        assert view.scroll_y == 3
        assert not app.history.can_go_back
        assert app.focused is view


async def test_related_of_an_article_linked_from_elsewhere_opens_the_backlink(
    articles_dir: Path,
) -> None:
    app = create_app(str(articles_dir), open_slug=SLEEP)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, SLEEP)
        _, options = await open_related(pilot)
        presses = 0
        while highlighted_id(options) != TRAUMA and presses < options.option_count:
            await pilot.press("down")
            presses += 1
        assert highlighted_id(options) == TRAUMA
        await pilot.press("enter")
        view = await wait_for_article(pilot, TRAUMA)
        assert view.slug == TRAUMA
        await pilot.press("backspace")
        view = await wait_for_article(pilot, SLEEP)
        assert view.slug == SLEEP


def short_and_long_library(root: Path) -> Path:
    long_body = "\n\n".join(f"Paragraph {n} of the long article." for n in range(80))
    (root / "long.md").write_text(
        f"---\ntitle: Long\ndate: 2025-01-02\nrelated: [short]\n---\n\n{long_body}\n",
        encoding="utf-8",
    )
    (root / "short.md").write_text(
        "---\ntitle: Short\ndate: 2025-01-01\n---\n\nOne line.\n", encoding="utf-8"
    )
    return root


async def test_back_from_a_short_article_restores_the_position(tmp_path: Path) -> None:
    root = short_and_long_library(tmp_path)
    app = create_app(str(root))
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, "long")
        assert view.max_scroll_y > 20
        view.focus()
        await pilot.press("space")
        position = view.scroll_y
        assert position > 0
        _, options = await open_related(pilot)
        assert highlighted_id(options) == "short"
        await pilot.press("enter")
        view = await wait_for_article(pilot, "short")
        assert view.max_scroll_y == 0
        await pilot.press("backspace")
        view = await wait_for_article(pilot, "long")
        assert view.scroll_y == position


def test_related_expectations_name_shipped_articles(articles_dir: Path) -> None:
    """The expectations above only name articles that exist."""
    for expected in RELATED.values():
        for _, slugs in expected:
            for slug in slugs:
                assert (articles_dir / f"{slug}.md").is_file(), slug
