"""The catalog's tables, and opening a catalog file: an old schema is dropped and made again."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from readingroom.store import listing_snapshot

SCHEMA_VERSION = 14
"""Bumped whenever what the catalog holds changes; at 14 it keeps each library's articles in
one blob too (store.listing_snapshot): a catalog an older release writes to must not keep a
blob that release does not know to drop, so both rebuild on a change of release."""
ARTICLE_SCHEMA = """
CREATE TABLE IF NOT EXISTS article (
    id INTEGER PRIMARY KEY,
    root TEXT NOT NULL,
    path TEXT NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    tags TEXT NOT NULL,
    summary TEXT NOT NULL,
    author TEXT NOT NULL,
    related TEXT NOT NULL,
    related_keys TEXT NOT NULL,
    links TEXT NOT NULL,
    link_sections TEXT NOT NULL,
    words INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    error TEXT,
    problems TEXT NOT NULL,
    digest TEXT NOT NULL,
    UNIQUE (root, path)
);
CREATE INDEX IF NOT EXISTS article_slug ON article (root, slug);
CREATE TABLE IF NOT EXISTS library_meta (
    root TEXT PRIMARY KEY,
    options TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS library_root (
    id INTEGER PRIMARY KEY,
    root TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE IF NOT EXISTS article_text USING fts5(
    title, tags, summary, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3'
);
"""
# Each library's articles have ids in their own range (see store.search.root_bounds), so a
# full-text search of one library is a rowid range of the index, with no join to filter it.
# Only three-letter prefixes are indexed: a word typed so far that is shorter is searched as
# the whole word (store.search), and longer prefixes read a narrow range of terms.

FTS_HASH_BYTES = 16 * 1024 * 1024
"""FTS5's in-memory buffer of new index entries before it writes a segment, for a bulk index."""
FTS_DEFAULT_HASH_BYTES = 1024 * 1024
"""FTS5's own default, restored after a bulk index (the setting is stored in the catalog)."""


def prepare(connection: sqlite3.Connection) -> sqlite3.Connection:
    """Ready a new connection: the tables of another schema version dropped, write-ahead
    logging on, every table there (made when missing)."""
    connection.execute("PRAGMA busy_timeout = 5000")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version not in (0, SCHEMA_VERSION):
        connection.execute("DROP TABLE IF EXISTS article")
        for table in (
            "article_vocab",
            "article_text",
            "edge",
            "library_meta",
            "library_root",
            "listing",
        ):
            connection.execute(f"DROP TABLE IF EXISTS {table}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    from readingroom.store.edges import EDGE_SCHEMA
    from readingroom.store.related_text import VOCAB_SCHEMA

    connection.executescript(
        ARTICLE_SCHEMA + EDGE_SCHEMA + VOCAB_SCHEMA + listing_snapshot.LISTING_SCHEMA
    )
    if version != SCHEMA_VERSION:  # no write otherwise: other connections see no change
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.commit()
    return connection


@contextmanager
def bulk_writes(db: sqlite3.Connection, bulk: bool) -> Iterator[None]:
    """For a big (re)index: no fsync between transactions and a larger FTS5 buffer.

    The catalog is a cache: should the machine lose power mid-index, a damaged catalog is
    set aside and rebuilt (see Catalog.load_library), so durability is not worth the syncs here.
    """
    if not bulk:
        yield
        return
    db.execute("PRAGMA synchronous = OFF")
    with db:
        db.execute(
            "INSERT INTO article_text (article_text, rank) VALUES ('hashsize', ?)",
            (FTS_HASH_BYTES,),
        )
    try:
        yield
    finally:
        with db:
            db.execute(
                "INSERT INTO article_text (article_text, rank) VALUES ('hashsize', ?)",
                (FTS_DEFAULT_HASH_BYTES,),
            )
        db.execute("PRAGMA synchronous = NORMAL")
