"""Figures that need the log: load only the years a figure needs, then ask `stats`.

The rules live in `stats` (pure); this module decides how much history to read, so that the
confirmation after `movecoach log` and the dashboard cost the same after twenty years as after
one. No Typer or Rich here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from movecoach import stats
from movecoach.log import Log
from movecoach.models import Session


def recent_days(log: Log, today: dt.date) -> stats.Days:
    """Per-day totals from last year on, and further back while the current streak reaches
    the oldest loaded year (a streak may run across New Year, or across many)."""
    years = log.years()
    oldest = today.year - 1
    days = dict(log.days(y for y in years if y >= oldest))
    while any(y < oldest for y in years):
        run = stats.current_streak(days, today)
        start = today - dt.timedelta(days=run)  # the day before the streak began
        if start.year > oldest:
            break
        oldest -= 1
        days.update(log.days([oldest]))
    return days


def current_streak(log: Log, today: dt.date) -> int:
    return stats.current_streak(recent_days(log, today), today)


def last_session(log: Log, today: dt.date) -> Session | None:
    """The newest session up to today, reading one year at a time from the newest."""
    for year in sorted((y for y in log.years() if y <= today.year), reverse=True):
        past = [s for s in log.sessions([year]) if s.date <= today]
        if past:
            return past[-1]
    return None


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    today_done: bool
    streak: int
    progress: stats.GoalProgress
    last: Session | None


def dashboard(log: Log, today: dt.date, goal: stats.Goal, first_weekday: int = 0) -> Dashboard:
    days = recent_days(log, today)
    return Dashboard(
        today=today,
        today_done=today in days,
        streak=stats.current_streak(days, today),
        progress=stats.goal_progress(days, today, goal, first_weekday),
        last=last_session(log, today),
    )
