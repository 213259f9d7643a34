"""Build the wheel, install it in a fresh venv, and run the installed `readingroom`.

No network: the wheel is built with the project venv's setuptools (no build isolation) and
installed with --no-deps --no-index; the dependencies come from the project venv through a
.pth file. Python does not process .pth files inside a folder a .pth file adds, so the
project's editable install (itself a .pth line) cannot leak in: readingroom comes from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import readingroom

PROJECT = Path(__file__).resolve().parents[2]
ARTICLES = PROJECT / "articles"
# What setuptools needs to build the wheel: everything else is generated or not shipped.
BUILD_INPUTS = ("pyproject.toml", "README.md", "MANIFEST.in", "setup.cfg", "setup.py")


def run(
    argv: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion; fail the test with its output if it fails."""
    result = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"{argv} failed:\n{result.stdout}\n{result.stderr}"
    return result


def package_data() -> list[str]:
    """Every file of the source package that is not Python source, as wheel paths."""
    source = PROJECT / "src"
    return sorted(
        path.relative_to(source).as_posix()
        for path in (source / "readingroom").rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the project so no build/ or egg-info lands in the repo."""
    work = tmp_path_factory.mktemp("wheel")
    project = work / "project"
    project.mkdir()
    for name in BUILD_INPUTS:
        if (PROJECT / name).is_file():
            shutil.copy2(PROJECT / name, project / name)
    for license_file in PROJECT.glob("LICEN[CS]E*"):
        shutil.copy2(license_file, project / license_file.name)
    shutil.copytree(
        PROJECT / "src",
        project / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
    )
    setuptools_version = metadata.version("setuptools")
    assert int(setuptools_version.split(".")[0]) >= 77, (
        f"setuptools {setuptools_version} is too old to build the wheel: reinstall the dev "
        "extras (`make`), which ask for setuptools>=77"
    )
    out = work / "dist"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            "-w",
            str(out),
            str(project),
        ]
    )
    (built,) = out.glob("readingroom-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed and the project venv's dependencies importable."""
    target = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(target)])
    python = target / "bin" / "python"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            str(wheel),
        ]
    )
    site_packages = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    ).stdout.strip()
    dependencies = sysconfig.get_paths()["purelib"]
    (Path(site_packages) / "readingroom_test_dependencies.pth").write_text(
        dependencies + "\n", encoding="utf-8"
    )
    return target


def isolated_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and key != "VIRTUAL_ENV"
    }
    env["PYTHONNOUSERSITE"] = "1"
    env["READINGROOM_HOME"] = str(home)
    return env


def test_the_wheel_holds_the_package_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode("utf-8")
    assert "readingroom/tui/app.tcss" in names
    assert "readingroom/py.typed" in names
    missing = [name for name in package_data() if name not in names]
    assert missing == [], f"not in the wheel (add them to package-data): {missing}"
    assert "readingroom = readingroom.cli:main" in scripts


def test_the_installed_package_comes_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    code = (
        "import readingroom, readingroom.tui.app as app, pathlib\n"
        "print(readingroom.__file__)\n"
        "print(pathlib.Path(app.__file__).with_name('app.tcss').is_file())\n"
    )
    result = run(
        [
            str(
                venv / "bin" / "python",
            ),
            "-c",
            code,
        ],
        env=isolated_env(tmp_path),
    )
    location, tcss_found = result.stdout.splitlines()
    assert Path(location).resolve().is_relative_to(venv.resolve())
    assert tcss_found == "True"


def test_the_installed_command_runs(venv: Path, tmp_path: Path) -> None:
    command = str(venv / "bin" / "readingroom")
    env = isolated_env(tmp_path / "home")
    version = run([command, "--version"], env=env, cwd=tmp_path)
    assert version.stdout.strip() == f"readingroom {readingroom.__version__}"
    listing = run([command, "list", "--json", "--library", str(ARTICLES)], env=env, cwd=tmp_path)
    records = [json.loads(line) for line in listing.stdout.splitlines()]
    assert len(records) == 10
    assert all(record["error"] is None for record in records)


def test_the_installed_reader_starts_headless(venv: Path, tmp_path: Path) -> None:
    code = (
        "import asyncio, sys\n"
        "from readingroom.tui.app import create_app\n"
        "async def main():\n"
        "    app = create_app(sys.argv[1], restore=False)\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print('started')\n"
    )
    result = run(
        [str(venv / "bin" / "python"), "-c", code, str(ARTICLES)],
        env=isolated_env(tmp_path / "home"),
        cwd=tmp_path,
    )
    assert result.stdout.strip().endswith("started")
