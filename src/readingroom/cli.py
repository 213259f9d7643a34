"""The command line: parse arguments, check them, then start the reader.

Textual is imported only when the reader actually starts, so `--version` and argument errors
stay instant.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import cast

from readingroom import __version__
from readingroom.commands import EXIT_OK, EXIT_USAGE, SUBCOMMAND_MODULES, Subcommand
from readingroom.core.config import DEFAULT_LIBRARY, Config, ConfigProblem, load_config
from readingroom.core.sanitize import clean_label

CONFIG_COMMAND = "config"
EPILOG = """\
settings:
  A TOML config file sets the default library, the sort order, the wrap width, the
  theme, keys and more: `readingroom config --path` prints where it is, `readingroom
  config --edit` opens it in $VISUAL or $EDITOR, `readingroom config` checks it.

exit codes:
  0  ok
  1  problems found (check; config with a bad config file)
  2  usage error (an unknown library, article, command or option)
"""


def reader_config(*, check_keys: bool = False) -> tuple[Config, list[ConfigProblem]]:
    """The settings from this process's config file (under READINGROOM_HOME when it is set)
    and every problem in it; with `check_keys`, the [keys] entries are checked against the
    reader's commands (their names, and the keys they keep)."""
    from readingroom.store.paths import app_paths

    if not check_keys:
        return load_config(app_paths().config_file)
    from readingroom.tui.commands import action_names, key_groups

    path = app_paths().config_file
    return load_config(path, known_actions=action_names(), key_groups=key_groups())


def build_parser(config: Config | None = None) -> argparse.ArgumentParser:
    """The argument parser (also documents every option in --help). With a config, its
    `library` is the default of every --library option."""
    parser = argparse.ArgumentParser(
        prog="readingroom",
        description="Read a folder of Markdown articles in the terminal. Without a command, "
        "start the reader; with one, run it and print the answer.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=None,
        help="the folder of articles to read (default: `library` from the config file, "
        f"else ./{DEFAULT_LIBRARY})",
    )
    parser.add_argument(
        "--open",
        metavar="SLUG[#HEADING]",
        dest="open_target",
        help="open this article (its path without extension, e.g. recovery/beyond-the-burn)",
    )
    parser.add_argument(
        "--no-restore",
        action="store_true",
        help="do not reopen the article and position the last session ended on",
    )
    parser.add_argument("--version", action="version", version=f"readingroom {__version__}")
    if SUBCOMMAND_MODULES:
        commands = parser.add_subparsers(
            dest="command",
            metavar="COMMAND",
            title="commands",
            description="Run `readingroom COMMAND --help` for a command's options.",
        )
        for module in subcommands():
            child = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
            child.set_defaults(run=module.run)
            module.add_arguments(child)
            if config is not None and child.get_default("library") is not None:
                child.set_defaults(library=config.library)
    return parser


def subcommands() -> list[Subcommand]:
    """Every subcommand module."""
    return [cast(Subcommand, importlib.import_module(name)) for name in SUBCOMMAND_MODULES]


def _fail(message: str) -> int:
    print(f"readingroom: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    config, problems = reader_config()
    parser = build_parser(config)
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(args, "command", None) == "search":
        args.query += extra  # `search sleep -anxiety`: an excluded word, not an option
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    run = getattr(args, "run", None)
    if run is not None:
        if args.command != CONFIG_COMMAND:  # `config` reports the problems itself
            for problem in problems:
                print(f"readingroom: warning: {problem}", file=sys.stderr)
        return int(run(args))
    library_name = args.library if args.library is not None else config.library
    root = os.path.abspath(library_name)
    if not os.path.isdir(root):
        reason = "is not a folder" if os.path.exists(root) else "does not exist"
        source = "" if args.library is not None else _config_source(config)
        return _fail(f"library {clean_label(library_name)!r} {reason}{source}")
    library = None
    slug = anchor = None
    if args.open_target:
        from readingroom.core.config import library_options
        from readingroom.store.catalog import Catalog
        from readingroom.store.paths import app_paths

        slug, _, anchor_text = args.open_target.partition("#")
        anchor = anchor_text or None
        catalog = Catalog(app_paths().catalog)
        try:
            library = catalog.load_library(root, options=library_options(config))
        finally:
            catalog.close()
        article = library.get(slug)
        if article is None:
            return _fail(
                f"no article {clean_label(slug)!r} in library {clean_label(library_name)!r}"
            )
        slug = article.slug
    from readingroom.tui.app import create_app

    # Read again now that the reader's commands are known: `[keys]` entries are checked.
    config, problems = reader_config(check_keys=True)
    app = create_app(
        root,
        open_slug=slug,
        open_anchor=anchor,
        library=library,
        restore=not args.no_restore,
        config=config,
        config_problems=problems,
    )
    app.run()
    return app.return_code or EXIT_OK  # 128 + N after signal N (SIGTERM, SIGHUP)


def _config_source(config: Config) -> str:
    """Where a library that was not given on the command line came from."""
    if config.library == DEFAULT_LIBRARY:
        return ""
    from readingroom.store.paths import app_paths

    return f" (the library setting of {clean_label(str(app_paths().config_file))})"
