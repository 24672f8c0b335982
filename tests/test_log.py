"""The session log keeps every session, never garbles a file, and refuses broken files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core.models import Record
from movecoach.errors import InputError, LogBusyError, LogCorruptError, StorageError
from movecoach.store import filecache
from movecoach.store import log as logmod
from movecoach.store.log import Log

from .factories import seed, session, sessions_st


def key(s):  # the order reads return
    return (s.date, s.time or dt.time.min)


@given(st.lists(sessions_st, min_size=1, max_size=6, unique_by=lambda s: s.id))
def test_round_trip_and_append_keeps_old_bytes_as_prefix(sessions) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        log = Log(Path(tmp) / "log", Path(tmp) / "cache")
        for item in sessions:
            path = log.path_for(item.date.year)
            before = path.read_bytes() if path.exists() else b""
            log.append(item)
            assert path.read_bytes().startswith(before)
        expected = sorted(sessions, key=key)
        assert log.sessions() == expected
        # and again from the TOML alone, with no cache to help
        assert Log(Path(tmp) / "log").sessions() == expected


def test_new_file_explains_the_format_and_welcomes_hand_edits(home: Path) -> None:
    seed(home, session("2026-03-10", pain_before=3))
    text = (home / "log" / "2026.toml").read_text()
    assert text.startswith("# movecoach session log for 2026.")
    assert "hand edits are welcome" in text
    assert "schema = 1" in text
    assert "[[session]]" in text


def test_times_are_written_with_seconds(home: Path) -> None:
    seed(home, session(time=dt.time(7, 30)))
    assert "time = 07:30:00" in (home / "log" / "2026.toml").read_text()


def test_session_goes_to_the_file_of_its_year(home: Path) -> None:
    log = seed(home, session("2025-12-31"), session("2026-01-01"))
    assert [p.name for p in log.files()] == ["2025.toml", "2026.toml"]
    assert "2025-12-31" in (home / "log" / "2025.toml").read_text()


def test_hand_edits_and_comments_survive_an_append(home: Path) -> None:
    log = seed(home, session("2026-03-01"))
    path = home / "log" / "2026.toml"
    edited = path.read_text() + "# my own comment\n[[session]]\nid = 'mine'\ndate = 2026-03-02\n"
    edited += "minutes = 7   # typed by hand\n"
    path.write_text(edited)
    log.append(session("2026-03-03"))
    assert path.read_text().startswith(edited)
    assert [s.id for s in log.sessions()][1] == "mine"


def test_hand_edit_is_seen_on_the_next_read_even_in_the_same_second(home: Path) -> None:
    log = seed(home, session("2026-03-01", minutes=20))
    assert log.sessions()[0].minutes == 20
    path = home / "log" / "2026.toml"
    stamp = path.stat()
    path.write_text(path.read_text().replace("minutes = 20", "minutes = 30"))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same mtime
    assert Log(home / "log", home / "cache").sessions()[0].minutes == 30


def test_a_broken_cache_is_rebuilt_silently(home: Path) -> None:
    log = seed(home, session("2026-03-01"), session("2026-03-02"))
    cached_files = list((home / "cache").rglob("*.marshal"))
    assert cached_files
    for cached in cached_files:
        cached.write_text("{ not marshal data")
    fresh = Log(home / "log", home / "cache")
    assert len(fresh.sessions()) == 2
    assert sum(day.sessions for day in fresh.days().values()) == 2
    assert len(log.sessions()) == 2


def test_days_from_cache_equal_days_from_toml(home: Path) -> None:
    from movecoach.core.stats import daily

    log = seed(
        home,
        session("2026-03-01", pain_before=4, pain_after=2),
        session("2026-03-01", minutes=5, pain_before=6),
        session("2025-07-01"),
    )
    warm = Log(home / "log", home / "cache")
    assert warm.days() == daily(Log(home / "log").sessions())
    assert warm.days() == log.days()


BROKEN = {
    "bad TOML": ("[[session]]\nid = 'x'\ndate = 2026-03-01\nminutes = = 3\n", r"line 4"),
    "pain of 14": (
        "[[session]]\nid = 'x'\ndate = 2026-03-01\nminutes = 10\npain_before = 14\n",
        r"line 1, session 1 \(id x\): 'pain_before' must be a whole number from 0 to 10, got 14",
    ),
    "missing date": ("[[session]]\nid = 'x'\nminutes = 10\n", r"line 1, session 1 .*'date'"),
    "time without seconds as text": (
        "[[session]]\nid = 'x'\ndate = 2026-03-01\nminutes = 3\ntime = '07:30'\n",
        r"'time' must be a time",
    ),
    "unknown key": (
        "[[session]]\nid = 'x'\ndate = 2026-03-01\nminutes = 3\npain_befor = 2\n",
        r"unknown key 'pain_befor'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_named_and_never_written(home: Path, case: str) -> None:
    text, message = BROKEN[case]
    folder = home / "log"
    folder.mkdir(parents=True)
    path = folder / "2026.toml"
    path.write_text(text)
    original = path.read_bytes()
    log = Log(folder, home / "cache")
    with pytest.raises(LogCorruptError, match=message) as info:
        log.sessions()
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)
    with pytest.raises(LogCorruptError):
        log.days()
    with pytest.raises(LogCorruptError):
        log.append(session("2026-03-02"))
    with pytest.raises(LogCorruptError):
        log.remove("x")
    assert path.read_bytes() == original
    assert log.problems()


def test_inline_array_layout_is_refused_without_writing(home: Path) -> None:
    folder = home / "log"
    folder.mkdir(parents=True)
    path = folder / "2026.toml"
    path.write_text("session = [{ id = 'a', date = 2026-03-01, minutes = 5 }]\n")
    original = path.read_bytes()
    log = Log(folder)
    assert [s.id for s in log.sessions()] == ["a"]
    with pytest.raises(LogCorruptError, match=r"\[\[session\]\] table cannot be added"):
        log.append(session("2026-03-02"))
    assert path.read_bytes() == original


def test_failed_replace_leaves_the_old_file_whole(home: Path, monkeypatch) -> None:
    log = seed(home, session("2026-03-01"))
    path = home / "log" / "2026.toml"
    original = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StorageError, match="No space left on device; nothing was changed"):
        log.append(session("2026-03-02"))
    with pytest.raises(StorageError, match="No space"):
        log.remove(log.sessions()[0].id)
    assert path.read_bytes() == original
    assert [p.name for p in (home / "log").iterdir() if p.name.endswith(".tmp")] == []


def test_a_held_lock_makes_writers_give_up_with_busy(home: Path) -> None:
    seed(home, session("2026-03-01"))
    log = Log(home / "log", lock_timeout=0.2)
    with (
        Log(home / "log")._lock(),
        pytest.raises(LogBusyError, match="busy"),
    ):
        log.append(session("2026-03-02"))
    log.append(session("2026-03-02"))
    assert len(log.sessions()) == 2


def test_private_permissions_whatever_the_umask(home: Path) -> None:
    old = os.umask(0o022)
    try:
        seed(home, session("2026-03-01"))
    finally:
        os.umask(old)
    for folder in (home, home / "log", home / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in [home / "log" / "2026.toml", *(home / "cache").rglob("*.marshal")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_remove_keeps_comments_and_the_other_sessions_as_written(home: Path) -> None:
    first, second, third = session("2026-03-01"), session("2026-03-02"), session("2026-03-03")
    log = seed(home, first, second, third)
    path = home / "log" / "2026.toml"
    text = path.read_text().replace(f'id = "{third.id}"', f'# before the third\nid = "{third.id}"')
    path.write_text(text)
    log.remove(second.id)
    after = path.read_text()
    assert after.startswith(text[: text.index("[[session]]")])
    assert "# before the third" in after
    assert second.id not in after
    assert [s.id for s in log.sessions()] == [first.id, third.id]


def test_remove_backs_up_the_file_first(home: Path) -> None:
    log = Log(home / "log", home / "cache", backup_dir=home / "backups")
    item = session("2026-03-01")
    log.append(item)
    original = (home / "log" / "2026.toml").read_bytes()
    log.remove(item.id)
    (backup,) = (home / "backups").iterdir()
    assert backup.read_bytes() == original
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_remove_unknown_id_changes_nothing(home: Path) -> None:
    log = seed(home, session("2026-03-01"))
    before = (home / "log" / "2026.toml").read_bytes()
    with pytest.raises(InputError, match="no record with id 'nope'"):
        log.remove("nope")
    assert (home / "log" / "2026.toml").read_bytes() == before


def test_last_logged_is_the_last_appended_not_the_latest_date(home: Path) -> None:
    log = seed(home, session("2026-03-05"))
    late = session("2025-12-31")
    log.append(late)
    found = log.last_logged()
    assert found is not None
    assert found[1] == late


def test_last_logged_after_the_cache_is_gone_is_still_the_last_logged(home: Path) -> None:
    """The file is parsed afresh (its summary rebuilt, not kept up by appends): the record
    logged last is still the one `undo` takes back, whatever its date or place in the file."""
    logged = [dt.datetime(2026, 3, 9, hour) for hour in (7, 21, 12)]
    records = [session(f"2026-03-0{n + 1}", logged=at) for n, at in enumerate(logged)]
    found = uncached(home, *records).last_logged()
    assert found is not None
    assert found[1] == records[1]


def test_a_missing_ids_entry_is_made_again_from_the_records(home: Path) -> None:
    first, second = session("2026-03-01"), session("2025-05-05")
    seed(home, first, second)
    for entry in (home / "cache").glob("*.ids.marshal"):
        entry.unlink()
    log = Log(home / "log", home / "cache")
    assert log.find(second.id) == [(home / "log" / "2025.toml", second)]
    assert log.remove(first.id) == first
    assert [s.id for s in Log(home / "log", home / "cache").sessions()] == [second.id]


def test_the_same_session_in_two_files_counts_once(home: Path) -> None:
    laptop = Log(home / "log", home / "cache", device="laptop")
    desk = Log(home / "log", home / "cache", device="desk")
    shared = session("2026-03-01")
    laptop.append(shared)
    desk.append(shared)
    desk.append(session("2026-03-01"))
    reader = Log(home / "log", home / "cache")
    assert len(reader.sessions()) == 2
    assert reader.days()[dt.date(2026, 3, 1)].sessions == 2


def test_other_files_in_the_folder_are_ignored(home: Path) -> None:
    log = seed(home, session("2026-03-01"))
    (home / "log" / "notes.txt").write_text("not a log")
    (home / "log" / "2026.toml.bak").write_text("[[[")
    assert len(log.sessions()) == 1
    assert log.problems() == []


def test_a_schema_from_the_future_is_refused(home: Path) -> None:
    folder = home / "log"
    folder.mkdir(parents=True)
    (folder / "2026.toml").write_text("schema = 2\n")
    with pytest.raises(LogCorruptError, match="schema 2"):
        Log(folder).sessions()


def test_reading_an_old_hand_written_file_without_schema(home: Path) -> None:
    folder = home / "log"
    folder.mkdir(parents=True)
    (folder / "2024.toml").write_text(
        "[[session]]\nid = 'old'\ndate = 2024-05-01\nminutes = 15\nexercises = ['walk']\n"
    )
    (only,) = Log(folder).sessions()
    assert only.id == "old"
    assert only.exercises == ("walk",)


def test_extend_writes_many_sessions_across_years_or_none(home: Path) -> None:
    log = seed(home, session("2026-01-05"))
    batch = [session("2025-12-30"), session("2026-01-06"), session("2026-01-07")]
    paths = log.extend(batch)
    assert sorted(p.name for p in paths) == ["2025.toml", "2026.toml"]
    assert len(log.sessions()) == 4
    before = {p.name: p.read_bytes() for p in log.files()}
    clash = [session("2024-05-05"), batch[1]]
    with pytest.raises(InputError, match="already there"):
        log.extend(clash)
    assert {p.name: p.read_bytes() for p in log.files()} == before
    assert not (home / "log" / "2024.toml").exists()


@given(
    st.text(max_size=12).map(lambda s: s + ".toml")
    | st.from_regex(r"\d{4}(-[\w-]{1,6})?\.toml", fullmatch=True)
)
def test_log_file_names_are_year_and_optional_device(name) -> None:
    import re

    from movecoach.store.logfile import log_file_name

    match = re.fullmatch(r"([0-9]{4})(?:-([A-Za-z0-9][A-Za-z0-9_-]*))?\.toml", name)
    expected = (int(match.group(1)), match.group(2) or "") if match else None
    assert log_file_name(name) == expected


# --- figures kept per file, and the recovery paths ------------------------------------------------


def test_the_tail_of_a_year_is_counted_once_and_kept_for_its_bytes(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(home, session("2024-12-29"), session("2024-12-30"), session("2024-12-31"))
    seed(home, session("2024-12-27"))
    long_ago = 1_600_000_000 * 10**9  # an old year's file, untouched for years
    os.utime(home / "log" / "2024.toml", ns=(long_ago, long_ago))
    assert Log(home / "log", home / "cache").year_tails(2024, 0, 0) == [3]
    monkeypatch.setattr(Log, "_tails", lambda *a: pytest.fail("counted again"))
    assert Log(home / "log", home / "cache").year_tails(2024, 0, 0) == [3]  # from the cache
    monkeypatch.undo()
    seed(home, session("2024-12-28"))  # new bytes: counted again
    assert Log(home / "log", home / "cache").year_tails(2024, 0, 0) == [5]
    assert Log(home / "log", home / "cache").year_tails(2023, 0, 0) == [0]


def test_the_tail_of_a_year_merges_the_files_of_every_device(home: Path) -> None:
    Log(home / "log", home / "cache", device="phone").append(session("2024-12-31"))
    Log(home / "log", home / "cache", device="laptop").append(session("2024-12-30"))
    seed(home, session("2024-12-29"), session("2025-01-01"))
    assert Log(home / "log", home / "cache").year_tails(2024, 0, 0) == [3]
    assert Log(home / "log", home / "cache").year_tails(2025, 0, 0) == [0]


def test_recent_reads_newest_first_one_year_at_a_time(home: Path) -> None:
    log = seed(home, session("2024-05-01"), session("2026-01-02"), session("2026-01-01"))
    assert [s.date.isoformat() for s in log.recent()] == ["2026-01-02", "2026-01-01", "2024-05-01"]
    assert log.years() == [2024, 2026]


def test_a_cache_entry_of_another_shape_is_read_past(home: Path) -> None:
    """An old or foreign cache entry must never break a read: the file is parsed again."""
    log = seed(home, session("2026-03-01", minutes=12))
    from movecoach.store.memo import blob_hash

    digest = blob_hash((home / "log" / "2026.toml").read_bytes())
    log.memo.store(digest, filecache.month_kind("2026-03"), [["too", "short"]])
    log.memo.store(digest, filecache.DAYS, {"days": "not a dict"})
    fresh = Log(home / "log", home / "cache")
    assert [s.minutes for s in fresh.sessions()] == [12]
    assert fresh.days()[dt.date(2026, 3, 1)].minutes == 12


def test_a_file_that_cannot_be_read_is_named(home: Path) -> None:
    log = seed(home, session("2026-03-01"))
    path = home / "log" / "2026.toml"
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who reads any file")
        with pytest.raises(LogCorruptError, match=r"2026\.toml: cannot read it: Permission denied"):
            Log(home / "log").sessions()
    finally:
        path.chmod(0o600)
    assert log.sessions()


def test_a_log_folder_that_is_a_file_is_named(home: Path) -> None:
    home.mkdir()
    (home / "log").write_text("not a folder")
    with pytest.raises(LogCorruptError, match="cannot read the log folder"):
        Log(home / "log").files()
    assert Log(home / "nothing here").files() == []


def test_a_file_that_is_not_utf8_is_refused_with_the_fix(home: Path) -> None:
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_bytes(b"# caf\xe9\n")
    with pytest.raises(
        LogCorruptError, match=r"2026\.toml: is not UTF-8 text \(.*movecoach restore"
    ):
        Log(home / "log").validate()
    (problem,) = Log(home / "log").problems()
    assert "2026.toml: is not UTF-8 text" in problem


def test_removing_a_session_says_which_file_and_which_session(home: Path) -> None:
    first, second = session("2025-06-01", id="old"), session("2026-03-01", id="new")
    log = seed(home, first, second)
    assert log.remove("old") == first
    assert [p.name for p, _ in log.find("new")] == ["2026.toml"]
    assert log.sessions() == [second]
    assert not (home / "backups").exists()  # no backup folder given: none kept
    assert Log(home / "log").sessions() == [second]  # the file itself, not only the cache
    seed(home, session("2025-07-01", id="older"))
    assert log.remove("new") == second  # in the second file of two
    assert Log(home / "log").find("new") == []
    assert [s.id for s in Log(home / "log").sessions()] == ["older"]


def test_read_backup_names_what_is_wrong(home: Path, tmp_path: Path) -> None:
    good = tmp_path / "2026.toml.20260310T070000.000001.bak"
    good.write_text("[[session]]\nid = 'a'\ndate = 2026-03-01\nminutes = 5\n")
    data, sessions = logmod.read_backup(good)
    assert data == good.read_bytes()
    assert [s.id for s in sessions] == ["a"]
    cases = {
        "notes.txt": "notes.txt is not named like a movecoach backup (<log file>.<time>.bak); "
        "`movecoach restore` lists them",
        "notes.toml.20260310T070000.000001.bak": "notes.toml.20260310T070000.000001.bak is not "
        "a backup of a log file; nothing was restored",
    }
    for name, message in cases.items():
        (tmp_path / name).write_text("x")
        with pytest.raises(InputError) as caught:
            logmod.read_backup(tmp_path / name)
        assert str(caught.value) == message
    missing = tmp_path / "2026.toml.20260310T070000.000002.bak"
    with pytest.raises(InputError, match=f"{missing}: cannot read it: No such file or directory"):
        logmod.read_backup(missing)
    broken = tmp_path / "2026.toml.20260310T070000.000003.bak"
    broken.write_text("[[session]]\nid = 'a'\n")
    with pytest.raises(InputError) as caught:
        logmod.read_backup(broken)
    assert str(caught.value) == (
        f"{broken.name}: line 1, session 1 (id a): 'date' is missing; it is not a valid log "
        "file, so nothing was restored"
    )
    binary = tmp_path / "2026.toml.20260310T070000.000004.bak"
    binary.write_bytes(b"\xff\xfe")
    with pytest.raises(
        InputError, match=rf"{binary.name}: is not UTF-8 text \(.*\); it is not a valid"
    ):
        logmod.read_backup(binary)


def test_count_sessions_says_why_it_cannot(home: Path, tmp_path: Path) -> None:
    seed(home, session("2026-03-01"), session("2026-03-02"))
    assert logmod.count_sessions(home / "log" / "2026.toml") == 2
    assert logmod.count_sessions(tmp_path / "gone.toml") == "not there"
    (tmp_path / "bad.toml").write_text("[[session]\n")
    assert logmod.count_sessions(tmp_path / "bad.toml") == "does not parse"
    (tmp_path / "binary.toml").write_bytes(b"\xff")
    assert logmod.count_sessions(tmp_path / "binary.toml") == "does not parse"


def test_restoring_the_same_bytes_reports_the_sessions_and_no_change(home: Path) -> None:
    log = Log(home / "log", home / "cache", backup_dir=home / "backups")
    item = session("2026-03-01")
    log.append(item)
    log.append(session("2026-03-02"))
    log.remove(log.sessions()[1].id)
    (backup,) = (home / "backups").iterdir()
    log.restore(backup)
    again = log.restore(backup)
    assert again == logmod.Restored(home / "log" / "2026.toml", again.sessions, None, False)
    assert len(again.sessions) == 2


def test_new_ids_are_sixteen_hex_digits_and_differ() -> None:
    ids = {logmod.new_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids)


# --- the cache is used, and a missing entry costs only a parse ----------------------------------


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    from movecoach.store import logfile

    monkeypatch.setattr(logfile, "read", lambda *a: pytest.fail("parsed although cached"))


def uncached(home: Path, *records: Record) -> Log:
    """A log of these records whose cache is gone, as after an upgrade."""
    seed(home, *records)
    shutil.rmtree(home / "cache")
    return Log(home / "log", home / "cache")


def test_reads_after_the_first_come_from_the_cache(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = uncached(home, session("2026-03-01", minutes=12), session("2025-05-05", minutes=7))
    expected = (first.sessions(), first.days())  # parsed, then kept
    no_parsing(monkeypatch)
    again = Log(home / "log", home / "cache")
    again.validate()
    assert (again.sessions(), again.days()) == expected
    assert again.find(expected[0][0].id) == [(home / "log" / "2025.toml", expected[0][0])]
    assert again.problems() == []


def test_a_missing_entry_for_a_file_the_index_vouches_for_is_parsed_again(home: Path) -> None:
    seed(home, session("2026-03-01", minutes=12))
    long_ago = 1_600_000_000 * 10**9
    os.utime(home / "log" / "2026.toml", ns=(long_ago, long_ago))
    Log(home / "log", home / "cache").sessions()  # the index now vouches for the file
    for entry in (home / "cache").glob("*.sessions.marshal"):
        entry.unlink()
    for entry in (home / "cache").glob("*.days.marshal"):
        entry.unlink()
    log = Log(home / "log", home / "cache")
    assert [s.minutes for s in log.sessions()] == [12]
    assert log.days()[dt.date(2026, 3, 1)].minutes == 12


def test_days_of_the_years_asked_only(home: Path) -> None:
    log = seed(home, session("2025-12-31", minutes=5), session("2026-01-01", minutes=6))
    assert list(log.days([2026])) == [dt.date(2026, 1, 1)]
    assert list(log.days(y for y in [2025])) == [dt.date(2025, 12, 31)]
    assert log.active_dates([2025]) == {dt.date(2025, 12, 31)}


def test_days_add_up_across_the_files_of_every_device(home: Path) -> None:
    Log(home / "log", home / "cache", device="phone").append(session("2026-03-01", minutes=10))
    Log(home / "log", home / "cache", device="laptop").append(session("2026-03-01", minutes=15))
    day = Log(home / "log", home / "cache").days()[dt.date(2026, 3, 1)]
    assert (day.sessions, day.minutes) == (2, 25)


def test_a_session_copied_into_two_files_counts_once_in_the_years_asked(home: Path) -> None:
    shared = session("2026-03-01", minutes=10)
    Log(home / "log", home / "cache", device="phone").append(shared)
    Log(home / "log", home / "cache", device="laptop").append(shared)
    seed(home, session("2025-06-01", minutes=30))
    days = Log(home / "log", home / "cache").days([2026])
    assert list(days) == [dt.date(2026, 3, 1)]
    assert (days[dt.date(2026, 3, 1)].sessions, days[dt.date(2026, 3, 1)].minutes) == (1, 10)


def test_two_sessions_to_import_with_one_id_are_refused_in_words(home: Path) -> None:
    one = session("2026-03-01", id="same")
    with pytest.raises(InputError) as caught:
        Log(home / "log").merge([one, session("2026-03-02", id="same")])
    assert str(caught.value) == "two records to import share an id; nothing was imported"
    with pytest.raises(InputError) as caught:
        Log(home / "log").extend([one, session("2026-03-02", id="same")])
    assert str(caught.value) == "two new records share an id; nothing was written"
    assert not (home / "log" / "2026.toml").exists()


def test_a_whole_year_of_devices_has_a_tail_of_that_year_only(home: Path) -> None:
    """The tail of 2024 stops at 1 January 2024 even when 31 December 2023 was active too:
    the streak adds each year's tail itself."""
    from movecoach.store import logfile

    (home / "log").mkdir(parents=True)
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]
    phone = [session(day, id=f"p{n}") for n, day in enumerate(days[:200])]
    laptop = [session(day, id=f"l{n}") for n, day in enumerate(days[200:])]
    (home / "log" / "2024-phone.toml").write_text(logfile.new_file(2024) + logfile.blocks(phone))
    (home / "log" / "2024-laptop.toml").write_text(logfile.new_file(2024) + logfile.blocks(laptop))
    seed(home, session("2023-12-31"))
    assert Log(home / "log", home / "cache").year_tails(2024, 0, 0) == [366]


def month_entries(home: Path) -> list[Path]:
    """The cache's copies of files' records, one entry a month (`filecache.store_rows`)."""
    return sorted((home / "cache").glob("*.m[0-9][0-9][0-9][0-9]-[0-9][0-9].marshal"))


def test_a_command_needing_totals_only_leaves_the_records_to_the_first_read(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movecoach.store import logfile

    log = uncached(home, session("2026-03-01", minutes=12), session("2025-05-05", minutes=7))
    days = log.days()  # a streak's read: totals, no records
    assert days[dt.date(2025, 5, 5)].minutes == 7
    assert month_entries(home) == []
    reads: list[str] = []
    real = logfile.read
    monkeypatch.setattr(logfile, "read", lambda text, name: reads.append(name) or real(text, name))
    sessions = Log(home / "log", home / "cache").sessions()
    assert [s.minutes for s in sessions] == [7, 12]
    assert len(reads) == 2  # parsed again, once each, and now kept
    assert len(month_entries(home)) == 2
    assert Log(home / "log", home / "cache").sessions() == sessions
    assert len(reads) == 2


def test_records_read_by_the_command_that_parsed_them_are_kept(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = uncached(home, session("2026-03-01", minutes=12), session("2026-04-02", minutes=8))
    log.days()
    expected = log.sessions(window=(dt.date(2026, 4, 1), dt.date(2026, 4, 30)))
    assert [s.minutes for s in expected] == [8]
    assert len(month_entries(home)) == 2  # the whole file's, from the one parse
    no_parsing(monkeypatch)
    assert Log(home / "log", home / "cache").sessions()[1:] == expected


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fds through /proc")
def test_every_read_of_an_old_file_is_over_before_the_new_one_is_put_in_place(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A removal reads the old file while the new one is written (the copy, the hash in a
    thread): it is closed before the rename, which Windows refuses over an open file."""
    from unittest import mock

    log = seed(home, *(session("2026-03-01", id=f"s{n}") for n in range(5)))
    path = log.path_for(2026)
    open_then: list[list[str]] = []
    real_replace = os.replace

    def replace(source: str, target: str) -> None:
        if str(target) == str(path):
            fds = os.listdir("/proc/self/fd")
            open_then.append([t for fd in fds if (t := _target(fd)) == str(path)])
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with mock.patch("movecoach.store.log.BIG_BLOB", 1):  # hashed in a thread, as 50 MB is
        log.remove("s3")
    monkeypatch.undo()
    assert open_then == [[]]
    assert [s.id for s in Log(home / "log", home / "cache").sessions()] == ["s0", "s1", "s2", "s4"]


def _target(fd: str) -> str | None:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None
