"""What `movecoach remind` does (`remind.py`), without the CLI: which reminder the options ask
for, the files and commands that install and remove it on each platform, what is installed,
and applying a setup on this system only. `movecoach remind` itself is tested in
test_remind_command.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from movecoach import remind
from movecoach.core import timers
from movecoach.errors import InputError

PROGRAM = ["/opt/movecoach/bin/movecoach"]
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's timers")


@pytest.fixture(autouse=True)
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of its own: nothing is ever installed for the real user."""
    home = tmp_path / "user"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def units(user_home: Path) -> Path:
    return user_home / ".config" / "systemd" / "user"


# --- which reminder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "platform"), [("linux", "linux"), ("macos", "darwin"), ("windows", "win32")]
)
def test_platform_words_are_spelled_as_python_spells_them(word: str, platform: str) -> None:
    assert remind.platform_of(word) == platform


def test_without_a_platform_word_it_is_this_system() -> None:
    expected = "linux" if sys.platform.startswith("linux") else sys.platform
    assert remind.platform_of(None) == expected


def test_an_unknown_platform_names_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        remind.platform_of("darwin")  # Python's word, not the option's
    assert str(caught.value) == "--platform must be one of linux, macos, windows, not 'darwin'"


def test_the_daily_nudge_is_at_the_nudge_hour_unless_given_a_time() -> None:
    assert remind.reminder(None, None, None, 18) == timers.daily(18 * 60)
    assert remind.reminder(None, None, None, 0) == timers.daily(0)
    assert remind.reminder("07:05", None, None, 18) == timers.daily(7 * 60 + 5)
    assert remind.reminder("23:59", None, None, 18).times == (23 * 60 + 59,)


def test_desk_breaks_run_in_working_hours_unless_given_others() -> None:
    assert remind.reminder(None, "1h", None, 18) == timers.desk_breaks(60, 9 * 60, 17 * 60)
    assert remind.reminder(None, "45m", "08:00-12:00", 18) == timers.desk_breaks(45, 480, 720)


@pytest.mark.parametrize(
    ("at", "every", "between", "message"),
    [
        ("18:00", "90m", None, "--at is for the daily nudge, --every and --between for desk"),
        ("18:00", None, "09:00-17:00", "--at is for the daily nudge"),
        (None, None, "09:00-17:00", "--between goes with --every"),
        ("24:00", None, None, "--at takes a time like 18:30, not '24:00'"),
        ("6pm", None, None, "--at takes a time like 18:30, not '6pm'"),
        (None, "often", None, "--every takes a time like 90m or 1h30m, not 'often'"),
        (None, "90m", "9-17", "--between takes hours like 09:00-17:00, not '9-17'"),
    ],
)
def test_options_that_do_not_go_together_or_do_not_read_are_refused(
    at: str | None, every: str | None, between: str | None, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        remind.reminder(at, every, between, 18)


# --- installing and removing, as files and commands -----------------------------------------------


def test_linux_installs_a_service_and_a_timer_then_starts_the_timer(
    user_home: Path, home: Path
) -> None:
    wanted = timers.daily(18 * 60)
    setup = remind.install_setup(wanted, "linux", PROGRAM)
    expected = timers.systemd_units(wanted, PROGRAM, {"MOVECOACH_HOME": str(home)})
    assert setup.files == {units(user_home) / name: text for name, text in expected.items()}
    assert setup.before == []
    assert setup.after == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "movecoach-nudge.timer"],
    ]
    assert setup.commands == setup.after
    assert not setup.stopping  # replacing a timer: stopping the old one may fail


def test_macos_boots_the_old_agent_out_then_the_new_one_in(user_home: Path, home: Path) -> None:
    wanted = timers.desk_breaks(60, 9 * 60, 12 * 60)
    setup = remind.install_setup(wanted, "darwin", PROGRAM)
    plist = user_home / "Library" / "LaunchAgents" / "movecoach.break.plist"
    domain = f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui/$(id -u)"
    assert list(setup.files) == [plist]
    agent = timers.launchd_plist(wanted, PROGRAM, {"MOVECOACH_HOME": str(home)})
    assert setup.files[plist] == agent["movecoach.break.plist"]
    assert setup.before == [["launchctl", "bootout", f"{domain}/movecoach.break"]]
    assert setup.after == [["launchctl", "bootstrap", domain, str(plist)]]


def test_windows_gets_a_command_and_no_files() -> None:
    wanted = timers.daily(9 * 60)
    setup = remind.install_setup(wanted, "win32", PROGRAM)
    assert (setup.files, setup.before) == ({}, [])
    assert setup.after == [timers.schtasks_create(wanted, PROGRAM)]
    removing = remind.remove_setup("win32")
    assert removing.after == [timers.schtasks_delete("nudge"), timers.schtasks_delete("break")]
    assert removing.files == {}


def test_removing_what_is_not_installed_is_nothing_to_do() -> None:
    setup = remind.remove_setup("linux")
    assert (setup.before, setup.files, setup.after) == ([], {}, [])
    assert remind.remove_setup("darwin").files == {}


def test_removing_stops_each_installed_timer_and_deletes_its_files(user_home: Path) -> None:
    folder = units(user_home)
    folder.mkdir(parents=True)
    for name, text in timers.systemd_units(timers.daily(600), PROGRAM, {}).items():
        (folder / name).write_text(text)
    setup = remind.remove_setup("linux")
    assert setup.files == {
        folder / "movecoach-nudge.service": None,
        folder / "movecoach-nudge.timer": None,
    }
    assert setup.before == [["systemctl", "--user", "disable", "--now", "movecoach-nudge.timer"]]
    assert setup.after == [["systemctl", "--user", "daemon-reload"]]
    assert setup.stopping  # removing: a timer that will not stop is worth a warning


def test_removing_a_macos_agent_boots_it_out(user_home: Path) -> None:
    folder = user_home / "Library" / "LaunchAgents"
    folder.mkdir(parents=True)
    (folder / "movecoach.nudge.plist").write_text("not read for a removal")
    setup = remind.remove_setup("darwin")
    assert setup.files == {folder / "movecoach.nudge.plist": None}
    assert [command[:2] for command in setup.before] == [["launchctl", "bootout"]]
    assert setup.before[0][2].endswith("/movecoach.nudge")
    assert setup.after == []  # launchd has no reload


# --- what is installed --------------------------------------------------------------------------


def test_status_lists_both_reminders_and_reads_each_schedule_back(user_home: Path) -> None:
    assert remind.status("linux") == [
        remind.Timer("nudge", False, None, []),
        remind.Timer("break", False, None, []),
    ]
    folder = units(user_home)
    folder.mkdir(parents=True)
    wanted = timers.desk_breaks(120, 8 * 60, 16 * 60)
    for name, text in timers.systemd_units(wanted, PROGRAM, {}).items():
        (folder / name).write_text(text)
    nudge, desk = remind.status("linux")
    assert nudge.installed is False
    assert desk == remind.Timer(
        "break",
        True,
        "Monday to Friday at 10:00, 12:00, 14:00, 16:00",
        [folder / "movecoach-break.service", folder / "movecoach-break.timer"],
    )
    assert desk.as_dict() == {
        "name": "break",
        "installed": True,
        "schedule": "Monday to Friday at 10:00, 12:00, 14:00, 16:00",
        "files": [str(p) for p in desk.files],
    }


def test_a_timer_file_that_cannot_be_read_is_installed_with_no_schedule(user_home: Path) -> None:
    folder = units(user_home)
    folder.mkdir(parents=True)
    (folder / "movecoach-nudge.timer").write_bytes(b"\xff\xfe not text")
    (nudge, _) = remind.status("linux")
    assert (nudge.installed, nudge.schedule) == (True, None)
    assert nudge.files == [folder / "movecoach-nudge.timer"]


def test_on_windows_only_schtasks_can_tell() -> None:
    assert [t.installed for t in remind.status("win32")] == [None, None]


# --- applying a setup -------------------------------------------------------------------------


def test_a_setup_for_another_system_is_never_applied(user_home: Path) -> None:
    other = "darwin" if remind.platform_of(None) != "darwin" else "linux"
    setup = remind.install_setup(timers.daily(600), other, PROGRAM)
    with pytest.raises(InputError, match="add --dry-run to see what would be written there"):
        remind.apply(setup)
    assert not user_home.exists()


@LINUX_ONLY
def test_applying_writes_the_files_then_says_which_commands_failed(
    user_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    setup = remind.install_setup(timers.daily(600), "linux", PROGRAM)
    problems = remind.apply(setup)
    assert problems == ["systemctl was not found", "systemctl was not found"]
    for path, text in setup.files.items():
        assert path.read_text("utf-8") == text
    removing = remind.remove_setup("linux")
    assert remind.apply(removing) == ["systemctl was not found"] * 2  # stopping counts now
    assert list(units(user_home).iterdir()) == []


@LINUX_ONLY
def test_stopping_an_old_timer_may_fail_when_installing(
    user_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "launchctl").write_text("#!/bin/sh\nexit 3\n")  # a 'before' that fails
    (folder / "systemctl").write_text("#!/bin/sh\nexit 0\n")
    for script in folder.iterdir():
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    setup = remind.install_setup(timers.daily(600), "linux", PROGRAM)
    failing = setup._replace(before=[["launchctl", "bootout", "x"]])
    assert remind.apply(failing) == []  # not stopping: the old one may not be loaded
    assert remind.apply(failing._replace(stopping=True)) == ["launchctl failed (exit 3)"]
