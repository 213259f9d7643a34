"""The related graph's edges kept in the catalog, updated incrementally.

A changed file recomputes only its own edges; when files come or go (or change), edges that
pointed at them or resolved to nothing are resolved again, since a new article may now match.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: opening the catalog for a search needs neither
    from readingroom.core.article import Article
    from readingroom.core.library import Library
    from readingroom.core.related import Edge

EDGE_SCHEMA = """
CREATE TABLE IF NOT EXISTS edge (
    root TEXT NOT NULL,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    reference TEXT NOT NULL,
    target TEXT,
    anchor TEXT,
    section TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS edge_source ON edge (root, source);
CREATE INDEX IF NOT EXISTS edge_target ON edge (root, target);
"""
_FIELDS = "source, kind, key, reference, target, anchor, section"


def update_edges(
    db: sqlite3.Connection,
    library: Library,
    changed: set[str],
    removed: set[str],
    *,
    rebuild: bool,
    names: set[str] | None = None,
) -> int:
    """Bring the stored edges of `library` up to date; returns how many sources were redone.

    `changed`: articles re-read (their own edges are redone); `removed`: articles gone (edges
    to them are redone); `names`: file names and titles that appeared, disappeared or changed
    (edges whose reference contains one are resolved again: an unresolved one may now match,
    a resolved one may now be ambiguous). Nothing else is touched.
    """
    from readingroom.core.related import article_edges

    root = library.root
    if rebuild:
        db.execute("DELETE FROM edge WHERE root = ?", (root,))
        sources = set(library.articles)
    else:
        sources = set(changed) | set(removed)
        sources |= _sources_to_resolve_again(db, root, changed | removed, names or set())
    for source in sources:
        db.execute("DELETE FROM edge WHERE root = ? AND source = ?", (root, source))
    rows = []
    for source in sorted(sources & set(library.articles)):
        for position, edge in enumerate(article_edges(library, source)):
            rows.append((root, position, *_values(edge)))
    db.executemany(
        f"INSERT INTO edge (root, position, {_FIELDS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
    )
    return len(sources)


def _sources_to_resolve_again(
    db: sqlite3.Connection, root: str, touched: set[str], names: set[str]
) -> set[str]:
    found: set[str] = set()
    if touched:
        marks = ",".join("?" * len(touched))
        for row in db.execute(
            f"SELECT DISTINCT source FROM edge INDEXED BY edge_target "
            f"WHERE root = ? AND target IN ({marks})",
            (root, *sorted(touched)),
        ):
            found.add(str(row[0]))
    for name in sorted(name for name in names if name):
        pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for row in db.execute(
            "SELECT DISTINCT source FROM edge WHERE root = ? AND reference LIKE ? ESCAPE '\\'",
            (root, pattern),
        ):
            found.add(str(row[0]))
    return found


def _values(edge: Edge) -> tuple[object, ...]:
    return (
        edge.source,
        edge.kind,
        edge.key,
        edge.reference,
        edge.target,
        edge.anchor,
        edge.section,
    )


def _edges(rows: Iterable[tuple[object, ...]]) -> list[Edge]:
    from readingroom.core.related import Edge

    return [
        Edge(
            source=str(source),
            kind=str(kind),
            key=str(key),
            reference=str(reference),
            target=None if target is None else str(target),
            anchor=None if anchor is None else str(anchor),
            section=str(section),
        )
        for source, kind, key, reference, target, anchor, section in rows
    ]


class CatalogEdges:
    """An EdgeSource reading the catalog (one connection, used from one thread)."""

    def __init__(self, db: sqlite3.Connection, root: str) -> None:
        self._db = db
        self._root = root

    def outgoing(self, slug: str) -> list[Edge]:
        """Edges from `slug`, in file order."""
        return _edges(
            self._db.execute(
                f"SELECT {_FIELDS} FROM edge WHERE root = ? AND source = ? ORDER BY position",
                (self._root, slug),
            )
        )

    def incoming(self, slug: str) -> list[Edge]:
        """Edges to `slug` from other articles, by source."""
        return _edges(
            self._db.execute(
                f"SELECT {_FIELDS} FROM edge INDEXED BY edge_target "
                "WHERE root = ? AND target = ? AND source != ? ORDER BY source, position",
                (self._root, slug, slug),
            )
        )

    def all_outgoing(self) -> list[Edge]:
        """Every edge of the library (for `readingroom check`)."""
        return _edges(
            self._db.execute(
                f"SELECT {_FIELDS} FROM edge WHERE root = ? ORDER BY source, position",
                (self._root,),
            )
        )


def changed_names(
    stored: dict[str, Article], library: Library, changed: set[str], removed: list[str]
) -> set[str]:
    """File names and titles of articles that came, went, or changed title: references that
    name them may resolve differently now."""
    before = {article.slug: article for article in stored.values()}
    names: set[str] = set()
    for path in removed:
        gone = stored[path]
        names |= {gone.slug.rsplit("/", 1)[-1], gone.title}
    for slug in changed:
        article = library.articles.get(slug)
        old = before.get(slug)
        if article is None:
            continue
        if old is None:
            names |= {slug.rsplit("/", 1)[-1], article.title}
        elif old.title != article.title:
            names |= {old.title, article.title}
    return {name for name in names if len(name) >= 2}
