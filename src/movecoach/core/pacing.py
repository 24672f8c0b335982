"""Pace and vary today's plan from the log: small named rules, each testable alone.

Hold at the usual level, build up by at most 10 % a week once a week has gone well, step back
to about half in a flare or after a long break, and never stop altogether; swap out what was
done in the last few days. Pure: a function of the sessions and the day, no clock, no files.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from movecoach.core.models import Exercise, Session

MIN_MINUTES = 5  # the shortest plan: pacing never suggests less, even in a flare
PACE_WINDOW = 14  # days before today the baseline comes from
PAST_WEEK = 7  # days before today that make "this past week"
WEEK_BEFORE = (7, 13)  # days back that make "the week before" a build-up grows from
BUILD_ACTIVE_DAYS = 4  # active days in the last 7 before the plan may build up
BUILD_STEP = 1.10  # at most 10 % above the sessions of 7-13 days ago
SETTLED_CHANGE = 1  # pain after at most this much above pain before, on average
FLARE_ABOVE_AVERAGE = 3  # today's pain this far above the 14-day average is a flare
FLARE_SESSION_RISE = 2  # ...or the last two sessions each ended this much higher
VARIETY_DAYS = 2  # exercises done this many days back are swapped for alternatives
WEEK_DAYS = 6  # with today, a week: every category should appear in it


@dataclass(frozen=True)
class Pacing:
    """How long today's plan should be, and why, in words the plan shows."""

    minutes: float  # in half-minute steps; the plan's budget is its whole minutes
    reason: str
    step_back: bool = False


def pace(
    history: Sequence[Session], today: dt.date, pain: int | None, ceiling: int
) -> Pacing | None:
    """Pace today's minutes from the sessions of the 14 days before today: the first rule
    that applies of `welcome_back`, `step_back`, `build_up` and `hold`. None with no history
    at all. Never above `ceiling` (the minutes the user has), never below the shortest plan,
    never zero: a flare cuts back, it does not stop."""
    past = _between(history, today, 1, PACE_WINDOW)
    if not past:
        return welcome_back(history, today, ceiling)
    return (
        step_back(past, today, pain, ceiling)
        or build_up(past, today, ceiling)
        or hold(past, today, ceiling)
    )


# --- the rules -------------------------------------------------------------------------------


def baseline(history: Sequence[Session], today: dt.date) -> float | None:
    """The usual minutes: the median of the sessions of the 14 days before today, so one
    long or short day does not move it. None when there were none."""
    past = _between(history, today, 1, PACE_WINDOW)
    return _median(s.minutes for s in past) if past else None


def welcome_back(history: Sequence[Session], today: dt.date, ceiling: int) -> Pacing | None:
    """After 14 days or more without a session, start again at about half the level before
    the break: a body out of practice needs building up again. None when there was a session
    in the 14 days before today, or never one before today."""
    last = last_session(history, today)
    if last is None or (today - last).days <= PACE_WINDOW:
        return None
    away = (today - last).days
    before_break = _between(history, last, 0, PACE_WINDOW - 1)  # the 14 days up to the last
    level = _median(s.minutes for s in before_break)
    target = _halved(level, ceiling)
    return Pacing(
        target,
        f"Welcome back: {away} days since your last session. Starting again at about half "
        f"your earlier {_fmt(level)} min ({_fmt(target)} min), then building up.",
        step_back=True,
    )


def step_back(
    history: Sequence[Session], today: dt.date, pain: int | None, ceiling: int
) -> Pacing | None:
    """About half the usual minutes in a flare: today's pain well above the 14-day average,
    or the last two sessions each left the pain 2+ points higher. Cutting back beats both
    pushing on and stopping. None when neither applies or there is no usual level."""
    past = _between(history, today, 1, PACE_WINDOW)
    usual = baseline(past, today)
    if usual is None:
        return None
    target = _halved(usual, ceiling)
    average = pain_average(past, today)
    if pain is not None and average is not None and pain >= average + FLARE_ABOVE_AVERAGE:
        return Pacing(
            target,
            f"Pain {pain} is well above your 14-day average of {average:.1f}: a shorter, "
            f"gentler session today, about half your usual {_fmt(usual)} min "
            f"({_fmt(target)} min). Keep moving gently; flares usually settle in a few days.",
            step_back=True,
        )
    if worse_after_sessions(past, today):
        return Pacing(
            target,
            "Your last two sessions each left your pain 2 or more points higher: cutting back "
            f"to about half your usual {_fmt(usual)} min ({_fmt(target)} min) and gentler "
            "moves until it settles.",
            step_back=True,
        )
    return None


def build_up(history: Sequence[Session], today: dt.date, ceiling: int) -> Pacing | None:
    """Up to 10 % over the week before, after a settled week of 4+ active days: small steps
    let the body adapt without a flare. None when the week does not allow it, or when the
    step would not go past holding."""
    past = _between(history, today, 1, PACE_WINDOW)
    before = [s.minutes for s in _between(past, today, *WEEK_BEFORE)]
    usual = baseline(past, today)
    active = active_days(past, today)
    if usual is None or not before or not can_build(past, today):
        return None
    held = _clamp(usual, ceiling)
    target = max(held, _clamp(BUILD_STEP * _median(before), ceiling))
    if target <= held:
        return None
    return Pacing(
        target,
        f"{active} active days this past week at about {_fmt(usual)} min with settled pain: "
        f"up to {_fmt(target)} min today (at most 10 % more than the week before).",
    )


def hold(history: Sequence[Session], today: dt.date, ceiling: int) -> Pacing | None:
    """Stay at the usual minutes (or the most the user has today), and say why it does not
    build up. None when there were no sessions in the 14 days before today."""
    usual = baseline(history, today)
    if usual is None:
        return None
    held = _clamp(usual, ceiling)
    capped = " (the most you have today)" if held < _half_down(usual) else ""
    return Pacing(
        held,
        f"Holding at about {_fmt(held)} min{capped}, your usual over the last 14 days: "
        f"{hold_reason(history, today)}.",
    )


def hold_reason(history: Sequence[Session], today: dt.date) -> str:
    """Why the plan holds rather than builds up, the first that applies."""
    if active_days(history, today) < BUILD_ACTIVE_DAYS:
        return f"fewer than {BUILD_ACTIVE_DAYS} active days in the past week"
    if not pain_settled(history, today):
        return "pain has not settled after sessions this week"
    if not _between(history, today, *WEEK_BEFORE):
        return "a week at this level first"
    return "holding this week's level"


def recent(
    history: Sequence[Session], day: dt.date, catalogue: Iterable[Exercise]
) -> tuple[set[str], set[str]]:
    """Exercises done in the last 2 days, and categories done in the last 6: the first are
    swapped for alternatives, the others give way to categories not done all week."""
    category = {e.id: e.category for e in catalogue}
    ids = {i for s in _between(history, day, 1, VARIETY_DAYS) for i in s.exercises}
    week = _between(history, day, 1, WEEK_DAYS)
    return ids, {category[i] for s in week for i in s.exercises if i in category}


# --- what the rules look at ------------------------------------------------------------------


def last_session(history: Sequence[Session], today: dt.date) -> dt.date | None:
    """The day of the last session before today, or None if there was none."""
    return max((s.date for s in history if s.date < today), default=None)


def active_days(history: Sequence[Session], today: dt.date) -> int:
    """Days with a session in the 7 before today: several sessions on one day count once."""
    return len({s.date for s in _between(history, today, 1, PAST_WEEK)})


def pain_settled(history: Sequence[Session], today: dt.date) -> bool:
    """Sessions of the past week left the pain at most 1 point higher on average (or none
    scored both before and after): the load is being tolerated."""
    changes = _changes(_between(history, today, 1, PAST_WEEK))
    return not changes or _mean(changes) <= SETTLED_CHANGE


def can_build(history: Sequence[Session], today: dt.date) -> bool:
    """A week good enough to build on: 4+ active days with settled pain."""
    return active_days(history, today) >= BUILD_ACTIVE_DAYS and pain_settled(history, today)


def pain_average(history: Sequence[Session], today: dt.date) -> float | None:
    """The mean pain before sessions of the 14 days before today: what today's pain is
    measured against. None when no session scored it."""
    scores = [s.pain_before for s in _between(history, today, 1, PACE_WINDOW)]
    known = [score for score in scores if score is not None]
    return _mean(known) if known else None


def worse_after_sessions(history: Sequence[Session], today: dt.date) -> bool:
    """The last two sessions of the 14 days before today each ended 2+ points above where
    they began: the load itself is flaring the pain."""
    past = _between(history, today, 1, PACE_WINDOW)
    last_two = sorted(past, key=lambda s: (s.date, s.time or dt.time.min))[-2:]
    rises = _changes(last_two)
    return len(rises) == 2 and all(rise >= FLARE_SESSION_RISE for rise in rises)


# --- arithmetic ------------------------------------------------------------------------------


def _between(history: Iterable[Session], today: dt.date, first: int, last: int) -> list[Session]:
    """Sessions `first` to `last` days before today, in log order: today's own sessions
    never move today's plan, and a hand-written future date is not history."""
    return [s for s in history if first <= (today - s.date).days <= last]


def _changes(sessions: Iterable[Session]) -> list[int]:
    """How much each session moved the pain, for sessions scored before and after."""
    return [
        s.pain_after - s.pain_before
        for s in sessions
        if s.pain_before is not None and s.pain_after is not None
    ]


def _clamp(value: float, ceiling: int) -> float:
    """Half-minute steps, never above the minutes the user has, never below the shortest
    plan."""
    return max(float(MIN_MINUTES), min(float(ceiling), _half_down(value)))


def _halved(level: float, ceiling: int) -> float:
    """About half a level, or of the minutes the user has if those are fewer."""
    return _clamp(min(level, ceiling) / 2, ceiling)


def _median(values: Iterable[float]) -> float:
    """The median (the statistics module costs 2 ms of start-up for this one line)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _half_down(value: float) -> float:
    return math.floor(value * 2) / 2


def _fmt(value: float) -> str:
    return f"{value:g}"
