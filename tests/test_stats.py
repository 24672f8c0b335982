"""Streak, week, goal and trend rules: properties over any log, and worked examples."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
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
        "rest_days": 0,
        "flare_days": 0,
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
    assert stats.goal_progress(sessions, TODAY, stats.Goal(2, 60, strength_days=0)).met
    assert not stats.goal_progress(sessions, TODAY, stats.Goal(2, 61, strength_days=0)).met
    last_week = [session("2026-03-08", minutes=500)]
    assert stats.goal_progress(last_week, TODAY, stats.Goal()).week.minutes == 0


KINDS = {"calm-breathing": "relaxation", "body-scan": "relaxation", "bridge": "strength"}


def test_active_minutes_leave_out_sessions_of_relaxation_alone() -> None:
    sessions = [
        session("2026-03-09", minutes=20, exercises=("calm-breathing", "body-scan")),
        session("2026-03-09", minutes=15, exercises=("calm-breathing", "bridge")),
        session("2026-03-10", minutes=10),  # no exercise list: counts
        session("2026-03-10", minutes=5, exercises=("my-own-move",)),  # unknown: counts
    ]
    done = stats.efforts(sessions, KINDS)
    (week,) = stats.weeks(sessions, TODAY, 1, done=done)
    assert (week.minutes, week.active_minutes, week.strength_days) == (50, 30, 1)
    assert week.as_dict()["minutes"] == 50
    assert (week.as_dict()["active_minutes"], week.as_dict()["strength_days"]) == (30, 1)


def test_a_week_meets_its_goal_only_with_all_three() -> None:
    goal = stats.Goal(days=2, minutes=30, strength_days=2)
    both = [session(d, minutes=20, exercises=("bridge",)) for d in ("2026-03-09", "2026-03-10")]
    assert stats.goal_progress(both, TODAY, goal, done=stats.efforts(both, KINDS)).met
    one = [*both[:1], session("2026-03-10", minutes=20)]
    assert not stats.goal_progress(one, TODAY, goal, done=stats.efforts(one, KINDS)).met
    calm = [*both, session("2026-03-10", minutes=200, exercises=("calm-breathing",))]
    short = stats.Goal(days=2, minutes=41, strength_days=2)
    assert not stats.goal_progress(calm, TODAY, short, done=stats.efforts(calm, KINDS)).met
    assert stats.Goal().as_dict() == {"days": 5, "minutes": 150, "strength_days": 2}


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


def test_better_or_worse_needs_a_change_of_2_points_or_30_percent() -> None:
    """A straight line from 4 to 2.2 over 28 days is under 2 points: about the same; from 4
    to 1.6 it is better. From a high start the 30 % counts: 9 to 6.5 falls 2.5 points, but
    that is under 30 % of 9 (2.7)."""

    def line(start: float, end: float) -> dict[dt.date, stats.Day]:
        points = {}
        for back in range(28):
            score = start + (end - start) * (27 - back) / 27
            points[TODAY - dt.timedelta(days=back)] = stats.Day(TODAY, 1, 10, round(score * 10), 10)
        return points

    assert stats.direction(line(4, 2.2), TODAY) == "steady"
    assert stats.direction(line(4, 1.6), TODAY) == "better"
    assert stats.direction(line(2, 4.4), TODAY) == "worse"
    assert stats.direction(line(9, 6.5), TODAY) == "steady"
    assert stats.direction(line(9, 6), TODAY) == "better"


def test_a_falling_trend_with_one_bad_week_is_never_worse() -> None:
    """The issue's worked example: pain falling from 6 to 3 over four weeks, with a flare
    week in the middle at 9, used to read "worse" (its half sat in the last 14 days)."""
    log = []
    for back in range(28):
        level = 3 + 3 * back / 27
        if 10 <= back <= 16:  # the bad week
            level = 9
        log += on(TODAY, [back], pain_before=round(level))
    result = stats.trend(log, TODAY)
    assert result.direction in ("better", "steady")
    assert result.change is not None
    assert result.change < 0
    assert result.as_dict()["change"] == result.change
    assert result.flare_days >= 1  # the first days of the bad week were flares
    assert result.as_dict()["flare_days"] == result.flare_days


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
        "pain": None,
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
    from movecoach.core.days import run_ending

    def tail(active: set[dt.date], year: int) -> int:
        return run_ending({d.toordinal() for d in active}, dt.date(year, 12, 31).toordinal())

    active = {dt.date(2025, 12, 31) - dt.timedelta(days=n) for n in (0, 1, 2, 4)}
    assert tail(active, 2025) == 3
    assert tail(active | {dt.date(2026, 1, 1)}, 2025) == 3
    assert tail(active, 2024) == 0
    assert tail(set(), 2025) == 0


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
        "rest_days": 0,
        "flare_days": 0,
    }
    assert stats.streak([], TODAY).as_dict()["last_session"] is None
    (week,) = stats.weeks(on(TODAY, [0, 1], pain_before=4, pain_after=3), TODAY, 1)
    assert week.as_dict() == {
        "start": "2026-03-09",
        "sessions": 2,
        "active_days": 2,
        "minutes": 40,
        "active_minutes": 40,  # without a catalogue every minute counts as active
        "strength_days": 0,
        "pain_before": 4.0,
        "pain_after": 3.0,
        "rest_days": 0,
        "flare_days": 0,
    }
    trend = stats.trend(on(TODAY, [0], pain_before=5, pain_after=2), TODAY, 7)
    data = trend.as_dict()
    assert list(data) == ["days", "average_change", "direction", "change", "flare_days"]
    assert (data["average_change"], data["direction"], data["change"]) == (-3.0, None, None)
    assert data["days"][-1] == {
        "date": "2026-03-10",
        "pain_before": 5.0,
        "pain_after": 2.0,
        "pain": None,
    }
    goal = stats.Goal(3, 60)
    start = dt.date(2026, 3, 9)
    view = stats.WeeksView([week], figures, goal, stats.GoalProgress(goal, week), start, TODAY)
    assert view.as_dict() == {
        "weeks": [week.as_dict()],
        "streak": figures.as_dict(),
        "goal": {"days": 3, "minutes": 60, "strength_days": 2},
        "period": {"start": "2026-03-09", "end": "2026-03-10"},
    }


def test_a_week_starts_on_monday_unless_told() -> None:
    assert stats.week_start(TODAY) == dt.date(2026, 3, 9)
    assert stats.week_start(TODAY, 6) == dt.date(2026, 3, 8)
    assert stats.week_start(dt.date(2026, 3, 9)) == dt.date(2026, 3, 9)


# --- rest and flare days --------------------------------------------------------------------

MONDAY = dt.date(2026, 3, 2)


def marked(day: dt.date | str, kind: str = "rest", pain: int | None = None):
    from movecoach.core.models import make_day_entry

    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return make_day_entry({"id": f"{kind}-{day}", "date": day, "kind": kind, "pain": pain})


def week_log(plan: str, start: dt.date = MONDAY) -> stats.Days:
    """One letter a day from `start`: s a session, r a rest day, f a flare day, p pain only,
    . nothing."""
    sessions, entries = [], []
    for n, letter in enumerate(plan):
        day = start + dt.timedelta(days=n)
        if letter == "s":
            sessions.append(session(day))
        elif letter in "rfp":
            kinds = {"r": "rest", "f": "flare", "p": "pain"}
            entries.append(marked(day, kinds[letter], pain=6 if letter == "p" else None))
    return stats.daily(sessions, entries)


@pytest.mark.parametrize(
    ("plan", "rest_days", "current", "rest", "flare"),
    [
        ("sssrs", 1, 5, 1, 0),  # a planned rest day keeps the streak and counts in it
        ("ssrrs", 1, 1, 0, 0),  # the week's allowance used up: the second rest day ends it
        ("ssrrs", 2, 5, 2, 0),  # ...unless two a week are allowed
        ("srsrs", 0, 1, 0, 0),  # rest_days = 0: rest days keep nothing
        ("sfffs", 1, 5, 0, 3),  # flare days keep it whatever the week
        ("sfrfs", 1, 5, 1, 2),
        ("ss.rs", 3, 2, 1, 0),  # a day with nothing still ends it
        ("sspss", 1, 2, 0, 0),  # pain alone neither keeps nor counts
        ("rrrrr", 1, 0, 0, 0),  # ... the last rest day is over the allowance
        ("ssssr", 1, 5, 1, 0),  # today a rest day: the streak runs through today
    ],
)
def test_rest_and_flare_day_worked_examples(plan, rest_days, current, rest, flare) -> None:
    today = MONDAY + dt.timedelta(days=len(plan) - 1)
    figures = stats.streak(week_log(plan), today, stats.StreakRules(rest_days=rest_days))
    assert (figures.current, figures.rest_days, figures.flare_days) == (current, rest, flare)


def test_rest_allowance_is_per_calendar_week_from_the_week_start() -> None:
    # Sunday 8 and Monday 9 March: two weeks when weeks start on Monday, one from Sunday.
    plan = "ssssssrrs"
    monday_weeks = stats.streak(week_log(plan), MONDAY + dt.timedelta(days=8))
    sunday_weeks = stats.streak(
        week_log(plan), MONDAY + dt.timedelta(days=8), stats.StreakRules(first_weekday=6)
    )
    assert monday_weeks.current == 9
    assert sunday_weeks.current == 1


def test_a_rest_day_on_an_active_day_uses_none_of_the_allowance() -> None:
    days = stats.daily(
        [session(MONDAY), session(MONDAY + dt.timedelta(days=1))],
        [marked(MONDAY), marked(MONDAY + dt.timedelta(days=2))],
    )
    figures = stats.streak(days, MONDAY + dt.timedelta(days=2))
    assert (figures.current, figures.rest_days) == (3, 1)


def test_the_oldest_rest_days_of_a_week_count_first() -> None:
    # Rest on Tuesday and Thursday with one allowed: Tuesday keeps, Thursday ends the run.
    days = week_log("srsrss")
    assert stats.current_streak(days, MONDAY + dt.timedelta(days=5)) == 2
    assert stats.longest_streak(days) == 3


def test_today_marked_as_rest_or_flare_is_shown_as_kept() -> None:
    assert stats.streak(week_log("sr"), MONDAY + dt.timedelta(days=1)).today_kept == "rest"
    assert stats.streak(week_log("sf"), MONDAY + dt.timedelta(days=1)).today_kept == "flare"
    assert stats.streak(week_log("ss"), MONDAY + dt.timedelta(days=1)).today_kept is None


@given(st.text("srfp.", max_size=40), st.integers(0, 3), st.sampled_from([0, 6]))
def test_a_streak_is_its_active_rest_and_flare_days(plan, rest_days, first_weekday) -> None:
    """Whatever the log, the current streak is made of active days and the rest and flare
    days it reports, never more rest days a week than allowed, and flare days never lower
    it."""
    today = MONDAY + dt.timedelta(days=max(0, len(plan) - 1))
    rules = stats.StreakRules(rest_days, first_weekday)
    days = week_log(plan)
    figures = stats.streak(days, today, rules)
    start = stats.streak_start(days, today, rules) or today + dt.timedelta(days=1)
    run = [d for d in days if start <= d <= today]
    active = sum(1 for d in run if days[d].sessions)
    assert figures.current == active + figures.rest_days + figures.flare_days
    weeks = {stats.week_start(d, first_weekday) for d in run if days[d].kind == "rest"}
    assert figures.rest_days <= rest_days * max(1, len(weeks))
    flared = stats.daily([], [marked(d, "flare") for d in days if not days[d].sessions])
    merged = {**days, **{d: days[d] + flared[d] if d in days else flared[d] for d in flared}}
    assert stats.current_streak(merged, today, rules) >= figures.current
