"""The footer: the keys of the commands the focused widget answers to, on one line.

Textual's Footer makes a widget for every key and styles them all again whenever focus
moves; at start that was 130 ms of the reader's first screen (three rebuilds, as the sidebar
and then the article take focus). This bar is one widget that draws one line of text: the
commands in binding order, as many as fit, the command palette's key at the right.
A key drawn greyed is one whose command cannot run now (check_action said no); a click on a
key presses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

SEPARATOR = "▏"
"""Between the commands and the command palette's key."""


class ShownKey(NamedTuple):
    """A key on the bar: the binding's key, the columns it covers, and whether it can run."""

    key: str
    start: int
    end: int
    enabled: bool


class _Entry(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """One line of keys, docked at the bottom of its screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    compact = reactive(False)
    """Less space around each key (a narrow terminal)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[_Entry] = []
        self._palette: _Entry | None = None
        self._stale = True
        self.shown: list[ShownKey] = []
        """The keys drawn at the last render, left to right."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self._stale = True
            self.refresh()

    def _read_bindings(self) -> None:
        """The commands to show, one per action (its first key), from the screen's bindings."""
        app = self.app
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        entries: list[_Entry] = []
        actions: set[str] = set()
        self._palette = None
        for key, (_, binding, enabled, _) in self.screen.active_bindings.items():
            entry = _Entry(key, app.get_key_display(binding), binding.description, enabled)
            if key == palette_key:  # shown whether its binding says so or not, as Footer does
                self._palette = entry
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                entries.append(entry)
        self._entries = entries
        self._stale = False

    def watch_compact(self) -> None:
        self.refresh()

    def render(self) -> Text:
        if self._stale:
            self._read_bindings()
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        width = self.size.width
        palette = self._piece(self._palette, key_style, description_style)
        room = width - (palette.cell_len + len(SEPARATOR) if self._palette else 0)
        gap = 1 if self.compact else 0
        line = Text(no_wrap=True, end="")
        shown: list[ShownKey] = []
        for entry in self._entries:
            piece = self._piece(entry, key_style, description_style)
            lead = gap if shown else 0
            if line.cell_len + lead + piece.cell_len > room:
                break
            line.append(" " * lead)
            start = line.cell_len
            line.append_text(piece)
            shown.append(ShownKey(entry.key, start, line.cell_len, entry.enabled))
        if self._palette is not None and palette.cell_len + len(SEPARATOR) <= width:
            line.pad_right(max(0, width - line.cell_len - palette.cell_len - len(SEPARATOR)))
            line.append(SEPARATOR, Style(dim=True))
            start = line.cell_len
            line.append_text(palette)
            shown.append(ShownKey(self._palette.key, start, line.cell_len, self._palette.enabled))
        self.shown = shown
        return line

    def _piece(self, entry: _Entry | None, key_style: Style, description_style: Style) -> Text:
        """One key and its description: ` k Description ` (compact: `k Description`)."""
        if entry is None:
            return Text()
        dim = Style(dim=not entry.enabled)
        if self.compact:
            key = entry.display
            description = f" {entry.description}" if entry.description else ""
        else:
            key = f" {entry.display} "
            description = f"{entry.description} " if entry.description else ""
        return Text.assemble((key, key_style + dim), (description, description_style + dim))

    def on_click(self, event: events.Click) -> None:
        """Press the key clicked on (a bell for one that cannot run now)."""
        for shown in self.shown:
            if shown.start <= event.x < shown.end:
                if shown.enabled:
                    self.app.simulate_key(shown.key)
                else:
                    self.app.bell()
                return
