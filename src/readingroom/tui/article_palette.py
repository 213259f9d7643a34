"""Command-palette provider: jump to any article by a fuzzy match on its title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

if TYPE_CHECKING:
    from readingroom.tui.app import ReadingRoomApp

MAX_HITS = 40


class ArticleTitles(Provider):
    """Every article of the library, matched on its title (and slug)."""

    def _reader(self) -> ReadingRoomApp:
        from readingroom.tui.app import ReadingRoomApp

        assert isinstance(self.app, ReadingRoomApp)
        return self.app

    async def search(self, query: str) -> Hits:
        """Articles whose title matches what was typed, best first."""
        reader = self._reader()
        library = reader.library
        if library is None:
            return
        matcher = self.matcher(query)
        scored = []
        for article in library.articles.values():
            score = matcher.match(article.title)
            if score > 0:
                scored.append((score, article))
        scored.sort(key=lambda pair: -pair[0])
        for score, article in scored[:MAX_HITS]:
            yield Hit(
                score,
                matcher.highlight(article.title),
                partial(reader.open_and_read, article.slug),
                text=article.title,
                help=f"open {article.slug}",
            )
