"""load_article, read_body and slug_for: one file into an Article or a body to render."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from readingroom.core.loader import load_article, read_body, slug_for
from tests.unit.conftest import WriteTree

# -- slug_for -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("a.md", "a"),
        ("recovery/beyond-the-burn.md", "recovery/beyond-the-burn"),
        ("notes/v1.2-release.md", "notes/v1.2-release"),
        ("x.markdown", "x"),
        ("UPPER.MD", "UPPER"),
        ("deep/er/path/file.Markdown", "deep/er/path/file"),
        ("README", "README"),
    ],
)
def test_slug_for(path: str, slug: str) -> None:
    assert slug_for(path) == slug


def test_slug_for_a_name_without_extension_in_a_dotted_folder() -> None:
    assert slug_for("v1.2/notes") == "v1.2/notes"


# -- titles -------------------------------------------------------------------------------


def test_title_from_front_matter_wins_over_heading(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\ntitle: From Front Matter\n---\n# From Heading\n"})
    assert load_article(str(root), "a.md").title == "From Front Matter"


def test_title_from_first_level_one_heading(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "Intro line.\n\n## Not this\n\n# First *Real* `H1`\n\n# Second\n"})
    article = load_article(str(root), "a.md")
    assert article.title == "First Real H1"


def test_setext_heading_is_a_title(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "Setext Title\n============\n\nBody.\n"})
    assert load_article(str(root), "a.md").title == "Setext Title"


def test_heading_link_text_is_the_title_text(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "# See [the other](b.md) page\n"})
    assert load_article(str(root), "a.md").title == "See the other page"


def test_title_falls_back_to_the_file_name(make_tree: WriteTree) -> None:
    root = make_tree({"notes/My Notes.md": "## only level two\n\ntext\n"})
    article = load_article(str(root), "notes/My Notes.md")
    assert article.title == "My Notes"
    assert article.slug == "notes/My Notes"


def test_empty_heading_falls_back_to_the_file_name(make_tree: WriteTree) -> None:
    root = make_tree({"empty-heading.md": "#\n\ntext\n"})
    assert load_article(str(root), "empty-heading.md").title == "empty-heading"


def test_title_whitespace_is_collapsed(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\ntitle: '  Many   spaced\twords  '\n---\n"})
    assert load_article(str(root), "a.md").title == "Many spaced words"


def test_blank_front_matter_title_falls_back_to_the_heading(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\ntitle: '   '\n---\n# Real Heading\n"})
    assert load_article(str(root), "a.md").title == "Real Heading"


def test_control_characters_in_the_title_are_made_visible(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": '---\ntitle: "Red \\e[31m alert\\u202e"\n---\n'})
    title = load_article(str(root), "a.md").title
    assert "\x1b" not in title
    assert "\u202e" not in title
    assert "\u241b" in title  # the visible ESC picture
    assert "<U+202E>" in title


# -- fields, links and words --------------------------------------------------------------


def test_front_matter_fields_are_copied(make_tree: WriteTree) -> None:
    root = make_tree(
        {
            "a.md": (
                "---\ntitle: T\ndate: 2024-05-01\ntags: x, y\nsummary: |\n  Two\n  lines.\n"
                "author: [Ann, Bo]\nrelated: [b, c.md]\nlayout: post\n---\nBody.\n"
            )
        }
    )
    article = load_article(str(root), "a.md", size=123, mtime_ns=456)
    assert article.slug == "a"
    assert article.path == "a.md"
    assert article.date == "2024-05-01"
    assert article.tags == ("x", "y")
    assert article.summary == "Two lines."
    assert article.author == "Ann, Bo"
    assert article.related == ("b", "c.md")
    assert article.size == 123
    assert article.mtime_ns == 456
    assert article.error is None
    assert article.problems == ()


def test_slug_can_be_given(make_tree: WriteTree) -> None:
    root = make_tree({"a.markdown": "# A\n"})
    assert load_article(str(root), "a.markdown", slug="a.markdown").slug == "a.markdown"


def test_links_are_collected_in_order_without_duplicates(make_tree: WriteTree) -> None:
    root = make_tree(
        {
            "a.md": (
                "# A\n\nSee [b](b.md), [site](https://example.org), [b again](b.md),\n"
                "[anchor](#part) and [mail](mailto:x@example.org).\n\n"
                "- [in a list](sub/c.md#top)\n\n> [in a quote](../up.md)\n\n"
                "![an image](picture.png)\n\n<https://auto.example.org>\n"
            )
        }
    )
    assert load_article(str(root), "a.md").links == (
        "b.md",
        "https://example.org",
        "#part",
        "mailto:x@example.org",
        "sub/c.md#top",
        "../up.md",
        "https://auto.example.org",
    )


def test_words_count_the_body_only(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\ntitle: Many words in the title here\n---\none two three\n"})
    article = load_article(str(root), "a.md")
    assert article.words == 3
    assert article.reading_minutes == 1


def test_reading_minutes(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "word " * 2300})
    article = load_article(str(root), "a.md")
    assert article.words == 2300
    assert article.reading_minutes == 10


def test_wrong_types_become_problems(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\ntitle: [x]\ntags: {a: 1}\n---\n# Heading\n"})
    article = load_article(str(root), "a.md")
    assert article.error is None
    assert article.title == "Heading"
    assert article.tags == ()
    assert len(article.problems) == 2
    assert any("`title`" in problem for problem in article.problems)
    assert any("`tags`" in problem for problem in article.problems)


def test_invalid_utf8_is_a_problem_not_an_error(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": b"# Caf\xe9\n\nBody\n"})
    article = load_article(str(root), "a.md")
    assert article.error is None
    assert article.title == "Caf\ufffd"
    assert any("invalid UTF-8" in problem for problem in article.problems)


def test_bom_and_crlf_front_matter(make_tree: WriteTree) -> None:
    raw = "---\r\ntitle: Windows\r\ntags: [a]\r\n---\r\n# Not the title\r\n"
    root = make_tree({"a.md": codecs.BOM_UTF8 + raw.encode("utf-8")})
    article = load_article(str(root), "a.md")
    assert article.title == "Windows"
    assert article.tags == ("a",)
    assert article.error is None


def test_utf16_article(make_tree: WriteTree) -> None:
    text = "---\ntitle: Sixteen\n---\n# H\n\nSee [x](x.md)\n"
    root = make_tree({"a.md": codecs.BOM_UTF16_LE + text.encode("utf-16-le")})
    article = load_article(str(root), "a.md")
    assert article.title == "Sixteen"
    assert article.links == ("x.md",)


# -- errors -------------------------------------------------------------------------------


def test_broken_yaml_keeps_the_article_with_its_heading_title(make_tree: WriteTree) -> None:
    root = make_tree(
        {"a.md": "---\ntitle: [unclosed\ntags: x\n---\n# Heading Title\n\n[l](b.md) two\n"}
    )
    article = load_article(str(root), "a.md")
    assert article.error is not None
    assert article.error.startswith("front matter is not valid YAML")
    assert article.title == "Heading Title"
    assert article.links == ("b.md",)
    assert article.tags == ()
    assert article.words > 0


def test_broken_yaml_without_heading_is_titled_by_file_name(make_tree: WriteTree) -> None:
    root = make_tree({"notes/broken-one.md": "---\n: : :\n  - [\n---\nplain body\n"})
    article = load_article(str(root), "notes/broken-one.md")
    assert article.error is not None
    assert article.title == "broken-one"
    assert article.slug == "notes/broken-one"


def test_front_matter_that_is_a_list_is_an_error(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\n- a\n- b\n---\n# H\n"})
    article = load_article(str(root), "a.md")
    assert article.error == "front matter is a list, not a mapping of keys"
    assert article.title == "H"


def test_missing_file_gives_an_article_with_an_error(library_root: Path) -> None:
    article = load_article(str(library_root), "gone/away.md", size=10, mtime_ns=20)
    assert article.error == "no such file or directory"
    assert article.title == "away"
    assert article.slug == "gone/away"
    assert article.size == 10
    assert article.mtime_ns == 20
    assert article.words == 0


def test_binary_file_gives_an_article_with_an_error(make_tree: WriteTree) -> None:
    root = make_tree({"pic.md": b"\x89PNG\r\n\x1a\n\x00\x00"})
    article = load_article(str(root), "pic.md")
    assert article.error is not None
    assert "binary" in article.error
    assert article.title == "pic"


def test_directory_gives_an_article_with_an_error(library_root: Path) -> None:
    (library_root / "folder.md").mkdir()
    article = load_article(str(library_root), "folder.md")
    assert article.error == "not a regular file"


def test_oversized_file_gives_an_article_with_an_error(make_tree: WriteTree) -> None:
    root = make_tree({"big.md": "# Big\n" + "x" * 200})
    article = load_article(str(root), "big.md", size_cap=100)
    assert article.error is not None
    assert "larger than" in article.error
    assert article.title == "big"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_fifo_gives_an_article_with_an_error(library_root: Path) -> None:
    os.mkfifo(library_root / "pipe.md")
    article = load_article(str(library_root), "pipe.md")
    assert article.error == "not a regular file"


# -- read_body ----------------------------------------------------------------------------


def test_read_body_drops_the_front_matter(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\ntitle: T\n---\n# Heading\n\nText.\n"})
    body = read_body(str(root), "a.md")
    assert body.text == "# Heading\n\nText.\n"
    assert body.error is None
    assert body.problems == ()


def test_read_body_without_front_matter_is_the_whole_file(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "# Heading\n\nText.\n"})
    assert read_body(str(root), "a.md").text == "# Heading\n\nText.\n"


def test_read_body_normalises_bom_and_line_endings(make_tree: WriteTree) -> None:
    raw = "---\r\ntitle: T\r\n---\r\nline one\r\nline two\rline three\r\n"
    root = make_tree({"a.md": codecs.BOM_UTF8 + raw.encode("utf-8")})
    assert read_body(str(root), "a.md").text == "line one\nline two\nline three\n"


def test_read_body_makes_control_characters_visible(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "red \x1b[31m text\x07 and \x9b\ttab\n"})
    text = read_body(str(root), "a.md").text
    assert text == "red \u241b[31m text\u2407 and \ufffd\ttab\n"


def test_read_body_keeps_invalid_utf8_problems(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": b"ok \xff\n"})
    body = read_body(str(root), "a.md")
    assert body.text == "ok \ufffd\n"
    assert body.error is None
    assert body.problems and "invalid UTF-8" in body.problems[0]


def test_read_body_of_an_unreadable_file_is_an_error(make_tree: WriteTree) -> None:
    root = make_tree({"bin.md": b"\x00\x01\x02"})
    body = read_body(str(root), "bin.md")
    assert body.text == ""
    assert body.error is not None
    assert "binary" in body.error
    missing = read_body(str(root), "missing.md")
    assert missing.error == "no such file or directory"


def test_read_body_with_broken_front_matter_still_drops_it(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "---\ntitle: [broken\n---\nThe body.\n"})
    assert read_body(str(root), "a.md").text == "The body.\n"
