"""Shared fixtures: every test gets its own READINGROOM_HOME, never the real home directory."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ARTICLES = PROJECT / "articles"
CORPORA = PROJECT.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def readingroom_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point config, state and cache at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("READINGROOM_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def articles_dir() -> Path:
    """The library that ships with readingroom."""
    return ARTICLES
