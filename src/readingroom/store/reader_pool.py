"""Reading many new or changed files at once: in parallel processes for a big cold index.

Each file is read, decoded, its front matter parsed and its body scanned (core.loader); the
results come back in order. Below PARALLEL_FROM files, or on one core, it all happens here:
starting worker processes costs more than it saves. Workers are spawned, not forked, because
the reader runs threads (a forked child could inherit a held lock).

Only IN_FLIGHT_PER_WORKER chunks of CHUNK files per worker are submitted ahead of the caller:
the workers read faster than the catalog writes, and unbounded, every body would queue in
this process (260-300 MB for 30,000 files). The window (1,024 files on two cores) is about
one bulk write transaction of the catalog, so the workers keep reading while it is written.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Generator
from typing import TYPE_CHECKING

from readingroom.core.article import Article
from readingroom.core.loader import read_article
from readingroom.core.options import LibraryOptions
from readingroom.core.scan import FoundFile

if TYPE_CHECKING:
    from concurrent.futures import Future

PARALLEL_FROM = 1500
MAX_WORKERS = 4
CHUNK = 64
"""Files per task sent to a worker."""
IN_FLIGHT_PER_WORKER = 8
"""Tasks submitted ahead per worker: enough to keep it busy while the caller writes a batch,
few enough to bound memory."""

Job = tuple[str, str, str, int, int, int, tuple[str, ...]]


def _read(job: Job) -> tuple[Article, str]:
    root, path, slug, size, mtime_ns, size_cap, relation_keys = job
    return read_article(
        root,
        path,
        slug=slug,
        size=size,
        mtime_ns=mtime_ns,
        size_cap=size_cap,
        relation_keys=relation_keys,
    )


def _read_chunk(jobs: list[Job]) -> list[tuple[Article, str]]:
    return [_read(job) for job in jobs]


def read_articles(
    root: str, items: list[FoundFile], slugs: dict[str, str], options: LibraryOptions
) -> Generator[tuple[Article, str], None, None]:
    """(article, body) for each item, in order (close it early and its worker processes
    exit at once)."""
    jobs: list[Job] = [
        (
            root,
            item.path,
            slugs[item.path],
            item.size,
            item.mtime_ns,
            options.size_cap,
            options.relation_keys,
        )
        for item in items
    ]
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        yield from map(_read, jobs)
        return
    import multiprocessing  # only a big index needs them (kept out of `readingroom search`)
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    _start_resource_tracker()
    chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[tuple[Article, str]]]] = deque()
        upcoming = iter(chunks)
        for chunk in upcoming:
            pending.append(pool.submit(_read_chunk, chunk))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                break
        while pending:
            done = pending.popleft().result()
            following = next(upcoming, None)
            if following is not None:
                pending.append(pool.submit(_read_chunk, following))
            yield from done


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (the pool's locks need it) with a real
    standard error.

    The tracker is handed `sys.stderr.fileno()` to keep open in its process. Inside the
    reader, sys.stderr is Textual's capture of prints, whose fileno() is -1, and starting the
    tracker then fails ("bad value(s) in fds_to_keep"): the first index of a big library
    never finished. For that moment sys.stderr is the process's own (the tracker writes only
    warnings about leaked semaphores there, and none leak).
    """
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is None or sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = True  # the tracker skips a stream without a file descriptor
    if usable:
        resource_tracker.ensure_running()
        return
    captured = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured
