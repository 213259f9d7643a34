"""The help screen and the command palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import Command as PaletteCommand
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from readingroom.tui.app import create_app
from readingroom.tui.commands import APP_COMMANDS, ARTICLE_COMMANDS, Command
from readingroom.tui.screens.help_screen import HelpScreen
from readingroom.tui.screens.related_screen import RelatedScreen
from tests.tui.helpers import NEWEST, wait_for_article, wait_until

# Key names Textual uses for keys a person types as a single character.
TYPED = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def shown_keys(command: Command) -> set[str]:
    return {TYPED.get(key.strip(), key.strip()) for key in command.keys.split(",")}


def help_lines(screen: HelpScreen) -> list[str]:
    """One line per help row: the key column, two spaces, the description."""
    lines = []
    for row in screen.query(".help-row"):
        key, text = (str(static.content) for static in row.query(Static))
        lines.append(f"{key}  {text}")
    return lines


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_question_mark_shows_every_command_key(
    articles_dir: Path, size: tuple[int, int]
) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=size) as pilot:
        await wait_for_article(pilot, NEWEST)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        lines = help_lines(screen)
        commands = (*APP_COMMANDS, *ARTICLE_COMMANDS)
        assert len(commands) >= 12
        for command in commands:
            rows = [line for line in lines if line.rstrip().endswith(command.help)]
            assert rows, f"no help line for {command.action}"
            keys = [
                {key.strip() for key in row.rstrip()[: -len(command.help)].split(" / ")}
                for row in rows
            ]
            assert shown_keys(command) in keys, f"{command.action}: {rows}"
        # The key column never shows Textual's internal names.
        text = "\n".join(lines)
        for internal in TYPED:
            assert internal not in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "help to close")
        assert app.article_view.slug == NEWEST


async def test_question_mark_again_closes_help(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "help to close")
        assert app.is_running


def palette_hits(palette: CommandPalette) -> list[str]:
    command_list = palette.query_one(CommandList)
    hits = []
    for index in range(command_list.option_count):
        option = command_list.get_option_at_index(index)
        if isinstance(option, PaletteCommand):
            hits.append(str(option.hit.text))
    return hits


async def test_ctrl_p_palette_finds_related_and_runs_it(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"Related")
        await wait_until(pilot, lambda: "Related" in palette_hits(palette), "a Related hit")
        assert palette_hits(palette)[0] == "Related"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RelatedScreen), "related dialog")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, RelatedScreen), "closing")
        assert app.article_view.slug == NEWEST


async def test_palette_lists_reader_commands_not_quit(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot, NEWEST)
        expected = [
            command.label for command in (*APP_COMMANDS, *ARTICLE_COMMANDS) if command.palette
        ]
        titles = [command.title for command in app.get_system_commands(app.screen)]
        # Back and Forward are greyed out until there is history to move through.
        for label in expected:
            if label in ("Back", "Forward"):
                assert label not in titles
            else:
                assert label in titles, label
        assert "Keys" in titles
        assert titles.count("Quit") == 1


async def test_palette_escape_closes(articles_dir: Path) -> None:
    app = create_app(str(articles_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_article(pilot, NEWEST)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), "closing")
        assert app.article_view.slug == NEWEST
