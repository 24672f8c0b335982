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
        assert run(name, "-h", ok=True).stdout == result.stdout, f"{name} -h"


def test_h_is_help_everywhere(run) -> None:
    assert run("-h", ok=True).stdout == run("--help", ok=True).stdout
    assert "-h, --help" in run("--help", ok=True).stdout
    assert run("config", "set", "-h", ok=True).stdout.startswith("Usage: movecoach config set")


def test_colour_only_when_forced_and_never_with_no_color(run, monkeypatch) -> None:
    colour = re.compile(r"\x1b\[[0-9;]*3[0-7]m")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert colour.search(run("exercises", ok=True).stdout), "a terminal gets colour"
    assert not colour.search(run("today", "--json", ok=True).stdout), "JSON never has colour"
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour.search(run("exercises", ok=True).stdout)


def failing(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    from movecoach import actions

    def fail(env: object) -> None:
        raise error

    monkeypatch.setattr(actions, "streak", fail)


def test_a_refusal_is_its_lines_on_stderr_and_its_exit_code(run, monkeypatch) -> None:
    from movecoach.errors import ImportRowsError, Stopped

    failing(monkeypatch, Stopped("stopped by SIGTERM; nothing was logged", exit_code=143))
    result = run("streak")
    assert (result.exit_code, result.stdout) == (143, "")
    assert result.stderr == "movecoach: stopped by SIGTERM; nothing was logged\n"
    failing(monkeypatch, ImportRowsError(["row 2: bad", "row 3: bad"]))
    result = run("streak")
    assert result.exit_code == 2
    assert result.stderr == "movecoach: row 2: bad\nmovecoach: row 3: bad\n"


def test_ctrl_c_at_a_question_changes_nothing_and_exits_2(run, monkeypatch) -> None:
    import typer

    failing(monkeypatch, typer.Abort())
    result = run("streak")
    assert (result.exit_code, result.stderr) == (2, "movecoach: stopped; nothing was changed\n")


def test_anything_else_is_a_bug_with_its_traceback(run, monkeypatch) -> None:
    failing(monkeypatch, RuntimeError("a bug"))
    result = run("streak")
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)
    assert "movecoach: " not in result.stderr


def test_help_lists_the_days_routine_first() -> None:
    from movecoach.commands import MODULES

    names = list(cli.all_commands())
    assert names == list(MODULES)
    assert names[:6] == ["today", "start", "break", "exercises", "flare", "safety"]
    assert names[-1] == "config"
