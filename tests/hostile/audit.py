"""Which files the process opens: an audit hook on the `open` event, installed once.

An audit hook cannot be removed, so one hook is installed for the whole test session and
records only while a `recording()` block is active. It sees `open()`, `io.open` and `os.open`
from every thread (the reader reads articles in worker threads).
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_installed = False
_lock = threading.Lock()
_recorders: list[list[str]] = []

# Control characters a terminal could act on, and bidi controls that disguise text.
# In text, direction marks (LRM, RLM, ALM) are allowed: RTL prose needs them.
UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
UNSAFE_IN_LABEL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _recorders or not args:
        return
    target = args[0]
    if isinstance(target, str | bytes):
        path = os.fsdecode(target)
        with _lock:
            for recorder in _recorders:
                recorder.append(path)


def install() -> None:
    """Install the hook (once per process)."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


@contextmanager
def recording() -> Iterator[list[str]]:
    """Record the path of every file opened inside the block."""
    install()
    opened: list[str] = []
    with _lock:
        _recorders.append(opened)
    try:
        yield opened
    finally:
        with _lock:
            _recorders.remove(opened)


def opened_outside(opened: list[str], outside: Path) -> list[str]:
    """The recorded paths that are, or resolve to, something under `outside`, or that are
    the system files the hostile library links to."""
    fence = os.path.realpath(outside) + os.sep
    forbidden = {"/etc/passwd", "/dev/zero"}
    bad = []
    for path in opened:
        real = os.path.realpath(path)
        if (
            path.startswith(str(outside) + os.sep)
            or real.startswith(fence)
            or real in forbidden
            or path in forbidden
        ):
            bad.append(path)
    return bad
