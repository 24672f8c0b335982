"""The one pain-response rule: a rise of 2 is too much, and a flare is relative to the person."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import pain

DAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("before", "after", "too_far"),
    [(3, 4, False), (3, 5, True), (0, 9, True), (6, 2, False), (None, 8, False), (5, None, False)],
)
def test_a_rise_of_two_goes_too_far_and_a_rise_of_one_does_not(before, after, too_far) -> None:
    assert pain.went_too_far(before, after) is too_far


def levels(*pairs: tuple[int, float]) -> dict[dt.date, float]:
    return {DAY - dt.timedelta(days=back): level for back, level in pairs}


def test_a_flare_is_two_above_the_median_of_the_fourteen_days_before() -> None:
    history = levels((1, 3), (2, 4), (3, 3), (5, 9), (15, 0))  # day 15 is too old to count
    assert pain.flare_baseline(history, DAY) == 3.5
    assert pain.is_flare(5.5, pain.flare_baseline(history, DAY))
    assert not pain.is_flare(5, pain.flare_baseline(history, DAY))


def test_the_same_score_is_a_flare_for_one_person_and_not_another() -> None:
    usually_low = levels((1, 2), (2, 2), (3, 2))
    usually_high = levels((1, 7), (2, 6), (3, 7))
    assert pain.is_flare(6, pain.flare_baseline(usually_low, DAY))
    assert not pain.is_flare(6, pain.flare_baseline(usually_high, DAY))


def test_too_few_scored_days_give_no_baseline_and_no_flare() -> None:
    assert pain.flare_baseline(levels((1, 1), (2, 1)), DAY) is None
    assert not pain.is_flare(10, None)
    assert pain.flare_days(levels((3, 1), (2, 1), (1, 1), (0, 3))) == [DAY]


@given(st.dictionaries(st.integers(0, 40), st.integers(0, 10), max_size=30), st.integers(0, 10))
def test_raising_a_day_never_ends_its_flare(scores, lift) -> None:
    history = levels(*scores.items())
    flares = set(pain.flare_days(history))
    for day in flares:
        higher = {**history, day: min(10, history[day] + lift)}
        assert day in pain.flare_days(higher)
