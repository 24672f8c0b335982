"""The console script (`entry`): `nudge` is answered before the CLI loads; everything else,
and a nudge with an option it does not know, goes to the full CLI."""

from __future__ import annotations

import sys

import pytest

from movecoach import __version__, entry
from movecoach.core.reminders import FIRST


def main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["movecoach", *args])
    with pytest.raises(SystemExit) as done:
        entry.main()
    code = done.value.code
    return code if isinstance(code, int) else 0


def test_nudge_is_answered_without_loading_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "movecoach.cli", None)  # importing it now fails
    assert main(monkeypatch, "nudge") == 1
    assert capsys.readouterr().out == FIRST + "\n"
    assert main(monkeypatch, "nudge", "--help") == 0
    assert "Usage: movecoach nudge [OPTIONS]" in capsys.readouterr().out


def test_a_nudge_option_it_does_not_know_goes_to_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(monkeypatch, "nudge", "--loud") == 2
    err = capsys.readouterr().err
    assert err.startswith("movecoach: ")
    assert "--loud" in err


def test_every_other_command_runs_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(monkeypatch, "--version") == 0
    assert capsys.readouterr().out == f"movecoach {__version__}\n"
    assert main(monkeypatch, "safety") == 0
    assert "To stop safely" in capsys.readouterr().out
