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
