"""SIGTERM and SIGHUP end the reader the way `q` does: the position saved, the terminal restored.

Without this a `kill` or a dropped SSH connection ends Python at once, leaving the terminal in
the alternate screen with the cursor hidden and mouse reporting on.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

from textual.app import App

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def exit_on_signals(app: App[None], finish: Callable[[int], None]) -> None:
    """From now on SIGTERM and SIGHUP call `finish(128 + signal)` on the app's event loop."""
    loop = asyncio.get_running_loop()
    for signum in SIGNALS:
        # Not the main thread (some test runners) or no signal support: nothing to install.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, app.call_later, finish, 128 + signum)


def release_signals() -> None:
    """Give SIGTERM and SIGHUP back to their defaults (the app has ended)."""
    with contextlib.suppress(RuntimeError):
        loop = asyncio.get_running_loop()
        for signum in SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(signum)
