"""The write primitives: a file the user asked for never lands on top of an existing one, and
the lock keeps a second writer out on every platform."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from movecoach.errors import InputError, LogBusyError
from movecoach.store import files
from movecoach.store.files import exclusive_lock, save_new


def test_save_new_writes_a_private_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    save_new(target, b"a,b\n", replace=False)
    assert target.read_bytes() == b"a,b\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_save_new_never_overwrites_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"mine")
    with pytest.raises(InputError, match="exists; add --force"):
        save_new(target, b"new", replace=False)
    assert target.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"], "no temp file left"
    save_new(target, b"new", replace=True)
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fds through /proc")
def test_a_saved_file_is_on_disk_before_it_appears(tmp_path: Path, monkeypatch) -> None:
    """fsync of the bytes, then the link, then fsync of the folder: a power cut leaves the
    old state or the whole file."""
    synced: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(
        os, "fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}")) or real_fsync(fd)
    )
    target = tmp_path / "report.html"
    files.save_new(target, b"<p>", replace=False)
    assert len(synced) == 2
    assert Path(synced[0]).name.startswith(".report.html.")  # the temp file, before the link
    assert synced[1] == str(tmp_path)


def test_an_atomic_write_goes_through_a_hidden_temp_file_beside_its_target(
    tmp_path: Path, monkeypatch
) -> None:
    moves: list[tuple[str, str]] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: moves.append((a, b)) or real_replace(a, b))
    target = tmp_path / "2026.toml"
    files.atomic_write(target, b"new")
    ((temp, final),) = moves
    assert Path(final) == target
    assert Path(temp).parent == tmp_path  # a rename, never a copy across filesystems
    assert Path(temp).name.startswith(".2026.toml.")
    assert Path(temp).name.endswith(".tmp")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026.toml"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fds through /proc")
def test_an_atomic_write_is_durable_unless_told_and_the_cache_never_waits_for_disk(
    tmp_path: Path, monkeypatch
) -> None:
    from movecoach.store.memo import Memo

    synced: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(
        os, "fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}")) or real_fsync(fd)
    )
    files.atomic_write(tmp_path / "2026.toml", b"log")
    assert len(synced) == 2
    assert Path(synced[0]).name.startswith(".2026.toml.")
    assert synced[1] == str(tmp_path)
    synced.clear()
    files.atomic_write(tmp_path / "scratch", b"x", durable=False)
    (tmp_path / "cache").mkdir()
    Memo(str(tmp_path / "cache")).store("abc", "days", [1])
    assert synced == []


def test_save_new_works_where_the_filesystem_has_no_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.csv"
    save_new(target, b"a,b\n", replace=False)
    assert target.read_bytes() == b"a,b\n"
    with pytest.raises(InputError, match="exists; add --force"):
        save_new(target, b"new", replace=False)
    assert target.read_bytes() == b"a,b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


# --- copying from an old file ----------------------------------------------------------------


def test_an_excerpt_is_written_as_its_spans_of_the_old_file_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file with one table cut out is copied from the old file a chunk at a time
    (here 5 bytes), never read whole, and nothing of the cut part is written."""
    monkeypatch.setattr(files, "CHUNK", 5)
    old = tmp_path / "2026.toml"
    old.write_bytes(b"keep this, [cut this] and this too")
    with files.Source(old) as source:
        assert source.read(5, 9) == b"this"
        assert source.read(30, 99) == b" too"  # to the end, when the end is sooner
        excerpt = files.Excerpt(source, ((0, 11), (22, source.size)))
        assert excerpt.size == 23
        assert excerpt.whole() == b"keep this, and this too"
        assert [len(chunk) for chunk in source.chunks(excerpt.spans)] == [5, 5, 1, 5, 5, 2]
        files.atomic_write_many({old: excerpt})
    assert old.read_bytes() == b"keep this, and this too"


def test_where_there_is_no_pread_reads_take_turns_at_seeking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no `os.pread`: the copy and the hash share the file by seeking under a
    lock, and read the same bytes."""
    import threading

    old = tmp_path / "2026.toml"
    old.write_bytes(bytes(range(251)) * 64)
    monkeypatch.delattr(os, "pread")
    monkeypatch.setattr(files, "CHUNK", 7)  # thousands of seeks each, to meet the other's
    with files.Source(old) as source:
        spans = ((3, 9000), (9100, source.size))
        seen: list[bytes] = []
        other = threading.Thread(target=lambda: seen.append(b"".join(source.chunks(spans))))
        other.start()
        mine = b"".join(source.chunks(spans))
        other.join()
    assert seen == [mine]
    assert mine == old.read_bytes()[3:9000] + old.read_bytes()[9100:]


@pytest.mark.parametrize("how", ["written to", "replaced", "cut short"])
def test_a_copy_from_a_file_that_changed_meanwhile_replaces_nothing(
    tmp_path: Path, how: str
) -> None:
    """An editor or a sync tool may write the log file while movecoach copies it: the copy
    would mix two versions, so it is refused and the file left as the other writer left it."""
    old = tmp_path / "2026.toml"
    old.write_bytes(b"a" * 100)
    with files.Source(old) as source:
        if how == "written to":
            with old.open("r+b") as handle:
                handle.write(b"b")
            os.utime(old, ns=(source.stat.st_mtime_ns + 10**9,) * 2)  # a coarse clock
        elif how == "replaced":
            (tmp_path / "synced").write_bytes(b"c" * 100)
            os.replace(tmp_path / "synced", old)
        else:
            os.truncate(old, 50)
        now = old.read_bytes()
        with pytest.raises(OSError, match="changed while movecoach was"):
            files.atomic_write_many({old: files.Excerpt(source, ((0, 60), (70, 100)))})
    assert old.read_bytes() == now
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026.toml"]


# --- the lock ---------------------------------------------------------------------------------


def busy_while_held(lock_path: Path) -> None:
    """A second taker gives up with LogBusyError while the first holds the lock, and gets
    it once the first lets go."""
    with (
        exclusive_lock(lock_path, 1, "the log"),
        pytest.raises(LogBusyError, match="the log is busy"),
        exclusive_lock(lock_path, 0.05, "the log"),
    ):
        pass
    with exclusive_lock(lock_path, 0.05, "the log"):
        pass


def test_the_posix_lock_keeps_a_second_writer_out(tmp_path: Path) -> None:
    assert type(files.lock_for(tmp_path / "a.lock")) is files.FileLock
    busy_while_held(tmp_path / "locks" / "log.lock")


def test_without_fcntl_or_msvcrt_a_created_lock_file_keeps_a_second_writer_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = files._module

    def without_fcntl(name: str) -> object:
        if name == "fcntl":
            raise ImportError(name)
        return real(name)

    monkeypatch.setattr(files, "_module", without_fcntl)
    lock_path = tmp_path / "log.lock"
    assert isinstance(files.lock_for(lock_path), files.CreatedLock)
    busy_while_held(lock_path)
    assert not (tmp_path / "log.lock.held").exists(), "released"
    held = tmp_path / "log.lock.held"  # left by a writer that crashed a minute ago
    held.write_bytes(b"")
    os.utime(held, (time.time() - 60, time.time() - 60))
    with exclusive_lock(lock_path, 1, "the log"):
        assert held.exists()
    assert not held.exists()


class FakeMsvcrt:
    """msvcrt's locking, recorded: the lock is free unless `busy`."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.busy = False

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((mode, nbytes))
        if mode == self.LK_NBLCK and self.busy:
            raise PermissionError(13, "Permission denied")


def test_on_windows_the_lock_is_msvcrt_locking_one_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    lock = files.lock_for(tmp_path / "log.lock", platform="win32")
    assert isinstance(lock, files.WindowsLock)
    assert lock.take()
    lock.release()
    assert fake.calls == [(fake.LK_NBLCK, 1), (fake.LK_UNLCK, 1)]
    fake.busy = True
    other = files.lock_for(tmp_path / "log.lock", platform="win32")
    assert not other.take()
    other.release()
    assert fake.calls[2:] == [(fake.LK_NBLCK, 1)], "nothing to unlock when never taken"
