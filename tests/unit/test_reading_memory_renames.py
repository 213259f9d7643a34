"""The reader's memory follows renamed articles only from a whole library
(tui/reading_memory.py; the growing listing of a first index relies on it)."""

from __future__ import annotations

from readingroom.core.article import Article
from readingroom.core.library import Library
from readingroom.tui.reading_memory import ReadingMemory

ROOT = "/library"


def library(*articles: Article) -> Library:
    return Library.from_articles(ROOT, articles)


def test_state_follows_a_rename_once_the_whole_library_is_known() -> None:
    before = library(Article("old", "old.md", "Old", digest="d1"))
    memory = ReadingMemory.load(before, in_memory=True)
    memory.opened("old", "d1")
    memory.toggle_read("old")
    memory.save_history([("old", None)], 0)
    whole = library(Article("new", "new.md", "Old", digest="d1"), Article("x", "x.md", "X"))
    assert memory.follow_renames(whole) == [("old", "new")]
    memory.apply_renames([("old", "new")])
    assert memory.mark("new").read and "old" not in memory.articles
    assert memory.articles["new"].slug == "new"
    assert memory.history == ([("new", None)], 0)
    assert memory.renamed == [("old", "new")]
    memory.close()


def test_part_of_a_library_moves_nothing() -> None:
    part = library(Article("twin", "twin.md", "Twin", digest="d1"))
    memory = ReadingMemory.load(part, in_memory=True, complete=False)
    assert memory.renamed == []
    memory.close()


def test_following_after_the_reader_closed_is_no_error() -> None:
    memory = ReadingMemory.load(library(), in_memory=True)
    memory.close()
    assert memory.follow_renames(library(Article("a", "a.md", "A", digest="d"))) == []
