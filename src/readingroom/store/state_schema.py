"""The reading-state database file: its schema, its migrations, and opening it safely.

The schema version lives in `PRAGMA user_version`. `MIGRATIONS[n]` takes a database from
version n to n + 1; a database is migrated forward one step after another inside a single
`BEGIN IMMEDIATE` transaction, so a failed step leaves it exactly as it was.

Opening never raises. A file that is not a database, is corrupt or truncated is set aside
(renamed `NAME.broken-YYYYmmdd-HHMMSS[-N]` with its -wal and -shm files, never deleted) and a
fresh one is started. A file written by a newer schema, or one that cannot be written, is
opened read-only. When nothing else works the state lives in memory. Each case leaves a
notice saying what happened.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readingroom.core.location import ReadingPosition

BUSY_TIMEOUT_MS = 5000
OPEN_RETRY_DELAYS: tuple[float, ...] = (0.05, 0.2)

Migration = tuple[str, ...]

_V1: Migration = (
    """CREATE TABLE article_state (
        root TEXT NOT NULL,
        slug TEXT NOT NULL,
        digest TEXT NOT NULL DEFAULT '',
        read INTEGER NOT NULL DEFAULT 0,
        first_opened REAL,
        last_opened REAL,
        anchor TEXT,
        blocks_after INTEGER,
        line_offset INTEGER,
        percent INTEGER,
        bookmarked REAL,
        bookmark_title TEXT,
        PRIMARY KEY (root, slug)
    ) WITHOUT ROWID""",
    "CREATE INDEX article_state_digest ON article_state (root, digest)",
    """CREATE TABLE session (
        root TEXT PRIMARY KEY,
        slug TEXT NOT NULL,
        anchor TEXT,
        blocks_after INTEGER,
        line_offset INTEGER,
        percent INTEGER,
        saved REAL NOT NULL
    )""",
    """CREATE TABLE history_entry (
        root TEXT NOT NULL,
        seq INTEGER NOT NULL,
        slug TEXT NOT NULL,
        anchor TEXT,
        blocks_after INTEGER,
        line_offset INTEGER,
        percent INTEGER,
        PRIMARY KEY (root, seq)
    ) WITHOUT ROWID""",
    "CREATE TABLE history_cursor (root TEXT PRIMARY KEY, current INTEGER NOT NULL)",
)

# Every migration step, oldest first: MIGRATIONS[n] turns version n into version n + 1.
# A position is stored as (anchor, blocks_after, line_offset, percent); percent NULL = none.
MIGRATIONS: tuple[Migration, ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)  # the newest version (code reads len(MIGRATIONS) at run time)

# SQLite primary result codes (the low byte of an extended code).
_CORRUPT, _NOTADB = 11, 26
_BUSY, _LOCKED = 5, 6
_PERM, _READONLY, _CANTOPEN, _AUTH = 3, 8, 14, 23


class NewerSchemaError(Exception):
    """The database was written by a newer readingroom; it must not be changed."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema {version}, this readingroom knows {len(MIGRATIONS)}")
        self.version = version


class BrokenDatabaseError(Exception):
    """`PRAGMA quick_check` found the database damaged."""


@dataclass(frozen=True)
class OpenedState:
    """A connection ready for use, whether it may be written, and what went wrong opening."""

    connection: sqlite3.Connection
    read_only: bool
    notice: str | None


HistoryEntry = tuple[str, ReadingPosition | None]
PositionColumns = tuple[str | None, int | None, int | None, int | None]


def position_columns(position: ReadingPosition | None) -> PositionColumns:
    """A position as (anchor, blocks_after, line_offset, percent); all None for no position."""
    if position is None:
        return (None, None, None, None)
    return (position.anchor, position.blocks_after, position.offset, position.percent)


def position_from_columns(columns: Sequence[Any]) -> ReadingPosition | None:
    """The position stored in (anchor, blocks_after, line_offset, percent), None when unset."""
    anchor, blocks_after, offset, percent = columns
    if percent is None:
        return None
    return ReadingPosition(
        anchor=None if anchor is None else str(anchor),
        blocks_after=int(blocks_after or 0),
        offset=int(offset or 0),
        percent=int(percent),
    )


def write_history(
    db: sqlite3.Connection, root: str, entries: list[HistoryEntry], index: int
) -> None:
    """Replace the library's history rows (inside the caller's transaction)."""
    db.execute("DELETE FROM history_entry WHERE root = ?", (root,))
    db.executemany(
        "INSERT INTO history_entry (root, seq, slug, anchor, blocks_after, line_offset, percent) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(root, seq, slug, *position_columns(pos)) for seq, (slug, pos) in enumerate(entries)],
    )
    db.execute("INSERT OR REPLACE INTO history_cursor (root, current) VALUES (?, ?)", (root, index))


def read_history(db: sqlite3.Connection, root: str) -> tuple[list[HistoryEntry], int]:
    """The library's history and current index, the index clamped into range."""
    query = (
        "SELECT slug, anchor, blocks_after, line_offset, percent FROM history_entry "
        "WHERE root = ? ORDER BY seq"
    )
    entries = [(str(row[0]), position_from_columns(row[1:])) for row in db.execute(query, (root,))]
    row = db.execute("SELECT current FROM history_cursor WHERE root = ?", (root,)).fetchone()
    if not entries:
        return [], -1
    index = int(row[0]) if row is not None else len(entries) - 1
    return entries, min(max(index, 0), len(entries) - 1)


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_broken(exc: sqlite3.Error) -> bool:
    """True when the error means the file is corrupt or not a database at all."""
    code = _code(exc)
    if code is not None:
        return code in (_CORRUPT, _NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_busy(exc: sqlite3.Error) -> bool:
    """True when another connection holds a lock ("database is locked")."""
    code = _code(exc)
    if code is not None:
        return code in (_BUSY, _LOCKED)
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def is_read_only(exc: sqlite3.Error) -> bool:
    """True when the file or its folder cannot be written."""
    code = _code(exc)
    if code is not None:
        return code in (_PERM, _READONLY, _CANTOPEN, _AUTH)
    return "readonly" in str(exc).lower() or "read-only" in str(exc).lower()


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from any thread
    (the caller serialises), with the busy timeout set."""
    target = f"{path.absolute().as_uri()}?mode=ro" if read_only else str(path)
    connection = sqlite3.connect(
        target,
        uri=read_only,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def use_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL. The switch needs the file to itself and SQLite's busy handler does not
    wait for that, so two readers creating the database at once retry here for a while."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def user_version(connection: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty database)."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def quick_check(connection: sqlite3.Connection) -> None:
    """Raise BrokenDatabaseError (or sqlite3.DatabaseError) when the file is damaged."""
    rows = [str(row[0]) for row in connection.execute("PRAGMA quick_check(3)")]
    if rows != ["ok"]:
        first = " ".join(" ".join(rows).split())
        raise BrokenDatabaseError(f"quick_check: {first[:200]}")


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration] | None = None) -> int:
    """Bring the schema up to `len(migrations)` (default: MIGRATIONS) in one transaction;
    returns the version.

    Always writes `user_version`, even when nothing changes, so a read-only file is found out
    here rather than at the first save. Raises NewerSchemaError for a newer schema.
    """
    if migrations is None:
        migrations = MIGRATIONS
    target = len(migrations)
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = user_version(connection)
        if version > target:
            raise NewerSchemaError(version)
        for step in migrations[version:]:
            for statement in step:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {target}")
        connection.execute("COMMIT")
    except BaseException:
        rollback(connection)
        raise
    return target


def rollback(connection: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any."""
    if connection.in_transaction:
        # The error that brought us here is the one worth reporting, not a failed rollback.
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


def open_state_database(path: Path | None) -> OpenedState:
    """Open (or create) the state database at `path`, in memory when `path` is None.

    Never raises: see the module docstring for what happens to a troubled file.
    """
    if path is None:
        return OpenedState(_memory(), read_only=False, notice=None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return OpenedState(_open_with_retries(path), read_only=False, notice=None)
    except NewerSchemaError as newer:
        return _open_read_only(
            path, f"state database {path} was written by a newer readingroom ({newer})"
        )
    except BrokenDatabaseError as broken:
        return _start_afresh(path, str(broken))
    except OSError as exc:
        return _in_memory(f"state folder {path.parent} cannot be used ({exc})")
    except sqlite3.Error as exc:
        return _after_error(path, exc)


def _after_error(path: Path, exc: sqlite3.Error) -> OpenedState:
    if is_broken(exc):
        return _start_afresh(path, str(exc))
    if is_busy(exc):
        return _in_memory(f"state database {path} is busy ({exc}; another readingroom?)")
    return _open_read_only(path, f"state database {path} cannot be written ({exc})")


def _open_with_retries(path: Path) -> sqlite3.Connection:
    """Open read-write, trying again when a lock outlasts the busy timeout (or SQLite did not
    wait for it, as during WAL recovery)."""
    for delay in OPEN_RETRY_DELAYS:
        try:
            return _open_read_write(path)
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            time.sleep(delay)
    return _open_read_write(path)


def _open_read_write(path: Path) -> sqlite3.Connection:
    connection = connect(path, read_only=False)
    try:
        quick_check(connection)
        version = user_version(connection)
        if version > len(MIGRATIONS):
            raise NewerSchemaError(version)
        use_wal(connection)
        connection.execute("PRAGMA synchronous = NORMAL")
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _open_read_only(path: Path, reason: str) -> OpenedState:
    """Open the file read-only; an older schema is copied into memory and migrated there so
    it can be read. Falls back to an empty in-memory state."""
    if not path.exists():
        return _in_memory(reason)
    try:
        connection = connect(path, read_only=True)
    except sqlite3.Error as exc:
        return _in_memory(f"{reason}; it cannot be read either ({exc})")
    try:
        quick_check(connection)
        if user_version(connection) < len(MIGRATIONS):
            copy = _memory()
            connection.backup(copy)
            connection.close()
            connection = copy
            migrate(connection)
    except (sqlite3.Error, BrokenDatabaseError, NewerSchemaError) as exc:
        connection.close()
        return _in_memory(f"{reason}; it cannot be read either ({exc})")
    notice = f"{reason}; opened read-only, changes will not be saved"
    return OpenedState(connection, read_only=True, notice=notice)


def _start_afresh(path: Path, reason: str) -> OpenedState:
    try:
        aside = set_aside(path)
    except OSError as exc:
        return _in_memory(
            f"state database {path} is unreadable ({reason}) and cannot be set aside ({exc})"
        )
    notice = (
        f"state database {path} was unreadable ({reason}); set aside as {aside}, starting afresh"
    )
    try:
        return OpenedState(_open_read_write(path), read_only=False, notice=notice)
    except (sqlite3.Error, OSError, BrokenDatabaseError, NewerSchemaError) as exc:
        return _in_memory(f"{notice}; the new one cannot be created either ({exc})")


def set_aside(path: Path) -> Path:
    """Rename `path` (and its -wal and -shm files) to `NAME.broken-YYYYmmdd-HHMMSS[-N]`;
    returns the new name. Nothing is deleted."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        number += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{number}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.replace(Path(f"{aside}{suffix}"))
    return aside


def _memory() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    migrate(connection)
    return connection


def _in_memory(reason: str) -> OpenedState:
    notice = f"{reason}; reading state is kept in memory and will not be saved"
    return OpenedState(_memory(), read_only=False, notice=notice)
