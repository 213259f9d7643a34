"""Startup benchmark: time from process start to a painted sidebar, against a bare Textual app.

What it measures
    The wall-clock time from just before a fresh Python process is spawned to the moment its
    app has painted its first useful screen:

    - readingroom: ``create_app(library)`` is run; the driver polls every 2 ms until the
      library worker has delivered (``app.library`` is set, and ``_library_ready`` has called
      ``LibrarySidebar.show_articles`` in the same step, so ``option_count > 0``), then asks
      for ``call_after_refresh``, which Textual runs once the screen has been repainted with
      nothing left dirty, and takes the timestamp there. (That idle point usually also
      follows the first article's layout and the footer's rebuilds, some 60-100 ms after the
      first frame that shows the filled sidebar.)
    - bare Textual: an ``App`` whose ``compose`` yields ``Static("hello")``; ``on_mount`` asks
      for ``call_after_refresh`` and the timestamp is taken there. This is the floor: the cost
      of starting Python, importing Textual and painting one screen.

    readingroom is measured in two cases: a cold catalog (a fresh, empty ``READINGROOM_HOME``
    every run, so every article's front matter is read and the SQLite catalog is written) and a
    warm catalog (one ``READINGROOM_HOME`` reused after an unmeasured warm-up run, so nothing
    is re-read).

How
    Every measurement is a new subprocess of ``sys.executable`` so that interpreter start-up
    and every import are counted. The parent reads ``time.time()`` just before spawning; the
    child stores ``time.time()`` when painted, exits its app and prints the stored value; the
    difference is the startup time. Both clocks are the same system wall clock.

    Apps run headless (``App.run(headless=True, size=(120, 40))``): there is no terminal in CI,
    and both apps are measured the same way, so the ratio compares like with like. Headless
    Textual still lays out and renders every frame through the compositor; only the write to
    the terminal is skipped.

    Bytecode is cached for both apps, as after a normal install: the children get a private
    ``PYTHONPYCACHEPREFIX`` in a temporary folder (so nothing is written into the source tree)
    and ``PYTHONDONTWRITEBYTECODE`` is dropped; otherwise an editable install run with that
    variable set would recompile readingroom's own modules on every start.

    Runs are interleaved (bare, cold, warm, bare, cold, warm, ...) so that machine noise hits
    every case alike, after one unmeasured warm-up of each child (bytecode cache, page cache).
    The table gives the median and the minimum of each case and the ratio of the medians,
    readingroom / bare.

Usage
    python benchmarks/startup.py [--library DIR] [--runs N]

The default library is the shipped ``articles/`` folder; the default is 7 runs.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIBRARY = REPO_ROOT / "articles"
DEFAULT_RUNS = 7
SIZE = (120, 40)
CHILD_TIMEOUT_S = 120.0

# The child prints one line: "<timestamp> <articles in the sidebar>".
READINGROOM_CHILD = textwrap.dedent(
    """
    import time
    import sys

    from readingroom.tui.app import create_app
    from readingroom.tui.widgets.library_sidebar import LibrarySidebar

    app = create_app(sys.argv[1])
    painted = []
    detected = []

    def done():
        painted.append((time.time(), app.query_one(LibrarySidebar).option_count))
        app.exit()

    def check():
        if app.library is None or detected:
            return
        detected.append(True)
        timer.stop()
        if app.query_one(LibrarySidebar).option_count == 0:
            app.exit()
        else:
            app.call_after_refresh(done)

    def start():
        global timer
        timer = app.set_interval(0.002, check)

    app.call_later(start)
    app.run(headless=True, size=(int(sys.argv[2]), int(sys.argv[3])))
    if not painted:
        sys.exit("readingroom: the sidebar stayed empty (no articles in the library?)")
    print(*painted[0])
    """
)

BARE_CHILD = textwrap.dedent(
    """
    import time
    import sys

    from textual.app import App
    from textual.widgets import Static

    painted = []

    class Bare(App):
        def compose(self):
            yield Static("hello")

        def on_mount(self):
            self.call_after_refresh(self.done)

        def done(self):
            painted.append(time.time())
            self.exit()

    Bare().run(headless=True, size=(int(sys.argv[1]), int(sys.argv[2])))
    print(painted[0], 1)
    """
)


@dataclass
class Case:
    """One measured configuration and its timings in milliseconds."""

    label: str
    times_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median of the runs."""
        return statistics.median(self.times_ms)

    @property
    def minimum(self) -> float:
        """Fastest run."""
        return min(self.times_ms)


def child_env(home: Path, pycache: Path) -> dict[str, str]:
    """The children's environment: their own READINGROOM_HOME and a private bytecode cache."""
    env = dict(os.environ, READINGROOM_HOME=str(home), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TEXTUAL", None)  # no devtools, no debug features
    return env


def run_child(code: str, args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Spawn one child; return (milliseconds from spawn to painted, articles listed)."""
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=tempfile.gettempdir(),  # -c puts the working folder on sys.path: keep it neutral
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"child failed ({result.returncode}):\n{result.stderr.strip()}")
    lines = result.stdout.strip().splitlines()
    try:
        stamp, count = lines[-1].split()
        return (float(stamp) - start) * 1000.0, int(count)
    except (IndexError, ValueError):
        raise SystemExit(f"child printed no timestamp:\n{result.stdout}\n{result.stderr}") from None


def measure(library: Path, runs: int) -> tuple[list[Case], int]:
    """Run every case `runs` times, interleaved; return the cases and the article count."""
    size = [str(SIZE[0]), str(SIZE[1])]
    bare = Case("bare Textual (one Static)")
    cold = Case("readingroom, cold catalog")
    warm = Case("readingroom, warm catalog")
    with tempfile.TemporaryDirectory(prefix="readingroom-bench-") as scratch_dir:
        scratch = Path(scratch_dir)
        pycache = scratch / "pycache"
        bare_env = child_env(scratch / "bare", pycache)
        warm_env = child_env(scratch / "warm", pycache)
        readingroom_args = [str(library), *size]
        # Unmeasured warm-up: bytecode cache, page cache, and the warm catalog itself.
        run_child(BARE_CHILD, size, bare_env)
        _, articles = run_child(READINGROOM_CHILD, readingroom_args, warm_env)
        for index in range(runs):
            bare.times_ms.append(run_child(BARE_CHILD, size, bare_env)[0])
            cold_home = scratch / f"cold-{index}"
            cold_env = child_env(cold_home, pycache)
            cold.times_ms.append(run_child(READINGROOM_CHILD, readingroom_args, cold_env)[0])
            shutil.rmtree(cold_home, ignore_errors=True)
            warm.times_ms.append(run_child(READINGROOM_CHILD, readingroom_args, warm_env)[0])
    return [bare, cold, warm], articles


def load_average() -> str:
    """The 1-minute load average (other work on the machine shows up in the figures)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "n/a"


def report(
    library: Path, runs: int, cases: list[Case], articles: int, loads: tuple[str, str]
) -> str:
    """The results as a small plain-text table."""
    bare = cases[0]
    textual_version = importlib.metadata.version("textual")
    lines = [
        "Startup: process start to painted sidebar "
        f"(headless {SIZE[0]}x{SIZE[1]}, {runs} run{'s' if runs != 1 else ''}, interleaved)",
        f"library: {library} ({articles} articles)",
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Textual {textual_version}, load average {loads[0]} before, {loads[1]} after",
        "",
        f"{'case':<28}{'median ms':>11}{'min ms':>9}{'x bare':>9}",
    ]
    for case in cases:
        ratio = case.median / bare.median
        lines.append(f"{case.label:<28}{case.median:>11.1f}{case.minimum:>9.1f}{ratio:>8.2f}x")
    cold, warm = cases[1], cases[2]
    lines += [
        "",
        f"ratio readingroom/bare (median): cold {cold.median / bare.median:.2f}x, "
        f"warm {warm.median / bare.median:.2f}x",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--library",
        type=Path,
        default=DEFAULT_LIBRARY,
        metavar="DIR",
        help=f"library folder to open (default: {DEFAULT_LIBRARY})",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"measured runs per case (default: {DEFAULT_RUNS})",
    )
    args = parser.parse_args(argv)
    library = args.library.resolve()
    if not library.is_dir():
        parser.error(f"library {library} is not a folder")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    load_before = load_average()
    cases, articles = measure(library, args.runs)
    print(report(library, args.runs, cases, articles, (load_before, load_average())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
