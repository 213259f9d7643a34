"""The tag list: every tag with how many articles have it; enter filters the sidebar."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

ALL = "\x00all"  # the option that clears the filter (no tag can be this: controls are shown)


class TagsScreen(ModalScreen[str | None]):
    """Dismisses with the chosen tag, ALL for every article, or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,T", "dismiss_none", "Close")]
    DEFAULT_CSS = """
    TagsScreen {
        align: center middle;
        & > Vertical {
            width: 60; max-width: 90%; height: auto; max-height: 90%;
            border: round $primary; background: $surface; padding: 0 1;
        }
        & Label { color: $text-muted; }
        & OptionList, & OptionList:focus { height: auto; max-height: 40; border: none; }
    }
    """

    def __init__(self, tags: list[tuple[str, int]], current: str | None, total: int) -> None:
        super().__init__()
        self._tags = tags
        self._current = current
        self._total = total

    def compose(self) -> ComposeResult:
        """All articles, then each tag with its count."""
        with Vertical():
            yield Label("Show articles tagged")
            options = [
                Option(Content.assemble(("All articles", "bold"), f"  {self._total}"), id=ALL)
            ]
            for tag, count in self._tags:
                style = "bold $text-accent" if tag == self._current else ""
                options.append(
                    Option(
                        Content.assemble(
                            (f"#{tag}", style), ("  ", ""), (str(count), "$text-muted")
                        ),
                        id=tag,
                    )
                )
            yield OptionList(*options, markup=False)

    def on_mount(self) -> None:
        """Start on the current filter."""
        if self._current is not None:
            names = [tag for tag, _ in self._tags]
            if self._current in names:
                self.query_one(OptionList).highlighted = names.index(self._current) + 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: filter by this tag (or show all)."""
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        """Close without changing the filter."""
        self.dismiss(None)
