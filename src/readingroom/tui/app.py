"""The reader: a sidebar of articles, the open article, related jumps, back and forward."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from readingroom.core.article import Article
from readingroom.core.config import Config, ConfigProblem, library_options
from readingroom.core.history import History
from readingroom.core.library import Library
from readingroom.core.location import Location
from readingroom.render.related_block import RelatedLine
from readingroom.tui.article_editing import ArticleEditing
from readingroom.tui.article_navigation import ArticleNavigation
from readingroom.tui.article_palette import ArticleTitles
from readingroom.tui.commands import APP_COMMANDS, ARTICLE_COMMANDS, bindings
from readingroom.tui.library_dialogs import LibraryDialogs
from readingroom.tui.library_loading import LibraryLoading
from readingroom.tui.library_pane import LibraryPane
from readingroom.tui.messages import ArticleChosen
from readingroom.tui.reading_memory import ReadingMemory
from readingroom.tui.related_lookup import related_entries, related_lines
from readingroom.tui.screens.help_screen import HelpScreen
from readingroom.tui.signals import exit_on_signals, release_signals
from readingroom.tui.theme_memory import ThemeMemory
from readingroom.tui.widgets.article_status import ArticleStatus
from readingroom.tui.widgets.article_view import ArticleView
from readingroom.tui.widgets.find_bar import FindBar
from readingroom.tui.widgets.key_bar import KeyBar
from readingroom.tui.widgets.library_sidebar import LibrarySidebar

if TYPE_CHECKING:  # the parser and layout are loaded by the first article's worker
    from readingroom.render.progressive import DocumentStep

POSITION_SAVE_DELAY = 0.5  # seconds of no scrolling before the position is written


class ReadingRoomApp(
    LibraryPane, ThemeMemory, LibraryDialogs, LibraryLoading, ArticleEditing, ArticleNavigation
):
    """The readingroom reader for one library folder."""

    TITLE = "readingroom"
    CSS_PATH = "app.tcss"
    BINDINGS = bindings(APP_COMMANDS)
    COMMANDS = App.COMMANDS | {ArticleTitles}

    def __init__(
        self,
        root: str,
        *,
        open_slug: str | None = None,
        open_anchor: str | None = None,
        library: Library | None = None,
        restore: bool = True,
        config: Config | None = None,
        config_problems: Sequence[ConfigProblem] = (),
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.options = library_options(self.config)
        self._config_problems = list(config_problems)
        self.set_keymap(dict(self.config.keys))
        self.memory: ReadingMemory | None = None
        self.restore = restore
        self.unread_only = False
        self.tag_filter: str | None = None
        self._save_timer: Timer | None = None
        self._watch_stop = threading.Event()
        self._first_screen = threading.Event()
        self._watcher: threading.Thread | None = None
        self.root = root
        self.library: Library | None = library
        self.catalog_on_disk = True
        self.history: History[Location] = History()
        self.sort_order = self.config.sort_order()
        self._open_request = (open_slug, open_anchor)
        self._pending_find: str | None = None
        self._command_state: tuple[bool, bool, bool] | None = None
        self._finishing = False

    def compose(self) -> ComposeResult:
        """Sidebar and article side by side, keys in the footer."""
        with Horizontal(id="main"):
            with Vertical(id="library-pane"):
                yield Static("", id="sidebar-filter", markup=False)
                yield LibrarySidebar(id="sidebar")
            with Vertical(id="reading"):
                yield ArticleView(id="article")
                yield FindBar(id="find")
                yield ArticleStatus(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        """Show the library: from the one the CLI loaded, or load it in a worker."""
        exit_on_signals(self, self.finish)
        self.article_view.wrap_code = self.config.code_wrap
        self.article_view.wrap_width = self.config.wrap_width
        self.start_theme(self.config.theme)
        for problem in self._config_problems:
            self.notify(str(problem), title="Config", severity="warning", markup=False)
        self._fit_layout(self.size.width)
        if self.narrow:
            self.article_view.focus()
        else:
            self.sidebar.focus()
        self._load_library(self.library)

    def on_unmount(self) -> None:
        """Stop watching the folder and finish writing the reading state."""
        release_signals()
        self._watch_stop.set()
        self._first_screen.set()  # a library worker waiting for it stops at once
        if self.memory is not None:
            self.memory.close()
            self.memory = None

    def _restore_session(self, library: Library, memory: ReadingMemory) -> bool:
        """Reopen the article and position the reader left, with the back/forward history."""
        entries, index = memory.history
        places = [
            Location(slug, saved=saved) for slug, saved in entries if slug in library.articles
        ]
        for place in places:
            self.history.visit(place)
        steps_back = len(places) - 1 - index if 0 <= index < len(places) else 0
        for _ in range(steps_back):
            self.history.back()
        if memory.session is None or memory.session[0] not in library.articles:
            return False
        slug, saved = memory.session
        here = Location(slug, saved=saved)
        if self.history.current is not None and self.history.current.slug == slug:
            self.history.replace_current(here)
            self.open_article(slug, record=False, at=here)
        else:
            self.open_article(slug, at=here)
        self.article_view.focus()
        return True

    # -- opening articles ----------------------------------------------------------------

    def open_article(
        self,
        slug: str,
        *,
        anchor: str | None = None,
        record: bool = True,
        at: Location | None = None,
    ) -> None:
        """Open an article (recording it in the history unless going back or forward)."""
        if self.library is None:
            return
        article = self.library.get(slug)
        if article is None:
            self.notify(f"No article {slug!r} in this library.", severity="error", markup=False)
            return
        saved = self.memory.position(article.slug) if self.memory and anchor is None else None
        target = at or Location(article.slug, anchor=anchor, saved=saved)
        if record:  # back and forward remember the position themselves before moving
            self._remember_position()
            self.history.visit(target)
        self._persist_history()
        if self.memory is not None and self.article_view.slug != article.slug:
            self.memory.opened(article.slug, article.digest)
        self._refresh_commands()
        if self.article_view.slug == article.slug:
            self.article_view.go_to(target)
            return
        self._load_article(article, target)

    def _refresh_commands(self) -> None:
        """Grey out or enable commands when what check_action looks at has changed (the footer
        is rebuilt on every refresh_bindings, which costs a frame on each article opened)."""
        state = (
            self.history.can_go_back,
            self.history.can_go_forward,
            self.article_view.slug is not None,
        )
        if state != self._command_state:
            self._command_state = state
            self.refresh_bindings()

    def _persist_history(self) -> None:
        if self.memory is not None:
            entries = [(place.slug, place.saved) for place in self.history]
            self.memory.save_history(entries, self.history.index)

    def _remember_position(self) -> None:
        here = self.article_view.location()
        current = self.history.current
        if here is not None and current is not None and current.slug == here.slug:
            self.history.replace_current(here)

    def _load_article(self, article: Article, target: Location) -> None:
        root = self.library.root if self.library else self.root
        view = self.article_view
        self._article_worker(root, article, target, view.measure(), view.wrap_code)

    @work(thread=True, exclusive=True, group="article")
    def _article_worker(
        self, root: str, article: Article, target: Location, width: int, wrap_code: bool
    ) -> None:
        from readingroom.tui.article_loader import article_steps

        worker = get_current_worker()
        library = self.library

        def related() -> list[RelatedLine]:
            if library is None or worker.is_cancelled:
                return []
            entries = related_entries(library, article.slug, use_catalog=self.catalog_on_disk)
            return related_lines(library, entries)

        steps = article_steps(
            root,
            article,
            width,
            related,
            wrap_code=wrap_code,
            plain_limit=self.config.plain_text_limit,
        )
        for step in steps:
            if worker.is_cancelled:
                return
            self.call_from_thread(self._article_ready, article, step, target)

    def _article_ready(self, article: Article, step: DocumentStep, target: Location) -> None:
        view = self.article_view
        first = view.slug != article.slug  # the first part of a long article, or all of it
        view.show(article.slug, step.document, target, layout=step.layout, complete=step.complete)
        if first:
            self.sidebar.mark_open(article.slug)
            self.sub_title = article.title
            if not self._first_screen.is_set():
                self.call_after_refresh(self._first_screen.set)
        self._refresh_commands()  # related, find, outline and links need an open article
        if step.complete and self._pending_find:
            words, self._pending_find = self._pending_find, None
            find_bar = self.query_one(FindBar)
            find_bar.add_class("-visible")
            with find_bar.input.prevent(Input.Changed):
                find_bar.input.value = words
            view.scroll_to_line(0)
            view.set_query(words, reveal=True)

    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        """Keep the status line in step, and save the position once scrolling pauses."""
        try:
            status = self.query_one(ArticleStatus)
        except NoMatches:  # a last message while the reader closes
            return
        status.show_position(message.percent, message.section)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(POSITION_SAVE_DELAY, self.save_position)

    def save_position(self) -> None:
        """Store where the reader is in the open article (and mark it read at the end)."""
        try:
            here = self.article_view.location()
        except NoMatches:  # the reader is closing: the quit already saved the position
            return
        if self.memory is None or here is None or here.saved is None:
            return
        if not self.article_view.complete:
            return
        if self.memory.save_position(here.slug, here.saved) or here.saved.percent:
            self.sidebar.set_mark(here.slug, self.memory.mark(here.slug))

    def open_and_read(self, slug: str) -> None:
        """Open an article and move the focus to it (the palette's article jump)."""
        self.sidebar_done()
        self.open_article(slug)
        self.article_view.focus()

    async def action_quit(self) -> None:
        """Save the position, finish every pending write, and quit."""
        self.finish(0)

    def finish(self, return_code: int) -> None:
        """Save the position, finish every pending write, and end the app (which restores
        the terminal). Also what SIGTERM and SIGHUP do."""
        self._finishing = True
        self.save_position()
        self._watch_stop.set()
        if self.memory is not None:
            self.memory.close()
            self.memory = None
        self.exit(return_code=return_code)

    def on_article_chosen(self, message: ArticleChosen) -> None:
        """A widget asked for an article: open it and read it."""
        self.sidebar_done()
        self.open_article(message.slug, anchor=message.anchor)
        self.article_view.focus()

    # -- commands (keys come from APP_COMMANDS) ------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what cannot run now (nothing more once quitting: keys typed in the same
        burst as `q` would otherwise still run, `e` opening the editor as the reader ends)."""
        if self._finishing:
            return False
        if action == "close_sidebar":
            return self.check_sidebar_action(action)
        if action == "history_back":
            return True if self.history.can_go_back else None
        if action == "history_forward":
            return True if self.history.can_go_forward else None
        if action in ("related", "find", "outline", "links", "edit_article"):
            return True if self.article_view.slug and self.library else None
        return True

    def action_history_back(self) -> None:
        """Back to the previous article and position."""
        self._remember_position()
        self.save_position()
        place = self.history.back()
        if place is not None:
            self.open_article(place.slug, record=False, at=place)

    def action_history_forward(self) -> None:
        """Forward again after going back."""
        self._remember_position()
        self.save_position()
        place = self.history.forward()
        if place is not None:
            self.open_article(place.slug, record=False, at=place)

    def action_help(self) -> None:
        """Show every key."""
        self.push_screen(HelpScreen(self.config.keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette lists every command of the reader, then Textual's own."""
        for command in APP_COMMANDS:
            if command.palette and self.check_action(command.action, ()):
                yield SystemCommand(
                    command.label, command.help, partial(self.run_action, command.action)
                )
        view = self.article_view
        for command in ARTICLE_COMMANDS:
            if command.palette:
                yield SystemCommand(
                    command.label, command.help, partial(view.run_action, command.action)
                )
        for system in super().get_system_commands(screen):
            if system.title not in ("Quit", "Keys"):
                yield system


def create_app(
    root: str,
    *,
    open_slug: str | None = None,
    open_anchor: str | None = None,
    library: Library | None = None,
    restore: bool = True,
    theme: str | None = None,
    config: Config | None = None,
    config_problems: Sequence[ConfigProblem] = (),
) -> ReadingRoomApp:
    """The app factory the CLI, the tests and the snapshots share (`theme`: a shortcut for a
    config that names only a theme)."""
    if theme is not None:
        config = replace(config or Config(), theme=theme)
    return ReadingRoomApp(
        root,
        open_slug=open_slug,
        open_anchor=open_anchor,
        library=library,
        restore=restore,
        config=config,
        config_problems=config_problems,
    )
