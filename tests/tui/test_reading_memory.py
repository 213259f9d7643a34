"""Reading state in the reader: the session comes back, marks and bookmarks stick."""

from __future__ import annotations

from pathlib import Path

from readingroom.tui.app import create_app
from readingroom.tui.screens.bookmarks_screen import BookmarksScreen
from tests.tui.helpers import NEWEST, wait_for_article, wait_until

SIZE = (100, 30)
LONG = "recovery/active-recovery-days"


async def read_some_then_quit(articles_dir: Path) -> tuple[float, int]:
    app = create_app(str(articles_dir), open_slug=LONG)
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, LONG)
        await pilot.press("space", "space")
        await pilot.pause()
        top = view.scroll_y
        assert top > 0
        percent = view.percent
        await pilot.press("m")
        await pilot.press("q")
    return top, percent


async def test_the_reader_reopens_where_it_was_left(articles_dir: Path) -> None:
    top, percent = await read_some_then_quit(articles_dir)
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, LONG)
        await wait_until(pilot, lambda: view.scroll_y == top, "the saved position")
        assert app.memory is not None
        mark = app.memory.mark(LONG)
        assert mark.bookmarked and mark.percent == percent and not mark.read
        prompt = str(app.sidebar.get_option(LONG).prompt)
        assert "★" in prompt and f"{percent}%" in prompt


async def test_no_restore_opens_the_newest(articles_dir: Path) -> None:
    await read_some_then_quit(articles_dir)
    app = create_app(str(articles_dir), restore=False)
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        assert view.scroll_y == 0


async def test_reaching_the_end_marks_read_and_u_toggles(articles_dir: Path) -> None:
    app = create_app(str(articles_dir), open_slug=LONG)
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, LONG)
        await pilot.press("G")
        assert app.memory is not None
        memory = app.memory
        await wait_until(pilot, lambda: memory.mark(LONG).read, "the read mark")
        assert "✓ read" in str(app.sidebar.get_option(LONG).prompt)
        await pilot.press("u")
        assert not memory.mark(LONG).read
        assert view.slug == LONG


async def test_unread_filter_and_bookmarks_list(articles_dir: Path) -> None:
    app = create_app(str(articles_dir), open_slug=LONG)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, LONG)
        await pilot.press("u", "m")
        assert app.memory is not None and app.memory.mark(LONG).read
        await pilot.press("U")
        ids = [app.sidebar.get_option_at_index(i).id for i in range(app.sidebar.option_count)]
        assert LONG not in ids and len(ids) == 9
        await pilot.press("U")
        assert app.sidebar.option_count == 10
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen), "bookmarks")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, BookmarksScreen), "closing")
        assert app.article_view.slug == LONG


async def test_back_and_forward_history_survives_a_restart(articles_dir: Path) -> None:
    other = "training/hard-finishers"
    app = create_app(str(articles_dir), open_slug=LONG)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, LONG)
        app.open_article(other)
        await wait_for_article(pilot, other)
        await pilot.press("q")
    app = create_app(str(articles_dir))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, other)
        await pilot.press("backspace")
        view = await wait_for_article(pilot, LONG)
        assert view.slug == LONG
