"""Choosing the editor: $VISUAL, then $EDITOR, then a common editor on PATH; never a shell."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from readingroom.core.editor import EditorError, editor_argv


def make_program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    for name in ("myvisual", "myeditor", "nano", "vi"):
        make_program(folder, name)
    return folder


def test_visual_wins_over_editor(bin_dir: Path) -> None:
    environ = {"PATH": str(bin_dir), "VISUAL": "myvisual", "EDITOR": "myeditor"}
    assert editor_argv("/c/config.toml", environ) == ["myvisual", "/c/config.toml"]


def test_editor_when_no_visual(bin_dir: Path) -> None:
    environ = {"PATH": str(bin_dir), "EDITOR": "myeditor"}
    assert editor_argv(Path("/c/config.toml"), environ) == ["myeditor", "/c/config.toml"]


def test_an_empty_visual_counts_as_unset(bin_dir: Path) -> None:
    environ = {"PATH": str(bin_dir), "VISUAL": "  ", "EDITOR": "myeditor"}
    assert editor_argv("f.md", environ)[0] == "myeditor"


def test_words_are_split_like_a_shell_but_not_run_by_one(bin_dir: Path) -> None:
    environ = {"PATH": str(bin_dir), "EDITOR": "myeditor --wait -c 'set nu' $HOME;"}
    assert editor_argv("a b.md", environ) == [
        "myeditor",
        "--wait",
        "-c",
        "set nu",
        "$HOME;",
        "a b.md",
    ]


def test_an_editor_given_as_a_path(bin_dir: Path) -> None:
    program = bin_dir / "myeditor"
    environ = {"PATH": "", "EDITOR": f"'{program}' -n"}
    assert editor_argv("f.md", environ) == [str(program), "-n", "f.md"]


def test_unbalanced_quotes_are_a_clear_error(bin_dir: Path) -> None:
    with pytest.raises(EditorError, match=r"\$EDITOR .* cannot be split"):
        editor_argv("f.md", {"PATH": str(bin_dir), "EDITOR": "myeditor 'oops"})


def test_an_editor_not_on_path_is_a_clear_error(bin_dir: Path) -> None:
    with pytest.raises(EditorError, match=r"'no-such-editor' from \$VISUAL was not found"):
        editor_argv("f.md", {"PATH": str(bin_dir), "VISUAL": "no-such-editor -w"})


def test_fallbacks_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    vi = make_program(folder, "vi")
    assert editor_argv("f.md", {"PATH": str(folder)}) == [str(vi), "f.md"]
    nano = make_program(folder, "nano")
    assert editor_argv("f.md", {"PATH": str(folder)}) == [str(nano), "f.md"]
    sensible = make_program(folder, "sensible-editor")
    assert editor_argv("f.md", {"PATH": str(folder)}) == [str(sensible), "f.md"]


def test_fallbacks_search_every_path_entry(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    vi = make_program(second, "vi")
    environ = {"PATH": os.pathsep.join([str(first), str(second)])}
    assert editor_argv("f.md", environ) == [str(vi), "f.md"]


def test_no_editor_at_all_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EditorError, match=r"no editor found: set \$VISUAL or \$EDITOR"):
        editor_argv("f.md", {"PATH": str(tmp_path)})


def test_a_file_that_is_not_executable_is_not_an_editor(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "nano").write_text("not a program", encoding="utf-8")
    with pytest.raises(EditorError):
        editor_argv("f.md", {"PATH": str(folder)})
