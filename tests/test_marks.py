"""`marks`: a day remembered in the cache folder, never an error and never a new folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from movecoach.store import marks


def test_a_marked_day_reads_back(tmp_path: Path) -> None:
    marks.mark_day(tmp_path, "seen", dt.date(2026, 3, 10))
    assert marks.last_day(tmp_path, "seen") == dt.date(2026, 3, 10)
    assert (tmp_path / "seen").read_text("ascii") == "2026-03-10"


def test_a_missing_or_garbled_mark_reads_as_never(tmp_path: Path) -> None:
    assert marks.last_day(tmp_path, "seen") is None
    (tmp_path / "seen").write_bytes(b"\xff yesterday")
    assert marks.last_day(tmp_path, "seen") is None


def test_no_mark_is_written_without_the_cache_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    marks.mark_day(folder, "seen", dt.date(2026, 3, 10))
    assert not folder.exists()


def test_a_mark_that_cannot_be_written_is_left_unwritten(tmp_path: Path) -> None:
    (tmp_path / "seen").mkdir()  # a folder where the file would go
    marks.mark_day(tmp_path, "seen", dt.date(2026, 3, 10))
    assert marks.last_day(tmp_path, "seen") is None
