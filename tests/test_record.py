"""`log`, `sessions`, `undo` and `delete` (commands/record.py) end to end, including every
refusal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 18, 45))


def logged(run) -> list[dict]:
    return json.loads(run("sessions", "--json", "--limit", "0", ok=True).stdout)


def test_log_records_every_field_and_confirms_with_the_streak(run, home: Path) -> None:
    seed(home, session(TODAY - dt.timedelta(days=1)))
    result = run(
        "log", "--minutes", "25", "--pain-before", "5", "--pain-after", "3",
        "--exercise", "knee-rolls", "-x", "bird-dog", "--time", "07:15",
        "--note", 'stiff, "then" better\nsecond line ✓', "--leg-pain", "4",
        "--leg-pain-after", "2", ok=True,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert "Logged 25 min on Tue 10 Mar 2026" in lines[0]
    assert "pain 5 → 3, leg pain 4 → 2" in lines[0]
    assert "Streak: 2 days" in lines[0]
    newest = logged(run)[0]
    assert newest == {
        "id": newest["id"],
        "date": "2026-03-10",
        "time": "07:15",
        "minutes": 25,
        "pain_before": 5,
        "pain_after": 3,
        "leg_pain_before": 4,
        "leg_pain_after": 2,
        "exercises": ["knee-rolls", "bird-dog"],
        "note": 'stiff, "then" better\nsecond line ✓',
    }


def test_log_defaults_the_start_time_to_now_minus_the_minutes(run) -> None:
    run("log", "-m", "30", ok=True)
    (only,) = logged(run)
    assert only["time"] == "18:15"
    assert only["pain_before"] is None
    assert only["note"] is None


def test_log_yesterday_and_a_past_date_have_no_time(run) -> None:
    run("log", "-m", "10", "--date", "yesterday", ok=True)
    run("log", "-m", "10", "--date", "2025-12-31", ok=True)
    assert [(s["date"], s["time"]) for s in logged(run)] == [
        ("2026-03-09", None),
        ("2025-12-31", None),
    ]


def test_log_plan_records_todays_plan(run) -> None:
    plan = json.loads(run("today", "--json", "-m", "20", "-p", "4", "-e", "chair", ok=True).stdout)
    run("log", "--plan", "-m", "20", "--pain", "4", "-e", "chair", "--pain-after", "2", ok=True)
    (only,) = logged(run)
    assert only["exercises"] == [e["id"] for e in plan["exercises"]]
    assert only["minutes"] == plan["total_minutes"]
    assert (only["pain_before"], only["pain_after"]) == (4, 2)


def test_unknown_exercise_is_kept_with_one_warning(run) -> None:
    result = run("log", "-m", "10", "-x", "my-stretch", ok=True)
    assert result.stderr.strip().splitlines() == [
        "movecoach: warning: 'my-stretch' is not in the catalogue; logged as you wrote it"
    ]
    assert logged(run)[0]["exercises"] == ["my-stretch"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log"], "give --minutes"),
        (["log", "-m", "0"], "--minutes must be a whole number from 1 to 600"),
        (["log", "-m", "601"], "--minutes must be a whole number from 1 to 600"),
        (["log", "-m", "ten"], "--minutes"),
        (["log", "-m", "10", "--pain-before", "14"], "--pain-before"),
        (["log", "-m", "10", "--pain-after", "-2"], "--pain-after"),
        (["log", "-m", "10", "--date", "tomorrow"], "--date must be YYYY-MM-DD"),
        (["log", "-m", "10", "--date", "2026-03-11"], "is in the future"),
        (["log", "-m", "10", "--date", "2026-02-30"], "--date must be YYYY-MM-DD"),
        (["log", "-m", "10", "--time", "7pm"], "--time must be HH:MM"),
        (["log", "-m", "10", "--time", "25:00"], "--time must be HH:MM"),
        (["log", "-m", "10", "--note", "x" * 1001], "keep it to 1000"),
        (["log", "--plan", "-m", "200"], "with --plan, --minutes is the time you had"),
        (["log", "--plan", "-x", "bird-dog"], "leave out --exercise"),
        (["log", "-m", "10", "-e", "chair"], "use it with --plan"),
        (["log", "-m", "10", "--pain", "3", "--pain-before", "4"], "disagree"),
        (["sessions", "--limit", "-1"], "--limit"),
        (["sessions", "--since", "last week"], "--since must be YYYY-MM-DD"),
        (["delete"], "Missing argument"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(
    run, home: Path, args: list[str], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert not (home / "log").exists()


def test_sessions_newest_first_with_since_and_limit(run, home: Path) -> None:
    seed(home, *(session(f"2026-03-0{n}", minutes=n) for n in range(1, 10)))
    seed(home, session("2025-06-01"))
    everything = logged(run)
    assert [s["date"] for s in everything][:3] == ["2026-03-09", "2026-03-08", "2026-03-07"]
    assert everything[-1]["date"] == "2025-06-01"
    limited = json.loads(run("sessions", "--json", "--limit", "2", ok=True).stdout)
    assert [s["minutes"] for s in limited] == [9, 8]
    since = json.loads(run("sessions", "--json", "--since", "2026-03-07", ok=True).stdout)
    assert [s["minutes"] for s in since] == [9, 8, 7]
    text = run("sessions", ok=True).stdout
    assert "2026-03-09" in text
    assert everything[0]["id"] in text


def test_sessions_on_an_empty_log_creates_nothing(run, home: Path) -> None:
    assert json.loads(run("sessions", "--json", ok=True).stdout) == []
    assert "No sessions logged yet" in run("sessions", ok=True).stdout
    assert not home.exists()


def test_undo_removes_the_last_logged_session(run, home: Path) -> None:
    run("log", "-m", "10", "--date", "2026-03-09", ok=True)
    run("log", "-m", "20", "--date", "2025-12-30", ok=True)  # logged last, dated earlier
    result = run("undo", "--yes", ok=True)
    assert "2025" in result.stdout
    assert "Removed." in result.stdout
    assert [s["minutes"] for s in logged(run)] == [10]


def test_undo_without_a_terminal_or_yes_refuses(run, home: Path) -> None:
    run("log", "-m", "10", ok=True)
    before = (home / "log" / "2026.toml").read_bytes()
    result = run("undo")
    assert result.exit_code == 2
    assert "add --yes" in result.stderr
    assert (home / "log" / "2026.toml").read_bytes() == before


def test_undo_on_an_empty_log(run) -> None:
    result = run("undo", "--yes")
    assert result.exit_code == 2
    assert "nothing to undo" in result.stderr


def test_delete_by_id(run, home: Path) -> None:
    keep, drop = session("2026-03-01"), session("2026-03-02")
    seed(home, keep, drop)
    run("delete", drop.id, "--yes", ok=True)
    assert [s["id"] for s in logged(run)] == [keep.id]
    result = run("delete", drop.id, "--yes")
    assert result.exit_code == 2
    assert f"no session, check-in, rest, flare or pain day with id '{drop.id}'" in result.stderr


BROKEN = {
    "bad TOML": "[[session]]\nid = 'x'\ndate = 2026-03-01\nminutes = = 3\n",
    "pain of 14": "[[session]]\nid = 'x'\ndate = 2026-03-01\nminutes = 10\npain_after = 14\n",
    "missing date": "[[session]]\nid = 'x'\nminutes = 10\n",
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_reported_and_never_changed(run, home: Path, case: str) -> None:
    folder = home / "log"
    folder.mkdir(parents=True)
    path = folder / "2026.toml"
    path.write_text(BROKEN[case])
    original = path.read_bytes()
    for args in (
        ["log", "-m", "10"],
        ["log", "-m", "10", "--date", "2025-05-05"],  # even another year's file waits
        ["undo", "--yes"],
        ["delete", "x", "--yes"],
        ["sessions"],
        ["streak", "--json"],
        ["history"],
        [],
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (args, result.stderr)
        assert str(path) in lines[0]
        assert "line" in lines[0]
        assert path.read_bytes() == original
    assert not (folder / "2025.toml").exists()


def test_a_broken_old_year_stops_every_reader(run, home: Path) -> None:
    seed(home, session("2026-03-01"))
    (home / "log" / "2019.toml").write_text("[[session]]\nid = 'old'\ndate = 2019-01-01\n")
    for args in (["sessions", "--limit", "1"], ["trend"], ["calendar"], [], ["streak"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "2019.toml" in result.stderr


def test_log_plan_with_leg_pain_logs_a_plan_with_a_nerve_slider(run) -> None:
    run("log", "--plan", "-m", "10", "-p", "3", "--leg-pain", "3", "--leg-pain-after", "2", ok=True)
    (only,) = logged(run)
    assert (only["leg_pain_before"], only["leg_pain_after"]) == (3, 2)
    assert {"seated-sciatic-nerve-slider", "lying-sciatic-nerve-slider"} & set(only["exercises"])


# --- guard rails ------------------------------------------------------------------------------


def test_more_than_three_hours_needs_a_yes_without_a_terminal(run, home: Path) -> None:
    refused = run("log", "-m", "300")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "movecoach: log asks before recording more than 180 min; add --yes to run it here\n"
    )
    assert not home.exists()
    run("log", "-m", "180", ok=True)  # three hours exactly is not asked about
    run("log", "-m", "300", "--yes", ok=True)
    assert sorted(s["minutes"] for s in logged(run)) == [180, 300]


def test_more_than_three_hours_is_asked_about_on_a_terminal(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)
    result = run("log", "-m", "240", input="n\n", ok=True)
    assert "240 minutes is more than 3 hours" in result.stdout
    assert "Nothing logged." in result.stdout
    assert not home.exists()
    run("log", "-m", "240", input="y\n", ok=True)
    assert [s["minutes"] for s in logged(run)] == [240]


def test_logging_the_same_plan_twice_in_a_day_is_questioned(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("log", "--plan", "-m", "10", "-p", "2", ok=True)
    assert first.stderr == ""
    again = run("log", "--plan", "-m", "10", "-p", "2", ok=True)  # no terminal: logs, warns
    assert again.stderr == (
        "movecoach: warning: Tue 10 Mar 2026 already has a session of this plan; logged it again\n"
    )
    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)
    asked = run("log", "--plan", "-m", "10", "-p", "2", input="n\n", ok=True)
    assert "already has a session of this plan. Log it again?" in asked.stdout
    assert "Nothing logged." in asked.stdout
    assert len(logged(run)) == 2
    other_day = run("log", "--plan", "-m", "10", "-p", "2", "--date", "yesterday", ok=True)
    assert "Logged" in other_day.stdout  # another day: not asked


def test_edit_of_more_than_three_hours_needs_a_yes_too(run, home: Path) -> None:
    seed(home, session("2026-03-05"))
    (only,) = logged(run)
    refused = run("edit", only["id"], "-m", "200")
    assert refused.exit_code == 2
    assert "add --yes" in refused.stderr
    run("edit", only["id"], "-m", "200", "--yes", ok=True)
    assert logged(run)[0]["minutes"] == 200
