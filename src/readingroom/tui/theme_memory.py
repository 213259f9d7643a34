"""Colour: the theme, and no colour at all when NO_COLOR is set.

The theme comes from the config file when it names one, else the one last picked in the palette:
Textual's theme picker (ctrl+p, "Theme") changes the app's theme, and the choice is written to
the preferences file in the state directory from a worker thread and used at the next start.

With NO_COLOR set Textual only greys the colours out; the reader strips them (every highlight
also has a bold, underline or reverse style, see app.tcss and the article view's styles).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import work
from textual.app import App
from textual.filter import LineFilter, Monochrome, NoColor
from textual.theme import Theme

from readingroom.core.sanitize import clean_label
from readingroom.store.paths import app_paths
from readingroom.store.preferences import (
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)


class ThemeMemory(App[None]):
    """A mixin of the reader: choose the starting theme and remember the reader's picks."""

    _saved_theme: str | None = None
    _no_colour = NoColor()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Under NO_COLOR, no colour at all rather than Textual's shades of grey."""
        filters = super().get_line_filters()
        if not self.no_color:
            return filters
        return [f for f in filters if not isinstance(f, Monochrome)] + [self._no_colour]

    def start_theme(self, configured: str | None) -> None:
        """Apply the configured or remembered theme, then watch for the reader's choices."""
        path = preferences_path(app_paths().state)
        preferences, notice = load_preferences(path)
        if notice:
            self.notify(notice, severity="warning", markup=False)
        self._saved_theme = preferences.theme
        wanted = configured or preferences.theme
        if wanted and wanted in self.available_themes:
            self.theme = wanted
        elif wanted:
            where = "the config file" if configured else clean_label(str(path))
            self.notify(
                f"Unknown theme {clean_label(wanted)!r} in {where}; using {self.theme}.",
                severity="warning",
                markup=False,
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self._saved_theme:
            self._saved_theme = theme.name
            self._save_theme(preferences_path(app_paths().state), theme.name)

    @work(thread=True, exclusive=True, group="preferences")
    def _save_theme(self, path: Path, name: str) -> None:
        try:
            save_preferences(path, Preferences(theme=name))
        except OSError as exc:
            self.call_from_thread(
                self.notify,
                f"The theme choice was not saved: {clean_label(str(exc))}",
                severity="warning",
                markup=False,
            )
