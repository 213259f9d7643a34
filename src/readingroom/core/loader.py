"""Turning one file into an Article (for the catalog) or into its body (for the reader)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from readingroom.core.article import Article
from readingroom.core.body_facts import body_facts
from readingroom.core.files import DEFAULT_SIZE_CAP, ArticleReadError, read_article_file
from readingroom.core.frontmatter import (
    normalise_newlines,
    parse_front_matter,
    split_front_matter,
)
from readingroom.core.options import DEFAULT_RELATION_KEYS
from readingroom.core.sanitize import clean_label, clean_text
from readingroom.core.scan import is_markdown_name


def slug_for(relative_path: str) -> str:
    """The slug of a file: its path from the library root without the Markdown extension."""
    if is_markdown_name(relative_path):
        return relative_path.rsplit(".", 1)[0]
    return relative_path


def _title_from_file_name(relative_path: str) -> str:
    return slug_for(relative_path).rsplit("/", 1)[-1]


def load_article(
    root: str,
    relative_path: str,
    *,
    slug: str | None = None,
    size: int = 0,
    mtime_ns: int = 0,
    size_cap: int = DEFAULT_SIZE_CAP,
) -> Article:
    """Read and describe one article. Never raises: a bad file gives an Article with an error."""
    return read_article(
        root, relative_path, slug=slug, size=size, mtime_ns=mtime_ns, size_cap=size_cap
    )[0]


def read_article(
    root: str,
    relative_path: str,
    *,
    slug: str | None = None,
    size: int = 0,
    mtime_ns: int = 0,
    size_cap: int = DEFAULT_SIZE_CAP,
    relation_keys: tuple[str, ...] = DEFAULT_RELATION_KEYS,
) -> tuple[Article, str]:
    """The article and its body text (sanitised, front matter removed; empty when unreadable).

    Never raises: a bad file gives an Article with an error.
    """
    slug = slug or slug_for(relative_path)
    fallback_title = clean_label(_title_from_file_name(relative_path))
    try:
        decoded = read_article_file(os.path.join(root, relative_path), size_cap)
    except ArticleReadError as exc:
        failed = Article(
            slug=clean_label(slug),
            path=relative_path,
            title=fallback_title,
            size=size,
            mtime_ns=mtime_ns,
            error=str(exc),
        )
        return failed, ""
    text = clean_text(normalise_newlines(decoded.text))
    source, body = split_front_matter(text)
    matter = parse_front_matter(source, relation_keys)
    facts = body_facts(body)
    title = matter.title or facts.first_heading or fallback_title
    article = Article(
        slug=clean_label(slug),
        path=relative_path,
        title=clean_label(" ".join(title.split())) or fallback_title,
        date=matter.date,
        tags=tuple(clean_label(tag) for tag in matter.tags),
        summary=clean_label(" ".join(matter.summary.split())),
        author=clean_label(matter.author),
        related=tuple(clean_label(entry) for _, entry in matter.relations),
        related_keys=tuple(key for key, _ in matter.relations),
        links=tuple(clean_label(link) for link in facts.links),
        link_sections=tuple(clean_label(section) for section in facts.link_sections),
        words=facts.words,
        size=size,
        mtime_ns=mtime_ns,
        error=matter.error,
        problems=(*decoded.problems, *matter.problems),
        digest=decoded.digest,
    )
    return article, body


@dataclass(frozen=True, slots=True)
class ArticleBody:
    """The Markdown body of an article ready for rendering, or the reason it cannot be shown."""

    text: str
    error: str | None = None
    problems: tuple[str, ...] = ()


def read_body(root: str, relative_path: str, size_cap: int = DEFAULT_SIZE_CAP) -> ArticleBody:
    """Read an article's body (front matter removed, text sanitised) for display."""
    try:
        decoded = read_article_file(os.path.join(root, relative_path), size_cap)
    except ArticleReadError as exc:
        return ArticleBody("", error=str(exc))
    text = clean_text(normalise_newlines(decoded.text))
    _, body = split_front_matter(text)
    return ArticleBody(body, problems=decoded.problems)
