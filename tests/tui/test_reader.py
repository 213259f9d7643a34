"""The reader driven with Pilot: start, sidebar, sorting, opening, scrolling, focus, quitting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from readingroom.tui.app import create_app
from readingroom.tui.widgets.library_sidebar import OPEN_MARK, LibrarySidebar
from tests.tui.helpers import (
    NEWEST,
    highlighted_id,
    layout_text,
    option_ids,
    settle,
    shipped_articles,
    wait_for_article,
    wait_until,
)

BIG = (120, 40)
SMALL = (80, 24)


def newest_first(articles_dir: Path) -> list[str]:
    """Slugs of the shipped library by front-matter date, newest first."""
    matter = shipped_articles(articles_dir)
    dates: dict[str, dt.date] = {}
    for slug, data in matter.items():
        date = data["date"]
        assert isinstance(date, dt.date), slug
        dates[slug] = date
    assert len(set(dates.values())) == len(dates), "the shipped dates should be distinct"
    return sorted(dates, key=dates.__getitem__, reverse=True)


def by_title(articles_dir: Path) -> list[str]:
    """Slugs of the shipped library by front-matter title (case-insensitive)."""
    matter = shipped_articles(articles_dir)
    return sorted(matter, key=lambda slug: str(matter[slug]["title"]).casefold())


def prompt_text(sidebar: LibrarySidebar, slug: str) -> str:
    """The plain text of an article's prompt in the sidebar."""
    prompt = sidebar.get_option(slug).prompt
    return str(getattr(prompt, "plain", prompt))


def marked(sidebar: LibrarySidebar) -> list[str]:
    """Slugs whose sidebar prompt carries the open mark."""
    return [
        slug
        for slug in option_ids(sidebar)
        if slug is not None and prompt_text(sidebar, slug).startswith(OPEN_MARK)
    ]


@pytest.mark.parametrize("size", [BIG, SMALL], ids=["120x40", "80x24"])
async def test_start_lists_every_article_newest_first_and_opens_the_newest(
    articles_dir: Path, size: tuple[int, int]
) -> None:
    expected = newest_first(articles_dir)
    assert len(expected) == 10
    assert expected[0] == NEWEST
    app = create_app(str(articles_dir))
    async with app.run_test(size=size) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        sidebar = app.sidebar
        assert option_ids(sidebar) == expected
        assert view.slug == NEWEST
        assert view.scroll_y == 0
        assert marked(sidebar) == [NEWEST]
        # ▶ marks the open article, • an unread one.
        assert prompt_text(sidebar, NEWEST).startswith("▶ • Building Resilience After Setbacks")
        assert highlighted_id(sidebar) == NEWEST
        assert app.sub_title == "Building Resilience After Setbacks"
        head = "\n".join(layout_text(view)[:4])
        assert "Building Resilience After Setbacks" in head
        assert "2025-11-04" in head
        assert "by The Readingroom Team" in head


async def test_sidebar_has_focus_at_start(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        await wait_for_article(pilot, NEWEST)
        assert app.focused is app.sidebar


async def test_sidebar_has_focus_at_start_with_a_preloaded_library(articles_dir: Path) -> None:
    from readingroom.store.catalog import Catalog
    from readingroom.store.paths import app_paths

    catalog = Catalog(app_paths().catalog)
    try:
        library = catalog.load_library(str(articles_dir))
    finally:
        catalog.close()
    app = create_app(str(articles_dir), library=library)
    async with app.run_test(size=BIG) as pilot:
        await wait_for_article(pilot, NEWEST)
        assert app.focused is app.sidebar


async def test_sidebar_keys_move_the_highlight_and_enter_opens(articles_dir: Path) -> None:
    order = newest_first(articles_dir)
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        await wait_for_article(pilot, NEWEST)
        sidebar = app.sidebar
        sidebar.focus()
        await pilot.pause()
        assert app.focused is sidebar
        assert sidebar.highlighted == 0

        await pilot.press("j")
        assert highlighted_id(sidebar) == order[1]
        await pilot.press("down", "down")
        assert highlighted_id(sidebar) == order[3]
        await pilot.press("k")
        assert highlighted_id(sidebar) == order[2]
        await pilot.press("up")
        assert highlighted_id(sidebar) == order[1]
        await pilot.press("end")
        assert highlighted_id(sidebar) == order[-1]
        await pilot.press("home")
        assert highlighted_id(sidebar) == order[0]
        # Moving the highlight does not open anything.
        assert app.article_view.slug == NEWEST

        await pilot.press("end", "up")
        target = order[-2]
        assert highlighted_id(sidebar) == target
        await pilot.press("enter")
        view = await wait_for_article(pilot, target)
        assert view.slug == target
        assert app.focused is view
        assert marked(sidebar) == [target]
        assert highlighted_id(sidebar) == target


async def test_o_toggles_title_order_and_back(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        await wait_for_article(pilot, NEWEST)
        sidebar = app.sidebar
        assert option_ids(sidebar) == newest_first(articles_dir)

        await pilot.press("o")
        assert option_ids(sidebar) == by_title(articles_dir)
        assert option_ids(sidebar) != newest_first(articles_dir)
        # The open article stays open and marked.
        assert app.article_view.slug == NEWEST
        assert marked(sidebar) == [NEWEST]
        assert highlighted_id(sidebar) == NEWEST

        await pilot.press("o")
        assert option_ids(sidebar) == newest_first(articles_dir)
        assert marked(sidebar) == [NEWEST]


async def test_open_slug_opens_that_article(articles_dir: Path) -> None:
    app = create_app(str(articles_dir), open_slug="training/hard-finishers")
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, "training/hard-finishers")
        assert view.scroll_y == 0
        assert marked(app.sidebar) == ["training/hard-finishers"]
        assert highlighted_id(app.sidebar) == "training/hard-finishers"
        assert app.focused is view
        assert app.sub_title == "Hard Finishers: Short, Tough, and Good for Your Head"


@pytest.mark.parametrize("size", [BIG, SMALL], ids=["120x40", "80x24"])
async def test_open_anchor_scrolls_to_the_heading(
    articles_dir: Path, size: tuple[int, int]
) -> None:
    slug = "training/hard-finishers"
    anchor = "rules-that-keep-finishers-useful"
    app = create_app(str(articles_dir), open_slug=slug, open_anchor=anchor)
    async with app.run_test(size=size) as pilot:
        view = await wait_for_article(pilot, slug)
        layout = view.text_layout
        assert layout is not None
        line = layout.line_for_anchor(anchor)
        assert line is not None and line > 0
        assert line <= view.max_scroll_y, "the heading should be reachable as the top line"
        assert view.scroll_y == line
        heading = "".join(run.text for run in layout.lines[line].runs)
        assert heading == "Rules that keep finishers useful"


async def test_open_article_at_a_heading_once_the_view_scrolls(articles_dir: Path) -> None:
    """Opening at a heading works when the view already has a scrollbar (compare the xfail)."""
    slug = "training/hard-finishers"
    anchor = "rules-that-keep-finishers-useful"
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        assert view.max_scroll_y > 0
        app.open_article(slug, anchor=anchor)
        view = await wait_for_article(pilot, slug)
        layout = view.text_layout
        assert layout is not None
        line = layout.line_for_anchor(anchor)
        assert line is not None and 0 < line <= view.max_scroll_y
        assert view.scroll_y == line


async def test_article_scroll_keys_jump_without_animation(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        view.focus()
        await pilot.pause()
        page = view.size.height - 1
        bottom = view.max_scroll_y
        assert bottom > page, "the article should be longer than two pages"

        steps: list[tuple[str, float]] = [
            ("j", 1),
            ("j", 2),
            ("k", 1),
            ("down", 2),
            ("up", 1),
            ("space", 1 + page),
            ("b", 1),
            ("pagedown", 1 + page),
            ("pageup", 1),
            ("G", bottom),
            ("j", bottom),
            ("g", 0),
            ("k", 0),
            ("end", bottom),
            ("home", 0),
            ("ctrl+f", page),
        ]
        for key, expected in steps:
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_y == expected, f"after {key!r}"
            assert view.scroll_target_y == expected, f"after {key!r}"
        # The sidebar highlight did not move while the article had focus.
        assert highlighted_id(app.sidebar) == NEWEST


async def test_tab_moves_focus_between_sidebar_and_article(tmp_path: Path) -> None:
    # An article with no links (and nothing related), so tab in the article goes straight on.
    (tmp_path / "alone.md").write_text("# Alone\n\n" + "A line of text.\n\n" * 60)
    (tmp_path / "other.md").write_text("# Other\n\nNothing in common.\n")
    slug = "alone"
    app = create_app(str(tmp_path), open_slug=slug)
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, slug)
        assert view.document.links == []
        app.sidebar.focus()
        await pilot.pause()
        assert app.focused is app.sidebar
        await pilot.press("tab")
        assert app.focused is view
        await pilot.press("tab")
        assert app.focused is app.sidebar
        await pilot.press("shift+tab")
        assert app.focused is view
        await pilot.press("shift+tab")
        assert app.focused is app.sidebar
        # j now moves the sidebar, not the article.
        index = app.sidebar.highlighted
        assert index is not None
        await pilot.press("j")
        assert app.sidebar.highlighted == index + 1
        assert view.scroll_y == 0


async def test_tab_in_an_article_with_links_reaches_the_sidebar_after_the_links(
    articles_dir: Path,
) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        links = len(view.document.links)
        assert links > 0
        app.sidebar.focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is view
        presses = 0
        while app.focused is view and presses <= links + 1:
            await pilot.press("tab")
            presses += 1
        assert app.focused is app.sidebar
        assert presses <= links + 1
        assert app.article_view.slug == NEWEST


async def test_resize_keeps_the_same_paragraph_at_the_top(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        layout = view.text_layout
        assert layout is not None
        # Put the first line of a paragraph in the middle of the article at the top...
        middle = len(layout.block_starts) // 2
        start = layout.block_starts[middle]
        assert 0 < start < view.max_scroll_y
        view.focus()
        await pilot.press("space")
        assert 0 < view.scroll_y < start
        view.scroll_to(y=start, animate=False)
        await pilot.pause()
        assert view.scroll_y == start
        before = view.location()
        assert before is not None
        assert (before.block, before.offset) == (middle, 0)
        old_width = layout.width

        await pilot.resize_terminal(*SMALL)
        await wait_until(pilot, lambda: app.size == SMALL, "the app to be 80x24")
        await settle(pilot)
        layout = view.text_layout
        assert layout is not None
        assert layout.width < old_width, "the article should be laid out again, narrower"
        after = view.location()
        assert after is not None
        assert after.slug == NEWEST
        assert after.block == before.block
        assert view.scroll_y == layout.block_starts[middle]

        await pilot.resize_terminal(*BIG)
        await wait_until(pilot, lambda: app.size == BIG, "the app to be 120x40")
        await settle(pilot)
        assert view.location() == before
        assert view.scroll_y == start


async def test_q_quits(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=BIG) as pilot:
        view = await wait_for_article(pilot, NEWEST)
        # q is an app key: it quits whichever pane has focus.
        view.focus()
        await pilot.pause()
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app to exit")
    assert app.return_code == 0
    assert not app.is_running
