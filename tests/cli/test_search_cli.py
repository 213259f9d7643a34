"""`readingroom search`, `list` and `index`, run as `python -m readingroom` subprocesses.

Every run gets stdin from /dev/null and a READINGROOM_HOME of its own test (module-wide for the
shipped library, so it is catalogued by the first search and read from the catalog afterwards).
Expected results were worked out by hand from the shipped articles' text and front matter.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run
from tests.conftest import ARTICLES

BURN = "recovery/beyond-the-burn"
ANXIETY = "mental-health/exercise-and-anxiety"
SLEEP_TAGGED = ["recovery/active-recovery-days", "recovery/sleep-the-hidden-workout"]
SEARCH_KEYS = {"slug", "title", "path", "date", "snippet", "score"}
LIST_KEYS = {"slug", "title", "path", "date", "tags", "summary", "error"}
CONTROL = {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]} - {"\t"}

HOSTILE = [
    '"',
    '"unbalanced',
    "NEAR(a b)",
    "*",
    "(",
    'tag:"',
    "before:2025-13-45",
    "'; DROP TABLE article; --",
    "\x01\x1b[31m",
    "🏋️ 💪",
    "睡眠 回復",
    "\udcff invalid utf-8",  # byte 0xff in argv
    "x" * 10_000,
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The READINGROOM_HOME the shipped-library runs of this module share."""
    return tmp_path_factory.mktemp("search-cli-home")


def json_lines(text: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in text.splitlines()]
    assert all(isinstance(record, dict) for record in records)
    return records


def search_json(home: Path, *query: str, library: Path = ARTICLES) -> list[dict[str, Any]]:
    result = run(home, "search", *query, "--library", str(library), "--json")
    assert result.returncode == 0, result.stderr
    return json_lines(result.stdout)


# -- search ------------------------------------------------------------------------------------


def test_search_json_fields(home: Path) -> None:
    records = search_json(home, "dopamine")
    assert [record["slug"] for record in records] == [BURN, ANXIETY]
    for record in records:
        assert set(record) == SEARCH_KEYS
        assert record["path"] == f"{record['slug']}.md"
        assert (ARTICLES / record["path"]).is_file()
        assert isinstance(record["title"], str) and record["title"]
        assert isinstance(record["date"], str) and len(record["date"]) == 10
        assert isinstance(record["score"], float)
        assert "dopamine" in record["snippet"].lower()
        assert not CONTROL & set(record["snippet"])
        assert "\ue000" not in record["snippet"] and "\ue001" not in record["snippet"]
    assert records[0]["title"] == "Beyond the Burn: How Muscle Fatigue Triggers Mental Growth"
    assert records[0]["date"] == "2025-03-14"
    assert records[0]["score"] <= records[1]["score"]  # BM25: lower is better


def test_search_text_output_is_one_tab_separated_line_per_hit(home: Path) -> None:
    result = run(home, "search", "dopamine", "--library", str(ARTICLES))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    slug, title, date, snippet = lines[0].split("\t")
    assert (slug, date) == (BURN, "2025-03-14")
    assert title.startswith("Beyond the Burn")
    assert "dopamine" in snippet.lower()


def test_search_limit(home: Path) -> None:
    every = search_json(home, "the")
    assert len(every) == 10  # every shipped article has "the"; default limit 20
    first = search_json(home, "the", "--limit", "3")
    assert [r["slug"] for r in first] == [r["slug"] for r in every[:3]]
    assert len(search_json(home, "the", "--limit", "0")) == 1  # at least one


def test_search_words_are_anded_and_phrases_kept(home: Path) -> None:
    assert {r["slug"] for r in search_json(home, "dopamine", "receptor")} == {BURN}
    assert search_json(home, '"dopamine receptor"')[0]["slug"] == BURN
    assert search_json(home, '"receptor dopamine"') == []


def test_search_tag_and_date_filters(home: Path) -> None:
    assert sorted(r["slug"] for r in search_json(home, "tag:sleep")) == SLEEP_TAGGED
    assert sorted(r["slug"] for r in search_json(home, "tag:SLEEP")) == SLEEP_TAGGED
    later = search_json(home, "after:2025-06")
    assert len(later) == 4
    assert all(r["date"] >= "2025-06-01" for r in later)
    earlier = search_json(home, "before:2025-01")
    assert {r["slug"] for r in earlier} == {
        "training/train-to-technical-failure",
        "training/unilateral-training-and-focus",
    }


def test_excluded_word_after_double_dash(home: Path) -> None:
    """A query starting with `-` needs `--` before it (argparse would take it for an option)."""
    args = ("search", "--library", str(ARTICLES), "--json", "--", "dopamine", "-anxiety")
    result = run(home, *args)
    assert result.returncode == 0, result.stderr
    assert [r["slug"] for r in json_lines(result.stdout)] == [BURN]


def test_no_results_exit_zero_and_print_nothing(home: Path) -> None:
    result = run(home, "search", "zzzqqqxxx", "--library", str(ARTICLES))
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_exit_zero(home: Path, query: str) -> None:
    result = run(home, "search", query, "--library", str(ARTICLES), "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    json_lines(result.stdout)
    problems = result.stderr.splitlines()
    assert all(line.startswith("readingroom: ") for line in problems), problems


def test_unknown_library_exits_two(home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    for command in (["search", "x"], ["list"], ["index"]):
        result = run(home, *command, "--library", str(missing))
        assert result.returncode == 2, (command, result.stderr)
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            f"readingroom: library {str(missing)!r} does not exist"
        ]


def test_a_file_as_library_exits_two(home: Path) -> None:
    result = run(home, "search", "x", "--library", str(ARTICLES / "recovery/beyond-the-burn.md"))
    assert result.returncode == 2
    assert "is not a folder" in result.stderr


# -- list --------------------------------------------------------------------------------------


def test_list_tag_json(home: Path) -> None:
    result = run(home, "list", "--tag", "sleep", "--json", "--library", str(ARTICLES))
    assert result.returncode == 0, result.stderr
    records = json_lines(result.stdout)
    assert [r["slug"] for r in records] == [
        "recovery/active-recovery-days",  # 2025-08-07: newest first
        "recovery/sleep-the-hidden-workout",  # 2025-06-11
    ]
    for record in records:
        assert set(record) == LIST_KEYS
        assert "sleep" in record["tags"]
        assert record["error"] is None
    upper = run(home, "list", "--tag", "Sleep", "--json", "--library", str(ARTICLES))
    assert json_lines(upper.stdout) == records


def test_list_everything_newest_first(home: Path) -> None:
    result = run(home, "list", "--json", "--library", str(ARTICLES))
    records = json_lines(result.stdout)
    assert len(records) == 10
    dates = [r["date"] for r in records]
    assert dates == sorted(dates, reverse=True)
    assert run(home, "list", "--tag", "no-such-tag", "--library", str(ARTICLES)).stdout == ""


# -- index -------------------------------------------------------------------------------------


def test_index_is_quiet_without_a_terminal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run(home, "index", "--library", str(ARTICLES))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (home / "cache" / "catalog.sqlite3").is_file()
    again = run(home, "index", "--library", str(ARTICLES))
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_search_answers_from_the_catalog_until_index_runs(tmp_path: Path) -> None:
    """A search indexes a library it has never seen; later changes show after `index`."""
    library = tmp_path / "library"
    shutil.copytree(ARTICLES, library)
    home = tmp_path / "home"
    assert [r["slug"] for r in search_json(home, "dopamine", library=library)] == [BURN, ANXIETY]
    (library / "new.md").write_text(
        "---\ntitle: Quokkas\ndate: 2026-01-02\ntags: [animals]\n---\n\nA quokka smiles.\n",
        encoding="utf-8",
    )
    assert search_json(home, "quokka", library=library) == []
    result = run(home, "index", "--library", str(library))
    assert (result.returncode, result.stdout) == (0, "")
    records = search_json(home, "quokka", library=library)
    assert [(r["slug"], r["title"], r["date"]) for r in records] == [
        ("new", "Quokkas", "2026-01-02")
    ]
    assert [r["slug"] for r in search_json(home, "tag:animals", library=library)] == ["new"]


@pytest.mark.parametrize("query", [("dopamine", "-anxiety"), ("-tag:sleep", "sleep")])
def test_excluded_word_as_its_own_argument(home: Path, query: tuple[str, ...]) -> None:
    result = run(home, "search", *query, "--library", str(ARTICLES), "--json")
    assert result.returncode == 0, result.stderr
    assert json_lines(result.stdout)
