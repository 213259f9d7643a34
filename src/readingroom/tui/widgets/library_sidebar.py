"""The sidebar: every article with its title, date and tags; the open one marked.

A library can hold tens of thousands of articles, so the list is lazy: an option builds its
two-line prompt only when it is drawn (or asked for), and every option is two lines tall, so
the list never measures its options up front (an OptionList otherwise renders every prompt to
learn its height). Filling the sidebar costs one small object per article.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from itertools import chain, cycle

from textual.content import Content
from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from readingroom.core.article import Article
from readingroom.core.dates import display_date
from readingroom.core.heap import collections_paused
from readingroom.tui.commands import SIDEBAR_COMMANDS, bindings
from readingroom.tui.messages import ArticleChosen
from readingroom.tui.reading_memory import Mark

OPEN_MARK = "▶ "
NO_MARK = "  "
ROW_LINES = 2
"""Lines of every prompt: the title, then the date, tags and progress."""


def _one_line(text: str) -> str:
    """`text` on one line, so every prompt stays ROW_LINES tall."""
    return text.replace("\r", " ").replace("\n", " ") if "\n" in text or "\r" in text else text


def article_prompt(article: Article, is_open: bool, mark: Mark | None = None) -> Content:
    """Two lines: the title (marked when open, a dot when unread), then the date, tags and
    progress (or the error)."""
    mark = mark or Mark()
    opened = OPEN_MARK if is_open else NO_MARK
    unread = "" if mark.read else "• "
    title_style = "bold $text-accent" if is_open else ("bold" if not mark.read else "")
    head: list[tuple[str, str] | str] = [(opened, "$text-accent")]
    if mark.bookmarked:
        head.append(("★ ", "$text-warning"))
    head += [(unread, "$text-primary"), (_one_line(article.title), title_style), "\n  "]
    if article.error and not article.words:
        return Content.assemble(*head, (f"⚠ {_one_line(article.error)}", "$text-error"))
    details: list[tuple[str, str] | str] = []
    if mark.read:
        details.append(("✓ read", "$text-success"))
    elif mark.percent > 0:
        details.append((f"{mark.percent}%", "$text-warning"))
    if article.date:
        details.append((display_date(article.date), "$text-muted"))
    if article.tags:
        tags = " ".join(f"#{tag}" for tag in article.tags)
        details.append((_one_line(tags), "$text-secondary"))
    if article.error:
        details.append(("⚠", "$text-error"))
    spaced: list[tuple[str, str] | str] = []
    for index, part in enumerate(details):
        if index:
            spaced.append("  ")
        spaced.append(part)
    return Content.assemble(*head, *spaced)


class ArticleOption(Option):
    """One article of the sidebar; its prompt is built the first time it is needed."""

    # Identity, as Option.__hash__ (`id(self)`) says, without a Python call per dict entry:
    # the option list indexes every option by itself, 31,000 at each start.
    __hash__ = object.__hash__

    def __init__(self, article: Article, is_open: bool, mark: Mark | None) -> None:
        # Option.__init__'s fields set here directly: 31,000 of these are made at each start.
        self._prompt: VisualType = ""
        self._visual = None
        self._id = article.slug
        self.disabled = False
        self._divider = False
        self.article = article
        self.is_open = is_open
        self.mark = mark
        self._built = False

    @property
    def prompt(self) -> VisualType:
        """The two-line prompt (built on first use)."""
        if not self._built:
            self._built = True
            self._prompt = article_prompt(self.article, self.is_open, self.mark)
        return self._prompt


def article_options(
    articles: list[Article], open_slug: str | None, marks: Mapping[str, Mark]
) -> list[ArticleOption]:
    """The sidebar's options for these articles (plain objects: may be made in a worker)."""
    get_mark = marks.get
    return [
        ArticleOption(article, article.slug == open_slug, get_mark(article.slug))
        for article in articles
    ]


class LibrarySidebar(OptionList):
    """The list of articles. Enter posts ArticleChosen; the app marks the open one."""

    BINDINGS = bindings(SIDEBAR_COMMANDS)
    DEFAULT_CSS = """
    LibrarySidebar {
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .option-list--option { padding: 0 0; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._open: str | None = None
        self._marks: dict[str, Mark] = {}

    def show_articles(
        self, articles: list[Article], open_slug: str | None, marks: dict[str, Mark] | None = None
    ) -> None:
        """Replace the list, keeping the highlighted article highlighted."""
        marks = self._marks if marks is None else marks
        self.show_options(article_options(articles, open_slug, marks), open_slug, marks)

    def show_options(
        self, options: list[ArticleOption], open_slug: str | None, marks: Mapping[str, Mark]
    ) -> None:
        """Replace the list with options made by article_options (in a worker, for a big
        library), keeping the highlighted article highlighted."""
        highlighted = self.highlighted_slug
        self._open = open_slug
        self._marks = dict(marks)
        with collections_paused():  # the list's line cache: two tuples per article
            self.set_options(options)
        keep = highlighted or open_slug
        if keep is not None:
            self.highlight_slug(keep)
        elif options:
            self.highlighted = 0

    @property
    def highlighted_slug(self) -> str | None:
        """The slug of the highlighted article."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def highlight_slug(self, slug: str) -> None:
        """Move the highlight to an article (no-op when it is not listed)."""
        with contextlib.suppress(KeyError, OptionDoesNotExist):
            self.highlighted = self.get_option_index(slug)

    def mark_open(self, slug: str | None) -> None:
        """Mark the open article (and unmark the previous one)."""
        previous, self._open = self._open, slug
        for changed in (previous, slug):
            if changed is not None:
                self._refresh_option(changed)
        if slug is not None:
            self.highlight_slug(slug)

    def set_mark(self, slug: str, mark: Mark) -> None:
        """Show a new read/progress/bookmark mark for one article."""
        self._marks[slug] = mark
        self._refresh_option(slug)

    def _refresh_option(self, slug: str) -> None:
        """Redraw one article's prompt from the open slug and its mark."""
        try:
            option = self.get_option(slug)
        except OptionDoesNotExist:
            return
        if isinstance(option, ArticleOption):
            option.is_open = slug == self._open
            option.mark = self._marks.get(slug)
            prompt = article_prompt(option.article, option.is_open, option.mark)
            self.replace_option_prompt(slug, prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an article: ask the app to open it."""
        event.stop()
        if event.option.id is not None:
            self.post_message(ArticleChosen(event.option.id))

    # -- a fixed height per option: nothing is rendered to be measured -----------------------

    def _row_lines(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return ROW_LINES + padding.top + padding.bottom

    def _update_lines(self) -> None:
        """Lay out every option ROW_LINES tall without rendering it (OptionList renders each
        option to measure it: seconds for 30,000 articles)."""
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        count = len(self.options)
        done = len(cache.heights)
        if done < count:
            rows = self._row_lines()
            start = len(cache.lines)
            # (option, line of it) for every line, made in C: (0, 0), (0, 1), (1, 0), ...
            indexes = range(done, count)
            each_repeated = chain.from_iterable(zip(*(indexes,) * rows, strict=True))
            cache.lines.extend(zip(each_repeated, cycle(range(rows)), strict=False))
            cache.heights.update(dict.fromkeys(range(done, count), rows))
            cache.index_to_line.update(
                zip(
                    range(done, count),
                    range(start, start + rows * (count - done), rows),
                    strict=True,
                )
            )
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        virtual_size = Size(width, len(cache.lines))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Every option is the same height."""
        return self.option_count * self._row_lines()
