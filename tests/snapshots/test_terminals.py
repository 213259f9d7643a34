"""Snapshots of the reader as different terminals show it: NO_COLOR, 16 colours, a light theme.

The 16-colour snapshots pass every colour through the downgrade a 16-colour terminal gets (Rich
maps each colour to the nearest of the 16 standard ones) and paint them with xterm's palette, so
the SVG shows what a reader on TERM=xterm-16color or TERM=linux sees.

Regenerate after a deliberate visual change with
`.venv/bin/pytest tests/snapshots --snapshot-update` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from textual.color import Color
from textual.filter import LineFilter

from readingroom.tui import app as reader_module
from readingroom.tui.app import ReadingRoomApp, create_app
from tests.snapshots.test_snapshots import IDS, SIZES, SLUG, article_drawn

ARTICLES = Path(__file__).resolve().parents[2] / "articles"

SnapCompare = Callable[..., bool]


def sixteen(style: Style | None) -> Style | None:
    """The style as a 16-colour terminal paints it."""
    if style is None:
        return None
    colours = {}
    for name in ("color", "bgcolor"):
        colour = getattr(style, name)
        if colour is not None and not colour.is_default:
            standard = colour.downgrade(ColorSystem.STANDARD)
            colours[name] = standard.get_truecolor(DEFAULT_TERMINAL_THEME).hex
    return style + Style(**colours) if colours else style


class SixteenColours(LineFilter):
    """Every colour through a 16-colour terminal."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, sixteen(style), control) for text, style, control in segments]


class SixteenColourReader(ReadingRoomApp):
    """The reader on a 16-colour terminal."""

    CSS_PATH = Path(reader_module.__file__).parent / ReadingRoomApp.CSS_PATH  # type: ignore[operator]

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), SixteenColours()]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_no_color(
    snap_compare: SnapCompare, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(str(ARTICLES), open_slug=SLUG)
    assert app.no_color
    assert snap_compare(app, terminal_size=size, run_before=article_drawn)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_sixteen_colours(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = SixteenColourReader(str(ARTICLES), open_slug=SLUG)
    assert snap_compare(app, terminal_size=size, run_before=article_drawn)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_light_theme(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = create_app(str(ARTICLES), open_slug=SLUG, theme="textual-light")
    assert snap_compare(app, terminal_size=size, run_before=article_drawn)
