"""The command line: parse arguments, check them, then start the reader.

Textual is imported only when the reader actually starts, so `--version` and argument errors
stay instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from readingroom import __version__
from readingroom.core.sanitize import clean_label

DEFAULT_LIBRARY = "articles"
EXIT_OK = 0
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also documents every option in --help)."""
    parser = argparse.ArgumentParser(
        prog="readingroom",
        description="Read a folder of Markdown articles in the terminal.",
        epilog="Exit codes: 0 ok, 2 usage error (unknown library or article).",
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
    parser.add_argument("--version", action="version", version=f"readingroom {__version__}")
    return parser


def _fail(message: str) -> int:
    print(f"readingroom: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
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

    create_app(root, open_slug=slug, open_anchor=anchor, library=library).run()
    return EXIT_OK
