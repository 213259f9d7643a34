"""The outline: every heading of the article, the current section marked; enter jumps."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from readingroom.render.layout import HeadingLine


class OutlineScreen(ModalScreen[int | None]):
    """Dismisses with the chosen heading's line, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,t", "dismiss_none", "Close")]
    DEFAULT_CSS = """
    OutlineScreen {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 90; height: auto; max-height: 90%;
            border: round $primary; background: $surface; padding: 0 1;
        }
        & Label { color: $text-muted; }
        & OptionList, & OptionList:focus { height: auto; max-height: 40; border: none; }
    }
    """

    def __init__(self, headings: list[HeadingLine], current: int | None) -> None:
        super().__init__()
        self._headings = headings
        self._current = current

    def compose(self) -> ComposeResult:
        """The headings, indented by level."""
        with Vertical():
            yield Label("Outline" if self._headings else "This article has no headings.")
            options = []
            for index, heading in enumerate(self._headings):
                mark = "▶ " if index == self._current else "  "
                style = "bold $text-accent" if index == self._current else ""
                indent = "  " * (heading.level - 1)
                prompt = Content.assemble((mark, "$text-accent"), indent, (heading.text, style))
                options.append(Option(prompt, id=str(index)))
            yield OptionList(*options, markup=False)

    def on_mount(self) -> None:
        """Start on the current section."""
        if self._current is not None:
            self.query_one(OptionList).highlighted = self._current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: close and return the heading's line."""
        event.stop()
        self.dismiss(self._headings[int(event.option.id or 0)].line)

    def action_dismiss_none(self) -> None:
        """Close without jumping."""
        self.dismiss(None)
