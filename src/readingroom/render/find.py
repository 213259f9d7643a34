"""Finding text in a laid-out article: every match, by line and character offsets.

The find matches the way the full-text search does (SQLite FTS5's unicode61 tokenizer with
diacritics removed), so an article opened from a search hit finds what the search found:
case and diacritics are ignored ("cafe" finds "Café"), and any run of spaces or punctuation
between two words of the query matches any other such run ("striped animal" finds
"striped-animal", also across a line break). Punctuation before the first word or after the
last is matched as typed. Matches are mapped back to the characters of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from readingroom.render.layout import Layout

MAX_MATCHES = 100_000
_SEPARATORS_RE = re.compile(r"([\W_]+)")
_SEPARATOR = r"[\W_]+"
_WORD_RE = re.compile(r"[^\W_]")

Span = tuple[int, int, int]  # line, start, end (characters of the line's text)


class _FoldTable(dict[int, str]):
    """str.translate table: a character to its folded form, computed on first use."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()  # characters that fold to more or fewer than one

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        self[code] = folded
        return folded


def fold_char(char: str) -> str:
    """One character without diacritics (NFKD, combining marks dropped), in lower case."""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).lower()


_FOLD = _FoldTable()


def fold(text: str) -> tuple[str, list[int] | None]:
    """`text` folded, and for each folded character the index of the character it came
    from (None when folding kept every character in place)."""
    if text.isascii():
        return text.lower(), None
    folded = text.translate(_FOLD)
    if len(folded) == len(text) and _FOLD.uneven.isdisjoint(text):
        return folded, None
    origins: list[int] = []
    for index, char in enumerate(text):
        origins.extend([index] * len(_FOLD[ord(char)]))
    return folded, origins


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The pattern of a folded query: words literal, separators between them any run of
    spaces and punctuation; None for an empty query."""
    folded, _ = fold(query)
    if not folded:
        return None
    parts = _SEPARATORS_RE.split(folded)  # words at even indexes, separators at odd ones
    pieces: list[str] = []
    for number, part in enumerate(parts):
        # Only the first and the last word can be empty (the query starts or ends with
        # punctuation): a separator between two real words matches any separator.
        between = number % 2 and parts[number - 1] and parts[number + 1]
        if between:
            pieces.append(_SEPARATOR)
        else:
            pieces.append(re.escape(part))
    return re.compile("".join(pieces))


@dataclass(frozen=True, slots=True)
class Match:
    """One match: its line and the character range in that line's text; a match that runs
    on to later lines (a phrase across a line break) has their ranges in `rest`."""

    line: int
    start: int
    end: int
    rest: tuple[Span, ...] = ()

    @property
    def spans(self) -> tuple[Span, ...]:
        """Every line's range of the match, first line first."""
        return ((self.line, self.start, self.end), *self.rest)


class FoldedText:
    """A layout's lines folded and joined with newlines, mapping offsets back (built once
    per layout: a find while typing reuses it)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.texts: list[str] = []
        folded: list[str] = []
        self.origins: list[list[int] | None] = []
        self.starts: list[int] = []
        position = 0
        for line in layout.lines:
            text = line.text if line.runs else ""
            line_folded, origins = fold(text)
            self.texts.append(text)
            folded.append(line_folded)
            self.origins.append(origins)
            self.starts.append(position)
            position += len(line_folded) + 1
        self.text = "\n".join(folded)

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, folded offset in it) of an offset of the joined text."""
        line = bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]

    def original(self, line: int, offset: int, *, end: bool) -> int:
        """The character of the line's text a folded offset comes from (for an end: one past
        the character the offset before it comes from)."""
        origins = self.origins[line]
        if origins is None:
            return offset
        if end:
            if not offset:
                return 0
            stop = origins[offset - 1] + 1
            text = self.texts[line]
            while stop < len(text) and not _FOLD[ord(text[stop])]:
                stop += 1  # the combining marks of the last character belong to it
            return stop
        return origins[offset] if offset < len(origins) else len(self.texts[line])

    def spans(self, start: int, end: int) -> list[Span]:
        """The ranges, line by line, of the joined text's [start, end); the separator parts
        of a match that crosses lines (line ends, indents, quote bars) are left out."""
        first_line, first = self.locate(start)
        last_line, last = self.locate(end)
        out: list[Span] = []
        for line in range(first_line, last_line + 1):
            text = self.texts[line]
            begin = self.original(line, first, end=False) if line == first_line else 0
            stop = self.original(line, last, end=True) if line == last_line else len(text)
            if line != first_line:
                word = _WORD_RE.search(text, begin, stop)
                begin = word.start() if word else stop
            if line != last_line:
                while stop > begin and not _WORD_RE.match(text, stop - 1):
                    stop -= 1
            if stop > begin:
                out.append((line, begin, stop))
        return out


def find_matches(
    layout: Layout,
    query: str,
    folded: FoldedText | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Match] | None:
    """Every occurrence of `query`, ignoring case and diacritics (plain text, never a
    pattern; see the module's docstring for separators). `folded` is the layout's folded
    text, if already built; None when `cancelled()` became true on the way."""
    pattern = query_pattern(query)
    if pattern is None:
        return []
    text = folded if folded is not None and folded.layout is layout else FoldedText(layout)
    matches: list[Match] = []
    for found in pattern.finditer(text.text):
        if cancelled is not None and len(matches) % 512 == 0 and cancelled():
            return None
        if found.start() == found.end():
            continue
        spans = text.spans(found.start(), found.end())
        if not spans:
            continue
        (line, start, end), *rest = spans
        matches.append(Match(line, start, end, tuple(rest)))
        if len(matches) >= MAX_MATCHES:
            break
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


Highlights = dict[int, list[tuple[int, int, int]]]  # line -> (match number, start, end)


@dataclass
class FindResult:
    """Every match of a query in one layout, ready to show (made in any thread)."""

    layout: Layout
    query: str
    folded: FoldedText
    matches: list[Match]
    by_line: Highlights


def compute_find(
    layout: Layout,
    query: str,
    folded: FoldedText | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FindResult | None:
    """Find `query` in `layout` (`folded`: its folded text, reused when it is this layout's);
    None when `cancelled()` became true on the way (a worker whose query is outdated)."""
    if folded is None or folded.layout is not layout:
        folded = FoldedText(layout)
    matches = find_matches(layout, query, folded, cancelled) if query else []
    if matches is None:
        return None
    by_line: Highlights = {}
    for number, match in enumerate(matches):
        for line, start, end in match.spans:
            by_line.setdefault(line, []).append((number, start, end))
    return FindResult(layout, query, folded, matches, by_line)


class FindState:
    """The find of one article view: the query, its matches, and which one is current."""

    def __init__(self) -> None:
        self.query = ""
        self.matches: list[Match] = []
        self.index: int | None = None
        self._by_line: Highlights = {}
        self._folded: FoldedText | None = None
        self.searching = False  # a worker is finding the query

    def search(self, layout: Layout | None, query: str, from_line: int) -> None:
        """Find `query` anew; the current match is the first at or below `from_line`."""
        self.query = query
        self.searching = False
        self._collect(layout)
        self.index = next_match(self.matches, from_line - 1) if self.matches else None

    def refresh(self, layout: Layout | None, top: int) -> None:
        """Find the same query in a new layout, staying near the current match."""
        current = self.current
        self._collect(layout)
        line = current.line if current is not None else top
        self.index = next_match(self.matches, line - 1) if self.matches else None

    def _collect(self, layout: Layout | None) -> None:
        self.matches = []
        self._by_line = {}
        if layout is not None and self.query:
            result = compute_find(layout, self.query, self._folded)
            assert result is not None  # nothing can cancel it
            self._take(result)

    def _take(self, result: FindResult) -> None:
        self._folded = result.folded
        self.matches = result.matches
        self._by_line = result.by_line

    def keep_folded(self, folded: FoldedText) -> None:
        """Keep a layout's folded text built elsewhere for the next find (a worker's)."""
        self._folded = folded

    def folded_for(self, layout: Layout) -> FoldedText | None:
        """The layout's folded text if it was built already (for a find in a worker)."""
        folded = self._folded
        return folded if folded is not None and folded.layout is layout else None

    def wait_for(self, query: str) -> None:
        """`query` is being found elsewhere (a worker): no matches until `adopt`."""
        self.query = query
        self.matches = []
        self.index = None
        self._by_line = {}
        self.searching = True

    def adopt(self, result: FindResult, from_line: int) -> bool:
        """Take a worker's result if it is still what is wanted (the same query); the current
        match is the first at or below `from_line`. False when the result came too late."""
        if result.query != self.query or not self.searching:
            return False
        self.searching = False
        self._take(result)
        self.index = next_match(self.matches, from_line - 1) if self.matches else None
        return True

    def clear(self) -> None:
        """No query, no matches."""
        self.query = ""
        self.matches = []
        self.index = None
        self._by_line = {}
        self.searching = False
        self._folded = None

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
        """(current match, 1-based or 0, total matches; -1 while a worker is finding)."""
        if self.searching:
            return (0, -1)
        return (0 if self.index is None else self.index + 1, len(self.matches))

    def ranges_on(self, line: int) -> list[tuple[int, int, tuple[str, ...]]] | None:
        """Character ranges to highlight on a line, with their roles, or None."""
        found = self._by_line.get(line)
        if found is None:
            return None
        return [
            (start, end, ("match-current",) if number == self.index else ("match",))
            for number, start, end in found
        ]
