"""The related graph: for every article, what it declares, what it links to, and what links
back to it; the store adds mentions and similar articles found in the text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from readingroom.core.library import Library
from readingroom.core.links import LinkKind


class RelationKind(Enum):
    """Why an article is related; the order is the order the related list shows."""

    DECLARED = "Declared"
    LINKS = "Links"
    LINKED_FROM = "Linked from"
    MENTIONS = "Mentions"
    SIMILAR = "Similar"


@dataclass(frozen=True, slots=True)
class Edge:
    """One declared relation or in-library link from `source`; `target` None when it resolves
    to no article (a missing related entry, a broken link, or a path out of the library)."""

    source: str
    kind: str  # "declared" or "link"
    key: str  # front-matter key of a declared relation; for a link "", "outside" or "site"
    reference: str
    target: str | None
    anchor: str | None = None
    section: str = ""


def article_edges(library: Library, slug: str) -> list[Edge]:
    """The edges going out of one article, in the order the file gives them."""
    article = library.articles.get(slug)
    if article is None:
        return []
    edges: list[Edge] = []
    for key, reference in article.declared:
        target = library.resolve_reference(reference, slug)
        edges.append(Edge(slug, "declared", key, reference, target))
    sections = article.link_sections
    for index, href in enumerate(article.links):
        section = sections[index] if index < len(sections) else ""
        link = library.resolve_link(href, slug)
        if link.kind is LinkKind.INTERNAL:
            edges.append(Edge(slug, "link", "", href, link.slug, link.anchor, section))
        elif link.kind is LinkKind.MISSING:
            key = "site" if href.startswith("/") else ""
            edges.append(Edge(slug, "link", key, href, None, None, section))
        elif link.kind is LinkKind.OUTSIDE:
            edges.append(Edge(slug, "link", "outside", href, None, None, section))
    return edges


class EdgeSource(Protocol):
    """Where the graph's edges come from: computed in memory, or stored in the catalog."""

    def outgoing(self, slug: str) -> list[Edge]:
        """Edges from `slug`."""
        ...

    def incoming(self, slug: str) -> list[Edge]:
        """Edges to `slug` from other articles."""
        ...

    def all_outgoing(self) -> list[Edge]:
        """Every edge of the library, by source."""
        ...


class MemoryEdges:
    """Edges computed from a library when first asked for."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._out: dict[str, list[Edge]] | None = None
        self._in: dict[str, list[Edge]] = {}

    def _build(self) -> dict[str, list[Edge]]:
        if self._out is None:
            self._out = {
                slug: article_edges(self._library, slug) for slug in self._library.articles
            }
            for source in sorted(self._out):
                for edge in self._out[source]:
                    if edge.target is not None and edge.target != source:
                        self._in.setdefault(edge.target, []).append(edge)
        return self._out

    def outgoing(self, slug: str) -> list[Edge]:
        """Edges from `slug`."""
        return list(self._build().get(slug, []))

    def incoming(self, slug: str) -> list[Edge]:
        """Edges to `slug` from other articles."""
        self._build()
        return list(self._in.get(slug, []))

    def all_outgoing(self) -> list[Edge]:
        """Every edge of the library, by source."""
        edges = self._build()
        return [edge for source in sorted(edges) for edge in edges[source]]


@dataclass(frozen=True, slots=True)
class RelatedEntry:
    """One related article (or a declared entry that resolves to nothing: `slug` is None).

    `kind` is the group it is listed under; `kinds` every way it is related; `score` ranks
    mentions and similar articles (higher is closer).
    """

    kind: RelationKind
    reference: str
    slug: str | None
    reason: str
    score: float = 0.0
    kinds: tuple[RelationKind, ...] = field(default=())

    @property
    def missing(self) -> bool:
        """True for a declared entry that matches no article."""
        return self.slug is None


class RelatedGraph:
    """Related articles of every article of a library."""

    def __init__(self, library: Library, edges: EdgeSource | None = None) -> None:
        self._library = library
        self.edges: EdgeSource = edges if edges is not None else MemoryEdges(library)

    def unresolved(self) -> list[Edge]:
        """Declared entries that match no article, broken links and links out of the library."""
        return [edge for edge in self.edges.all_outgoing() if edge.target is None]

    def backlinks(self, slug: str) -> list[str]:
        """Slugs of the articles that declare or link to `slug`, each once."""
        return list(dict.fromkeys(edge.source for edge in self.edges.incoming(slug)))

    def related(self, slug: str, extra: Iterable[RelatedEntry] = ()) -> list[RelatedEntry]:
        """Declared entries (missing ones kept), linked articles, articles linking here, then
        `extra` (mentions, similar): one entry per article, under its first kind."""
        if slug not in self._library.articles:
            return []
        entries: dict[str, RelatedEntry] = {}
        missing: list[RelatedEntry] = []
        for entry in self._own(slug):
            if entry.slug is None:
                missing.append(entry)
            elif entry.slug != slug:
                self._add(entries, entry)
        for entry in extra:
            if entry.slug is not None and entry.slug != slug:
                self._add(entries, entry)
        ordered = sorted(entries.values(), key=lambda e: list(RelationKind).index(e.kind))
        declared = [e for e in ordered if e.kind is RelationKind.DECLARED]
        return [*declared, *missing, *(e for e in ordered if e.kind is not RelationKind.DECLARED)]

    @staticmethod
    def _add(entries: dict[str, RelatedEntry], entry: RelatedEntry) -> None:
        assert entry.slug is not None
        known = entries.get(entry.slug)
        if known is None:
            entries[entry.slug] = RelatedEntry(
                entry.kind, entry.reference, entry.slug, entry.reason, entry.score, (entry.kind,)
            )
        elif entry.kind not in known.kinds:
            entries[entry.slug] = RelatedEntry(
                known.kind,
                known.reference,
                known.slug,
                known.reason,
                max(known.score, entry.score),
                (*known.kinds, entry.kind),
            )

    def _own(self, slug: str) -> Iterable[RelatedEntry]:
        for edge in self.edges.outgoing(slug):
            if edge.kind == "declared":
                if edge.target is None:
                    reason = f"missing: no article matches ({edge.key})"
                else:
                    reason = f"declared in front matter ({edge.key})"
                yield RelatedEntry(RelationKind.DECLARED, edge.reference, edge.target, reason)
            elif edge.target is not None:
                where = f" in §{edge.section}" if edge.section else ""
                yield RelatedEntry(
                    RelationKind.LINKS,
                    edge.reference,
                    edge.target,
                    f"linked{where}: {edge.reference}",
                )
        for edge in self.edges.incoming(slug):
            where = f" from §{edge.section}" if edge.section else ""
            how = "declares this article" if edge.kind == "declared" else f"links here{where}"
            yield RelatedEntry(RelationKind.LINKED_FROM, edge.source, edge.source, how)


# The first issue's name for the graph; kept so callers written against it still work.
RelatedIndex = RelatedGraph
