"""Backups of log files, and the log's import (`Log.merge`) and `Log.restore` that use them."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from movecoach.errors import InputError, LogCorruptError
from movecoach.store import backups
from movecoach.store.log import Log

from .factories import session


@pytest.fixture
def log(home: Path) -> Log:
    return Log(home / "log", home / "cache", backup_dir=home / "backups")


def listed(home: Path) -> list[Path]:
    return backups.listing(home / "backups")


# --- backups.py -----------------------------------------------------------------------------


def test_keep_names_the_file_and_keeps_the_newest_twenty(tmp_path: Path) -> None:
    made = [backups.keep(tmp_path, "2026.toml", f"v{n}".encode()) for n in range(23)]
    kept = backups.listing(tmp_path)
    assert kept == list(reversed(made[3:]))
    assert {backups.target_name(p) for p in kept} == {"2026.toml"}
    assert kept[0].read_bytes() == b"v22"
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600


def test_listing_ignores_other_files_and_a_missing_folder(tmp_path: Path) -> None:
    assert backups.listing(tmp_path / "nope") == []
    (tmp_path / "notes.txt").write_text("mine")
    assert backups.listing(tmp_path) == []


# --- Log.merge ------------------------------------------------------------------------------


def test_merge_adds_new_ids_and_skips_ids_in_any_file(log: Log) -> None:
    old = session("2025-12-30")
    log.append(old)
    moved = session("2026-01-02", id=old.id)  # same id, another year: still skipped
    new = session("2026-01-03")
    added, skipped = log.merge([moved, new])
    assert (added, skipped) == ([new], [moved])
    assert log.merge([moved, new]) == ([], [moved, new])
    assert log.sessions() == [old, new]


def test_merge_backs_up_each_file_it_changes_and_keeps_its_bytes(log: Log, home: Path) -> None:
    log.append(session("2026-03-01"))
    path = home / "log" / "2026.toml"
    path.write_bytes(path.read_bytes() + b"# my own comment\n")
    before = path.read_bytes()
    log.merge([session("2026-03-02"), session("2027-01-01")])
    (backup,) = listed(home)  # 2027.toml is new: nothing to keep
    assert backups.target_name(backup) == "2026.toml"
    assert backup.read_bytes() == before
    assert path.read_bytes().startswith(before)
    assert len(log.sessions()) == 3


def test_merge_refuses_the_lot_when_a_file_is_broken(log: Log, home: Path) -> None:
    log.append(session("2026-03-01"))
    broken = home / "log" / "2025.toml"
    broken.write_text("[[session]]\nid = \n")
    before = (home / "log" / "2026.toml").read_bytes()
    with pytest.raises(LogCorruptError, match=r"2025\.toml"):
        log.merge([session("2026-03-02")])
    assert (home / "log" / "2026.toml").read_bytes() == before
    assert listed(home) == []


def test_merge_refuses_two_sessions_with_one_id(log: Log, home: Path) -> None:
    with pytest.raises(InputError, match="share an id"):
        log.merge([session("2026-03-01", id="x"), session("2025-03-01", id="x")])
    assert not (home / "log").exists()


# --- Log.restore ----------------------------------------------------------------------------


def test_restore_puts_the_file_back_byte_for_byte_and_keeps_what_it_replaced(
    log: Log, home: Path
) -> None:
    first, second = session("2026-03-01"), session("2026-03-02")
    log.append(first)
    log.append(second)
    path = home / "log" / "2026.toml"
    original = path.read_bytes()
    log.remove(first.id)
    after_remove = path.read_bytes()
    (backup,) = listed(home)
    done = log.restore(backup)
    assert done.changed
    assert done.path == path
    assert path.read_bytes() == original
    assert done.sessions == [first, second] == log.sessions()
    assert done.replaced is not None
    assert done.replaced.read_bytes() == after_remove
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_restore_mends_a_broken_file_and_brings_back_a_deleted_one(log: Log, home: Path) -> None:
    item = session("2026-03-01")
    log.append(item)
    path = home / "log" / "2026.toml"
    log.remove(item.id)
    (backup,) = listed(home)
    path.write_text("[[session]\nbroken by hand")
    log.restore(backup)
    assert log.sessions() == [item]
    assert listed(home)[0].read_text() == "[[session]\nbroken by hand"
    path.unlink()
    assert log.restore(backup).replaced is None
    assert log.sessions() == [item]


def test_restoring_what_is_already_there_changes_nothing(log: Log, home: Path) -> None:
    item = session("2026-03-01")
    log.append(item)
    log.append(session("2026-03-02"))
    log.remove(item.id)
    backup = listed(home)[0]
    log.restore(backup)
    count = len(listed(home))
    assert not log.restore(backup).changed
    assert len(listed(home)) == count


def test_restore_refuses_a_broken_backup(log: Log, home: Path, tmp_path: Path) -> None:
    log.append(session("2026-03-01"))
    before = (home / "log" / "2026.toml").read_bytes()
    bad = tmp_path / "2026.toml.20260301T120000.000000.bak"
    bad.write_text("[[session]]\nminutes = 'lots'\n")
    with pytest.raises(InputError, match="not a valid log file, so nothing was restored"):
        log.restore(bad)
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(InputError, match="not UTF-8"):
        log.restore(bad)
    assert (home / "log" / "2026.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("name", "problem"), [("2026.toml", "not named like"), ("config.toml.x.bak", "not named like")]
)
def test_restore_refuses_a_file_not_named_like_a_backup(
    log: Log, tmp_path: Path, name: str, problem: str
) -> None:
    path = tmp_path / name
    path.write_text("")
    with pytest.raises(InputError, match=problem):
        log.restore(path)


def test_restore_refuses_a_backup_of_something_that_is_not_a_log_file(
    log: Log, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml.20260301T120000.000000.bak"
    path.write_text("")
    with pytest.raises(InputError, match="not a backup of a log file"):
        log.restore(path)


def frozen_clock(monkeypatch: pytest.MonkeyPatch, ns: int) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(time, "time_ns", lambda: ns)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_backup_is_named_for_its_file_and_the_microsecond(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, utc: None
) -> None:
    frozen_clock(monkeypatch, 1_773_126_245_123_456_999)  # 2026-03-10 07:04:05.123456999 UTC
    first = backups.keep(tmp_path, "2026.toml", b"one")
    assert first.name == "2026.toml.20260310T070405.123456.bak"
    assert backups.taken(first) == "2026-03-10 07:04:05"
    second = backups.keep(tmp_path, "2026.toml", b"two")  # the same microsecond: both kept
    assert second.name == "2026.toml.20260310T070405.123457.bak"
    third = backups.keep(tmp_path, "2026.toml", b"three")
    assert third.name == "2026.toml.20260310T070405.123458.bak"
    assert [p.read_bytes() for p in backups.listing(tmp_path)] == [b"three", b"two", b"one"]


def test_the_microseconds_wrap_within_their_six_digits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, utc: None
) -> None:
    frozen_clock(monkeypatch, 1_773_126_245_999_999_000)
    first = backups.keep(tmp_path, "2025.toml", b"x")
    second = backups.keep(tmp_path, "2025.toml", b"y")
    assert first.name == "2025.toml.20260310T070405.999999.bak"
    assert second.name != first.name
    assert backups.NAME.match(second.name)  # still six digits: listed and restorable
    assert {p.read_bytes() for p in backups.listing(tmp_path)} == {b"x", b"y"}


def test_pruning_tolerates_a_backup_removed_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = backups.keep(tmp_path, "2026.toml", b"a")
    gone = tmp_path / "2026.toml.20000101T000000.000000.bak"
    monkeypatch.setattr(backups, "listing", lambda folder: [kept, gone])
    assert backups.keep(tmp_path, "2026.toml", b"b", limit=1).read_bytes() == b"b"


def test_the_name_of_something_that_is_not_a_backup(tmp_path: Path) -> None:
    assert backups.taken(tmp_path / "notes.txt") == "?"
    with pytest.raises(ValueError, match=r"notes\.txt is not a movecoach backup"):
        backups.target_name(tmp_path / "notes.txt")
    assert backups.target_name(Path("2026-phone.toml.20260310T070405.000001.bak")) == (
        "2026-phone.toml"
    )


def test_backups_of_every_file_are_listed_newest_first(tmp_path: Path) -> None:
    older = tmp_path / "2026.toml.20260309T120000.000000.bak"
    newer = tmp_path / "2025.toml.20260310T080000.000000.bak"
    newest = tmp_path / "2024-phone.toml.20260310T090000.000000.bak"
    for path in (older, newer, newest):
        path.write_text("x")
    assert backups.listing(tmp_path) == [newest, newer, older]
