"""The trust boundary: make text from a file safe to put on a terminal.

Every string that comes from a file or a file name goes through here before it is shown.
Control characters never reach the terminal raw: C0 controls (other than tab and newline) become
their visible control pictures (ESC shows as U+241B), DEL becomes U+2421 and C1 controls become
U+FFFD, and so do lone surrogates (the undecodable bytes of a file name, which no terminal
encoding can write). Bidirectional embeddings, overrides and isolates, which reorder the text
around them, are shown as `<U+202E>`; in short labels (titles, slugs, link targets) the
direction marks are too, since there nothing may disguise what a name says.
"""

from __future__ import annotations

import re
import time

_C0_PICTURE_BASE = 0x2400
_DEL_PICTURE = "\u2421"
_REPLACEMENT = "\ufffd"
CLEAN_SLICE = 256 * 1024  # characters searched at a time
CLEAN_PAUSE_ABOVE = 512 * 1024  # longer texts give the GIL up between slices

# Everything that is a control character except tab and newline.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_LABEL_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REORDER_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Either of the two above: what clean_text looks for first (one pass over the text, not two).
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(_C0_PICTURE_BASE + code)
    if code == 0x7F:
        return _DEL_PICTURE
    return _REPLACEMENT


def _bidi_visible(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def clean_text(text: str) -> str:
    """Return `text` with every control character but tab and newline made visible, and
    bidi embeddings, overrides and isolates too (direction marks are kept for RTL prose).

    Worked through `CLEAN_SLICE` characters at a time: one regex search over megabytes holds the
    GIL for tens of milliseconds (a UI thread waiting to repaint stalls), so a long body is
    searched a slice at a time and gives the GIL up between slices. Both patterns match single
    characters and neither replacement holds a character either matches, so slicing anywhere
    gives the same result as the whole text at once.
    """
    size = len(text)
    step = CLEAN_SLICE
    pause = size > CLEAN_PAUSE_ABOVE
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    for start in range(0, size, step):
        end = min(start + step, size)
        if _UNSAFE_RE.search(text, start, end) is not None:
            piece = _CONTROL_RE.sub(_picture, text[start:end])
            piece = _REORDER_RE.sub(_bidi_visible, piece)
            pieces += (text[done:start], piece)
            done = end
        if pause:
            time.sleep(0)  # let a waiting thread (the UI) run
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def clean_label(text: str) -> str:
    """Return a one-line label: controls (newline and tab too) and bidi controls made visible.

    Used for titles, tags, slugs, link targets and file names in messages.
    """
    text = _CONTROL_LABEL_RE.sub(_picture, text)
    return _BIDI_RE.sub(_bidi_visible, text)
