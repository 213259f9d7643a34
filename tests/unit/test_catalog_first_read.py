"""The catalog at scale: the reader's start (the catalog's library first, then every file
checked without reading the catalog's rows twice, unless someone wrote in between), shared
strings and memory given back during a cold index, collections paused."""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from readingroom.core.article import Article, with_shared_strings
from readingroom.core.heap import collections_paused, give_back_free_memory
from readingroom.store.catalog import Catalog
from tests.unit.conftest import WriteTree

FILES = {
    "a.md": "---\ntitle: Alpha\ndate: 2024-01-01\ntags: [x, y]\n---\nSee [b](b.md).\n",
    "b.md": "# Bravo\n\nText.\n",
}


class CountedCatalog(Catalog):
    """A catalog that counts how often it reads every row of a library."""

    reads = 0

    def _read(self, root: str) -> Any:
        self.reads += 1
        return super()._read(root)


@pytest.fixture
def catalog_path(tmp_path: Path, make_tree: WriteTree) -> Path:
    """A catalog file that already knows the library of FILES."""
    path = tmp_path / "catalog.sqlite3"
    catalog = Catalog(path)
    catalog.load_library(str(make_tree(FILES)))
    catalog.close()
    return path


@pytest.fixture
def counted(catalog_path: Path) -> Iterator[CountedCatalog]:
    """A counting catalog on the file that knows FILES."""
    catalog = CountedCatalog(catalog_path)
    yield catalog
    catalog.close()


def test_nothing_cached_for_a_library_never_loaded(tmp_path: Path, library_root: Path) -> None:
    catalog = Catalog(tmp_path / "empty.sqlite3")
    assert catalog.load_cached(str(library_root)) is None
    catalog.close()


def test_the_check_uses_the_rows_the_first_read_gave(
    counted: CountedCatalog, library_root: Path
) -> None:
    shown = counted.load_cached(str(library_root))
    checked = counted.load_library(str(library_root))
    assert counted.reads == 1
    assert shown is not None
    assert shown.articles == checked.articles
    assert checked.articles["a"].tags == ("x", "y")


def test_the_check_reads_again_after_another_process_wrote(
    counted: CountedCatalog, catalog_path: Path, library_root: Path
) -> None:
    shown = counted.load_cached(str(library_root))
    assert shown is not None
    # Another reader (say `readingroom index`) sees a new file and writes it to the catalog.
    (library_root / "c.md").write_text("# Charlie\n", encoding="utf-8")
    other = Catalog(catalog_path)
    other.load_library(str(library_root))
    other.close()
    checked = counted.load_library(str(library_root))
    assert counted.reads == 2
    assert set(checked.articles) == {"a", "b", "c"}


def test_the_rows_are_used_once_only(counted: CountedCatalog, library_root: Path) -> None:
    counted.load_cached(str(library_root))
    counted.load_library(str(library_root))
    counted.load_library(str(library_root))
    assert counted.reads == 2


def test_opening_a_current_catalog_writes_nothing(catalog_path: Path) -> None:
    """Every open used to set the schema version again: a write that other connections
    see as a change (and that takes the write lock)."""
    watcher = sqlite3.connect(catalog_path)
    before = watcher.execute("PRAGMA data_version").fetchone()[0]
    Catalog(catalog_path).close()
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == before
    watcher.close()
    assert os.path.getsize(catalog_path) > 0


def test_articles_compare_and_hash_by_value() -> None:
    one = Article("a", "a.md", "Alpha", tags=("x",))
    two = Article("a", "a.md", "Alpha", tags=("x",))
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two}) == 1
    assert not hasattr(one, "__dict__")  # slotted


# -- collections paused -------------------------------------------------------------------


def test_collections_resume_after_the_pause() -> None:
    assert gc.isenabled()
    with collections_paused():
        assert not gc.isenabled()
        with collections_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collections_stay_off_when_they_were_off() -> None:
    gc.disable()
    try:
        with collections_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_concurrent_pauses_resume_when_the_last_ends() -> None:
    inside = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with collections_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(5)
    with collections_paused():
        pass
    assert not gc.isenabled()  # the worker's pause is still on
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_an_error_inside_still_resumes_collections() -> None:
    with pytest.raises(RuntimeError), collections_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_shared_strings_keep_the_article_and_share_its_items() -> None:
    tag = "".join(["con", "currency"])  # built at run time: not interned by the compiler
    other = "".join(["concur", "rency"])
    assert tag is not other
    one = with_shared_strings(Article("a", "a.md", "A", tags=(tag,), links=("b.md",)))
    two = with_shared_strings(Article("b", "b.md", "B", tags=(other,)))
    assert one == Article("a", "a.md", "A", tags=("concurrency",), links=("b.md",))
    assert one.tags[0] is two.tags[0]


def test_a_cold_index_gives_memory_back_after_each_batch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make_tree: WriteTree
) -> None:
    from readingroom.store import catalog as catalog_module

    monkeypatch.setattr(catalog_module, "BULK_FROM", 3)
    monkeypatch.setattr(catalog_module, "BULK_BATCH", 2)
    calls: list[None] = []
    monkeypatch.setattr(catalog_module, "give_back_free_memory", lambda: calls.append(None))
    root = make_tree({f"n{number}.md": f"# Note {number}\n" for number in range(5)})
    catalog = Catalog(tmp_path / "bulk.sqlite3")
    library = catalog.load_library(str(root))
    catalog.close()
    assert len(library.articles) == 5
    assert len(calls) == 2  # after each full batch of two; the last one is written after


def test_giving_memory_back_is_harmless_anywhere() -> None:
    give_back_free_memory()
    give_back_free_memory()


def test_only_a_freezing_pause_freezes() -> None:
    gc.unfreeze()
    with collections_paused():
        kept = [object() for _ in range(10)]
    assert gc.get_freeze_count() == 0
    with collections_paused(), collections_paused(freeze=True):
        pass
    assert gc.get_freeze_count() > 0, "one nested use asking for it is enough"
    gc.unfreeze()
    assert kept
