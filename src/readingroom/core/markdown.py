"""The one markdown-it-py parser readingroom uses, configured once."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables, strikethrough, footnotes, task lists and definition lists.

    Raw HTML is kept as tokens (the renderer shows it as dimmed source, never interprets it).
    """
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(tasklists_plugin).use(deflist_plugin)
    return md
