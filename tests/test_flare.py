"""The flare plan: its advice, the pure rule that picks the 5-minute routine, `movecoach flare`
and `movecoach start --flare`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from movecoach import cli
from movecoach.core import flare
from movecoach.core.models import MAX_PAIN
from movecoach.store.catalogue import load_bundled

from .test_start import FakeTime, fake_time, logged  # noqa: F401 - fake_time is a fixture

TODAY = dt.date(2026, 3, 10)
CATALOGUE = load_bundled()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 9, 0, 0))


def advice() -> str:
    return " ".join(p.text for p in flare.ADVICE)


# --- the rule -----------------------------------------------------------------------------------


def test_the_routine_is_five_minutes_of_the_gentlest_moves_then_a_calm_close() -> None:
    plan = flare.routine(CATALOGUE, TODAY)
    assert plan.total_minutes == flare.ROUTINE_MINUTES == 5
    assert len(plan.items) == 4
    *moves, closer = [item.exercise for item in plan.items]
    assert all(e.category in ("mobility", "stretch") for e in moves)
    assert closer.category == "relaxation"
    for exercise in (*moves, closer):
        assert exercise.max_pain == MAX_PAIN
        assert not {"floor", "kneeling"} & set(exercise.tags)
        assert "in-bed" in exercise.tags or exercise.position == "sitting"
        assert not exercise.end_range
        assert exercise.category != "strength"


def test_the_routine_is_the_same_every_time() -> None:
    assert flare.routine(CATALOGUE, TODAY).items == flare.routine(CATALOGUE, TODAY).items
    assert flare.routine(CATALOGUE[::-1], TODAY).total_minutes == 5


def test_in_bed_moves_come_first_then_the_chair() -> None:
    plan = flare.routine(CATALOGUE, TODAY)
    assert all("in-bed" in item.exercise.tags for item in plan.items)
    no_bed = [
        dataclasses.replace(e, tags=tuple(t for t in e.tags if t != "in-bed")) for e in CATALOGUE
    ]
    sitting = flare.routine(no_bed, TODAY)
    assert sitting.items
    assert all(item.exercise.position == "sitting" for item in sitting.items[:-1])


def test_the_users_own_exercises_are_left_out() -> None:
    mine = [dataclasses.replace(e, source="mine.toml") for e in CATALOGUE]
    assert flare.routine(mine, TODAY).items == ()


@pytest.mark.parametrize(
    "words",
    [
        "usually settle within a few days",
        "short walks, often",
        "gentlest exercises",
        "knees bent",
        "pillow between your knees",
        "hot water bottle",
        "Cut back",
        "do not stop",
        "pharmacist",
        "lowest dose for the shortest time",
        "paracetamol on its own is not recommended",
        "See a GP or physiotherapist",
        "both legs",
        "go to A&E now",
    ],
)
def test_the_advice_covers_what_flare_plans_agree_on(words: str) -> None:
    assert words in advice()


def test_an_emergency_sign_is_not_a_flare() -> None:
    last = flare.ADVICE[-1]
    assert last.heading == "An emergency sign is not a flare"
    assert "Call 999" not in last.text  # the number comes from the country setting


# --- the command line ---------------------------------------------------------------------------


def test_flare_shows_the_advice_and_the_routine(run, home) -> None:
    text = " ".join(run("flare", ok=True).stdout.split())
    assert "In a flare-up" in text
    assert "Positions of ease" in text
    assert "5-minute routine" in text
    assert "1. Heel slides" in text
    assert "movecoach start --flare" in text
    assert "Where this comes from" in text
    assert "999 in the UK" in text
    assert not home.exists(), "flare only reads"


def test_flare_json(run) -> None:
    run("config", "set", "country", "US", ok=True)
    data = json.loads(run("flare", "--json", ok=True).stdout)
    assert set(data) == {"advice", "routine", "sources"}
    assert all(set(p) == {"heading", "text"} for p in data["advice"])
    assert "call 911 or go to A&E now" in data["advice"][-1]["text"]
    assert data["routine"]["total_minutes"] == 5
    assert [e["minutes"] for e in data["routine"]["exercises"]] == [1, 1, 1, 2]
    assert all(s["url"].startswith("https://") for s in data["sources"])


def test_start_flare_dry_run_is_the_routine(run) -> None:
    routine = json.loads(run("flare", "--json", ok=True).stdout)["routine"]
    text = run("start", "--flare", "--dry-run", ok=True).stdout
    for exercise in routine["exercises"]:
        assert exercise["name"] in text
    assert "4 exercises, 5:00 of exercise" in text


def test_start_flare_refuses_minutes_and_equipment(run) -> None:
    for extra in (["-m", "10"], ["-e", "band"]):
        result = run("start", "--flare", "--dry-run", *extra)
        assert result.exit_code == 2
        assert "--flare guides a fixed 5-minute routine" in result.stderr


def test_start_flare_guides_and_logs_the_routine(run, fake_time: FakeTime) -> None:  # noqa: F811
    routine = json.loads(run("flare", "--json", ok=True).stdout)["routine"]
    result = run("start", "--flare", "--no-input", "-p", "7", "--pain-after", "6", ok=True)
    assert "Session over" in result.stdout
    (only,) = logged(run)
    assert only["exercises"] == [e["id"] for e in routine["exercises"]]
    assert only["minutes"] == 5
    assert only["pain_before"] == 7
