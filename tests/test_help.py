"""`movecoach flare` and `movecoach learn` (commands/help.py): help beyond a session, read from
the bundled files and the settings, never written anywhere. What the flare routine holds is
core/flare.py's (test_flare.py); which tip a day shows, core/tips.py's (test_tips.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core import flare
from movecoach.store.catalogue import load_sources, load_tips

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


def words(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize(
    ("country", "said", "not_said"),
    [("DE", "call 112 or go to A&E now", "999 in the UK"), ("AU", "call 000 or go", "911")],
)
def test_flare_names_the_emergency_number_of_the_country_setting(
    run, country: str, said: str, not_said: str
) -> None:
    text = words(run("flare", ok=True).stdout)
    assert "999 in the UK, 911 in North America" in text  # no country: the common ones
    run("config", "set", "country", country, ok=True)
    text = words(run("flare", ok=True).stdout)
    assert said in text
    assert not_said not in text


def test_flare_json_advice_is_the_advice_and_sources_come_in_full(run) -> None:
    data = json.loads(run("flare", "--json", ok=True).stdout)
    assert [p["heading"] for p in data["advice"]] == [p.heading for p in flare.ADVICE]
    sources = load_sources()
    assert data["sources"] == [sources[key].as_dict() for key in flare.SOURCES]
    for exercise in data["routine"]["exercises"]:
        assert exercise["minutes"] >= 1


def test_flare_leaves_the_users_own_exercises_out(run, home: Path) -> None:
    home.mkdir()
    (home / "exercises.toml").write_text(
        """
[[exercise]]
id = "my-bed-stretch"
name = "My bed stretch"
category = "mobility"
position = "lying"
equipment = []
minutes = 1
dose = "5 slow"
max_pain = 10
steps = ["Lie down.", "Stretch."]
caution = "Gently."
benefit = "Mine."
tags = ["in-bed"]
"""
    )
    assert "My bed stretch" in run("exercises", ok=True).stdout  # the catalogue has it
    routine = json.loads(run("flare", "--json", ok=True).stdout)["routine"]
    assert "my-bed-stretch" not in [e["id"] for e in routine["exercises"]]


def test_flare_and_learn_take_no_arguments(run) -> None:
    for command in ("flare", "learn"):
        result = run(command, "now")
        assert result.exit_code == 2
        assert result.stderr == "movecoach: Got unexpected extra argument(s) (now)\n"
        assert result.stdout == ""


def test_learn_numbers_every_tip_in_the_files_order(run, home: Path) -> None:
    tips = load_tips()
    out = run("learn", ok=True).stdout
    assert out.startswith(f"{len(tips)} things worth knowing about back pain\n")
    text = words(out)
    positions = [text.index(f"{n}. {tip.text}") for n, tip in enumerate(tips, 1)]
    assert positions == sorted(positions)
    assert not home.exists(), "learn only reads"
