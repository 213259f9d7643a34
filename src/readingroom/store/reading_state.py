"""Reading state: where the reader was, what was read, bookmarks, the session and history.

Kept in a SQLite file in the state directory (WAL, synchronous=NORMAL, a busy timeout), one
short transaction per call, keyed by library root (its real path) so libraries never mix.
State follows an article renamed with unchanged content (`follow_renames`, by content digest).

No call raises on database trouble. A read that fails returns an empty answer, a write that
fails does nothing, and `notice` says why (the latest problem). "database is locked" is retried
a few times before a write is given up. How a damaged, newer or read-only file is opened is
described in `state_schema`; the export format in `state_transfer`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from readingroom.core.location import ReadingPosition
from readingroom.store.paths import AppPaths
from readingroom.store.state_schema import (
    HistoryEntry,
    is_broken,
    is_busy,
    is_read_only,
    open_state_database,
    position_columns,
    position_from_columns,
    read_history,
    rollback,
    write_history,
)
from readingroom.store.state_transfer import apply_import, empty_export, export_state, parse_import

T = TypeVar("T")

# Pauses between attempts when another process holds the write lock past the busy timeout.
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2)

_UPSERT = (
    "INSERT INTO article_state (root, slug, {columns}) VALUES (?, ?, {marks}) "
    "ON CONFLICT (root, slug) DO UPDATE SET {updates}"
)
_POSITION = ("anchor", "blocks_after", "line_offset", "percent")
_OPENED = (
    "INSERT INTO article_state (root, slug, digest, first_opened, last_opened) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (root, slug) DO UPDATE SET "
    "digest = CASE WHEN excluded.digest = '' THEN digest ELSE excluded.digest END, "
    "first_opened = COALESCE(first_opened, excluded.first_opened), "
    "last_opened = excluded.last_opened"
)
_STATES = (
    "SELECT slug, read, bookmarked, first_opened, last_opened, "
    "anchor, blocks_after, line_offset, percent FROM article_state WHERE root = ?"
)


@dataclass(frozen=True)
class ArticleState:
    """What the reader has done with one article. `percent` is 0 when no position is saved."""

    slug: str
    read: bool
    bookmarked: bool
    percent: int
    first_opened: float | None
    last_opened: float | None
    position: ReadingPosition | None


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked article, with the title it had when it was bookmarked."""

    slug: str
    created: float
    title: str


def state_path(paths: AppPaths) -> Path:
    """The reading-state database inside the state directory."""
    return paths.state / "state.sqlite3"


def _upsert(*columns: str) -> str:
    return _UPSERT.format(
        columns=", ".join(columns),
        marks=", ".join("?" * len(columns)),
        updates=", ".join(f"{column} = excluded.{column}" for column in columns),
    )


class ReadingState:
    """The reader's state in one SQLite database; safe to share between threads."""

    def __init__(self, path: Path | None, connection: sqlite3.Connection) -> None:
        self.path = path
        self.notice: str | None = None
        self.read_only = False
        self._db: sqlite3.Connection | None = connection
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path | None) -> ReadingState:
        """Open the state at `path` (in memory for None); never raises, see `notice`."""
        opened = open_state_database(path)
        state = cls(path, opened.connection)
        state.notice = opened.notice
        state.read_only = opened.read_only
        return state

    def close(self) -> None:
        """Close the database; later calls do nothing and return empty answers."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- transactions -----------------------------------------------------------------------

    def _run(self, what: str, work: Callable[[sqlite3.Connection], T], write: bool) -> T | None:
        """Run `work` in its own transaction, retrying while the database is locked; None
        when it could not run (the reason is in `notice`)."""
        with self._lock:
            for delay in (*RETRY_DELAYS, None):
                db = self._db
                if db is None or (write and self.read_only):
                    return None
                try:
                    return _transaction(db, work, write)
                except sqlite3.Error as exc:
                    if delay is not None and is_busy(exc):
                        time.sleep(delay)
                        continue
                    self._trouble(what, exc)
                    return None
                except (UnicodeEncodeError, OverflowError) as exc:
                    # A slug from an undecodable file name, or a number SQLite cannot hold.
                    self.notice = f"could not {what} ({exc})"
                    return None
        return None

    def _read(self, what: str, work: Callable[[sqlite3.Connection], T], default: T) -> T:
        result = self._run(what, work, write=False)
        return default if result is None else result

    def _write(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T | None:
        return self._run(what, work, write=True)

    def _trouble(self, what: str, exc: sqlite3.Error) -> None:
        if is_broken(exc):
            self._reopen(what, exc)
        elif is_busy(exc):
            self.notice = f"could not {what}: the state database stayed locked ({exc})"
        elif is_read_only(exc):
            self.read_only = True
            self.notice = f"could not {what} ({exc}); changes will not be saved"
        else:
            self.notice = f"could not {what} ({exc})"

    def _reopen(self, what: str, exc: sqlite3.Error) -> None:
        """The file turned out damaged mid-session: open it again, which sets it aside."""
        if self._db is not None:
            self._db.close()
        opened = open_state_database(self.path)
        self._db = opened.connection
        self.read_only = opened.read_only
        self.notice = f"could not {what} ({exc}); {opened.notice or 'reopened the state database'}"

    # -- per article ------------------------------------------------------------------------

    def record_opened(self, root: str, slug: str, digest: str, now: float | None = None) -> None:
        """Note that the article was opened now, with its content digest (to follow renames)."""
        when = time.time() if now is None else now
        self._write(
            "record the opened article",
            lambda db: db.execute(_OPENED, (root, slug, digest, when, when)),
        )

    def save_position(self, root: str, slug: str, position: ReadingPosition) -> None:
        """Remember where the reader is in the article."""
        values = (root, slug, *position_columns(position))
        self._write("save the position", lambda db: db.execute(_upsert(*_POSITION), values))

    def position(self, root: str, slug: str) -> ReadingPosition | None:
        """The last saved position in the article, or None."""

        def work(db: sqlite3.Connection) -> ReadingPosition | None:
            query = f"SELECT {', '.join(_POSITION)} FROM article_state WHERE root = ? AND slug = ?"
            row = db.execute(query, (root, slug)).fetchone()
            return None if row is None else position_from_columns(row)

        return self._run("read the position", work, write=False)

    def set_read(self, root: str, slug: str, read: bool) -> None:
        """Mark the article read or unread."""
        self._write("mark read", lambda db: db.execute(_upsert("read"), (root, slug, int(read))))

    def toggle_bookmark(self, root: str, slug: str, title: str, now: float | None = None) -> bool:
        """Bookmark the article or remove its bookmark; returns whether it is bookmarked now
        (unchanged when the change could not be saved)."""
        when = time.time() if now is None else now

        def work(db: sqlite3.Connection) -> bool:
            on = not _bookmarked(db, root, slug)
            values = (root, slug, when if on else None, title if on else None)
            db.execute(_upsert("bookmarked", "bookmark_title"), values)
            return on

        result = self._write("change the bookmark", work)
        if result is None:
            return self._read("read the bookmark", lambda db: _bookmarked(db, root, slug), False)
        return result

    def bookmarks(self, root: str) -> list[Bookmark]:
        """Every bookmark of the library, newest first."""
        query = (
            "SELECT slug, bookmarked, bookmark_title FROM article_state "
            "WHERE root = ? AND bookmarked IS NOT NULL ORDER BY bookmarked DESC, slug"
        )

        def work(db: sqlite3.Connection) -> list[Bookmark]:
            rows = db.execute(query, (root,)).fetchall()
            return [Bookmark(str(slug), float(at), str(title or "")) for slug, at, title in rows]

        return self._read("read the bookmarks", work, [])

    def article_states(self, root: str) -> dict[str, ArticleState]:
        """The state of every article of the library that has any, by slug."""

        def work(db: sqlite3.Connection) -> dict[str, ArticleState]:
            return {str(row[0]): _article_state(row) for row in db.execute(_STATES, (root,))}

        return self._read("read the reading state", work, {})

    # -- session and history ----------------------------------------------------------------

    def save_session(self, root: str, slug: str, position: ReadingPosition | None) -> None:
        """Remember the article (and position) the reader is on, to reopen it next time."""
        query = (
            "INSERT OR REPLACE INTO session (root, slug, anchor, blocks_after, line_offset, "
            "percent, saved) VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
        values = (root, slug, *position_columns(position), time.time())
        self._write("save the session", lambda db: db.execute(query, values))

    def session(self, root: str) -> HistoryEntry | None:
        """The article and position the reader was on last time, or None."""
        query = (
            "SELECT slug, anchor, blocks_after, line_offset, percent FROM session WHERE root = ?"
        )

        def work(db: sqlite3.Connection) -> HistoryEntry | None:
            row = db.execute(query, (root,)).fetchone()
            return None if row is None else (str(row[0]), position_from_columns(row[1:]))

        return self._run("read the session", work, write=False)

    def save_history(self, root: str, entries: list[HistoryEntry], index: int) -> None:
        """Replace the library's back/forward history; `index` is the current entry (clamped
        into range, -1 when there are no entries)."""
        current = min(max(index, 0), len(entries) - 1) if entries else -1
        self._write("save the history", lambda db: write_history(db, root, entries, current))

    def history(self, root: str) -> tuple[list[HistoryEntry], int]:
        """The library's back/forward history and its current index (([], -1) when none)."""
        empty: tuple[list[HistoryEntry], int] = ([], -1)
        return self._read("read the history", lambda db: read_history(db, root), empty)

    # -- renames, export and import ---------------------------------------------------------

    def follow_renames(self, root: str, digests: dict[str, str]) -> list[tuple[str, str]]:
        """Move the state of articles that no longer exist to the slug now holding the same
        content. `digests` maps every current slug to its content digest; only a unique match
        whose new slug has no state yet is followed. Returns the (old, new) slugs moved."""
        moved = self._write("follow renamed articles", lambda db: _follow(db, root, digests))
        return moved or []

    def export(self) -> dict[str, object]:
        """Every library's state as JSON-ready data (format in `state_transfer`)."""
        return self._read("export the reading state", export_state, empty_export())

    def import_state(self, data: object) -> list[str]:
        """Check `data` (an export) completely, then merge it in one transaction. Returns the
        problems, each with its JSON path; empty when it was applied. Never half-applies."""
        problems, libraries = parse_import(data)
        if problems:
            return problems
        if self._db is None:
            return ["the state database is closed; nothing was imported"]
        if self.read_only:
            return [f"state database {self.path} is read-only; nothing was imported"]
        if self._write("import reading state", lambda db: apply_import(db, libraries)) is None:
            return [f"nothing was imported: {self.notice}"]
        return []


def _transaction(db: sqlite3.Connection, work: Callable[[sqlite3.Connection], T], write: bool) -> T:
    db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        result = work(db)
        db.execute("COMMIT")
    except BaseException:
        rollback(db)
        raise
    return result


def _bookmarked(db: sqlite3.Connection, root: str, slug: str) -> bool:
    query = "SELECT bookmarked FROM article_state WHERE root = ? AND slug = ?"
    row = db.execute(query, (root, slug)).fetchone()
    return row is not None and row[0] is not None


def _article_state(row: tuple[object, ...]) -> ArticleState:
    slug, read, bookmarked, first_opened, last_opened = row[:5]
    position = position_from_columns(row[5:])
    return ArticleState(
        slug=str(slug),
        read=bool(read),
        bookmarked=bookmarked is not None,
        percent=position.percent if position is not None else 0,
        first_opened=None if first_opened is None else float(str(first_opened)),
        last_opened=None if last_opened is None else float(str(last_opened)),
        position=position,
    )


def _follow(db: sqlite3.Connection, root: str, digests: dict[str, str]) -> list[tuple[str, str]]:
    rows = db.execute("SELECT slug, digest FROM article_state WHERE root = ?", (root,)).fetchall()
    have_state = {str(slug) for slug, _ in rows}
    orphans = [(str(slug), str(digest)) for slug, digest in rows if slug not in digests and digest]
    orphan_count = Counter(digest for _, digest in orphans)
    holders: dict[str, list[str]] = {}
    for slug, digest in digests.items():
        if digest:
            holders.setdefault(digest, []).append(slug)
    moved: list[tuple[str, str]] = []
    for old, digest in sorted(orphans):
        candidates = holders.get(digest, [])
        if orphan_count[digest] != 1 or len(candidates) != 1 or candidates[0] in have_state:
            continue
        new = candidates[0]
        for table in ("article_state", "session", "history_entry"):
            db.execute(f"UPDATE {table} SET slug = ? WHERE root = ? AND slug = ?", (new, root, old))
        moved.append((old, new))
    return moved
