"""The timers `movecoach remind` installs (`core.timers`): the reminders, a systemd unit, a
launchd agent and a schtasks command, each built from plain values, quoted for its platform
and read back."""

from __future__ import annotations

import plistlib
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import timers
from movecoach.errors import InputError


@given(st.text(st.characters(exclude_characters="\x00"), max_size=30))
def test_windows_quoting_matches_pythons_own(word: str) -> None:
    assert timers.windows_quote(word) == subprocess.list2cmdline([word])


@pytest.mark.parametrize(
    ("word", "quoted"),
    [
        ("/usr/bin/movecoach", "/usr/bin/movecoach"),
        ("/home/sam/My Apps/movecoach", '"/home/sam/My Apps/movecoach"'),
        ("50%", "50%%"),
        ("$HOME", "$$HOME"),
        ('say "hi"', '"say \\"hi\\""'),
    ],
)
def test_systemd_quoting(word: str, quoted: str) -> None:
    assert timers.systemd_quote(word) == quoted


def test_each_platform_reads_its_schedule_back() -> None:
    reminder = timers.desk_breaks(60, 9 * 60, 12 * 60)
    assert reminder.schedule == "Monday to Friday at 10:00, 11:00, 12:00"
    units = timers.systemd_units(reminder, ["movecoach"], {})
    plist = timers.launchd_plist(reminder, ["movecoach"], {})
    for name, text in (*units.items(), *plist.items()):
        assert timers.read_schedule(name, text) == reminder.schedule
    assert timers.read_schedule("x.plist", "not a plist") is None


def test_a_desk_break_timer_needs_room_in_the_day() -> None:
    with pytest.raises(InputError, match="does not fit"):
        timers.desk_breaks(120, 9 * 60, 10 * 60)


# --- the reminders --------------------------------------------------------------------------------


def test_the_daily_nudge_runs_every_day_as_a_quiet_notification() -> None:
    reminder = timers.daily(18 * 60 + 30)
    assert reminder == timers.Reminder("nudge", (1110,), False, ("nudge", "--notify", "--quiet"))
    assert reminder.schedule == "every day at 18:30"
    assert (reminder.unit, reminder.label, reminder.task) == (
        "movecoach-nudge",
        "movecoach.nudge",
        "movecoach nudge",
    )


def test_desk_breaks_start_one_step_in_and_run_up_to_the_end_of_the_hours() -> None:
    reminder = timers.desk_breaks(90, 9 * 60, 17 * 60)
    assert reminder.times == (630, 720, 810, 900, 990)  # 10:30 ... 16:30; 18:00 is too late
    assert reminder.weekdays_only
    assert reminder.args == (
        "nudge", "--break", "--every", "90m", "--between", "09:00-17:00", "--notify", "--quiet"
    )  # fmt: skip
    assert timers.desk_breaks(60, 9 * 60, 10 * 60).times == (600,)  # the end is included
    assert reminder.unit == "movecoach-break"


def test_desk_break_checks_are_15_minutes_apart_at_least() -> None:
    assert timers.desk_breaks(timers.SHORTEST_EVERY, 540, 600).times == (555, 570, 585, 600)
    with pytest.raises(InputError) as caught:
        timers.desk_breaks(14, 540, 600)
    assert str(caught.value) == "--every must be 15m or more, got 14m"
    with pytest.raises(InputError) as caught:
        timers.desk_breaks(61, 540, 600)
    assert str(caught.value) == "--every 61m does not fit between 09:00 and 10:00"


# --- Linux ----------------------------------------------------------------------------------------


def test_a_systemd_service_runs_the_nudge_once_and_a_timer_starts_it() -> None:
    env = {"MOVECOACH_HOME": "/home/sam/My Data", "B": "2"}
    files = timers.systemd_units(timers.daily(18 * 60), ["/opt/mc/movecoach"], env)
    assert files == {
        "movecoach-nudge.service": (
            "[Unit]\nDescription=movecoach nudge (every day at 18:00)\n\n"
            "[Service]\nType=oneshot\n"
            "ExecStart=/opt/mc/movecoach nudge --notify --quiet\n"
            "Environment=B=2\n"
            'Environment="MOVECOACH_HOME=/home/sam/My Data"\n'
            "SuccessExitStatus=1\n"
        ),
        "movecoach-nudge.timer": (
            "[Unit]\nDescription=movecoach nudge (every day at 18:00)\n\n"
            "[Timer]\nOnCalendar=*-*-* 18:00:00\n\n"
            "[Install]\nWantedBy=timers.target\n"
        ),
    }


def test_a_weekday_timer_names_its_days_on_each_time() -> None:
    timer = timers.systemd_units(timers.desk_breaks(120, 540, 780), ["movecoach"], {})
    assert "Environment" not in timer["movecoach-break.service"]
    assert (
        "OnCalendar=Mon..Fri *-*-* 11:00:00\nOnCalendar=Mon..Fri *-*-* 13:00:00\n"
        in (timer["movecoach-break.timer"])
    )


def test_an_empty_word_is_quoted_for_systemd() -> None:
    assert timers.systemd_quote("") == '""'
    assert timers.systemd_quote("a\\b c") == '"a\\\\b c"'
    assert timers.systemd_quote("user@host:1,2+3=4") == "user@host:1,2+3=4"


# --- macOS ----------------------------------------------------------------------------------------


def test_a_launchd_agent_runs_the_program_at_each_time_of_each_weekday() -> None:
    reminder = timers.desk_breaks(60, 9 * 60, 11 * 60)
    ((name, text),) = timers.launchd_plist(
        reminder, ["/Apps/mc", "-m"], {"Z": "1", "A": "2"}
    ).items()
    agent = plistlib.loads(text.encode())
    assert name == "movecoach.break.plist"
    assert agent["Label"] == "movecoach.break"
    assert agent["ProgramArguments"] == ["/Apps/mc", "-m", *reminder.args]
    assert agent["RunAtLoad"] is False
    assert list(agent["EnvironmentVariables"].items()) == [("A", "2"), ("Z", "1")]
    assert agent["StartCalendarInterval"] == [
        {"Hour": hour, "Minute": 0, "Weekday": day} for day in range(1, 6) for hour in (10, 11)
    ]
    daily = plistlib.loads(
        timers.launchd_plist(timers.daily(61), ["mc"], {})["movecoach.nudge.plist"].encode()
    )
    assert daily["StartCalendarInterval"] == [{"Hour": 1, "Minute": 1}]
    assert "EnvironmentVariables" not in daily


# --- Windows --------------------------------------------------------------------------------------


def test_a_daily_task_is_one_schtasks_command() -> None:
    command = timers.schtasks_create(timers.daily(7 * 60 + 5), ["C:\\Program Files\\mc.exe"])
    assert command == [
        "schtasks", "/Create", "/TN", "movecoach nudge",
        "/TR", '"C:\\Program Files\\mc.exe" nudge --notify --quiet',
        "/SC", "DAILY", "/ST", "07:05", "/F",
    ]  # fmt: skip


def test_a_desk_break_task_repeats_through_the_working_day() -> None:
    command = timers.schtasks_create(timers.desk_breaks(30, 9 * 60, 10 * 60), ["mc"])
    assert command[-11:] == [
        "/SC", "WEEKLY", "/D", "MON,TUE,WED,THU,FRI", "/ST", "09:30", "/RI", "30", "/DU", "00:31",
        "/F",
    ]  # fmt: skip
    assert timers.windows_line(["a b", 'c"d', ""]) == '"a b" c\\"d ""'


def test_deleting_and_asking_name_the_task() -> None:
    assert timers.schtasks_delete("break") == [
        "schtasks",
        "/Delete",
        "/TN",
        "movecoach break",
        "/F",
    ]
    assert timers.schtasks_query("nudge") == ["schtasks", "/Query", "/TN", "movecoach nudge"]


# --- reading a timer back -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[Unit]\nDescription=movecoach nudge\n",  # no schedule in brackets
        "[Unit]\nDescription=someone else's (timer) here\n",
        "",
    ],
)
def test_a_unit_without_a_schedule_in_its_description_reads_as_none(text: str) -> None:
    assert timers.read_schedule("movecoach-nudge.timer", text) is None


@pytest.mark.parametrize(
    "agent",
    [
        {"Label": "x"},  # no intervals
        {"StartCalendarInterval": [{"Hour": 9}]},  # no minute
        {"StartCalendarInterval": [{"Hour": "nine", "Minute": 0}]},
        {"StartCalendarInterval": 3},
    ],
)
def test_an_agent_without_readable_times_reads_as_none(agent: dict[str, object]) -> None:
    text = plistlib.dumps(agent).decode()
    assert timers.read_schedule("movecoach.nudge.plist", text) is None
