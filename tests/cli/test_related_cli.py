"""`readingroom related` and `readingroom check`, run as `python -m readingroom` subprocesses.

One READINGROOM_HOME serves the whole module, so a corpus is catalogued by its first run and
the later runs read the catalog (as a user's second command would). The corpus tests skip when
/work/shared/corpora is not there; the counts were checked by hand (docs/related.md).
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run as run_cli
from tests.conftest import ARTICLES, CORPORA

EIPS = CORPORA / "eips" / "EIPS"
FOAM = CORPORA / "foam-docs" / "docs"
GO_BLOG = CORPORA / "go-blog" / "_content" / "blog"
JEKYLL = CORPORA / "jekyll-basically-basic" / "docs"
RECORD_KEYS = {"slug", "title", "kinds", "reason", "score", "reference"}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The READINGROOM_HOME every run of this module shares."""
    return tmp_path_factory.mktemp("cli-home")


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m readingroom ARGS` (indexing the corpora may take a while)."""
    return run_cli(home, *args, timeout=120)


def json_lines(text: str) -> list[dict[str, Any]]:
    """Every line of `text` parsed as one JSON object."""
    records = [json.loads(line) for line in text.splitlines()]
    assert all(isinstance(record, dict) for record in records)
    return records


def need(folder: Path) -> Path:
    """`folder`, or skip the test when the corpus is not there."""
    if not folder.is_dir():
        pytest.skip(f"corpus {folder} is not there")
    return folder


def check_counts(home: Path, folder: Path) -> tuple[int, Counter[str], list[dict[str, Any]]]:
    """Exit code, findings by kind, and the findings of `check --json` on `folder`."""
    result = run(home, "check", "--library", str(folder), "--json")
    records = json_lines(result.stdout)
    assert all(set(record) == {"path", "kind", "reason"} for record in records)
    summary = result.stderr.strip().splitlines()[-1]
    files = len({record["path"] for record in records})
    assert summary.endswith(f": {len(records)} problems in {files} files")
    return result.returncode, Counter(record["kind"] for record in records), records


# -- related -----------------------------------------------------------------------------------


def test_related_eip_747_json(home: Path) -> None:
    result = run(home, "related", "eip-747", "--library", str(need(EIPS)), "--json")
    assert result.returncode == 0, result.stderr
    records = json_lines(result.stdout)
    assert all(set(record) == RECORD_KEYS for record in records)
    by_slug = {record["slug"]: record for record in records}
    assert [r["slug"] for r in records[:3]] == ["eip-20", "eip-1046", "eip-1193"]
    for slug, number in (("eip-20", "20"), ("eip-1046", "1046"), ("eip-1193", "1193")):
        assert by_slug[slug]["kinds"][0] == "Declared"
        assert by_slug[slug]["reference"] == number
        assert by_slug[slug]["reason"] == "declared in front matter (requires)"
    assert by_slug["eip-1046"]["kinds"] == ["Declared", "Links"]  # also linked in the body
    assert by_slug["eip-1193"]["title"] == "Ethereum Provider JavaScript API"
    assert by_slug["eip-2256"]["kinds"][0] == "Linked from"
    assert by_slug["eip-2256"]["reason"] == "links here from §Motivation"
    similar = [r for r in records if "Similar" in r["kinds"]]
    assert len(similar) == 5
    assert all(r["score"] > 0 for r in similar)


def test_related_text_output_is_one_tab_separated_line_per_entry(home: Path) -> None:
    result = run(home, "related", "eip-747", "--library", str(need(EIPS)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "eip-20\tDeclared\tdeclared in front matter (requires)"
    assert all(line.count("\t") == 2 for line in lines)


def test_related_unknown_slug_is_a_usage_error(home: Path) -> None:
    result = run(home, "related", "no/such-article", "--library", str(ARTICLES))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"readingroom: no article 'no/such-article' in {str(ARTICLES)!r}"
    )


def test_related_foam_wikilinks_are_listed_both_ways(home: Path) -> None:
    folder = str(need(FOAM))
    result = run(home, "related", "user/features/note-properties", "--library", folder, "--json")
    assert result.returncode == 0, result.stderr
    links = {r["slug"]: r for r in json_lines(result.stdout) if "Links" in r["kinds"]}
    assert links["user/features/templates"]["reference"] == "[[templates#Metadata]]"
    back = run(home, "related", "user/features/templates", "--library", folder, "--json")
    linked_from = {r["slug"] for r in json_lines(back.stdout) if "Linked from" in r["kinds"]}
    assert "user/features/note-properties" in linked_from


def test_related_go_blog_site_links_and_similar(home: Path) -> None:
    result = run(home, "related", "wasi", "--library", str(need(GO_BLOG)), "--json")
    assert result.returncode == 0, result.stderr
    records = {r["slug"]: r for r in json_lines(result.stdout)}
    assert "Linked from" in records["14years"]["kinds"]  # 14years links /blog/wasi
    assert "Similar" in records["wasmexport"]["kinds"]


# -- check -------------------------------------------------------------------------------------


def test_check_shipped_articles_reports_nothing(home: Path) -> None:
    result = run(home, "check", "--library", "articles")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == "checked 10 articles: 0 problems in 0 files\n"
    assert run(home, "check", "--library", "articles", "--json").stdout == ""


def test_check_exits_1_on_a_library_with_problems(home: Path, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\nrelated: [nowhere]\n---\n[b](b.md) [up](../x.md)\n")
    result = run(home, "check", "--library", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "a.md: unresolved related: related: 'nowhere' matches no article",
        "a.md: broken link: 'b.md' matches no article",
        "a.md: link outside: '../x.md' leads outside the library",
    ]
    assert result.stderr == "checked 1 articles: 3 problems in 1 files\n"


def test_check_foam_lists_exactly_the_eight_problems(home: Path) -> None:
    result = run(home, "check", "--library", str(need(FOAM)))
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == [
        "dev/contribution-guide.md: link outside: '../../CONTRIBUTING.md' leads outside the "
        "library",
        "dev/design/static-site-publishing-research.md: broken link: "
        "'../../user/publishing/publishing.md' matches no article",
        "index.md: broken link: 'LICENSE.txt' matches no article",
        "principles.md: broken link: 'LICENSE.txt' matches no article",
        "user/index.md: broken link: '[[publishing]]' matches no article",
        "user/recipes/diagrams-in-markdown.md: broken link: "
        "'../../assets/images/diagram-drawio-demo.drawio.svg' matches no article",
        "user/recipes/migrating-from-onenote.md: broken link: "
        "'../../assets/images/migrating-one-note.png' matches no article",
        "user/tools/cli/search.md: broken link: '[[cli-grep]]' matches no article",
    ]


def test_check_eips_counts(home: Path) -> None:
    code, kinds, records = check_counts(home, need(EIPS))
    assert code == 1
    assert kinds == {"link outside": 655, "broken link": 2}
    assert len({r["path"] for r in records}) == 551  # the 551 EIPs that link ../LICENSE.md


def test_check_go_blog_counts(home: Path) -> None:
    code, kinds, records = check_counts(home, need(GO_BLOG))
    assert code == 1
    assert kinds == {"unresolved site link": 1315, "broken link": 8}
    by_path = Counter(r["path"] for r in records)
    assert by_path["16years.md"] == 10
    assert by_path["pgo.md"] == 3  # /doc/pgo twice is go.dev's guide, not this post
    broken = sorted(r["reason"] for r in records if r["kind"] == "broken link")
    assert broken[0] == "'context/google/google.go' matches no article"


def test_check_jekyll_reports_nothing(home: Path) -> None:
    code, _kinds, records = check_counts(home, need(JEKYLL))
    assert (code, records) == (0, [])
