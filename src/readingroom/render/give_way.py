"""Letting the UI thread go first while a worker thread lays out a long article.

Both threads need the GIL. When the UI thread has a burst of work (a repaint, a footer
rebuilt), a worker that keeps running takes half the GIL from it, so the burst lasts twice
as long: on a loaded machine that turned 30 ms of work into 60-100 ms in which the reader
could not scroll. Between pieces of its work a worker calls `give_way()`: at most every
PING_EVERY seconds, it asks the UI's event loop to run a trivial callback and waits (without
the GIL) until it has run, which happens at once when the loop is idle and after the burst
when it is busy, waiting at most MAX_WAIT.

The UI attaches its event loop once (`attach`); without one (tests of the renderer, the
benchmarks' standalone runs) `give_way` does nothing. Work the UI is waiting for (the first
screen of an article) runs under `urgent()`, where the worker does not give way: the UI's
burst then is the open request itself, and it can paint nothing new before the worker is
done.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PING_EVERY = 0.005
MAX_WAIT = 0.025

_loop: asyncio.AbstractEventLoop | None = None
_loop_thread: int | None = None
_last = threading.local()


def attach(loop: asyncio.AbstractEventLoop) -> None:
    """Use `loop` (the UI's, running in the calling thread) to tell when the UI is free."""
    global _loop, _loop_thread
    _loop = loop
    _loop_thread = threading.get_ident()


def give_way() -> None:
    """In a worker thread: if the UI's event loop is busy, wait (up to MAX_WAIT) until it has
    caught up; cheap when called often (it checks the loop only every PING_EVERY)."""
    loop, owner = _loop, _loop_thread
    if loop is None or owner == threading.get_ident() or loop.is_closed():
        return
    if getattr(_last, "urgent", False):
        return
    now = time.monotonic()
    if now - getattr(_last, "ping", 0.0) < PING_EVERY:
        return
    caught_up = threading.Event()
    try:
        loop.call_soon_threadsafe(caught_up.set)
    except RuntimeError:  # the loop closed meanwhile (the app has quit)
        return
    caught_up.wait(MAX_WAIT)
    _last.ping = time.monotonic()


@contextmanager
def urgent() -> Iterator[None]:
    """Within this block, the calling thread does not give way (see the module's docstring)."""
    before = getattr(_last, "urgent", False)
    _last.urgent = True
    try:
        yield
    finally:
        _last.urgent = before
