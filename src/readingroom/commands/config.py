"""`readingroom config`: where the config file is, what it sets, and editing it."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from readingroom.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from readingroom.commands.output import json_line
from readingroom.core.config import Config, ConfigProblem, load_config
from readingroom.core.config_template import TEMPLATE
from readingroom.core.editor import EditorError, editor_argv
from readingroom.tui.commands import action_names, key_groups  # plain data: no Textual

NAME = "config"
HELP = (
    "show the settings in effect and check the config file (exit 1 on a problem), "
    "print its path, or edit it"
)

_BARE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--check (the default), --path, --edit."""
    parser.epilog = (
        "Without an option, like --check. The file is TOML; a bad value is reported with its "
        "line and the reader uses that setting's default. Key names in [keys] are checked "
        "against the reader's commands when the reader starts."
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--check",
        action="store_true",
        help="print the settings in effect and every problem in the file (the default)",
    )
    choice.add_argument("--path", action="store_true", help="print the config file's path")
    choice.add_argument(
        "--edit",
        action="store_true",
        help="open the file in $VISUAL or $EDITOR (creating it from a commented template of "
        "every setting if missing), then check it",
    )


def run(args: argparse.Namespace) -> int:
    """Print the path, edit the file, or print the settings and problems."""
    path = config_file()
    if args.path:
        print(path)
        return EXIT_OK
    if args.edit:
        return _edit(path)
    config, problems = load_config(path, known_actions=action_names(), key_groups=key_groups())
    state = "" if path.exists() else "  (not created yet: every setting is the default)"
    print(f"# {path}{state}")
    for line in settings_lines(config):
        print(line)
    return _report(problems)


def config_file() -> Path:
    """The config file of this process (under READINGROOM_HOME when it is set)."""
    from readingroom.store.paths import app_paths

    return app_paths().config_file


def settings_lines(config: Config) -> list[str]:
    """The settings in effect, written as the TOML that would set them."""
    from readingroom.core.config import library_options

    options = library_options(config)
    lines = [
        f"library = {_toml(config.library)}",
        f"sort = {_toml(config.sort)}",
        f"wrap_width = {config.wrap_width}",
        f"code_wrap = {_toml(config.code_wrap)}",
        f"size_cap_mib = {config.size_cap_mib}",
        f"relation_keys = {_toml(list(options.relation_keys))}",
        f"site_prefix = {_toml(list(config.site_prefixes))}",
        f"slug_patterns = {_toml(list(config.slug_patterns))}",
    ]
    if config.theme is None:
        lines.append("# theme: Textual's default")
    else:
        lines.append(f"theme = {_toml(config.theme)}")
    if config.keys:
        lines.append("")
        lines.append("[keys]")
        for action, key in config.keys.items():
            name = action if _BARE_KEY_RE.match(action) else _toml(action)
            lines.append(f"{name} = {_toml(key)}")
    else:
        lines.append("# [keys]: every command has its usual key")
    return lines


def _toml(value: object) -> str:
    """A TOML value: JSON's escapes are valid in TOML basic strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json_line(value)


def _report(problems: Sequence[ConfigProblem]) -> int:
    for problem in problems:
        print(f"readingroom: {problem}", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _edit(path: Path) -> int:
    try:
        argv = editor_argv(path, os.environ)
    except EditorError as error:
        print(f"readingroom: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(TEMPLATE, encoding="utf-8")
        except OSError as error:
            print(f"readingroom: cannot create {path}: {error.strerror or error}", file=sys.stderr)
            return EXIT_PROBLEMS
    try:
        finished = subprocess.run(argv, check=False)
    except OSError as error:
        print(f"readingroom: cannot run the editor {argv[0]!r}: {error}", file=sys.stderr)
        return EXIT_USAGE
    if finished.returncode != 0:
        print(f"readingroom: the editor exited with status {finished.returncode}", file=sys.stderr)
    _, problems = load_config(path, known_actions=action_names(), key_groups=key_groups())
    if not problems:
        print(f"{path}: no problems")
    return _report(problems)
