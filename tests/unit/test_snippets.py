"""Search snippets read as text: the Markdown syntax of the raw body is taken out."""

from __future__ import annotations

import pytest

from readingroom.store.search import readable

M, E = "\ue000", "\ue001"  # the highlight markers


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (
            "see [The Hidden Workout](sleep.md). ## Recovery as a habit",
            "see The Hidden Workout. Recovery as a habit",
        ),
        ("…Workout](sleep-the-hidden-workout.md). More", "…Workout. More"),
        (f"a **{M}bold{E}** word and `code` here", f"a {M}bold{E} word and code here"),
        ("![a chart](chart.png) below", "a chart below"),
        ("[[Wiki Page]] and snake_case_name", "Wiki Page and snake_case_name"),
        (f"[docs](https://{M}golang{E}.org)", f"[docs](https://{M}golang{E}.org)"),
        ("C# and #hashtag stay", "C# and #hashtag stay"),
    ],
    ids=["link+heading", "cut-link", "strong+code", "image", "wikilink", "match-in-url", "hashes"],
)
def test_readable(raw: str, shown: str) -> None:
    assert " ".join(readable(raw).split()) == shown  # spaces are collapsed after, as in a hit
