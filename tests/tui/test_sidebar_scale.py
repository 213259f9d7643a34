"""The sidebar with many articles: filled without rendering every prompt, still navigable."""

from __future__ import annotations

from textual.app import App, ComposeResult

from readingroom.core.article import Article
from readingroom.tui.messages import ArticleChosen
from readingroom.tui.reading_memory import Mark
from readingroom.tui.widgets.library_sidebar import (
    OPEN_MARK,
    ROW_LINES,
    ArticleOption,
    LibrarySidebar,
)

COUNT = 5000


class SidebarApp(App[None]):
    """Just the sidebar."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield LibrarySidebar(id="sidebar")

    def on_article_chosen(self, message: ArticleChosen) -> None:
        self.chosen.append(message.slug)


def many() -> list[Article]:
    return [
        Article(slug=f"a{n:05d}", path=f"a{n:05d}.md", title=f"Title\nnumber {n}", tags=("x",))
        for n in range(COUNT)
    ]


def built(sidebar: LibrarySidebar) -> int:
    """How many prompts have been built."""
    return sum(
        1 for option in sidebar.options if isinstance(option, ArticleOption) and option._built
    )


async def test_many_articles_are_listed_lazily_and_navigable() -> None:
    app = SidebarApp()
    async with app.run_test(size=(60, 20)) as pilot:
        sidebar = app.query_one(LibrarySidebar)
        sidebar.focus()
        sidebar.show_articles(many(), None, {"a00002": Mark(read=True)})
        await pilot.pause()
        assert sidebar.option_count == COUNT
        assert sidebar.virtual_size.height == COUNT * ROW_LINES
        assert built(sidebar) < 50  # only what was drawn
        assert sidebar.highlighted_slug == "a00000"
        await pilot.press("end")
        await pilot.pause()
        assert sidebar.highlighted_slug == f"a{COUNT - 1:05d}"
        assert sidebar.scroll_y == sidebar.max_scroll_y > 0
        await pilot.press("pageup", "up")
        await pilot.pause()
        assert sidebar.highlighted is not None and sidebar.highlighted < COUNT - 2
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert app.chosen == ["a00001"]
        assert built(sidebar) < 100


async def test_marks_and_the_open_article_update_one_prompt() -> None:
    app = SidebarApp()
    async with app.run_test(size=(60, 20)) as pilot:
        sidebar = app.query_one(LibrarySidebar)
        sidebar.show_articles(many(), None, {"a00002": Mark(read=True)})
        await pilot.pause()
        assert "✓ read" in str(sidebar.get_option("a00002").prompt)
        # A title with a line break stays on one line: every prompt is ROW_LINES tall.
        assert str(sidebar.get_option("a00003").prompt).count("\n") == ROW_LINES - 1
        sidebar.mark_open("a04000")
        await pilot.pause()
        assert str(sidebar.get_option("a04000").prompt).startswith(OPEN_MARK)
        assert sidebar.highlighted_slug == "a04000"
        sidebar.mark_open("a00001")
        assert not str(sidebar.get_option("a04000").prompt).startswith(OPEN_MARK)
        sidebar.set_mark("a00001", Mark(bookmarked=True))
        assert "★" in str(sidebar.get_option("a00001").prompt)
        sidebar.show_articles(many()[:10], "a00001")
        assert sidebar.highlighted_slug == "a00001"
        assert str(sidebar.get_option("a00001").prompt).startswith(OPEN_MARK + "★")
