"""The SQLite catalog: a cache that re-reads only what changed and survives being broken."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from readingroom.core.article import Article
from readingroom.store import reader_pool
from readingroom.store.catalog import Catalog
from readingroom.store.catalog_schema import SCHEMA_VERSION
from readingroom.store.paths import HOME_VARIABLE, app_paths
from tests.unit.conftest import WriteTree, write_tree


class CountingLoader:
    """Wraps read_article and records every path it reads."""

    def __init__(self, real: Callable[..., tuple[Article, str]]) -> None:
        self.real = real
        self.paths: list[str] = []

    def __call__(self, root: str, relative_path: str, **kwargs: Any) -> tuple[Article, str]:
        self.paths.append(relative_path)
        return self.real(root, relative_path, **kwargs)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> CountingLoader:
    counter = CountingLoader(reader_pool.read_article)
    monkeypatch.setattr(reader_pool, "read_article", counter)
    return counter


@pytest.fixture
def catalog_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "catalog.sqlite3"


@pytest.fixture
def catalog(catalog_path: Path) -> Iterator[Catalog]:
    opened = Catalog(catalog_path)
    yield opened
    opened.close()


@pytest.fixture
def library_files(make_tree: WriteTree) -> Path:
    return make_tree(
        {
            "a.md": "---\ntitle: Alpha\ndate: 2024-01-01\ntags: [x, y]\nrelated: [b]\n---\n"
            "See [b](sub/b.md).\n",
            "sub/b.md": "# Bravo\n\nText.\n",
            "c.md": "---\ntitle: [broken\n---\n# Charlie\n",
        }
    )


def touch(path: Path, text: str) -> None:
    """Rewrite a file and move its mtime well away from the old one."""
    old = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 5_000_000_000, old + 5_000_000_000))


# -- loading and caching ------------------------------------------------------------------


def test_first_load_reads_every_file(
    catalog: Catalog, library_files: Path, loads: CountingLoader
) -> None:
    library = catalog.load_library(str(library_files))
    assert sorted(loads.paths) == ["a.md", "c.md", "sub/b.md"]
    assert library.root == os.path.realpath(library_files)
    assert set(library.articles) == {"a", "sub/b", "c"}
    alpha = library.articles["a"]
    assert alpha.title == "Alpha"
    assert alpha.tags == ("x", "y")
    assert alpha.related == ("b",)
    assert alpha.links == ("sub/b.md",)
    assert alpha.size == (library_files / "a.md").stat().st_size
    assert alpha.mtime_ns == (library_files / "a.md").stat().st_mtime_ns
    assert library.articles["sub/b"].title == "Bravo"
    broken = library.articles["c"]
    assert broken.title == "Charlie"
    assert broken.error is not None


def test_second_load_reads_nothing_unchanged_and_gives_the_same_articles(
    catalog: Catalog, library_files: Path, loads: CountingLoader
) -> None:
    first = catalog.load_library(str(library_files))
    loads.paths.clear()
    second = catalog.load_library(str(library_files))
    assert loads.paths == []
    assert second.articles == first.articles


def test_a_new_catalog_on_the_same_file_reads_nothing_unchanged(
    catalog_path: Path, library_files: Path, loads: CountingLoader
) -> None:
    first = Catalog(catalog_path)
    before = first.load_library(str(library_files))
    first.close()
    loads.paths.clear()
    again = Catalog(catalog_path)
    try:
        after = again.load_library(str(library_files))
    finally:
        again.close()
    assert loads.paths == []
    assert after.articles == before.articles
    assert again.notice is None


def test_a_changed_file_is_read_again(
    catalog: Catalog, library_files: Path, loads: CountingLoader
) -> None:
    catalog.load_library(str(library_files))
    loads.paths.clear()
    touch(library_files / "sub" / "b.md", "# Bravo Renamed\n\nNow with [a link](../a.md).\n")
    library = catalog.load_library(str(library_files))
    assert loads.paths == ["sub/b.md"]
    assert library.articles["sub/b"].title == "Bravo Renamed"
    assert library.articles["sub/b"].links == ("../a.md",)
    # And the change was stored: a third load reads nothing.
    loads.paths.clear()
    assert catalog.load_library(str(library_files)).articles["sub/b"].title == "Bravo Renamed"
    assert loads.paths == []


def test_a_touched_file_with_the_same_size_is_read_again(
    catalog: Catalog, library_files: Path, loads: CountingLoader
) -> None:
    catalog.load_library(str(library_files))
    loads.paths.clear()
    path = library_files / "sub" / "b.md"
    size = path.stat().st_size
    touch(path, "# Bravo\n\nTexT.\n")
    assert path.stat().st_size == size
    catalog.load_library(str(library_files))
    assert loads.paths == ["sub/b.md"]


def test_a_deleted_file_is_dropped(
    catalog: Catalog, library_files: Path, loads: CountingLoader
) -> None:
    catalog.load_library(str(library_files))
    (library_files / "c.md").unlink()
    loads.paths.clear()
    library = catalog.load_library(str(library_files))
    assert set(library.articles) == {"a", "sub/b"}
    assert loads.paths == []
    assert set(catalog.cached(os.path.realpath(library_files))) == {"a.md", "sub/b.md"}


def test_a_new_file_appears(catalog: Catalog, library_files: Path, loads: CountingLoader) -> None:
    catalog.load_library(str(library_files))
    loads.paths.clear()
    write_tree(library_files, {"sub/deeper/new.md": "---\ntitle: Brand New\n---\n"})
    library = catalog.load_library(str(library_files))
    assert loads.paths == ["sub/deeper/new.md"]
    assert library.articles["sub/deeper/new"].title == "Brand New"
    assert len(library) == 4


def test_a_fixed_file_loses_its_error(
    catalog: Catalog, library_files: Path, loads: CountingLoader
) -> None:
    assert catalog.load_library(str(library_files)).articles["c"].error is not None
    touch(library_files / "c.md", "---\ntitle: Fixed\n---\n")
    fixed = catalog.load_library(str(library_files)).articles["c"]
    assert fixed.error is None
    assert fixed.title == "Fixed"


def test_scan_problems_reach_the_library(catalog: Catalog, library_files: Path) -> None:
    (library_files / "dangling.md").symlink_to(library_files / "gone.md")
    library = catalog.load_library(str(library_files))
    assert [problem.path for problem in library.problems] == ["dangling.md"]


def test_progress_is_reported_for_every_file(catalog: Catalog, library_files: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    catalog.load_library(
        str(library_files), progress=lambda n, total, path: seen.append((n, total, path))
    )
    assert [(n, total) for n, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(path for _, _, path in seen) == ["a.md", "c.md", "sub/b.md"]


def test_same_slug_from_two_extensions_keeps_both(catalog: Catalog, make_tree: WriteTree) -> None:
    root = make_tree({"note.md": "# From md\n", "note.markdown": "# From markdown\n"})
    library = catalog.load_library(str(root))
    assert library.articles["note"].title == "From md"
    assert library.articles["note.markdown"].title == "From markdown"


def test_in_memory_catalog(library_files: Path) -> None:
    memory = Catalog(None)
    try:
        assert memory.notice is None
        assert len(memory.load_library(str(library_files))) == 3
    finally:
        memory.close()


def test_catalog_file_has_the_schema_version(catalog: Catalog, catalog_path: Path) -> None:
    assert catalog_path.exists()
    with sqlite3.connect(catalog_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


# -- two libraries ------------------------------------------------------------------------


def test_two_libraries_in_one_catalog_do_not_mix(
    catalog: Catalog, tmp_path: Path, loads: CountingLoader
) -> None:
    one = write_tree(tmp_path / "one", {"a.md": "# One A\n", "only-one.md": "# Only One\n"})
    two = write_tree(tmp_path / "two", {"a.md": "# Two A\n", "only-two.md": "# Only Two\n"})
    first = catalog.load_library(str(one))
    second = catalog.load_library(str(two))
    assert first.articles["a"].title == "One A"
    assert second.articles["a"].title == "Two A"
    assert set(first.articles) == {"a", "only-one"}
    assert set(second.articles) == {"a", "only-two"}
    # Reloading either reads nothing and still keeps them apart.
    loads.paths.clear()
    assert catalog.load_library(str(one)).articles["a"].title == "One A"
    assert catalog.load_library(str(two)).articles["a"].title == "Two A"
    assert loads.paths == []
    # Deleting from one leaves the other alone.
    (one / "a.md").unlink()
    assert set(catalog.load_library(str(one)).articles) == {"only-one"}
    assert set(catalog.load_library(str(two)).articles) == {"a", "only-two"}


def test_a_library_reached_through_a_symlink_is_the_same_library(
    catalog: Catalog, library_files: Path, tmp_path: Path, loads: CountingLoader
) -> None:
    catalog.load_library(str(library_files))
    alias = tmp_path / "alias"
    alias.symlink_to(library_files)
    loads.paths.clear()
    library = catalog.load_library(str(alias))
    assert loads.paths == []
    assert library.root == os.path.realpath(library_files)


# -- a broken catalog ---------------------------------------------------------------------


def test_a_corrupt_catalog_is_set_aside_and_the_library_still_loads(
    catalog_path: Path, library_files: Path
) -> None:
    catalog_path.parent.mkdir(parents=True)
    garbage = b"this is not a database \x00\xff" * 200
    catalog_path.write_bytes(garbage)
    broken = Catalog(catalog_path)
    try:
        assert broken.notice is not None
        assert "set aside" in broken.notice
        aside = [p for p in catalog_path.parent.iterdir() if ".broken-" in p.name]
        assert len(aside) == 1
        assert aside[0].name.startswith("catalog.sqlite3.broken-")
        assert aside[0].name in broken.notice
        assert aside[0].read_bytes() == garbage
        library = broken.load_library(str(library_files))
        assert set(library.articles) == {"a", "sub/b", "c"}
    finally:
        broken.close()
    # The rebuilt catalog is a real database with the articles in it.
    with sqlite3.connect(catalog_path) as db:
        assert db.execute("SELECT COUNT(*) FROM article").fetchone()[0] == 3


def test_a_tiny_garbage_catalog_is_set_aside(catalog_path: Path, library_files: Path) -> None:
    catalog_path.parent.mkdir(parents=True)
    catalog_path.write_bytes(b"oops")
    broken = Catalog(catalog_path)
    try:
        assert broken.notice is not None
        assert len(broken.load_library(str(library_files))) == 3
    finally:
        broken.close()


def test_a_catalog_of_another_schema_version_is_rebuilt(
    catalog_path: Path, library_files: Path
) -> None:
    catalog_path.parent.mkdir(parents=True)
    with sqlite3.connect(catalog_path) as db:
        db.execute("CREATE TABLE article (something_else TEXT)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 41}")
    rebuilt = Catalog(catalog_path)
    try:
        assert len(rebuilt.load_library(str(library_files))) == 3
    finally:
        rebuilt.close()
    with sqlite3.connect(catalog_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_folder_in_the_catalogs_place_does_not_stop_the_library(
    catalog_path: Path, library_files: Path
) -> None:
    catalog_path.mkdir(parents=True)
    fallback = Catalog(catalog_path)
    try:
        assert fallback.notice is not None
        assert len(fallback.load_library(str(library_files))) == 3
    finally:
        fallback.close()


def test_a_catalog_with_corrupt_pages_is_set_aside(
    catalog_path: Path, make_tree: WriteTree
) -> None:
    root = make_tree(
        {f"article-{n:03}.md": f"# Article {n}\n\n" + "word " * 300 for n in range(200)}
    )
    first = Catalog(catalog_path)
    first.load_library(str(root))
    first.close()
    data = bytearray(catalog_path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for offset in range(page, len(data), page):  # keep the header page, ruin every other one
        data[offset : offset + 256] = b"\xff" * 256
    catalog_path.write_bytes(bytes(data))
    second = Catalog(catalog_path)
    try:
        library = second.load_library(str(root))
    finally:
        second.close()
    assert len(library) == 200
    assert second.notice is not None


# -- app_paths ----------------------------------------------------------------------------


def test_app_paths_honour_readingroom_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "rr"))
    paths = app_paths()
    assert paths.config == tmp_path / "rr" / "config"
    assert paths.state == tmp_path / "rr" / "state"
    assert paths.cache == tmp_path / "rr" / "cache"
    assert paths.catalog == tmp_path / "rr" / "cache" / "catalog.sqlite3"
    # Asking for the paths creates nothing.
    assert not (tmp_path / "rr").exists()


def test_app_paths_expand_a_tilde(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(HOME_VARIABLE, "~/reading")
    assert app_paths().cache == tmp_path / "reading" / "cache"


def test_the_test_suite_home_is_used(readingroom_home: Path) -> None:
    assert app_paths().catalog == readingroom_home / "cache" / "catalog.sqlite3"


def test_app_paths_without_readingroom_home_follow_the_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(HOME_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    paths = app_paths()
    if sys.platform.startswith("linux"):
        assert paths.config == tmp_path / "xdg-config" / "readingroom"
        assert paths.state == tmp_path / "xdg-state" / "readingroom"
        assert paths.cache == tmp_path / "xdg-cache" / "readingroom"
    assert paths.catalog.name == "catalog.sqlite3"
    assert "readingroom" in str(paths.cache)


def test_an_empty_readingroom_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_VARIABLE, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert app_paths().cache != Path("cache")
    assert app_paths().cache.is_absolute()
