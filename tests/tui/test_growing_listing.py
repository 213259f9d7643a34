"""A library indexed for the first time is listed as it is read: the sidebar fills batch by
batch, an article can be opened meanwhile, and the reading state of articles not read yet is
left alone (in part of a library they would look deleted, and their state could follow an
article with the same content)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from readingroom.store import catalog as catalog_module
from readingroom.store import reader_pool
from readingroom.store.catalog import Catalog
from readingroom.store.paths import app_paths
from readingroom.store.reading_state import ReadingState, state_path
from readingroom.tui import library_loading
from readingroom.tui.app import create_app
from tests.tui.helpers import app_of, option_ids, settle, wait_for_article, wait_until

FILES = 8


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    for number in range(FILES):
        (root / f"n{number}.md").write_text(
            f"---\ntitle: Note {number}\ndate: 2024-01-{number + 1:02}\n---\nBody {number}.\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture
def paced(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Semaphore]:
    """Index one file per batch, list after every batch, and read a file only when the test
    lets it (one release per file)."""
    monkeypatch.setattr(catalog_module, "BATCH", 1)
    monkeypatch.setattr(library_loading, "FIRST_LISTING", 0.0)
    gate = threading.Semaphore(0)
    read = reader_pool._read

    def gated(job: Any) -> Any:
        if not gate.acquire(timeout=10):
            raise TimeoutError("the test never let this file be read")
        return read(job)

    monkeypatch.setattr(reader_pool, "_read", gated)
    yield gate
    for _ in range(FILES):
        gate.release()  # a test that failed early leaves no worker waiting


def read_before(root: Path, slug: str, content_of: str) -> dict[str, str]:
    """Record `slug` as read, with the content digest of the article `content_of`, before the
    reader starts; the digests of every article of `root`, by slug."""
    library = Catalog(None).load_library(str(root))
    digests = {article.slug: article.digest for article in library.articles.values()}
    real = os.path.realpath(root)
    state = ReadingState.open(state_path(app_paths()))
    state.record_opened(real, slug, digests[content_of], 1.0)
    state.set_read(real, slug, True)
    state.close()
    return digests


async def test_the_sidebar_fills_while_the_library_is_indexed(
    library: Path, paced: threading.Semaphore
) -> None:
    app = create_app(str(library), restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app_of(pilot)
        paced.release(3)
        await wait_until(pilot, lambda: reader.sidebar.option_count >= 1, "a first listing")
        assert reader.sidebar.option_count < FILES
        assert reader.article_view.slug is None  # nothing opened for the reader yet
        listed = option_ids(reader.sidebar)
        reader.open_article(str(listed[0]))  # the reader can be used meanwhile
        view = reader.article_view
        await wait_until(
            pilot,
            lambda: view.slug == listed[0] and view.text_layout is not None,
            "the article opened while the library is indexed",
        )
        paced.release(FILES - 3)
        await wait_until(
            pilot,
            lambda: reader.library is not None and len(reader.library) == FILES,
            "the whole library",
        )
        await settle(pilot)
        assert reader.sidebar.option_count == FILES
        assert option_ids(reader.sidebar)[0] == "n7"  # newest first, as ever
        assert reader.article_view.slug == listed[0], "the article opened meanwhile stays"
        assert not reader.query("#indexing")


async def test_the_whole_library_opens_the_first_article_when_none_was_opened(
    library: Path, paced: threading.Semaphore
) -> None:
    app = create_app(str(library), restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        paced.release(FILES)
        await wait_for_article(pilot, "n7")


async def test_the_session_reopens_once_its_article_is_read(
    library: Path, paced: threading.Semaphore
) -> None:
    root = os.path.realpath(library)
    state = ReadingState.open(state_path(app_paths()))
    state.record_opened(root, "n5", "", 1.0)
    state.save_session(root, "n5", None)
    state.close()
    app = create_app(str(library))
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app_of(pilot)
        paced.release(3)
        await wait_until(pilot, lambda: reader.sidebar.option_count >= 1, "a first listing")
        await pilot.pause(0.2)  # not settle(): the index waits for the next release
        assert reader.article_view.slug is None, "not the first listed: n5 is wanted"
        paced.release(FILES - 3)
        await wait_for_article(pilot, "n5")


async def test_state_of_an_article_not_read_yet_stays_where_it_is(
    tmp_path: Path, paced: threading.Semaphore
) -> None:
    """`b` has a read mark and the same content as `a`, which is read first: in the part of
    the library with only `a`, `b` looked deleted and its mark followed its content to `a`."""
    root = tmp_path / "same"
    root.mkdir()
    for name in ("a", "b", "c"):
        (root / f"{name}.md").write_text("# Twin\n\nSame words.\n", encoding="utf-8")
    (root / "c.md").write_text("# Other\n\nOther words.\n", encoding="utf-8")
    paced.release(3)  # for this reading, outside the reader
    digests = read_before(root, "b", "b")
    assert digests["a"] == digests["b"] != digests["c"]
    real = os.path.realpath(root)
    app = create_app(str(root), restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app_of(pilot)
        paced.release(1)
        await wait_until(pilot, lambda: reader.sidebar.option_count == 1, "only a listed")
        await pilot.pause(0.2)
        paced.release(2)
        await wait_until(
            pilot,
            lambda: reader.library is not None and len(reader.library) == 3,
            "the whole library",
        )
        await settle(pilot)
        memory = reader.memory
        assert memory is not None
        assert memory.mark("b").read
        assert not memory.mark("a").read
        assert memory.renamed == []
    state = ReadingState.open(state_path(app_paths()))
    assert {s.slug for s in state.article_states(real).values() if s.read} == {"b"}
    state.close()


async def test_a_renamed_article_keeps_its_state_once_the_whole_library_is_read(
    library: Path, paced: threading.Semaphore
) -> None:
    """With no catalog (a cleared cache) and a file renamed meanwhile, its read mark follows
    its content, as at any start, but only from the whole library."""
    paced.release(FILES)
    read_before(library, "old-name", "n2")
    app = create_app(str(library), restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app_of(pilot)
        paced.release(FILES)
        await wait_for_article(pilot)
        memory = reader.memory
        assert memory is not None
        assert memory.renamed == [("old-name", "n2")]
        assert memory.mark("n2").read
        assert "old-name" not in memory.articles
