"""How a library is read: the settings that change what the catalog stores and resolves."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from readingroom.core.files import DEFAULT_SIZE_CAP

DEFAULT_RELATION_KEYS = ("related", "see_also", "requires")
"""The front-matter keys whose values name related articles, unless configured."""


@dataclass(frozen=True, slots=True)
class LibraryOptions:
    """Front-matter relation keys, slug patterns for bare numbers (`eip-{}`), site prefixes
    stripped from `/`-rooted links, and the largest file read."""

    relation_keys: tuple[str, ...] = DEFAULT_RELATION_KEYS
    slug_patterns: tuple[str, ...] = ()
    site_prefixes: tuple[str, ...] = ()
    size_cap: int = DEFAULT_SIZE_CAP

    def fingerprint(self) -> str:
        """Changes whenever an option that affects stored articles or edges changes."""
        text = json.dumps(asdict(self), sort_keys=True)
        return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
