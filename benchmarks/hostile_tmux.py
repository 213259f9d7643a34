"""The reader in a real terminal (tmux) on the hostile library: does any payload get through?

What it does
    Builds the hostile library of tests/hostile/library.py twice, in temporary folders: as it
    is, and clean (the same files and names with every control character, bidi control and
    YAML escape removed). For each, it starts ``readingroom --library X --no-restore`` in a
    tmux server of its own (``tmux -L hostile-<pid>-<variant> -f /dev/null``, 120x40, a fresh
    ``READINGROOM_HOME``; stderr is left alone, Textual draws on it) and records everything the
    reader writes to its terminal with ``pipe-pane -o 'cat >> FILE'``. It then browses: for
    every article in the sidebar it puts the focus on the sidebar, goes to the article (home,
    then down N times), opens it with enter, scrolls down and back up, shows the link hints
    with ``f`` and follows the first one when there is any (closing a confirmation with escape),
    goes back with backspace; finally it quits with ``q``.

What it checks
    Both recordings are cut into escape sequences (CSI, OSC, DCS and the other string
    sequences, two-byte ESC sequences) and raw C1 characters. A payload got through when the
    hostile recording holds a sequence of an injected kind that the clean one does not:
    OSC 52 (clipboard), OSC 0/1/2 (window title), OSC 8 (hyperlink) to the injected URL,
    ``ESC c`` (reset), DCS, any sequence carrying one of the injected marker strings, a raw
    C1 character, or more ``CSI 2J`` (erase screen) than the clean run. It prints PASS or FAIL
    with the offending sequences, and exits 1 on FAIL (2 when tmux is missing or the reader
    never came up).

    python benchmarks/hostile_tmux.py [--articles N] [--keep]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.hostile.library import (  # noqa: E402  (the project root is put on the path above)
    INJECTED_MARKERS,
    OSC8_URL,
    build_library,
    make_removable,
)

SIZE = (120, 40)
START_TIMEOUT = 90.0
SIDEBAR_COLUMNS = slice(28, 40)  # where the sidebar's right edge is drawn at 120 columns
SIDEBAR_EDGE = "▎"
ESCAPE_PAUSE = 0.25  # an escape followed at once by a key reads as alt+key

# Escape sequences as ECMA-48 defines them, on text decoded with surrogateescape.
SEQUENCE_RE = re.compile(
    r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, ended by BEL or ST
    r"|\x1b[P_^X][^\x1b]*\x1b\\"  # DCS, APC, PM, SOS
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"  # two-byte (and nF) sequences: ESC c, ESC 7, ESC =
    r"|[\x80-\x9f]"  # C1 controls, as characters (UTF-8 encoded)
    r"|[\udc80-\udc9f]",  # C1 controls as raw bytes (not valid UTF-8)
    re.DOTALL,
)


@dataclass
class Recording:
    """What the reader wrote to its terminal on one library."""

    variant: str
    data: bytes = b""
    articles: int = 0
    followed: int = 0
    startup: float = 0.0
    sequences: Counter[str] = field(default_factory=Counter)


def sequences_of(data: bytes) -> Counter[str]:
    """Every escape sequence and C1 character in a recording, with how often it occurs."""
    text = data.decode("utf-8", errors="surrogateescape")
    return Counter(match.group() for match in SEQUENCE_RE.finditer(text))


def injected(sequence: str) -> str | None:
    """Why a sequence looks like one of the payloads (None when it does not)."""
    if sequence.startswith("\x1b]52;"):
        return "OSC 52 (clipboard)"
    if re.match(r"\x1b\][012];", sequence):
        return "OSC 0/1/2 (window title)"
    if sequence.startswith("\x1b]8;") and OSC8_URL in sequence:
        return "OSC 8 (hyperlink to the injected URL)"
    if sequence == "\x1bc":
        return "ESC c (terminal reset)"
    if sequence.startswith("\x1bP"):
        return "DCS"
    if len(sequence) == 1:
        return "raw C1 control"
    if any(marker in sequence for marker in INJECTED_MARKERS):
        return "carries an injected marker"
    return None


class Tmux:
    """A private tmux server running one command in a 120x40 window."""

    def __init__(self, name: str) -> None:
        self.socket = name

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: str, environment: dict[str, str]) -> None:
        extra = [arg for key, value in environment.items() for arg in ("-e", f"{key}={value}")]
        width, height = SIZE
        self.run("new-session", "-d", "-s", "reader", "-x", str(width), "-y", str(height),
                 *extra, command)  # fmt: skip

    def keys(self, *keys: str, repeat: int = 1) -> None:
        if repeat > 1:
            self.run("send-keys", "-t", "reader", "-N", str(repeat), *keys)
        elif keys:
            self.run("send-keys", "-t", "reader", *keys)

    def screen(self) -> list[str]:
        return self.run("capture-pane", "-t", "reader", "-p", check=False).split("\n")

    def alive(self) -> bool:
        command = ["tmux", "-L", self.socket, "-f", "/dev/null", "has-session", "-t", "reader"]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0

    def kill(self) -> None:
        self.run("kill-server", check=False)


def _sidebar_shown(screen: list[str]) -> bool:
    rows = [line for line in screen[:-2] if line]
    edges = sum(SIDEBAR_EDGE in line[SIDEBAR_COLUMNS] for line in rows)
    return edges > len(rows) // 2


def _wait(condition: object, timeout: float, step: float = 0.1) -> bool:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _focus_sidebar(tmux: Tmux) -> None:
    """Escape whatever is open, then show the sidebar with the focus on it (`a` toggles it:
    when it is shown, hide it first so that showing it again focuses it)."""
    tmux.keys("Escape")
    time.sleep(ESCAPE_PAUSE)
    tmux.keys("Escape")
    time.sleep(ESCAPE_PAUSE)
    if _sidebar_shown(tmux.screen()):
        tmux.keys("a", "a")
    else:
        tmux.keys("a")
    time.sleep(0.2)


def browse(
    variant: str, root: Path, home: Path, record: Path, articles: int, delay: float
) -> Recording:
    """Run the reader on `root` in tmux, browse it, quit; return the recording."""
    tmux = Tmux(f"hostile-{os.getpid()}-{variant}")
    recording = Recording(variant)
    reader = shlex.join(
        [sys.executable, "-m", "readingroom", "--library", str(root), "--no-restore"]
    )
    environment = {"READINGROOM_HOME": str(home), "PYTHONPATH": str(PROJECT / "src")}
    try:
        tmux.start(f"sleep 0.5; exec {reader}", environment)
        tmux.run("pipe-pane", "-t", "reader", "-o", f"cat >> {shlex.quote(str(record))}")
        launched = time.monotonic()
        if not _wait(lambda: any("▶" in line for line in tmux.screen()), START_TIMEOUT, 0.25):
            raise RuntimeError(f"{variant}: the reader did not show its articles:\n"
                               + "\n".join(tmux.screen()))  # fmt: skip
        recording.startup = time.monotonic() - launched
        for index in range(articles):
            _focus_sidebar(tmux)
            tmux.keys("Home")
            tmux.keys("Down", repeat=index)
            tmux.keys("Enter")
            time.sleep(delay)
            tmux.keys("j", "j", "j", "space")
            time.sleep(delay / 2)
            tmux.keys("g", "f")
            time.sleep(delay / 2)
            if not any("No links on screen" in line for line in tmux.screen()):
                tmux.keys("a")  # the first hint label
                recording.followed += 1
                time.sleep(delay)
                tmux.keys("Escape")  # closes the external-link question, if it was asked
                time.sleep(ESCAPE_PAUSE)
                tmux.keys("BSpace")
                time.sleep(delay / 2)
            recording.articles += 1
        tmux.keys("Escape")
        time.sleep(ESCAPE_PAUSE)
        tmux.keys("q")
        _wait(lambda: not tmux.alive(), 10)
    finally:
        tmux.kill()
    recording.data = record.read_bytes() if record.exists() else b""
    recording.sequences = sequences_of(recording.data)
    return recording


def _article_count(root: Path, home: Path) -> int:
    environment = {**os.environ, "READINGROOM_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "readingroom", "list", "--library", str(root)],
        capture_output=True, check=True, env=environment,
    )  # fmt: skip
    return len(result.stdout.splitlines())


def compare(hostile: Recording, clean: Recording) -> list[tuple[str, str, int]]:
    """(why, sequence, count) for every payload-like sequence of the hostile run alone."""
    found = []
    for sequence, count in hostile.sequences.items():
        extra = count - clean.sequences.get(sequence, 0)
        if extra <= 0:
            continue
        why = injected(sequence)
        if why is None and sequence == "\x1b[2J":
            why = "more CSI 2J (erase screen) than the clean run"
        if why is not None:
            found.append((why, sequence, extra))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="browse only the first N")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds to let a view settle")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("SKIP: tmux is not installed")
        return 2
    work = Path(tempfile.mkdtemp(prefix="readingroom-hostile-tmux-"))
    started = time.monotonic()
    try:
        recordings = {}
        for variant, clean in (("clean", True), ("hostile", False)):
            folder = work / variant
            library = build_library(folder, clean=clean)
            home = folder / "home"
            home.mkdir()
            count = _article_count(library.root, home)
            articles = min(count, args.articles) if args.articles else count
            record = folder / "terminal.out"
            recordings[variant] = browse(variant, library.root, home, record, articles, args.delay)
        hostile, clean = recordings["hostile"], recordings["clean"]
        found = compare(hostile, clean)
        print(f"recorded: hostile {len(hostile.data):,} bytes, clean {len(clean.data):,} bytes")
        print(
            f"browsed {hostile.articles} articles (links followed: {hostile.followed}) "
            f"and {clean.articles} clean ones in {time.monotonic() - started:.0f} s"
        )
        print(f"reader up after: hostile {hostile.startup:.1f} s, clean {clean.startup:.1f} s")
        print(f"distinct sequences: hostile {len(hostile.sequences)}, clean {len(clean.sequences)}")
        others = sorted(set(hostile.sequences) - set(clean.sequences) - {s for _, s, _ in found})
        print(f"hostile-only sequences of no injected kind (colours, cursor moves): {len(others)}")
        if others:
            print("  for example: " + " ".join(repr(sequence) for sequence in others[:5]))
        if min(hostile.articles, clean.articles) == 0 or not hostile.data or not clean.data:
            print("FAIL: nothing was browsed or recorded")
            return 1
        shown = [marker for marker in INJECTED_MARKERS if marker.encode() in hostile.data]
        print(
            f"payload text drawn as visible text: {len(shown)} of {len(INJECTED_MARKERS)} markers"
        )
        if not shown:
            print("FAIL: no payload was ever on screen, so the run proves nothing")
            return 1
        if found:
            print(f"FAIL: {len(found)} injected sequences reached the terminal:")
            for why, sequence, extra in found:
                print(f"  {why}: {sequence!r} x{extra}")
            return 1
        print(
            "PASS: no OSC 52/0/2/8, ESC c, DCS, raw C1 or extra erase-screen from the hostile "
            f"library reached the terminal ({sum(hostile.sequences.values()):,} sequences checked)"
        )
        return 0
    except RuntimeError as error:
        print(f"FAIL: {error}")
        return 2
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            make_removable(work)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
