"""Settings: the spec, the file, `movecoach config`, and every command reading its defaults."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach import cli
from movecoach.errors import ConfigError
from movecoach.store import settings as config

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


def values_st():
    return st.one_of(
        *(
            st.tuples(st.just(s.name), strategy)
            for s, strategy in [
                (config.BY_NAME["minutes"], st.integers(5, 90)),
                (
                    config.BY_NAME["equipment"],
                    st.lists(st.sampled_from(config.EQUIPMENT), unique=True).map(sorted),
                ),
                (config.BY_NAME["week_start"], st.sampled_from(["monday", "sunday"])),
                (config.BY_NAME["goal_days"], st.integers(1, 7)),
                (config.BY_NAME["goal_minutes"], st.integers(30, 1000)),
                (config.BY_NAME["nudge_hour"], st.integers(0, 23)),
                (config.BY_NAME["inactive_days"], st.integers(1, 14)),
                (config.BY_NAME["rest_seconds"], st.integers(0, 120)),
                (config.BY_NAME["adaptive"], st.booleans()),
                (config.BY_NAME["goal_strength_days"], st.integers(0, 7)),
                (
                    config.BY_NAME["direction"],
                    st.sampled_from(["none", "extension", "flexion"]),
                ),
                (
                    config.BY_NAME["avoid"],
                    st.lists(
                        st.sampled_from([*config.TAGS, "bird-dog", "my-own-move-2"]), unique=True
                    ),
                ),
                (
                    config.BY_NAME["device"],
                    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True),
                ),
                (
                    config.BY_NAME["log_dir"],
                    st.text(min_size=1, max_size=20)
                    .map(lambda t: "/" + t.strip())
                    .filter(str.isprintable),
                ),
            ]
        )
    )


@given(st.lists(values_st(), max_size=12))
def test_round_trip_through_the_file_keeps_comments(tmp_path_factory, changes) -> None:
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_text("# my settings\nminutes = 20  # my usual\n# end\n")
    expected = {"minutes": 20}
    for key, value in changes:
        config.write(path, key, value)
        expected[key] = value
        assert config.load(path).file_values == expected
    text = path.read_text()
    assert text.startswith("# my settings\n")
    assert "# end\n" in text
    if all(key != "minutes" for key, _ in changes):
        assert "minutes = 20  # my usual\n" in text


def test_set_edits_one_line_and_keeps_the_rest_byte_for_byte(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    original = "# mine\nminutes = 20  # usual\n\ngoal_days = 4\n# trailing\n"
    path.write_text(original)
    config.write(path, "minutes", 25)
    assert path.read_text() == original.replace("minutes = 20  # usual", "minutes = 25  # usual")
    config.write(path, "goal_days", None)
    assert path.read_text() == "# mine\nminutes = 25  # usual\n\n# trailing\n"


def test_multi_line_values_are_replaced_whole(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_text('equipment = [\n  "chair",\n  "band",\n]\nminutes = 30\n')
    config.write(path, "equipment", ["wall"])
    assert path.read_text() == 'equipment = ["wall"]\nminutes = 30\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("minutes = 200\n", r"config.toml: line 1: minutes must be a whole number from 5 to 90"),
        ("\ncolour = 'red'\n", r"config.toml: line 2: unknown setting 'colour'"),
        ("adaptive = 'yes'\n", r"line 1: adaptive must be true or false"),
        ("equipment = ['rope']\n", r"line 1: equipment must be a list from chair"),
        ("week_start = 'friday'\n", r"line 1: week_start must be monday or sunday"),
        ("device = 'my laptop'\n", r"line 1: device must be a name of letters"),
        ("avoid = ['Floor!']\n", r"line 1: avoid must be a list of tags \(floor, kneeling"),
        ("avoid = 'floor'\n", r"line 1: avoid must be a list of tags"),
        ("direction = 'backwards'\n", r"line 1: direction must be none or extension or flexion"),
        ("goal_strength_days = 8\n", r"line 1: goal_strength_days must be a whole number from 0"),
        ("minutes = = 3\n", r"config.toml: does not parse \(.*line 1"),
    ],
)
def test_bad_files_name_file_line_and_key_and_are_never_written(
    run, home: Path, text: str, message: str
) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        config.load(path)
    for args in (["config", "set", "goal_days", "3"], ["config", "unset", "minutes"], ["today"]):
        result = run(*args)
        assert result.exit_code == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert "config.toml" in lines[0]
    assert path.read_text() == text
    checked = run("check")
    assert checked.exit_code == 2
    assert "config.toml" in checked.stdout


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


def test_the_tags_settings_knows_are_the_catalogues() -> None:
    from movecoach.core.models import TAGS

    assert config.TAGS == TAGS


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


def test_commands_take_their_defaults_from_settings_and_flags_win(run, home: Path) -> None:
    run("config", "set", "minutes", "25", ok=True)
    run("config", "set", "equipment", "chair", ok=True)
    run("config", "set", "adaptive", "false", ok=True)
    plan = json.loads(run("today", "--json", ok=True).stdout)
    assert (plan["minutes"], plan["equipment"]) == (25, ["chair"])
    flagged = json.loads(run("today", "--json", "-m", "10", "-e", "none", ok=True).stdout)
    assert (flagged["minutes"], flagged["equipment"]) == (10, [])


def test_goal_and_week_start_shape_history(run, home: Path) -> None:
    seed(home, session("2026-03-08", minutes=30))  # a Sunday
    run("config", "set", "goal_days", "3", ok=True)
    run("config", "set", "goal_minutes", "60", ok=True)
    monday = json.loads(run("history", "--json", "--weeks", "1", ok=True).stdout)
    assert monday["goal"] == {"days": 3, "minutes": 60, "strength_days": 2}
    assert monday["weeks"][0]["start"] == "2026-03-09"
    assert monday["weeks"][0]["sessions"] == 0
    run("config", "set", "week_start", "sunday", ok=True)
    sunday = json.loads(run("history", "--json", "--weeks", "1", ok=True).stdout)
    assert sunday["weeks"][0]["start"] == "2026-03-08"
    assert sunday["weeks"][0]["sessions"] == 1
    assert "This week: 1 of 3 days · 30 of 60 active min" in run(ok=True).stdout
    run("config", "set", "goal_strength_days", "0", ok=True)
    assert json.loads(run("history", "--json", ok=True).stdout)["goal"]["strength_days"] == 0


def test_adaptive_setting_and_no_adapt_flag(run, home: Path) -> None:
    """Pacing works within the `minutes` setting; a `--minutes` flag is an explicit ask that
    pacing does not shorten (it adds one caution instead)."""
    seed(home, *(session(TODAY - dt.timedelta(days=d), minutes=8) for d in range(1, 15)))
    run("config", "set", "minutes", "30", ok=True)
    paced = json.loads(run("today", "--json", ok=True).stdout)
    assert paced["total_minutes"] <= 8
    assert "Holding at about 8 min" in paced["notes"][0] or "up to" in paced["notes"][0]
    asked = json.loads(run("today", "--json", "-m", "30", ok=True).stdout)
    assert 29 <= asked["total_minutes"] <= 30
    assert sum("risk a flare" in note for note in asked["notes"]) == 1
    plain = json.loads(run("today", "--json", "--no-adapt", ok=True).stdout)
    assert plain["total_minutes"] > 20
    assert not any("min today" in n or "Holding" in n for n in plain["notes"])
    run("config", "set", "adaptive", "false", ok=True)
    assert json.loads(run("today", "--json", ok=True).stdout) == plain


def test_start_rests_for_the_rest_seconds_setting_unless_told(run) -> None:
    run("config", "set", "rest_seconds", "40", ok=True)
    assert "0:40  rest" in run("start", "--dry-run", "-m", "10", "-p", "2", ok=True).stdout
    flagged = run("start", "--dry-run", "-m", "10", "-p", "2", "--rest", "5", ok=True).stdout
    assert "0:05  rest" in flagged


def test_report_weeks_follow_week_start(run, home: Path) -> None:
    seed(home, session("2026-03-08", minutes=30))  # a Sunday
    run("config", "set", "week_start", "sunday", ok=True)
    text = run("report", "--weeks", "1", ok=True).stdout
    assert "| Sun 8 Mar 2026 (so far) | 1 |" in text


def test_settings_are_read_once_a_command(run, monkeypatch) -> None:
    run("config", "set", "goal_days", "3", ok=True)
    reads = []
    original = config.load
    monkeypatch.setattr(
        config, "load", lambda path, *more: reads.append(path) or original(path, *more)
    )
    assert json.loads(run("history", "--json", ok=True).stdout)["goal"]["days"] == 3
    assert len(reads) == 1
    run("config", "set", "goal_days", "4", ok=True)
    assert json.loads(run("history", "--json", ok=True).stdout)["goal"]["days"] == 4


def test_avoid_leaves_exercises_out_and_names_a_word_it_does_not_know(run) -> None:
    run("config", "set", "avoid", "floor,kneeling,bird-dog,no-such-move", ok=True)
    result = run("today", "--json", "-m", "30", ok=True)
    plan = json.loads(result.stdout)
    for exercise in plan["exercises"]:
        assert not {"floor", "kneeling"} & set(exercise["tags"])
        assert exercise["id"] != "bird-dog"
    assert any(note.startswith("Left out by your avoid setting") for note in plan["notes"])
    assert "avoid setting names 'no-such-move', which is neither a tag nor an exercise" in (
        result.stderr
    )


def test_direction_setting_brings_its_moves_and_says_so(run) -> None:
    run("config", "set", "direction", "extension", ok=True)
    plan = json.loads(run("today", "--json", "-m", "15", "-p", "5", ok=True).stdout)
    assert any("extension" in e["tags"] for e in plan["exercises"])
    assert sum("direction = extension" in note for note in plan["notes"]) == 1


def test_help_shows_the_users_own_defaults(run, home: Path) -> None:
    def option_help(command: str, option: str) -> str:
        text = run(command, "--help", ok=True).stdout
        block = text.split(option, 1)[1].split("\n  -", 1)[0]
        return " ".join(block.split())

    assert "[default: 15]" in option_help("today", "--minutes")
    assert "[default: none]" in option_help("today", "--equipment")
    run("config", "set", "minutes", "20", ok=True)
    run("config", "set", "equipment", "chair,band", ok=True)
    run("config", "set", "rest_seconds", "30", ok=True)
    assert "[default: 20, from your settings]" in option_help("today", "--minutes")
    assert "[default: 20, from your settings]" in option_help("start", "--minutes")
    assert "[default: band, chair, from your settings]" in option_help("today", "--equipment")
    assert "[default: 30, from your settings]" in option_help("start", "--rest")
    assert "[default with --plan: 20, from your settings]" in option_help("log", "--minutes")
    (home / "config.toml").write_text("minutes = 'lots'\n")  # broken: help still helps
    assert "[default: 15]" in option_help("today", "--minutes")
