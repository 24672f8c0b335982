"""`history` and `report` for a given period: --since/--until, --month, --week; no window
from before the first session, and the goal counted over complete weeks only."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.store.log import Log

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)  # a Tuesday


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 18, 45))


def history(run, *args: str) -> dict:
    return json.loads(run("history", "--json", *args, ok=True).stdout)


@pytest.fixture
def winter(home: Path) -> None:
    """Every day from 5 January to 10 March 2026, 30 minutes with a strengthening exercise."""
    days = [dt.date(2026, 1, 5) + dt.timedelta(days=n) for n in range(65)]
    sessions = (session(day, minutes=30, exercises=("bridge",)) for day in days)
    Log(home / "log", home / "cache").extend(sessions)


def test_a_month_counts_only_its_own_days(run, winter) -> None:
    data = history(run, "--month", "2026-02")
    assert data["period"] == {"start": "2026-02-01", "end": "2026-02-28"}
    weeks = {w["start"]: w["active_days"] for w in data["weeks"]}
    # Monday 26 January's week holds one February day; Monday 23 February's, six.
    assert weeks == {"2026-01-26": 1, "2026-02-02": 7, "2026-02-09": 7, "2026-02-16": 7,
                     "2026-02-23": 6}  # fmt: skip
    assert sum(w["minutes"] for w in data["weeks"]) == 28 * 30


def test_an_iso_week_follows_the_week_start(run, winter) -> None:
    assert history(run, "--week", "2026-W10")["period"] == {
        "start": "2026-03-02",
        "end": "2026-03-08",
    }
    run("config", "set", "week_start", "sunday", ok=True)
    data = history(run, "--week", "2026-w10")
    assert data["period"] == {"start": "2026-03-01", "end": "2026-03-07"}
    assert [w["start"] for w in data["weeks"]] == ["2026-03-01"]


def test_since_and_until_take_whole_days_and_later_days_are_empty(run, winter) -> None:
    data = history(run, "--since", "2026-03-04", "--until", "2026-04-30")
    assert data["period"] == {"start": "2026-03-04", "end": "2026-03-10"}
    assert sum(w["active_days"] for w in data["weeks"]) == 7
    until = history(run, "--until", "2026-02-15")
    assert until["period"]["end"] == "2026-02-15"
    # 8 weeks back to 15 February begin on 22 December, before the first session (5 January)
    assert until["weeks"][0]["start"] == "2026-01-05"
    assert len(until["weeks"]) == 6


def test_no_window_starts_before_the_first_session(run, home: Path) -> None:
    seed(home, session("2026-03-04"), session("2026-03-09"))  # began last Wednesday
    data = history(run)  # 8 weeks asked for by default
    assert data["period"]["start"] == "2026-03-04"
    assert [w["start"] for w in data["weeks"]] == ["2026-03-02", "2026-03-09"]
    text = run("report", ok=True).stdout
    assert "Wed 4 Mar 2026 to Tue 10 Mar 2026, 2 weeks" in text
    refused = run("history", "--month", "2025-12")
    assert refused.exit_code == 2
    assert "your first session was on 2026-03-04" in refused.stderr


def test_goal_met_counts_complete_weeks_only(run, winter) -> None:
    text = run("report", "--month", "2026-02", ok=True).stdout
    # Five weeks touch February; 2, 9 and 16 February lie wholly inside it and each meets the
    # goal (7 days, 210 active minutes, 7 strength days); the two cut by the month's ends are
    # not counted.
    assert "met in 3 of 3 complete weeks" in text
    assert "| Mon 26 Jan 2026 (part) |" in text
    now = run("report", "--weeks", "1", ok=True).stdout
    assert "no complete week in this period yet" in now


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--month", "2026-3"], "--month must be YYYY-MM"),
        (["--month", "2026-13"], "--month must be YYYY-MM"),
        (["--week", "2026-W54"], "--week must be YYYY-Www"),
        (["--week", "2026-10"], "--week must be YYYY-Www"),
        (["--month", "2026-03", "--weeks", "2"], "give one of them"),
        (["--week", "2026-W10", "--since", "2026-03-01"], "give one of them"),
        (["--since", "2026-04-01"], "after today"),
        (["--since", "2026-03-09", "--until", "2026-03-01"], "swap them"),
    ],
)
def test_bad_periods_are_one_line_exit_2(run, winter, args, words) -> None:
    for command in ("history", "report"):
        result = run(command, *args)
        assert result.exit_code == 2, (command, result.stdout)
        assert len(result.stderr.splitlines()) == 1
        assert words in result.stderr


def test_a_report_covers_at_most_52_weeks(run, home: Path) -> None:
    seed(home, session("2024-01-01"))
    assert run("history", "--since", "2024-01-01", ok=True).exit_code == 0
    refused = run("report", "--since", "2024-01-01")
    assert refused.exit_code == 2
    assert "at most 52" in refused.stderr


def test_the_report_counts_pain_days_and_marked_flares(run, home: Path) -> None:
    seed(home, *(session(f"2026-0{day}", pain_before=3) for day in ("2-27", "2-28", "3-01")))
    run("pain", "8", "--date", "2026-03-03", ok=True)  # 5 above a usual of 3: a flare
    run("pain", "4", "--date", "2026-03-04", ok=True)  # 1 above it: not one
    run("rest", "--flare", "--date", "2026-03-05", ok=True)
    text = run("report", ok=True).stdout
    assert "6 on 2 days scored without a session" in text
    assert "- Tue 3 Mar 2026: pain 8 (usual 3)" in text
    assert "- Wed 4 Mar 2026" not in text
    assert "- Thu 5 Mar 2026: marked as a flare" in text
    assert "2 days with pain 2 or more above the user's usual, or marked as a flare" in text
