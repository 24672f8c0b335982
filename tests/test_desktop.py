"""Desktop notifications: each platform's command, and `nudge --notify` with a stand-in
`notify-send` on PATH (and with none at all)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from movecoach import desktop

MOVECOACH = Path(sys.executable).parent / "movecoach"
TRICKY = 'it\'s `rm -rf ~` $(reboot) "quoted" \u2018curly\u2019 ✓'


def test_linux_passes_the_message_as_one_argument() -> None:
    assert desktop.notify_command(TRICKY, "linux") == [
        "notify-send",
        "--app-name=movecoach",
        "movecoach",
        TRICKY,
    ]


def test_macos_passes_the_message_as_an_argument_to_the_script() -> None:
    command = desktop.notify_command(TRICKY, "darwin")
    assert command[:2] == ["osascript", "-e"]
    assert "display notification (item 2 of argv) with title (item 1 of argv)" in command[2]
    assert command[3:] == ["movecoach", TRICKY]
    assert TRICKY not in command[2], "the message is never part of the script"


def test_windows_quotes_the_message_inside_an_encoded_script() -> None:
    command = desktop.notify_command(TRICKY, "win32")
    assert command[:4] == ["powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand"]
    script = base64.b64decode(command[4]).decode("utf-16-le")
    assert (
        "CreateTextNode('it''s `rm -rf ~` $(reboot) \"quoted\" \u2018\u2018curly\u2019\u2019 ✓')"
        in script
    )
    assert "ToastText02" in script


def fake_notify_send(folder: Path, exit_code: int = 0) -> Path:
    """A `notify-send` that writes its arguments, one a line, to `calls.txt` beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "notify-send"
    script.write_text(
        "#!/bin/sh\n"
        f'for arg in "$@"; do printf "%s\\n" "$arg"; done >> "{folder}/calls.txt"\n'
        f"echo 'no display' >&2\nexit {exit_code}\n"
    )
    script.chmod(0o755)
    return folder / "calls.txt"


def nudge(home: Path, path: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MOVECOACH_HOME": str(home), "PATH": path}
    env.pop("FAKETIME", None)
    return subprocess.run(
        [str(MOVECOACH), "nudge", *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a shell-script notify-send")
def test_nudge_notify_shows_the_nudge_on_the_desktop(home: Path, tmp_path: Path) -> None:
    calls = fake_notify_send(tmp_path / "bin")
    path = f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"
    result = nudge(home, path, "--notify")  # an empty log: a nudge is due
    assert result.returncode == 1
    assert result.stdout.startswith("movecoach: no sessions logged yet")
    assert result.stderr == ""
    shown = calls.read_text().splitlines()
    message = result.stdout.strip().removeprefix("movecoach: ")
    assert shown == ["--app-name=movecoach", "movecoach", message]
    quiet = nudge(home, path, "--notify", "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (1, "", "")
    assert len(calls.read_text().splitlines()) == 6, "shown again, though quiet in the terminal"


@pytest.mark.skipif(sys.platform == "win32", reason="a shell-script notify-send")
def test_a_missing_or_failing_notifier_never_fails_the_nudge(home: Path, tmp_path: Path) -> None:
    python_only = str(Path(sys.executable).parent)  # no notify-send anywhere
    missing = nudge(home, python_only, "--notify")
    assert missing.returncode == 1
    assert missing.stdout.startswith("movecoach: no sessions logged yet")
    assert missing.stderr == "movecoach: note: no desktop notification: notify-send was not found\n"
    assert nudge(home, python_only, "--notify", "--quiet").stderr == ""
    fake_notify_send(tmp_path / "bin", exit_code=1)
    failing = nudge(home, f"{tmp_path / 'bin'}{os.pathsep}{python_only}", "--notify")
    assert failing.returncode == 1
    assert failing.stderr == (
        "movecoach: note: no desktop notification: notify-send failed (exit 1): no display\n"
    )
