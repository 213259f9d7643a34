"""Cutting a long Markdown body into pieces that parse the same way apart as together.

A cut is made only before a line that starts a new top-level block (a blank line, then a line
starting in column 0), never inside a code fence or an HTML comment. Pathological bodies with no
such place (one giant paragraph) are cut at line ends or spaces: they render slightly
differently, but they render.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

CHUNK_SIZE = 8 * 1024  # about 10 ms of parsing: the worker gives way to the UI between pieces
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
    return list(iter_chunks(body, size)) or [body]


def iter_chunks(body: str, size: int = CHUNK_SIZE, first: int | None = None) -> Iterator[str]:
    """The pieces of `split_chunks`, each as soon as it is found (the first of about `first`
    characters, when given: the first screen needs only a few KB, and the rest of the body is
    not looked at before it is shown)."""
    wanted = size if first is None else first
    start = 0
    length = 0
    fence: str | None = None
    in_comment = False
    previous_blank = False
    position = 0
    for line in _lines(body):
        stripped = line.strip()
        starts_block = previous_blank and line[:1] not in (" ", "\t", "\n", "")
        if fence is None and not in_comment and starts_block and length >= wanted:
            yield body[start:position]
            start, length, wanted = position, 0, size
        if fence is None and not in_comment and length >= FORCE_AFTER:
            yield body[start:position]
            start, length, wanted = position, 0, size
        if fence is None and not in_comment and len(line) > FORCE_AFTER:
            if start < position:
                yield body[start:position]
            yield from _cut_long_line(line, size)
            position += len(line)
            start, length, previous_blank, wanted = position, 0, False, size
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
        yield body[start:]


def _lines(body: str) -> Iterator[str]:
    """The lines of `body`, each with its newline (only "\n" ends a line, as in markdown-it),
    one at a time."""
    start = 0
    end_of_body = len(body)
    while start < end_of_body:
        end = body.find("\n", start)
        end = end_of_body if end == -1 else end + 1
        yield body[start:end]
        start = end


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


def _definitions(body: str) -> Iterator[re.Match[str]]:
    """Every match of _REFERENCE_RE in `body`, tried only on the lines with "]:" in them: a
    scan for "]:" is a fast search (most bodies have few definitions), where the pattern run
    over the whole body held the GIL for 13 ms per MiB, stalling the UI thread."""
    position = body.find("]:")
    tried = -1
    while position != -1:
        line_start = body.rfind("\n", 0, position) + 1
        following = position + 2
        if line_start != tried:
            tried = line_start
            match = _REFERENCE_RE.match(body, line_start)
            if match is not None:
                yield match
                following = max(following, match.end())
        position = body.find("]:", following)


def find_references(body: str) -> dict[str, dict[str, str]]:
    """Link reference definitions of the whole body, as markdown-it keeps them in `env`."""
    from markdown_it.common.normalize_url import normalizeLink, validateLink
    from markdown_it.common.utils import normalizeReference, unescapeAll

    references: dict[str, dict[str, str]] = {}
    for match in _definitions(body):
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
