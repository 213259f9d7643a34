"""Resolving what an article points at: related entries and link targets."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from enum import Enum
from urllib.parse import unquote, urlsplit

from readingroom.core.sanitize import clean_label
from readingroom.core.scan import is_markdown_name


class LinkKind(Enum):
    """Where a link goes."""

    INTERNAL = "internal"  # an article of the library (maybe at an anchor)
    ANCHOR = "anchor"  # a heading of the same article
    EXTERNAL = "external"  # a URL with a scheme: never opened by itself
    OUTSIDE = "outside"  # a path that leaves the library root: refused
    MISSING = "missing"  # a path inside the library that matches no article


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A link resolved against the library."""

    href: str
    kind: LinkKind
    slug: str | None = None
    anchor: str | None = None


def split_href(href: str) -> tuple[str, str | None]:
    """Split a link target into (path, anchor or None), percent-decoding both.

    Control characters that percent-decoding brings back (`%1b`) are made visible again, as
    they are in slugs and headings, so a decoded anchor is safe to show in a message.
    """
    path, hash_mark, fragment = href.partition("#")
    path = path.split("?", 1)[0]
    return clean_label(unquote(path)), (clean_label(unquote(fragment)) if hash_mark else None)


def has_scheme(href: str) -> bool:
    """True for `https://...`, `mailto:...` and other URLs with a scheme (not `C:` drives)."""
    scheme = urlsplit(href).scheme
    return len(scheme) > 1 or href.startswith("//")


def join_relative(from_path: str, target: str) -> str | None:
    """Resolve `target` (relative to the file `from_path`, or `/`-rooted) to a library path.

    Returns None when the result would leave the library root.
    """
    if target.startswith("/"):
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(from_path), target)
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../") or posixpath.isabs(normal):
        return None
    return "" if normal == "." else normal


def path_candidates(path: str) -> tuple[str, ...]:
    """Slugs a library path may stand for: with the extension dropped, or as a folder index."""
    trimmed = path.rstrip("/")
    if is_markdown_name(trimmed):
        return (trimmed.rsplit(".", 1)[0],)
    candidates = [trimmed] if trimmed else []
    if trimmed.endswith(".html") or trimmed.endswith(".htm"):
        candidates.insert(0, trimmed.rsplit(".", 1)[0])
    prefix = f"{trimmed}/" if trimmed else ""
    candidates += [f"{prefix}index", f"{prefix}README", f"{prefix}readme", f"{prefix}_index"]
    return tuple(candidates)
