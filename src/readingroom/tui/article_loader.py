"""Building what the article view shows: header plus body, in steps (run in a worker)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from readingroom.core.article import Article
from readingroom.core.loader import read_body
from readingroom.render.blocks import Document
from readingroom.render.header import header_blocks
from readingroom.render.layout import layout_document
from readingroom.render.progressive import (
    PLAIN_TEXT_LIMIT,
    PROGRESSIVE_FROM,
    DocumentStep,
    building,
    document_steps,
)
from readingroom.render.related_block import RelatedLine


def article_steps(
    root: str,
    article: Article,
    width: int,
    related: Callable[[], list[RelatedLine]] | None = None,
    *,
    wrap_code: bool = True,
    plain_limit: int = PLAIN_TEXT_LIMIT,
) -> Iterator[DocumentStep]:
    """The article laid out at `width`: its head first when it is long, then all of it,
    ending with the related articles (`wrap_code`, `plain_limit`: see document_steps).

    An unreadable file gives one step showing the path and the reason.
    """
    body = read_body(root, article.path)
    if body.error is not None:
        failed = Article(
            slug=article.slug, path=article.path, title=article.title, error=body.error
        )
        document = Document(header_blocks(failed), [])
        yield DocumentStep(document, layout_document(document, width, wrap_code=wrap_code), True)
        return
    extra = tuple(problem for problem in body.problems if problem not in article.problems)
    steps = document_steps(
        header_blocks(article, extra),
        body.text,
        width,
        related=related,
        wrap_code=wrap_code,
        plain_limit=plain_limit,
    )
    if len(body.text) <= PROGRESSIVE_FROM:
        yield from steps
        return
    with building():  # a long article: keep the UI thread responsive while it is built
        yield from steps
