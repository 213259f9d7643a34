"""The catalog's articles of one library kept whole in one blob, for a quick start.

Reading 31,000 articles' rows from the `article` table makes half a million Python objects
(every column of every row) and takes a third of a second; the same articles in one
`marshal` blob, where every repeated string (a tag, a link, a section heading) is stored
once, load in a sixth of that. The blob is a copy of the table, kept true by two rules:

- every write to a library's rows deletes its blob in the same transaction (`forget`), so a
  blob that exists matches the rows;
- a blob is written only under the write lock, and only by a connection that knows its
  articles are the rows as they are: no other connection has committed since it read them
  (`PRAGMA data_version`, see `keep`).

The articles are stored in the order the sidebar lists them by default (Library.sorted's
newest first), so the start need not sort them (40 ms at 31,000 articles).

A blob that does not load (another Python's marshal format, an article with other fields,
damage) is ignored: the rows are read as before and the blob is written again.
"""

from __future__ import annotations

import marshal
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import fields
from operator import attrgetter

from readingroom.core.article import Article

LISTING_SCHEMA = """
CREATE TABLE IF NOT EXISTS listing (
    root TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    articles BLOB NOT NULL
);
"""
_FIELDS = tuple(field.name for field in fields(Article))
_LIST_FIELDS = tuple(
    index for index, field in enumerate(fields(Article)) if str(field.type).startswith("tuple")
)
_SHARED_FIELDS = (_FIELDS.index("date"), _FIELDS.index("author"))
"""Single strings that repeat from article to article (a list's items all do)."""
FORMAT = f"2 marshal {marshal.version} python {sys.version_info[0]}.{sys.version_info[1]} " + (
    ",".join(_FIELDS)
)
"""What a blob must have been written with to be read: this layout, marshal format and
Python version (marshal's format may change between versions), and Article's fields."""
_WIDTH = len(_FIELDS)
_SLUG, _PATH, _TITLE = (_FIELDS.index(name) for name in ("slug", "path", "title"))
_values = attrgetter(*_FIELDS)


def read(db: sqlite3.Connection, root: str) -> dict[str, Article] | None:
    """The articles of `root` by relative path, from its blob; None when there is no usable
    blob."""
    row = db.execute("SELECT format, articles FROM listing WHERE root = ?", (root,)).fetchone()
    if row is None or row[0] != FORMAT:
        return None
    try:
        rows = marshal.loads(row[1])
    except (EOFError, ValueError, TypeError):
        return None
    if type(rows) is not list or not all(map(_well_formed, rows)):
        return None
    return {values[_PATH]: Article(*values) for values in rows}


def _well_formed(values: object) -> bool:
    """True for a row `write` could have made (its shape, and the strings the listing needs)."""
    return (
        type(values) is tuple
        and len(values) == _WIDTH
        and type(values[_SLUG]) is str
        and type(values[_PATH]) is str
        and type(values[_TITLE]) is str
    )


def write(db: sqlite3.Connection, root: str, articles: Iterable[Article]) -> None:
    """Store the blob of `root`, `articles` newest first (inside the caller's write
    transaction; `read` gives them back in the same order). The items of every
    list are interned first, so each distinct one is stored, and later loaded, once."""
    intern = sys.intern
    rows = []
    for article in articles:
        values = list(_values(article))
        for index in _LIST_FIELDS:
            if values[index]:
                values[index] = tuple(map(intern, values[index]))
        for index in _SHARED_FIELDS:
            if values[index]:
                values[index] = intern(values[index])
        rows.append(tuple(values))
    db.execute(
        "INSERT OR REPLACE INTO listing (root, format, articles) VALUES (?, ?, ?)",
        (root, FORMAT, marshal.dumps(rows)),
    )


def forget(db: sqlite3.Connection, root: str) -> None:
    """Drop the blob of `root` (inside the transaction that changes its rows)."""
    db.execute("DELETE FROM listing WHERE root = ?", (root,))


def keep(db: sqlite3.Connection, root: str, version: int, articles: Iterable[Article]) -> None:
    """Store the blob of `root`'s `articles` (newest first), read when the catalog's
    `PRAGMA data_version` was `version`, if no other connection has written since: then
    they are its rows as they are. A catalog busy with another writer gets no blob this
    time (the next load makes it)."""
    try:
        db.execute("BEGIN IMMEDIATE")
        with db:
            if db.execute("PRAGMA data_version").fetchone()[0] == version:
                write(db, root, articles)
    except sqlite3.OperationalError:  # busy, read-only or full: the blob can wait
        if db.in_transaction:
            db.rollback()
