"""What keeps a catalog of tens of thousands of articles fast, checked on small libraries: the
packed list columns, the bulk index settings, the bounded reader pool, library id ranges, and
the bounded ranking and short prefixes of a search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from readingroom.core.options import LibraryOptions
from readingroom.core.query import parse_query
from readingroom.core.scan import scan_library
from readingroom.store import catalog as catalog_module
from readingroom.store import reader_pool
from readingroom.store import search as search_module
from readingroom.store.catalog import Catalog
from readingroom.store.catalog_rows import pack, unpack
from readingroom.store.catalog_schema import FTS_DEFAULT_HASH_BYTES
from readingroom.store.search import split_excluded, whole_short_words
from tests.unit.conftest import WriteTree


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Catalog]:
    opened = Catalog(tmp_path / "cache" / "catalog.sqlite3")
    yield opened
    opened.close()


def articles(count: int) -> dict[str, str]:
    """`count` small articles; every one says "common", a few say "rare" in the title."""
    files = {}
    for number in range(count):
        title = f"Rare topic {number}" if number % 10 == 0 else f"Note {number}"
        day = number % 28 + 1
        files[f"notes/n{number:03d}.md"] = (
            f"---\ntitle: {title}\ntags: [t{number % 3}, Shared]\ndate: 2024-01-{day:02d}\n"
            f"---\nA common word, and rare once in {number}.\n"
        )
    return files


@pytest.mark.parametrize(
    "items",
    [(), ("",), ("a",), ("a", "b"), ("", ""), ("a\x1fb",), ("\x1e",), ("[1]",), ("é", "x y")],
)
def test_packed_lists_read_back_unchanged(items: tuple[str, ...]) -> None:
    assert unpack(pack(items)) == items


def test_a_bulk_index_matches_a_small_one_and_restores_the_fts_settings(
    tmp_path: Path, make_tree: WriteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(articles(30))
    small = Catalog(tmp_path / "small.sqlite3")
    expected = small.load_library(str(root))
    small.close()
    monkeypatch.setattr(catalog_module, "BULK_FROM", 1)
    monkeypatch.setattr(catalog_module, "BULK_BATCH", 7)  # several transactions
    bulk = Catalog(tmp_path / "bulk.sqlite3")
    try:
        library = bulk.load_library(str(root))
        assert library.articles == expected.articles
        hits = bulk.search(str(root), parse_query("rare topic", prefix_last=False))
        assert {hit.slug for hit in hits} == {f"notes/n{n:03d}" for n in range(0, 30, 10)}
        config = dict(bulk._connection.execute("SELECT k, v FROM article_text_config"))
        assert config["hashsize"] == FTS_DEFAULT_HASH_BYTES
        assert bulk._connection.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    finally:
        bulk.close()


def test_reading_in_a_bounded_window_keeps_the_order(
    make_tree: WriteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(articles(12))
    found = sorted(scan_library(str(root), []), key=lambda item: item.path)
    slugs = {item.path: item.path.removesuffix(".md") for item in found}
    monkeypatch.setattr(reader_pool, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reader_pool, "MAX_WORKERS", 2)
    monkeypatch.setattr(reader_pool, "CHUNK", 2)
    monkeypatch.setattr(reader_pool, "IN_FLIGHT_PER_WORKER", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    read = list(reader_pool.read_articles(str(root), found, slugs, LibraryOptions()))
    assert [article.path for article, _ in read] == [item.path for item in found]
    assert all("common word" in body for _, body in read)


def test_the_worker_processes_exit_before_the_edges_are_made(
    catalog: Catalog, make_tree: WriteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They held 70 MB of a 30,000-article index while the edges and the blob were made."""
    import multiprocessing

    from readingroom.store import edges

    root = make_tree(articles(12))
    monkeypatch.setattr(reader_pool, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reader_pool, "MAX_WORKERS", 2)
    monkeypatch.setattr(reader_pool, "CHUNK", 2)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    alive: list[int] = []
    update_edges = edges.update_edges

    def counting(*args: Any, **kwargs: Any) -> None:
        alive.append(len(multiprocessing.active_children()))
        update_edges(*args, **kwargs)

    monkeypatch.setattr(edges, "update_edges", counting)
    library = catalog.load_library(str(root))
    assert len(library.articles) == 12
    assert alive == [0]


def test_each_library_has_its_own_id_range_and_search_stays_in_it(
    catalog: Catalog, make_tree: WriteTree
) -> None:
    one = make_tree({"one/a.md": "# Shared words\n\nalpha\n"}) / "one"
    two = make_tree({"two/a.md": "# Shared words\n\nbeta\n"}) / "two"
    catalog.load_library(str(one))
    catalog.load_library(str(two))
    ids = dict(catalog._connection.execute("SELECT root, id >> 32 FROM article"))
    assert len(set(ids.values())) == 2
    for root in (one, two):
        hits = catalog.search(str(root), parse_query("shared"))
        assert [hit.path for hit in hits] == ["a.md"]
        assert hits[0].snippet  # the body's opening, as the word is only in the title


def test_a_broad_query_ranks_title_matches_then_fills_in_catalog_order(
    catalog: Catalog, make_tree: WriteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(articles(40))
    catalog.load_library(str(root))
    monkeypatch.setattr(search_module, "RANK_LIMIT", 5)  # every word here is "common"
    hits = catalog.search(str(root), parse_query("rare", prefix_last=False), limit=12)
    slugs = [hit.slug for hit in hits]
    assert len(slugs) == len(set(slugs)) == 12
    titled = {f"notes/n{n:03d}" for n in range(0, 40, 10)}
    assert set(slugs[:4]) == titled  # the title matches, ranked
    assert all(hit.score == 0.0 for hit in hits[4:])  # the rest, unranked
    only_body = catalog.search(str(root), parse_query("common -rare"), limit=50)
    assert only_body == []  # every article says "rare" in its body: NOT still applies


def test_tag_filters_read_the_packed_tags(catalog: Catalog, make_tree: WriteTree) -> None:
    root = make_tree(articles(9))
    catalog.load_library(str(root))
    tagged = catalog.search(str(root), parse_query("tag:t1 common"))
    assert sorted(hit.slug for hit in tagged) == [f"notes/n{n:03d}" for n in (1, 4, 7)]
    shared = catalog.search(str(root), parse_query("tag:shared -tag:t0"))
    assert len(shared) == 6
    assert catalog.search(str(root), parse_query("tag:t")) == []  # whole tags only


def test_a_short_word_being_typed_is_searched_as_the_whole_word(
    catalog: Catalog, make_tree: WriteTree
) -> None:
    root = make_tree({"a.md": "# Go\n\nLet us go.\n", "b.md": "# Gopher\n\nGophers.\n"})
    catalog.load_library(str(root))
    assert [hit.slug for hit in catalog.search(str(root), parse_query("go"))] == ["a"]
    assert {hit.slug for hit in catalog.search(str(root), parse_query("gop"))} == {"b"}


@pytest.mark.parametrize(
    ("match", "expected"),
    [
        ('"g" *', '"g"'),
        ('"go" *', '"go"'),
        ('"gor" *', '"gor" *'),
        ('("a b" AND "x" *)', '("a b" AND "x")'),
        ('"""" *', '""""'),
        ('"x ""y"" z" *', '"x ""y"" z" *'),
    ],
)
def test_whole_short_words(match: str, expected: str) -> None:
    assert whole_short_words(match) == expected


@pytest.mark.parametrize(
    ("match", "expected"),
    [
        ('"a"', ('"a"', None)),
        ('"a" NOT "b"', ('"a"', '"b"')),
        ('("a NOT b" AND "c") NOT ("d" OR "e")', ('("a NOT b" AND "c")', '("d" OR "e")')),
    ],
)
def test_split_excluded(match: str, expected: tuple[str, str | None]) -> None:
    assert split_excluded(match) == expected


def test_catalog_of_an_older_schema_is_rebuilt(tmp_path: Path, make_tree: WriteTree) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE article (id INTEGER PRIMARY KEY, tags TEXT)")
        db.execute("PRAGMA user_version = 12")
    root = make_tree({"a.md": "---\ntags: [x]\n---\nbody\n"})
    opened = Catalog(path)
    try:
        assert opened.load_library(str(root)).articles["a"].tags == ("x",)
    finally:
        opened.close()
