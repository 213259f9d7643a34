"""Real processes on one state database: killed mid-write, and two writing at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from readingroom.core.location import ReadingPosition
from readingroom.store.reading_state import ReadingState

ROOT = "/library"
SLUGS = 50

WRITER = f"""
import sys
from pathlib import Path
from readingroom.core.location import ReadingPosition
from readingroom.store.reading_state import ReadingState

state = ReadingState.open(Path(sys.argv[1]))
assert state.notice is None, state.notice
n = 0
while True:
    n += 1
    slug = f"a{{n % {SLUGS}}}"
    state.save_position({ROOT!r}, slug, ReadingPosition(anchor="H", offset=n, percent=n % 101))
    state.save_history({ROOT!r}, [(slug, None)] * 30, 0)
    print(n, flush=True)
"""

RACER = f"""
import sys, time
from pathlib import Path
from readingroom.core.location import ReadingPosition
from readingroom.store.reading_state import ReadingState

path, name, other = Path(sys.argv[1]), sys.argv[2], sys.argv[3]


def wait_for(marker):
    (path.parent / f"{{name}}-{{marker}}").touch()
    while not (path.parent / f"{{other}}-{{marker}}").exists():
        time.sleep(0.001)


wait_for("started")  # both create the database at the same moment
state = ReadingState.open(path)
if state.notice is not None:
    sys.exit(f"open: {{state.notice}}")
wait_for("opened")
start = time.time()
for n in range(200):
    if n == 100:
        wait_for("halfway")  # so the two really write at the same time
    state.save_position({ROOT!r}, f"{{name}}-{{n}}", ReadingPosition(offset=n))
    if state.notice is not None:
        sys.exit(f"write {{n}}: {{state.notice}}")
state.close()
print("done", start, time.time(), flush=True)
"""


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def test_kill_9_during_writes_keeps_every_commit_and_integrity(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.sqlite3"
    writer = spawn(WRITER, str(path))
    assert writer.stdout is not None
    first = writer.stdout.readline()
    assert first.strip() == "1", writer.stderr.read() if writer.stderr else first
    last = 1
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        last = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)
    rest, _ = writer.communicate(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    # Each number is printed after its write committed; the last one printed is the floor.
    last = max([last, *map(int, rest.split())])
    assert last > 10, "the writer should have committed many writes in half a second"

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    state = ReadingState.open(path)
    assert state.notice is None
    for n in range(max(1, last - SLUGS + 1), last + 1):
        position = state.position(ROOT, f"a{n % SLUGS}")
        assert position is not None and position.offset >= n, f"write {n} was lost"
    entries, index = state.history(ROOT)
    assert len(entries) == 30 and index == 0
    state.close()


def test_two_processes_writing_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.sqlite3"
    path.parent.mkdir()
    # Both create the database at the same moment, then write 200 positions each.
    racers = [
        spawn(RACER, str(path), name, other)
        for name, other in (("left", "right"), ("right", "left"))
    ]
    spans: list[tuple[float, float]] = []
    for racer in racers:
        out, err = racer.communicate(timeout=60)
        assert racer.returncode == 0, err
        assert err == ""
        word, start, end = out.split()
        assert word == "done"
        spans.append((float(start), float(end)))
    assert max(start for start, _ in spans) < min(end for _, end in spans), "they overlapped"

    state = ReadingState.open(path)
    states = state.article_states(ROOT)
    assert len(states) == 400
    for name in ("left", "right"):
        for n in range(200):
            assert states[f"{name}-{n}"].position == ReadingPosition(offset=n)
    state.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
