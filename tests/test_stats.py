"""Streak, week, goal and trend rules: properties over any log, and worked examples."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import stats
from movecoach.core.models import Session

from .factories import session

TODAY = dt.date(2026, 3, 10)  # a Tuesday

offsets_st = st.lists(st.integers(min_value=0, max_value=120), max_size=40)
today_st = st.dates(dt.date(2001, 1, 1), dt.date(2098, 12, 31))


def on(today: dt.date, offsets: list[int], **fields) -> list[Session]:
    """Sessions `offset` days before `today`."""
    return [session(today - dt.timedelta(days=n), **fields) for n in offsets]


# --- properties -----------------------------------------------------------------------------


@given(offsets_st, today_st)
def test_current_never_exceeds_longest(offsets, today) -> None:
    sessions = on(today, offsets)
    assert stats.current_streak(sessions, today) <= stats.longest_streak(sessions)


@given(offsets_st, today_st, st.randoms(use_true_random=False))
def test_order_of_sessions_never_changes_a_result(offsets, today, rnd) -> None:
    sessions = on(today, offsets, pain_before=3, pain_after=2)
    shuffled = list(sessions)
    rnd.shuffle(shuffled)
    assert stats.streak(shuffled, today) == stats.streak(sessions, today)
    assert stats.weeks(shuffled, today, 20) == stats.weeks(sessions, today, 20)
    assert stats.trend(shuffled, today) == stats.trend(sessions, today)


@given(offsets_st, today_st, st.integers(min_value=0, max_value=200))
def test_a_session_on_a_new_day_never_lowers_the_longest(offsets, today, extra) -> None:
    sessions = on(today, offsets)
    more = [*sessions, session(today - dt.timedelta(days=extra))]
    assert stats.longest_streak(more) >= stats.longest_streak(sessions)


@given(offsets_st, today_st)
def test_a_session_today_never_lowers_the_current_streak(offsets, today) -> None:
    sessions = on(today, offsets)
    more = [*sessions, session(today)]
    assert stats.current_streak(more, today) >= stats.current_streak(sessions, today)
    assert stats.current_streak(more, today) >= 1


@given(st.lists(st.integers(min_value=2, max_value=120), max_size=40), today_st)
def test_a_gap_of_two_days_before_today_makes_current_zero(offsets, today) -> None:
    assert stats.current_streak(on(today, offsets), today) == 0


@given(offsets_st, today_st, st.sampled_from([0, 6]))
def test_every_session_falls_in_exactly_one_week(offsets, today, first_weekday) -> None:
    sessions = on(today, offsets, minutes=7)
    weeks = stats.weeks(sessions, today, 20, first_weekday)
    assert sum(w.sessions for w in weeks) == len(sessions)
    assert sum(w.minutes for w in weeks) == 7 * len(sessions)
    assert sum(w.active_days for w in weeks) == len(set(offsets))
    for week in weeks:
        assert week.start.weekday() == first_weekday


@given(today_st, st.integers(min_value=1, max_value=60))
def test_weeks_are_consecutive_and_end_with_the_current_week(today, count) -> None:
    weeks = stats.weeks([], today, count)
    assert len(weeks) == count
    assert weeks[-1].start <= today < weeks[-1].start + dt.timedelta(days=7)
    for earlier, later in itertools.pairwise(weeks):
        assert later.start - earlier.start == dt.timedelta(days=7)
    assert all(w.sessions == 0 and w.pain_before is None for w in weeks)


@given(offsets_st, today_st)
def test_current_streak_is_the_run_ending_today_or_yesterday(offsets, today) -> None:
    days = {today - dt.timedelta(days=n) for n in offsets}
    expected = 0
    start = today if today in days else today - dt.timedelta(days=1)
    while start - dt.timedelta(days=expected) in days:
        expected += 1
    assert stats.current_streak(on(today, offsets), today) == expected


# --- worked examples ------------------------------------------------------------------------


def test_streak_open_today_counts_to_yesterday() -> None:
    sessions = on(TODAY, [1, 2, 3])
    figures = stats.streak(sessions, TODAY)
    assert figures.current == 3
    assert figures.today_done is False
    assert figures.last_session == dt.date(2026, 3, 9)
    assert figures.days_since_last == 1


def test_streak_including_today_and_longest_from_the_past() -> None:
    sessions = on(TODAY, [0, 1, 10, 11, 12, 13, 14])
    figures = stats.streak(sessions, TODAY)
    assert figures.current == 2
    assert figures.longest == 5
    assert figures.today_done is True
    assert figures.days_since_last == 0


def test_streak_broken_by_a_missed_day() -> None:
    assert stats.current_streak(on(TODAY, [2, 3, 4]), TODAY) == 0
    assert stats.streak([], TODAY).as_dict() == {
        "current": 0,
        "longest": 0,
        "today_done": False,
        "last_session": None,
        "days_since_last": None,
    }


def test_streak_across_a_year_boundary() -> None:
    today = dt.date(2026, 1, 2)
    sessions = [session(d) for d in ("2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02")]
    assert stats.current_streak(sessions, today) == 4
    assert stats.longest_streak(sessions) == 4


def test_several_sessions_a_day_are_one_active_day() -> None:
    sessions = on(TODAY, [0, 0, 0, 1])
    assert stats.current_streak(sessions, TODAY) == 2


def test_future_dated_sessions_are_not_the_last_session() -> None:
    sessions = [session(TODAY + dt.timedelta(days=3)), session(TODAY - dt.timedelta(days=2))]
    assert stats.last_session_date(sessions, TODAY) == TODAY - dt.timedelta(days=2)


def test_week_spanning_two_years() -> None:
    today = dt.date(2026, 1, 2)  # a Friday; its week starts on Monday 29 December 2025
    sessions = [
        session("2025-12-28", minutes=99),  # the Sunday before: previous week
        session("2025-12-29", minutes=10, pain_before=4, pain_after=2),
        session("2025-12-31", minutes=20, pain_before=6),
        session("2026-01-02", minutes=30, pain_after=3),
    ]
    previous, current = stats.weeks(sessions, today, 2)
    assert current.start == dt.date(2025, 12, 29)
    assert (current.sessions, current.active_days, current.minutes) == (3, 3, 60)
    assert current.pain_before == 5.0
    assert current.pain_after == 2.5
    assert previous.minutes == 99


def test_weeks_starting_on_sunday() -> None:
    (week,) = stats.weeks([], dt.date(2026, 3, 10), 1, first_weekday=6)
    assert week.start == dt.date(2026, 3, 8)


def test_goal_progress_for_the_current_week() -> None:
    sessions = [session(d, minutes=30) for d in ("2026-03-09", "2026-03-10")]
    progress = stats.goal_progress(sessions, TODAY, stats.Goal())
    assert (progress.goal.days, progress.goal.minutes) == (5, 150)
    assert (progress.week.active_days, progress.week.minutes) == (2, 60)
    assert progress.met is False
    assert stats.goal_progress(sessions, TODAY, stats.Goal(days=2, minutes=60)).met
    assert not stats.goal_progress(sessions, TODAY, stats.Goal(days=2, minutes=61)).met
    last_week = [session("2026-03-08", minutes=500)]
    assert stats.goal_progress(last_week, TODAY, stats.Goal()).week.minutes == 0


def test_trend_better_steady_worse_and_unknown() -> None:
    def log(earlier: int, recent: int) -> list[Session]:
        return on(TODAY, list(range(14, 28)), pain_before=earlier) + on(
            TODAY, list(range(14)), pain_before=recent
        )

    assert stats.trend(log(6, 3), TODAY).direction == "better"
    assert stats.trend(log(4, 4), TODAY).direction == "steady"
    assert stats.trend(log(3, 6), TODAY).direction == "worse"
    assert stats.trend(on(TODAY, [0, 1]), TODAY).direction is None
    assert stats.trend([], TODAY).direction is None


def test_trend_steady_band_is_half_a_point() -> None:
    earlier = on(TODAY, [20, 21, 22], pain_before=4)
    assert stats.direction(earlier + on(TODAY, [1, 2, 3], pain_before=4), TODAY) == "steady"
    half = on(TODAY, [1, 2], pain_before=4) + on(TODAY, [3], pain_before=5)
    assert stats.direction(earlier + half, TODAY) == "steady"  # 4.33 vs 4
    higher = on(TODAY, [1, 2, 3], pain_before=5)
    assert stats.direction(earlier + higher, TODAY) == "worse"


def test_trend_days_and_average_change() -> None:
    sessions = [
        session(TODAY, pain_before=6, pain_after=4),
        session(TODAY, pain_before=4, pain_after=4),
        session(TODAY - dt.timedelta(days=2), pain_before=5, pain_after=2),
        session(TODAY - dt.timedelta(days=40), pain_before=9, pain_after=1),  # outside
    ]
    result = stats.trend(sessions, TODAY)
    assert len(result.days) == 28
    assert result.days[0].date == TODAY - dt.timedelta(days=27)
    assert result.days[-1].as_dict() == {
        "date": "2026-03-10",
        "pain_before": 5.0,
        "pain_after": 4.0,
    }
    assert result.days[-2].pain_before is None
    assert result.average_change == round((-2 + 0 - 3) / 3, 2)


def test_days_since_last() -> None:
    assert stats.days_since_last(on(TODAY, [3, 9]), TODAY) == 3
    assert stats.days_since_last([], TODAY) is None


def test_per_day_totals_add_up() -> None:
    rnd = random.Random(0)
    sessions = [
        session(TODAY - dt.timedelta(days=rnd.randint(0, 30)), minutes=rnd.randint(1, 60))
        for _ in range(100)
    ]
    days = stats.daily(sessions)
    assert sum(d.sessions for d in days.values()) == 100
    assert sum(d.minutes for d in days.values()) == sum(s.minutes for s in sessions)


@given(offsets_st, today_st, st.integers(1, 30), st.sampled_from([0, 6]))
def test_calendar_cells_are_every_day_of_the_weeks_up_to_today(
    offsets, today, weeks, first_weekday
) -> None:
    cells = stats.calendar(on(today, offsets, minutes=5), today, weeks, first_weekday)
    assert cells[-1].date == today
    assert cells[0].date.weekday() == first_weekday
    assert 7 * (weeks - 1) < len(cells) <= 7 * weeks
    assert all(b.date - a.date == dt.timedelta(days=1) for a, b in itertools.pairwise(cells))
    shown = {today - dt.timedelta(days=n) for n in offsets} & {c.date for c in cells}
    assert sum(c.sessions > 0 for c in cells) == len(shown)


# --- more worked examples ---------------------------------------------------------------------


def test_the_tail_of_a_year_is_the_run_ending_on_31_december() -> None:
    active = {dt.date(2025, 12, 31) - dt.timedelta(days=n) for n in (0, 1, 2, 4)}
    assert stats.tail_run(active, 2025) == 3
    assert stats.tail_run(active | {dt.date(2026, 1, 1)}, 2025) == 3
    assert stats.tail_run(active, 2024) == 0
    assert stats.tail_run(set(), 2025) == 0


def test_the_longest_streak_counts_each_run_from_its_first_day() -> None:
    offsets = [0, 1, 2, 10, 11, 12, 13, 20, 22]
    assert stats.longest_streak(on(TODAY, offsets)) == 4
    assert stats.longest_streak(on(TODAY, [0, 2, 4, 6])) == 1  # every other day: no run
    assert stats.longest_streak(on(TODAY, [5])) == 1
    assert stats.longest_streak([]) == 0


def test_the_calendar_starts_its_weeks_on_monday_by_default() -> None:
    cells = stats.calendar([], TODAY, 2)
    assert cells[0].date == dt.date(2026, 3, 2)
    assert cells[0].date.weekday() == 0
    assert len(cells) == 9
    assert stats.calendar([], TODAY, 1, first_weekday=6)[0].date == dt.date(2026, 3, 8)


def test_a_run_that_follows_a_one_day_gap_is_counted_whole() -> None:
    assert stats.longest_streak(on(TODAY, [0, 1, 2, 4])) == 3


def test_a_day_without_sessions_in_the_totals_is_not_active() -> None:
    empty = {TODAY: stats.Day(TODAY), TODAY - dt.timedelta(days=1): stats.Day(TODAY, 1, 10)}
    assert stats.current_streak(empty, TODAY) == 1
    assert not stats.streak(empty, TODAY).today_done
    week = stats.summarise(TODAY, [stats.Day(TODAY), stats.Day(TODAY, 2, 30)])
    assert (week.sessions, week.active_days, week.minutes) == (2, 1, 30)


def test_the_direction_compares_mean_daily_pain_with_today_in_the_recent_half() -> None:
    earlier = on(TODAY, [20, 21, 22], pain_before=4)
    # two sessions on one day count as that day's mean, not their sum
    two_a_day = on(TODAY, [1, 2], pain_before=3) + on(TODAY, [2], pain_before=5)
    assert stats.direction(earlier + on(TODAY, [3], pain_before=4) + two_a_day, TODAY) == "steady"
    # today's score is part of the recent half: without it there are too few days
    recent = on(TODAY, [0, 1, 2], pain_before=1)
    assert stats.direction(earlier + recent, TODAY) == "better"
    assert stats.direction(earlier + recent[1:], TODAY) is None
    # exactly half a point apart is steady
    half = on(TODAY, [1, 2], pain_before=4) + on(TODAY, [3, 4], pain_before=5)  # 4.5 against 4
    assert stats.direction(earlier + half, TODAY) == "steady"


def test_the_json_of_each_figure() -> None:
    """The objects `streak`, `history` and `trend` print with --json."""
    figures = stats.streak(on(TODAY, [0, 1, 5]), TODAY)
    assert figures.as_dict() == {
        "current": 2,
        "longest": 2,
        "today_done": True,
        "last_session": "2026-03-10",
        "days_since_last": 0,
    }
    assert stats.streak([], TODAY).as_dict()["last_session"] is None
    (week,) = stats.weeks(on(TODAY, [0, 1], pain_before=4, pain_after=3), TODAY, 1)
    assert week.as_dict() == {
        "start": "2026-03-09",
        "sessions": 2,
        "active_days": 2,
        "minutes": 40,
        "pain_before": 4.0,
        "pain_after": 3.0,
    }
    trend = stats.trend(on(TODAY, [0], pain_before=5, pain_after=2), TODAY, 7)
    data = trend.as_dict()
    assert list(data) == ["days", "average_change", "direction"]
    assert (data["average_change"], data["direction"]) == (-3.0, None)
    assert data["days"][-1] == {"date": "2026-03-10", "pain_before": 5.0, "pain_after": 2.0}
    view = stats.WeeksView([week], figures, stats.Goal(3, 60))
    assert view.as_dict() == {
        "weeks": [week.as_dict()],
        "streak": figures.as_dict(),
        "goal": {"days": 3, "minutes": 60},
    }


def test_a_week_starts_on_monday_unless_told() -> None:
    assert stats.week_start(TODAY) == dt.date(2026, 3, 9)
    assert stats.week_start(TODAY, 6) == dt.date(2026, 3, 8)
    assert stats.week_start(dt.date(2026, 3, 9)) == dt.date(2026, 3, 9)
