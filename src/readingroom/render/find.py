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


class FindState:
    """The find of one article view: the query, its matches, and which one is current."""

    def __init__(self) -> None:
        self.query = ""
        self.matches: list[Match] = []
        self.index: int | None = None
        self._by_line: dict[int, list[int]] = {}

    def search(self, layout: Layout | None, query: str, from_line: int) -> None:
        """Find `query` anew; the current match is the first at or below `from_line`."""
        self.query = query
        self._collect(layout)
        self.index = next_match(self.matches, from_line - 1) if self.matches else None

    def refresh(self, layout: Layout | None, top: int) -> None:
        """Find the same query in a new layout, staying near the current match."""
        current = self.current
        self._collect(layout)
        line = current.line if current is not None else top
        self.index = next_match(self.matches, line - 1) if self.matches else None

    def _collect(self, layout: Layout | None) -> None:
        self.matches = find_matches(layout, self.query) if layout is not None else []
        self._by_line = {}
        for number, match in enumerate(self.matches):
            self._by_line.setdefault(match.line, []).append(number)

    def clear(self) -> None:
        """No query, no matches."""
        self.query = ""
        self.matches = []
        self.index = None
        self._by_line = {}

    @property
    def current(self) -> Match | None:
        """The current match, if any."""
        return self.matches[self.index] if self.index is not None else None

    def step(self, *, backwards: bool) -> Match | None:
        """Move to the next (or previous) match, wrapping around; return it."""
        if not self.matches:
            return None
        if self.index is None:
            self.index = 0
        else:
            self.index = (self.index + (-1 if backwards else 1)) % len(self.matches)
        return self.current

    def status(self) -> tuple[int, int]:
        """(current match, 1-based or 0, total matches)."""
        return (0 if self.index is None else self.index + 1, len(self.matches))

    def ranges_on(self, line: int) -> list[tuple[int, int, tuple[str, ...]]] | None:
        """Character ranges to highlight on a line, with their roles, or None."""
        numbers = self._by_line.get(line)
        if numbers is None:
            return None
        return [
            (
                self.matches[number].start,
                self.matches[number].end,
                ("match-current",) if number == self.index else ("match",),
            )
            for number in numbers
        ]
