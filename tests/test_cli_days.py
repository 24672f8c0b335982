"""`rest`, `rest --flare` and `pain` end to end: what is recorded, what is refused, and how
streak, history, calendar, trend, nudge, undo and export see the days."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from movecoach import cli, nudge

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)  # a Tuesday


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 18, 45))


def back(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def day_tables(home: Path) -> list[dict]:
    found: list[dict] = []
    for path in sorted((home / "log").glob("*.toml")):
        found += tomllib.loads(path.read_text("utf-8")).get("day", [])
    return found


def test_a_rest_day_keeps_the_streak_and_counts_in_it(run, home: Path) -> None:
    seed(home, *(session(back(n)) for n in (2, 3, 4)))
    result = run("rest", "--date", "yesterday", "--note", "visiting family", ok=True)
    assert result.stdout == "Recorded a rest day on Mon 09 Mar 2026. Streak: 4 days.\n"
    assert result.stderr == ""
    (entry,) = day_tables(home)
    assert (entry["kind"], entry["date"], entry["note"]) == (
        "rest",
        TODAY - dt.timedelta(1),
        "visiting family",
    )
    data = json.loads(run("streak", "--json", ok=True).stdout)
    assert (data["current"], data["rest_days"], data["flare_days"]) == (4, 1, 0)
    assert data["today_done"] is False


def test_a_flare_day_keeps_the_streak_and_points_to_gentle_exercise(run, home: Path) -> None:
    seed(home, session(back(1)))
    result = run("rest", "--flare", ok=True)
    assert result.stdout.startswith("Recorded a flare day on Tue 10 Mar 2026. Streak: 2 days.")
    assert "movecoach today --pain" in result.stdout
    text = run("streak", ok=True).stdout
    assert "Current streak: 2 days (1 flare day)" in text
    assert "Today is a flare day" in text
    assert "Today: a flare day" in run(ok=True).stdout


def test_the_second_rest_day_of_a_week_warns_and_ends_the_streak(run, home: Path) -> None:
    seed(home, *(session(back(n)) for n in (3, 4, 5)))  # Thu, Fri, Sat
    run("rest", "--date", back(2), ok=True)  # Sunday: this week's allowance (weeks from Monday)
    first = run("rest", "--date", back(1), ok=True)  # Monday: a new week, a new allowance
    assert first.stderr == ""
    second = run("rest", ok=True)  # Tuesday: the second of this week
    assert second.stderr == (
        "movecoach: warning: that week now has 2 rest days, and only the first 1 keeps your "
        "streak (the rest_days setting)\n"
    )
    assert "Streak: 5 days" in second.stdout  # today is not kept, but is still open
    run("config", "set", "rest_days", "2", ok=True)
    assert json.loads(run("streak", "--json", ok=True).stdout)["current"] == 6


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["rest", "--date", "2026-03-09"], "already has a session, so it is an active day"),
        (["rest", "--flare", "--date", "2026-03-08"], "is already a rest day"),
        (["rest", "--date", "2026-03-11"], "in the future"),
        (["rest", "--date", "1899-12-31"], "1900-01-01 or later"),
        (["pain", "11"], "from 0 to 10"),
        (["pain", "5", "--leg", "x"], "--leg"),
        (["pain", "5", "--date", "tomorrow"], "--date must be YYYY-MM-DD"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(run, home: Path, args, words) -> None:
    seed(home, session("2026-03-09"))
    run("rest", "--date", "2026-03-08", ok=True)
    before = {p.name: p.read_bytes() for p in (home / "log").iterdir()}
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("movecoach: ")
    assert words in result.stderr
    assert {p.name: p.read_bytes() for p in (home / "log").iterdir()} == before


def test_history_and_calendar_mark_rest_and_flare_days_with_a_legend(run, home: Path) -> None:
    seed(home, session(back(3)))
    run("rest", "--date", back(2), ok=True)
    run("rest", "--flare", "--date", back(1), ok=True)
    history = run("history", "--weeks", "2", ok=True).stdout
    rows = [line for line in history.splitlines() if line[:6] in ("02 Mar", "09 Mar")]
    assert rows[0].endswith("R")  # Sunday's rest, in the week from 2 March
    assert rows[1].endswith("F")  # Monday's flare, in this week
    assert "R a planned rest day, F a flare day" in history
    weeks = json.loads(run("history", "--json", "--weeks", "2", ok=True).stdout)["weeks"]
    assert [(w["rest_days"], w["flare_days"]) for w in weeks] == [(1, 0), (0, 1)]
    calendar = run("calendar", "--weeks", "2", ok=True).stdout
    rows = {line[:3]: line for line in calendar.splitlines()}
    assert rows["Sun"].rstrip().endswith("R")
    assert rows["Mon"].rstrip().endswith("F")
    assert "R a planned rest day, F a flare day" in calendar
    cells = json.loads(run("calendar", "--json", "--weeks", "1", ok=True).stdout)
    assert [(c["rest"], c["flare"]) for c in cells] == [(False, True), (False, False)]


def test_undo_takes_back_a_rest_day(run, home: Path) -> None:
    run("rest", ok=True)
    result = run("undo", "--yes", ok=True)
    assert "rest day" in result.stdout
    assert "Removed." in result.stdout
    assert day_tables(home) == []


def test_pain_is_recorded_without_touching_the_streak(run, home: Path) -> None:
    seed(home, session(back(1)))
    result = run("pain", "4", "--leg", "2", ok=True)
    assert result.stdout == "Recorded pain 4, leg pain 2 for Tue 10 Mar 2026.\n"
    (entry,) = day_tables(home)
    assert (entry["kind"], entry["pain"], entry["leg_pain"]) == ("pain", 4, 2)
    data = json.loads(run("streak", "--json", ok=True).stdout)
    assert (data["current"], data["today_done"]) == (1, False)


def test_pain_well_above_the_usual_is_called_a_flare(run, home: Path) -> None:
    seed(home, *(session(back(n), pain_before=3) for n in (1, 2, 3, 4)))
    calm = run("pain", "4", ok=True).stdout
    assert "flare" not in calm
    sharp = run("pain", "6", "--date", back(0), ok=True).stdout  # the day's mean: 5, 2 above 3
    assert "2 or more points above your usual 3" in sharp
    assert "movecoach rest --flare" in sharp


def test_trend_counts_pain_recorded_without_a_session(run, home: Path) -> None:
    from movecoach.core.models import make_day_entry
    from movecoach.store.log import Log

    Log(home / "log", home / "cache").extend(
        make_day_entry(
            {
                "id": f"p{n}",
                "date": TODAY - dt.timedelta(n),
                "kind": "pain",
                "pain": 3 if n < 7 else 3 + (n - 6) // 3,  # down from 7 to 3 a day
            }
        )
        for n in range(20)
    )
    data = json.loads(run("trend", "--json", ok=True).stdout)
    assert data["days"][-1] == {
        "date": "2026-03-10",
        "pain_before": None,
        "pain_after": None,
        "pain": 3.0,
    }
    assert data["direction"] == "better"
    text = run("trend", ok=True).stdout
    assert "Direction: better" in text
    assert "▃▃▃▃▃▃▃" in text  # this week's pain of 3 a day, recorded without sessions


def test_days_go_through_export_and_import(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("rest", "--date", back(1), "--note", "travel", ok=True)
    run("pain", "5", ok=True)
    exported = tmp_path / "all.json"
    run("export", "--output", str(exported), ok=True)
    kinds = [(r["kind"], r.get("type")) for r in json.loads(exported.read_text("utf-8"))]
    assert kinds == [("day", "rest"), ("day", "pain")]
    other = tmp_path / "other"  # a second home
    assert "skip 2" in run("import", str(exported), "--dry-run", ok=True).stdout
    assert "skipped 2" in run("import", str(exported), ok=True).stdout  # already there
    monkeypatch.setenv("MOVECOACH_HOME", str(other))
    assert "Added 2" in run("import", str(exported), ok=True).stdout
    assert json.loads(run("streak", "--json", ok=True).stdout)["rest_days"] == 1


def test_the_nudge_keeps_quiet_on_a_kept_rest_day(run, home: Path) -> None:
    seed(home, session(back(3)))
    run("log", "-m", "5", "--date", back(2), ok=True)  # warms the cache the nudge reads
    log_dir, cache = str(home / "log"), str(home / "cache")
    assert nudge.newest_active_day(log_dir, cache, TODAY.isoformat())[0] == back(2)
    run("rest", ok=True)
    assert nudge.newest_active_day(log_dir, cache, TODAY.isoformat())[0] == TODAY.isoformat()
    assert nudge.newest_active_day(log_dir, cache, TODAY.isoformat(), rest_days=0)[0] == back(2)
