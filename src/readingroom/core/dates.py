"""Front-matter dates normalised to one sortable form."""

from __future__ import annotations

import datetime as dt
import re

_DATE_PREFIX_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def normalise_date(value: object) -> str | None:
    """Return an ISO string (`2024-05-01` or `2024-05-01T09:30:00`) or None if not a date.

    Accepts a date, a datetime (an aware one is converted to UTC) or a string in ISO form, so that
    sorting never compares mixed types: every date sorts as a string of the same shape.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            parsed = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if " " in text else text)
        except ValueError:
            match = _DATE_PREFIX_RE.match(text)
            if match is None:
                return None
            try:
                return dt.date(*(int(part) for part in match.groups())).isoformat()
            except ValueError:
                return None
        return normalise_date(parsed)
    return None


def display_date(iso: str) -> str:
    """The date part of a normalised date, for display."""
    return iso[:10]
