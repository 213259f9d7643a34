"""The theme: the palette's choice is remembered; the config file's choice wins at start."""

from __future__ import annotations

from pathlib import Path

from readingroom.store.paths import app_paths
from readingroom.store.preferences import load_preferences, preferences_path
from readingroom.tui.app import create_app
from tests.tui.helpers import settle, wait_for_article, wait_until


def saved_theme() -> str | None:
    return load_preferences(preferences_path(app_paths().state))[0].theme


async def test_a_picked_theme_is_used_at_the_next_start(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot)
        assert app.theme != "textual-light"
        app.theme = "textual-light"  # what the palette's theme picker does
        await wait_until(pilot, lambda: saved_theme() == "textual-light", "the saved theme")
        await settle(pilot)
    again = create_app(str(articles_dir))
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot)
        assert again.theme == "textual-light"
        assert not again.current_theme.dark


async def test_the_configured_theme_wins_and_an_unknown_one_is_a_notice(
    articles_dir: Path,
) -> None:
    app = create_app(str(articles_dir), theme="nord")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot)
        assert app.theme == "nord"
    unknown = create_app(str(articles_dir), theme="no-such-theme")
    async with unknown.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot)
        assert unknown.theme == "textual-dark"
        messages = [str(n.message) for n in unknown._notifications]
        assert any("no-such-theme" in m for m in messages), messages
