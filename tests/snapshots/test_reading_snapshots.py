"""Snapshots of the article view at 80x24 scrolled to a table, to a code block and to nested
lists (the shipped articles, reached with the reader's own keys).

Regenerate after a deliberate visual change with
`.venv/bin/pytest tests/snapshots/test_reading_snapshots.py --snapshot-update` and look at the
SVGs (`rsvg-convert file.svg -o file.png`) before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from readingroom.tui import app as app_module
from readingroom.tui.app import ReadingRoomApp, create_app
from readingroom.tui.widgets.article_view import ArticleView
from tests.tui.helpers import app_of, settle, wait_for_article

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
SIZE = (80, 24)
TRAINING = "training/train-to-technical-failure"
FINISHERS = "training/hard-finishers"

SnapCompare = Callable[..., bool]


def reader(slug: str) -> ReadingRoomApp:
    return create_app(str(ARTICLES), open_slug=slug)


def section(view: ArticleView) -> str | None:
    layout = view.text_layout
    assert layout is not None
    index = layout.heading_at(int(view.scroll_y))
    return None if index is None else layout.headings[index].text


def heading_on_top(view: ArticleView, text: str) -> bool:
    """True when the heading `text` is the top line of the pane."""
    layout = view.text_layout
    assert layout is not None
    top = int(view.scroll_y)
    return any(heading.text == text and heading.line == top for heading in layout.headings)


def first_line(view: ArticleView, role: str, after: int) -> int:
    """The first laid-out line at or after `after` whose first run has `role`."""
    layout = view.text_layout
    assert layout is not None
    for number in range(after, len(layout.lines)):
        runs = layout.lines[number].runs
        if runs and role in runs[0].roles:
            return number
    raise AssertionError(f"no {role} line after {after}")


def at_heading(
    slug: str, heading: str, *, then_to: str | None = None
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open `slug`, press ] until `heading` is the top line, then (with `then_to`) press j
    until the first line with that role is at the top."""

    async def run_before(pilot: Pilot[None]) -> None:
        view = await wait_for_article(pilot, slug)
        assert app_of(pilot).focused is view
        layout = view.text_layout
        assert layout is not None
        for _ in range(len(layout.headings)):
            if heading_on_top(view, heading):
                break
            await pilot.press("right_square_bracket")
        assert heading_on_top(view, heading)
        assert section(view) == heading
        if then_to is not None:
            target = first_line(view, then_to, int(view.scroll_y))
            while view.scroll_y < target - 1:
                await pilot.press("j")
        # The position is saved (and the sidebar shows how far through the article is) once
        # scrolling has paused for POSITION_SAVE_DELAY: wait for it, so that it always shows.
        await pilot.pause(float(getattr(app_module, "POSITION_SAVE_DELAY", 0.0)) + 0.3)
        # The footer's greyed-out keys are not refreshed when the article arrives (see the
        # xfail test in tests/tui/test_reading_view.py) and are refreshed at a time that varies
        # from run to run: refresh them here so the snapshot is stable.
        app_of(pilot).refresh_bindings()
        await settle(pilot)
        await pilot.pause()

    return run_before


def test_table(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        reader(FINISHERS),
        terminal_size=SIZE,
        run_before=at_heading(FINISHERS, "Five finishers to try"),
    )


def test_code_block(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        reader(TRAINING),
        terminal_size=SIZE,
        run_before=at_heading(TRAINING, "Keeping track of the cost", then_to="code-block"),
    )


def test_nested_lists(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        reader(TRAINING),
        terminal_size=SIZE,
        run_before=at_heading(TRAINING, "Picking the right exercises"),
    )


RECOVERY = "recovery/active-recovery-days"


def pressing(slug: str, *keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open `slug` and press `keys`."""

    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_article(pilot, slug)
        await pilot.press(*keys)
        await pilot.pause(float(getattr(app_module, "POSITION_SAVE_DELAY", 0.0)) + 0.3)
        app_of(pilot).refresh_bindings()
        await settle(pilot)
        await pilot.pause()

    return run_before


def test_find_matches_and_the_link_cursor(snap_compare: SnapCompare) -> None:
    """tab puts the link cursor on the first link (the link's colours reversed, underlined);
    then every match of "the" is underlined on an orange tint, and the current one (the
    first below the top) is reversed and bold."""
    assert snap_compare(
        reader(RECOVERY),
        terminal_size=SIZE,
        run_before=pressing(RECOVERY, "tab", "slash", *"the", "enter"),
    )


def test_link_hints_cover_the_start_of_each_link(snap_compare: SnapCompare) -> None:
    """f, with links on screen: each has its label drawn over its first letters; no
    character of the text moves."""
    assert snap_compare(
        reader(RECOVERY),
        terminal_size=SIZE,
        run_before=pressing(RECOVERY, "tab", "escape", "f"),
    )
