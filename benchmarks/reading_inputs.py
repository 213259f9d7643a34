"""Inputs of the reading benchmark: real prose of chosen sizes and pathological Markdown.

Prose is the Go blog's posts (``/work/shared/corpora/go-blog/_content/blog``), front matter
removed, one after another in name order (repeated when more is needed), cut at a post
boundary, or at a paragraph boundary outside code, at the requested size in UTF-8 bytes.

The pathological set is the inputs of cmark's ``test/pathological_tests.py`` (built here with
the same sizes and shapes), plus four cases of our own: a table with a 2,000-column header,
20,000 headings, 50,000 one-word paragraphs and a 1.5 MiB code fence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
GO_BLOG = REPO_ROOT.parent / "shared" / "corpora" / "go-blog" / "_content" / "blog"
KIB = 1024
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Input:
    """One benchmark input: a name, its group ("prose" or "pathological") and how to build it."""

    name: str
    group: str
    build: Callable[[], str]


def strip_front_matter(text: str) -> str:
    """The body of a post: YAML (---) or TOML (+++) front matter removed."""
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.find(f"\n{fence}\n", len(fence) + 1)
            if end != -1:
                return text[end + len(fence) + 2 :]
    return text


def go_blog_posts(folder: Path = GO_BLOG) -> list[str]:
    """Every post's body, in file-name order."""
    paths = sorted(folder.glob("*.md"))
    if not paths:
        raise SystemExit(f"no Go blog posts in {folder}")
    return [strip_front_matter(path.read_text(encoding="utf-8")).strip() + "\n\n" for path in paths]


def _paragraph_cut(post: str, budget: int) -> str:
    """The longest start of `post` that ends at a blank line outside a code fence and is at
    most `budget` UTF-8 bytes (may be empty)."""
    best = 0
    used = 0
    fence = False
    for line in post.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        used += len(line.encode("utf-8"))
        if used > budget:
            break
        if not fence and not line.strip():
            best = used
    data = post.encode("utf-8")[:best]
    return data.decode("utf-8", errors="ignore")


def prose(size: int, folder: Path = GO_BLOG) -> str:
    """About `size` UTF-8 bytes of Go blog prose (within a few KiB, never less than 99%)."""
    posts = go_blog_posts(folder)
    parts: list[str] = []
    used = 0
    while True:
        for post in posts:
            length = len(post.encode("utf-8"))
            if used + length <= size:
                parts.append(post)
                used += length
            else:
                head = _paragraph_cut(post, size - used)
                parts.append(head)
                used += len(head.encode("utf-8"))
            if used >= size * 0.99:
                return "".join(parts)


# -- cmark's pathological inputs (test/pathological_tests.py), same shapes and counts ---------


def cmark_pathological() -> dict[str, Callable[[], str]]:
    """cmark's pathological inputs by their names there."""
    return {
        "nested strong emph": lambda: "*a **a " * 65000 + "b" + " a** a*" * 65000,
        "many emph closers with no openers": lambda: "a_ " * 65000,
        "many emph openers with no closers": lambda: "_a " * 65000,
        "many link closers with no openers": lambda: "a]" * 65000,
        "many link openers with no closers": lambda: "[a" * 65000,
        "mismatched openers and closers": lambda: "*a_ " * 50000,
        "openers and closers multiple of 3": lambda: "a**b" + "c* " * 50000,
        "link openers and emph closers": lambda: "[ a_" * 50000,
        "hard link/emph case": lambda: "**x [a*b**c*](d)",
        "nested brackets": lambda: "[" * 50000 + "a" + "]" * 50000,
        "nested block quotes": lambda: "> " * 50000 + "a",
        "deeply nested lists": lambda: "".join("  " * depth + "* a\n" for depth in range(1000)),
        "U+0000 in input": lambda: "abc\u0000de\u0000",
        "backticks": lambda: "".join("e" + "`" * count for count in range(1, 10000)),
        "unclosed links A": lambda: "[a](<b" * 50000,
        "unclosed links B": lambda: "[a](b" * 50000,
        "many references": lambda: (
            "".join(f"[{number}]: u\n" for number in range(1, 50000 * 16)) + "[0] " * 50000
        ),
    }


def wide_table() -> str:
    """A table whose header has 2,000 columns (and three rows)."""
    columns = 2000
    header = "| " + " | ".join(f"column {number}" for number in range(columns)) + " |\n"
    rule = "|" + "---|" * columns + "\n"
    rows = "".join(
        "| " + " | ".join(f"r{row}c{number}" for number in range(columns)) + " |\n"
        for row in range(3)
    )
    return header + rule + rows


def many_headings() -> str:
    """20,000 headings, levels 1 to 6 in turn."""
    return "".join(
        f"{'#' * (number % 6 + 1)} Heading number {number}\n\n" for number in range(20000)
    )


def one_word_paragraphs() -> str:
    """50,000 paragraphs of one word each."""
    words = ("gopher", "channel", "interface", "goroutine", "module")
    return "".join(f"{words[number % len(words)]}\n\n" for number in range(50000))


def big_code_fence() -> str:
    """A 1.5 MiB fenced Go code block."""
    lines: list[str] = []
    used = 0
    number = 0
    while used < 1.5 * MIB:
        line = (
            f"func handler{number}(w http.ResponseWriter, r *http.Request) "
            f'{{ fmt.Fprintf(w, "hello %d", {number}) }}\n'
        )
        lines.append(line)
        used += len(line)
        number += 1
    return "Some text before the code.\n\n```go\n" + "".join(lines) + "```\n\nAfter the code.\n"


def inputs() -> list[Input]:
    """Every input, prose first (small to large), then the pathological set."""
    cases = [
        Input("prose 100 KiB", "prose", lambda: prose(100 * KIB)),
        Input("prose 1 MiB", "prose", lambda: prose(MIB)),
        Input("prose 10 MiB", "prose", lambda: prose(10 * MIB)),
    ]
    for name, build in cmark_pathological().items():
        cases.append(Input(name, "pathological", build))
    cases += [
        Input("table with 2,000 columns", "pathological", wide_table),
        Input("20,000 headings", "pathological", many_headings),
        Input("50,000 one-word paragraphs", "pathological", one_word_paragraphs),
        Input("1.5 MiB code fence", "pathological", big_code_fence),
    ]
    return cases


def slug_for(name: str) -> str:
    """A file name for an input's article."""
    cleaned = "".join(char if char.isalnum() else "-" for char in name.lower())
    return "-".join(part for part in cleaned.split("-") if part)
