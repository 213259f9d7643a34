"""Messages the widgets post upward: what the reader asked for."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ArticleChosen(Message):
    """The reader chose an article to open (from the sidebar or a list)."""

    slug: str
    anchor: str | None = None
