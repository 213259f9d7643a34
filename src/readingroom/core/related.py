"""The articles related to one article, grouped by why they are related."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from readingroom.core.library import Library
from readingroom.core.links import LinkKind


class RelationKind(Enum):
    """Why an article is related; the order is the order the related list shows."""

    DECLARED = "Declared"
    LINKS = "Links"
    LINKED_FROM = "Linked from"


@dataclass(frozen=True, slots=True)
class RelatedEntry:
    """One related article (or a declared entry that resolves to nothing: `slug` is None)."""

    kind: RelationKind
    reference: str
    slug: str | None
    reason: str

    @property
    def missing(self) -> bool:
        """True for a declared entry that matches no article."""
        return self.slug is None


class RelatedIndex:
    """Related articles for every article of a library, with backlinks computed once."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._backlinks: dict[str, list[str]] | None = None

    def _outgoing(self, slug: str) -> list[str]:
        article = self._library.articles[slug]
        targets: dict[str, None] = {}
        for entry in article.related:
            found = self._library.resolve_reference(entry, slug)
            if found and found != slug:
                targets.setdefault(found, None)
        for href in article.links:
            link = self._library.resolve_link(href, slug)
            if link.kind is LinkKind.INTERNAL and link.slug and link.slug != slug:
                targets.setdefault(link.slug, None)
        return list(targets)

    def backlinks(self, slug: str) -> list[str]:
        """Slugs of the articles that declare or link to `slug`."""
        if self._backlinks is None:
            index: dict[str, list[str]] = {}
            for source in sorted(self._library.articles):
                for target in self._outgoing(source):
                    index.setdefault(target, []).append(source)
            self._backlinks = index
        return list(self._backlinks.get(slug, []))

    def related(self, slug: str) -> list[RelatedEntry]:
        """Declared entries (missing ones kept), linked articles, then backlinks not yet listed."""
        library = self._library
        article = library.articles.get(slug)
        if article is None:
            return []
        entries: list[RelatedEntry] = []
        listed: set[str] = {slug}
        for reference in article.related:
            found = library.resolve_reference(reference, slug)
            if found is None:
                entries.append(
                    RelatedEntry(RelationKind.DECLARED, reference, None, "missing: no such article")
                )
            elif found not in listed:
                listed.add(found)
                entries.append(
                    RelatedEntry(
                        RelationKind.DECLARED, reference, found, "declared in front matter"
                    )
                )
        for href in article.links:
            link = library.resolve_link(href, slug)
            if link.kind is LinkKind.INTERNAL and link.slug and link.slug not in listed:
                listed.add(link.slug)
                entries.append(RelatedEntry(RelationKind.LINKS, href, link.slug, f"linked: {href}"))
        for source in self.backlinks(slug):
            if source not in listed:
                listed.add(source)
                entries.append(
                    RelatedEntry(RelationKind.LINKED_FROM, source, source, "links to this article")
                )
        return entries
