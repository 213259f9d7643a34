"""The tmux check (benchmarks/hostile_tmux.py): its detector, and a short real run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "benchmarks"))

import hostile_tmux  # noqa: E402  (benchmarks is not a package)

CLEAN = b"\x1b[?1049h\x1b[2J\x1b[1;1H\x1b[38;2;1;2;3mtext \xe2\x90\x9b]52;c;x\x1b[0m"


def _recording(data: bytes, variant: str) -> hostile_tmux.Recording:
    return hostile_tmux.Recording(variant, data, sequences=hostile_tmux.sequences_of(data))


def test_the_detector_ignores_what_both_runs_write() -> None:
    assert hostile_tmux.compare(_recording(CLEAN, "h"), _recording(CLEAN, "c")) == []


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        (b"\x1b]52;c;cHduZWQ=\x07", "OSC 52"),
        (b"\x1b]0;PWNED-WINDOW-TITLE\x07", "OSC 0/1/2"),
        (b"\x1b]2;x\x1b\\", "OSC 0/1/2"),
        (b"\x1b]8;;https://evil.example/osc8-payload\x1b\\", "OSC 8"),
        (b"\x1bc", "ESC c"),
        (b"\x1bP+q544e\x1b\\", "DCS"),
        ("\u009b2J".encode(), "raw C1"),
        (b"\x9b2J", "raw C1"),
        (b"\x1b[2J", "CSI 2J"),
        (b"\x1b]1337;PWNED-TITLE-TWO\x07", "marker"),
    ],
)
def test_the_detector_finds_each_payload(payload: bytes, why: str) -> None:
    found = hostile_tmux.compare(_recording(CLEAN + payload, "h"), _recording(CLEAN, "c"))
    assert len(found) == 1 and why in found[0][0], found


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.skipif(
    not os.environ.get("READINGROOM_TMUX_TESTS"),
    reason="a real tmux session (~25 s): set READINGROOM_TMUX_TESTS=1, or run "
    "benchmarks/hostile_tmux.py (the whole library)",
)
def test_the_reader_in_tmux_lets_no_payload_through() -> None:
    """A short run (the first articles); the full run: `python benchmarks/hostile_tmux.py`."""
    result = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "hostile_tmux.py"), "--articles", "3",
         "--delay", "0.3"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS" in result.stdout
