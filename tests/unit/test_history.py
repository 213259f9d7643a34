"""History[T]: back/forward like a browser, with a size limit."""

from __future__ import annotations

from readingroom.core.history import History
from readingroom.core.location import Location


def visited(*items: str, limit: int = 500) -> History[str]:
    history: History[str] = History(limit=limit)
    for item in items:
        history.visit(item)
    return history


def test_empty_history_has_no_current_and_cannot_move() -> None:
    history: History[str] = History()
    assert history.current is None
    assert len(history) == 0
    assert list(history) == []
    assert not history.can_go_back
    assert not history.can_go_forward
    assert history.back() is None
    assert history.forward() is None
    # Moving on an empty history changes nothing.
    assert history.current is None
    assert len(history) == 0


def test_first_visit_becomes_current_without_back_or_forward() -> None:
    history = visited("a")
    assert history.current == "a"
    assert len(history) == 1
    assert not history.can_go_back
    assert not history.can_go_forward
    assert history.back() is None
    assert history.current == "a"


def test_visits_are_kept_in_order_oldest_first() -> None:
    history = visited("a", "b", "c")
    assert list(history) == ["a", "b", "c"]
    assert history.current == "c"
    assert history.can_go_back
    assert not history.can_go_forward


def test_back_walks_to_the_start_then_returns_none_without_moving() -> None:
    history = visited("a", "b", "c")
    assert history.back() == "b"
    assert history.current == "b"
    assert history.back() == "a"
    assert history.current == "a"
    assert not history.can_go_back
    assert history.back() is None
    assert history.current == "a"
    # Going back never drops anything.
    assert list(history) == ["a", "b", "c"]


def test_forward_retraces_the_steps_back_then_stops_at_the_end() -> None:
    history = visited("a", "b", "c")
    history.back()
    history.back()
    assert history.can_go_forward
    assert history.forward() == "b"
    assert history.forward() == "c"
    assert not history.can_go_forward
    assert history.forward() is None
    assert history.current == "c"


def test_visit_after_back_drops_the_forward_places() -> None:
    history = visited("a", "b", "c", "d")
    history.back()
    history.back()
    assert history.current == "b"
    history.visit("x")
    assert list(history) == ["a", "b", "x"]
    assert history.current == "x"
    assert not history.can_go_forward
    assert history.forward() is None
    assert history.back() == "b"
    assert history.back() == "a"


def test_visit_after_going_back_to_the_very_start_keeps_only_the_start() -> None:
    history = visited("a", "b", "c")
    history.back()
    history.back()
    history.visit("z")
    assert list(history) == ["a", "z"]


def test_replace_current_on_empty_history_acts_as_a_visit() -> None:
    history: History[str] = History()
    history.replace_current("a")
    assert history.current == "a"
    assert list(history) == ["a"]


def test_replace_current_updates_in_place_and_keeps_forward_places() -> None:
    history = visited("a", "b", "c")
    history.back()
    history.replace_current("B")
    assert history.current == "B"
    assert list(history) == ["a", "B", "c"]
    assert history.can_go_forward
    assert history.forward() == "c"
    assert history.back() == "B"


def test_replace_current_with_a_location_keeps_the_new_position() -> None:
    history: History[Location] = History()
    history.visit(Location("one"))
    history.visit(Location("two"))
    history.replace_current(Location("two", block=4, offset=2))
    history.back()
    assert history.current == Location("one")
    assert history.forward() == Location("two", block=4, offset=2)


def test_limit_drops_the_oldest_places() -> None:
    history = visited("0", "1", "2", "3", "4", limit=3)
    assert len(history) == 3
    assert list(history) == ["2", "3", "4"]
    assert history.current == "4"
    assert history.back() == "3"
    assert history.back() == "2"
    assert history.back() is None


def test_limit_applies_after_truncating_the_forward_places() -> None:
    history = visited("a", "b", "c", limit=3)
    history.back()
    history.visit("d")  # drops "c" first, so nothing old has to go
    assert list(history) == ["a", "b", "d"]
    history.visit("e")
    assert list(history) == ["b", "d", "e"]
    assert history.current == "e"


def test_limit_below_one_still_keeps_the_current_place() -> None:
    for limit in (0, -5):
        history = visited("a", "b", limit=limit)
        assert list(history) == ["b"]
        assert history.current == "b"
        assert history.back() is None


def test_default_limit_is_large() -> None:
    history = visited(*(str(number) for number in range(500)))
    assert len(history) == 500
    history.visit("one more")
    assert len(history) == 500
    assert next(iter(history)) == "1"
