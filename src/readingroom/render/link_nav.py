"""Moving between the links of a laid-out article, as tab does in a browser."""

from __future__ import annotations

from readingroom.render.layout import Layout


def visible_links(layout: Layout, top: int, height: int) -> list[int]:
    """Link indexes on the lines from `top` for `height` lines, in reading order."""
    found: dict[int, None] = {}
    for line in layout.lines[top : top + max(1, height)]:
        for run in line.runs:
            if run.link is not None:
                found.setdefault(run.link, None)
    return list(found)


def step_link(layout: Layout, current: int | None, step: int, top: int, height: int) -> int | None:
    """The link after (step 1) or before (step -1) `current`, or None past either end.

    Without a current link, the first link at or below the top of the pane (going forward) or
    the last one above its bottom (going back).
    """
    lines = layout.link_lines
    ordered = sorted(lines, key=lambda link: (lines[link], link))
    if not ordered:
        return None
    if current is None or current not in lines:
        if step > 0:
            candidates = [link for link in ordered if lines[link] >= top]
            return candidates[0] if candidates else None
        candidates = [link for link in ordered if lines[link] < top + max(1, height)]
        return candidates[-1] if candidates else None
    position = ordered.index(current) + step
    return ordered[position] if 0 <= position < len(ordered) else None
