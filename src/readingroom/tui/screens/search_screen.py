"""Search (`s`): results as you type; enter opens the article at the first match."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from readingroom.core.query import SearchQuery, parse_query
from readingroom.store.search import SearchHit, snippet_parts

Searcher = Callable[[SearchQuery], list[SearchHit]]


@dataclass(frozen=True, slots=True)
class SearchChoice:
    """The chosen result and the words to find in it."""

    slug: str
    words: tuple[str, ...]


def hit_prompt(hit: SearchHit) -> Content:
    """Title, slug and date, then the snippet with the matched words highlighted."""
    parts: list[tuple[str, str] | str] = [
        (hit.title, "bold"),
        ("  ", ""),
        (hit.slug, "$text-muted"),
    ]
    if hit.date:
        parts += ["  ", (hit.date[:10], "$text-secondary")]
    parts.append("\n  ")
    for text, highlighted in snippet_parts(hit.snippet):
        parts.append((text, "bold reverse $text-warning" if highlighted else "$text-muted"))
    return Content.assemble(*parts)


class SearchScreen(ModalScreen[SearchChoice | None]):
    """An input and the results; up/down move through them, enter opens, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
    ]
    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
        & > Vertical {
            width: 95%; max-width: 120; height: auto; max-height: 90%; margin-top: 1;
            border: round $primary; background: $surface; padding: 0 1;
        }
        & Input, & Input:focus { border: none; height: 1; padding: 0 1; background: $boost; }
        & #search-status { color: $text-muted; height: 1; }
        & OptionList, & OptionList:focus { height: auto; max-height: 40; border: none; }
    }
    """

    def __init__(self, searcher: Searcher, initial: str = "") -> None:
        super().__init__()
        self._searcher = searcher
        self._initial = initial
        self._query = parse_query("")

    def compose(self) -> ComposeResult:
        """Input, status line, results."""
        with Vertical():
            yield Input(self._initial, placeholder='words, "phrases", -word, tag:x, after:2024')
            yield Label("Type to search.", id="search-status")
            yield OptionList(markup=False)

    def on_mount(self) -> None:
        """Focus the input (and search what it holds)."""
        self.query_one(Input).focus()
        if self._initial:
            self._search(self._initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search again on every keystroke (in a worker; only the latest result counts)."""
        event.stop()
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str) -> None:
        query = parse_query(text)
        hits = self._searcher(query) if not query.empty else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: SearchQuery, hits: list[SearchHit]) -> None:
        self._query = query
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(Option(hit_prompt(hit), id=hit.slug) for hit in hits)
        if hits:
            results.highlighted = 0
        status = f"{len(hits)} result{'s' if len(hits) != 1 else ''}" if not query.empty else ""
        if query.problems:
            status += ("  " if status else "") + "; ".join(query.problems)
        self.query_one("#search-status", Label).update(Content(status or "Type to search."))

    def action_move(self, step: int) -> None:
        """Move through the results while typing."""
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input opens the highlighted result."""
        event.stop()
        results = self.query_one(OptionList)
        if results.highlighted is not None and results.option_count:
            self._choose(results.get_option_at_index(results.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a result opens it."""
        event.stop()
        self._choose(event.option.id)

    def _choose(self, slug: str | None) -> None:
        if slug is not None:
            self.dismiss(SearchChoice(slug, self._query.words))

    def action_dismiss_none(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
