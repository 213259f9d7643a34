"""Related-graph benchmark: building the graph, updating it, and looking up related articles.

What it measures, for the 949 EIPs and for a library of at least 30,000 articles:

- cold load: ``Catalog(new file).load_library(root)``, everything a first start does: scan,
  read every file, write the catalog and its full-text index, compute and store every edge.
- edges rebuild: ``update_edges(db, library, set(), set(), rebuild=True)`` in one
  transaction on the loaded catalog: every stored edge deleted, recomputed and inserted.
- edges in memory: ``MemoryEdges(library).all_outgoing()``: resolving every declared entry
  and link with no SQLite at all (what the rebuild spends outside the database).
- warm load: ``load_library`` again on the same catalog with nothing changed.
- one file changed: one article's body gets a line appended, then ``load_library``; the
  table gives the time and how many articles' edges were recomputed (``article_edges`` is
  wrapped with a counter). The file is restored afterwards.
- lookups, over the same random sample of slugs (seeded): ``catalog.graph(library).related``
  (declared, links, linked from, read from the stored edges) and ``Catalog.related`` (the
  same plus mentions and similar articles from the full-text index, what the related dialog
  and ``readingroom related`` show).

The libraries are copies in a cache folder (default ``/tmp/readingroom-bench-related``), made
once and reused: ``eips/`` is one copy of the EIPs; ``large/copyN/<corpus>/`` holds N copies
of each shared corpus (EIPs, go blog, Foam docs, Jekyll theme posts), as many as it takes to
reach 30,000 Markdown files. Copies, because the one-file-changed step edits a file. In the
large library a bare ``requires: 20`` matches 22 ``eip-20`` slugs, so it stays unresolved, as
do wikilinks whose note name is in every copy; relative and site links resolve within their
copy.

Usage
    python benchmarks/related.py [--runs N] [--lookups N] [--cache DIR] [--small-only]

``--runs`` repeats the EIP cold load and rebuild (default 3); the large library's are run once
(a cold load takes 40-50 s). A run takes about 75 s once the copies exist, 2 min the first
time, on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import readingroom.store.edges as edges_module
from readingroom.core.library import Library
from readingroom.core.related import Edge, MemoryEdges, article_edges
from readingroom.store.catalog import Catalog
from readingroom.store.edges import update_edges

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPORA = REPO_ROOT.parent / "shared" / "corpora"
EIPS = CORPORA / "eips" / "EIPS"
CORPUS_FOLDERS = {
    "eips": EIPS,
    "go-blog": CORPORA / "go-blog" / "_content" / "blog",
    "foam-docs": CORPORA / "foam-docs" / "docs",
    "jekyll": CORPORA / "jekyll-basically-basic" / "docs",
}
LARGE_TARGET = 30_000
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "readingroom-bench-related"
SEED = 20261124


@dataclass
class Figures:
    """Every figure measured for one library (times in milliseconds)."""

    name: str
    articles: int = 0
    edges: int = 0
    cold_load: list[float] = field(default_factory=list)
    rebuild: list[float] = field(default_factory=list)
    in_memory: list[float] = field(default_factory=list)
    warm_load: list[float] = field(default_factory=list)
    one_changed: list[float] = field(default_factory=list)
    recomputed: int = 0
    graph_lookup: list[float] = field(default_factory=list)
    full_lookup: list[float] = field(default_factory=list)


def markdown_count(folder: Path) -> int:
    """How many Markdown files are under `folder`."""
    return sum(1 for path in folder.rglob("*") if path.suffix in (".md", ".markdown"))


def prepare_eips(cache: Path) -> Path:
    """One copy of the EIPs under `cache`, made once."""
    target = cache / "eips"
    if not target.is_dir():
        shutil.copytree(EIPS, cache / "eips.partial", dirs_exist_ok=True)
        (cache / "eips.partial").rename(target)
    return target


def prepare_large(cache: Path) -> Path:
    """Copies of every corpus under `cache/large/copyN/`, until >= LARGE_TARGET Markdown files;
    made once (a half-made copy is finished on the next run)."""
    target = cache / "large"
    done = target / ".complete"
    if done.exists():
        return target
    per_copy = sum(markdown_count(folder) for folder in CORPUS_FOLDERS.values())
    copies = -(-LARGE_TARGET // per_copy)
    for number in range(copies):
        for name, folder in CORPUS_FOLDERS.items():
            destination = target / f"copy{number}" / name
            if not destination.is_dir():
                partial = destination.with_name(f"{name}.partial")
                shutil.copytree(folder, partial, dirs_exist_ok=True)
                partial.rename(destination)
    done.write_text(f"{copies} copies, {per_copy * copies} Markdown files\n")
    return target


def timed(action: Callable[[], object]) -> float:
    """Milliseconds `action` takes."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


@contextmanager
def counting_edges() -> Iterator[list[str]]:
    """Record the sources whose edges the store recomputes while the block runs."""
    sources: list[str] = []

    def counted(library: Library, slug: str) -> list[Edge]:
        sources.append(slug)
        return article_edges(library, slug)

    setattr(edges_module, "article_edges", counted)  # noqa: B010 (patching, as mock does)
    try:
        yield sources
    finally:
        setattr(edges_module, "article_edges", article_edges)  # noqa: B010


def rebuild_edges(catalog_file: Path, library: Library) -> float:
    """Milliseconds to rebuild every stored edge of `library` in one transaction."""
    with closing(sqlite3.connect(catalog_file, timeout=30)) as db:
        start = time.perf_counter()
        with db:
            update_edges(db, library, set(), set(), rebuild=True)
        return (time.perf_counter() - start) * 1000


def change_one_file(catalog: Catalog, root: Path, library: Library, figures: Figures) -> None:
    """Append a line to one article (an EIP, the same one every run), reload, restore."""
    path = next(iter(sorted(root.rglob("eip-1559.md"))))
    original = path.read_bytes()
    stat = path.stat()
    try:
        path.write_bytes(original + b"\nOne more line for the benchmark.\n")
        with counting_edges() as sources:
            figures.one_changed.append(timed(lambda: catalog.load_library(str(root))))
        figures.recomputed = len(sources)
    finally:
        path.write_bytes(original)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    catalog.load_library(str(root))  # back to the stored state


def measure(name: str, root: Path, runs: int, lookups: int, work: Path) -> Figures:
    """Every figure for the library at `root`."""
    figures = Figures(name)
    library: Library | None = None
    catalog_file = work / f"{name}-0.sqlite3"
    for run in range(runs):
        catalog_file = work / f"{name}-{run}.sqlite3"
        catalog = Catalog(catalog_file)
        start = time.perf_counter()
        library = catalog.load_library(str(root))
        figures.cold_load.append((time.perf_counter() - start) * 1000)
        catalog.close()
        print(f"  {name}: cold load {figures.cold_load[-1] / 1000:.1f} s", file=sys.stderr)
    assert library is not None
    loaded = library
    figures.articles = len(loaded)
    for _ in range(runs):
        figures.rebuild.append(rebuild_edges(catalog_file, loaded))
        figures.in_memory.append(timed(lambda: MemoryEdges(loaded).all_outgoing()))
    catalog = Catalog(catalog_file)
    try:
        for _ in range(max(runs, 3)):
            figures.warm_load.append(timed(lambda: catalog.load_library(str(root))))
        library = catalog.load_library(str(root))
        graph = catalog.graph(library)
        figures.edges = len(graph.edges.all_outgoing())
        change_one_file(catalog, root, library, figures)
        slugs = random.Random(SEED).sample(sorted(library.articles), lookups)
        catalog.related(library, slugs[0])  # warm the page cache and statements
        for slug in slugs:
            figures.graph_lookup.append(
                timed(lambda slug=slug: catalog.graph(library).related(slug))  # type: ignore[misc]
            )
            figures.full_lookup.append(
                timed(lambda slug=slug: catalog.related(library, slug))  # type: ignore[misc]
            )
    finally:
        catalog.close()
    return figures


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(figures: list[Figures], runs: int, lookups: int) -> None:
    """Print the table."""
    print()
    print(f"Related-graph benchmark; {runs} runs of each load, {lookups} lookups per library")
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, ", end="")
    print(f"{os.cpu_count()} CPUs, {platform.platform()}, commit {commit()}")
    print()
    names = " | ".join(f"{f.name} ({f.articles:,} articles, {f.edges:,} edges)" for f in figures)
    print(f"| measure | {names} |")
    print("|---|" + "---:|" * len(figures))

    def row(label: str, pick: Callable[[Figures], str]) -> None:
        print(f"| {label} | " + " | ".join(pick(f) for f in figures) + " |")

    def seconds(values: list[float]) -> str:
        low = f" (min {min(values) / 1000:.2f})" if len(values) > 1 else ""
        return f"{statistics.median(values) / 1000:.2f} s{low}"

    def millis(values: list[float]) -> str:
        return f"{statistics.median(values):.1f} ms"

    def p95(values: list[float]) -> str:
        return f"{percentile(values, 0.95):.1f} ms"

    row("cold load incl. edges (median)", lambda f: seconds(f.cold_load))
    row("edges rebuild (update_edges rebuild=True)", lambda f: millis(f.rebuild))
    row("edges computed in memory (MemoryEdges)", lambda f: millis(f.in_memory))
    row("warm load, nothing changed", lambda f: millis(f.warm_load))
    row("one file changed: reload", lambda f: millis(f.one_changed))
    row("one file changed: articles' edges redone", lambda f: f"{f.recomputed:,}")
    row("graph.related: median", lambda f: millis(f.graph_lookup))
    row("graph.related: p95", lambda f: p95(f.graph_lookup))
    row("Catalog.related (+mentions, similar): median", lambda f: millis(f.full_lookup))
    row(
        "Catalog.related (+mentions, similar): p95",
        lambda f: f"{percentile(f.full_lookup, 0.95):.1f} ms",
    )


def commit() -> str:
    """The short commit of the repository, with `+dirty` when src/ has changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=REPO_ROOT, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+dirty" if dirty else head


def main(argv: list[str] | None = None) -> int:
    """Prepare the libraries, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="EIP cold loads and rebuilds")
    parser.add_argument("--lookups", type=int, default=50, help="random slugs looked up")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where copies live")
    parser.add_argument("--small-only", action="store_true", help="skip the 30,000 library")
    args = parser.parse_args(argv)
    if not EIPS.is_dir():
        print(f"related.py: the corpora are not at {CORPORA}", file=sys.stderr)
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    libraries = [("EIPs", prepare_eips(args.cache), args.runs)]
    if not args.small_only:
        print("preparing the large library (once)...", file=sys.stderr)
        libraries.append(("large", prepare_large(args.cache), 1))
    all_figures = []
    with tempfile.TemporaryDirectory(prefix="readingroom-bench-") as work:
        for name, root, runs in libraries:
            all_figures.append(measure(name, root, runs, args.lookups, Path(work)))
    report(all_figures, args.runs, args.lookups)
    return 0


if __name__ == "__main__":
    sys.exit(main())
