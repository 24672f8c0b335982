"""Play a `guide` session: a Rich Live screen with keys on a terminal, or plain lines.

The line player prints one line per change (the lead-in, each exercise with its steps, its
halfway point, each rest, a pause, `n`), with no cursor movement, for screen readers
(`--plain`, with keys) and for scripts (`--no-input`, without). Every player can say each
change aloud (`--speak`). They read `time.monotonic` and hand each reading to the state
machine, which measures everything from clock differences; sleeping and waiting for keys
only decide how often that happens. They return the finished state; the CLI asks the
questions and writes the log.

The interactive player puts the terminal in cbreak mode (keys arrive one at a time, unechoed;
Ctrl-C still raises KeyboardInterrupt) and always puts it back, on every way out: the end of
the session, `q`, Ctrl-C, SIGTERM or SIGHUP, or an error. `termios` and `tty` are imported
only then (they do not exist on Windows, and a dry run or a plain session never needs them);
on Windows the keys come from the console with `msvcrt.getwch`, which needs no mode.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

from rich.console import Console
from rich.live import Live

from movecoach.core import guide
from movecoach.errors import Stopped
from movecoach.ui import render

# Wait for keys (or sleep) at most this long between looks at the clock: the countdown
# redraws at least this often, well over the once a second it needs.
STEP_SECONDS = 0.2

Keys = Callable[[float], str]  # wait up to this many seconds; return the keys typed, maybe ""
Clock = Callable[[], float]
Speak = Callable[[str], None]  # say a sentence aloud, without waiting for it
Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    """SIGTERM or SIGHUP: the session ends at once, with nothing asked or logged."""
    name = signal.Signals(signum).name
    raise Stopped(f"stopped by {name}; nothing logged", exit_code=128 + signum)


@contextlib.contextmanager
def ending_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped`, so every `finally` on the way out runs."""
    previous: dict[signal.Signals, Handler] = {}
    ending = [signal.SIGTERM, getattr(signal, "SIGHUP", None)]  # Windows has no SIGHUP
    try:
        for signum in (s for s in ending if s is not None):
            previous[signum] = signal.signal(signum, _raise_terminated)
    except ValueError:  # not the main thread: leave the defaults alone
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: set outside Python, cannot be put back from here
                signal.signal(signum, handler)


@contextlib.contextmanager
def terminal_keys(fd: int) -> Iterator[Keys]:
    """Read single keys from the terminal `fd`; its settings are restored however we leave."""
    import select
    import termios
    import tty

    saved = termios.tcgetattr(fd)

    def cbreak() -> None:
        tty.setcbreak(fd, termios.TCSANOW)

    def resumed(signum: int, frame: FrameType | None) -> None:
        cbreak()  # after Ctrl-Z and `fg` the shell has put the terminal back in line mode

    def read(timeout: float) -> str:
        ready, _, _ = select.select([fd], [], [], max(0.0, timeout))
        if not ready:
            return ""
        return os.read(fd, 64).decode("utf-8", "replace")

    previous: Handler = signal.signal(signal.SIGCONT, resumed)
    try:
        cbreak()
        yield read
    finally:
        if previous is not None:
            signal.signal(signal.SIGCONT, previous)
        # TCSAFLUSH drops keys typed after `q`, so they cannot answer the questions that follow.
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSAFLUSH, saved)


def apply_keys(state: guide.State, typed: str, now: float) -> guide.State:
    """Space pauses or resumes, `n` moves on, `q` or Ctrl-C (when it arrives as a key) stops."""
    return step(state, typed, now)[0]


def step(state: guide.State, typed: str, now: float) -> tuple[guide.State, list[guide.Event]]:
    """The keys typed, one at a time, then the clock moved on to `now`; and what changed,
    in the order it happened."""
    events: list[guide.Event] = []
    for key in [*typed, ""]:
        if key == " ":
            after = state.toggle_pause(now)
        elif key and key in "nN":
            after = state.skip(now)
        elif key and key in "qQ\x03":
            after = state.stop(now)
        else:
            after = state.tick(now)
        events += guide.changes(state, after)
        state = after
    return state, events


def _wait(state: guide.State) -> float:
    """How long to wait before looking at the clock again: not past the end of this block."""
    if state.phase is guide.Phase.RUNNING:
        return max(0.01, min(STEP_SECONDS, state.remaining))
    return STEP_SECONDS


def _say(timeline: guide.Timeline, events: list[guide.Event], speak: Speak | None) -> None:
    if speak is not None:
        for event in events:
            speak(render.event_words(timeline, event))


def play_live(
    timeline: guide.Timeline,
    console: Console,
    keys: Keys,
    clock: Clock | None = None,
    bell: bool = False,
    speak: Speak | None = None,
) -> guide.State:
    """Show one screen per block with a countdown, handle keys, and return the final state."""
    clock = clock or time.monotonic
    state = guide.begin(timeline, clock())
    _say(timeline, guide.changes(None, state), speak)
    with Live(
        render.guide_screen(state),
        console=console,
        auto_refresh=False,  # we redraw from this loop: no second thread writing the screen
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as view:
        try:
            while state.active:
                typed = keys(_wait(state))
                before = state
                state, events = step(state, typed, clock())
                if bell and (state.position != before.position or not state.active):
                    console.bell()
                _say(timeline, events, speak)
                if state.active:
                    view.update(render.guide_screen(state), refresh=True)
        except KeyboardInterrupt:
            before, state = state, state.stop(clock())
            _say(timeline, guide.changes(before, state), speak)
    return state


@contextlib.contextmanager
def console_keys(
    msvcrt: Any = None, clock: Clock = time.monotonic, sleep: Callable[[float], object] = time.sleep
) -> Iterator[Keys]:
    """Read single keys from the Windows console (`msvcrt.getwch`: unechoed, no mode to set or
    put back); polled, since the console cannot be waited on with `select`."""
    if msvcrt is None:
        import importlib

        msvcrt = importlib.import_module("msvcrt")

    def read(timeout: float) -> str:
        deadline = clock() + max(0.0, timeout)
        typed: list[str] = []
        while True:
            while msvcrt.kbhit():
                key = msvcrt.getwch()
                if key in ("\x00", "\xe0"):  # an arrow or function key: two codes, ignored
                    msvcrt.getwch()
                    continue
                typed.append(key)
            if typed or clock() >= deadline:
                return "".join(typed)
            sleep(0.02)

    yield read


def keys_for(platform: str = sys.platform) -> contextlib.AbstractContextManager[Keys]:
    """The key reader of this platform, for the terminal on stdin."""
    if platform == "win32":
        return console_keys()
    return terminal_keys(sys.stdin.fileno())


def run_interactive(
    timeline: guide.Timeline, console: Console, bell: bool = False, speak: Speak | None = None
) -> guide.State:
    """The guided session on the user's terminal (stdin must be one)."""
    with ending_signals(), keys_for() as keys:
        return play_live(timeline, console, keys, bell=bell, speak=speak)


class _Lines:
    """Prints (and says) the changes between states, one line each."""

    def write(self, text: str) -> None:
        """A line wrapped to the screen, its later lines indented under its words."""
        import textwrap

        body = text.lstrip()
        marker = body.split(" ", 1)[0] if body[:1].isdigit() or body.startswith("[") else ""
        indent = " " * (len(text) - len(body) + (len(marker) + 1 if marker else 2))
        for piece in textwrap.wrap(text, self.console.width, subsequent_indent=indent) or [""]:
            self.console.print(piece, markup=False, highlight=False, soft_wrap=True)

    def __init__(
        self, timeline: guide.Timeline, console: Console, bell: bool, speak: Speak | None
    ) -> None:
        self.timeline, self.console, self.bell, self.speak = timeline, console, bell, speak

    def show(self, events: list[guide.Event]) -> None:
        for event in events:
            line = render.event_line(self.timeline, event)
            block = self.timeline.blocks[event.block]
            starts = event.change is guide.Change.STARTED
            if self.bell and ((starts and event.block) or event.change is guide.Change.ENDED):
                self.console.bell()
            if line is not None:
                self.write(line)
            if starts and block.kind is guide.Kind.EXERCISE:
                for text in render.exercise_lines(self.timeline, block.item):
                    self.write(text)
            if self.speak is not None:
                self.speak(render.event_words(self.timeline, event))


def play_lines(
    timeline: guide.Timeline,
    console: Console,
    keys: Keys | None = None,
    clock: Clock | None = None,
    sleep: Callable[[float], object] | None = None,
    bell: bool = False,
    speak: Speak | None = None,
) -> guide.State:
    """One line per change and no cursor movement. With `keys` (`--plain` on a terminal)
    space, `n` and `q` work as on the screen; without (`--no-input`) it waits the real time.

    Sleeps and waits only decide when to look at the clock again; a late wake-up shortens the
    next wait rather than stretching the session. Ctrl-C stops early, like `q`.
    """
    clock = clock or time.monotonic
    sleep = sleep or time.sleep
    lines = _Lines(timeline, console, bell, speak)
    state = guide.begin(timeline, clock())
    lines.show(guide.changes(None, state))
    try:
        with ending_signals():
            while state.active:
                typed = ""
                if keys is None:
                    sleep(_wait(state))
                else:
                    typed = keys(_wait(state))
                state, events = step(state, typed, clock())
                lines.show(events)
    except KeyboardInterrupt:
        before, state = state, state.stop(clock())
        lines.show(guide.changes(before, state))
    return state


def play_plain(
    timeline: guide.Timeline,
    console: Console,
    clock: Clock | None = None,
    sleep: Callable[[float], object] | None = None,
    bell: bool = False,
    speak: Speak | None = None,
) -> guide.State:
    """No keys, no screen (`--no-input`): a line at each change, waiting the real time."""
    return play_lines(timeline, console, None, clock, sleep, bell, speak)


def run_plain(
    timeline: guide.Timeline, console: Console, bell: bool = False, speak: Speak | None = None
) -> guide.State:
    return play_plain(timeline, console, bell=bell, speak=speak)


def run_plain_keys(
    timeline: guide.Timeline, console: Console, bell: bool = False, speak: Speak | None = None
) -> guide.State:
    """`--plain` on a terminal: lines, and the keys work."""
    with ending_signals(), keys_for() as keys:
        return play_lines(timeline, console, keys, bell=bell, speak=speak)
