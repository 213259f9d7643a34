"""Export and import of reading state: a faithful round trip, strict checks, all or nothing."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from readingroom.core.location import ReadingPosition
from readingroom.store.reading_state import ReadingState
from readingroom.store.state_transfer import parse_import

ROOT = "/library/one"
OTHER = "/library/tw\u00f6"
POSITION = ReadingPosition(anchor="Sleep", blocks_after=2, offset=1, percent=44)


@pytest.fixture
def state(tmp_path: Path) -> Iterator[ReadingState]:
    opened = ReadingState.open(tmp_path / "state.sqlite3")
    yield opened
    opened.close()


def fill(state: ReadingState) -> None:
    state.record_opened(ROOT, "a", "digest-a", now=100.0)
    state.record_opened(ROOT, "a", "digest-a", now=150.5)
    state.save_position(ROOT, "a", POSITION)
    state.set_read(ROOT, "a", True)
    state.toggle_bookmark(ROOT, "a", "Alpha \u2014 first", now=120.0)
    state.toggle_bookmark(ROOT, "b/c", "Charlie", now=130.0)
    state.save_session(ROOT, "a", POSITION)
    state.save_history(ROOT, [("b/c", None), ("a", POSITION)], 1)
    state.set_read(OTHER, "x", True)
    state.save_session(OTHER, "x", None)


def everything(state: ReadingState, root: str) -> tuple[object, ...]:
    return (
        state.article_states(root),
        state.bookmarks(root),
        state.session(root),
        state.history(root),
    )


def valid() -> dict[str, Any]:
    return {
        "format": "readingroom-state",
        "version": 1,
        "libraries": {
            ROOT: {
                "articles": {
                    "a": {
                        "digest": "d",
                        "read": True,
                        "first_opened": 1.0,
                        "last_opened": 2,
                        "position": {"anchor": "H", "blocks_after": 1, "offset": 2, "percent": 3},
                        "bookmark": {"created": 5.0, "title": "A"},
                    }
                },
                "session": {"slug": "a", "position": None},
                "history": {"entries": [{"slug": "a", "position": None}], "index": 0},
            }
        },
    }


def test_export_has_the_documented_shape(state: ReadingState) -> None:
    fill(state)
    data = state.export()
    assert data["format"] == "readingroom-state"
    assert data["version"] == 1
    libraries = data["libraries"]
    assert isinstance(libraries, dict) and list(libraries) == [ROOT, OTHER]
    assert libraries[ROOT]["articles"]["a"] == {
        "digest": "digest-a",
        "read": True,
        "first_opened": 100.0,
        "last_opened": 150.5,
        "position": {"anchor": "Sleep", "blocks_after": 2, "offset": 1, "percent": 44},
        "bookmark": {"created": 120.0, "title": "Alpha \u2014 first"},
    }
    assert libraries[OTHER]["session"] == {"slug": "x", "position": None}
    assert libraries[OTHER]["history"] is None
    json.dumps(data)


def test_export_then_import_round_trips(state: ReadingState, tmp_path: Path) -> None:
    fill(state)
    text = json.dumps(state.export())
    other = ReadingState.open(tmp_path / "elsewhere.sqlite3")
    assert other.import_state(json.loads(text)) == []
    for root in (ROOT, OTHER):
        assert everything(other, root) == everything(state, root)
    assert other.export() == state.export()
    other.close()


def test_an_empty_export_imports(state: ReadingState) -> None:
    assert state.import_state(state.export()) == []
    assert state.export()["libraries"] == {}


def test_import_merges_article_by_article(state: ReadingState) -> None:
    state.set_read(ROOT, "kept", True)
    state.set_read(ROOT, "a", False)
    state.save_session(ROOT, "kept", None)
    data = valid()
    del data["libraries"][ROOT]["session"]
    assert state.import_state(data) == []
    states = state.article_states(ROOT)
    assert states["kept"].read and states["a"].read
    assert state.session(ROOT) == ("kept", None), "a session left out is left alone"
    assert state.history(ROOT) == ([("a", None)], 0)


def test_import_fills_defaults_for_left_out_keys(state: ReadingState) -> None:
    data = {"format": "readingroom-state", "version": 1, "libraries": {ROOT: {"articles": {}}}}
    data["libraries"][ROOT]["articles"]["a"] = {}  # type: ignore[index]
    assert state.import_state(data) == []
    article = state.article_states(ROOT)["a"]
    assert not article.read and not article.bookmarked and article.position is None


def problems_for(mutate: Any) -> list[str]:
    data = valid()
    mutate(data)
    problems, _ = parse_import(data)
    return problems


def article(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["libraries"][ROOT]["articles"]["a"]
    return result


A = f'$.libraries["{ROOT}"].articles["a"]'
LIB = f'$.libraries["{ROOT}"]'


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(format="other"), '$.format: expected "readingroom-state"'),
        (lambda d: d.update(version=2), "$.version: version 2 is newer"),
        (lambda d: d.update(version=True), "$.version: expected a format version"),
        (lambda d: d.update(extra=1), '$["extra"]: unknown key'),
        (lambda d: d.pop("libraries"), "$.libraries: missing"),
        (lambda d: d.update(libraries=[]), "$.libraries: expected an object, got an array"),
        (lambda d: d["libraries"].update({"": {}}), '$.libraries[""]: expected a string key'),
        (lambda d: d["libraries"][ROOT].update(articles=3), f"{LIB}.articles: expected an obj"),
        (
            lambda d: article(d).update(read="yes"),
            f'{A}.read: expected a boolean, got string "yes"',
        ),
        (lambda d: article(d).update(digest=1), f"{A}.digest: expected a string, got number 1"),
        (lambda d: article(d).update(first_opened="x"), f"{A}.first_opened: expected a time"),
        (lambda d: article(d).update(last_opened=float("nan")), f"{A}.last_opened: expected a"),
        (lambda d: article(d).update(last_opened=-1), f"{A}.last_opened: expected a time"),
        (lambda d: article(d).update(colour="red"), f'{A}["colour"]: unknown key'),
        (lambda d: article(d)["position"].update(percent=101), f"{A}.position.percent: expected"),
        (lambda d: article(d)["position"].update(offset=-1), f"{A}.position.offset: expected"),
        (lambda d: article(d)["position"].update(offset=1.5), f"{A}.position.offset: expected"),
        (lambda d: article(d)["position"].update(offset=2**70), f"{A}.position.offset: expected"),
        (lambda d: article(d)["position"].update(anchor=3), f"{A}.position.anchor: expected"),
        (lambda d: article(d).update(position=[]), f"{A}.position: expected an object"),
        (lambda d: article(d)["bookmark"].pop("created"), f"{A}.bookmark.created: missing"),
        (lambda d: article(d)["bookmark"].update(title=None), f"{A}.bookmark.title: expected"),
        (lambda d: article(d).update(digest="\udcff"), f"{A}.digest: not valid Unicode"),
        (lambda d: d["libraries"][ROOT].update(session={}), f"{LIB}.session.slug: expected a s"),
        (lambda d: d["libraries"][ROOT]["history"].update(index=1), f"{LIB}.history.index: 1 is"),
        (lambda d: d["libraries"][ROOT]["history"].update(entries={}), f"{LIB}.history.entries"),
        (
            lambda d: d["libraries"][ROOT]["history"]["entries"].append({"slug": ""}),
            f"{LIB}.history.entries[1].slug: expected a slug, got an empty string",
        ),
    ],
)
def test_every_problem_is_named_with_its_json_path(mutate: Any, expected: str) -> None:
    problems = problems_for(mutate)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_document_that_is_not_an_object() -> None:
    assert parse_import([1, 2]) == (["$: expected an object, got an array"], [])
    assert parse_import(None)[0] == ["$: expected an object, got null"]


def test_all_problems_are_reported_at_once() -> None:
    def break_three(data: dict[str, Any]) -> None:
        article(data).update(read=1, first_opened="soon")
        data["libraries"][ROOT]["history"].update(index="last")

    assert len(problems_for(break_three)) == 3


def test_a_valid_document_has_no_problems() -> None:
    problems, libraries = parse_import(valid())
    assert problems == []
    assert [library.root for library in libraries] == [ROOT]


def test_an_invalid_import_applies_nothing(state: ReadingState) -> None:
    state.set_read(ROOT, "a", False)
    before = state.export()
    data = valid()
    data["libraries"]["/zzz"] = {"articles": {"b": {"read": "no"}}}
    problems = state.import_state(data)
    assert problems == [
        '$.libraries["/zzz"].articles["b"].read: expected a boolean, got string "no"'
    ]
    assert state.export() == before


def test_a_database_failure_mid_import_applies_nothing(state: ReadingState, tmp_path: Path) -> None:
    state.set_read(ROOT, "kept", True)
    before = state.export()
    with sqlite3.connect(tmp_path / "state.sqlite3") as db:
        db.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON article_state WHEN NEW.slug = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'disk said no'); END"
        )
    data = valid()
    data["libraries"]["/zzz"] = {"articles": {"boom": {}}, "session": {"slug": "boom"}}
    problems = state.import_state(data)
    assert len(problems) == 1 and "nothing was imported" in problems[0]
    assert "disk said no" in problems[0]
    assert state.export() == before


def test_import_does_not_change_its_input(state: ReadingState) -> None:
    data = valid()
    original = copy.deepcopy(data)
    state.import_state(data)
    assert data == original
