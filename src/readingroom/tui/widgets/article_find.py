"""Find in the article view (`/`, `n`, `N`): every match highlighted, the current one shown.

A mixin of ArticleView: the view lays out and paints, this finds. Long articles are searched
in a worker, after a pause in typing, so the reader keeps answering keys.
"""

from __future__ import annotations

from functools import partial

from textual import work
from textual.scroll_view import ScrollView
from textual.timer import Timer
from textual.worker import get_current_worker

from readingroom.render.find import FindResult, FindState, FoldedText, compute_find
from readingroom.render.layout import Layout

# Longer articles are searched by `/` in a worker: folding and matching a 10 MiB article
# (216,000 lines at 80 columns) held the UI thread for 0.4-0.7 s at each key typed.
SYNC_FIND_LINES = 20_000
FIND_PAUSE = 0.15  # seconds without a key typed before a long article is searched


class ArticleFind(ScrollView):
    """The find of the article view (a mixin; the view owns the layout and the painting)."""

    _layout: Layout | None
    _find: FindState
    _find_timer: Timer | None

    def _find_changed(self) -> None:
        """Say the new count and repaint the highlights (the view implements it)."""
        raise NotImplementedError

    def _ensure_visible(self, line: int) -> None:
        """Scroll so that `line` is in view (the view implements it)."""
        raise NotImplementedError

    def _repaint(self) -> None:
        """Paint every line again (the view implements it)."""
        raise NotImplementedError

    def set_query(self, query: str, *, reveal: bool = False) -> None:
        """Highlight every match of `query` (plain text, any case); the current one is the
        first at or below the top of the pane, scrolled into view with `reveal`. A long
        article is searched in a worker (the count says "finding…" meanwhile)."""
        layout = self._layout
        top = int(self.scroll_y)
        if layout is None or not query or len(layout.lines) <= SYNC_FIND_LINES:
            self._find.search(layout, query, top)
            self._find_changed()
            if reveal:
                self.show_current_match()
            return
        self._find.wait_for(query)
        self._find_changed()
        if self._find_timer is not None:
            self._find_timer.stop()
        # Typing goes on: only the query the reader pauses on is searched.
        self._find_timer = self.set_timer(
            FIND_PAUSE, partial(self._find_in_background, layout, query, top, reveal)
        )

    @work(thread=True, exclusive=True, group="find")
    def _find_in_background(self, layout: Layout, query: str, top: int, reveal: bool) -> None:
        worker = get_current_worker()
        folded = self._find.folded_for(layout)
        if folded is None:  # once per layout (0.4 s at 10 MiB), kept even if the query changes
            folded = FoldedText(layout)
            self.app.call_from_thread(self._find.keep_folded, folded)
        result = compute_find(layout, query, folded, lambda: worker.is_cancelled)
        if result is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._found, result, top, reveal)

    def _found(self, result: FindResult, top: int, reveal: bool) -> None:
        if result.layout is self._layout and self._find.adopt(result, top):
            self._find_changed()
            if reveal:
                self.show_current_match()

    def clear_find(self) -> None:
        """Stop highlighting matches."""
        if self._find_timer is not None:
            self._find_timer.stop()
        self._find.clear()
        self._find_changed()

    @property
    def find_query(self) -> str:
        """What the find is looking for ("" when no find is active)."""
        return self._find.query

    @property
    def has_matches(self) -> bool:
        """True when a find is active and found something."""
        return bool(self._find.matches)

    def show_current_match(self) -> None:
        """Scroll the current match into view."""
        current = self._find.current
        if current is not None:
            self._ensure_visible(current.line)
            self._repaint()

    def action_find_next(self) -> None:
        """Go to the next match, wrapping around at the end."""
        if self._find.step(backwards=False) is not None:
            self._find_changed()
            self.show_current_match()

    def action_find_previous(self) -> None:
        """Go to the previous match, wrapping around at the start."""
        if self._find.step(backwards=True) is not None:
            self._find_changed()
            self.show_current_match()
