"""In-article navigation for the reader: find, outline, the links list and following links.

A mixin of the app: in-library links open in the reader at their heading, a path out of the
library is refused, and an external URL is only copied or opened after the reader says so.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.css.query import NoMatches

from readingroom.core.library import Library
from readingroom.core.links import LinkKind
from readingroom.render.layout import link_texts
from readingroom.tui.screens.external_link_screen import ExternalChoice, ExternalLinkScreen
from readingroom.tui.screens.links_screen import LinksScreen
from readingroom.tui.screens.outline_screen import OutlineScreen
from readingroom.tui.widgets.article_view import ArticleView
from readingroom.tui.widgets.find_bar import FindBar

if TYPE_CHECKING:
    from readingroom.core.location import Location


class ArticleNavigation(App[None]):
    """Find, outline, links and link following, on top of the reader's open_article."""

    library: Library | None

    @property
    def article_view(self) -> ArticleView:
        """The open article."""
        return self.query_one(ArticleView)

    def open_article(
        self,
        slug: str,
        *,
        anchor: str | None = None,
        record: bool = True,
        at: Location | None = None,
    ) -> None:
        """Open an article (the reader implements it)."""
        raise NotImplementedError

    def on_article_view_find_status(self, message: ArticleView.FindStatus) -> None:
        """Show the match count in the find bar (and close it when the find was cleared)."""
        try:
            find_bar = self.query_one(FindBar)
        except NoMatches:  # a last message while the reader closes
            return
        find_bar.show_count(message.current, message.total)
        if not self.article_view.has_matches and not self.article_view.find_query:
            find_bar.close()

    def on_find_bar_changed(self, message: FindBar.Changed) -> None:
        """Search as the reader types, showing the first match below the top."""
        self.article_view.set_query(message.query, reveal=True)

    def on_find_bar_submitted(self, message: FindBar.Submitted) -> None:
        """Back to reading at the current match; n and N go on from there."""
        self.article_view.show_current_match()
        self.article_view.focus()

    def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        """Stop finding."""
        self.article_view.clear_find()
        self.article_view.focus()

    def on_article_view_link_followed(self, message: ArticleView.LinkFollowed) -> None:
        """Follow a link: inside the library, a heading here, or (after asking) outside."""
        self.follow_link(message.href)

    def follow_link(self, href: str) -> None:
        """Open an in-library link in the reader; refuse paths out of the library; ask first
        before anything external."""
        slug = self.article_view.slug
        if self.library is None or slug is None:
            return
        target = self.library.resolve_link(href, slug)
        if target.kind in (LinkKind.INTERNAL, LinkKind.ANCHOR) and target.slug:
            self.open_article(target.slug, anchor=target.anchor)
        elif target.kind is LinkKind.EXTERNAL:
            self.push_screen(ExternalLinkScreen(href), partial(self._external_chosen, href))
        elif target.kind is LinkKind.OUTSIDE:
            self.notify(f"Refused: {href} is outside the library.", severity="error", markup=False)
        else:
            self.notify(f"No article for {href} in this library.", severity="warning", markup=False)

    def _external_chosen(self, url: str, choice: ExternalChoice) -> None:
        if choice == "copy":
            self.copy_to_clipboard(url)
            self.notify(f"Copied {url}", timeout=3, markup=False)
        elif choice == "open":
            self._open_in_browser(url)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        import webbrowser

        if not webbrowser.open(url):
            self.call_from_thread(
                self.notify, f"No browser could open {url}", severity="warning", markup=False
            )

    def action_find(self) -> None:
        """Open the find bar."""
        self.query_one(FindBar).open()

    def action_outline(self) -> None:
        """List the headings; enter jumps to one (recorded in the history)."""
        view = self.article_view
        layout = view.text_layout
        if layout is None or view.slug is None:
            return
        current = layout.heading_at(int(view.scroll_y))
        self.push_screen(OutlineScreen(layout.headings, current), self._outline_chosen)

    def _outline_chosen(self, line: int | None) -> None:
        view = self.article_view
        layout = view.text_layout
        if line is None or layout is None or view.slug is None:
            return
        heading = layout.headings[layout.heading_at(line) or 0]
        self.open_article(view.slug, anchor=heading.anchor)
        view.focus()

    def action_links(self) -> None:
        """List every link of the article with where it goes."""
        view = self.article_view
        layout = view.text_layout
        if layout is None or view.slug is None or self.library is None:
            return
        texts = link_texts(layout)
        rows = []
        for index, href in enumerate(view.document.links):
            target = self.library.resolve_link(href, view.slug)
            where = href
            if target.kind is LinkKind.INTERNAL and target.slug:
                found = self.library.get(target.slug)
                where = found.title if found else target.slug
                if target.anchor:
                    where += f" § {target.anchor}"
            rows.append((texts.get(index, ""), target, where))
        self.push_screen(LinksScreen(rows), self._link_chosen)

    def _link_chosen(self, href: str | None) -> None:
        if href is not None:
            self.follow_link(href)
