"""`readingroom check`: every problem of a library, each with its path and reason."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from readingroom.commands import EXIT_OK, EXIT_PROBLEMS
from readingroom.commands.library_access import UsageError, add_library_argument, open_library
from readingroom.commands.library_access import usage_failure as _usage_failure
from readingroom.commands.output import json_line, shown

NAME = "check"
HELP = (
    "report unreadable files, bad front matter, unresolved related entries and broken "
    "in-library links (exit 1 when there is any)"
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: the file, what kind of problem, and the reason."""

    path: str
    kind: str
    reason: str


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--library and --json."""
    add_library_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per problem")


def run(args: argparse.Namespace) -> int:
    """Print every problem; exit 1 if there is any, 0 if none."""
    try:
        with open_library(args.library) as (catalog, library):
            findings: list[Finding] = []
            for skipped in library.problems:
                findings.append(Finding(skipped.path, "unreadable", skipped.reason))
            for article in sorted(library.articles.values(), key=lambda a: a.path):
                if article.error:
                    kind = "front matter" if article.words or article.digest else "unreadable"
                    findings.append(Finding(article.path, kind, article.error))
                for problem in article.problems:
                    findings.append(Finding(article.path, "warning", problem))
            paths = {slug: article.path for slug, article in library.articles.items()}
            for edge in catalog.graph(library).unresolved():
                path = paths.get(edge.source, edge.source)
                if edge.kind == "declared":
                    reason = f"{edge.key}: {edge.reference!r} matches no article"
                    findings.append(Finding(path, "unresolved related", reason))
                elif edge.key == "outside":
                    reason = f"{edge.reference!r} leads outside the library"
                    findings.append(Finding(path, "link outside", reason))
                elif edge.key == "site":
                    reason = f"{edge.reference!r} matches no article (a page of the site?)"
                    findings.append(Finding(path, "unresolved site link", reason))
                else:
                    reason = f"{edge.reference!r} matches no article"
                    findings.append(Finding(path, "broken link", reason))
    except UsageError as error:
        return _usage_failure(error)
    for finding in findings:
        if args.json:
            print(json_line(_record(finding)))
        else:
            print(f"{shown(finding.path)}: {finding.kind}: {shown(finding.reason)}")
    files = len({finding.path for finding in findings})
    print(
        f"checked {len(library.articles)} articles: {len(findings)} problems in {files} files",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if findings else EXIT_OK


def _record(finding: Finding) -> dict[str, str]:
    return {"path": shown(finding.path), "kind": finding.kind, "reason": shown(finding.reason)}
