"""The related list: an article's declared, linked and linking-back articles; enter opens one."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from readingroom.core.library import Library
from readingroom.core.related import RelatedEntry, RelationKind


def related_options(library: Library, entries: list[RelatedEntry]) -> list[Option]:
    """Options grouped by kind under a disabled heading; missing entries listed, disabled."""
    options: list[Option] = []
    for kind in RelationKind:
        group = [entry for entry in entries if entry.kind is kind]
        if not group:
            continue
        options.append(Option(Content.styled(kind.value, "bold $text-primary"), disabled=True))
        for entry in group:
            article = library.get(entry.slug) if entry.slug else None
            if article is None:
                prompt = Content.assemble(
                    ("  ✗ ", "$text-error"),
                    (entry.reference, "$text-error"),
                    ("  missing: no article matches", "$text-muted"),
                )
                options.append(Option(prompt, disabled=True))
                continue
            also = [other.value for other in entry.kinds if other is not entry.kind]
            reason = entry.reason + (f" · also {', '.join(also)}" if also else "")
            prompt = Content.assemble(
                "  ", (article.title, "bold"), "\n    ", (reason, "$text-muted")
            )
            options.append(Option(prompt, id=article.slug))
    return options


class RelatedScreen(ModalScreen[str | None]):
    """A dialog listing related articles; dismisses with the chosen slug or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,r", "dismiss_none", "Close", show=True)
    ]
    DEFAULT_CSS = """
    RelatedScreen {
        align: center middle;
        & > Vertical {
            width: 90%;
            max-width: 100;
            height: auto;
            max-height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        & Label { width: 1fr; color: $text-muted; }
        & OptionList, & OptionList:focus { height: auto; max-height: 30; border: none; }
    }
    """

    def __init__(self, title: str, library: Library, entries: list[RelatedEntry]) -> None:
        super().__init__()
        self._title = title
        self._library = library
        self._entries = entries

    def compose(self) -> ComposeResult:
        """A heading and the list (or a line saying there is nothing)."""
        with Vertical():
            yield Label(Content.assemble("Related to ", (self._title, "bold")))
            options = related_options(self._library, self._entries)
            if not options:
                yield Label("Nothing is related to this article yet.")
            yield OptionList(*options, markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an article: close and return its slug."""
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
