"""The command line, run as `python -m readingroom` in a subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import PROJECT, run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def one_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, f"expected one line, got {lines!r}"
    return lines[0]


def test_version(home: Path) -> None:
    result = run(home, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "readingroom 0.1.0"
    assert result.stderr == ""


def test_help_mentions_the_options(home: Path) -> None:
    result = run(home, "--help")
    assert result.returncode == 0
    assert "--library" in result.stdout
    assert "--open" in result.stdout
    assert "--version" in result.stdout
    assert result.stdout.startswith("usage: readingroom")


def test_missing_library_is_a_usage_error(home: Path) -> None:
    result = run(home, "--library", "does-not-exist")
    assert result.returncode == 2
    assert result.stdout == ""
    message = one_line(result.stderr)
    assert message == "readingroom: library 'does-not-exist' does not exist"


def test_missing_library_given_as_an_absolute_path(home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run(home, "--library", str(missing))
    assert result.returncode == 2
    assert str(missing) in one_line(result.stderr)


def test_a_file_as_library_is_a_usage_error(home: Path) -> None:
    result = run(home, "--library", "README.md")
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert message == "readingroom: library 'README.md' is not a folder"


def test_unknown_slug_is_a_usage_error(home: Path) -> None:
    result = run(home, "--open", "no-such-slug", "--library", "articles")
    assert result.returncode == 2
    assert result.stdout == ""
    message = one_line(result.stderr)
    assert message == "readingroom: no article 'no-such-slug' in library 'articles'"


def test_unknown_slug_with_a_heading_names_the_slug(home: Path) -> None:
    result = run(home, "--open", "recovery/nope#some-heading", "--library", "articles")
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert "'recovery/nope'" in message
    assert "some-heading" not in message


def test_unknown_slug_message_stays_on_one_line(home: Path) -> None:
    result = run(home, "--open", "evil\nslug\x1b[31m", "--library", "articles")
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert "\x1b" not in message
    assert "evil" in message and "slug" in message


def test_open_uses_the_catalog_under_readingroom_home(home: Path) -> None:
    result = run(home, "--open", "no-such-slug", "--library", "articles")
    assert result.returncode == 2
    assert (home / "cache" / "catalog.sqlite3").is_file()


def test_default_library_is_articles_in_the_working_folder(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    result = run(home, "--open", "anything", cwd=empty)
    assert result.returncode == 2
    assert one_line(result.stderr) == "readingroom: library 'articles' does not exist"


def test_unknown_option_is_a_usage_error(home: Path) -> None:
    result = run(home, "--no-such-option")
    assert result.returncode == 2
    assert "--no-such-option" in result.stderr
    assert "usage: readingroom" in result.stderr


def test_main_returns_the_exit_code_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from readingroom.cli import main

    assert main(["--library", str(tmp_path / "missing")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert one_line(captured.err).startswith("readingroom: library ")


def test_main_with_an_unknown_slug_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from readingroom.cli import main

    assert main(["--library", str(PROJECT / "articles"), "--open", "nope"]) == 2
    assert "'nope'" in one_line(capsys.readouterr().err)


def test_help_lists_every_command_and_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from readingroom.cli import build_parser, subcommands

    build_parser().print_help()
    text = capsys.readouterr().out
    for module in subcommands():
        first_words = " ".join(module.HELP.split()[:3])
        assert f"    {module.NAME} " in text, module.NAME
        assert first_words in " ".join(text.split()), module.NAME
    assert "config --path" in text
    for code in ("0  ok", "1  problems found", "2  usage error"):
        assert code in text


def test_every_subcommand_option_has_help() -> None:
    import argparse

    from readingroom.cli import subcommands

    for module in subcommands():
        parser = argparse.ArgumentParser(prog=f"readingroom {module.NAME}")
        module.add_arguments(parser)
        actions = list(parser._actions)  # argparse keeps no public list of them
        for action in actions:
            if isinstance(action, argparse._SubParsersAction):
                actions.extend(action._choices_actions)  # each choice's help line
                continue
            assert action.help and action.help != argparse.SUPPRESS, (
                module.NAME,
                action.option_strings or action.dest,
            )
        assert module.HELP
