"""A log shared by devices through a sync tool: nothing lost, every removal sticks.

Each device writes only its own files; a sync tool copies files between the devices'
folders, and when one file changed on both sides it leaves a conflict copy. These tests play
devices (a home and a device name each, logging into their own folder), a sync between them,
and every sync tool's conflict-copy name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.store.log import Log
from movecoach.store.logfile import block, conflict_copy_of

from .factories import session

TODAY = dt.date(2026, 3, 10)
COPIES = {
    "syncthing": "2026-laptop.sync-conflict-20260301-101010-ABCDEF7.toml",
    "dropbox": "2026-laptop (Sam's conflicted copy 2026-03-01).toml",
    "dropbox case": "2026-laptop (Case Conflict).toml",
    "nextcloud": "2026-laptop (conflicted copy 2026-03-01 101010).toml",
}


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 12, 0))


class Device:
    """One device: its own home (settings, cache, backups) and its own copy of the log."""

    def __init__(self, root: Path, name: str, run: Callable[..., object]) -> None:
        self.name = name
        self.home = root / f"home-{name}"
        self.folder = root / f"sync-{name}"
        self._run = run

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        saved = {k: os.environ.get(k) for k in ("MOVECOACH_HOME", "MOVECOACH_DEVICE")}
        os.environ["MOVECOACH_HOME"] = str(self.home)
        os.environ["MOVECOACH_DEVICE"] = self.name
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def run(self, *args: str, ok: bool = True) -> object:
        with self.active():
            if not (self.home / "config.toml").exists():
                self.home.mkdir(parents=True, exist_ok=True)
                (self.home / "config.toml").write_text(f'log_dir = "{self.folder}"\n')
            return self._run(*args, ok=ok)

    def ids(self) -> set[str]:
        result = self.run("sessions", "--json", "--limit", "0")
        return {item["id"] for item in json.loads(result.stdout)}  # type: ignore[attr-defined]

    def log(self, minutes: int, note: str) -> str:
        """Log a session; its id."""
        before = self.ids()
        self.run("log", "-m", str(minutes), "--note", note)
        (new,) = self.ids() - before
        return new


def sync(*devices: Device) -> None:
    """What a sync tool does once everyone is online: every file everywhere, the newest copy
    of each file winning (a device writes only its own files, so no file changed on two)."""
    newest: dict[str, Path] = {}
    for device in devices:
        for path in device.folder.glob("*.toml"):
            known = newest.get(path.name)
            if known is None or path.stat().st_mtime_ns > known.stat().st_mtime_ns:
                newest[path.name] = path
    for device in devices:
        device.folder.mkdir(parents=True, exist_ok=True)
        for name, path in newest.items():
            if path.parent != device.folder:
                shutil.copy2(path, device.folder / name)


@pytest.fixture
def pair(run, tmp_path: Path) -> tuple[Device, Device]:
    return Device(tmp_path, "laptop", run), Device(tmp_path, "desk", run)


# --- conflict copies --------------------------------------------------------------------------


@pytest.mark.parametrize("tool", sorted(COPIES))
def test_a_conflict_copy_is_named_as_a_copy_of_its_file(tool: str) -> None:
    assert conflict_copy_of(COPIES[tool]) == "2026-laptop.toml"


@pytest.mark.parametrize(
    "name",
    ["2026-laptop.toml", "notes.toml", "2026-laptop (holiday).toml", "x.sync-conflict-1.toml"],
)
def test_other_names_are_not_conflict_copies(name: str) -> None:
    assert conflict_copy_of(name) is None


@pytest.mark.parametrize("tool", sorted(COPIES))
def test_a_conflict_copy_is_counted_reported_and_folded_back(pair, tool: str) -> None:
    laptop, _ = pair
    kept = laptop.log(20, "in the file")
    own = laptop.folder / "2026-laptop.toml"
    copy = laptop.folder / COPIES[tool]  # the other side's version: one more session
    copy.write_text(own.read_text() + "\n" + block(session(TODAY, id="fromthecopy01")))

    listed = laptop.run("sessions", "--json")
    assert {kept, "fromthecopy01"} <= {i["id"] for i in json.loads(listed.stdout)}  # type: ignore[attr-defined]
    assert COPIES[tool] in listed.stderr  # type: ignore[attr-defined]
    assert laptop.run("streak", "--json").stderr.count(COPIES[tool]) == 1  # type: ignore[attr-defined]

    checked = laptop.run("check", ok=False)
    assert checked.exit_code == 2  # type: ignore[attr-defined]
    assert f"problem: {COPIES[tool]}: a conflict copy" in checked.stdout  # type: ignore[attr-defined]

    fixed = laptop.run("check", "--fix")
    assert "fixed: folded 1 record from 1 conflict copy" in fixed.stdout  # type: ignore[attr-defined]
    assert not copy.exists()
    assert (laptop.home / "backups" / f"{COPIES[tool]}.folded").exists()
    assert "fromthecopy01" in own.read_text()
    assert laptop.ids() >= {kept, "fromthecopy01"}
    assert laptop.run("check").exit_code == 0  # type: ignore[attr-defined]


def test_a_onedrive_copy_reads_as_another_devices_file(pair) -> None:
    laptop, _ = pair
    laptop.log(10, "mine")
    Log(laptop.folder, device="laptop-DESKTOP-1234").append(session(TODAY, id="onedrive01"))
    result = laptop.run("sessions", "--json")
    assert "onedrive01" in result.stdout  # type: ignore[attr-defined]
    assert "conflict" not in result.stderr  # type: ignore[attr-defined]


def test_on_a_clash_the_file_modified_later_wins(tmp_path: Path) -> None:
    older = Log(tmp_path, device="a")
    newer = Log(tmp_path, device="b")
    older.append(session(TODAY, id="same", minutes=10))
    newer.append(session(TODAY, id="same", minutes=25))
    os.utime(tmp_path / "2026-a.toml", ns=(1, 1_000_000_000))
    (only,) = Log(tmp_path).sessions()
    assert only.minutes == 25
    assert Log(tmp_path).record("same") == only  # one record, as every reader counts it


def test_a_record_held_once_is_itself_unless_a_tombstone_names_it(tmp_path: Path) -> None:
    mine, theirs = Log(tmp_path, device="a"), Log(tmp_path, device="b")
    kept, gone = session(TODAY, minutes=10), session(TODAY, minutes=20)
    mine.append(kept)
    theirs.append(gone)
    assert (mine.record(kept.id), mine.record(gone.id)) == (kept, gone)
    mine.remove(gone.id)  # another device's: a tombstone in this device's file
    assert (Log(tmp_path).record(kept.id), Log(tmp_path).record(gone.id)) == (kept, None)


# --- devices write only their own files -------------------------------------------------------


def test_devices_never_write_each_others_files(pair) -> None:
    laptop, desk = pair
    laptop.log(10, "laptop")
    desk.log(15, "desk")
    sync(laptop, desk)
    before = (desk.folder / "2026-laptop.toml").read_bytes()
    for args in (["undo", "--yes"], ["log", "-m", "5"], ["import", "--help"]):
        desk.run(*args)
    assert (desk.folder / "2026-laptop.toml").read_bytes() == before


def test_undo_takes_back_what_this_device_logged_last_not_the_newest_file(pair) -> None:
    laptop, desk = pair
    first = laptop.log(10, "first")
    desk.log(15, "desk")
    sync(laptop, desk)
    (laptop.folder / "2026-desk.toml").touch()  # another device's file is newer
    laptop.run("undo", "--yes")
    assert first not in laptop.ids()
    assert len(laptop.ids()) == 1


def test_offline_log_undo_and_delete_then_sync(pair) -> None:
    """Both log offline; the laptop undoes its own, the desk deletes one of the laptop's;
    after a sync every session that should survive does and every removal sticks."""
    laptop, desk = pair
    keep_l = laptop.log(10, "laptop keeps")
    shared = laptop.log(11, "laptop, deleted on the desk")
    sync(laptop, desk)
    keep_d = desk.log(20, "desk keeps")
    undone = laptop.log(12, "laptop undoes this")
    laptop.run("undo", "--yes")
    desk.run("delete", shared, "--yes")
    assert shared not in desk.ids()
    assert "deleted" in (desk.folder / "2026-desk.toml").read_text()  # a tombstone
    sync(laptop, desk)
    for device in (laptop, desk):
        assert device.ids() == {keep_l, keep_d}, device.name
        assert undone not in device.ids()
    # a removal sticks through later syncs and a re-import of an old export
    sync(laptop, desk)
    assert laptop.ids() == desk.ids() == {keep_l, keep_d}


def test_delete_of_an_id_in_several_files_removes_it_everywhere(pair) -> None:
    laptop, _ = pair
    twice = session(TODAY, id="intwofiles", minutes=9)
    Log(laptop.folder, device="laptop").append(twice)
    Log(laptop.folder, device="desk").append(twice)
    assert "intwofiles" in laptop.ids()
    laptop.run("delete", "intwofiles", "--yes")
    assert "intwofiles" not in laptop.ids()
    assert (
        "intwofiles" not in (laptop.folder / "2026-laptop.toml").read_text().split("[[deleted]]")[0]
    )


def test_tombstones_travel_through_export_import_and_check(pair, tmp_path: Path) -> None:
    laptop, desk = pair
    gone = laptop.log(10, "to be deleted on the desk")
    sync(laptop, desk)
    desk.run("delete", gone, "--yes")
    exported = json.loads(desk.run("export", "-f", "json").stdout)  # type: ignore[attr-defined]
    assert {"kind": "deleted", "id": gone, "date": TODAY.isoformat()} in exported
    assert desk.run("check").exit_code == 0  # type: ignore[attr-defined]
    file = tmp_path / "desk.json"
    file.write_text(json.dumps(exported))
    laptop.run("import", str(file))
    assert gone not in laptop.ids()
    again = laptop.run("import", str(file))
    assert "Added 0" in again.stdout  # type: ignore[attr-defined]


# --- one date rule ---------------------------------------------------------------------------


def test_a_session_in_another_years_file_counts_on_its_own_date(pair) -> None:
    laptop, _ = pair
    laptop.log(10, "this year")
    Log(laptop.folder, device="laptop").append(session("2025-06-01", id="sixmonths"))
    (laptop.folder / "2025-laptop.toml").rename(laptop.folder / "2026-other.toml")
    result = laptop.run("report", "--weeks", "52")
    assert "1 Jun" in result.stdout or "Jun" in result.stdout  # type: ignore[attr-defined]
    checked = laptop.run("check")
    assert "sixmonths is dated 2025-06-01, in another year's file" in checked.stdout  # type: ignore[attr-defined]
    history = json.loads(laptop.run("export", "-f", "json", "--until", "2025-12-31").stdout)  # type: ignore[attr-defined]
    assert [item["id"] for item in history] == ["sixmonths"]


def test_a_session_after_today_is_shown_by_check_and_counted_in_no_streak(pair) -> None:
    laptop, _ = pair
    Log(laptop.folder, device="laptop").append(session("2026-03-11", id="tomorrow01"))
    streak = json.loads(laptop.run("streak", "--json").stdout)  # type: ignore[attr-defined]
    assert (streak["current"], streak["longest"], streak["last_session"]) == (0, 0, None)
    assert "tomorrow01 is dated 2026-03-11, after today" in laptop.run("check").stdout  # type: ignore[attr-defined]


# --- the lock and the folder --------------------------------------------------------------------


def test_the_lock_never_sits_in_the_synced_folder(pair) -> None:
    laptop, _ = pair
    laptop.log(10, "x")
    assert sorted(p.name for p in laptop.folder.iterdir()) == ["2026-laptop.toml"]
    assert list((laptop.home / "cache").glob("log-*.lock"))


def test_a_relative_log_dir_is_refused(run, home: Path) -> None:
    result = run("config", "set", "log_dir", "some/folder")
    assert result.exit_code == 2
    assert "use an absolute path or ~" in result.stderr
    run("config", "set", "log_dir", "~/movecoach-log", ok=True)


def test_a_log_file_that_is_a_symlink_stays_one(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "2026.toml"
    log = Log(tmp_path / "elsewhere")
    log.append(session(TODAY, id="first"))
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").symlink_to(target)
    linked = Log(home / "log", home / "cache")
    linked.append(session(TODAY, id="second"))
    assert (home / "log" / "2026.toml").is_symlink()
    assert "second" in target.read_text()
    linked.remove("first")
    assert (home / "log" / "2026.toml").is_symlink()
    assert "first" not in target.read_text()
