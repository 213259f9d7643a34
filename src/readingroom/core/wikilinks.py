"""`[[wikilinks]]` as Foam, Obsidian and many note tools write them.

`[[target]]`, `[[target|shown text]]` and `[[target#Heading]]`. The link's href is kept in its
`[[...]]` form so the library resolves it by name or title rather than as a path.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it is imported by the parser, not by whoever resolves a link
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

WIKILINK_RE = re.compile(r"\[\[([^\[\]\n|]+)(?:\|([^\[\]\n]*))?\]\]")


def is_wikilink(href: str) -> bool:
    """True for an href written as `[[...]]`."""
    return href.startswith("[[") and href.endswith("]]")


def split_wikilink(href: str) -> tuple[str, str | None]:
    """(target, heading or None) of a `[[target#heading]]` href."""
    target, hash_mark, heading = href[2:-2].partition("#")
    return target.strip(), (heading.strip() or None) if hash_mark else None


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    match = WIKILINK_RE.match(state.src, state.pos)
    if match is None or not match.group(1).strip():
        return False
    if not silent:
        target = match.group(1).strip()
        opening = state.push("link_open", "a", 1)
        opening.attrs = {"href": f"[[{target}]]"}
        opening.markup = "wikilink"
        text = state.push("text", "", 0)
        text.content = (match.group(2) or "").strip() or target
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def wikilinks_plugin(md: MarkdownIt) -> None:
    """Add the `[[...]]` inline rule, ahead of ordinary links."""
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
