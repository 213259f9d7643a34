"""Turning one laid-out line into segments, with the view's overlays painted on top.

Overlays: find matches (character ranges), the link under the keyboard cursor, and link-hint
labels. A label is drawn over the first cells of its link's text, as vimium does, so showing
hints never moves a character of the article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from readingroom.render.runs import Line, Roles


@dataclass(slots=True)
class Overlays:
    """What to paint over the text of one line."""

    ranges: list[tuple[int, int, Roles]] = field(default_factory=list)
    cursor_link: int | None = None
    hints: dict[int, str] = field(default_factory=dict)


def _cut(text: str, start: int, ranges: list[tuple[int, int, Roles]]) -> list[tuple[str, Roles]]:
    """Split `text` (starting at character `start` of the line) at the overlay ranges."""
    pieces: list[tuple[str, Roles]] = []
    end = start + len(text)
    position = start
    for first, last, roles in ranges:
        if last <= position or first >= end:
            continue
        if first > position:
            pieces.append((text[position - start : first - start], ()))
        stop = min(last, end)
        pieces.append((text[max(first, position) - start : stop - start], roles))
        position = stop
    if position < end:
        pieces.append((text[position - start :], ()))
    return pieces


def paint_line(
    line: Line, style_for: Callable[[Roles], Style], overlays: Overlays | None
) -> list[Segment]:
    """Segments for a line: each run in its roles' style, overlays added."""
    if overlays is None:
        return [Segment(run.text, style_for(run.roles)) for run in line.runs]
    segments: list[Segment] = []
    position = 0
    cells = 0
    labels: dict[int, tuple[int, str]] = {}  # link: (cell, label), its first run on the line
    for run in line.runs:
        link = run.link
        if link is not None and link in overlays.hints and link not in labels:
            labels[link] = (cells, overlays.hints[link])
        base = run.roles
        if link is not None and link == overlays.cursor_link:
            base = (*base, "link-cursor")
        for text, extra in _cut(run.text, position, overlays.ranges):
            segments.append(Segment(text, style_for((*base, *extra))))
        position += len(run.text)
        cells += cell_len(run.text)
    if labels:
        label_style = style_for(("hint",))
        for at, label in labels.values():
            segments = _overlay(segments, at, label, label_style)
    return segments


def _overlay(segments: list[Segment], at: int, label: str, style: Style) -> list[Segment]:
    """`segments` with the cells from `at` covered by `label` (a wide character cut in two
    is replaced by spaces, so every other cell stays where it was); a label longer than the
    rest of the line runs past its end."""
    end = at + cell_len(label)
    out: list[Segment] = []
    cell = 0
    placed = False
    for segment in segments:
        text, segment_style = segment.text, segment.style
        width = cell_len(text)
        if cell + width <= at or cell >= end:
            if cell >= end and not placed:
                out.append(Segment(label, style))
                placed = True
            out.append(segment)
            cell += width
            continue
        before: list[str] = []
        after: list[str] = []
        for char in text:
            char_width = cell_len(char)
            if cell + char_width <= at:
                before.append(char)
            elif cell >= end:
                after.append(char)
            elif cell < at:  # a wide character that starts before the label
                before.append(" " * (at - cell))
            elif cell + char_width > end:  # a wide character that ends after the label
                after.append(" " * (cell + char_width - end))
            cell += char_width
        if before:
            out.append(Segment("".join(before), segment_style))
        if not placed and (after or cell >= end):
            out.append(Segment(label, style))
            placed = True
        if after:
            out.append(Segment("".join(after), segment_style))
    if not placed:
        if cell < at:
            out.append(Segment(" " * (at - cell)))
        out.append(Segment(label, style))
    return out
