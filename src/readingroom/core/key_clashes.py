"""Keys given to commands in the config file that would take a key another command still has.

Commands live in scopes: the reader's own commands work everywhere, the article's when the
article has focus, the list's when the list has. Two commands active together cannot share a
key: the focused widget's command would win, and the other could no longer be reached (give
`related` the key `j` and it never runs while the article is read). A key a command gives up
in the same file is free again, so two commands can swap keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

KeyGroup = Mapping[str, Sequence[str]]
"""Commands active together: each one's action and its keys by default."""


def key_clashes(
    groups: Sequence[KeyGroup], overrides: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, str]]:
    """The overrides that cannot be kept, by action: (the key, the command that has it).

    An override is dropped when one of its keys is another command's key in a group where
    both are (with every kept override applied); dropping one gives its command back its
    default keys, which may clash in turn, so this runs until nothing more is dropped. The
    overrides are looked at in their order (the file's), so the earlier one stays.
    """
    dropped: dict[str, tuple[str, str]] = {}
    changed = True
    while changed:
        changed = False
        kept = {action: keys for action, keys in overrides.items() if action not in dropped}
        for action, keys in kept.items():
            clash = _first_clash(groups, kept, action, keys)
            if clash is not None:
                dropped[action] = clash
                changed = True
                break
    return dropped


def _first_clash(
    groups: Sequence[KeyGroup],
    kept: Mapping[str, Sequence[str]],
    action: str,
    keys: Sequence[str],
) -> tuple[str, str] | None:
    for group in groups:
        if action not in group:
            continue
        for other, defaults in group.items():
            if other == action:
                continue
            taken = kept.get(other, defaults)
            for key in keys:
                if key in taken:
                    return key, other
    return None
