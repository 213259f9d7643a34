"""Turning one laid-out line into segments, with the view's overlays painted on top.

Overlays: find matches (character ranges), the link under the keyboard cursor, and link-hint
labels drawn just before the link they follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
    hinted: set[int] = set()
    for run in line.runs:
        link = run.link
        if link is not None and link in overlays.hints and link not in hinted:
            hinted.add(link)
            segments.append(Segment(overlays.hints[link], style_for(("hint",))))
        base = run.roles
        if link is not None and link == overlays.cursor_link:
            base = (*base, "link-cursor")
        for text, extra in _cut(run.text, position, overlays.ranges):
            segments.append(Segment(text, style_for((*base, *extra))))
        position += len(run.text)
    return segments
