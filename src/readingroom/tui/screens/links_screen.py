"""Every link of the article with its target and whether it resolves; enter follows one."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from readingroom.core.links import LinkKind, LinkTarget

_STATUS = {
    LinkKind.INTERNAL: ("→ article", "$text-success"),
    LinkKind.ANCHOR: ("→ heading here", "$text-success"),
    LinkKind.EXTERNAL: ("external, asks first", "$text-warning"),
    LinkKind.OUTSIDE: ("outside the library: refused", "$text-error"),
    LinkKind.MISSING: ("no such article", "$text-error"),
}


class LinksScreen(ModalScreen[str | None]):
    """Dismisses with the chosen link's href, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,L", "dismiss_none", "Close")]
    DEFAULT_CSS = """
    LinksScreen {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 110; height: auto; max-height: 90%;
            border: round $primary; background: $surface; padding: 0 1;
        }
        & Label { color: $text-muted; }
        & OptionList, & OptionList:focus { height: auto; max-height: 40; border: none; }
    }
    """

    def __init__(self, links: list[tuple[str, LinkTarget, str]]) -> None:
        """`links`: (link text, resolved target, description of the target) in order."""
        super().__init__()
        self._links = links

    def compose(self) -> ComposeResult:
        """One option per link: its text, then its target and status."""
        with Vertical():
            count = len(self._links)
            yield Label(f"{count} link{'s' if count != 1 else ''}" if count else "No links.")
            options = []
            for index, (text, target, where) in enumerate(self._links):
                status, style = _STATUS[target.kind]
                prompt = Content.assemble(
                    (text or target.href, "bold"),
                    "\n  ",
                    (where, "$text-muted"),
                    "  ",
                    (status, style),
                )
                options.append(Option(prompt, id=str(index)))
            yield OptionList(*options, markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: close and return the link's href."""
        event.stop()
        self.dismiss(self._links[int(event.option.id or 0)][1].href)

    def action_dismiss_none(self) -> None:
        """Close without following."""
        self.dismiss(None)
