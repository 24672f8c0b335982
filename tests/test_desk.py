"""Desk breaks: which exercises suit a desk (the one rule, and its switch to the `desk` tag),
the break's plan, and `movecoach break` end to end with a fake clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from movecoach import cli
from movecoach.core import desk
from movecoach.errors import InputError
from movecoach.store.catalogue import load_bundled

from .factories import seed, session
from .test_start import FakeTime, fake_time  # noqa: F401 - the fixture

TODAY = dt.date(2026, 3, 10)
CATALOGUE = load_bundled()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 11, 5, 31))


def upright_and_short(exercise: object) -> bool:
    return (
        getattr(exercise, "position", None) in ("standing", "sitting")
        and set(getattr(exercise, "equipment", ())) <= {"chair"}
        and getattr(exercise, "minutes", 99) <= 3
    )


def test_the_catalogues_desk_set_with_a_chair_at_most() -> None:
    chosen = desk.desk_exercises(CATALOGUE)
    assert len(chosen) >= 6
    assert all("desk" in e.tags and upright_and_short(e) for e in chosen)
    ids = {e.id for e in chosen}
    assert {"seated-twist", "stand-up-break"} <= ids
    assert "band-pull-apart" not in ids, "no band at a desk"
    assert not {"knee-rolls", "bridge", "easy-walk", "cat-camel"} & ids


def test_without_tags_a_desk_move_is_short_upright_mobility_or_stretch() -> None:
    chosen = desk.desk_exercises([dataclasses.replace(e, tags=()) for e in CATALOGUE])
    assert len(chosen) >= 6
    for exercise in chosen:
        assert upright_and_short(exercise)
        assert exercise.category in ("mobility", "stretch")
    assert not {"knee-rolls", "bridge", "easy-walk", "cat-camel"} & {e.id for e in chosen}


def test_once_exercises_are_tagged_only_the_desk_ones_are_chosen() -> None:
    move = {"position": "standing", "equipment": (), "minutes": 2, "category": "strength"}
    tagged = [
        SimpleNamespace(id="a", tags=("floor",), **move),
        SimpleNamespace(id="b", tags=("desk", "standing"), **move),
        SimpleNamespace(id="c", tags=("desk",), **move),
        SimpleNamespace(id="d", tags=("desk",), **(move | {"equipment": ("band",)})),
    ]
    assert [e.id for e in desk.desk_exercises(tagged)] == ["b", "c"]  # type: ignore[arg-type]


@pytest.mark.parametrize("minutes", [1, 2, 3, 4, 5])
def test_a_break_fills_its_minutes_standing_moves_first(minutes: int) -> None:
    plan = desk.break_plan(CATALOGUE, minutes, TODAY)
    assert plan.total_minutes == minutes
    positions = [item.exercise.position for item in plan.items]
    assert positions == sorted(positions, key=lambda p: p != "standing")
    assert all(item.minutes >= 1 for item in plan.items)
    assert desk.break_plan(CATALOGUE, minutes, TODAY) == plan, "the same for the same turn"


def test_each_break_of_a_day_moves_differently() -> None:
    firsts = [desk.break_plan(CATALOGUE, 3, TODAY, turn).exercise_ids for turn in range(3)]
    assert len(set(firsts)) == 3


@pytest.mark.parametrize("minutes", [0, 6])
def test_a_break_is_1_to_5_minutes(minutes: int) -> None:
    with pytest.raises(InputError, match="1 to 5 minutes"):
        desk.break_plan(CATALOGUE, minutes, TODAY)


def test_a_catalogue_without_desk_exercises_is_refused() -> None:
    floor = [dataclasses.replace(e, position="lying") for e in CATALOGUE]
    with pytest.raises(InputError, match="no desk exercises"):
        desk.break_plan(floor, 3, TODAY)


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
