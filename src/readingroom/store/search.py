"""Full-text search of a library in the catalog: BM25 with the title weighted above the body.

Snippets come from FTS5's snippet() with the matched words between \\x02 and \\x03 markers;
`snippet_parts` turns them into (text, highlighted) pieces for display.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from readingroom.core.query import SearchQuery
from readingroom.core.sanitize import clean_label

MARK_START = "\x02"
MARK_END = "\x03"
WEIGHTS = "10.0, 5.0, 3.0, 1.0"  # title, tags, summary, body


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the article, a snippet around the match, and its BM25 score (lower is
    better, as FTS5 ranks)."""

    slug: str
    title: str
    path: str
    date: str | None
    snippet: str
    score: float


def _filters(query: SearchQuery) -> tuple[str, list[object]]:
    clauses: list[str] = []
    values: list[object] = []
    if query.before:
        clauses.append("a.date IS NOT NULL AND a.date < ?")
        values.append(query.before)
    if query.after:
        clauses.append("a.date IS NOT NULL AND a.date >= ?")
        values.append(query.after)
    for tag in query.tags:
        clauses.append("EXISTS (SELECT 1 FROM json_each(a.tags) WHERE lower(value) = ?)")
        values.append(tag.lower())
    for tag in query.excluded_tags:
        clauses.append("NOT EXISTS (SELECT 1 FROM json_each(a.tags) WHERE lower(value) = ?)")
        values.append(tag.lower())
    return "".join(f" AND {clause}" for clause in clauses), values


def search(
    db: sqlite3.Connection, root: str, query: SearchQuery, limit: int = 50
) -> list[SearchHit]:
    """The best matches of `query` in the library at `root` (newest first when the query has
    only filters)."""
    where, values = _filters(query)
    if query.match is None:
        if not where:
            return []
        rows = db.execute(
            "SELECT a.slug, a.title, a.path, a.date, a.summary, 0.0 FROM article a "
            f"WHERE a.root = ?{where} ORDER BY a.date DESC, a.title LIMIT ?",
            (root, *values, limit),
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT a.slug, a.title, a.path, a.date, "
            f"snippet(article_text, 3, '{MARK_START}', '{MARK_END}', '…', 14), "
            f"bm25(article_text, {WEIGHTS}) AS score "
            "FROM article_text JOIN article a ON a.id = article_text.rowid "
            f"WHERE article_text MATCH ? AND a.root = ?{where} ORDER BY score LIMIT ?",
            (query.match, root, *values, limit),
        ).fetchall()
    return [
        SearchHit(
            slug=str(slug),
            title=str(title),
            path=str(path),
            date=None if date is None else str(date),
            snippet=clean_label(" ".join(_keep_marks(str(snippet or "")).split())),
            score=float(score),
        )
        for slug, title, path, date, snippet, score in rows
    ]


def _keep_marks(text: str) -> str:
    """Protect the highlight markers from the sanitiser (they are control characters)."""
    return text.replace(MARK_START, "\ue000").replace(MARK_END, "\ue001")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """(text, highlighted) pieces of a hit's snippet."""
    parts: list[tuple[str, bool]] = []
    highlighted = False
    for piece in snippet.replace("\ue001", "\ue000").split("\ue000"):
        if piece:
            parts.append((piece, highlighted))
        highlighted = not highlighted
    return parts


def plain_snippet(snippet: str) -> str:
    """The snippet without highlight markers."""
    return snippet.replace("\ue000", "").replace("\ue001", "")
