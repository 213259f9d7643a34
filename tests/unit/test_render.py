"""Rendering: markdown-it tokens parsed into blocks, laid out into lines of styled runs."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rich.cells import cell_len

from readingroom.core.library import Library
from readingroom.core.links import LinkKind
from readingroom.core.loader import load_article, read_body, slug_for
from readingroom.render.blocks import Document, Heading, Paragraph
from readingroom.render.inline import plain_text
from readingroom.render.layout import Layout, layout_document
from readingroom.render.parse import parse_markdown
from readingroom.render.runs import Run
from tests.unit.conftest import WriteTree

ARTICLES = Path(__file__).resolve().parents[2] / "articles"
SHIPPED = sorted(path.relative_to(ARTICLES).as_posix() for path in ARTICLES.rglob("*.md"))
WIDTHS = (20, 40, 80, 100)
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def layout(markdown: str, width: int = 80) -> Layout:
    return layout_document(parse_markdown(markdown), width)


def texts(result: Layout) -> list[str]:
    return [line.text for line in result.lines]


def runs_of(result: Layout) -> list[Run]:
    return [run for line in result.lines for run in line.runs]


def runs_with(result: Layout, role: str) -> list[Run]:
    return [run for run in runs_of(result) if role in run.roles]


def assert_fits(result: Layout, width: int) -> None:
    for number, line in enumerate(result.lines):
        assert line.width <= width, f"line {number} is {line.width} > {width}: {line.text!r}"
        assert line.width == cell_len(line.text)


@cache
def shipped_document(relative: str) -> Document:
    body = read_body(str(ARTICLES), relative)
    assert body.error is None
    return parse_markdown(body.text)


# -- headings -----------------------------------------------------------------------------


def test_headings_get_anchors_and_duplicates_are_numbered() -> None:
    result = layout("# Intro\n\ntext\n\n## Intro\n\n# Intro\n\n### Other *Thing*!\n")
    assert [(h.level, h.text, h.anchor) for h in result.headings] == [
        (1, "Intro", "intro"),
        (2, "Intro", "intro-1"),
        (1, "Intro", "intro-2"),
        (3, "Other Thing!", "other-thing"),
    ]
    for heading in result.headings:
        assert result.lines[heading.line].text == heading.text


def test_heading_roles_and_rules() -> None:
    result = layout("# Big\n\n## Medium\n\n### Small\n")
    lines = result.lines
    assert lines[0].runs == (Run("Big", ("h1",)),)
    assert lines[1].runs == (Run("━━━", ("h1-rule",)),)
    medium = result.headings[1].line
    assert lines[medium].runs == (Run("Medium", ("h2",)),)
    assert lines[medium + 1].runs == (Run("──────", ("h2-rule",)),)
    small = result.headings[2].line
    assert lines[small].runs == (Run("Small", ("h3",)),)
    assert small == len(lines) - 1  # level 3 has no rule under it


def test_long_heading_wraps_and_its_rule_fits() -> None:
    result = layout("# A heading that is far too long for twenty cells\n", 20)
    assert_fits(result, 20)
    rule = next(line for line in result.lines if "h1-rule" in line.runs[0].roles)
    assert rule.width <= 20


def test_github_style_anchors() -> None:
    result = layout(
        "## Introduction: It’s Not Just Soreness—It’s Neuroplasticity\n\n## C++ & Rust!\n"
    )
    assert [h.anchor for h in result.headings] == [
        "introduction-its-not-just-sorenessits-neuroplasticity",
        "c--rust",
    ]


def test_line_for_anchor() -> None:
    result = layout("Intro text.\n\n# First\n\nbody\n\n## Second Part\n\n## Second Part\n", 40)
    first = result.line_for_anchor("first")
    assert first is not None and result.lines[first].text == "First"
    second = result.line_for_anchor("second-part")
    again = result.line_for_anchor("second-part-1")
    assert second is not None and again is not None
    assert first < second < again
    assert result.line_for_anchor("SECOND-PART") == second
    assert result.line_for_anchor("missing") is None
    assert result.line_for_anchor("") is None


def test_anchor_lines_move_with_the_width() -> None:
    document = parse_markdown("word " * 60 + "\n\n## Target\n")
    narrow = layout_document(document, 20).line_for_anchor("target")
    wide = layout_document(document, 100).line_for_anchor("target")
    assert narrow is not None and wide is not None
    assert narrow > wide


def test_anchors_stay_unique_when_a_heading_looks_like_a_numbered_duplicate() -> None:
    result = layout("# Intro\n\n# Intro\n\n# Intro 1\n")
    anchors = [heading.anchor for heading in result.headings]
    assert len(set(anchors)) == 3, anchors


def test_shipped_anchor_links_land_on_a_heading() -> None:
    """Every `page.md#anchor` link between shipped articles finds its heading."""
    library = Library.from_articles(
        str(ARTICLES), [load_article(str(ARTICLES), path) for path in SHIPPED]
    )
    checked = 0
    for path in SHIPPED:
        for href in library.articles[slug_for(path)].links:
            link = library.resolve_link(href, slug_for(path))
            if link.kind is LinkKind.INTERNAL and link.anchor:
                target = library.articles[link.slug or ""]
                result = layout_document(shipped_document(target.path), 80)
                assert result.line_for_anchor(link.anchor) is not None, (path, href)
                checked += 1
    assert checked >= 1


# -- paragraphs and wrapping --------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_paragraph_wraps_within_the_width_and_keeps_every_word(width: int) -> None:
    words = ("The quick brown fox jumps over the lazy dog near the riverbank. " * 6).split()
    result = layout(" ".join(words) + "\n", width)
    assert_fits(result, width)
    assert " ".join(texts(result)).split() == words
    assert len(result.lines) > 1
    # Greedy: no line could have taken the next line's first word.
    for line, following in zip(result.lines, result.lines[1:], strict=False):
        first_word = following.text.split()[0]
        assert line.width + 1 + cell_len(first_word) > width


def test_words_longer_than_the_width_are_cut() -> None:
    word = "x" * 55
    result = layout(f"a {word} b\n", 20)
    assert_fits(result, 20)
    assert "".join(texts(result)).replace(" ", "") == f"a{word}b"


def test_inline_roles() -> None:
    result = layout("plain *em* **strong** `code` ~~gone~~ ***both***\n")
    assert Run("em", ("em",)) in runs_of(result)
    assert Run("strong", ("strong",)) in runs_of(result)
    assert Run("code", ("code",)) in runs_of(result)
    assert Run("gone", ("strike",)) in runs_of(result)
    both = next(run for run in runs_of(result) if run.text == "both")
    assert set(both.roles) == {"em", "strong"}


def test_hard_break_starts_a_new_line() -> None:
    result = layout("first line  \nsecond line\\\nthird\n")
    assert texts(result) == ["first line", "second line", "third"]


def test_soft_break_is_a_space() -> None:
    assert texts(layout("one\ntwo\n")) == ["one two"]


def test_blocks_are_separated_by_one_blank_line_and_track_their_block() -> None:
    result = layout("First paragraph.\n\nSecond paragraph.\n\n---\n", 40)
    assert texts(result) == ["First paragraph.", "", "Second paragraph.", "", "─" * 40]
    assert result.block_starts == [0, 2, 4]
    assert [line.block for line in result.lines] == [0, 0, 1, 1, 2]
    assert result.lines[4].runs[0].roles == ("rule",)


@pytest.mark.parametrize("relative", SHIPPED)
def test_every_line_of_every_shipped_article_fits_every_width(relative: str) -> None:
    document = shipped_document(relative)
    for width in range(20, 121):
        result = layout_document(document, width)
        for line in result.lines:
            assert line.width <= width, (relative, width, line.text)


@pytest.mark.parametrize("relative", SHIPPED)
def test_shipped_paragraphs_lose_no_text_when_wrapped(relative: str) -> None:
    document = shipped_document(relative)
    for width in (20, 57, 100):
        result = layout_document(document, width)
        assert len(result.block_starts) == len(document.blocks)
        assert result.block_starts == sorted(result.block_starts)
        ends = [start - 1 for start in result.block_starts[1:]] + [len(result.lines)]
        for index, block in enumerate(document.blocks):
            # A block's lines run from its start to the blank line before the next block.
            lines = result.lines[result.block_starts[index] : ends[index]]
            assert lines, f"block {index} has no lines"
            assert all(line.block == index for line in lines)
            if index:
                blank = result.lines[result.block_starts[index] - 1]
                assert blank.runs == () and blank.block == index - 1  # gap of the block above
            if isinstance(block, Paragraph):
                laid_out = "".join("".join(line.text for line in lines).split())
                assert laid_out == "".join(plain_text(block.runs).split())


def test_shipped_articles_have_headings_and_links() -> None:
    linking = 0
    for relative in SHIPPED:
        document = shipped_document(relative)
        assert any(isinstance(block, Heading) for block in document.blocks), relative
        linking += bool(document.links)
    assert linking >= len(SHIPPED) - 1


# -- lists --------------------------------------------------------------------------------


def test_bullet_list_with_hanging_indent() -> None:
    result = layout(
        "- first item that is long enough to wrap over several lines here\n"
        "  - nested item that also wraps onto a second line for sure\n"
        "    - third level\n"
        "- second\n",
        30,
    )
    assert_fits(result, 30)
    lines = texts(result)
    assert lines[0].startswith("• first")
    assert lines[1].startswith("  ") and not lines[1].startswith("   ")
    nested = next(i for i, text in enumerate(lines) if "◦" in text)
    assert lines[nested].startswith("  ◦ nested")
    assert lines[nested + 1].startswith("    ") and lines[nested + 1][4] != " "
    assert any(text.startswith("    ▪ third level") for text in lines)
    assert lines[-1] == "• second"
    markers = runs_with(result, "list-marker")
    assert [run.text.strip() for run in markers] == ["•", "◦", "▪", "•"]


def test_ordered_list_numbers_from_its_start() -> None:
    result = layout("7. seven\n8. eight\n9. nine\n10. ten\n")
    assert texts(result) == [" 7. seven", " 8. eight", " 9. nine", "10. ten"]
    assert [run.text.strip() for run in runs_with(result, "list-marker")] == [
        "7.",
        "8.",
        "9.",
        "10.",
    ]


def test_ordered_list_from_one_and_from_three() -> None:
    assert texts(layout("1. a\n1. b\n1. c\n")) == ["1. a", "2. b", "3. c"]
    assert texts(layout("3. a\n4. b\n")) == ["3. a", "4. b"]


def test_ordered_list_from_zero() -> None:
    assert texts(layout("0. zero\n1. one\n")) == ["0. zero", "1. one"]


def test_ordered_list_continuation_lines_hang_under_the_text() -> None:
    result = layout("1. " + "word " * 20 + "\n", 30)
    lines = texts(result)
    assert lines[0].startswith("1. word")
    assert all(line.startswith("   word") for line in lines[1:])
    assert_fits(result, 30)


def test_loose_list_items_are_separated_by_blank_lines() -> None:
    assert texts(layout("- a\n\n- b\n")) == ["• a", "", "• b"]
    assert texts(layout("- a\n- b\n")) == ["• a", "• b"]


def test_task_list() -> None:
    result = layout("- [ ] to do\n- [x] done\n")
    assert [text.split() for text in texts(result)] == [["•", "☐", "to", "do"], ["•", "☑", "done"]]
    assert [run.text.strip() for run in runs_with(result, "task")] == ["☐", "☑"]


def test_task_checkbox_is_followed_by_one_space() -> None:
    assert texts(layout("- [ ] to do\n- [x] done\n")) == ["• ☐ to do", "• ☑ done"]


# -- quotes -------------------------------------------------------------------------------


def test_block_quote_prefix_on_every_line() -> None:
    result = layout("> quoted text that is long enough to wrap around at this width\n", 30)
    assert_fits(result, 30)
    assert len(result.lines) > 1
    for line in result.lines:
        assert line.runs[0] == Run("▌ ", ("quote-bar",))
        assert all("quote" in run.roles for run in line.runs[1:])


def test_nested_quote() -> None:
    result = layout("> outer\n>\n> > inner\n")
    assert texts(result) == ["▌ outer", "▌ ", "▌ ▌ inner"]


# -- code ---------------------------------------------------------------------------------


PYTHON = '```python\ndef greet(name):\n    return f"hi {name}"  # say hi\n```\n'


def test_fenced_python_code_is_highlighted() -> None:
    result = layout(PYTHON, 60)
    label, *code = result.lines
    assert label.runs == (Run(" python ".rjust(60), ("code-language",)),)
    assert all("code-block" in run.roles for line in code for run in line.runs)
    keywords = {run.text for run in runs_with(result, "tok-keyword")}
    assert {"def", "return"} <= keywords
    assert any(run.text.startswith("# say hi") for run in runs_with(result, "tok-comment"))
    assert runs_with(result, "tok-string")
    assert [run.text for run in runs_with(result, "tok-name")] == ["greet"]


def test_code_lines_are_padded_to_the_width_and_keep_indentation() -> None:
    result = layout(PYTHON, 60)
    code = result.lines[1:]
    assert [line.text.rstrip() for line in code] == [
        " def greet(name):",
        '     return f"hi {name}"  # say hi',
    ]
    assert all(line.width == 60 for line in code)


def test_long_code_lines_are_cut_not_wrapped_at_words() -> None:
    source = "x = [" + ", ".join(str(n) for n in range(40)) + "]"
    result = layout(f"```python\n{source}\n```\n", 30)
    assert_fits(result, 30)
    joined = "".join(line.text[1:-1] for line in result.lines[1:])
    assert joined.rstrip() == source


def test_code_without_a_language_is_plain_code() -> None:
    result = layout("```\nif x:\n\tpass\n```\n", 40)
    assert all(run.roles == ("code-block",) for run in runs_of(result))
    assert texts(result)[1].rstrip() == "     pass"  # the tab expanded to four spaces


def test_unwrapped_code_keeps_its_length_and_reports_the_overflow() -> None:
    source = "x = [" + ", ".join(str(n) for n in range(40)) + "]"
    document = parse_markdown(f"Some text before the code block.\n\n```python\n{source}\n```\n")
    result = layout_document(document, 30, wrap_code=False)
    code = [line for line in result.lines if line.runs and "code-block" in line.runs[0].roles]
    assert len(code) == 1
    assert code[0].text.strip() == source
    assert result.overflow_width == code[0].width > 30
    # Everything that is not code still fits.
    assert all(line.width <= 30 for line in result.lines if line not in code)
    assert layout_document(document, 30).overflow_width == 0


def test_unknown_language_is_not_an_error() -> None:
    result = layout("```no-such-language\nsome code\n```\n", 40)
    assert "no-such-language" in texts(result)[0]
    assert not [run for run in runs_of(result) if any(r.startswith("tok-") for r in run.roles)]


def test_indented_code_block() -> None:
    result = layout("Text.\n\n    indented code\n", 40)
    assert texts(result)[2].rstrip() == " indented code"
    assert all("code-block" in run.roles for run in result.lines[2].runs)


# -- tables -------------------------------------------------------------------------------


SMALL_TABLE = "| Name | Qty |\n|:-----|----:|\n| apple | 3 |\n| kiwi | 12 |\n"

WIDE_TABLE = (
    "| Exercise | Purpose | Sets and reps | Notes on form |\n"
    "|---|:-:|--:|---|\n"
    "| Split squat | balance and single-leg strength | 3 x 8 each side "
    "| keep the front knee tracking over the toes |\n"
    "| Single-arm row | upper back | 3 x 10 | brace, do not twist the torso |\n"
)


def test_small_table_is_boxed_at_its_natural_width() -> None:
    result = layout(SMALL_TABLE, 80)
    assert texts(result) == [
        "┌───────┬─────┐",
        "│ Name  │ Qty │",
        "├───────┼─────┤",
        "│ apple │   3 │",
        "│ kiwi  │  12 │",
        "└───────┴─────┘",
    ]
    header = [run for run in runs_with(result, "table-header") if run.text.strip()]
    assert [run.text.strip() for run in header] == ["Name", "Qty"]


@pytest.mark.parametrize("width", [30, 40, 80, 100])
def test_wide_table_fits_the_width(width: int) -> None:
    result = layout(WIDE_TABLE, width)
    assert_fits(result, width)
    lines = texts(result)
    assert lines[0].startswith("┌") and lines[-1].startswith("└")
    border_widths = {cell_len(line) for line in lines}
    assert len(border_widths) == 1, "every row of a boxed table has the same width"
    # No text is lost: read each column top to bottom and find every cell in it.
    columns = column_texts(lines)
    assert len(columns) == 4
    assert "splitsquat" in columns[0] and "single-armrow" in columns[0]
    assert "balanceandsingle-legstrength" in columns[1]
    assert "3x8eachside" in columns[2]
    assert "keepthefrontkneetrackingoverthetoes" in columns[3]
    assert "brace,donottwistthetorso" in columns[3]


def column_texts(lines: list[str]) -> list[str]:
    """The text of each column of a boxed table, read downwards, spaces dropped."""
    columns: list[str] = []
    for line in lines:
        if not line.startswith("│"):
            continue
        cells = line.split("│")[1:-1]
        columns += [""] * (len(cells) - len(columns))
        for index, cell in enumerate(cells):
            columns[index] += cell.replace(" ", "").lower()
    return columns


def test_wide_table_squeezed_to_30_wraps_cells() -> None:
    result = layout(WIDE_TABLE, 30)
    assert_fits(result, 30)
    # Two body rows and a header, each wrapped over several lines, plus four borders.
    assert len(result.lines) > 3 + 4
    body_lines = [line for line in texts(result) if line.startswith("│")]
    assert len(body_lines) > 3


def test_narrow_table_falls_back_to_stacked_rows() -> None:
    result = layout(SMALL_TABLE, 12)
    assert_fits(result, 12)
    lines = texts(result)
    assert not any("┌" in line or "│" in line for line in lines)
    assert "Name: apple" in lines
    assert "Qty: 3" in lines
    assert "Name: kiwi" in lines
    assert "Qty: 12" in lines


@pytest.mark.parametrize("width", [12, 20])
def test_wide_table_too_narrow_to_box_is_stacked(width: int) -> None:
    result = layout(WIDE_TABLE, width)
    assert_fits(result, width)
    lines = texts(result)
    assert not any("┌" in line or "│" in line for line in lines)
    words = " ".join(lines).split()
    assert words[:2] == ["Exercise:", "Split"]
    assert "Purpose:" in words
    assert words.count("Exercise:") == 2  # one stack per body row


def test_table_with_missing_and_extra_cells() -> None:
    result = layout("| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 |\n", 40)
    assert_fits(result, 40)
    assert len({line.width for line in result.lines}) == 1


def test_many_columns_squeezed_fit_the_width() -> None:
    source = (
        "| aaaaaaaaaaaa | bbbbbbbbbbbb | cccccccccccc | dddddddddddd | e | f | g | h |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n"
    )
    assert_fits(layout(source, 51), 51)


def test_wide_characters_in_a_squeezed_table_fit_the_width() -> None:
    source = "| a | b | c |\n|---|---|---|\n| 漢 | 漢 | supercalifragilistic |\n"
    assert_fits(layout(source, 19), 19)


# -- links, images, html ------------------------------------------------------------------


def test_links_are_numbered_and_listed() -> None:
    document = parse_markdown("[one](a.md) and [two](https://x.org/p?q=1#f) and [one](a.md)\n")
    assert document.links == ["a.md", "https://x.org/p?q=1#f", "a.md"]
    result = layout_document(document, 80)
    linked = [(run.text, run.link) for run in runs_of(result) if run.link is not None]
    assert linked == [("one", 0), ("two", 1), ("one", 2)]
    assert all("link" in run.roles for run in runs_of(result) if run.link is not None)
    assert all(run.link is None for run in runs_of(result) if "link" not in run.roles)


def test_link_text_keeps_its_link_when_wrapped() -> None:
    result = layout("Intro [a long link text that has to wrap somewhere](x.md) end\n", 20)
    assert_fits(result, 20)
    pieces = [run for run in runs_of(result) if run.link == 0]
    assert len({id(line) for line in result.lines for run in line.runs if run.link == 0}) > 1
    link_words = " ".join(run.text for run in pieces).split()
    assert link_words == ["a", "long", "link", "text", "that", "has", "to", "wrap", "somewhere"]


def test_link_with_emphasis_inside() -> None:
    result = layout("[go *now*](a.md)\n")
    now = next(run for run in runs_of(result) if run.text == "now")
    assert set(now.roles) == {"link", "em"}
    assert now.link == 0


def test_autolink() -> None:
    document = parse_markdown("<https://example.org>\n")
    assert document.links == ["https://example.org"]


def test_images_render_as_alt_text_and_are_not_links() -> None:
    document = parse_markdown("![A chart of sleep](img/chart.png)\n")
    assert document.links == []
    result = layout_document(document, 80)
    images = runs_with(result, "image")
    assert [run.text for run in images] == ["[image: A chart of sleep]"]
    assert "(img/chart.png)" in result.lines[0].text


def test_linked_image_is_a_link() -> None:
    document = parse_markdown("[![logo](logo.png)](https://example.org)\n")
    assert document.links == ["https://example.org"]
    result = layout_document(document, 80)
    assert all(run.link == 0 for run in runs_with(result, "image"))


def test_html_block_is_kept_as_text() -> None:
    result = layout('<div class="note">\n  <b>raw</b> *html*\n</div>\n')
    assert texts(result) == ['<div class="note">', "  <b>raw</b> *html*", "</div>"]
    assert all(run.roles == ("html",) for run in runs_of(result))


def test_inline_html_is_kept_as_text() -> None:
    result = layout('text <span class="x">inside</span> end\n')
    assert texts(result) == ['text <span class="x">inside</span> end']
    assert [run.text for run in runs_with(result, "html")] == ['<span class="x">', "</span>"]


def test_long_html_line_is_cut_to_the_width() -> None:
    result = layout("<div>" + "x" * 100 + "</div>\n", 30)
    assert_fits(result, 30)
    assert "".join(texts(result)) == "<div>" + "x" * 100 + "</div>"


# -- footnotes, definitions, strikethrough ------------------------------------------------


def test_footnotes() -> None:
    result = layout("A claim[^1] and another[^note].\n\n[^1]: First source.\n\n[^note]: Second.\n")
    lines = texts(result)
    assert lines[0] == "A claim[1] and another[note]."
    assert [run.text for run in runs_with(result, "footnote")] == ["[1]", "[note]"]
    # The footnotes come last, after a rule, as a list marked by their labels.
    first = next(line for line in lines if line.startswith("[1] "))
    assert first.split() == ["[1]", "First", "source."]
    assert "[note] Second." in lines
    assert lines.index("[note] Second.") == len(lines) - 1
    assert any("rule" in line.runs[0].roles for line in result.lines if line.runs)


def test_definition_list() -> None:
    result = layout("Term\n: The definition of the term.\n\nOther\n: Another one.\n")
    lines = texts(result)
    assert "Term" in lines
    assert "  : The definition of the term." in lines
    assert "  : Another one." in lines
    assert Run("Term", ("strong",)) in runs_of(result)


def test_strikethrough() -> None:
    result = layout("keep ~~drop this~~ keep\n")
    assert texts(result) == ["keep drop this keep"]
    assert [run.text for run in runs_with(result, "strike")] == ["drop this"]


def test_everything_at_once_does_not_crash_at_any_width() -> None:
    source = (
        "# Kitchen sink\n\n- [x] task with [link](a.md) and `code`[^f]\n  1. nested ordered\n"
        "     > quote in a list\n\nTerm\n: ~~def~~ with ![img](i.png)\n\n| h |\n|---|\n| c |\n\n"
        "<details>\n<summary>s</summary>\n</details>\n\n```js\nlet x = 1;\n```\n\n[^f]: note\n"
    )
    document = parse_markdown(source)
    for width in range(12, 121):
        result = layout_document(document, width)
        assert result.lines
        assert_fits(result, width)


def test_long_footnote_label_fits_the_width() -> None:
    label = "a-rather-long-footnote-label"
    result = layout(f"Claim[^{label}].\n\n[^{label}]: The source of the claim.\n", 30)
    assert_fits(result, 30)


def test_deeply_nested_quotes_fit_the_width() -> None:
    assert_fits(layout("> " * 10 + "deeply quoted words here\n", 20), 20)


def test_wide_characters_in_highlighted_code_fit_the_width() -> None:
    source = "```python\n" + "a" * 23 + ' = "漢字漢字"\n```\n'
    assert_fits(layout(source, 30), 30)


# -- safety: control characters and wide characters ---------------------------------------


HOSTILE = (
    "# Head \x1b[2J ing\n\n"
    "Body \x1b[31mred\x1b[0m &#27;[1m and &#x1b; and &#155; and &#x9b; and &#7; and \x07 bell\n\n"
    "`code \x1b[1m` and [link \x1b text](http://x\x1b.org) ![alt \x1b](pic\x1b.png)\n\n"
    "- item \x1b[4m\n\n> quote \x1b\n\n| a\x1b | &#27; |\n|---|---|\n| \x9b | \x1b |\n\n"
    "```\x1b[31m\ncode \x1b[2J block\n```\n\nTerm \x1b\n: def &#27;\n"
)


@pytest.mark.parametrize("width", WIDTHS)
def test_control_characters_never_reach_a_run(width: int) -> None:
    document = parse_markdown(HOSTILE)
    result = layout_document(document, width)
    for run in runs_of(result):
        assert not CONTROL.search(run.text), repr(run.text)
    for link in document.links:
        assert not CONTROL.search(link), repr(link)
    for heading in result.headings:
        assert not CONTROL.search(heading.text)
    # The escape is shown, not dropped: the reader can see something odd was there.
    assert "\u241b" in "".join(texts(result))


def test_control_characters_through_the_file_reader(make_tree: WriteTree) -> None:
    root = make_tree(
        {"a.md": "<div>\x1b[31m raw html</div>\n\n<!-- \x1b comment -->\n\nfoot[^\x1b]\n\n"
         "[^\x1b]: note\x07\n\n" + HOSTILE}
    )  # fmt: skip
    body = read_body(str(root), "a.md")
    result = layout_document(parse_markdown(body.text), 60)
    for run in runs_of(result):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", run.text), repr(run.text)


@pytest.mark.parametrize(
    "source",
    ["a\tb\tc\n", "<div>\n\tindented html\n</div>\n"],
    ids=["paragraph", "html-block"],
)
def test_tabs_never_reach_a_run(make_tree: WriteTree, source: str) -> None:
    root = make_tree({"a.md": source})
    result = layout_document(parse_markdown(read_body(str(root), "a.md").text), 40)
    assert not any("\t" in run.text for run in runs_of(result))


@pytest.mark.parametrize("width", [20, 21, 40])
def test_wide_cjk_characters_wrap_by_cell_width(width: int) -> None:
    text = "漢字" * 30
    result = layout(text + "\n", width)
    assert_fits(result, width)
    assert "".join(texts(result)) == text
    assert result.lines[0].width in (width, width - 1)
    assert len(result.lines[0].text) == width // 2


def test_cjk_words_and_spaces_wrap_by_cell_width() -> None:
    # Each word is 6 characters but 12 cells: two words and a space take 25 cells.
    text = " ".join(["日本語の文章"] * 12)
    pairs = layout(text + "\n", 25)
    assert_fits(pairs, 25)
    assert texts(pairs) == ["日本語の文章 日本語の文章"] * 6
    singles = layout(text + "\n", 24)
    assert_fits(singles, 24)
    assert texts(singles) == ["日本語の文章"] * 12


@pytest.mark.parametrize("width", [20, 31])
def test_emoji_wrap_by_cell_width(width: int) -> None:
    text = "😀" * 25
    result = layout(f"Feelings: {text} done\n", width)
    assert_fits(result, width)
    assert "".join(texts(result)).replace(" ", "") == f"Feelings:{text}done"


@pytest.mark.parametrize("width", WIDTHS)
def test_wide_characters_in_every_kind_of_block_fit(width: int) -> None:
    source = (
        "# 見出し 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字\n\n"
        "- 項目 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 😀😀😀😀😀😀😀😀\n\n"
        "> 引用 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字\n\n"
        "| 列 | 説明 |\n|---|---|\n| 一 | 漢字 漢字 漢字 漢字 漢字 漢字 漢字 漢字 |\n\n"
        "```\n漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字\n```\n"
    )
    assert_fits(layout(source, width), width)


# -- structural checks --------------------------------------------------------------------


def test_empty_document() -> None:
    document = parse_markdown("")
    assert document.blocks == []
    assert document.links == []
    assert layout_document(document, 40).lines == []


def test_layout_remembers_its_width() -> None:
    document = parse_markdown("# T\n\ntext\n")
    assert layout_document(document, 80).width == 80
    assert layout_document(document, 20).width == 20
