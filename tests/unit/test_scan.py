"""scan_library: every Markdown file under the root, never leaving it, never hanging."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from readingroom.core.scan import FoundFile, ScanProblem, is_markdown_name, scan_library
from tests.unit.conftest import WriteTree


def scan(root: Path) -> tuple[list[str], list[ScanProblem]]:
    problems: list[ScanProblem] = []
    paths = [found.path for found in scan_library(str(root), problems)]
    return paths, problems


def reasons(problems: list[ScanProblem]) -> dict[str, str]:
    return {problem.path: problem.reason for problem in problems}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.md", True),
        ("a.MD", True),
        ("a.Md", True),
        ("a.markdown", True),
        ("a.MARKDOWN", True),
        ("a.mdx", False),
        ("a.txt", False),
        ("md", False),
        ("a.md.bak", False),
        ("a_md", False),
    ],
)
def test_is_markdown_name(name: str, expected: bool) -> None:
    assert is_markdown_name(name) is expected


def test_nested_folders_and_extensions(make_tree: WriteTree) -> None:
    root = make_tree(
        {
            "a.md": "a",
            "B.MD": "b",
            "c.markdown": "c",
            "d.Markdown": "d",
            "notes.txt": "no",
            "page.html": "no",
            "image.png": b"\x89PNG",
            "README": "no",
            "sub/e.md": "e",
            "sub/deeper/f.md": "f",
            "sub/deeper/g.mdx": "no",
            "z/h.md": "h",
        }
    )
    paths, problems = scan(root)
    assert sorted(paths) == sorted(
        ["a.md", "B.MD", "c.markdown", "d.Markdown", "sub/e.md", "sub/deeper/f.md", "z/h.md"]
    )
    assert problems == []


def test_paths_are_slash_separated_and_sorted_within_each_folder(make_tree: WriteTree) -> None:
    root = make_tree({"b.md": "", "a.md": "", "sub/z.md": "", "sub/y.md": "", "c.md": ""})
    paths, _ = scan(root)
    assert paths.index("a.md") < paths.index("b.md") < paths.index("c.md")
    assert paths.index("sub/y.md") < paths.index("sub/z.md")
    assert all("\\" not in path and not path.startswith("/") for path in paths)


def test_found_files_carry_size_and_mtime(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "12345", "sub/b.md": ""})
    os.utime(root / "a.md", ns=(1_000_000_000, 1_234_567_890_123_456_789))
    found = {item.path: item for item in scan_library(str(root))}
    assert found["a.md"] == FoundFile("a.md", 5, 1_234_567_890_123_456_789)
    assert found["sub/b.md"].size == 0
    assert found["sub/b.md"].mtime_ns == (root / "sub" / "b.md").stat().st_mtime_ns


def test_hidden_files_and_folders_are_skipped(make_tree: WriteTree) -> None:
    root = make_tree(
        {
            "visible.md": "",
            ".hidden.md": "",
            ".git/config.md": "",
            ".drafts/draft.md": "",
            "sub/.secret.md": "",
            "sub/.cache/x.md": "",
            "sub/shown.md": "",
        }
    )
    paths, problems = scan(root)
    assert sorted(paths) == ["sub/shown.md", "visible.md"]
    assert problems == []


def test_empty_library(library_root: Path) -> None:
    assert scan(library_root) == ([], [])


def test_missing_root_is_a_problem(tmp_path: Path) -> None:
    paths, problems = scan(tmp_path / "does-not-exist")
    assert paths == []
    assert len(problems) == 1
    assert problems[0].path == "."


def test_problems_argument_is_optional(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": ""})
    (root / "dangling.md").symlink_to(root / "gone.md")
    assert [found.path for found in scan_library(str(root))] == ["a.md"]


def test_root_given_through_a_symlink(make_tree: WriteTree, tmp_path: Path) -> None:
    root = make_tree({"a.md": "", "sub/b.md": ""})
    alias = tmp_path / "alias"
    alias.symlink_to(root)
    paths, problems = scan(alias)
    assert sorted(paths) == ["a.md", "sub/b.md"]
    assert problems == []


# -- symbolic links -----------------------------------------------------------------------


def test_symlink_to_a_file_inside_the_root_is_followed(make_tree: WriteTree) -> None:
    root = make_tree({"real/target.md": "target text"})
    (root / "link.md").symlink_to(root / "real" / "target.md")
    (root / "relative-link.md").symlink_to(Path("real") / "target.md")
    found = {item.path: item for item in scan_library(str(root))}
    assert set(found) == {"real/target.md", "link.md", "relative-link.md"}
    assert found["link.md"].size == len("target text")


def test_symlink_pointing_outside_the_root_is_reported_and_skipped(
    make_tree: WriteTree, tmp_path: Path
) -> None:
    root = make_tree({"inside.md": ""})
    outside_file = tmp_path / "outside.md"
    outside_file.write_text("secret")
    outside_dir = tmp_path / "elsewhere"
    outside_dir.mkdir()
    (outside_dir / "other.md").write_text("other")
    (root / "escape.md").symlink_to(outside_file)
    (root / "escape-dir").symlink_to(outside_dir)
    (root / "parent").symlink_to(tmp_path)
    paths, problems = scan(root)
    assert paths == ["inside.md"]
    assert reasons(problems) == {
        "escape.md": "symbolic link points outside the library",
        "escape-dir": "symbolic link points outside the library",
        "parent": "symbolic link points outside the library",
    }


def test_sibling_folder_with_a_common_prefix_is_outside(
    make_tree: WriteTree, tmp_path: Path
) -> None:
    root = make_tree({"a.md": ""})
    sibling = tmp_path / (root.name + "-other")
    sibling.mkdir()
    (sibling / "b.md").write_text("b")
    (root / "sneaky.md").symlink_to(sibling / "b.md")
    paths, problems = scan(root)
    assert paths == ["a.md"]
    assert reasons(problems) == {"sneaky.md": "symbolic link points outside the library"}


def test_dangling_symlink_is_reported(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": ""})
    (root / "dangling.md").symlink_to(root / "missing.md")
    paths, problems = scan(root)
    assert paths == ["a.md"]
    assert reasons(problems) == {"dangling.md": "dangling symbolic link"}


def test_symlinked_directory_loop_terminates_and_is_reported(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "", "sub/b.md": ""})
    (root / "sub" / "loop").symlink_to(root)
    (root / "sub" / "self").symlink_to(root / "sub")
    result: list[tuple[list[str], list[ScanProblem]]] = []
    worker = threading.Thread(target=lambda: result.append(scan(root)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "scan_library did not finish on a symlink loop"
    paths, problems = result[0]
    assert sorted(paths) == ["a.md", "sub/b.md"]
    assert reasons(problems) == {
        "sub/loop": "symbolic link loop, folder already scanned",
        "sub/self": "symbolic link loop, folder already scanned",
    }


def test_symlink_loop_between_two_links(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": ""})
    (root / "ping").symlink_to(root / "pong")
    (root / "pong").symlink_to(root / "ping")
    paths, problems = scan(root)
    assert paths == ["a.md"]
    # Both links are unusable; they are reported, not followed forever.
    assert {problem.path for problem in problems} == {"ping", "pong"}


def test_folder_symlink_after_the_real_folder_is_not_scanned_twice(make_tree: WriteTree) -> None:
    root = make_tree({"real/k.md": ""})
    (root / "zz-alias").symlink_to(root / "real")
    paths, problems = scan(root)
    assert paths == ["real/k.md"]
    assert {problem.path for problem in problems} == {"zz-alias"}


def test_folder_symlink_before_the_real_folder_does_not_hide_it(make_tree: WriteTree) -> None:
    root = make_tree({"real/k.md": ""})
    (root / "alias").symlink_to(root / "real")
    paths, _ = scan(root)
    assert "real/k.md" in paths


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_fifo_with_a_markdown_name_is_reported_not_opened(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": ""})
    os.mkfifo(root / "pipe.md")
    os.mkfifo(root / "pipe.txt")
    paths, problems = scan(root)
    assert paths == ["a.md"]
    assert reasons(problems) == {"pipe.md": "not a regular file"}


def test_a_folder_named_like_markdown_is_descended_into(make_tree: WriteTree) -> None:
    root = make_tree({"folder.md/inner.md": ""})
    paths, problems = scan(root)
    assert paths == ["folder.md/inner.md"]
    assert problems == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_folder_is_reported(make_tree: WriteTree) -> None:
    root = make_tree({"a.md": "", "locked/b.md": ""})
    os.chmod(root / "locked", 0)
    try:
        paths, problems = scan(root)
    finally:
        os.chmod(root / "locked", 0o755)
    assert paths == ["a.md"]
    assert [problem.path for problem in problems] == ["locked/"]
