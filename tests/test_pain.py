"""The one pain-response rule and flare days, on small logs worked out by hand: a rise of 2
is too much, and a flare is relative to the person."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import days, pain
from movecoach.core.models import make_day_entry

from .factories import session

TODAY = dt.date(2026, 3, 20)


def ago(back: int, **fields: object):
    return session(TODAY - dt.timedelta(days=back), **fields)


# --- went too far -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"pain_before": 3, "pain_after": 5}, pain.TOO_FAR),
        ({"pain_before": 3, "pain_after": 4}, pain.WENT_WELL),  # a rise of 1 is fine
        ({"pain_before": 5, "pain_after": 2}, pain.WENT_WELL),
        (
            {"pain_before": 3, "pain_after": 3, "leg_pain_before": 1, "leg_pain_after": 3},
            pain.TOO_FAR,
        ),
        ({"leg_pain_before": 4, "leg_pain_after": 5}, pain.WENT_WELL),
        ({"pain_after": 9}, None),  # nothing to compare with
        ({}, None),
    ],
)
def test_a_rise_of_two_during_the_session_is_too_far(fields, verdict) -> None:
    assert pain.response(ago(1, **fields)) == verdict


def test_pain_that_has_not_settled_by_the_next_day_is_too_far() -> None:
    done = ago(2, pain_before=3, pain_after=3)
    assert pain.response(done, next_pain=5) == pain.TOO_FAR
    assert pain.response(done, next_pain=4) == pain.WENT_WELL
    assert pain.response(ago(2, pain_before=3), next_pain=3) == pain.WENT_WELL


def test_the_next_pain_is_the_first_score_within_a_day() -> None:
    morning = ago(3, time=dt.time(8, 0), pain_before=3)
    evening = ago(3, time=dt.time(19, 0), pain_before=6)
    next_day = ago(2, time=dt.time(9, 0), pain_before=4)
    entry = make_day_entry(
        {"id": "p1", "date": TODAY - dt.timedelta(days=2), "kind": "pain", "pain": 5}
    )
    scores = pain.readings([morning, evening, next_day], [entry])
    assert pain.next_pain(morning, scores) == 6  # later the same day, by the clock
    assert pain.next_pain(evening, scores) == 5  # the next day's pain entry comes first
    assert pain.next_pain(next_day, scores) is None
    week_later = ago(10, pain_before=3)
    assert pain.next_pain(week_later, pain.readings([week_later, ago(3, pain_before=9)])) is None


def test_untimed_sessions_on_one_day_do_not_judge_each_other() -> None:
    first, second = ago(3, pain_before=2), ago(3, pain_before=6)
    assert pain.next_pain(first, pain.readings([first, second])) is None


def test_judged_pairs_each_session_with_its_verdict() -> None:
    log = [ago(3, pain_before=3, pain_after=3), ago(2, pain_before=6), ago(1)]
    assert [v for _, v in pain.judged(log, pain.readings(log))] == [pain.TOO_FAR, None, None]


@given(st.integers(0, 10), st.integers(0, 10))
def test_too_far_is_a_rise_of_two_or_more(before: int, after: int) -> None:
    assert pain.rose(before, after) is (after - before >= 2)
    done = ago(1, pain_before=before, pain_after=after)
    assert pain.session_went_too_far(done) is (after >= before + 2)


# --- flare days -------------------------------------------------------------------------------


def scores(values: dict[int, int]) -> dict[dt.date, int]:
    return {TODAY - dt.timedelta(days=back): value for back, value in values.items()}


def test_a_flare_day_is_two_above_the_median_of_the_14_days_before() -> None:
    usual = {back: 3 for back in range(1, 15)}
    assert pain.flare_day(5, usual.values())
    assert not pain.flare_day(4, usual.values())
    assert not pain.flare_day(9, [])  # nothing to compare with
    found = pain.flare_days(scores({**usual, 0: 5, 20: 9}))
    assert found == [TODAY]  # day 20 back has no earlier scores
    assert pain.usual([1, 2, 9, 10]) == 5.5


def test_a_flare_is_relative_to_the_person_not_a_fixed_score() -> None:
    high_usual = scores({**{back: 7 for back in range(1, 15)}, 0: 8})
    assert pain.flare_days(high_usual) == []
    low_usual = scores({**{back: 1 for back in range(1, 15)}, 0: 3})
    assert pain.flare_days(low_usual) == [TODAY]


def test_the_latest_score_marks_a_flare_now_only_while_it_is_recent() -> None:
    log = {back: 3 for back in range(3, 17)}
    assert pain.flare_now(scores({**log, 2: 6}), TODAY)
    assert not pain.flare_now(scores({**log, 2: 6, 1: 3}), TODAY)  # settled since
    assert not pain.flare_now(scores({**log, 2: 6}), TODAY + dt.timedelta(days=1))
    assert not pain.flare_now({}, TODAY)


def test_flare_rules_work_on_day_numbers_too() -> None:
    numbered = {day.toordinal(): value for day, value in scores({1: 3, 2: 3, 3: 3, 0: 6}).items()}
    assert pain.flare_now(numbered, TODAY.toordinal())
    assert pain.flare_days(numbered) == [TODAY.toordinal()]


def test_day_numbers_and_dates_agree() -> None:
    assert days.day_number(TODAY.isoformat()) == TODAY.toordinal()


def test_the_leg_and_the_next_score_follow_the_same_rise() -> None:
    assert pain.went_too_far(3, 3, leg_before=1, leg_after=3)
    assert pain.went_too_far(3, 3, next_pain=5)
    assert not pain.went_too_far(3, 4, leg_before=1, leg_after=2, next_pain=4)


# --- baselines, on dates -----------------------------------------------------------------------


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


def test_a_days_level_is_the_mean_of_its_scores_before_sessions_and_without_one() -> None:
    entry = make_day_entry({"id": "p1", "date": DAY, "kind": "pain", "pain": 7})
    totals = days.daily([session(DAY, pain_before=2), session(DAY, pain_before=6)], [entry])
    assert pain.level(totals[DAY]) == 5
    assert pain.row_level(totals[DAY].as_row()) == 5  # the nudge reads the cache's rows
    assert pain.levels({DAY: days.Day(DAY, 1, 10)}) == {}  # a session without a score


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.none() | st.integers(6, 20), st.integers(0, 10)),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10)), max_size=3),
)
def test_the_next_pain_is_the_first_later_score_within_a_day(scored, entries) -> None:
    """`next_pain`, against the rule spelt out: the readings after the session (same day:
    later by the clock, an untimed reading first, an untimed session after them all),
    the first of them when it is at most a day later."""
    logged = [
        ago(back, time=None if hour is None else dt.time(hour, 0), pain_before=before)
        for back, hour, before in scored
    ]
    marks = [
        make_day_entry(
            {"id": f"p{n}", "date": TODAY - dt.timedelta(days=back), "kind": "pain", "pain": p}
        )
        for n, (back, p) in enumerate(entries)
    ]
    scores = pain.readings(logged, marks)

    def place(day: dt.date, rank: int, time: dt.time | None) -> tuple[int, int, int]:
        return day.toordinal(), rank, 0 if time is None else time.hour * 60 + time.minute

    ordered = sorted(scores, key=lambda r: place(r[0], 0 if r[1] is None else 1, r[1]))
    for s in logged:
        own = place(s.date, 2 if s.time is None else 1, s.time)
        later = [r for r in ordered if place(r[0], 0 if r[1] is None else 1, r[1]) > own]
        first = later[0] if later and (later[0][0] - s.date).days <= 1 else None
        assert pain.next_pain(s, scores) == (None if first is None else first[2])
