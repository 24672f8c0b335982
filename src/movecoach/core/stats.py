"""Streaks, weeks, goals and pain trends: pure functions of the sessions and `today`.

Every figure is computed from per-day totals (`Day`), which `daily` builds from sessions. The
log caches those totals per year file, so years of history cost a few milliseconds to read;
the public functions also accept sessions directly, which is what the tests use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from movecoach.core import days as days_rules
from movecoach.core import pain as pain_rules
from movecoach.core.days import Day, daily
from movecoach.core.models import Session

__all__ = ["Day", "daily"]  # per-day totals live in `days`, shared with the nudge
Days = Mapping[dt.date, Day]

DEFAULT_GOAL_DAYS = 5
DEFAULT_GOAL_MINUTES = 150  # the public-health figure for moderate activity a week
TREND_DAYS = 28
TREND_HALF = 14
TREND_MIN_DAYS = 3  # days with a pain score each half needs before a direction is given
STEADY_BAND = 0.5

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


@dataclass(frozen=True)
class StreakRules:
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
    days = kept(history, rules)
    best = 0
    for day in days:
        if day - 1 in days:
            continue  # not the first day of a run
        length = 1
        while day + length in days:
            length += 1
        best = max(best, length)
    return best


def last_session_date(history: History, today: dt.date) -> dt.date | None:
    """The newest active day up to today (a hand-written future date is ignored)."""
    last = days_rules.last_active(_numbers(_active(as_days(history))), today.toordinal())
    return None if last is None else dt.date.fromordinal(last)


def days_since_last(history: History, today: dt.date) -> int | None:
    last = last_session_date(history, today)
    return None if last is None else (today - last).days


@dataclass(frozen=True)
class Streak:
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


def streak(history: History, today: dt.date, rules: StreakRules = StreakRules()) -> Streak:
    """The streak figures as of `today`: a day after today (a device already at tomorrow, or
    a hand edit) is not history yet, so it counts in no run."""
    days = {date: day for date, day in as_days(history).items() if date <= today}
    last = last_session_date(days, today)
    keeping = kept(days, rules)
    current = days_rules.current_streak(keeping, today.toordinal())
    start = days_rules.run_start(keeping, today.toordinal())
    run = [] if start is None else [dt.date.fromordinal(start + n) for n in range(current)]
    kinds = [days[date].kind for date in run if date in days]
    today_kind = days[today].kind if today in days and today.toordinal() in keeping else None
    return Streak(
        current=current,
        longest=longest_streak(days, rules),
        today_done=today in _active(days),
        last_session=last,
        days_since_last=None if last is None else (today - last).days,
        rest_days=kinds.count("rest"),
        flare_days=kinds.count("flare"),
        today_kept=today_kind if today_kind in ("rest", "flare") else None,
    )


def week_start(day: dt.date, first_weekday: int = 0) -> dt.date:
    """The first day of `day`'s week; weeks start on Monday (0) or Sunday (6)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None


@dataclass(frozen=True)
class Week:
    start: dt.date
    sessions: int
    active_days: int
    minutes: int
    pain_before: float | None
    pain_after: float | None
    rest_days: int = 0  # days marked as planned rest, without a session
    flare_days: int = 0  # days marked as a flare, without a session

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "sessions": self.sessions,
            "active_days": self.active_days,
            "minutes": self.minutes,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "rest_days": self.rest_days,
            "flare_days": self.flare_days,
        }


def summarise(start: dt.date, days: Iterable[Day]) -> Week:
    total = Day(start)
    kinds: list[str | None] = []
    for day in days:
        total = total + day
        kinds.append(day.kind)
    return Week(
        start=start,
        sessions=total.sessions,
        active_days=kinds.count("active"),
        minutes=total.minutes,
        pain_before=_mean(total.pain_before_sum, total.pain_before_count),
        pain_after=_mean(total.pain_after_sum, total.pain_after_count),
        rest_days=kinds.count("rest"),
        flare_days=kinds.count("flare"),
    )


def weeks(history: History, today: dt.date, count: int, first_weekday: int = 0) -> list[Week]:
    """The last `count` weeks, oldest first, ending with the current week; empty weeks too."""
    days = as_days(history)
    current = week_start(today, first_weekday)
    out = []
    for back in range(count - 1, -1, -1):
        start = current - dt.timedelta(weeks=back)
        span = (start + dt.timedelta(days=n) for n in range(7))
        out.append(summarise(start, (days[d] for d in span if d in days)))
    return out


def period_weeks(
    history: History, start: dt.date, end: dt.date, first_weekday: int = 0
) -> list[Week]:
    """The weeks from `start`'s to `end`'s, oldest first, each summing only its days from
    `start` to `end`; empty weeks too."""
    days = as_days(history)
    out = []
    first = week_start(start, first_weekday)
    for back in range((week_start(end, first_weekday) - first).days // 7 + 1):
        begin = first + dt.timedelta(weeks=back)
        span = (begin + dt.timedelta(days=n) for n in range(7))
        out.append(summarise(begin, (days[d] for d in span if d in days and start <= d <= end)))
    return out


def calendar(history: History, today: dt.date, weeks: int, first_weekday: int = 0) -> list[Day]:
    """Every day of the last `weeks` weeks up to today, oldest first, empty days included:
    the cells of the heat map."""
    days = as_days(history)
    first = week_start(today, first_weekday) - dt.timedelta(weeks=weeks - 1)
    span = (today - first).days + 1
    return [days.get(day, Day(day)) for day in (first + dt.timedelta(n) for n in range(span))]


@dataclass(frozen=True)
class Goal:
    days: int = DEFAULT_GOAL_DAYS
    minutes: int = DEFAULT_GOAL_MINUTES

    def as_dict(self) -> dict[str, int]:
        return {"days": self.days, "minutes": self.minutes}


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    week: Week

    @property
    def met(self) -> bool:
        return self.week.active_days >= self.goal.days and self.week.minutes >= self.goal.minutes


def goal_progress(
    history: History, today: dt.date, goal: Goal, first_weekday: int = 0
) -> GoalProgress:
    return GoalProgress(goal, weeks(history, today, 1, first_weekday)[0])


@dataclass(frozen=True)
class PainDay:
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


@dataclass(frozen=True)
class Trend:
    days: list[PainDay]
    average_change: float | None
    direction: str | None  # "better", "steady", "worse", or None with too little data

    def as_dict(self) -> dict[str, object]:
        return {
            "days": [day.as_dict() for day in self.days],
            "average_change": self.average_change,
            "direction": self.direction,
        }


def trend(history: History, today: dt.date, window: int = TREND_DAYS) -> Trend:
    """Daily pain over the last `window` days, the average change a session brings, and the
    direction: the mean daily pain of the last 14 days against the 14 before."""
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
    return Trend(
        days=series,
        average_change=_mean(change.change_sum, change.change_count),
        direction=direction(days, today),
    )


def pain_levels(history: History) -> dict[dt.date, float]:
    """Each day's pain: the mean of its scores before sessions and the scores recorded
    without a session (`movecoach pain`), for days that have any."""
    levels = {}
    for date, day in as_days(history).items():
        count = day.pain_before_count + day.pain_count
        if count:
            levels[date] = (day.pain_before_sum + day.pain_sum) / count
    return levels


def flare_check(history: History, day: dt.date) -> tuple[float | None, bool]:
    """The day's baseline (the median pain of the 14 days before it) and whether its pain
    makes it a flare day, by the one pain-response rule in `core.pain`."""
    levels = pain_levels(history)
    baseline = pain_rules.flare_baseline(levels, day)
    return baseline, pain_rules.is_flare(levels.get(day), baseline)


def direction(history: History, today: dt.date) -> str | None:
    """Each day's pain (scores before sessions and scores recorded without one, averaged)
    over the last 14 days against the 14 before."""
    days = as_days(history)

    levels = pain_levels(days)

    def half_mean(first_back: int) -> float | None:
        values = []
        for back in range(first_back, first_back + TREND_HALF):
            level = levels.get(today - dt.timedelta(days=back))
            if level is not None:
                values.append(level)
        return sum(values) / len(values) if len(values) >= TREND_MIN_DAYS else None

    recent, earlier = half_mean(0), half_mean(TREND_HALF)
    if recent is None or earlier is None:
        return None
    if abs(recent - earlier) <= STEADY_BAND:
        return "steady"
    return "better" if recent < earlier else "worse"


@dataclass(frozen=True)
class Dashboard:
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


@dataclass(frozen=True)
class WeeksView:
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
