"""clean_text works a slice at a time (so no single regex search holds the GIL for long) and
gives exactly what cleaning the whole text at once gives, wherever the slices fall."""

from __future__ import annotations

import random
import re

import pytest

from readingroom.core import sanitize
from readingroom.core.sanitize import clean_text

# What clean_text did before it was sliced: the whole text at once.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_REORDER_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def reference_clean_text(text: str) -> str:
    if _CONTROL_RE.search(text) is not None:
        text = _CONTROL_RE.sub(_picture, text)
    if _REORDER_RE.search(text) is not None:
        text = _REORDER_RE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)
    return text


SPECIAL = [
    "\x00",
    "\x07",
    "\x08",
    "\t",
    "\n",
    "\x0b",
    "\r",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x80",
    "\x9b",
    "\x9f",
    "\ud800",
    "\udfff",
    "\ud83d",  # half of a surrogate pair
    "\ude00",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200e",  # direction marks: kept
    "\u200f",
    "\u061c",
    "\u2400",  # already a picture
    "\ufffd",
]
PLAIN = ["a", " ", "é", "漢", "😀", "<", "U", "+"]


def random_text(chance: random.Random, size: int, slice_size: int) -> str:
    chars = [chance.choice(PLAIN) for _ in range(size)]
    for index in range(len(chars)):  # controls on both sides of every slice boundary
        at_boundary = index % slice_size in (0, slice_size - 1)
        if chance.random() < (0.7 if at_boundary else 0.1):
            chars[index] = chance.choice(SPECIAL)
    return "".join(chars)


@pytest.mark.parametrize("slice_size", [1, 2, 3, 7, 64])
def test_slices_give_what_the_whole_text_gives(
    monkeypatch: pytest.MonkeyPatch, slice_size: int
) -> None:
    monkeypatch.setattr(sanitize, "CLEAN_SLICE", slice_size)
    monkeypatch.setattr(sanitize, "CLEAN_PAUSE_ABOVE", 3 * slice_size)
    chance = random.Random(slice_size)
    for _ in range(300):
        size = chance.choice([0, 1, slice_size - 1, slice_size, slice_size + 1, 5 * slice_size])
        size = max(0, size + chance.randrange(0, 3))
        text = random_text(chance, size, slice_size)
        assert clean_text(text) == reference_clean_text(text), repr(text)


@pytest.mark.parametrize("slice_size", [3, 64])
def test_text_with_nothing_to_clean_comes_back_as_it_is(
    monkeypatch: pytest.MonkeyPatch, slice_size: int
) -> None:
    monkeypatch.setattr(sanitize, "CLEAN_SLICE", slice_size)
    text = "plain é 漢 😀 \u200f tab\tand newline\n" * 20
    assert clean_text(text) is text


def test_a_long_text_gives_the_gil_up_between_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    pauses: list[float] = []
    monkeypatch.setattr(sanitize.time, "sleep", pauses.append)
    short = "\x1b" + "x" * (sanitize.CLEAN_PAUSE_ABOVE - 1)  # not above: no pause
    assert clean_text(short) == reference_clean_text(short)
    assert pauses == []
    long = "\x1b" + "x" * sanitize.CLEAN_PAUSE_ABOVE + "\u202e" * 3
    assert clean_text(long) == reference_clean_text(long)
    slices = -(-len(long) // sanitize.CLEAN_SLICE)
    assert pauses == [0] * slices


def test_the_default_slice_size_at_its_boundaries() -> None:
    step = sanitize.CLEAN_SLICE
    text = "a" * (step - 1) + "\x1b\u202e" + "b" * (step - 2) + "\ud800\x9b" + "\u2066"
    assert clean_text(text) == reference_clean_text(text)
