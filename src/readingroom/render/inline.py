"""Inline tokens (emphasis, code, links, images...) to runs with roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readingroom.core.sanitize import clean_label, clean_text
from readingroom.render.runs import Run
from readingroom.render.wrap import merge_runs

if TYPE_CHECKING:  # markdown-it is loaded by the parser, when the first article is read
    from markdown_it.token import Token

_ROLE_OF_OPEN = {"em_open": "em", "strong_open": "strong", "s_open": "strike"}
_ROLE_OF_CLOSE = {"em_close": "em", "strong_close": "strong", "s_close": "strike"}


def _text(content: str) -> str:
    """Sanitised text with tabs as spaces (a terminal tab has no fixed width)."""
    return clean_text(content).replace("\t", " ")


def _drop_last(roles: list[str], role: str) -> None:
    for index in range(len(roles) - 1, -1, -1):
        if roles[index] == role:
            del roles[index]
            return


def inline_runs(
    children: list[Token] | None, links: list[str], base: tuple[str, ...] = ()
) -> list[Run]:
    """Runs for the children of an `inline` token. Link targets are appended to `links`.

    Text is sanitised again here: markdown-it decodes character references such as `&#27;`,
    which could otherwise smuggle a control character past the file-level sanitiser.
    """
    runs: list[Run] = []
    roles: list[str] = list(base)
    link: int | None = None
    for child in children or ():
        kind = child.type
        if kind == "text":
            text = _text(child.content)
            if runs and "task" in runs[-1].roles:
                text = text.lstrip(" ")
            runs.append(Run(text, tuple(roles), link))
        elif kind == "softbreak":
            runs.append(Run(" ", tuple(roles), link))
        elif kind == "hardbreak":
            runs.append(Run("\n", tuple(roles), link))
        elif kind == "code_inline":
            runs.append(Run(_text(child.content), (*roles, "code"), link))
        elif kind in _ROLE_OF_OPEN:
            roles.append(_ROLE_OF_OPEN[kind])
        elif kind in _ROLE_OF_CLOSE:
            _drop_last(roles, _ROLE_OF_CLOSE[kind])
        elif kind == "link_open":
            href = child.attrGet("href")
            link = len(links)
            links.append(clean_label(href if isinstance(href, str) else ""))
            roles.append("link")
        elif kind == "link_close":
            link = None
            _drop_last(roles, "link")
        elif kind == "image":
            runs.extend(_image_runs(child, tuple(roles), link))
        elif kind == "html_inline":
            runs.append(_html_inline_run(child.content, tuple(roles), link))
        elif kind == "footnote_ref":
            label = _footnote_label(child)
            runs.append(Run(f"[{label}]", (*roles, "footnote"), link))
        elif kind == "footnote_anchor":
            continue
        elif child.children:
            runs.extend(inline_runs(child.children, links, tuple(roles)))
        elif child.content:
            runs.append(Run(clean_text(child.content), tuple(roles), link))
    return merge_runs(runs)


def _image_runs(token: Token, roles: tuple[str, ...], link: int | None) -> list[Run]:
    alt = "".join(child.content for child in token.children or ()) or token.content
    source = token.attrGet("src")
    runs = [Run(f"[image: {clean_text(alt)}]", (*roles, "image"), link)]
    if isinstance(source, str) and source:
        runs.append(Run(f" ({clean_label(source)})", (*roles, "image-target"), link))
    return runs


def _html_inline_run(content: str, roles: tuple[str, ...], link: int | None) -> Run:
    if "task-list-item-checkbox" in content:
        checked = 'checked="checked"' in content
        return Run("☑ " if checked else "☐ ", (*roles, "task"), link)
    return Run(clean_text(content), (*roles, "html"), link)


def _footnote_label(token: Token) -> str:
    meta = token.meta if isinstance(token.meta, dict) else {}
    label = meta.get("label")
    if isinstance(label, str) and label:
        return clean_label(label)
    number = meta.get("id")
    return str(number + 1) if isinstance(number, int) else "?"


def plain_text(runs: list[Run]) -> str:
    """The text of runs without their roles."""
    return "".join(run.text for run in runs)
