"""parse_query: whatever the user types gives a valid FTS5 MATCH expression and sane filters."""

from __future__ import annotations

import functools
import sqlite3
import time

import pytest

from readingroom.core.query import (
    MAX_TERM_LENGTH,
    MAX_TERMS,
    MAX_TEXT_LENGTH,
    SearchQuery,
    fts5_literal,
    has_searchable_text,
    parse_date_bound,
    parse_query,
)

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    HAVE_HYPOTHESIS = False
else:
    HAVE_HYPOTHESIS = True

_ROWS = (
    (1, "Sleep and recovery", "health", "Rest", "Deep sleep helps recovery after training."),
    (2, "Café naïve", "food", "Coffee", "A naïve approach to the perfect café crème."),
    (3, "Mental growth", "mind", "Habits", "On mental growth and small habits."),
    (4, "日本語のテキスト", "japan", "旅行", "東京 😀 emoji party"),
    (5, "Sleeping cats", "pets", "Cats", "Cats sleep all day long."),
)

HOSTILE = [
    "",
    " ",
    "\t\n",
    '"',
    '""',
    '"""',
    '" "',
    "'",
    "-",
    "--",
    "---",
    "- -",
    '-"',
    '-""',
    "*",
    "* * *",
    "**",
    "sleep*",
    "*sleep",
    "^a",
    "^",
    "+",
    "+a",
    ":",
    "a:b:c",
    ":a",
    "a:",
    "(",
    ")",
    "(((",
    ")))",
    "()",
    "(a OR b)",
    "NEAR",
    "near",
    "NEAR(a b)",
    "NEAR(a b, 2)",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "and or not",
    "a AND",
    "a OR",
    "a NOT",
    "AND a",
    "OR a",
    "NOT a",
    "a AND OR NOT b",
    "{title}",
    "{title body}: sleep",
    "{col",
    "title:foo",
    "title:",
    "-title:foo",
    "body:sleep summary:rest",
    "tag:",
    "tag:x",
    'tag:""',
    'tag:"',
    'tag:"machine learning',
    "-tag:",
    "-tag:x",
    "TAG:X tag:x",
    "before:",
    "after:",
    "before:soon",
    "after:yesterday",
    "before:2024-13-01",
    "before:0000",
    "after:9999-12-31",
    "-before:2024",
    "before:2024 after:2025",
    "\x00",
    "a\x00b",
    "\x00\x00\x00",
    "\x1b[31m",
    "\x1b[31mred\x1b[0m",
    "\x7f\x08\r",
    "\ud800",
    "a\udfffb",
    'a"b"c',
    'a"b',
    '"a b',
    '"a" "b',
    '-"a b',
    '-"a" -"',
    '"\'"',
    "'sleep'",
    "😀",
    "😀 😀",
    "👩‍👩‍👧‍👦",
    "🥰",
    "日本",
    "日本語のテキスト",
    "東京 😀",
    "الصحة",
    "Ω≈ç√∫",
    "ᦰᦱ",
    "\u0301",
    "e\u0301",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\U0010ffff",
    "\ue000",
    "   sleep   ",
    "sleep -",
    "sleep --",
    "sleep - recovery",
    "-sleep",
    "-sleep -cats",
    '-"mental growth"',
    "-tag:x -sleep",
    ".,;!?",
    "...",
    "@#$%^&*",
    "sleep. recovery,",
    "a" * 200,
    "ab " * 100,
    "x" * 10_000,
    "sleep " * 2000,
    '"' * 5000,
    "-" * 5000,
    "(" * 3000 + ")" * 3000,
    "NEAR(" * 1000,
    "\x00" * 10_000,
    "😀" * 3000,
    "tag:a " * 100,
    '"unterminated phrase with NEAR( and OR and * and ^',
    "sleep AND (recovery OR NEAR(cats, 3)) NOT ^title:x*",
    "sleep -" + "b" * 100 + " -c -" + "d" * 100,
    "sleep -" + "é" * 100 + "x",
]


@functools.cache
def _shared_table() -> sqlite3.Connection:
    """An in-memory FTS5 table configured like the catalog's, with a few rows (made once)."""
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, tags, summary, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    connection.executemany(
        "INSERT INTO t (rowid, title, tags, summary, body) VALUES (?, ?, ?, ?, ?)", _ROWS
    )
    return connection


@pytest.fixture
def db() -> sqlite3.Connection:
    """The shared FTS5 table (hypothesis tests use it directly: fixtures do not mix with @given)."""
    return _shared_table()


def rows(db: sqlite3.Connection, query: SearchQuery) -> set[int]:
    """The rowids the query's MATCH expression finds (all rows when it has none)."""
    if query.match is None:
        return {row[0] for row in _ROWS}
    return {rowid for (rowid,) in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (query.match,))}


def found(db: sqlite3.Connection, text: str, **options: bool) -> set[int]:
    """The rowids found for what the user typed."""
    return rows(db, parse_query(text, **options))


def check_valid(db: sqlite3.Connection, text: str, *, prefix_last: bool = True) -> SearchQuery:
    """Parse `text` and run its MATCH expression; everything about the result must be sane."""
    query = parse_query(text, prefix_last=prefix_last)
    rows(db, query)
    assert query.match is None or query.match.strip()
    assert all(isinstance(word, str) and word for word in query.words)
    assert all(isinstance(tag, str) and tag for tag in query.tags + query.excluded_tags)
    assert all(isinstance(problem, str) for problem in query.problems)
    assert len(query.words) <= MAX_TERMS
    assert all(len(word) <= MAX_TERM_LENGTH for word in query.words)
    if query.match is None:
        assert not query.words
    return query


# Validity: hostile input never raises and never gives an invalid MATCH.


def test_hostile_list_is_long_enough() -> None:
    assert len(HOSTILE) >= 60


def check_all_valid(db: sqlite3.Connection, texts: list[str], *, prefix_last: bool) -> int:
    """`check_valid` for every text, naming the text that fails; returns how many were checked.

    One test loops over many texts (rather than one test per text) to keep the suite fast.
    """
    for text in texts:
        try:
            check_valid(db, text, prefix_last=prefix_last)
        except Exception as error:
            raise AssertionError(f"{text[:80]!r}: {error!r}") from error
    return len(texts)


@pytest.mark.parametrize("prefix_last", [True, False])
def test_hostile_text_gives_a_valid_match(db: sqlite3.Connection, prefix_last: bool) -> None:
    assert check_all_valid(db, HOSTILE, prefix_last=prefix_last) == len(HOSTILE)


@pytest.mark.parametrize("prefix_last", [True, False])
def test_hostile_text_in_combination_gives_a_valid_match(
    db: sqlite3.Connection, prefix_last: bool
) -> None:
    combined = [
        variant
        for text in HOSTILE
        for variant in (f"sleep {text}", f"{text} sleep", f"-{text}", f'"{text}', f"sleep {text} ")
    ]
    combined += [
        f"{text[:50]}{glue}{other}"
        for text in HOSTILE
        for other in HOSTILE[:40]
        for glue in ("", " ")
    ]
    assert check_all_valid(db, combined, prefix_last=prefix_last) > 10_000


def test_punctuation_only_terms_are_dropped(db: sqlite3.Connection) -> None:
    for text in ('"" *', "* * *", ".", "...", "(((", "-", "--", '"', "😀", "\u200b", "\u0301"):
        query = check_valid(db, text)
        assert query.match is None, text
        assert query.words == ()
    assert parse_query("sleep ... ").match == '"sleep"'
    assert parse_query("sleep (((").match == '"sleep"'
    assert parse_query('sleep "').match == '"sleep"'


def test_has_searchable_text() -> None:
    assert has_searchable_text("a")
    assert has_searchable_text("日")
    assert has_searchable_text("...x...")
    assert has_searchable_text("42")
    for text in ("", " ", "...", "😀", "()", "\u0301", "\u200d", "-", "ᦰ"):
        assert not has_searchable_text(text), repr(text)


def test_every_searchable_character_tokenizes_to_something(db: sqlite3.Connection) -> None:
    """What `has_searchable_text` accepts, SQLite's unicode61 turns into one token each."""
    characters = [
        chr(code)
        for code in range(1, 0x30000)
        if not 0xD800 <= code <= 0xDFFF and has_searchable_text(chr(code))
    ]
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE c USING fts5(b, tokenize = 'unicode61 remove_diacritics 2')"
    )
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(c, 'instance')")
    connection.execute("INSERT INTO c (b) VALUES (?)", (" ".join(characters),))
    (tokens,) = connection.execute("SELECT count(*) FROM v").fetchone()
    connection.close()
    assert tokens == len(characters)


def test_fts5_literal_doubles_quotes() -> None:
    assert fts5_literal("a") == '"a"'
    assert fts5_literal('a"b') == '"a""b"'
    assert fts5_literal("ab", prefix=True) == '"ab" *'


def test_not_text_is_a_problem_not_an_error() -> None:
    query = parse_query(None)  # type: ignore[arg-type]
    assert query.match is None
    assert query.problems


# Words, phrases, prefixes and exclusions, checked against the table.


def test_all_words_must_match(db: sqlite3.Connection) -> None:
    query = parse_query("sleep recovery ")
    assert query.match == '("sleep" AND "recovery")'
    assert query.words == ("sleep", "recovery")
    assert rows(db, query) == {1}


def test_diacritics_are_ignored(db: sqlite3.Connection) -> None:
    assert found(db, "Cafe ") == {2}
    assert found(db, "CAFÉ ") == {2}
    assert found(db, "naive ") == {2}
    assert found(db, "cafe\u0301 ") == {2}
    assert parse_query("Café").words == ("Café",)


def test_last_word_is_a_prefix_while_typing(db: sqlite3.Connection) -> None:
    query = parse_query("rec")
    assert query.match == '"rec" *'
    assert query.words == ("rec",)
    assert rows(db, query) == {1}
    assert found(db, "rec ") == set()
    assert found(db, "rec", prefix_last=False) == set()
    assert found(db, "sleep rec") == {1}
    assert found(db, "c") == {2, 5}
    assert found(db, "日本") == {4}


def test_only_the_last_word_is_a_prefix() -> None:
    assert parse_query("rec sle").match == '("rec" AND "sle" *)'


def test_excluded_words(db: sqlite3.Connection) -> None:
    query = parse_query("sleep -recovery ")
    assert query.match == '"sleep" NOT "recovery"'
    assert query.words == ("sleep",)
    assert rows(db, query) == {5}
    assert found(db, "sleep -cats -recovery ") == set()
    assert parse_query("a -b -c").match == '"a" NOT ("b" OR "c")'


def test_an_excluded_word_is_never_a_prefix(db: sqlite3.Connection) -> None:
    assert parse_query("sleep -rec").match == '"sleep" NOT "rec"'
    assert found(db, "sleep -rec") == {1, 5}


def test_only_excluded_words_give_no_match_and_a_problem() -> None:
    query = parse_query('-sleep -"mental growth" tag:x')
    assert query.match is None
    assert query.words == ()
    assert query.tags == ("x",)
    assert query.problems == (
        "excluded words need a word to search for (-sleep, -mental growth ignored)",
    )


def test_phrases(db: sqlite3.Connection) -> None:
    query = parse_query('"mental growth"')
    assert query.match == '"mental growth"'
    assert query.words == ("mental growth",)
    assert rows(db, query) == {3}
    assert found(db, '"growth mental"') == set()
    assert found(db, 'habits -"mental growth"') == set()
    assert found(db, 'small -"mental growth" ') == set()
    assert found(db, 'cats -"mental growth" ') == {5}


def test_unclosed_quote_runs_to_the_end_as_a_phrase(db: sqlite3.Connection) -> None:
    query = parse_query('"mental gro')
    assert query.match == '"mental gro" *'
    assert rows(db, query) == {3}
    assert parse_query('"mental gro ').match == '"mental gro"'
    assert parse_query('tag:"machine learning').tags == ("machine learning",)


def test_quotes_inside_a_word_start_a_phrase() -> None:
    assert parse_query('a"b c"d').match == '("a" AND "b c" AND "d" *)'


def test_operators_are_searched_as_plain_words(db: sqlite3.Connection) -> None:
    assert found(db, "sleep AND ") == {1}  # "and" is in the title of row 1
    assert found(db, "sleep OR cats ") == set()
    assert found(db, "NOT sleep ") == set()
    assert found(db, "title:sleep ") == set()
    assert found(db, "{title} sleep ") == set()  # "title" is a word
    assert found(db, "NEAR(sleep recovery) ") == set()
    assert found(db, "sleep* ") == {1, 5}
    assert found(db, "^sleep ") == {1, 5}
    assert parse_query("NEAR(a b)").match == '("NEAR(a" AND "b" *)'


def test_edge_punctuation_is_stripped_from_words() -> None:
    query = parse_query('sleep, (recovery) "mental growth." well-being')
    assert query.words == ("sleep", "recovery", "mental growth", "well-being")


def test_duplicate_words_are_searched_once() -> None:
    assert parse_query("sleep Sleep SLEEP ").match == '"sleep"'
    query = parse_query("rec Rec")
    assert query.match == '("rec" AND "Rec" *)'
    assert query.words == ("rec",)


def test_control_characters_separate_words(db: sqlite3.Connection) -> None:
    assert parse_query("sleep\x00recovery ").match == '("sleep" AND "recovery")'
    assert found(db, "\x1bsleep\x07 ") == {1, 5}


# Limits.


def test_number_of_terms_is_capped(db: sqlite3.Connection) -> None:
    query = check_valid(db, " ".join(f"word{n}" for n in range(100)))
    assert len(query.words) == MAX_TERMS
    assert f"only the first {MAX_TERMS} words are searched" in query.problems


def test_long_text_is_cut(db: sqlite3.Connection) -> None:
    query = check_valid(db, "x" * 10_000)
    assert any(str(MAX_TEXT_LENGTH) in problem for problem in query.problems)


def test_long_word_is_cut_and_searched_as_a_prefix(db: sqlite3.Connection) -> None:
    query = check_valid(db, "y" * 200 + " ")
    assert query.words == ("y" * MAX_TERM_LENGTH,)
    assert query.match == f'"{"y" * MAX_TERM_LENGTH}" *'
    assert query.problems


# Tags.


def test_tags_are_lowercased_and_kept_out_of_the_match() -> None:
    query = parse_query('tag:Health TAG:"Machine  Learning" -tag:Food -TAG:"X Y" sleep')
    assert query.tags == ("health", "machine learning")
    assert query.excluded_tags == ("food", "x y")
    assert query.match == '"sleep" *'
    assert query.words == ("sleep",)
    assert query.problems == ()


def test_duplicate_tags_are_kept_once() -> None:
    assert parse_query("tag:a TAG:A tag:b").tags == ("a", "b")


def test_empty_tag_is_a_problem() -> None:
    for text in ("tag:", 'tag:""', 'tag:"  "', 'tag:"'):
        query = parse_query(text)
        assert query.tags == ()
        assert query.problems == ("tag: needs a tag name (ignored)",), text
    assert parse_query("-tag:").problems == ("-tag: needs a tag name (ignored)",)


def test_tag_followed_by_space_is_empty_and_the_word_is_searched() -> None:
    query = parse_query("tag: sleep ")
    assert query.tags == ()
    assert query.match == '"sleep"'


# Dates.


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024", "2024-01-01"),
        ("2024-05", "2024-05-01"),
        ("2024-5", "2024-05-01"),
        ("2024-05-07", "2024-05-07"),
        ("2024-5-7", "2024-05-07"),
        ("2024-02-29", "2024-02-29"),
        ("2023-02-29", None),
        ("2024-13", None),
        ("2024-00-10", None),
        ("2024-04-31", None),
        ("0000", None),
        ("24", None),
        ("2024-", None),
        ("2024/05/01", None),
        ("soon", None),
        ("2024-05-01T10:00", None),
        ("٢٠٢٤", None),
    ],
)
def test_parse_date_bound(value: str, iso: str | None) -> None:
    assert parse_date_bound(value) == iso


def test_before_and_after() -> None:
    query = parse_query("before:2024 AFTER:2023-5 sleep")
    assert query.before == "2024-01-01"
    assert query.after == "2023-05-01"
    assert query.match == '"sleep" *'
    assert query.problems == ()


def test_date_bound_semantics() -> None:
    """`after` is inclusive, `before` exclusive; a partial date stands for its first day."""
    dates = ["2023-12-31", "2023-12-31T23:59:59", "2024-01-01", "2024-01-01T08:00:00", "2024-06"]
    after = parse_query("after:2024").after
    before = parse_query("before:2024").before
    assert after == before == "2024-01-01"
    assert [d for d in dates if d >= after] == ["2024-01-01", "2024-01-01T08:00:00", "2024-06"]
    assert [d for d in dates if d < before] == ["2023-12-31", "2023-12-31T23:59:59"]
    day = parse_query("after:2024-01-01 before:2024-01-02")
    assert [d for d in dates if day.after <= d < day.before] == [  # type: ignore[operator]
        "2024-01-01",
        "2024-01-01T08:00:00",
    ]


def test_narrower_bound_wins() -> None:
    query = parse_query("before:2025 before:2024-03 after:2020 after:2021-06")
    assert query.before == "2024-03-01"
    assert query.after == "2021-06-01"


def test_bad_dates_are_problems() -> None:
    assert parse_query("before:soon").problems == ("before: 'soon' is not a date (ignored)",)
    assert parse_query("after:2024-02-30").problems == (
        "after: '2024-02-30' is not a date (ignored)",
    )
    assert parse_query("before:").problems == ("before: needs a date such as 2024-05-01 (ignored)",)
    query = parse_query("-before:2024")
    assert query.before is None
    assert query.problems == ("-before: cannot be excluded; use after: (ignored)",)
    assert parse_query("before:soon").before is None


def test_empty_date_range_is_a_problem() -> None:
    query = parse_query("after:2024 before:2024")
    assert query.after == query.before == "2024-01-01"
    assert query.problems == (
        "after:2024-01-01 is not earlier than before:2024-01-01: nothing can match",
    )


def test_unknown_qualifier_is_a_word() -> None:
    assert parse_query("title:foo ").match == '"title:foo"'
    assert parse_query("before2024 ").match == '"before2024"'


def test_empty_property() -> None:
    assert parse_query("").empty
    assert parse_query("  ...  ").empty
    assert parse_query("-sleep").empty
    assert not parse_query("sleep").empty
    assert not parse_query("tag:x").empty
    assert not parse_query("-tag:x").empty
    assert not parse_query("before:2024").empty
    assert not parse_query("after:2024").empty


def test_parse_is_fast() -> None:
    start = time.perf_counter()
    for text in HOSTILE:
        parse_query(text)
    assert time.perf_counter() - start < 1.0


# Property tests (hypothesis is a dev dependency).

if HAVE_HYPOTHESIS:
    _FRAGMENTS = st.sampled_from(
        [
            " ", '"', "-", "*", "^", ":", "(", ")", "+", "{", "}", ",", "'", "\x00", "\t",
            "NEAR", "AND", "OR", "NOT", "near", "tag:", "before:", "after:", "title:",
            "sleep", "rec", "café", "日本", "😀", "\u0301", "\u200d", "2024", "2024-05", "ᦰ",
        ]
    )  # fmt: skip
    _ANY_CHARACTER = st.characters(codec=None, categories=None)

    @settings(max_examples=300, deadline=None)
    @given(st.text(_ANY_CHARACTER, max_size=80), st.booleans())
    def test_random_text_never_gives_an_invalid_match(text: str, prefix_last: bool) -> None:
        check_valid(_shared_table(), text, prefix_last=prefix_last)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(_FRAGMENTS | st.text(_ANY_CHARACTER, max_size=3), max_size=20), st.booleans())
    def test_random_syntax_never_gives_an_invalid_match(
        fragments: list[str], prefix_last: bool
    ) -> None:
        check_valid(_shared_table(), "".join(fragments), prefix_last=prefix_last)

else:  # pragma: no cover

    @pytest.mark.skip(reason="hypothesis is not installed")
    def test_random_text_never_gives_an_invalid_match() -> None:
        """Skipped without hypothesis."""
