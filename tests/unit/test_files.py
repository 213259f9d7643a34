"""Reading article files: decoding by BOM, refusing what is not Markdown text, never blocking."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from readingroom.core.files import (
    ArticleReadError,
    DecodedFile,
    content_digest,
    decode_bytes,
    read_article_file,
)

TEXT = "Héllo, wörld — ✓ 漢字 😀\nsecond line\n"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


# -- decode_bytes -------------------------------------------------------------------------


def test_plain_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8")) == DecodedFile(TEXT, ())


def test_empty_bytes() -> None:
    assert decode_bytes(b"") == DecodedFile("", ())


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
    ids=["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_bom_selects_the_encoding_and_is_dropped(bom: bytes, encoding: str) -> None:
    decoded = decode_bytes(bom + TEXT.encode(encoding))
    assert decoded.text == TEXT
    assert decoded.problems == ()
    assert not decoded.text.startswith("\ufeff")


def test_utf16_with_bom_is_not_mistaken_for_binary() -> None:
    # UTF-16 text is full of NUL bytes; the BOM must win over the binary check.
    data = codecs.BOM_UTF16_LE + "# Title\n".encode("utf-16-le")
    assert b"\x00" in data
    assert decode_bytes(data).text == "# Title\n"


def test_utf16_without_bom_is_refused_as_binary() -> None:
    with pytest.raises(ArticleReadError, match="binary"):
        decode_bytes("# Title\n".encode("utf-16-le"))


def test_invalid_utf8_is_replaced_with_a_problem() -> None:
    decoded = decode_bytes(b"caf\xe9 ok \xff\xfe end")
    assert decoded.text == "caf\ufffd ok \ufffd\ufffd end"
    assert len(decoded.problems) == 1
    assert "invalid UTF-8" in decoded.problems[0]


def test_truncated_utf16_after_a_bom_is_replaced_with_a_problem() -> None:
    decoded = decode_bytes(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"c")
    assert decoded.text.startswith("ab")
    assert "\ufffd" in decoded.text
    assert decoded.problems != ()


def test_nul_byte_is_refused_as_binary() -> None:
    with pytest.raises(ArticleReadError, match=r"binary file \(NUL bytes\)"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


# -- read_article_file --------------------------------------------------------------------


def test_reads_a_utf8_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", TEXT.encode("utf-8"))
    assert read_article_file(path) == DecodedFile(TEXT, (), content_digest(TEXT.encode("utf-8")))


def test_digest_follows_content_not_name(tmp_path: Path) -> None:
    first = read_article_file(write(tmp_path, "a.md", b"same"))
    renamed = read_article_file(write(tmp_path, "b.md", b"same"))
    changed = read_article_file(write(tmp_path, "c.md", b"other"))
    assert first.digest == renamed.digest != changed.digest


def test_reads_a_utf8_file_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert read_article_file(path).text == TEXT


def test_reads_utf16_and_utf32_files_with_bom(tmp_path: Path) -> None:
    utf16 = write(tmp_path, "16.md", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"))
    utf32 = write(tmp_path, "32.md", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"))
    assert read_article_file(utf16).text == TEXT
    assert read_article_file(utf32).text == TEXT


def test_invalid_utf8_file_is_read_with_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", b"# Title\n\nbad byte: \xc3\x28\n")
    decoded = read_article_file(path)
    assert decoded.text.startswith("# Title\n")
    assert "\ufffd" in decoded.text
    assert decoded.problems and "invalid UTF-8" in decoded.problems[0]


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "image.md", b"GIF89a\x01\x00\x01\x00\x00\xff")
    with pytest.raises(ArticleReadError, match="binary"):
        read_article_file(path)


def test_empty_file(tmp_path: Path) -> None:
    assert read_article_file(write(tmp_path, "empty.md", b"")).text == ""


def test_size_cap_allows_exactly_the_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", b"x" * 100)
    assert read_article_file(path, size_cap=100).text == "x" * 100


def test_size_cap_refuses_one_byte_more(tmp_path: Path) -> None:
    path = write(tmp_path, "big.md", b"x" * 101)
    with pytest.raises(ArticleReadError, match="larger than"):
        read_article_file(path, size_cap=100)


def test_size_cap_message_gives_sizes_in_mib(tmp_path: Path) -> None:
    path = write(tmp_path, "big.md", b"x" * (3 * 1024 * 1024))
    with pytest.raises(ArticleReadError) as caught:
        read_article_file(path, size_cap=2 * 1024 * 1024)
    assert str(caught.value) == "file is 3.0 MiB, larger than the 2.0 MiB limit"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleReadError) as caught:
        read_article_file(str(tmp_path / "nope.md"))
    assert str(caught.value) == "no such file or directory"


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(ArticleReadError, match="not a regular file"):
        read_article_file(str(folder))


def test_dangling_symlink_is_a_missing_file(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "gone.md")
    with pytest.raises(ArticleReadError, match="no such file"):
        read_article_file(str(link))


def test_symlink_to_a_file_is_read(tmp_path: Path) -> None:
    target = write(tmp_path, "real.md", b"# Real\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert read_article_file(str(link)).text == "# Real\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    outcome: list[BaseException | DecodedFile] = []

    def attempt() -> None:
        try:
            outcome.append(read_article_file(str(fifo)))
        except BaseException as exc:  # recorded and checked below
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    if worker.is_alive():
        # Unblock the reader (it is waiting for a writer) before failing.
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=5)
        pytest.fail("read_article_file blocked on a FIFO")
    assert len(outcome) == 1
    assert isinstance(outcome[0], ArticleReadError)
    assert str(outcome[0]) == "not a regular file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.md", b"# Secret\n")
    os.chmod(path, 0)
    try:
        with pytest.raises(ArticleReadError, match="permission denied"):
            read_article_file(path)
    finally:
        os.chmod(path, 0o644)
