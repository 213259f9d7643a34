"""Reading article files safely: bytes with a size cap, decoded by BOM or as UTF-8."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass

DEFAULT_SIZE_CAP = 32 * 1024 * 1024
_BINARY_PROBE = 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class ArticleReadError(Exception):
    """A file that cannot be shown as an article; the message says why."""


@dataclass(frozen=True, slots=True)
class DecodedFile:
    """The text of a file and any lesser problem found decoding it."""

    text: str
    problems: tuple[str, ...] = ()
    digest: str = ""


def read_article_file(path: str, size_cap: int = DEFAULT_SIZE_CAP) -> DecodedFile:
    """Read a regular file and decode it.

    Raises ArticleReadError for anything that is not a readable regular file within the cap,
    or that looks binary. Never blocks on a FIFO or a device: they are refused before opening.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ArticleReadError(_os_reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ArticleReadError("not a regular file")
    if info.st_size > size_cap:
        raise ArticleReadError(
            f"file is {_mib(info.st_size)}, larger than the {_mib(size_cap)} limit"
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ArticleReadError(_os_reason(exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ArticleReadError("not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(size_cap + 1)
    except OSError as exc:
        raise ArticleReadError(_os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > size_cap:
        raise ArticleReadError(f"file is larger than the {_mib(size_cap)} limit")
    decoded = decode_bytes(data)
    return DecodedFile(decoded.text, decoded.problems, content_digest(data))


def content_digest(data: bytes) -> str:
    """A short fingerprint of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def decode_bytes(data: bytes) -> DecodedFile:
    """Decode by BOM (UTF-8, UTF-16, UTF-32) or as UTF-8, replacing invalid bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            problems = ("invalid bytes were replaced",) if "\ufffd" in text else ()
            return DecodedFile(text, problems)
    if b"\x00" in data[:_BINARY_PROBE]:
        raise ArticleReadError("binary file (NUL bytes), not Markdown text")
    try:
        return DecodedFile(data.decode("utf-8"))
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return DecodedFile(text, ("invalid UTF-8 bytes were replaced with \ufffd",))


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else type(exc).__name__


def _mib(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB" if size >= 1024 else f"{size} bytes"
    return f"{size / (1024 * 1024):.1f} MiB"
