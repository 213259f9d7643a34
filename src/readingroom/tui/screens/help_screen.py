"""The help screen: every key of the reader, read from the command definitions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
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


def help_sections(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key with what it does, one section per part of the screen (`keymap`: the keys the
    config file gives some actions instead)."""
    keys = keymap or {}

    def rows(commands: tuple[Command, ...]) -> list[tuple[str, str]]:
        return [(key_names(keys.get(c.action, c.keys)), c.help) for c in commands]

    return [
        ("Everywhere", rows(APP_COMMANDS)),
        ("Article", rows(ARTICLE_COMMANDS)),
        ("Sidebar", rows(SIDEBAR_COMMANDS)),
        ("Built in", list(BUILT_IN_KEYS)),
    ]


def help_content() -> Content:
    """The whole help text as one piece of content (for tests and plain output)."""
    parts: list[Content | tuple[str, str] | str] = []
    for name, rows in help_sections():
        parts.append((f"{name}\n", "bold"))
        for key, text in rows:
            parts.append(f"{key}  {text}\n")
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Lists every command with its keys: a key column and descriptions that wrap."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 100;
            height: auto;
            max-height: 90%;
            border: round $primary;
            border-title-color: $text-primary;
            background: $surface;
            padding: 0 1;
        }
        & .help-section { color: $text-primary; text-style: bold; margin-top: 1; }
        & .help-row { height: auto; }
        & .help-key { width: 22; color: $text-accent; text-style: bold; }
        & .help-text { width: 1fr; }
    }
    """

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        """A heading per section, then one row per key."""
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            for name, rows in help_sections(self.keymap):
                yield Static(name, classes="help-section", markup=False)
                for key, text in rows:
                    with Horizontal(classes="help-row"):
                        yield Static(key, classes="help-key", markup=False)
                        yield Static(text, classes="help-text", markup=False)
