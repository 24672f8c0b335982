"""Figures that need the log: load only the years a figure needs, then ask `stats`.

The rules live in `stats` (pure); this module decides how much history to read, so that the
confirmation after `movecoach log` and the dashboard cost the same after twenty years as after
one. No Typer or Rich here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from movecoach.core import stats
from movecoach.core.models import Session
from movecoach.store.log import Log


def recent_days(log: Log, today: dt.date) -> stats.Days:
    """Per-day totals of this year and last: enough for this week, today and recent pain."""
    return log.days(y for y in log.years() if y >= today.year - 1)


def current_streak(log: Log, today: dt.date, days: stats.Days | None = None) -> int:
    """The current streak, read from this year and last, then one figure per older year
    while the streak runs through the whole of it."""
    years = set(log.years())
    first = today.year - 1
    if days is None:
        days = recent_days(log, today)
    run = stats.current_streak(days, today)
    end = today if today in days else today - dt.timedelta(days=1)
    if run == 0 or end - dt.timedelta(days=run - 1) != dt.date(first, 1, 1):
        return run
    year = first - 1
    while year in years:
        tail = log.year_tail(year)
        run += tail
        if tail < (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1:
            break
        year -= 1
    return run


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
        streak=current_streak(log, today, days),
        progress=stats.goal_progress(days, today, goal, first_weekday),
        last=last_session(log, today),
    )
