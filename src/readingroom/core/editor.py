"""Which editor to open a file in: $VISUAL, then $EDITOR, then a common editor on PATH.

The command is split like a shell would split words (so `EDITOR="code --wait"` works) but no
shell ever runs it: the caller passes the list to subprocess.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping

EDITOR_VARIABLES = ("VISUAL", "EDITOR")
FALLBACK_EDITORS = ("sensible-editor", "nano", "vi")


class EditorError(Exception):
    """No editor can be run; the message says why and what to set."""


def editor_argv(path: str | os.PathLike[str], environ: Mapping[str, str]) -> list[str]:
    """The command that edits `path`: the editor's words followed by the path.

    $VISUAL wins over $EDITOR (an empty one counts as unset); without either, the first of
    sensible-editor, nano and vi found on environ's PATH. Raises EditorError when the chosen
    editor is not found or none is.
    """
    search_path = environ.get("PATH", os.defpath)
    for variable in EDITOR_VARIABLES:
        value = environ.get(variable, "")
        if not value.strip():
            continue
        try:
            words = shlex.split(value)
        except ValueError as error:
            raise EditorError(
                f"${variable} ({value!r}) cannot be split into words: {error}"
            ) from error
        if shutil.which(words[0], path=search_path) is None:
            raise EditorError(f"the editor {words[0]!r} from ${variable} was not found")
        return [*words, os.fspath(path)]
    for name in FALLBACK_EDITORS:
        found = shutil.which(name, path=search_path)
        if found is not None:
            return [found, os.fspath(path)]
    raise EditorError(
        "no editor found: set $VISUAL or $EDITOR (for example, export EDITOR=nano), "
        f"or put one of {', '.join(FALLBACK_EDITORS)} on PATH"
    )
