"""Pacing and variety from the log: build up slowly, hold, step back in a flare, rotate."""

from __future__ import annotations

import datetime as dt
import statistics

from hypothesis import assume, given
from hypothesis import strategies as st

from movecoach.core import planner
from movecoach.core.models import CATEGORIES, Session
from movecoach.core.pacing import MIN_MINUTES, Pacing, pace
from movecoach.store.catalogue import load_bundled

from .factories import session

CATALOGUE = load_bundled()
TODAY = dt.date(2026, 3, 20)


def history(days, minutes=15, before=3, after=3) -> list[Session]:
    """Sessions `days` days before TODAY."""
    return [
        session(TODAY - dt.timedelta(days=d), minutes=minutes, pain_before=before, pain_after=after)
        for d in days
    ]


def plan(minutes, pain, past, equipment=(), day=TODAY, adaptive=True):
    return planner.plan_session(CATALOGUE, minutes, equipment, pain, day, past, adaptive)


# --- worked examples ------------------------------------------------------------------------


def test_without_history_the_plan_is_the_foundation_plan() -> None:
    for minutes, pain in [(15, 2), (30, None), (60, 5), (10, 8)]:
        assert plan(minutes, pain, []) == plan(minutes, pain, [], adaptive=False)
    future_only = history([-3])  # a hand-written date after today is not history
    assert plan(20, 2, future_only) == plan(20, 2, [], adaptive=False)


def test_build_up_after_a_settled_week() -> None:
    result = plan(30, 3, history(range(1, 15)))
    assert result.total_minutes <= 16
    assert result.total_minutes >= 14
    assert result.notes[0] == (
        "7 active days this past week at about 15 min with settled pain: up to 16.5 min today "
        "(at most 10 % more than the week before)."
    )
    assert pace(history(range(1, 15)), TODAY, 3, 30) == Pacing(16.5, result.notes[0])


def test_hold_with_too_few_active_days() -> None:
    pacing = pace(history([1, 3, 5, 8, 9, 10, 11, 12]), TODAY, 3, 30)
    assert pacing is not None
    assert pacing.minutes == 15
    assert "Holding at about 15 min" in pacing.reason
    assert "fewer than 4 active days" in pacing.reason


def test_hold_when_pain_has_not_settled() -> None:
    past = history(range(1, 15), before=2, after=4)  # +2 on average, not two flares in a row
    past[-1] = session(TODAY - dt.timedelta(days=1), minutes=15, pain_before=3, pain_after=3)
    pacing = pace(past, TODAY, 3, 30)
    assert pacing is not None
    assert pacing.minutes == 15
    assert "not settled" in pacing.reason


def test_the_minutes_you_have_are_the_ceiling() -> None:
    pacing = pace(history(range(1, 15), minutes=40), TODAY, 2, 20)
    assert pacing is not None
    assert pacing.minutes == 20
    assert "the most you have today" in pacing.reason
    assert plan(20, 2, history(range(1, 15), minutes=40)).total_minutes <= 20


def test_step_back_when_pain_is_well_above_average() -> None:
    past = history(range(1, 15), minutes=20, before=3)
    result = plan(30, 7, past)
    assert result.total_minutes <= 10
    assert result.notes[0].startswith("Pain 7 is well above your 14-day average of 3.0")
    assert all(item.exercise.category != "strength" for item in result.items)
    assert result.items, "a flare never stops the plan"


def test_step_back_after_two_sessions_that_ended_worse() -> None:
    past = history(range(3, 15), minutes=20) + history([1, 2], minutes=20, before=2, after=5)
    pacing = pace(past, TODAY, 3, 30)
    assert pacing is not None
    assert pacing.step_back
    assert pacing.minutes == 10
    assert "last two sessions each left your pain 2 or more points higher" in pacing.reason
    result = plan(30, 3, past)
    assert all(not item.exercise.end_range for item in result.items), "gentler choices"


def test_welcome_back_after_a_long_break() -> None:
    past = [session(TODAY - dt.timedelta(days=d), minutes=20) for d in range(30, 44)]
    pacing = pace(past, TODAY, 2, 30)
    assert pacing is not None
    assert pacing.minutes == 10
    assert pacing.reason.startswith("Welcome back: 30 days since your last session.")


def test_todays_sessions_do_not_move_todays_plan() -> None:
    past = history(range(1, 15))
    assert plan(30, 3, past) == plan(30, 3, [*past, session(TODAY, minutes=60, pain_after=9)])


def test_variety_swaps_out_yesterdays_exercises() -> None:
    yesterday = plan(20, 2, [], day=TODAY - dt.timedelta(days=1))
    done = [session(TODAY - dt.timedelta(days=1), exercises=yesterday.exercise_ids)]
    today = plan(20, 2, done)
    repeated = set(today.exercise_ids) & set(yesterday.exercise_ids)
    allowed = planner.allowed_exercises(CATALOGUE, (), 2)
    for ident in repeated:  # only where the category has nothing else left that fits
        category = next(e.category for e in CATALOGUE if e.id == ident)
        fresh = [
            e
            for e in allowed
            if e.category == category
            and e.id not in yesterday.exercise_ids
            and e.id not in today.exercise_ids
            and e.minutes <= 5
        ]
        assert not fresh, (ident, [e.id for e in fresh])


# --- properties -----------------------------------------------------------------------------


@given(
    st.integers(5, 60),
    st.integers(5, 90),
    st.lists(st.integers(-1, 1), min_size=42, max_size=42),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
)
def test_following_the_plan_daily_never_rises_10_percent_in_7_days(
    start_minutes, ceiling, changes, start
) -> None:
    """A user who does each day's plan, with pain that settles on some days and not others
    (no flares; they are tested below): the suggestion never passes the minutes they have
    and never rises more than 10 % over any 7 days."""
    past = [session(start - dt.timedelta(days=d), minutes=start_minutes) for d in range(1, 15)]
    suggested: list[float] = []
    for n, change in enumerate(changes):
        day = start + dt.timedelta(days=n)
        pacing = pace(past, day, 3, ceiling)
        assert pacing is not None
        assert pacing.minutes <= ceiling
        suggested.append(pacing.minutes)
        if n >= 7:
            assert pacing.minutes <= 1.1 * suggested[n - 7] + 1e-9, (n, suggested)
        result = planner.plan_session(CATALOGUE, ceiling, (), 3, day, past)
        assert result.total_minutes <= pacing.minutes
        past.append(
            session(
                day,
                minutes=result.total_minutes,
                pain_before=3,
                pain_after=3 + change,
                exercises=result.exercise_ids,
            )
        )


@given(
    st.integers(5, 60),
    st.integers(5, 90),
    st.lists(st.booleans(), min_size=42, max_size=42),
    st.lists(st.integers(-1, 3), min_size=42, max_size=42),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
)
def test_on_any_log_the_plan_stays_within_the_minutes_and_the_weekly_step(
    start_minutes, ceiling, active, changes, start
) -> None:
    """Whatever the user does on which days: never above the minutes they have, and never
    above both the level of the last 14 days and 10 % over the level of the week before."""
    past = [session(start - dt.timedelta(days=d), minutes=start_minutes) for d in range(1, 15)]
    for n in range(42):
        day = start + dt.timedelta(days=n)
        pacing = pace(past, day, 3, ceiling)
        assert pacing is not None
        assert MIN_MINUTES <= pacing.minutes <= max(ceiling, MIN_MINUTES)
        recent = [s.minutes for s in past if 1 <= (day - s.date).days <= 14]
        week_before = [s.minutes for s in past if 7 <= (day - s.date).days <= 13]
        if recent:
            level = statistics.median(recent)
            step = 1.1 * statistics.median(week_before) if week_before else level
            assert pacing.minutes <= max(level, step, MIN_MINUTES)
        if active[n]:
            result = planner.plan_session(CATALOGUE, ceiling, (), 3, day, past)
            past.append(
                session(
                    day,
                    minutes=result.total_minutes,
                    pain_before=3,
                    pain_after=3 + changes[n],
                    exercises=result.exercise_ids,
                )
            )


@given(
    st.lists(st.integers(6, 60), min_size=1, max_size=20),
    st.lists(st.integers(0, 6), min_size=1, max_size=20),
    st.integers(5, 90),
)
def test_a_flare_always_drops_the_plan(minutes, pains, ceiling) -> None:
    past = [
        session(TODAY - dt.timedelta(days=1 + n % 14), minutes=m, pain_before=pains[n % len(pains)])
        for n, m in enumerate(minutes)
    ]
    calm = pace(past, TODAY, 0, ceiling)
    average = sum(s.pain_before for s in past) / len(past)
    flare_pain = int(average) + 4
    assume(flare_pain <= 10)
    flare = pace(past, TODAY, flare_pain, ceiling)
    assert calm is not None
    assert flare is not None
    assert flare.step_back
    assert flare.minutes >= MIN_MINUTES
    assert flare.minutes < calm.minutes or calm.minutes == MIN_MINUTES
    result = planner.plan_session(CATALOGUE, ceiling, (), flare_pain, TODAY, past)
    assert result.items, "a flare never stops the plan"


@given(
    st.integers(10, 90),
    st.integers(0, 6),
    st.frozensets(st.sampled_from(["chair", "wall", "towel", "band", "bike", "pool"])),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
)
def test_every_category_comes_round_within_a_week(minutes, pain, equipment, start) -> None:
    past: list[Session] = []
    seen: set[str] = set()
    for n in range(7):
        day = start + dt.timedelta(days=n)
        result = planner.plan_session(CATALOGUE, minutes, equipment, pain, day, past, True)
        seen.update(item.exercise.category for item in result.items)
        past.append(session(day, minutes=result.total_minutes, exercises=result.exercise_ids))
    assert seen == set(CATEGORIES)
