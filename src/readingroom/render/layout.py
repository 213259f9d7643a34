"""Blocks laid out into lines at a width: the article view paints these lines."""

from __future__ import annotations

from bisect import bisect_right
from contextvars import ContextVar
from dataclasses import dataclass, field

from rich.cells import cell_len

from readingroom.core.location import ReadingPosition
from readingroom.render.blocks import (
    Block,
    CodeBlock,
    Definition,
    Document,
    Heading,
    HtmlBlock,
    ListBlock,
    Notice,
    Paragraph,
    PlainText,
    Quote,
    Rule,
    Table,
)
from readingroom.render.code import highlight
from readingroom.render.give_way import give_way
from readingroom.render.inline import plain_text
from readingroom.render.runs import Line, Run, with_roles
from readingroom.render.table import layout_table
from readingroom.render.wrap import (
    hard_wrap_ranges,
    merge_runs,
    pad_to,
    split_run,
    wrap_ranges,
    wrap_runs,
)

BULLETS = ("•", "◦", "▪")
MIN_NESTED_WIDTH = 10  # below this, quotes and lists stop indenting
_WRAP_CODE: ContextVar[bool] = ContextVar("wrap_code", default=True)
MEASURE = 100
PLAIN_SLICE = 64 * 1024  # characters of plain text wrapped at a time


@dataclass(frozen=True, slots=True)
class HeadingLine:
    """Where a heading landed: its line, level, text and anchor."""

    line: int
    level: int
    text: str
    anchor: str


@dataclass(slots=True)
class Layout:
    """A document laid out at one width."""

    width: int
    lines: list[Line] = field(default_factory=list)
    headings: list[HeadingLine] = field(default_factory=list)
    block_starts: list[int] = field(default_factory=list)
    link_lines: dict[int, int] = field(default_factory=dict)
    wrap_code: bool = True
    overflow_width: int = 0

    def heading_at(self, line: int) -> int | None:
        """The index (in `headings`) of the section `line` is in, or None above the first."""
        index = bisect_right([heading.line for heading in self.headings], line) - 1
        return index if index >= 0 else None

    def position_at(self, line: int, percent: int) -> ReadingPosition:
        """The stored form of the position whose top line is `line`."""
        if not self.lines:
            return ReadingPosition(percent=percent)
        line = max(0, min(line, len(self.lines) - 1))
        block = self.lines[line].block
        offset = line - self.block_starts[block]
        heading = self.heading_at(line)
        if heading is None:
            return ReadingPosition(None, block, offset, percent)
        heading_block = self.lines[self.headings[heading].line].block
        return ReadingPosition(
            self.headings[heading].anchor, block - heading_block, offset, percent
        )

    def line_for_position(self, position: ReadingPosition) -> int:
        """The top line for a stored position: its heading, blocks after it, line offset."""
        base = 0
        if position.anchor is not None:
            found = self.line_for_anchor(position.anchor)
            if found is None:
                return 0
            base = self.lines[found].block
        if not self.block_starts:
            return 0
        block = max(0, min(base + position.blocks_after, len(self.block_starts) - 1))
        start = self.block_starts[block]
        end = (
            self.block_starts[block + 1] if block + 1 < len(self.block_starts) else len(self.lines)
        )
        return start + max(0, min(position.offset, end - start - 1))

    def line_for_anchor(self, anchor: str) -> int | None:
        """The line of the heading with this anchor (case-insensitive), or None."""
        wanted = anchor.lower()
        for heading in self.headings:
            if heading.anchor.lower() == wanted:
                return heading.line
        return None


def layout_document(document: Document, width: int, *, wrap_code: bool = True) -> Layout:
    """Lay every block out at `width` cells, a blank line between blocks.

    With `wrap_code` False, code lines keep their length (the view scrolls sideways) and
    `overflow_width` says how wide the widest one is.
    """
    width = max(8, width)
    token = _WRAP_CODE.set(wrap_code)
    try:
        return _layout(document, width, wrap_code)
    finally:
        _WRAP_CODE.reset(token)


def _layout(document: Document, width: int, wrap_code: bool) -> Layout:
    layout = Layout(width, wrap_code=wrap_code)
    for index, block in enumerate(document.blocks):
        give_way()  # in a worker: let the UI thread finish a repaint first
        if index:
            layout.lines.append(Line((), index - 1))  # the gap belongs to the block above
        layout.block_starts.append(len(layout.lines))
        if isinstance(block, Heading):
            layout.headings.append(
                HeadingLine(len(layout.lines), block.level, plain_text(block.runs), block.anchor)
            )
        for runs in _fitted(_block_lines(block, width, 0), width, block):
            for run in runs:
                if run.link is not None and run.link not in layout.link_lines:
                    layout.link_lines[run.link] = len(layout.lines)
            layout.lines.append(Line(tuple(runs), index))
            if not wrap_code and runs and "code-block" in runs[0].roles:
                layout.overflow_width = max(layout.overflow_width, sum(r.width for r in runs))
    return layout


def _fitted(lines: list[list[Run]], width: int, block: Block) -> list[list[Run]]:
    """Every line at most `width` cells: the last guard, cutting any line that is wider
    (unwrapped code excepted: the view scrolls it sideways)."""
    if isinstance(block, CodeBlock) and not _WRAP_CODE.get():
        return lines
    out: list[list[Run]] = []
    for line in lines:
        if sum(run.width for run in line) <= width:
            out.append(line)
            continue
        current: list[Run] = []
        used = 0
        for run in line:
            rest = run
            while rest.text:
                room = width - used
                size = rest.width
                if size <= room:
                    current.append(rest)
                    used += size
                    break
                head, tail = split_run(rest, room) if room > 0 else (Run(""), rest)
                if head.text and head.width <= room:
                    current.append(head)
                    rest = tail
                elif not current:
                    # Nothing fits even an empty line (a cluster wider than measured): take
                    # the head, or one character, anyway, so the loop always moves on.
                    if not head.text:
                        head = Run(rest.text[:1], rest.roles, rest.link)
                        tail = Run(rest.text[1:], rest.roles, rest.link)
                    current.append(head)
                    rest = tail
                out.append(current)
                current, used = [], 0
        out.append(current)
    return out


def _block_lines(block: Block, width: int, depth: int) -> list[list[Run]]:
    if isinstance(block, Paragraph):
        return wrap_runs(block.runs, width)
    if isinstance(block, Heading):
        return _heading(block, width)
    if isinstance(block, ListBlock):
        return _list(block, width, depth)
    if isinstance(block, Quote):
        if width - 2 < MIN_NESTED_WIDTH:  # too deep to indent further: no bar, same width
            return [with_roles(line, "quote") for line in _blocks(block.blocks, width, depth)]
        inner = _blocks(block.blocks, width - 2, depth, tight=False)
        return _prefixed(inner, "▌ ", "quote-bar", "quote")
    if isinstance(block, CodeBlock):
        return _code(block, width)
    if isinstance(block, Table):
        return layout_table(block, width)
    if isinstance(block, Rule):
        return [[Run("─" * width, ("rule",))]]
    if isinstance(block, HtmlBlock):
        lines: list[list[Run]] = []
        for source in block.text.rstrip("\n").expandtabs(4).split("\n"):
            lines += _hard_wrap(Run(source, ("html",)), width)
        return lines
    if isinstance(block, Definition):
        return _definition(block, width, depth)
    if isinstance(block, Notice):
        return wrap_runs([Run(block.text, (block.role,))], width)
    if isinstance(block, PlainText):
        return _plain_text(block.text, width)
    return []


def _plain_text(text: str, width: int) -> list[list[Run]]:
    """Plain text wrapped at `width`, a slice of lines at a time: the same lines as the whole
    at once, but no single call (splitting or expanding tabs in megabytes of text) holds the
    GIL for long while the UI thread waits to repaint."""
    lines: list[list[Run]] = []
    start = 0
    while True:
        cut = text.find("\n", start + PLAIN_SLICE) if len(text) - start > PLAIN_SLICE else -1
        piece = text[start:] if cut == -1 else text[start:cut]
        if "\t" in piece:
            piece = piece.expandtabs(4)
        lines += [[Run(piece[first:last])] for first, last in wrap_ranges(piece, width)]
        give_way()
        if cut == -1:
            return lines
        start = cut + 1


def _blocks(blocks: list[Block], width: int, depth: int, *, tight: bool = False) -> list[list[Run]]:
    lines: list[list[Run]] = []
    for index, block in enumerate(blocks):
        if index and not tight:
            lines.append([])
        lines += _block_lines(block, width, depth)
    return lines


def _heading(block: Heading, width: int) -> list[list[Run]]:
    role = f"h{block.level}"
    lines = wrap_runs(with_roles(block.runs, role), width)
    if block.level <= 2:
        text_width = max((sum(cell_len(run.text) for run in line) for line in lines), default=0)
        rule = "━" if block.level == 1 else "─"
        lines.append([Run(rule * max(1, min(width, text_width)), (f"{role}-rule",))])
    return lines


def _list(block: ListBlock, width: int, depth: int) -> list[list[Run]]:
    markers: list[str] = []
    for number, item in enumerate(block.items, start=block.start):
        if item.marker is not None:
            markers.append(item.marker)
        elif block.ordered:
            markers.append(f"{number}.")
        else:
            markers.append(BULLETS[depth % len(BULLETS)])
    marker_width = max((cell_len(marker) for marker in markers), default=1) + 1
    if width - marker_width < MIN_NESTED_WIDTH:
        return _list_unindented(block, markers, width, depth)
    lines: list[list[Run]] = []
    for index, (item, marker) in enumerate(zip(block.items, markers, strict=True)):
        if index and not block.tight:
            lines.append([])
        body = _blocks(item.blocks, width - marker_width, depth + 1, tight=block.tight)
        if not body:
            body = [[]]
        label = marker.rjust(marker_width - 1) if block.ordered else marker
        first = [Run(label.ljust(marker_width), ("list-marker",))]
        indent = [Run(" " * marker_width)]
        for number, line in enumerate(body):
            lines.append(
                merge_runs([*(first if number == 0 else indent), *line])
                if line or number == 0
                else []
            )
    return lines


def _list_unindented(
    block: ListBlock, markers: list[str], width: int, depth: int
) -> list[list[Run]]:
    """A list too deep (or with markers too long) to indent: each marker on its own line."""
    lines: list[list[Run]] = []
    for item, marker in zip(block.items, markers, strict=True):
        lines += wrap_runs([Run(marker, ("list-marker",))], width)
        lines += _blocks(item.blocks, width, depth + 1, tight=block.tight)
    return lines


def _prefixed(lines: list[list[Run]], prefix: str, prefix_role: str, role: str) -> list[list[Run]]:
    return [[Run(prefix, (prefix_role,)), *with_roles(line, role)] for line in lines]


def _hard_wrap(run: Run, width: int) -> list[list[Run]]:
    """A run cut every `width` cells, one line per piece (in one pass over the text)."""
    text = run.text
    return [
        [Run(text[start:end], run.roles, run.link)] if end > start else []
        for start, end in hard_wrap_ranges(text, width)
    ]


def _code(block: CodeBlock, width: int) -> list[list[Run]]:
    if not _WRAP_CODE.get():
        return _code_unwrapped(block, width)
    inner = max(1, width - 2)
    lines: list[list[Run]] = []
    pad = Run(" ", ("code-block",))
    for source in highlight(block.text, block.language):
        pieces: list[list[Run]] = [[]]
        used = 0
        for run in source:
            rest = run
            while rest.text:
                room = inner - used
                if cell_len(rest.text) <= room:
                    pieces[-1].append(rest)
                    used += cell_len(rest.text)
                    break
                head, rest = split_run(rest, room) if room > 0 else (Run("", rest.roles), rest)
                if head.width > room:  # a wide character that does not fit: next line
                    head, rest = Run("", rest.roles), Run(head.text + rest.text, rest.roles)
                if head.text:
                    pieces[-1].append(head)
                pieces.append([])
                used = 0
        for piece in pieces:
            lines.append([pad, *pad_to(piece, inner, ("code-block",)), pad])
    if block.language:
        label = f" {block.language} "
        if cell_len(label) < width:
            lines.insert(0, [Run(label.rjust(width), ("code-language",))])
    return lines


def _code_unwrapped(block: CodeBlock, width: int) -> list[list[Run]]:
    """Code lines at full length, all padded to the widest (the view scrolls sideways)."""
    pad = Run(" ", ("code-block",))
    source = highlight(block.text, block.language)
    inner = max([width - 2, *(sum(run.width for run in line) for line in source)])
    lines = [[pad, *pad_to(line, inner, ("code-block",)), pad] for line in source]
    if block.language and cell_len(block.language) + 2 < width:
        lines.insert(0, [Run(f" {block.language} ".rjust(width), ("code-language",))])
    return lines


def _definition(block: Definition, width: int, depth: int) -> list[list[Run]]:
    lines = wrap_runs(with_roles(block.term, "strong"), width) if block.term else []
    for blocks in block.definitions:
        body = _blocks(blocks, width - 4, depth, tight=True)
        lines += [
            [Run("  : " if index == 0 else "    ", ("list-marker",)), *line]
            for index, line in enumerate(body)
        ]
    return lines


def link_texts(layout: Layout) -> dict[int, str]:
    """The visible text of every link, by link index (joined across wrapped lines)."""
    texts: dict[int, list[str]] = {}
    for line in layout.lines:
        on_line: dict[int, str] = {}
        for run in line.runs:
            if run.link is not None:
                on_line[run.link] = on_line.get(run.link, "") + run.text
        for link, text in on_line.items():
            texts.setdefault(link, []).append(text)  # a wrapped link: one part per line
    return {link: " ".join(" ".join(parts).split()) for link, parts in texts.items()}
