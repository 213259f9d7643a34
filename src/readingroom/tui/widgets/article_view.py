"""The article pane: a laid-out document painted line by line on a ScrollView.

Only the visible lines are turned into strips, so a long article costs no more to paint than a
short one. Styles come from component classes whose colours are theme variables. The view also
keeps the reader's in-article state: find matches (tui/widgets/article_find.py), the link
cursor (tab / shift+tab) and link hints (`f`, tui/widgets/article_links.py).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.worker import get_current_worker

from readingroom.core.hints import HintSession
from readingroom.core.location import Location
from readingroom.render import give_way
from readingroom.render.blocks import Document, Paragraph
from readingroom.render.find import FindState
from readingroom.render.layout import MEASURE, Layout, layout_document
from readingroom.render.progressive import building
from readingroom.render.runs import Roles, Run
from readingroom.tui.commands import ARTICLE_COMMANDS, bindings
from readingroom.tui.widgets.article_find import SYNC_FIND_LINES
from readingroom.tui.widgets.article_links import ArticleLinks
from readingroom.tui.widgets.article_styles import ARTICLE_CSS, ROLES
from readingroom.tui.widgets.line_painter import Overlays, paint_line

MARGIN = 2
SYNC_RELAYOUT_LINES = 5000  # longer articles reflow in a worker on resize
EMPTY = Document([Paragraph([Run("Choose an article from the sidebar.", ("meta",))])], [])


class ArticleView(ArticleLinks, can_focus=True):
    """Shows one article, laid out at the pane width (at most MEASURE columns)."""

    @dataclass
    class Moved(Message):
        """The reader scrolled: how far through (0-100) and the current section's heading."""

        percent: int
        section: str | None

    @dataclass
    class LinkFollowed(Message):
        """The reader followed a link of the article (enter on the cursor, or a hint)."""

        href: str

    @dataclass
    class FindStatus(Message):
        """Find results changed: the current match (1-based, 0 when none) and the total."""

        current: int
        total: int

    BINDINGS = bindings(ARTICLE_COMMANDS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"article-view--{role}" for role in ROLES}
    DEFAULT_CSS = ARTICLE_CSS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document = EMPTY
        self.slug: str | None = None
        self._layout: Layout | None = None
        self._styles: dict[Roles, Style] = {}
        self._role_styles: dict[str, Style] = {}
        self._strips: dict[int, Strip] = {}
        self._find = FindState()
        self._find_timer: Timer | None = None
        self._cursor_link: int | None = None
        self._hints: HintSession | None = None
        self._hint_lines: dict[int, int] = {}  # link: the line its label is drawn on
        self.complete = True
        self._shown_at: Location | None = None
        # Where G left the reader in a long article still being laid out: the end, for now.
        # While they stay there, each later part of the article takes them to its new end.
        self._bottom_at: Location | None = None
        self.wrap_code = True
        self.wrap_width = 0  # the config file's wrap_width: 0 is MEASURE

    def on_mount(self) -> None:
        """Workers that build long articles give way to this event loop when it is busy."""
        give_way.attach(asyncio.get_running_loop())

    # -- content ---------------------------------------------------------------------------

    def show(
        self,
        slug: str | None,
        document: Document,
        location: Location | None = None,
        *,
        layout: Layout | None = None,
        complete: bool = True,
    ) -> None:
        """Show a document at a saved position or heading, or at the top.

        `layout` is the document already laid out (by a worker). When the first part of a long
        article was shown (`complete=False`) and the rest arrives, the reader's position is
        kept if they moved meanwhile.
        """
        to_bottom = False
        if slug is not None and slug == self.slug and not self.complete:
            here = self.location()
            to_bottom = self._bottom_at is not None and here == self._bottom_at
            if here != self._shown_at:
                location = here
        else:
            self._cursor_link = None
        self._bottom_at = None
        self.slug = slug
        self.document = document
        self.complete = complete
        self._layout = layout
        self._cancel_hints()
        if layout is not None:
            self._strips.clear()
            self.virtual_size = self._virtual_size(layout)
        if layout is None or self._fits(layout):
            self._relayout()
        else:
            self._relayout_in_background(document, self.measure(), self.wrap_code)
        if to_bottom:
            self.scroll_to_line(
                max(0, len(self._layout.lines) - self.size.height) if self._layout else 0
            )
            if not complete:
                self._bottom_at = self.location()
        else:
            self.go_to(location)
        self._shown_at = self.location()
        if self._find.query:
            self.set_query(self._find.query)
        self._post_moved()

    def go_to(self, location: Location | None) -> None:
        """Scroll to a location of the current document (immediately, without animation)."""
        layout = self._layout
        if layout is None:
            return
        line = 0
        if location is not None:
            if location.saved is not None and location.anchor is None:
                line = layout.line_for_position(location.saved)
            elif location.anchor:
                found = layout.line_for_anchor(location.anchor)
                if found is None:
                    self.notify(
                        f"No heading #{location.anchor} in this article.",
                        severity="warning",
                        markup=False,
                    )
                line = found or 0
            elif layout.block_starts:
                block = min(location.block, len(layout.block_starts) - 1)
                start = layout.block_starts[block]
                end = (
                    layout.block_starts[block + 1]
                    if block + 1 < len(layout.block_starts)
                    else len(layout.lines)
                )
                line = start + min(location.offset, max(0, end - start - 1))
        self.scroll_to_line(line)

    def scroll_to_line(self, line: int) -> None:
        """Put `line` at the top of the pane (as far as the end allows), without animation.

        Right after new content arrives Textual has not yet switched the scrollbar on and
        drops a scroll past the old end, so the scroll is made again after the next refresh.
        """
        self.scroll_to(y=line, animate=False, immediate=True)
        if int(self.scroll_y) != line:
            self.call_after_refresh(self._settle_scroll, line, self.document, 10)

    def _settle_scroll(self, line: int, document: Document, tries: int) -> None:
        if document is not self.document:
            return
        if not self.allow_vertical_scroll and tries > 0:
            self.call_after_refresh(self._settle_scroll, line, document, tries - 1)
            return
        self.scroll_to(y=line, animate=False, immediate=True)
        self._shown_at = self.location()

    def location(self) -> Location | None:
        """Where the reader is now: the block at the top line and the offset into it."""
        layout = self._layout
        if self.slug is None or layout is None or not layout.lines:
            return None
        top = min(int(self.scroll_y), len(layout.lines) - 1)
        block = layout.lines[top].block
        saved = layout.position_at(top, self.percent)
        return Location(self.slug, block, top - layout.block_starts[block], saved=saved)

    @property
    def percent(self) -> int:
        """How far through the article the top of the pane is (100 at the end)."""
        if self.max_scroll_y <= 0:
            return 100
        return round(100 * self.scroll_y / self.max_scroll_y)

    @property
    def text_layout(self) -> Layout | None:
        """The current layout (None before the first paint)."""
        return self._layout

    def measure(self) -> int:
        """The width articles are laid out at: the pane less margins, at most MEASURE (or the
        configured wrap_width)."""
        return max(8, min(self.wrap_width or MEASURE, self.size.width - 2 * MARGIN))

    def _fits(self, layout: Layout) -> bool:
        return layout.width == self.measure() and layout.wrap_code == self.wrap_code

    def _virtual_size(self, layout: Layout) -> Size:
        width = self.scrollable_content_region.width
        if layout.overflow_width:
            width = max(width, layout.overflow_width + 2 * MARGIN)
        return Size(width, len(layout.lines))

    def _relayout(self) -> None:
        width = self.measure()
        if self._layout is not None and self._fits(self._layout):
            return
        if self._layout is not None and len(self._layout.lines) > SYNC_RELAYOUT_LINES:
            self._relayout_in_background(self.document, width, self.wrap_code)
            return
        self._install(layout_document(self.document, width, wrap_code=self.wrap_code))

    @work(thread=True, exclusive=True, group="relayout")
    def _relayout_in_background(self, document: Document, width: int, wrap_code: bool) -> None:
        with building():
            layout = layout_document(document, width, wrap_code=wrap_code)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._relayout_done, document, layout)

    def _relayout_done(self, document: Document, layout: Layout) -> None:
        if document is self.document and self._fits(layout):
            self._install(layout)

    def _install(self, layout: Layout) -> None:
        """Use a new layout of the current document, keeping the reader's place."""
        keep = self.location() if self._layout is not None else None
        self._layout = layout
        self._strips.clear()
        self.virtual_size = self._virtual_size(layout)
        if self._find.query and len(layout.lines) <= SYNC_FIND_LINES:
            self._find.refresh(layout, int(self.scroll_y))
            self.post_message(self.FindStatus(*self._find.status()))
        if keep is not None:
            self.go_to(keep)
        if self._find.query and len(layout.lines) > SYNC_FIND_LINES:
            self.set_query(self._find.query)  # in a worker, from the top line kept
        self.refresh()

    def on_resize(self) -> None:
        """Lay the article out again for the new width, keeping the reader's place."""
        if self.size.width:
            self._relayout()
            self._strips.clear()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: rebuild styles and repaint."""
        super().notify_style_update()
        self._styles.clear()
        self._role_styles.clear()
        self._strips.clear()

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        """Sideways scrolling (unwrapped code) repaints every line."""
        super().watch_scroll_x(old_value, new_value)
        self._strips.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Tell the app how far through the article the reader is."""
        super().watch_scroll_y(old_value, new_value)
        self._post_moved()

    def _post_moved(self) -> None:
        layout = self._layout
        if layout is None:
            return
        top = self.scroll_y
        percent = self.percent
        heading = layout.heading_at(int(top))
        section = layout.headings[heading].text if heading is not None else None
        self.post_message(self.Moved(percent, section))

    # -- painting --------------------------------------------------------------------------

    def _style(self, roles: Roles) -> Style:
        """The style of text with `roles` (cached, and so is each role's own part: computing
        one walks the DOM and the CSS, and the first repaint after the cache was cleared,
        on focus or a theme change, needs dozens of combinations)."""
        style = self._styles.get(roles)
        if style is None:
            style = self._styles.get(()) or self.rich_style
            self._styles[()] = style
            for role in roles:
                own = self._role_styles.get(role)
                if own is None:
                    own = self._role_styles[role] = self._role_style(role)
                style += own
            self._styles[roles] = style
        return style

    def _role_style(self, role: str) -> Style:
        """What one role changes: its own attributes, with colours taken from the full style
        (a partial style would lose the blending of translucent theme colours like $boost)."""
        name = f"article-view--{role}"
        own = self.get_component_rich_style(name, partial=True)
        full = self.get_component_rich_style(name)
        return own + Style(
            color=full.color if own.color is not None else None,
            bgcolor=full.bgcolor if own.bgcolor is not None else None,
        )

    def _overlays(self, index: int) -> Overlays | None:
        ranges = self._find.ranges_on(index)
        if ranges is None and self._cursor_link is None and self._hints is None:
            return None
        overlays = Overlays(ranges or [], self._cursor_link)
        if self._hints is not None:
            overlays.hints = {
                link: label
                for label, link in self._hints.labels.items()
                if self._hint_lines.get(link) == index
            }
        return overlays

    def _strip(self, index: int, width: int) -> Strip:
        assert self._layout is not None
        measure = self._layout.width
        left = max(MARGIN, (width - measure) // 2) if width > measure + 2 * MARGIN else MARGIN
        base = self._style(())  # the widget's own style, cached (rich_style walks the DOM)
        segments = [Segment(" " * left, base)]
        segments += paint_line(self._layout.lines[index], self._style, self._overlays(index))
        scroll_x = int(self.scroll_x)
        strip = Strip(segments).extend_cell_length(scroll_x + width, base)
        return strip.crop(scroll_x, scroll_x + width)

    def render_line(self, y: int) -> Strip:
        """Paint one visible line."""
        index = int(self.scroll_y) + y
        layout = self._layout
        if layout is None or index >= len(layout.lines):
            return Strip.blank(self.size.width, self._style(()))
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strip(index, self.size.width)
            if len(self._strips) > 2048:
                self._strips.clear()
            self._strips[index] = strip
        return strip.apply_offsets(int(self.scroll_x), index)

    def _repaint(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- scrolling (keys come from ARTICLE_COMMANDS) ---------------------------------------

    def action_line_down(self) -> None:
        """Scroll down one line."""
        self.scroll_to(y=self.scroll_y + 1, animate=False)

    def action_line_up(self) -> None:
        """Scroll up one line."""
        self.scroll_to(y=self.scroll_y - 1, animate=False)

    def action_page_down(self) -> None:
        """Scroll down one page, keeping one line of context."""
        self.scroll_to(y=self.scroll_y + max(1, self.size.height - 1), animate=False)

    def action_page_up(self) -> None:
        """Scroll up one page, keeping one line of context."""
        self.scroll_to(y=self.scroll_y - max(1, self.size.height - 1), animate=False)

    def action_top(self) -> None:
        """Jump to the top."""
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        """Jump to the end (of a long article still being laid out: to its end as it grows,
        as long as the reader stays there)."""
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self._bottom_at = None if self.complete else self.location()

    def action_scroll_sideways(self, columns: int) -> None:
        """Scroll unwrapped code sideways."""
        self.scroll_to(x=self.scroll_x + columns, animate=False)

    def action_toggle_code_wrap(self) -> None:
        """Wrap long code lines, or keep them whole and scroll sideways."""
        self.wrap_code = not self.wrap_code
        if self.wrap_code:
            self.scroll_to(x=0, animate=False)
        self._relayout()
        state = "wrapped" if self.wrap_code else "kept whole (left/right scroll)"
        self.notify(f"Long code lines are {state}.", timeout=2)

    def action_next_heading(self) -> None:
        """Jump to the next heading."""
        layout = self._layout
        if layout is None:
            return
        top = int(self.scroll_y)
        for heading in layout.headings:
            if heading.line > top:
                self.scroll_to_line(heading.line)
                return

    def action_previous_heading(self) -> None:
        """Jump to the previous heading."""
        layout = self._layout
        if layout is None:
            return
        top = int(self.scroll_y)
        for heading in reversed(layout.headings):
            if heading.line < top:
                self.scroll_to_line(heading.line)
                return
        self.scroll_to_line(0)

    def _ensure_visible(self, line: int) -> None:
        top = int(self.scroll_y)
        height = max(1, self.size.height)
        if line < top or line >= top + height:
            self.scroll_to_line(max(0, line - height // 3))

    # -- find ------------------------------------------------------------------------------

    def _find_changed(self) -> None:
        self.post_message(self.FindStatus(*self._find.status()))
        self._repaint()

    def _follow(self, href: str) -> None:
        self.post_message(self.LinkFollowed(href))
