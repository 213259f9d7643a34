"""Files added, changed and removed while the reader runs show up by themselves."""

from __future__ import annotations

import os
from pathlib import Path

from readingroom.tui.app import create_app
from tests.tui.helpers import wait_for_article, wait_until

SIZE = (100, 30)


def sidebar_ids(app: object) -> list[str | None]:
    sidebar = app.sidebar  # type: ignore[attr-defined]
    return [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]


def library(root: Path) -> Path:
    body = "\n\n".join(f"Paragraph {n} of the first article." for n in range(60))
    (root / "first.md").write_text(f"---\ntitle: First\ndate: 2025-02-01\n---\n\n{body}\n")
    (root / "second.md").write_text("---\ntitle: Second\ndate: 2025-01-01\n---\n\nHello.\n")
    return root


async def test_added_and_removed_files_appear_and_disappear(tmp_path: Path) -> None:
    root = library(tmp_path)
    app = create_app(str(root))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_article(pilot, "first")
        (root / "notes").mkdir()
        (root / "notes" / "third.md").write_text("# Third\n\nNew while reading.\n")
        await wait_until(pilot, lambda: "notes/third" in sidebar_ids(app), "the new file", 5)
        (root / "second.md").unlink()
        await wait_until(pilot, lambda: "second" not in sidebar_ids(app), "the removal", 5)
        os.rename(root / "notes" / "third.md", root / "notes" / "renamed.md")
        await wait_until(
            pilot,
            lambda: "notes/renamed" in sidebar_ids(app) and "notes/third" not in sidebar_ids(app),
            "the rename",
            5,
        )


async def test_the_open_article_re_renders_in_place(tmp_path: Path) -> None:
    root = library(tmp_path)
    app = create_app(str(root), open_slug="first")
    async with app.run_test(size=SIZE) as pilot:
        view = await wait_for_article(pilot, "first")
        view.scroll_to_line(30)
        await pilot.pause()
        top = view.scroll_y
        text = (
            (root / "first.md").read_text().replace("Paragraph 59 of", "Paragraph 59 (edited) of")
        )
        (root / "first.md").write_text(text)

        def edited() -> bool:
            layout = view.text_layout
            return layout is not None and any("(edited)" in line.text for line in layout.lines)

        await wait_until(pilot, edited, "the edited text", 5)
        assert view.scroll_y == top
