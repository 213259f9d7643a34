"""Loading the library for the reader: the catalog's list first, then every file checked, and
the folder watched for changes while the reader runs.

A mixin of the reader (tui/app.py), which opens articles and restores the last session.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from textual import work
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from readingroom.core.article import Article
from readingroom.core.heap import collections_paused
from readingroom.core.library import Library
from readingroom.core.location import Location
from readingroom.core.options import LibraryOptions
from readingroom.store.catalog import Catalog, Progress
from readingroom.store.paths import app_paths
from readingroom.tui.library_watch import watch_library
from readingroom.tui.reading_memory import ReadingMemory
from readingroom.tui.sidebar_contents import SidebarContents
from readingroom.tui.widgets.library_sidebar import ArticleOption, article_options

# How long the check of every file waits for the first screen (the listed catalog and the
# first article) to be painted: the check is a second of CPU at 30,000 articles and would
# otherwise share the one GIL with that paint.
FIRST_SCREEN_WAIT = 1.5
FIRST_LISTING = 0.3
"""Seconds into a first index before the articles read so far are listed."""


class LibraryLoading(SidebarContents):
    """A mixin of the reader: the library listed, checked, watched and reloaded."""

    root: str
    options: LibraryOptions
    restore: bool
    catalog_on_disk: bool
    _open_request: tuple[str | None, str | None]
    _first_screen: threading.Event
    _watch_stop: threading.Event
    _watcher: threading.Thread | None

    def open_article(self, slug: str, *, anchor: str | None = None) -> None:
        """Open an article (the reader implements it)."""
        raise NotImplementedError

    def _restore_session(self, library: Library, memory: ReadingMemory) -> bool:
        """Reopen where the reader left off (the reader implements it)."""
        raise NotImplementedError

    def _load_article(self, article: Article, target: Location) -> None:
        """Lay an article out in a worker and show it (the reader implements it)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="library")
    def _load_library(self, library: Library | None) -> None:
        """Show the library as the catalog knows it at once, then check every file and show
        what changed (a library passed in by the CLI is already checked). Sorting and the
        sidebar's options are made here too: at 30,000 articles they cost a third of a second."""
        if library is not None:
            self.call_from_thread(self._library_ready, *self._listing(library), None)
            library.prepare_lookups()  # safe beside the UI thread: see Library._index
            return
        catalog = Catalog(app_paths().catalog)
        growing = GrowingListing(self)
        try:
            shown = catalog.load_cached(self.root, self.options)
            if shown is not None:
                self.call_from_thread(self._library_ready, *self._listing(shown), None, watch=False)
                self._first_screen.wait(FIRST_SCREEN_WAIT)
                if get_current_worker().is_cancelled:
                    return
                # Watching starts before the check, so no change slips between the two; after
                # the first screen, as watchfiles holds the GIL while it adds a watch to every
                # folder (0.1 s for 31,000 files in 353 folders).
                self.call_from_thread(self._watch_library, shown.root)
            library = catalog.load_library(
                self.root,
                self._indexing_progress(),
                self.options,
                listed=growing if shown is None else None,
            )
        finally:
            catalog.close()
        self.catalog_on_disk = catalog.path is not None
        library.prepare_lookups()
        if shown is not None:
            self.call_from_thread(self._library_checked, shown, library, catalog.notice)
        elif growing.memory is not None:
            moved = growing.memory.follow_renames(library)
            self.call_from_thread(self._library_indexed, library, moved, catalog.notice)
        else:
            self.call_from_thread(self._library_ready, *self._listing(library), catalog.notice)

    def _listing(
        self, library: Library, *, complete: bool = True
    ) -> tuple[Library, ReadingMemory, list[Article], list[ArticleOption]]:
        """In the worker: the reading state, the sorted articles and the sidebar's options
        (`complete`: False for the part of a library listed while it is indexed)."""
        memory = ReadingMemory.load(library, complete=complete)
        with collections_paused():
            articles = library.sorted(self.sort_order, memory.last_read())
            options = article_options(articles, None, memory.marks())
        return library, memory, articles, options

    def _indexing_progress(self) -> Progress:
        """A progress callback for the worker: shows a bar once indexing takes a while."""
        started = time.monotonic()
        shown = 0.0

        def progress(count: int, total: int, path: str) -> None:
            nonlocal shown
            now = time.monotonic()
            if now - started > 0.3 and now - shown > 0.1:
                shown = now
                self.call_from_thread(self._show_indexing, count, total)

        return progress

    def _show_indexing(self, count: int, total: int) -> None:
        """Show how far indexing is, above the list (the bar is made the first time: until it
        has a total, a progress bar animates 15 times a second, hidden or not)."""
        bars = self.query("#indexing").results(ProgressBar)
        bar = next(bars, None)
        if bar is None:
            bar = ProgressBar(total=total, id="indexing", show_eta=False)
            self.query_one("#library-pane").mount(bar, before=0)
        bar.add_class("-visible")
        bar.update(total=total, progress=count)

    def _hide_indexing(self) -> None:
        self.query("#indexing").remove()

    def _library_ready(
        self,
        library: Library,
        memory: ReadingMemory,
        articles: list[Article],
        options: list[ArticleOption],
        notice: str | None,
        *,
        watch: bool = True,
        complete: bool = True,
    ) -> None:
        if complete:
            self._hide_indexing()
        self.library = library
        if watch:
            self._watch_library(library.root)
        self.memory = memory
        for problem in (memory.notice,):
            if problem:
                self.notify(problem, severity="warning", markup=False)
        self._report(library, notice)
        self.sidebar.show_options(options, None, memory.marks())
        # The list is painted first; the article's worker (which loads the parser on its first
        # run) starts after that frame rather than competing with it for the GIL.
        self.call_after_refresh(self._open_first, library, memory, articles, complete)

    def _library_grew(self, library: Library) -> None:
        """More of a library being indexed: list it, and open the article asked for if it has
        come."""
        self.library = library
        self._refill_sidebar()
        if self.memory is not None:
            self.call_after_refresh(self._open_first, library, self.memory, [], False)

    def _library_indexed(
        self, library: Library, moved: list[tuple[str, str]], notice: str | None
    ) -> None:
        """The whole library, after parts of it were listed while it was indexed."""
        self._hide_indexing()
        if self.memory is not None:
            self.memory.apply_renames(moved)
        self.library = library
        self._watch_library(library.root)
        self._report(library, notice)
        self._refill_sidebar()
        if self.memory is not None:
            first = self.sidebar.get_option_at_index(0).id if self.sidebar.option_count else None
            listed = [library.articles[first]] if first in library.articles else []
            self.call_after_refresh(self._open_first, library, self.memory, listed)

    def _open_first(
        self,
        library: Library,
        memory: ReadingMemory,
        articles: list[Article],
        complete: bool = True,
    ) -> None:
        """Open what the command line asked for, else where the reader left off, else the
        first article listed (unless the reader has opened one meanwhile). While the library
        is indexed (not `complete`), only the article asked for or left off, once it is in."""
        if self.article_view.slug is not None or self.library is not library:
            self._first_screen.set()
            return
        slug, anchor = self._open_request
        if not complete:
            wanted = slug or (memory.session[0] if self.restore and memory.session else None)
            if wanted is None or library.get(wanted) is None:
                return
        if slug is None and self.restore and self._restore_session(library, memory):
            return
        if slug is not None:
            article = library.get(slug)
            if article is None:
                self.notify(f"No article {slug!r} in this library.", severity="error", markup=False)
            else:
                self.open_article(article.slug, anchor=anchor)
                self.article_view.focus()
                return
        if articles:
            self.open_article(articles[0].slug)
        else:
            self._first_screen.set()
            self.notify(f"No Markdown articles in {self.root}.", severity="warning", markup=False)

    def _report(self, library: Library, notice: str | None) -> None:
        """Say what went wrong while loading: the catalog's notice, the files skipped."""
        if notice:
            self.notify(notice, severity="warning", markup=False)
        if library.problems:
            first = library.problems[0]
            more = f" (and {len(library.problems) - 1} more)" if len(library.problems) > 1 else ""
            self.notify(f"{first.path}: {first.reason}{more}", title="Skipped", markup=False)

    def _library_checked(self, shown: Library, library: Library, notice: str | None) -> None:
        """Every file checked after showing the catalog's library: show what changed."""
        self._hide_indexing()
        self._report(library, notice)
        before = {a.path: a.digest for a in shown.articles.values()}
        after = {a.path: a.digest for a in library.articles.values()}
        changed = {
            os.path.join(library.root, path)
            for path in before.keys() ^ after.keys()
            | {p for p in before.keys() & after.keys() if before[p] != after[p]}
        }
        if changed:
            self._library_reloaded(library, changed)
        else:
            self.library = library

    def _watch_library(self, root: str) -> None:
        """Watch the folder from a daemon thread for as long as the reader runs (not a
        worker: it never finishes, and workers are for work that does)."""
        if self._watcher is None:
            self._watcher = threading.Thread(
                target=self._watch, args=(root,), name="readingroom-watch", daemon=True
            )
            self._watcher.start()

    def _watch(self, root: str) -> None:
        try:
            watch_library(root, self._watch_stop, self._files_changed)
        except (OSError, RuntimeError) as exc:  # no inotify, too many watches, ...
            if not self._watch_stop.is_set():
                self.call_from_thread(
                    self.notify, f"Live reload is off: {exc}", severity="warning", markup=False
                )

    def reload_files(self, paths: set[str]) -> None:
        """Bring the library up to date after these files changed (after `e`, say)."""
        self._reload_worker(paths)

    @work(thread=True, group="reload")
    def _reload_worker(self, paths: set[str]) -> None:
        self._files_changed(paths)

    def _files_changed(self, paths: set[str]) -> None:
        """In the watcher thread: bring the catalog up to date and hand the library over as
        soon as its articles are (the related edges follow: at 30,000 articles they take
        longer than the rest); the open article, if it changed, is shown again after them,
        so its related articles are the new ones."""
        catalog = Catalog(app_paths().catalog)
        shown: list[Library] = []

        def ready(library: Library) -> None:
            shown.append(library)
            self._hand_over(self._library_reloaded, library, paths)

        try:
            library = catalog.load_library(
                self.root, options=self.options, ready=ready, touched=paths
            )
        finally:
            catalog.close()
        if not shown:
            self._hand_over(self._library_reloaded, library, paths)
        else:
            self._hand_over(self._related_updated, library, paths)

    def _hand_over(self, method: Callable[[Library, set[str]], None], *args: Any) -> None:
        if not self._watch_stop.is_set():
            # The reader may quit between the check and the call: then there is nothing to do.
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(method, *args)

    def _related_updated(self, library: Library, paths: set[str]) -> None:
        """The related edges of a reload are written: show the open article again if it was
        among the changed files (its related articles at the end may differ now)."""
        view = self.article_view
        article = library.get(view.slug) if view.slug is not None else None
        if self.library is library and article is not None and article.path in paths:
            self._load_article(article, view.location() or Location(article.slug))

    def _library_reloaded(self, library: Library, paths: set[str]) -> None:
        """Show added, removed and renamed articles; re-render the open one in place."""
        previous = self.library
        self.library = library
        self._refill_sidebar()
        view = self.article_view
        if view.slug is None:
            return
        article = library.get(view.slug)
        if article is None:
            self.notify(f"{view.slug} was removed or renamed.", severity="warning", markup=False)
            return
        before = previous.get(view.slug) if previous else None
        if article.path in paths or before is None or before.digest != article.digest:
            here = view.location()
            self._load_article(article, here or Location(article.slug))


class GrowingListing:
    """While a library is indexed for the first time, the articles read so far are listed,
    and the reader can open one: first after FIRST_LISTING seconds, then each time the index
    has run as long again (the 30,000-article index relists six or seven times, not at each
    of its 30 batches: a relist is a sort and a new sidebar)."""

    def __init__(self, reader: LibraryLoading) -> None:
        self._reader = reader
        self._started = time.monotonic()
        self._next = self._started + FIRST_LISTING
        self.memory: ReadingMemory | None = None
        """The reading state, from the first listing on."""

    def __call__(self, root: str, articles: list[Article]) -> None:
        """In the library worker, after a batch of articles was written to the catalog."""
        now = time.monotonic()
        if now < self._next or not articles:
            return
        reader = self._reader
        library = Library.from_articles(
            root,
            list(articles),
            slug_patterns=reader.options.slug_patterns,
            site_prefixes=reader.options.site_prefixes,
        )
        if self.memory is None:
            listing = reader._listing(library, complete=False)
            self.memory = listing[1]
            reader.call_from_thread(
                reader._library_ready, *listing, None, watch=False, complete=False
            )
        else:
            reader.call_from_thread(reader._library_grew, library)
        self._next = time.monotonic() + max(FIRST_LISTING, now - self._started)
