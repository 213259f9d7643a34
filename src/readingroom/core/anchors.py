"""Heading anchors as GitHub writes them, so `page.md#some-heading` links land."""

from __future__ import annotations

import re
import unicodedata

_DROP_RE = re.compile(r"[^\w\- ]", re.UNICODE)


def anchor_for(heading: str) -> str:
    """The anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = unicodedata.normalize("NFC", heading).strip().lower()
    return _DROP_RE.sub("", text).replace(" ", "-")


class AnchorSet:
    """Gives each heading of one document a unique anchor (`intro`, `intro-1`, ...)."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._counts: dict[str, int] = {}

    def add(self, heading: str) -> str:
        """Return the unique anchor for the next heading with this text."""
        base = anchor_for(heading)
        anchor = base
        count = self._counts.get(base, 0)
        while anchor in self._used:
            count += 1
            anchor = f"{base}-{count}"
        self._counts[base] = count
        self._used.add(anchor)
        return anchor
