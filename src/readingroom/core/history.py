"""A generic back/forward history, as in a web browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class History(Generic[T]):
    """Places visited, with a cursor for back and forward.

    Visiting a new place after going back drops the places ahead of the cursor, as a browser does.
    """

    def __init__(self, limit: int = 500) -> None:
        self._items: list[T] = []
        self._index = -1
        self._limit = max(1, limit)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    @property
    def current(self) -> T | None:
        """The place the cursor is on, or None before the first visit."""
        return self._items[self._index] if self._index >= 0 else None

    @property
    def index(self) -> int:
        """The position of the current place (-1 before the first visit)."""
        return self._index

    @property
    def can_go_back(self) -> bool:
        """True when there is a place before the current one."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """True when back was used and there is a place after the current one."""
        return 0 <= self._index < len(self._items) - 1

    def visit(self, item: T) -> None:
        """Go to a new place: it becomes current and the forward places are dropped."""
        del self._items[self._index + 1 :]
        self._items.append(item)
        overflow = len(self._items) - self._limit
        if overflow > 0:
            del self._items[:overflow]
        self._index = len(self._items) - 1

    def replace_current(self, item: T) -> None:
        """Update the current place (for example with a new scroll position)."""
        if self._index < 0:
            self.visit(item)
        else:
            self._items[self._index] = item

    def back(self) -> T | None:
        """Move the cursor back and return that place, or None (cursor unchanged) at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._items[self._index]

    def forward(self) -> T | None:
        """Move the cursor forward and return that place, or None (unchanged) at the end."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._items[self._index]
