"""Code blocks highlighted with Pygments, as runs with `tok-*` roles."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from readingroom.core.sanitize import clean_text
from readingroom.render.runs import Run

if TYPE_CHECKING:  # Pygments is loaded on the first code block, not with the reader
    from pygments.lexer import Lexer
    from pygments.token import _TokenType


@cache
def _roles() -> tuple[tuple[_TokenType, str], ...]:
    """Token types and their roles, most specific first: Name.Builtin before Name."""
    from pygments.token import Comment, Keyword, Name, Number, Operator, String, Token

    return (
        (Comment, "tok-comment"),
        (Keyword, "tok-keyword"),
        (String, "tok-string"),
        (Number, "tok-number"),
        (Name.Builtin, "tok-builtin"),
        (Name.Function, "tok-name"),
        (Name.Class, "tok-name"),
        (Name.Decorator, "tok-builtin"),
        (Name.Tag, "tok-keyword"),
        (Name.Attribute, "tok-name"),
        (Operator, "tok-operator"),
        (Token.Generic.Heading, "tok-keyword"),
        (Token.Generic.Inserted, "tok-string"),
        (Token.Generic.Deleted, "tok-number"),
    )


MAX_HIGHLIGHT = 200_000


def _role(token_type: _TokenType) -> str | None:
    from pygments.token import is_token_subtype

    for parent, role in _roles():
        if is_token_subtype(token_type, parent):
            return role
    return None


def _lexer(language: str) -> Lexer:
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    if language:
        try:
            return get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
        except ClassNotFound:
            pass
    return TextLexer(stripnl=False, ensurenl=False)


def highlight(code: str, language: str) -> list[list[Run]]:
    """Lines of highlighted runs; every run has the role `code-block`.

    Very long blocks are not highlighted (plain text stays fast).
    """
    code = clean_text(code.expandtabs(4)).rstrip("\n")
    lexer = _lexer(language if len(code) <= MAX_HIGHLIGHT else "")
    lines: list[list[Run]] = [[]]
    for token_type, value in lexer.get_tokens(code):
        role = _role(token_type)
        roles = ("code-block", role) if role else ("code-block",)
        parts = value.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Run(part, roles))
    return lines
