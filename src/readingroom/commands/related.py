"""`readingroom related SLUG`: every article related to one, and why."""

from __future__ import annotations

import argparse

from readingroom.commands import EXIT_OK
from readingroom.commands.library_access import (
    UsageError,
    add_library_argument,
    open_library,
    usage_failure,
)
from readingroom.commands.output import json_line
from readingroom.core.sanitize import clean_label

NAME = "related"
HELP = "list the articles related to one (declared, links, linked from, mentions, similar)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """SLUG, --library, --json."""
    parser.add_argument("slug", metavar="SLUG", help="the article, e.g. recovery/beyond-the-burn")
    add_library_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")


def run(args: argparse.Namespace) -> int:
    """Print one line (or JSON object) per related article; exit 2 for an unknown slug."""
    try:
        with open_library(args.library) as (catalog, library):
            article = library.get(args.slug)
            if article is None:
                raise UsageError(f"no article {clean_label(args.slug)!r} in {args.library!r}")
            for entry in catalog.related(library, article.slug):
                found = library.get(entry.slug) if entry.slug else None
                record = {
                    "slug": entry.slug,
                    "title": found.title if found else None,
                    "kinds": [kind.value for kind in (entry.kinds or (entry.kind,))],
                    "reason": entry.reason,
                    "score": entry.score,
                    "reference": entry.reference,
                }
                if args.json:
                    print(json_line(record))
                else:
                    name = entry.slug or f"{entry.reference} (missing)"
                    kinds = ", ".join(record["kinds"])  # type: ignore[arg-type]
                    print(f"{name}\t{kinds}\t{entry.reason}")
    except UsageError as error:
        return usage_failure(error)
    return EXIT_OK
