"""Garbage collection held back while many long-lived objects are made at once.

Reading 31,000 articles from the catalog makes some 500,000 objects (articles, their tuples
and strings), none of them garbage; each collection that the allocations set off walks the
young ones again and finds nothing, and the first full collection after walks them all
(150 ms, on the UI thread if it happens to allocate next). With collections paused, and the
articles frozen after (kept out of later collections: they are still freed by reference
counting when dropped), reading them took 221 ms instead of 290 and making the sidebar's
options 37 ms instead of 99, with no full collection to follow (benchmarks/scale.py's
library, one core).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal

_lock = threading.Lock()
_holders = 0
_was_enabled = True
_freeze_at_end = False


@contextmanager
def collections_paused(*, freeze: bool = False) -> Iterator[None]:
    """No garbage collection inside the block (nested and concurrent uses share one pause:
    collections resume when the last ends, if they were on before the first began).

    With `freeze`, what is alive when the pause ends is frozen (`gc.freeze()`): for a block
    that makes many objects meant to live long, once (the catalog's library at start-up).
    Cyclic garbage alive at that moment is never reclaimed, which is why it is not the
    default: recurring uses (a sidebar refilled) would keep the cycles of closed screens."""
    global _holders, _was_enabled, _freeze_at_end
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            _freeze_at_end = False
            gc.disable()
        _holders += 1
        _freeze_at_end = _freeze_at_end or freeze
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                if _freeze_at_end:
                    gc.freeze()
                if _was_enabled:
                    gc.enable()


def give_back_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc's `malloc_trim`; nothing elsewhere).

    A cold index reads a body for each of thousands of files, writes a batch and frees it:
    glibc keeps the freed pages, so the process grew to 139 MB on benchmarks/scale.py's
    library; trimmed after each batch, it peaked at 117 MB (the workers and the process
    together at 186 MB instead of 207). The pages given back are faulted in again by the next
    batch: the index took about 8 % longer (22.0 s against 20.2, medians of four interleaved
    runs); trimming every fourth batch instead saved no memory at all.
    """
    global _malloc_trim
    if _malloc_trim is None:
        _malloc_trim = _find_malloc_trim()
    if _malloc_trim is not False:
        _malloc_trim(0)


def _find_malloc_trim() -> Callable[[int], int] | Literal[False]:
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
        return trim
    except (OSError, AttributeError, TypeError):  # not glibc (musl, macOS): nothing to do
        return False


_malloc_trim: Callable[[int], int] | Literal[False] | None = None
