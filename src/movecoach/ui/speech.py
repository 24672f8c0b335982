"""`movecoach start --speak`: say each change of a guided session aloud.

Whichever of `espeak-ng`, `spd-say` (speech-dispatcher) or `say` (macOS) is installed speaks;
each sentence starts a process that is never waited for, so speaking cannot delay the timer.
A new sentence cuts one still being spoken, so the voice never falls behind the session.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence

SPEAKERS = ("espeak-ng", "spd-say", "say")
NONE_INSTALLED = (
    "--speak needs espeak-ng, spd-say or say, and none is installed; the session goes on "
    "without speech"
)


class Speaker:
    """Speaks through the first of `SPEAKERS` found on the PATH; `found` is False when none is."""

    def __init__(self, which: Callable[[str], str | None] | None = None) -> None:
        which = which or shutil.which
        self.command: str | None = next(
            (path for name in SPEAKERS if (path := which(name)) is not None), None
        )
        self.speaking: subprocess.Popen[bytes] | None = None
        self.done: list[subprocess.Popen[bytes]] = []

    @property
    def found(self) -> bool:
        return self.command is not None

    def say(self, text: str) -> None:
        """Start speaking `text` and return at once; a sentence still being spoken stops."""
        if self.command is None or not text:
            return
        self._quiet()
        try:
            self.speaking = subprocess.Popen(
                self._args(text),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self.command = None  # it went away: carry on silently

    def _args(self, text: str) -> Sequence[str]:
        assert self.command is not None
        return [self.command, "--", text]

    def _quiet(self) -> None:
        """Stop the sentence still being spoken, and reap the ones that have ended."""
        if self.speaking is not None and self.speaking.poll() is None:
            self.speaking.terminate()
        if self.speaking is not None:
            self.done.append(self.speaking)
        self.done = [proc for proc in self.done if proc.poll() is None]
