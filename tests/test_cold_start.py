"""What a command reads: a cold start (cache deleted) parses this year's files and sets the
rest aside until needed; a new or changed file is always checked first; `check` parses only
what changed since it was last checked, unless `--full`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.store import logfile

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the log files parsed from their TOML text."""
    names: list[str] = []
    original = logfile.read

    def spy(text: str, name: str):  # type: ignore[no-untyped-def]
        names.append(Path(name).name)
        return original(text, name)

    monkeypatch.setattr(logfile, "read", spy)
    return names


def ten_years(home: Path) -> None:
    seed(home, *(session(dt.date(2017 + n, 6, 1)) for n in range(9)), session("2026-03-09"))


def test_a_cold_start_parses_only_this_years_file(run, home: Path, parsed: list[str]) -> None:
    ten_years(home)
    # An ordinary month, not a return from nine months away: pacing that return would read
    # the level before the break from last year's file (`pacing.reach`).
    seed(home, session("2026-02-20"))
    shutil.rmtree(home / "cache")
    parsed.clear()
    plan = json.loads(run("today", "--json", ok=True).stdout)
    assert plan["exercises"]
    assert parsed == ["2026.toml"]
    parsed.clear()
    run("today", "--json", ok=True)
    assert parsed == [], "the files set aside stay aside while unchanged"
    history = json.loads(run("history", "--json", "--weeks", "520", ok=True).stdout)
    assert sum(w["sessions"] for w in history["weeks"]) == 11, "read when a command needs them"
    assert sorted(parsed) == [f"{2017 + n}.toml" for n in range(9)]


def test_a_new_or_changed_file_is_checked_before_anything_runs(run, home: Path) -> None:
    ten_years(home)
    run("today", "--json", ok=True)
    (home / "log" / "2019.toml").write_text("[[session]]\nid = 'x'\n")
    result = run("today", "--json")
    assert result.exit_code == 2
    assert "2019.toml" in result.stderr


def test_check_parses_only_what_changed_unless_full(run, home: Path, parsed: list[str]) -> None:
    ten_years(home)
    run("history", ok=True)  # every file read and cached
    parsed.clear()
    assert run("check", ok=True).stdout.count("ok") >= 3
    assert parsed == []
    (home / "log" / "2018.toml").write_text((home / "log" / "2018.toml").read_text() + "\n")
    run("check", ok=True)
    assert parsed == ["2018.toml"]
    parsed.clear()
    run("check", "--full", ok=True)
    assert len(parsed) == 10
    assert not list((home / "cache").glob("*.tmp"))


def test_a_broken_file_set_aside_is_found_by_check(run, home: Path) -> None:
    ten_years(home)
    shutil.rmtree(home / "cache")
    run("today", "--json", ok=True)  # sets 2017-2025 aside unread
    result = run("check", "--full")
    assert result.exit_code == 0
    (home / "log" / "2017.toml").write_text("[[session]\n")
    checked = run("check")
    assert checked.exit_code == 2
    assert "2017.toml" in checked.stdout
