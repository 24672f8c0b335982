"""Play a `guide` session: a Rich Live screen with keys on a terminal, or plain lines without one.

Both players read `time.monotonic` and hand each reading to the state machine, which measures
everything from clock differences; sleeping and waiting for keys only decide how often that
happens. They return the finished state; the CLI asks the questions and writes the log.

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
    for key in typed:
        if key == " ":
            state = state.toggle_pause(now)
        elif key in "nN":
            state = state.skip(now)
        elif key in "qQ\x03":
            state = state.stop(now)
    return state


def _wait(state: guide.State) -> float:
    """How long to wait before looking at the clock again: not past the end of this block."""
    if state.phase is guide.Phase.RUNNING:
        return max(0.01, min(STEP_SECONDS, state.remaining))
    return STEP_SECONDS


def play_live(
    timeline: guide.Timeline,
    console: Console,
    keys: Keys,
    clock: Clock | None = None,
    bell: bool = False,
) -> guide.State:
    """Show one screen per block with a countdown, handle keys, and return the final state."""
    clock = clock or time.monotonic
    state = guide.begin(timeline, clock())
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
                now = clock()
                before = state
                state = apply_keys(state, typed, now).tick(now)
                if bell and (state.position != before.position or not state.active):
                    console.bell()
                if state.active:
                    view.update(render.guide_screen(state), refresh=True)
        except KeyboardInterrupt:
            state = state.stop(clock())
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


def run_interactive(timeline: guide.Timeline, console: Console, bell: bool = False) -> guide.State:
    """The guided session on the user's terminal (stdin must be one)."""
    with ending_signals(), keys_for() as keys:
        return play_live(timeline, console, keys, bell=bell)


def play_plain(
    timeline: guide.Timeline,
    console: Console,
    clock: Clock | None = None,
    sleep: Callable[[float], object] | None = None,
    bell: bool = False,
) -> guide.State:
    """No keys, no screen: print each block as it starts and wait the real time.

    Sleeps only decide when to look at the clock again; a late wake-up shortens the next
    block's wait rather than stretching the session. Ctrl-C stops early, like `q`.
    """
    clock = clock or time.monotonic
    sleep = sleep or time.sleep
    state = guide.begin(timeline, clock())
    announced = -1
    try:
        with ending_signals():
            while True:
                for index in range(announced + 1, min(state.position + 1, len(timeline.blocks))):
                    block = timeline.blocks[index]
                    if bell and index:
                        console.bell()
                    console.print(render.block_line(timeline, block, block.start))
                    if block.kind is guide.Kind.EXERCISE:
                        console.print(render.exercise_card(timeline, block.item))
                announced = max(announced, state.position)
                if not state.active:
                    break
                sleep(_wait(state))
                state = state.tick(clock())
    except KeyboardInterrupt:
        state = state.stop(clock())
    if bell:
        console.bell()
    return state


def run_plain(timeline: guide.Timeline, console: Console, bell: bool = False) -> guide.State:
    return play_plain(timeline, console, bell=bell)
