"""`movecoach config`: list, get, set, unset and path, end to end through the CLI."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from movecoach.store import settings as config


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["config", "set", "minutes", "100"], "minutes must be a whole number from 5 to 90"),
        (["config", "set", "minutes", "ten"], "minutes must be a whole number"),
        (["config", "set", "colour", "red"], "unknown setting 'colour'"),
        (["config", "get", "colour"], "unknown setting 'colour'"),
        (["config", "unset", "colour"], "unknown setting 'colour'"),
        (["config", "set", "equipment", "chair,rope"], "equipment must be a list from"),
        (["config", "set", "adaptive", "maybe"], "adaptive must be true or false"),
        (["config", "set", "goal_minutes", "10"], "goal_minutes must be a whole number from 30"),
        (["config", "set", "week_start", "friday"], "week_start must be monday or sunday"),
        (["config", "set", "avoid", "floor,Bird Dog!"], "avoid must be a list of tags"),
        (["config", "set", "direction", "sideways"], "direction must be none or extension"),
    ],
)
def test_bad_values_on_the_command_line(run, home: Path, args, message) -> None:
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("movecoach: ")
    assert message in lines[0]
    assert not (home / "config.toml").exists()


def test_config_lists_values_and_sources(run, home: Path) -> None:
    run("config", "set", "minutes", "25", ok=True)
    run("config", "set", "equipment", "chair, band", ok=True)
    data = json.loads(run("config", "--json", ok=True).stdout)
    rows = {row["key"]: row for row in data["settings"]}
    assert set(rows) == {s.name for s in config.SETTINGS}
    assert (rows["minutes"]["value"], rows["minutes"]["source"]) == (25, "file")
    assert rows["equipment"]["value"] == ["band", "chair"]
    assert (rows["goal_days"]["value"], rows["goal_days"]["source"]) == (5, "default")
    text = run("config", ok=True).stdout
    assert "minutes" in text
    assert "file" in text
    assert "default" in text
    assert run("config", "get", "equipment", ok=True).stdout == "band, chair\n"
    assert run("config", "path", ok=True).stdout.strip() == str(home / "config.toml")
    assert stat.S_IMODE((home / "config.toml").stat().st_mode) == 0o600


def test_avoid_direction_and_strength_goal_have_defaults_and_take_words(run, home) -> None:
    data = json.loads(run("config", "--json", ok=True).stdout)
    rows = {row["key"]: row["value"] for row in data["settings"]}
    assert (rows["avoid"], rows["direction"], rows["goal_strength_days"]) == ([], "none", 2)
    assert run("config", "set", "avoid", "floor, kneeling bird-dog floor", ok=True)
    assert run("config", "get", "avoid", ok=True).stdout == "floor, kneeling, bird-dog\n"
    assert 'avoid = ["floor", "kneeling", "bird-dog"]' in (home / "config.toml").read_text()
    run("config", "set", "direction", "Extension", ok=True)
    loaded = config.load(home / "config.toml")
    assert (loaded.avoid, loaded.direction) == (("floor", "kneeling", "bird-dog"), "extension")
    run("config", "set", "avoid", "none", ok=True)
    assert run("config", "get", "avoid", ok=True).stdout == "none\n"


@pytest.mark.usefixtures("wide")
def test_unset_restores_the_default(run) -> None:
    run("config", "set", "goal_days", "3", ok=True)
    assert "the default" in run("config", "unset", "goal_days", ok=True).stdout
    assert run("config", "get", "goal_days", ok=True).stdout == "5\n"
    assert "already the default" in run("config", "unset", "goal_days", ok=True).stdout


def test_reading_settings_creates_nothing(run, home: Path) -> None:
    run("config", ok=True)
    run("config", "get", "minutes", ok=True)
    assert not home.exists()
