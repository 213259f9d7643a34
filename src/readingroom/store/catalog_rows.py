"""An article as a row of the catalog's `article` table, and back."""

from __future__ import annotations

import json
from typing import Any

from readingroom.core.article import Article

# Lists (tags, links, ...) are stored as their items each followed by SEP (see pack), which
# reads back ten times faster than JSON; a list with SEP or PACKED_JSON in an item is JSON.
SEP = "\x1f"
PACKED_JSON = "\x1e"
COLUMNS = (
    "path, slug, title, date, tags, summary, author, related, related_keys, links, link_sections, "
    "words, "
    "size, mtime_ns, error, problems, digest"
)

PLACEHOLDERS = ", ".join("?" * (2 + len(COLUMNS.split(","))))


def pack(items: tuple[str, ...]) -> str:
    """A list of strings as one column: each item followed by SEP (JSON, marked, when an item
    holds SEP or PACKED_JSON)."""
    if any(SEP in item or PACKED_JSON in item for item in items):
        return PACKED_JSON + json.dumps(items)
    return "".join(item + SEP for item in items)


def unpack(text: str) -> tuple[str, ...]:
    """The list `pack` stored."""
    if not text:
        return ()
    if text[0] == PACKED_JSON:
        return tuple(str(item) for item in json.loads(text[1:]))
    return tuple(text.split(SEP)[:-1])


def row_from_article(article: Article) -> tuple[object, ...]:
    return (
        article.path,
        article.slug,
        article.title,
        article.date,
        pack(article.tags),
        article.summary,
        article.author,
        pack(article.related),
        pack(article.related_keys),
        pack(article.links),
        pack(article.link_sections),
        article.words,
        article.size,
        article.mtime_ns,
        article.error,
        pack(article.problems),
        article.digest,
    )


def article_from_row(row: tuple[Any, ...]) -> Article:
    # SQLite hands back the stored types (TEXT as str, INTEGER as int): nothing to convert.
    # Most list columns are empty: no call for those (a quarter of the time it takes to
    # make 31,000 articles).
    (path, slug, title, date, tags, summary, author, related, related_keys, links) = row[:10]
    (link_sections, words, size, mtime_ns, error, problems, digest) = row[10:]
    return Article(
        slug,
        path,
        title,
        date,
        unpack(tags) if tags else (),
        summary,
        author,
        unpack(related) if related else (),
        unpack(related_keys) if related_keys else (),
        unpack(links) if links else (),
        unpack(link_sections) if link_sections else (),
        words,
        size,
        mtime_ns,
        error,
        unpack(problems) if problems else (),
        digest,
    )
