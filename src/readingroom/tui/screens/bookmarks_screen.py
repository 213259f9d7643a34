"""The bookmarks list: every bookmarked article; enter opens one."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from readingroom.core.article import Article
from readingroom.core.dates import display_date


class BookmarksScreen(ModalScreen[str | None]):
    """Dismisses with the chosen article's slug, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,B", "dismiss_none", "Close")]
    DEFAULT_CSS = """
    BookmarksScreen {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 100; height: auto; max-height: 90%;
            border: round $primary; background: $surface; padding: 0 1;
        }
        & Label { color: $text-muted; }
        & OptionList, & OptionList:focus { height: auto; max-height: 40; border: none; }
    }
    """

    def __init__(self, articles: list[Article]) -> None:
        super().__init__()
        self._articles = articles

    def compose(self) -> ComposeResult:
        """The bookmarked articles, or a line saying how to add one."""
        with Vertical():
            if self._articles:
                yield Label(f"Bookmarks ({len(self._articles)})")
            else:
                yield Label("No bookmarks yet: m bookmarks the open article.")
            options = []
            for article in self._articles:
                date = display_date(article.date) if article.date else ""
                prompt = Content.assemble(
                    ("★ ", "$text-warning"), (article.title, "bold"), "  ", (date, "$text-muted")
                )
                options.append(Option(prompt, id=article.slug))
            yield OptionList(*options, markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: close and return the slug."""
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
