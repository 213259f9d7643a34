"""Word wrapping of styled runs to a width in terminal cells.

The paragraph's text is wrapped as one string (fast: ASCII words are measured with len), and the
resulting character ranges are then cut out of the runs, so no object is made per word.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from rich.cells import cell_len, get_character_cell_size

from readingroom.render.runs import Run

_WORD_RE = re.compile(r"\S+")


def split_run(run: Run, cells: int) -> tuple[Run, Run]:
    """Cut a run after at most `cells` cells (at least one character, so wrapping progresses)."""
    cut = _cut_at_cells(run.text, 0, len(run.text), cells)
    return Run(run.text[:cut], run.roles, run.link), Run(run.text[cut:], run.roles, run.link)


def _cut_at_cells(text: str, start: int, end: int, cells: int) -> int:
    """The offset after at most `cells` cells of text[start:end] (at least one character)."""
    return _cut_and_measure(text, start, end, cells)[0]


def _cut_and_measure(text: str, start: int, end: int, cells: int) -> tuple[int, int]:
    """`_cut_at_cells` and the cells (summed by character) of text[start:cut].

    A wide character that would pass `cells` is left for the next piece, unless it is the
    first character (a piece holds at least one, so cutting progresses).
    """
    used = 0
    position = start
    while position < end:
        size = get_character_cell_size(text[position])
        if used + size > cells and position > start:
            break
        used += size
        position += 1
    return position, used


# Characters that make `cell_len` differ from the sum of the characters' sizes.
_JOINERS = ("\u200d", "\ufe0f")


def hard_wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Character ranges of `text` cut every `width` cells, not at spaces; one pass.

    Each range but the last holds as much as fits; a wide character never straddles the
    width (it starts the next range). Empty text is one empty range. The last range is empty
    when the piece before it had to pass the width (a lone character wider than `width`).
    """
    end = len(text)
    if text.isascii() and text.isprintable():  # one cell per character
        step = max(1, width)
        ranges = [(start, min(start + step, end)) for start in range(0, end, step)]
        if not ranges or (width < 1 and end):
            ranges.append((end, end))
        return ranges
    joined = any(joiner in text for joiner in _JOINERS)
    ranges = []
    start = 0
    while True:
        cut, used = _cut_and_measure(text, start, end, width)
        if joined:
            cut, used = _fit_joined(text, start, cut, width)
        ranges.append((start, cut))
        if cut == end:
            if used > width:
                ranges.append((end, end))
            return ranges
        start = cut


def _cut_long_word(
    text: str, start: int, end: int, size: int, width: int, ranges: list[tuple[int, int]]
) -> tuple[int, int]:
    """Append full-width pieces of a word wider than the line; return the rest's start and size.

    Linear in the word's length (re-measuring the rest after every cut would be quadratic).
    """
    if size == end - start:  # one cell per character
        while end - start > width:
            ranges.append((start, start + width))
            start += width
        return start, end - start
    while size > width:
        cut = _cut_at_cells(text, start, end, width)
        size -= cell_len(text[start:cut])
        ranges.append((start, cut))
        start = cut
    return start, size


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Character ranges of the lines of `text` wrapped at spaces to `width` cells.

    Newlines force a break; spaces at a break are dropped; longer words are cut.
    """
    width = max(1, width)
    ranges: list[tuple[int, int]] = []
    offset = 0
    for segment in text.split("\n"):
        end_of_segment = offset + len(segment)
        if _width(segment) <= width:
            ranges.append((offset, end_of_segment))
            offset = end_of_segment + 1
            continue
        line_start = -1
        line_end = offset
        used = 0
        for match in _WORD_RE.finditer(segment):
            start, end = match.start() + offset, match.end() + offset
            size = _width(match.group())
            if line_start >= 0:
                gap = _width(text[line_end:start])
                if used + gap + size <= width:
                    line_end = end
                    used += gap + size
                    continue
                ranges.append((line_start, line_end))
            if size > width:
                start, size = _cut_long_word(text, start, end, size, width, ranges)
            if start == end:
                line_start, line_end, used = -1, end, 0
            else:
                line_start, line_end, used = start, end, size
        if line_start >= 0:
            ranges.append((line_start, line_end))
        offset = end_of_segment + 1
    return ranges


def wrap_runs(runs: list[Run], width: int) -> list[list[Run]]:
    """Wrap runs greedily at spaces; words longer than the width are cut. Returns lines."""
    if not runs:
        return [[]]
    starts: list[int] = []
    position = 0
    for run in runs:
        starts.append(position)
        position += len(run.text)
    text = "".join(run.text for run in runs)
    lines: list[list[Run]] = []
    for start, end in wrap_ranges(text, width):
        line: list[Run] = []
        index = max(0, bisect_right(starts, start) - 1)
        while index < len(runs) and starts[index] < end:
            run = runs[index]
            first = max(start, starts[index]) - starts[index]
            last = min(end, starts[index] + len(run.text)) - starts[index]
            if last > first:
                piece = run.text if first == 0 and last == len(run.text) else run.text[first:last]
                line.append(Run(piece, run.roles, run.link))
            index += 1
        lines.append(line)
    return lines


def merge_runs(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs with the same roles and link (fewer segments to paint)."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].roles == run.roles and merged[-1].link == run.link:
            last = merged[-1]
            merged[-1] = Run(last.text + run.text, last.roles, last.link)
        else:
            merged.append(run)
    return merged


def pad_to(runs: list[Run], width: int, roles: tuple[str, ...] = ()) -> list[Run]:
    """Runs padded with spaces up to `width` cells."""
    used = sum(cell_len(run.text) for run in runs)
    if used >= width:
        return runs
    return [*runs, Run(" " * (width - used), roles)]


def _fit_joined(text: str, start: int, cut: int, width: int) -> tuple[int, int]:
    """Shorten text[start:cut] to fit `width` cells as painted (a variation selector can widen
    the character before it), then to end between graphemes (not before a zero-width character
    nor after a joiner) unless the grapheme fills the line. Returns the cut and its cells."""
    used = cell_len(text[start:cut])
    if used > width and cut - start > 1:  # cells only grow as characters are added
        low, high = start + 1, cut - 1
        while low < high:
            middle = (low + high + 1) // 2
            if cell_len(text[start:middle]) <= width:
                low = middle
            else:
                high = middle - 1
        cut = low
        used = cell_len(text[start:cut])
    inside = cut
    while inside > start and inside < len(text) and _joins(text, inside):
        inside -= 1
    if start < inside < cut:
        return inside, cell_len(text[start:inside])
    return cut, used


def _joins(text: str, offset: int) -> bool:
    """Whether a cut before text[offset] would split a grapheme."""
    return text[offset - 1] == "\u200d" or get_character_cell_size(text[offset]) == 0
