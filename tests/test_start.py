"""`movecoach start` end to end: the dry run, refusals, the scripted (`--no-input`) session in
process with a fake clock and as a real process under faketime, and the interactive session
in tmux, keys and questions included."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.ui import live

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)
MOVECOACH = Path(sys.executable).parent / "movecoach"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 18, 45, 31))


class FakeTime:
    """Stands in for the `time` module inside live.py: sleeping moves the monotonic clock."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept = 0.0
        self.on_sleep: Callable[[float], None] | None = None

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds + 0.003  # every wake-up is a little late
        self.slept += seconds
        if self.on_sleep is not None:
            self.on_sleep(self.now)


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(live, "time", fake)
    return fake


def plan_of(run, *args: str) -> dict:
    return json.loads(run("today", "--json", *args, ok=True).stdout)


def logged(run) -> list[dict]:
    return json.loads(run("sessions", "--json", "--limit", "0", ok=True).stdout)


def test_dry_run_prints_the_timeline_and_writes_nothing(run, home: Path) -> None:
    plan = plan_of(run, "-m", "20", "-p", "3")
    result = run("start", "--dry-run", "-m", "20", "-p", "3", "--rest", "30", ok=True)
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["0:00", "0:05", "get", "ready"] in rows  # the lead-in, 5 s unless asked
    offset = 5
    for number, exercise in enumerate(plan["exercises"], 1):
        if number > 1:
            assert [f"{offset // 60}:{offset % 60:02d}", "0:30", "rest"] in rows
            offset += 30
        row = next(r for r in rows if r[2:3] == [f"{number}."])
        assert row[:2] == [f"{offset // 60}:{offset % 60:02d}", f"{exercise['minutes']}:00"]
        assert " ".join(row[3:]) == exercise["name"]
        offset += exercise["minutes"] * 60
    assert [f"{offset // 60}:{offset % 60:02d}", "end"] in rows
    assert not home.exists()
    none = run("start", "--dry-run", "-m", "20", "-p", "3", "--lead-in", "0", ok=True).stdout
    assert "get ready" not in none
    first = f"{plan['exercises'][0]['minutes']}:00"
    assert [line.split()[:2] for line in none.splitlines() if " 1. " in line] == [["0:00", first]]


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["--rest", "121"], "--rest"),
        (["--rest", "-1"], "--rest"),
        (["--minutes", "4"], "--minutes"),
        (["--pain", "11"], "--pain"),
        (["--pain-after", "11"], "--pain-after"),
        (["--lead-in", "61"], "--lead-in"),
        (["--equipment", "rocket"], "rocket"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(run, home: Path, args, word) -> None:
    result = run("start", "--no-input", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert word in result.stderr
    assert not home.exists()


def test_a_broken_log_refuses_before_the_session_starts(run, home: Path, fake_time) -> None:
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_text("[[session]\n")
    result = run("start", "--no-input", "-m", "5")
    assert result.exit_code == 2
    assert "2026.toml" in result.stderr
    assert fake_time.slept == 0
    assert "Exercise" not in result.stdout


def test_no_input_runs_the_plan_and_logs_it(run, home: Path, fake_time: FakeTime) -> None:
    seed(home, session(TODAY - dt.timedelta(days=1)))
    plan = plan_of(run, "-m", "10", "-p", "2")
    result = run(
        "start", "--no-input", "-m", "10", "-p", "2", "--pain-after", "1", "--rest", "20", ok=True
    )
    out = result.stdout
    assert "To stop safely" in out
    assert out.index("To stop safely") < out.index("[0:00] Get ready:")
    assert out.index("[0:00] Get ready:") < out.index("[0:05] Exercise 1 of")
    for exercise in plan["exercises"]:
        assert exercise["name"] in out
        assert exercise["steps"][0].split()[0] in out
    assert out.count("Rest for 0:20") == len(plan["exercises"]) - 1
    expected = 5 + plan["total_minutes"] * 60 + 20 * (len(plan["exercises"]) - 1)
    assert fake_time.now - 100 == pytest.approx(expected, abs=1)  # the real time, waited
    assert "Logged" in out
    assert "Streak: 2 days" in out
    newest = logged(run)[0]
    assert newest["exercises"] == [e["id"] for e in plan["exercises"]]
    assert newest["minutes"] == plan["total_minutes"]  # rests are not counted
    assert (newest["pain_before"], newest["pain_after"]) == (2, 1)
    assert (newest["date"], newest["time"]) == ("2026-03-10", "18:45")
    assert "ease off" not in out


def test_no_input_with_no_log_writes_nothing(run, home: Path, fake_time: FakeTime) -> None:
    result = run("start", "--no-input", "-m", "5", "--no-log", "--rest", "0", ok=True)
    assert "Not logged." in result.stdout
    assert not home.exists()


def test_ctrl_c_stops_early_and_logs_what_was_done(run, fake_time: FakeTime) -> None:
    plan = plan_of(run, "-m", "15", "-p", "3")
    first = plan["exercises"][0]
    stop_at = 100 + 5 + first["minutes"] * 60 + 15 + 45  # 45 s into the second exercise

    def interrupt(now: float) -> None:
        if now >= stop_at:
            raise KeyboardInterrupt

    fake_time.on_sleep = interrupt
    result = run("start", "--no-input", "-m", "15", "-p", "3", ok=True)
    assert "Stopped early" in result.stdout
    stop_screen = " ".join(result.stdout.split("Stopped early", 1)[1].replace("│", " ").split())
    assert "go to A&E now" in stop_screen  # the stop screen repeats when to get help
    (only,) = logged(run)
    assert only["exercises"] == [first["id"], plan["exercises"][1]["id"]]
    assert only["minutes"] == round((first["minutes"] * 60 + 45) / 60)  # the rest not counted


def test_pain_rising_two_points_ends_with_four_short_lines_under_the_logged_one(
    run, fake_time: FakeTime
) -> None:
    result = run("start", "--no-input", "-m", "5", "-p", "2", "--pain-after", "4", ok=True)
    lines = result.stdout.splitlines()
    logged_at = next(n for n, line in enumerate(lines) if line.startswith("Logged"))
    assert lines[logged_at + 1 :] == [
        "Pain rose 2 points (2 → 4): too much.",
        "Next time, ease off: shorter, gentler.",
        "If it has not settled by tomorrow,",
        "run `movecoach safety` for what to do.",
    ]
    assert all(len(line) <= 40 for line in lines[logged_at + 1 :])
    calm = run("start", "--no-input", "-m", "5", "-p", "2", "--pain-after", "3", ok=True)
    assert calm.stdout.splitlines()[-2:] == [  # a rise of 1 is fine, and said so briefly
        "Pain rose 1 point (2 → 3).",
        "A rise of 1 is normal and fine.",
    ]


def test_a_rise_of_one_is_called_fine(run, fake_time: FakeTime) -> None:
    result = run("start", "--no-input", "-m", "5", "-p", "2", "--pain-after", "3", ok=True)
    assert "Pain rose 1 point (2 → 3).\nA rise of 1 is normal and fine." in result.stdout
    assert "ease off" not in result.stdout


def test_leg_pain_is_logged_and_a_rise_of_two_eases_off(run, fake_time: FakeTime) -> None:
    result = run(
        "start", "--no-input", "-m", "5", "-p", "3", "--pain-after", "3", "--leg-pain", "2",
        "--leg-pain-after", "4", ok=True,
    )  # fmt: skip
    assert "Leg pain rose 2 points (2 → 4): too much." in result.stdout
    assert "ease off" in result.stdout
    (only,) = logged(run)
    assert (only["leg_pain_before"], only["leg_pain_after"]) == (2, 4)


def test_start_and_help_do_not_load_rich(home: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from movecoach.cli import app\n"
        "for args in (['--help'], ['start', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        app(args, standalone_mode=False)\n"
        "print(','.join(m for m in ('rich', 'movecoach.ui.live') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# --- real processes -------------------------------------------------------------------------


def env_for(home: Path) -> dict[str, str]:
    env = {**os.environ, "MOVECOACH_HOME": str(home), "NO_COLOR": "1", "HISTFILE": "/dev/null"}
    env.pop("FAKETIME", None)
    return env


def plan_json(home: Path, *args: str) -> dict:
    found = subprocess.run(
        [str(MOVECOACH), "today", "--json", *args],
        env=env_for(home),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(found.stdout)


def sessions_in(home: Path) -> list[dict]:
    found = []
    for path in sorted((home / "log").glob("*.toml")):
        found += tomllib.loads(path.read_text()).get("session", [])
    return found


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime is not installed")
def test_no_input_session_in_real_time_under_faketime(home: Path) -> None:
    """Five minutes of session at 60 times speed: about five seconds."""
    plan = plan_json(home, "-m", "5", "-p", "2")
    args = ["start", "--no-input", "--minutes", "5", "--pain", "2", "--pain-after", "1"]
    began = time.monotonic()
    result = subprocess.run(
        ["faketime", "-f", "+0 x60", str(MOVECOACH), *args, "--rest", "0"],
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    took = time.monotonic() - began
    assert result.returncode == 0, result.stderr
    assert 4 < took < 30, took  # it waited (sped up), and did not hang
    count = len(plan["exercises"])
    assert f"[5:05] Session over: {count} of {count} exercises done." in result.stdout
    (only,) = sessions_in(home)
    assert only["exercises"] == [e["id"] for e in plan["exercises"]]
    assert (only["pain_before"], only["pain_after"]) == (2, 1)
    assert only["minutes"] == plan["total_minutes"]


@pytest.mark.slow
def test_sigterm_ends_a_session_without_logging(home: Path) -> None:
    proc = subprocess.Popen(
        [str(MOVECOACH), "start", "--no-input", "-m", "5", "-p", "2"],
        env=env_for(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(30, proc.kill)  # never wait out the 5 minutes if it hangs
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # output is flushed as it goes: the first exercise shows
            if "Exercise 1 of" in line:
                break
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        watchdog.cancel()
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM
    assert "SIGTERM" in err
    assert "nothing logged" in err
    assert sessions_in(home) == []


# --- the interactive session, in tmux -------------------------------------------------------


class Tmux:
    """A private tmux server (its own socket) with one fixed-size window running a plain shell."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.base = ["tmux", "-L", socket]
        self.env = env
        self.socket_path: str | None = None

    def __call__(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], env=self.env, capture_output=True, text=True, check=True
        ).stdout

    def start(self, home: Path) -> None:
        self(
            "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "50",
            "-e", f"MOVECOACH_HOME={home}",
            "env", "PS1=$ ", "bash", "--norc", "--noprofile", "--noediting",
        )  # fmt: skip
        # --noediting: no readline, so what the shell shows is what the terminal itself echoes.
        self.socket_path = self("display-message", "-p", "#{socket_path}").strip()

    def keys(self, *keys: str) -> None:
        self("send-keys", "-t", "0", *keys)

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "0")

    def wait_for(self, predicate: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout} s for {what}; the screen shows:\n{screen}")
            time.sleep(0.1)

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], env=self.env, capture_output=True)
        if self.socket_path:  # tmux leaves its socket file behind
            Path(self.socket_path).unlink(missing_ok=True)


def started_tmux(home: Path) -> Tmux:
    env = env_for(home)
    env.pop("TMUX", None)
    tmux = Tmux(f"movecoach-test-{os.getpid()}", env)
    tmux.start(home)
    tmux.wait_for(lambda s: s.rstrip().endswith("$"), "the shell prompt")
    return tmux


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run does it)")
def test_interactive_session_in_tmux(home: Path) -> None:
    """The lead-in counts down, a pause stops the clock and says so, `n` keeps the time
    spent, and the terminal is put back as it was."""
    plan = plan_json(home, "-m", "5", "-p", "2")
    count = len(plan["exercises"])
    assert count >= 2
    first, second = plan["exercises"][0], plan["exercises"][1]
    countdown = re.compile(r"(\d+):(\d\d) left")
    tmux = started_tmux(home)
    try:
        tmux.keys(f"{MOVECOACH} start -m 5 --rest 5 --lead-in 2", "Enter")
        tmux.wait_for(lambda s: "pain right now" in s, "the pain question")
        tmux.keys("2", "Enter")
        ready = tmux.wait_for(lambda s: "Get ready for" in s, "the lead-in")
        assert f"Get ready for {first['name']}" in ready
        assert "To stop safely" in ready
        screen = tmux.wait_for(
            lambda s: f"Exercise 1 of {count}" in s and "Get ready" not in s
            and countdown.search(s) is not None,
            "the first exercise, after the lead-in",
        )  # fmt: skip
        assert "░" in screen  # the progress bar
        shown = countdown.search(screen).group()  # type: ignore[union-attr]
        tmux.wait_for(
            lambda s: (m := countdown.search(s)) is not None and m.group() != shown,
            "the first countdown to move",
        )
        tmux.keys("Space")
        paused = tmux.wait_for(lambda s: "paused · space to go on" in s, "the paused footer")
        held = countdown.search(paused)
        assert held is not None
        time.sleep(1.2)  # more than a second: a running clock would have moved
        assert countdown.search(tmux.screen()).group() == held.group()  # type: ignore[union-attr]
        tmux.keys("Space")
        tmux.wait_for(lambda s: "paused" not in s, "the session to go on")
        tmux.keys("n")  # move on: the time spent in the first exercise counts
        tmux.wait_for(lambda s: f"Exercise 2 of {count}" in s, "the second exercise")
        tmux.keys("q")
        tmux.wait_for(lambda s: "pain now" in s, "the pain-after question")
        tmux.keys("1", "Enter")
        tmux.wait_for(lambda s: "Log this session" in s, "the log question")
        tmux.keys("Enter")
        done = tmux.wait_for(lambda s: "Streak:" in s, "the logged line")
        assert "Stopped early" in done
        assert "skipped" not in done
        # The terminal is back in line mode: typed text echoes, and Enter runs it.
        tmux.wait_for(lambda s: s.rstrip().endswith("$"), "the prompt after the session")
        tmux.keys("echo terminal-is-back")
        tmux.wait_for(lambda s: "$ echo terminal-is-back" in s, "typed text echoed")
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "\nterminal-is-back" in s, "the shell running the command")
        tmux.keys("stty -a | tr ' ;' '\\n\\n' | grep -xE -e -?icanon -e -?echo; echo stty-done")
        tmux.keys("Enter")
        modes = tmux.wait_for(lambda s: "\nstty-done" in s, "stty's answer")
        assert "\nicanon\necho\n" in modes  # line mode and echo, not -icanon or -echo
    finally:
        tmux.kill()
    (only,) = sessions_in(home)
    assert only["exercises"] == [first["id"], second["id"]]  # `n` kept the first one's time
    assert (only["pain_before"], only["pain_after"], only["minutes"]) == (2, 1, 1)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run does it)")
def test_plain_mode_on_a_dumb_terminal_in_tmux(home: Path) -> None:
    """TERM=dumb: a line for each change and nothing redrawn, and the keys still work."""
    plan = plan_json(home, "-m", "5", "-p", "2")
    first = plan["exercises"][0]
    tmux = started_tmux(home)  # tmux sets TERM in its panes: set it for the one command
    try:
        tmux.keys(f"TERM=dumb {MOVECOACH} start -m 5 -p 2 --rest 0 --lead-in 1", "Enter")
        tmux.wait_for(lambda s: "[0:01] Exercise 1 of" in s, "the first exercise's line")
        time.sleep(1.1)  # more than a second in the exercise: `n` then keeps it
        tmux.keys("Space")
        tmux.wait_for(lambda s: "Paused. Press space to go on." in s, "the paused line")
        tmux.keys("Space", "n")
        moved = tmux.wait_for(lambda s: "Exercise 2 of" in s, "the second exercise's line")
        assert f"Moved on from {first['name']}" in moved
        tmux.keys("q")
        tmux.wait_for(lambda s: "pain now" in s, "the pain-after question")
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "Log this session" in s, "the log question")
        tmux.keys("n", "Enter")
        screen = tmux.wait_for(lambda s: "Not logged." in s, "the end")
    finally:
        tmux.kill()
    lines = screen.splitlines()
    changes = [line for line in lines if line.startswith("[")]
    assert changes[0] == f"[0:00] Get ready: {first['name']} starts in 0:01."
    assert changes[1].startswith("[0:01] Exercise 1 of")
    assert changes[3].endswith("Going on.")
    # every change kept its own line: nothing was drawn over (the lines stay in order)
    assert [c.split("] ", 1)[1].split(" ")[0] for c in changes[:4]] == [
        "Get", "Exercise", "Paused.", "Going",
    ]  # fmt: skip
    assert not any(ch in screen for ch in "┃│╭─")
    assert sessions_in(home) == []


# --- the questions, with a stand-in for the terminal player --------------------------------


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """`start` believes stdin is a terminal; the player runs 130 s of session, then `q`:
    the whole first exercise (if it is 2 minutes) or part of it."""
    from movecoach.core import guide

    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)
    played: list[float] = []

    def player(timeline: guide.Timeline, console, **options) -> guide.State:
        played.append(timeline.total_seconds)
        return guide.begin(timeline, 0.0).tick(130.0).stop(130.0)

    monkeypatch.setattr(live, "run_interactive", player)
    return played


def test_questions_ask_pain_before_and_after_then_log(run, on_a_terminal) -> None:
    plan = plan_of(run, "-m", "5", "-p", "4")
    result = run("start", "-m", "5", input="eleven\n4\n\n\n", ok=True)
    assert result.stdout.count("Please type a whole number from 0") == 1
    assert "pain right now" in result.stdout
    assert "Your back pain now" in result.stdout
    assert "Log this session" in result.stdout
    (only,) = logged(run)
    assert (only["pain_before"], only["pain_after"]) == (4, None)
    assert only["exercises"][0] == plan["exercises"][0]["id"]
    assert on_a_terminal == [5 + plan["total_minutes"] * 60 + 15 * (len(plan["exercises"]) - 1)]


def test_answering_no_logs_nothing(run, home: Path, on_a_terminal) -> None:
    result = run("start", "-m", "5", "-p", "1", "--pain-after", "4", input="n\n", ok=True)
    assert "pain now" not in result.stdout  # --pain-after answers it
    assert "Not logged." in result.stdout
    assert "ease off" in result.stdout  # 1 -> 4: ease off, whether logged or not
    assert logged(run) == []


def test_ctrl_c_at_a_question_logs_nothing_and_says_how_to_log_later(run, on_a_terminal) -> None:
    result = run("start", "-m", "5", "-p", "3", input="")  # end of input: as Ctrl-C
    assert result.exit_code == 0
    assert "Not logged. To log it later: movecoach log -m 2 -x " in result.stdout
    assert "--pain-before 3" in result.stdout
    assert logged(run) == []


def test_ctrl_c_at_the_first_question_stops_before_anything_starts(run, on_a_terminal) -> None:
    result = run("start", "-m", "5", input="")
    assert result.exit_code == 0
    assert "nothing logged" in result.stdout
    assert on_a_terminal == []


def test_leg_pain_given_before_is_asked_again_after(run, on_a_terminal) -> None:
    result = run("start", "-m", "5", "-p", "3", "--leg-pain", "3", input="3\n6\n\n", ok=True)
    assert "Your leg pain now" in result.stdout
    assert "Leg pain rose 3 points (3 → 6): too much." in result.stdout
    (only,) = logged(run)
    assert (only["pain_after"], only["leg_pain_before"], only["leg_pain_after"]) == (3, 3, 6)


def test_without_leg_pain_before_no_leg_question(run, on_a_terminal) -> None:
    result = run("start", "-m", "5", "-p", "3", input="3\n\n", ok=True)
    assert "Your leg pain now" not in result.stdout


def test_with_leg_pain_the_plan_holds_a_slider_and_the_stop_screens_speak_of_the_leg(
    run, fake_time: FakeTime
) -> None:
    plan = plan_of(run, "-m", "10", "-p", "3", "--leg-pain", "3")
    assert any("nerve" in e["tags"] and not e["end_range"] for e in plan["exercises"])
    assert any("further down your leg" in note for note in plan["notes"])
    first = plan["exercises"][0]
    stop_at = 100 + first["minutes"] * 60 + 5

    def interrupt(now: float) -> None:
        if now >= stop_at:
            raise KeyboardInterrupt

    fake_time.on_sleep = interrupt
    result = run("start", "--no-input", "-m", "10", "-p", "3", "--leg-pain", "3", ok=True)
    text = " ".join(result.stdout.replace("│", " ").split())
    intro, stopped = text.split("Stopped early", 1)
    assert "stop any move that sends pain further down your leg" in intro
    assert "stop any move that sends pain further down your leg" in stopped
    calm = run("start", "--dry-run", "-m", "10", "-p", "3", ok=True).stdout
    assert "further down your leg" not in calm


def test_start_takes_no_adapt_like_today(run, home: Path) -> None:
    seed(home, *(session(TODAY - dt.timedelta(days=d), minutes=6) for d in range(1, 15)))
    paced = run("start", "--dry-run", "-p", "2", ok=True).stdout
    plain = run("start", "--dry-run", "-p", "2", "--no-adapt", ok=True).stdout
    today = plan_of(run, "-p", "2", "--no-adapt")
    assert all(e["name"] in plain for e in today["exercises"])
    assert paced != plain


def test_speak_without_a_voice_says_so_in_one_line_and_goes_on(
    run, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movecoach.ui import speech

    monkeypatch.setattr(speech.shutil, "which", lambda name: None)
    result = run("start", "--no-input", "--speak", "-m", "5", "-p", "2", ok=True)
    assert result.stderr == f"movecoach: {speech.NONE_INSTALLED}\n"
    assert "Session over" in result.stdout
    assert len(logged(run)) == 1


def test_speak_says_each_change_through_the_voice_found(
    run, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movecoach.ui import speech

    said: list[str] = []
    monkeypatch.setattr(speech.shutil, "which", lambda name: f"/bin/{name}")
    monkeypatch.setattr(speech.Speaker, "say", lambda self, text: said.append(text))
    result = run("start", "--no-input", "--speak", "-m", "5", "-p", "2", "--rest", "0", ok=True)
    assert result.stderr == ""
    assert said[0].startswith("Get ready:")
    assert said[1].startswith("Exercise 1 of")
    assert said[-1] == "Session over."


def test_a_session_collects_cycles_though_a_command_starts_without(run, fake_time) -> None:
    """The entry point turns the cyclic collector off for a short command; a session runs
    for minutes, so it turns it back on."""
    import gc

    gc.disable()
    try:
        run("start", "--no-input", "-m", "5", "--no-log", "--rest", "0", ok=True)
        assert gc.isenabled()
    finally:
        gc.enable()
