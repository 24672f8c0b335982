"""The players in `live.py`, with scripted keys and a fake clock: no terminal, no waiting."""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Iterator

import pytest
from rich.console import Console

from movecoach.core import guide
from movecoach.core.guide import Phase, Status
from movecoach.ui import live, render

from .test_guide import plan

LINE = guide.timeline(plan(2, 1, 3), rest_seconds=15)  # 0-120 ex-1, rest, 135-195 ex-2, ...


class FakeClock:
    """A monotonic clock that moves only when the player waits, and wakes up a little late."""

    def __init__(self, late: float = 0.0) -> None:
        self.now = 5000.0
        self.late = late
        self.waits = 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits += 1
        self.now += seconds + self.late


def scripted_keys(clock: FakeClock, script: dict[float, str]) -> live.Keys:
    """Keys typed at given seconds into the session; waiting moves the fake clock."""
    start = clock.now
    pending: Iterator[tuple[float, str]] = iter(sorted(script.items()))
    upcoming = next(pending, None)

    def read(timeout: float) -> str:
        nonlocal upcoming
        if upcoming is not None and clock.now - start + timeout >= upcoming[0]:
            clock.now = start + max(upcoming[0], clock.now - start)
            keys = upcoming[1]
            upcoming = next(pending, None)
            return keys
        clock.sleep(timeout)
        return ""

    return read


def console(terminal: bool = False) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=80, color_system=None, force_terminal=terminal), out


def test_live_player_pauses_skips_and_stops_on_keys() -> None:
    clock = FakeClock()
    keys = scripted_keys(clock, {30: " ", 90: " ", 100: "n", 150: "q"})
    con, _ = console()
    state = live.play_live(LINE, con, keys, clock=clock.monotonic)
    assert state.phase is Phase.STOPPED
    assert state.paused_seconds == pytest.approx(60)
    assert [state.status(i) for i in range(3)] == [
        Status.PARTLY_DONE,  # `n` keeps its 40 s (30 before the pause, 10 after)
        Status.PARTLY_DONE,
        Status.NOT_STARTED,
    ]
    result = guide.outcome(state)
    assert result is not None
    assert result.exercise_ids == ("ex-1", "ex-2")
    assert result.seconds == pytest.approx(40 + 50)  # ex-2 from 100 s to 150 s


def test_live_player_treats_ctrl_c_as_stop() -> None:
    clock = FakeClock()
    calls = 0

    def keys(timeout: float) -> str:
        nonlocal calls
        calls += 1
        if calls > 50:
            raise KeyboardInterrupt
        clock.sleep(timeout)
        return ""

    con, _ = console()
    state = live.play_live(LINE, con, keys, clock=clock.monotonic)
    assert state.phase is Phase.STOPPED
    assert guide.outcome(state).exercise_ids == ("ex-1",)  # type: ignore[union-attr]


def test_live_player_rings_the_bell_at_each_change() -> None:
    clock = FakeClock()
    con, out = console(terminal=True)  # Rich writes the bell to terminals only
    short = guide.timeline(plan(1, 1), rest_seconds=5)

    def keys(timeout: float) -> str:  # wakes up every 3 s, late: a quick test all the same
        clock.now += 3
        return ""

    state = live.play_live(short, con, keys, clock=clock.monotonic, bell=True)
    assert state.phase is Phase.FINISHED
    assert out.getvalue().count("\a") == 3  # into the rest, into exercise 2, the end


def test_plain_player_prints_each_block_and_keeps_to_the_clock() -> None:
    clock = FakeClock(late=0.013)  # every sleep oversleeps by 13 ms
    con, out = console()
    state = live.play_plain(LINE, con, clock=clock.monotonic, sleep=clock.sleep)
    assert state.phase is Phase.FINISHED
    assert state.wall_seconds == pytest.approx(LINE.total_seconds)
    assert clock.waits * live.STEP_SECONDS < LINE.total_seconds - 1, "sleeps alone would drift"
    text = out.getvalue()
    for line in (
        "[0:00] Exercise 1 of 3: Ex 1, 2:00.",
        "[2:00] Rest for 0:15. Next: Ex 2.",
        "[2:15] Exercise 2 of 3: Ex 2, 1:00.",
        "[3:30] Exercise 3 of 3: Ex 3, 3:00.",
        "Move gently.",
        "Caution: Keep it easy.",
    ):
        assert line in text


def test_plain_player_stops_on_ctrl_c() -> None:
    clock = FakeClock()

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        if clock.now - 5000 > 140:
            raise KeyboardInterrupt

    con, _ = console()
    state = live.play_plain(LINE, con, clock=clock.monotonic, sleep=sleep)
    assert state.phase is Phase.STOPPED
    assert guide.outcome(state).exercise_ids == ("ex-1", "ex-2")  # type: ignore[union-attr]


def test_screen_shows_the_exercise_countdown_and_what_comes_next() -> None:
    state = guide.begin(LINE, 0.0).tick(15.2)
    con, out = console()
    con.print(render.guide_screen(state))
    text = out.getvalue()
    assert "Ex 1 · 1:45 left" in text
    assert "Exercise 1 of 3: Ex 1" in text
    assert "Dose: 10 times" in text
    assert "standing" in text
    assert "Caution: Keep it easy." in text
    assert "Next: a 0:15 rest, then 2. Ex 2 (1 min, standing)." in text
    assert "█" in text
    assert "q stop" in text
    paused = render.guide_screen(state.pause(16.0).tick(100.0))
    con.print(paused)
    assert "PAUSED" in out.getvalue()


def test_rest_screen_shows_the_next_exercise() -> None:
    state = guide.begin(LINE, 0.0).tick(125.0)
    con, out = console()
    con.print(render.guide_screen(state))
    assert "Rest before Ex 2 · 0:10 left" in out.getvalue()
    assert "Exercise 2 of 3: Ex 2" in out.getvalue()


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59.9, "0:59"), (125, "2:05"), (3725, "1:02:05")]
)
def test_clock(seconds: float, text: str) -> None:
    assert render.clock(seconds) == text


def test_countdown_rounds_up() -> None:
    assert [render.countdown(s) for s in (120, 119.2, 0.4, 0)] == ["2:00", "2:00", "0:01", "0:00"]


def test_timeline_view_lists_every_block_with_its_start() -> None:
    con, out = console()
    con.print(render.timeline_view(LINE, dt.date(2026, 3, 10)))
    rows = [line.split() for line in out.getvalue().splitlines()]
    assert ["0:00", "2:00", "1.", "Ex", "1"] in rows
    assert ["2:00", "0:15", "rest"] in rows
    assert ["3:30", "3:00", "3.", "Ex", "3"] in rows
    assert ["6:30", "end"] in rows


LEAD = guide.timeline(plan(2, 1), rest_seconds=10, lead_in=5)


def test_line_player_says_each_change_in_one_line_and_keys_work() -> None:
    clock = FakeClock()
    keys = scripted_keys(clock, {40: " ", 100: " ", 110: "n", 140: "q"})
    con, out = console()
    said: list[str] = []
    state = live.play_lines(LEAD, con, keys, clock=clock.monotonic, speak=said.append)
    assert state.phase is Phase.STOPPED
    lines = out.getvalue().splitlines()
    changes = [line for line in lines if line.startswith("[")]
    assert changes == [
        "[0:00] Get ready: Ex 1 starts in 0:05.",
        "[0:05] Exercise 1 of 2: Ex 1, 2:00.",
        "[0:40] Paused. Press space to go on.",
        "[0:40] Going on.",
        "[0:50] Moved on from Ex 1; its 0:45 count.",
        "[0:50] Exercise 2 of 2: Ex 2, 1:00.",
    ]
    assert "  Caution: Keep it easy." in lines
    assert all("\x1b" not in line for line in lines)  # no cursor movement, no colour
    assert said[0] == "Get ready: Ex 1 starts in 0:05."
    assert said[-1] == "Session over."
    assert guide.outcome(state).seconds == pytest.approx(45 + 30)  # type: ignore[union-attr]


def test_line_player_marks_the_halfway_point() -> None:
    clock = FakeClock()
    con, out = console()
    live.play_plain(LEAD, con, clock=clock.monotonic, sleep=clock.sleep)
    assert "[1:05] Halfway through Ex 1: 1:00 left." in out.getvalue()
    assert "[2:45] Halfway through Ex 2: 0:30 left." in out.getvalue()


def test_the_live_screen_counts_down_the_lead_in_and_says_paused() -> None:
    con, out = console()
    con.print(render.guide_screen(guide.begin(LEAD, 0.0).tick(2.0)))
    assert "Get ready for Ex 1 · 0:03 left" in out.getvalue()
    paused = guide.begin(LEAD, 0.0).tick(20.0).pause(20.0).tick(80.0)
    con.print(render.guide_screen(paused))
    footer = [line for line in out.getvalue().splitlines() if "q stop" in line][-1]
    assert "paused · space to go on" in footer
    assert "session 0:20 of 3:15" in footer  # the clock stopped at the pause


def test_speech_never_waits_for_the_voice(tmp_path) -> None:
    """A voice that takes 3 s a sentence: the player's clock is not held up by it."""
    import time as real_time

    from movecoach.ui import speech

    slow = tmp_path / "espeak-ng"
    slow.write_text(f'#!/bin/sh\necho "$2" >> {tmp_path}/said\nsleep 3\n')
    slow.chmod(0o755)
    speaker = speech.Speaker(which=lambda name: str(slow) if name == "espeak-ng" else None)
    assert speaker.found
    clock = FakeClock()
    con, _ = console()
    began = real_time.monotonic()
    live.play_plain(LEAD, con, clock=clock.monotonic, sleep=clock.sleep, speak=speaker.say)
    assert real_time.monotonic() - began < 2
    said = tmp_path / "said"
    deadline = real_time.monotonic() + 5
    while "Session over." not in (said.read_text() if said.exists() else ""):
        assert real_time.monotonic() < deadline, "the last sentence was never spoken"
        real_time.sleep(0.05)


def test_no_voice_installed_is_found_out() -> None:
    from movecoach.ui import speech

    assert not speech.Speaker(which=lambda name: None).found


class FakeConsole:
    """msvcrt's console keys: `typed` arrive one by one; an arrow key is two codes."""

    def __init__(self, typed: list[str]) -> None:
        self.typed = typed

    def kbhit(self) -> bool:
        return bool(self.typed)

    def getwch(self) -> str:
        return self.typed.pop(0)


def test_windows_keys_come_from_getwch_and_skip_arrow_keys() -> None:
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    fake = FakeConsole([" ", "\xe0", "H", "n"])
    with live.console_keys(fake, clock=lambda: now[0], sleep=sleep) as keys:
        assert keys(0.2) == " n"
        assert now[0] == 0.0, "keys waiting: no sleep"
        assert keys(0.2) == ""
        assert now[0] >= 0.2, "no keys: waits out the timeout"
        fake.typed.append("q")
        assert keys(0.2) == "q"


def test_on_windows_the_guide_reads_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "msvcrt", FakeConsole([]))
    with live.keys_for("win32") as keys:
        assert keys(0) == ""
