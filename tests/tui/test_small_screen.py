"""What the reader shows around the article: the status line, the footer and help at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from readingroom.tui.app import create_app
from readingroom.tui.screens.help_screen import HelpScreen
from readingroom.tui.widgets.article_status import ArticleStatus
from readingroom.tui.widgets.key_bar import KeyBar, ShownKey
from tests.tui.helpers import NEWEST, wait_for_article, wait_until


def footer_keys(footer: KeyBar) -> dict[str, ShownKey]:
    """The keys the footer drew, by key name."""
    return {shown.key: shown for shown in footer.shown}


def status_text(status: Static) -> str:
    content = status.content
    return str(getattr(content, "plain", content))


async def test_status_line_follows_the_reader(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        status = app.query_one(ArticleStatus)
        view.focus()
        await pilot.press("G")
        await pilot.pause()
        text = status_text(status)
        assert "100%" in text
        # The section is the one the top line of the pane belongs to.
        layout = view.text_layout
        assert layout is not None
        top = int(view.scroll_y)
        section = [heading.text for heading in layout.headings if heading.line <= top][-1]
        assert f"§ {section}" in text
        await pilot.press("space")
        await pilot.press("k")
        await pilot.pause()
        assert "100%" not in status_text(status)
        await pilot.press("g")
        await pilot.pause()
        assert "§" not in status_text(status)


async def test_status_line_shows_the_position_at_the_top(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        assert "0%" in status_text(app.query_one(ArticleStatus))


async def test_help_text_fits_the_dialog_at_80x24(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_article(pilot, NEWEST)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        await pilot.pause()
        scroll = app.screen.query_one(VerticalScroll)
        text = app.screen.query_one(Static)
        assert text.outer_size.width <= scroll.scrollable_content_region.width


async def test_footer_shows_help_and_quit_at_80x24(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_article(pilot, NEWEST)
        keys = footer_keys(app.query_one(KeyBar))
        right = keys["ctrl+p"].start
        for name in ("question_mark", "q"):
            assert name in keys, name
            assert keys[name].end < right, f"{name} is hidden"


async def test_footer_fits_at_120x40(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        keys = footer_keys(app.query_one(KeyBar))
        right = keys["ctrl+p"].start
        for name in ("r", "backspace", "question_mark", "q"):
            assert name in keys, name
            assert keys[name].end < right, f"{name} is hidden"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_prose_without_code_has_no_horizontal_scroll(
    articles_dir: Path, size: tuple[int, int]
) -> None:
    slug = "recovery/beyond-the-burn"
    app = create_app(str(articles_dir), open_slug=slug)
    async with app.run_test(size=size) as pilot:
        view = await wait_for_article(pilot, slug)
        await pilot.press("right")
        await pilot.pause()
        assert view.scroll_x == 0
        assert view.max_scroll_x == 0
        assert not view.show_horizontal_scrollbar
