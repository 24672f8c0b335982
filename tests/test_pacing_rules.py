"""Each pacing rule alone, on small logs worked out by hand."""

from __future__ import annotations

import datetime as dt

from movecoach.core import pacing
from movecoach.core.models import Exercise, Session
from movecoach.core.pacing import Pacing

from .factories import session

TODAY = dt.date(2026, 3, 20)


def ago(days: int, minutes: int = 20, **fields: object) -> Session:
    """A session `days` days before TODAY."""
    return session(TODAY - dt.timedelta(days=days), minutes=minutes, **fields)


def days(back: range | list[int], minutes: int = 20, **fields: object) -> list[Session]:
    return [ago(d, minutes, **fields) for d in back]


def exercise(ident: str, category: str) -> Exercise:
    return Exercise(
        id=ident,
        name=ident,
        category=category,
        position="standing",
        equipment=(),
        minutes=2,
        dose="",
        max_pain=10,
        steps=(),
        caution="",
        benefit="",
    )


# --- baseline -------------------------------------------------------------------------------


def test_one_long_day_does_not_move_the_baseline() -> None:
    assert pacing.baseline([ago(1, 10), ago(2, 10), ago(3, 60)], TODAY) == 10


def test_the_baseline_of_an_even_count_is_between_the_middle_two() -> None:
    assert pacing.baseline([ago(1, 10), ago(5, 20)], TODAY) == 15


def test_the_baseline_ignores_today_and_days_more_than_14_back() -> None:
    log = [ago(0, 90), ago(14, 10), ago(15, 90), ago(-2, 90)]
    assert pacing.baseline(log, TODAY) == 10
    assert pacing.baseline([ago(0, 90), ago(15, 90)], TODAY) is None


# --- welcome back ---------------------------------------------------------------------------


def test_the_15th_day_since_a_session_starts_again_at_half() -> None:
    log = days(range(15, 29), minutes=20)
    assert pacing.welcome_back(log, TODAY, 30) == Pacing(
        10,
        "Welcome back: 15 days since your last session. Starting again at about half your "
        "earlier 20 min (10 min), then building up.",
        step_back=True,
    )
    assert pacing.pace(log, TODAY, 2, 30) == pacing.welcome_back(log, TODAY, 30)


def test_a_session_14_days_ago_is_not_a_break() -> None:
    log = days(range(14, 28), minutes=20)
    assert pacing.welcome_back(log, TODAY, 30) is None
    paced = pacing.pace(log, TODAY, 2, 30)
    assert paced is not None
    assert not paced.step_back
    assert paced.minutes == 20


def test_welcome_back_halves_the_level_just_before_the_break() -> None:
    """Two weeks at 20 minutes before the break count; a month at 60 before those does not."""
    log = days(range(20, 34), minutes=20) + days(range(34, 60), minutes=60)
    result = pacing.welcome_back(log, TODAY, 30)
    assert result is not None
    assert result.minutes == 10


def test_welcome_back_halves_the_minutes_you_have_if_fewer_and_keeps_the_shortest_plan() -> None:
    log = days(range(20, 25), minutes=40)
    short_day = pacing.welcome_back(log, TODAY, 12)
    assert short_day is not None
    assert short_day.minutes == 6
    tiny = pacing.welcome_back(days(range(20, 25), minutes=6), TODAY, 30)
    assert tiny is not None
    assert tiny.minutes == 5


def test_no_welcome_back_for_a_first_session() -> None:
    assert pacing.welcome_back([], TODAY, 30) is None
    assert pacing.welcome_back([ago(0), ago(-5)], TODAY, 30) is None
    assert pacing.pace([ago(0), ago(-5)], TODAY, 2, 30) is None


# --- step back ------------------------------------------------------------------------------


def test_pain_3_above_the_14_day_average_halves_the_plan() -> None:
    log = days(range(1, 15), minutes=20, pain_before=3)
    assert pacing.step_back(log, TODAY, 6, 30) == Pacing(
        10,
        "Pain 6 is well above your 14-day average of 3.0: a shorter, gentler session today, "
        "about half your usual 20 min (10 min). Keep moving gently; flares usually settle in "
        "a few days.",
        step_back=True,
    )


def test_pain_2_above_the_average_is_no_flare() -> None:
    log = days(range(1, 15), minutes=20, pain_before=3)
    assert pacing.step_back(log, TODAY, 5, 30) is None


def test_no_pain_score_today_or_in_the_log_is_no_pain_flare() -> None:
    assert pacing.step_back(days(range(1, 15), pain_before=3), TODAY, None, 30) is None
    assert pacing.step_back(days(range(1, 15)), TODAY, 10, 30) is None


def test_two_sessions_that_each_ended_2_worse_halve_the_plan() -> None:
    log = days(range(3, 15)) + days([1, 2], pain_before=3, pain_after=5)
    result = pacing.step_back(log, TODAY, 3, 30)
    assert result is not None
    assert result.step_back
    assert result.minutes == 10
    assert result.reason.startswith("Your last two sessions each left your pain 2 or more")


def test_one_session_that_ended_worse_is_no_flare() -> None:
    log = [*days(range(3, 15)), ago(2, pain_before=3, pain_after=6), ago(1, pain_before=3)]
    assert pacing.step_back(log, TODAY, 3, 30) is None


def test_of_two_sessions_on_one_day_the_clock_says_which_was_later() -> None:
    """Two days ago the user went twice: the later one by the clock, not by where it is
    written in the log, is one of the last two."""
    morning, evening = dt.time(7, 0), dt.time(19, 0)
    worse = {"pain_before": 3, "pain_after": 6}
    calm = {"pain_before": 3, "pain_after": 3}
    flare = [ago(2, time=evening, **worse), ago(2, time=morning, **calm), ago(1, **worse)]
    assert pacing.worse_after_sessions(flare, TODAY)
    eased = [ago(2, time=evening, **calm), ago(2, time=morning, **worse), ago(1, **worse)]
    assert not pacing.worse_after_sessions(eased, TODAY)


def test_a_flare_never_cuts_below_the_shortest_plan() -> None:
    log = days(range(1, 15), minutes=6, pain_before=2)
    result = pacing.step_back(log, TODAY, 8, 30)
    assert result is not None
    assert result.minutes == 5


def test_a_flare_outranks_a_build_up() -> None:
    log = days(range(1, 15), minutes=15, pain_before=3, pain_after=3)
    assert pacing.build_up(log, TODAY, 30) is not None
    paced = pacing.pace(log, TODAY, 7, 30)
    assert paced is not None
    assert paced.step_back
    assert paced.minutes == 7.5


# --- build up -------------------------------------------------------------------------------


def test_a_settled_week_of_4_active_days_grows_10_percent() -> None:
    log = days([1, 3, 5, 7, 8, 9, 10, 11, 12, 13], minutes=20)
    assert pacing.active_days(log, TODAY) == 4
    assert pacing.build_up(log, TODAY, 30) == Pacing(
        22,
        "4 active days this past week at about 20 min with settled pain: up to 22 min today "
        "(at most 10 % more than the week before).",
    )


def test_a_week_with_3_active_days_holds() -> None:
    log = days([1, 3, 5, 8, 9, 10, 11, 12, 13], minutes=20)
    assert pacing.build_up(log, TODAY, 30) is None
    assert pacing.pace(log, TODAY, 3, 30) == Pacing(
        20,
        "Holding at about 20 min, your usual over the last 14 days: fewer than 4 active days "
        "in the past week.",
    )


def test_a_build_up_rounds_down_to_half_minutes() -> None:
    result = pacing.build_up(days(range(1, 14), minutes=19), TODAY, 30)
    assert result is not None
    assert result.minutes == 20.5  # 20.9, rounded down: rounding up would pass 10 %


def test_seven_days_in_a_row_are_enough_to_build_on() -> None:
    """The session 7 days ago opens the week the next one grows from."""
    result = pacing.build_up(days(range(1, 8), minutes=20), TODAY, 30)
    assert result is not None
    assert result.minutes == 22
    assert pacing.build_up(days(range(1, 7), minutes=20), TODAY, 30) is None


def test_a_build_up_stops_at_the_minutes_you_have() -> None:
    result = pacing.build_up(days(range(1, 14), minutes=20), TODAY, 21)
    assert result is not None
    assert result.minutes == 21


def test_no_build_up_when_pain_has_not_settled() -> None:
    log = days(range(1, 14), pain_before=2, pain_after=4)
    assert not pacing.pain_settled(log, TODAY)
    assert pacing.build_up(log, TODAY, 30) is None


def test_no_build_up_without_a_week_before() -> None:
    assert pacing.build_up(days(range(1, 7)), TODAY, 30) is None


def test_no_build_up_past_a_jump_this_week() -> None:
    """A week at 30 after one at 10 is already more than 10 % up: hold there."""
    log = days(range(1, 8), minutes=30) + days(range(8, 14), minutes=10)
    assert pacing.build_up(log, TODAY, 60) is None
    held = pacing.pace(log, TODAY, 2, 60)
    assert held is not None
    assert held.minutes == 30


# --- hold -----------------------------------------------------------------------------------


def test_hold_at_the_minutes_you_have_says_so() -> None:
    assert pacing.hold(days(range(1, 15), minutes=40), TODAY, 20) == Pacing(
        20,
        "Holding at about 20 min (the most you have today), your usual over the last 14 days: "
        "holding this week's level.",
    )


def test_hold_never_goes_below_the_shortest_plan() -> None:
    result = pacing.hold(days(range(1, 15), minutes=3), TODAY, 30)
    assert result is not None
    assert result.minutes == 5
    assert "the most you have today" not in result.reason


def test_nothing_to_hold_without_recent_sessions() -> None:
    assert pacing.hold(days([15, 16]), TODAY, 30) is None


def test_hold_reasons_name_what_keeps_the_plan_from_growing() -> None:
    assert pacing.hold_reason(days([1, 2, 3, 8, 9]), TODAY) == (
        "fewer than 4 active days in the past week"
    )
    unsettled = days(range(1, 14), pain_before=2, pain_after=4)
    assert pacing.hold_reason(unsettled, TODAY) == "pain has not settled after sessions this week"
    assert pacing.hold_reason(days(range(1, 7)), TODAY) == "a week at this level first"
    assert pacing.hold_reason(days(range(1, 14)), TODAY) == "holding this week's level"


# --- what the rules look at -----------------------------------------------------------------


def test_active_days_count_each_day_once_within_the_7_before_today() -> None:
    log = [ago(0), ago(1), ago(1), ago(7), ago(8)]
    assert pacing.active_days(log, TODAY) == 2


def test_pain_settles_at_a_rise_of_1_on_average() -> None:
    assert pacing.pain_settled(days([1, 2], pain_before=3, pain_after=4), TODAY)
    rising = [ago(1, pain_before=3, pain_after=4), ago(2, pain_before=3, pain_after=5)]
    assert not pacing.pain_settled(rising, TODAY)
    assert pacing.pain_settled([ago(1, pain_before=3), ago(2, pain_after=9)], TODAY)


def test_pain_average_counts_only_scored_sessions_of_the_14_days() -> None:
    log = [ago(1, pain_before=2), ago(2, pain_before=5), ago(3), ago(15, pain_before=9)]
    assert pacing.pain_average(log, TODAY) == 3.5
    assert pacing.pain_average([ago(1), ago(2)], TODAY) is None


def test_last_session_is_the_latest_day_before_today() -> None:
    assert pacing.last_session([ago(9), ago(3), ago(0), ago(-1)], TODAY) == ago(3).date
    assert pacing.last_session([ago(0)], TODAY) is None


# --- variety --------------------------------------------------------------------------------


def test_recent_exercises_are_those_of_the_last_2_days() -> None:
    log = [
        ago(0, exercises=("today",)),
        ago(1, exercises=("yesterday",)),
        ago(2, exercises=("two-days",)),
        ago(3, exercises=("three-days",)),
    ]
    ids, _ = pacing.recent(log, TODAY, [])
    assert ids == {"yesterday", "two-days"}


def test_recent_categories_are_those_of_the_last_6_days() -> None:
    catalogue = [
        exercise("walk", "aerobic"),
        exercise("plank", "strength"),
        exercise("breathe", "relaxation"),
    ]
    log = [
        ago(6, exercises=("walk", "someone-elses-exercise")),
        ago(7, exercises=("plank",)),
        ago(0, exercises=("breathe",)),
    ]
    ids, categories = pacing.recent(log, TODAY, catalogue)
    assert categories == {"aerobic"}
    assert ids == set()


# --- the edges of each window ---------------------------------------------------------------------


def test_four_active_days_are_enough_for_the_other_reasons() -> None:
    unsettled = days([1, 2, 3, 4], pain_before=2, pain_after=5)
    assert pacing.hold_reason(unsettled, TODAY) == "pain has not settled after sessions this week"


def test_yesterdays_session_counts_towards_settled_pain() -> None:
    assert not pacing.pain_settled([*days([3, 4, 5]), ago(1, pain_before=1, pain_after=6)], TODAY)
    assert pacing.pain_settled([ago(8, pain_before=1, pain_after=6)], TODAY)  # last week's


def test_yesterdays_categories_are_recent() -> None:
    catalogue = [exercise("walk", "aerobic"), exercise("plank", "strength")]
    ids, categories = pacing.recent([ago(1, exercises=("walk",))], TODAY, catalogue)
    assert (ids, categories) == ({"walk"}, {"aerobic"})
    ids, categories = pacing.recent([ago(3, exercises=("plank",))], TODAY, catalogue)
    assert (ids, categories) == (set(), {"strength"})


def test_welcome_back_counts_the_last_day_and_the_13_before_it() -> None:
    """The level before a break is the median of the sessions from 13 days before the last
    session up to that day itself."""
    only_the_last = pacing.welcome_back([ago(20, minutes=24)], TODAY, 60)
    assert only_the_last is not None
    assert only_the_last.minutes == 12
    edge = [ago(20, minutes=20), ago(33, minutes=40), ago(34, minutes=90), ago(35, minutes=90)]
    result = pacing.welcome_back(edge, TODAY, 60)  # day 33 is in, days 34 and 35 are not
    assert result is not None
    assert result.minutes == 15
    assert "Welcome back: 20 days since your last session." in result.reason
    assert "half your earlier 30 min (15 min)" in result.reason


def test_two_worse_sessions_say_how_the_plan_changes() -> None:
    log = [
        *days([3, 4, 5, 6]),
        ago(2, pain_before=2, pain_after=4),
        ago(1, pain_before=3, pain_after=6),
    ]
    result = pacing.step_back(log, TODAY, None, 30)
    assert result is not None
    assert result.reason == (
        "Your last two sessions each left your pain 2 or more points higher: cutting back to "
        "about half your usual 20 min (10 min) and gentler moves until it settles."
    )
