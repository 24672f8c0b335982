"""The main commands where the POSIX-only modules do not exist, as on Windows: a real process
whose `sitecustomize` (tests/platform) makes `fcntl`, `termios`, `tty` and `os.fchmod`
unavailable, so the lock, file and terminal fallbacks are what runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MOVECOACH = Path(sys.executable).parent / "movecoach"
BLOCKER = Path(__file__).resolve().parent / "platform"


def without_posix(home: Path, blocked: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MOVECOACH_HOME": str(home),
        "NO_COLOR": "1",
        "PYTHONPATH": str(BLOCKER),
        "MOVECOACH_BLOCKED_LOG": str(blocked),
    }
    env.pop("FAKETIME", None)
    return subprocess.run(
        [str(MOVECOACH), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_main_commands_run_without_fcntl_termios_tty_or_fchmod(
    home: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked.txt"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        result = without_posix(home, blocked, *args)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert "Traceback" not in result.stderr, args
        return result

    assert json.loads(run("today", "--json").stdout)["exercises"]
    assert run("log", "-m", "12", "--note", "first").stdout.startswith("Logged 12 min")
    assert run("log", "-m", "7").stdout.startswith("Logged 7 min")
    assert not list((home / "cache").glob("*.held")), "the fallback lock was released"
    sessions = json.loads(run("sessions", "--json").stdout)
    assert [s["minutes"] for s in sessions] == [7, 12]
    assert "Removed." in run("undo", "--yes").stdout
    assert [s["minutes"] for s in json.loads(run("sessions", "--json").stdout)] == [12]
    run("nudge")
    dry = run("start", "--dry-run", "-m", "10", "-p", "2")
    assert "start  length  block" in dry.stdout
    assert "Today's session" in run("today").stdout  # after "Done today: 12 min, 1 session"
    for path in (home / "log").glob("*.toml"):
        assert oct(path.stat().st_mode & 0o777) == "0o600", "private without fchmod"
    assert "termios" not in blocked.read_text(), "no terminal modes outside the live guide"
    assert "tty" not in blocked.read_text()


@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime is not installed")
def test_a_guided_break_without_input_needs_no_terminal_modes(home: Path, tmp_path: Path) -> None:
    """A 1-minute desk break at 60 times speed, played without keys: it runs, waits and is
    logged where `termios` and `tty` do not exist."""
    blocked = tmp_path / "blocked.txt"
    env = {
        **os.environ,
        "MOVECOACH_HOME": str(home),
        "NO_COLOR": "1",
        "PYTHONPATH": str(BLOCKER),
        "MOVECOACH_BLOCKED_LOG": str(blocked),
    }
    result = subprocess.run(
        ["faketime", "-f", "+0 x60", str(MOVECOACH), "break", "--no-input", "-m", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Session over: 1 of 1 exercise done." in result.stdout
    assert "Logged 1 min" in result.stdout
    assert not blocked.exists() or "termios" not in blocked.read_text()


def test_the_blocker_works_and_the_lock_falls_back(home: Path, tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from movecoach.store.files import lock_for\n"
        "print(type(lock_for(Path(sys.argv[1]))).__name__, hasattr(os, 'fchmod'))\n"
        "import termios\n"
    )
    env = {**os.environ, "PYTHONPATH": str(BLOCKER), "MOVECOACH_BLOCKED_LOG": str(tmp_path / "b")}
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.lock")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout == "CreatedLock False\n"
    assert "made unavailable" in result.stderr
