"""Stored reading positions survive resizes and edits above them."""

from __future__ import annotations

from readingroom.core.location import ReadingPosition
from readingroom.render.layout import layout_document
from readingroom.render.parse import parse_markdown


def article(before: int) -> str:
    intro = "\n\n".join(
        f"Intro paragraph {n} with enough words to wrap at narrow widths." for n in range(before)
    )
    sections = "\n\n".join(
        f"## Section {s}\n\n"
        + "\n\n".join(
            f"Section {s} paragraph {p} says something long enough to wrap a little."
            for p in range(6)
        )
        for s in range(5)
    )
    return f"{intro}\n\n{sections}\n"


def top_text(markdown: str, width: int, position: ReadingPosition) -> str:
    layout = layout_document(parse_markdown(markdown), width)
    line = layout.line_for_position(position)
    return layout.lines[line].text


def saved_at(markdown: str, width: int, needle: str) -> tuple[ReadingPosition, str]:
    layout = layout_document(parse_markdown(markdown), width)
    line = next(i for i, each in enumerate(layout.lines) if needle in each.text)
    return layout.position_at(line, 50), layout.lines[line].text


def test_position_is_relative_to_its_section_heading() -> None:
    position, _ = saved_at(article(2), 80, "Section 3 paragraph 2")
    assert position.anchor == "section-3"
    assert position.blocks_after == 3 and position.offset == 0


def test_position_survives_a_resize() -> None:
    position, text = saved_at(article(2), 100, "Section 3 paragraph 2")
    for width in (30, 60, 80, 120):
        assert top_text(article(2), width, position).startswith("Section 3 paragraph 2")
    assert text.startswith("Section 3 paragraph 2")


def test_position_survives_an_edit_above_it() -> None:
    position, _ = saved_at(article(2), 80, "Section 3 paragraph 2")
    edited = article(12)  # ten more paragraphs above every section
    assert top_text(edited, 80, position).startswith("Section 3 paragraph 2")


def test_a_heading_that_was_removed_falls_back_to_the_top() -> None:
    position = ReadingPosition("gone", 3, 0, 40)
    assert top_text(article(2), 80, position).startswith("Intro paragraph 0")


def test_offset_past_the_block_end_stays_inside_the_block() -> None:
    position, _ = saved_at(article(2), 40, "Section 1 paragraph 0")
    far = ReadingPosition(position.anchor, position.blocks_after, 99, 10)
    layout = layout_document(parse_markdown(article(2)), 40)
    line = layout.line_for_position(far)
    assert layout.lines[line].block == layout.lines[layout.line_for_position(position)].block
