"""core.scan.rescan: after a watcher saw some paths change, scanning only their folders
finds what a full scan finds, or says a full scan is needed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from readingroom.core import scan as scan_module
from readingroom.core.scan import RESCAN_MOST, FoundFile, rescan, scan_library
from readingroom.store.catalog import Catalog
from tests.unit.conftest import WriteTree

FILES = {
    "a.md": "# A\n",
    "b.markdown": "# B\n",
    "notes.txt": "not an article\n",
    ".hidden.md": "# hidden\n",
    "sub/c.md": "# C\n",
    "sub/d.md": "# D\n",
    "sub/deeper/e.md": "# E\n",
    "other/f.md": "# F\n",
}


@pytest.fixture
def root(make_tree: WriteTree) -> Path:
    return make_tree(FILES)


def full(root: Path) -> set[FoundFile]:
    return set(scan_library(str(root)))


def known(root: Path) -> dict[str, FoundFile]:
    """What the catalog knew before the change: a full scan's files by path."""
    return {found.path: found for found in scan_library(str(root))}


def bump(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 5_000_000
    os.utime(path, ns=(stamp, stamp))


def test_an_added_file_is_found(root: Path) -> None:
    before = known(root)
    (root / "sub" / "new.md").write_text("# New\n", encoding="utf-8")
    assert set(rescan(str(root), before, {"sub/new.md"}) or ()) == full(root)


def test_a_changed_file_has_its_new_size(root: Path) -> None:
    before = known(root)
    bump(root / "sub" / "c.md", "# C, longer now\n")
    found = rescan(str(root), before, {"sub/c.md"})
    assert found is not None and set(found) == full(root)
    assert {f.path: f.size for f in found}["sub/c.md"] == len("# C, longer now\n")


def test_a_removed_file_is_gone(root: Path) -> None:
    before = known(root)
    (root / "other" / "f.md").unlink()
    found = rescan(str(root), before, {"other/f.md"})
    assert found is not None and set(found) == full(root)
    assert "other/f.md" not in {f.path for f in found}


def test_files_at_the_root_and_absolute_paths(root: Path) -> None:
    before = known(root)
    (root / "g.md").write_text("# G\n", encoding="utf-8")
    (root / "a.md").unlink()
    touched = {str(root / "g.md"), "a.md"}
    assert set(rescan(str(root), before, touched) or ()) == full(root)


def test_hidden_and_other_files_are_skipped_as_the_scan_skips_them(root: Path) -> None:
    before = known(root)
    bump(root / ".hidden.md", "# still hidden\n")
    bump(root / "notes.txt", "still not an article\n")
    assert set(rescan(str(root), before, {".hidden.md", "notes.txt"}) or ()) == full(root)


def test_a_new_folder_needs_a_full_scan(root: Path) -> None:
    before = known(root)
    (root / "fresh").mkdir()
    (root / "fresh" / "h.md").write_text("# H\n", encoding="utf-8")
    assert rescan(str(root), before, {"fresh"}) is None


def test_a_removed_or_renamed_folder_needs_a_full_scan(root: Path) -> None:
    before = known(root)
    (root / "other").rename(root / "renamed")
    assert rescan(str(root), before, {"other"}) is None


def test_symbolic_links_need_a_full_scan(root: Path) -> None:
    before = known(root)
    (root / "link.md").symlink_to(root / "a.md")
    assert rescan(str(root), before, {"link.md"}) is None
    (root / "linked").symlink_to(root / "sub", target_is_directory=True)
    assert rescan(str(root), before, {"linked/c.md"}) is None


def test_paths_outside_the_root_or_too_many_need_a_full_scan(root: Path) -> None:
    before = known(root)
    assert rescan(str(root), before, {"../elsewhere.md"}) is None
    many = {f"n{number}.md" for number in range(RESCAN_MOST + 1)}
    assert rescan(str(root), before, many) is None


def test_the_catalog_reloads_a_touched_path_as_a_full_load_would(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.load_library(str(root))
    (root / "sub" / "new.md").write_text("# New\n\nSee [c](c.md).\n", encoding="utf-8")
    bump(root / "a.md", "# A, edited\n")
    (root / "other" / "f.md").unlink()
    touched = {"sub/new.md", "a.md", "other/f.md"}
    scanned: list[str] = []
    whole_scan = scan_module.scan_library

    def counted(*args: Any, **kwargs: Any) -> Any:
        scanned.append(str(args[0]))
        return whole_scan(*args, **kwargs)

    monkeypatch.setattr(scan_module, "scan_library", counted)
    reloaded = catalog.load_library(str(root), touched=touched)
    assert scanned == [], "only the touched folders were scanned"
    whole = Catalog(None).load_library(str(root))
    catalog.close()
    assert (
        set(reloaded.articles)
        == set(whole.articles)
        == {
            "a",
            "b",
            "sub/c",
            "sub/d",
            "sub/deeper/e",
            "sub/new",
        }
    )
    for slug, article in whole.articles.items():
        assert reloaded.articles[slug].title == article.title
        assert reloaded.articles[slug].digest == article.digest


def test_a_path_in_a_hidden_folder_is_not_scanned(root: Path) -> None:
    before = known(root)
    (root / ".git").mkdir()
    (root / ".git" / "x.md").write_text("# not an article\n", encoding="utf-8")
    assert set(rescan(str(root), before, {".git/x.md"}) or ()) == full(root)


def test_a_name_that_is_not_utf8_needs_a_full_scan(root: Path) -> None:
    before = known(root)
    name = os.fsdecode(b"bad-\xff.md")
    (root / name).write_text("# bad\n", encoding="utf-8")
    assert rescan(str(root), before, {name}) is None
