"""The catalog's blob of a library's articles (store.listing_snapshot): read instead of the
rows when it is there, gone whenever the rows change, written only when it is sure to match
them, and ignored (never an error) when it cannot be loaded."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom.core.library import SortOrder
from readingroom.store import listing_snapshot
from readingroom.store.catalog import Catalog
from readingroom.store.catalog_rows import COLUMNS, article_from_row
from tests.unit.conftest import WriteTree

FILES = {
    "a.md": "---\ntitle: Alpha\ndate: 2024-01-01\ntags: [x, y]\nauthor: Ann\n---\n"
    "See [b](b.md) and [c](sub/c.md).\n",
    "b.md": "---\ntags: [x]\nauthor: Ann\nrelated: [a]\n---\n# Bravo\n\nText.\n",
    "sub/c.md": "# Charlie\n\n## Part\n\n[back](../a.md)\n",
}


@pytest.fixture
def root(make_tree: WriteTree) -> str:
    return os.path.realpath(make_tree(FILES))


@pytest.fixture
def catalog_path(tmp_path: Path) -> Path:
    return tmp_path / "catalog.sqlite3"


@pytest.fixture
def catalog(catalog_path: Path) -> Iterator[Catalog]:
    opened = Catalog(catalog_path)
    yield opened
    opened.close()


def blob(path: Path, root: str) -> bytes | None:
    """The stored blob of `root`, read by a connection of its own."""
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT articles FROM listing WHERE root = ?", (root,)).fetchone()
    return None if row is None else bytes(row[0])


def change(path: Path, sql: str, *params: object) -> None:
    """Change the catalog file as another program would (its own connection)."""
    with sqlite3.connect(path) as db:
        db.execute(sql, params)


def rows(path: Path, root: str) -> dict[str, object]:
    """The articles of `root` as the article table holds them."""
    with sqlite3.connect(path) as db:
        found = db.execute(f"SELECT {COLUMNS} FROM article WHERE root = ?", (root,))
        return {row[0]: article_from_row(row) for row in found}


def test_a_load_leaves_a_blob_that_matches_the_rows(
    catalog: Catalog, catalog_path: Path, root: str
) -> None:
    library = catalog.load_library(root)
    assert blob(catalog_path, root) is not None
    again = Catalog(catalog_path)
    read = again._read(root)
    again.close()
    assert read.from_blob
    assert read.articles == rows(catalog_path, root)
    assert {a.slug: a for a in read.articles.values()} == library.articles
    assert read.articles["a.md"].links == ("b.md", "sub/c.md")


def test_the_start_reads_the_blob_and_the_check_writes_nothing(
    catalog: Catalog, catalog_path: Path, root: str
) -> None:
    catalog.load_library(root)
    watcher = sqlite3.connect(catalog_path)
    before = watcher.execute("PRAGMA data_version").fetchone()[0]
    start = Catalog(catalog_path)
    shown = start.load_cached(root)
    checked = start.load_library(root)
    start.close()
    assert shown is not None and shown.articles == checked.articles
    assert watcher.execute("PRAGMA data_version").fetchone()[0] == before
    watcher.close()


def test_the_blob_shares_repeated_strings(catalog: Catalog, catalog_path: Path, root: str) -> None:
    catalog.load_library(root)
    again = Catalog(catalog_path)
    articles = again._read(root).articles
    again.close()
    assert articles["a.md"].tags[0] is articles["b.md"].tags[0]
    assert articles["a.md"].author is articles["b.md"].author


def test_a_changed_file_drops_the_blob_with_the_rows_and_the_load_makes_it_again(
    catalog: Catalog, catalog_path: Path, root: str
) -> None:
    catalog.load_library(root)
    path = Path(root, "b.md")
    path.write_text("---\ntags: [z]\n---\n# Bravo, edited\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    dropped: list[bytes | None] = []
    real_store = catalog.store

    def store(*args: object, **kwargs: object) -> None:
        real_store(*args, **kwargs)  # type: ignore[arg-type]
        dropped.append(blob(catalog_path, root))

    catalog.store = store  # type: ignore[method-assign]
    library = catalog.load_library(root)
    assert dropped == [None], "the write that changed the rows removed the blob"
    assert library.articles["b"].title == "Bravo, edited"
    again = Catalog(catalog_path)
    read = again._read(root)
    again.close()
    assert read.from_blob
    assert read.articles["b.md"].tags == ("z",)
    assert read.articles == rows(catalog_path, root)


def test_a_deleted_file_leaves_the_blob_too(
    catalog: Catalog, catalog_path: Path, root: str
) -> None:
    catalog.load_library(root)
    os.remove(Path(root, "sub", "c.md"))
    catalog.load_library(root)
    again = Catalog(catalog_path)
    read = again._read(root)
    again.close()
    assert read.from_blob
    assert set(read.articles) == {"a.md", "b.md"}


def test_no_blob_when_another_connection_wrote_after_the_read(
    catalog: Catalog, catalog_path: Path, root: str
) -> None:
    """The articles in hand may then not be the rows: writing them as the blob would show
    a wrong library at the next start."""
    catalog.load_library(root)
    change(catalog_path, "DELETE FROM listing")
    read = catalog._read(root)
    assert not read.from_blob
    with sqlite3.connect(catalog_path) as other:  # say, `readingroom index` in another shell
        other.execute("UPDATE article SET title = 'Changed elsewhere' WHERE path = 'b.md'")
    db = catalog._connection
    listing_snapshot.keep(db, root, read.version, read.articles.values())
    assert blob(catalog_path, root) is None
    again = catalog._read(root)
    listing_snapshot.keep(db, root, again.version, again.articles.values())
    assert blob(catalog_path, root) is not None


def test_a_busy_catalog_gets_no_blob_and_no_error(
    catalog: Catalog, catalog_path: Path, root: str
) -> None:
    catalog.load_library(root)
    change(catalog_path, "DELETE FROM listing")
    catalog._connection.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(catalog_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        library = catalog.load_library(root)
    finally:
        holder.rollback()
        holder.close()
    assert len(library.articles) == 3
    assert blob(catalog_path, root) is None
    assert not catalog._connection.in_transaction
    catalog._connection.execute("PRAGMA busy_timeout = 5000")
    catalog.load_library(root)
    assert blob(catalog_path, root) is not None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00garbage",
        b"\xff" * 64,
        listing_snapshot.marshal.dumps([("too", "short")]),
        listing_snapshot.marshal.dumps({"not": "a list"}),
        listing_snapshot.marshal.dumps([(1,) * 17]),  # right width, wrong types
    ],
)
def test_a_damaged_blob_is_read_past_and_written_again(
    catalog: Catalog, catalog_path: Path, root: str, damage: bytes
) -> None:
    catalog.load_library(root)
    change(catalog_path, "UPDATE listing SET articles = ?", damage)
    again = Catalog(catalog_path)
    shown = again.load_cached(root)
    checked = again.load_library(root)
    again.close()
    assert shown is not None
    assert set(shown.articles) == {"a", "b", "sub/c"}
    assert shown.articles == checked.articles
    assert blob(catalog_path, root) != damage


def test_a_blob_of_another_format_is_ignored(
    catalog: Catalog, catalog_path: Path, root: str
) -> None:
    catalog.load_library(root)
    change(catalog_path, "UPDATE listing SET format = '0 marshal 4 python 2.7'")
    again = Catalog(catalog_path)
    read = again._read(root)
    again.close()
    assert not read.from_blob
    assert read.articles == rows(catalog_path, root)


def test_each_library_has_its_own_blob(
    catalog: Catalog, catalog_path: Path, root: str, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "z.md").write_text("# Zulu\n", encoding="utf-8")
    catalog.load_library(root)
    catalog.load_library(str(other))
    (other / "z.md").unlink()
    catalog.load_library(str(other))
    assert blob(catalog_path, root) is not None
    again = Catalog(catalog_path)
    assert set(again._read(root).articles) == {"a.md", "b.md", "sub/c.md"}
    assert again._read(os.path.realpath(other)).articles == {}
    again.close()


@pytest.mark.parametrize("order", list(SortOrder))
def test_the_blob_library_sorts_as_the_rows_library_does(
    catalog_path: Path, tmp_path: Path, make_tree: WriteTree, order: SortOrder
) -> None:
    """The blob keeps the articles newest first, and a library read from it skips that sort:
    every order must still come out as it does from the rows."""
    files = {
        f"n{number:02}.md": f"---\ntitle: {title}\n{date}---\n"
        for number, (title, date) in enumerate(
            [
                ("Beta", "date: 2024-05-01\n"),
                ("alpha", "date: 2024-05-01\n"),
                ("Gamma  ray", ""),
                ("gamma ray", ""),
                ("Delta", "date: 2023-01-01\n"),
                ("Echo", "date: 2025-12-31\n"),
                ("Alpha", "date: 2024-05-01\n"),
            ]
        )
    }
    root = os.path.realpath(make_tree(files))
    first = Catalog(catalog_path)
    from_rows = first.load_library(root)
    first.close()
    again = Catalog(catalog_path)
    from_blob = again.load_cached(root)
    again.close()
    assert from_blob is not None
    read_times = {"n03": 5.0, "n05": 9.0}
    expected = [a.slug for a in from_rows.sorted(order, read_times)]
    assert [a.slug for a in from_blob.sorted(order, read_times)] == expected
    if order is SortOrder.NEWEST:
        assert expected[0] == "n05" and expected[-2:] == ["n02", "n03"]
