"""Pace and vary today's plan from the log: small named rules, each testable alone.

Every "was that too much?" is the one pain-response rule (`core.pain`): a session went too
far when back or leg pain rose 2 or more points during it, or had not settled by the next
score within a day; a flare day is 2 or more above the user's own 14-day median.

- **Hold** at the usual level: the median length of the sessions of the 14 days before today.
- **Build up** by at most 10 % over the week before, only after a week of 4 or more active
  days in which no session went too far (the worst session counts, not the average), and
  never in the 7 days after a step back.
- **Step back** to about half on a flare day, when the last session went too far, or after a
  break of 14 days or more; a flare cuts back, it never stops the plan.
- **Return**: after a step back (day 0), the next 3 sessions that do not go too far bring the
  plan back to the level before it in about equal steps.
- **Variety**: exercises done in the last 2 days give way; and an exercise that was part of 2
  or more sessions that went too far in the last 30 days, and of none that went well, is
  left out for 14 days after the last of them.

Pure: a function of the sessions and the day, no clock, no files. The rules read each day's
sessions through the facts of that day (`core.pace_days`), which the cache keeps, so a plan
on a heavy log does not build and judge thousands of sessions; a list of sessions is turned
into those facts first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from movecoach.core import days as days_rules
from movecoach.core import pain as pain_rule
from movecoach.core.models import DayEntry, Exercise, Session
from movecoach.core.pace_days import Days, dated_between, minutes_median

MIN_MINUTES = 5  # the shortest plan: pacing never suggests less, even in a flare
PACE_WINDOW = 14  # days before today the baseline comes from
PAST_WEEK = 7  # days before today that make "this past week"
WEEK_BEFORE = (7, 13)  # days back that make "the week before" a build-up grows from
BUILD_ACTIVE_DAYS = 4  # active days in the last 7 before the plan may build up
BUILD_STEP = 1.10  # at most 10 % above the sessions of 7-13 days ago
RETURN_SESSIONS = 3  # sessions that go well after a step back to be back at the level before
NO_BUILD_DAYS = 7  # days after a step back without a build-up
VARIETY_DAYS = 2  # exercises done this many days back are swapped for alternatives
WEEK_DAYS = 6  # with today, a week: every category should appear in it
DISAGREE_DAYS = 30  # the days an exercise's record is looked at
DISAGREE_SESSIONS = 2  # sessions with it that went too far (and none that went well)
DISAGREE_REST = 14  # days it is left out after the last of them

# The sessions the rules read: as logged, or as the facts of their days (`core.pace_days`),
# which is what the rules work from; the cache keeps those of a heavy log.
History = Sequence[Session] | Days

HOLD, BUILD, STEP_BACK, RETURN, WELCOME = "hold", "build up", "step back", "return", "welcome"
CAUSES = {"flare": "a flare", "too far": "a session that went too far", "break": "a break"}


class Pacing(NamedTuple):
    """How long today's plan should be, which rule said so, and why, in words the plan
    shows."""

    minutes: float  # in half-minute steps; the plan's budget is its whole minutes
    reason: str
    kind: str = HOLD

    @property
    def step_back(self) -> bool:
        """A step-back day: a flare, the last session went too far, or a long break. The
        plan is gentler, and a longer `--minutes` does not lift it."""
        return self.kind in (STEP_BACK, WELCOME)


class StepBack(NamedTuple):
    """A day the plan stepped back, why, and the usual minutes before it."""

    day: dt.date
    cause: str  # a key of CAUSES
    level: float


def pace(
    history: History,
    today: dt.date,
    pain: int | None,
    ceiling: int,
    entries: Sequence[DayEntry] = (),
) -> Pacing | None:
    """Pace today's minutes from the sessions before today: the first rule that applies of
    `welcome_back` (when the 14 days before today are empty), `step_back`, `returning`,
    `build_up` and `hold`. None with no history at all. Never above `ceiling` (the minutes
    the user has), never below the shortest plan, never zero. `entries`: the days recorded
    without a session (`movecoach pain`, rest and flare days), whose pain scores count in
    each day's pain level as in the report and the nudge."""
    days = as_days(history)
    if not days.between(today, 1, PACE_WINDOW):
        return welcome_back(days, today, ceiling)
    back = last_step_back(days, today, entries)
    return (
        step_back(days, today, pain, ceiling, entries)
        or _returning(days, today, ceiling, back)
        or _build_up(days, today, ceiling, back)
        or _hold(days, today, ceiling, back)
    )


def as_days(history: History) -> Days:
    """The facts of the days of `history` (the rules read those)."""
    return history if isinstance(history, Days) else Days.of(history)


# --- the rules -------------------------------------------------------------------------------


def baseline(history: History, today: dt.date) -> float | None:
    """The usual minutes: the median of the sessions of the 14 days before today, so one
    long or short day does not move it. None when there were none."""
    return minutes_median(as_days(history).between(today, 1, PACE_WINDOW))


def level_before(history: History, day: dt.date) -> float | None:
    """The usual minutes going into `day`: the baseline, or after a break the median of the
    14 days up to the last session before it. None with no session before `day`."""
    days = as_days(history)
    usual = baseline(days, day)
    if usual is not None:
        return usual
    last = last_session(days, day)
    if last is None:
        return None
    return minutes_median(days.between(last, 0, PACE_WINDOW - 1))


def welcome_back(history: History, today: dt.date, ceiling: int) -> Pacing | None:
    """After 14 days or more without a session, start again at about half the level before
    the break: a body out of practice needs building up again. None when there was a session
    in the 14 days before today, or never one before today."""
    days = as_days(history)
    last = last_session(days, today)
    if last is None or (today - last).days <= PACE_WINDOW:
        return None
    level = level_before(days, today) or MIN_MINUTES
    target = _halved(level, ceiling)
    return Pacing(
        target,
        f"Welcome back: {(today - last).days} days since your last session. Starting again at "
        f"about half your earlier {_fmt(level)} min ({_fmt(target)} min), {_then(level, ceiling)}.",
        WELCOME,
    )


def step_back(
    history: History,
    today: dt.date,
    pain: int | None,
    ceiling: int,
    entries: Sequence[DayEntry] = (),
) -> Pacing | None:
    """About half the usual minutes, and gentler moves, on a flare day (today's pain 2 or
    more above the median of the last 14 days' scores) or when the last session went too
    far. Cutting back beats both pushing on and stopping. None when neither applies or
    there is no usual level."""
    days = as_days(history)
    usual = baseline(days, today)
    if usual is None:
        return None
    target = _halved(usual, ceiling)
    half = f"about half your usual {_fmt(usual)} min ({_fmt(target)} min)"
    span = (1, pain_rule.BASELINE_DAYS)
    scores = _scores(days, entries, today, *span)
    level = pain_rule.usual(scores.values())
    if pain is not None and level is not None and pain_rule.is_flare(pain, level):
        return Pacing(
            target,
            f"Pain {pain} is 2 or more above your usual {_fmt(level)} (the middle of your "
            f"scores over the last 14 days): a shorter, gentler session today, {half}, "
            f"{_then(usual, ceiling)}. Keep moving gently; flares usually settle in a few days.",
            STEP_BACK,
        )
    last = days.between(today, 1, PACE_WINDOW)[-1].last
    following = pain if (today - last.date).days <= pain_rule.SETTLE_DAYS else None
    if not pain_rule.session_went_too_far(last, following):
        return None
    return Pacing(
        target,
        f"{_too_far_words(last, following)}: cutting back to {half} and gentler moves, "
        f"{_then(usual, ceiling)}.",
        STEP_BACK,
    )


def returning(history: History, today: dt.date, ceiling: int) -> Pacing | None:
    """After a step back, the next 3 sessions that do not go too far bring the plan back to
    the level before it in about equal steps; then it holds there until a week has passed.
    None without a step back in the 14 days before today, or once that week is over."""
    days = as_days(history)
    return _returning(days, today, ceiling, last_step_back(days, today))


def _returning(days: Days, today: dt.date, ceiling: int, back: StepBack | None) -> Pacing | None:
    if back is None:
        return None
    level = _clamp(back.level, ceiling)
    since = f"{CAUSES[back.cause]} on {back.day:%a %d %b}"
    good = sum(days.judged(f, today).settled for f in days if back.day < f.date < today)
    if good >= RETURN_SESSIONS:
        if (today - back.day).days > NO_BUILD_DAYS:
            return None
        return Pacing(
            level,
            f"Back at your usual {_fmt(level)} min after {since}; no build-up until a week "
            "has passed since it.",
            RETURN,
        )
    start = _halved(back.level, ceiling)
    target = _clamp(start + (level - start) * good / RETURN_SESSIONS, ceiling)
    left = RETURN_SESSIONS - good
    return Pacing(
        target,
        f"Returning to {_fmt(level)} min after {since}: {_fmt(target)} min today, then up in "
        f"about equal steps over your next {_sessions(left)} that {'goes' if left == 1 else 'go'} "
        "well.",
        RETURN,
    )


def build_up(history: History, today: dt.date, ceiling: int) -> Pacing | None:
    """Up to 10 % over the week before, after a week of 4+ active days in which no session
    went too far and no step back: small steps let the body adapt without a flare. None
    when the week does not allow it, or when the step would not go past holding."""
    days = as_days(history)
    return _build_up(days, today, ceiling, last_step_back(days, today))


def _build_up(days: Days, today: dt.date, ceiling: int, back: StepBack | None) -> Pacing | None:
    before = minutes_median(days.between(today, *WEEK_BEFORE))
    usual = baseline(days, today)
    if usual is None or before is None or not _can_build(days, today, back):
        return None
    held = _clamp(usual, ceiling)
    target = max(held, _clamp(BUILD_STEP * before, ceiling))
    if target <= held:
        return None
    return Pacing(
        target,
        f"{active_days(days, today)} active days this past week at about {_fmt(usual)} "
        f"min, and no session raised your pain by 2 or more: up to {_fmt(target)} min today "
        "(at most 10 % more than the week before).",
        BUILD,
    )


def hold(history: History, today: dt.date, ceiling: int) -> Pacing | None:
    """Stay at the usual minutes (or the most the user has today), and say why it does not
    build up. None when there were no sessions in the 14 days before today."""
    days = as_days(history)
    return _hold(days, today, ceiling, last_step_back(days, today))


def _hold(days: Days, today: dt.date, ceiling: int, back: StepBack | None) -> Pacing | None:
    usual = baseline(days, today)
    if usual is None:
        return None
    held = _clamp(usual, ceiling)
    capped = " (the most you have today)" if held < _half_down(usual) else ""
    return Pacing(
        held,
        f"Holding at about {_fmt(held)} min{capped}, your usual over the last 14 days: "
        f"{_hold_reason(days, today, back)}.",
    )


def hold_reason(history: History, today: dt.date) -> str:
    """Why the plan holds rather than builds up, the first that applies."""
    days = as_days(history)
    return _hold_reason(days, today, last_step_back(days, today))


def _hold_reason(days: Days, today: dt.date, back: StepBack | None) -> str:
    if back is not None and (today - back.day).days <= NO_BUILD_DAYS:
        return f"no build-up in the week after {CAUSES[back.cause]} on {back.day:%a %d %b}"
    if active_days(days, today) < BUILD_ACTIVE_DAYS:
        return f"fewer than {BUILD_ACTIVE_DAYS} active days in the past week"
    if went_too_far_this_week(days, today):
        return "a session this past week raised your pain by 2 or more"
    if not days.between(today, *WEEK_BEFORE):
        return "a week at this level first"
    return "holding this week's level"


def recent(
    history: History, day: dt.date, catalogue: Iterable[Exercise]
) -> tuple[set[str], set[str]]:
    """Exercises done in the last 2 days, and categories done in the last 6: the first are
    swapped for alternatives, the others give way to categories not done all week."""
    days = as_days(history)
    category = {e.id: e.category for e in catalogue}
    ids = {i for f in days.between(day, 1, VARIETY_DAYS) for i in f.ids}
    week = days.between(day, 1, WEEK_DAYS)
    return ids, {category[i] for f in week for i in f.ids if i in category}


def disagreeing(history: History, today: dt.date) -> dict[str, tuple[int, dt.date]]:
    """Exercises that disagree with this user, by id: part of 2 or more sessions that went
    too far in the 30 days before today and of none that went well in that time. Each maps
    to (how many went too far, the first day it is back in plans: 15 days after the last)."""
    days = as_days(history)
    too_far: dict[str, int] = {}
    last: dict[str, dt.date] = {}
    went_well: set[str] = set()
    for facts in days.between(today, 1, DISAGREE_DAYS):  # oldest first
        judged = days.judged(facts, today)
        for ident, count in judged.far.items():
            too_far[ident] = too_far.get(ident, 0) + count
            last[ident] = facts.date
        went_well |= judged.well
    out: dict[str, tuple[int, dt.date]] = {}
    for ident, count in too_far.items():
        back = last[ident] + dt.timedelta(days=DISAGREE_REST + 1)
        if count >= DISAGREE_SESSIONS and ident not in went_well and today < back:
            out[ident] = (count, back)
    return out


# --- what the rules look at ------------------------------------------------------------------


def reach(dates: Iterable[dt.date], today: dt.date, since: dt.date) -> dt.date | None:
    """How far back the rules read to pace `today`, given the days with a session from
    `since` on: `since` itself (the step-back rules look at the last 14 days, each with the
    14 before it; exercises that disagree at 30 days), unless a break of more than 14 days
    ends in the last 14 days or today. A return goes back to the level of the 14 days up to
    the last session before the break, so then the reach is 14 days before that session;
    None when that session is before `since` (the caller must look further back)."""
    earliest = since
    previous: dt.date | None = None
    for date in sorted({d for d in dates if d < today} | {today}):
        broke = previous is None or (date - previous).days > PACE_WINDOW
        if broke and (today - date).days <= PACE_WINDOW:
            if previous is None:
                return None
            earliest = min(earliest, previous - dt.timedelta(days=PACE_WINDOW))
        previous = date
    return earliest


def last_session(history: History, today: dt.date) -> dt.date | None:
    """The day of the last session before today, or None if there was none."""
    return max((d for d in as_days(history).dates() if d < today), default=None)


def active_days(history: History, today: dt.date) -> int:
    """Days with a session in the 7 before today: several sessions on one day count once."""
    return len(as_days(history).between(today, 1, PAST_WEEK))


def day_scores(history: History, entries: Iterable[DayEntry] = ()) -> dict[dt.date, float]:
    """Each day's pain level, as the flare rule reads it (`core.pain.level`): the mean of
    the scores its sessions started with and those recorded without a session."""
    return pain_rule.row_levels(days_rules.daily_rows((), entries, as_days(history)))


def _scores(
    days: Days, entries: Iterable[DayEntry], today: dt.date, first: int, last: int
) -> dict[dt.date, float]:
    """`day_scores` of the days `first` to `last` days before `today`."""
    window = Days(days.between(today, first, last))
    return day_scores(window, dated_between(entries, today, first, last))


def went_too_far_this_week(history: History, today: dt.date) -> bool:
    """Whether any session of the 7 days before today went too far (the worst counts, not
    the average): its pain rose 2+ during it, or had not settled by the next score."""
    days = as_days(history)
    return any(days.judged(f, today).too_far for f in days.between(today, 1, PAST_WEEK))


def can_build(history: History, today: dt.date) -> bool:
    """A week good enough to build on: 4+ active days, no session that went too far, and no
    step back in it."""
    days = as_days(history)
    return _can_build(days, today, last_step_back(days, today))


def _can_build(days: Days, today: dt.date, back: StepBack | None) -> bool:
    return (
        active_days(days, today) >= BUILD_ACTIVE_DAYS
        and not went_too_far_this_week(days, today)
        and (back is None or (today - back.day).days > NO_BUILD_DAYS)
    )


def last_step_back(
    history: History, today: dt.date, entries: Sequence[DayEntry] = ()
) -> StepBack | None:
    """The latest day of the 14 before today on which the rules stepped back, as the log
    shows it: a session after a break of 14 days or more, a flare day, or the first day with
    a session after one that went too far."""
    days = as_days(history)
    window = days.between(today, 1, PACE_WINDOW)
    if not window:
        return None
    # each day, with the 14 days before it that make its flare baseline
    reach = (1, PACE_WINDOW + pain_rule.BASELINE_DAYS + 1)
    scores = _scores(days, entries, today, *reach)
    for facts in reversed(window):
        cause = _step_back_cause(days, facts.date, scores, today)
        if cause is not None:
            return StepBack(facts.date, cause, level_before(days, facts.date) or MIN_MINUTES)
    return None


def week_average(history: History, today: dt.date) -> float | None:
    """The mean length of the sessions of the 7 days before today; None without any."""
    week = as_days(history).between(today, 1, PAST_WEEK)
    count = sum(f.sessions for f in week)
    return sum(f.row[1] for f in week) / count if count else None


# --- arithmetic and words --------------------------------------------------------------------


def _step_back_cause(
    days: Days, day: dt.date, scores: Mapping[dt.date, float], today: dt.date
) -> str | None:
    """Why the rules stepped back on `day`, or None: `scores` are each day's pain before."""
    last = last_session(days, day)
    if last is None:
        return None  # a first session is no step back
    if (day - last).days > PACE_WINDOW:
        return "break"
    if pain_rule.is_flare(scores.get(day), pain_rule.flare_baseline(scores, day)):
        return "flare"
    return "too far" if days.verdict_of_last(days.facts[last], today) == pain_rule.TOO_FAR else None


def _too_far_words(session: Session, following: int | None) -> str:
    """What went too far in `session`, in words."""
    if pain_rule.rose(session.pain_before, session.pain_after):
        return (
            f"Your last session raised your pain from {session.pain_before} to {session.pain_after}"
        )
    if pain_rule.rose(session.leg_pain_before, session.leg_pain_after):
        return (
            f"Your last session raised your leg pain from {session.leg_pain_before} to "
            f"{session.leg_pain_after}"
        )
    return (
        f"Your pain today ({following}) is 2 or more above the {session.pain_before} your last "
        "session started from, so it has not settled"
    )


def _then(level: float, ceiling: int) -> str:
    return (
        f"then back up to {_fmt(_clamp(level, ceiling))} min over your next "
        f"{_sessions(RETURN_SESSIONS)} that go well"
    )


def _sessions(count: int) -> str:
    return "session" if count == 1 else f"{count} sessions"


def _clamp(value: float, ceiling: int) -> float:
    """Half-minute steps, never above the minutes the user has, never below the shortest
    plan."""
    return max(float(MIN_MINUTES), min(float(ceiling), _half_down(value)))


def _halved(level: float, ceiling: int) -> float:
    """About half a level, or of the minutes the user has if those are fewer."""
    return _clamp(min(level, ceiling) / 2, ceiling)


def _half_down(value: float) -> float:
    return math.floor(value * 2) / 2


def _fmt(value: float) -> str:
    return f"{value:g}"
