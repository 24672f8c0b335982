"""The timers `movecoach remind` installs, as text and commands built from plain values.

A reminder is the nudge run at set times: once a day (`daily`), or through the working day
to suggest desk breaks (`desk_breaks`). Each platform gets its own form: a systemd user
service and timer on Linux, a launchd agent on macOS, a `schtasks` command on Windows. All
pure: the program to run, the environment to keep and the user id are passed in, so every
platform's files can be built, shown and tested anywhere.
"""

from __future__ import annotations

import plistlib
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from movecoach.core.reminders import clock_text
from movecoach.errors import InputError

PLATFORMS = {"linux": "linux", "macos": "darwin", "windows": "win32"}  # --platform: sys.platform
SHORTEST_EVERY = 15  # minutes: desk-break checks closer than this would only nag
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
_SYSTEMD_PLAIN = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-:=,+@"
)


class Reminder(NamedTuple):
    """One timer: its name, the times (minutes after midnight) it runs the nudge at, on
    which days, and the nudge's arguments."""

    name: str  # "nudge" or "break": the files are movecoach-<name>...
    times: tuple[int, ...]
    weekdays_only: bool
    args: tuple[str, ...]

    @property
    def schedule(self) -> str:
        days = "Monday to Friday" if self.weekdays_only else "every day"
        return f"{days} at {', '.join(clock_text(t) for t in self.times)}"

    @property
    def unit(self) -> str:
        return f"movecoach-{self.name}"

    @property
    def label(self) -> str:
        return f"movecoach.{self.name}"

    @property
    def task(self) -> str:
        return f"movecoach {self.name}"


def daily(at: int) -> Reminder:
    """The nudge once a day at `at`, as a desktop notification."""
    return Reminder("nudge", (at,), False, ("nudge", "--notify", "--quiet"))


def desk_breaks(every: int, start: int, end: int) -> Reminder:
    """The desk-break nudge every `every` minutes from `start` + `every` up to `end`, on
    working days (the nudge itself is quiet unless that long has passed without moving)."""
    if every < SHORTEST_EVERY:
        raise InputError(f"--every must be {SHORTEST_EVERY}m or more, got {every}m")
    times = tuple(range(start + every, end + 1, every))
    if not times:
        raise InputError(
            f"--every {every}m does not fit between {clock_text(start)} and {clock_text(end)}"
        )
    span = f"{clock_text(start)}-{clock_text(end)}"
    args = ("nudge", "--break", "--every", f"{every}m", "--between", span, "--notify", "--quiet")
    return Reminder("break", times, True, args)


ALL_NAMES = ("nudge", "break")


# --- Linux: a systemd user service and timer ----------------------------------------------


def systemd_quote(word: str) -> str:
    """One word of a systemd command line: `%` and `$` doubled, quoted when needed."""
    word = word.replace("%", "%%").replace("$", "$$")
    if word and _SYSTEMD_PLAIN.issuperset(word.replace("%", "").replace("$", "")):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_units(
    reminder: Reminder, program: Sequence[str], env: Mapping[str, str]
) -> dict[str, str]:
    """`movecoach-<name>.service` and `.timer`: the service runs the nudge once (exit 1, a
    nudge given, is success too); the timer starts it at each time."""
    command = " ".join(systemd_quote(w) for w in (*program, *reminder.args))
    environment = "".join(
        f"Environment={systemd_quote(f'{k}={v}')}\n" for k, v in sorted(env.items())
    )
    service = (
        f"[Unit]\nDescription=movecoach {reminder.name} ({reminder.schedule})\n\n"
        f"[Service]\nType=oneshot\nExecStart={command}\n{environment}SuccessExitStatus=1\n"
    )
    days = "Mon..Fri " if reminder.weekdays_only else ""
    calendar = "".join(f"OnCalendar={days}*-*-* {clock_text(t)}:00\n" for t in reminder.times)
    timer = (
        f"[Unit]\nDescription=movecoach {reminder.name} ({reminder.schedule})\n\n"
        f"[Timer]\n{calendar}\n[Install]\nWantedBy=timers.target\n"
    )
    return {f"{reminder.unit}.service": service, f"{reminder.unit}.timer": timer}


# --- macOS: a launchd agent ---------------------------------------------------------------


def launchd_plist(
    reminder: Reminder, program: Sequence[str], env: Mapping[str, str]
) -> dict[str, str]:
    """`movecoach.<name>.plist`: a launch agent that runs the nudge at each time."""
    days: Sequence[int | None] = range(1, 6) if reminder.weekdays_only else (None,)
    intervals = [
        {"Hour": t // 60, "Minute": t % 60, **({} if day is None else {"Weekday": day})}
        for day in days
        for t in reminder.times
    ]
    agent: dict[str, object] = {
        "Label": reminder.label,
        "ProgramArguments": [*program, *reminder.args],
        "StartCalendarInterval": intervals,
        "RunAtLoad": False,
    }
    if env:
        agent["EnvironmentVariables"] = dict(sorted(env.items()))
    text = plistlib.dumps(agent, sort_keys=False).decode("utf-8")
    return {f"{reminder.label}.plist": text}


# --- Windows: a scheduled task, as a command to run -----------------------------------------


def windows_quote(word: str) -> str:
    """One argument of a Windows command line, as the C runtime reads it back (the rules of
    `subprocess.list2cmdline`): quoted when it holds a space or tab or is empty, a quote
    escaped, and backslashes doubled only before a quote."""
    quoted = not word or " " in word or "\t" in word
    out, slashes = ['"'] if quoted else [], 0
    for char in word:
        if char == "\\":
            slashes += 1
            continue
        out.append("\\" * (slashes * 2) + '\\"' if char == '"' else "\\" * slashes + char)
        slashes = 0
    out.append("\\" * (slashes * 2 if quoted else slashes) + ('"' if quoted else ""))
    return "".join(out)


def windows_line(words: Sequence[str]) -> str:
    return " ".join(windows_quote(w) for w in words)


def schtasks_create(reminder: Reminder, program: Sequence[str]) -> list[str]:
    """The `schtasks /Create` command for the reminder (Windows tasks cannot be given an
    environment; the program's own settings apply)."""
    first, last = reminder.times[0], reminder.times[-1]
    words = ["schtasks", "/Create", "/TN", reminder.task]
    words += ["/TR", windows_line([*program, *reminder.args])]
    if reminder.weekdays_only:
        words += ["/SC", "WEEKLY", "/D", ",".join(d.upper() for d in WEEKDAYS)]
    else:
        words += ["/SC", "DAILY"]
    words += ["/ST", clock_text(first)]
    if len(reminder.times) > 1:
        every = reminder.times[1] - first
        words += ["/RI", str(every), "/DU", clock_text(last - first + 1)]
    return [*words, "/F"]


def schtasks_delete(name: str) -> list[str]:
    return ["schtasks", "/Delete", "/TN", f"movecoach {name}", "/F"]


def schtasks_query(name: str) -> list[str]:
    return ["schtasks", "/Query", "/TN", f"movecoach {name}"]


# --- reading an installed timer back ------------------------------------------------------------


def read_schedule(name: str, text: str) -> str | None:
    """The schedule, in words, of a timer file movecoach wrote (None for one it cannot
    read): a systemd unit says it in its description, a launchd agent in its intervals."""
    if name.endswith(".plist"):
        return _plist_schedule(text)
    for line in text.splitlines():
        if line.startswith("Description=") and line.endswith(")") and " (" in line:
            return line[line.index(" (") + 2 : -1]
    return None


def _plist_schedule(text: str) -> str | None:
    try:
        agent = plistlib.loads(text.encode("utf-8"))
        intervals = agent["StartCalendarInterval"]
        times = sorted({int(i["Hour"]) * 60 + int(i["Minute"]) for i in intervals})
        weekdays = {i.get("Weekday") for i in intervals}
    except (plistlib.InvalidFileException, ValueError, KeyError, TypeError, AttributeError):
        return None
    return Reminder("", tuple(times), weekdays == {1, 2, 3, 4, 5}, ()).schedule
