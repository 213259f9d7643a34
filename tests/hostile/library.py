"""Build a hostile library: Markdown files, names and links crafted to attack a terminal reader.

Every case has a name, the path it creates (relative to the library root) and what the reader
is expected to make of it: listed as an article, listed with an error naming the reason,
skipped by the scan with a reason, or not seen at all (hidden and non-Markdown files).

`build_library(target)` writes the library into `target/library` and a decoy folder,
`target/outside`, that the symbolic links point into: nothing under it may ever be opened.
`build_library(target, clean=True)` writes the same library with every control character,
bidi control and YAML escape of one removed, so that a recording of the reader on each can be
compared (benchmarks/hostile_tmux.py).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

# -- payloads ---------------------------------------------------------------------------------

ESC = "\x1b"
CLEAR = "\x1b[2J"  # erase the screen
RESET = "\x1bc"  # full terminal reset
OSC52 = "\x1b]52;c;cHduZWQtY2xpcGJvYXJk\x07"  # write "pwned-clipboard" to the clipboard
OSC8_URL = "https://evil.example/osc8-payload"
OSC8 = f"\x1b]8;;{OSC8_URL}\x1b\\click me\x1b]8;;\x1b\\"  # a hyperlink
OSC0 = "\x1b]0;PWNED-WINDOW-TITLE\x07"  # set the window title
OSC2 = "\x1b]2;PWNED-TITLE-TWO\x1b\\"
DCS = "\x1bP+q544e\x1b\\"  # a device control string (XTGETTCAP)
C1_CSI = "\x9b2J"  # 8-bit CSI: erase the screen
C1_OSC = "\x9d0;C1-TITLE\x9c"  # 8-bit OSC / ST
SO_SI = "\x0eshifted\x0f"
BELL = "\x07"
BACKSPACE = "ab\x08\x08XY"
DEL = "\x7f"
RLO = "\u202e"  # right-to-left override: "txt.exe" shows as "exe.txt"
BIDI = f"{RLO}gnp.exe\u202c \u2066isolated\u2069 \u200f"

# Every inline payload at once (no NUL: a NUL in the first KiB makes a file binary; no CR: it
# ends a line).
PAYLOAD = (
    f"{CLEAR}{RESET}{OSC52}{OSC8}{OSC0}{OSC2}{DCS}{C1_CSI}{C1_OSC}{SO_SI}{BELL}{BACKSPACE}{DEL}"
)
# Distinctive strings that must never reach the terminal inside a control sequence.
INJECTED_MARKERS = (
    "cHduZWQtY2xpcGJvYXJk",
    "PWNED-WINDOW-TITLE",
    "PWNED-TITLE-TWO",
    OSC8_URL,
    "C1-TITLE",
    "+q544e",
)

_CONTROLS_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)
_SURROGATES_RE = re.compile("[\udc80-\udcff]")
# YAML escapes that make control characters: \e \a \b \0 \xNN \uNNNN \UNNNNNNNN.
_YAML_ESCAPE_RE = re.compile(r"\\(?:[eab0vfN_LP]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")


def declaw(text: str) -> str:
    """`text` without control characters (but tab and newline), bidi controls and the
    undecodable bytes of a file name."""
    return _SURROGATES_RE.sub("", _CONTROLS_RE.sub("", text))


# -- cases ------------------------------------------------------------------------------------


class Expect(Enum):
    """What the reader should make of a case."""

    LISTED = "listed"  # an article without error (`reason`, when set, is one of its problems)
    ERROR = "error"  # an article whose error says `reason`
    SKIPPED = "skipped"  # not an article: the scan reports the path with `reason`
    ABSENT = "absent"  # neither listed nor reported (hidden files, other extensions)


@dataclass(frozen=True, slots=True)
class Text:
    """A text file in an encoding (`clean` replaces it in the clean library)."""

    text: str
    encoding: str = "utf-8"
    clean: str | None = None


@dataclass(frozen=True, slots=True)
class Raw:
    """A file of exactly these bytes."""

    data: bytes
    clean: bytes | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A symbolic link; `{outside}` in the target stands for the decoy folder."""

    target: str


@dataclass(frozen=True, slots=True)
class Special:
    """A FIFO, a socket, a sparse file of `size` bytes, or an unreadable file."""

    kind: str
    size: int = 0
    text: str = ""


Content = Text | Raw | Link | Special


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile file: its name, path, content, and what the reader should make of it."""

    name: str
    path: str
    content: Content = field(repr=False)
    expect: Expect
    reason: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class HostileLibrary:
    """A built library: its root, the decoy folder outside it, and the cases written."""

    root: Path
    outside: Path
    cases: tuple[Case, ...]
    clean: bool

    def case(self, name: str) -> Case:
        """The case called `name`."""
        for case in self.cases:
            if case.name == name:
                return case
        raise KeyError(name)


SIZE_CAP = 32 * 1024 * 1024  # core.files.DEFAULT_SIZE_CAP, repeated so the builder stands alone


def _fm(yaml_text: str, body: str = "Body text.\n") -> str:
    return f"---\n{yaml_text}\n---\n{body}"


def _construct_cases() -> list[Case]:
    """The payload inside every Markdown construct."""
    p = PAYLOAD
    bodies = {
        "heading-atx": f"# Heading {p} end\n\n## Second {p}\n\ntext\n",
        "heading-setext": f"Setext {p}\n===\n\nSub {p}\n---\n",
        "emphasis": f"Some *em {p}* and **strong {p}** and ~~struck {p}~~ and _u {p}_.\n",
        "link-text": f"A [link {p}](index.md) here.\n",
        "link-target": f"A [link](<{p}>) and [other](x{ESC}[2J.md) here.\n",
        "link-title": f'A [link](index.md "title {p}") here.\n',
        "autolink": f"An autolink <https://example.com/{p}> and <mailto:a{ESC}@b.c>.\n",
        "image-alt": f"![alt {p}](pic.png) and ![x](<{p}.png>)\n",
        "code-span": f"Code `span {p}` and ``double {p}``.\n",
        "fenced-code": f"```python\nprint('{p}')\nx = '{ESC}]0;t{BELL}'\n```\n",
        "fence-info": f"```py{p} more info {p}\ncode\n```\n\n~~~{ESC}]52;c;eA==\n\nx\n~~~\n",
        "indented-code": f"Para.\n\n    indented {p}\n    more {p}\n",
        "table": (
            f"| head {p} | h2 |\n| --- | :-: |\n| cell {p} | [l {p}](index.md) |\n"
            f"| `c {p}` | **b {p}** |\n"
        ),
        "bullet-list": f"- item {p}\n- [link {p}](index.md)\n  - nested {p}\n",
        "ordered-list": f"1. one {p}\n2. two {p}\n\n99999999. big {p}\n",
        "task-list": f"- [ ] todo {p}\n- [x] done {p}\n",
        "blockquote": f"> quoted {p}\n> > nested {p}\n>\n> - list {p}\n",
        "footnotes": f"Text[^n{ESC}] and[^2].\n\n[^n{ESC}]: note {p}\n[^2]: second {p}\n",
        "html-block": f"<div>\n{p}\n<script>alert('{p}')</script>\n</div>\n\n<!-- {p} -->\n",
        "html-inline": f"Inline <span title='{p}'>html {p}</span> <b>{p}</b>.\n",
        "link-reference": (
            f"A [ref][r1] and [another][{ESC}r].\n\n[r1]: <{p}> 'title {p}'\n[{ESC}r]: index.md\n"
        ),
        "wikilink": f"See [[index]] and [[index|shown {p}]] and [[{p}]] and [[index#{p}]].\n",
        "definition-list": f"Term {p}\n: definition {p}\n",
        "entity-refs": "Refs &#27;[2J &#x1b;]0;t&#7; &#155; &#x9d; &#0; &#127; &#x202e;.\n",
        "hard-breaks": f"line one {p}\\\nline two {p}  \nline three\n",
        "horizontal-rule": f"***\n{p}\n---\n",
        "nul-late": "x" * 2048 + f"\nafter a KiB: {chr(0)} nul {chr(0)}{p}\n",
        "carriage-returns": f"one\rtwo\r\nthree {ESC}[1A\rover{ESC}[2K\n",
        "tabs-and-controls": f"a\tb\x0bc\x0cd\x1ce\x1df\x1eg\x1fh {p}\n",
    }
    return [
        Case(name, f"constructs/{name}.md", Text(f"# {name}\n\n{body}"), Expect.LISTED)
        for name, body in bodies.items()
    ]


def _front_matter_cases() -> list[Case]:
    p = PAYLOAD
    e = r"\e"
    cases = [
        Case(
            "fm-raw-controls",
            "front-matter/raw-controls.md",
            Text(
                _fm(
                    f"title: Raw {p}\ntags:\n  - a{ESC}[31m\n  - b{BELL}\n"
                    f"summary: s {p}\nauthor: {p}"
                )
            ),
            Expect.LISTED,
        ),
        Case(
            "fm-yaml-escape-e",
            "front-matter/yaml-escape-e.md",
            Text(_fm(f'title: "{e}]0;x\\a owned"\nsummary: "{e}[2J{e}c"')),
            Expect.LISTED,
        ),
        Case(
            "fm-yaml-escape-x1b",
            "front-matter/yaml-escape-x1b.md",
            Text(_fm('title: "\\x1b]52;c;cHduZWQ=\\x07 t"\nauthor: "\\x1b[2J"')),
            Expect.LISTED,
        ),
        Case(
            "fm-yaml-escape-c1",
            "front-matter/yaml-escape-c1.md",
            Text(_fm('title: "\\u009b2J \\u009d0;t\\u009c"\ntags: ["\\u009b", "\\x85nl"]')),
            Expect.LISTED,
        ),
        Case(
            "fm-yaml-escape-tags-related",
            "front-matter/yaml-escape-lists.md",
            Text(
                _fm(
                    'tags: ["\\e]8;;http://x\\e\\\\", "\\0nul", "\\x7f"]\n'
                    'related: ["\\e[2J", "../../outside/secret.md", "/etc/passwd"]\n'
                    'see_also: "\\e]0;t\\a"'
                )
            ),
            Expect.LISTED,
        ),
        Case(
            "fm-yaml-escape-keys",
            "front-matter/yaml-escape-keys.md",
            Text(_fm('"\\e[2J": v\n"title\\e": t\n? "\\x9b"\n: "\\u202e"')),
            Expect.LISTED,
        ),
        Case(
            "fm-yaml-escape-date",
            "front-matter/yaml-escape-date.md",
            Text(_fm('date: "2020\\e[2J-01-01"')),
            Expect.LISTED,
        ),
        Case(
            "fm-bidi-title",
            "front-matter/bidi-title.md",
            Text(_fm(f"title: Invoice {BIDI}\ntags: [{RLO}cba, ok]")),
            Expect.LISTED,
        ),
        Case(
            "fm-multiline-title",
            "front-matter/multiline-title.md",
            Text(_fm('title: "one\\ntwo\\tthree\\rfour"')),
            Expect.LISTED,
        ),
    ]
    # YAML escapes make control characters only when parsed: the clean library drops them.
    return [
        replace(
            case, content=Text(case.content.text, clean=_YAML_ESCAPE_RE.sub("", case.content.text))
        )
        if isinstance(case.content, Text)
        else case
        for case in cases
    ]


def _markup_cases() -> list[Case]:
    return [
        Case(
            "markup-click-title",
            "markup/click-title.md",
            Text(_fm('title: "[@click=app.quit]x[/]"\ntags: ["[@click=app.quit]t[/]"]')),
            Expect.LISTED,
        ),
        Case(
            "markup-unbalanced-close",
            "markup/unbalanced-close.md",
            Text(_fm('title: "closing [/] and [/bold] tags"\ntags: ["[/]"]')),
            Expect.LISTED,
        ),
        Case(
            "markup-unclosed",
            "markup/unclosed.md",
            Text(_fm('title: "[bold"\ntags: ["[bold", "[link=file:///etc/passwd]x"]')),
            Expect.LISTED,
        ),
        Case(
            "markup-variables",
            "markup/variables.md",
            Text(_fm('title: "$text-accent $secondary [$accent]v[/] [on red]x"')),
            Expect.LISTED,
        ),
        Case(
            "markup-in-body",
            "markup/in-body.md",
            Text("# [@click=app.quit]Heading[/]\n\n[bold red]not bold[/] [link=x]y[/link]\n"),
            Expect.LISTED,
        ),
        Case(
            "markup-file-name",
            "markup/[@click=app.quit]name[-].md",
            Text("No front matter: the title is the file name.\n"),
            Expect.LISTED,
        ),
    ]


def _bad_yaml_cases() -> list[Case]:
    laughs = ["a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    laughs.append("title: *i\ntags: *i\nrelated: *i")
    deep = "x: " + "[" * 10000 + "]" * 10000
    deep_map = "".join(f"{' ' * i}k{i}:\n" for i in range(300)) + " " * 300 + "v"
    return [
        Case(
            "yaml-syntax",
            "yaml/syntax.md",
            Text(_fm("title: [unclosed\nkey: : :")),
            Expect.ERROR,
            "not valid YAML",
        ),
        Case(
            "yaml-billion-laughs",
            "yaml/billion-laughs.md",
            Text(_fm("\n".join(laughs))),
            Expect.LISTED,
            "is not usable",
        ),
        Case(
            "yaml-huge",
            "yaml/huge.md",
            Text(_fm("k: " + "x" * (70 * 1024))),
            Expect.ERROR,
            "larger than",
        ),
        Case("yaml-deep-flow", "yaml/deep-flow.md", Text(_fm(deep)), Expect.ERROR, "front matter"),
        Case("yaml-deep-block", "yaml/deep-block.md", Text(_fm(deep_map)), Expect.LISTED),
        Case(
            "yaml-python-object",
            "yaml/python-object.md",
            Text(_fm("title: !!python/object/apply:os.system ['echo pwned']")),
            Expect.ERROR,
            "not valid YAML",
        ),
        Case(
            "yaml-python-name",
            "yaml/python-name.md",
            Text(_fm("x: !!python/name:os.system")),
            Expect.ERROR,
            "not valid YAML",
        ),
        Case(
            "yaml-custom-tag",
            "yaml/custom-tag.md",
            Text(_fm("title: !evil x")),
            Expect.ERROR,
            "not valid YAML",
        ),
        Case(
            "yaml-list-top",
            "yaml/list-top.md",
            Text(_fm("- a\n- b")),
            Expect.ERROR,
            "not a mapping",
        ),
        Case(
            "yaml-scalar-top",
            "yaml/scalar-top.md",
            Text(_fm("just a string")),
            Expect.ERROR,
            "not a mapping",
        ),
        Case(
            "yaml-wrong-types",
            "yaml/wrong-types.md",
            Text(
                _fm(
                    "title: [1, 2]\ndate: {a: 1}\ntags: {x: y}\nrelated: {a: b}\n"
                    "summary: [s]\nauthor: {n: m}"
                )
            ),
            Expect.LISTED,
            "is not usable",
        ),
        Case(
            "yaml-odd-scalars",
            "yaml/odd-scalars.md",
            Text(
                _fm(
                    "title: .nan\ndate: 99999999999999999999999\ntags: 1e400\n"
                    "related: 0x1F\nsummary: !!binary aGVsbG8="
                )
            ),
            Expect.LISTED,
        ),
        Case(
            "yaml-bad-dates",
            "yaml/bad-dates.md",
            Text(_fm("title: Bad dates\ndate: 0000-00-00\nupdated: 10000-01-01")),
            Expect.LISTED,
            "`date`",
        ),
        Case(
            "yaml-duplicate-keys",
            "yaml/duplicate-keys.md",
            Text(_fm("title: first\ntitle: second\ntags: [a]\ntags: [b]")),
            Expect.LISTED,
        ),
        Case(
            "yaml-unterminated",
            "yaml/unterminated.md",
            Text(f"---\ntitle: never closed {PAYLOAD}\n\n# Heading\n"),
            Expect.LISTED,
        ),
        Case(
            "yaml-tabs",
            "yaml/tabs.md",
            Text(_fm("title:\tx\n\ttags: [a]")),
            Expect.ERROR,
            "not valid YAML",
        ),
        Case(
            "yaml-non-string-keys",
            "yaml/non-string-keys.md",
            Text(_fm("1: one\n[a, b]: list\n? {a: 1}\n: map\nnull: n")),
            Expect.ERROR,
            "front matter",
        ),
        Case(
            "yaml-empty", "yaml/empty.md", Text("---\n---\n# Empty front matter\n"), Expect.LISTED
        ),
        Case("yaml-only-dashes", "yaml/only-dashes.md", Text("---\n"), Expect.LISTED),
    ]


def _encoding_cases() -> list[Case]:
    text = f"# Encoded {PAYLOAD}\n\nbody {PAYLOAD} é ü 漢字\n"
    return [
        Case("utf8-bom", "encodings/utf8-bom.md", Text(text, "utf-8-sig"), Expect.LISTED),
        Case("utf16-le-bom", "encodings/utf16-le.md", Text(text, "utf-16"), Expect.LISTED),
        Case(
            "utf16-be-bom",
            "encodings/utf16-be.md",
            Raw(
                codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
                codecs.BOM_UTF16_BE + declaw(text).encode("utf-16-be"),
            ),
            Expect.LISTED,
        ),
        Case("utf32-bom", "encodings/utf32.md", Text(text, "utf-32"), Expect.LISTED),
        Case(
            "utf16-no-bom",
            "encodings/utf16-no-bom.md",
            Text(text, "utf-16-le"),
            Expect.ERROR,
            "binary",
        ),
        Case(
            "invalid-utf8",
            "encodings/invalid-utf8.md",
            Raw(
                b"# Bad \xff\xfe bytes \xc3\x28 \xed\xa0\x80 \x9b2J \xc2\x9b2J\n",
                b"# Bad  bytes ( 2J 2J\n",
            ),
            Expect.LISTED,
            "replaced",
        ),
        Case(
            "latin1",
            "encodings/latin1.md",
            Raw("# Caf\xe9 na\xefve \x9b2J\n".encode("latin-1"), "# Café naïve 2J\n".encode()),
            Expect.LISTED,
            "replaced",
        ),
        Case(
            "utf16-odd-length",
            "encodings/utf16-odd.md",
            Raw(
                codecs.BOM_UTF16_LE + "# odd".encode("utf-16-le") + b"\x1b",
                codecs.BOM_UTF16_LE + "# odd".encode("utf-16-le"),
            ),
            Expect.LISTED,
            "replaced",
        ),
    ]


def _binary_cases() -> list[Case]:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    return [
        Case("binary-png", "binary/image.md", Raw(png, b"# was binary\n"), Expect.ERROR, "binary"),
        Case(
            "binary-nul-early",
            "binary/nul-early.md",
            Raw(b"# Title\n\x00\x1b[2J rest\n", b"# Title\n rest\n"),
            Expect.ERROR,
            "binary",
        ),
        Case("empty-file", "binary/empty.md", Raw(b""), Expect.LISTED),
    ]


def _name_cases() -> list[Case]:
    body = Text("Named badly.\n")
    return [
        Case("name-csi", f"names/esc-{CLEAR}-clear.md", body, Expect.LISTED),
        Case("name-osc0", f"names/title-{OSC0}.md", body, Expect.LISTED),
        Case("name-osc52", f"names/clip-{OSC52}.md", body, Expect.LISTED),
        Case("name-c1", f"names/c1-{C1_CSI}.md", body, Expect.LISTED),
        Case("name-bidi", f"names/invoice-{RLO}dm.exe.md", body, Expect.LISTED),
        Case("name-newline", "names/new\nline\rname.md", body, Expect.LISTED),
        Case("name-bell-del", f"names/bell{BELL}del{DEL}.md", body, Expect.LISTED),
        Case(
            "name-invalid-utf8",
            os.fsdecode(b"names/bad-\xff\x9b-name.md"),
            body,
            Expect.SKIPPED,
            "not valid UTF-8",
        ),
        Case("dir-osc0", f"dir-{OSC0}/inside.md", Text(f"# Inside {PAYLOAD}\n"), Expect.LISTED),
        Case(
            "dir-csi-nested",
            f"dir-{CLEAR}/sub-{C1_CSI}/deep-{BELL}.md",
            Text("Deep in bad folders.\n"),
            Expect.LISTED,
        ),
        Case(
            "name-osc0-bad-yaml",
            f"names/broken-{OSC0}.md",
            Text(_fm("title: [unclosed")),
            Expect.ERROR,
            "not valid YAML",
        ),
        Case(
            "name-c1-broken-link",
            f"names/links-{C1_CSI}.md",
            Text("[broken](nowhere.md) [out](../../../x.md)\n"),
            Expect.LISTED,
        ),
        Case("hidden-file", f"names/.hidden-{CLEAR}.md", body, Expect.ABSENT),
        Case("not-markdown", f"names/payload-{CLEAR}.txt", Text(PAYLOAD), Expect.ABSENT),
    ]


def _filesystem_cases() -> list[Case]:
    unreadable_expect = Expect.LISTED if os.geteuid() == 0 else Expect.ERROR
    return [
        Case(
            "symlink-out-file",
            "fs/secret-link.md",
            Link("{outside}/secret.md"),
            Expect.SKIPPED,
            "outside the library",
        ),
        Case(
            "symlink-out-dir",
            "fs/outside-dir",
            Link("{outside}/dir"),
            Expect.SKIPPED,
            "outside the library",
        ),
        Case(
            "symlink-relative-out",
            "fs/relative-out.md",
            Link("../../outside/secret.md"),
            Expect.SKIPPED,
            "outside the library",
        ),
        Case(
            "symlink-chain-out",
            "fs/chain.md",
            Link("secret-link.md"),
            Expect.SKIPPED,
            "outside the library",
        ),
        Case(
            "symlink-passwd",
            "fs/passwd.md",
            Link("/etc/passwd"),
            Expect.SKIPPED,
            "outside the library",
        ),
        Case(
            "symlink-dev-zero",
            "fs/zero.md",
            Link("/dev/zero"),
            Expect.SKIPPED,
            "outside the library",
        ),
        Case(
            "symlink-dangling",
            "fs/dangling.md",
            Link("does-not-exist.md"),
            Expect.SKIPPED,
            "dangling",
        ),
        Case("symlink-self-loop", "fs/self-loop.md", Link("self-loop.md"), Expect.SKIPPED, "loop"),
        Case("symlink-pair-loop", "fs/loop-a.md", Link("loop-b.md"), Expect.SKIPPED, "loop"),
        Case("symlink-pair-loop-b", "fs/loop-b.md", Link("loop-a.md"), Expect.SKIPPED, "loop"),
        Case("symlink-dir-cycle", "fs/cycle", Link(".."), Expect.SKIPPED, "already scanned"),
        Case("symlink-dir-root", "fs/root-again", Link("/"), Expect.SKIPPED, "outside"),
        Case("symlink-inside", "fs/alias.md", Link("../index.md"), Expect.LISTED),
        Case("fifo", "fs/fifo.md", Special("fifo"), Expect.SKIPPED, "not a regular file"),
        Case(
            "fifo-via-link",
            "fs/fifo-link.md",
            Link("fifo.md"),
            Expect.SKIPPED,
            "not a regular file",
        ),
        Case("socket", "fs/socket.md", Special("socket"), Expect.SKIPPED, "not a regular file"),
        Case(
            "unreadable",
            "fs/unreadable.md",
            Special("unreadable", text=f"# Locked {PAYLOAD}\n"),
            unreadable_expect,
            "" if unreadable_expect is Expect.LISTED else "permission",
        ),
        Case(
            "huge-sparse",
            "fs/huge.md",
            Special("sparse", size=SIZE_CAP + 1),
            Expect.ERROR,
            "larger than",
        ),
    ]


def _deep_cases() -> list[Case]:
    n = 10_000
    return [
        Case("deep-quotes", "deep/quotes.md", Text(">" * n + f" deep {PAYLOAD}\n"), Expect.LISTED),
        Case(
            "deep-quote-lines",
            "deep/quote-lines.md",
            Text("".join(">" * i + " q\n" for i in range(1, 400))),
            Expect.LISTED,
        ),
        Case("deep-lists", "deep/lists.md", Text("- " * n + f"deep {PAYLOAD}\n"), Expect.LISTED),
        Case(
            "deep-list-indent",
            "deep/list-indent.md",
            Text("".join("  " * i + f"- level {i}\n" for i in range(2000))),
            Expect.LISTED,
        ),
        Case(
            "deep-brackets",
            "deep/brackets.md",
            Text("[" * n + PAYLOAD + "]" * n + "(" * n + ")" * n + "\n"),
            Expect.LISTED,
        ),
        Case(
            "deep-emphasis", "deep/emphasis.md", Text("*" * n + "x" + "_" * n + "\n"), Expect.LISTED
        ),
        Case(
            "deep-backticks",
            "deep/backticks.md",
            Text("`a" * n + "\n" + "`" * n + "\n"),
            Expect.LISTED,
        ),
        Case(
            "deep-link-nesting",
            "deep/link-nesting.md",
            Text("[a](" * 2000 + "x" + ")" * 2000 + "\n" + "[[" * 3000 + "]]" * 3000 + "\n"),
            Expect.LISTED,
        ),
        Case(
            "deep-html",
            "deep/html.md",
            Text("<div>" * 5000 + PAYLOAD + "</div>" * 5000 + "\n"),  # 55 KB on one line
            Expect.LISTED,
        ),
        Case(
            "long-line",
            "deep/long-line.md",
            Text((PAYLOAD + " word ") * 2000 + "\n"),
            Expect.LISTED,
        ),
        Case(
            "many-links",
            "deep/many-links.md",
            Text(" ".join(f"[l{i}{ESC}](index.md#h{i % 3})" for i in range(300)) + "\n"),
            Expect.LISTED,
        ),
    ]


def _link_cases() -> list[Case]:
    links = [
        ("../outside/secret.md", "relative out"),
        ("../../outside/secret.md", "two up"),
        ("%2e%2e/%2e%2e/outside/secret.md", "percent-encoded dots"),
        ("..%2F..%2Foutside%2Fsecret.md", "percent-encoded slashes"),
        ("/etc/passwd", "root-relative"),
        ("../../../../../../etc/passwd", "many ups"),
        ("file:///etc/passwd", "file URL"),
        ("javascript:alert(1)", "javascript"),
        (f"https://evil.example/{ESC}]52;c;cHduZWQ={BELL}", "escape in URL"),
        ("#%1b]0;PWNED-WINDOW-TITLE%07", "percent-encoded escape in anchor"),
        ("index.md#%1b%5b2J%9b", "percent-encoded escape in anchor of another article"),
        ("%1b%5b2J.md", "percent-encoded escape in path"),
        ("names/esc-%1b%5b2J-clear.md", "to the file with an escape in its name"),
        ("fs/secret-link.md", "to the skipped symlink"),
        ("fs/fifo.md", "to the FIFO"),
        ("fs/passwd.md", "to the passwd link"),
        (f"{RLO}gnp.exe", "bidi"),
    ]
    body = "# Links\n\n" + "".join(f"- [{note}]({href})\n" for href, note in links)
    body += "\n[[../outside/secret]] and [[fs/passwd]] and [[/etc/passwd]]\n"
    return [
        Case("links-hostile", "links/hostile.md", Text(body), Expect.LISTED),
        Case(
            "links-osc8-target",
            "links/osc8.md",
            Text(f"[osc8]({OSC8_URL}) and [<{OSC8}>](<{OSC8}>)\n"),
            Expect.LISTED,
        ),
    ]


def _index_case() -> Case:
    """The first article: links to a handful of the others, so the walk follows them."""
    body = (
        f"---\ntitle: Index {PAYLOAD}\ndate: 2099-01-01\ntags: [hostile, '{ESC}[31mred']\n---\n"
        f"# Index {PAYLOAD}\n\n## h0\n\n"
        "- [headings](constructs/heading-atx.md)\n"
        "- [links](links/hostile.md)\n"
        "- [front matter](front-matter/raw-controls.md)\n"
        "- [[yaml-escape-e]]\n\n## h1\n\ntext\n\n## h2\n\ntext\n"
    )
    return Case("index", "index.md", Text(body), Expect.LISTED)


def all_cases() -> list[Case]:
    """Every case of the hostile library, in a stable order."""
    return [
        _index_case(),
        *_construct_cases(),
        *_front_matter_cases(),
        *_markup_cases(),
        *_bad_yaml_cases(),
        *_encoding_cases(),
        *_binary_cases(),
        *_name_cases(),
        *_filesystem_cases(),
        *_deep_cases(),
        *_link_cases(),
    ]


# -- writing ----------------------------------------------------------------------------------


def _write_outside(outside: Path) -> None:
    """The decoy: what the symbolic links point at. The reader must never open any of it."""
    (outside / "dir").mkdir(parents=True, exist_ok=True)
    secret = f"---\ntitle: SECRET OUTSIDE {PAYLOAD}\n---\n# Secret\n"
    (outside / "secret.md").write_text(secret, encoding="utf-8")
    (outside / "dir" / "also-secret.md").write_text(secret, encoding="utf-8")


def _cleaned(case: Case) -> Case:
    """The case with its path and content stripped of controls (for the clean library)."""
    content = case.content
    if isinstance(content, Text):
        content = Text(
            declaw(content.text if content.clean is None else content.clean), content.encoding
        )
    elif isinstance(content, Raw):
        content = Raw(content.data if content.clean is None else content.clean)
    elif isinstance(content, Special):
        content = replace(content, text=declaw(content.text))
    path = declaw(case.path).replace("\n", "").replace("\t", "")
    return replace(case, path=path, content=content)


def _write(root: Path, outside: Path, case: Case) -> None:
    path = Path(os.path.join(root, case.path))
    path.parent.mkdir(parents=True, exist_ok=True)
    content = case.content
    if isinstance(content, Text):
        path.write_bytes(content.text.encode(content.encoding))
    elif isinstance(content, Raw):
        path.write_bytes(content.data)
    elif isinstance(content, Link):
        os.symlink(content.target.replace("{outside}", str(outside)), path)
    elif content.kind == "fifo":
        os.mkfifo(path)
    elif content.kind == "socket":
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
    elif content.kind == "sparse":
        with open(path, "wb") as handle:
            handle.truncate(content.size)
    elif content.kind == "unreadable":
        path.write_text(content.text, encoding="utf-8")
        path.chmod(0)
    else:
        raise ValueError(f"unknown special file {content.kind}")


def build_library(
    target: Path, *, clean: bool = False, only: Callable[[Case], bool] | None = None
) -> HostileLibrary:
    """Write the hostile library into `target/library` and the decoy into `target/outside`.

    With `clean`, names and contents have their controls removed (and YAML escapes dropped).
    `only` picks a subset of the cases.
    """
    root = target / "library"
    outside = target / "outside"
    root.mkdir(parents=True, exist_ok=True)
    _write_outside(outside)
    cases = [case for case in all_cases() if only is None or only(case)]
    if clean:
        cases = [_cleaned(case) for case in cases]
    names = [case.name for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in cases:
        _write(root, outside, case)
    return HostileLibrary(root, outside, tuple(cases), clean)


def make_removable(target: Path) -> None:
    """Give unreadable files their permissions back so a temporary folder can be deleted."""
    for folder, _, files in os.walk(target):
        for name in files:
            with contextlib.suppress(OSError):
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o644)
