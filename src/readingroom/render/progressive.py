"""Documents built in steps, so the first screen of a long article paints at once.

`document_steps` yields the header with the first part of the body, then the whole article.
Bodies above the plain-text limit are not parsed at all (markdown-it-py reads only about
1 MB/s of prose, far less of dense inline markup): they are shown as wrapped text with a notice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from readingroom.render.blocks import Block, Document, Notice, PlainText
from readingroom.render.chunks import find_references, split_chunks
from readingroom.render.layout import Layout, layout_document
from readingroom.render.parse import ChunkParser, parse_markdown
from readingroom.render.related_block import RelatedLine, related_blocks

PLAIN_TEXT_LIMIT = 2 * 1024 * 1024
PROGRESSIVE_FROM = 32 * 1024
PARSE_BUDGET = 1.5
PLAIN_HEAD_SIZE = 64 * 1024


@dataclass(frozen=True, slots=True)
class DocumentStep:
    """A document laid out at a width; `complete` is False for the first part of a long one."""

    document: Document
    layout: Layout
    complete: bool


def document_steps(
    header: list[Block],
    body: str,
    width: int,
    *,
    plain_limit: int = PLAIN_TEXT_LIMIT,
    related: Callable[[], list[RelatedLine]] | None = None,
) -> Iterator[DocumentStep]:
    """Yield the head of a long article first, then the whole of it, each laid out; the
    complete document ends with the related articles (`related` is called only then, so
    finding them never delays the first screen)."""
    if len(body) > plain_limit:
        size = f"{len(body) / (1024 * 1024):.1f} MiB"
        notice = Notice(
            f"This article is {size}, larger than the {plain_limit // (1024 * 1024)} MiB "
            "parse limit: shown as plain text.",
            "warning",
        )
        newline = body.find("\n", PLAIN_HEAD_SIZE)
        head = body[: newline + 1 if newline != -1 else PLAIN_HEAD_SIZE]
        if len(head) < len(body):
            first = Document([*header, notice, PlainText(head)], [])
            yield DocumentStep(first, layout_document(first, width), False)
        yield _complete([*header, notice, PlainText(body)], [], related, width)
        return
    if len(body) <= PROGRESSIVE_FROM:
        parsed = parse_markdown(body)
        yield _complete([*header, *parsed.blocks], parsed.links, related, width)
        return
    yield from _chunked_steps(header, body, width, related)


def _complete(
    blocks: list[Block],
    links: list[str],
    related: Callable[[], list[RelatedLine]] | None,
    width: int,
) -> DocumentStep:
    extra, hrefs = related_blocks(related() if related else [], len(links))
    document = Document([*blocks, *extra], [*links, *hrefs])
    return DocumentStep(document, layout_document(document, width), True)


def _chunked_steps(
    header: list[Block],
    body: str,
    width: int,
    related: Callable[[], list[RelatedLine]] | None,
) -> Iterator[DocumentStep]:
    """Parse a long body piece by piece: show the first piece at once, and stop parsing (the
    rest as plain text, with a notice) if the whole would take longer than PARSE_BUDGET."""
    started = time.monotonic()
    parser = ChunkParser(find_references(body))
    blocks: list[Block] = []
    done = 0
    shown_head = False
    chunks = split_chunks(body)
    for number, chunk in enumerate(chunks):
        if number and time.monotonic() - started > PARSE_BUDGET:
            notice = Notice(
                f"Parsing stopped after {PARSE_BUDGET:g} s at {done * 100 // len(body)}% of this "
                "article (its Markdown is unusually expensive): the rest is plain text.",
                "warning",
            )
            blocks += [notice, PlainText(body[done:])]
            break
        blocks += parser.parse(chunk)
        done += len(chunk)
        if not shown_head and number + 1 < len(chunks):
            shown_head = True
            loading = Notice("Loading the rest of the article…", "notice")
            first = Document([*header, *parser.notices(), *blocks, loading], list(parser.links))
            yield DocumentStep(first, layout_document(first, width), False)
    yield _complete([*header, *parser.notices(), *blocks], parser.links, related, width)
