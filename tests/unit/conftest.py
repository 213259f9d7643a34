"""Fixtures for the unit tests: small libraries written into tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

WriteTree = Callable[[Mapping[str, str | bytes]], Path]


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write `files` (relative path -> text or bytes) under `root` and return `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    """An empty folder to build a library in (inside tmp_path, so `..` of it is tmp_path)."""
    root = tmp_path / "library"
    root.mkdir()
    return root


@pytest.fixture
def make_tree(library_root: Path) -> WriteTree:
    """Write files into `library_root`: `make_tree({"a.md": "# A"})`."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        return write_tree(library_root, files)

    return make
