"""`export` from each log file's cached lines says byte for byte what merging the records
says, and merging is still what happens when it would drop a record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core.models import Deleted, make_day_entry
from movecoach.store.log import EVERYTHING, Log

from .factories import checkin, seed, session

TODAY = dt.date(2026, 3, 10)
VARIANTS = [
    [],
    ["-f", "json"],
    ["--kind", "day"],
    ["--kind", "checkin"],
    ["-f", "json", "--kind", "session"],
    ["--since", "2025-12-31", "--until", "2026-01-01"],
    ["-f", "json", "--since", "2026-01-01"],
    ["--until", "2025-06-30"],
]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


def seeded(home: Path) -> None:
    """Two devices' files over two years, every kind, times with seconds and none, ties,
    and cells a spreadsheet would run."""
    seed(
        home,
        session("2025-12-31", time=dt.time(7, 30), note="=SUM(A1)"),
        session("2025-12-31", exercises=("-x", "bridge")),
        session("2026-01-01", time=dt.time(7, 30, 15), note='two\nlines, "quoted"'),
        checkin("2026-01-01", ("@socks", 4)),
        make_day_entry({"id": "d1", "date": dt.date(2026, 1, 2), "kind": "rest", "note": "+"}),
    )
    laptop = Log(home / "log", home / "cache", device="laptop")
    for item in (
        session("2025-12-31", time=dt.time(7, 30), note="same time, other file"),
        session("2026-01-01"),
        session("2025-06-30", minutes=5),
    ):
        laptop.append(item)


def exported(run, *args: str) -> tuple[str, str]:
    result = run("export", *args, ok=True)
    return result.stdout, result.stderr


def test_the_cached_lines_say_what_the_merged_records_say(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(home)
    cold = [exported(run, *args) for args in VARIANTS]
    warm = [exported(run, *args) for args in VARIANTS]
    assert any(p.name.endswith(".export-csv-session-1.marshal") for p in (home / "cache").iterdir())
    monkeypatch.setattr(Log, "per_file", lambda *args: None)  # merge the records, always
    merged = [exported(run, *args) for args in VARIANTS]
    assert cold == warm == merged
    assert "same time, other file" in merged[0][0]  # another device's file is in


def test_a_tombstone_or_an_id_in_two_files_sends_the_export_back_to_merging(home: Path) -> None:
    seeded(home)
    log = Log(home / "log", home / "cache")
    assert log.per_file(EVERYTHING, "test", lambda records: len(records.all())) == [2, 2, 3, 1]
    log.append(Deleted("gone", dt.date(2026, 1, 5)))
    assert log.per_file(EVERYTHING, "test", lambda records: 0) is None

    other = home / "other"
    seed(other, session("2026-01-01", id="twice"))
    Log(other / "log", other / "cache", device="laptop").append(session("2026-01-02", id="twice"))
    assert Log(other / "log", other / "cache").per_file(EVERYTHING, "t", len) is None


def test_a_cold_export_keeps_its_lines_not_the_records(run, home: Path) -> None:
    """An export from a deleted cache keeps each file's lines; the records are left to the
    first command that reads them, which still finds them all."""
    import shutil

    seeded(home)
    shutil.rmtree(home / "cache")
    first = exported(run, "-f", "json")
    assert not list((home / "cache").glob("*.m2*.marshal"))
    assert list((home / "cache").glob("*.export-json-*.marshal"))
    assert exported(run, "-f", "json") == first
    listed = run("sessions", "--json", "--since", "2025-01-01", ok=True).stdout
    assert listed.count('"id"') == first[0].count('"kind": "session"')
