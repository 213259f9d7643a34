"""The reading view's pieces without an app: find (folded like the search), hint labels drawn
over link text, chunking a long body, and the settings used while a long article is built."""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time

import pytest
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from readingroom.render import give_way
from readingroom.render.blocks import Document, Paragraph
from readingroom.render.chunks import _REFERENCE_RE, find_references, iter_chunks, split_chunks
from readingroom.render.find import FindState, Match, find_matches, fold
from readingroom.render.layout import Layout, layout_document
from readingroom.render.parse import parse_markdown
from readingroom.render.progressive import building
from readingroom.render.runs import Line, Run
from readingroom.tui.widgets.line_painter import Overlays, paint_line


def lines_of(*texts: str) -> Layout:
    """A layout whose lines are exactly `texts` (one run each)."""
    return Layout(40, [Line((Run(text),) if text else ()) for text in texts])


def matched(layout: Layout, query: str) -> list[list[str]]:
    """The text each match covers, one string per line it spans."""
    return [
        [layout.lines[line].text[start:end] for line, start, end in match.spans]
        for match in find_matches(layout, query)
    ]


# -- find ----------------------------------------------------------------------------------------


def test_fold_drops_diacritics_and_case_and_maps_back_to_the_original() -> None:
    assert fold("Crème BRÛLÉE") == ("creme brulee", None)
    folded, origins = fold("ﬁne café")  # the ligature folds to two letters
    assert folded == "fine cafe"
    assert origins == [0, 0, 1, 2, 3, 4, 5, 6, 7]


def test_find_ignores_diacritics_and_case() -> None:
    layout = lines_of("We met at the Café Central.", "CAFE au lait, café crème")
    assert matched(layout, "cafe") == [["Café"], ["CAFE"], ["café"]]
    assert matched(layout, "CAFÉ CREME") == [["café crème"]]


def test_find_offsets_are_characters_of_the_original_text() -> None:
    layout = lines_of("the ﬁnal ﬁle, then e\u0301te\u0301")  # a ligature, combining accents
    assert matched(layout, "file") == [["ﬁle"]]
    assert matched(layout, "final") == [["ﬁnal"]]
    assert matched(layout, "ete") == [["e\u0301te\u0301"]]


def test_find_treats_punctuation_between_words_as_a_separator() -> None:
    layout = lines_of("A striped-animal walks; a striped — animal runs; stripedanimal.")
    assert matched(layout, "striped animal") == [["striped-animal"], ["striped — animal"]]
    assert matched(layout, "striped-animal") == [["striped-animal"], ["striped — animal"]]


def test_find_keeps_punctuation_before_the_first_word_and_after_the_last() -> None:
    layout = lines_of("C and C++ and C#, e.g. this")
    assert matched(layout, "C++") == [["C++"]]
    assert matched(layout, "c#") == [["C#"]]
    assert matched(layout, "e.g.") == [["e.g."]]
    assert matched(layout, "(") == []


def test_a_phrase_across_a_line_break_is_one_match_on_both_lines() -> None:
    layout = lines_of("the animal was striped", "▌ animal by nature", "", "striped")
    assert matched(layout, "striped animal") == [["striped", "animal"]]
    (match,) = find_matches(layout, "striped animal")
    assert match == Match(0, 15, 22, ((1, 2, 8),))  # the quote bar is not highlighted
    state = FindState()
    state.search(layout, "striped animal", 0)
    assert state.status() == (1, 1)
    assert state.ranges_on(0) == [(15, 22, ("match-current",))]
    assert state.ranges_on(1) == [(2, 8, ("match-current",))]
    assert state.ranges_on(2) is None


def test_find_in_a_laid_out_article_skips_markup() -> None:
    layout = layout_document(parse_markdown("We met at the **Café** _Central_.\n"), 40)
    assert matched(layout, "cafe central") == [["Café Central"]]


def test_find_reuses_the_folded_text_of_the_same_layout() -> None:
    layout = lines_of("one lantern", "two lanterns")
    state = FindState()
    state.search(layout, "l", 0)
    folded = state._folded
    state.search(layout, "lantern", 0)
    assert state._folded is folded
    assert state.status() == (1, 2)
    other = lines_of("a lantern")
    state.refresh(other, 0)
    assert state._folded is not folded
    assert state.status() == (1, 1)


# -- hint labels ----------------------------------------------------------------------------------


def plain(roles: tuple[str, ...]) -> Style:
    return Style(bold="hint" in roles)


def test_a_hint_label_covers_the_first_cells_of_its_link() -> None:
    line = Line((Run("Read "), Run("the guide", ("link",), 0), Run(" now.")))
    painted = paint_line(line, plain, Overlays(hints={0: "sd"}))
    assert "".join(segment.text for segment in painted) == "Read sde guide now."
    assert [segment.text for segment in painted if segment.style and segment.style.bold] == ["sd"]


def test_a_hint_label_longer_than_a_short_link_covers_what_follows() -> None:
    line = Line((Run("a "), Run("x", ("link",), 3), Run(" b")))
    painted = paint_line(line, plain, Overlays(hints={3: "asd"}))
    assert "".join(segment.text for segment in painted) == "a asd"


def test_a_hint_label_over_wide_characters_keeps_every_other_cell_in_place() -> None:
    line = Line((Run("見て "), Run("日本語", ("link",), 0), Run(" end")))
    before = "".join(segment.text for segment in paint_line(line, plain, None))
    after = "".join(segment.text for segment in paint_line(line, plain, Overlays(hints={0: "a"})))
    assert cell_len(after) == cell_len(before)
    assert after == "見て a 本語 end"  # 日 is two cells: the label and a space


def test_only_the_first_run_of_a_link_on_a_line_is_labelled() -> None:
    line = Line((Run("two ", ("link",), 1), Run("parts", ("link", "em"), 1)))
    painted = paint_line(line, plain, Overlays(hints={1: "f"}))
    assert [segment.text for segment in painted] == ["f", "wo ", "parts"]


def test_the_cursor_and_matches_are_styled_on_top_of_the_runs() -> None:
    line = Line((Run("see "), Run("here", ("link",), 0)))
    segments: list[Segment] = paint_line(
        line, lambda roles: Style(meta={"roles": roles}), Overlays([(1, 3, ("match",))], 0)
    )
    assert [
        (segment.text, segment.style.meta["roles"]) for segment in segments if segment.style
    ] == [
        ("s", ()),
        ("ee", ("match",)),
        (" ", ()),
        ("here", ("link", "link-cursor")),
    ]


# -- chunks ---------------------------------------------------------------------------------------


def body_of(paragraphs: int) -> str:
    return "".join(
        f"Paragraph {number} says a few words about [a link][ref{number % 7}].\n\n"
        + (f"```\ncode {number}\n```\n\n" if number % 5 == 0 else "")
        for number in range(paragraphs)
    )


def test_chunks_put_back_together_are_the_body() -> None:
    body = body_of(2000)
    chunks = split_chunks(body, 4096)
    assert "".join(chunks) == body
    assert len(chunks) > 10
    lazy = list(iter_chunks(body, 4096, first=512))
    assert "".join(lazy) == body
    assert 512 <= len(lazy[0]) < 1024 < len(lazy[1])


def test_chunks_never_cut_a_code_fence() -> None:
    body = "Intro.\n\n```\n" + "\n\nline\n" * 4000 + "```\n\nAfter.\n"
    for chunk in split_chunks(body, 1024)[:-1]:
        assert chunk.count("```") != 1 or chunk.startswith("Intro")


def test_only_newlines_end_lines_when_cutting() -> None:
    body = "one\u2028\u2028two\n\n" * 3000
    assert all(chunk.endswith("\n\n") for chunk in split_chunks(body, 1024)[:-1])


@pytest.mark.parametrize(
    "body",
    [
        "",
        "no definitions at all\n",
        "[a]: http://x\n\n[b]:\n  <http://y> 'T'\ntext [a] [b]\n  [c]: /z\n",
        'x]: not one\n[d]: /d "D" and more\n[e]: /e (E)\n[ f ]: /f\n    [g]: /indented-code\n',
        "[a]: /one\n[A]: /two\n" + "prose ]: with a bracket\n" * 50,
    ],
)
def test_find_references_finds_what_the_pattern_finds_everywhere(body: str) -> None:
    expected: dict[str, str] = {}
    for match in _REFERENCE_RE.finditer(body):
        expected.setdefault(" ".join(match.group(1).split()).casefold(), match.group(2))
    found = find_references(body)
    assert {label.casefold() for label in found} == set(expected)


def test_references_defined_after_the_first_chunk_resolve_in_it() -> None:
    body = (
        "See [the docs][docs].\n\n" + "Filler paragraph.\n\n" * 3000 + "[docs]: https://d.example\n"
    )
    assert find_references(body)["DOCS"]["href"] == "https://d.example"


# -- building a long article in a worker ----------------------------------------------------------


def test_building_holds_back_full_collections_and_restores_everything() -> None:
    thresholds, interval = gc.get_threshold(), sys.getswitchinterval()
    try:
        with building():
            inside = gc.get_threshold()
            assert inside[:2] == thresholds[:2]
            assert inside[2] > 10_000
            assert sys.getswitchinterval() < interval
            with building():  # a relayout while the article loads
                pass
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == thresholds
        assert sys.getswitchinterval() == interval
    finally:
        gc.unfreeze()


def test_a_document_laid_out_under_building_is_the_same() -> None:
    document = Document([Paragraph([Run("Some words " * 40)])], [])
    with building():
        inside = layout_document(document, 30)
    gc.unfreeze()
    assert inside.lines == layout_document(document, 30).lines


def test_a_worker_gives_way_while_the_ui_loop_is_busy_and_not_when_it_is_idle() -> None:
    loop = asyncio.new_event_loop()
    attached = threading.Event()

    def ui() -> None:
        asyncio.set_event_loop(loop)
        give_way.attach(loop)
        attached.set()
        loop.run_forever()

    thread = threading.Thread(target=ui)
    thread.start()
    attached.wait()
    try:

        def waited() -> float:
            give_way._last.ping = 0.0
            start = time.monotonic()
            give_way.give_way()
            return time.monotonic() - start

        assert waited() < 0.02  # idle: the loop answers at once
        loop.call_soon_threadsafe(time.sleep, 0.04)  # a 40 ms burst of UI work
        time.sleep(0.005)
        assert 0.02 < waited() < give_way.MAX_WAIT + 0.02
        started = time.monotonic()
        for _ in range(1000):  # within PING_EVERY of the last check: no waiting at all
            give_way.give_way()
        assert time.monotonic() - started < 0.02
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()
    give_way._last.ping = 0.0
    started = time.monotonic()
    give_way.give_way()  # the loop is closed: nothing to wait for
    assert time.monotonic() - started < 0.01
    give_way._loop = None
