"""Moving reading state between machines: the JSON export, and checking an import.

The export (format version 1)::

    {
      "format": "readingroom-state",
      "version": 1,
      "libraries": {
        "/real/path/of/the/library": {
          "articles": {
            "recovery/beyond-the-burn": {
              "digest": "content digest, or empty when unknown",
              "read": false,
              "first_opened": 1718000000.0,        # seconds since the epoch, or null
              "last_opened": 1718000300.5,         # or null
              "position": POSITION,                # or null
              "bookmark": {"created": 1718000100.0, "title": "Beyond the Burn"}   # or null
            }
          },
          "session": {"slug": "recovery/beyond-the-burn", "position": POSITION},  # or null
          "history": {"entries": [{"slug": "...", "position": POSITION}], "index": 0}  # or null
        }
      }
    }

where POSITION is ``{"anchor": "Heading" or null, "blocks_after": 0, "offset": 0,
"percent": 0}`` (counts are whole numbers >= 0, percent at most 100).

Importing merges: every imported article's state replaces that article's state in that library;
a library's session and history replace the current ones when given (not null); nothing else is
touched. Any key of a library, an article or a position may be left out (the defaults are
empty, unread, null and 0); unknown keys, wrong types and values out of range are problems,
each reported with its JSON path, e.g. `$.libraries["/r"].articles["a"].read: expected a
boolean, got "yes"`. An import with any problem applies nothing.
"""

from __future__ import annotations

import json
import math
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from readingroom.core.location import ReadingPosition
from readingroom.store.state_schema import (
    HistoryEntry,
    position_columns,
    position_from_columns,
    read_history,
    write_history,
)

FORMAT = "readingroom-state"
VERSION = 1
_LARGEST = 2**53  # the largest whole number every JSON reader keeps exactly


@dataclass(frozen=True)
class ImportedArticle:
    """One article's state from an import file."""

    slug: str
    digest: str
    read: bool
    first_opened: float | None
    last_opened: float | None
    position: ReadingPosition | None
    bookmark: tuple[float, str] | None


@dataclass(frozen=True)
class ImportedLibrary:
    """One library's state from an import file; None for what the file leaves alone."""

    root: str
    articles: list[ImportedArticle]
    session: HistoryEntry | None
    history: tuple[list[HistoryEntry], int] | None


def empty_export() -> dict[str, object]:
    """An export with no libraries."""
    return {"format": FORMAT, "version": VERSION, "libraries": {}}


# -- export -------------------------------------------------------------------------------


def _position_json(position: ReadingPosition | None) -> dict[str, object] | None:
    if position is None:
        return None
    return {
        "anchor": position.anchor,
        "blocks_after": position.blocks_after,
        "offset": position.offset,
        "percent": position.percent,
    }


def _entry_json(entry: HistoryEntry) -> dict[str, object]:
    return {"slug": entry[0], "position": _position_json(entry[1])}


def _articles_json(db: sqlite3.Connection) -> dict[str, dict[str, object]]:
    query = (
        "SELECT root, slug, digest, read, first_opened, last_opened, anchor, blocks_after, "
        "line_offset, percent, bookmarked, bookmark_title FROM article_state ORDER BY root, slug"
    )
    libraries: dict[str, dict[str, object]] = {}
    for row in db.execute(query):
        bookmark = None if row[10] is None else {"created": row[10], "title": row[11] or ""}
        libraries.setdefault(row[0], {})[row[1]] = {
            "digest": row[2],
            "read": bool(row[3]),
            "first_opened": row[4],
            "last_opened": row[5],
            "position": _position_json(position_from_columns(row[6:10])),
            "bookmark": bookmark,
        }
    return libraries


def export_state(db: sqlite3.Connection) -> dict[str, object]:
    """Every library's state (inside the caller's transaction), in the format above."""
    articles = _articles_json(db)
    session_rows = db.execute(
        "SELECT root, slug, anchor, blocks_after, line_offset, percent FROM session"
    ).fetchall()
    sessions = {
        row[0]: _entry_json((row[1], position_from_columns(row[2:]))) for row in session_rows
    }
    histories: dict[str, object] = {}
    for (root,) in db.execute("SELECT root FROM history_cursor").fetchall():
        entries, index = read_history(db, root)
        if entries:
            histories[root] = {"entries": [_entry_json(e) for e in entries], "index": index}
    libraries: dict[str, object] = {}
    for root in sorted({*articles, *sessions, *histories}):
        libraries[root] = {
            "articles": articles.get(root, {}),
            "session": sessions.get(root),
            "history": histories.get(root),
        }
    return {"format": FORMAT, "version": VERSION, "libraries": libraries}


# -- import: checking ---------------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {json.dumps(value)}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {json.dumps(value[:40], ensure_ascii=False)}"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _key(path: str, key: str) -> str:
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


class _Checker:
    """Reads values out of untrusted JSON, noting every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        """Note a problem at `path`."""
        self.problems.append(f"{path}: {message}")

    def expected(self, path: str, what: str, value: object) -> None:
        """Note that `value` at `path` is not `what` it should be."""
        self.fail(path, f"expected {what}, got {_kind(value)}")

    def mapping(self, value: object, path: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
        """An object whose keys are all among `keys` (an empty one after a problem)."""
        if not isinstance(value, Mapping):
            self.expected(path, "an object", value)
            return {}
        for key in value:
            if key not in keys:
                shown = key if isinstance(key, str) else repr(key)
                self.fail(_key(path, shown), f"unknown key (expected one of {', '.join(keys)})")
        return value

    def entries(self, value: object, path: str) -> list[tuple[str, Any]]:
        """The (non-empty string key, value) pairs of an object."""
        if not isinstance(value, Mapping):
            self.expected(path, "an object", value)
            return []
        pairs: list[tuple[str, Any]] = []
        for key, item in value.items():
            before = len(self.problems)
            self.text(key, _key(path, str(key)), what="a string key", empty=False)
            if len(self.problems) == before:
                pairs.append((key, item))
        return pairs

    def text(self, value: object, path: str, what: str = "a string", empty: bool = True) -> str:
        """A string (valid Unicode; non-empty unless `empty`)."""
        if not isinstance(value, str):
            self.expected(path, what, value)
            return ""
        if not empty and not value:
            self.fail(path, f"expected {what}, got an empty string")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(path, "not valid Unicode (a lone surrogate)")
        return value

    def optional_text(self, value: object, path: str) -> str | None:
        """A string or null."""
        return None if value is None else self.text(value, path, "a string or null")

    def count(self, value: object, path: str, largest: int = _LARGEST) -> int:
        """A whole number from 0 to `largest`."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.expected(path, "a whole number", value)
            return 0
        if not 0 <= value <= largest:
            self.fail(path, f"expected a whole number from 0 to {largest}, got {value}")
        return value

    def boolean(self, value: object, path: str) -> bool:
        """true or false."""
        if not isinstance(value, bool):
            self.expected(path, "a boolean", value)
            return False
        return value

    def moment(self, value: object, path: str) -> float | None:
        """A time in seconds since the epoch (a finite number >= 0), or null."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.expected(path, "a time in seconds or null", value)
            return None
        if not math.isfinite(value) or not 0 <= value <= _LARGEST:
            self.fail(path, f"expected a time in seconds, got {value!r}")
            return None
        return float(value)


_POSITION_KEYS = ("anchor", "blocks_after", "offset", "percent")
_ARTICLE_KEYS = ("digest", "read", "first_opened", "last_opened", "position", "bookmark")
_LIBRARY_KEYS = ("articles", "session", "history")


def _position(check: _Checker, value: object, path: str) -> ReadingPosition | None:
    if value is None:
        return None
    fields = check.mapping(value, path, _POSITION_KEYS)
    return ReadingPosition(
        anchor=check.optional_text(fields.get("anchor"), f"{path}.anchor"),
        blocks_after=check.count(fields.get("blocks_after", 0), f"{path}.blocks_after"),
        offset=check.count(fields.get("offset", 0), f"{path}.offset"),
        percent=check.count(fields.get("percent", 0), f"{path}.percent", largest=100),
    )


def _bookmark(check: _Checker, value: object, path: str) -> tuple[float, str] | None:
    if value is None:
        return None
    fields = check.mapping(value, path, ("created", "title"))
    if "created" not in fields or fields["created"] is None:
        check.fail(f"{path}.created", "missing (a time in seconds)")
    created = check.moment(fields.get("created"), f"{path}.created")
    title = check.text(fields.get("title", ""), f"{path}.title")
    return (created or 0.0, title)


def _article(check: _Checker, slug: str, value: object, path: str) -> ImportedArticle:
    fields = check.mapping(value, path, _ARTICLE_KEYS)
    return ImportedArticle(
        slug=slug,
        digest=check.text(fields.get("digest", ""), f"{path}.digest"),
        read=check.boolean(fields.get("read", False), f"{path}.read"),
        first_opened=check.moment(fields.get("first_opened"), f"{path}.first_opened"),
        last_opened=check.moment(fields.get("last_opened"), f"{path}.last_opened"),
        position=_position(check, fields.get("position"), f"{path}.position"),
        bookmark=_bookmark(check, fields.get("bookmark"), f"{path}.bookmark"),
    )


def _entry(check: _Checker, value: object, path: str) -> HistoryEntry:
    fields = check.mapping(value, path, ("slug", "position"))
    slug = check.text(fields.get("slug"), f"{path}.slug", "a slug", empty=False)
    return (slug, _position(check, fields.get("position"), f"{path}.position"))


def _history(check: _Checker, value: object, path: str) -> tuple[list[HistoryEntry], int] | None:
    if value is None:
        return None
    fields = check.mapping(value, path, ("entries", "index"))
    raw = fields.get("entries", [])
    if not isinstance(raw, list):
        check.expected(f"{path}.entries", "an array", raw)
        raw = []
    entries = [_entry(check, item, f"{path}.entries[{n}]") for n, item in enumerate(raw)]
    index = fields.get("index", len(entries) - 1)
    if isinstance(index, bool) or not isinstance(index, int):
        check.expected(f"{path}.index", "a whole number", index)
    elif not (0 <= index < len(entries) or index == -1 == len(entries) - 1):
        check.fail(f"{path}.index", f"{index} is not an entry of the {len(entries)} entries")
    return (entries, index if isinstance(index, int) else -1)


def _library(check: _Checker, root: str, value: object, path: str) -> ImportedLibrary:
    fields = check.mapping(value, path, _LIBRARY_KEYS)
    where = f"{path}.articles"
    articles = [
        _article(check, slug, item, _key(where, slug))
        for slug, item in check.entries(fields.get("articles", {}), where)
    ]
    session = fields.get("session")
    return ImportedLibrary(
        root=root,
        articles=articles,
        session=None if session is None else _entry(check, session, f"{path}.session"),
        history=_history(check, fields.get("history"), f"{path}.history"),
    )


def parse_import(data: object) -> tuple[list[str], list[ImportedLibrary]]:
    """Check an export completely: (problems, libraries). Apply only when problems is empty."""
    check = _Checker()
    fields = check.mapping(data, "$", ("format", "version", "libraries"))
    if check.problems:
        return check.problems, []
    if fields.get("format") != FORMAT:
        check.expected("$.format", json.dumps(FORMAT), fields.get("format"))
        return check.problems, []
    version = fields.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        check.expected("$.version", f"a format version (this readingroom reads {VERSION})", version)
    elif version > VERSION:
        check.fail(
            "$.version", f"version {version} is newer than this readingroom reads ({VERSION})"
        )
    if check.problems:
        return check.problems, []
    if "libraries" not in fields:
        check.fail("$.libraries", "missing")
    libraries = [
        _library(check, root, value, _key("$.libraries", root))
        for root, value in check.entries(fields.get("libraries", {}), "$.libraries")
    ]
    return check.problems, libraries


# -- import: applying ---------------------------------------------------------------------

_INSERT_ARTICLE = (
    "INSERT OR REPLACE INTO article_state (root, slug, digest, read, first_opened, last_opened, "
    "anchor, blocks_after, line_offset, percent, bookmarked, bookmark_title) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SESSION = (
    "INSERT OR REPLACE INTO session (root, slug, anchor, blocks_after, line_offset, percent, "
    "saved) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _article_row(root: str, article: ImportedArticle) -> tuple[object, ...]:
    created, title = article.bookmark if article.bookmark is not None else (None, None)
    return (
        root,
        article.slug,
        article.digest,
        int(article.read),
        article.first_opened,
        article.last_opened,
        *position_columns(article.position),
        created,
        title,
    )


def apply_import(db: sqlite3.Connection, libraries: list[ImportedLibrary]) -> int:
    """Write checked libraries (inside the caller's transaction); returns the article count."""
    count = 0
    for library in libraries:
        db.executemany(_INSERT_ARTICLE, [_article_row(library.root, a) for a in library.articles])
        count += len(library.articles)
        if library.session is not None:
            slug, position = library.session
            values = (library.root, slug, *position_columns(position), time.time())
            db.execute(_INSERT_SESSION, values)
        if library.history is not None:
            entries, index = library.history
            write_history(db, library.root, entries, index)
    return count
