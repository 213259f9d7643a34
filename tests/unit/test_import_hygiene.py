"""core and store never import Textual: the CLI and tests can use them cheaply."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_store_do_not_import_textual() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import readingroom.core, readingroom.store\n"
        "for package in (readingroom.core, readingroom.store):\n"
        "    for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_version_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from readingroom.cli import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'textual' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "readingroom" in result.stdout
