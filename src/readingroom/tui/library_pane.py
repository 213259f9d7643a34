"""Where the list of articles goes: beside the article on a wide terminal, over it on a narrow one.

From SIDE_BY_SIDE_WIDTH columns the sidebar and the article share the screen and `a` hides or
shows the sidebar. Below it the article gets the whole width and `a` lays the list over the
article; choosing an article (or escape) puts the list away again.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widget import Widget

from readingroom.tui.widgets.key_bar import KeyBar

SIDE_BY_SIDE_WIDTH = 110


class LibraryPane(App[None]):
    """A mixin of the reader: the sidebar's place on the screen, and the key that moves it."""

    narrow = False

    @property
    def _main(self) -> Horizontal:
        return self.query_one("#main", Horizontal)

    def _library_widget(self) -> Widget:
        return self.query_one("#sidebar")

    def _reading_widget(self) -> Widget:
        return self.query_one("#article")

    @property
    def sidebar_shown(self) -> bool:
        """Whether the list of articles is on the screen."""
        try:
            main = self._main
        except NoMatches:
            return False
        if self.narrow:
            return main.has_class("-sidebar-open")
        return not main.has_class("-sidebar-hidden")

    def on_resize(self, event: events.Resize) -> None:
        """Switch between side by side and overlay as the terminal is resized."""
        self._fit_layout(event.size.width)

    def _fit_layout(self, width: int) -> None:
        narrow = width < SIDE_BY_SIDE_WIDTH
        try:
            main = self._main
        except NoMatches:
            return
        if narrow == self.narrow and main.has_class("-narrow") == narrow:
            return
        self.narrow = narrow
        main.set_class(narrow, "-narrow")
        main.remove_class("-sidebar-open")
        for bar in self.query(KeyBar):
            bar.compact = narrow  # every footer key readable at 80 columns
        if narrow and self._library_widget().has_focus:
            self._reading_widget().focus()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the list of articles (over the article on a narrow terminal)."""
        self.show_sidebar(not self.sidebar_shown)

    def show_sidebar(self, show: bool) -> None:
        """Put the list of articles on the screen (and focus it), or take it away."""
        main = self._main
        if self.narrow:
            main.set_class(show, "-sidebar-open")
        else:
            main.set_class(not show, "-sidebar-hidden")
        if show:
            self._library_widget().focus()
        elif self._library_widget().has_focus:
            self._reading_widget().focus()

    def action_close_sidebar(self) -> None:
        """Escape: put the overlaid list away."""
        self.show_sidebar(False)

    def sidebar_done(self) -> None:
        """An article was chosen: an overlaid list makes way for it."""
        if self.narrow and self.sidebar_shown:
            self.show_sidebar(False)

    def check_sidebar_action(self, action: str) -> bool | None:
        """Escape closes the list only while it lies over the article."""
        if action == "close_sidebar":
            return self.narrow and self.sidebar_shown
        return True
