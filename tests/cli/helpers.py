"""Running `python -m readingroom` in a subprocess for the command-line tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def run(
    home: Path,
    *args: str,
    environ: dict[str, str] | None = None,
    cwd: Path = PROJECT,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run readingroom with READINGROOM_HOME pointed at `home`, no editor set unless `environ`
    sets one, and stdin closed: it never waits on a terminal."""
    env = dict(os.environ)
    for variable in ("VISUAL", "EDITOR"):
        env.pop(variable, None)
    env["READINGROOM_HOME"] = str(home)
    env.update(environ or {})
    return subprocess.run(
        [sys.executable, "-m", "readingroom", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        errors="surrogateescape",  # output bytes kept as they are, even when not UTF-8
        timeout=timeout,
        check=False,
    )
