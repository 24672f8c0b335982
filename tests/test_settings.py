"""Settings (store/settings.py): the spec, the file, and every command reading its defaults;
`movecoach config` itself is tested in test_config.py."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
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


# --- the spec table: typed words, limits, how values are written and shown ------------------------


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


def test_the_tags_settings_knows_are_the_catalogues() -> None:
    from movecoach.core.models import TAGS

    assert config.TAGS == TAGS


@pytest.mark.parametrize("word", ["true", "TRUE", " Yes ", "yes", "on", "ON", "1"])
def test_yes_words_turn_a_switch_on(word: str) -> None:
    assert config.spec("adaptive").parse(word) is True


@pytest.mark.parametrize("word", ["false", "False", "no", "NO", "off", "OFF", "0"])
def test_no_words_turn_a_switch_off(word: str) -> None:
    assert config.spec("adaptive").parse(word) is False


@pytest.mark.parametrize("word", ["maybe", "2", "", "y"])
def test_other_words_are_not_a_switch(word: str) -> None:
    with pytest.raises(ValueError, match=f"adaptive must be true or false, got {word!r}"):
        config.spec("adaptive").parse(word)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("chair band", ["band", "chair"]),
        ("Chair, BAND,,", ["band", "chair"]),
        ("none", []),
        ("NONE", []),
        ("chair none", ["chair"]),
        ("", []),
    ],
)
def test_equipment_words_are_split_on_commas_and_spaces(text: str, value: list[str]) -> None:
    assert config.spec("equipment").parse(text) == value


@pytest.mark.parametrize(("text", "value"), [(" 25 ", 25), ("5", 5), ("90", 90)])
def test_whole_numbers_in_ascii_digits(text: str, value: int) -> None:
    assert config.spec("minutes").parse(text) == value


@pytest.mark.parametrize("text", ["4", "91", "+25", "2.5", "\u0662\u0665", "1_0", ""])
def test_other_numbers_are_refused_with_the_limits(text: str) -> None:
    with pytest.raises(ValueError, match="minutes must be a whole number from 5 to 90, got "):
        config.spec("minutes").parse(text)


@pytest.mark.parametrize(("key", "low"), [("rest_seconds", 0), ("nudge_hour", 0), ("goal_days", 1)])
def test_the_lowest_value_of_a_range_is_allowed(key: str, low: int) -> None:
    setting = config.spec(key)
    assert setting.check(low) == low
    assert setting.check(setting.high) == setting.high
    with pytest.raises(ValueError, match=f"from {low} to {setting.high}"):
        setting.check(low - 1)
    with pytest.raises(ValueError, match="got True"):
        setting.check(True)


@pytest.mark.parametrize("value", ["", "   ", 3, None, "relative/sync"])
def test_a_folder_must_be_named(value: object) -> None:
    with pytest.raises(ValueError, match="log_dir must be an absolute folder path"):
        config.spec("log_dir").check(value)
    assert config.spec("log_dir").check("~/sync") == "~/sync"


@pytest.mark.parametrize(
    ("name", "valid"),
    [("laptop", True), ("a" * 40, True), ("a" * 41, False), ("", False), ("-x", False),
     ("_x", False), ("x-_1", True), ("my laptop", False), ("é", False)],
)  # fmt: skip
def test_device_names(name: str, valid: bool) -> None:
    assert config.valid_device(name) is valid


@pytest.mark.parametrize(
    ("key", "value", "toml", "shown"),
    [
        ("adaptive", True, "true", "true"),
        ("adaptive", False, "false", "false"),
        ("minutes", 25, "25", "25"),
        ("equipment", ["band", "chair"], '["band", "chair"]', "band, chair"),
        ("equipment", [], "[]", "none"),
        ("week_start", "sunday", '"sunday"', "sunday"),
        ("log_dir", 'C:\\my "logs"', '"C:\\\\my \\"logs\\""', 'C:\\my "logs"'),
        ("device", None, None, ""),
    ],
)
def test_values_are_written_as_toml_and_shown_as_words(
    key: str, value: object, toml: str | None, shown: str
) -> None:
    setting = config.spec(key)
    if toml is not None:
        assert setting.toml(value) == toml
        assert tomllib.loads(f"v = {toml}")["v"] == value
    assert setting.show(value) == shown


def test_every_setting_says_what_it_allows() -> None:
    assert config.spec("minutes").describe() == "a whole number from 5 to 90"
    assert config.spec("week_start").describe() == "monday or sunday"
    assert config.spec("adaptive").describe() == "true or false"
    with pytest.raises(ConfigError, match="unknown setting 'colour'; the settings are: minutes, "):
        config.spec("colour")


def test_settings_are_read_only_and_know_their_source() -> None:
    settings = config.Settings("/x/config.toml", {"minutes": 25, "equipment": ["chair"]})
    assert (settings.minutes, settings.equipment, settings.goal_days) == (25, ("chair",), 5)
    assert settings.value("equipment") == ["chair"]
    assert settings.value("goal_days") == 5
    assert (settings.source("minutes"), settings.source("goal_days")) == ("file", "default")
    assert settings.first_weekday == 0
    assert config.Settings("p", {"week_start": "sunday"}).first_weekday == 6
    with pytest.raises(AttributeError, match="settings are read-only: minutes"):
        settings.minutes = 30  # type: ignore[misc]


# --- editing the file: comments, quotes and odd layouts stay ------------------------------------


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("minutes = 20", None),
        ("minutes = 20  # usual", 14),
        ("log_dir = 'a#b'  # mine", 17),
        ('log_dir = "a#b"', None),
        ('log_dir = "a\\"#b" # c', 18),
        ("log_dir = 'a\\'#b' # c", 14),  # no escapes in a literal string: it ends at \\'
        ('log_dir = "a\\\\" # c', 16),
        ("# all comment", 0),
        ('x = "it\'s" # c', 11),
        ('x = "" # c', 7),
        ("X = 1  # c", 7),
    ],
)
def test_a_comment_starts_at_a_hash_outside_quotes(line: str, start: int | None) -> None:
    assert config._comment_start(line) == start


def test_setting_a_key_keeps_its_comment_and_a_hash_inside_its_value(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_text('log_dir = "/a#b"  # where my log is\n  goal_days = 4 # weekly\n')
    config.write(path, "log_dir", "/c")
    config.write(path, "goal_days", 3)
    assert path.read_text() == 'log_dir = "/c"  # where my log is\n  goal_days = 3  # weekly\n'


def test_a_quoted_key_is_found_to_edit_and_to_name_its_line(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_text('# mine\n"minutes" = 20\n')
    config.write(path, "minutes", 30)
    assert path.read_text() == "# mine\nminutes = 30\n"
    path.write_text('# mine\n"minutes" = 200\n')
    with pytest.raises(ConfigError, match=r"config.toml: line 2: minutes must be"):
        config.load(path)


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("minutes = 20", "minutes = 20\ngoal_days = 3\n"),
        ("minutes = 20\n", "minutes = 20\ngoal_days = 3\n"),
        ("", "goal_days = 3\n"),
    ],
)
def test_a_new_key_goes_on_a_line_of_its_own_at_the_end(text: str, after: str) -> None:
    assert config.edited(text, "goal_days", 3) == after
    assert config.edited(text, "goal_days", None) == text  # nothing to remove


def test_a_config_file_that_is_not_utf8_is_named(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_bytes(b"minutes = 20 # caf\xe9\n")
    with pytest.raises(ConfigError, match=r"config.toml: cannot read it: 'utf-8' codec"):
        config.load(path)
    path.write_bytes("\ufeffminutes = 20\n".encode())  # a byte order mark is fine
    assert config.load(path).minutes == 20


def test_a_table_in_the_config_file_is_an_unknown_setting(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_text("minutes = 20\n[goal]\ndays = 3\n")
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    assert str(caught.value) == (
        f"{path}: unknown setting 'goal'; known: minutes, equipment, week_start, goal_days, "
        "goal_minutes, goal_strength_days, nudge_hour, inactive_days, rest_seconds, rest_days, "
        "adaptive, avoid, direction, device, log_dir, country"
    )


def test_a_config_file_that_does_not_parse_says_it_is_left_alone(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_text("minutes = = 3\n")
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    assert str(caught.value).startswith(f"{path}: does not parse (")
    assert str(caught.value).endswith(
        "); fix it by hand (movecoach will not change it until it does)"
    )


def test_an_edit_that_would_touch_other_lines_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edited text is parsed before it is written: an edit that would change another
    setting too (no valid file leads the editor there today; a `key =` line inside a
    multi-line string once did) is refused and the file kept."""
    home.mkdir()
    path = home / "config.toml"
    text = "minutes = 20\ngoal_days = 3\n"
    path.write_text(text)
    real = config.edited
    monkeypatch.setattr(
        config, "edited", lambda *args: real(*args).replace("minutes = 20", "minutes = 25")
    )
    with pytest.raises(ConfigError) as caught:
        config.write(path, "goal_days", 4)
    assert str(caught.value) == (
        f"{path}: could not change 'goal_days' without touching other lines; edit the file by hand"
    )
    assert path.read_text() == text


def test_writing_takes_a_lock_beside_the_file_and_names_an_unreadable_file(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    config.write(path, "minutes", 20)
    assert (home / ".movecoach-config.lock").is_file()  # kept: removing it races writers
    assert path.read_text() == config.FILE_HEADER + "minutes = 20\n"
    path.unlink()
    path.mkdir()
    with pytest.raises(ConfigError, match=r"config\.toml: cannot read it: Is a directory"):
        config.write(path, "minutes", 25)


def test_a_setting_of_our_own_reads_its_limits() -> None:
    setting = config.Setting("laps", "int", 3, "Laps to walk.", low=1, high=9)
    assert (setting.name, setting.kind, setting.default, setting.help) == (
        "laps",
        "int",
        3,
        "Laps to walk.",
    )
    assert (setting.low, setting.high, setting.choices) == (1, 9, ())
    assert setting.describe() == "a whole number from 1 to 9"
    assert setting.parse("9") == 9


def test_an_unknown_key_is_named_with_its_line_whatever_its_letters(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_text("# mine\nXmas = 1\n")
    with pytest.raises(ConfigError, match=r"config\.toml: line 2: unknown setting 'Xmas'"):
        config.load(path)
    assert config.valid_device("Xbox")


def test_loaded_settings_know_their_file(home: Path) -> None:
    from movecoach.store.memo import Memo

    home.mkdir()
    path = home / "config.toml"
    assert config.load(path).path == str(path)  # no file yet: every default
    path.write_text("minutes = 20\n")
    assert config.load(path).path == str(path)
    assert config.load(path, Memo(str(home / "cache"))).path == str(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(ConfigError, match=r"config\.toml: cannot read it: Is a directory"):
        config.load(path)


def test_setting_a_key_in_a_file_that_is_not_utf8_names_the_file(home: Path) -> None:
    home.mkdir()
    path = home / "config.toml"
    path.write_bytes(b"# caf\xe9\nminutes = 20\n")
    with pytest.raises(ConfigError, match=r"config\.toml: cannot read it: 'utf-8' codec"):
        config.write(path, "minutes", 25)
    assert path.read_bytes() == b"# caf\xe9\nminutes = 20\n"
