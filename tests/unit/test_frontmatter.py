"""Front matter: splitting it off the body and type-checking what PyYAML's safe loader gives."""

from __future__ import annotations

import pytest

from readingroom.core.frontmatter import (
    FRONT_MATTER_LIMIT,
    normalise_newlines,
    parse_front_matter,
    split_front_matter,
)

# -- split_front_matter -------------------------------------------------------------------


def test_text_without_front_matter_is_all_body() -> None:
    text = "# Title\n\nBody text.\n"
    assert split_front_matter(text) == (None, text)


def test_dashes_closer() -> None:
    assert split_front_matter("---\ntitle: A\n---\n# Body\n") == ("title: A\n", "# Body\n")


def test_dots_closer() -> None:
    assert split_front_matter("---\ntitle: A\n...\nBody\n") == ("title: A\n", "Body\n")


def test_closer_on_the_last_line_without_newline_leaves_an_empty_body() -> None:
    assert split_front_matter("---\ntitle: A\n---") == ("title: A\n", "")


def test_empty_front_matter() -> None:
    assert split_front_matter("---\n---\nBody") == ("", "Body")


def test_trailing_spaces_on_the_fences_are_allowed() -> None:
    assert split_front_matter("---  \ntitle: A\n---\t\nBody") == ("title: A\n", "Body")


def test_unclosed_front_matter_is_no_front_matter() -> None:
    text = "---\ntitle: A\n\nBody that never closes the block\n"
    assert split_front_matter(text) == (None, text)


def test_opener_must_be_on_the_very_first_line() -> None:
    text = "\n---\ntitle: A\n---\nBody\n"
    assert split_front_matter(text) == (None, text)


@pytest.mark.parametrize("opener", ["----", "--- title: A", "-- -", "---x"])
def test_opener_must_be_exactly_three_dashes(opener: str) -> None:
    text = f"{opener}\ntitle: A\n---\nBody\n"
    assert split_front_matter(text) == (None, text)


def test_only_the_first_closer_ends_the_front_matter() -> None:
    source, body = split_front_matter("---\ntitle: A\n---\nIntro\n\n---\n\nAfter a rule\n")
    assert source == "title: A\n"
    assert body == "Intro\n\n---\n\nAfter a rule\n"


def test_a_lone_dashes_line_is_body() -> None:
    assert split_front_matter("---") == (None, "---")


def test_normalise_newlines_drops_bom_and_converts_crlf_and_cr() -> None:
    assert normalise_newlines("\ufeffa\r\nb\rc\nd") == "a\nb\nc\nd"
    assert normalise_newlines("plain\n") == "plain\n"
    # Only a leading BOM is dropped.
    assert normalise_newlines("a\ufeffb") == "a\ufeffb"


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeff---\ntitle: A\n---\nBody\nmore",
        "---\r\ntitle: A\r\n---\r\nBody\r\nmore",
        "\ufeff---\r\ntitle: A\r\n---\r\nBody\r\nmore",
        "---\rtitle: A\r---\rBody\rmore",
    ],
    ids=["bom", "crlf", "bom-crlf", "cr"],
)
def test_bom_and_crlf_and_cr_front_matter_after_normalising(raw: str) -> None:
    source, body = split_front_matter(normalise_newlines(raw))
    assert source == "title: A\n"
    assert body == "Body\nmore"
    assert parse_front_matter(source).title == "A"


# -- parse_front_matter: fields -----------------------------------------------------------


@pytest.mark.parametrize("source", [None, "", "   \n\n", "# only a comment\n"])
def test_absent_or_empty_front_matter_gives_defaults(source: str | None) -> None:
    matter = parse_front_matter(source)
    assert matter.title is None
    assert matter.date is None
    assert matter.tags == ()
    assert matter.summary == ""
    assert matter.author == ""
    assert matter.related == ()
    assert matter.extra == {}
    assert matter.error is None
    assert matter.problems == []


def test_every_field_read() -> None:
    matter = parse_front_matter(
        "title: 'Beyond the Burn: Fatigue'\n"
        "date: 2025-03-14\n"
        "tags: [training, recovery]\n"
        "summary: One or two sentences.\n"
        "author: The Readingroom Team\n"
        "related:\n"
        "  - mental-health/understanding-trauma\n"
        "  - 'Breaking the Stigma: What Addiction Really Looks Like'\n"
        "  - sleep-the-hidden-workout.md\n"
    )
    assert matter.error is None
    assert matter.problems == []
    assert matter.title == "Beyond the Burn: Fatigue"
    assert matter.date == "2025-03-14"
    assert matter.tags == ("training", "recovery")
    assert matter.summary == "One or two sentences."
    assert matter.author == "The Readingroom Team"
    assert matter.related == (
        "mental-health/understanding-trauma",
        "Breaking the Stigma: What Addiction Really Looks Like",
        "sleep-the-hidden-workout.md",
    )
    assert matter.extra == {}


def test_tags_as_a_comma_separated_string_drop_blanks_and_spaces() -> None:
    matter = parse_front_matter("tags: ' training , recovery,, sleep ,'\n")
    assert matter.tags == ("training", "recovery", "sleep")
    assert matter.problems == []


def test_tags_list_items_are_stripped_and_blank_items_dropped() -> None:
    matter = parse_front_matter("tags: ['  a ', '', b]\n")
    assert matter.tags == ("a", "b")


def test_numbers_in_tags_become_strings() -> None:
    assert parse_front_matter("tags: [2024, 1.5, x]\n").tags == ("2024", "1.5", "x")
    assert parse_front_matter("tags: 7\n").tags == ("7",)


def test_related_as_a_comma_separated_string() -> None:
    matter = parse_front_matter("related: a, b/c.md ,d\n")
    assert matter.related == ("a", "b/c.md", "d")


def test_summary_from_description() -> None:
    matter = parse_front_matter("description: From the description.\n")
    assert matter.summary == "From the description."
    assert "description" not in matter.extra


def test_summary_given_first_is_not_replaced_by_description() -> None:
    matter = parse_front_matter("summary: The summary.\ndescription: The description.\n")
    assert matter.summary == "The summary."


def test_author_list_is_joined() -> None:
    matter = parse_front_matter("author: [Ann, Bo]\n")
    assert matter.author == "Ann, Bo"


def test_author_string_with_a_comma_is_kept_whole() -> None:
    matter = parse_front_matter("author: 'Smith, Ann'\n")
    assert matter.author == "Smith, Ann"


def test_numbers_as_title_are_text() -> None:
    assert parse_front_matter("title: 1984\n").title == "1984"
    assert parse_front_matter("title: 3.5\n").title == "3.5"


def test_keys_are_case_insensitive() -> None:
    matter = parse_front_matter("Title: Upper\nTAGS: [a]\nDate: 2024-01-02\n")
    assert matter.title == "Upper"
    assert matter.tags == ("a",)
    assert matter.date == "2024-01-02"
    assert matter.extra == {}


def test_unknown_keys_are_kept_in_extra() -> None:
    matter = parse_front_matter("title: A\nlayout: post\ndraft: true\nweights: {a: 1}\n")
    assert matter.title == "A"
    assert matter.extra == {"layout": "post", "draft": True, "weights": {"a": 1}}
    assert matter.error is None
    assert matter.problems == []


def test_non_string_keys_are_ignored() -> None:
    matter = parse_front_matter("1: one\ntrue: yes\ntitle: A\n")
    assert matter.title == "A"
    assert matter.extra == {}
    assert matter.error is None


def test_null_values_are_not_problems() -> None:
    matter = parse_front_matter("title:\ndate: ~\ntags:\nsummary: null\n")
    assert matter.title is None
    assert matter.date is None
    assert matter.tags == ()
    assert matter.summary == ""
    assert matter.problems == []


# -- parse_front_matter: errors and problems ----------------------------------------------


def test_invalid_yaml_is_an_error_naming_the_reason_and_line() -> None:
    matter = parse_front_matter("title: A\ntags: [unclosed\n")
    assert matter.error is not None
    assert matter.error.startswith("front matter is not valid YAML: ")
    reason = matter.error.removeprefix("front matter is not valid YAML: ")
    assert "expected" in reason
    assert "line" in reason
    assert "\n" not in matter.error
    # Nothing is half-read from a broken block.
    assert matter.title is None


def test_bad_indentation_is_an_error() -> None:
    matter = parse_front_matter("title: A\n  date: 2024-01-01\n bad: [\n")
    assert matter.error is not None
    assert "not valid YAML" in matter.error


def test_python_tags_are_refused_by_the_safe_loader() -> None:
    matter = parse_front_matter("title: !!python/object/apply:os.system ['echo hi']\n")
    assert matter.error is not None
    assert "not valid YAML" in matter.error
    assert "constructor" in matter.error
    assert matter.title is None


@pytest.mark.parametrize(
    ("source", "kind"),
    [("- a\n- b\n", "list"), ("just some text\n", "str"), ("42\n", "int")],
)
def test_front_matter_that_is_not_a_mapping_is_an_error(source: str, kind: str) -> None:
    matter = parse_front_matter(source)
    assert matter.error == f"front matter is a {kind}, not a mapping of keys"
    assert matter.title is None


def test_oversized_front_matter_is_an_error_without_parsing() -> None:
    source = "title: A\n" + "# padding\n" * (FRONT_MATTER_LIMIT // 10 + 1)
    assert len(source) > FRONT_MATTER_LIMIT
    matter = parse_front_matter(source)
    assert matter.error is not None
    assert "larger than" in matter.error
    assert matter.title is None


def test_alias_recursion_does_not_raise() -> None:
    matter = parse_front_matter("loop: &a [*a]\ntitle: Fine\n")
    assert matter.title == "Fine"
    assert matter.error is None


@pytest.mark.parametrize(
    ("source", "key", "kind"),
    [
        ("title: [a, b]\n", "title", "list"),
        ("title: true\n", "title", "bool"),
        ("tags: {a: 1}\n", "tags", "dict"),
        ("tags: [a, [b]]\n", "tags", "list"),
        ("date: not a date\n", "date", "str"),
        ("date: 12\n", "date", "int"),
        ("summary: [a]\n", "summary", "list"),
        ("author: {name: A}\n", "author", "dict"),
        ("related: {a: b}\n", "related", "dict"),
    ],
)
def test_a_field_of_the_wrong_type_is_a_problem_and_ignored(
    source: str, key: str, kind: str
) -> None:
    matter = parse_front_matter(source)
    assert matter.error is None
    assert matter.problems == [f"front matter `{key}`: a {kind} is not usable here"]
    assert matter.title is None
    assert matter.date is None
    assert matter.tags == ()
    assert matter.summary == ""
    assert matter.author == ""
    assert matter.related == ()


def test_problems_do_not_stop_other_fields() -> None:
    matter = parse_front_matter("title: [x]\ndate: 2024-02-03\ntags: [ok]\n")
    assert matter.title is None
    assert matter.date == "2024-02-03"
    assert matter.tags == ("ok",)
    assert len(matter.problems) == 1


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_date", "expected"),
    [
        ("2025-03-14", "2025-03-14"),
        ("'2025-03-14'", "2025-03-14"),
        ("2025-03-14 09:30:00", "2025-03-14T09:30:00"),
        ("2025-03-14T09:30:00", "2025-03-14T09:30:00"),
        ("2025-03-14T00:00:00", "2025-03-14"),
        ("2025-03-14T09:30:00Z", "2025-03-14T09:30:00"),
        ("2025-03-14 09:30:00+02:00", "2025-03-14T07:30:00"),
        ("2025-03-14T23:30:00-02:00", "2025-03-15T01:30:00"),
        ("'2025-03-14T09:30:00+02:00'", "2025-03-14T07:30:00"),
        ("'2025-3-4'", "2025-03-04"),
    ],
)
def test_dates_are_normalised(yaml_date: str, expected: str) -> None:
    matter = parse_front_matter(f"date: {yaml_date}\n")
    assert matter.date == expected
    assert matter.problems == []


@pytest.mark.parametrize("garbage", ["tomorrow", "'2025-13-01'", "'2025-02-30'", "[2025]"])
def test_garbage_dates_are_problems(garbage: str) -> None:
    matter = parse_front_matter(f"date: {garbage}\n")
    assert matter.date is None
    assert len(matter.problems) == 1
    assert matter.problems[0].startswith("front matter `date`:")
