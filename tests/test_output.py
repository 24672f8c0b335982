"""Output under real conditions, in real processes: a stdout encoding that cannot hold every
character, a reader that goes away early, and colour asked for or refused."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from movecoach.store.log import Log

from .factories import seed, session

MOVECOACH = Path(sys.executable).parent / "movecoach"
COLOUR = "\x1b[3"  # a foreground colour
# (name, environment): a stdout that is not UTF-8, each way it happens
ENCODINGS = [
    ("cp1252", {"PYTHONIOENCODING": "cp1252"}),
    ("ascii", {"PYTHONIOENCODING": "ascii"}),
    ("C locale", {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}),
]


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "MOVECOACH_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    for name in ("FAKETIME", "FORCE_COLOR", "CLICOLOR_FORCE", "PYTHONIOENCODING"):
        env.pop(name, None)
    env.update(extra)
    return {k: v for k, v in env.items() if v != ""}


def movecoach(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(MOVECOACH), *args], env=env_for(home, **extra), capture_output=True, timeout=60
    )


@pytest.fixture
def history(home: Path) -> Path:
    today = dt.date.today()
    seed(
        home,
        session(today - dt.timedelta(days=8), pain_before=4, pain_after=3, note="café 🙂 ok"),
        session(today - dt.timedelta(days=1), pain_before=3, pain_after=2, exercises=("bridge",)),
        session(today, minutes=25, pain_before=2, pain_after=2),
    )
    return home


@pytest.mark.parametrize(("name", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_view_writes_stand_ins_where_the_encoding_cannot_hold_a_character(
    history: Path, name: str, encoding: dict[str, str]
) -> None:
    views = {
        "dashboard": [],
        "history": ["history"],
        "calendar": ["calendar"],
        "sessions": ["sessions"],
        "trend": ["trend"],
        "today": ["today", "-m", "10", "-p", "2"],
    }
    if name != "ascii":  # every view once in ASCII; the others where the stand-ins show
        views = {k: v for k, v in views.items() if k in ("dashboard", "history", "calendar")}
        views["sessions"] = ["sessions"]
    charset = "cp1252" if name == "cp1252" else "ascii"
    shown = {}
    for view, args in views.items():
        result = movecoach(history, *args, **encoding)
        assert (result.returncode, result.stderr) == (0, b""), view
        shown[view] = result.stdout.decode(charset)  # every byte is the encoding's own
    assert "2 -> 2" in shown["dashboard"]
    assert "3 -> 2" in shown["history"]
    assert "3 -> 2" in shown["sessions"]
    assert "#" in shown["calendar"]
    assert ("café ?" if name == "cp1252" else "cafe ?") in shown["sessions"]


@pytest.mark.parametrize(("name", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_log_confirms_once_after_writing_whatever_the_encoding(
    home: Path, name: str, encoding: dict[str, str]
) -> None:
    result = movecoach(
        home, "log", "-m", "10", "--pain-before", "3", "--pain-after", "2", **encoding
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert b"pain 3 -> 2" in result.stdout
    sessions = json.loads(movecoach(home, "sessions", "--json", **encoding).stdout)
    assert len(sessions) == 1


def test_json_and_exports_lose_no_character_on_an_ascii_stdout(history: Path) -> None:
    ascii_out = {"PYTHONIOENCODING": "ascii"}
    result = movecoach(history, "sessions", "--json", **ascii_out)
    assert result.returncode == 0
    assert result.stdout.isascii()
    assert any(s.get("note") == "café 🙂 ok" for s in json.loads(result.stdout))
    exported = movecoach(history, "export", "--format", "json", **ascii_out)
    assert any(r.get("note") == "café 🙂 ok" for r in json.loads(exported.stdout.decode("utf-8")))


def read_one_line_then_close(home: Path, *args: str) -> tuple[int, bytes, bytes]:
    proc = subprocess.Popen(
        [str(MOVECOACH), *args],
        env=env_for(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    return proc.wait(timeout=60), first, err


def test_a_reader_that_stops_after_one_line_ends_it_quietly(home: Path) -> None:
    start = dt.date.today() - dt.timedelta(days=1999)
    many = [session(start + dt.timedelta(days=n), note="x" * 40) for n in range(2000)]
    Log(home / "log", home / "cache").extend(many)
    code, first, err = read_one_line_then_close(home, "sessions", "--json", "--limit", "0")
    assert (code, first, err) == (0, b"[\n", b"")
    code, first, err = read_one_line_then_close(home, "export", "--format", "csv")
    assert (code, err) == (0, b"")
    assert first.startswith(b"id,date")


@pytest.mark.parametrize(
    "args",
    [["--help"], ["sessions", "--json"], ["history"], ["nudge"], ["log", "-m", "5"]],
    ids=" ".join,
)
def test_a_pipe_closed_before_any_output_ends_quietly(home: Path, args: list[str]) -> None:
    proc = subprocess.Popen(
        [str(MOVECOACH), *args], env=env_for(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=60)
    assert err == b""
    assert code == (1 if args == ["nudge"] else 0)  # the nudge's answer is its exit code
    if args[0] == "log":
        assert len(json.loads(movecoach(home, "sessions", "--json").stdout)) == 1


@pytest.mark.parametrize(
    ("extra", "coloured"),
    [
        ({}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"CLICOLOR_FORCE": "1"}, True),
        ({"CLICOLOR_FORCE": "0"}, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, True),
    ],
)
def test_colour_through_a_pipe_only_when_forced_and_never_with_no_color(
    run, monkeypatch: pytest.MonkeyPatch, extra: dict[str, str], coloured: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    result = run("exercises", "-c", "aerobic", ok=True)  # in process: stdout is no terminal
    assert (COLOUR in result.stdout) is coloured
    assert "\x1b[" not in run("exercises", "--json", ok=True).stdout


def test_forced_colour_reaches_a_real_pipe(home: Path) -> None:
    result = movecoach(home, "exercises", "-c", "aerobic", NO_COLOR="", CLICOLOR_FORCE="1")
    assert COLOUR.encode() in result.stdout


@pytest.mark.parametrize(
    ("char", "stand_in"),
    [("→", "->"), ("█", "#"), ("░", ":"), ("·", "."), ("…", "..."), ("␛", "^["), ("é", "e")],
)
def test_plain_stand_ins(char: str, stand_in: str) -> None:
    from movecoach.ui.text import plain

    assert plain(char) == stand_in


def test_a_box_line_and_an_unknown_character_have_stand_ins() -> None:
    from movecoach.ui.text import plain

    assert (plain("─"), plain("│"), plain("┼"), plain("🙂")) == ("-", "|", "+", "?")
