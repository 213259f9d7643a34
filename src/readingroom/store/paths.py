"""Where readingroom keeps its config, state and cache.

Directories come from platformdirs; when READINGROOM_HOME is set they all live under it
(every test sets it to a temporary folder so the real home directory is never touched).
Nothing is created at import time: callers ask for a directory when they need it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOME_VARIABLE = "READINGROOM_HOME"
APP_NAME = "readingroom"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The three directories readingroom uses."""

    config: Path
    state: Path
    cache: Path

    @property
    def config_file(self) -> Path:
        """The reader's settings, a TOML file (optional: missing means the defaults)."""
        return self.config / "config.toml"

    @property
    def catalog(self) -> Path:
        """The SQLite catalog of articles (a cache: safe to delete)."""
        return self.cache / "catalog.sqlite3"


def app_paths() -> AppPaths:
    """The directories for this process, honouring READINGROOM_HOME."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        base = Path(home).expanduser()
        return AppPaths(base / "config", base / "state", base / "cache")
    import platformdirs

    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )
