"""Settings (store/settings.py): the spec, the file, and every command reading its defaults;
`movecoach config` itself is tested in test_config.py."""

from __future__ import annotations

import datetime as dt
import json
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
                (
                    config.BY_NAME["device"],
                    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,10}", fullmatch=True),
                ),
                (config.BY_NAME["log_dir"], st.text(min_size=1, max_size=20).filter(str.strip)),
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
    assert monday["goal"] == {"days": 3, "minutes": 60}
    assert monday["weeks"][0]["start"] == "2026-03-09"
    assert monday["weeks"][0]["sessions"] == 0
    run("config", "set", "week_start", "sunday", ok=True)
    sunday = json.loads(run("history", "--json", "--weeks", "1", ok=True).stdout)
    assert sunday["weeks"][0]["start"] == "2026-03-08"
    assert sunday["weeks"][0]["sessions"] == 1
    assert "This week: 1 of 3 days · 30 of 60 min" in run(ok=True).stdout


def test_adaptive_setting_and_no_adapt_flag(run, home: Path) -> None:
    seed(home, *(session(TODAY - dt.timedelta(days=d), minutes=8) for d in range(1, 15)))
    paced = json.loads(run("today", "--json", "-m", "30", ok=True).stdout)
    assert paced["total_minutes"] <= 8
    assert "Holding at about 8 min" in paced["notes"][0] or "up to" in paced["notes"][0]
    plain = json.loads(run("today", "--json", "-m", "30", "--no-adapt", ok=True).stdout)
    assert plain["total_minutes"] > 20
    assert not any("min today" in n or "Holding" in n for n in plain["notes"])
    run("config", "set", "adaptive", "false", ok=True)
    assert json.loads(run("today", "--json", "-m", "30", ok=True).stdout) == plain


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
