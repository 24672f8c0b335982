"""Pacing and variety from the log: build up slowly, hold, step back in a flare, rotate."""

from __future__ import annotations

import datetime as dt
import statistics

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from movecoach.core import pacing as pacing_rules
from movecoach.core import pain as pain_rule
from movecoach.core import planner
from movecoach.core.models import CATEGORIES, Session
from movecoach.core.pacing import BUILD, MIN_MINUTES, RETURN, STEP_BACK, Pacing, pace
from movecoach.core.planner import Wishes
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


def test_build_up_after_a_week_in_which_no_session_went_too_far() -> None:
    result = plan(30, 3, history(range(1, 15)))
    assert result.total_minutes <= 16
    assert result.total_minutes >= 14
    assert result.notes[0] == (
        "7 active days this past week at about 15 min, and no session raised your pain by 2 "
        "or more: up to 16.5 min today (at most 10 % more than the week before)."
    )
    assert pace(history(range(1, 15)), TODAY, 3, 30) == Pacing(16.5, result.notes[0], BUILD)


def test_hold_with_too_few_active_days() -> None:
    pacing = pace(history([1, 3, 5, 8, 9, 10, 11, 12]), TODAY, 3, 30)
    assert pacing is not None
    assert pacing.minutes == 15
    assert "Holding at about 15 min" in pacing.reason
    assert "fewer than 4 active days" in pacing.reason


def test_a_flare_week_brings_no_build_up_and_no_settled() -> None:
    """The issue's worked example: 14 days at 10 minutes, and 4 days ago a flare (pain 7
    against a usual 3, and 8 after). The average change of the week is under a point, which
    used to read as "settled" and grew the plan; the worst session now counts."""
    past = history([d for d in range(1, 15) if d != 4], minutes=10)
    past.append(session(TODAY - dt.timedelta(days=4), minutes=10, pain_before=7, pain_after=8))
    pacing = pace(past, TODAY, 3, 30)
    assert pacing is not None
    assert pacing.kind != BUILD
    assert pacing.minutes == 10
    assert pacing.reason == (
        "Back at your usual 10 min after a flare on Mon 16 Mar; no build-up until a week "
        "has passed since it."
    )
    result = plan(30, 3, past)
    assert result.total_minutes <= 10
    assert not any("settled" in note for note in result.notes)


def test_return_after_a_step_back_comes_back_in_three_equal_steps() -> None:
    """15 minutes a day, then a flare (pain 6 against a usual 2): the flare day is about
    half, and each of the next 3 sessions that go well brings a third of the way back."""
    past = history(range(5, 19), before=2, after=2)
    flare_day = TODAY - dt.timedelta(days=4)
    stepped = pace(past, flare_day, 6, 30)
    assert stepped is not None
    assert stepped.kind == STEP_BACK
    assert stepped.minutes == 7.5
    assert "then back up to 15 min over your next 3 sessions that go well" in stepped.reason
    past.append(session(flare_day, minutes=7, pain_before=6, pain_after=5))
    seen = []
    for back in (3, 2, 1, 0):
        day = TODAY - dt.timedelta(days=back)
        paced = pace(past, day, 2, 30)
        assert paced is not None
        seen.append((paced.minutes, paced.kind))
        past.append(session(day, minutes=int(paced.minutes), pain_before=2, pain_after=2))
        assert "Returning to 15 min after a flare on Mon 16 Mar" in paced.reason or back == 0
    assert seen == [(7.5, RETURN), (10, RETURN), (12.5, RETURN), (15, RETURN)]
    assert "no build-up until a week has passed" in paced.reason


def test_a_session_that_goes_too_far_during_a_return_steps_back_again() -> None:
    past = history(range(3, 17), before=2, after=2)
    past.append(session(TODAY - dt.timedelta(days=2), minutes=7, pain_before=6, pain_after=6))
    past.append(session(TODAY - dt.timedelta(days=1), minutes=10, pain_before=2, pain_after=5))
    paced = pace(past, TODAY, 2, 30)
    assert paced is not None
    assert paced.kind == STEP_BACK
    assert paced.reason.startswith("Your last session raised your pain from 2 to 5")


def test_the_minutes_you_have_are_the_ceiling() -> None:
    pacing = pace(history(range(1, 15), minutes=40), TODAY, 2, 20)
    assert pacing is not None
    assert pacing.minutes == 20
    assert "the most you have today" in pacing.reason
    assert plan(20, 2, history(range(1, 15), minutes=40)).total_minutes <= 20


def test_step_back_on_a_flare_day() -> None:
    past = history(range(1, 15), minutes=20, before=3)
    result = plan(30, 5, past)
    assert result.total_minutes <= 10
    assert result.notes[0].startswith("Pain 5 is 2 or more above your usual 3")
    assert all(not item.exercise.end_range for item in result.items), "gentler choices"
    assert result.items, "a flare never stops the plan"


def test_step_back_after_a_session_that_went_too_far() -> None:
    past = history(range(2, 15), minutes=20) + history([1], minutes=20, before=2, after=5)
    pacing = pace(past, TODAY, 3, 30)
    assert pacing is not None
    assert pacing.step_back
    assert pacing.minutes == 10
    assert pacing.reason.startswith("Your last session raised your pain from 2 to 5: cutting")
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


# Six weeks of plans an example: a third of the profile's examples (33, or 100 in `ci`).
SIX_WEEKS = settings(max_examples=max(20, settings.default.max_examples // 3))


@SIX_WEEKS
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


@SIX_WEEKS
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
    above all of the level of the last 14 days, 10 % over the level of the week before, and
    (returning after a step back) a level held in the 14 days before."""

    def level(day: dt.date) -> float:
        recent = [s.minutes for s in past if 1 <= (day - s.date).days <= 14]
        return statistics.median(recent) if recent else 0

    past = [session(start - dt.timedelta(days=d), minutes=start_minutes) for d in range(1, 15)]
    for n in range(42):
        day = start + dt.timedelta(days=n)
        pacing = pace(past, day, 3, ceiling)
        assert pacing is not None
        assert MIN_MINUTES <= pacing.minutes <= max(ceiling, MIN_MINUTES)
        week_before = [s.minutes for s in past if 7 <= (day - s.date).days <= 13]
        if level(day):
            step = 1.1 * statistics.median(week_before) if week_before else level(day)
            held = max(level(day - dt.timedelta(days=back)) for back in range(15))
            assert pacing.minutes <= max(step, held, MIN_MINUTES)
            if pacing.kind == BUILD:
                assert pacing.minutes <= max(level(day), step)
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
    st.lists(st.integers(6, 60), min_size=pain_rule.MIN_BASELINE_DAYS, max_size=20),
    st.lists(st.integers(0, 6), min_size=1, max_size=20),
    st.integers(5, 90),
)
def test_a_flare_always_drops_the_plan(minutes, pains, ceiling) -> None:
    """Pain 2 or more above the median of the last 14 days' scores (3 scored days or more):
    about half the usual minutes, never less than the shortest plan, never an empty plan."""
    past = [
        session(TODAY - dt.timedelta(days=1 + n % 14), minutes=m, pain_before=pains[n % len(pains)])
        for n, m in enumerate(minutes)
    ]
    scores = pacing_rules.day_scores(past)
    usual = pain_rule.usual(scores.values())
    assert usual is not None
    flare_pain = int(usual) + 2 + (usual % 1 > 0)
    assume(flare_pain <= 10)
    flare = pace(past, TODAY, flare_pain, ceiling)
    assert flare is not None
    assert flare.step_back
    baseline = statistics.median(s.minutes for s in past)
    assert MIN_MINUTES <= flare.minutes <= max(MIN_MINUTES, min(baseline, ceiling) / 2)
    result = planner.plan_session(CATALOGUE, ceiling, (), flare_pain, TODAY, past)
    assert result.items, "a flare never stops the plan"


@given(
    st.lists(
        st.tuples(
            st.sampled_from([True, True, True, True, False]),
            st.integers(2, 4),
            st.sampled_from([-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]),
            st.integers(5, 40),
        ),
        min_size=20,
        max_size=40,
    ),
    st.integers(0, 7),
)
def test_build_up_never_follows_a_session_that_went_too_far_within_7_days(days, today_pain):
    """Any log, any pain today: when the plan builds up, no session of the 7 days before
    went too far by the one rule (today's pain counts as the next score of yesterday's)."""
    start = TODAY - dt.timedelta(days=len(days))
    past = [
        session(
            start + dt.timedelta(days=n),
            minutes=m,
            pain_before=p,
            pain_after=min(10, max(0, p + c)),
        )
        for n, (active, p, c, m) in enumerate(days)
        if active
    ]
    paced = pace(past, TODAY, today_pain, 60)
    event(f"kind: {paced.kind if paced else None}")
    if paced is None or paced.kind != BUILD:
        return
    scores = [*pain_rule.readings(past), (TODAY, None, today_pain)]
    week = [s for s in past if 1 <= (TODAY - s.date).days <= 7]
    assert all(verdict != pain_rule.TOO_FAR for _, verdict in pain_rule.judged(week, scores))
    fortnight = [s for s in past if 1 <= (TODAY - s.date).days <= 14]
    assert not pain_rule.flare_day(today_pain, pacing_rules.day_scores(fortnight).values())


@given(
    st.integers(10, 90),
    st.integers(0, 6),
    st.frozensets(st.sampled_from(["chair", "wall", "towel", "band", "bike", "pool"])),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
)
def test_every_category_comes_round_within_a_week(minutes, pain, equipment, start) -> None:
    """Relaxation needs a plan of 16 minutes or more: under that, its shortest (3 minutes)
    would take more than the fifth of a plan relaxation may have."""
    past: list[Session] = []
    seen: set[str] = set()
    for n in range(7):
        day = start + dt.timedelta(days=n)
        result = planner.plan_session(CATALOGUE, minutes, equipment, pain, day, past, True)
        seen.update(item.exercise.category for item in result.items)
        past.append(session(day, minutes=result.total_minutes, exercises=result.exercise_ids))
    expected = set(CATEGORIES) if minutes >= 16 else set(CATEGORIES) - {"relaxation"}
    assert seen == expected


# --- an explicit ask ------------------------------------------------------------------------


def test_asking_for_20_minutes_on_a_10_minute_history_gets_20_and_one_caution() -> None:
    """The issue's worked example: `--minutes 20` used to give 10-11 minutes for weeks."""
    past = history(range(1, 15), minutes=10)
    asked = planner.plan_session(CATALOGUE, 20, (), 3, TODAY, past, True, Wishes(explicit=True))
    assert 19 <= asked.total_minutes <= 20
    assert [note for note in asked.notes if "risk a flare" in note] == [
        "You asked for 20 min, more than the 11 min your log suggests: your last week "
        "averaged 10 min, and jumps of more than about 20 % a week risk a flare."
    ]
    setting = planner.plan_session(CATALOGUE, 20, (), 3, TODAY, past)  # `minutes = 20`
    assert setting.total_minutes <= 11
    assert not any("risk a flare" in note for note in setting.notes)


def test_an_explicit_ask_does_not_lift_a_step_back_or_a_high_pain_cap() -> None:
    past = history(range(1, 15), minutes=20, before=3)
    flare = planner.plan_session(CATALOGUE, 30, (), 6, TODAY, past, True, Wishes(explicit=True))
    assert flare.total_minutes <= 10
    assert any("but today is a step back: the plan stays at 10 min" in n for n in flare.notes)
    high = planner.plan_session(CATALOGUE, 30, (), 8, TODAY, [], True, Wishes(explicit=True))
    assert high.total_minutes <= 10
    assert any("10 minutes at most" in note for note in high.notes)


def test_an_exercise_that_keeps_going_too_far_sits_out_and_the_plan_says_why() -> None:
    bridge = {"exercises": ("bridge", "knee-rolls"), "pain_before": 3, "pain_after": 5}
    past = [
        *history(range(4, 15)),
        session(
            TODAY - dt.timedelta(days=3), exercises=("knee-rolls",), pain_before=3, pain_after=3
        ),
        session(TODAY - dt.timedelta(days=20), **bridge),
        session(TODAY - dt.timedelta(days=2), **bridge),
    ]
    for n in range(13):  # 14 days after the last: Thu 19 Mar to Wed 1 Apr
        day = TODAY + dt.timedelta(days=n)
        assert "bridge" not in planner.plan_session(CATALOGUE, 40, (), 2, day, past).exercise_ids
    result = planner.plan_session(CATALOGUE, 40, (), 2, TODAY, past)
    assert (
        "Bridge is left out until Wed 01 Apr: it was part of 2 sessions in the last 30 days "
        "that went too far (pain up 2 or more) and of none that went well."
    ) in result.notes
    assert not any("Knee rolls" in note for note in result.notes)  # it went well elsewhere
