"""The links of the article view: the cursor (tab / shift+tab, enter) and hints (`f`, then a
label). A mixin of ArticleView, over its find (tui/widgets/article_find.py): the view lays out
and paints, this moves among the links it laid out.
"""

from __future__ import annotations

from textual import events

from readingroom.core.hints import HintSession
from readingroom.render.blocks import Document
from readingroom.render.link_nav import step_link, visible_links
from readingroom.tui.widgets.article_find import ArticleFind


class ArticleLinks(ArticleFind):
    """The link cursor and link hints of the article view (a mixin)."""

    document: Document
    _cursor_link: int | None
    _hints: HintSession | None
    _hint_lines: dict[int, int]

    def _follow(self, href: str) -> None:
        """Tell the reader a link was followed (the view implements it)."""
        raise NotImplementedError

    @property
    def cursor_link(self) -> int | None:
        """The index of the link under the keyboard cursor, if any."""
        return self._cursor_link

    def _move_cursor(self, step: int) -> bool:
        layout = self._layout
        if layout is None:
            return False
        top, height = int(self.scroll_y), self.size.height
        target = step_link(layout, self._cursor_link, step, top, height)
        self._cursor_link = target
        if target is not None:
            self._ensure_visible(layout.link_lines[target])
        self._repaint()
        return target is not None

    def action_next_link(self) -> None:
        """Move the link cursor to the next link; past the last, move focus on."""
        if not self._move_cursor(1):
            self.screen.focus_next()

    def action_previous_link(self) -> None:
        """Move the link cursor to the previous link; before the first, move focus back."""
        if not self._move_cursor(-1):
            self.screen.focus_previous()

    def action_follow_link(self) -> None:
        """Follow the link under the cursor."""
        if self._cursor_link is not None and self._cursor_link < len(self.document.links):
            self._follow(self.document.links[self._cursor_link])

    def action_show_hints(self) -> None:
        """Label every visible link; typing a label follows it, anything else cancels."""
        layout = self._layout
        top = int(self.scroll_y)
        links = visible_links(layout, top, self.size.height) if layout else []
        if layout is None or not links:
            self.notify("No links on screen.", timeout=2)
            return
        # One label per link, on its first line on screen (a link wrapped from above the
        # pane is labelled on the top line).
        self._hint_lines = {link: max(layout.link_lines.get(link, top), top) for link in links}
        self._hints = HintSession(links)
        self._repaint()

    @property
    def hints(self) -> dict[str, int]:
        """The link-hint labels on screen (label to link index), empty when hints are off."""
        return dict(self._hints.labels) if self._hints else {}

    def _cancel_hints(self) -> None:
        if self._hints is not None:
            self._hints = None
            self._repaint()

    def on_key(self, event: events.Key) -> None:
        """While hints are shown, letters pick a label and anything else cancels them;
        escape also drops the link cursor."""
        if self._hints is None:
            if event.key == "escape" and self._cursor_link is not None:
                event.stop()
                self._cursor_link = None
                self._repaint()
            elif event.key == "escape" and self._find.query:
                event.stop()
                self.clear_find()
            return
        event.stop()
        event.prevent_default()
        result = self._hints.feed(event.character or "")
        if result is True:
            return
        self._cancel_hints()
        if result is not False:
            self._cursor_link = result
            self.action_follow_link()
