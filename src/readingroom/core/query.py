"""What the user typed in a search box, turned into a safe FTS5 query and filters.

`parse_query` never raises and never produces an invalid FTS5 MATCH expression, whatever the text:
every word or phrase the user typed becomes an FTS5 string literal, so FTS5 operators typed
literally (`NEAR`, `AND`, `OR`, `NOT`, `*`, `^`, `:`, `(`, `)`, `+`, `{col}`, `title:x`) are
searched as plain words. The syntax understood:

- `sleep recovery`: every word must match (AND);
- `"mental growth"`: a phrase; a quote that is never closed runs to the end of the text;
- `-word`, `-"a phrase"`: excluded (NOT);
- `tag:x`, `tag:"machine learning"`, `-tag:x`: tag filters, lowercased;
- `before:2024-05-01`, `after:2024-05` (also `YYYY`): date filters;
- the last word, when the text does not end with a space, is a prefix (`"rec" *`), so results
  appear while the user types. A closed phrase or an excluded word is never a prefix: excluding
  every word that starts with the letters typed so far would empty the results while typing.

Date semantics (dates compare as ISO strings, so `2024-05-01T09:30:00` sorts inside its day): a
partial date stands for its first day, so `after:2024` keeps dates `>= "2024-01-01"` (all of 2024
and later) and `before:2024` keeps dates `< "2024-01-01"` (up to the end of 2023): `before:X` and
`after:X` split the dates in two. Given twice, the narrower bound wins.

Excluded words alone: FTS5 cannot run a query made only of NOT terms, so when there is no word
to search for, `match` is None and the excluded words are named in `problems` (they are ignored).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_TEXT_LENGTH = 2000
"""Characters of the typed text that are read; the rest is ignored (with a problem)."""
MAX_TERMS = 32
"""Words and phrases (kept or excluded) that go into the MATCH expression."""
MAX_TERM_LENGTH = 64
"""Characters of one word, phrase or tag; a longer word is cut and searched as a prefix."""

_QUALIFIERS = ("tag", "before", "after")
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
_EDGE_PUNCTUATION = string.punctuation + " "
"""Stripped from both ends of a word (for highlighting): FTS5 ignores them there anyway."""
_OLD_UNICODE = unicodedata.ucd_3_2_0
_RECLASSIFIED = frozenset([*range(0x19B0, 0x19CA), 0x1CF2, 0x1CF3])
"""Letters today that were marks when SQLite's unicode61 tables were made: not token characters."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed search: an FTS5 MATCH expression plus the filters the catalog applies itself.

    `before` is an exclusive upper bound and `after` an inclusive lower bound, both ISO dates
    (`YYYY-MM-DD`) to compare with the catalog's ISO date strings: `date < before`,
    `date >= after`. `words` are the kept (not excluded) words and phrases, as typed, for
    highlighting. `problems` explain what was ignored or changed; parsing never raises.
    """

    match: str | None
    tags: tuple[str, ...] = ()
    excluded_tags: tuple[str, ...] = ()
    before: str | None = None
    after: str | None = None
    words: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the query asks for nothing: no text to match and no filter."""
        return (
            self.match is None
            and not self.tags
            and not self.excluded_tags
            and self.before is None
            and self.after is None
        )


@dataclass(frozen=True, slots=True)
class _Token:
    """One piece of the typed text: a word, a phrase or a `name:value` qualifier."""

    value: str
    negated: bool = False
    qualifier: str | None = None
    open_end: bool = False
    """True when the token runs to the very end of the text (a word being typed)."""


@dataclass(frozen=True, slots=True)
class _Term:
    """A word or phrase bound for the MATCH expression."""

    text: str
    negated: bool
    prefix: bool

    def literal(self) -> str:
        """The term as an FTS5 string literal, with ` *` when it is a prefix."""
        return fts5_literal(self.text, prefix=self.prefix)


def fts5_literal(text: str, *, prefix: bool = False) -> str:
    """`text` as an FTS5 string (`"..."`, inner quotes doubled), followed by ` *` for a prefix.

    The text must tokenize to something (see `has_searchable_text`) for the string to be safe in
    every position of a MATCH expression.
    """
    quoted = '"' + text.replace('"', '""') + '"'
    return quoted + " *" if prefix else quoted


@dataclass(slots=True)
class _Builder:
    """Collects terms, filters and problems while the tokens are read."""

    terms: list[_Term] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    excluded_tags: list[str] = field(default_factory=list)
    before: str | None = None
    after: str | None = None
    problems: list[str] = field(default_factory=list)

    def problem(self, message: str) -> None:
        """Record a problem once."""
        if message not in self.problems:
            self.problems.append(message)


def parse_query(text: str, *, prefix_last: bool = True) -> SearchQuery:
    """Parse what the user typed into a `SearchQuery`; never raises.

    With `prefix_last` (the default, for results as the user types) the last word is searched as
    a prefix unless the text ends with whitespace.
    """
    builder = _Builder()
    if not isinstance(text, str):
        builder.problem("the query is not text (ignored)")
        return _finish(builder)
    if len(text) > MAX_TEXT_LENGTH:
        builder.problem(f"the query is long: only its first {MAX_TEXT_LENGTH} characters are read")
        text = text[:MAX_TEXT_LENGTH]
    for token in _tokens(_clean(text)):
        _add_token(builder, token, prefix_last)
    return _finish(builder)


def _clean(text: str) -> str:
    """Replace control characters, surrogates and unassigned code points with spaces."""
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Cs", "Cn") else char for char in text
    )


def _tokens(text: str) -> Iterator[_Token]:
    """Split cleaned text into words, phrases and qualifiers, left to right."""
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        token, position = _read_token(text, position)
        yield token


def _read_token(text: str, start: int) -> tuple[_Token, int]:
    """Read the token starting at `start` (not whitespace); return it and where it ends."""
    negated = text[start] == "-" and start + 1 < len(text) and not text[start + 1].isspace()
    position = start + 1 if negated else start
    if text[position] == '"':
        value, position, closed = _read_quoted(text, position)
        open_end = not closed and not text[-1].isspace()
        return _Token(value, negated, open_end=open_end), position
    end = position
    while end < len(text) and not text[end].isspace() and text[end] != '"':
        end += 1
    word = text[position:end]
    name, colon, value = word.partition(":")
    if not colon or name.lower() not in _QUALIFIERS:
        return _Token(word, negated, open_end=end == len(text)), end
    if not value and end < len(text) and text[end] == '"':
        value, end, _closed = _read_quoted(text, end)
    return _Token(value, negated, qualifier=name.lower()), end


def _read_quoted(text: str, quote: int) -> tuple[str, int, bool]:
    """Read a quoted value whose opening quote is at `quote`: (value, end, closed).

    A quote that is never closed runs to the end of the text.
    """
    closing = text.find('"', quote + 1)
    if closing < 0:
        return text[quote + 1 :], len(text), False
    return text[quote + 1 : closing], closing + 1, True


def _add_token(builder: _Builder, token: _Token, prefix_last: bool) -> None:
    """Add one token to the builder: a term, a tag or a date bound."""
    if token.qualifier == "tag":
        _add_tag(builder, token)
    elif token.qualifier is not None:
        _add_date(builder, token)
    else:
        _add_term(builder, token, prefix=prefix_last and token.open_end and not token.negated)


def _add_term(builder: _Builder, token: _Token, *, prefix: bool) -> None:
    """Add a word or phrase, unless it has nothing to search for or the terms are full."""
    text = " ".join(token.value.split()).strip(_EDGE_PUNCTUATION)
    if len(text) > MAX_TERM_LENGTH:
        builder.problem(
            f"'{text[:20]}…' is long: only its first {MAX_TERM_LENGTH} characters are searched"
        )
        text, prefix = text[:MAX_TERM_LENGTH], True
    if not has_searchable_text(text):
        return
    term = _Term(text, token.negated, prefix)
    if any(_same_term(term, other) for other in builder.terms):
        return
    if len(builder.terms) >= MAX_TERMS:
        builder.problem(f"only the first {MAX_TERMS} words are searched")
        return
    builder.terms.append(term)


def _same_term(one: _Term, other: _Term) -> bool:
    """True when two terms search for the same thing."""
    return (one.text.casefold(), one.negated, one.prefix) == (
        other.text.casefold(),
        other.negated,
        other.prefix,
    )


def has_searchable_text(text: str) -> bool:
    """True when FTS5's unicode61 tokenizer finds at least one token in `text`.

    unicode61 keeps letters, numbers and private-use characters (categories L*, N*, Co); the rest
    (punctuation, symbols, emoji) only separates tokens. A string that tokenizes to nothing must
    never reach FTS5, so when in doubt a character does not count (see `_is_token_char`).
    """
    return any(_is_token_char(char) for char in text)


def _is_token_char(char: str) -> bool:
    """True for a character that SQLite's unicode61 tokenizer surely keeps in a token.

    SQLite's Unicode tables are older than Python's: a character counts when it is a letter or a
    number today and was one (or was unassigned) in Unicode 3.2, the oldest tables Python has,
    and is not one of the few characters known to have changed from a mark to a letter since.
    """
    if ord(char) in _RECLASSIFIED or not _token_category(unicodedata.category(char)):
        return False
    old = _OLD_UNICODE.category(char)
    return old == "Cn" or _token_category(old)


def _token_category(category: str) -> bool:
    """True for the Unicode categories unicode61 keeps in tokens by default."""
    return category[0] in "LN" or category == "Co"


def _add_tag(builder: _Builder, token: _Token) -> None:
    """Add a `tag:x` (or `-tag:x`) filter, lowercased with its spaces collapsed."""
    tag = " ".join(token.value.split()).lower()[:MAX_TERM_LENGTH]
    name = "-tag:" if token.negated else "tag:"
    if not tag:
        builder.problem(f"{name} needs a tag name (ignored)")
        return
    target = builder.excluded_tags if token.negated else builder.tags
    if tag not in target and len(target) < MAX_TERMS:
        target.append(tag)


def _add_date(builder: _Builder, token: _Token) -> None:
    """Add a `before:` or `after:` bound; the narrower of two bounds wins."""
    name = f"{token.qualifier}:"
    value = token.value.strip()
    if token.negated:
        builder.problem(f"-{name} cannot be excluded; use {_other_bound(name)} (ignored)")
        return
    if not value:
        builder.problem(f"{name} needs a date such as 2024-05-01 (ignored)")
        return
    iso = parse_date_bound(value)
    if iso is None:
        builder.problem(f"{name} '{value[:MAX_TERM_LENGTH]}' is not a date (ignored)")
    elif token.qualifier == "before":
        builder.before = iso if builder.before is None else min(builder.before, iso)
    else:
        builder.after = iso if builder.after is None else max(builder.after, iso)


def _other_bound(name: str) -> str:
    """The opposite date qualifier: `after:` for `before:` and the reverse."""
    return "after:" if name == "before:" else "before:"


def parse_date_bound(value: str) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the ISO date of its first day, or None.

    Months and days may have one digit (`2024-5-1`); impossible dates (`2024-02-30`) are None.
    """
    found = _DATE_RE.fullmatch(value)
    if found is None:
        return None
    year, month, day = (int(part) if part else 1 for part in found.groups())
    if year < 1 or not 1 <= month <= 12:
        return None
    days = (31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if not 1 <= day <= days[month - 1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _leap(year: int) -> bool:
    """True for a leap year of the Gregorian calendar."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _finish(builder: _Builder) -> SearchQuery:
    """Build the `SearchQuery` from what was collected."""
    if builder.before is not None and builder.after is not None and builder.after >= builder.before:
        builder.problem(
            f"after:{builder.after} is not earlier than before:{builder.before}: nothing can match"
        )
    match = _match_expression(builder)
    return SearchQuery(
        match=match,
        tags=tuple(builder.tags),
        excluded_tags=tuple(builder.excluded_tags),
        before=builder.before,
        after=builder.after,
        words=_unique(term.text for term in builder.terms if not term.negated),
        problems=tuple(builder.problems),
    )


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    """The texts without repeats (ignoring case), in order."""
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(text.casefold(), text)
    return tuple(seen.values())


def _match_expression(builder: _Builder) -> str | None:
    """`kept AND kept ... NOT (excluded OR ...)`, or None when no word is kept.

    FTS5 cannot run a query of excluded words alone: they are then named in a problem.
    """
    kept = [term.literal() for term in builder.terms if not term.negated]
    excluded = [term.literal() for term in builder.terms if term.negated]
    if not kept:
        if excluded:
            names = ", ".join(f"-{term.text}" for term in builder.terms if term.negated)
            builder.problem(f"excluded words need a word to search for ({names} ignored)")
        return None
    expression = _group(kept, "AND")
    if excluded:
        expression = f"{expression} NOT {_group(excluded, 'OR')}"
    return expression


def _group(literals: list[str], operator: str) -> str:
    """Join literals with an operator, in parentheses when there is more than one."""
    if len(literals) == 1:
        return literals[0]
    return "(" + f" {operator} ".join(literals) + ")"
