"""The preferences file: written whole, read back, and ignored with a notice when it is bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from readingroom.store.preferences import (
    MAX_BYTES,
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)


def test_a_missing_file_means_nothing_chosen(tmp_path: Path) -> None:
    assert load_preferences(preferences_path(tmp_path)) == (Preferences(), None)


def test_a_saved_theme_is_read_back_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = preferences_path(tmp_path / "state")
    save_preferences(path, Preferences(theme="textual-light"))
    assert load_preferences(path) == (Preferences(theme="textual-light"), None)
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"theme": 7}', "not a name"),
        (b'{"theme": ""}', "not a name"),
        (b"[" * 100_000, "not valid JSON"),
        (b" " * (MAX_BYTES + 1), "larger than"),
    ],
    ids=["syntax", "bytes", "list", "number", "empty", "deep", "huge"],
)
def test_a_bad_file_is_ignored_with_a_notice_naming_it(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = preferences_path(tmp_path)
    path.write_bytes(content)
    preferences, notice = load_preferences(path)
    assert preferences == Preferences()
    assert notice is not None and str(path) in notice and reason in notice


def test_a_directory_in_its_place_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    path = preferences_path(tmp_path)
    path.mkdir()
    preferences, notice = load_preferences(path)
    assert preferences == Preferences() and notice is not None and str(path) in notice
