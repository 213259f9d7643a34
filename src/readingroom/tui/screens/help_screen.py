"""The help screen: every key of the reader, read from the command definitions."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from readingroom.tui.commands import (
    APP_COMMANDS,
    ARTICLE_COMMANDS,
    BUILT_IN_KEYS,
    SIDEBAR_COMMANDS,
    Command,
)


def key_names(keys: str) -> str:
    """Keys as a person types them: `question_mark` shows as `?`."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }
    return " / ".join(names.get(key.strip(), key.strip()) for key in keys.split(","))


def help_content() -> Content:
    """The whole help text, one section per part of the screen."""
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        ("Everywhere", [(key_names(c.keys), c.help) for c in APP_COMMANDS]),
        ("Article", [(key_names(c.keys), c.help) for c in ARTICLE_COMMANDS]),
        ("Sidebar", [(key_names(c.keys), c.help) for c in SIDEBAR_COMMANDS]),
        ("Built in", list(BUILT_IN_KEYS)),
    ]
    width = max(len(key) for _, rows in sections for key, _ in rows) + 2
    parts: list[Content | tuple[str, str] | str] = []
    for index, (name, rows) in enumerate(sections):
        if index:
            parts.append("\n")
        parts.append((f"{name}\n", "bold $text-primary"))
        for key, text in rows:
            parts.append((key.ljust(width), "bold $text-accent"))
            parts.append(f"{text}\n")
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Lists every command with its keys."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: auto;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            border: round $primary;
            border-title-color: $text-primary;
            background: $surface;
            padding: 0 1;
        }
        & Static { width: auto; }
    }
    """

    def compose(self) -> ComposeResult:
        """The key table."""
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            yield Static(help_content())


__all__ = ["Command", "HelpScreen", "help_content"]
