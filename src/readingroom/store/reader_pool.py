"""Reading many new or changed files at once: in parallel processes for a big cold index.

Each file is read, decoded, its front matter parsed and its body scanned (core.loader); the
results come back in order. Below PARALLEL_FROM files, or on one core, it all happens here:
starting worker processes costs more than it saves. Workers are spawned, not forked, because
the reader runs threads (a forked child could inherit a held lock).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from readingroom.core.article import Article
from readingroom.core.loader import read_article
from readingroom.core.options import LibraryOptions
from readingroom.core.scan import FoundFile

PARALLEL_FROM = 1500
MAX_WORKERS = 4

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


def read_articles(
    root: str, items: list[FoundFile], slugs: dict[str, str], options: LibraryOptions
) -> Iterator[tuple[Article, str]]:
    """(article, body) for each item, in order."""
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
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_read, jobs, chunksize=64)
