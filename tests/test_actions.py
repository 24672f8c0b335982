"""Figures read from part of the log equal the same figures computed from all of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from movecoach import actions as insights
from movecoach.core import stats
from movecoach.store.log import Log

from .factories import session

TODAY = dt.date(2026, 3, 10)


def days_back(start: dt.date, count: int) -> list[dt.date]:
    return [start - dt.timedelta(days=n) for n in range(count)]


@pytest.mark.parametrize(
    ("active", "expected"),
    [
        (days_back(TODAY, 5), 5),
        (days_back(TODAY - dt.timedelta(days=1), 400), 400),  # open today, across New Year
        (days_back(TODAY, 1200), 1200),  # through two whole years into a third
        (days_back(TODAY, 800) + days_back(TODAY - dt.timedelta(days=801), 30), 800),
        ([], 0),
    ],
)
def test_current_streak_across_years_matches_the_full_count(home: Path, active, expected) -> None:
    log = Log(home / "log", home / "cache")
    log.extend(session(day) for day in active)
    assert insights.current_streak(log, TODAY) == expected
    assert stats.current_streak(log.sessions(), TODAY) == expected
    # and again from a warm cache, where older years are one remembered figure each
    assert insights.current_streak(Log(home / "log", home / "cache"), TODAY) == expected


def test_streak_across_years_with_two_devices(home: Path) -> None:
    laptop = Log(home / "log", home / "cache", device="laptop")
    desk = Log(home / "log", home / "cache", device="desk")
    laptop.extend(session(day) for day in days_back(TODAY, 500)[::2])
    desk.extend(session(day) for day in days_back(TODAY, 500)[1::2])
    reader = Log(home / "log", home / "cache")
    assert insights.current_streak(reader, TODAY) == 500


def test_dashboard_figures(home: Path) -> None:
    log = Log(home / "log", home / "cache")
    for day in days_back(TODAY, 3):
        log.append(session(day, minutes=30, pain_before=5, pain_after=3))
    board = insights.dashboard(log, TODAY, stats.Goal())
    assert board.today_done
    assert board.streak == 3
    assert board.progress.week.minutes == 60  # Monday and Tuesday of this week
    assert board.last is not None
    assert board.last.date == TODAY
