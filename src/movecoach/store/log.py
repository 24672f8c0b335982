"""The log's files: `log/YYYY.toml` files that the user owns, reads and may edit by hand.

A device writes only its own files: one per calendar year of a record's date, named
`YYYY-<device>.toml` once a device name is set (else `YYYY.toml`), so devices sharing a synced
folder never write the same file. Every reader reads every file of the folder, other
devices' files and the conflict copies sync tools make included, and merges them: a record
counts once by id (on a clash, the file modified later wins), and a `[[deleted]]` tombstone in
any file removes its id everywhere. A record counts on its own date whatever file it is in.

What the bytes mean is `store.logfile`'s job; this module reads the files through the one
cache (`store.memo`) and writes in one order under an exclusive lock kept outside the log
folder: read and validate the file (never write a file that does not parse), build the new
bytes (an append keeps every old byte), back up what a change removes, then replace the file
atomically. Every failure of the machine is one `StorageError` with nothing half written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from movecoach.core import days as days_rules
from movecoach.core.days import Day
from movecoach.core.models import Checkin, Deleted, Record, Records, Session
from movecoach.errors import InputError, LogCorruptError
from movecoach.store import logfile
from movecoach.store.files import writing
from movecoach.store.logfile import FIX_HINT, conflict_copy_of, log_file_name
from movecoach.store.memo import Memo, blob_hash

LOCK_TIMEOUT = 10.0
NEVER = dt.datetime.combine(dt.date(1900, 1, 1), dt.time())  # logged before times were kept
RECORDS, DAYS = "records", "days"  # what the cache keeps of each file


def new_id() -> str:
    import secrets

    return secrets.token_hex(8)


class Summary(NamedTuple):
    """What the cache keeps of a file for the fast paths."""

    days: dict[str, list[int]]  # per-day session totals, as `core.days` rows
    ids: list[str]  # every record's id
    years: list[int]  # the years its records are dated in
    others: bool  # whether it holds more than sessions (days, check-ins, tombstones)


class Problem(NamedTuple):
    """Something `check` reports about the log that does not stop it being read."""

    path: Path
    text: str
    serious: bool  # a conflict copy waiting to be folded back: `check` exits non-zero


class Log:
    """All the log files in one folder, merged; written under one lock, one device's files."""

    def __init__(
        self,
        log_dir: Path,
        cache_dir: Path | None = None,
        device: str | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
        backup_dir: Path | None = None,
        lock_dir: Path | None = None,
    ) -> None:
        self.dir = log_dir
        self.device = device
        self.lock_timeout = lock_timeout
        self.backup_dir = backup_dir
        self.memo = Memo(str(cache_dir) if cache_dir is not None else None)
        # Never in the log folder, which a sync tool may replace under a running command.
        self.lock_dir = lock_dir or cache_dir or log_dir.parent

    # --- which files ------------------------------------------------------------------------

    def _names(self) -> list[str]:
        try:
            return sorted(os.listdir(self.dir))
        except FileNotFoundError:
            return []
        except OSError as err:
            raise LogCorruptError(f"{self.dir}: cannot read the log folder: {err}") from err

    def files(self) -> list[Path]:
        """The log files, oldest year first; other files in the folder are left alone."""
        matched = sorted(
            (*parsed, name) for name in self._names() if (parsed := log_file_name(name)) is not None
        )
        return [self.dir / name for _, _, name in matched]

    def conflicts(self) -> list[Path]:
        """Conflict copies a sync tool left beside the log files (read like the others)."""
        return [self.dir / name for name in self._names() if conflict_copy_of(name)]

    def sources(self) -> list[Path]:
        """Every file the log is read from: the log files, then the conflict copies."""
        return self.files() + self.conflicts()

    def years(self) -> list[int]:
        """The years with records (by the records' own dates), oldest first."""
        found: set[int] = set()
        try:
            for path in self.sources():
                found.update(self._summary(path)[2])
        finally:
            self.memo.flush()
        return sorted(found)

    def path_for(self, year: int) -> Path:
        """This device's own file for `year`."""
        suffix = f"-{self.device}" if self.device else ""
        return self.dir / f"{year:04d}{suffix}.toml"

    def is_own(self, path: Path) -> bool:
        parsed = log_file_name(path.name)
        return parsed is not None and parsed[1] == (self.device or "")

    # --- reading one file ---------------------------------------------------------------------

    def _digest(self, path: Path) -> tuple[str, bytes | None]:
        try:
            return self.memo.digest(str(path))
        except OSError as err:
            raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err

    def _parse(self, path: Path, data: bytes | None) -> Records:
        """Parse and validate the file's bytes, and keep what was learnt in the cache."""
        data = _read(path) if data is None else data
        text, _ = logfile.decode(data, str(path))
        records = logfile.parse_records(text, str(path))
        self._keep(blob_hash(data), records)
        return records

    def _keep(self, digest: str, records: Records) -> None:
        self.memo.ensure()  # the user has a log: the cache may now create its folder
        self.memo.store(digest, RECORDS, logfile.to_rows(records))
        self.memo.store(digest, DAYS, _summary_of(records))

    def records_of(self, path: Path, data: bytes | None = None) -> Records:
        """A file's records: from the cache when its bytes were parsed before, else parsed
        and validated now (raising when the file is broken). `data`: bytes already read."""
        digest, read = self._digest(path) if data is None else (blob_hash(data), data)
        cached = self.memo.load(digest, RECORDS)
        if cached is not None:
            with contextlib.suppress(TypeError, ValueError, KeyError):
                return logfile.from_rows(cached)
        return self._parse(path, read)

    def _summary(self, path: Path) -> Summary:
        """Per-day session rows, every id, the years of the records' dates, and whether the
        file holds anything but sessions; validates the file when it is not cached."""
        digest, data = self._digest(path)
        cached = self.memo.load(digest, DAYS)
        if isinstance(cached, dict) and isinstance(cached.get("days"), dict):
            return Summary(cached["days"], cached["ids"], cached["years"], cached["others"])
        return Summary(**_summary_of(self._parse(path, data)))

    def _selected(self, years: Iterable[int] | None) -> list[Path]:
        """The files holding records of the given years (by the records' own dates)."""
        sources = self.sources()
        if years is None:
            return sources
        wanted = set(years)
        return [path for path in sources if wanted & set(self._summary(path)[2])]

    # --- reading the merged log ---------------------------------------------------------------

    def merged(self, years: Iterable[int] | None = None) -> Records:
        """Every record of the log (of the given years), each id once, tombstoned ids left
        out; the tombstones themselves are kept for an export."""
        try:
            years = None if years is None else list(years)
            paths = self._selected(years)
            per_file = [(self._mtime(path), self.records_of(path)) for path in paths]
        finally:
            self.memo.flush()
        return _merge(per_file, None if years is None else set(years))

    def _mtime(self, path: Path) -> int:
        try:
            return path.stat().st_mtime_ns
        except OSError:
            return 0

    def sessions(self, years: Iterable[int] | None = None) -> list[Session]:
        """Every session (of the given years), oldest first, each counted once."""
        out = list(self.merged(years).sessions)
        out.sort(key=lambda s: (s.date, s.time or dt.time.min))
        return out

    def checkins(self) -> list[Checkin]:
        """Every check-in, oldest first (by date, then when logged), each counted once and
        tombstoned ones left out. Only files holding more than sessions are read (the cache
        knows which), so years of sessions cost a lookup each."""
        try:
            paths = [path for path in self.sources() if self._summary(path).others]
            per_file = [(self._mtime(path), self.records_of(path)) for path in paths]
        finally:
            self.memo.flush()
        found = list(_merge(per_file, None).checkins)
        found.sort(key=lambda c: (c.date, c.logged or NEVER))
        return found

    def days(self, years: Iterable[int] | None = None) -> dict[dt.date, Day]:
        """Per-day session totals (of the given years), from the cache when it can: summed
        file by file when no id repeats and no file holds a tombstone, else from the merged
        sessions."""
        try:
            years = None if years is None else list(years)
            per_file = [self._summary(path) for path in self._selected(years)]
            simple = not any(others for _, _, _, others in per_file) and not self.conflicts()
        finally:
            self.memo.flush()
        ids = [ident for _, file_ids, _, _ in per_file for ident in file_ids]
        if not simple or len(set(ids)) != len(ids):
            return days_rules.daily(self.sessions(years))
        totals: dict[dt.date, Day] = {}
        wanted = None if years is None else set(years)
        for rows, _, _, _ in per_file:
            for date, day in days_rules.from_rows(rows).items():
                if wanted is None or date.year in wanted:
                    totals[date] = totals[date] + day if date in totals else day
        return totals

    def active_dates(self, years: Iterable[int]) -> set[dt.date]:
        """The days with a session in the given years."""
        return {date for date, day in self.days(years).items() if day.sessions}

    def year_tail(self, year: int) -> int:
        """Consecutive active days ending on 31 December of `year`, so a streak that runs
        across many New Years costs one lookup a year, not a read of every day. Remembered
        for a year held in one file alone."""
        paths = self._selected([year])
        last = dt.date(year, 12, 31)
        if len(paths) != 1 or self.conflicts():
            return run_ending(self.active_dates([year]), last)
        try:
            name = str(paths[0])
            digest, _ = self._digest(paths[0])
            known = self.memo.fact(name, digest, f"tail-{year}")
            if isinstance(known, int):
                return known
            tail = run_ending(self.active_dates([year]), last)
            self.memo.note(name, digest, f"tail-{year}", tail)
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
            for path in self.sources():
                digest, data = self._digest(path)
                if not self.memo.has(digest, DAYS):
                    self._parse(path, data)
        finally:
            self.memo.flush()

    def problems(self) -> list[str]:
        """Every broken file's problem, one line each (for `movecoach check`)."""
        found = []
        for path in self.sources():
            try:
                self._summary(path)
            except LogCorruptError as err:
                found.append(str(err))
        self.memo.flush()
        return found

    def findings(self, today: dt.date) -> list[Problem]:
        """What `check` reports of a log that reads: conflict copies to fold back, records
        filed in another year's file, records dated after today."""
        found = [
            Problem(
                p,
                f"{p.name}: a conflict copy of {conflict_copy_of(p.name)} left by a sync "
                "tool; its records are counted; `movecoach check --fix` folds them back",
                True,
            )
            for p in self.conflicts()
        ]
        for path in self.files():
            parsed = log_file_name(path.name)
            for record in self.records_of(path).all():
                date = getattr(record, "date", None)
                if date is None:
                    continue
                if parsed is not None and date.year != parsed[0]:
                    found.append(
                        Problem(
                            path,
                            f"{path.name}: {record.id} is dated {date}, "
                            f"in another year's file (it counts on {date})",
                            False,
                        )
                    )
                if date > today:
                    found.append(
                        Problem(
                            path,
                            f"{path.name}: {record.id} is dated {date}, after "
                            "today; it is not counted until then",
                            False,
                        )
                    )
        self.memo.flush()
        return found

    def find(self, ident: str) -> list[tuple[Path, Record]]:
        """Every file holding a record with this id, and the record (tombstoned ones too)."""
        found: list[tuple[Path, Record]] = []
        try:
            for path in self.sources():
                found += [
                    (path, r)
                    for r in self.records_of(path).all()
                    if r.id == ident and not isinstance(r, Deleted)
                ]
        finally:
            self.memo.flush()
        return found

    def last_logged(self) -> tuple[Path, Record] | None:
        """The record this device logged most recently: by the time it was logged, in this
        device's own files; records without one (older or hand-written) by file order."""
        removed = {r.id for r in self.merged().deleted}
        best: tuple[tuple[dt.datetime, int, int], Path, Record] | None = None
        try:
            for path in self.files():
                if not self.is_own(path):
                    continue
                records = [r for r in self.records_of(path).all() if not isinstance(r, Deleted)]
                for index, record in enumerate(records):
                    if record.id in removed:
                        continue
                    key = (record.logged or NEVER, self._mtime(path), index)
                    if best is None or key > best[0]:
                        best = (key, path, record)
        finally:
            self.memo.flush()
        return None if best is None else (best[1], best[2])

    # --- writing --------------------------------------------------------------------------------

    def _lock(self) -> contextlib.AbstractContextManager[None]:
        from movecoach.store.files import exclusive_lock

        key = blob_hash(os.path.abspath(self.dir).encode())[:12]
        path = self.lock_dir / f"log-{key}.lock"
        return exclusive_lock(path, self.lock_timeout, f"the log in {self.dir}")

    def append(self, record: Record) -> Path:
        """Add one record at the end of its year's file; every byte already there is kept."""
        return self.extend([record])[0]

    def extend(self, records: Iterable[Record]) -> list[Path]:
        """Add records at the end of this device's files for their years, one locked, atomic
        write per file; every byte already there is kept. An id already in the log, or a
        broken file, refuses the lot before anything is written."""
        records = list(records)
        _unique(records, "two new records share an id; nothing was written")
        with self._lock():
            written = self._appending(records)
            self._write_all(written, {})
        return list(written)

    def merge(self, records: Sequence[Record]) -> tuple[list[Record], list[Record]]:
        """Append the records whose id is in no log file yet; return (added, skipped).

        For `movecoach import`: the ids are read under the same lock as the write, so two
        imports at once cannot add a record twice. Each file that changes is backed up
        first, though appends keep every old byte, so `movecoach restore` can take a wrong
        import back. A broken file refuses the lot before anything is written.
        """
        _unique(records, "two records to import share an id; nothing was imported")
        if not records:
            return [], []
        with self._lock():
            known = self._keys()
            added = [r for r in records if identity(r) not in known]
            skipped = [r for r in records if identity(r) in known]
            written = self._appending(added)
            olds = {path: old for path, (_, _, old) in written.items() if old is not None}
            self._write_all(written, olds)
        return added, skipped

    def identities(self) -> set[tuple[bool, str]]:
        """What makes each record of every file one (see `identity`): what an import skips."""
        try:
            return self._keys()
        finally:
            self.memo.flush()

    def _keys(self) -> set[tuple[bool, str]]:
        return {identity(r) for path in self.sources() for r in self.records_of(path).all()}

    def _appending(
        self, records: Iterable[Record]
    ) -> dict[Path, tuple[bytes, Records, bytes | None]]:
        """Each own file's new bytes with its group of records at the end."""
        groups: dict[Path, list[Record]] = {}
        for record in records:
            groups.setdefault(self.path_for(record.date.year), []).append(record)
        return {path: self._appended(path, group) for path, group in groups.items()}

    def _appended(self, path: Path, group: list[Record]) -> tuple[bytes, Records, bytes | None]:
        """The file's new bytes with the group's tables at the end, all its records, and
        its old bytes (None: a new file)."""
        new = _records(group)
        old = _read_or_none(path)
        if old is None:
            year = log_file_name(path.name)[0]  # type: ignore[index]
            text = logfile.new_file(year) + logfile.blocks(new.all())
            if logfile.parse_records(text, str(path)) != new:  # pragma: no cover - a bug
                raise LogCorruptError(f"{path}: could not start the file; nothing changed")
            return text.encode("utf-8"), new, None
        before = self.records_of(path, old)
        clash = {identity(r) for r in before.all()} & {identity(r) for r in group}
        if clash:
            ident = sorted(clash)[0][1]
            raise InputError(f"{path}: a record with id {ident!r} is already there")
        every = _records([*before.all(), *group])
        text, bom = logfile.decode(old, str(path))
        new_text = logfile.appended(text, new, every, str(path))
        return logfile.encode(new_text, bom), every, old

    def _write_all(
        self, written: dict[Path, tuple[bytes, Records, bytes | None]], backup: dict[Path, bytes]
    ) -> None:
        """Back up, then replace the files; then remember what was written in the cache, so
        the next command need not parse it again."""
        from movecoach.store.files import atomic_write_many, private_dir

        with writing(self.dir):
            private_dir(self.dir)
            for path, old in backup.items():
                self._backup(path, old)
            atomic_write_many({path: new for path, (new, _, _) in written.items()})
        with contextlib.suppress(OSError):
            for path, (new, every, _) in written.items():
                digest = blob_hash(new)
                self._keep(digest, every)
                self.memo.remember(str(path), path.stat(), digest)
            self.memo.flush()

    def remove(self, ident: str, logged: dt.datetime | None = None) -> Record:
        """Remove the record `ident` from the log: cut out of this device's own files, and,
        where another device's file (or a conflict copy) holds it, a tombstone in this
        device's own file that every reader honours. Files that change are backed up."""
        from movecoach.store.files import atomic_write_many

        with self._lock():
            holders = self.find(ident)
            if not holders:
                raise InputError(f"no record with id {ident!r} in the log")
            changes: dict[Path, bytes] = {}
            olds: dict[Path, bytes] = {}
            for path, _ in holders:
                if self.is_own(path):
                    old = _read(path)
                    text, bom = logfile.decode(old, str(path))
                    cut = logfile.without(text, self.records_of(path, old), ident, str(path))
                    changes[path], olds[path] = logfile.encode(cut, bom), old
            record = holders[0][1]
            if any(not self.is_own(path) for path, _ in holders):
                tomb = Deleted(ident, record.date, logged)
                path = self.path_for(record.date.year)
                base = changes.get(path)
                if base is not None:  # the same own file: add the tombstone to the new text
                    text, bom = logfile.decode(base, str(path))
                    now = logfile.parse_records(text, str(path))
                    every = _records([*now.all(), tomb])
                    changes[path] = logfile.encode(
                        logfile.appended(text, _records([tomb]), every, str(path)), bom
                    )
                else:
                    new, _, old_bytes = self._appended(path, [tomb])
                    changes[path] = new
                    if old_bytes is not None:
                        olds[path] = old_bytes
            with writing(self.dir):
                for path, old in olds.items():
                    self._backup(path, old)
                atomic_write_many(changes)
        self.memo.flush()
        return record

    def fold(self, logged: dt.datetime | None = None) -> tuple[list[Record], list[Path]]:
        """`check --fix`: copy into this device's own files the records of conflict copies
        that no log file holds (or holds in an older version), then move the copies to the
        backups folder. Returns (records folded in, copies moved)."""
        copies = self.conflicts()
        if not copies:
            return [], []
        with self._lock():
            originals = {
                r.id: (self._mtime(p), r) for p in self.files() for r in self.records_of(p).all()
            }
            wanted: dict[str, tuple[int, Record]] = {}
            for path in copies:
                stamp = self._mtime(path)
                for record in self.records_of(path).all():
                    have = originals.get(record.id)
                    if have is not None and (have[1] == record or have[0] >= stamp):
                        continue
                    if record.id not in wanted or wanted[record.id][0] < stamp:
                        wanted[record.id] = (stamp, record)
            folded = [record for _, record in wanted.values()]
            written = self._appending(folded)
            olds = {path: old for path, (_, _, old) in written.items() if old is not None}
            self._write_all(written, olds)
            moved = [self._shelve(path) for path in copies]
        return folded, moved

    def _shelve(self, path: Path) -> Path:
        """Move a folded conflict copy into the backups folder (kept, out of the log)."""
        from movecoach.store.files import private_dir

        folder = self.backup_dir or self.dir.parent / "backups"
        target = folder / f"{path.name}.folded"
        with writing(target):
            private_dir(folder)
            os.replace(path, target)
        return target

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
        with self._lock():
            old = _read_or_none(path)
            if old == data:
                return Restored(path, sessions, None, changed=False)
            kept = None
            with writing(path):
                private_dir(self.dir)
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


def _merge(per_file: list[tuple[int, Records]], years: set[int] | None) -> Records:
    """One record per id, from the file modified last; tombstoned ids left out (the
    tombstones themselves are kept, once each, for an export)."""
    chosen: dict[str, tuple[int, Record]] = {}
    gone: set[str] = set()
    tombs: dict[str, Deleted] = {}
    for _, records in per_file:
        for tomb in records.deleted:
            tombs.setdefault(tomb.id, tomb)
    for stamp, records in per_file:
        for record in records.all():
            if isinstance(record, Deleted):
                gone.add(record.id)
            elif record.id not in chosen or chosen[record.id][0] < stamp:
                chosen[record.id] = (stamp, record)
    kept = [r for _, r in chosen.values() if r.id not in gone]
    if years is not None:
        kept = [r for r in kept if r.date.year in years]
    return _records([*kept, *(tombs[i] for i in sorted(tombs))])


def _records(items: Iterable[Record]) -> Records:
    from movecoach.core.models import DayEntry

    items = list(items)
    return Records(
        tuple(r for r in items if isinstance(r, Session)),
        tuple(r for r in items if isinstance(r, DayEntry)),
        tuple(r for r in items if isinstance(r, Checkin)),
        tuple(r for r in items if isinstance(r, Deleted)),
    )


def _summary_of(records: Records) -> dict[str, Any]:
    """What the cache keeps of a file for the fast paths: per-day session totals, every id,
    the years its records are dated in, and whether it holds more than sessions."""
    years = {r.date.year for r in records.all()}
    return {
        "days": days_rules.rows(days_rules.daily(records.sessions)),
        "ids": [r.id for r in records.all()],
        "years": sorted(years),
        "others": bool(records.days or records.checkins or records.deleted),
    }


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
        text, _ = logfile.decode(data, backup.name)
        return data, logfile.parse(text, backup.name)
    except LogCorruptError as err:
        raise InputError(f"{str(err).removesuffix(f'; {FIX_HINT}')}; {refused}") from err


def count_sessions(path: Path) -> str | int:
    """How many sessions a log file holds, or why that cannot be told (for `restore`)."""
    try:
        text, _ = logfile.decode(path.read_bytes(), path.name)
        return len(logfile.parse(text, path.name))
    except FileNotFoundError:
        return "not there"
    except (OSError, LogCorruptError):
        return "does not parse"


def run_ending(active: set[dt.date], last: dt.date) -> int:
    """Active days in a row ending on `last`, by the shared rule in `core.days`."""
    return days_rules.run_ending({d.toordinal() for d in active}, last.toordinal())


def identity(record: Record) -> tuple[bool, str]:
    """What makes a record one: its id, and whether it is a tombstone (a tombstone shares
    the id of the record it removes)."""
    return isinstance(record, Deleted), record.id


def _unique(records: Sequence[Record], message: str) -> None:
    keys = [identity(r) for r in records]
    if len(set(keys)) != len(keys):
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
