"""`start --speak`'s voice (`ui.speech`): the first speaker found on the PATH says each
sentence in a process of its own, never waited for; a new sentence cuts the one still being
spoken, and a speaker that has gone away leaves the session silent, not broken."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from movecoach.ui import speech

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="stand-in speakers are sh")


def stand_in(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def found_in(*names: str) -> speech.Speaker:
    return speech.Speaker(lambda name: f"/bin/{name}" if name in names else None)


def test_the_first_speaker_installed_is_used() -> None:
    assert found_in("say", "spd-say", "espeak-ng").command == "/bin/espeak-ng"
    assert found_in("say", "spd-say").command == "/bin/spd-say"
    assert found_in("say").command == "/bin/say"
    assert found_in("say").found


def test_without_a_speaker_nothing_is_said_and_nothing_breaks() -> None:
    quiet = found_in()
    assert not quiet.found
    quiet.say("Exercise 1 of 3.")
    assert quiet.speaking is None
    assert "espeak-ng, spd-say or say" in speech.NONE_INSTALLED


def test_the_sentence_goes_after_a_double_dash(tmp_path: Path) -> None:
    """A sentence may start with `-`: after `--` no speaker reads it as an option."""
    said = tmp_path / "said.txt"
    script = stand_in(tmp_path / "bin", "espeak-ng", f'printf "%s|" "$@" > "{said}"')
    speaker = speech.Speaker(lambda name: str(script) if name == "espeak-ng" else None)
    speaker.say("-1:00 left, then rest.")
    assert speaker.speaking is not None
    assert speaker.speaking.wait(10) == 0
    assert said.read_text() == "--|-1:00 left, then rest.|"


def test_an_empty_sentence_starts_no_process(tmp_path: Path) -> None:
    script = stand_in(tmp_path / "bin", "say", "exit 0")
    speaker = speech.Speaker(lambda name: str(script) if name == "say" else None)
    speaker.say("")
    assert speaker.speaking is None


def test_a_new_sentence_cuts_the_one_still_spoken_and_returns_at_once(tmp_path: Path) -> None:
    script = stand_in(tmp_path / "bin", "spd-say", "exec sleep 30")
    speaker = speech.Speaker(lambda name: str(script) if name == "spd-say" else None)
    started = time.monotonic()
    speaker.say("Halfway through Knee rolls.")
    first = speaker.speaking
    speaker.say("Rest for 0:15.")
    assert time.monotonic() - started < 5  # never waits for a sentence to end
    assert first is not None
    assert first.wait(10) != 0  # cut short
    assert speaker.speaking is not first
    speaker.say("Session over.")  # the cut one has ended: reaped
    assert first not in speaker.done
    for proc in [*speaker.done, speaker.speaking]:
        if proc is not None:
            proc.terminate()
            proc.wait(10)


def test_a_sentence_that_has_ended_is_not_cut(tmp_path: Path) -> None:
    script = stand_in(tmp_path / "bin", "say", "exit 0")
    speaker = speech.Speaker(lambda name: str(script) if name == "say" else None)
    speaker.say("One.")
    first = speaker.speaking
    assert first is not None
    assert first.wait(10) == 0
    speaker.say("Two.")
    assert first.returncode == 0  # ended by itself, never terminated
    assert speaker.speaking is not None
    assert speaker.speaking.wait(10) == 0


def test_a_speaker_that_went_away_leaves_the_session_silent(tmp_path: Path) -> None:
    script = stand_in(tmp_path / "bin", "espeak-ng", "exit 0")
    speaker = speech.Speaker(lambda name: str(script) if name == "espeak-ng" else None)
    os.unlink(script)
    speaker.say("Exercise 2 of 3.")  # OSError inside: no exception out
    assert not speaker.found
    speaker.say("Exercise 3 of 3.")
    assert speaker.speaking is None


def test_the_path_is_searched_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in(tmp_path / "bin", "spd-say", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert speech.Speaker().command == str(tmp_path / "bin" / "spd-say")
