"""Figures read from part of the log equal the same figures computed from all of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from movecoach import actions as insights
from movecoach.core import stats
from movecoach.core.models import make_day_entry
from movecoach.store.log import Log

from .factories import session

TODAY = dt.date(2026, 3, 10)
RULES = stats.StreakRules()


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
    assert insights.current_streak(log, TODAY, RULES) == expected
    assert stats.current_streak(log.sessions(), TODAY) == expected
    # and again from a warm cache, where older years are one remembered figure each
    assert insights.current_streak(Log(home / "log", home / "cache"), TODAY, RULES) == expected


def test_streak_across_years_with_two_devices(home: Path) -> None:
    laptop = Log(home / "log", home / "cache", device="laptop")
    desk = Log(home / "log", home / "cache", device="desk")
    laptop.extend(session(day) for day in days_back(TODAY, 500)[::2])
    desk.extend(session(day) for day in days_back(TODAY, 500)[1::2])
    reader = Log(home / "log", home / "cache")
    assert insights.current_streak(reader, TODAY, RULES) == 500


def test_dashboard_figures(home: Path) -> None:
    log = Log(home / "log", home / "cache")
    for day in days_back(TODAY, 3):
        log.append(session(day, minutes=30, pain_before=5, pain_after=3))
    board = insights.dashboard(log, TODAY, stats.Goal(), RULES)
    assert board.today_done
    assert board.streak == 3
    assert board.progress.week.minutes == 60  # Monday and Tuesday of this week
    assert board.last is not None
    assert board.last.date == TODAY


def rest(day: dt.date, kind: str = "rest"):
    return make_day_entry({"id": f"{kind}-{day}", "date": day, "kind": kind})


def sunday_rests(first: dt.date, last: dt.date) -> list[dt.date]:
    return [
        d
        for d in (first + dt.timedelta(n) for n in range((last - first).days + 1))
        if d.weekday() == 6
    ]


@pytest.mark.parametrize(
    "extra_rest",
    [
        [],
        [dt.date(2024, 12, 31)],  # Tuesday: the week of 1 January 2025 begins in 2024
        [dt.date(2024, 12, 30), dt.date(2025, 1, 2)],  # two in that week, one each side
        [dt.date(2025, 1, 1), dt.date(2025, 1, 3)],
        [dt.date(2023, 12, 31), dt.date(2024, 1, 1)],  # the week before 1 January 2024
    ],
)
def test_rest_days_across_new_years_match_the_full_count(home: Path, extra_rest) -> None:
    """A streak with a rest day each Sunday, running back over two New Years: the quick count
    (two years, then one remembered figure a year) equals the count over every day, however
    the rest days around 1 January fall and however many a week are allowed."""
    first = dt.date(2023, 6, 1)
    rests = set(sunday_rests(first, TODAY)) | set(extra_rest)
    log = Log(home / "log", home / "cache")
    log.extend([session(d) for d in days_back(TODAY, (TODAY - first).days + 1) if d not in rests])
    log.extend(rest(d) for d in sorted(rests))
    for rest_days in (0, 1, 2):
        rules = stats.StreakRules(rest_days=rest_days)
        everything = stats.current_streak(log.days(), TODAY, rules)
        assert insights.current_streak(log, TODAY, rules) == everything
        warm = Log(home / "log", home / "cache")
        assert insights.current_streak(warm, TODAY, rules) == everything
        if rest_days == 0:
            assert everything == (TODAY - max(rests)).days


@pytest.mark.parametrize(
    "dates",
    [
        [TODAY - dt.timedelta(days=3), TODAY],  # this month
        [dt.date(2026, 1, 5), dt.date(2026, 2, 27)],  # last month
        [dt.date(2024, 6, 1), dt.date(2025, 12, 31)],  # years ago: read a year at a time
        [dt.date(2025, 12, 31), TODAY + dt.timedelta(days=1)],  # one dated after today
        [],
    ],
)
def test_the_last_session_is_the_newest_up_to_today(home: Path, dates: list[dt.date]) -> None:
    log = Log(home / "log", home / "cache")
    log.extend(session(day) for day in dates)
    past = [day for day in dates if day <= TODAY]
    found = insights.last_session(Log(home / "log", home / "cache"), TODAY)
    assert (found.date if found else None) == (max(past) if past else None)
