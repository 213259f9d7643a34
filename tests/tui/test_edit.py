"""`e` edits the open article in $EDITOR (an argument list, no shell) and shows the result."""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events

from readingroom.tui.app import ReadingRoomApp, create_app
from tests.tui.helpers import wait_for_article, wait_until

EDITOR = """
import sys
from pathlib import Path

path = Path(sys.argv[-1])
Path(sys.argv[-2]).write_text(" ".join(sys.argv[1:-1]), encoding="utf-8")
path.write_text(path.read_text(encoding="utf-8") + "\\nWritten by the editor.\\n", encoding="utf-8")
"""


@contextlib.contextmanager
def no_terminal(self: ReadingRoomApp) -> Iterator[None]:
    """App.suspend as in a terminal (a headless test app has none to give away)."""
    yield


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "note.md").write_text("# Note\n\nFirst words.\n", encoding="utf-8")
    return root


def layout_text(app: ReadingRoomApp) -> str:
    layout = app.article_view.text_layout
    assert layout is not None
    return "\n".join(line.text for line in layout.lines)


async def test_e_runs_the_editor_and_shows_the_edited_article(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    seen = tmp_path / "argv; echo x.txt"
    # A word with a space and a `;` must reach the editor as one argument, never a shell.
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script} '{seen}'")
    monkeypatch.setattr(ReadingRoomApp, "suspend", no_terminal)
    app = create_app(str(library), open_slug="note")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_article(pilot, "note")
        app.article_view.focus()
        await pilot.press("e")
        await wait_until(pilot, lambda: "Written by the editor." in layout_text(app), "re-read")
    assert "Written by the editor." in (library / "note.md").read_text(encoding="utf-8")
    assert seen.read_text(encoding="utf-8") == str(seen)  # one argument, quotes removed


async def test_a_missing_editor_is_a_clear_notice(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere --wait")
    monkeypatch.setattr(ReadingRoomApp, "suspend", no_terminal)
    app = create_app(str(library), open_slug="note")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_article(pilot, "note")
        await pilot.press("e")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("no-such-editor-anywhere" in m and "note.md" in m for m in messages)
    assert (library / "note.md").read_text(encoding="utf-8") == "# Note\n\nFirst words.\n"


def test_the_editor_path_is_never_given_to_a_shell() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "readingroom" / "tui"
    text = (source / "article_editing.py").read_text(encoding="utf-8")
    assert "shell=True" not in text and "os.system" not in text
    assert shutil.which("sh")  # the check above means something only where a shell exists


async def test_keys_typed_with_q_run_nothing_more(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`q` then `e` in one burst: the reader quits; the editor is not started on the way."""
    started: list[str] = []
    monkeypatch.setattr(ReadingRoomApp, "action_edit_article", lambda self: started.append("e"))
    app = create_app(str(library), open_slug="note")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_article(pilot, "note")
        app.article_view.focus()
        for key in ("q", "e", "u"):  # one burst, as a terminal delivers typed-ahead keys
            app.post_message(events.Key(key, key))
        await pilot.pause()
    assert started == []
    assert app.return_code == 0
