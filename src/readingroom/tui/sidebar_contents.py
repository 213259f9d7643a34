"""What the sidebar lists: read and bookmark marks, the unread-only and tag filters, the sort.

A mixin of the reader; the reading state (ReadingMemory) says what is read and bookmarked.
"""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from readingroom.core.library import Library, SortOrder
from readingroom.tui.reading_memory import Mark, ReadingMemory
from readingroom.tui.screens.bookmarks_screen import BookmarksScreen
from readingroom.tui.screens.tags_screen import ALL as ALL_TAGS
from readingroom.tui.screens.tags_screen import TagsScreen
from readingroom.tui.widgets.article_view import ArticleView
from readingroom.tui.widgets.library_sidebar import LibrarySidebar


class SidebarContents(App[None]):
    """A mixin of the reader: marks, filters and the order of the list of articles."""

    library: Library | None
    memory: ReadingMemory | None
    sort_order: SortOrder = SortOrder.NEWEST
    unread_only: bool = False
    tag_filter: str | None = None

    @property
    def sidebar(self) -> LibrarySidebar:
        """The list of articles."""
        return self.query_one(LibrarySidebar)

    @property
    def article_view(self) -> ArticleView:
        """The open article."""
        return self.query_one(ArticleView)

    def _related_chosen(self, slug: str | None) -> None:
        """Open an article chosen in a list (the reader implements it)."""
        raise NotImplementedError

    def action_toggle_read(self) -> None:
        """Mark the open article read or unread."""
        slug = self.article_view.slug
        if slug is not None and self.memory is not None:
            read = self.memory.toggle_read(slug)
            self.sidebar.set_mark(slug, self.memory.mark(slug))
            self.notify("Marked read." if read else "Marked unread.", timeout=2)

    def action_toggle_bookmark(self) -> None:
        """Bookmark the open article, or remove its bookmark."""
        slug = self.article_view.slug
        article = self.library.get(slug) if self.library and slug else None
        if article is not None and self.memory is not None:
            marked = self.memory.toggle_bookmark(article.slug, article.title)
            self.sidebar.set_mark(article.slug, self.memory.mark(article.slug))
            self.notify("Bookmarked." if marked else "Bookmark removed.", timeout=2)

    def action_bookmarks(self) -> None:
        """List the bookmarked articles; enter opens one."""
        if self.library is None or self.memory is None:
            return
        found = [self.library.get(slug) for slug in self.memory.bookmarked()]
        articles = sorted((a for a in found if a is not None), key=lambda a: a.title.casefold())
        self.push_screen(BookmarksScreen(articles), self._related_chosen)

    def action_toggle_unread_only(self) -> None:
        """Show only unread articles in the sidebar, or all of them again."""
        self.unread_only = not self.unread_only
        self._refill_sidebar()
        self.notify("Unread articles only." if self.unread_only else "All articles.", timeout=2)

    def _refill_sidebar(self) -> None:
        if self.library is None:
            return
        last_read = self.memory.last_read() if self.memory else {}
        articles = self.library.sorted(self.sort_order, last_read)
        marks = self.memory.marks() if self.memory else {}
        if self.unread_only:
            articles = [a for a in articles if not marks.get(a.slug, Mark()).read]
        if self.tag_filter is not None:
            wanted = self.tag_filter.casefold()
            articles = [a for a in articles if wanted in {t.casefold() for t in a.tags}]
        self.sidebar.show_articles(articles, self.article_view.slug, marks)
        shown = [f"#{self.tag_filter}"] if self.tag_filter else []
        shown += ["unread"] if self.unread_only else []
        label = self.query_one("#sidebar-filter", Static)
        label.update(f"{' '.join(shown)} · {len(articles)} articles" if shown else "")
        label.set_class(bool(shown), "-visible")

    def action_tags(self) -> None:
        """Pick a tag to show only its articles (or all of them again)."""
        if self.library is not None:
            tags = self.library.tag_counts()
            screen = TagsScreen(tags, self.tag_filter, len(self.library))
            self.push_screen(screen, self._tag_chosen)

    def _tag_chosen(self, tag: str | None) -> None:
        if tag is None:
            return
        self.tag_filter = None if tag == ALL_TAGS else tag
        self._refill_sidebar()
        self.sidebar.focus()

    def action_toggle_sort(self) -> None:
        """Sort the sidebar by date or by title."""
        if self.library is None:
            return
        self.sort_order = self.sort_order.next()
        self._refill_sidebar()
        labels = {SortOrder.NEWEST: "date, newest first", SortOrder.TITLE: "title"}
        self.notify(f"Sorted by {labels.get(self.sort_order, self.sort_order.value)}.", timeout=2)
