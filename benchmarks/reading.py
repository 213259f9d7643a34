"""Reading benchmark: opening long and pathological articles, against Textual's Markdown widget.

What it measures
    For every input (real prose of 100 KiB, 1 MiB and 10 MiB, and a pathological set), in a
    fresh process each, the same three figures for two renderers:

    - **first screen**: from the open request to the first repaint that shows the article.
    - **G to the end**: from the same open request to the repaint that shows the article's
      last line, pressing G (end) every 10 ms until the view is at the bottom of the whole
      article (so it includes the time to parse and lay out all of it).
    - **worst stall**: the largest gap between ticks of a task that sleeps 5 ms at a time on
      the app's event loop, from the open request to the end of the case (the floor is 5 ms;
      a gap is time in which the app could not answer a key press or repaint).

    readingroom: the real app (``create_app``) on a library of two articles, the input
    (``case.md``) and a short ``start.md``. The app starts on ``start`` with a fresh
    ``READINGROOM_HOME`` (the catalog is built then, unmeasured); when it is idle, the clock
    starts and ``app.open_article("case")`` is called. First screen: the first time
    ``ArticleView`` has a layout with lines for ``case``, then ``call_after_refresh``. G: the
    ``G`` key through Pilot until ``view.complete``, no worker running, ``scroll_y ==
    max_scroll_y`` and the last laid-out line inside the pane, then ``call_after_refresh``.

    Textual's Markdown: an ``App`` with an empty ``VerticalScroll``; when it is idle, the clock
    starts and ``Markdown(text)`` is mounted in it. First screen: the first block widget
    mounted, then ``call_after_refresh``. G: ``scroll_end(animate=False, immediate=True)``
    every 10 ms until the widget has posted ``TableOfContentsUpdated`` (it does so once every
    block is mounted) and the scroll is at its end, then ``call_after_refresh``.

How
    Every case is a new ``sys.executable`` process running ``benchmarks/reading_child.py`` (so
    memory and time are isolated and a hung case can be killed); the child runs the app
    headless at 120x40 inside ``App.run_test``, on whose event loop the ticker and the key
    presses run, and prints its figures as they come. A case that passes its time limit is
    reported as ``timeout`` (with whatever it measured before). Runs go readingroom then
    Markdown for each input, once each; the inputs are written once, before the first run.

    The stock widget's cases over 1 MiB are skipped (reported as ``skipped``) once it has timed
    out on the 1 MiB prose, or when ``--stock-max-mib`` says so.

    ``--baseline SRC`` also runs readingroom from another source tree (``SRC`` is put first on
    ``PYTHONPATH``, e.g. ``git archive HEAD src | tar -x -C /tmp/base``, then ``/tmp/base/src``)
    in the same run, alternating with this tree, and prints a second table: baseline against
    this tree (``--source SRC`` measures another tree instead of the installed one, e.g. one
    change alone on top of the baseline). ``--repeat N`` runs each readingroom case N times
    (each in a fresh process) and reports the median of each figure.

Usage
    python benchmarks/reading.py [--only TEXT] [--timeout S] [--stock-timeout S]
                                 [--stock-max-mib N] [--renderer R] [--baseline SRC]
                                 [--repeat N]

Targets (readingroom): first screen of 1 MiB <= 150 ms, of 10 MiB <= 500 ms; worst stall
<= 50 ms on prose.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reading_inputs import MIB, Input, inputs, slug_for

CHILD = Path(__file__).resolve().parent / "reading_child.py"
TARGETS_FIRST_MS = {"prose 1 MiB": 150.0, "prose 10 MiB": 500.0}
TARGET_STALL_MS = 50.0
START_ARTICLE = "# Start\n\nA short article to start on.\n"
CASE_SLUG = "case"
GRACE_S = 15.0  # beyond a case's own limit: starting up, building the catalog, leaving


@dataclass
class Result:
    """What one renderer measured on one input (None: not reached)."""

    first_ms: float | None = None
    bottom_ms: float | None = None
    stall_ms: float | None = None
    timeout: bool = False
    frozen: bool = False  # killed while its event loop was frozen: stall_ms is a lower bound
    skipped: bool = False
    error: str | None = None
    wall_s: float = 0.0


@dataclass
class Row:
    """One input and both renderers' results."""

    name: str
    group: str
    size: int
    ours: Result = field(default_factory=Result)
    stock: Result = field(default_factory=Result)
    baseline: Result | None = None


def child_env(home: Path, pycache: Path, source: str | None = None) -> dict[str, str]:
    """A child's environment: its own READINGROOM_HOME, a shared private bytecode cache, and
    `source` (another tree's `src`) first on the import path when given."""
    env = dict(os.environ, READINGROOM_HOME=str(home), PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TEXTUAL", None)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    return env


def parse_output(text: str, result: Result) -> float | None:
    """Fill `result` from a child's JSON lines (a killed child's partial output too); return
    the wall-clock time of its last heartbeat."""
    alive = None
    for line in text.splitlines():
        try:
            values = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "first_screen_ms" in values:
            result.first_ms = values["first_screen_ms"]
        if "bottom_ms" in values:
            result.bottom_ms = values["bottom_ms"]
        if "stall_ms" in values:
            result.stall_ms = max(result.stall_ms or 0.0, values["stall_ms"])
        if values.get("timeout"):
            result.timeout = True
        if "alive" in values:
            alive = values["alive"]
    return alive


def run_child(args: list[str], env: dict[str, str], limit: float) -> Result:
    """Run one case in a fresh process; kill it `GRACE_S` after its own limit."""
    result = Result()
    started = time.perf_counter()
    command = [sys.executable, str(CHILD), *args, str(limit)]
    try:
        done = subprocess.run(
            command,
            env=env,
            cwd=tempfile.gettempdir(),
            capture_output=True,
            text=True,
            timeout=limit + GRACE_S,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout
        if isinstance(output, bytes):
            output = output.decode(errors="replace")
        alive = parse_output(output or "", result)
        result.timeout = True
        if alive is not None:
            # Killed with its loop frozen since the last heartbeat: a stall of at least that.
            frozen_ms = (time.time() - alive) * 1000
            if frozen_ms > (result.stall_ms or 0.0):
                result.stall_ms = round(frozen_ms, 1)
                result.frozen = True
    else:
        parse_output(done.stdout, result)
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            result.error = tail[0][:200]
    result.wall_s = time.perf_counter() - started
    return result


def median_result(results: list[Result]) -> Result:
    """The median of each figure over repeated runs of one case (None counts as not reached:
    a figure is given only when every run reached it)."""
    if len(results) == 1:
        return results[0]

    def middle(values: list[float | None]) -> float | None:
        if any(value is None for value in values):
            return None
        return round(statistics.median(value for value in values if value is not None), 1)

    return Result(
        first_ms=middle([result.first_ms for result in results]),
        bottom_ms=middle([result.bottom_ms for result in results]),
        stall_ms=middle([result.stall_ms for result in results]),
        timeout=any(result.timeout for result in results),
        frozen=any(result.frozen for result in results),
        error=next((result.error for result in results if result.error), None),
        wall_s=sum(result.wall_s for result in results),
    )


def spread(results: list[Result], name: str) -> str:
    """Every run's value of one figure, for the log."""
    values = [getattr(result, name) for result in results]
    return "/".join("-" if value is None else f"{value:.0f}" for value in values)


def write_case(scratch: Path, item: Input) -> tuple[Path, int]:
    """The input as `case.md` in a library of its own, beside `start.md`."""
    root = scratch / "libraries" / slug_for(item.name)
    root.mkdir(parents=True)
    data = item.build().encode("utf-8")
    (root / f"{CASE_SLUG}.md").write_bytes(data)
    (root / "start.md").write_text(START_ARTICLE, encoding="utf-8")
    return root, len(data)


def fmt_ms(value: float | None, result: Result, *, stall: bool = False) -> str:
    if result.skipped:
        return "skipped"
    if value is None:
        if result.error:
            return "error"
        return "timeout" if result.timeout else "-"
    return f"{'>' if stall and result.frozen else ''}{value:,.0f}"


def ratio(ours: float | None, stock: float | None) -> str:
    if ours is None or stock is None or ours <= 0:
        return ""
    return f"{stock / ours:,.1f}x"


def size_label(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size} B"


def table(rows: list[Row]) -> str:
    """A Markdown table: both renderers side by side, stock/readingroom ratios."""
    header = (
        "| input | size | first screen ms (rr / stock) | x | G to the end ms (rr / stock) | x "
        "| worst stall ms (rr / stock) | x |"
    )
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        ours, stock = row.ours, row.stock
        lines.append(
            f"| {row.name} | {size_label(row.size)} "
            f"| {fmt_ms(ours.first_ms, ours)} / {fmt_ms(stock.first_ms, stock)} "
            f"| {ratio(ours.first_ms, stock.first_ms)} "
            f"| {fmt_ms(ours.bottom_ms, ours)} / {fmt_ms(stock.bottom_ms, stock)} "
            f"| {ratio(ours.bottom_ms, stock.bottom_ms)} "
            f"| {fmt_ms(ours.stall_ms, ours, stall=True)} / "
            f"{fmt_ms(stock.stall_ms, stock, stall=True)} "
            f"| {ratio(ours.stall_ms, stock.stall_ms)} |"
        )
    lines += [
        "",
        "timeout: the case passed its limit before that point; >N: the process was killed with "
        "its event loop frozen for at least N ms; skipped: not run (see --stock-max-mib).",
    ]
    return "\n".join(lines)


def baseline_table(rows: list[Row]) -> str:
    """readingroom from the baseline tree against this tree; x = baseline / this tree."""
    lines = [
        "| input | first screen ms (base / now) | x | G to the end ms (base / now) | x "
        "| worst stall ms (base / now) | x |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        base, ours = row.baseline, row.ours
        if base is None or ours.skipped:
            continue
        lines.append(
            f"| {row.name} "
            f"| {fmt_ms(base.first_ms, base)} / {fmt_ms(ours.first_ms, ours)} "
            f"| {ratio(ours.first_ms, base.first_ms)} "
            f"| {fmt_ms(base.bottom_ms, base)} / {fmt_ms(ours.bottom_ms, ours)} "
            f"| {ratio(ours.bottom_ms, base.bottom_ms)} "
            f"| {fmt_ms(base.stall_ms, base, stall=True)} / "
            f"{fmt_ms(ours.stall_ms, ours, stall=True)} "
            f"| {ratio(ours.stall_ms, base.stall_ms)} |"
        )
    return "\n".join(lines)


def verdicts(rows: list[Row]) -> list[str]:
    """readingroom against the targets."""
    out = []
    for row in rows:
        if row.ours.skipped:
            continue
        target = TARGETS_FIRST_MS.get(row.name)
        if target is not None:
            value = row.ours.first_ms
            ok = value is not None and value <= target
            shown = "timeout" if value is None else f"{value:,.0f} ms"
            out.append(
                f"{'PASS' if ok else 'FAIL'} first screen of {row.name}: {shown} "
                f"(target <= {target:.0f})"
            )
        if row.group == "prose":
            stall = row.ours.stall_ms
            ok = stall is not None and stall <= TARGET_STALL_MS
            shown = "n/a" if stall is None else f"{stall:,.0f} ms"
            out.append(
                f"{'PASS' if ok else 'FAIL'} worst stall on {row.name}: {shown} "
                f"(target <= {TARGET_STALL_MS:.0f})"
            )
    return out


def errors(rows: list[Row]) -> list[str]:
    out = []
    for row in rows:
        for label, result in (("readingroom", row.ours), ("stock", row.stock)):
            if result.error:
                out.append(f"{row.name} ({label}): {result.error}")
    return out


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "n/a"


def measure(args: argparse.Namespace) -> list[Row]:
    wanted = (args.only or "").lower()
    chosen = [item for item in inputs() if wanted in item.name.lower() or wanted == item.group]
    if not chosen:
        raise SystemExit(f"reading.py: no input's name has {args.only!r}, and no group is it")
    rows: list[Row] = []
    stock_gave_up = False
    with tempfile.TemporaryDirectory(prefix="readingroom-reading-") as scratch_dir:
        scratch = Path(scratch_dir)
        pycache = scratch / "pycache"
        cases = []
        for item in chosen:
            root, size = write_case(scratch, item)
            cases.append((item, root, size))
        # Unmeasured warm-up: bytecode cache and page cache for both children.
        warm = scratch / "libraries" / "warm-up"
        warm.mkdir(parents=True)
        (warm / f"{CASE_SLUG}.md").write_text("# Warm\n\nUp.\n", encoding="utf-8")
        (warm / "start.md").write_text(START_ARTICLE, encoding="utf-8")
        run_child(
            ["readingroom", str(warm), CASE_SLUG],
            child_env(scratch / "h0", pycache, args.source),
            30,
        )
        if args.baseline:
            run_child(
                ["readingroom", str(warm), CASE_SLUG],
                child_env(scratch / "h1", pycache, args.baseline),
                30,
            )
        run_child(["stock", str(warm / f"{CASE_SLUG}.md")], child_env(scratch / "h0", pycache), 30)
        for number, (item, root, size) in enumerate(cases):
            row = Row(item.name, item.group, size)
            home = scratch / f"home-{number}"
            limit = args.timeout if item.group == "prose" else args.pathological_timeout
            if args.renderer == "stock":
                row.ours = Result(skipped=True)
            else:
                ours: list[Result] = []
                base: list[Result] = []
                for repeat in range(args.repeat):
                    if args.baseline:
                        base.append(
                            run_child(
                                ["readingroom", str(root), CASE_SLUG],
                                child_env(
                                    scratch / f"base-{number}-{repeat}", pycache, args.baseline
                                ),
                                limit,
                            )
                        )
                    ours.append(
                        run_child(
                            ["readingroom", str(root), CASE_SLUG],
                            child_env(scratch / f"home-{number}-{repeat}", pycache, args.source),
                            limit,
                        )
                    )
                row.ours = median_result(ours)
                if base:
                    row.baseline = median_result(base)
                    print(
                        f"  {item.name}: first {spread(base, 'first_ms')} -> "
                        f"{spread(ours, 'first_ms')}, stall {spread(base, 'stall_ms')} -> "
                        f"{spread(ours, 'stall_ms')} ms (baseline -> now)",
                        file=sys.stderr,
                        flush=True,
                    )
            too_big = size > args.stock_max_mib * MIB
            if args.renderer == "readingroom" or too_big or (size > MIB and stock_gave_up):
                row.stock = Result(skipped=True)
            else:
                row.stock = run_child(
                    ["stock", str(root / f"{CASE_SLUG}.md")],
                    child_env(home, pycache),
                    args.stock_timeout if item.group == "prose" else args.pathological_timeout,
                )
                if item.name == "prose 1 MiB" and row.stock.bottom_ms is None:
                    stock_gave_up = True
            rows.append(row)
            print(
                f"  {item.name}: readingroom "
                f"{'skipped' if row.ours.skipped else f'{row.ours.wall_s:.1f} s'}, "
                f"stock {'skipped' if row.stock.skipped else f'{row.stock.wall_s:.1f} s'}",
                file=sys.stderr,
                flush=True,
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="only the inputs whose name has TEXT, or of the group TEXT (prose, pathological)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="readingroom's limit per prose input (default 30)",
    )
    parser.add_argument(
        "--pathological-timeout",
        type=float,
        default=20.0,
        metavar="S",
        help="both renderers' limit per pathological input (default 20)",
    )
    parser.add_argument(
        "--stock-timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="the Markdown widget's limit per prose input (default 60)",
    )
    parser.add_argument(
        "--stock-max-mib",
        type=float,
        default=12.0,
        metavar="N",
        help="skip the Markdown widget on inputs over N MiB (default 12: all but backticks)",
    )
    parser.add_argument(
        "--renderer",
        choices=("both", "readingroom", "stock"),
        default="both",
        help="measure both (default) or only one",
    )
    parser.add_argument(
        "--baseline",
        metavar="SRC",
        help="also run readingroom from this source tree (put first on PYTHONPATH)",
    )
    parser.add_argument(
        "--source",
        metavar="SRC",
        help="run readingroom from this source tree instead of the installed one",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="run each readingroom case N times and report medians (default 1)",
    )
    args = parser.parse_args(argv)
    load_before = load_average()
    started = time.perf_counter()
    rows = measure(args)
    elapsed = time.perf_counter() - started
    print(
        "Reading: open request to first screen, to the last line after G, and the worst "
        "event-loop stall (headless 120x40, one fresh process per case)"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Textual {importlib.metadata.version('textual')}, markdown-it-py "
        f"{importlib.metadata.version('markdown-it-py')}, load average {load_before} before, "
        f"{load_average()} after; {elapsed:.0f} s in all"
    )
    print(
        f"limits: readingroom {args.timeout:g} s, Markdown widget {args.stock_timeout:g} s "
        "per case; x = Markdown widget / readingroom"
    )
    print()
    print(table(rows))
    print()
    if args.baseline:
        print(f"readingroom: baseline ({args.baseline}) against this tree, x = baseline / now")
        print()
        print(baseline_table(rows))
        print()
    for line in verdicts(rows):
        print(line)
    problems = errors(rows)
    if problems:
        print()
        print("errors:")
        for line in problems:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
