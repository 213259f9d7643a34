"""The reader's memory of what was read: positions, read marks, bookmarks, session, history.

A thin layer over store.reading_state for the app. Reads happen once, in the library worker;
every write goes to one background thread, in order, so a keypress never waits on the disk
(a write held by another reader's lock can take seconds).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from readingroom.core.library import Library
from readingroom.core.location import ReadingPosition
from readingroom.store.paths import app_paths
from readingroom.store.reading_state import ArticleState, ReadingState, state_path

HistoryEntry = tuple[str, ReadingPosition | None]


@dataclass(frozen=True, slots=True)
class Mark:
    """What the sidebar shows for an article: read or not, how far, bookmarked."""

    read: bool = False
    percent: int = 0
    bookmarked: bool = False


class ReadingMemory:
    """Reading state of one library, cached for the UI thread, written in the background."""

    def __init__(self, state: ReadingState, root: str) -> None:
        self._state = state
        self.root = root
        self.articles: dict[str, ArticleState] = {}
        self.session: HistoryEntry | None = None
        self.history: tuple[list[HistoryEntry], int] = ([], -1)
        self.renamed: list[tuple[str, str]] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readingroom-state")

    @classmethod
    def load(
        cls, library: Library, *, in_memory: bool = False, complete: bool = True
    ) -> ReadingMemory:
        """Open the state and read everything the reader needs at start (call in a worker).
        The state of renamed articles follows them only from a `complete` library: in part of
        one (while it is indexed) every article not read yet would look deleted."""
        state = ReadingState.open(None if in_memory else state_path(app_paths()))
        memory = cls(state, library.root)
        if complete:
            digests = {slug: article.digest for slug, article in library.articles.items()}
            memory.renamed = state.follow_renames(library.root, digests)
        memory.articles = state.article_states(library.root)
        memory.session = state.session(library.root)
        memory.history = state.history(library.root)
        return memory

    def follow_renames(self, library: Library) -> list[tuple[str, str]]:
        """Move the state of renamed articles to their new slugs, once the whole library is
        known (in a worker: it waits for the writes queued before it); (old, new) slugs."""
        digests = {slug: article.digest for slug, article in library.articles.items()}
        try:
            return self._writer.submit(self._state.follow_renames, self.root, digests).result()
        except RuntimeError:  # closed: the reader quit while the library was indexed
            return []

    def apply_renames(self, moved: list[tuple[str, str]]) -> None:
        """Show what follow_renames moved (on the UI thread)."""
        self.renamed += moved
        for old, new in moved:
            known = self.articles.pop(old, None)
            if known is not None:
                self.articles[new] = replace(known, slug=new)
            if self.session is not None and self.session[0] == old:
                self.session = (new, self.session[1])
            entries, index = self.history
            self.history = ([(new if s == old else s, p) for s, p in entries], index)

    @property
    def notice(self) -> str | None:
        """The latest problem with the state database (set aside, read-only...), if any."""
        return self._state.notice

    def mark(self, slug: str) -> Mark:
        """The sidebar mark of an article."""
        known = self.articles.get(slug)
        if known is None:
            return Mark()
        return Mark(known.read, known.percent, known.bookmarked)

    def marks(self) -> dict[str, Mark]:
        """Marks of every article with state."""
        return {slug: self.mark(slug) for slug in self.articles}

    def last_read(self) -> dict[str, float]:
        """When each article was last opened (for sorting by recently read)."""
        return {
            slug: known.last_opened
            for slug, known in self.articles.items()
            if known.last_opened is not None
        }

    def position(self, slug: str) -> ReadingPosition | None:
        """Where the reader left this article."""
        known = self.articles.get(slug)
        return known.position if known else None

    def _known(self, slug: str) -> ArticleState:
        return self.articles.get(slug) or ArticleState(slug, False, False, 0, None, None, None)

    def opened(self, slug: str, digest: str) -> None:
        """Record that an article was opened."""
        now = time.time()
        known = self._known(slug)
        self.articles[slug] = replace(
            known, first_opened=known.first_opened or now, last_opened=now
        )
        self._writer.submit(self._state.record_opened, self.root, slug, digest, now)

    def save_position(self, slug: str, position: ReadingPosition) -> bool:
        """Keep the position (and mark the article read when its end was reached); True when
        the read mark changed."""
        known = self._known(slug)
        became_read = position.percent >= 100 and not known.read
        self.articles[slug] = replace(
            known, position=position, percent=position.percent, read=known.read or became_read
        )
        self._writer.submit(self._state.save_position, self.root, slug, position)
        self._writer.submit(self._state.save_session, self.root, slug, position)
        if became_read:
            self._writer.submit(self._state.set_read, self.root, slug, True)
        return became_read

    def toggle_read(self, slug: str) -> bool:
        """Mark read or unread; returns the new state."""
        known = self._known(slug)
        self.articles[slug] = replace(known, read=not known.read)
        self._writer.submit(self._state.set_read, self.root, slug, not known.read)
        return not known.read

    def toggle_bookmark(self, slug: str, title: str) -> bool:
        """Bookmark or unbookmark; returns the new state."""
        known = self._known(slug)
        self.articles[slug] = replace(known, bookmarked=not known.bookmarked)
        self._writer.submit(self._state.toggle_bookmark, self.root, slug, title)
        return not known.bookmarked

    def bookmarked(self) -> list[str]:
        """Slugs of the bookmarked articles."""
        return [slug for slug, known in self.articles.items() if known.bookmarked]

    def save_history(self, entries: list[HistoryEntry], index: int) -> None:
        """Keep the back/forward history."""
        self.history = (entries, index)
        self._writer.submit(self._state.save_history, self.root, list(entries), index)

    def close(self) -> None:
        """Finish every pending write, then close the database."""
        self._writer.shutdown(wait=True)
        self._state.close()
