"""Finding an article's related articles for the reader (called from worker threads)."""

from __future__ import annotations

from readingroom.core.library import Library
from readingroom.core.related import RelatedEntry, RelatedGraph
from readingroom.render.related_block import RelatedLine
from readingroom.store.catalog import Catalog
from readingroom.store.paths import app_paths

BLOCK_LIMIT = 8


def related_entries(library: Library, slug: str, *, use_catalog: bool) -> list[RelatedEntry]:
    """Declared, links, linked from, mentions and similar (the last two need the catalog's
    full-text index; without a catalog file only the first three are found)."""
    if not use_catalog:
        return RelatedGraph(library).related(slug)
    catalog = Catalog(app_paths().catalog)
    try:
        if catalog.path is None:
            return RelatedGraph(library).related(slug)
        return catalog.related(library, slug)
    finally:
        catalog.close()


def related_lines(library: Library, entries: list[RelatedEntry]) -> list[RelatedLine]:
    """The entries to list at the end of an article (the first few that exist)."""
    lines = []
    for entry in entries:
        article = library.get(entry.slug) if entry.slug else None
        if article is not None:
            lines.append(RelatedLine(article.title, f"[[{article.slug}]]", entry.reason))
        if len(lines) >= BLOCK_LIMIT:
            break
    return lines
