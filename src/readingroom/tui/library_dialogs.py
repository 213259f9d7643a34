"""The library's dialogs: related articles (`r`) and search (`s`), looked up in workers;
the article chosen in them is opened. A mixin of the reader (tui/app.py)."""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from readingroom.core.library import Library
from readingroom.core.query import SearchQuery
from readingroom.core.related import RelatedEntry
from readingroom.store.catalog import Catalog
from readingroom.store.paths import app_paths
from readingroom.store.search import SearchHit
from readingroom.tui.related_lookup import related_entries
from readingroom.tui.screens.related_screen import RelatedScreen
from readingroom.tui.screens.search_screen import SearchChoice, SearchScreen
from readingroom.tui.sidebar_contents import SidebarContents
from readingroom.tui.widgets.find_bar import FindBar

SEARCH_LIMIT = 50
"""Results the search dialog shows."""


class LibraryDialogs(SidebarContents):
    """A mixin of the reader: the related and search dialogs."""

    root: str
    catalog_on_disk: bool
    _pending_find: str | None

    def open_article(self, slug: str) -> None:
        """Open an article (the reader implements it)."""
        raise NotImplementedError

    def action_related(self) -> None:
        """List the open article's related articles (found in a worker)."""
        slug = self.article_view.slug
        if slug is not None and self.library is not None:
            self._related_worker(self.library, slug)

    @work(thread=True, exclusive=True, group="related")
    def _related_worker(self, library: Library, slug: str) -> None:
        entries = related_entries(library, slug, use_catalog=self.catalog_on_disk)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_related, library, slug, entries)

    def _show_related(self, library: Library, slug: str, entries: list[RelatedEntry]) -> None:
        if self.article_view.slug != slug or isinstance(self.screen, RelatedScreen):
            return
        article = library.get(slug)
        title = article.title if article else slug
        self.push_screen(RelatedScreen(title, library, entries), self._related_chosen)

    def _related_chosen(self, slug: str | None) -> None:
        if slug is not None:
            self.open_article(slug)
            self.article_view.focus()

    def action_search(self) -> None:
        """Search the whole library; enter opens the article at the first match."""
        if self.library is None:
            return
        if not self.catalog_on_disk:
            self.notify("Search needs the catalog, which could not be opened.", severity="error")
            return
        self.push_screen(SearchScreen(self._search_catalog), self._search_chosen)

    def _search_catalog(self, query: SearchQuery) -> list[SearchHit]:
        """Run one search (called from the search screen's worker thread)."""
        root = self.library.root if self.library else self.root
        catalog = Catalog(app_paths().catalog)
        try:
            return catalog.search(root, query, SEARCH_LIMIT)
        finally:
            catalog.close()

    def _search_chosen(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return
        self._pending_find = choice.words[0] if choice.words else None
        if self.article_view.slug == choice.slug:
            self._pending_find = None
            if choice.words:
                self.query_one(FindBar).add_class("-visible")
                self.query_one(FindBar).input.value = choice.words[0]
        self.open_article(choice.slug)
        self.article_view.focus()
