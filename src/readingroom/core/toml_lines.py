"""Where things are in a TOML file's text: tomllib gives values, not positions."""

from __future__ import annotations

import re

_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END_RE = re.compile(r"\s*\(at end of document\)\s*$")


def syntax_error(message: str, text: str) -> tuple[int | None, str]:
    """The line of a tomllib error and its message with the column (tomllib puts both in the
    message as "(at line 3, column 5)", or says "(at end of document)")."""
    position = _POSITION_RE.search(message)
    if position is not None:
        detail = message[: position.start()]
        return int(position.group(1)), f"{detail} (column {position.group(2)})"
    end = _END_RE.search(message)
    if end is not None:
        last_line = max(1, len(text.splitlines()))
        return last_line, f"{message[: end.start()]} (at the end of the file)"
    return None, message


_TABLE_RE = re.compile(r"""^\[\[?\s*(?P<name>[A-Za-z0-9_\-."' ]+?)\s*\]\]?\s*(?:#.*)?$""")
_ASSIGN_RE = re.compile(
    r"""^(?P<key>(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_KEY_PART_RE = re.compile(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""")


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _KEY_PART_RE.findall(dotted))


class KeyLines:
    """Finds the line a key is set on by scanning the text: tomllib keeps no positions.

    Good enough for messages: it follows [table] headers and dotted keys, and for a key set
    inside an inline table it answers the line of the table's key.
    """

    def __init__(self, text: str) -> None:
        self._lines: list[tuple[int, tuple[str, ...]]] = []
        table: tuple[str, ...] = ()
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            header = _TABLE_RE.match(line)
            if header is not None:
                table = _key_parts(header.group("name"))
                self._lines.append((number, table))
                continue
            assignment = _ASSIGN_RE.match(line)
            if assignment is not None:
                self._lines.append((number, table + _key_parts(assignment.group("key"))))

    def find(self, key: tuple[str, ...]) -> int | None:
        """The line that sets `key` (or the table or inline table holding it), if found."""
        for number, found in self._lines:
            if found == key:
                return number
        for number, found in self._lines:
            if found and key[: len(found)] == found:
                return number
        return None
