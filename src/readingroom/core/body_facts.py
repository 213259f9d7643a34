"""What the catalog needs from an article's body: its first heading, links and length."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from readingroom.core.markdown import markdown_parser


@dataclass(frozen=True, slots=True)
class BodyFacts:
    """The first level-1 heading (a fallback title), link targets in order, and a word count."""

    first_heading: str | None
    links: tuple[str, ...]
    words: int


FULL_PARSE_LIMIT = 512 * 1024
_HEADING_RE = re.compile(r"^ {0,3}# +(.+?)(?: +#+)? *$", re.MULTILINE)
_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]+)")


def body_facts(body: str) -> BodyFacts:
    """Parse the body once and collect what the catalog keeps.

    Bodies over FULL_PARSE_LIMIT are scanned with patterns instead of parsed (markdown-it-py
    takes about a second per MiB), so a huge file never slows the catalog down.
    """
    if len(body) > FULL_PARSE_LIMIT:
        heading = _HEADING_RE.search(body)
        links = dict.fromkeys(match.group(1) for match in _LINK_RE.finditer(body))
        first = heading.group(1).strip() if heading else None
        return BodyFacts(first or None, tuple(links), len(body.split()))
    tokens = markdown_parser().parse(body)
    first_heading: str | None = None
    links: dict[str, None] = {}
    for index, token in enumerate(tokens):
        if (
            first_heading is None
            and token.type == "heading_open"
            and token.tag == "h1"
            and index + 1 < len(tokens)
        ):
            first_heading = _plain(tokens[index + 1]).strip() or None
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "link_open":
                    href = child.attrGet("href")
                    if isinstance(href, str) and href:
                        links.setdefault(href, None)
    return BodyFacts(first_heading, tuple(links), len(body.split()))


def _plain(inline: Token) -> str:
    """The text of an inline token without its markup."""
    if not inline.children:
        return inline.content
    parts: list[str] = []
    for child in inline.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
