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
from readingroom.core.sanitize import clean_label

DEFAULT_LIBRARY = "articles"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also documents every option in --help)."""
    parser = argparse.ArgumentParser(
        prog="readingroom",
        description="Read a folder of Markdown articles in the terminal.",
        epilog="Exit codes: 0 ok, 1 problems found (check), 2 usage error (an unknown "
        "library, article or option).",
    )
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=DEFAULT_LIBRARY,
        help=f"the folder of articles to read (default: ./{DEFAULT_LIBRARY})",
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
        commands = parser.add_subparsers(dest="command", metavar="COMMAND")
        for module in subcommands():
            child = commands.add_parser(module.NAME, help=module.HELP, description=module.HELP)
            child.set_defaults(run=module.run)
            module.add_arguments(child)
    return parser


def subcommands() -> list[Subcommand]:
    """Every subcommand module."""
    return [cast(Subcommand, importlib.import_module(name)) for name in SUBCOMMAND_MODULES]


def _fail(message: str) -> int:
    print(f"readingroom: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(args, "command", None) == "search":
        args.query += extra  # `search sleep -anxiety`: an excluded word, not an option
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    run = getattr(args, "run", None)
    if run is not None:
        return int(run(args))
    root = os.path.abspath(args.library)
    if not os.path.isdir(root):
        reason = "is not a folder" if os.path.exists(root) else "does not exist"
        return _fail(f"library {clean_label(args.library)!r} {reason}")
    library = None
    slug = anchor = None
    if args.open_target:
        from readingroom.store.catalog import Catalog
        from readingroom.store.paths import app_paths

        slug, _, anchor_text = args.open_target.partition("#")
        anchor = anchor_text or None
        catalog = Catalog(app_paths().catalog)
        try:
            library = catalog.load_library(root)
        finally:
            catalog.close()
        article = library.get(slug)
        if article is None:
            return _fail(
                f"no article {clean_label(slug)!r} in library {clean_label(args.library)!r}"
            )
        slug = article.slug
    from readingroom.tui.app import create_app

    app = create_app(
        root, open_slug=slug, open_anchor=anchor, library=library, restore=not args.no_restore
    )
    app.run()
    return app.return_code or EXIT_OK  # 128 + N after signal N (SIGTERM, SIGHUP)
