"""The block model of an article: what markdown-it's token stream describes, as a tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from readingroom.render.runs import Run


@dataclass(slots=True)
class Heading:
    """A heading of level 1 to 6, with its unique anchor."""

    level: int
    runs: list[Run]
    anchor: str


@dataclass(slots=True)
class Paragraph:
    """Inline text, wrapped to the width. `hidden` marks a paragraph of a tight list item."""

    runs: list[Run]
    hidden: bool = False


@dataclass(slots=True)
class ListItem:
    """One list item: its blocks, and a marker that replaces the list's (footnotes use it)."""

    blocks: list[Block]
    marker: str | None = None


@dataclass(slots=True)
class ListBlock:
    """A bullet or numbered list."""

    ordered: bool
    start: int
    items: list[ListItem]
    tight: bool = True


@dataclass(slots=True)
class Quote:
    """A block quote."""

    blocks: list[Block]


@dataclass(slots=True)
class CodeBlock:
    """Fenced or indented code, highlighted by its language."""

    language: str
    text: str


@dataclass(slots=True)
class Table:
    """A table: header cells, body rows and column alignments (`left`, `center`, `right`)."""

    header: list[list[Run]]
    rows: list[list[list[Run]]]
    aligns: list[str]


@dataclass(slots=True)
class Rule:
    """A horizontal rule."""


@dataclass(slots=True)
class HtmlBlock:
    """Raw HTML, shown as dimmed source and never interpreted."""

    text: str


@dataclass(slots=True)
class Definition:
    """A definition list entry: the term and its definitions."""

    term: list[Run]
    definitions: list[list[Block]] = field(default_factory=list)


@dataclass(slots=True)
class PlainText:
    """Text shown as it is, wrapped but not parsed (articles too large to parse quickly)."""

    text: str


@dataclass(slots=True)
class Notice:
    """A line the reader adds: an error or warning about the article."""

    text: str
    role: str = "notice"


Block = (
    Heading
    | Paragraph
    | ListBlock
    | Quote
    | CodeBlock
    | Table
    | Rule
    | HtmlBlock
    | Definition
    | PlainText
    | Notice
)


@dataclass(slots=True)
class Document:
    """A parsed article: its blocks and its links (indexes used by runs)."""

    blocks: list[Block]
    links: list[str]
