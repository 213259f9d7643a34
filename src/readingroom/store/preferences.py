"""Choices the reader makes inside the app and expects to find again: today, the theme.

A small JSON object in the state directory, written whole to a temporary file and renamed into
place, so a crash never leaves half a file. A file that cannot be read or is not the expected
shape is ignored with a notice (and replaced at the next choice): a preference is never worth
refusing to start.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from readingroom.core.sanitize import clean_label

PREFERENCES_NAME = "preferences.json"
MAX_BYTES = 64 * 1024
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class Preferences:
    """What was chosen last time (None: nothing chosen yet)."""

    theme: str | None = None


def preferences_path(state_dir: Path) -> Path:
    """Where the preferences live."""
    return state_dir / PREFERENCES_NAME


def load_preferences(path: Path) -> tuple[Preferences, str | None]:
    """The saved preferences and a notice when the file had to be ignored."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Preferences(), None
    except OSError as exc:
        return Preferences(), f"{clean_label(str(path))}: not read ({exc.strerror or exc})"
    try:
        if len(data) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES // 1024} KiB")
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = clean_label(str(exc))
        return Preferences(), f"{clean_label(str(path))}: ignored, not valid JSON ({reason})"
    if not isinstance(value, dict):
        return Preferences(), f"{clean_label(str(path))}: ignored, not a JSON object"
    theme = value.get("theme")
    if theme is not None and (not isinstance(theme, str) or not 0 < len(theme) <= MAX_NAME):
        return Preferences(), f"{clean_label(str(path))}: ignored a theme that is not a name"
    return Preferences(theme=theme), None


def save_preferences(path: Path, preferences: Preferences) -> None:
    """Write the preferences whole (raises OSError when the state directory is not writable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"theme": preferences.theme}, indent=2) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=".preferences-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
