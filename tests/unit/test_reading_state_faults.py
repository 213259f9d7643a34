"""A broken, newer, read-only or locked state database never stops the reader."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

import readingroom.store.reading_state as reading_state_module
import readingroom.store.state_schema as schema
from readingroom.core.location import ReadingPosition
from readingroom.store.reading_state import ReadingState

ROOT = "/library"
STAMP = "20250314-101500"


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.sqlite3"


@pytest.fixture
def fixed_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema.time, "strftime", lambda _format: STAMP)


def filled(path: Path, articles: int = 300) -> Path:
    """A state database with enough rows to span many pages."""
    state = ReadingState.open(path)
    for n in range(articles):
        state.toggle_bookmark(ROOT, f"article-{n}", f"A long title number {n} " * 4, now=n)
    assert state.notice is None
    state.close()
    return path


def aside_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".broken-" in p.name)


def assert_fresh_and_working(state: ReadingState) -> None:
    assert not state.read_only
    assert state.article_states(ROOT) == {}
    state.set_read(ROOT, "a", True)
    assert state.article_states(ROOT)["a"].read


def assert_set_aside(state: ReadingState, path: Path, content: bytes) -> None:
    aside = path.with_name(f"{path.name}.broken-{STAMP}")
    assert state.notice is not None
    assert str(path) in state.notice and str(aside) in state.notice
    assert "set aside" in state.notice
    assert aside.read_bytes() == content, "the broken file is kept as it was"
    assert_fresh_and_working(state)
    state.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- broken files are set aside -------------------------------------------------------------


@pytest.mark.usefixtures("fixed_stamp")
def test_a_file_that_is_not_a_database_is_set_aside(state_file: Path) -> None:
    state_file.parent.mkdir(parents=True)
    content = b"these are not the pages you are looking for\n" * 200
    state_file.write_bytes(content)
    assert_set_aside(ReadingState.open(state_file), state_file, content)


@pytest.mark.usefixtures("fixed_stamp")
def test_a_corrupt_database_is_set_aside(state_file: Path) -> None:
    filled(state_file)
    with state_file.open("r+b") as handle:
        handle.seek(4096 * 2 + 8)
        handle.write(bytes(range(256)) * 12)
    content = state_file.read_bytes()
    state = ReadingState.open(state_file)
    assert state.notice is not None and "unreadable" in state.notice
    assert_set_aside(state, state_file, content)


@pytest.mark.usefixtures("fixed_stamp")
@pytest.mark.parametrize("keep", [0.5, 100, 50])
def test_a_truncated_database_is_set_aside(state_file: Path, keep: float) -> None:
    filled(state_file)
    size = int(state_file.stat().st_size * keep) if keep < 1 else int(keep)
    os.truncate(state_file, size)
    content = state_file.read_bytes()
    assert_set_aside(ReadingState.open(state_file), state_file, content)


@pytest.mark.usefixtures("fixed_stamp")
def test_wal_and_shm_files_go_aside_with_it(state_file: Path) -> None:
    # Opening a broken file removes a -wal holding no valid frames (SQLite's recovery), so
    # set_aside is checked on its own: whatever companions exist move with the file.
    state_file.parent.mkdir(parents=True)
    for suffix, content in (("", b"main"), ("-wal", b"wal"), ("-shm", b"shm")):
        Path(f"{state_file}{suffix}").write_bytes(content)
    aside = schema.set_aside(state_file)
    assert aside == state_file.with_name(f"state.sqlite3.broken-{STAMP}")
    assert aside_files(state_file) == [
        f"state.sqlite3.broken-{STAMP}",
        f"state.sqlite3.broken-{STAMP}-shm",
        f"state.sqlite3.broken-{STAMP}-wal",
    ]
    assert Path(f"{aside}-wal").read_bytes() == b"wal"
    assert not state_file.exists()


@pytest.mark.usefixtures("fixed_stamp")
def test_set_aside_twice_in_one_second_keeps_both(state_file: Path) -> None:
    state_file.parent.mkdir(parents=True)
    for content in (b"first broken file" * 100, b"second broken file" * 100):
        state_file.write_bytes(content)
        ReadingState.open(state_file).close()
    assert aside_files(state_file) == [
        f"state.sqlite3.broken-{STAMP}",
        f"state.sqlite3.broken-{STAMP}-2",
    ]
    second = state_file.with_name(f"state.sqlite3.broken-{STAMP}-2")
    assert second.read_bytes().startswith(b"second")


def test_an_empty_file_is_a_fine_new_database(state_file: Path) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(b"")
    state = ReadingState.open(state_file)
    assert state.notice is None
    assert_fresh_and_working(state)
    state.close()
    assert aside_files(state_file) == []


def test_a_broken_file_that_cannot_be_moved_leaves_state_in_memory(
    state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(b"not a database" * 100)

    def refuse(path: Path) -> Path:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(schema, "set_aside", refuse)
    state = ReadingState.open(state_file)
    assert state.notice is not None
    assert "cannot be set aside" in state.notice and "memory" in state.notice
    assert_fresh_and_working(state)
    state.close()
    assert state_file.read_bytes() == b"not a database" * 100


def test_a_state_folder_that_cannot_be_made_leaves_state_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be")
    state = ReadingState.open(blocker / "state.sqlite3")
    assert state.notice is not None and "memory" in state.notice
    assert_fresh_and_working(state)
    state.close()


@pytest.mark.usefixtures("fixed_stamp")
def test_corruption_found_mid_session_sets_the_file_aside(state_file: Path) -> None:
    state = ReadingState.open(state_file)
    state.set_read(ROOT, "a", True)
    # Simulate the file going bad under an open connection (SQLite's page cache would
    # otherwise hide the damage): swap in a connection that reports corruption.
    real = state._db
    assert real is not None
    real.close()
    state_file.write_bytes(b"overwritten by something else" * 100)

    class Corrupt:
        in_transaction = False

        def execute(self, *_args: object) -> None:
            raise sqlite3.DatabaseError("database disk image is malformed")

        def close(self) -> None:
            pass

    state._db = Corrupt()  # type: ignore[assignment]
    assert state.article_states(ROOT) == {}
    assert state.notice is not None and "set aside" in state.notice
    assert_fresh_and_working(state)
    state.close()


# -- newer and read-only files are opened read-only ----------------------------------------


def test_a_newer_schema_is_opened_read_only_and_never_changed(state_file: Path) -> None:
    state = ReadingState.open(state_file)
    state.set_read(ROOT, "a", True)
    state.save_position(ROOT, "a", ReadingPosition("H", 1, 2, 3))
    state.close()
    with sqlite3.connect(state_file) as db:
        db.execute("PRAGMA user_version = 99")
    dump_before = dump(state_file)

    state = ReadingState.open(state_file)
    assert state.read_only
    assert state.notice is not None
    assert "written by a newer readingroom" in state.notice
    assert "changes will not be saved" in state.notice
    assert state.article_states(ROOT)["a"].read, "what it can read, it shows"
    state.set_read(ROOT, "a", False)
    state.save_position(ROOT, "b", ReadingPosition())
    state.save_history(ROOT, [("a", None)], 0)
    assert state.toggle_bookmark(ROOT, "a", "A") is False
    assert state.follow_renames(ROOT, {"z": "x"}) == []
    assert state.import_state(state.export()) != []
    assert state.article_states(ROOT)["a"].read
    state.close()
    assert dump(state_file) == dump_before
    assert aside_files(state_file) == []


def dump(path: Path) -> tuple[int, list[str]]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as db:
        return db.execute("PRAGMA user_version").fetchone()[0], list(db.iterdump())


def force_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection opens read-only, as for a file root could not write (chmod does not
    stop root, who runs these tests)."""
    real = schema.connect
    monkeypatch.setattr(schema, "connect", lambda path, read_only: real(path, read_only=True))


def test_a_read_only_file_is_opened_read_only(
    state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = ReadingState.open(state_file)
    state.toggle_bookmark(ROOT, "a", "Alpha", now=1.0)
    state.close()
    force_read_only(monkeypatch)
    state = ReadingState.open(state_file)
    assert state.read_only
    assert state.notice is not None and "read-only" in state.notice
    assert [b.slug for b in state.bookmarks(ROOT)] == ["a"]
    assert state.toggle_bookmark(ROOT, "a", "Alpha") is True, "unchanged: still bookmarked"
    state.set_read(ROOT, "a", True)
    assert not state.article_states(ROOT)["a"].read
    problems = state.import_state({"format": "readingroom-state", "version": 1, "libraries": {}})
    assert problems and "read-only" in problems[0]
    state.close()


def test_a_read_only_empty_file_reads_as_empty_state(
    state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(b"")
    force_read_only(monkeypatch)
    state = ReadingState.open(state_file)
    assert state.read_only
    assert state.article_states(ROOT) == {}
    assert state.history(ROOT) == ([], -1)
    state.close()
    assert state_file.read_bytes() == b""


def test_a_chmod_read_only_file_is_opened_read_only(state_file: Path) -> None:
    filled(state_file, articles=3)
    state_file.chmod(0o444)
    state_file.parent.chmod(0o555)
    try:
        if os.access(state_file, os.W_OK):
            pytest.skip("running as root: chmod does not make the file read-only")
        state = ReadingState.open(state_file)
        assert state.read_only or (state.notice is not None and "memory" in state.notice)
        assert state.notice is not None
        state.set_read(ROOT, "article-1", True)
        state.close()
    finally:
        state_file.parent.chmod(0o755)
        state_file.chmod(0o644)


def test_a_file_that_turns_read_only_mid_session(
    state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = ReadingState.open(state_file)
    state.close()
    force_read_only(monkeypatch)
    # The read-only connection is handed over as if it were writable.
    read_only = schema.connect(state_file, read_only=True)
    state = ReadingState(state_file, read_only)
    state.set_read(ROOT, "a", True)
    assert state.read_only
    assert state.notice is not None and "could not mark read" in state.notice
    state.close()


# -- locks ----------------------------------------------------------------------------------


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(schema, "OPEN_RETRY_DELAYS", (0.01,))
    monkeypatch.setattr(reading_state_module, "RETRY_DELAYS", (0.01, 0.01))


def hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


@pytest.mark.usefixtures("short_waits")
def test_a_write_that_stays_locked_is_given_up_with_a_notice(state_file: Path) -> None:
    state = ReadingState.open(state_file)
    other = hold_write_lock(state_file)
    state.set_read(ROOT, "a", True)
    assert state.notice is not None and "locked" in state.notice
    assert state.article_states(ROOT) == {}, "reads still work while another writes"
    other.execute("ROLLBACK")
    other.close()
    state.set_read(ROOT, "a", True)
    assert state.article_states(ROOT)["a"].read
    state.close()


def test_a_lock_released_soon_is_retried(state_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(reading_state_module, "RETRY_DELAYS", (0.1, 0.2, 0.4))
    state = ReadingState.open(state_file)
    other = hold_write_lock(state_file)
    releaser = threading.Timer(0.05, lambda: other.execute("ROLLBACK"))
    releaser.start()
    state.set_read(ROOT, "a", True)
    releaser.join()
    other.close()
    assert state.notice is None
    assert state.article_states(ROOT)["a"].read
    state.close()


@pytest.mark.usefixtures("short_waits")
def test_a_database_locked_while_opening_leaves_state_in_memory(state_file: Path) -> None:
    ReadingState.open(state_file).close()
    other = hold_write_lock(state_file)
    try:
        state = ReadingState.open(state_file)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert state.notice is not None and "busy" in state.notice and "memory" in state.notice
    assert_fresh_and_working(state)
    state.close()


def test_two_states_on_one_file_interleave(state_file: Path) -> None:
    first = ReadingState.open(state_file)
    second = ReadingState.open(state_file)
    for n in range(20):
        first.save_position(ROOT, "a", ReadingPosition(offset=n))
        second.save_position(ROOT, "b", ReadingPosition(offset=n))
        assert second.position(ROOT, "a") == ReadingPosition(offset=n)
    assert first.notice is None and second.notice is None
    first.close()
    second.close()


# -- migrations -----------------------------------------------------------------------------

V2_STEP: schema.Migration = (
    "ALTER TABLE article_state ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    "CREATE TABLE tag (root TEXT NOT NULL, slug TEXT NOT NULL, tag TEXT NOT NULL)",
)


def columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def test_a_version_0_database_migrates_to_the_current_schema(state_file: Path) -> None:
    state_file.parent.mkdir(parents=True)
    with sqlite3.connect(state_file) as db:
        db.execute("CREATE TABLE unrelated (x)")
        assert db.execute("PRAGMA user_version").fetchone()[0] == 0
    state = ReadingState.open(state_file)
    assert state.notice is None
    state.set_read(ROOT, "a", True)
    state.close()
    with sqlite3.connect(state_file) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 1
        assert "slug" in columns(db, "article_state")
        assert db.execute("SELECT count(*) FROM unrelated").fetchone()[0] == 0


def test_a_version_1_database_migrates_forward_keeping_its_data(
    state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = ReadingState.open(state_file)
    state.save_position(ROOT, "a", ReadingPosition("H", 1, 2, 3))
    state.close()
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, V2_STEP))
    state = ReadingState.open(state_file)
    assert state.notice is None and not state.read_only
    assert state.position(ROOT, "a") == ReadingPosition("H", 1, 2, 3)
    state.close()
    with sqlite3.connect(state_file) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "note" in columns(db, "article_state")


def test_migrate_applies_steps_in_order() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    assert schema.migrate(db, schema.MIGRATIONS) == 1
    db.execute("INSERT INTO article_state (root, slug) VALUES ('r', 's')")
    assert schema.migrate(db, (*schema.MIGRATIONS, V2_STEP)) == 2
    assert db.execute("SELECT slug, note FROM article_state").fetchall() == [("s", "")]
    assert schema.migrate(db, (*schema.MIGRATIONS, V2_STEP)) == 2, "nothing to do twice"


def test_a_failing_migration_changes_nothing() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(db)
    broken: schema.Migration = ("ALTER TABLE article_state ADD COLUMN x TEXT", "NOT SQL AT ALL")
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(db, (*schema.MIGRATIONS, broken))
    assert schema.user_version(db) == 1
    assert "x" not in columns(db, "article_state")
    assert not db.in_transaction


def test_migrate_refuses_a_newer_schema() -> None:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA user_version = 5")
    with pytest.raises(schema.NewerSchemaError):
        schema.migrate(db)
    assert schema.user_version(db) == 5
