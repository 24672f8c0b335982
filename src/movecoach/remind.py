"""What `movecoach remind` does: install, list and remove the timers that run the nudge when
you are not at a prompt. No Typer, no Rich, nothing printed: each function returns what was
(or would be) written and run, and `commands/remind.py` says it.

Linux gets a systemd user timer, macOS a launchd agent; on Windows movecoach writes nothing
and hands back the `schtasks` commands for the user to run. The platform is passed in, so
`--dry-run --platform macos` shows on any system what would be installed there; only this
system's own timers are ever written.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from movecoach.core import reminders, timers
from movecoach.core.timers import Reminder
from movecoach.errors import InputError
from movecoach.store import paths


class Setup(NamedTuple):
    """What installing (or removing) takes on one platform, in order: commands to run first
    (stopping what runs), files to write (their text, or None to delete them), commands to
    run after. On Windows, only commands, for the user to run."""

    platform: str  # as sys.platform spells it
    before: list[list[str]]
    files: dict[Path, str | None]
    after: list[list[str]]
    stopping: bool = False  # whether a failure of `before` matters (removing, not replacing)

    @property
    def commands(self) -> list[list[str]]:
        return [*self.before, *self.after]


class Timer(NamedTuple):
    """One reminder as `remind status` shows it."""

    name: str
    installed: bool | None  # None: Windows, where only `schtasks /Query` can tell
    schedule: str | None
    files: list[Path]

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "installed": self.installed,
            "schedule": self.schedule,
            "files": [str(path) for path in self.files],
        }


def platform_of(word: str | None) -> str:
    """`--platform linux|macos|windows` as sys.platform spells it; this system's without."""
    if word is None:
        return "linux" if sys.platform.startswith("linux") else sys.platform
    if word not in timers.PLATFORMS:
        raise InputError(f"--platform must be one of {', '.join(timers.PLATFORMS)}, not {word!r}")
    return timers.PLATFORMS[word]


def reminder(at: str | None, every: str | None, between: str | None, nudge_hour: int) -> Reminder:
    """The reminder the options ask for: daily at `--at` (else the nudge hour), or desk
    breaks `--every` so long `--between` those hours (09:00-17:00 unless given)."""
    if at is not None and (every is not None or between is not None):
        raise InputError("--at is for the daily nudge, --every and --between for desk breaks")
    if every is None:
        if between is not None:
            raise InputError("--between goes with --every")
        minute = nudge_hour * 60 if at is None else reminders.parse_clock(at)
        if minute is None or minute >= 24 * 60:
            raise InputError(f"--at takes a time like 18:30, not {at!r}")
        return timers.daily(minute)
    minutes = reminders.parse_minutes(every)
    if minutes is None:
        raise InputError(f"--every takes a time like 90m or 1h30m, not {every!r}")
    hours = reminders.WORKING_HOURS if between is None else reminders.parse_span(between)
    if hours is None:
        raise InputError(f"--between takes hours like 09:00-17:00, not {between!r}")
    return timers.desk_breaks(minutes, *hours)


def _user() -> str:
    import os

    return str(os.getuid()) if hasattr(os, "getuid") else "$(id -u)"


def install_setup(wanted: Reminder, platform: str, program: Sequence[str]) -> Setup:
    """The files and commands that install `wanted` on `platform`."""
    env = paths.home_env()
    folder = paths.timers_dir(platform)
    if platform == "win32" or folder is None:
        return Setup(platform, [], {}, [timers.schtasks_create(wanted, program)])
    if platform == "darwin":
        plist = timers.launchd_plist(wanted, program, env)
        path = folder / f"{wanted.label}.plist"
        domain = f"gui/{_user()}"
        stop = [["launchctl", "bootout", f"{domain}/{wanted.label}"]]  # fails when not loaded
        start = [["launchctl", "bootstrap", domain, str(path)]]
        return Setup(platform, stop, {path: plist[path.name]}, start)
    units = timers.systemd_units(wanted, program, env)
    start = [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", f"{wanted.unit}.timer"],
    ]
    return Setup(platform, [], {folder / name: text for name, text in units.items()}, start)


def remove_setup(platform: str) -> Setup:
    """The files and commands that remove every movecoach reminder on `platform`."""
    folder = paths.timers_dir(platform)
    if platform == "win32" or folder is None:
        deletes = [timers.schtasks_delete(name) for name in timers.ALL_NAMES]
        return Setup(platform, [], {}, deletes)
    files: dict[Path, str | None] = {}
    stop: list[list[str]] = []
    for item in status(platform):
        if not item.installed:
            continue
        files.update((path, None) for path in item.files)
        if platform == "darwin":
            stop.append(["launchctl", "bootout", f"gui/{_user()}/movecoach.{item.name}"])
        else:
            stop.append(["systemctl", "--user", "disable", "--now", f"movecoach-{item.name}.timer"])
    reload = [["systemctl", "--user", "daemon-reload"]] if platform != "darwin" and files else []
    return Setup(platform, stop, files, reload, stopping=True)


def apply(setup: Setup) -> list[str]:
    """Write (or delete) the files, then run the commands; what went wrong with a command,
    one line each (the files are in place whatever the service manager said). Only this
    system's own timers: `--platform` elsewhere is for `--dry-run`."""
    from movecoach import desktop
    from movecoach.store.files import atomic_write, writing

    if setup.platform != platform_of(None):
        raise InputError(
            "timers can only be installed for this system; add --dry-run to see what would be "
            "written there"
        )
    problems = [p for p in map(desktop.run, setup.before) if p is not None and setup.stopping]
    for path, text in setup.files.items():
        with writing(path):
            if text is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, text.encode("utf-8"))
    return problems + [p for p in map(desktop.run, setup.after) if p is not None]


def status(platform: str) -> list[Timer]:
    """Each reminder movecoach can install, and whether it is installed here."""
    folder = paths.timers_dir(platform)
    found = []
    for name in timers.ALL_NAMES:
        if platform == "win32" or folder is None:
            found.append(Timer(name, None, None, []))
            continue
        if platform == "darwin":
            files = [folder / f"movecoach.{name}.plist"]
        else:
            files = [folder / f"movecoach-{name}.service", folder / f"movecoach-{name}.timer"]
        present = [path for path in files if path.exists()]
        schedule = _schedule(present[-1]) if present else None
        found.append(Timer(name, bool(present), schedule, present))
    return found


def _schedule(path: Path) -> str | None:
    """The schedule a timer file holds, in words, or None when it cannot be read."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return timers.read_schedule(path.name, text)
