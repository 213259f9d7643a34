"""JSON lines from the subcommands: valid, exact, and nothing raw for the terminal."""

from __future__ import annotations

import json
import re

from readingroom.commands.output import json_line, shown

RAW = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def test_json_line_escapes_what_json_dumps_lets_through_and_round_trips() -> None:
    value = {"path": "a\x1b[2J\x7f\x9b31m\u202eb\u2066\u2028.md", "title": "café — ok"}
    line = json_line(value)
    assert not RAW.search(line)
    assert "café — ok" in line  # other text stays readable, not \u-escaped
    assert json.loads(line) == value


def test_shown_makes_controls_visible() -> None:
    assert shown("bell\x07del\x7f.md") == "bell\u2407del\u2421.md"
