"""Each pacing rule alone, on small logs worked out by hand."""

from __future__ import annotations

import datetime as dt

from movecoach.core import pacing
from movecoach.core.models import DayEntry, Exercise, Session, make_day_entry
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
        "earlier 20 min (10 min), then back up to 20 min over your next 3 sessions that go "
        "well.",
        pacing.WELCOME,
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


def test_pain_2_above_the_14_day_median_is_a_flare_day_and_halves_the_plan() -> None:
    log = days(range(1, 15), minutes=20, pain_before=3)
    assert pacing.step_back(log, TODAY, 5, 30) == Pacing(
        10,
        "Pain 5 is 2 or more above your usual 3 (the middle of your scores over the last 14 "
        "days): a shorter, gentler session today, about half your usual 20 min (10 min), then "
        "back up to 20 min over your next 3 sessions that go well. Keep moving gently; flares "
        "usually settle in a few days.",
        pacing.STEP_BACK,
    )


def test_pain_1_above_the_median_is_no_flare() -> None:
    log = days(range(1, 15), minutes=20, pain_before=3)
    assert pacing.step_back(log, TODAY, 4, 30) is None


def test_one_bad_day_does_not_move_the_usual_pain() -> None:
    log = [*days(range(2, 15), minutes=20, pain_before=3), ago(1, pain_before=9)]
    assert pacing.step_back(log, TODAY, 5, 30) is not None  # usual is still 3, not the mean


def test_no_pain_score_today_or_in_the_log_is_no_pain_flare() -> None:
    assert pacing.step_back(days(range(1, 15), pain_before=3), TODAY, None, 30) is None
    assert pacing.step_back(days(range(1, 15)), TODAY, 10, 30) is None


def pain_entries(back: range, pain: int) -> list[DayEntry]:
    return [
        make_day_entry(
            {"id": f"p{n}", "date": TODAY - dt.timedelta(days=n), "kind": "pain", "pain": pain}
        )
        for n in back
    ]


def test_pain_recorded_without_a_session_makes_the_usual_pain_too() -> None:
    """`movecoach pain 3` each day, sessions without a score: the usual pain is 3, as the
    report and the nudge count it, so today's 6 is a flare day."""
    log = days(range(1, 15), minutes=20)
    entries = pain_entries(range(1, 15), 3)
    found = pacing.step_back(log, TODAY, 6, 30, entries)
    assert found is not None
    assert found.reason.startswith("Pain 6 is 2 or more above your usual 3")
    assert pacing.pace(log, TODAY, 6, 30, entries) == found
    assert pacing.step_back(log, TODAY, 6, 30) is None  # without them: no usual pain


def test_a_flare_recorded_on_a_session_day_is_remembered_as_a_step_back() -> None:
    """A day 3 days ago whose recorded pain (9) was a flare against the usual 3 before it:
    the rules stepped back then, so no build-up for a week."""
    log = days(range(1, 18), minutes=20)
    entries = [*pain_entries(range(4, 18), 3), *pain_entries(range(3, 4), 9)]
    back = pacing.last_step_back(log, TODAY, entries)
    assert back is not None
    assert (back.day, back.cause) == (TODAY - dt.timedelta(days=3), "flare")
    assert pacing.last_step_back(log, TODAY) is None


def test_one_session_that_raised_the_pain_2_points_halves_the_plan() -> None:
    log = [*days(range(2, 15)), ago(1, pain_before=3, pain_after=5)]
    result = pacing.step_back(log, TODAY, 3, 30)
    assert result is not None
    assert result.step_back
    assert result.minutes == 10
    assert result.reason.startswith("Your last session raised your pain from 3 to 5")


def test_a_rise_of_1_is_fine() -> None:
    log = [*days(range(2, 15)), ago(1, pain_before=3, pain_after=4)]
    assert pacing.step_back(log, TODAY, 3, 30) is None


def test_leg_pain_that_rose_2_points_halves_the_plan() -> None:
    log = [*days(range(2, 15)), ago(1, pain_before=3, leg_pain_before=2, leg_pain_after=4)]
    result = pacing.step_back(log, TODAY, 3, 30)
    assert result is not None
    assert result.reason.startswith("Your last session raised your leg pain from 2 to 4")


def test_pain_not_settled_by_the_next_day_halves_the_plan() -> None:
    """A good day (2, against a usual 4), then back at the usual 4: no flare, but the pain
    did not settle back to where the session started within a day."""
    log = [*days(range(2, 15), pain_before=4), ago(1, pain_before=2, pain_after=3)]
    result = pacing.step_back(log, TODAY, 4, 30)
    assert result is not None
    assert result.reason.startswith(
        "Your pain today (4) is 2 or more above the 2 your last session started from"
    )
    older = [*days(range(3, 15), pain_before=4), ago(2, pain_before=2, pain_after=3)]
    assert pacing.step_back(older, TODAY, 4, 30) is None  # two days on is not "the next day"


def test_of_two_sessions_on_one_day_the_clock_says_which_was_later() -> None:
    """Yesterday the user went twice: the later one by the clock, not by where it is
    written in the log, is the last session."""
    morning, evening = dt.time(7, 0), dt.time(19, 0)
    worse = {"pain_before": 3, "pain_after": 6}
    calm = {"pain_before": 3, "pain_after": 3}
    base = days(range(2, 15))
    flare = [*base, ago(1, time=evening, **worse), ago(1, time=morning, **calm)]
    assert pacing.step_back(flare, TODAY, 3, 30) is not None
    eased = [*base, ago(1, time=evening, **calm), ago(1, time=morning, **worse)]
    assert pacing.step_back(eased, TODAY, 3, 30) is None


def test_a_flare_never_cuts_below_the_shortest_plan() -> None:
    log = days(range(1, 15), minutes=6, pain_before=2)
    result = pacing.step_back(log, TODAY, 8, 30)
    assert result is not None
    assert result.minutes == 5


def test_a_flare_outranks_a_build_up() -> None:
    log = days(range(1, 15), minutes=15, pain_before=3, pain_after=3)
    assert pacing.build_up(log, TODAY, 30) is not None
    paced = pacing.pace(log, TODAY, 5, 30)
    assert paced is not None
    assert paced.step_back
    assert paced.minutes == 7.5


# --- build up -------------------------------------------------------------------------------


def test_a_week_of_4_active_days_that_went_well_grows_10_percent() -> None:
    log = days([1, 3, 5, 7, 8, 9, 10, 11, 12, 13], minutes=20)
    assert pacing.active_days(log, TODAY) == 4
    assert pacing.build_up(log, TODAY, 30) == Pacing(
        22,
        "4 active days this past week at about 20 min, and no session raised your pain by 2 "
        "or more: up to 22 min today (at most 10 % more than the week before).",
        pacing.BUILD,
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


def test_one_session_that_went_too_far_this_week_stops_the_build_up() -> None:
    """The worst session counts, not the average: six at +0 and one at +2 average +0.3."""
    log = days([1, 2, 3, 5, 6, 7, *range(8, 14)], pain_before=2, pain_after=2)
    log.append(ago(4, pain_before=2, pain_after=4))
    assert pacing.went_too_far_this_week(log, TODAY)
    assert pacing.build_up(log, TODAY, 30) is None


def test_no_build_up_in_the_week_after_a_step_back() -> None:
    log = days(range(1, 14), pain_before=2, pain_after=2)
    log[6] = ago(7, pain_before=5, pain_after=5)  # a flare day, 7 days ago
    back = pacing.last_step_back(log, TODAY)
    assert back is not None
    assert (back.day, back.cause) == (TODAY - dt.timedelta(days=7), "flare")
    assert pacing.build_up(log, TODAY, 30) is None
    assert pacing.build_up(log, TODAY + dt.timedelta(days=1), 30) is not None


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
    unsettled = days(range(1, 14), pain_before=2, pain_after=2)
    unsettled[3] = ago(4, pain_before=2, pain_after=4)
    assert pacing.hold_reason(unsettled, TODAY) == (
        "no build-up in the week after a session that went too far on Tue 17 Mar"
    )
    assert pacing.hold_reason(days(range(1, 7)), TODAY) == "a week at this level first"
    assert pacing.hold_reason(days(range(1, 14)), TODAY) == "holding this week's level"


# --- what the rules look at -----------------------------------------------------------------


def test_active_days_count_each_day_once_within_the_7_before_today() -> None:
    log = [ago(0), ago(1), ago(1), ago(7), ago(8)]
    assert pacing.active_days(log, TODAY) == 2


def test_a_days_score_is_the_mean_of_its_pain_before() -> None:
    log = [ago(1, pain_before=2), ago(1, pain_before=5), ago(2), ago(3, pain_before=0)]
    assert pacing.day_scores(log) == {ago(1).date: 3.5, ago(3).date: 0}  # `pain.level`


def test_the_rules_reach_back_to_the_level_before_a_break_that_ends_in_the_last_14_days() -> None:
    since = TODAY - dt.timedelta(days=31)
    steady = [TODAY - dt.timedelta(days=d) for d in range(1, 32)]
    assert pacing.reach(steady, TODAY, since) == since  # no break: the month is enough
    back = [TODAY - dt.timedelta(days=d) for d in (3, 20, 21)]  # 17 days away before day 3
    assert pacing.reach(back, TODAY, since) == TODAY - dt.timedelta(days=34)
    assert pacing.reach(back[:1], TODAY, since) is None  # its last session is before the month
    assert pacing.reach([], TODAY, since) is None  # a welcome back, or a first session
    away = [TODAY - dt.timedelta(days=d) for d in (20, 25)]  # today ends 20 days away
    assert pacing.reach(away, TODAY, since) == TODAY - dt.timedelta(days=34)


def test_disagreeing_exercises_sit_out_for_14_days_after_the_last() -> None:
    bad = {"pain_before": 3, "pain_after": 5}
    log = [
        ago(20, exercises=("bridge", "knee-rolls"), **bad),
        ago(10, exercises=("bridge",), **bad),
        ago(9, exercises=("knee-rolls",), pain_before=3, pain_after=3),
        ago(8, exercises=("bird-dog",), **bad),
    ]
    assert pacing.disagreeing(log, TODAY) == {"bridge": (2, TODAY + dt.timedelta(days=5))}
    assert pacing.disagreeing(log, TODAY + dt.timedelta(days=5)) == {}
    assert pacing.disagreeing(log, TODAY - dt.timedelta(days=10)) == {}  # one so far


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
    """Yesterday's session went too far (no session since: no step back yet)."""
    too_far = [*days([2, 3, 4]), ago(1, pain_before=2, pain_after=5)]
    assert pacing.hold_reason(too_far, TODAY) == (
        "a session this past week raised your pain by 2 or more"
    )
    assert pacing.hold_reason(too_far[1:], TODAY) == "fewer than 4 active days in the past week"


def test_yesterdays_and_the_seventh_days_sessions_are_this_past_week() -> None:
    worse = {"pain_before": 1, "pain_after": 6}
    assert pacing.went_too_far_this_week([*days([3, 4, 5]), ago(1, **worse)], TODAY)
    assert pacing.went_too_far_this_week([ago(7, **worse)], TODAY)
    assert not pacing.went_too_far_this_week([ago(8, **worse)], TODAY)  # last week's
    assert not pacing.went_too_far_this_week([ago(0, **worse)], TODAY)  # today's own


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


def test_a_last_session_that_went_too_far_says_how_the_plan_changes() -> None:
    log = [
        *days([3, 4, 5, 6]),
        ago(2, pain_before=2, pain_after=4),
        ago(1, pain_before=3, pain_after=6),
    ]
    result = pacing.step_back(log, TODAY, None, 30)
    assert result is not None
    assert result.reason == (
        "Your last session raised your pain from 3 to 6: cutting back to about half your usual "
        "20 min (10 min) and gentler moves, then back up to 20 min over your next 3 sessions "
        "that go well."
    )


def test_the_last_step_of_a_return_says_one_session() -> None:
    log = days(range(5, 19), minutes=20, pain_before=2)
    log += [ago(4, minutes=10, pain_before=6), ago(3, minutes=10), ago(2, minutes=13)]
    paced = pacing.returning(log, TODAY, 30)
    assert paced is not None
    assert paced.reason.endswith("over your next session that goes well.")
