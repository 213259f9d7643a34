"""The library: every article of a folder, by slug, with references resolved between them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from readingroom.core.anchors import anchor_for
from readingroom.core.article import Article
from readingroom.core.links import (
    LinkKind,
    LinkTarget,
    has_scheme,
    join_relative,
    path_candidates,
    split_href,
)
from readingroom.core.scan import ScanProblem
from readingroom.core.wikilinks import is_wikilink, split_wikilink


class SortOrder(Enum):
    """How the sidebar lists articles."""

    NEWEST = "newest"
    TITLE = "title"

    def next(self) -> SortOrder:
        """The other order (the sort key toggles between them)."""
        return SortOrder.TITLE if self is SortOrder.NEWEST else SortOrder.NEWEST


@dataclass(slots=True)
class Library:
    """All articles under one root folder.

    Resolution is case-insensitive: by slug, by relative path (with or without the extension),
    by file name when it is unique, and by title.
    """

    root: str
    articles: dict[str, Article] = field(default_factory=dict)
    problems: list[ScanProblem] = field(default_factory=list)
    _by_lower_slug: dict[str, str] = field(default_factory=dict, repr=False)
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_title: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_articles(
        cls, root: str, articles: Iterable[Article], problems: Iterable[ScanProblem] = ()
    ) -> Library:
        """Build the library and its look-up tables."""
        library = cls(root=root, problems=list(problems))
        for article in articles:
            library.articles[article.slug] = article
        library._index()
        return library

    def _index(self) -> None:
        for slug in sorted(self.articles):
            article = self.articles[slug]
            self._by_lower_slug.setdefault(slug.lower(), slug)
            name = slug.rsplit("/", 1)[-1].lower()
            self._by_name.setdefault(name, []).append(slug)
            self._by_title.setdefault(_title_key(article.title), slug)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, slug: str) -> Article | None:
        """The article with this slug (exact, then case-insensitive), or None."""
        found = self.articles.get(slug)
        if found is None:
            exact = self._by_lower_slug.get(slug.lower())
            found = self.articles.get(exact) if exact else None
        return found

    def sorted(self, order: SortOrder = SortOrder.NEWEST) -> list[Article]:
        """Articles newest first (undated last, then by title) or by title."""
        articles = list(self.articles.values())
        articles.sort(key=lambda a: (_title_key(a.title), a.slug))
        if order is SortOrder.NEWEST:
            articles.sort(key=lambda a: a.date or "", reverse=True)
        return articles

    def resolve_reference(self, reference: str, from_slug: str | None = None) -> str | None:
        """Resolve a front-matter `related` entry to a slug, or None when nothing matches.

        Tried in order: a path relative to the declaring article, a slug (or path from the
        root), a unique file name, a title.
        """
        text = reference.strip()
        if not text:
            return None
        origin = self.articles.get(from_slug) if from_slug else None
        if origin is not None and not has_scheme(text):
            path, _ = split_href(text)
            relative = join_relative(origin.path, path)
            if relative is not None and (found := self._slug_for_path(relative)):
                return found
        path, _ = split_href(text)
        rooted = join_relative("", path.lstrip("/"))
        if rooted is not None and (found := self._slug_for_path(rooted)):
            return found
        names = self._by_name.get(path_candidates(text.rsplit("/", 1)[-1])[0].lower(), [])
        if len(names) == 1:
            return names[0]
        return self._by_title.get(_title_key(text))

    def resolve_link(self, href: str, from_slug: str) -> LinkTarget:
        """Resolve a link found in an article's body."""
        if is_wikilink(href):
            target, heading = split_wikilink(href)
            anchor = anchor_for(heading) if heading else None
            if not target:
                return LinkTarget(href, LinkKind.ANCHOR, from_slug, anchor)
            found = self.resolve_reference(target, from_slug)
            if found is None:
                return LinkTarget(href, LinkKind.MISSING)
            return LinkTarget(href, LinkKind.INTERNAL, found, anchor)
        if has_scheme(href):
            return LinkTarget(href, LinkKind.EXTERNAL)
        path, anchor = split_href(href)
        if not path:
            return LinkTarget(href, LinkKind.ANCHOR, from_slug, anchor)
        origin = self.articles.get(from_slug)
        relative = join_relative(origin.path if origin else "", path)
        if relative is None:
            return LinkTarget(href, LinkKind.OUTSIDE)
        slug = self._slug_for_path(relative)
        if slug is None:
            return LinkTarget(href, LinkKind.MISSING)
        return LinkTarget(href, LinkKind.INTERNAL, slug, anchor)

    def _slug_for_path(self, path: str) -> str | None:
        for candidate in path_candidates(path):
            if candidate in self.articles:
                return candidate
            found = self._by_lower_slug.get(candidate.lower())
            if found is not None:
                return found
        return None


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()
