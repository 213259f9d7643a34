"""Short labels for link hints, as in vimium: home-row letters first."""

from __future__ import annotations

HINT_KEYS = "asdfghjklqwertyuiopzxcvbnm"


def hint_labels(count: int, keys: str = HINT_KEYS) -> list[str]:
    """`count` labels, all the same length, none a prefix of another."""
    if count <= 0:
        return []
    length = 1
    while len(keys) ** length < count:
        length += 1
    labels = [""]
    for _ in range(length):
        labels = [label + key for label in labels for key in keys]
    return labels[:count]
