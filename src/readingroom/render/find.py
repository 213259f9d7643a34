"""Finding text in a laid-out article: every match, by line and character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from readingroom.render.layout import Layout

MAX_MATCHES = 100_000


@dataclass(frozen=True, slots=True)
class Match:
    """One match: its line and the character range in that line's text."""

    line: int
    start: int
    end: int


def find_matches(layout: Layout, query: str) -> list[Match]:
    """Every case-insensitive occurrence of `query` (as plain text, never a pattern)."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    matches: list[Match] = []
    for number, line in enumerate(layout.lines):
        if not line.runs:
            continue
        for found in pattern.finditer(line.text):
            matches.append(Match(number, found.start(), found.end()))
            if len(matches) >= MAX_MATCHES:
                return matches
    return matches


def next_match(matches: list[Match], line: int, *, backwards: bool = False) -> int | None:
    """The index of the first match after `line` (or before it, going backwards), wrapping."""
    if not matches:
        return None
    if backwards:
        for index in range(len(matches) - 1, -1, -1):
            if matches[index].line < line:
                return index
        return len(matches) - 1
    for index, match in enumerate(matches):
        if match.line > line:
            return index
    return 0
