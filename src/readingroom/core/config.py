"""The reader's settings, read from a TOML config file.

Every key is optional and a missing file means the defaults, which are the reader's behaviour
without a config file. A bad value is reported with the file, the line and the key, and only
that key falls back to its default; a file that is not valid TOML (or cannot be read) falls back
entirely. Nothing here stops the reader from starting.

The module stays light (tomllib and the standard library): the command line reads the config
before it knows whether it will do anything heavy, and `readingroom --version` must stay instant.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from readingroom.core.files import DEFAULT_SIZE_CAP
from readingroom.core.key_clashes import KeyGroup, key_clashes
from readingroom.core.sanitize import clean_label
from readingroom.core.toml_lines import KeyLines, syntax_error

if TYPE_CHECKING:
    from readingroom.core.library import SortOrder
    from readingroom.core.options import LibraryOptions

MIB = 1024 * 1024
DEFAULT_LIBRARY = "articles"
SORT_ORDERS = ("newest", "title", "recent")
MIN_WRAP_WIDTH = 20
MAX_WRAP_WIDTH = 400
DEFAULT_PLAIN_TEXT_MIB = 2
# Files above the read cap are never read, so a larger plain-text limit would mean nothing.
MAX_PLAIN_TEXT_MIB = DEFAULT_SIZE_CAP // MIB
# A config file is a few lines; anything this big is not one.
MAX_CONFIG_BYTES = 1 * MIB
KEYS_TABLE = "keys"


def _frozen_keys(keys: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(keys or {}))


@dataclass(frozen=True, slots=True)
class Config:
    """The settings in effect. Each field's default is the reader's behaviour without a file.

    `relation_keys` None means the built-in front-matter keys (related, see_also, requires);
    `wrap_width` 0 means the width of the article pane; `theme` None means Textual's default;
    `keys` maps a command's action name to the key (or comma-separated keys) that runs it.
    """

    library: str = DEFAULT_LIBRARY
    sort: str = "newest"
    wrap_width: int = 0
    code_wrap: bool = True
    size_cap_mib: int = DEFAULT_PLAIN_TEXT_MIB
    relation_keys: tuple[str, ...] | None = None
    site_prefixes: tuple[str, ...] = ()
    slug_patterns: tuple[str, ...] = ()
    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=_frozen_keys)

    @property
    def plain_text_limit(self) -> int:
        """Article bodies above this many characters are shown as plain text, not parsed."""
        return self.size_cap_mib * MIB

    def sort_order(self) -> SortOrder:
        """The sidebar's order as the library's SortOrder."""
        from readingroom.core.library import SortOrder

        return {
            "newest": SortOrder.NEWEST,
            "title": SortOrder.TITLE,
            "recent": SortOrder.RECENT,
        }[self.sort]


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """Something wrong in the config file: where (file, line when known), which key, and why."""

    path: str
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        """One line, safe to print: control characters in a key or path are made visible."""
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        subject = f"{self.key}: " if self.key else ""
        return clean_label(f"{where}: {subject}{self.message}")


def library_options(config: Config) -> LibraryOptions:
    """The library-reading options (relation keys, slug patterns, site prefixes) of a config."""
    from readingroom.core.options import DEFAULT_RELATION_KEYS, LibraryOptions

    relation_keys = config.relation_keys
    return LibraryOptions(
        relation_keys=DEFAULT_RELATION_KEYS if relation_keys is None else relation_keys,
        slug_patterns=config.slug_patterns,
        site_prefixes=config.site_prefixes,
    )


def load_config(
    path: str | os.PathLike[str],
    *,
    known_actions: Collection[str] | None = None,
    key_groups: Sequence[KeyGroup] = (),
) -> tuple[Config, list[ConfigProblem]]:
    """Read the config file at `path`: the settings, and every problem found.

    A missing file is no problem (the defaults). An unreadable file, a folder, a file that is not
    UTF-8 or not valid TOML is one problem and the defaults. A bad value is a problem and that
    key's default. With `known_actions`, a `[keys]` entry for any other action is a problem;
    with `key_groups` (see core.key_clashes), so is one that takes another command's key.
    """
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Config(), []
    except OSError as error:
        return Config(), [_file_problem(name, f"cannot be read ({_reason(error)})")]
    if stat.S_ISDIR(info.st_mode):
        return Config(), [_file_problem(name, "is a folder, not a file")]
    if not stat.S_ISREG(info.st_mode):
        return Config(), [_file_problem(name, "is not a regular file")]
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        return Config(), [_file_problem(name, f"cannot be read ({_reason(error)})")]
    if len(data) > MAX_CONFIG_BYTES:
        return Config(), [_file_problem(name, f"is larger than {MAX_CONFIG_BYTES // MIB} MiB")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Config(), [
            ConfigProblem(name, line, None, "is not UTF-8 text; every setting is the default")
        ]
    return parse_config(text, name, known_actions=known_actions, key_groups=key_groups)


def parse_config(
    text: str,
    path: str,
    *,
    known_actions: Collection[str] | None = None,
    key_groups: Sequence[KeyGroup] = (),
) -> tuple[Config, list[ConfigProblem]]:
    """The settings in `text` (the contents of the file at `path`) and every problem found."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, detail = syntax_error(str(error), text)
        return Config(), [
            ConfigProblem(
                path, line, None, f"is not valid TOML: {detail}; every setting is the default"
            )
        ]
    lines = KeyLines(text)
    problems: list[ConfigProblem] = []
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key == KEYS_TABLE:
            keys = _key_table(value, path, lines, known_actions, problems)
            for action, (key, other) in key_clashes(key_groups, _split_keys(keys)).items():
                message = f"{key!r} is already the key of {other!r}; ignored"
                line = lines.find((KEYS_TABLE, action))
                problems.append(ConfigProblem(path, line, f"{KEYS_TABLE}.{action}", message))
                del keys[action]
            changes["keys"] = _frozen_keys(keys)
            continue
        setting = _SETTINGS.get(key)
        if setting is None:
            message = f"unknown setting{_suggestion(key, [*_SETTINGS, KEYS_TABLE])}; ignored"
            problems.append(ConfigProblem(path, lines.find((key,)), key, message))
            continue
        try:
            changes[setting.field] = setting.check(value)
        except _Invalid as invalid:
            message = f"{invalid}; using the default ({setting.default_text})"
            problems.append(ConfigProblem(path, lines.find((key,)), key, message))
    return replace(Config(), **changes), problems


class _Invalid(Exception):
    """A value of the wrong type or out of range; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class _Setting:
    field: str
    check: Callable[[object], object]
    default_text: str


def _describe(value: object) -> str:
    """How a TOML value is named in a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be {what}, not {_describe(value)}")
    if not value.strip():
        raise _Invalid(f"must be {what}, not an empty string")
    return value


def _text_list(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of {what}, not {_describe(value)}")
    return tuple(_text(item, what) for item in value)


def _check_library(value: object) -> str:
    return os.path.expanduser(_text(value, "a folder (a string)"))


def _check_sort(value: object) -> str:
    orders = ", ".join(repr(order) for order in SORT_ORDERS)
    if not isinstance(value, str) or value not in SORT_ORDERS:
        raise _Invalid(f"must be one of {orders}, not {_describe(value)}")
    return value


def _whole_number(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"must be {what}, not {_describe(value)}")
    return value


def _check_wrap_width(value: object) -> int:
    what = f"0 (the pane's width) or a whole number from {MIN_WRAP_WIDTH} to {MAX_WRAP_WIDTH}"
    width = _whole_number(value, what)
    if width != 0 and not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        raise _Invalid(f"must be {what}, not {width}")
    return width


def _check_code_wrap(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {_describe(value)}")
    return value


def _check_size_cap(value: object) -> int:
    what = f"a whole number of MiB from 1 to {MAX_PLAIN_TEXT_MIB}"
    size = _whole_number(value, what)
    if not 1 <= size <= MAX_PLAIN_TEXT_MIB:
        raise _Invalid(f"must be {what}, not {size}")
    return size


def _check_relation_keys(value: object) -> tuple[str, ...]:
    return _text_list(value, "front-matter keys (strings)")


def _check_site_prefixes(value: object) -> tuple[str, ...]:
    what = "paths starting with '/'"
    prefixes: list[object]
    if isinstance(value, str):
        prefixes = [value]
    elif isinstance(value, list):
        prefixes = value
    else:
        raise _Invalid(
            f"must be a path starting with '/' or a list of them, not {_describe(value)}"
        )
    checked = tuple(_text(prefix, what) for prefix in prefixes)
    for prefix in checked:
        if not prefix.startswith("/"):
            raise _Invalid(f"must be {what}, not {prefix!r}")
    return checked


def _check_slug_patterns(value: object) -> tuple[str, ...]:
    what = "patterns with {} where the number goes (e.g. 'eip-{}')"
    patterns = _text_list(value, what)
    for pattern in patterns:
        if "{}" not in pattern:
            raise _Invalid(f"must be {what}; {pattern!r} has no {{}}")
    return patterns


def _check_theme(value: object) -> str:
    return _text(value, "a theme name (a string)")


_SETTINGS: dict[str, _Setting] = {
    "library": _Setting("library", _check_library, repr(DEFAULT_LIBRARY)),
    "sort": _Setting("sort", _check_sort, "'newest'"),
    "wrap_width": _Setting("wrap_width", _check_wrap_width, "0, the pane's width"),
    "code_wrap": _Setting("code_wrap", _check_code_wrap, "true"),
    "size_cap_mib": _Setting("size_cap_mib", _check_size_cap, str(DEFAULT_PLAIN_TEXT_MIB)),
    "relation_keys": _Setting("relation_keys", _check_relation_keys, "related, see_also, requires"),
    "site_prefix": _Setting("site_prefixes", _check_site_prefixes, "none"),
    "slug_patterns": _Setting("slug_patterns", _check_slug_patterns, "none"),
    "theme": _Setting("theme", _check_theme, "Textual's default"),
}


def _key_table(
    value: object,
    path: str,
    lines: KeyLines,
    known_actions: Collection[str] | None,
    problems: list[ConfigProblem],
) -> dict[str, str]:
    """The valid entries of the [keys] table; a problem for each bad one."""
    if not isinstance(value, dict):
        message = f'must be a table of command = "key", not {_describe(value)}; ignored'
        problems.append(ConfigProblem(path, lines.find((KEYS_TABLE,)), KEYS_TABLE, message))
        return {}
    keys: dict[str, str] = {}
    taken: dict[str, str] = {}
    for action, key in value.items():
        name = f"{KEYS_TABLE}.{action}"
        line = lines.find((KEYS_TABLE, action))
        if known_actions is not None and action not in known_actions:
            message = f"unknown command{_suggestion(action, known_actions)}; ignored"
            problems.append(ConfigProblem(path, line, name, message))
            continue
        if not isinstance(key, str) or not key.strip():
            shown = "an empty string" if isinstance(key, str) else _describe(key)
            message = f'must be a key name such as "R" or "ctrl+r", not {shown}; ignored'
            problems.append(ConfigProblem(path, line, name, message))
            continue
        parts = [part.strip() for part in key.split(",")]
        if any(not part or any(char.isspace() for char in part) for part in parts):
            message = (
                f'{key!r} is not a key name (no spaces: use e.g. "space" or "ctrl+r"; '
                "separate several keys with commas); ignored"
            )
            problems.append(ConfigProblem(path, line, name, message))
            continue
        clash = next((taken[part] for part in parts if part in taken), None)
        if clash is not None:
            message = f"{key!r} is already the key of {clash!r}; ignored"
            problems.append(ConfigProblem(path, line, name, message))
            continue
        for part in parts:
            taken[part] = action
        keys[action] = ",".join(parts)
    return keys


def _split_keys(keys: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    return {action: tuple(key.split(",")) for action, key in keys.items()}


def _suggestion(name: str, choices: Collection[str]) -> str:
    import difflib  # only when there is something to suggest

    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _file_problem(path: str, message: str) -> ConfigProblem:
    return ConfigProblem(path, None, None, f"{message}; every setting is the default")


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
