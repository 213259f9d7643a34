"""`readingroom config` and the config file's effect on the command line, in a subprocess."""

from __future__ import annotations

import json
import shlex
import sys
import tomllib
from pathlib import Path

import pytest

from readingroom.core.config_template import TEMPLATE
from tests.cli.helpers import PROJECT, run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def config_path(home: Path) -> Path:
    return home / "config" / "config.toml"


def write_config(home: Path, text: str) -> Path:
    path = config_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def appending_editor(tmp_path: Path, line: str) -> str:
    """An $EDITOR value: a Python script that appends `line` to the file it is given."""
    script = tmp_path / "append.py"
    script.write_text(
        "import sys\n"
        "with open(sys.argv[-1], 'a', encoding='utf-8') as handle:\n"
        f"    handle.write({line!r} + '\\n')\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_path_prints_the_file_under_readingroom_home(home: Path) -> None:
    result = run(home, "config", "--path")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(config_path(home))
    assert not config_path(home).exists()


def test_without_a_file_the_defaults_are_printed(home: Path) -> None:
    result = run(home, "config")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "not created yet" in result.stdout
    settings = tomllib.loads(result.stdout)
    assert settings["library"] == "articles"
    assert settings["sort"] == "newest"
    assert settings["wrap_width"] == 0
    assert settings["code_wrap"] is True
    assert settings["size_cap_mib"] == 2
    assert settings["relation_keys"] == ["related", "see_also", "requires"]


def test_check_prints_the_settings_in_effect(home: Path) -> None:
    write_config(home, 'sort = "title"\ntheme = "nord"\n[keys]\nrelated = "R"\n')
    result = run(home, "config", "--check")
    assert result.returncode == 0, result.stderr
    settings = tomllib.loads(result.stdout)
    assert settings["sort"] == "title"
    assert settings["theme"] == "nord"
    assert settings["keys"] == {"related": "R"}


def test_problems_exit_1_and_name_file_line_and_key(home: Path) -> None:
    path = write_config(home, 'sort = "title"\nwrap_width = 5\n')
    result = run(home, "config")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"readingroom: {path}, line 2: wrap_width: must be 0 (the pane's width) or a whole "
        "number from 20 to 400, not 5; using the default (0, the pane's width)"
    ]
    settings = tomllib.loads(result.stdout)
    assert settings["sort"] == "title"  # the good key is kept
    assert settings["wrap_width"] == 0


def test_a_syntax_error_exits_1_with_its_line(home: Path) -> None:
    path = write_config(home, 'sort = "title"\n\nwrap_width == 3\n')
    result = run(home, "config")
    assert result.returncode == 1
    (message,) = result.stderr.splitlines()
    assert message.startswith(f"readingroom: {path}, line 3: is not valid TOML")
    assert tomllib.loads(result.stdout)["sort"] == "newest"


def test_edit_creates_the_template_runs_the_editor_and_checks(home: Path, tmp_path: Path) -> None:
    editor = appending_editor(tmp_path, "wrap_width = 72")
    result = run(home, "config", "--edit", environ={"EDITOR": editor})
    assert result.returncode == 0, result.stderr
    text = config_path(home).read_text(encoding="utf-8")
    assert text == TEMPLATE + "wrap_width = 72\n"
    assert "no problems" in result.stdout
    shown = run(home, "config")
    assert tomllib.loads(shown.stdout)["wrap_width"] == 72


def test_edit_keeps_an_existing_file_and_reports_what_the_editor_broke(
    home: Path, tmp_path: Path
) -> None:
    path = write_config(home, 'sort = "title"\n')
    editor = appending_editor(tmp_path, 'theme = ""')
    result = run(home, "config", "--edit", environ={"VISUAL": editor, "EDITOR": "no-such"})
    assert result.returncode == 1
    assert path.read_text(encoding="utf-8") == 'sort = "title"\ntheme = ""\n'
    assert f"{path}, line 2: theme: must be a theme name" in result.stderr


def test_edit_without_any_editor_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result = run(home, "config", "--edit", environ={"PATH": str(empty)})
    assert result.returncode == 2
    assert "no editor found: set $VISUAL or $EDITOR" in result.stderr


def test_edit_reports_an_editor_that_fails(home: Path, tmp_path: Path) -> None:
    script = tmp_path / "fail.py"
    script.write_text("raise SystemExit(3)\n", encoding="utf-8")
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    result = run(home, "config", "--edit", environ={"EDITOR": editor})
    assert "the editor exited with status 3" in result.stderr
    assert result.returncode == 0  # the template it left is still valid


def test_the_options_are_exclusive(home: Path) -> None:
    result = run(home, "config", "--path", "--edit")
    assert result.returncode == 2
    assert "not allowed with" in result.stderr


def test_config_library_is_the_default_for_commands(home: Path, tmp_path: Path) -> None:
    write_config(home, f"library = {json.dumps(str(PROJECT / 'articles'))}\n")
    result = run(home, "list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 10
    # --library still wins.
    result = run(home, "list", "--library", "nowhere", cwd=tmp_path)
    assert result.returncode == 2


def test_config_library_is_the_default_for_the_reader(home: Path, tmp_path: Path) -> None:
    path = write_config(home, 'library = "~/no-such-library-folder"\n')
    result = run(home, "--open", "anything", cwd=tmp_path)
    assert result.returncode == 2
    assert "no-such-library-folder' does not exist" in result.stderr
    assert f"the library setting of {path}" in result.stderr
    assert "~" not in result.stderr


def test_commands_warn_about_config_problems(home: Path) -> None:
    path = write_config(home, "colour = 1\n")
    result = run(home, "list", "--library", str(PROJECT / "articles"))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"readingroom: warning: {path}, line 1: colour: unknown setting; ignored"
    ]


def test_help_documents_the_options(home: Path) -> None:
    result = run(home, "config", "--help")
    assert result.returncode == 0
    for option in ("--check", "--path", "--edit"):
        assert option in result.stdout


def test_config_check_names_an_unknown_action_with_its_line(home: Path) -> None:
    path = write_config(home, '[keys]\nrelated = "R"\nrelatd = "X"\n')
    result = run(home, "config")
    assert result.returncode == 1
    assert f"{path}, line 3" in result.stderr and "keys.relatd" in result.stderr
    assert "related" in result.stderr  # the near miss is suggested


def test_config_check_names_a_key_another_command_keeps(home: Path) -> None:
    path = write_config(home, '[keys]\nsearch = "r"\nrelated = "R"\nhelp = "j"\n')
    result = run(home, "config")
    assert result.returncode == 1
    assert f"{path}, line 4" in result.stderr and "keys.help" in result.stderr
    assert "'j' is already the key of 'line_down'" in result.stderr
    assert "keys.search" not in result.stderr  # r is free: related moved to R
