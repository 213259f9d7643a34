"""The sidebar's place: beside the article from 110 columns, laid over it (key `a`) below."""

from __future__ import annotations

from pathlib import Path

from readingroom.tui.app import create_app
from readingroom.tui.library_pane import SIDE_BY_SIDE_WIDTH
from tests.tui.helpers import NEWEST, app_of, wait_for_article, wait_until

OTHER = "recovery/beyond-the-burn"


async def test_narrow_terminal_gives_the_article_the_whole_width(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        reader = app_of(pilot)
        assert reader.narrow
        assert not reader.query_one("#library-pane").display
        assert view.outer_size.width == 80
        assert view.has_focus  # the hidden list cannot have the focus


async def test_a_lays_the_list_over_the_article_and_enter_puts_it_away(
    articles_dir: Path,
) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        reader = app_of(pilot)
        width = view.size.width
        await pilot.press("a")
        await pilot.pause()
        pane = reader.query_one("#library-pane")
        assert pane.display and reader.sidebar.has_focus
        assert pane.region.x == 0 and pane.region.width < 80
        assert view.size.width == width  # laid over the article, which keeps its width
        reader.sidebar.highlight_slug(OTHER)
        await pilot.press("enter")
        await wait_until(pilot, lambda: view.slug == OTHER, "the chosen article")
        assert not pane.display
        assert view.has_focus


async def test_escape_puts_the_overlaid_list_away(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        reader = app_of(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert reader.sidebar_shown
        await pilot.press("escape")
        await pilot.pause()
        assert not reader.sidebar_shown
        assert not reader.query_one("#library-pane").display
        assert view.has_focus and view.slug == NEWEST


async def test_wide_terminal_shows_both_and_a_hides_the_list(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        reader = app_of(pilot)
        pane = reader.query_one("#library-pane")
        assert not reader.narrow and pane.display
        assert view.region.x >= pane.region.right  # side by side
        assert reader.sidebar.has_focus
        await pilot.press("a")
        await pilot.pause()
        assert not pane.display and view.has_focus
        assert view.region.x == 0
        await pilot.press("escape")  # only an overlaid list closes on escape
        await pilot.press("a")
        await pilot.pause()
        assert pane.display and reader.sidebar.has_focus


async def test_resizing_switches_between_side_by_side_and_overlay(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        reader = app_of(pilot)
        pane = reader.query_one("#library-pane")
        await pilot.resize_terminal(SIDE_BY_SIDE_WIDTH - 1, 30)
        await wait_until(pilot, lambda: reader.narrow, "the narrow layout")
        await pilot.pause()
        assert not pane.display
        assert reader.article_view.has_focus  # the focus left the hidden list
        await pilot.resize_terminal(SIDE_BY_SIDE_WIDTH, 30)
        await wait_until(pilot, lambda: not reader.narrow, "the wide layout")
        await pilot.pause()
        assert pane.display
