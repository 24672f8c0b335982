"""The write primitives: a file the user asked for never lands on top of an existing one."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from movecoach.errors import InputError
from movecoach.store.files import save_new


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
    import os

    from movecoach.store import files

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
    import os

    from movecoach.store import files

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
    import os

    from movecoach.store import files
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
