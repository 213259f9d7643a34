"""Scale benchmark: indexing, starting and searching a library of 30,000 articles.

The library
    Every shared corpus (the EIPs, the Go blog, the Foam docs, the Jekyll theme's docs) has
    its ``.md`` and ``.markdown`` files copied under ``copyN/<corpus>/``, as many copies as it
    takes to reach 30,000 files (22 copies, 30,998 files). It is built once in a cache folder
    (default ``/tmp/readingroom-scale-30k``) and reused while it holds the right number of
    files. Every copy keeps its own slugs (``copy3/eips/eip-1559``), so every word is in at
    least 22 documents: a harsher case for the full-text index than a real library that size.

What it measures
    - **cold index**: ``readingroom index --library DIR`` in a fresh process with a fresh, empty
      ``READINGROOM_HOME`` (stdin from /dev/null, stderr not a terminal, so no progress bar):
      scan, read every file, write the catalog, its full-text index and the related edges.
      Wall time from spawn to exit, and articles per second.
    - **warm start**: process start to a painted sidebar on the 30,000 articles with the
      catalog that cold index left (warm), next to the bare-Textual floor, with the children of
      ``benchmarks/startup.py`` (same driver, headless 120x40, interleaved, medians).
    - **queries**: 50 fixed queries (words, phrases, prefixes as typed, excluded words,
      ``tag:``, ``after:``/``before:``) through ``parse_query`` + ``Catalog.search`` (limit 50,
      as the search screen asks) in this process on the warm catalog: one unmeasured pass,
      then ``--query-passes`` passes; each query's time is its median over the passes, and the
      table gives the median and the 95th percentile (nearest rank) over the 50 queries.
      Also the same queries the way the search screen's worker runs them (a new ``Catalog``
      opened and closed around every search).
    - **peak RSS** of the cold index process and of the warm app process, two ways:
      ``ru_maxrss`` of each child, read with ``os.wait4`` (what
      ``getrusage(RUSAGE_CHILDREN)`` reports, but per child: the largest *single* process of
      the child's tree), and the largest *sum* over the child and its descendants (worker
      processes), sampled from ``/proc`` every 20 ms (Linux only; short peaks can be missed).
    - **search process**: ``readingroom search goroutine --library DIR`` against
      ``readingroom --version``, wall time, median of ``--cli-runs`` each, interleaved, after
      one unmeasured run of each.

Every child is a new process of ``sys.executable`` with a private ``PYTHONPYCACHEPREFIX``
(bytecode cached, as after an install). With ``--importtime``, or when the search process
misses its target, ``python -X importtime -m readingroom search x`` is run once and its
slowest imports (cumulative) are printed.

Targets (printed with PASS/MISS): cold index >= 1,000 articles/s on 2 cores; warm start <=
1.5 x floor + 0.5 s; queries <= 30 ms at p95; ``readingroom search`` <= 1.5 x
``readingroom --version`` + 0.3 s; peak RSS <= 200 MB.

Usage
    python benchmarks/scale.py [--cache DIR] [--runs N] [--cli-runs N] [--importtime]
                               [--baseline SRC]  # also start SRC's readingroom in each round
                                                 # (on a catalog its own `index` made)

About 2-3 minutes on 2 cores once the library exists (building it adds under a minute).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readingroom.core.query import parse_query
from readingroom.store.catalog import Catalog
from startup import BARE_CHILD, READINGROOM_CHILD, SIZE, child_env

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPORA = REPO_ROOT.parent / "shared" / "corpora"
CORPUS_FOLDERS = {
    "go-blog": CORPORA / "go-blog" / "_content" / "blog",
    "eips": CORPORA / "eips" / "EIPS",
    "foam-docs": CORPORA / "foam-docs" / "docs",
    "jekyll": CORPORA / "jekyll-basically-basic" / "docs",
}
TARGET_FILES = 30_000
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "readingroom-scale-30k"
MARKDOWN = (".md", ".markdown")
SEARCH_LIMIT = 50  # what the search screen asks for (tui.library_dialogs.SEARCH_LIMIT)
CLI_QUERY = "goroutine"
CHILD_TIMEOUT_S = 600.0
MB = 1024 * 1024

QUERIES = (
    # words
    "goroutine",
    "ethereum",
    "concurrency",
    "interface",
    "transaction",
    "signature",
    "backlinks",
    "template",
    "garbage collector",
    "gas refund",
    "error handling",
    "module proxy",
    "generics type parameters",
    "wikilink graph",
    # phrases
    '"type parameters"',
    '"smart contract"',
    '"front matter"',
    '"garbage collection"',
    '"the go programming language"',
    '"block header"',
    # prefixes, as typed (the last word is a prefix unless the text ends with a space)
    "g",
    "go",
    "gor",
    "goro",
    "e",
    "eth",
    "trans",
    "con",
    "fuzz",
    "context canc",
    # excluded words
    "goroutine -channel",
    "ethereum -gas",
    'error -"error handling"',
    # tags and dates
    "tag:concurrency",
    "tag:community",
    "tag:generics",
    "tag:survey go",
    "-tag:community release",
    "after:2020",
    "after:2023-06 generics",
    "before:2012 gopher",
    "after:2015 before:2018",
    "go after:2019-01-01",
    # operators and odd input typed literally
    "NEAR(go rust)",
    "title:go",
    "go*",
    "a OR b",
    '"unclosed phrase',
    "the",
    "and of to",
)


@dataclass
class ChildResult:
    """A finished child: wall time, peak resident sets, output."""

    seconds: float
    max_rss_bytes: int
    """ru_maxrss: the largest single process (the child or one of its own children)."""
    tree_rss_bytes: int
    """The largest sum over the child and its descendants, sampled from /proc (0 if none)."""
    stdout: str
    stderr: str


def process_tree(pid: int) -> list[int]:
    """`pid` and every descendant, from /proc (Linux); [] when it is gone."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
            except OSError:
                continue
    return found


def resident_bytes(pid: int) -> int:
    """VmRSS of one process, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the resident set of a process and its descendants every 20 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            total = sum(resident_bytes(pid) for pid in process_tree(self.pid))
            self.peak = max(self.peak, total)


@dataclass
class Figures:
    """Everything measured."""

    articles: int = 0
    cold_s: list[float] = field(default_factory=list)
    cold_rss: list[int] = field(default_factory=list)
    cold_tree_rss: list[int] = field(default_factory=list)
    bare_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    warm_rss: list[int] = field(default_factory=list)
    warm_tree_rss: list[int] = field(default_factory=list)
    baseline_ms: list[float] = field(default_factory=list)  # --baseline's warm starts
    sidebar: int = 0
    query_ms: dict[str, float] = field(default_factory=dict)
    query_hits: dict[str, int] = field(default_factory=dict)
    screen_query_ms: dict[str, float] = field(default_factory=dict)
    search_ms: list[float] = field(default_factory=list)
    version_ms: list[float] = field(default_factory=list)
    search_hits: int = 0
    importtime: list[tuple[int, int, str]] = field(default_factory=list)


# -- the library ------------------------------------------------------------------------------


def markdown_files(folder: Path) -> list[Path]:
    """Every Markdown file under `folder`, sorted."""
    return sorted(path for path in folder.rglob("*") if path.suffix in MARKDOWN)


def prepare_library(cache: Path) -> tuple[Path, int]:
    """The copies under `cache`, built (or rebuilt) unless they hold the expected count."""
    sources = {name: markdown_files(folder) for name, folder in CORPUS_FOLDERS.items()}
    per_copy = sum(len(files) for files in sources.values())
    copies = math.ceil(TARGET_FILES / per_copy)
    expected = per_copy * copies
    marker = cache / ".complete"
    if marker.exists() and marker.read_text().strip() == str(expected):
        return cache, expected
    print(f"building {expected:,} files in {cache} (once)...", file=sys.stderr)
    started = time.perf_counter()
    if cache.exists():
        shutil.rmtree(cache)
    for number in range(copies):
        for name, files in sources.items():
            origin = CORPUS_FOLDERS[name]
            for source in files:
                target = cache / f"copy{number}" / name / source.relative_to(origin)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    found = len(markdown_files(cache))
    if found != expected:
        raise SystemExit(f"scale.py: built {found} files in {cache}, expected {expected}")
    marker.write_text(f"{expected}\n")
    print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return cache, expected


# -- children ---------------------------------------------------------------------------------


def run_child(args: list[str], env: dict[str, str]) -> ChildResult:
    """Run `sys.executable ARGS`; its wall time from just before the spawn, and its peak RSS
    (from `os.wait4`, so only this child counts)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.time()
        process = subprocess.Popen(
            [sys.executable, *args],
            env=env,
            cwd=tempfile.gettempdir(),  # -c puts the working folder on sys.path: keep it neutral
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        timer = threading.Timer(CHILD_TIMEOUT_S, process.kill)
        timer.start()
        sampler = TreeSampler(process.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            sampler.done.set()
            sampler.join()
        seconds = time.time() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = ChildResult(seconds, usage.ru_maxrss * 1024, sampler.peak, out.read(), err.read())
    if process.returncode != 0:
        raise SystemExit(
            f"scale.py: {' '.join(args[:3])} failed ({process.returncode}):\n{result.stderr}"
        )
    return result


def painted_ms(result: ChildResult, start_offset: float) -> tuple[float, int]:
    """Milliseconds from spawn to painted, and articles listed, from a startup child's line."""
    try:
        stamp, count = result.stdout.strip().splitlines()[-1].split()
    except (IndexError, ValueError):
        raise SystemExit(f"scale.py: child printed no timestamp:\n{result.stdout}") from None
    return (float(stamp) - start_offset) * 1000.0, int(count)


def startup_child(
    code: str, args: list[str], env: dict[str, str]
) -> tuple[float, int, ChildResult]:
    """(ms from spawn to painted, articles in the sidebar, the finished child)."""
    start = time.time()
    result = run_child(["-c", code, *args], env)
    ms, count = painted_ms(result, start)
    return ms, count, result


# -- measures ---------------------------------------------------------------------------------


def measure_cold(library: Path, scratch: Path, pycache: Path, runs: int, figures: Figures) -> Path:
    """Cold `readingroom index`, `runs` times in fresh homes; return the last (warm) home."""
    warm_up = child_env(scratch / "home-warm-up", pycache)  # bytecode cache, unmeasured
    run_child(["-m", "readingroom", "index", "--library", str(REPO_ROOT / "articles")], warm_up)
    home = scratch / "home-0"
    for run in range(runs):
        home = scratch / f"home-{run}"
        env = child_env(home, pycache)
        result = run_child(["-m", "readingroom", "index", "--library", str(library)], env)
        if result.stdout:
            raise SystemExit(f"scale.py: index printed to stdout: {result.stdout[:200]!r}")
        figures.cold_s.append(result.seconds)
        figures.cold_rss.append(result.max_rss_bytes)
        figures.cold_tree_rss.append(result.tree_rss_bytes)
        print(f"  cold index: {result.seconds:.1f} s", file=sys.stderr)
        if run < runs - 1:
            shutil.rmtree(home)
    return home


def measure_warm(
    library: Path,
    home: Path,
    pycache: Path,
    runs: int,
    figures: Figures,
    baseline: Path | None = None,
) -> None:
    """Warm start to a painted sidebar against the bare-Textual floor, interleaved (and,
    with `baseline`, a readingroom run from that source tree in the same rounds)."""
    size = [str(SIZE[0]), str(SIZE[1])]
    env = child_env(home, pycache)
    bare_env = child_env(home.with_name("bare-home"), pycache)
    app_args = [str(library), *size]
    base_env = None
    if baseline is not None:
        # A catalog of its own, made by its own `index` (unmeasured): releases may differ in
        # catalog schema, and one would rebuild the other's on every start.
        base_env = child_env(home.with_name("baseline-home"), pycache)
        base_env["PYTHONPATH"] = str(baseline)
        run_child(["-m", "readingroom", "index", "--library", str(library)], base_env)
    startup_child(BARE_CHILD, size, bare_env)  # unmeasured warm-up of each
    _, figures.sidebar, _ = startup_child(READINGROOM_CHILD, app_args, env)
    if base_env is not None:
        startup_child(READINGROOM_CHILD, app_args, base_env)
    for _ in range(runs):
        figures.bare_ms.append(startup_child(BARE_CHILD, size, bare_env)[0])
        if base_env is not None:
            figures.baseline_ms.append(startup_child(READINGROOM_CHILD, app_args, base_env)[0])
        ms, count, child = startup_child(READINGROOM_CHILD, app_args, env)
        figures.warm_ms.append(ms)
        figures.warm_rss.append(child.max_rss_bytes)
        figures.warm_tree_rss.append(child.tree_rss_bytes)
        figures.sidebar = count
    print(f"  warm start: {statistics.median(figures.warm_ms):.0f} ms", file=sys.stderr)


def timed_ms(action: Callable[[], object]) -> float:
    """Milliseconds `action` takes."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000.0


def measure_queries(library: Path, home: Path, passes: int, figures: Figures) -> None:
    """The fixed queries through parse_query + Catalog.search on the warm catalog."""
    catalog_file = home / "cache" / "catalog.sqlite3"
    root = str(library)
    catalog = Catalog(catalog_file)
    try:
        for text in QUERIES:  # warm-up: page cache, statements
            figures.query_hits[text] = len(catalog.search(root, parse_query(text), SEARCH_LIMIT))
        samples: dict[str, list[float]] = {text: [] for text in QUERIES}
        for _ in range(passes):
            for text in QUERIES:
                samples[text].append(
                    timed_ms(lambda t=text: catalog.search(root, parse_query(t), SEARCH_LIMIT))  # type: ignore[misc]
                )
    finally:
        catalog.close()
    figures.query_ms = {text: statistics.median(times) for text, times in samples.items()}

    def as_the_screen_does(text: str) -> None:
        screen_catalog = Catalog(catalog_file)
        try:
            screen_catalog.search(root, parse_query(text), SEARCH_LIMIT)
        finally:
            screen_catalog.close()

    screen: dict[str, list[float]] = {text: [] for text in QUERIES}
    for _ in range(passes):
        for text in QUERIES:
            screen[text].append(timed_ms(lambda t=text: as_the_screen_does(t)))  # type: ignore[misc]
    figures.screen_query_ms = {text: statistics.median(times) for text, times in screen.items()}


def measure_cli(library: Path, home: Path, pycache: Path, runs: int, figures: Figures) -> None:
    """`readingroom search` against `readingroom --version`, interleaved."""
    env = child_env(home, pycache)
    search = ["-m", "readingroom", "search", CLI_QUERY, "--library", str(library)]
    version = ["-m", "readingroom", "--version"]
    run_child(version, env)
    figures.search_hits = len(run_child(search, env).stdout.splitlines())
    for _ in range(runs):
        figures.version_ms.append(run_child(version, env).seconds * 1000.0)
        figures.search_ms.append(run_child(search, env).seconds * 1000.0)


def measure_importtime(library: Path, home: Path, pycache: Path, figures: Figures) -> None:
    """`python -X importtime -m readingroom search x`: the slowest imports, cumulative."""
    env = child_env(home, pycache)
    args = ["-X", "importtime", "-m", "readingroom", "search", "x", "--library", str(library)]
    result = run_child(args, env)
    rows: list[tuple[int, int, str]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        rows.append((int(cumulative), int(own), name))
    figures.importtime = sorted(rows, reverse=True)[:15]


# -- report -----------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def load_average() -> str:
    """The 1-minute load average."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "n/a"


def commit() -> str:
    """The short commit, with `+dirty` when src/ has changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+dirty" if dirty else head


def baseline_rows(figures: Figures, args: argparse.Namespace) -> list[str]:
    """The --baseline tree's warm start and the ratio, when it was measured."""
    if not figures.baseline_ms:
        return []
    base = statistics.median(figures.baseline_ms)
    ratio = statistics.median(figures.warm_ms) / base
    return [
        f"| warm start of --baseline {args.baseline} | {base:,.0f} ms "
        f"(min {min(figures.baseline_ms):,.0f}) | this tree: {ratio:.2f}x | |"
    ]


def report(
    figures: Figures, library: Path, args: argparse.Namespace, loads: tuple[str, str]
) -> str:
    """The figures and targets as Markdown tables."""
    cold_s = statistics.median(figures.cold_s)
    rate = figures.articles / cold_s
    bare = statistics.median(figures.bare_ms)
    warm = statistics.median(figures.warm_ms)
    warm_limit = 1.5 * bare + 500.0
    query_times = list(figures.query_ms.values())
    q_median, q_p95 = statistics.median(query_times), percentile(query_times, 0.95)
    screen_times = list(figures.screen_query_ms.values())
    s_median, s_p95 = statistics.median(screen_times), percentile(screen_times, 0.95)
    search = statistics.median(figures.search_ms)
    version = statistics.median(figures.version_ms)
    search_limit = 1.5 * version + 300.0
    cold_rss, warm_rss = max(figures.cold_rss), max(figures.warm_rss)
    cold_tree, warm_tree = max(figures.cold_tree_rss), max(figures.warm_tree_rss)
    rss_limit = 200 * MB
    lines = [
        f"Scale: {figures.articles:,} articles in {library}",
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Textual {importlib.metadata.version('textual')}, SQLite {sqlite3.sqlite_version}, "
        f"commit {commit()}, load average {loads[0]} before, {loads[1]} after",
        f"runs: cold index {len(figures.cold_s)}, warm start {len(figures.warm_ms)} "
        f"(interleaved with bare), queries {len(QUERIES)} x {args.query_passes} passes, "
        f"CLI {len(figures.search_ms)} each (interleaved)",
        "",
        "| measure | figure | target | |",
        "|---|---:|---:|---|",
        f"| cold index (`readingroom index`, fresh home) | {cold_s:.1f} s, {rate:,.0f} articles/s "
        f"| >= 1,000 articles/s | {verdict(rate >= 1000)} |",
        f"| warm start to painted sidebar ({figures.sidebar:,} listed) | {warm:,.0f} ms "
        f"(min {min(figures.warm_ms):,.0f}) | <= 1.5 x {bare:,.0f} + 500 = {warm_limit:,.0f} ms "
        f"| {verdict(warm <= warm_limit)} |",
        f"| bare-Textual floor | {bare:,.0f} ms (min {min(figures.bare_ms):,.0f}) | | |",
        *baseline_rows(figures, args),
        f"| queries, `Catalog.search` (open catalog): median / p95 | {q_median:.1f} / "
        f"{q_p95:.1f} ms | p95 <= 30 ms | {verdict(q_p95 <= 30.0)} |",
        f"| queries as the search screen runs them (new `Catalog` each): median / p95 "
        f"| {s_median:.1f} / {s_p95:.1f} ms | | |",
        f"| `readingroom search {CLI_QUERY}` ({figures.search_hits} hits) | {search:,.0f} ms "
        f"| <= 1.5 x {version:,.0f} + 300 = {search_limit:,.0f} ms "
        f"| {verdict(search <= search_limit)} |",
        f"| `readingroom --version` | {version:,.0f} ms | | |",
        f"| peak RSS, cold index (largest process, ru_maxrss) | {cold_rss / MB:,.0f} MB "
        f"| <= 200 MB | {verdict(cold_rss <= rss_limit)} |",
        f"| peak RSS, cold index (process + workers, sampled) | {cold_tree / MB:,.0f} MB "
        f"| <= 200 MB | {verdict(cold_tree <= rss_limit)} |",
        f"| peak RSS, warm app (ru_maxrss) | {warm_rss / MB:,.0f} MB | <= 200 MB "
        f"| {verdict(warm_rss <= rss_limit)} |",
        f"| peak RSS, warm app (process tree, sampled) | {warm_tree / MB:,.0f} MB "
        f"| <= 200 MB | {verdict(warm_tree <= rss_limit)} |",
        "",
        "Slowest queries (median of the passes, open catalog / new catalog each, hits):",
    ]
    slowest = sorted(figures.query_ms, key=figures.query_ms.__getitem__, reverse=True)[:8]
    for text in slowest:
        lines.append(
            f"  {figures.query_ms[text]:7.1f} ms  {figures.screen_query_ms[text]:7.1f} ms  "
            f"{figures.query_hits[text]:3d}  {text!r}"
        )
    if figures.importtime:
        lines += ["", "Slowest imports of `readingroom search x` (cumulative us, own us, module):"]
        for cumulative, own, name in figures.importtime:
            lines.append(f"  {cumulative:>9,} {own:>9,}  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build the library, measure, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the copies live")
    parser.add_argument("--cold-runs", type=int, default=1, help="cold index runs (default 1)")
    parser.add_argument("--runs", type=int, default=5, help="warm start runs (default 5)")
    parser.add_argument("--query-passes", type=int, default=3, help="measured query passes")
    parser.add_argument("--cli-runs", type=int, default=7, help="search/--version runs")
    parser.add_argument("--importtime", action="store_true", help="always run -X importtime")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also start readingroom from this source tree (put first on PYTHONPATH) in each "
        "warm-start round, for a before/after ratio in one run",
    )
    args = parser.parse_args(argv)
    missing = [str(folder) for folder in CORPUS_FOLDERS.values() if not folder.is_dir()]
    if missing:
        print(f"scale.py: corpora missing: {', '.join(missing)}", file=sys.stderr)
        return 2
    loads_before = load_average()
    library, count = prepare_library(args.cache.resolve())
    figures = Figures(articles=count)
    with tempfile.TemporaryDirectory(prefix="readingroom-scale-") as scratch_dir:
        scratch = Path(scratch_dir)
        pycache = scratch / "pycache"
        home = measure_cold(library, scratch, pycache, args.cold_runs, figures)
        measure_warm(library, home, pycache, args.runs, figures, args.baseline)
        measure_queries(library, home, args.query_passes, figures)
        measure_cli(library, home, pycache, args.cli_runs, figures)
        search = statistics.median(figures.search_ms)
        if args.importtime or search > 1.5 * statistics.median(figures.version_ms) + 300.0:
            measure_importtime(library, home, pycache, figures)
    print(report(figures, library, args, (loads_before, load_average())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
