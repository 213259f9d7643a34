"""The footer (tui/widgets/key_bar.py): what it draws for the focused widget, what a click on
it does, and how it fits a narrow terminal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from readingroom.tui.app import create_app
from readingroom.tui.screens.help_screen import HelpScreen
from readingroom.tui.widgets.key_bar import SEPARATOR, KeyBar
from tests.tui.helpers import NEWEST, settle, wait_for_article, wait_until


def drawn(bar: KeyBar) -> str:
    """The bar's line as text."""
    return bar.render().plain


async def test_the_bar_follows_focus(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        bar = app.query_one(KeyBar)
        app.sidebar.focus()
        await settle(pilot)
        on_list = {shown.key for shown in bar.shown}
        app.article_view.focus()
        await settle(pilot)
        on_article = {shown.key for shown in bar.shown}
        assert "f" in on_article and "f" not in on_list  # link hints: an article's command
        assert {"q", "question_mark", "ctrl+p"} <= on_list & on_article


async def test_each_drawn_key_shows_its_description(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        bar = app.query_one(KeyBar)
        line = drawn(bar)
        assert len(line) == 120
        pieces = {shown.key: line[shown.start : shown.end] for shown in bar.shown}
        assert pieces["q"].split() == ["q", "Quit"]
        assert pieces["question_mark"].split() == ["?", "Keys"]
        assert pieces["ctrl+p"].split() == ["^p", "palette"]
        assert line.rstrip().endswith("palette")
        assert line[bar.shown[-1].start - 1] == SEPARATOR


async def test_a_click_on_a_key_presses_it(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        bar = app.query_one(KeyBar)
        keys = {shown.key: shown for shown in bar.shown}
        await pilot.click(KeyBar, offset=(keys["question_mark"].start + 1, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")


async def test_a_click_on_a_greyed_key_only_rings(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        bar = app.query_one(KeyBar)
        greyed = [shown for shown in bar.shown if not shown.enabled]
        assert greyed, "Back is greyed with no history"
        rang: list[None] = []
        app.bell = lambda: rang.append(None)  # type: ignore[method-assign]
        slug = app.article_view.slug
        await pilot.click(KeyBar, offset=(greyed[0].start, 0))
        await settle(pilot)
        assert rang == [None]
        assert app.article_view.slug == slug


async def test_a_narrow_bar_draws_whole_keys_only(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(44, 24)) as pilot:
        await wait_for_article(pilot, NEWEST)
        bar = app.query_one(KeyBar)
        assert bar.compact
        line = drawn(bar)
        assert len(line) <= 44
        *keys, palette = bar.shown
        assert palette.key == "ctrl+p"
        assert keys, "some keys fit in 44 columns"
        assert all(shown.end < palette.start for shown in keys)
        for shown in keys:
            assert len(line[shown.start : shown.end].split()) >= 2, "no key drawn in part"


async def test_typing_in_the_find_bar_shows_its_keys(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.focused, Input), "the find bar")
        await settle(pilot)
        bar = app.query_one(KeyBar)
        assert "Close find" in drawn(bar)
        assert "f" not in {shown.key for shown in bar.shown}  # typed, not a command here
