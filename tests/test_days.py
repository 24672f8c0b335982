"""Day numbers, per-day totals and the streak rules shared by stats and the nudge."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import days
from movecoach.core.days import Day, day_number
from movecoach.core.models import Session, make_session


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
)
def test_nudge_day_arithmetic_matches_the_calendar(a: dt.date, b: dt.date) -> None:
    assert day_number(b.isoformat()) - day_number(a.isoformat()) == (b - a).days


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_day_number_is_the_ordinal_of_the_date(day: dt.date) -> None:
    assert day_number(day.isoformat()) == day.toordinal()


def numbers(*days: dt.date) -> set[int]:
    return {d.toordinal() for d in days}


TODAY = dt.date(2026, 3, 10)


def back(*offsets: int) -> set[int]:
    return numbers(*(TODAY - dt.timedelta(days=n) for n in offsets))


def test_a_run_counts_the_days_in_a_row_ending_on_a_day() -> None:
    today = TODAY.toordinal()
    assert days.run_ending(back(0, 1, 2, 4), today) == 3
    assert days.run_ending(back(1, 2), today) == 0
    assert days.run_ending(set(), today) == 0
    assert days.run_ending(back(1, 2, 3), today - 1) == 3


@pytest.mark.parametrize(
    ("active", "streak"),
    [
        ((0, 1, 2), 3),  # today done
        ((1, 2), 2),  # today still open: the run to yesterday counts
        ((0,), 1),
        ((2, 3), 0),  # yesterday missed: broken
        ((), 0),
        ((0, 2, 3), 1),
    ],
)
def test_the_current_streak_ends_today_or_yesterday(active: tuple[int, ...], streak: int) -> None:
    assert days.current_streak(back(*active), TODAY.toordinal()) == streak


def test_the_last_active_day_is_never_after_today() -> None:
    today = TODAY.toordinal()
    assert days.last_active(back(5, 2, -1), today) == today - 2
    assert days.last_active(back(0), today) == today
    assert days.last_active(back(-1, -3), today) is None
    assert days.last_active([], today) is None


@pytest.mark.parametrize(("gap", "idle"), [(0, 0), (1, 0), (2, 1), (3, 2), (-4, 0)])
def test_idle_days_count_the_whole_days_between(gap: int, idle: int) -> None:
    today = TODAY.toordinal()
    assert days.idle_days(today - gap, today) == idle


def session_on(day: dt.date, minutes: int = 20, **fields: object) -> Session:
    return make_session({"id": "s", "date": day, "minutes": minutes, **fields})


def test_a_day_of_one_session_counts_pain_only_where_given() -> None:
    assert Day.of(session_on(TODAY, 20)).as_row() == [1, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert Day.of(session_on(TODAY, 15, pain_before=4)).as_row() == [
        1,
        15,
        4,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
    ]
    assert Day.of(session_on(TODAY, 15, pain_after=0)).as_row() == [
        1,
        15,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
    ]
    both = Day.of(session_on(TODAY, 10, pain_before=6, pain_after=3))
    assert both.as_row() == [1, 10, 6, 1, 3, 1, -3, 1, 0, 0, 0, 0]
    assert both.date == TODAY


def test_days_add_up_field_by_field() -> None:
    first = Day(TODAY, 1, 20, 4, 1, 2, 1, -2, 1)
    second = Day(TODAY, 2, 30, 5, 1, 0, 0, 0, 0)
    total = first + second
    assert total.as_row() == [3, 50, 9, 2, 2, 1, -2, 1, 0, 0, 0, 0]
    assert total.date == TODAY
    assert Day(TODAY).as_row() == [0] * 12  # an empty day
    assert Day(TODAY, 1, 5).as_row() == [1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_a_day_is_a_frozen_value() -> None:
    day = Day(TODAY, 1, 20)
    with pytest.raises(AttributeError, match="Day is frozen: cannot set minutes"):
        day.minutes = 30
    assert day == Day(TODAY, 1, 20)
    assert day != Day(TODAY, 1, 21)
    assert day != Day(TODAY - dt.timedelta(days=1), 1, 20)
    assert day != (TODAY, 1, 20)
    assert hash(day) == hash(Day(TODAY, 1, 20))
    assert len({day, Day(TODAY, 1, 20), Day(TODAY, 2, 20)}) == 2
    assert repr(day) == "Day(2026-03-10, [1, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])"
    assert Day.from_row(TODAY, day.as_row()) == day


def test_daily_sums_each_calendar_day_once() -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    totals = days.daily(
        [
            session_on(TODAY, 10, pain_before=2),
            session_on(yesterday, 30),
            session_on(TODAY, 15, pain_before=4, pain_after=5),
        ]
    )
    assert list(totals) == [TODAY, yesterday]
    assert totals[TODAY].as_row() == [2, 25, 6, 2, 5, 1, 1, 1, 0, 0, 0, 0]
    assert totals[yesterday].as_row() == [1, 30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert days.daily([]) == {}


def test_rows_for_the_cache_give_back_the_same_days() -> None:
    totals = days.daily([session_on(TODAY, 10, pain_before=2), session_on(dt.date(2025, 1, 1))])
    rows = days.rows(totals)
    assert rows == {
        "2026-03-10": [1, 10, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        "2025-01-01": [1, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    }
    assert days.from_rows(rows) == totals


@pytest.mark.parametrize(
    "iso",
    ["2000-03-01", "2000-02-29", "1900-03-01", "2100-03-01", "2400-03-01", "2024-03-01",
     "2024-04-01", "2023-03-01", "2024-12-31", "0001-01-01", "9999-12-31"],
)  # fmt: skip
def test_day_number_across_leap_years_and_centuries(iso: str) -> None:
    assert day_number(iso) == dt.date.fromisoformat(iso).toordinal()


def test_different_days_hash_apart() -> None:
    assert hash(Day(TODAY, 1, 20)) != hash(Day(TODAY, 2, 20))
    assert hash(Day(TODAY, 1, 20)) != hash(Day(TODAY + dt.timedelta(days=1), 1, 20))


@given(
    st.lists(
        st.tuples(
            st.integers(0, 3), st.integers(1, 60), st.none() | st.integers(0, 10), st.booleans()
        ),
        max_size=30,
    ),
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(["rest", "flare", "pain"]), st.integers(0, 9)),
        max_size=6,
    ),
)
def test_daily_adds_up_as_days_added_one_by_one(sessions, entries) -> None:
    """`daily` sums rows before it makes each day once: the same as adding `Day`s."""
    from movecoach.core.models import make_day_entry

    logged = [
        session_on(TODAY - dt.timedelta(days=back), minutes, pain_before=before, pain_after=3)
        if after
        else session_on(TODAY - dt.timedelta(days=back), minutes, pain_before=before)
        for back, minutes, before, after in sessions
    ]
    marks = [
        make_day_entry(
            {"id": f"e{n}", "date": TODAY - dt.timedelta(days=back), "kind": kind, "pain": pain}
        )
        for n, (back, kind, pain) in enumerate(entries)
    ]
    expected: dict[dt.date, Day] = {}
    for day in [*map(Day.of, logged), *map(Day.of_entry, marks)]:
        expected[day.date] = expected[day.date] + day if day.date in expected else day
    totals = days.daily(logged, marks)
    assert totals == expected
    assert list(totals) == list(expected)
