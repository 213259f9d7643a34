"""Every example of the CommonMark spec (0.31.2) parses and lays out without an exception.

For each example and each width, `parse_markdown` + `layout_document` must succeed, no laid-out
line may be wider than the width, and no run may carry a control character (category Cc: tab,
newline, escape and the rest), which would break the terminal or the line's width.
The HTML of each example is not compared: readingroom renders to a terminal, not to HTML.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from typing import Any

import pytest

from readingroom.render.layout import layout_document
from readingroom.render.parse import parse_markdown
from tests.conftest import CORPORA

SPEC = CORPORA / "commonmark" / "spec-0.31.2.json"
WIDTHS = (20, 40, 80)

pytestmark = pytest.mark.skipif(not SPEC.is_file(), reason=f"no CommonMark spec at {SPEC}")


@cache
def examples() -> list[dict[str, Any]]:
    """The spec's examples: {"markdown", "html", "example", "section", ...}."""
    data = json.loads(SPEC.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def sections() -> list[str]:
    if not SPEC.is_file():
        return []
    return sorted({str(example["section"]) for example in examples()})


def controls(text: str) -> list[str]:
    """The control characters in `text`, as escapes."""
    return [f"U+{ord(char):04X}" for char in text if unicodedata.category(char) == "Cc"]


def problems(example: dict[str, Any], width: int, *, wrap_code: bool = True) -> list[str]:
    """What is wrong with one example laid out at one width (an exception is reported too)."""
    number = example["example"]
    try:
        layout = layout_document(parse_markdown(example["markdown"]), width, wrap_code=wrap_code)
    except Exception as error:  # every example is checked; all failures are listed together
        return [f"example {number} @{width}: {type(error).__name__}: {error}"]
    found = []
    for index, line in enumerate(layout.lines):
        if wrap_code and line.width > width:
            found.append(f"example {number} @{width}: line {index} is {line.width} wide")
        for run in line.runs:
            bad = controls(run.text)
            if bad:
                found.append(f"example {number} @{width}: run {run.text!r} has {bad}")
    return found


def test_the_spec_has_every_example() -> None:
    assert len(examples()) == 652
    assert all({"markdown", "html", "example"} <= example.keys() for example in examples())


@pytest.mark.parametrize("section", sections())
def test_every_example_of_a_section_lays_out_cleanly(section: str) -> None:
    chosen = [example for example in examples() if example["section"] == section]
    assert chosen
    found = []
    for example in chosen:
        for width in WIDTHS:
            found += problems(example, width)
    assert found == []


def test_every_example_with_code_kept_whole_has_no_control_characters() -> None:
    # Unwrapped code may be wider than the pane (it scrolls sideways), but never raw controls.
    found = []
    for example in examples():
        found += problems(example, 40, wrap_code=False)
    assert found == []


def test_the_check_catches_a_control_character() -> None:
    # The checks above are not vacuous: a raw escape in a run is reported.
    assert controls("a\x1bb\tc") == ["U+001B", "U+0009"]
    assert controls("plain ␛ text") == []
