"""The config file: every key valid and invalid, lines in messages, defaults kept for bad keys."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Collection
from pathlib import Path

import pytest

from readingroom.core.config import (
    Config,
    ConfigProblem,
    library_options,
    load_config,
    parse_config,
)
from readingroom.core.config_template import TEMPLATE
from readingroom.core.library import SortOrder
from readingroom.core.options import DEFAULT_RELATION_KEYS, LibraryOptions
from readingroom.render.progressive import PLAIN_TEXT_LIMIT

PATH = "/home/reader/.config/readingroom/config.toml"


def parse(
    text: str, known_actions: Collection[str] | None = None
) -> tuple[Config, list[ConfigProblem]]:
    return parse_config(text, PATH, known_actions=known_actions)


def only_problem(text: str) -> ConfigProblem:
    _, problems = parse(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_defaults_are_todays_behaviour() -> None:
    config = Config()
    assert config.library == "articles"
    assert config.sort_order() is SortOrder.NEWEST
    assert config.wrap_width == 0
    assert config.code_wrap is True
    assert config.plain_text_limit == PLAIN_TEXT_LIMIT
    assert config.theme is None
    assert dict(config.keys) == {}
    assert library_options(config) == LibraryOptions()


def test_a_missing_file_is_no_problem(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml") == (Config(), [])


def test_an_empty_file_and_the_template_change_nothing(tmp_path: Path) -> None:
    assert parse("") == (Config(), [])
    assert parse(TEMPLATE) == (Config(), [])


def test_the_template_mentions_every_key_commented_out() -> None:
    for key in (
        "library",
        "sort",
        "wrap_width",
        "code_wrap",
        "size_cap_mib",
        "relation_keys",
        "site_prefix",
        "slug_patterns",
        "theme",
        "[keys]",
    ):
        assert f"# {key}" in TEMPLATE, key
    # Every commented setting is valid once uncommented.
    setting = re.compile(r"^# ([a-z_]+ = |\[keys\])")
    uncommented = "\n".join(
        line[2:] if setting.match(line) else line for line in TEMPLATE.splitlines()
    )
    config, problems = parse(uncommented)
    assert problems == []
    assert config.slug_patterns == ("eip-{}",)
    assert dict(config.keys) == {"related": "R"}


def test_every_key_valid() -> None:
    text = """
library = "~/notes"
sort = "title"
wrap_width = 88
code_wrap = false
size_cap_mib = 8
relation_keys = ["related", "prerequisites"]
site_prefix = ["/blog", "/docs"]
slug_patterns = ["eip-{}", "rfc{}"]
theme = "nord"

[keys]
related = "R"
search = "ctrl+s,S"
"""
    config, problems = parse(text)
    assert problems == []
    assert config.library == os.path.expanduser("~/notes")
    assert not config.library.startswith("~")
    assert config.sort_order() is SortOrder.TITLE
    assert config.wrap_width == 88
    assert config.code_wrap is False
    assert config.size_cap_mib == 8
    assert config.plain_text_limit == 8 * 1024 * 1024
    assert config.relation_keys == ("related", "prerequisites")
    assert config.site_prefixes == ("/blog", "/docs")
    assert config.slug_patterns == ("eip-{}", "rfc{}")
    assert config.theme == "nord"
    assert dict(config.keys) == {"related": "R", "search": "ctrl+s,S"}
    assert library_options(config) == LibraryOptions(
        relation_keys=("related", "prerequisites"),
        slug_patterns=("eip-{}", "rfc{}"),
        site_prefixes=("/blog", "/docs"),
    )


@pytest.mark.parametrize(
    ("value", "order"),
    [('"newest"', SortOrder.NEWEST), ('"title"', SortOrder.TITLE), ('"recent"', SortOrder.RECENT)],
)
def test_every_sort_order(value: str, order: SortOrder) -> None:
    config, problems = parse(f"sort = {value}")
    assert problems == []
    assert config.sort_order() is order


@pytest.mark.parametrize("width", [0, 20, 400])
def test_wrap_width_limits(width: int) -> None:
    assert parse(f"wrap_width = {width}")[0].wrap_width == width


def test_a_single_site_prefix_string() -> None:
    config, problems = parse('site_prefix = "/blog"')
    assert problems == []
    assert config.site_prefixes == ("/blog",)


def test_no_relation_keys_at_all() -> None:
    config, problems = parse("relation_keys = []")
    assert problems == []
    assert library_options(config).relation_keys == ()
    assert library_options(Config()).relation_keys == DEFAULT_RELATION_KEYS


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ("library = 3", "library", "must be a folder"),
        ('library = ""', "library", "empty string"),
        ('sort = "oldest"', "sort", "'newest', 'title', 'recent', not 'oldest'"),
        ("sort = 1", "sort", "not 1"),
        ("wrap_width = 19", "wrap_width", "from 20 to 400, not 19"),
        ("wrap_width = 401", "wrap_width", "not 401"),
        ("wrap_width = -1", "wrap_width", "not -1"),
        ("wrap_width = 80.5", "wrap_width", "not 80.5"),
        ("wrap_width = true", "wrap_width", "not true"),
        ('wrap_width = "80"', "wrap_width", "not '80'"),
        ('code_wrap = "yes"', "code_wrap", "true or false, not 'yes'"),
        ("code_wrap = 1", "code_wrap", "not 1"),
        ("size_cap_mib = 0", "size_cap_mib", "from 1 to 32, not 0"),
        ("size_cap_mib = 33", "size_cap_mib", "not 33"),
        ("size_cap_mib = 1.5", "size_cap_mib", "not 1.5"),
        ("size_cap_mib = false", "size_cap_mib", "not false"),
        ('relation_keys = "related"', "relation_keys", "must be a list"),
        ('relation_keys = ["related", 3]', "relation_keys", "not 3"),
        ('relation_keys = [""]', "relation_keys", "empty string"),
        ('site_prefix = "blog"', "site_prefix", "starting with '/', not 'blog'"),
        ("site_prefix = 3", "site_prefix", "or a list of them, not 3"),
        ('site_prefix = ["/blog", 2]', "site_prefix", "not 2"),
        ('slug_patterns = ["eip-"]', "slug_patterns", "'eip-' has no {}"),
        ('slug_patterns = "eip-{}"', "slug_patterns", "must be a list"),
        ("slug_patterns = [{a = 1}]", "slug_patterns", "not a table"),
        ('theme = ""', "theme", "empty string"),
        ("theme = 1979-05-27", "theme", "not a date or time"),
        ("theme = []", "theme", "not a list"),
    ],
)
def test_every_key_invalid(line: str, key: str, expected: str) -> None:
    text = f'# my settings\nlibrary = "books"\n{line}\ntheme = "nord"\n'
    if key in {"library", "theme"}:
        text = f"# my settings\nsort = 'title'\n{line}\n"
    config, problems = parse(text)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.key == key
    assert problem.line == 3
    assert problem.path == PATH
    assert expected in problem.message
    assert "using the default" in problem.message
    shown = str(problem)
    assert shown.startswith(f"{PATH}, line 3: {key}: ")
    # The bad key keeps its default; the good ones are kept.
    assert getattr(config, problem_field(key)) == getattr(Config(), problem_field(key))
    if key in {"library", "theme"}:
        assert config.sort == "title"
    else:
        assert config.library == "books"
        assert config.theme == "nord"


def problem_field(key: str) -> str:
    return {"site_prefix": "site_prefixes"}.get(key, key)


def test_an_unknown_key_names_its_line_and_a_close_match() -> None:
    config, problems = parse('sort = "title"\n\nwrap_widht = 80\n')
    assert config.sort == "title"
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.key) == (3, "wrap_widht")
    assert "unknown setting (did you mean 'wrap_width'?)" in problem.message


def test_an_unknown_table_is_an_unknown_key() -> None:
    problem = only_problem('theme = "nord"\n[colours]\nlink = "red"\n')
    assert (problem.line, problem.key) == (2, "colours")


def test_a_syntax_error_reports_line_and_column_and_uses_every_default() -> None:
    text = 'sort = "title"\nwrap_width = 80\ntheme = \n'
    config, problems = parse(text)
    assert config == Config()
    assert len(problems) == 1
    problem = problems[0]
    assert problem.line == 3
    assert problem.key is None
    assert "not valid TOML" in problem.message
    assert "column 9" in problem.message
    assert "every setting is the default" in problem.message
    assert str(problem).startswith(f"{PATH}, line 3: is not valid TOML")


def test_a_syntax_error_at_the_end_of_the_file() -> None:
    problem = only_problem('theme = "nord')
    assert problem.line == 1
    assert "not valid TOML" in problem.message


def test_a_duplicate_key_is_a_syntax_error() -> None:
    problem = only_problem('sort = "title"\nsort = "newest"\n')
    assert problem.line == 2
    assert "not valid TOML" in problem.message


def test_nested_keys_report_their_own_line() -> None:
    text = """theme = "nord"

[keys]
related = "R"
# a comment
links = 3
"""
    config, problems = parse(text)
    assert dict(config.keys) == {"related": "R"}
    assert len(problems) == 1
    assert (problems[0].line, problems[0].key) == (6, "keys.links")
    assert "must be a key name" in problems[0].message


def test_dotted_and_inline_keys_find_their_line() -> None:
    problem = only_problem('sort = "title"\nkeys.related = 5\n')
    assert (problem.line, problem.key) == (2, "keys.related")
    problem = only_problem('sort = "title"\n\nkeys = { related = "" }\n')
    assert (problem.line, problem.key) == (3, "keys.related")


def test_a_key_after_a_table_is_not_confused_with_a_top_level_one() -> None:
    text = '[keys]\nsort = "o"\n'
    config, problems = parse(text, known_actions={"related"})
    assert (problems[0].line, problems[0].key) == (2, "keys.sort")
    assert config.sort == "newest"


def test_keys_must_be_a_table() -> None:
    problem = only_problem('keys = "R"\n')
    assert (problem.line, problem.key) == (1, "keys")
    assert "must be a table" in problem.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('""', "not an empty string"),
        ('"  "', "not an empty string"),
        ("1", "not 1"),
        ('["R"]', "not a list"),
        ('"ctrl r"', "no spaces"),
        ('"R,"', "is not a key name"),
    ],
)
def test_bad_key_strings(value: str, expected: str) -> None:
    config, problems = parse(f'[keys]\nrelated = {value}\nsearch = "S"\n')
    assert dict(config.keys) == {"search": "S"}
    assert len(problems) == 1
    assert problems[0].key == "keys.related"
    assert problems[0].line == 2
    assert expected in problems[0].message


def test_the_same_key_for_two_commands_keeps_the_first() -> None:
    config, problems = parse('[keys]\nrelated = "R"\nlinks = "x, R"\n')
    assert dict(config.keys) == {"related": "R"}
    assert len(problems) == 1
    assert problems[0].key == "keys.links"
    assert "already the key of 'related'" in problems[0].message


def test_known_actions_check_command_names() -> None:
    text = '[keys]\nrelated = "R"\nrelatd = "X"\n'
    config, problems = parse(text, known_actions=("related", "search"))
    assert dict(config.keys) == {"related": "R"}
    assert len(problems) == 1
    assert (problems[0].line, problems[0].key) == (3, "keys.relatd")
    assert "unknown command (did you mean 'related'?)" in problems[0].message
    # Without known actions, any name of the right shape is kept.
    config, problems = parse(text)
    assert problems == []
    assert dict(config.keys) == {"related": "R", "relatd": "X"}


def test_the_config_is_frozen() -> None:
    config, _ = parse('[keys]\nrelated = "R"\n')
    with pytest.raises(AttributeError):
        config.sort = "title"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.keys["search"] = "S"  # type: ignore[index]


def test_load_config_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('wrap_width = 72\nsort = "nope"\n', encoding="utf-8")
    config, problems = load_config(path)
    assert config.wrap_width == 72
    assert [(p.path, p.line, p.key) for p in problems] == [(str(path), 2, "sort")]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbfwrap_width = 72\n")
    assert load_config(path) == (Config(wrap_width=72), [])


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1
    assert problems[0].path == str(path)
    assert "is a folder" in problems[0].message
    assert "every setting is the default" in problems[0].message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'sort = "title"\ntheme = "caf\xe9"\n')
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "not UTF-8" in problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('sort = "title"\n', encoding="utf-8")
    path.chmod(0)
    try:
        config, problems = load_config(path)
    finally:
        path.chmod(0o600)
    assert config == Config()
    assert len(problems) == 1
    assert "cannot be read" in problems[0].message


def test_an_unreadable_folder_above_the_file(tmp_path: Path) -> None:
    # Works as root too: a path through a regular file cannot be opened by anyone.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    config, problems = load_config(blocker / "config.toml")
    assert config == Config()
    assert len(problems) == 1
    assert "cannot be read" in problems[0].message


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    os.mkfifo(path)
    config, problems = load_config(path)
    assert config == Config()
    assert "not a regular file" in problems[0].message


def test_a_huge_file_is_not_parsed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    config, problems = load_config(path)
    assert config == Config()
    assert "larger than 1 MiB" in problems[0].message


def test_a_problem_names_file_line_and_key() -> None:
    problem = ConfigProblem("/c/config.toml", 4, "keys.related", "must be a key name")
    assert str(problem) == "/c/config.toml, line 4: keys.related: must be a key name"
    assert str(ConfigProblem("/c/config.toml", None, None, "is a folder")) == (
        "/c/config.toml: is a folder"
    )


def test_the_template_is_valid_toml() -> None:
    assert tomllib.loads(TEMPLATE) == {}


def test_a_read_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root, chmod 0 does not stop reading; fail the open itself instead.
    import readingroom.core.config as config_module

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "config.toml"
    path.write_text('sort = "title"\n', encoding="utf-8")
    monkeypatch.setattr(config_module, "open", refuse, raising=False)
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1
    assert "cannot be read (Permission denied)" in problems[0].message


def test_lines_inside_a_multiline_array_are_not_table_headers() -> None:
    text = 'slug_patterns = [\n  "eip-{}",\n  ["x"],\n]\nwrap_width = 3\n'
    problems = parse(text)[1]
    assert [(p.line, p.key) for p in problems] == [(1, "slug_patterns"), (5, "wrap_width")]


def test_a_problem_prints_control_characters_visibly() -> None:
    problem = only_problem('"\\u001b[31mred" = 1\n')
    assert problem.key == "\x1b[31mred"
    assert "\x1b" not in str(problem)
    assert "\u241b[31mred: unknown setting" in str(problem)
