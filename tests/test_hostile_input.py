"""Hostile text and input: nothing raw reaches a terminal, nothing becomes a spreadsheet
formula, no input crashes a command, and any text round-trips exactly."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from movecoach import cli
from movecoach.store.log import Log
from movecoach.store.logfile import block

from .factories import seed, session, text_st

TODAY = dt.date(2026, 3, 10)
ESC = "\x1b]0;owned\x07\x1b[2J\x1b[1A"  # retitle the window, clear the screen, move up
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")  # anything that acts on a terminal


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 12, 0))


def hostile_log(home: Path) -> None:
    seed(home, session(TODAY, note=f"fine{ESC}[red]x[/]", exercises=("knee-rolls",)))
    folder = home / "log"
    other = folder / "2026-elsewhere.toml"
    other.write_text(block(session(TODAY, id="xx", note="\u202eevil\u202c \x9b2J")))


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["sessions"],
        ["sessions", "--limit", "0"],
        ["history"],
        ["report", "--format", "md"],
        ["report", "--format", "html"],
        ["undo"],
        ["delete", "xx"],
        ["check"],
    ],
    ids=lambda a: " ".join(a) or "dashboard",
)
def test_escape_sequences_from_the_log_never_reach_the_terminal(run, home: Path, args) -> None:
    hostile_log(home)
    result = run(*args)
    for stream in (result.stdout, result.stderr):
        assert not RAW.search(stream.replace("\r\n", "\n").replace("\t", " ")), (args, stream)
        assert "\u202e" not in stream


def test_export_is_exact_in_a_pipe_and_safe_on_a_terminal(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile_log(home)
    piped = run("export", ok=True).stdout
    assert ESC in piped, "a file or a pipe gets the exact text"
    monkeypatch.setattr(cli, "stdout_is_terminal", lambda: True)
    shown = run("export", ok=True).stdout
    assert not RAW.search(shown.replace("\r\n", "\n"))
    assert "␛]0;owned" in shown


def test_notes_show_their_control_characters_and_json_keeps_them_exactly(run, home: Path) -> None:
    hostile_log(home)
    text = run("sessions", ok=True).stdout
    assert "␛]0;owned␇" in text
    assert "[red]x[/]" in text, "a note is text, never Rich markup"
    notes = {s["note"] for s in json.loads(run("sessions", "--json", ok=True).stdout)}
    assert f"fine{ESC}[red]x[/]" in notes


def test_an_imported_csv_with_escapes_is_shown_safely(run, home: Path, tmp_path: Path) -> None:
    file = tmp_path / "in.csv"
    file.write_text(f'date,minutes,note\n2026-03-01,10,"{ESC}"\n', "utf-8")
    run("import", str(file), ok=True)
    assert not RAW.search(run("sessions", ok=True).stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["log", "-m", "10", "-x", "\x1b[2Jboom"],
        ["exercises", "\x1b[2J"],
        ["delete", "\x1b[2J", "--yes"],
        ["restore", "\x1b[2J.bak"],
    ],
)
def test_escapes_typed_by_the_user_are_refused_or_shown_safely(run, home: Path, args) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert not RAW.search(result.stderr)
    assert not (home / "log").exists()


def test_a_user_exercise_with_control_characters_is_refused(run, home: Path) -> None:
    home.mkdir()
    (home / "exercises.toml").write_text(
        '[[exercise]]\nid = "mine"\nname = "Mine\\u001b[2J"\ncategory = "mobility"\n'
        'position = "lying"\nequipment = []\nminutes = 2\ndose = "5"\nmax_pain = 5\n'
        'steps = ["one", "two"]\ncaution = "care"\nbenefit = "good"\n'
    )
    result = run("exercises")
    assert result.exit_code == 2
    assert "'name' must be one line of text without control characters" in result.stderr
    assert not RAW.search(result.stderr)


# --- dates and numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["log", "-m", "10", "--date", "0001-01-01"], "1900-01-01 or later"),
        (["log", "-m", "10", "--date", "1899-12-31"], "1900-01-01 or later"),
        (["log", "-m", "10", "--date", "20260304"], "--date must be YYYY-MM-DD"),
        (
            ["log", "-m", "10", "--date", "\uff12\uff10\uff12\uff16-\uff10\uff13-\uff10\uff11"],
            "--date must be YYYY-MM-DD",
        ),
        (
            ["log", "-m", "10", "--date", "\u0662\u0660\u0662\u0666-\u0660\u0663-\u0660\u0661"],
            "--date must be YYYY-MM-DD",
        ),
        (["log", "-m", "\u0663"], "must be a whole number"),
        (["log", "-m", "\uff11\uff10"], "must be a whole number"),
        (["today", "--pain", "1_0"], "must be a whole number"),
        (["history", "--weeks", "\u0663"], "must be a whole number"),
    ],
)
def test_only_ascii_digits_and_days_from_1900_to_today(run, home: Path, args, word) -> None:
    result = run(*args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert word in line
    assert not (home / "log").exists()


def test_a_hand_written_ancient_date_is_a_problem_not_a_crash(run, home: Path) -> None:
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_text(
        "[[session]]\nid = 'a'\ndate = 0001-01-01\nminutes = 5\n"
    )
    for args in (["streak"], ["history"], ["nudge"]):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "1900-01-01 or later" in result.stderr


@pytest.mark.parametrize(
    ("content", "word"),
    [
        ("[" * 60 + "]" * 60, "deeper than 50"),
        ('[{"date": "2026-03-01", "minutes": 1' + "0" * 30 + "}]", "longer than 20 digits"),
        ('[{"date": "2026-03-01", "minutes": ' + "9" * 5000 + "}]", "longer than 20 digits"),
        ('[{"date": "2026-03-01", "minutes": 5, "note": "\\ud800"}]', "not valid Unicode"),
        ('[{"date": "9999-01-01", "minutes": 5}]', "in the future"),
        ('[{"date": "1000-01-01", "minutes": 5}]', "1900-01-01 or later"),
    ],
)
def test_hostile_json_imports_nothing_in_one_line_per_problem(
    run, home: Path, tmp_path: Path, content: str, word: str
) -> None:
    file = tmp_path / "in.json"
    file.write_text(content)
    result = run("import", str(file))
    assert result.exit_code == 2
    assert word in result.stderr
    assert "Traceback" not in result.stderr
    assert not (home / "log").exists()


def test_a_note_that_is_not_valid_utf8_is_refused_before_anything_is_written(
    home: Path, tmp_path: Path
) -> None:
    env = {"MOVECOACH_HOME": str(home), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "movecoach", "log", "-m", "10", "--note", b"bad \xff"]
    result = subprocess.run(command, env=env, capture_output=True, timeout=60)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert not list(home.rglob("*.toml"))


# --- round trips ------------------------------------------------------------------------------


@settings(max_examples=40)
@given(st.lists(text_st.filter(lambda t: len(t) <= 1000), min_size=1, max_size=3))
def test_any_note_round_trips_exactly_through_log_export_and_import(notes) -> None:
    import tempfile

    from movecoach.store import transfer

    with tempfile.TemporaryDirectory() as tmp:
        log = Log(Path(tmp) / "a")
        log.extend(session(TODAY, note=n) for n in notes)
        for fmt in ("csv", "json"):
            records = log.merged().all()
            text = transfer.to_csv(records) if fmt == "csv" else transfer.to_json(records)
            back = transfer.read_sessions(text, fmt)
            want = sorted(n for n in notes if n) if fmt == "csv" else sorted(notes)
            assert sorted(s.note for s in back if s.note is not None) == want


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no BOM", "BOM"])
def test_crlf_and_bom_logs_are_read_edited_and_written_as_they_were(home: Path, bom: bytes) -> None:
    folder = home / "log"
    folder.mkdir(parents=True)
    text = "# mine\r\n[[session]]\r\nid = 'a'\r\ndate = 2026-03-01\r\nminutes = 5\r\n"
    text += "\r\n# about b\r\n[[session]]\r\nid = 'b'\r\ndate = 2026-03-02\r\nminutes = 6\r\n"
    (folder / "2026.toml").write_bytes(bom + text.encode())
    log = Log(folder, home / "cache")
    assert [s.id for s in log.sessions()] == ["a", "b"]
    log.append(session("2026-03-03", id="c"))
    data = (folder / "2026.toml").read_bytes()
    assert data.startswith(bom + text.encode())
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line ends in CRLF
    log.remove("a")
    data = (folder / "2026.toml").read_bytes()
    assert data.startswith(bom + b"# mine\r\n")
    assert b"# about b\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert [s.id for s in log.sessions()] == ["b", "c"]


def test_crlf_and_bom_settings_keep_both(run, home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_bytes(b"\xef\xbb\xbf# mine\r\nminutes = 20\r\n")
    run("config", "set", "goal_days", "3", ok=True)
    assert (home / "config.toml").read_bytes() == (
        b"\xef\xbb\xbf# mine\r\nminutes = 20\r\ngoal_days = 3\r\n"
    )
    assert run("config", "get", "minutes", ok=True).stdout == "20\n"


def test_a_comment_inside_a_multi_line_value_survives_config_set(run, home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text(
        '# top\nequipment = [\n  "chair",  # the kitchen one\n  # band at work\n  "band",\n]\n'
        "minutes = 30  # usual\n"
    )
    run("config", "set", "goal_days", "4", ok=True)
    assert "# the kitchen one" in (home / "config.toml").read_text()
    run("config", "set", "equipment", "wall", ok=True)
    assert (home / "config.toml").read_text() == (
        '# top\n# the kitchen one\n# band at work\nequipment = ["wall"]\n'
        "minutes = 30  # usual\ngoal_days = 4\n"
    )
