"""Shell completion, driven the way bash, zsh and fish drive it (`_MOVECOACH_COMPLETE` with
COMP_WORDS/COMP_CWORD or _TYPER_COMPLETE_ARGS): every kind of word, newest sessions first,
cheap reads, and no Rich."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from movecoach import cli, completion

from .factories import checkin, seed, session

MOVECOACH = Path(sys.executable).parent / "movecoach"


def complete(line: str, shell: str = "bash") -> list[str]:
    """What the shell offers for the command line `line` (the last word being completed)."""
    words = line.split(" ")
    env = {"_MOVECOACH_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = CliRunner().invoke(cli.app, [], env=env, prog_name="movecoach")
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def test_commands_and_their_options() -> None:
    first = ["today", "start", "break", "exercises", "flare", "safety", "learn"]
    assert complete("movecoach ")[:7] == first
    assert complete("movecoach ex") == ["exercises", "export"]
    assert set(complete("movecoach sessions --")) >= {"--since", "--limit", "--json", "--help"}
    assert complete("movecoach config ") == ["get", "set", "unset", "path"]


def test_exercise_ids_categories_and_equipment() -> None:
    assert "bird-dog" in complete("movecoach exercises bi")
    assert "knee-rolls" in complete("movecoach log --exercise kn")
    assert complete("movecoach exercises --category s") == ["stretch", "strength"]
    assert complete("movecoach today --equipment b") == ["band", "bike"]
    assert complete("movecoach start -e chair,b") == ["chair,band", "chair,bike"]


def test_session_ids_newest_first(home: Path) -> None:
    seed(
        home,
        session("2025-06-01", id="old-one"),
        session("2026-03-01", id="middle"),
        session("2026-03-09", id="newest"),
    )
    assert complete("movecoach delete ") == ["newest", "middle", "old-one"]
    assert complete("movecoach delete m") == ["middle"]
    zsh = complete("movecoach delete n", "zsh")
    assert zsh[0] == '_arguments \'*: :(("newest":"2026-03-09 · 20 min"))\''


def test_setting_keys_and_their_values() -> None:
    keys = complete("movecoach config set ")
    assert keys[:3] == ["minutes", "equipment", "week_start"]
    assert complete("movecoach config get nu") == ["nudge_hour"]
    assert complete("movecoach config set week_start ") == ["monday", "sunday"]
    assert complete("movecoach config set adaptive ") == ["true", "false"]
    assert complete("movecoach config set nudge_hour 2") == ["2", "20", "21", "22", "23"]
    assert complete("movecoach config set goal_minutes ") == ["30", "150", "1000"]
    assert complete("movecoach config set equipment chair,w") == ["chair,wall"]
    assert complete("movecoach config set log_dir ") == []  # the shell completes a folder
    fish = complete("movecoach config unset go", "fish")
    assert fish == [
        "goal_days\tActive days a week to aim for.",
        "goal_minutes\tActive minutes a week to aim for "
        "(sessions of relaxation alone do not count).",
        "goal_strength_days\tDays a week with a strengthening exercise to aim for.",
    ]


def test_backup_names_newest_first(run, home: Path) -> None:
    seed(home, session("2026-03-01"), session("2026-03-02"))
    run("undo", "--yes", ok=True)
    run("undo", "--yes", ok=True)
    names = complete("movecoach restore ")
    assert names == sorted(names, reverse=True)
    assert len(names) == 2
    assert all(name.startswith("2026.toml.") for name in names)


def test_tags_with_how_many_exercises_carry_each(monkeypatch: pytest.MonkeyPatch) -> None:
    from movecoach.core.models import TAGS

    assert complete("movecoach exercises --tag ") == list(TAGS)
    assert complete("movecoach exercises --tag in") == ["in-bed"]
    tagged = [
        SimpleNamespace(id="a", name="A", tags=("desk", "floor")),
        SimpleNamespace(id="b", name="B", tags=("desk",)),
    ]
    monkeypatch.setattr(completion, "_catalogue", lambda places: tagged)
    assert completion.tags("d") == [("desk", "2 exercises")]
    assert completion.tags("f")[0] == ("floor", "1 exercises")


def test_delete_completes_check_ins_too(home: Path) -> None:
    seed(home, session("2026-03-01", id="a-session"), checkin("2026-03-02", id="a-check-in"))
    assert complete("movecoach delete a-") == ["a-check-in", "a-session"]
    words = "\n".join(complete("movecoach delete ", "zsh"))
    assert '"a-check-in":"2026-03-02 · check-in"' in words


def test_export_kinds_and_formats() -> None:
    assert complete("movecoach remind install --platform m") == ["macos"]
    assert complete("movecoach export --format ") == ["csv", "json"]
    assert complete("movecoach export --kind c") == ["checkin"]
    assert complete("movecoach report --format ") == ["md", "html"]


def test_a_broken_log_or_settings_file_just_completes_less(home: Path) -> None:
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_text("[[session]\n")
    assert complete("movecoach delete ") == []
    (home / "config.toml").write_text("minutes = 999\n")
    assert complete("movecoach exercises bird") == []
    assert complete("movecoach config set week_start ") == ["monday", "sunday"]


def test_session_ids_read_the_newest_year_only(home: Path, monkeypatch) -> None:
    from movecoach.store import logfile

    start = dt.date(2026, 1, 1)
    seed(home, session("2024-05-01", id="older"), session("2025-05-01", id="old"))
    seed(home, *(session(start + dt.timedelta(days=n)) for n in range(completion.SESSIONS_SHOWN)))
    shutil.rmtree(home / "cache")  # even without the cache
    parsed: list[str] = []
    real = logfile.read
    monkeypatch.setattr(logfile, "read", lambda text, name: parsed.append(name) or real(text, name))
    ids = complete("movecoach delete ")
    assert len(ids) == completion.SESSIONS_SHOWN
    assert [Path(p).name for p in parsed] == ["2026.toml"]
    assert complete("movecoach delete ol") == ["old", "older"]  # a typed start looks further


def test_install_and_show_completion_are_offered(run, monkeypatch) -> None:
    assert "--install-completion" in run("--help", ok=True).stdout
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    for shell in ("bash", "zsh", "fish"):
        script = run("--show-completion", shell, ok=True).stdout
        assert f"_MOVECOACH_COMPLETE=complete_{shell}" in script


def test_completion_in_a_real_process_loads_no_rich(home: Path) -> None:
    seed(home, session("2026-03-01", id="abc"))
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('rich' in sys.modules, file=sys.stderr))\n"
        "from movecoach.entry import main\n"
        "sys.argv = ['movecoach']\n"
        "main()\n"
    )
    env = {
        **os.environ,
        "MOVECOACH_HOME": str(home),
        "_MOVECOACH_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "movecoach delete ",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert '"abc":"2026-03-01 · 20 min"' in result.stdout
    assert result.stderr.strip() == "False"
