"""Pace and vary today's plan from the log: how long today's session should be, and what was
done lately.

Pure: a function of the sessions and the day, no clock and no files.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from movecoach.core.models import Exercise, Session

MIN_MINUTES = 5  # the shortest plan: pacing never suggests less, even in a flare
PACE_WINDOW = 14  # days before today the baseline comes from
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


def pace(
    history: Sequence[Session], today: dt.date, pain: int | None, ceiling: int
) -> Pacing | None:
    """Pace today's minutes from the sessions of the 14 days before today: hold at their
    median; build up by at most 10 % a week after a settled week of 4+ active days; step back
    to about half after a flare, or after two weeks or more without a session. None with no
    history at all. Never above `ceiling` (the minutes the user has), never below the
    shortest plan, never zero: a flare cuts back, it does not stop."""
    past = [s for s in history if 1 <= (today - s.date).days <= PACE_WINDOW]

    def clamp(value: float) -> float:
        return max(float(MIN_MINUTES), min(float(ceiling), _half_down(value)))

    if not past:
        earlier = [s for s in history if s.date < today]
        if not earlier:
            return None
        last = max(s.date for s in earlier)
        before_break = [s.minutes for s in earlier if (last - s.date).days < PACE_WINDOW]
        level = _median(before_break)
        target = clamp(min(level, ceiling) / 2)
        return Pacing(
            target,
            f"Welcome back: {(today - last).days} days since your last session. Starting "
            f"again at about half your earlier {_fmt(level)} min ({_fmt(target)} min), then "
            "building up.",
            step_back=True,
        )
    baseline = _median(s.minutes for s in past)
    scores = [s.pain_before for s in past if s.pain_before is not None]
    average = _mean(scores) if scores else None
    last_two = sorted(past, key=lambda s: (s.date, s.time or dt.time.min))[-2:]
    rises = [
        s.pain_after - s.pain_before
        for s in last_two
        if s.pain_before is not None and s.pain_after is not None
    ]

    if pain is not None and average is not None and pain >= average + FLARE_ABOVE_AVERAGE:
        target = clamp(min(baseline, ceiling) / 2)
        return Pacing(
            target,
            f"Pain {pain} is well above your 14-day average of {average:.1f}: a shorter, "
            f"gentler session today, about half your usual {_fmt(baseline)} min "
            f"({_fmt(target)} min). Keep moving gently; flares usually settle in a few days.",
            step_back=True,
        )
    if len(rises) == 2 and all(rise >= FLARE_SESSION_RISE for rise in rises):
        target = clamp(min(baseline, ceiling) / 2)
        return Pacing(
            target,
            "Your last two sessions each left your pain 2 or more points higher: cutting back "
            f"to about half your usual {_fmt(baseline)} min ({_fmt(target)} min) and gentler "
            "moves until it settles.",
            step_back=True,
        )
    week = [s for s in past if (today - s.date).days <= 7]
    active = len({s.date for s in week})
    changes = [
        s.pain_after - s.pain_before
        for s in week
        if s.pain_before is not None and s.pain_after is not None
    ]
    settled = not changes or _mean(changes) <= SETTLED_CHANGE
    before = [s.minutes for s in past if 7 <= (today - s.date).days <= 13]
    hold = clamp(baseline)
    if active >= BUILD_ACTIVE_DAYS and settled and before:
        reference = _median(before)
        target = max(hold, clamp(BUILD_STEP * reference))
        if target > hold:
            return Pacing(
                target,
                f"{active} active days this past week at about {_fmt(baseline)} min with "
                f"settled pain: up to {_fmt(target)} min today (at most 10 % more than the "
                "week before).",
            )
    why = (
        f"fewer than {BUILD_ACTIVE_DAYS} active days in the past week"
        if active < BUILD_ACTIVE_DAYS
        else "pain has not settled after sessions this week"
        if not settled
        else "a week at this level first"
        if not before
        else "holding this week's level"
    )
    capped = " (the most you have today)" if hold < _half_down(baseline) else ""
    return Pacing(
        hold,
        f"Holding at about {_fmt(hold)} min{capped}, your usual over the last 14 days: {why}.",
    )


def recent(
    history: Sequence[Session], day: dt.date, catalogue: Sequence[Exercise]
) -> tuple[set[str], set[str]]:
    """Exercises done in the last 2 days, and categories done in the last 6: the first are
    swapped for alternatives, the others give way to categories not done all week."""
    category = {e.id: e.category for e in catalogue}
    ids: set[str] = set()
    categories: set[str] = set()
    for session in history:
        back = (day - session.date).days
        if 1 <= back <= VARIETY_DAYS:
            ids.update(session.exercises)
        if 1 <= back <= WEEK_DAYS:
            categories.update(category[i] for i in session.exercises if i in category)
    return ids, categories
