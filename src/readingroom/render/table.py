"""Tables fitted to the width: natural column widths when they fit, wrapped cells when not."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

from readingroom.render.blocks import Table
from readingroom.render.inline import plain_text
from readingroom.render.runs import Run, with_roles
from readingroom.render.wrap import pad_to, wrap_runs

BORDER = ("table-border",)
_MIN_WORD = 12


def _fit_widths(natural: list[int], minimum: list[int], available: int) -> list[int]:
    if sum(natural) <= available:
        return natural
    widths = [min(low, high) for low, high in zip(minimum, natural, strict=True)]
    spare = available - sum(widths)
    if spare < 0:
        total = sum(widths)
        scaled = [max(1, width * available // total) for width in widths]
        while sum(scaled) > available and max(scaled) > 1:
            scaled[scaled.index(max(scaled))] -= 1
        return scaled
    wants = [high - low for low, high in zip(widths, natural, strict=True)]
    total_want = sum(wants) or 1
    grown = [width + want * spare // total_want for width, want in zip(widths, wants, strict=True)]
    leftover = available - sum(grown)
    for index in sorted(range(len(grown)), key=lambda i: -wants[i]):
        if leftover <= 0:
            break
        if grown[index] < natural[index]:
            grown[index] += 1
            leftover -= 1
    return grown


def _aligned(runs: list[Run], width: int, align: str, roles: tuple[str, ...]) -> list[Run]:
    used = sum(cell_len(run.text) for run in runs)
    spare = max(0, width - used)
    if align == "right":
        return [Run(" " * spare, roles), *runs]
    if align == "center":
        left = spare // 2
        return pad_to([Run(" " * left, roles), *runs], width, roles)
    return pad_to(runs, width, roles)


def layout_table(table: Table, width: int) -> list[list[Run]]:
    """Lines of a boxed table, or of a stacked list of `header: value` when too narrow."""
    columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
    if columns == 0:
        return []
    header = table.header + [[] for _ in range(columns - len(table.header))]
    rows = [row + [[] for _ in range(columns - len(row))] for row in table.rows]
    aligns = table.aligns + ["left"] * (columns - len(table.aligns))
    available = width - (3 * columns + 1)
    if available < 3 * columns:
        return _stacked(header, rows, width)
    texts = [[plain_text(row[column]) for row in (header, *rows)] for column in range(columns)]
    natural = [max(1, *(cell_len(text.replace("\n", " ")) for text in column)) for column in texts]
    minimum = [
        max(1, min(_MIN_WORD, max((cell_len(w) for t in column for w in t.split()), default=1)))
        for column in texts
    ]
    widths = _fit_widths(natural, minimum, available)
    widest_character = [
        max((get_character_cell_size(c) for text in column for c in text), default=1)
        for column in texts
    ]
    if sum(widths) > available or any(
        width < wide for width, wide in zip(widths, widest_character, strict=True)
    ):
        return _stacked(header, rows, width)
    lines = [_border("┌", "┬", "┐", widths)]
    lines += _row(with_roles_cells(header, "table-header"), widths, aligns)
    lines.append(_border("├", "┼", "┤", widths))
    for row in rows:
        lines += _row(row, widths, aligns)
    lines.append(_border("└", "┴", "┘", widths))
    return lines


def with_roles_cells(cells: list[list[Run]], role: str) -> list[list[Run]]:
    """Each cell's runs with one more role."""
    return [with_roles(cell, role) for cell in cells]


def _border(left: str, middle: str, right: str, widths: list[int]) -> list[Run]:
    return [Run(left + middle.join("─" * (width + 2) for width in widths) + right, BORDER)]


def _row(cells: list[list[Run]], widths: list[int], aligns: list[str]) -> list[list[Run]]:
    wrapped = [wrap_runs(cell, width) for cell, width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    out: list[list[Run]] = []
    for index in range(height):
        line: list[Run] = [Run("│ ", BORDER)]
        for column, lines in enumerate(wrapped):
            content = lines[index] if index < len(lines) else []
            line += _aligned(content, widths[column], aligns[column], ())
            line.append(Run(" │ " if column < len(wrapped) - 1 else " │", BORDER))
        out.append(line)
    return out


def _stacked(header: list[list[Run]], rows: list[list[list[Run]]], width: int) -> list[list[Run]]:
    out: list[list[Run]] = []
    for number, row in enumerate(rows):
        if number:
            out.append([Run("─" * max(1, min(width, 20)), BORDER)])
        for name, cell in zip(header, row, strict=True):
            label = with_roles(name, "table-header") if name else [Run("·", BORDER)]
            out += wrap_runs([*label, Run(": ", BORDER), *cell], width)
    return out
