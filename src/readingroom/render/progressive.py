"""Documents built in steps, so the first screen of a long article paints at once.

`document_steps` yields the header with the first part of the body, then the whole article.
Bodies above the plain-text limit are not parsed at all (markdown-it-py reads only about
1 MB/s of prose, far less of dense inline markup): they are shown as wrapped text with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from readingroom.render.blocks import Block, Document, Notice, PlainText
from readingroom.render.layout import Layout, layout_document
from readingroom.render.parse import parse_markdown

PLAIN_TEXT_LIMIT = 2 * 1024 * 1024
PROGRESSIVE_FROM = 48 * 1024
HEAD_SIZE = 12 * 1024
PLAIN_HEAD_SIZE = 64 * 1024
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class DocumentStep:
    """A document laid out at a width; `complete` is False for the first part of a long one."""

    document: Document
    layout: Layout
    complete: bool


def head_of(body: str, size: int = HEAD_SIZE) -> str:
    """The start of `body`, cut at a blank line after `size` characters, outside code fences."""
    position = body.find("\n\n", size)
    while position != -1:
        fences = len(_FENCE_RE.findall(body, 0, position))
        if fences % 2 == 0:
            return body[:position]
        position = body.find("\n\n", position + 2)
    return body


def document_steps(
    header: list[Block], body: str, width: int, *, plain_limit: int = PLAIN_TEXT_LIMIT
) -> Iterator[DocumentStep]:
    """Yield the head of a long article first, then the whole of it, each laid out."""
    if len(body) > plain_limit:
        size = f"{len(body) / (1024 * 1024):.1f} MiB"
        notice = Notice(
            f"This article is {size}, larger than the {plain_limit // (1024 * 1024)} MiB "
            "parse limit: shown as plain text.",
            "warning",
        )
        head = body[: body.find("\n", PLAIN_HEAD_SIZE) + 1 or len(body)]
        first = Document([*header, notice, PlainText(head)], [])
        yield DocumentStep(first, layout_document(first, width), len(head) == len(body))
        if len(head) < len(body):
            document = Document([*header, notice, PlainText(body)], [])
            yield DocumentStep(document, layout_document(document, width), True)
        return
    if len(body) > PROGRESSIVE_FROM:
        head = head_of(body)
        if len(head) < len(body):
            parsed = parse_markdown(head)
            loading = Notice("Loading the rest of the article…", "notice")
            document = Document([*header, *parsed.blocks, loading], parsed.links)
            yield DocumentStep(document, layout_document(document, width), False)
    parsed = parse_markdown(body)
    document = Document([*header, *parsed.blocks], parsed.links)
    yield DocumentStep(document, layout_document(document, width), True)
