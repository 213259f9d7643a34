"""The command line's subcommands, one module each.

A subcommand module defines NAME, HELP, `add_arguments(parser)` and `run(args) -> int`, and
imports nothing heavy at module level (never textual): the CLI imports every module to build
its parser, so `readingroom --version` stays cheap.
"""

from __future__ import annotations

from typing import Protocol

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

# Every subcommand module, in the order `readingroom --help` lists them.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "readingroom.commands.search",
    "readingroom.commands.listing",
    "readingroom.commands.index",
    "readingroom.commands.related",
    "readingroom.commands.check",
    "readingroom.commands.state",
    "readingroom.commands.config",
)


class Subcommand(Protocol):
    """What a subcommand module provides."""

    NAME: str
    HELP: str

    def add_arguments(self, parser: object) -> None:
        """Add the subcommand's options to its argparse parser."""

    def run(self, args: object) -> int:
        """Run it; return the exit code."""
