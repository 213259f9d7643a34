"""Snapshots of the reader: the main view at 80x24 and 120x40, the related dialog, the help.

Regenerate after a deliberate visual change with
`.venv/bin/pytest tests/snapshots --snapshot-update` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from readingroom.tui.app import ReadingRoomApp, create_app
from readingroom.tui.screens.help_screen import HelpScreen
from readingroom.tui.screens.related_screen import RelatedScreen
from tests.tui.helpers import settle, wait_for_article, wait_until

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
SLUG = "recovery/beyond-the-burn"
SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]

SnapCompare = Callable[..., bool]


def reader() -> ReadingRoomApp:
    return create_app(str(ARTICLES), open_slug=SLUG)


async def article_drawn(pilot: Pilot[None]) -> None:
    """The library listed, the article laid out and painted, nothing left running."""
    await wait_for_article(pilot, SLUG)
    await settle(pilot)
    await pilot.pause()


def then_press(key: str, screen: type) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await article_drawn(pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen), screen.__name__)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_reader(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(reader(), terminal_size=size, run_before=article_drawn)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_related_dialog(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(reader(), terminal_size=size, run_before=then_press("r", RelatedScreen))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_help_screen(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(
        reader(), terminal_size=size, run_before=then_press("question_mark", HelpScreen)
    )
