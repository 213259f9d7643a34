"""A place in the library: an article and a position in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """An article and where in it: a block index plus a line offset inside that block.

    A block-relative position survives a change of width (the same paragraph is found again
    however it wraps); `anchor`, when set, names a heading to open at instead.
    """

    slug: str
    block: int = 0
    offset: int = 0
    anchor: str | None = None
