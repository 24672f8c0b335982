"""The session log's files: `log/YYYY.toml` files that the user owns, reads and may edit.

One file per calendar year of the session's date (or `YYYY-<device>.toml` once a device
name is set, so synced devices never write the same file). What the bytes mean is
`store.logfile`'s job; this module decides which files, reads them through the one cache
(`store.memo`), and writes in one order under an exclusive lock: read and validate the file
(never write a file that does not parse), build the new bytes (an append keeps every old
byte), then replace the file atomically, backing it up first when bytes are removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from movecoach.core import days as days_rules
from movecoach.core.days import Day
from movecoach.core.models import Session
from movecoach.errors import InputError, LogCorruptError
from movecoach.store import logfile
from movecoach.store.logfile import FIX_HINT, log_file_name
from movecoach.store.memo import Memo, blob_hash

LOCK_TIMEOUT = 10.0
LOCK_NAME = ".movecoach.lock"
SESSIONS, DAYS = "sessions", "days"  # what the cache keeps of each file


def new_id() -> str:
    import secrets

    return secrets.token_hex(8)


class Log:
    """All the log files in one folder, read through the cache, written under one lock."""

    def __init__(
        self,
        log_dir: Path,
        cache_dir: Path | None = None,
        device: str | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        backup_dir: Path | None = None,
    ) -> None:
        self.dir = log_dir
        self.device = device
        self.lock_timeout = lock_timeout
        self.backup_dir = backup_dir
        self.memo = Memo(str(cache_dir) if cache_dir is not None else None)

    # --- which files ------------------------------------------------------------------------

    def files(self) -> list[Path]:
        """The log files, oldest year first; other files in the folder are left alone."""
        try:
            names = os.listdir(self.dir)
        except FileNotFoundError:
            return []
        except OSError as err:
            raise LogCorruptError(f"{self.dir}: cannot read the log folder: {err}") from err
        matched = sorted(
            (*parsed, name) for name in names if (parsed := log_file_name(name)) is not None
        )
        return [self.dir / name for _, _, name in matched]

    def years(self) -> list[int]:
        return sorted({_year_of(path) for path in self.files()})

    def path_for(self, year: int) -> Path:
        suffix = f"-{self.device}" if self.device else ""
        return self.dir / f"{year:04d}{suffix}.toml"

    def _selected(self, years: Iterable[int] | None) -> list[Path]:
        files = self.files()
        if years is None:
            return files
        wanted = set(years)
        return [path for path in files if _year_of(path) in wanted]

    # --- reading one file ---------------------------------------------------------------------

    def _digest(self, path: Path) -> tuple[str, bytes | None]:
        try:
            return self.memo.digest(str(path))
        except OSError as err:
            raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err

    def _parse(self, path: Path, data: bytes | None) -> tuple[str, list[Session]]:
        """Parse and validate the file's bytes, and keep what was learnt in the cache."""
        if data is None:
            data = _read(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise LogCorruptError(f"{path}: is not UTF-8 text ({err}); {FIX_HINT}") from err
        sessions = logfile.parse(text, str(path))
        digest = blob_hash(data)
        self._keep(digest, sessions)
        return digest, sessions

    def _keep(self, digest: str, sessions: list[Session]) -> None:
        self.memo.ensure()  # the user has a log: the cache may now create its folder
        self.memo.store(digest, SESSIONS, logfile.to_rows(sessions))
        day_rows = days_rules.rows(days_rules.daily(sessions))
        self.memo.store(digest, DAYS, {"days": day_rows, "ids": [s.id for s in sessions]})

    def _sessions_of(self, path: Path, data: bytes | None = None) -> list[Session]:
        """A file's sessions: from the cache when its bytes were parsed before, else parsed
        and validated now (raising when the file is broken). `data`: bytes already read."""
        digest, read = self._digest(path) if data is None else (blob_hash(data), data)
        cached = self.memo.load(digest, SESSIONS)
        if cached is not None:
            with contextlib.suppress(TypeError, ValueError):
                return logfile.from_rows(cached)
        return self._parse(path, read)[1]

    def _days_of(self, path: Path) -> tuple[dict[str, list[int]], list[str]]:
        """Per-day rows and ids of one file; validates the file when it is not cached."""
        digest, data = self._digest(path)
        cached = self.memo.load(digest, DAYS)
        if isinstance(cached, dict) and isinstance(cached.get("days"), dict):
            return cached["days"], cached.get("ids", [])
        sessions = self._parse(path, data)[1]
        return days_rules.rows(days_rules.daily(sessions)), [s.id for s in sessions]

    # --- reading many ---------------------------------------------------------------------------

    def sessions(self, years: Iterable[int] | None = None) -> list[Session]:
        """Every session (of the given years), oldest first; an id in two files counts once."""
        try:
            seen: set[str] = set()
            out: list[Session] = []
            for path in self._selected(years):
                for session in self._sessions_of(path):
                    if session.id not in seen:
                        seen.add(session.id)
                        out.append(session)
        finally:
            self.memo.flush()
        out.sort(key=lambda s: (s.date, s.time or dt.time.min))
        return out

    def days(self, years: Iterable[int] | None = None) -> dict[dt.date, Day]:
        """Per-day totals of every session (of the given years), from the cache when it can."""
        try:
            years = None if years is None else list(years)
            per_file = [self._days_of(path) for path in self._selected(years)]
        finally:
            self.memo.flush()
        ids: set[str] = set()
        duplicated = False
        for _, file_ids in per_file:
            before = len(ids)
            ids.update(file_ids)
            duplicated = duplicated or len(ids) - before != len(file_ids)
        if duplicated:  # rare: the same session in two files; count it once
            return days_rules.daily(self.sessions(years))
        totals: dict[dt.date, Day] = {}
        for rows, _ in per_file:
            for date, day in days_rules.from_rows(rows).items():
                totals[date] = totals[date] + day if date in totals else day
        return totals

    def active_dates(self, years: Iterable[int]) -> set[dt.date]:
        """The days with a session in the given years."""
        try:
            dates: set[dt.date] = set()
            for path in self._selected(years):
                rows, _ = self._days_of(path)
                dates.update(dt.date.fromisoformat(iso) for iso in rows)
            return dates
        finally:
            self.memo.flush()

    def year_tail(self, year: int) -> int:
        """Consecutive active days ending on 31 December of `year`, so a streak that runs
        across many New Years costs one lookup a year, not a read of every day."""
        paths = self._selected([year])
        last = dt.date(year, 12, 31)
        if len(paths) != 1:  # several devices' files: their days must be merged
            return run_ending(self.active_dates([year]), last)
        try:
            name = str(paths[0])
            digest, _ = self._digest(paths[0])
            known = self.memo.fact(name, digest, "tail")
            if isinstance(known, int):
                return known
            tail = run_ending(self.active_dates([year]), last)
            self.memo.note(name, digest, "tail", tail)
            return tail
        finally:
            self.memo.flush()

    def recent(self) -> Iterator[Session]:
        """Sessions newest first, reading one year at a time so a short list reads little."""
        for year in sorted(self.years(), reverse=True):
            yield from reversed(self.sessions([year]))

    def validate(self) -> None:
        """Raise `LogCorruptError` for the first file that does not parse or holds a bad value.

        Bytes whose hash has a cache entry were validated when it was written, so a long
        history costs a `stat` a file here, not a parse."""
        try:
            for path in self.files():
                digest, data = self._digest(path)
                if not self.memo.has(digest, DAYS):
                    self._parse(path, data)
        finally:
            self.memo.flush()

    def problems(self) -> list[str]:
        """Every broken file's problem, one line each (for `movecoach check`)."""
        found = []
        for path in self.files():
            try:
                self._days_of(path)
            except LogCorruptError as err:
                found.append(str(err))
        self.memo.flush()
        return found

    def find(self, session_id: str) -> tuple[Path, Session] | None:
        try:
            for path in self.files():
                for session in self._sessions_of(path):
                    if session.id == session_id:
                        return path, session
            return None
        finally:
            self.memo.flush()

    def last_logged(self) -> tuple[Path, Session] | None:
        """The session appended most recently: the last table of the newest-written file."""
        files = self.files()
        try:
            for path in sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True):
                sessions = self._sessions_of(path)
                if sessions:
                    return path, sessions[-1]
            return None
        finally:
            self.memo.flush()

    # --- writing --------------------------------------------------------------------------------

    def _lock(self) -> contextlib.AbstractContextManager[None]:
        from movecoach.store.files import exclusive_lock

        return exclusive_lock(self.dir / LOCK_NAME, self.lock_timeout, f"the log in {self.dir}")

    def append(self, session: Session) -> Path:
        """Add one session at the end of its year's file; every byte already there is kept."""
        return self.extend([session])[0]

    def extend(self, sessions: Iterable[Session]) -> list[Path]:
        """Add sessions at the end of their years' files, one locked, atomic write per file;
        every byte already there is kept. A clashing id or a broken file refuses the lot
        before anything is written."""
        by_path = self._by_path(sessions)
        with self._lock():
            written = {}
            for path, group in by_path.items():
                new, every, _ = self._appended(path, group)
                written[path] = (new, every)
            self._write_all(written, {})
        return list(written)

    def merge(self, sessions: Sequence[Session]) -> tuple[list[Session], list[Session]]:
        """Append the sessions whose id is in no log file yet; return (added, skipped).

        For `movecoach import`: the ids are read under the same lock as the write, so two
        imports at once cannot add a session twice. Each file that changes is backed up
        first, though appends keep every old byte, so `movecoach restore` can take a wrong
        import back. A broken file or a clash refuses the lot before anything is written.
        """
        _unique(sessions, "two sessions to import share an id; nothing was imported")
        if not sessions:
            return [], []
        with self._lock():
            known = {s.id for path in self.files() for s in self._sessions_of(path)}
            added = [s for s in sessions if s.id not in known]
            skipped = [s for s in sessions if s.id in known]
            appended = {p: self._appended(p, group) for p, group in self._by_path(added).items()}
            written = {path: (new, every) for path, (new, every, _) in appended.items()}
            olds = {path: old for path, (_, _, old) in appended.items() if old is not None}
            self._write_all(written, olds)
        return added, skipped

    def _by_path(self, sessions: Iterable[Session]) -> dict[Path, list[Session]]:
        by_path: dict[Path, list[Session]] = {}
        for session in sessions:
            by_path.setdefault(self.path_for(session.date.year), []).append(session)
        return by_path

    def _appended(
        self, path: Path, group: list[Session]
    ) -> tuple[bytes, list[Session], bytes | None]:
        """The file's new bytes with the group's tables at the end, all its sessions, and
        its old bytes (None: a new file)."""
        _unique(group, "two new sessions share an id; nothing was written")
        old = _read_or_none(path)
        if old is None:
            text = logfile.new_file(group[0].date.year) + logfile.blocks(group)
            if logfile.parse(text, str(path)) != group:  # pragma: no cover - a bug
                raise LogCorruptError(f"{path}: could not start the file; nothing changed")
            return text.encode("utf-8"), list(group), None
        old_sessions = self._sessions_of(path, old)
        clash = {s.id for s in old_sessions} & {s.id for s in group}
        if clash:
            raise InputError(f"{path}: a session with id {sorted(clash)[0]!r} is already there")
        every = [*old_sessions, *group]
        text = logfile.appended(old.decode("utf-8"), group, every, str(path))
        return text.encode("utf-8"), every, old

    def _write_all(
        self, written: dict[Path, tuple[bytes, list[Session]]], backup: dict[Path, bytes]
    ) -> None:
        """Back up, then replace each file; then remember what was written in the cache, so
        the next command need not parse it again."""
        from movecoach.store.files import atomic_write, private_dir

        private_dir(self.dir)
        for path, old in backup.items():
            self._backup(path, old)
        for path, (new, _) in written.items():
            atomic_write(path, new)
        with contextlib.suppress(OSError):
            for path, (new, every) in written.items():
                digest = blob_hash(new)
                self._keep(digest, every)
                self.memo.remember(str(path), path.stat(), digest)
            self.memo.flush()

    def remove(self, session_id: str) -> tuple[Path, Session]:
        """Take one session out of its file; comments around the others are kept."""
        from movecoach.store.files import atomic_write

        with self._lock():
            for path in self.files():
                old = _read(path)
                sessions = self._sessions_of(path, old)
                match = [i for i, s in enumerate(sessions) if s.id == session_id]
                if not match:
                    continue
                index = match[0]
                new = logfile.without(old.decode("utf-8"), sessions, index, str(path))
                self._backup(path, old)
                atomic_write(path, new.encode("utf-8"))
                self.memo.flush()
                return path, sessions[index]
        raise InputError(f"no session with id {session_id!r} in the log")

    def restore(self, backup: Path) -> Restored:
        """Put a backup back in place of the log file it was taken from.

        The backup must parse as a log file. The file it replaces is backed up first, even a
        broken one: restoring is one way to mend a bad hand edit, so this is the one write
        that does not need the current file to parse.
        """
        from movecoach.store import backups
        from movecoach.store.files import atomic_write, private_dir

        data, sessions = read_backup(backup)
        path = self.dir / backups.target_name(backup)
        private_dir(self.dir)
        with self._lock():
            old = _read_or_none(path)
            if old == data:
                return Restored(path, sessions, None, changed=False)
            kept = None
            if old is not None and self.backup_dir is not None:
                kept = backups.keep(self.backup_dir, path.name, old)
            atomic_write(path, data)
        self.memo.flush()
        return Restored(path, sessions, kept, changed=True)

    def _backup(self, path: Path, data: bytes) -> None:
        if self.backup_dir is None:
            return
        from movecoach.store import backups

        backups.keep(self.backup_dir, path.name, data)


class Restored(NamedTuple):
    """What `Log.restore` did: the file, its sessions now, the backup of what it replaced."""

    path: Path
    sessions: list[Session]
    replaced: Path | None
    changed: bool


def read_backup(backup: Path) -> tuple[bytes, list[Session]]:
    """A backup's bytes and sessions; `InputError` unless it is a whole, valid log file
    named for the log file it came from."""
    from movecoach.store import backups

    try:
        name = backups.target_name(backup)
    except ValueError:
        raise InputError(
            f"{backup.name} is not named like a movecoach backup (<log file>.<time>.bak); "
            "`movecoach restore` lists them"
        ) from None
    if log_file_name(name) is None:
        raise InputError(f"{backup.name} is not a backup of a log file; nothing was restored")
    try:
        data = backup.read_bytes()
    except OSError as err:
        raise InputError(f"{backup}: cannot read it: {err.strerror or err}") from err
    refused = "it is not a valid log file, so nothing was restored"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{backup.name}: is not UTF-8 text; {refused}") from err
    try:
        return data, logfile.parse(text, backup.name)
    except LogCorruptError as err:
        raise InputError(f"{str(err).removesuffix(f'; {FIX_HINT}')}; {refused}") from err


def count_sessions(path: Path) -> str | int:
    """How many sessions a log file holds, or why that cannot be told (for `restore`)."""
    try:
        return len(logfile.parse(path.read_text("utf-8"), path.name))
    except FileNotFoundError:
        return "not there"
    except (OSError, UnicodeDecodeError, LogCorruptError):
        return "does not parse"


def run_ending(active: set[dt.date], last: dt.date) -> int:
    """Active days in a row ending on `last`, by the shared rule in `core.days`."""
    return days_rules.run_ending({d.toordinal() for d in active}, last.toordinal())


def _unique(sessions: Sequence[Session], message: str) -> None:
    ids = [s.id for s in sessions]
    if len(set(ids)) != len(ids):
        raise InputError(message)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err


def _read_or_none(path: Path) -> bytes | None:
    """A log file's bytes, or None when it does not exist yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err


def _year_of(path: Path) -> int:
    parsed = log_file_name(path.name)
    assert parsed is not None
    return parsed[0]
