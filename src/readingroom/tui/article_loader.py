"""Building the document the article view shows: header plus parsed body (run in a worker)."""

from __future__ import annotations

from readingroom.core.article import Article
from readingroom.core.loader import read_body
from readingroom.render.blocks import Document
from readingroom.render.header import header_blocks
from readingroom.render.parse import parse_markdown


def build_document(root: str, article: Article) -> Document:
    """The article's header and body as one document; an unreadable file shows its error."""
    body = read_body(root, article.path)
    if body.error is not None:
        failed = Article(
            slug=article.slug, path=article.path, title=article.title, error=body.error
        )
        return Document(header_blocks(failed), [])
    parsed = parse_markdown(body.text)
    extra = tuple(problem for problem in body.problems if problem not in article.problems)
    return Document([*header_blocks(article, extra), *parsed.blocks], parsed.links)
