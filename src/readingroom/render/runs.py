"""Runs and lines: the renderer's output."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

Roles = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with the roles that style it and, for link text, the link's index."""

    text: str
    roles: Roles = ()
    link: int | None = None

    @property
    def width(self) -> int:
        """Width in terminal cells."""
        return cell_len(self.text)


@dataclass(frozen=True, slots=True)
class Line:
    """One laid-out line: its runs and the index of the block it came from."""

    runs: tuple[Run, ...]
    block: int = 0

    @property
    def text(self) -> str:
        """The plain text of the line."""
        return "".join(run.text for run in self.runs)

    @property
    def width(self) -> int:
        """Width in terminal cells."""
        return sum(run.width for run in self.runs)


def with_roles(runs: list[Run] | tuple[Run, ...], *extra: str) -> list[Run]:
    """The same runs with more roles added (outer roles first)."""
    return [Run(run.text, (*extra, *run.roles), run.link) for run in runs]
