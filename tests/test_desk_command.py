"""`movecoach break` (commands/desk.py) end to end with a fake clock: the dry run, a guided
break logged as a session, --no-log, a broken log, plain lines, and the refusals; which
exercises a break holds is core/desk.py's, tested in test_desk.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core import desk
from movecoach.store.catalogue import load_bundled

from .factories import seed, session
from .test_start import FakeTime, fake_time  # noqa: F401 - the fixture

TODAY = dt.date(2026, 3, 10)
CATALOGUE = load_bundled()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 11, 5, 31))


def test_break_dry_run_shows_the_moves(run, home: Path) -> None:
    plan = desk.break_plan(CATALOGUE, 3, TODAY)
    out = run("break", "--dry-run", ok=True).stdout
    assert out.startswith("Desk break, Tue 10 Mar 2026")
    for number, item in enumerate(plan.items, 1):
        assert f"{number}. {item.exercise.name}" in out
    assert "rest" not in out
    assert not home.exists()


def test_break_guides_then_logs_a_session(run, home: Path, fake_time: FakeTime) -> None:  # noqa: F811
    seed(home, session("2026-03-09"))
    result = run("break", "--no-input", "-m", "2", ok=True)
    assert "Desk break: " in result.stdout
    assert "Session over" in result.stdout
    assert fake_time.now - 100 == pytest.approx(120, abs=1)
    newest = json.loads(run("sessions", "--json", ok=True).stdout)[0]
    assert (newest["date"], newest["time"], newest["minutes"]) == ("2026-03-10", "11:05", 2)
    assert newest["note"] == "desk break"
    assert "Streak: 2 days" in result.stdout


def test_break_no_log_writes_nothing(run, home: Path, fake_time: FakeTime) -> None:  # noqa: F811
    result = run("break", "--no-input", "-m", "1", "--no-log", ok=True)
    assert "Not logged (--no-log)." in result.stdout
    assert not home.exists()


def test_break_refuses_a_broken_log_before_it_starts(run, home: Path, fake_time: FakeTime) -> None:  # noqa: F811
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_text("[[session]\n")
    result = run("break", "--no-input")
    assert result.exit_code == 2
    assert fake_time.slept == 0


def test_a_break_on_a_dumb_terminal_plays_in_lines_with_the_keys(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`break` plays like `start`: TERM=dumb (or --plain) means lines, no box; the keys
    still work, and a break stopped early says how to stop safely, in lines too."""
    from movecoach import cli
    from movecoach.core import guide
    from movecoach.ui import live

    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "dumb")
    played: list[str] = []

    def plain_keys(timeline: guide.Timeline, console, **options) -> guide.State:
        played.append("lines")
        return guide.begin(timeline, 0.0).tick(30.0).stop(30.0)

    monkeypatch.setattr(live, "run_plain_keys", plain_keys)
    result = run("break", "-m", "1", "--no-log", ok=True)
    assert played == ["lines"]
    assert "Desk break: " in result.stdout
    assert "Keys: space pauses and resumes, n goes on to the next exercise" in result.stdout
    assert "Stopped early" in result.stdout
    assert "╭" not in result.stdout  # no box to read out
    assert "go to A&E now" in " ".join(result.stdout.split())


@pytest.mark.parametrize("minutes", ["0", "6", "three"])
def test_a_break_is_1_to_5_minutes_on_the_command_line(run, home: Path, minutes: str) -> None:
    result = run("break", "--dry-run", "-m", minutes)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("movecoach: ")
    assert "--minutes" in line
    assert not home.exists()


def test_the_next_break_of_a_day_moves_differently(run, home: Path) -> None:
    """The dry run shows what `break` would guide now: once a session is logged today, the
    next break starts from other moves (as core/desk.py's rule says for a second break)."""
    first = run("break", "--dry-run", ok=True).stdout
    expected = desk.break_plan(CATALOGUE, 3, TODAY, 1)
    seed(home, session(TODAY, minutes=3, note="desk break"))
    second = run("break", "--dry-run", ok=True).stdout
    assert second != first
    for number, item in enumerate(expected.items, 1):
        assert f"{number}. {item.exercise.name}" in second
