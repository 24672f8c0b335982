"""Streaks, weeks, goals and pain trends: pure functions of the sessions and `today`.

Every figure is computed from per-day totals (`Day`), which `daily` builds from sessions. The
log caches those totals per year file, so years of history cost a few milliseconds to read;
the public functions also accept sessions directly, which is what the tests use.

The weekly goal follows what the WHO guideline behind it counts: active minutes (every
session's minutes except sessions made only of relaxation; a session without an exercise
list counts) and days with strengthening, besides active days. Which exercises are
relaxation or strengthening is the catalogue's to say, so those figures come per day as an
`Effort` (see `efforts`) beside the per-day totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from movecoach.core import days as days_rules
from movecoach.core import pain
from movecoach.core.days import Day, daily
from movecoach.core.models import DayEntry, Session

__all__ = ["Day", "daily"]  # per-day totals live in `days`, shared with the nudge
Days = Mapping[dt.date, Day]

DEFAULT_GOAL_DAYS = 5
DEFAULT_GOAL_MINUTES = 150  # the public-health figure for moderate activity a week
DEFAULT_GOAL_STRENGTH_DAYS = 2  # ...plus strengthening on 2 or more days
TREND_DAYS = 28
TREND_MIN_DAYS = 3  # days with a pain score each half of the window needs for a direction

History = Iterable[Session] | Days


def as_days(history: History) -> Days:
    """Sessions or per-day totals, as per-day totals."""
    if isinstance(history, Mapping):
        return history
    return daily(history)


def _active(days: Days) -> set[dt.date]:
    return {date for date, day in days.items() if day.sessions > 0}


def _numbers(dates: Iterable[dt.date]) -> set[int]:
    """Day numbers, as the shared rules in `days` count days."""
    return {date.toordinal() for date in dates}


class StreakRules(NamedTuple):
    """What keeps a streak going besides a session: flare days always, and this many planned
    rest days a calendar week (the `rest_days` setting); weeks start on `first_weekday`."""

    rest_days: int = 1
    first_weekday: int = 0


def kept(history: History, rules: StreakRules = StreakRules()) -> set[int]:
    """The day numbers that keep a streak: the one rule in `days.kept_days`."""
    days = as_days(history)
    active, rest, flare = days_rules.marks((d.toordinal(), day.as_row()) for d, day in days.items())
    return days_rules.kept_days(active, rest, flare, rules.rest_days, rules.first_weekday)


def current_streak(history: History, today: dt.date, rules: StreakRules = StreakRules()) -> int:
    """Consecutive kept days ending today, or yesterday while today is still open."""
    return days_rules.current_streak(kept(history, rules), today.toordinal())


def streak_start(
    history: History, today: dt.date, rules: StreakRules = StreakRules()
) -> dt.date | None:
    """The first day of the current streak, None when there is none."""
    start = days_rules.run_start(kept(history, rules), today.toordinal())
    return None if start is None else dt.date.fromordinal(start)


def longest_streak(history: History, rules: StreakRules = StreakRules()) -> int:
    """The longest run of consecutive kept days ever."""
    return days_rules.longest_run(kept(history, rules))


def last_session_date(history: History, today: dt.date) -> dt.date | None:
    """The newest active day up to today (a hand-written future date is ignored)."""
    last = days_rules.last_active(_numbers(_active(as_days(history))), today.toordinal())
    return None if last is None else dt.date.fromordinal(last)


def days_since_last(history: History, today: dt.date) -> int | None:
    last = last_session_date(history, today)
    return None if last is None else (today - last).days


class Streak(NamedTuple):
    current: int
    longest: int
    today_done: bool  # a session today
    last_session: dt.date | None
    days_since_last: int | None
    rest_days: int = 0  # days of the current streak kept by a planned rest day
    flare_days: int = 0  # days of the current streak kept by a flare day (no session)
    today_kept: str | None = None  # "rest" or "flare" when today is kept without a session

    def as_dict(self) -> dict[str, object]:
        return {
            "current": self.current,
            "longest": self.longest,
            "today_done": self.today_done,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "days_since_last": self.days_since_last,
            "rest_days": self.rest_days,
            "flare_days": self.flare_days,
        }


def streak(
    history: History,
    today: dt.date,
    rules: StreakRules = StreakRules(),
    earlier: days_rules.Runs | None = None,
) -> Streak:
    """The streak figures as of `today`: a day after today (a device already at tomorrow, or
    a hand edit) is not history yet, so it counts in no run. `earlier`: what the years before
    `history`'s days add (`core.days.Runs`, up to the day before the first day read here), so
    a long history is joined at its edge instead of walked day by day."""
    since = None if earlier is None else earlier.last + 1
    days = _from_until(as_days(history), since, today)
    whole, kept_today = _runs(days, today, rules, earlier)
    last = last_session_date(days, today)
    if last is None and whole.last_active:
        last = dt.date.fromordinal(whole.last_active)
    today_kind = days[today].kind if kept_today else None
    return Streak(
        current=whole.tail,
        longest=whole.longest,
        today_done=today in _active(days),
        last_session=last,
        days_since_last=None if last is None else (today - last).days,
        rest_days=whole.tail_rest,
        flare_days=whole.tail_flare,
        today_kept=today_kind if today_kind in ("rest", "flare") else None,
    )


def _runs(
    days: Days, today: dt.date, rules: StreakRules, earlier: days_rules.Runs | None
) -> tuple[days_rules.Runs, bool]:
    """The runs of kept days up to today (or yesterday while today is open), joined to
    `earlier`'s at the first of `days`, and whether today is kept: the one rule in
    `days.kept_days`, given the rest days `earlier` already counted in that week."""
    marked = days_rules.marks((d.toordinal(), day.as_row()) for d, day in days.items())
    used = 0 if earlier is None else earlier.used
    since = None if earlier is None else earlier.last + 1
    carried = None if since is None else {days_rules.week_of(since, rules.first_weekday): used}
    keeping = days_rules.kept_days(*marked, rules.rest_days, rules.first_weekday, carried)
    number = today.toordinal()
    end = number if number in keeping else number - 1
    first = min(keeping, default=end + 1) if since is None else since
    runs = days_rules.runs_of(keeping, marked, first, end, rules.first_weekday, used)
    return days_rules.joined(earlier, [runs]), number in keeping


def _from_until(days: Days, since: int | None, today: dt.date) -> dict[dt.date, Day]:
    """The days from day number `since` (None: the first) to `today`."""
    if since is None:
        return {date: day for date, day in days.items() if date <= today}
    return {
        date: day for date, day in days.items() if since <= date.toordinal() <= today.toordinal()
    }


def week_start(day: dt.date, first_weekday: int = 0) -> dt.date:
    """The first day of `day`'s week; weeks start on Monday (0) or Sunday (6)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


@dataclass(frozen=True)  # not a NamedTuple: `+` adds efforts, it must not join tuples
class Effort:
    """What one day's sessions were, beyond their minutes: the active minutes (sessions of
    relaxation alone left out) and whether any held a strengthening exercise."""

    active_minutes: int = 0
    strength: bool = False

    def __add__(self, other: Effort) -> Effort:
        return Effort(self.active_minutes + other.active_minutes, self.strength or other.strength)


Efforts = Mapping[dt.date, Effort]


def effort(session: Session, categories: Mapping[str, str]) -> Effort:
    """One session's effort: its minutes count unless every exercise it names is a
    relaxation exercise (a session without an exercise list, or naming one the catalogue
    does not know, counts); a strength day when it names a strengthening exercise."""
    kinds = [categories.get(ident) for ident in session.exercises]
    calm = bool(kinds) and all(kind == "relaxation" for kind in kinds)
    return Effort(0 if calm else session.minutes, "strength" in kinds)


def efforts(sessions: Iterable[Session], categories: Mapping[str, str]) -> dict[dt.date, Effort]:
    """Each day's effort, from its sessions and each exercise's category by id."""
    out: dict[dt.date, Effort] = {}
    for session in sessions:
        out[session.date] = out.get(session.date, Effort()) + effort(session, categories)
    return out


class Week(NamedTuple):
    start: dt.date
    sessions: int
    active_days: int
    minutes: int  # every session's minutes
    pain_before: float | None
    pain_after: float | None
    active_minutes: int = 0  # the minutes the goal counts: relaxation-only sessions left out
    strength_days: int = 0  # days with a strengthening exercise
    rest_days: int = 0  # days marked as planned rest, without a session
    flare_days: int = 0  # days marked as a flare, without a session

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "sessions": self.sessions,
            "active_days": self.active_days,
            "minutes": self.minutes,
            "active_minutes": self.active_minutes,
            "strength_days": self.strength_days,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "rest_days": self.rest_days,
            "flare_days": self.flare_days,
        }


def summarise(start: dt.date, days: Iterable[Day], done: Efforts | None = None) -> Week:
    """A span of days as one `Week`; `done`: the efforts of the same days. Without it, every
    minute counts as active and no day as a strength day: nothing says otherwise."""
    total = Day(start)
    kinds: list[str | None] = []
    for day in days:
        total = total + day
        kinds.append(day.kind)
    if done is None:
        active_minutes, strength_days = total.minutes, 0
    else:
        active_minutes = sum(e.active_minutes for e in done.values())
        strength_days = sum(e.strength for e in done.values())
    return Week(
        start=start,
        sessions=total.sessions,
        active_days=kinds.count("active"),
        minutes=total.minutes,
        pain_before=_mean(total.pain_before_sum, total.pain_before_count),
        pain_after=_mean(total.pain_after_sum, total.pain_after_count),
        active_minutes=active_minutes,
        strength_days=strength_days,
        rest_days=kinds.count("rest"),
        flare_days=kinds.count("flare"),
    )


def weeks(
    history: History,
    today: dt.date,
    count: int,
    first_weekday: int = 0,
    done: Efforts | None = None,
) -> list[Week]:
    """The last `count` weeks, oldest first, ending with the current week; empty weeks too.
    `done`: each day's effort (see `efforts`); without it, from sessions with no catalogue
    (every minute active, no strength days), or with per-day totals every minute active."""
    days = as_days(history)
    if done is None and not isinstance(history, Mapping):
        done = efforts(history, {})
    current = week_start(today, first_weekday)
    out = []
    for back in range(count - 1, -1, -1):
        start = current - dt.timedelta(weeks=back)
        span = [start + dt.timedelta(days=n) for n in range(7)]
        week_done = None if done is None else {d: done[d] for d in span if d in done}
        out.append(summarise(start, (days[d] for d in span if d in days), week_done))
    return out


def period_weeks(
    history: History,
    start: dt.date,
    end: dt.date,
    first_weekday: int = 0,
    done: Efforts | None = None,
) -> list[Week]:
    """The weeks from `start`'s to `end`'s, oldest first, each summing only its days from
    `start` to `end`; empty weeks too. `done`: each day's effort, as for `weeks`."""
    days = as_days(history)
    if done is None and not isinstance(history, Mapping):
        done = efforts(history, {})
    out = []
    first = week_start(start, first_weekday)
    for back in range((week_start(end, first_weekday) - first).days // 7 + 1):
        begin = first + dt.timedelta(weeks=back)
        span = [begin + dt.timedelta(days=n) for n in range(7)]
        inside = [d for d in span if start <= d <= end]
        week_done = None if done is None else {d: done[d] for d in inside if d in done}
        out.append(summarise(begin, (days[d] for d in inside if d in days), week_done))
    return out


def calendar(history: History, today: dt.date, weeks: int, first_weekday: int = 0) -> list[Day]:
    """Every day of the last `weeks` weeks up to today, oldest first, empty days included:
    the cells of the heat map."""
    days = as_days(history)
    first = week_start(today, first_weekday) - dt.timedelta(weeks=weeks - 1)
    span = (today - first).days + 1
    return [days.get(day, Day(day)) for day in (first + dt.timedelta(n) for n in range(span))]


class Goal(NamedTuple):
    """A week's goal: active days, active minutes and days with strengthening."""

    days: int = DEFAULT_GOAL_DAYS
    minutes: int = DEFAULT_GOAL_MINUTES  # active minutes
    strength_days: int = DEFAULT_GOAL_STRENGTH_DAYS

    def as_dict(self) -> dict[str, int]:
        return {"days": self.days, "minutes": self.minutes, "strength_days": self.strength_days}


class GoalProgress(NamedTuple):
    goal: Goal
    week: Week

    @property
    def met(self) -> bool:
        """All three: active days, active minutes and strength days."""
        week, goal = self.week, self.goal
        return (
            week.active_days >= goal.days
            and week.active_minutes >= goal.minutes
            and week.strength_days >= goal.strength_days
        )


def goal_progress(
    history: History,
    today: dt.date,
    goal: Goal,
    first_weekday: int = 0,
    done: Efforts | None = None,
) -> GoalProgress:
    return GoalProgress(goal, weeks(history, today, 1, first_weekday, done)[0])


class PainDay(NamedTuple):
    date: dt.date
    pain_before: float | None  # before sessions
    pain_after: float | None  # after sessions
    pain: float | None = None  # recorded without a session (`movecoach pain`)

    @property
    def level(self) -> float | None:
        """The day's pain as the direction reads it: the mean of the scores before sessions
        and the scores recorded without one."""
        return _mean_of(self.pain_before, self.pain)

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "pain": self.pain,
        }


def _mean_of(*values: float | None) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


class Trend(NamedTuple):
    days: list[PainDay]
    average_change: float | None
    direction: str | None  # "better", "steady" (about the same), "worse", or None: too little
    change: float | None = None  # points over the window, by a robust slope; < 0: less pain
    flare_days: int = 0  # days of the window 2+ above the user's usual (`pain.flare_day`)
    window: int = TREND_DAYS

    def as_dict(self) -> dict[str, object]:
        return {
            "days": [day.as_dict() for day in self.days],
            "average_change": self.average_change,
            "direction": self.direction,
            "change": self.change,
            "flare_days": self.flare_days,
        }


def trend(history: History, today: dt.date, window: int = TREND_DAYS) -> Trend:
    """Daily pain over the last `window` days, the average change a session brings, the
    change over the window (`pain_change`) and its direction, and how many of the days were
    flare days (`core.pain`). Flare days compare each day with the 14 before it, so
    `history` should reach back 14 days before the window."""
    days = as_days(history)
    series = []
    change = Day(today)
    for back in range(window - 1, -1, -1):
        date = today - dt.timedelta(days=back)
        day = days.get(date, Day(date))
        change = change + day
        series.append(
            PainDay(
                date,
                _mean(day.pain_before_sum, day.pain_before_count),
                _mean(day.pain_after_sum, day.pain_after_count),
                _mean(day.pain_sum, day.pain_count),
            )
        )
    levels = pain_levels(days)
    fit = pain_change(levels, today, window)
    first = today - dt.timedelta(days=window - 1)
    return Trend(
        days=series,
        average_change=_mean(change.change_sum, change.change_count),
        direction=None if fit is None else direction_of(*fit),
        change=None if fit is None else round(fit[0], 1),
        flare_days=sum(first <= day <= today for day in pain.flare_days(levels)),
        window=window,
    )


def pain_levels(history: History) -> dict[dt.date, float]:
    """Each day's pain level (`core.pain.level`): the mean of its scores before sessions and
    the scores recorded without a session (`movecoach pain`), for days that have any."""
    return pain.levels(as_days(history))


def flare_check(history: History, day: dt.date) -> tuple[float | None, bool]:
    """The day's baseline (the median pain of the 14 days before it) and whether its pain
    makes it a flare day, by the one pain-response rule in `core.pain`."""
    levels = pain_levels(history)
    baseline = pain.flare_baseline(levels, day)
    return baseline, pain.is_flare(levels.get(day), baseline)


def pain_change(
    levels: Mapping[dt.date, float], today: dt.date, window: int
) -> tuple[float, float] | None:
    """How much the daily pain level (`pain_levels`) changed over the last `window` days,
    and the level the fit starts from: a Theil-Sen line (the median of the slopes between
    every two scored days), which one bad week cannot tilt, times the window's length. None
    when either half of the window has fewer than 3 scored days."""
    points = []
    for offset in range(window):
        found = levels.get(today - dt.timedelta(days=window - 1 - offset))
        if found is not None:
            points.append((offset, found))
    early = sum(x < window // 2 for x, _ in points)
    if early < TREND_MIN_DAYS or len(points) - early < TREND_MIN_DAYS:
        return None
    slopes = [
        (y2 - y1) / (x2 - x1) for n, (x1, y1) in enumerate(points) for x2, y2 in points[n + 1 :]
    ]
    slope = _median(slopes)
    start = _median([y - slope * x for x, y in points])
    return slope * window, start


def direction_of(change: float, start: float) -> str:
    """ "better" or "worse" only for a real change: 2 points over the window (`pain.RISE`),
    or 30 % of the fitted starting level (`pain.SHARE_PERCENT`) where that is more;
    otherwise "steady" (about the same)."""
    threshold = max(pain.RISE, pain.SHARE_PERCENT / 100 * start)
    if change <= -threshold:
        return "better"
    if change >= threshold:
        return "worse"
    return "steady"


def direction(history: History, today: dt.date, window: int = TREND_DAYS) -> str | None:
    """The direction of the daily pain level over the last `window` days (`pain_change`)."""
    fit = pain_change(pain_levels(history), today, window)
    return None if fit is None else direction_of(*fit)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


class Response(NamedTuple):
    """How this user's pain has answered one exercise: the sessions that held it, those
    scored before and after (with the mean of each), and how many went too far or went well
    by the one rule (`core.pain`)."""

    sessions: int
    scored: int
    pain_before: float | None
    pain_after: float | None
    too_far: int
    went_well: int
    change: float | None = None  # the mean of (after - before) over the scored sessions

    def as_dict(self) -> dict[str, object]:
        return {
            "sessions": self.sessions,
            "scored": self.scored,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "change": self.change,
            "too_far": self.too_far,
            "went_well": self.went_well,
        }


def response(
    sessions: Sequence[Session], exercise_id: str, entries: Iterable[DayEntry] = ()
) -> Response:
    """How pain has answered the exercise `exercise_id` in `sessions` (all of the user's, so
    the next score after each can be found; `entries`: pain recorded without a session)."""
    verdicts = pain.judged(sessions, pain.readings(sessions, entries))
    held = [(s, verdict) for s, verdict in verdicts if exercise_id in s.exercises]
    scored = [s for s, _ in held if s.pain_before is not None and s.pain_after is not None]
    before = sum(s.pain_before or 0 for s in scored)
    after = sum(s.pain_after or 0 for s in scored)
    return Response(
        sessions=len(held),
        scored=len(scored),
        pain_before=_mean(before, len(scored)),
        pain_after=_mean(after, len(scored)),
        too_far=sum(verdict == pain.TOO_FAR for _, verdict in held),
        went_well=sum(verdict == pain.WENT_WELL for _, verdict in held),
        change=_mean(after - before, len(scored)),
    )


class Dashboard(NamedTuple):
    today: dt.date
    today_done: bool
    streak: int
    progress: GoalProgress
    last: Session | None
    today_mark: str | None = None  # "rest" or "flare" for a day marked without a session

    def as_dict(self) -> dict[str, object]:
        """What `movecoach --json` prints (schemas/dashboard.json)."""
        return {
            "date": self.today.isoformat(),
            "today_done": self.today_done,
            "today_mark": self.today_mark,
            "streak": self.streak,
            "week": self.progress.week.as_dict(),
            "goal": self.progress.goal.as_dict(),
            "goal_met": self.progress.met,
            "last_session": self.last.as_dict() if self.last is not None else None,
        }


class WeeksView(NamedTuple):
    """`movecoach history`: the weeks, the streak and the goal they are measured against."""

    weeks: list[Week]
    streak: Streak
    goal: Goal
    progress: GoalProgress  # this week's, whatever the period shown
    start: dt.date  # the first day the weeks count
    end: dt.date  # the last

    def as_dict(self) -> dict[str, object]:
        return {
            "weeks": [w.as_dict() for w in self.weeks],
            "streak": self.streak.as_dict(),
            "goal": self.goal.as_dict(),
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
        }
