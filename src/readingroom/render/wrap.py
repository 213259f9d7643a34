"""Word wrapping of styled runs to a width in terminal cells."""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

from readingroom.render.runs import Run

_PIECE_RE = re.compile(r"\n|[^\S\n]+|[^\s]+")


def split_run(run: Run, cells: int) -> tuple[Run, Run]:
    """Cut a run after at most `cells` cells (at least one character, so wrapping progresses)."""
    used = 0
    cut = 0
    for cut, character in enumerate(run.text):
        size = get_character_cell_size(character)
        if used + size > cells and cut > 0:
            break
        used += size
    else:
        cut = len(run.text)
    return Run(run.text[:cut], run.roles, run.link), Run(run.text[cut:], run.roles, run.link)


def _items(runs: list[Run]) -> list[str | list[Run] | Run]:
    """Break runs into words (lists of fragments that must stay together), spaces and "\\n"."""
    items: list[str | list[Run] | Run] = []
    word: list[Run] = []
    for run in runs:
        for match in _PIECE_RE.finditer(run.text):
            piece = match.group()
            if piece == "\n" or piece[0].isspace():
                if word:
                    items.append(word)
                    word = []
                items.append("\n" if piece == "\n" else Run(" ", run.roles, run.link))
            else:
                word.append(Run(piece, run.roles, run.link))
    if word:
        items.append(word)
    return items


def wrap_runs(runs: list[Run], width: int) -> list[list[Run]]:
    """Wrap runs greedily at spaces; words longer than the width are cut. Returns lines."""
    width = max(1, width)
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = 0
    space: Run | None = None
    for item in _items(runs):
        if item == "\n":
            lines.append(line)
            line, used, space = [], 0, None
            continue
        if isinstance(item, Run):
            space = item if line else None
            continue
        assert isinstance(item, list)
        size = sum(cell_len(fragment.text) for fragment in item)
        gap = 1 if space is not None else 0
        if used + gap + size <= width:
            if space is not None:
                line.append(space)
            line.extend(item)
            used += gap + size
        else:
            if line:
                lines.append(line)
                line, used = [], 0
            for fragment in item:
                rest = fragment
                while rest.text:
                    if used + cell_len(rest.text) <= width:
                        line.append(rest)
                        used += cell_len(rest.text)
                        break
                    if used >= width:
                        lines.append(line)
                        line, used = [], 0
                        continue
                    head, rest = split_run(rest, width - used)
                    line.append(head)
                    lines.append(line)
                    line, used = [], 0
        space = None
    if line or not lines:
        lines.append(line)
    return [merge_runs(each) for each in lines]


def merge_runs(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs with the same roles and link (fewer segments to paint)."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].roles == run.roles and merged[-1].link == run.link:
            last = merged[-1]
            merged[-1] = Run(last.text + run.text, last.roles, last.link)
        else:
            merged.append(run)
    return merged


def pad_to(runs: list[Run], width: int, roles: tuple[str, ...] = ()) -> list[Run]:
    """Runs padded with spaces up to `width` cells."""
    used = sum(cell_len(run.text) for run in runs)
    if used >= width:
        return runs
    return [*runs, Run(" " * (width - used), roles)]
