"""Printing file-derived text from the subcommands: never a raw control to the terminal.

File names are shown through the sanitiser in text and JSON alike (as the reader shows them).
`json.dumps(..., ensure_ascii=False)` escapes C0 controls but passes DEL, C1 controls (CSI is
U+009B) and bidi overrides through as they are, so JSON output also escapes those as \\uXXXX:
nothing a file holds reaches the terminal raw, whatever a field missed.
"""

from __future__ import annotations

import json

from readingroom.core.sanitize import clean_label

_ESCAPED = [*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
_ESCAPES = {code: f"\\u{code:04x}" for code in _ESCAPED}


def json_line(value: object) -> str:
    """One JSON document on one line, safe to print to a terminal."""
    return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)


def shown(text: str) -> str:
    """Text from a file or a file name as a terminal may show it."""
    return clean_label(text)
