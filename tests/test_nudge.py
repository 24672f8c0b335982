"""`movecoach nudge`'s fast path (`nudge`), in process: the cache answers when it can, the log
when it cannot, and a broken log or config is one warning and exit 2; its hand-read options and
hand-written JSON. The same command as a real process, under faketime, is in
test_processes.py."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach import nudge
from movecoach.core.reminders import EVENING, FIRST, INACTIVE
from movecoach.errors import LogCorruptError
from movecoach.store import logfile, paths

from .factories import seed, session

TODAY = "2026-03-10"


def at(monkeypatch: pytest.MonkeyPatch, hour: int) -> None:
    """The nudge's clock reads 10 March 2026 at `hour`:00."""
    when = time.struct_time((2026, 3, 10, hour, 0, 0, 1, 69, -1))
    monkeypatch.setattr(time, "localtime", lambda *args: when)


def folders(home: Path) -> tuple[str, str]:
    return str(home / "log"), str(home / "cache")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_without_a_log_folder_there_is_no_last_day(home: Path) -> None:
    assert nudge.newest_active_day(*folders(home), TODAY) == (None, {})
    assert nudge.last_active(TODAY, *folders(home)) == (None, {})
    assert not home.exists()


def test_the_cache_answers_without_parsing_any_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(home, session("2025-12-30"), session("2026-03-08"), session("2026-03-05"))
    seed(home, session("2026-03-12"))  # a device already at a later day: not history yet
    (home / "log" / "notes.txt").write_text("mine")

    def never(*args: object) -> None:
        raise AssertionError("the fast path parsed a log file")

    monkeypatch.setattr(logfile, "read", never)
    before = snapshot(home / "cache")
    assert nudge.newest_active_day(*folders(home), TODAY) == ("2026-03-08", {})
    assert nudge.last_active(TODAY, *folders(home)) == ("2026-03-08", {})
    assert nudge.newest_active_day(*folders(home), "2026-01-01")[0] == "2025-12-30"
    assert snapshot(home / "cache") == before  # read-only: not even the index is written


def test_without_the_cache_the_log_answers_and_fills_the_cache(home: Path) -> None:
    seed(home, session("2026-03-05"), session("2025-06-01"))
    shutil.rmtree(home / "cache")
    with pytest.raises(nudge.Unanswered):
        nudge.newest_active_day(*folders(home), TODAY)
    assert nudge.last_active(TODAY, *folders(home))[0] == "2026-03-05"
    assert nudge.last_active("2026-03-01", *folders(home))[0] == "2025-06-01"
    assert nudge.last_active("2025-01-01", *folders(home))[0] is None
    assert nudge.newest_active_day(*folders(home), TODAY)[0] == "2026-03-05"  # fast again


def test_a_broken_file_is_never_answered_from_the_cache(home: Path) -> None:
    seed(home, session("2026-03-05"))
    (home / "log" / "2019.toml").write_text("[[session]]\nid = 'x'\n")
    with pytest.raises(nudge.Unanswered):
        nudge.newest_active_day(*folders(home), TODAY)
    with pytest.raises(LogCorruptError, match=r"2019\.toml"):
        nudge.last_active(TODAY, *folders(home))


def test_a_log_folder_that_cannot_be_listed_goes_to_the_slow_path(home: Path) -> None:
    home.mkdir()
    (home / "log").write_text("a file, not a folder")
    with pytest.raises(nudge.Unanswered):
        nudge.newest_active_day(*folders(home), TODAY)


def test_without_a_fast_folder_the_log_is_found_by_the_paths(home: Path) -> None:
    seed(home, session("2026-03-07"))
    assert nudge.last_active(TODAY, None, str(home / "cache"))[0] == "2026-03-07"


def test_the_settings_give_the_hour_the_idle_days_and_the_folders(
    home: Path, tmp_path: Path
) -> None:
    home.mkdir()
    elsewhere = tmp_path / "synced"
    config, log_dir, cache, state = nudge.folders()
    assert (config, log_dir, cache, state) == (
        str(home / "config.toml"),
        str(home / "log"),
        str(home / "cache"),
        str(home / "state"),
    )
    (home / "config.toml").write_text(
        f"nudge_hour = 20\ninactive_days = 4\nlog_dir = '{elsewhere}'\nrest_days = 3\n"
        "week_start = 'sunday'\n"
    )
    assert nudge.settings_and_log(config, log_dir, cache) == (20, 4, str(elsewhere), 3, 6)
    (home / "config.toml").write_text("")
    assert nudge.settings_and_log(config, log_dir, cache) == (18, 2, str(home / "log"), 1, 0)


def test_off_linux_the_folders_come_from_the_paths(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "fast_dirs", lambda: None)
    assert nudge.folders() == (
        str(home / "config.toml"),
        None,
        str(home / "cache"),
        str(home / "state"),
    )
    assert nudge.settings_and_log(*nudge.folders()[:3]) == (18, 2, None, 1, 0)


def test_help_and_a_bad_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert nudge.run(["--help"]) == 0
    assert capsys.readouterr().out == nudge.USAGE
    assert nudge.run(["--loud"]) is None  # the full CLI says what is wrong
    assert nudge.run(["-q", "--loud"]) is None


def test_a_first_nudge_on_an_empty_log(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    at(monkeypatch, 9)
    assert nudge.run([]) == nudge.DUE
    assert capsys.readouterr().out == FIRST + "\n"
    assert nudge.run(["--quiet"]) == nudge.DUE
    assert nudge.run(["-q"]) == nudge.DUE
    assert capsys.readouterr() == ("", "")
    assert not home.exists()


def test_the_evening_nudge_and_the_quiet_day(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(home, session("2026-03-09"))
    at(monkeypatch, 17)
    assert nudge.run([]) == nudge.QUIET
    at(monkeypatch, 18)
    assert nudge.run([]) == nudge.DUE
    assert capsys.readouterr().out == EVENING + "\n"
    seed(home, session(dt.date(2026, 3, 10)))
    assert nudge.run([]) == nudge.QUIET
    assert capsys.readouterr() == ("", "")


def test_the_firmer_nudge_follows_the_setting(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(home, session("2026-03-06"))
    at(monkeypatch, 9)
    assert nudge.run([]) == nudge.DUE
    assert capsys.readouterr().out == INACTIVE.format(days=3) + "\n"
    (home / "config.toml").write_text("inactive_days = 4\n")
    assert nudge.run([]) == nudge.QUIET


@pytest.mark.parametrize(
    ("name", "text"), [("log/2026.toml", "[[session]\n"), ("config.toml", "minutes = 1\n")]
)
def test_a_broken_log_or_config_is_one_warning_and_exit_2(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
) -> None:
    at(monkeypatch, 19)
    (home / "log").mkdir(parents=True)
    (home / name).write_text(text)
    assert nudge.run([]) == nudge.BROKEN
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("movecoach: warning: ")
    assert name.split("/")[-1] in err
    assert len(err.splitlines()) == 1
    assert nudge.run(["--quiet"]) == nudge.BROKEN
    assert capsys.readouterr() == ("", "")


@given(st.text())
def test_hand_written_json_text_reads_back_exactly(text: str) -> None:
    written = nudge.json_value(text)
    assert written.isascii()
    assert json.loads(written) == text


def test_a_json_object_of_every_kind_of_value() -> None:
    line = nudge.json_object(due=None, message="a “quoted” \\ line\n", done=True, n=3)
    assert json.loads(line) == {
        "due": None,
        "message": "a “quoted” \\ line\n",
        "done": True,
        "n": 3,
    }


@pytest.mark.parametrize(
    ("args", "quiet", "as_json"),
    [([], False, False), (["-q"], True, False), (["--json", "--quiet"], True, True)],
)
def test_options(args: list[str], quiet: bool, as_json: bool) -> None:
    options = nudge.parse(args)
    assert options is not None
    assert (options.quiet, options.json) == (quiet, as_json)


@pytest.mark.parametrize("args", [["--loud"], ["--json=yes"], ["extra"]])
def test_an_unknown_option_goes_to_the_full_cli(args: list[str]) -> None:
    assert nudge.parse(args) is None
