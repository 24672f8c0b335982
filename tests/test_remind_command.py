"""`movecoach remind` (commands/remind.py) end to end: the timers each platform gets (shown
with --dry-run for each platform passed in), install, status and remove on Linux against a
stand-in `systemctl`, and the refusals. What the timers hold is core/timers.py's
(test_timers.py); what installing does, remind.py's (test_remind.py)."""

from __future__ import annotations

import json
import plistlib
import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own: nothing is ever installed for the real user."""
    home = tmp_path / "user"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


@pytest.fixture
def systemctl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `systemctl` on PATH that writes each call, one a line, to the file returned."""
    folder = tmp_path / "bin"
    folder.mkdir()
    calls = folder / "calls.txt"
    script = folder / "systemctl"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return calls


# --- --dry-run, one platform at a time ----------------------------------------------------


def test_linux_dry_run_shows_a_systemd_user_timer(run, user_home: Path, home: Path) -> None:
    out = run("remind", "install", "--dry-run", "--platform", "linux", ok=True).stdout
    units = user_home / ".config" / "systemd" / "user"
    assert f"Would write {units / 'movecoach-nudge.service'}:" in out
    assert f"Would write {units / 'movecoach-nudge.timer'}:" in out
    assert "    OnCalendar=*-*-* 18:00:00" in out  # the nudge hour
    assert "nudge --notify --quiet" in out
    assert f"    Environment=MOVECOACH_HOME={home}" in out
    assert "    SuccessExitStatus=1" in out  # a nudge given is no failure
    assert out.endswith(
        "Would run: systemctl --user daemon-reload\n"
        "Would run: systemctl --user enable --now movecoach-nudge.timer\n"
    )
    assert not user_home.exists(), "a dry run writes nothing"


def test_macos_dry_run_shows_a_launchd_agent(run, user_home: Path) -> None:
    args = ["remind", "install", "--dry-run", "--platform", "macos", "--at", "19:15"]
    out = run(*args, ok=True).stdout
    plist = user_home / "Library" / "LaunchAgents" / "movecoach.nudge.plist"
    assert out.startswith(f"Would write {plist}:\n")
    text = "\n".join(line[4:] for line in out.splitlines()[1:] if line.startswith("    "))
    agent = plistlib.loads(text.encode())
    assert agent["Label"] == "movecoach.nudge"
    assert agent["ProgramArguments"][-3:] == ["nudge", "--notify", "--quiet"]
    assert agent["StartCalendarInterval"] == [{"Hour": 19, "Minute": 15}]
    assert "Would run: launchctl bootstrap gui/" in out
    assert not user_home.exists()


def test_windows_prints_the_schtasks_command(run, user_home: Path) -> None:
    out = run("remind", "install", "--dry-run", "--platform", "windows", ok=True).stdout
    (line,) = out.splitlines()
    assert line.startswith('Would run: schtasks /Create /TN "movecoach nudge" /TR "')
    assert line.endswith('nudge --notify --quiet" /SC DAILY /ST 18:00 /F')
    desk = run("remind", "install", "--dry-run", "--platform", "windows", "--every", "90m", ok=True)
    assert "/SC WEEKLY /D MON,TUE,WED,THU,FRI /ST 10:30 /RI 90 /DU 06:01 /F" in desk.stdout
    assert not user_home.exists()


def test_desk_breaks_run_through_the_working_day(run) -> None:
    args = ["remind", "install", "--dry-run", "--platform", "linux", "--every", "90m"]
    out = run(*args, "--between", "09:00-17:00", ok=True).stdout
    times = [line.split()[-1] for line in out.splitlines() if "OnCalendar=" in line]
    assert times == ["10:30:00", "12:00:00", "13:30:00", "15:00:00", "16:30:00"]
    assert "OnCalendar=Mon..Fri *-*-* 10:30:00" in out
    assert "nudge --break --every 90m --between 09:00-17:00 --notify --quiet" in out
    assert "movecoach-break.timer" in out


def test_the_nudge_hour_setting_sets_the_daily_time(run) -> None:
    run("config", "set", "nudge_hour", "20", ok=True)
    out = run("remind", "install", "--dry-run", "--platform", "linux", ok=True).stdout
    assert "OnCalendar=*-*-* 20:00:00" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "25:00"], "--at takes a time like 18:30"),
        (["--at", "18:00", "--every", "90m"], "--at is for the daily nudge"),
        (["--between", "09:00-17:00"], "--between goes with --every"),
        (["--every", "5m"], "--every must be 15m or more"),
        (["--every", "often"], "--every takes a time like 90m"),
        (["--every", "9h", "--between", "09:00-17:00"], "does not fit between 09:00 and 17:00"),
        (["--every", "90m", "--between", "17:00-09:00"], "--between takes hours like"),
        (["--platform", "beos", "--dry-run"], "--platform must be one of linux, macos, windows"),
        (["--platform", "macos"], "add --dry-run to see what would be written there"),
    ],
)
def test_bad_options_are_refused_with_nothing_installed(
    run, user_home: Path, args: list[str], message: str
) -> None:
    result = run("remind", "install", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not user_home.exists()


# --- installing for real (on Linux), with a stand-in systemctl -----------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd timers are Linux's")
def test_install_status_and_remove(run, user_home: Path, systemctl: Path) -> None:
    units = user_home / ".config" / "systemd" / "user"
    out = run("remind", "install", "--at", "18:30", ok=True).stdout
    assert out.endswith(
        "movecoach will remind you every day at 18:30; `movecoach remind remove` undoes it.\n"
    )
    run("remind", "install", "--every", "2h", "--between", "08:00-16:00", ok=True)
    assert sorted(p.name for p in units.iterdir()) == [
        "movecoach-break.service",
        "movecoach-break.timer",
        "movecoach-nudge.service",
        "movecoach-nudge.timer",
    ]
    assert systemctl.read_text().splitlines() == [
        "--user daemon-reload",
        "--user enable --now movecoach-nudge.timer",
        "--user daemon-reload",
        "--user enable --now movecoach-break.timer",
    ]
    status = run("remind", "status", ok=True).stdout
    assert "nudge: installed, every day at 18:30" in status
    assert "break: installed, Monday to Friday at 10:00, 12:00, 14:00, 16:00" in status
    listed = json.loads(run("remind", "status", "--json", ok=True).stdout)
    assert [t["installed"] for t in listed] == [True, True]
    out = run("remind", "remove", ok=True).stdout
    assert out.count("Removed ") == 4
    assert systemctl.read_text().splitlines()[4:] == [
        "--user disable --now movecoach-nudge.timer",
        "--user disable --now movecoach-break.timer",
        "--user daemon-reload",
    ]
    assert list(units.iterdir()) == []
    assert "nudge: not installed" in run("remind", "status", ok=True).stdout
    assert run("remind", "remove", ok=True).stdout == (
        "No movecoach reminder is installed; nothing to remove.\n"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="systemd timers are Linux's")
def test_a_timer_that_cannot_start_says_what_to_run(
    run, user_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))  # no systemctl at all
    result = run("remind", "install")
    assert result.exit_code == 0
    assert "will remind you" not in result.stdout
    assert "movecoach: warning: systemctl was not found" in result.stderr
    assert "run these yourself once it can: systemctl --user daemon-reload" in result.stderr
    assert (user_home / ".config" / "systemd" / "user" / "movecoach-nudge.timer").exists()


# --- what the command itself adds -----------------------------------------------------------------


def test_remind_alone_shows_its_help(run) -> None:
    out = run("remind", ok=True).stdout
    assert out.startswith("Usage: movecoach remind")
    for command in ("install", "status", "remove"):
        assert command in out


def test_status_as_json_on_a_clean_home(run, user_home: Path) -> None:
    listed = json.loads(run("remind", "status", "--json", "--platform", "linux", ok=True).stdout)
    assert listed == [
        {"name": "nudge", "installed": False, "schedule": None, "files": []},
        {"name": "break", "installed": False, "schedule": None, "files": []},
    ]
    text = run("remind", "status", "--platform", "linux", ok=True).stdout
    assert text == "nudge: not installed\nbreak: not installed\n"
    assert not user_home.exists()


def test_on_windows_status_and_remove_say_what_to_run(run) -> None:
    status = run("remind", "status", "--platform", "windows", ok=True).stdout.splitlines()
    assert status == [
        "Ask Windows in a Command Prompt:",
        '    schtasks /Query /TN "movecoach nudge"',
        '    schtasks /Query /TN "movecoach break"',
    ]
    listed = json.loads(run("remind", "status", "--platform", "windows", "--json", ok=True).stdout)
    assert [t["installed"] for t in listed] == [None, None]
    removed = run("remind", "remove", "--platform", "windows", "--dry-run", ok=True).stdout
    assert removed.splitlines() == [
        'Would run: schtasks /Delete /TN "movecoach nudge" /F',
        'Would run: schtasks /Delete /TN "movecoach break" /F',
    ]


def test_a_dry_run_removal_names_each_file_and_command(run, user_home: Path) -> None:
    units = user_home / ".config" / "systemd" / "user"
    units.mkdir(parents=True)
    (units / "movecoach-nudge.timer").write_text("[Unit]\nDescription=movecoach nudge (x)\n")
    out = run("remind", "remove", "--dry-run", "--platform", "linux", ok=True).stdout
    assert out.splitlines() == [
        f"Would remove {units / 'movecoach-nudge.timer'}",
        "Would run: systemctl --user disable --now movecoach-nudge.timer",
        "Would run: systemctl --user daemon-reload",
    ]
    assert (units / "movecoach-nudge.timer").exists()


def test_on_windows_install_prints_the_command_to_run_and_changes_nothing(
    run, user_home: Path
) -> None:
    out = run("remind", "install", "--platform", "windows", "--at", "07:30", ok=True).stdout
    *words, command = out.splitlines()  # the sentence wraps; the command never does
    assert " ".join(words) == (
        "Run this in a Command Prompt to remind you every day at 07:30 (movecoach does not "
        "change tasks itself):"
    )
    assert command.startswith('    schtasks /Create /TN "movecoach nudge" /TR ')
    assert command.endswith(" /SC DAILY /ST 07:30 /F")
    assert not user_home.exists()
