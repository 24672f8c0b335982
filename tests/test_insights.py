"""`streak`, `history`, `trend` and `calendar` (commands/insights.py) and the dashboard on a
known log; `report` is tested end to end in test_cli_report.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core.models import make_day_entry

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)  # a Tuesday


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


@pytest.fixture
def known_log(home: Path) -> None:
    seed(
        home,
        session("2026-03-10", minutes=20, pain_before=4, pain_after=2, exercises=("bridge",)),
        session("2026-03-09", minutes=30, pain_before=5, pain_after=5),
        session("2026-03-09", minutes=10, exercises=("calm-breathing",)),  # relaxation alone
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
        "rest_days": 0,
        "flare_days": 0,
    }


def test_streak_text(run, known_log) -> None:
    text = run("streak", ok=True).stdout
    assert "Current streak: 3 days" in text
    assert "Longest streak: 4 days" in text


def test_history_json(run, known_log) -> None:
    data = json.loads(run("history", "--json", "--weeks", "6", ok=True).stdout)
    assert set(data) == {"weeks", "streak", "goal", "period"}
    assert data["goal"] == {"days": 5, "minutes": 150, "strength_days": 2}
    assert data["streak"]["current"] == 3
    # Six weeks back would start on 2 February, but the first session was on 20 February:
    # no empty weeks before the user began.
    assert data["period"] == {"start": "2026-02-20", "end": "2026-03-10"}
    assert [w["start"] for w in data["weeks"]] == [
        "2026-02-16",
        "2026-02-23",
        "2026-03-02",
        "2026-03-09",
    ]
    feb16, feb23, mar2, current = data["weeks"]
    assert (feb16["sessions"], feb16["minutes"]) == (3, 120)
    assert (mar2["sessions"], mar2["minutes"], mar2["pain_before"]) == (1, 15, 6.0)
    assert feb23 == {
        "start": "2026-02-23",
        "sessions": 1,
        "active_days": 1,
        "minutes": 40,
        "active_minutes": 40,
        "strength_days": 0,
        "pain_before": None,
        "pain_after": None,
        "rest_days": 0,
        "flare_days": 0,
    }
    assert current == {
        "start": "2026-03-09",
        "sessions": 3,
        "active_days": 2,
        "minutes": 60,
        "active_minutes": 50,
        "strength_days": 1,
        "pain_before": 4.5,
        "pain_after": 3.5,
        "rest_days": 0,
        "flare_days": 0,
    }


def test_history_text_shows_weeks_streak_and_goal(run, known_log) -> None:
    text = run("history", ok=True).stdout
    assert "09 Mar 2026" in text
    assert "Current streak: 3 days" in text
    assert "This week: 2 of 5 days · 50 of 150 active min · 1 of 2 strength days" in text
    assert "Active minutes leave out sessions of relaxation alone." in " ".join(text.split())


def test_trend_json_and_text(run, known_log) -> None:
    data = json.loads(run("trend", "--json", ok=True).stdout)
    assert len(data["days"]) == 28
    assert data["days"][-1] == {
        "date": "2026-03-10",
        "pain_before": 4.0,
        "pain_after": 2.0,
        "pain": None,
    }
    assert data["days"][-3] == {
        "date": "2026-03-08",
        "pain_before": 6.0,
        "pain_after": None,
        "pain": None,
    }
    assert data["average_change"] == -1.0
    assert (data["direction"], data["change"], data["flare_days"]) == (None, None, 0)
    short = json.loads(run("trend", "--json", "--days", "7", ok=True).stdout)
    assert len(short["days"]) == 7
    text = run("trend", ok=True).stdout
    assert "eases by 1" in text
    assert "not enough pain scores" in text


def test_trend_of_falling_pain_with_a_pain_entry_flare(run, home: Path) -> None:
    """Pain falling from 6 to 2 over four weeks: "better", by about 4 points; a pain entry
    of 7 against a usual of 3 is a flare day, though no session was logged on it."""
    log = seed(
        home,
        *(
            session(TODAY - dt.timedelta(days=back), pain_before=round(2 + 4 * back / 27))
            for back in range(28)
            if back != 3
        ),
    )
    log.append(
        make_day_entry(
            {"id": "p1", "date": TODAY - dt.timedelta(days=3), "kind": "pain", "pain": 7}
        )
    )
    data = json.loads(run("trend", "--json", ok=True).stdout)
    assert data["direction"] == "better"
    assert -4.5 <= data["change"] <= -3.5
    assert data["flare_days"] == 1
    text = " ".join(run("trend", ok=True).stdout.split())
    assert "Direction: better: your pain fell by about" in text
    assert "Flare days: 1 day with pain 2 or more above your usual" in text


def test_trend_says_about_the_same_for_a_small_change(run, home: Path) -> None:
    seed(home, *(session(TODAY - dt.timedelta(days=b), pain_before=3 + b % 2) for b in range(28)))
    data = json.loads(run("trend", "--json", ok=True).stdout)
    assert data["direction"] == "steady"
    assert "Direction: about the same" in run("trend", ok=True).stdout


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
    plain = {"rest": False, "flare": False}
    assert cells[-1] == {"date": "2026-03-10", "sessions": 1, "minutes": 20, **plain}
    assert {"date": "2026-03-09", "sessions": 2, "minutes": 40, **plain} in cells
    assert len(cells) == 9


def test_dashboard_with_no_arguments(run, known_log) -> None:
    text = run(ok=True).stdout
    assert "Today: done" in text
    assert "Streak: 3 days" in text
    assert "This week: 2 of 5 days · 50 of 150 active min · 1 of 2 strength days" in text
    assert "pain 4 → 2" in text
    assert "movecoach today" in text


def test_dashboard_json(run, known_log) -> None:
    data = json.loads(run("--json", ok=True).stdout)
    assert (data["today_done"], data["streak"], data["goal_met"]) == (True, 3, False)
    assert (data["week"]["active_days"], data["week"]["minutes"]) == (2, 60)
    assert data["last_session"]["pain_after"] == 2


def test_json_before_a_command_says_where_it_goes(run, known_log) -> None:
    result = run("--json", "streak")
    assert result.exit_code == 2
    assert result.stderr == "movecoach: --json goes after the command: movecoach streak --json\n"


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
