"""Documents built in steps, so the first screen of a long article paints at once.

`document_steps` yields the header with the first part of the body, then the whole article.
Bodies above the plain-text limit are not parsed at all (markdown-it-py reads only about
1 MB/s of prose, far less of dense inline markup): they are shown as wrapped text with a notice.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from readingroom.render.blocks import Block, Document, Notice, PlainText
from readingroom.render.chunks import find_references, iter_chunks
from readingroom.render.give_way import give_way, urgent
from readingroom.render.layout import Layout, layout_document
from readingroom.render.parse import ChunkParser, parse_markdown
from readingroom.render.related_block import RelatedLine, related_blocks

PLAIN_TEXT_LIMIT = 2 * 1024 * 1024
PROGRESSIVE_FROM = 32 * 1024
PARSE_BUDGET = 1.5
PLAIN_HEAD_SIZE = 16 * 1024
FIRST_CHUNK_SIZE = 8 * 1024
BUILD_SWITCH_INTERVAL = 0.0005
NO_FULL_COLLECTIONS = 1_000_000


@dataclass(frozen=True, slots=True)
class DocumentStep:
    """A document laid out at a width; `complete` is False for the first part of a long one."""

    document: Document
    layout: Layout
    complete: bool


def document_steps(
    header: list[Block],
    body: str,
    width: int,
    *,
    plain_limit: int = PLAIN_TEXT_LIMIT,
    related: Callable[[], list[RelatedLine]] | None = None,
    wrap_code: bool = True,
) -> Iterator[DocumentStep]:
    """Yield the head of a long article first, then the whole of it, each laid out; the
    complete document ends with the related articles (`related` is called only then, so
    finding them never delays the first screen). Bodies over `plain_limit` characters are
    plain text; `wrap_code` False keeps long code lines whole."""
    if len(body) > plain_limit:
        size = f"{len(body) / (1024 * 1024):.1f} MiB"
        notice = Notice(
            f"This article is {size}, larger than the {plain_limit // (1024 * 1024)} MiB "
            "parse limit: shown as plain text.",
            "warning",
        )
        newline = body.find("\n", PLAIN_HEAD_SIZE)
        head = body[: newline + 1 if newline != -1 else PLAIN_HEAD_SIZE]
        if len(head) < len(body):
            first = Document([*header, notice, PlainText(head)], [])
            with urgent():
                first_layout = layout_document(first, width, wrap_code=wrap_code)
            yield DocumentStep(first, first_layout, False)
        yield _complete([*header, notice, PlainText(body)], [], related, width, wrap_code)
        return
    if len(body) <= PROGRESSIVE_FROM:
        parsed = parse_markdown(body)
        yield _complete([*header, *parsed.blocks], parsed.links, related, width, wrap_code)
        return
    yield from _chunked_steps(header, body, width, related, wrap_code)


def _complete(
    blocks: list[Block],
    links: list[str],
    related: Callable[[], list[RelatedLine]] | None,
    width: int,
    wrap_code: bool,
) -> DocumentStep:
    extra, hrefs = related_blocks(related() if related else [], len(links))
    document = Document([*blocks, *extra], [*links, *hrefs])
    return DocumentStep(document, layout_document(document, width, wrap_code=wrap_code), True)


def _chunked_steps(
    header: list[Block],
    body: str,
    width: int,
    related: Callable[[], list[RelatedLine]] | None,
    wrap_code: bool,
) -> Iterator[DocumentStep]:
    """Parse a long body piece by piece: show the first piece at once, and stop parsing (the
    rest as plain text, with a notice) if the whole would take longer than PARSE_BUDGET.

    The first piece is small (FIRST_CHUNK_SIZE: a screen needs a few KB) and is cut before
    the rest of the body is looked at, so the first screen costs the same for any length.
    The budget is the worker thread's own CPU time: on a busy machine (or while the UI
    thread repaints) wall-clock time would cut ordinary articles short."""
    started = time.thread_time()
    parser = ChunkParser(find_references(body))
    blocks: list[Block] = []
    done = 0
    chunks = iter_chunks(body, first=FIRST_CHUNK_SIZE)
    chunk = next(chunks, None)
    number = 0
    while chunk is not None:
        if number and time.thread_time() - started > PARSE_BUDGET:
            notice = Notice(
                f"Parsing stopped after {PARSE_BUDGET:g} s at {done * 100 // len(body)}% of this "
                "article (its Markdown is unusually expensive): the rest is plain text.",
                "warning",
            )
            blocks += [notice, PlainText(body[done:])]
            break
        if number == 0:
            with urgent():  # the first screen: the UI is waiting for it
                blocks += parser.parse(chunk)
        else:
            give_way()
            blocks += parser.parse(chunk)
        done += len(chunk)
        chunk = next(chunks, None)
        if number == 0 and chunk is not None:
            loading = Notice("Loading the rest of the article…", "notice")
            first = Document([*header, *parser.notices(), *blocks, loading], list(parser.links))
            with urgent():
                first_layout = layout_document(first, width, wrap_code=wrap_code)
            yield DocumentStep(first, first_layout, False)
        number += 1
    yield _complete([*header, *parser.notices(), *blocks], parser.links, related, width, wrap_code)


_building_lock = threading.Lock()
_building_count = 0
_saved_thresholds: tuple[int, int, int] = (0, 0, 0)
_saved_interval = 0.005


@contextmanager
def building() -> Iterator[None]:
    """Settings for laying out a long article in a worker thread while the UI stays live.

    The worker holds the GIL whenever it runs Python code; two things made the UI thread wait
    for it far longer than a frame. Full garbage collections (the third generation) walk
    every object of the process, the growing layout included: 20-50 ms each at 1 MiB on an
    idle machine, 120-250 ms on a loaded one; here only the young generations are collected,
    and at the end `settle_heap` keeps the finished layout out of later full ones. And a
    thread that waits for the GIL gets it only after the switch interval (5 ms): the UI
    thread gives the GIL up at every turn of its event loop, so a repaint that takes a dozen
    turns waited 60 ms and more; here the interval is BUILD_SWITCH_INTERVAL.

    Nested and concurrent uses (a resize while an article loads) share one setting: the
    last to finish restores what was there before the first began.
    """
    global _building_count, _saved_thresholds, _saved_interval
    with _building_lock:
        if _building_count == 0:
            _saved_thresholds = gc.get_threshold()
            _saved_interval = sys.getswitchinterval()
            young, middle, _ = _saved_thresholds
            gc.set_threshold(young, middle, NO_FULL_COLLECTIONS)
            sys.setswitchinterval(BUILD_SWITCH_INTERVAL)
        _building_count += 1
    try:
        yield
    finally:
        with _building_lock:
            _building_count -= 1
            if _building_count == 0:
                settle_heap()
                gc.set_threshold(*_saved_thresholds)
                sys.setswitchinterval(_saved_interval)


def settle_heap() -> None:
    """Collect the young garbage and freeze what is left, so that no later full collection
    walks a finished layout's hundreds of thousands of lines and runs (they are still freed
    as usual when the article is closed: layouts hold no reference cycles).

    Run when a build ends (after its last step was shown): the objects it promoted, held
    back from full collections meanwhile, would otherwise make the next one come at once.
    Objects alive now that later become cyclic garbage are never reclaimed, which is why
    only long articles are built under `building`."""
    gc.collect(1)
    gc.freeze()
