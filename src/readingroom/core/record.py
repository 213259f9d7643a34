"""`record`: an immutable dataclass with slots that is quick to make.

A `frozen=True` dataclass sets every field through `object.__setattr__` in its `__init__`:
about 4 µs for an `Article`'s 17 fields against 0.6 µs for a plain slotted dataclass, which is
125 ms each time 31,000 articles are read from the catalog. A `record` is a plain slotted
dataclass at run time (hashable by value, as a frozen one is) that type checkers see as
frozen (PEP 681's `frozen_default`), so assigning to a field is still an error in `mypy`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """Make `cls` a slotted, value-hashed dataclass, read-only to type checkers."""
    return dataclass(slots=True, unsafe_hash=True)(cls)
