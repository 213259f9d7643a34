"""`readingroom search QUERY`: full-text search, answered from the catalog."""

from __future__ import annotations

import argparse
import sys

from readingroom.commands import EXIT_OK
from readingroom.commands.library_access import (
    UsageError,
    add_library_argument,
    open_catalog,
    usage_failure,
)
from readingroom.commands.output import json_line, shown

NAME = "search"
HELP = 'search the library: words, "phrases", -word, tag:x, before:/after:YYYY-MM-DD'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """QUERY, --library, --json, --limit."""
    parser.add_argument("query", metavar="QUERY", nargs="+", help="what to look for")
    add_library_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results")


def run(args: argparse.Namespace) -> int:
    """Print the best matches: slug, title, date and a snippet (or JSON with path and score)."""
    from readingroom.core.query import parse_query
    from readingroom.store.search import plain_snippet

    query = parse_query(" ".join(args.query), prefix_last=False)
    try:
        with open_catalog(args.library) as (catalog, root):
            hits = catalog.search(root, query, max(1, args.limit))
    except UsageError as error:
        return usage_failure(error)
    for problem in query.problems:
        print(f"readingroom: {problem}", file=sys.stderr)
    for hit in hits:
        snippet = plain_snippet(hit.snippet)
        if args.json:
            record = {
                "slug": hit.slug,
                "title": hit.title,
                "path": shown(hit.path),
                "date": hit.date,
                "snippet": snippet,
                "score": round(hit.score, 4),
            }
            print(json_line(record))
        else:
            print(f"{hit.slug}\t{hit.title}\t{(hit.date or '')[:10]}\t{snippet}")
    return EXIT_OK
