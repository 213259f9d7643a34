"""The hostile library through the real scanner, loader, catalog, renderer and command line.

Loading never raises or hangs; every bad file is reported with its path and a reason; no
string the reader shows holds a control character; nothing outside the root is opened.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from readingroom.core.article import Article
from readingroom.core.files import ArticleReadError, read_article_file
from readingroom.core.library import Library
from readingroom.core.links import LinkKind
from readingroom.core.loader import read_article, read_body
from readingroom.core.sanitize import clean_label
from readingroom.render.header import header_blocks
from readingroom.render.layout import layout_document
from readingroom.render.parse import parse_markdown
from readingroom.render.progressive import document_steps
from readingroom.store.catalog import Catalog
from tests.hostile.audit import UNSAFE_IN_LABEL, UNSAFE_IN_TEXT, opened_outside, recording
from tests.hostile.library import (
    Case,
    Expect,
    HostileLibrary,
    all_cases,
    build_library,
    make_removable,
)

PROJECT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Loaded:
    """The hostile library as built, as loaded, and the files opened while loading."""

    hostile: HostileLibrary
    library: Library
    opened: list[str]
    catalog_path: Path


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    target = tmp_path_factory.mktemp("hostile")
    hostile = build_library(target)
    catalog_path = target / "catalog.sqlite"
    with recording() as opened:
        library = _load_with_deadline(catalog_path, hostile.root, seconds=60)
    yield Loaded(hostile, library, list(opened), catalog_path)
    make_removable(target)


def _load_with_deadline(catalog_path: Path, root: Path, seconds: float) -> Library:
    """Load in a thread so a hang (a FIFO opened for reading) fails the test, not the run."""
    result: list[Library] = []
    errors: list[BaseException] = []

    def load() -> None:
        catalog = Catalog(catalog_path)
        try:
            result.append(catalog.load_library(str(root)))
        except BaseException as exc:  # reported below, with its traceback
            errors.append(exc)
        finally:
            catalog.close()

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"loading the hostile library took over {seconds} s"
    if errors:
        raise errors[0]
    return result[0]


def _article_at(library: Library, path: str) -> Article | None:
    for article in library.articles.values():
        if article.path == path:
            return article
    return None


def _label_fields(article: Article) -> list[str]:
    return [
        article.slug,
        article.title,
        article.author,
        article.summary,
        *(article.date or "",),
        *article.tags,
        *article.related,
        *article.related_keys,
        *article.links,
        *article.link_sections,
        article.error or "",
        *article.problems,
    ]


# -- the library itself -------------------------------------------------------------------------


def test_the_library_has_many_named_cases(loaded: Loaded) -> None:
    cases = loaded.hostile.cases
    names = [case.name for case in cases]
    assert len(names) >= 60
    assert len(set(names)) == len(names)
    assert {case.expect for case in cases} == set(Expect)
    for case in cases:
        assert case.expect is Expect.LISTED or case.expect is Expect.ABSENT or case.reason


def test_the_clean_library_has_no_controls(tmp_path: Path) -> None:
    clean = build_library(tmp_path, clean=True)
    try:
        for folder, dirs, files in os.walk(clean.root):
            for name in [*dirs, *files]:
                assert not UNSAFE_IN_LABEL.search(name), name
                path = os.path.join(folder, name)
                if (
                    os.path.isfile(path)
                    and not os.path.islink(path)
                    and os.path.getsize(path) < 1e6
                ):
                    with open(path, "rb") as handle:
                        text = handle.read().decode("utf-8", errors="ignore")
                    assert "\x1b" not in text and "\\e" not in text and "\\x1b" not in text, path
    finally:
        make_removable(tmp_path)


# -- every case is what it should be ------------------------------------------------------------


def _case_ids(case: Case) -> str:
    return case.name


@pytest.mark.parametrize("case", all_cases(), ids=_case_ids)
def test_case_is_handled_as_expected(loaded: Loaded, case: Case) -> None:
    case = loaded.hostile.case(case.name)  # the case as built (its expectation may be per-user)
    library = loaded.library
    article = _article_at(library, case.path)
    shown_path = clean_label(case.path)
    problems = [problem for problem in library.problems if problem.path == shown_path]
    if case.expect is Expect.LISTED:
        assert article is not None, f"{case.name}: not listed; problems: {problems}"
        assert article.error is None, f"{case.name}: {article.error}"
        if case.reason:
            assert any(case.reason in problem for problem in article.problems), article.problems
    elif case.expect is Expect.ERROR:
        assert article is not None, f"{case.name}: not listed; problems: {problems}"
        assert article.error is not None and case.reason in article.error, article.error
        # The reader and `check` show the error next to the file's (cleaned) path.
        notices = [block for block in header_blocks(article) if hasattr(block, "text")]
        assert any(shown_path in block.text and article.error in block.text for block in notices)
    elif case.expect is Expect.SKIPPED:
        assert article is None, f"{case.name}: listed as {article}"
        assert problems, f"{case.name}: not reported; all problems: {library.problems}"
        assert any(case.reason in problem.reason for problem in problems), problems
    else:
        assert article is None and not problems


def test_every_shown_string_is_free_of_controls(loaded: Loaded) -> None:
    for article in loaded.library.articles.values():
        for text in _label_fields(article):
            assert not UNSAFE_IN_LABEL.search(text), (article.path, text)
    for problem in loaded.library.problems:
        assert not UNSAFE_IN_LABEL.search(problem.path + problem.reason), problem
    for tag, _ in loaded.library.tag_counts():
        assert not UNSAFE_IN_LABEL.search(tag)


def test_markup_in_titles_is_kept_as_text(loaded: Loaded) -> None:
    titles = {article.title for article in loaded.library.articles.values()}
    assert "[@click=app.quit]x[/]" in titles
    assert "[bold" in titles
    tags = {tag for article in loaded.library.articles.values() for tag in article.tags}
    assert {"[/]", "[@click=app.quit]t[/]", "[bold"} <= tags


def test_controls_are_shown_as_pictures(loaded: Loaded) -> None:
    library = loaded.library
    raw = _article_at(library, "front-matter/raw-controls.md")
    escaped = _article_at(library, "front-matter/yaml-escape-e.md")
    c1 = _article_at(library, "front-matter/yaml-escape-c1.md")
    bidi = _article_at(library, "front-matter/bidi-title.md")
    assert raw is not None and raw.title.startswith("Raw ␛[2J␛c␛]52;")
    assert escaped is not None and escaped.title == "␛]0;x␇ owned"
    assert c1 is not None and c1.title.startswith("\ufffd2J")
    assert bidi is not None and "<U+202E>gnp.exe" in bidi.title
    named = _article_at(library, "names/esc-\x1b[2J-clear.md")
    assert named is not None and named.slug == "names/esc-␛[2J-clear"


def test_nothing_outside_the_root_is_opened(loaded: Loaded) -> None:
    assert loaded.opened, "the audit hook recorded nothing"
    assert any(path.startswith(str(loaded.hostile.root)) for path in loaded.opened)
    assert opened_outside(loaded.opened, loaded.hostile.outside) == []
    secret = [a for a in loaded.library.articles.values() if "SECRET" in a.title]
    assert secret == []


def test_the_cached_library_is_the_same(loaded: Loaded) -> None:
    """A second start reads the hostile strings back from SQLite unchanged."""
    with recording() as opened:
        again = _load_with_deadline(loaded.catalog_path, loaded.hostile.root, seconds=60)
    assert again.articles == loaded.library.articles
    assert again.problems == loaded.library.problems
    assert opened_outside(opened, loaded.hostile.outside) == []


# -- reading and rendering ----------------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(loaded: Loaded) -> None:
    fifo = loaded.hostile.root / "fs" / "fifo.md"
    finished = threading.Event()
    outcome: list[object] = []

    def read() -> None:
        try:
            read_article_file(str(fifo))
        except ArticleReadError as exc:
            outcome.append(str(exc))
        article, body = read_article(str(loaded.hostile.root), "fs/fifo.md")
        outcome.append((article.error, body))
        finished.set()

    threading.Thread(target=read, daemon=True).start()
    assert finished.wait(10), "reading a FIFO blocked"
    assert outcome == ["not a regular file", ("not a regular file", "")]


def test_reading_a_link_out_of_the_root_by_path_is_not_possible(loaded: Loaded) -> None:
    """The loader is only ever given scanned paths; even so the scanner never lists them."""
    paths = {article.path for article in loaded.library.articles.values()}
    assert not any(path.startswith("fs/secret") or path == "fs/passwd.md" for path in paths)


@pytest.mark.parametrize("width", [30, 100])
def test_every_article_renders_without_controls(loaded: Loaded, width: int) -> None:
    root = str(loaded.hostile.root)
    for article in loaded.library.articles.values():
        body = read_body(root, article.path)
        header = header_blocks(article, body.problems)
        for step in document_steps(header, body.text, width):
            for number, line in enumerate(step.layout.lines):
                text = "".join(run.text for run in line.runs)
                assert not UNSAFE_IN_TEXT.search(text), (article.path, number, text)
                assert "\n" not in text, (article.path, number)
            for href in step.document.links:
                assert not UNSAFE_IN_LABEL.search(href), (article.path, href)


def test_links_are_resolved_without_leaving_the_library(loaded: Loaded) -> None:
    library = loaded.library
    hostile = _article_at(library, "links/hostile.md")
    assert hostile is not None
    kinds = {href: library.resolve_link(href, hostile.slug).kind for href in hostile.links}
    assert kinds["../outside/secret.md"] is LinkKind.MISSING  # library/outside: not there
    assert kinds["../../outside/secret.md"] is LinkKind.OUTSIDE
    assert kinds["%2e%2e/%2e%2e/outside/secret.md"] is LinkKind.OUTSIDE
    assert kinds["..%2F..%2Foutside%2Fsecret.md"] is LinkKind.OUTSIDE
    assert kinds["../../../../../../etc/passwd"] is LinkKind.OUTSIDE
    assert kinds["/etc/passwd"] is LinkKind.MISSING
    assert kinds["fs/secret-link.md"] is LinkKind.MISSING
    assert kinds["fs/fifo.md"] is LinkKind.MISSING
    assert kinds["file:///etc/passwd"] is LinkKind.EXTERNAL
    assert kinds["javascript:alert(1)"] is LinkKind.EXTERNAL
    for article in library.articles.values():
        for href in article.links:
            target = library.resolve_link(href, article.slug)
            if target.kind is LinkKind.INTERNAL:
                assert target.slug in library.articles
            assert not UNSAFE_IN_LABEL.search(target.anchor or ""), (href, target.anchor)
        for reference in article.related:
            found = library.resolve_reference(reference, article.slug)
            assert found is None or found in library.articles


def test_a_long_line_of_html_lays_out_in_linear_time() -> None:
    """One 20 KB line of raw HTML (not wrapped at spaces, so cut every `width` cells)."""
    document = parse_markdown("<div>" * 4_000 + "␛\n")
    started = time.perf_counter()
    layout_document(document, 30)
    assert time.perf_counter() - started < 0.5


# -- the command line ---------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "readingroom", *args],
        capture_output=True,
        timeout=120,
        cwd=PROJECT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"},
        check=False,
    )


def _assert_terminal_safe(output: bytes, what: str) -> str:
    text = output.decode("utf-8")  # strict: a lone surrogate would have failed to print
    assert "\x1b" not in text, f"{what}: raw ESC"
    lines = text.split("\n")
    for line in lines:
        assert not UNSAFE_IN_TEXT.search(line.replace("\t", " ")), f"{what}: {line!r}"
    return text


def test_list_json_is_terminal_safe(loaded: Loaded) -> None:
    result = _cli("list", "--json", "--library", str(loaded.hostile.root))
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    text = _assert_terminal_safe(result.stdout, "stdout")
    _assert_terminal_safe(result.stderr, "stderr")
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == len(loaded.library.articles)
    for record in records:
        for key in ("slug", "title", "path", "error"):
            assert not UNSAFE_IN_LABEL.search(record[key] or ""), record


def test_list_text_is_terminal_safe(loaded: Loaded) -> None:
    result = _cli("list", "--library", str(loaded.hostile.root))
    assert result.returncode == 0
    _assert_terminal_safe(result.stdout, "stdout")


def test_check_reports_every_bad_file(loaded: Loaded) -> None:
    """Exit 1, and every error and skipped file named with its reason (names with controls
    are left to the next test, which waits for the commands to sanitise them)."""
    result = _cli("check", "--library", str(loaded.hostile.root))
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    lines = result.stdout.decode("utf-8").splitlines()
    for case in loaded.hostile.cases:
        if case.expect in (Expect.ERROR, Expect.SKIPPED) and case.path == clean_label(case.path):
            named = [line for line in lines if line.startswith(f"{case.path}: ")]
            assert any(case.reason in line for line in named), (case.name, named)


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_check_names_every_bad_file_and_is_terminal_safe(loaded: Loaded, as_json: bool) -> None:
    args = ["check", "--library", str(loaded.hostile.root), *(["--json"] if as_json else [])]
    result = _cli(*args)
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    text = _assert_terminal_safe(result.stdout, "stdout")
    _assert_terminal_safe(result.stderr, "stderr")
    for case in loaded.hostile.cases:
        if case.expect in (Expect.ERROR, Expect.SKIPPED):
            shown = clean_label(case.path)
            assert (json.dumps(shown, ensure_ascii=False)[1:-1] if as_json else shown) in text, (
                case.name
            )
