"""The [keys] table cannot give a command a key another command active with it keeps
(core.key_clashes, and the check as the config file is read)."""

from __future__ import annotations

import pytest

from readingroom.core.config import parse_config
from readingroom.core.key_clashes import key_clashes
from readingroom.tui.commands import action_names, key_groups

GROUPS = [
    {"related": ("r",), "search": ("s",), "line_down": ("down", "j")},
    {"related": ("r",), "search": ("s",), "cursor_down": ("down", "j"), "first": ("home",)},
]


def test_a_free_key_is_kept() -> None:
    assert key_clashes(GROUPS, {"related": ("R",)}) == {}


def test_a_key_another_command_keeps_is_dropped() -> None:
    assert key_clashes(GROUPS, {"search": ("r",)}) == {"search": ("r", "related")}


def test_two_commands_may_swap_keys() -> None:
    assert key_clashes(GROUPS, {"search": ("r",), "related": ("s",)}) == {}


def test_a_key_of_a_command_in_another_scope_only_is_free() -> None:
    """`first` (the list's) and `line_down` (the article's) are never active together."""
    assert key_clashes(GROUPS, {"first": ("j",)}) == {"first": ("j", "cursor_down")}
    assert key_clashes(GROUPS, {"line_down": ("home",)}) == {}


def test_a_reader_command_may_not_take_a_key_of_the_article() -> None:
    """It would never run while the article has focus."""
    assert key_clashes(GROUPS, {"related": ("j",)}) == {"related": ("j", "line_down")}


def test_dropping_one_gives_its_default_back_and_may_drop_another() -> None:
    # `related` gives up r for j, which the article keeps: dropped, so `r` is related's
    # again and `search` cannot have it either.
    clashes = key_clashes(GROUPS, {"related": ("j",), "search": ("r",)})
    assert clashes == {"related": ("j", "line_down"), "search": ("r", "related")}


def test_every_key_of_an_override_is_checked() -> None:
    assert key_clashes(GROUPS, {"search": ("x", "y", "s", "down")}) == {
        "search": ("down", "line_down")
    }


def parse_with_the_readers_commands(text: str) -> tuple[dict[str, str], list[str]]:
    config, problems = parse_config(
        text, "config.toml", known_actions=action_names(), key_groups=key_groups()
    )
    return dict(config.keys), [f"{p.line} {p.key}: {p.message}" for p in problems]


def test_the_readers_own_keys_are_checked_as_the_file_is_read() -> None:
    keys, problems = parse_with_the_readers_commands('[keys]\nrelated = "R"\nsearch = "r"\n')
    assert keys == {"related": "R", "search": "r"}, "r is free once related moved to R"
    keys, problems = parse_with_the_readers_commands('[keys]\nsearch = "r"\n')
    assert keys == {}
    assert problems == ["2 keys.search: 'r' is already the key of 'related'; ignored"]


@pytest.mark.parametrize(
    ("entry", "holder"),
    [
        ('help = "ctrl+p"', "command_palette"),
        ('toggle_sidebar = "tab"', "focus_next"),
        ('related = "G"', "bottom"),  # the article's: related would never run from there
        ('select = "s"', "search"),  # the list's enter, given the reader's search key
    ],
)
def test_keys_the_reader_needs_stay_its_own(entry: str, holder: str) -> None:
    keys, problems = parse_with_the_readers_commands(f"[keys]\n{entry}\n")
    assert keys == {}
    assert len(problems) == 1 and f"of {holder!r}; ignored" in problems[0]


def test_the_lists_and_the_articles_keys_may_overlap() -> None:
    keys, problems = parse_with_the_readers_commands('[keys]\nfirst = "g"\n')
    assert problems == []
    assert keys == {"first": "g"}
