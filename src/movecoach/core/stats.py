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


def current_streak(history: History, today: dt.date) -> int:
    """Consecutive active days ending today, or yesterday while today is still open."""
    return days_rules.current_streak(_numbers(_active(as_days(history))), today.toordinal())


def tail_run(active: set[dt.date], year: int) -> int:
    """Consecutive active days ending on 31 December of `year`."""
    return days_rules.run_ending(_numbers(active), dt.date(year, 12, 31).toordinal())


def longest_streak(history: History) -> int:
    """The longest run of consecutive active days ever."""
    active = _active(as_days(history))
    best = 0
    for day in active:
        if day - dt.timedelta(days=1) in active:
            continue  # not the first day of a run
        length = 1
        while day + dt.timedelta(days=length) in active:
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
    today_done: bool
    last_session: dt.date | None
    days_since_last: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "current": self.current,
            "longest": self.longest,
            "today_done": self.today_done,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "days_since_last": self.days_since_last,
        }


def streak(history: History, today: dt.date) -> Streak:
    """The streak figures as of `today`: a day after today (a device already at tomorrow, or
    a hand edit) is not history yet, so it counts in no run."""
    days = {date: day for date, day in as_days(history).items() if date <= today}
    last = last_session_date(days, today)
    return Streak(
        current=current_streak(days, today),
        longest=longest_streak(days),
        today_done=today in _active(days),
        last_session=last,
        days_since_last=None if last is None else (today - last).days,
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

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "sessions": self.sessions,
            "active_days": self.active_days,
            "minutes": self.minutes,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
        }


def summarise(start: dt.date, days: Iterable[Day]) -> Week:
    total = Day(start)
    active = 0
    for day in days:
        total = total + day
        active += day.sessions > 0
    return Week(
        start=start,
        sessions=total.sessions,
        active_days=active,
        minutes=total.minutes,
        pain_before=_mean(total.pain_before_sum, total.pain_before_count),
        pain_after=_mean(total.pain_after_sum, total.pain_after_count),
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
    pain_before: float | None
    pain_after: float | None

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
        }


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
            )
        )
    return Trend(
        days=series,
        average_change=_mean(change.change_sum, change.change_count),
        direction=direction(days, today),
    )


def direction(history: History, today: dt.date) -> str | None:
    days = as_days(history)

    def half_mean(first_back: int) -> float | None:
        values = []
        for back in range(first_back, first_back + TREND_HALF):
            day = days.get(today - dt.timedelta(days=back))
            if day is not None and day.pain_before_count:
                values.append(day.pain_before_sum / day.pain_before_count)
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

    def as_dict(self) -> dict[str, object]:
        """What `movecoach --json` prints (schemas/dashboard.json)."""
        return {
            "date": self.today.isoformat(),
            "today_done": self.today_done,
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

    def as_dict(self) -> dict[str, object]:
        return {
            "weeks": [w.as_dict() for w in self.weeks],
            "streak": self.streak.as_dict(),
            "goal": self.goal.as_dict(),
        }
