"""Hard wrapping (raw HTML lines cut every `width` cells, not at spaces): one pass, linear."""

from __future__ import annotations

import itertools
import random
import time

import pytest
from rich.cells import cell_len

from readingroom.render.blocks import Document, HtmlBlock
from readingroom.render.layout import layout_document
from readingroom.render.runs import Run
from readingroom.render.wrap import hard_wrap_ranges, split_run

# Characters whose painted width is the sum of their sizes: narrow, wide, zero-width.
ALPHABET = "ab <>/=é漢字😀\u0301␛"


def reference_hard_wrap(text: str, width: int) -> list[str]:
    """The former, quadratic `_hard_wrap` (re-measures the rest after every cut)."""
    lines: list[str] = []
    rest = Run(text)
    while cell_len(rest.text) > width:
        head, rest = split_run(rest, width)
        lines.append(head.text)
    lines.append(rest.text)
    return lines


def pieces(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in hard_wrap_ranges(text, width)]


def html_lines(text: str, width: int) -> list[str]:
    layout = layout_document(Document([HtmlBlock(text + "\n")], []), width)
    return [line.text for line in layout.lines]


def test_a_200_kb_line_that_is_not_ascii_is_cut_in_linear_time() -> None:
    text = ("<div class='x'>é漢" * 12_000)[:200_000]
    started = time.perf_counter()
    lines = html_lines(text, 30)
    elapsed = time.perf_counter() - started
    assert "".join(lines) == text
    assert all(cell_len(line) <= 30 for line in lines)
    assert all(cell_len(line) >= 29 for line in lines[:-1])  # full but for a wide character
    assert elapsed < 2.0, elapsed


@pytest.mark.parametrize("width", [8, 9, 30, 31])
def test_wide_characters_never_straddle_the_width(width: int) -> None:
    text = "<p>" + "漢字😀" * 40 + "</p>"
    lines = html_lines(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    # a line is short only when the next character is wide and would not fit
    for line, following in itertools.pairwise(lines):
        assert cell_len(line) == width or cell_len(line + following[0]) == width + 1


def test_ascii_lines_are_cut_into_equal_pieces() -> None:
    assert pieces("x" * 65, 30) == ["x" * 30, "x" * 30, "x" * 5]
    assert pieces("x" * 60, 30) == ["x" * 30, "x" * 30]
    assert pieces("", 30) == [""]
    assert pieces("short", 30) == ["short"]


@pytest.mark.parametrize("seed", range(40))
def test_the_same_pieces_as_the_former_cutting(seed: int) -> None:
    chance = random.Random(seed)
    for _ in range(25):
        text = "".join(chance.choice(ALPHABET) for _ in range(chance.randrange(0, 120)))
        width = chance.choice([0, 1, 2, 3, 5, 8, 30])
        assert pieces(text, width) == reference_hard_wrap(text, width), (text, width)


@pytest.mark.parametrize(
    "text",
    [
        "<div>" + "a" * 24 + "\u2764\ufe0f</div>",  # a variation selector widens the heart
        "\u2764\ufe0f" * 40,
        "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 30,  # joined emoji
        "e\u0301" * 50,
        "\u200d" * 100,
    ],
)
def test_joined_and_combining_characters_fit_and_lose_nothing(text: str) -> None:
    lines = html_lines(text, 30)  # the heart at the edge once made layout loop forever
    assert "".join(lines) == text
    assert all(cell_len(line) <= 30 for line in lines)
    assert all(not line.startswith(("\ufe0f", "\u0301")) for line in lines)


def test_the_last_guard_always_moves_on_when_nothing_fits() -> None:
    """_fitted with a run wider than any line (a width of 1 and a double-width character)
    ends, keeping every character."""
    from readingroom.render.blocks import Paragraph
    from readingroom.render.layout import _fitted
    from readingroom.render.runs import Run

    line = [Run("漢字❤️x", ("strong",))]
    lines = _fitted([line], 1, Paragraph([]))
    assert "".join(run.text for out in lines for run in out) == "漢字❤️x"
    assert len(lines) <= 8
