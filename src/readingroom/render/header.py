"""The lines above an article's body: title, date, reading time, tags, and any error."""

from __future__ import annotations

from readingroom.core.article import Article
from readingroom.core.dates import display_date
from readingroom.core.sanitize import clean_label
from readingroom.render.blocks import Block, Notice, Paragraph, Rule
from readingroom.render.runs import Run


def header_blocks(article: Article, problems: tuple[str, ...] = ()) -> list[Block]:
    """Blocks for the top of the article view."""
    blocks: list[Block] = [Paragraph([Run(article.title, ("title",))])]
    meta: list[Run] = []
    facts = []
    if article.date:
        facts.append(display_date(article.date))
    if article.author:
        facts.append(f"by {article.author}")
    if not article.error or article.words:
        facts.append(f"{article.reading_minutes} min read")
    meta.append(Run(" · ".join(facts), ("meta",)))
    if article.tags:
        meta.append(Run("  "))
        for index, tag in enumerate(article.tags):
            if index:
                meta.append(Run(" "))
            meta.append(Run(f"#{tag}", ("tag",)))
    blocks.append(Paragraph(meta))
    path = clean_label(article.path)  # the file name as it is on disk: it may hold controls
    if article.error:
        blocks.append(Notice(f"⚠ {path}: {article.error}", "error"))
    for problem in (*article.problems, *problems):
        blocks.append(Notice(f"⚠ {path}: {problem}", "warning"))
    blocks.append(Rule())
    return blocks
