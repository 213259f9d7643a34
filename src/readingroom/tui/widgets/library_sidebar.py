"""The sidebar: every article with its title, date and tags; the open one marked."""

from __future__ import annotations

import contextlib

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from readingroom.core.article import Article
from readingroom.core.dates import display_date
from readingroom.tui.commands import SIDEBAR_COMMANDS, bindings
from readingroom.tui.messages import ArticleChosen
from readingroom.tui.reading_memory import Mark

OPEN_MARK = "▶ "
NO_MARK = "  "


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
    head += [(unread, "$text-primary"), (article.title, title_style), "\n  "]
    if article.error and not article.words:
        return Content.assemble(*head, (f"⚠ {article.error}", "$text-error"))
    details: list[tuple[str, str] | str] = []
    if mark.read:
        details.append(("✓ read", "$text-success"))
    elif mark.percent > 0:
        details.append((f"{mark.percent}%", "$text-warning"))
    if article.date:
        details.append((display_date(article.date), "$text-muted"))
    if article.tags:
        details.append((" ".join(f"#{tag}" for tag in article.tags), "$text-secondary"))
    if article.error:
        details.append(("⚠", "$text-error"))
    spaced: list[tuple[str, str] | str] = []
    for index, part in enumerate(details):
        if index:
            spaced.append("  ")
        spaced.append(part)
    return Content.assemble(*head, *spaced)


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
        self._articles: list[Article] = []
        self._open: str | None = None
        self._marks: dict[str, Mark] = {}

    def show_articles(
        self, articles: list[Article], open_slug: str | None, marks: dict[str, Mark] | None = None
    ) -> None:
        """Replace the list, keeping the highlighted article highlighted."""
        highlighted = self.highlighted_slug
        self._articles = articles
        self._open = open_slug
        if marks is not None:
            self._marks = dict(marks)
        self.clear_options()
        self.add_options(
            Option(
                article_prompt(article, article.slug == open_slug, self._marks.get(article.slug)),
                id=article.slug,
            )
            for article in articles
        )
        keep = highlighted or open_slug
        if keep is not None:
            self.highlight_slug(keep)
        elif articles:
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
        by_slug = {article.slug: article for article in self._articles}
        for changed in {previous, slug} - {None}:
            article = by_slug.get(changed) if changed else None
            if article is not None:
                prompt = article_prompt(
                    article, article.slug == slug, self._marks.get(article.slug)
                )
                self.replace_option_prompt(article.slug, prompt)
        if slug is not None:
            self.highlight_slug(slug)

    def set_mark(self, slug: str, mark: Mark) -> None:
        """Show a new read/progress/bookmark mark for one article."""
        self._marks[slug] = mark
        for article in self._articles:
            if article.slug == slug:
                prompt = article_prompt(article, slug == self._open, mark)
                self.replace_option_prompt(slug, prompt)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an article: ask the app to open it."""
        event.stop()
        if event.option.id is not None:
            self.post_message(ArticleChosen(event.option.id))
