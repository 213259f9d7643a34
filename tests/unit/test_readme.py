"""The README stays true: the two commands, every key, every subcommand."""

from __future__ import annotations

from pathlib import Path

from readingroom.commands import SUBCOMMAND_MODULES
from readingroom.tui.commands import APP_COMMANDS, ARTICLE_COMMANDS, SIDEBAR_COMMANDS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_readme_lists_every_key() -> None:
    for command in (*APP_COMMANDS, *ARTICLE_COMMANDS, *SIDEBAR_COMMANDS):
        assert command.help in README, f"README lacks the {command.action} key"


def test_readme_lists_every_subcommand() -> None:
    for module in SUBCOMMAND_MODULES:
        name = module.rsplit(".", 1)[-1].replace("listing", "list")
        assert f"readingroom {name}" in README, name
