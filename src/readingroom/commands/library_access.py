"""What every library subcommand shares: the --library option and opening the catalog."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from readingroom.commands import EXIT_USAGE
from readingroom.core.sanitize import clean_label

if TYPE_CHECKING:
    from readingroom.core.library import Library
    from readingroom.store.catalog import Catalog

DEFAULT_LIBRARY = "articles"


class UsageError(Exception):
    """A command line that names something that is not there; exit code 2."""


def add_library_argument(parser: argparse.ArgumentParser) -> None:
    """The --library option, as the reader has it."""
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=DEFAULT_LIBRARY,
        help=f"the folder of articles (default: ./{DEFAULT_LIBRARY})",
    )


def library_root(library: str) -> str:
    """The library folder as an absolute path; raises UsageError when it is not a folder."""
    root = os.path.abspath(library)
    if not os.path.isdir(root):
        reason = "is not a folder" if os.path.exists(root) else "does not exist"
        raise UsageError(f"library {clean_label(library)!r} {reason}")
    return root


@contextmanager
def open_library(library: str) -> Iterator[tuple[Catalog, Library]]:
    """The catalog and the library it loads (re-reading only changed files)."""
    from readingroom.store.catalog import Catalog
    from readingroom.store.paths import app_paths

    root = library_root(library)
    catalog = Catalog(app_paths().catalog)
    try:
        loaded = catalog.load_library(root)
        if catalog.notice:
            print(f"readingroom: {catalog.notice}", file=sys.stderr)
        yield catalog, loaded
    finally:
        catalog.close()


@contextmanager
def open_catalog(library: str) -> Iterator[tuple[Catalog, str]]:
    """The catalog and the library's root, indexing the library first only if the catalog
    has never seen it (searches answer from the catalog; the reader and `index` refresh it)."""
    from readingroom.store.catalog import Catalog
    from readingroom.store.paths import app_paths

    root = library_root(library)
    catalog = Catalog(app_paths().catalog)
    try:
        if not catalog.is_indexed(root):
            catalog.load_library(root)
        yield catalog, root
    finally:
        catalog.close()


def usage_failure(error: UsageError) -> int:
    """Print a usage error on one line and return its exit code."""
    print(f"readingroom: {error}", file=sys.stderr)
    return EXIT_USAGE
