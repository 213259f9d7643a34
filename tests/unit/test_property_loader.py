"""Property tests: whatever bytes, front matter or Markdown a file holds, reading and laying it
out never raises and never leaves a control character in what the reader shows."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.core.article import Article
from readingroom.core.frontmatter import parse_front_matter, split_front_matter
from readingroom.core.loader import read_article, read_body
from readingroom.core.sanitize import clean_label, clean_text
from readingroom.render.blocks import Block, Document
from readingroom.render.header import header_blocks
from readingroom.render.layout import layout_document
from readingroom.render.parse import parse_markdown

UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
UNSAFE_IN_LABEL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CONTROLS = st.sampled_from(
    [
        "\x1b",
        "\x1b[2J",
        "\x1bc",
        "\x1b]52;c;eA==\x07",
        "\x1b]8;;http://x\x1b\\",
        "\x1b]0;t\x07",
        "\x1bP+q\x1b\\",
        "\x9b",
        "\x9d",
        "\x00",
        "\x0e",
        "\x0f",
        "\x7f",
        "\x07",
        "\x08",
        "\r",
        "\t",
        "\u202e",
        "\u2066",
        "\u200f",
        "&#27;",
        "&#x9b;",
        "%1b",
    ]
)
ANY_TEXT = st.text(st.characters(exclude_categories=()))  # surrogates too (file names)
WORDS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
PIECE = st.one_of(WORDS, CONTROLS, st.sampled_from(["é", "漢", "😀", "[", "]", "`", "*", "_"]))
INLINE = st.lists(PIECE, max_size=8).map("".join)


def _inline_construct(text: str, kind: int) -> str:
    return [
        text,
        f"*{text}*",
        f"**{text}**",
        f"`{text}`",
        f"[{text}]({text})",
        f"[{text}](<{text}>)",
        f"![{text}]({text})",
        f"<{text}>",
        f"[[{text}]]",
        f"[[a|{text}]]",
        f"<span>{text}</span>",
        f"~~{text}~~",
        f"[{text}][ref]",
        f"{text}[^1]",
    ][kind]


INLINE_CONSTRUCT = st.builds(_inline_construct, INLINE, st.integers(0, 13))
LINE = st.lists(INLINE_CONSTRUCT, min_size=1, max_size=4).map(" ".join)


def _block_construct(line: str, kind: int) -> str:
    return [
        f"{line}\n",
        f"# {line}\n",
        f"{line}\n===\n",
        f"> {line}\n",
        f"- {line}\n  - {line}\n",
        f"1. {line}\n",
        f"- [ ] {line}\n",
        f"```{line}\n{line}\n```\n",
        f"    {line}\n",
        f"| {line} | b |\n| --- | --- |\n| {line} | c |\n",
        f"<div>\n{line}\n</div>\n",
        f"[ref]: {line}\n",
        f"[^1]: {line}\n",
        f"{line}\n: {line}\n",
        f"{line}\\\n{line}\n",
        "---\n",
    ][kind]


BLOCK = st.builds(_block_construct, LINE, st.integers(0, 15))
MARKDOWN = st.lists(BLOCK, max_size=8).map("\n".join)

YAML_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    INLINE,
    st.dates(),
)
YAML_VALUE = st.recursive(
    YAML_SCALAR,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=10,
)
FRONT_MATTER_KEYS = st.sampled_from(
    ["title", "date", "tags", "related", "see_also", "summary", "author", "description", "x"]
)
STRUCTURED_YAML = st.dictionaries(st.one_of(FRONT_MATTER_KEYS, INLINE), YAML_VALUE, max_size=6).map(
    lambda data: yaml.safe_dump(data, allow_unicode=True)
)
RAW_YAML = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.one_of(INLINE, st.sampled_from(["key: ", "- ", "&a ", "*a", "!!", "\n", ": ", "{", "["]))
    ).map("".join),
    st.builds(lambda k, v: f"{k}: {v}", FRONT_MATTER_KEYS, INLINE),
    st.builds(
        lambda k, v: f'{k}: "{v}"',
        FRONT_MATTER_KEYS,
        st.sampled_from(["\\e", "\\x1b", "\\u009b", "\\a", "\\0", "\\u202e", "\\ud800"]),
    ),
)


def _assert_article_clean(article: Article) -> None:
    for text in (
        article.slug,
        article.title,
        article.author,
        article.summary,
        article.date or "",
        article.error or "",
        *article.tags,
        *article.related,
        *article.links,
        *article.link_sections,
        *article.problems,
    ):
        assert not UNSAFE_IN_LABEL.search(text), repr(text)


def _assert_renders_clean(markdown: str, width: int, header: list[Block] | None = None) -> None:
    document = parse_markdown(markdown)
    document = Document([*(header or []), *document.blocks], document.links)
    layout = layout_document(document, width)
    for line in layout.lines:
        text = "".join(run.text for run in line.runs)
        assert not UNSAFE_IN_TEXT.search(text), repr(text)
        assert "\n" not in text
    for href in document.links:
        assert not UNSAFE_IN_LABEL.search(href), repr(href)


def _read(root: Path, data: bytes) -> tuple[Article, str]:
    (root / "a.md").write_bytes(data)
    return read_article(str(root), "a.md")


# -- the sanitizer --------------------------------------------------------------------------------


@PROPERTY
@given(ANY_TEXT)
def test_clean_text_leaves_no_control_and_is_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert not UNSAFE_IN_TEXT.search(cleaned)
    assert clean_text(cleaned) == cleaned
    assert cleaned.count("\n") == text.count("\n")  # lines stay lines


@PROPERTY
@given(ANY_TEXT)
def test_clean_label_is_one_safe_line(text: str) -> None:
    cleaned = clean_label(text)
    assert not UNSAFE_IN_LABEL.search(cleaned)
    assert clean_label(cleaned) == cleaned


# -- reading files --------------------------------------------------------------------------------


@PROPERTY
@given(data=st.binary(max_size=2000))
def test_any_bytes_read_safely(tmp_path: Path, data: bytes) -> None:
    article, body = _read(tmp_path, data)
    _assert_article_clean(article)
    assert not UNSAFE_IN_TEXT.search(body)
    shown = read_body(str(tmp_path), "a.md")
    assert not UNSAFE_IN_TEXT.search(shown.text)
    assert (shown.error is None) == bool(article.digest)  # only unreadable files have no digest


@PROPERTY
@given(
    prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]),
    text=MARKDOWN,
)
def test_encoded_markdown_reads_safely(tmp_path: Path, prefix: bytes, text: str) -> None:
    encoding = {
        b"\xff\xfe": "utf-16-le",
        b"\xfe\xff": "utf-16-be",
        b"\xff\xfe\x00\x00": "utf-32-le",
    }
    data = prefix + text.encode(encoding.get(prefix, "utf-8"), errors="surrogatepass")
    article, body = _read(tmp_path, data)
    _assert_article_clean(article)
    assert not UNSAFE_IN_TEXT.search(body)


@PROPERTY
@given(yaml_text=st.one_of(STRUCTURED_YAML, RAW_YAML), body=MARKDOWN)
def test_any_front_matter_reads_safely(tmp_path: Path, yaml_text: str, body: str) -> None:
    article, shown = _read(
        tmp_path, f"---\n{yaml_text}\n---\n{body}".encode(errors="surrogatepass")
    )
    _assert_article_clean(article)
    assert not UNSAFE_IN_TEXT.search(shown)


@PROPERTY
@given(yaml_text=st.one_of(STRUCTURED_YAML, RAW_YAML))
def test_front_matter_parsing_never_raises(yaml_text: str) -> None:
    matter = parse_front_matter(clean_text(yaml_text))
    for text in (matter.title or "", matter.error or "", *matter.problems):
        assert isinstance(text, str)
    assert not UNSAFE_IN_LABEL.search(matter.error or "")
    assert all(not UNSAFE_IN_LABEL.search(problem) for problem in matter.problems)
    source, body = split_front_matter(f"---\n{yaml_text}\n---\nbody")
    assert source is not None and body.endswith("body")


# -- rendering ------------------------------------------------------------------------------------


@PROPERTY
@given(markdown=MARKDOWN, width=st.integers(8, 120))
def test_any_markdown_lays_out_safely(markdown: str, width: int) -> None:
    _assert_renders_clean(clean_text(markdown), width)


@PROPERTY
@given(markdown=MARKDOWN, width=st.integers(8, 120))
def test_markdown_read_from_a_file_lays_out_safely(
    tmp_path: Path, markdown: str, width: int
) -> None:
    """The whole path: file bytes -> read_body -> header and body -> layout."""
    article, _ = _read(tmp_path, markdown.encode(errors="surrogatepass"))
    body = read_body(str(tmp_path), "a.md")
    _assert_renders_clean(body.text, width, header_blocks(article, body.problems))
