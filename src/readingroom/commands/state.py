"""`readingroom state export|import FILE`: move reading state between machines.

`export` prints every library's reading state (positions, read marks, bookmarks, session,
history) as JSON on stdout; `import FILE` checks such a file completely and merges it in one
transaction, or applies nothing and names every problem. The JSON format is described in
`readingroom.store.state_transfer`. The state database is imported only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from readingroom.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from readingroom.core.sanitize import clean_label

NAME = "state"
HELP = "export or import reading state (positions, read marks, bookmarks, history) as JSON"


def add_arguments(parser: object) -> None:
    """Add the `export` and `import FILE` actions."""
    assert isinstance(parser, argparse.ArgumentParser)
    parser.epilog = "Exit codes: 0 ok, 1 an invalid import file (nothing applied), 2 usage error."
    actions = parser.add_subparsers(dest="state_action", metavar="{export,import}", required=True)
    actions.add_parser(
        "export",
        help="print all reading state as JSON on stdout",
        description="Print all reading state as JSON on stdout.",
    )
    importing = actions.add_parser(
        "import",
        help="merge reading state from a JSON export; nothing is applied if it has problems",
        description="Merge reading state from FILE (made by `readingroom state export`). The "
        "whole file is checked first; if anything is wrong nothing is applied and every "
        "problem is listed.",
    )
    importing.add_argument("file", metavar="FILE", help="a JSON export ('-' for stdin)")


def run(args: object) -> int:
    """Run `state export` or `state import FILE`; returns the exit code."""
    action = getattr(args, "state_action", None)
    if action == "export":
        return _export()
    if action == "import":
        return _import(str(getattr(args, "file", "")))
    print("readingroom state: choose export or import FILE", file=sys.stderr)
    return EXIT_USAGE


def _say(message: str) -> None:
    print(f"readingroom: {clean_label(message)}", file=sys.stderr)


def _export() -> int:
    from readingroom.store.paths import app_paths
    from readingroom.store.reading_state import ReadingState, state_path

    path = state_path(app_paths())
    # Exporting never creates a state database that is not there yet.
    state = ReadingState.open(path if path.exists() else None)
    try:
        opened_with = state.notice
        if opened_with:
            _say(opened_with)
        data = state.export()
        if state.notice != opened_with:
            _say(f"export failed: {state.notice}")
            return EXIT_PROBLEMS
    finally:
        state.close()
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK


def _read(file: str) -> tuple[object, list[str]] | None:
    """The JSON in `file` with its problems; None (after saying why) when it cannot be read."""
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        _say(f"{file}: cannot read it ({exc.strerror or exc})")
        return None
    try:
        return json.loads(raw.decode("utf-8-sig")), []
    except UnicodeDecodeError as exc:
        return None, [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]
    except json.JSONDecodeError as exc:
        return None, [f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"]


def _import(file: str) -> int:
    read = _read(file)
    if read is None:
        return EXIT_USAGE
    data, problems = read
    if not problems:
        from readingroom.store.paths import app_paths
        from readingroom.store.reading_state import ReadingState, state_path

        state = ReadingState.open(state_path(app_paths()))
        try:
            if state.notice:
                _say(state.notice)
            problems = state.import_state(data)
        finally:
            state.close()
    for problem in problems:
        _say(f"{file}: {problem}")
    if problems:
        _say(f"{file}: nothing was imported")
        return EXIT_PROBLEMS
    print(f"imported reading state from {clean_label(file)}: {_summary(data)}")
    return EXIT_OK


def _summary(data: object) -> str:
    from readingroom.store.state_transfer import parse_import

    libraries = parse_import(data)[1]
    articles = sum(len(library.articles) for library in libraries)
    return (
        f"{articles} article(s) in {len(libraries)} librar{'y' if len(libraries) == 1 else 'ies'}"
    )
