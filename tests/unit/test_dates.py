"""normalise_date: one sortable ISO string for every way a date can be written."""

from __future__ import annotations

import datetime as dt

import pytest

from readingroom.core.dates import display_date, normalise_date

UTC_PLUS_2 = dt.timezone(dt.timedelta(hours=2))
UTC_MINUS_2 = dt.timezone(dt.timedelta(hours=-2))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 5, 1), "2024-05-01"),
        (dt.datetime(2024, 5, 1), "2024-05-01"),
        (dt.datetime(2024, 5, 1, 9, 30), "2024-05-01T09:30:00"),
        (dt.datetime(2024, 5, 1, 9, 30, 15, 999_999), "2024-05-01T09:30:15"),
        (dt.datetime(2024, 5, 1, 9, 30, tzinfo=UTC_PLUS_2), "2024-05-01T07:30:00"),
        (dt.datetime(2024, 5, 1, 23, 30, tzinfo=UTC_MINUS_2), "2024-05-02T01:30:00"),
        (dt.datetime(2024, 5, 1, 2, 0, tzinfo=UTC_PLUS_2), "2024-05-01"),
        (dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC), "2024-05-01T09:30:00"),
    ],
)
def test_dates_and_datetimes(value: object, expected: str) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01", "2024-05-01"),
        ("  2024-05-01  ", "2024-05-01"),
        ("2024-05-01T09:30:00", "2024-05-01T09:30:00"),
        ("2024-05-01T09:30", "2024-05-01T09:30:00"),
        ("2024-05-01 09:30", "2024-05-01T09:30:00"),
        ("2024-05-01T00:00:00", "2024-05-01"),
        ("2024-05-01T09:30:00+02:00", "2024-05-01T07:30:00"),
        ("2024-05-01T09:30:00Z", "2024-05-01T09:30:00"),
        ("2024-05-01T09:30:00.250", "2024-05-01T09:30:00"),
        ("2024-5-1", "2024-05-01"),
        ("2024-05-01 and some words", "2024-05-01"),
    ],
)
def test_iso_strings(text: str, expected: str) -> None:
    assert normalise_date(text) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "garbage",
        "May 1st, 2024",
        "01/05/2024",
        "2024-13-01",
        "2024-02-30",
        "2024",
        20240501,
        1.5,
        True,
        None,
        ["2024-05-01"],
        {"date": "2024-05-01"},
    ],
)
def test_anything_else_is_not_a_date(value: object) -> None:
    assert normalise_date(value) is None


def test_leap_day() -> None:
    assert normalise_date("2024-02-29") == "2024-02-29"
    assert normalise_date("2023-02-29") is None


def test_normalised_dates_sort_chronologically_as_strings() -> None:
    values: list[object] = [
        "2024-05-01T09:30:00",
        dt.date(2024, 5, 1),
        dt.datetime(2024, 4, 30, 23, 59),
        "2023-12-31",
        dt.datetime(2024, 5, 1, 8, 0, tzinfo=UTC_PLUS_2),  # 06:00 UTC
    ]
    normalised = [normalise_date(value) for value in values]
    assert None not in normalised
    ordered = sorted(str(value) for value in normalised)
    assert ordered == [
        "2023-12-31",
        "2024-04-30T23:59:00",
        "2024-05-01",
        "2024-05-01T06:00:00",
        "2024-05-01T09:30:00",
    ]


def test_display_date_is_the_date_part() -> None:
    assert display_date("2024-05-01T09:30:00") == "2024-05-01"
    assert display_date("2024-05-01") == "2024-05-01"
