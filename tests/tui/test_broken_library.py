"""A library with files that cannot be read: listed, opened with their error, the rest works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label

from readingroom.tui.app import create_app
from readingroom.tui.screens.related_screen import RelatedScreen
from readingroom.tui.widgets.library_sidebar import LibrarySidebar
from tests.tui.helpers import (
    app_of,
    highlighted_id,
    layout_text,
    option_ids,
    wait_for_article,
    wait_until,
)

GOOD_BODY = "The good article still opens and reads normally."


def broken_library(root: Path) -> Path:
    root.mkdir()
    (root / "good.md").write_text(
        "---\ntitle: A Good Article\ndate: 2025-05-01\ntags: [fine]\n---\n\n"
        f"# A Good Article\n\n{GOOD_BODY}\n",
        encoding="utf-8",
    )
    (root / "bad-yaml.md").write_text(
        "---\ntitle: [this list is never closed\ndate: 2025-04-01\n---\n\n"
        "# Broken front matter\n\nThe body is fine.\n",
        encoding="utf-8",
    )
    (root / "x.md").write_bytes(b"\x00\x01\x02 not text \x00\xff\xfe" * 20)
    return root


def flat(lines: list[str]) -> str:
    """Laid-out lines as one string, so wrapping does not split what we look for."""
    return re.sub(r"\s+", " ", " ".join(lines))


def prompt_text(sidebar: LibrarySidebar, slug: str) -> str:
    prompt = sidebar.get_option(slug).prompt
    return str(getattr(prompt, "plain", prompt))


async def open_from_sidebar(pilot: Pilot[None], slug: str) -> None:
    app = app_of(pilot)
    sidebar = app.sidebar
    sidebar.focus()
    await pilot.pause()
    await pilot.press("home")
    for _ in range(sidebar.option_count):
        if highlighted_id(sidebar) == slug:
            break
        await pilot.press("down")
    assert highlighted_id(sidebar) == slug
    await pilot.press("enter")
    await wait_for_article(pilot, slug)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_broken_files_are_listed_and_show_their_error(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    root = broken_library(tmp_path / "library")
    app = create_app(str(root))
    async with app.run_test(size=size) as pilot:
        view = await wait_for_article(pilot, "good")
        sidebar = app.sidebar
        assert sorted(map(str, option_ids(sidebar))) == ["bad-yaml", "good", "x"]
        assert option_ids(sidebar)[0] == "good"
        assert GOOD_BODY in flat(layout_text(view))
        assert "⚠" in prompt_text(sidebar, "x")
        assert "binary" in prompt_text(sidebar, "x")
        assert "⚠" in prompt_text(sidebar, "bad-yaml")

        await open_from_sidebar(pilot, "x")
        text = flat(layout_text(app.article_view))
        assert "x.md" in text
        assert "binary file (NUL bytes)" in text

        await open_from_sidebar(pilot, "bad-yaml")
        text = flat(layout_text(app.article_view))
        assert "bad-yaml.md" in text
        assert "front matter is not valid YAML" in text
        # The body is still shown under the error.
        assert "The body is fine." in text

        await open_from_sidebar(pilot, "good")
        text = flat(layout_text(app.article_view))
        assert GOOD_BODY in text
        assert "⚠" not in text
        assert app.is_running


async def test_back_through_broken_articles(tmp_path: Path) -> None:
    root = broken_library(tmp_path / "library")
    app = create_app(str(root))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, "good")
        await open_from_sidebar(pilot, "x")
        await open_from_sidebar(pilot, "bad-yaml")
        await open_from_sidebar(pilot, "good")
        app.article_view.focus()
        await pilot.press("backspace")
        await wait_for_article(pilot, "bad-yaml")
        await pilot.press("backspace")
        await wait_for_article(pilot, "x")
        # The related dialog of a broken article says there is nothing related.
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, RelatedScreen), "related")
        labels = [str(label.render()) for label in app.screen.query(Label)]
        assert any("Nothing is related" in label for label in labels), labels
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RelatedScreen), "closing")
        assert app.article_view.slug == "x"
        await pilot.press("alt+right")
        await wait_for_article(pilot, "bad-yaml")


async def test_a_file_that_disappears_shows_its_error(tmp_path: Path) -> None:
    root = broken_library(tmp_path / "library")
    app = create_app(str(root))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, "good")
        # Live reload would drop the file from the sidebar (tests/tui/test_live_reload.py);
        # stop it to test the race where a file goes between listing and opening.
        app._watch_stop.set()
        (root / "bad-yaml.md").unlink()
        await open_from_sidebar(pilot, "bad-yaml")
        text = flat(layout_text(app.article_view))
        assert "bad-yaml.md" in text
        assert "no such file" in text.lower()
