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


class HintSession:
    """Labels shown on links; letters typed pick one."""

    def __init__(self, links: list[int]) -> None:
        self.labels: dict[str, int] = dict(zip(hint_labels(len(links)), links, strict=True))
        self.typed = ""

    def feed(self, character: str) -> int | bool | None:
        """Take one typed character: a link index when a label is complete, True while a
        label could still be completed, False when nothing can match (the session ends)."""
        typed = self.typed + character.lower()
        if not character or not any(label.startswith(typed) for label in self.labels):
            return False
        if typed in self.labels:
            return self.labels[typed]
        self.typed = typed
        return True
