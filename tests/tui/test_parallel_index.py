"""A big library's first index runs in worker processes; inside the reader too, where
sys.stderr is Textual's capture (its fileno() is -1, which multiprocessing's resource tracker
used to be handed: "bad value(s) in fds_to_keep", and the library never loaded)."""

from __future__ import annotations

from collections.abc import Iterator
from multiprocessing import resource_tracker
from pathlib import Path

import pytest

from readingroom.store import reader_pool
from readingroom.tui.app import create_app
from tests.tui.helpers import app_of, wait_for_article, wait_until

FILES = 12


@pytest.fixture
def fresh_tracker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As in a new process: no resource tracker started yet (another test may have)."""
    tracker = resource_tracker._resource_tracker
    monkeypatch.setattr(tracker, "_fd", None)
    monkeypatch.setattr(tracker, "_pid", None)
    yield


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(reader_pool, "PARALLEL_FROM", 4)
    monkeypatch.setattr(reader_pool, "CHUNK", 2)
    root = tmp_path / "lib"
    root.mkdir()
    for number in range(FILES):
        (root / f"note-{number:02}.md").write_text(
            f"---\ntitle: Note {number}\n---\nBody {number}.\n", encoding="utf-8"
        )
    return root


@pytest.mark.usefixtures("fresh_tracker")
async def test_the_reader_indexes_a_big_library_in_worker_processes(library: Path) -> None:
    app = create_app(str(library), restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app_of(pilot)
        await wait_until(
            pilot,
            lambda: reader.library is not None and reader.sidebar.option_count == FILES,
            "the library indexed by worker processes",
            timeout=60,
        )
        assert reader.library is not None
        assert reader.library.get("note-07") is not None
        await wait_for_article(pilot)  # nothing left running when the reader closes
