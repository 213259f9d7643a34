"""The config file in the reader: sort, theme, key overrides, and problems shown, not fatal."""

from __future__ import annotations

from pathlib import Path

from readingroom.core.config import load_config
from readingroom.tui.app import create_app
from readingroom.tui.commands import action_names
from readingroom.tui.screens.help_screen import HelpScreen, help_sections
from readingroom.tui.screens.related_screen import RelatedScreen
from tests.tui.helpers import app_of, option_ids, wait_for_article, wait_until

CONFIG = """\
sort = "title"
theme = "nord"
wrap_width = 5

[keys]
related = "R"
no_such_action = "x"
"""


async def test_the_config_file_shapes_the_reader(articles_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    config, problems = load_config(path, known_actions=action_names())
    assert {p.key for p in problems} == {"wrap_width", "keys.no_such_action"}
    app = create_app(str(articles_dir), config=config, config_problems=problems)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot)
        reader = app_of(pilot)
        assert reader.theme == "nord"
        titles = [reader.library.get(slug).title.casefold() for slug in option_ids(reader.sidebar)]  # type: ignore[union-attr]
        assert titles == sorted(titles)
        # Each problem is shown with the file and the line, and the reader runs on.
        shown = [str(n.message) for n in reader._notifications]
        for problem in problems:
            assert any(str(path) in m and f"line {problem.line}" in m for m in shown), shown
        reader.article_view.focus()
        await pilot.press("r")  # the default key no longer runs the command
        await pilot.pause()
        assert not isinstance(reader.screen, RelatedScreen)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(reader.screen, RelatedScreen), "related")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(reader.screen, HelpScreen), "the help")
        rows = dict(help_sections(dict(config.keys))[0][1])
        assert rows["R"] == "List the articles related to this one"


async def test_wrap_width_code_wrap_and_the_size_cap_reach_the_article_view(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    prose = " ".join(["word"] * 400)
    code = "x = " + "1 + " * 60 + "1"
    (root / "a.md").write_text(f"# A\n\n{prose}\n\n```python\n{code}\n```\n", encoding="utf-8")
    big = "para\n\n" * (200 * 1024)  # 1.2 MiB of short paragraphs
    (root / "big.md").write_text(f"# Big\n\n{big}", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text("wrap_width = 40\ncode_wrap = false\nsize_cap_mib = 1\n", encoding="utf-8")
    config, problems = load_config(path, known_actions=action_names())
    assert problems == []
    app = create_app(str(root), config=config, open_slug="a")
    async with app.run_test(size=(120, 40)) as pilot:
        view = await wait_for_article(pilot, "a")
        layout = view.text_layout
        assert layout is not None and layout.width == 40 and not layout.wrap_code
        texts = [line.text for line in layout.lines]
        assert all(len(t) <= 40 for t in texts if "word" in t)
        assert any(code in t for t in texts)  # the code line kept whole
        app_of(pilot).open_article("big")
        view = await wait_for_article(pilot, "big")
        head = " ".join(line.text.strip() for line in view.text_layout.lines[:40])  # type: ignore[union-attr]
        assert "larger than the 1 MiB parse limit" in head
