"""`readingroom state export` and `readingroom state import FILE`, run in a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from readingroom.core.location import ReadingPosition
from readingroom.store.reading_state import ReadingState

PROJECT = Path(__file__).resolve().parents[2]
ROOT = "/library/one"


def run(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run readingroom with READINGROOM_HOME pointed at `home`."""
    env = dict(os.environ)
    env["READINGROOM_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "readingroom", *args],
        cwd=PROJECT,
        env=env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def state_file(home: Path) -> Path:
    return home / "state" / "state.sqlite3"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    state = ReadingState.open(state_file(home))
    state.record_opened(ROOT, "a", "digest", now=10.0)
    state.save_position(ROOT, "a", ReadingPosition("Heading", 1, 2, 50))
    state.toggle_bookmark(ROOT, "a", "Alpha", now=11.0)
    state.save_session(ROOT, "a", None)
    state.save_history(ROOT, [("a", None)], 0)
    state.close()
    return home


def export(home: Path) -> dict[str, object]:
    result = run(home, "state", "export")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_export_prints_json(home: Path) -> None:
    data = export(home)
    assert data["format"] == "readingroom-state" and data["version"] == 1
    libraries = data["libraries"]
    assert isinstance(libraries, dict)
    assert libraries[ROOT]["articles"]["a"]["bookmark"] == {"created": 11.0, "title": "Alpha"}


def test_export_without_state_is_empty_and_creates_nothing(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    assert export(fresh) == {"format": "readingroom-state", "version": 1, "libraries": {}}
    assert not state_file(fresh).exists()


def test_export_then_import_elsewhere_round_trips(home: Path, tmp_path: Path) -> None:
    exported = tmp_path / "state.json"
    exported.write_text(run(home, "state", "export").stdout, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    result = run(elsewhere, "state", "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert "1 article(s) in 1 library" in result.stdout
    assert export(elsewhere) == export(home)


def test_import_from_stdin(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    result = run(elsewhere, "state", "import", "-", stdin=run(home, "state", "export").stdout)
    assert result.returncode == 0, result.stderr
    assert export(elsewhere) == export(home)


def test_an_invalid_file_names_every_problem_and_applies_nothing(
    home: Path, tmp_path: Path
) -> None:
    before = export(home)
    bad = tmp_path / "bad.json"
    data = {
        "format": "readingroom-state",
        "version": 1,
        "libraries": {
            "/new": {"articles": {"fine": {"read": True}}},
            ROOT: {"articles": {"a": {"read": "yes", "position": {"percent": 250}}}},
        },
    }
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = run(home, "state", "import", str(bad))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == [
        f'readingroom: {bad}: $.libraries["{ROOT}"].articles["a"].read: '
        'expected a boolean, got string "yes"',
        f'readingroom: {bad}: $.libraries["{ROOT}"].articles["a"].position.percent: '
        "expected a whole number from 0 to 100, got 250",
    ]
    assert lines[-1] == f"readingroom: {bad}: nothing was imported"
    assert result.stdout == ""
    assert export(home) == before


def test_a_file_that_is_not_json(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("{ not json", encoding="utf-8")
    result = run(home, "state", "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith(f"readingroom: {bad}: not valid JSON (")


def test_a_file_of_another_format(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else", "version": 1}', encoding="utf-8")
    result = run(home, "state", "import", str(other))
    assert result.returncode == 1
    assert '$.format: expected "readingroom-state", got string "something-else"' in result.stderr


def test_a_missing_file_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    result = run(home, "state", "import", str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "missing.json: cannot read it" in result.stderr


def test_state_needs_an_action(home: Path) -> None:
    result = run(home, "state")
    assert result.returncode == 2
    assert "export" in result.stderr and "import" in result.stderr


def test_help_lists_the_state_command(home: Path) -> None:
    result = run(home, "--help")
    assert result.returncode == 0
    assert "state" in result.stdout
    result = run(home, "state", "--help")
    assert "export" in result.stdout and "import" in result.stdout


def test_import_into_a_newer_state_database_is_refused(home: Path, tmp_path: Path) -> None:
    exported = tmp_path / "state.json"
    exported.write_text(run(home, "state", "export").stdout, encoding="utf-8")
    with sqlite3.connect(state_file(home)) as db:
        db.execute("PRAGMA user_version = 42")
    result = run(home, "state", "import", str(exported))
    assert result.returncode == 1
    assert "written by a newer readingroom" in result.stderr
    assert "read-only; nothing was imported" in result.stderr


def test_a_broken_state_database_is_set_aside_and_export_still_works(home: Path) -> None:
    state_file(home).write_bytes(b"garbage" * 500)
    result = run(home, "state", "export")
    assert result.returncode == 0
    assert "set aside as" in result.stderr
    assert json.loads(result.stdout)["libraries"] == {}
    assert any(".broken-" in path.name for path in state_file(home).parent.iterdir())


def test_the_state_command_never_imports_textual(home: Path) -> None:
    code = (
        "import sys\n"
        "from readingroom.cli import main\n"
        "assert main(['state', 'export']) == 0\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    env = dict(os.environ, READINGROOM_HOME=str(home))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
