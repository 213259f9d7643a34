"""The one markdown-it-py parser readingroom uses, configured once."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from readingroom.core.wikilinks import wikilinks_plugin

# Set in the parse `env` when markdown-it dropped content nested past its limit (it is silent).
DROPPED_BY_NESTING = "readingroom.dropped_by_nesting"


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables, strikethrough, footnotes, task lists, definition lists and
    `[[wikilinks]]`.

    Raw HTML is kept as tokens (the renderer shows it as dimmed source, never interprets it).
    The block tokenizer is wrapped to notice when content nested past `maxNesting` is skipped.
    """
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(tasklists_plugin).use(deflist_plugin).use(wikilinks_plugin)
    tokenize = md.block.tokenize
    limit = md.options.maxNesting

    def watched_tokenize(state: StateBlock, start: int, end: int, *args: Any) -> None:
        if state.level >= limit and state.skipEmptyLines(start) < end:
            state.env[DROPPED_BY_NESTING] = True
        tokenize(state, start, end, *args)

    md.block.tokenize = watched_tokenize  # type: ignore[method-assign,assignment]
    return md
