"""`readingroom index`: bring the catalog up to date (a progress bar on a terminal)."""

from __future__ import annotations

import argparse
import sys
import time

from readingroom.commands import EXIT_OK
from readingroom.commands.library_access import (
    UsageError,
    add_library_argument,
    library_root,
    usage_failure,
)

NAME = "index"
HELP = "read new and changed files into the catalog (a progress bar on a terminal)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--library."""
    add_library_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Index the library; on a terminal show progress on stderr, then one summary line."""
    from readingroom.store.catalog import Catalog
    from readingroom.store.paths import app_paths

    try:
        root = library_root(args.library)
    except UsageError as error:
        return usage_failure(error)
    tty = sys.stderr.isatty()
    started = time.monotonic()
    last = 0.0

    def progress(count: int, total: int, path: str) -> None:
        nonlocal last
        now = time.monotonic()
        if tty and now - last > 0.1:
            last = now
            width = 30
            done = width * count // max(1, total)
            bar = "█" * done + "░" * (width - done)
            print(f"\rindexing {bar} {count}/{total}", end="", file=sys.stderr, flush=True)

    catalog = Catalog(app_paths().catalog)
    try:
        library = catalog.load_library(root, progress)
    finally:
        catalog.close()
    if tty:
        print("\r\x1b[K", end="", file=sys.stderr)
    if catalog.notice:
        print(f"readingroom: {catalog.notice}", file=sys.stderr)
    took = time.monotonic() - started
    errors = sum(1 for article in library.articles.values() if article.error)
    if tty:
        print(
            f"indexed {len(library)} articles in {took:.2f} s"
            + (f" ({errors} with errors; see readingroom check)" if errors else ""),
            file=sys.stderr,
        )
    return EXIT_OK
