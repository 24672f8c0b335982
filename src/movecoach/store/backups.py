"""Copies of log files as they were before a command removed or changed sessions in them.

Appends need no backup (they keep every old byte); undo, delete, import-over and restore do.
A backup is named `<file>.<timestamp>.bak` so it sorts by time and says where it goes back to;
only the newest `KEEP` are kept.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from movecoach.store.files import atomic_write

KEEP = 20
NAME = re.compile(r"^(?P<target>.+\.toml)\.(?P<stamp>\d{8}T\d{6}\.\d{6})\.bak$")


def keep(backup_dir: Path, target_name: str, data: bytes, limit: int = KEEP) -> Path:
    """Store `data` as a backup of the log file `target_name`, then prune the oldest."""
    path = _new_name(backup_dir, target_name)
    atomic_write(path, data)
    _prune(backup_dir, limit)
    return path


def _new_name(backup_dir: Path, target_name: str) -> Path:
    """`<file>.<local date and time>.bak`, unique even for two in the same microsecond."""
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(now // 1_000_000_000))
    path = backup_dir / f"{target_name}.{stamp}.{now // 1000 % 1_000_000:06d}.bak"
    while path.exists():
        now += 1000
        path = backup_dir / f"{target_name}.{stamp}.{now // 1000 % 1_000_000:06d}.bak"
    return path


def _prune(backup_dir: Path, limit: int) -> None:
    for old in listing(backup_dir)[limit:]:
        old.unlink(missing_ok=True)


def keep_file(backup_dir: Path, source: Path, limit: int = KEEP) -> Path:
    """Keep the file `source` as it is now as a backup: a hard link when the backups folder
    is on the same disk (the log's writes put a new file in place, so the link keeps the old
    bytes without a copy), else a copy."""
    import os

    from movecoach.store.files import private_dir, real

    target = real(source)
    private_dir(backup_dir)
    path = _new_name(backup_dir, source.name)
    try:
        os.link(target, path)
    except OSError:
        return keep(backup_dir, source.name, target.read_bytes(), limit)
    _prune(backup_dir, limit)
    return path


def listing(backup_dir: Path) -> list[Path]:
    """Backups, newest first."""
    try:
        found = [p for p in backup_dir.iterdir() if NAME.match(p.name)]
    except FileNotFoundError:
        return []
    return sorted(found, key=lambda p: (_stamp(p), p.name), reverse=True)


def target_name(backup: Path) -> str:
    match = NAME.match(backup.name)
    if match is None:
        raise ValueError(f"{backup.name} is not a movecoach backup")
    return match.group("target")


def taken(backup: Path) -> str:
    """When the backup was taken, local time, as `YYYY-MM-DD HH:MM:SS` (from its name)."""
    s = _stamp(backup)
    return f"{s[0:4]}-{s[4:6]}-{s[6:8]} {s[9:11]}:{s[11:13]}:{s[13:15]}" if s else "?"


def _stamp(path: Path) -> str:
    match = NAME.match(path.name)
    return match.group("stamp") if match else ""
