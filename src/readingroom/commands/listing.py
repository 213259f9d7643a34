"""`readingroom list`: the articles of a library, newest first."""

from __future__ import annotations

import argparse

from readingroom.commands import EXIT_OK
from readingroom.commands.library_access import (
    UsageError,
    add_library_argument,
    open_library,
    usage_failure,
)
from readingroom.commands.output import json_line, shown

NAME = "list"
HELP = "list the articles, newest first (optionally only those with a tag)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--tag, --library, --json."""
    parser.add_argument("--tag", metavar="TAG", help="only articles with this tag")
    add_library_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def run(args: argparse.Namespace) -> int:
    """Print one line (or JSON object) per article."""
    try:
        with open_library(args.library) as (_, library):
            articles = library.sorted()
    except UsageError as error:
        return usage_failure(error)
    wanted = args.tag.lower() if args.tag else None
    for article in articles:
        if wanted is not None and wanted not in {tag.lower() for tag in article.tags}:
            continue
        if args.json:
            record = {
                "slug": article.slug,
                "title": article.title,
                "path": shown(article.path),
                "date": article.date,
                "tags": list(article.tags),
                "summary": article.summary,
                "error": article.error,
            }
            print(json_line(record))
        else:
            tags = " ".join(f"#{tag}" for tag in article.tags)
            print(f"{article.slug}\t{article.title}\t{(article.date or '')[:10]}\t{tags}")
    return EXIT_OK
