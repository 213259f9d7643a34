"""markdown-it-py tokens to the block model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readingroom.core.anchors import AnchorSet
from readingroom.core.sanitize import clean_text
from readingroom.render.blocks import (
    Block,
    CodeBlock,
    Definition,
    Document,
    Heading,
    HtmlBlock,
    ListBlock,
    ListItem,
    Notice,
    Paragraph,
    Quote,
    Rule,
    Table,
)
from readingroom.render.inline import inline_runs, plain_text
from readingroom.render.runs import Run

if TYPE_CHECKING:  # markdown-it is loaded with the parser (core.markdown), on first use
    from markdown_it.token import Token

NESTING_NOTICE = (
    "Part of this article is nested deeper than {limit} levels (quotes or lists); "
    "that part is not shown."
)


def parse_markdown(body: str) -> Document:
    """Parse an article body into blocks (all at once)."""
    parser = ChunkParser()
    blocks = parser.parse(body)
    return Document([*parser.notices(), *blocks], parser.links)


class ChunkParser:
    """Parses a body in consecutive pieces, sharing link indexes, anchors and reference
    definitions between them (definitions found anywhere in the body can be given up front)."""

    def __init__(self, references: dict[str, dict[str, str]] | None = None) -> None:
        self.links: list[str] = []
        self.anchors = AnchorSet()
        self.references = references or {}
        self.dropped = False

    def parse(self, chunk: str) -> list[Block]:
        """Blocks of one piece of the body."""
        from readingroom.core.markdown import DROPPED_BY_NESTING, markdown_parser

        env: dict[str, object] = {"references": self.references}
        tokens = markdown_parser().parse(chunk, env)
        if env.get(DROPPED_BY_NESTING):
            self.dropped = True
        return _TokenParser(tokens, self.links, self.anchors).blocks(None)

    def notices(self) -> list[Block]:
        """Notices about what the parser could not show."""
        if not self.dropped:
            return []
        from readingroom.core.markdown import markdown_parser

        limit = markdown_parser().options.maxNesting
        return [Notice(NESTING_NOTICE.format(limit=limit), "warning")]


class _TokenParser:
    def __init__(self, tokens: list[Token], links: list[str], anchors: AnchorSet) -> None:
        self.tokens = tokens
        self.position = 0
        self.links = links
        self.anchors = anchors

    def _inline(self) -> list[Run]:
        """The runs of the inline token at the cursor, if there is one (consumed)."""
        if self.position < len(self.tokens) and self.tokens[self.position].type == "inline":
            token = self.tokens[self.position]
            self.position += 1
            return inline_runs(token.children, self.links)
        return []

    def _skip_close(self, close_type: str) -> None:
        if self.position < len(self.tokens) and self.tokens[self.position].type == close_type:
            self.position += 1

    def blocks(self, close_type: str | None) -> list[Block]:
        """Blocks up to (and consuming) the token `close_type`, or to the end."""
        out: list[Block] = []
        tokens = self.tokens
        while self.position < len(tokens):
            token = tokens[self.position]
            if token.nesting == -1:
                self.position += 1
                if close_type is None or token.type == close_type:
                    if close_type is not None:
                        return out
                    continue
                return out
            self.position += 1
            block = self._block(token)
            if isinstance(block, list):
                out.extend(block)
            elif block is not None:
                out.append(block)
        return out

    def _block(self, token: Token) -> Block | list[Block] | None:
        kind = token.type
        if kind == "heading_open":
            runs = self._inline()
            self._skip_close("heading_close")
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            return Heading(level, runs, self.anchors.add(plain_text(runs)))
        if kind == "paragraph_open":
            runs = self._inline()
            self._skip_close("paragraph_close")
            return Paragraph(runs, hidden=token.hidden)
        if kind == "inline":
            return Paragraph(inline_runs(token.children, self.links))
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(token)
        if kind == "blockquote_open":
            return Quote(self.blocks("blockquote_close"))
        if kind in ("fence", "code_block"):
            language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
            return CodeBlock(clean_text(language), token.content)
        if kind == "hr":
            return Rule()
        if kind == "html_block":
            return HtmlBlock(token.content)
        if kind == "table_open":
            return self._table()
        if kind == "dl_open":
            return self._definitions()
        if kind == "footnote_block_open":
            return [Rule(), self._footnotes()]
        if token.nesting == 1:
            return self.blocks(token.type.removesuffix("_open") + "_close")
        if token.content:
            return Paragraph([Run(clean_text(token.content))])
        return None

    def _list(self, opener: Token) -> ListBlock:
        ordered = opener.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start_value = opener.attrGet("start")
        start_attr = "1" if start_value is None else str(start_value)
        start = int(start_attr) if start_attr.isdigit() else 1
        items: list[ListItem] = []
        while self.position < len(self.tokens):
            token = self.tokens[self.position]
            self.position += 1
            if token.type == close:
                break
            if token.type == "list_item_open":
                blocks = self.blocks("list_item_close")
                items.append(ListItem(blocks))
        tight = all(
            block.hidden for item in items for block in item.blocks if isinstance(block, Paragraph)
        )
        return ListBlock(ordered, start, items, tight)

    def _table(self) -> Table:
        header: list[list[Run]] = []
        rows: list[list[list[Run]]] = []
        aligns: list[str] = []
        row: list[list[Run]] | None = None
        in_head = False
        while self.position < len(self.tokens):
            token = self.tokens[self.position]
            self.position += 1
            kind = token.type
            if kind == "table_close":
                break
            if kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
            elif kind == "tr_open":
                row = []
            elif kind == "tr_close" and row is not None:
                if in_head:
                    header = row
                else:
                    rows.append(row)
                row = None
            elif kind in ("th_open", "td_open") and row is not None:
                if in_head:
                    aligns.append(_alignment(token))
                row.append(self._inline())
                self._skip_close(kind.replace("_open", "_close"))
        return Table(header, rows, aligns)

    def _definitions(self) -> list[Block]:
        out: list[Block] = []
        while self.position < len(self.tokens):
            token = self.tokens[self.position]
            self.position += 1
            if token.type == "dl_close":
                break
            if token.type == "dt_open":
                out.append(Definition(self._inline()))
                self._skip_close("dt_close")
            elif token.type == "dd_open":
                blocks = self.blocks("dd_close")
                if out and isinstance(out[-1], Definition):
                    out[-1].definitions.append(blocks)
                else:
                    out.append(Definition([], [blocks]))
        return out

    def _footnotes(self) -> ListBlock:
        items: list[ListItem] = []
        while self.position < len(self.tokens):
            token = self.tokens[self.position]
            self.position += 1
            if token.type == "footnote_block_close":
                break
            if token.type == "footnote_open":
                meta = token.meta if isinstance(token.meta, dict) else {}
                label = meta.get("label")
                number = meta.get("id")
                marker = (
                    str(label) if label else str(number + 1 if isinstance(number, int) else "?")
                )
                items.append(ListItem(self.blocks("footnote_close"), marker=f"[{marker}]"))
        return ListBlock(False, 1, items, tight=True)


def _alignment(token: Token) -> str:
    style = token.attrGet("style")
    if isinstance(style, str):
        for align in ("right", "center", "left"):
            if align in style:
                return align
    return "left"
