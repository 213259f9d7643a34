"""What the catalog needs from an article's body: its first heading, links and length.

Found by scanning, not by parsing: markdown-it-py needs about a second per MiB of prose and far
longer on pathological inline markup, while the catalog must read thousands of files a second.
Code (fenced, indented and inline) is skipped so that links shown as code are not collected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readingroom.core.wikilinks import WIKILINK_RE

_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")  # any indent: fences sit inside list items too
_ATX_RE = re.compile(r"^ {0,3}(#{1,6}) +(.+?)(?:\s+#+)?\s*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_CODE_SPAN_RE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_INLINE_LINK_RE = re.compile(
    r"\]\(\s*(<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))+)|<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>"
)
_REFERENCE_RE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:\s*(<[^>\n]*>|\S+)")  # not [^footnote]:
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKUP_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")


@dataclass(frozen=True, slots=True)
class BodyFacts:
    """The first level-1 heading (a fallback title), link targets in order, a word count, and
    for each link the heading of the section it is in ("" before the first heading)."""

    first_heading: str | None
    links: tuple[str, ...]
    words: int
    link_sections: tuple[str, ...] = ()


def _plain_heading(text: str) -> str | None:
    plain = " ".join(_MARKUP_RE.sub(lambda m: m.group(1) or "", text).split())
    return plain or None


def body_facts(body: str) -> BodyFacts:
    """Scan the body once and collect what the catalog keeps."""
    first_heading: str | None = None
    links: dict[str, str] = {}
    fence: str | None = None
    previous = ""
    section = ""
    in_code = False  # inside an indented code block
    for line in body.split("\n"):
        if fence is None and line.startswith("{{raw `"):
            fence = "`}}"  # a Go-template raw block (go.dev's blog), closed by a line "`}}"
            continue
        if fence == "`}}":
            fence = None if line.startswith("`}}") else fence
            continue
        fence_match = _FENCE_RE.match(line)
        if fence is not None:
            marker = fence_match.group(1) if fence_match else ""
            if marker[:1] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if line.startswith(("    ", "\t")) and (in_code or not previous.strip()):
            in_code, previous = True, ""
            continue
        in_code = in_code and not line.strip()
        heading = _ATX_RE.match(line)
        level, text = (len(heading.group(1)), heading.group(2)) if heading else (0, "")
        if not heading and previous.strip() and _SETEXT_RE.match(line):
            level, text = (1 if line.strip()[0] == "=" else 2), previous
        if level:
            section = _plain_heading(text) or ""
            if level == 1 and first_heading is None:
                first_heading = section or None
        if "]" in line or "<" in line:
            text = _CODE_SPAN_RE.sub("", line) if "`" in line else line
            text = _IMAGE_RE.sub("", text) if "![" in text else text
            for wikilink in WIKILINK_RE.finditer(text) if "[[" in text else ():
                links.setdefault(f"[[{wikilink.group(1).strip()}]]", section)
            for match in _INLINE_LINK_RE.finditer(text):
                links.setdefault(_target(match.group(1) or match.group(2)), section)
            reference = _REFERENCE_RE.match(text)
            if reference:
                links.setdefault(_target(reference.group(1)), section)
        previous = line
    kept = [(link, where) for link, where in links.items() if link]
    return BodyFacts(
        first_heading,
        tuple(link for link, _ in kept),
        len(body.split()),
        tuple(where for _, where in kept),
    )


def _target(raw: str) -> str:
    return raw[1:-1].strip() if raw.startswith("<") and raw.endswith(">") else raw
