"""One measured case of the reading benchmark, run in a fresh process by benchmarks/reading.py.

    python benchmarks/reading_child.py readingroom LIBRARY SLUG DEADLINE_S
    python benchmarks/reading_child.py stock ARTICLE_FILE DEADLINE_S

Prints one JSON object per line as the measurements come in (so a parent that has to kill a
hung child still has what was measured before):

    {"first_screen_ms": ...}  the open request to the first repaint showing the article
    {"bottom_ms": ...}        the open request to the repaint showing its last line after G
    {"stall_ms": ..., "at_ms": ...}  a new worst gap between ticks of a 5 ms ticker
    {"alive": ...}            the wall-clock time, every 100 ms of ticks
    {"done": true, "timeout": bool, "stall_ms": ...}

Both apps run headless at 120x40 inside ``App.run_test``, whose event loop is the one the
ticker, the poller and the key presses run on.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

SIZE = (120, 40)
TICK_S = 0.005
POLL_S = 0.002
HEARTBEAT_S = 0.1


def emit(**values: object) -> None:
    """Print one JSON line and flush it at once."""
    print(json.dumps(values), flush=True)


class Ticker:
    """A task that sleeps 5 ms at a time on the app's loop and records the largest gap."""

    def __init__(self, start: float) -> None:
        self.start = start
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    def run(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._tick())

    async def _tick(self) -> None:
        last = time.perf_counter()
        beat = last
        while True:
            await asyncio.sleep(TICK_S)
            now = time.perf_counter()
            gap = now - last
            last = now
            if now - beat >= HEARTBEAT_S:
                # A parent that has to kill a frozen child knows the loop froze after this.
                beat = now
                emit(alive=time.time())
            if gap > self.worst:
                self.worst = gap
                emit(stall_ms=round(gap * 1000, 1), at_ms=round((now - self.start) * 1000, 1))

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


async def after_refresh(app: object) -> float:
    """The time at which the app next finishes a repaint (Textual's call_after_refresh)."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[float] = loop.create_future()

    def stamp() -> None:
        if not done.done():
            done.set_result(time.perf_counter())

    app.call_after_refresh(stamp)  # type: ignore[attr-defined]
    return await done


async def poll(condition: Callable[[], bool], deadline: float) -> bool:
    """Wait until `condition()`; False if the deadline passed first."""
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(POLL_S)
    return True


def finish(timed_out: bool, ticker: Ticker) -> None:
    """Report and leave at once: tearing down tens of thousands of widgets is not measured."""
    emit(done=True, timeout=timed_out, stall_ms=round(ticker.worst * 1000, 1))
    sys.stderr.flush()
    os._exit(0)


def ms(since: float, at: float) -> float:
    return round((at - since) * 1000, 1)


async def measure_readingroom(root: str, slug: str, limit: float) -> None:
    """Start the reader on the small `start` article, then open `slug` and measure."""
    from readingroom.tui.app import create_app

    app = create_app(root, open_slug="start")
    async with app.run_test(size=SIZE) as pilot:
        view = app.article_view
        started = await poll(
            lambda: (
                view.slug == "start"
                and view.text_layout is not None
                and not any(worker.is_running for worker in app.workers)
            ),
            time.perf_counter() + 600,
        )
        if not started:
            raise SystemExit("the reader did not start")
        await pilot.pause()

        begin = time.perf_counter()
        deadline = begin + limit
        ticker = Ticker(begin)
        ticker.run()
        app.open_article(slug)
        view.focus()

        def shown() -> bool:
            layout = view.text_layout
            return view.slug == slug and layout is not None and len(layout.lines) > 0

        timed_out = not await poll(shown, deadline)
        if not timed_out:
            emit(first_screen_ms=ms(begin, await after_refresh(app)))

        def at_bottom() -> bool:
            layout = view.text_layout
            return (
                view.slug == slug
                and view.complete
                and layout is not None
                and not any(worker.is_running for worker in app.workers)
                and view.scroll_y == view.max_scroll_y
                and int(view.scroll_y) + view.size.height >= len(layout.lines)
            )

        while not timed_out:
            await pilot.press("G")
            if at_bottom():
                painted = await after_refresh(app)
                if at_bottom():
                    emit(bottom_ms=ms(begin, painted))
                    break
            if time.perf_counter() > deadline:
                timed_out = True
                break
            await asyncio.sleep(0.01)
        ticker.stop()
        finish(timed_out, ticker)


async def measure_stock(path: str, limit: float) -> None:
    """Textual's own Markdown widget in a VerticalScroll: mount Markdown(text), measure."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown

    text = Path(path).read_text(encoding="utf-8")
    finished: list[float] = []

    class Stock(App[None]):
        def compose(self) -> ComposeResult:
            yield VerticalScroll(id="scroll")

        def on_markdown_table_of_contents_updated(
            self, message: Markdown.TableOfContentsUpdated
        ) -> None:
            # Posted once the whole document is parsed and every block mounted.
            finished.append(time.perf_counter())

    app = Stock()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scroll = app.query_one("#scroll", VerticalScroll)
        markdown = Markdown(text)

        begin = time.perf_counter()
        deadline = begin + limit
        ticker = Ticker(begin)
        ticker.run()
        scroll.mount(markdown)

        timed_out = not await poll(lambda: len(markdown.children) > 0, deadline)
        if not timed_out:
            emit(first_screen_ms=ms(begin, await after_refresh(app)))

        def at_bottom() -> bool:
            return bool(finished) and scroll.scroll_y >= scroll.max_scroll_y

        while not timed_out:
            scroll.scroll_end(animate=False, immediate=True)
            await asyncio.sleep(0.01)
            if at_bottom():
                painted = await after_refresh(app)
                if at_bottom():
                    emit(bottom_ms=ms(begin, painted))
                    break
            if time.perf_counter() > deadline:
                timed_out = True
        ticker.stop()
        finish(timed_out, ticker)


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "readingroom":
        asyncio.run(measure_readingroom(argv[1], argv[2], float(argv[3])))
    elif len(argv) == 3 and argv[0] == "stock":
        asyncio.run(measure_stock(argv[1], float(argv[2])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
