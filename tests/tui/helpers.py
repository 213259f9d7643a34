"""Helpers for Pilot tests: wait for state instead of sleeping a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import yaml
from textual.pilot import Pilot
from textual.widgets import OptionList

from readingroom.tui.app import ReadingRoomApp
from readingroom.tui.widgets.article_view import ArticleView

TIMEOUT = 5.0
NEWEST = "mental-health/building-resilience-after-setbacks"


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], object], what: str, timeout: float = TIMEOUT
) -> None:
    """Let the app run until `condition()` is true; fail with `what` after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await pilot.pause(0.02)


async def settle(pilot: Pilot[None]) -> None:
    """Let running workers finish and the messages they posted be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def app_of(pilot: Pilot[None]) -> ReadingRoomApp:
    """The reader under test (typed)."""
    app = pilot.app
    assert isinstance(app, ReadingRoomApp)
    return app


async def wait_for_article(pilot: Pilot[None], slug: str | None = None) -> ArticleView:
    """Wait until the library is listed and `slug` (or any article) is laid out in the view."""
    app = app_of(pilot)

    def ready() -> bool:
        view = app.article_view
        return (
            app.library is not None
            and not app.sidebar.loading
            and app.sidebar.option_count > 0
            and view.text_layout is not None
            and view.slug is not None
            and (slug is None or view.slug == slug)
            # A long article is shown in parts; wait for the whole of it.
            and getattr(view, "complete", True)
            and not any(worker.is_running for worker in app.workers)
        )

    await wait_until(pilot, ready, f"article {slug or '(any)'} to be shown")
    await pilot.pause()
    return app.article_view


def option_ids(option_list: OptionList) -> list[str | None]:
    """The ids of every option of an option list, in order."""
    return [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]


def highlighted_id(option_list: OptionList) -> str | None:
    """The id of the highlighted option."""
    if option_list.highlighted is None:
        return None
    return option_list.get_option_at_index(option_list.highlighted).id


def front_matter(path: Path) -> dict[str, object]:
    """The YAML front matter of a Markdown file, read independently of readingroom."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    source = text[4:].split("\n---\n", 1)[0]
    data = yaml.safe_load(source)
    assert isinstance(data, dict)
    return data


def shipped_articles(root: Path) -> dict[str, dict[str, object]]:
    """Every article of a library folder by slug, with its front matter."""
    return {
        path.relative_to(root).with_suffix("").as_posix(): front_matter(path)
        for path in sorted(root.rglob("*.md"))
    }


def layout_text(view: ArticleView) -> list[str]:
    """The plain text of every laid-out line of the article view."""
    layout = view.text_layout
    assert layout is not None
    return ["".join(run.text for run in line.runs) for line in layout.lines]
