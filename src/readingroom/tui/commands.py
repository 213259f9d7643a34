"""Every command of the reader, defined once.

Each definition gives the key binding, the footer label, the command-palette entry and the help
screen line. Widgets build their BINDINGS from these lists; the palette and the help screen read
them too, so nothing can drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: `readingroom config` reads the action names
    from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Command:
    """One command: keys (comma-separated), the action it runs, a footer label and help text."""

    keys: str
    action: str
    label: str
    help: str
    footer: bool = True
    palette: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        """The Textual binding for this command."""
        from textual.binding import Binding

        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.footer,
            priority=self.priority,
            id=self.action,  # the name a `[keys]` table in the config file uses
        )


APP_COMMANDS: tuple[Command, ...] = (
    Command("r", "related", "Related", "List the articles related to this one"),
    Command("backspace", "history_back", "Back", "Go back to the previous article and position"),
    Command(
        "alt+right", "history_forward", "Forward", "Go forward again after going back", footer=False
    ),
    Command(
        "a",
        "toggle_sidebar",
        "Articles",
        "Show or hide the list of articles (laid over the article below 110 columns)",
    ),
    Command(
        "escape",
        "close_sidebar",
        "Close list",
        "Put away the list of articles laid over the article",
        footer=False,
        palette=False,
    ),
    Command("s", "search", "Search", "Search every article of the library"),
    Command("slash", "find", "Find", "Find text in the article"),
    Command("t", "outline", "Outline", "List the headings and jump to one", footer=False),
    Command(
        "L", "links", "Links", "List every link of the article and where it goes", footer=False
    ),
    Command("u", "toggle_read", "Read", "Mark the open article read or unread", footer=False),
    Command(
        "m", "toggle_bookmark", "Bookmark", "Bookmark the open article (or remove it)", footer=False
    ),
    Command("B", "bookmarks", "Bookmarks", "List the bookmarked articles", footer=False),
    Command(
        "U",
        "toggle_unread_only",
        "Unread only",
        "Show only unread articles in the sidebar",
        footer=False,
    ),
    Command(
        "T", "tags", "Tags", "Show only the articles with a tag (a list with counts)", footer=False
    ),
    Command(
        "o", "toggle_sort", "Sort", "Sort the sidebar by date, title or recently read", footer=False
    ),
    Command(
        "e",
        "edit_article",
        "Edit",
        "Edit the article in $VISUAL or $EDITOR, then read it again",
        footer=False,
    ),
    Command("question_mark", "help", "Keys", "Show every key"),
    Command("q", "quit", "Quit", "Quit readingroom"),
)

ARTICLE_COMMANDS: tuple[Command, ...] = (
    Command("down,j", "line_down", "Down", "Scroll down one line", footer=False),
    Command("up,k", "line_up", "Up", "Scroll up one line", footer=False),
    Command(
        "space,pagedown,ctrl+f", "page_down", "Page down", "Scroll down one page", footer=False
    ),
    Command("b,pageup", "page_up", "Page up", "Scroll up one page", footer=False),
    Command("g,home", "top", "Top", "Jump to the top of the article", footer=False),
    Command("G,end", "bottom", "Bottom", "Jump to the end of the article", footer=False),
    Command(
        "right_square_bracket",
        "next_heading",
        "Next heading",
        "Jump to the next heading",
        footer=False,
    ),
    Command(
        "left_square_bracket",
        "previous_heading",
        "Previous heading",
        "Jump to the previous heading",
        footer=False,
    ),
    Command("n", "find_next", "Next match", "Go to the next find match", footer=False),
    Command("N", "find_previous", "Previous match", "Go to the previous find match", footer=False),
    Command("left,h", "scroll_sideways(-8)", "Left", "Scroll unwrapped code left", footer=False),
    Command("right,l", "scroll_sideways(8)", "Right", "Scroll unwrapped code right", footer=False),
    Command(
        "w",
        "toggle_code_wrap",
        "Wrap code",
        "Wrap long code lines or scroll sideways",
        footer=False,
    ),
    Command("f", "show_hints", "Hints", "Label the links on screen; type a label to follow"),
    Command(
        "tab",
        "next_link",
        "Next link",
        "Highlight the next link (past the last: next pane)",
        footer=False,
        palette=False,
    ),
    Command(
        "shift+tab",
        "previous_link",
        "Previous link",
        "Highlight the previous link",
        footer=False,
        palette=False,
    ),
    Command("enter", "follow_link", "Follow", "Follow the highlighted link", footer=False),
)

SIDEBAR_COMMANDS: tuple[Command, ...] = (
    Command(
        "down,j", "cursor_down", "Next", "Highlight the next article", footer=False, palette=False
    ),
    Command(
        "up,k",
        "cursor_up",
        "Previous",
        "Highlight the previous article",
        footer=False,
        palette=False,
    ),
    Command("home", "first", "First", "Highlight the first article", footer=False, palette=False),
    Command("end", "last", "Last", "Highlight the last article", footer=False, palette=False),
    Command(
        "pagedown",
        "page_down",
        "Page down",
        "Move a page down the list",
        footer=False,
        palette=False,
    ),
    Command("pageup", "page_up", "Page up", "Move a page up the list", footer=False, palette=False),
    Command("enter", "select", "Open", "Open the highlighted article", palette=False),
)

# Keys Textual itself provides, listed on the help screen so every key is discoverable.
BUILT_IN_KEYS: tuple[tuple[str, str], ...] = (
    ("tab / shift+tab", "Sidebar: move focus to the article (in the article: links, then on)"),
    ("ctrl+p", "Open the command palette"),
    ("escape", "Close a dialog"),
)


def action_names() -> set[str]:
    """Every command's action: the names the config file's `[keys]` table may use."""
    return {c.action for c in (*APP_COMMANDS, *ARTICLE_COMMANDS, *SIDEBAR_COMMANDS)}


def bindings(commands: tuple[Command, ...]) -> list[BindingType]:
    """Bindings for a widget's BINDINGS."""
    return [command.binding() for command in commands]


TEXTUAL_KEYS: dict[str, tuple[str, ...]] = {
    "command_palette": ("ctrl+p",),
    "focus_next": ("tab",),
    "focus_previous": ("shift+tab",),
}
"""Keys Textual gives its own actions everywhere, which no command may take."""


def key_groups() -> list[dict[str, tuple[str, ...]]]:
    """The commands active together (the reader's with the article's, the reader's with the
    list's), by action, with their keys by default: what the config file's `[keys]` table is
    checked against (core.key_clashes)."""
    every = {**TEXTUAL_KEYS, **_keys_of(APP_COMMANDS)}
    return [{**every, **_keys_of(ARTICLE_COMMANDS)}, {**every, **_keys_of(SIDEBAR_COMMANDS)}]


def _keys_of(commands: tuple[Command, ...]) -> dict[str, tuple[str, ...]]:
    return {command.action: tuple(command.keys.split(",")) for command in commands}
