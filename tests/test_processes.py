"""The installed command under real conditions: many writers at once, kills mid-write, other
times of day (faketime), the nudge's exit codes, and file permissions."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from movecoach.core.models import make_day_entry, make_session
from movecoach.store.log import Log

MOVECOACH = Path(sys.executable).parent / "movecoach"
needs_faketime = pytest.mark.skipif(
    shutil.which("faketime") is None, reason="faketime is not installed (.ci/run installs it)"
)


def env_for(home: Path) -> dict[str, str]:
    env = {**os.environ, "MOVECOACH_HOME": str(home), "NO_COLOR": "1"}
    env.pop("FAKETIME", None)
    return env


def movecoach(
    home: Path, *args: str, fake: str | None = None, umask: int | None = None
) -> subprocess.CompletedProcess[str]:
    argv = [str(MOVECOACH), *args]
    if fake is not None:
        argv = ["faketime", "-f", f"@{fake}", *argv]
    return subprocess.run(
        argv,
        env=env_for(home),
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def all_parse(home: Path) -> int:
    count = 0
    for path in (home / "log").glob("*.toml"):
        count += len(tomllib.loads(path.read_text()).get("session", []))
    return count


@pytest.mark.slow
def test_twenty_writers_at_once_all_get_through(home: Path) -> None:
    procs = [
        subprocess.Popen(
            [str(MOVECOACH), "log", "-m", str(n + 1), "--note", f"writer {n}"],
            env=env_for(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(20)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, out, err in results:
        assert code == 0, err
        assert out.startswith("Logged")
    assert all_parse(home) == 20
    notes = sorted(s.note or "" for s in Log(home / "log").sessions())
    assert notes == sorted(f"writer {n}" for n in range(20))


@pytest.mark.slow
def test_killed_writers_never_lose_a_confirmed_session(home: Path) -> None:
    rnd = random.Random(7)
    confirmed = []
    for n in range(25):
        proc = subprocess.Popen(
            [str(MOVECOACH), "log", "-m", "5", "--note", f"run {n}"],
            env=env_for(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        time.sleep(rnd.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out = proc.communicate(timeout=30)[0]
        if out.startswith("Logged"):
            confirmed.append(f"run {n}")
        all_parse(home)  # raises if any file was left half-written
    notes = {s.note for s in Log(home / "log").sessions()}
    assert set(confirmed) <= notes
    assert movecoach(home, "check").returncode == 0


def test_files_are_private_under_umask_022(home: Path) -> None:
    result = movecoach(home, "log", "-m", "10", umask=0o022)
    assert result.returncode == 0, result.stderr
    for folder in (home, home / "log"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in (home / "log").glob("*.toml"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@needs_faketime
@pytest.mark.parametrize(
    ("fake", "file", "date"),
    [
        ("2026-03-10 23:59:50", "2026.toml", "2026-03-09"),
        ("2026-03-11 00:00:10", "2026.toml", "2026-03-10"),
        ("2026-01-01 00:00:30", "2025.toml", "2025-12-31"),
    ],
)
def test_yesterday_around_midnight_and_new_year(home: Path, fake, file, date) -> None:
    result = movecoach(home, "log", "-m", "10", "--date", "yesterday", fake=fake)
    assert result.returncode == 0, result.stderr
    assert f"date = {date}" in (home / "log" / file).read_text()


@needs_faketime
def test_new_years_eve_goes_to_that_years_file(home: Path) -> None:
    assert movecoach(home, "log", "-m", "10", fake="2026-12-31 23:58:00").returncode == 0
    assert "date = 2026-12-31" in (home / "log" / "2026.toml").read_text()
    assert movecoach(home, "log", "-m", "5", fake="2027-01-01 00:01:00").returncode == 0
    assert "date = 2027-01-01" in (home / "log" / "2027.toml").read_text()


@needs_faketime
def test_nudge_exit_codes_and_wording(home: Path) -> None:
    first = movecoach(home, "nudge", fake="2026-03-10 09:00:00")
    assert first.returncode == 1
    assert "no sessions logged yet" in first.stdout
    assert not home.exists(), "nudge on an empty log creates nothing"

    assert movecoach(home, "log", "-m", "10", "--date", "2026-03-09").returncode == 0
    morning = movecoach(home, "nudge", fake="2026-03-10 09:00:00")
    assert (morning.returncode, morning.stdout) == (0, "")
    evening = movecoach(home, "nudge", fake="2026-03-10 19:00:00")
    assert evening.returncode == 1
    assert "no movement logged today" in evening.stdout
    assert len(evening.stdout.strip().splitlines()) == 1
    quiet = movecoach(home, "nudge", "--quiet", fake="2026-03-10 19:00:00")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (1, "", "")
    as_json = movecoach(home, "nudge", "--json", fake="2026-03-10 19:00:00")
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout) == {"due": True, "message": evening.stdout.strip()}

    assert movecoach(home, "log", "-m", "10", fake="2026-03-10 19:05:00").returncode == 0
    done = movecoach(home, "nudge", fake="2026-03-10 19:30:00")
    assert (done.returncode, done.stdout) == (0, "")

    gap = movecoach(home, "nudge", fake="2026-03-14 09:00:00")  # 3 whole days since
    assert gap.returncode == 1
    assert "3 days without a session" in gap.stdout
    assert "stiffen" in gap.stdout


@needs_faketime
def test_a_snooze_quietens_the_nudge_until_it_runs_out(home: Path) -> None:
    snoozed = movecoach(home, "nudge", "--snooze", "30m", fake="2026-03-10 19:00:00")
    assert (snoozed.returncode, snoozed.stdout) == (0, "movecoach: nudges are quiet until 19:30.\n")
    assert (home / "state" / "snooze").exists(), "kept in the state folder"
    during = movecoach(home, "nudge", fake="2026-03-10 19:29:00")
    assert (during.returncode, during.stdout) == (0, "")
    as_json = movecoach(home, "nudge", "--json", fake="2026-03-10 19:29:00")
    assert json.loads(as_json.stdout)["snoozed_until"] == "2026-03-10T19:30"
    after = movecoach(home, "nudge", fake="2026-03-10 19:31:00")
    assert after.returncode == 1
    assert "no sessions logged yet" in after.stdout
    movecoach(home, "nudge", "--snooze", "2h", fake="2026-03-10 23:00:00")
    assert movecoach(home, "nudge", fake="2026-03-11 00:59:00").returncode == 0, "past midnight"
    ended = movecoach(home, "nudge", "--snooze", "off", fake="2026-03-11 00:59:00")
    assert ended.stdout == "movecoach: nudges are on again.\n"
    assert movecoach(home, "nudge", fake="2026-03-11 00:59:00").returncode == 1
    bad = movecoach(home, "nudge", "--snooze", "forever")
    assert bad.returncode == 2
    assert bad.stderr.startswith("movecoach: --snooze takes a time like 30m")


@needs_faketime
def test_a_break_nudge_after_so_long_without_moving_inside_the_hours(home: Path) -> None:
    early = movecoach(home, "nudge", "--break", fake="2026-03-10 10:29:00")
    assert (early.returncode, early.stdout) == (0, ""), "89 minutes into the day"
    due = movecoach(home, "nudge", "--break", fake="2026-03-10 10:31:00")
    assert due.returncode == 1
    assert due.stdout.startswith("movecoach: 91 minutes without moving.")
    assert "`movecoach break`" in due.stdout
    assert movecoach(home, "break", "-m", "1", "--dry-run").returncode == 0
    logged = movecoach(home, "log", "-m", "3", fake="2026-03-10 10:31:00")  # 10:28 to 10:31
    assert logged.returncode == 0
    assert movecoach(home, "nudge", "--break", fake="2026-03-10 12:00:00").returncode == 0
    custom = ["nudge", "--break", "--every", "60m", "--between", "08:00-18:00"]
    assert movecoach(home, *custom, fake="2026-03-10 11:31:00").returncode == 1
    as_json = movecoach(home, *custom, "--json", fake="2026-03-10 11:30:00")
    assert json.loads(as_json.stdout) == {"due": False, "message": None}
    assert movecoach(home, "nudge", "--break", fake="2026-03-10 18:30:00").returncode == 0
    bad = movecoach(home, "nudge", "--every", "30m")
    assert (bad.returncode, bad.stderr) == (2, "movecoach: --every and --between go with --break\n")


@needs_faketime
def test_nudge_on_a_flare_day_from_a_pain_entry_suggests_the_flare_routine(home: Path) -> None:
    """Sessions at pain 3 for two weeks, then a pain entry of 7 yesterday: the evening nudge
    suggests a few gentle minutes and the flare routine, from the cache and without it."""
    log = Log(home / "log", home / "cache")
    for back in range(3, 17):
        log.append(
            make_session({"id": f"s{back}", "date": day(back), "minutes": 10, "pain_before": 3})
        )
    log.append(make_day_entry({"id": "p1", "date": day(2), "kind": "pain", "pain": 7}))
    for cache in ("warm", "cold"):
        if cache == "cold":
            shutil.rmtree(home / "cache")
        else:
            assert movecoach(home, "sessions").returncode == 0  # fills the cache
        result = movecoach(home, "nudge", fake="2026-03-10 19:00:00")
        assert result.returncode == 1, cache
        assert "your pain is up (a flare)" in result.stdout, cache
        assert "movecoach flare" in result.stdout, cache
        assert "`movecoach today`" not in result.stdout, cache
    calm = movecoach(home, "nudge", fake="2026-03-14 19:00:00")  # that score is old by then
    assert "(a flare)" not in calm.stdout
    assert "`movecoach today`" in calm.stdout


def day(back: int) -> dt.date:
    return dt.date(2026, 3, 10) - dt.timedelta(days=back)


def test_nudge_on_a_broken_log_warns_and_exits_2(home: Path) -> None:
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_text("[[session]\n")
    result = movecoach(home, "nudge")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("movecoach: warning: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert movecoach(home, "nudge", "--quiet").returncode == 2


def test_nudge_help_and_bad_option(home: Path) -> None:
    helped = movecoach(home, "nudge", "--help")
    assert helped.returncode == 0
    assert "--quiet" in helped.stdout
    assert movecoach(home, "nudge", "-h").stdout == helped.stdout
    bad = movecoach(home, "nudge", "--loud")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("flag", ["--quiet", "--json"])
def test_nudge_does_not_load_typer_or_rich(home: Path, flag: str) -> None:
    code = (
        f"import sys; sys.argv = ['movecoach', 'nudge', '{flag}']\n"
        "from movecoach.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('typer', 'rich', 'dataclasses', 'tomllib', 'pathlib', 'typing', 'datetime',"
        " 'platformdirs', 'movecoach.log', 're', 'json')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    movecoach(home, "log", "-m", "10")
    movecoach(home, "sessions")  # warms the cache
    result = subprocess.run(
        [sys.executable, "-c", code], env=env_for(home), capture_output=True, text=True
    )
    answer = ['{"due": false, "message": null}'] if flag == "--json" else []
    assert result.stdout.splitlines() == [*answer, ""], "the last line lists heavy modules"


@needs_faketime
def test_nudge_without_a_cache_reads_the_log(home: Path) -> None:
    assert movecoach(home, "log", "-m", "10", "--date", "2026-03-05").returncode == 0
    shutil.rmtree(home / "cache")
    result = movecoach(home, "nudge", fake="2026-03-10 09:00:00")
    assert result.returncode == 1
    assert "4 days without a session" in result.stdout
    assert movecoach(home, "nudge", fake="2026-03-06 09:00:00").returncode == 0


def test_nudge_warns_about_a_broken_older_file_too(home: Path) -> None:
    assert movecoach(home, "log", "-m", "10").returncode == 0
    assert movecoach(home, "nudge").returncode in (0, 1)  # cache warm
    (home / "log" / "2019.toml").write_text("[[session]]\nid = 'x'\n")
    result = movecoach(home, "nudge")
    assert result.returncode == 2
    assert "2019.toml" in result.stderr


@needs_faketime
def test_nudge_follows_the_settings_and_sees_a_change_at_once(home: Path) -> None:
    assert movecoach(home, "log", "-m", "10", "--date", "2026-03-09").returncode == 0
    assert movecoach(home, "config", "set", "nudge_hour", "20").returncode == 0
    assert movecoach(home, "nudge", fake="2026-03-10 19:00:00").returncode == 0
    assert movecoach(home, "nudge", fake="2026-03-10 20:30:00").returncode == 1
    assert movecoach(home, "config", "set", "nudge_hour", "19").returncode == 0
    assert movecoach(home, "nudge", fake="2026-03-10 19:00:00").returncode == 1
    assert movecoach(home, "config", "set", "inactive_days", "5").returncode == 0
    assert movecoach(home, "nudge", fake="2026-03-13 09:00:00").returncode == 0  # 3 days
    (home / "config.toml").write_text("nudge_hour = 99\n")
    broken = movecoach(home, "nudge", fake="2026-03-10 09:00:00")
    assert broken.returncode == 2
    assert "nudge_hour" in broken.stderr


def test_nudge_reads_a_log_kept_elsewhere(home: Path, tmp_path: Path) -> None:
    shared = tmp_path / "synced" / "movecoach-log"
    assert movecoach(home, "config", "set", "log_dir", str(shared)).returncode == 0
    assert movecoach(home, "log", "-m", "10").returncode == 0
    assert list(shared.glob("*.toml"))
    assert not (home / "log").exists()
    assert movecoach(home, "nudge").returncode == 0


@pytest.mark.slow
def test_two_devices_share_one_synced_folder_without_losing_a_session(tmp_path: Path) -> None:
    shared = tmp_path / "Sync" / "movecoach"
    homes = {"laptop": tmp_path / "laptop", "desk": tmp_path / "desk"}
    for home in homes.values():
        assert movecoach(home, "config", "set", "log_dir", str(shared)).returncode == 0
    procs = []
    for n in range(20):
        device = "laptop" if n % 2 else "desk"
        env = {**env_for(homes[device]), "MOVECOACH_DEVICE": device}
        procs.append(
            subprocess.Popen(
                [str(MOVECOACH), "log", "-m", "10", "--note", f"{device} {n}"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
    year = time.localtime().tm_year
    assert sorted(p.name for p in shared.glob("*.toml")) == [
        f"{year}-desk.toml",
        f"{year}-laptop.toml",
    ]
    for path in shared.glob("*.toml"):  # each device wrote only its own file
        device = path.stem.split("-", 1)[1]
        notes = [s["note"] for s in tomllib.loads(path.read_text())["session"]]
        assert len(notes) == 10
        assert all(note.startswith(device) for note in notes)
    for home in homes.values():  # every device reads all of it, each session once
        sessions = json.loads(movecoach(home, "sessions", "--json", "--limit", "0").stdout)
        assert len(sessions) == 20
        history = json.loads(movecoach(home, "history", "--json", "--weeks", "1").stdout)
        assert history["weeks"][-1]["sessions"] == 20
        assert history["weeks"][-1]["minutes"] == 200


def test_a_session_copied_into_two_device_files_counts_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env_device = {"MOVECOACH_DEVICE": "laptop"}
    result = subprocess.run(
        [str(MOVECOACH), "log", "-m", "25"],
        env={**env_for(home), **env_device},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    (original,) = (home / "log").glob("*-laptop.toml")
    copy = original.with_name(original.name.replace("laptop", "desk"))
    copy.write_bytes(original.read_bytes())
    history = json.loads(movecoach(home, "history", "--json", "--weeks", "1").stdout)
    assert history["weeks"][-1]["sessions"] == 1
    assert history["weeks"][-1]["minutes"] == 25
    streak = json.loads(movecoach(home, "streak", "--json").stdout)
    assert streak["current"] == 1


def test_a_bad_device_name_is_refused(home: Path) -> None:
    result = subprocess.run(
        [str(MOVECOACH), "log", "-m", "10"],
        env={**env_for(home), "MOVECOACH_DEVICE": "my laptop!"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "MOVECOACH_DEVICE" in result.stderr
    assert not (home / "log").exists()
