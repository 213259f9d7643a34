"""The "Related" block at the end of an article, as a blog's "articles for you" list."""

from __future__ import annotations

from dataclasses import dataclass

from readingroom.render.blocks import Block, Heading, ListBlock, ListItem, Paragraph, Rule
from readingroom.render.runs import Run


@dataclass(frozen=True, slots=True)
class RelatedLine:
    """One related article to list: its title, the link to follow, and why it is related."""

    title: str
    href: str
    reason: str


def related_blocks(lines: list[RelatedLine], first_link: int) -> tuple[list[Block], list[str]]:
    """Blocks listing the related articles, and their hrefs (link indexes from `first_link`)."""
    if not lines:
        return [], []
    items = []
    hrefs = []
    for number, line in enumerate(lines):
        runs = [
            Run(line.title, ("link",), first_link + number),
            Run(f" — {line.reason}", ("meta",)),
        ]
        items.append(ListItem([Paragraph(runs, hidden=True)]))
        hrefs.append(line.href)
    heading = Heading(2, [Run("Related articles")], "readingroom-related")
    return [Rule(), heading, ListBlock(False, 1, items, tight=True)], hrefs
