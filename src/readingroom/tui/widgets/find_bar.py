"""The find bar under the article: type to highlight, enter to go, escape to close."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class FindBar(Horizontal):
    """An input and a match count ("3/17"). Hidden until the reader presses `/`."""

    @dataclass
    class Changed(Message):
        """The query changed (every keystroke)."""

        query: str

    class Submitted(Message):
        """Enter: go to the current match and return to the article."""

    class Closed(Message):
        """Escape: stop finding."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close find")]
    DEFAULT_CSS = """
    FindBar {
        display: none;
        height: 1;
        background: $panel;
        &.-visible { display: block; }
        & > Label { width: auto; padding: 0 1; color: $text-muted; }
        & > #find-count { min-width: 12; }
        & > Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $panel; }
        & > Input:focus { border: none; background: $boost; }
    }
    """

    def compose(self) -> ComposeResult:
        """A label, the input and the count."""
        yield Label("Find:", id="find-label")
        yield Input(placeholder="text in this article", id="find-input")
        yield Label("", id="find-count")

    @property
    def input(self) -> Input:
        """The query input."""
        return self.query_one(Input)

    def open(self) -> None:
        """Show the bar and focus the input, its text selected for replacing."""
        self.add_class("-visible")
        self.input.focus()
        self.input.select_all()

    def close(self) -> None:
        """Hide the bar."""
        self.remove_class("-visible")

    def show_count(self, current: int, total: int) -> None:
        """Show "current/total", "no matches" for a query that finds nothing, or "finding…"
        (a total below 0) while a long article is searched."""
        label = self.query_one("#find-count", Label)
        if not self.input.value:
            label.update("")
        elif total < 0:
            label.update("finding…")
        elif total == 0:
            label.update("no matches")
        else:
            label.update(f"{current}/{total}")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Every keystroke: search again."""
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: back to the article at the current match."""
        event.stop()
        self.post_message(self.Submitted())

    def action_close(self) -> None:
        """Escape: close and clear the highlights."""
        self.close()
        self.post_message(self.Closed())
