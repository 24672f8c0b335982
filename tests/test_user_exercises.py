"""The user's own exercises.toml joins the catalogue, with the same checks and errors."""

from __future__ import annotations

import json
from pathlib import Path

OWN = """
[[exercise]]
id = "garden-walk"
name = "Walk round the garden"
category = "aerobic"
position = "standing"
equipment = []
minutes = 5
max_minutes = 20
dose = "slow laps"
max_pain = 8
steps = ["Walk slowly round the garden.", "Stop when you like."]
caution = "Mind the step by the door."
benefit = "Gets you moving gently."

[[exercise]]
id = "knee-rolls"
name = "My knee rolls"
category = "mobility"
position = "lying"
equipment = []
minutes = 2
dose = "6 each side"
max_pain = 10
steps = ["Lie down.", "Roll the knees gently."]
caution = "Small range."
benefit = "Eases stiffness."
"""


def write_own(home: Path, text: str = OWN) -> Path:
    home.mkdir(exist_ok=True)
    path = home / "exercises.toml"
    path.write_text(text)
    return path


def test_own_exercises_join_and_replace_with_a_notice(run, home: Path) -> None:
    path = write_own(home)
    result = run("exercises", "--json", ok=True)
    data = {e["id"]: e for e in json.loads(result.stdout)}
    assert data["garden-walk"]["user"] is True
    assert data["knee-rolls"]["name"] == "My knee rolls"
    assert data["knee-rolls"]["user"] is True
    assert data["bird-dog"]["user"] is False
    assert result.stderr.strip().splitlines() == [
        f"movecoach: note: your exercise 'knee-rolls' ({path}) replaces the bundled one"
    ]
    table = run("exercises", ok=True).stdout
    assert "(yours)" in table
    assert "from" in run("exercises", "garden-walk", ok=True).stdout


def test_own_exercises_can_be_planned_and_logged(run, home: Path) -> None:
    write_own(home)
    plan = json.loads(run("today", "--json", "-m", "30", "-p", "8", ok=True).stdout)
    ids = {e["id"] for e in plan["exercises"]}
    assert ids <= {e["id"] for e in json.loads(run("exercises", "--json", ok=True).stdout)}
    result = run("log", "-m", "10", "-x", "garden-walk", ok=True)
    assert "warning" not in result.stderr


def test_a_broken_own_file_is_named(run, home: Path) -> None:
    write_own(home, OWN.replace('category = "aerobic"', 'category = "cardio"'))
    result = run("today")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "exercises.toml" in lines[0]
    assert "'garden-walk'" in lines[0]
    assert "'category'" in lines[0]
    checked = run("check")
    assert checked.exit_code == 2
    assert "garden-walk" in checked.stdout
