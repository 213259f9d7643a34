"""The article pane: a laid-out document painted line by line on a ScrollView.

Only the visible lines are turned into strips, so a long article costs no more to paint than a
short one. Styles come from component classes whose colours are theme variables.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from readingroom.core.location import Location
from readingroom.render.blocks import Document, Paragraph
from readingroom.render.layout import MEASURE, Layout, layout_document
from readingroom.render.runs import Line, Roles, Run
from readingroom.tui.commands import ARTICLE_COMMANDS, bindings

ROLES = (
    "title", "meta", "tag", "error", "warning", "notice",
    "h1", "h2", "h3", "h4", "h5", "h6", "h1-rule", "h2-rule",
    "em", "strong", "strike", "code", "link", "image", "image-target", "html", "footnote", "task",
    "quote", "quote-bar", "list-marker", "rule", "table-border", "table-header",
    "code-block", "code-language",
    "tok-keyword", "tok-string", "tok-number", "tok-comment", "tok-name", "tok-builtin",
    "tok-operator",
)  # fmt: skip
MARGIN = 2
EMPTY = Document([Paragraph([Run("Choose an article from the sidebar.", ("meta",))])], [])


class ArticleView(ScrollView, can_focus=True):
    """Shows one article, laid out at the pane width (at most MEASURE columns)."""

    BINDINGS = bindings(ARTICLE_COMMANDS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"article-view--{role}" for role in ROLES}
    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        & > .article-view--title { color: $markdown-h1-color; text-style: bold; }
        & > .article-view--meta { color: $text-muted; }
        & > .article-view--tag { color: $text-accent; }
        & > .article-view--error { color: $text-error; text-style: bold; }
        & > .article-view--warning { color: $text-warning; }
        & > .article-view--notice { color: $text-muted; text-style: italic; }
        & > .article-view--h1 { color: $markdown-h1-color; text-style: $markdown-h1-text-style; }
        & > .article-view--h2 { color: $markdown-h2-color; text-style: bold; }
        & > .article-view--h3 { color: $markdown-h3-color; text-style: $markdown-h3-text-style; }
        & > .article-view--h4 { color: $markdown-h4-color; text-style: $markdown-h4-text-style; }
        & > .article-view--h5 { color: $markdown-h5-color; text-style: $markdown-h5-text-style; }
        & > .article-view--h6 { color: $markdown-h6-color; text-style: $markdown-h6-text-style; }
        & > .article-view--h1-rule { color: $markdown-h1-color; }
        & > .article-view--h2-rule { color: $markdown-h2-color; }
        & > .article-view--em { text-style: italic; }
        & > .article-view--strong { text-style: bold; }
        & > .article-view--strike { text-style: strike; }
        & > .article-view--code { color: $text-warning; text-style: bold; }
        & > .article-view--link { color: $link-color; text-style: underline; }
        & > .article-view--image { color: $text-secondary; text-style: italic; }
        & > .article-view--image-target { color: $text-muted; }
        & > .article-view--html { color: $text-muted; }
        & > .article-view--footnote { color: $text-accent; }
        & > .article-view--task { color: $text-accent; }
        & > .article-view--quote { color: $text-muted; text-style: italic; }
        & > .article-view--quote-bar { color: $primary; }
        & > .article-view--list-marker { color: $text-primary; text-style: bold; }
        & > .article-view--rule { color: $primary; }
        & > .article-view--table-border { color: $primary; }
        & > .article-view--table-header { text-style: bold; }
        & > .article-view--code-block { background: $boost; }
        & > .article-view--code-language { color: $text-muted; text-style: italic; }
        & > .article-view--tok-keyword { color: $text-accent; text-style: bold; }
        & > .article-view--tok-string { color: $text-success; }
        & > .article-view--tok-number { color: $text-warning; }
        & > .article-view--tok-comment { color: $text-muted; text-style: italic; }
        & > .article-view--tok-name { color: $text-primary; }
        & > .article-view--tok-builtin { color: $text-secondary; }
        & > .article-view--tok-operator { color: $text-accent; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document = EMPTY
        self.slug: str | None = None
        self._layout: Layout | None = None
        self._styles: dict[Roles, Style] = {}
        self._strips: dict[int, Strip] = {}

    # -- content ---------------------------------------------------------------------------

    def show(self, slug: str | None, document: Document, location: Location | None = None) -> None:
        """Show a document, at a saved position or heading, or at the top."""
        self.slug = slug
        self.document = document
        self._layout = None
        self._relayout()
        self.go_to(location)

    def go_to(self, location: Location | None) -> None:
        """Scroll to a location of the current document (immediately, without animation)."""
        layout = self._layout
        if layout is None:
            return
        line = 0
        if location is not None:
            if location.anchor:
                found = layout.line_for_anchor(location.anchor)
                if found is None:
                    self.notify(
                        f"No heading #{location.anchor} in this article.", severity="warning"
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
        self.scroll_to(y=line, animate=False, immediate=True)

    def location(self) -> Location | None:
        """Where the reader is now: the block at the top line and the offset into it."""
        layout = self._layout
        if self.slug is None or layout is None or not layout.lines:
            return None
        top = min(int(self.scroll_y), len(layout.lines) - 1)
        block = layout.lines[top].block
        return Location(self.slug, block, top - layout.block_starts[block])

    @property
    def text_layout(self) -> Layout | None:
        """The current layout (None before the first paint)."""
        return self._layout

    def _measure(self) -> int:
        return max(8, min(MEASURE, self.size.width - 2 * MARGIN))

    def _relayout(self) -> None:
        width = self._measure()
        if self._layout is not None and self._layout.width == width:
            return
        keep = self.location() if self._layout is not None else None
        self._layout = layout_document(self.document, width)
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self._layout.lines))
        if keep is not None:
            self.go_to(keep)
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
        self._strips.clear()

    # -- painting --------------------------------------------------------------------------

    def _style(self, roles: Roles) -> Style:
        style = self._styles.get(roles)
        if style is None:
            style = self.rich_style
            for role in roles:
                style += self.get_component_rich_style(f"article-view--{role}", partial=True)
            self._styles[roles] = style
        return style

    def _strip(self, line: Line) -> Strip:
        width = self.size.width
        measure = self._layout.width if self._layout else width
        left = max(MARGIN, (width - measure) // 2) if width > measure + 2 * MARGIN else MARGIN
        base = self.rich_style
        segments = [Segment(" " * left, base)]
        segments += [Segment(run.text, self._style(run.roles)) for run in line.runs]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def render_line(self, y: int) -> Strip:
        """Paint one visible line."""
        index = int(self.scroll_y) + y
        layout = self._layout
        if layout is None or index >= len(layout.lines):
            return Strip.blank(self.size.width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strip(layout.lines[index])
            if len(self._strips) > 2048:
                self._strips.clear()
            self._strips[index] = strip
        return strip.apply_offsets(0, index)

    # -- actions (keys come from ARTICLE_COMMANDS) ----------------------------------------

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
        """Jump to the end."""
        self.scroll_to(y=self.max_scroll_y, animate=False)
