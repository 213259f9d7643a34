"""External links are never opened by themselves: show the full target and ask."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

ExternalChoice = Literal["copy", "open"] | None


class ExternalLinkScreen(ModalScreen[ExternalChoice]):
    """Shows the whole URL; `c` copies it, `o` opens it in a browser, escape does nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose('copy')", "Copy"),
        Binding("o", "choose('open')", "Open in browser"),
        Binding("escape,n,q", "choose('')", "Cancel"),
    ]
    DEFAULT_CSS = """
    ExternalLinkScreen {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 100; height: auto;
            border: round $warning; background: $surface; padding: 0 1;
        }
        & #url { color: $text-warning; margin: 1 0; }
        & Label { color: $text-muted; }
    }
    """

    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url

    def compose(self) -> ComposeResult:
        """The URL in full and the choices."""
        with Vertical():
            yield Label("This link leaves the library:")
            yield Static(Content(self._url), id="url")
            yield Label(
                Content.assemble(
                    ("c", "bold"),
                    " copy   ",
                    ("o", "bold"),
                    " open in browser   ",
                    ("escape", "bold"),
                    " cancel",
                )
            )

    def action_choose(self, choice: str) -> None:
        """Close with the reader's choice."""
        self.dismiss("copy" if choice == "copy" else "open" if choice == "open" else None)
