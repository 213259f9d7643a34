"""The SQLite catalog: every article's description, so a second start re-reads nothing unchanged.

The catalog is a cache. A file whose size and modification time match its row is not opened
again; a changed file is re-read; a deleted one is dropped. A catalog that cannot be opened, is
corrupt or has another schema is set aside and rebuilt, and the library still loads.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Container, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from readingroom.core.article import Article, with_shared_strings
from readingroom.core.heap import collections_paused, give_back_free_memory
from readingroom.core.options import LibraryOptions
from readingroom.core.query import SearchQuery
from readingroom.core.record import record
from readingroom.store import listing_snapshot
from readingroom.store.catalog_rows import COLUMNS, PLACEHOLDERS, article_from_row, row_from_article
from readingroom.store.catalog_schema import bulk_writes, prepare
from readingroom.store.search import SearchHit, root_bounds, search

if TYPE_CHECKING:  # imported where used: a search needs none of them (`readingroom search`)
    from readingroom.core.library import Library
    from readingroom.core.related import RelatedEntry, RelatedGraph

BATCH = 256
"""Articles per write transaction while re-reading a few files."""
BULK_BATCH = 1024
"""Articles per write transaction when many files are read (a cold index): FTS5 writes a new
index segment at every commit, and merging many small segments is most of the indexing cost."""
BULK_FROM = 2000
"""Files to read at or above which the bulk settings apply."""

Progress = Callable[[int, int, str], None]  # files done, files in all, the current path
Listed = Callable[[str, list[Article]], None]
"""Told, after each batch written, the library's real root and every article so far (the
list grows after the call returns: copy it to keep it)."""


class Catalog:
    """The article catalog in one SQLite file (or in memory when the file cannot be used)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.notice: str | None = None
        self._connection = self._open()
        # What load_cached read, for the load_library that follows it to use once, unless
        # another connection has written to the catalog since (PRAGMA data_version).
        self._last_read: tuple[str, _Read] | None = None

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return prepare(sqlite3.connect(":memory:"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return prepare(sqlite3.connect(self.path, timeout=5))
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
        except OSError as exc:
            self.notice = f"catalog {self.path} cannot be used ({exc}); using memory"
            return prepare(sqlite3.connect(":memory:"))
        try:
            return prepare(sqlite3.connect(self.path, timeout=5))
        except (sqlite3.DatabaseError, OSError) as exc:
            self.notice = f"catalog {self.path} cannot be used ({exc}); using memory"
            return prepare(sqlite3.connect(":memory:"))

    def _set_aside(self, exc: Exception) -> None:
        assert self.path is not None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.broken-{stamp}-{number}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{aside}{suffix}"))
        self.notice = f"catalog {self.path} was unreadable ({exc}); set aside as {aside.name}"

    def close(self) -> None:
        """Close the database."""
        self._connection.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connection:
            yield self._connection

    def cached(self, root: str) -> dict[str, Article]:
        """Every catalogued article of `root`, by relative path."""
        return self._read(root).articles

    def _read(self, root: str) -> _Read:
        """Every catalogued article of `root`, from its blob when it has one, else its rows."""
        version = self._data_version()  # before reading: a write in between is then seen
        with collections_paused():
            articles = listing_snapshot.read(self._connection, root)
            if articles is not None:
                return _Read(version, True, articles)
            query = f"SELECT {COLUMNS} FROM article WHERE root = ?"
            with closing(self._connection.execute(query, (root,))) as cursor:
                return _Read(version, False, {row[0]: article_from_row(row) for row in cursor})

    def _data_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def _read_again(self, root: str) -> _Read:
        """_read(root), from what load_cached just read when nobody wrote in between."""
        last, self._last_read = self._last_read, None
        if last is not None and last[0] == root and last[1].version == self._data_version():
            return last[1]
        return self._read(root)

    def _root_id(self, root: str) -> int:
        """The number of the library at `root` (its articles' id range), made on first use."""
        db = self._connection
        db.execute("INSERT OR IGNORE INTO library_root (root) VALUES (?)", (root,))
        return int(db.execute("SELECT id FROM library_root WHERE root = ?", (root,)).fetchone()[0])

    def store(
        self,
        root: str,
        entries: list[tuple[Article, str]],
        removed: list[str],
        known: Container[str] | None = None,
    ) -> None:
        """Write new or changed articles with their text, and drop removed paths, in one
        transaction (`known`: the paths that may already have a row; None when unknown)."""
        with self._transaction() as db:
            low, high = root_bounds(self._root_id(root))
            listing_snapshot.forget(db, root)
            replaced = [article.path for article, _ in entries]
            if known is not None:
                replaced = [path for path in replaced if path in known]
            for path in [*removed, *replaced]:
                row = db.execute(
                    "SELECT id FROM article WHERE root = ? AND path = ?", (root, path)
                ).fetchone()
                if row is not None:
                    db.execute("DELETE FROM article_text WHERE rowid = ?", row)
                    db.execute("DELETE FROM article WHERE id = ?", row)
            last = db.execute(
                "SELECT max(id) FROM article WHERE id BETWEEN ? AND ?", (low, high)
            ).fetchone()[0]
            first = (last or low) + 1
            if first + len(entries) > high:
                raise sqlite3.DatabaseError("the library has used up its article numbers")
            db.executemany(
                f"INSERT INTO article (id, root, {COLUMNS}) VALUES ({PLACEHOLDERS})",
                (
                    (number, root, *row_from_article(article))
                    for number, (article, _) in enumerate(entries, start=first)
                ),
            )
            db.executemany(
                "INSERT INTO article_text (rowid, title, tags, summary, body) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    (number, article.title, " ".join(article.tags), article.summary, body)
                    for number, (article, body) in enumerate(entries, start=first)
                ),
            )

    def load_library(
        self,
        root: str,
        progress: Progress | None = None,
        options: LibraryOptions | None = None,
        listed: Listed | None = None,
        ready: Callable[[Library], None] | None = None,
        touched: set[str] | None = None,
    ) -> Library:
        """Scan `root`, re-read only new or changed files, and return the library (`listed`
        is given the articles so far after each batch of re-read files is written; `ready`
        the library once its articles are written, before the related edges and the blob
        are brought up to date, which can take a second at 30,000 articles). With `touched`
        (the paths a watcher saw change), only their folders are scanned when that is sure
        to find the same (core.scan.rescan).

        A catalog found corrupt while reading or writing is set aside and rebuilt (in memory
        if the file cannot be replaced); the library loads either way.
        """
        options = options or LibraryOptions()
        try:
            return self._load(root, progress, options, listed, ready, touched)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
        try:
            return self._load(root, progress, options, listed, ready, touched)
        except sqlite3.DatabaseError as exc:
            self._connection.close()
            self.path = None
            self.notice = f"catalog cannot be used ({exc}); using memory"
            self._connection = self._open()
            return self._load(root, progress, options, listed, ready, touched)

    def load_cached(self, root: str, options: LibraryOptions | None = None) -> Library | None:
        """The library as the catalog last saw it, without looking at the folder: what the
        reader shows at once while load_library checks every file. None when the catalog
        has nothing for `root` under these options, or cannot be read."""
        from readingroom.core.library import Library

        options = options or LibraryOptions()
        real_root = os.path.realpath(root)
        try:
            if self._options_of(real_root) != options.fingerprint():
                return None
            with collections_paused(freeze=True):  # the start's library: read once, kept
                read = self._read(real_root)
            self._last_read = (real_root, read)
            articles = list(read.articles.values())
        except sqlite3.DatabaseError:
            return None  # load_library sets the catalog aside and rebuilds it
        if not articles:
            return None
        return Library.from_articles(
            real_root,
            articles,
            [],
            slug_patterns=options.slug_patterns,
            site_prefixes=options.site_prefixes,
            newest_first=read.from_blob,  # the blob keeps them in that order
        )

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        self._connection.close()
        if self.path is not None:
            try:
                self._set_aside(exc)
            except OSError as error:
                self.notice = f"catalog {self.path} is corrupt and cannot be moved ({error})"
                self.path = None
        self._connection = self._open()

    def _load(
        self,
        root: str,
        progress: Progress | None,
        options: LibraryOptions,
        listed: Listed | None = None,
        ready: Callable[[Library], None] | None = None,
        touched: set[str] | None = None,
    ) -> Library:
        from readingroom.core.library import Library
        from readingroom.core.scan import ScanProblem, assign_slugs, rescan, scan_library
        from readingroom.store.edges import changed_names, update_edges
        from readingroom.store.reader_pool import read_articles

        real_root = os.path.realpath(root)
        fingerprint = options.fingerprint()
        same_options = self._options_of(real_root) == fingerprint
        read = self._read_again(real_root)
        stored = read.articles
        cached = stored if same_options else {}
        problems: list[ScanProblem] = []
        found = rescan(real_root, stored, touched, problems) if touched and same_options else None
        if found is None:
            found = list(scan_library(real_root, problems))
        slugs = assign_slugs(found)
        articles: list[Article] = []
        changed: list[tuple[Article, str]] = []
        changed_slugs: set[str] = set()
        stale_paths: set[str] = set()
        for item in found:
            known = cached.get(item.path)
            if (
                known is None
                or known.size != item.size
                or known.mtime_ns != item.mtime_ns
                or known.slug != slugs[item.path]
            ):
                stale_paths.add(item.path)
        to_read = [item for item in found if item.path in stale_paths]
        bulk = len(to_read) >= BULK_FROM
        batch = BULK_BATCH if bulk else BATCH
        limit = BATCH if listed is not None else batch  # listed: the first batch sooner
        # Closed at the end of the loop: the worker processes of a big index then exit
        # before the edges and the blob are made (they held 70 MB until the load returned).
        fresh = read_articles(real_root, to_read, slugs, options)
        with closing(fresh), bulk_writes(self._connection, bulk):
            for count, item in enumerate(found, start=1):
                written = False
                if item.path in stale_paths:
                    fresh_article, body = next(fresh)
                    article = with_shared_strings(fresh_article)
                    changed_slugs.add(article.slug)
                    changed.append((article, body))
                    if len(changed) >= limit:
                        self.store(real_root, changed, [], stored.keys())
                        changed = []
                        written = True
                        limit = batch
                        if bulk:
                            give_back_free_memory()  # the batch's bodies
                else:
                    article = cached[item.path]
                articles.append(article)
                if written and listed is not None:
                    listed(real_root, articles)
                if progress is not None:
                    progress(count, len(found), item.path)
            present = {item.path for item in found}
            removed = [path for path in stored if path not in present]
            if changed or removed:
                self.store(real_root, changed, removed, stored.keys())
        library = Library.from_articles(
            real_root,
            articles,
            problems,
            slug_patterns=options.slug_patterns,
            site_prefixes=options.site_prefixes,
        )
        if ready is not None:
            ready(library)
        if changed_slugs or removed or not same_options:
            removed_slugs = {stored[path].slug for path in removed}
            with self._transaction() as db:
                names = changed_names(stored, library, changed_slugs, removed)
                update_edges(
                    db,
                    library,
                    changed_slugs,
                    removed_slugs,
                    rebuild=not same_options,
                    names=names,
                )
                db.execute(
                    "INSERT OR REPLACE INTO library_meta (root, options) VALUES (?, ?)",
                    (real_root, fingerprint),
                )
        if changed_slugs or removed or not read.from_blob:
            listing_snapshot.keep(self._connection, real_root, read.version, library.sorted())
        return library

    def _options_of(self, root: str) -> str | None:
        row = self._connection.execute(
            "SELECT options FROM library_meta WHERE root = ?", (root,)
        ).fetchone()
        return str(row[0]) if row else None

    def search(self, root: str, query: SearchQuery, limit: int = 50) -> list[SearchHit]:
        """Full-text search of the library at `root` (see store.search)."""
        real_root = os.path.realpath(root)
        row = self._connection.execute(
            "SELECT id FROM library_root WHERE root = ?", (real_root,)
        ).fetchone()
        if row is None:
            return []
        return search(self._connection, real_root, int(row[0]), query, limit)

    def is_indexed(self, root: str) -> bool:
        """True when the library at `root` has been loaded into this catalog before."""
        return self._options_of(os.path.realpath(root)) is not None

    def related(self, library: Library, slug: str) -> list[RelatedEntry]:
        """Everything related to `slug`: declared, links, linked from, mentions, similar."""
        from readingroom.store.related_text import mentions, similar

        graph = self.graph(library)
        own = graph.related(slug)
        known = {entry.slug for entry in own if entry.slug is not None}
        extra = [
            *mentions(self._connection, library, slug, known),
            *similar(self._connection, library, slug),
        ]
        return graph.related(slug, extra)

    def graph(self, library: Library) -> RelatedGraph:
        """The related graph of a library loaded by this catalog, read from the stored edges
        (use it from the thread that owns this catalog)."""
        from readingroom.core.related import RelatedGraph
        from readingroom.store.edges import CatalogEdges

        return RelatedGraph(library, CatalogEdges(self._connection, library.root))


@record
class _Read:
    """Articles read from the catalog: the catalog's `PRAGMA data_version` before the read,
    and whether they came from the blob."""

    version: int
    from_blob: bool
    articles: dict[str, Article]
