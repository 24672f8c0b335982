"""The root command: `--version`, help for every command, the one error exit, colour."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from movecoach import cli


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: dt.date(2026, 3, 10))


def test_version(run) -> None:
    from movecoach import __version__

    result = run("--version", ok=True)
    assert result.stdout.strip() == f"movecoach {__version__}"


def test_every_command_has_help(run) -> None:
    commands = cli.all_commands()
    assert {"today", "exercises", "safety"} <= set(commands)
    for name, command in commands.items():
        result = run(name, "--help", ok=True)
        assert "Usage" in result.stdout
        assert command.help, name


def test_colour_only_when_forced_and_never_with_no_color(run, monkeypatch) -> None:
    colour = re.compile(r"\x1b\[[0-9;]*3[0-7]m")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour.search(run("exercises", ok=True).stdout), "a terminal gets colour"
    assert not colour.search(run("today", "--json", ok=True).stdout), "JSON never has colour"
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour.search(run("exercises", ok=True).stdout)
