"""A place in the library: an article and a position in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadingPosition:
    """Where the reader was in an article, stored so it survives edits above it and resizes.

    `anchor` is the heading of the section the top line was in (None before the first
    heading), `blocks_after` how many blocks past that heading, `offset` the line within that
    block, and `percent` how far through the article (for progress marks in the sidebar).
    """

    anchor: str | None = None
    blocks_after: int = 0
    offset: int = 0
    percent: int = 0


@dataclass(frozen=True, slots=True)
class Location:
    """An article and where in it: a block index plus a line offset inside that block.

    A block-relative position survives a change of width (the same paragraph is found again
    however it wraps); `anchor`, when set, names a heading to open at instead, and `saved` a
    stored reading position (which survives edits to the article too).
    """

    slug: str
    block: int = 0
    offset: int = 0
    anchor: str | None = None
    saved: ReadingPosition | None = None
