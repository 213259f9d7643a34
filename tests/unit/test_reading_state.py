"""Reading state: positions, read marks, bookmarks, session, history and renames."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom.core.location import ReadingPosition
from readingroom.store.paths import app_paths
from readingroom.store.reading_state import ArticleState, Bookmark, ReadingState, state_path

ROOT = "/library/one"
OTHER = "/library/two"


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.sqlite3"


@pytest.fixture
def state(state_file: Path) -> Iterator[ReadingState]:
    opened = ReadingState.open(state_file)
    yield opened
    opened.close()


def reopen(state: ReadingState, path: Path) -> ReadingState:
    state.close()
    return ReadingState.open(path)


def test_state_path_is_in_the_state_directory() -> None:
    paths = app_paths()
    assert state_path(paths) == paths.state / "state.sqlite3"


def test_a_new_database_is_created_in_wal_mode(state: ReadingState, state_file: Path) -> None:
    assert state.notice is None
    assert not state.read_only
    assert state_file.exists()
    with sqlite3.connect(state_file) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1


def test_in_memory_state_works_and_writes_no_file(tmp_path: Path) -> None:
    state = ReadingState.open(None)
    state.set_read(ROOT, "a", True)
    assert state.article_states(ROOT)["a"].read
    assert state.notice is None
    state.close()
    assert list(tmp_path.iterdir()) == []


def test_position_survives_a_reopen(state: ReadingState, state_file: Path) -> None:
    position = ReadingPosition(anchor="Sleep and strength", blocks_after=3, offset=2, percent=41)
    state.save_position(ROOT, "recovery/sleep", position)
    state = reopen(state, state_file)
    assert state.position(ROOT, "recovery/sleep") == position
    assert state.position(ROOT, "elsewhere") is None
    state.close()


def test_position_before_the_first_heading_keeps_a_none_anchor(state: ReadingState) -> None:
    state.save_position(ROOT, "a", ReadingPosition(anchor=None, blocks_after=0, offset=7))
    assert state.position(ROOT, "a") == ReadingPosition(anchor=None, offset=7)


def test_record_opened_keeps_first_and_moves_last(state: ReadingState) -> None:
    state.record_opened(ROOT, "a", "digest-1", now=100.0)
    state.record_opened(ROOT, "a", "digest-1", now=250.0)
    article = state.article_states(ROOT)["a"]
    assert (article.first_opened, article.last_opened) == (100.0, 250.0)
    assert not article.read
    assert article.position is None
    assert article.percent == 0


def test_read_and_unread(state: ReadingState) -> None:
    state.set_read(ROOT, "a", True)
    assert state.article_states(ROOT)["a"].read
    state.set_read(ROOT, "a", False)
    assert not state.article_states(ROOT)["a"].read


def test_article_states_combine_everything(state: ReadingState) -> None:
    position = ReadingPosition(anchor="Two", blocks_after=1, offset=0, percent=60)
    state.record_opened(ROOT, "a", "d", now=10.0)
    state.save_position(ROOT, "a", position)
    state.set_read(ROOT, "a", True)
    state.toggle_bookmark(ROOT, "a", "Alpha", now=20.0)
    assert state.article_states(ROOT) == {
        "a": ArticleState(
            slug="a",
            read=True,
            bookmarked=True,
            percent=60,
            first_opened=10.0,
            last_opened=10.0,
            position=position,
        )
    }


def test_bookmarks_toggle_and_list_newest_first(state: ReadingState) -> None:
    assert state.toggle_bookmark(ROOT, "a", "Alpha", now=1.0) is True
    assert state.toggle_bookmark(ROOT, "b", "Bravo", now=3.0) is True
    assert state.toggle_bookmark(ROOT, "c", "Charlie", now=2.0) is True
    assert state.bookmarks(ROOT) == [
        Bookmark("b", 3.0, "Bravo"),
        Bookmark("c", 2.0, "Charlie"),
        Bookmark("a", 1.0, "Alpha"),
    ]
    assert state.toggle_bookmark(ROOT, "c", "Charlie", now=4.0) is False
    assert [b.slug for b in state.bookmarks(ROOT)] == ["b", "a"]
    assert not state.article_states(ROOT)["c"].bookmarked


def test_a_bookmark_keeps_the_title_it_had(state: ReadingState) -> None:
    state.toggle_bookmark(ROOT, "a", "Old title", now=1.0)
    state.record_opened(ROOT, "a", "d", now=2.0)
    assert state.bookmarks(ROOT)[0].title == "Old title"


def test_libraries_never_mix(state: ReadingState) -> None:
    state.set_read(ROOT, "a", True)
    state.toggle_bookmark(OTHER, "a", "Other A")
    state.save_session(OTHER, "a", None)
    assert state.article_states(ROOT)["a"].read
    assert not state.article_states(OTHER)["a"].read
    assert state.bookmarks(ROOT) == []
    assert state.session(ROOT) is None
    assert state.history(OTHER) == ([], -1)


def test_session_is_restored(state: ReadingState, state_file: Path) -> None:
    assert state.session(ROOT) is None
    state.save_session(ROOT, "a", ReadingPosition(anchor="Intro", offset=4, percent=12))
    state.save_session(ROOT, "b", ReadingPosition(anchor="End", percent=99))
    state = reopen(state, state_file)
    assert state.session(ROOT) == ("b", ReadingPosition(anchor="End", percent=99))
    state.save_session(ROOT, "c", None)
    assert state.session(ROOT) == ("c", None)
    state.close()


def test_history_round_trips(state: ReadingState, state_file: Path) -> None:
    entries = [("a", None), ("b", ReadingPosition("H", 1, 2, 30)), ("a", ReadingPosition())]
    state.save_history(ROOT, entries, 1)
    state = reopen(state, state_file)
    assert state.history(ROOT) == (entries, 1)
    state.save_history(ROOT, entries[:1], 0)
    assert state.history(ROOT) == (entries[:1], 0)
    state.close()


def test_history_index_is_clamped(state: ReadingState) -> None:
    state.save_history(ROOT, [("a", None), ("b", None)], 7)
    assert state.history(ROOT)[1] == 1
    state.save_history(ROOT, [("a", None)], -4)
    assert state.history(ROOT)[1] == 0
    state.save_history(ROOT, [], 3)
    assert state.history(ROOT) == ([], -1)


def test_follow_renames_moves_all_state(state: ReadingState) -> None:
    position = ReadingPosition("Middle", 2, 1, 50)
    state.record_opened(ROOT, "old/name", "same-content", now=5.0)
    state.save_position(ROOT, "old/name", position)
    state.set_read(ROOT, "old/name", True)
    state.toggle_bookmark(ROOT, "old/name", "Title", now=6.0)
    state.save_session(ROOT, "old/name", position)
    state.save_history(ROOT, [("x", None), ("old/name", position)], 1)

    moved = state.follow_renames(ROOT, {"new/name": "same-content", "x": "other"})

    assert moved == [("old/name", "new/name")]
    states = state.article_states(ROOT)
    assert set(states) == {"new/name"}
    assert states["new/name"].read and states["new/name"].bookmarked
    assert state.position(ROOT, "new/name") == position
    assert state.bookmarks(ROOT) == [Bookmark("new/name", 6.0, "Title")]
    assert state.session(ROOT) == ("new/name", position)
    assert state.history(ROOT) == ([("x", None), ("new/name", position)], 1)


def test_follow_renames_leaves_ambiguous_and_taken_matches(state: ReadingState) -> None:
    state.record_opened(ROOT, "gone-1", "twin")
    state.record_opened(ROOT, "gone-2", "unique")
    state.record_opened(ROOT, "taken", "unique-2")
    state.record_opened(ROOT, "gone-3", "unique-2")
    state.record_opened(ROOT, "gone-4", "")
    current = {"copy-a": "twin", "copy-b": "twin", "taken": "unique-2", "kept": "unique"}
    assert state.follow_renames(ROOT, current) == [("gone-2", "kept")]
    assert set(state.article_states(ROOT)) == {"gone-1", "kept", "taken", "gone-3", "gone-4"}


def test_follow_renames_needs_a_unique_orphan(state: ReadingState) -> None:
    state.record_opened(ROOT, "gone-a", "same")
    state.record_opened(ROOT, "gone-b", "same")
    assert state.follow_renames(ROOT, {"new": "same"}) == []


def test_follow_renames_with_nothing_renamed(state: ReadingState) -> None:
    state.record_opened(ROOT, "a", "d")
    assert state.follow_renames(ROOT, {"a": "d"}) == []
    assert state.follow_renames(OTHER, {"a": "d"}) == []


def test_an_empty_digest_does_not_erase_the_known_one(state: ReadingState) -> None:
    state.record_opened(ROOT, "a", "known")
    state.record_opened(ROOT, "a", "")
    assert state.follow_renames(ROOT, {"b": "known"}) == [("a", "b")]


def test_calls_after_close_do_nothing(state: ReadingState) -> None:
    state.close()
    state.set_read(ROOT, "a", True)
    assert state.article_states(ROOT) == {}
    assert state.position(ROOT, "a") is None
    assert state.toggle_bookmark(ROOT, "a", "A") is False
    assert state.import_state(state.export()) != []
    state.close()


def test_a_slug_that_is_not_unicode_gives_a_notice(state: ReadingState) -> None:
    state.set_read(ROOT, "bad-\udcff", True)
    assert state.notice is not None and "could not mark read" in state.notice
    state.set_read(ROOT, "good", True)
    assert state.article_states(ROOT)["good"].read


def test_threads_can_share_one_state(state: ReadingState) -> None:
    def write(thread: int) -> None:
        for n in range(25):
            state.save_position(ROOT, f"t{thread}-{n}", ReadingPosition(offset=n))

    threads = [threading.Thread(target=write, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(state.article_states(ROOT)) == 100
    assert state.notice is None
