"""A known library is listed from the catalog at once; the check of every file follows."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from readingroom.store.catalog import Catalog
from readingroom.tui.app import create_app
from tests.tui.helpers import app_of, option_ids, wait_for_article, wait_until


@pytest.fixture
def library(tmp_path: Path, articles_dir: Path) -> Path:
    root = tmp_path / "lib"
    shutil.copytree(articles_dir, root)
    return root


async def test_the_catalog_is_listed_before_the_folder_is_checked(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = create_app(str(library), restore=False)
    async with first.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot)
        before = option_ids(app_of(pilot).sidebar)

    # While the reader was closed: one article renamed in its front matter, one removed, one
    # added.
    sleep = library / "recovery" / "sleep-the-hidden-workout.md"
    sleep.write_text(
        sleep.read_text(encoding="utf-8").replace(
            'title: "Sleep: The Hidden Workout"', 'title: "Sleep, Retitled"'
        ),
        encoding="utf-8",
    )
    (library / "training" / "hard-finishers.md").unlink()
    (library / "new-one.md").write_text("# A New One\n\nHello.\n", encoding="utf-8")

    checking = threading.Event()
    release = threading.Event()
    load_library = Catalog.load_library

    def slow_check(self: Catalog, *args: Any, **kwargs: Any) -> Any:
        checking.set()
        release.wait(10)
        return load_library(self, *args, **kwargs)

    monkeypatch.setattr(Catalog, "load_library", slow_check)
    second = create_app(str(library), restore=False)
    async with second.run_test(size=(120, 40)) as pilot:
        reader = app_of(pilot)
        # Listed from the catalog while every file is still being checked.
        await wait_until(pilot, lambda: reader.sidebar.option_count > 0, "the catalog's list")
        await wait_until(pilot, checking.is_set, "the check of every file to start")
        assert option_ids(reader.sidebar) == before
        release.set()
        await wait_until(
            pilot, lambda: "new-one" in option_ids(reader.sidebar), "the article added"
        )
        ids = option_ids(reader.sidebar)
        assert "training/hard-finishers" not in ids
        assert reader.library is not None
        assert reader.library.get("recovery/sleep-the-hidden-workout").title == "Sleep, Retitled"  # type: ignore[union-attr]


async def test_the_indexing_bar_is_made_when_needed_and_removed_after(
    articles_dir: Path,
) -> None:
    """No progress bar at start (an indeterminate one animates 15 times a second even when
    hidden); a slow index shows one above the list, updated in place, removed when done."""
    from textual.widgets import ProgressBar

    app = create_app(str(articles_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_article(pilot)
        reader = app_of(pilot)
        assert not reader.query(ProgressBar)
        reader._show_indexing(3, 10)
        await pilot.pause()
        reader._show_indexing(6, 10)
        await pilot.pause()
        (bar,) = reader.query(ProgressBar)
        assert bar.display
        assert (bar.progress, bar.total) == (6, 10)
        assert bar.parent is not None and bar.parent.id == "library-pane"
        reader._hide_indexing()
        await pilot.pause()
        assert not reader.query(ProgressBar)
        reader.exit()


async def test_the_checked_library_is_ready_to_resolve_links(library: Path) -> None:
    """Its look-up tables are built by the worker: the first link followed in a library of
    30,000 articles held the UI thread for 0.2 s building them."""
    app = create_app(str(library), restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app_of(pilot)
        await wait_for_article(pilot)
        assert reader.library is not None
        assert reader.library._indexed and reader.library._prefix_known
