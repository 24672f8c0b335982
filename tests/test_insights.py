"""`streak`, `history`, `trend` and `calendar` (commands/insights.py) and the dashboard on a
known log; `report` is tested end to end in test_cli_report.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)  # a Tuesday


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


@pytest.fixture
def known_log(home: Path) -> None:
    seed(
        home,
        session("2026-03-10", minutes=20, pain_before=4, pain_after=2),
        session("2026-03-09", minutes=30, pain_before=5, pain_after=5),
        session("2026-03-09", minutes=10),
        session("2026-03-08", minutes=15, pain_before=6),
        session("2026-02-20", minutes=40),
        session("2026-02-21", minutes=40),
        session("2026-02-22", minutes=40),
        session("2026-02-23", minutes=40),
    )


def test_streak_json(run, known_log) -> None:
    data = json.loads(run("streak", "--json", ok=True).stdout)
    assert data == {
        "current": 3,
        "longest": 4,
        "today_done": True,
        "last_session": "2026-03-10",
        "days_since_last": 0,
    }


def test_streak_text(run, known_log) -> None:
    text = run("streak", ok=True).stdout
    assert "Current streak: 3 days" in text
    assert "Longest streak: 4 days" in text


def test_history_json(run, known_log) -> None:
    data = json.loads(run("history", "--json", "--weeks", "6", ok=True).stdout)
    assert set(data) == {"weeks", "streak", "goal"}
    assert data["goal"] == {"days": 5, "minutes": 150}
    assert data["streak"]["current"] == 3
    assert [w["start"] for w in data["weeks"]] == [
        "2026-02-02",
        "2026-02-09",
        "2026-02-16",
        "2026-02-23",
        "2026-03-02",
        "2026-03-09",
    ]
    empty, _, feb16, feb23, mar2, current = data["weeks"]
    assert empty == {
        "start": "2026-02-02",
        "sessions": 0,
        "active_days": 0,
        "minutes": 0,
        "pain_before": None,
        "pain_after": None,
    }
    assert (feb16["sessions"], feb16["minutes"]) == (3, 120)
    assert (mar2["sessions"], mar2["minutes"], mar2["pain_before"]) == (1, 15, 6.0)
    assert feb23 == {
        "start": "2026-02-23",
        "sessions": 1,
        "active_days": 1,
        "minutes": 40,
        "pain_before": None,
        "pain_after": None,
    }
    assert current == {
        "start": "2026-03-09",
        "sessions": 3,
        "active_days": 2,
        "minutes": 60,
        "pain_before": 4.5,
        "pain_after": 3.5,
    }


def test_history_text_shows_weeks_streak_and_goal(run, known_log) -> None:
    text = run("history", ok=True).stdout
    assert "09 Mar 2026" in text
    assert "Current streak: 3 days" in text
    assert "This week: 2 of 5 days · 60 of 150 min" in text


def test_trend_json_and_text(run, known_log) -> None:
    data = json.loads(run("trend", "--json", ok=True).stdout)
    assert len(data["days"]) == 28
    assert data["days"][-1] == {"date": "2026-03-10", "pain_before": 4.0, "pain_after": 2.0}
    assert data["days"][-3] == {"date": "2026-03-08", "pain_before": 6.0, "pain_after": None}
    assert data["average_change"] == -1.0
    assert data["direction"] is None
    short = json.loads(run("trend", "--json", "--days", "7", ok=True).stdout)
    assert len(short["days"]) == 7
    text = run("trend", ok=True).stdout
    assert "eases by 1" in text
    assert "not enough pain scores" in text


def test_calendar_shows_weekdays_months_and_active_days(run, known_log) -> None:
    text = run("calendar", "--weeks", "8", ok=True).stdout
    assert "Mon" in text
    assert "Sun" in text
    assert "Feb" in text
    assert "Mar" in text
    assert "7 active days in the last 8 weeks" in text


def test_calendar_json(run, known_log) -> None:
    cells = json.loads(run("calendar", "--json", "--weeks", "2", ok=True).stdout)
    assert cells[0]["date"] == "2026-03-02"
    assert cells[-1] == {"date": "2026-03-10", "sessions": 1, "minutes": 20}
    assert {"date": "2026-03-09", "sessions": 2, "minutes": 40} in cells
    assert len(cells) == 9


def test_dashboard_with_no_arguments(run, known_log) -> None:
    text = run(ok=True).stdout
    assert "Today: done" in text
    assert "Streak: 3 days" in text
    assert "This week: 2 of 5 days · 60 of 150 min" in text
    assert "pain 4 → 2" in text
    assert "movecoach today" in text


def test_dashboard_on_an_empty_log_creates_nothing(run, home: Path) -> None:
    text = run(ok=True).stdout
    assert "nothing logged yet" in text
    assert "Streak: 0 days" in text
    assert not home.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["history", "--weeks", "0"],
        ["history", "--weeks", "521"],
        ["history", "--weeks", "many"],
        ["trend", "--days", "0"],
        ["trend", "--days", "x"],
        ["calendar", "--weeks", "0"],
        ["nudge", "--loud"],
    ],
)
def test_bad_ranges_are_one_line_exit_2(run, args) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
