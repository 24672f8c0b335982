"""A misbehaving machine: every failure to write is one line and exit 2, and the old file is
byte for byte what it was (nothing half written, nothing lost)."""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest

from movecoach import cli

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)
ERRNOS = [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO]


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 12, 0))


def failing(code: int):
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*")) if p.is_file()}


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("where", ["create", "write", "fsync", "replace"])
@pytest.mark.parametrize(
    "args",
    [
        ["log", "-m", "10"],
        ["undo", "--yes"],
        ["delete", "s-keep-1", "--yes"],
        ["config", "set", "minutes", "20"],
    ],
    ids=lambda a: a[0] if a[0] != "config" else "config set",
)
def test_a_failed_write_is_one_line_and_leaves_every_file_whole(
    run, home: Path, monkeypatch: pytest.MonkeyPatch, code: int, where: str, args: list[str]
) -> None:
    seed(home, session(TODAY, id="s-keep-1"), session(TODAY, id="s-keep-2"))
    (home / "config.toml").write_text("# mine\nminutes = 15\n")
    before_log, before_home = snapshot(home / "log"), snapshot(home)
    if where == "create":
        real_open = os.open

        def create(path: str, *args: object, **kwargs: object) -> int:
            if str(path).endswith(".tmp"):  # a temp file for the new bytes
                raise OSError(code, os.strerror(code))
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", create)
    elif where == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: object, **kwargs: object) -> object:
            handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

            class Full:
                def __enter__(self) -> Full:
                    return self

                def __exit__(self, *exc: object) -> None:
                    handle.close()

                def write(self, data: bytes) -> int:
                    raise OSError(code, os.strerror(code))

            return Full()

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, where, failing(code))
    result = run(*args)
    monkeypatch.undo()
    assert result.exit_code == 2, result.stdout
    (line,) = result.stderr.splitlines()
    assert line.startswith("movecoach: cannot write ")
    assert os.strerror(code) in line
    assert line.endswith("nothing was changed")
    assert "Traceback" not in result.stderr
    assert snapshot(home / "log") == before_log
    assert snapshot(home)["config.toml"] == before_home["config.toml"]
    assert not [p for p in home.rglob("*.tmp")], "no temp file is left behind"


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
def test_an_import_that_cannot_be_written_imports_nothing(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    seed(home, session("2025-05-01", id="old"), session(TODAY, id="new"))
    before = snapshot(home / "log")
    file = tmp_path / "in.csv"
    file.write_text("date,minutes\n2025-06-01,5\n2026-03-02,7\n")
    monkeypatch.setattr(os, "replace", failing(code))
    result = run("import", str(file))
    monkeypatch.undo()
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(home / "log") == before


def test_a_read_only_log_folder_refuses_in_one_line(run, home: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders")
    seed(home, session(TODAY))
    (home / "log").chmod(0o500)
    try:
        result = run("log", "-m", "10")
    finally:
        (home / "log").chmod(0o700)
    assert result.exit_code == 2
    assert result.stderr.startswith("movecoach: cannot write ")


def test_a_report_or_export_that_cannot_be_saved_is_one_line(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(home, session(TODAY))
    monkeypatch.setattr(os, "link", failing(errno.ENOSPC))
    for args in (
        ["export", "-o", str(tmp_path / "out.csv")],
        ["report", "-o", str(tmp_path / "r.md")],
    ):
        result = run(*args)
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert "No space left on device" in line
    assert not list(tmp_path.glob("out.csv"))
    assert not list(tmp_path.glob("r.md"))


@pytest.mark.parametrize("args", [["undo", "--yes"], ["delete", "s-keep-1", "--yes"]])
def test_an_old_file_that_cannot_be_read_for_a_removal_is_one_line(
    run, home: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """A removal copies the old file around the cut table; a disk that fails to read it
    (EIO) stops the command in one line, with the file as it was and no temp file left."""
    seed(home, session(TODAY, id="s-keep-1"), session(TODAY, id="s-keep-2"))
    before = snapshot(home / "log")
    monkeypatch.setattr(os, "pread", failing(errno.EIO))
    result = run(*args)
    monkeypatch.undo()
    assert result.exit_code == 2, result.stdout
    (line,) = result.stderr.splitlines()
    assert os.strerror(errno.EIO) in line
    assert "2026.toml" in line
    assert snapshot(home / "log") == before
    assert not [p for p in home.rglob("*.tmp")]
