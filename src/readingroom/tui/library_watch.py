"""Watching the library folder so added, changed, removed and renamed files show up live.

Runs in a worker thread: watchfiles (inotify and friends) reports changes, batched over a
short debounce; only Markdown files and folders count, hidden ones never do.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from readingroom.core.scan import is_markdown_name

DEBOUNCE_MS = 150


def _interesting(path: str, root: str) -> bool:
    relative = os.path.relpath(path, root)
    if any(part.startswith(".") for part in relative.split(os.sep)):
        return False
    return is_markdown_name(path) or os.path.isdir(path) or not os.path.splitext(path)[1]


def watch_library(root: str, stop: threading.Event, changed: Callable[[set[str]], None]) -> None:
    """Call `changed` with the relative paths of each batch of changes until `stop` is set."""
    from watchfiles import watch

    for batch in watch(
        root,
        stop_event=stop,
        debounce=DEBOUNCE_MS,
        step=50,
        recursive=True,
        raise_interrupt=False,
        yield_on_timeout=False,
    ):
        paths = {os.path.relpath(path, root) for _, path in batch if _interesting(path, root)}
        if paths and not stop.is_set():
            changed(paths)
