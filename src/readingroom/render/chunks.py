"""Cutting a long Markdown body into pieces that parse the same way apart as together.

A cut is made only before a line that starts a new top-level block (a blank line, then a line
starting in column 0), never inside a code fence or an HTML comment. Pathological bodies with no
such place (one giant paragraph) are cut at line ends or spaces: they render slightly
differently, but they render.
"""

from __future__ import annotations

import re

from markdown_it.common.normalize_url import normalizeLink, validateLink
from markdown_it.common.utils import normalizeReference, unescapeAll

CHUNK_SIZE = 16 * 1024
FORCE_AFTER = 4 * CHUNK_SIZE
_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
_REFERENCE_RE = re.compile(
    r"^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)"
    r"(?:[ \t]+(\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",
    re.MULTILINE,
)


def _closes(fence: str, marker: str, rest: str) -> bool:
    return marker[0] == fence[0] and len(marker) >= len(fence) and not rest.strip()


def split_chunks(body: str, size: int = CHUNK_SIZE) -> list[str]:
    """Pieces of about `size` characters whose concatenation is `body`."""
    chunks: list[str] = []
    start = 0
    length = 0
    fence: str | None = None
    in_comment = False
    previous_blank = False
    position = 0
    for line in body.splitlines(keepends=True):
        stripped = line.strip()
        starts_block = previous_blank and line[:1] not in (" ", "\t", "\n", "")
        if fence is None and not in_comment and starts_block and length >= size:
            chunks.append(body[start:position])
            start, length = position, 0
        if fence is None and not in_comment and length >= FORCE_AFTER:
            chunks.append(body[start:position])
            start, length = position, 0
        if fence is None and not in_comment and len(line) > FORCE_AFTER:
            if start < position:
                chunks.append(body[start:position])
            chunks.extend(_cut_long_line(line, size))
            position += len(line)
            start, length, previous_blank = position, 0, False
            continue
        match = _FENCE_RE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif _closes(fence, marker, line[match.end() :]):
                fence = None
        elif fence is None:
            if "<!--" in line and "-->" not in line.split("<!--")[-1]:
                in_comment = True
            elif in_comment and "-->" in line:
                in_comment = False
        previous_blank = not stripped
        position += len(line)
        length += len(line)
    if start < len(body):
        chunks.append(body[start:])
    return chunks or [body]


def _cut_long_line(line: str, size: int) -> list[str]:
    """Pieces of one very long line, cut after a space near every `size` characters."""
    pieces: list[str] = []
    start = 0
    while len(line) - start > size:
        space = line.find(" ", start + size)
        cut = start + size if space == -1 or space - start > 2 * size else space + 1
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return pieces


def find_references(body: str) -> dict[str, dict[str, str]]:
    """Link reference definitions of the whole body, as markdown-it keeps them in `env`."""
    references: dict[str, dict[str, str]] = {}
    for match in _REFERENCE_RE.finditer(body):
        label = normalizeReference(match.group(1))
        if not label or label in references:
            continue
        raw = match.group(2)
        if raw.startswith("<") and raw.endswith(">"):
            raw = raw[1:-1]
        href = normalizeLink(unescapeAll(raw))
        if not validateLink(href):
            continue
        title = match.group(3)
        references[label] = {"href": href, "title": unescapeAll(title[1:-1]) if title else ""}
    return references
