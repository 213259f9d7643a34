"""Front matter: optional YAML between `---` lines at the very top of a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml

from readingroom.core.dates import normalise_date
from readingroom.core.options import DEFAULT_RELATION_KEYS
from readingroom.core.sanitize import clean_label

FRONT_MATTER_LIMIT = 64 * 1024
V = TypeVar("V")
# PyYAML's C safe loader when it is built (about 9x faster on front matter), else the Python one.
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, but a date YAML cannot represent (`0000-00-00`) stays a string
    instead of failing the whole front matter."""


def _lenient_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
_SAFE_LOADER: type[yaml.SafeLoader] = _SafeLoader
_OPEN = "---"
_CLOSERS = ("---", "...")


@dataclass(slots=True)
class FrontMatter:
    """The fields readingroom uses, type-checked, plus what went wrong reading them."""

    title: str | None = None
    date: str | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    author: str = ""
    related: tuple[str, ...] = ()
    relations: list[tuple[str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    problems: list[str] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    """Drop a leading BOM and turn CRLF and CR line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split normalised text into (front matter YAML or None, body).

    Front matter opens with `---` on the very first line and closes with `---` or `...`.
    Without a closing line there is no front matter and the whole text is the body.
    """
    if not text.startswith(_OPEN):
        return None, text
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip() != _OPEN:
        return None, text
    start = first_end + 1
    position = start
    while position <= len(text):
        end = text.find("\n", position)
        line_end = len(text) if end == -1 else end
        if text[position:line_end].rstrip() in _CLOSERS:
            body_start = len(text) if end == -1 else end + 1
            return text[start:position], text[body_start:]
        if end == -1:
            break
        position = end + 1
    return None, text


def _as_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | dt.date):
        return str(value)
    return None


def _as_list(value: object, *, split_commas: bool) -> tuple[str, ...] | None:
    """A list of strings from a YAML list or (optionally) a comma-separated string."""
    if isinstance(value, str):
        parts = value.split(",") if split_commas else [value]
        return tuple(part.strip() for part in parts if part.strip())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list):
        items: list[str] = []
        for item in value:
            text = _as_text(item)
            if text is None:
                return None
            if text.strip():
                items.append(text.strip())
        return tuple(items)
    return None


def parse_front_matter(
    source: str | None, relation_keys: tuple[str, ...] = DEFAULT_RELATION_KEYS
) -> FrontMatter:
    """Load front matter with the safe loader and type-check every field readingroom uses.

    Never raises: a YAML error becomes `error`, a field of the wrong type becomes a problem and
    is ignored.
    """
    matter = FrontMatter()
    if source is None or not source.strip():
        return matter
    if len(source) > FRONT_MATTER_LIMIT:
        matter.error = f"front matter is larger than {FRONT_MATTER_LIMIT // 1024} KiB"
        return matter
    try:
        data = yaml.load(source, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        matter.error = "front matter is not valid YAML: " + clean_label(_yaml_reason(exc))
        return matter
    except (ValueError, RecursionError, OverflowError) as exc:
        matter.error = f"front matter could not be read: {clean_label(type(exc).__name__)}"
        return matter
    if data is None:
        return matter
    if not isinstance(data, dict):
        matter.error = f"front matter is a {type(data).__name__}, not a mapping of keys"
        return matter
    _fill(matter, data, tuple(key.lower() for key in relation_keys))
    return matter


def _yaml_reason(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
        mark = exc.problem_mark
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return f"{exc.problem}{where}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _fill(matter: FrontMatter, data: dict[Any, Any], relation_keys: tuple[str, ...]) -> None:
    for key, value in data.items():
        if not isinstance(key, str):
            continue
        name = key.lower()
        if name == "title":
            title = _field(matter, key, _as_text(value), value)
            matter.title = title if title and title.strip() else None
        elif name == "date":
            matter.date = _field(matter, key, normalise_date(value), value)
        elif name == "tags":
            matter.tags = _field(matter, key, _as_list(value, split_commas=True), value) or ()
        elif name in ("summary", "description"):
            text = _field(matter, key, _as_text(value), value) or ""
            if name == "summary" or not matter.summary:
                matter.summary = text
        elif name == "author":
            author = _as_list(value, split_commas=False)
            matter.author = ", ".join(_field(matter, key, author, value) or ())
        elif name in relation_keys:
            entries = _field(matter, key, _as_list(value, split_commas=True), value) or ()
            if name == "related":
                matter.related = entries
            matter.relations += [(name, entry) for entry in entries]
            if name != "related":
                matter.extra[key] = value
        else:
            matter.extra[key] = value


def _field(matter: FrontMatter, key: str, parsed: V | None, raw: object) -> V | None:
    if parsed is None and raw is not None:
        matter.problems.append(
            f"front matter `{clean_label(key)}`: a {type(raw).__name__} is not usable here"
        )
    return parsed
