"""Walk the whole hostile library in the reader: open every article, follow every link on its
first screen by hint, go back. Nothing raises, no painted cell holds a control character, and
no file outside the library is opened.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import ModalScreen

from readingroom.core.links import LinkKind
from readingroom.render.link_nav import visible_links
from readingroom.tui.app import ReadingRoomApp, create_app
from tests.hostile.audit import UNSAFE_IN_TEXT, opened_outside, recording
from tests.hostile.library import build_library, make_removable

SIZE = (100, 24)  # narrow: the article is the whole width, and a small screen paints fast
MAX_OPENED_BY_LINK = 10  # each costs an open and a back; the hostile hrefs are all followed
WAIT = 20.0  # seconds: the deepest articles take a while to parse on a busy machine


def painted_lines(app: ReadingRoomApp) -> list[str]:
    """The text of every cell row of the current screen, as the compositor paints it."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def assert_screen_is_clean(app: ReadingRoomApp, where: str) -> None:
    for row, line in enumerate(painted_lines(app)):
        found = UNSAFE_IN_TEXT.search(line)
        assert found is None, f"{where}: row {row} paints {found.group()!r}: {line!r}"


def body_links_on_screen(app: ReadingRoomApp) -> list[int]:
    """The links `f` labels, less those of the "Related articles" block (they lead to
    articles the walk opens anyway)."""
    view = app.article_view
    layout = view.text_layout
    if layout is None:
        return []
    related = layout.line_for_anchor("readingroom-related")
    links = visible_links(layout, int(view.scroll_y), view.size.height)
    return [link for link in links if related is None or layout.link_lines[link] < related]


async def wait_for(pilot: Pilot[None], condition: object, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    assert callable(condition)
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)  # not pilot.pause: that repaints the screen every time


def shown(app: ReadingRoomApp, slug: str) -> bool:
    view = app.article_view
    return (
        view.slug == slug
        and view.text_layout is not None
        and view.complete
        and not any(worker.is_running for worker in app.workers)
    )


async def open_and_check(pilot: Pilot[None], app: ReadingRoomApp, slug: str) -> None:
    app.open_article(slug)
    await wait_for(pilot, lambda: shown(app, slug), f"article {slug!r}")
    await pilot.pause()
    assert_screen_is_clean(app, slug)


async def follow_hint(pilot: Pilot[None], app: ReadingRoomApp, slug: str, link: int) -> str:
    """Show hints, type the label of `link`, check what appears, and come back."""
    view = app.article_view
    view.focus()
    await pilot.press("f")
    labels = {index: label for label, index in view.hints.items()}
    assert link in labels, f"{slug}: link {link} has no hint"
    assert_screen_is_clean(app, f"{slug} with hints")
    steps = len(app.history), app.history.index
    href = view.document.links[link]
    for key in labels[link]:
        await pilot.press(key)
    await pilot.pause()
    where = f"{slug} -> {href!r}"
    if isinstance(app.screen, ModalScreen):
        assert_screen_is_clean(app, where)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ModalScreen), "the modal")
        return "modal"
    if (len(app.history), app.history.index) != steps:
        target = app.history.current
        assert target is not None
        await wait_for(pilot, lambda: shown(app, target.slug), f"{where} to open")
        await pilot.pause()
        assert_screen_is_clean(app, where)
        await pilot.press("backspace")
        await wait_for(pilot, lambda: shown(app, slug), f"back to {slug}")
        return "opened"
    assert_screen_is_clean(app, where)  # a notification: missing, or refused
    return "notified"


async def check_modal(pilot: Pilot[None], app: ReadingRoomApp, keys: str, where: str) -> None:
    """Press `keys` (space-separated), wait for a modal screen, check it and close it."""
    for key in keys.split():
        await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, ModalScreen), f"the {where} screen")
    await wait_for(pilot, lambda: not any(w.is_running for w in app.workers), f"{where} work")
    await pilot.pause()
    assert_screen_is_clean(app, where)
    await pilot.press("escape")
    await wait_for(pilot, lambda: not isinstance(app.screen, ModalScreen), f"{where} to close")


async def check_screens(pilot: Pilot[None], app: ReadingRoomApp) -> None:
    """The lists of links, headings, related articles and tags, and search results."""
    for slug in ("links/hostile", "index", "constructs/heading-atx", "constructs/table"):
        await open_and_check(pilot, app, slug)
        app.article_view.focus()
        await check_modal(pilot, app, "L", f"links of {slug}")
        await check_modal(pilot, app, "t", f"outline of {slug}")
        await check_modal(pilot, app, "r", f"related to {slug}")
    await check_modal(pilot, app, "T", "tags")
    await check_modal(pilot, app, "s p w n e d", "search")


async def test_walk_the_hostile_library(tmp_path: Path) -> None:
    hostile = build_library(tmp_path)
    outcomes: dict[str, int] = {}
    followed: set[tuple[object, ...]] = set()
    opened_articles = 0
    try:
        with recording() as opened:
            app = create_app(str(hostile.root), restore=False)
            async with app.run_test(size=SIZE) as pilot:
                await wait_for(pilot, lambda: app.library is not None, "the library")
                library = app.library
                assert library is not None
                for article in library.sorted():
                    await open_and_check(pilot, app, article.slug)
                    opened_articles += 1
                    view = app.article_view
                    for link in body_links_on_screen(app):
                        href = view.document.links[link]
                        target = library.resolve_link(href, article.slug)
                        key = (target.kind, target.slug, target.anchor, target.slug or href)
                        if key in followed:  # the same place by the same way: once is enough
                            continue
                        moves = target.kind in (LinkKind.INTERNAL, LinkKind.ANCHOR)
                        if moves and outcomes.get("opened", 0) >= MAX_OPENED_BY_LINK:
                            continue  # every article is opened anyway: a few by link will do
                        followed.add(key)
                        outcome = await follow_hint(pilot, app, article.slug, link)
                        outcomes[outcome] = outcomes.get(outcome, 0) + 1
                await check_screens(pilot, app)
                # The sidebar: every prompt painted as the highlight moves through it.
                app.sidebar.focus()
                for _ in range(app.sidebar.option_count):
                    await pilot.press("down")
                assert_screen_is_clean(app, "sidebar")
    finally:
        make_removable(tmp_path)
    assert opened_articles == len(library.articles) >= 100
    # Every kind of outcome happened: links opened articles, asked first, and were refused.
    assert outcomes.get("opened", 0) >= 5
    assert outcomes.get("modal", 0) >= 3
    assert outcomes.get("notified", 0) >= 10
    assert opened_outside(opened, hostile.outside) == []
    assert any(path.startswith(str(hostile.root)) for path in opened)
