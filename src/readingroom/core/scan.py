"""Finding the Markdown files of a library without ever leaving its root or hanging."""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from readingroom.core.sanitize import clean_label

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A Markdown file under the root: its `/`-separated relative path, size and mtime."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class ScanProblem:
    """Something under the root that could not be scanned, with the reason.

    `path` is for showing: its control characters are made visible (see core.sanitize).
    """

    path: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", clean_label(self.path))


def is_markdown_name(name: str) -> bool:
    """True for `*.md` and `*.markdown`, whatever the case of the extension."""
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _is_utf8(name: str) -> bool:
    """False for a name with bytes that did not decode (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def scan_library(root: str, problems: list[ScanProblem] | None = None) -> Iterator[FoundFile]:
    """Yield every Markdown file under `root`, sorted by path within each folder.

    Hidden files and folders (a leading dot) are skipped. Symbolic links are followed only when
    their target lies inside the root; links out of it, dangling links, loops and unreadable
    folders are recorded in `problems` and skipped, and so are names that are not valid
    UTF-8 (they could be neither stored in the catalog nor shown).
    """
    real_root = os.path.realpath(root)
    seen_dirs: set[tuple[int, int]] = set()
    report = problems if problems is not None else []
    try:
        root_info = os.stat(real_root)
    except OSError as exc:
        report.append(ScanProblem(".", exc.strerror or type(exc).__name__))
        return
    seen_dirs.add((root_info.st_dev, root_info.st_ino))
    stack: list[tuple[str, str]] = [(real_root, "")]
    # Folders reached through a symbolic link wait until every real folder is scanned, so
    # that an article is found at its real path, not at the path of a link to its folder.
    linked: list[tuple[str, str]] = []
    while stack or linked:
        if not stack:
            directory, prefix = linked.pop(0)
            info = os.stat(directory)
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs:
                report.append(
                    ScanProblem(prefix.rstrip("/"), "symbolic link to a folder already scanned")
                )
                continue
            seen_dirs.add(key)
            stack.append((directory, prefix))
        directory, prefix = stack.pop()
        try:
            with os.scandir(directory) as handle:
                entries = sorted(handle, key=lambda entry: entry.name)
        except OSError as exc:
            report.append(ScanProblem(prefix or ".", exc.strerror or type(exc).__name__))
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = f"{prefix}{entry.name}"
            if not _is_utf8(entry.name):
                if entry.is_dir(follow_symlinks=False) or is_markdown_name(entry.name):
                    report.append(ScanProblem(relative, "the name is not valid UTF-8"))
                continue
            found = _examine(entry, relative, real_root, seen_dirs, report)
            if isinstance(found, FoundFile):
                yield found
            elif found is not None and entry.is_symlink():
                linked.append((found, relative + "/"))
            elif found is not None:
                subdirs.append((found, relative + "/"))
        stack.extend(reversed(subdirs))


class _Known(Protocol):
    """A file as the catalog last saw it."""

    @property
    def size(self) -> int: ...

    @property
    def mtime_ns(self) -> int: ...


RESCAN_MOST = 64
"""Changed paths above which a full scan is as quick as looking at each."""


def rescan(
    root: str,
    known: Mapping[str, _Known],
    changed: set[str],
    problems: list[ScanProblem] | None = None,
) -> list[FoundFile] | None:
    """What scan_library would find after `changed` paths (relative to `root`, or absolute)
    changed and nothing else did: the folders holding them scanned again, one level, by the
    same rules; every other known file as it was. None when that cannot be sure and the
    whole library must be scanned: a path that is (or was) a folder or a symbolic link, a
    folder under a symbolic link, a path outside the root, or too many paths.
    """
    real_root = os.path.realpath(root)
    if len(changed) > RESCAN_MOST:
        return None
    folders: set[str] = set()
    for path in changed:
        full = os.path.join(real_root, path)
        relative = os.path.relpath(full, real_root).replace(os.sep, "/")
        if relative == "." or relative.startswith("../") or relative == "..":
            return None
        if any(part.startswith(".") for part in relative.split("/")):
            continue  # hidden, or in a hidden folder: never scanned
        if not _is_utf8(relative):
            return None  # the full scan reports it
        try:
            info: os.stat_result | None = os.lstat(full)
        except FileNotFoundError:
            info = None
        except OSError:
            return None
        if info is not None and (stat.S_ISDIR(info.st_mode) or stat.S_ISLNK(info.st_mode)):
            return None
        inside = relative + "/"
        if any(name.startswith(inside) for name in known):
            return None  # it was a folder
        folders.add(posixpath.dirname(relative))
    report = problems if problems is not None else []
    found = [
        FoundFile(path, file.size, file.mtime_ns)
        for path, file in known.items()
        if posixpath.dirname(path) not in folders
    ]
    for folder in folders:
        directory = os.path.join(real_root, folder) if folder else real_root
        if os.path.realpath(directory) != directory:
            return None  # reached through a symbolic link: scan_library decides where
        listed = _scan_folder(real_root, folder, report)
        if listed is None:
            return None
        found += listed
    return found


def _scan_folder(real_root: str, folder: str, report: list[ScanProblem]) -> list[FoundFile] | None:
    """The Markdown files directly in `folder`, by scan_library's rules; None when it cannot
    be listed."""
    directory = os.path.join(real_root, folder) if folder else real_root
    prefix = f"{folder}/" if folder else ""
    try:
        with os.scandir(directory) as handle:
            entries = sorted(handle, key=lambda entry: entry.name)
    except OSError:
        return None
    found: list[FoundFile] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        relative = f"{prefix}{entry.name}"
        if not _is_utf8(entry.name):
            if is_markdown_name(entry.name) and not entry.is_dir(follow_symlinks=False):
                report.append(ScanProblem(relative, "the name is not valid UTF-8"))
            continue
        result = _examine(entry, relative, real_root, set(), report)
        if isinstance(result, FoundFile):
            found.append(result)
    return found


def _examine(
    entry: os.DirEntry[str],
    relative: str,
    real_root: str,
    seen_dirs: set[tuple[int, int]],
    report: list[ScanProblem],
) -> FoundFile | str | None:
    """A FoundFile, a directory path to descend into, or None (skipped)."""
    path = entry.path
    try:
        if entry.is_symlink():
            target = os.path.realpath(path)
            if not _within(target, real_root):
                report.append(ScanProblem(relative, "symbolic link points outside the library"))
                return None
            path = target
        info = os.stat(path)
    except OSError as exc:
        reason = exc.strerror
        if entry.is_symlink():
            reason = "symbolic link loop" if exc.errno == errno.ELOOP else "dangling symbolic link"
        report.append(ScanProblem(relative, reason or type(exc).__name__))
        return None
    if stat.S_ISDIR(info.st_mode):
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            if entry.is_symlink():
                report.append(ScanProblem(relative, "symbolic link loop, folder already scanned"))
            return None
        if not entry.is_symlink():
            seen_dirs.add(key)
        return path
    if not is_markdown_name(entry.name):
        return None
    if not stat.S_ISREG(info.st_mode):
        report.append(ScanProblem(relative, "not a regular file"))
        return None
    return FoundFile(relative, info.st_size, info.st_mtime_ns)


def assign_slugs(found: list[FoundFile]) -> dict[str, str]:
    """Slugs by path; when two files share a slug (`a.md`, `a.markdown`) the later keeps its
    extension so both stay reachable."""
    from readingroom.core.loader import slug_for

    plain = {item.path: slug_for(item.path) for item in found}
    if len(set(plain.values())) == len(plain):
        return plain  # no two files share a slug: nothing to order
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for item in sorted(found, key=lambda f: (len(f.path), f.path)):
        slug = plain[item.path]
        if slug in taken:
            slug = item.path
        taken.add(slug)
        slugs[item.path] = slug
    return slugs
