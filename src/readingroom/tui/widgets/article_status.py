"""The status line under the article: the current section and how far through it is."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class ArticleStatus(Static):
    """One line: `§ section` on the left, `42%` on the right."""

    DEFAULT_CSS = """
    ArticleStatus {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.percent = -1  # nothing shown yet: the first position always paints
        self.section: str | None = None

    def show_position(self, percent: int, section: str | None) -> None:
        """Update the line (only when something changed)."""
        if (percent, section) == (self.percent, self.section):
            return
        self.percent, self.section = percent, section
        self.update(
            Content.assemble(
                (f"{percent:>3}%", "bold"), "  ", (f"§ {section}" if section else "", "")
            )
        )
