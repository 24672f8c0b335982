"""The session log: `log/YYYY.toml` files that the user owns, reads and may edit by hand.

Sessions are `[[session]]` tables, one file per calendar year of the session's date (or
`YYYY-<device>.toml` once a device name is set, so synced devices never write the same file).
Writes follow one order, under an exclusive lock: read and validate the file (never write a
file that does not parse), build the new bytes (an append keeps every old byte), then replace
the file atomically.

Reading stays fast as years pass through a derived, disposable cache of each parsed file,
keyed by a hash of its bytes (see `movecoach.cache`). The TOML files are the only source of truth.
`movecoach nudge` answers from the cache without this module when it can.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from movecoach.errors import InputError, LogBusyError, LogCorruptError
from movecoach.store import memo as cache
from movecoach.store.memo import blob_hash, log_file_name

if TYPE_CHECKING:
    from movecoach.core.models import Session
    from movecoach.core.stats import Day

SCHEMA = 1
LOCK_TIMEOUT = 10.0
MAX_SESSION_MINUTES = 600
MAX_NOTE_LENGTH = 1000
LOCK_NAME = ".movecoach.lock"
SESSION_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*session[ \t]*\]\][ \t]*(#.*)?$")
SESSION_KEYS = ("id", "date", "time", "minutes", "pain_before", "pain_after", "exercises", "note")
FIX_HINT = (
    "fix it by hand, or put back a backup with `movecoach restore` (movecoach will not write "
    "to it until it parses)"
)

HEADER = """\
# movecoach session log for {year}.
#
# Each [[session]] table below is one session. Keys:
#   id           a unique name movecoach gives the session
#   date         the day, as YYYY-MM-DD
#   time         when it started, as HH:MM:SS (optional)
#   minutes      how long it took, 1-600
#   pain_before  back pain before it, 0-10 (optional)
#   pain_after   back pain after it, 0-10 (optional)
#   exercises    the exercise ids, e.g. ["knee-rolls", "calm-breathing"]
#   note         anything you want to remember (optional)
#
# This file is yours: hand edits are welcome, comments included. movecoach checks it on
# every read and never writes to it while it does not parse (`movecoach check` says why).

schema = {schema}
"""


def new_id() -> str:
    import secrets

    return secrets.token_hex(8)


# --- reading and validating a file ----------------------------------------------------------


def parse(text: str, name: str) -> list[Session]:
    """The sessions of one log file's text, or `LogCorruptError` naming file, line and problem."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise LogCorruptError(f"{name}: does not parse ({err}); {FIX_HINT}") from err
    for key in data:
        if key not in ("schema", "session"):
            raise LogCorruptError(
                f"{name}: unknown top-level key {key!r}; sessions go in [[session]] tables; "
                f"{FIX_HINT}"
            )
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise LogCorruptError(
            f"{name}: schema {schema!r} is not one this movecoach reads (it reads {SCHEMA}); "
            "a newer movecoach may have written it"
        )
    tables = data.get("session", [])
    if not isinstance(tables, list):
        raise LogCorruptError(f"{name}: 'session' must be [[session]] tables; {FIX_HINT}")
    header_lines = [n for n, line in enumerate(text.splitlines(), 1) if SESSION_HEADER.match(line)]
    if len(header_lines) != len(tables):
        header_lines = []
    return [
        _session(table, name, index, header_lines[index - 1] if header_lines else None)
        for index, table in enumerate(tables, start=1)
    ]


def _session(table: Any, name: str, index: int, line: int | None) -> Session:
    from movecoach.core.models import Session

    where = f"line {line}, session {index}" if line else f"session {index}"
    if isinstance(table, dict):
        if isinstance(table.get("id"), str):
            where += f" (id {table['id']})"
        elif isinstance(table.get("date"), dt.date):
            where += f" ({table['date']})"

    def fail(problem: str) -> LogCorruptError:
        return LogCorruptError(f"{name}: {where}: {problem}; {FIX_HINT}")

    if not isinstance(table, dict):
        raise fail("is not a table")
    for key in table:
        if key not in SESSION_KEYS:
            raise fail(f"unknown key {key!r} (known: {', '.join(SESSION_KEYS)})")
    for key in ("id", "date", "minutes"):
        if key not in table:
            raise fail(f"{key!r} is missing")
    ident = table["id"]
    if not isinstance(ident, str) or not ident.strip():
        raise fail("'id' must be a non-empty string")
    date = table["date"]
    if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
        raise fail(f"'date' must be a date like 2026-03-01, got {date!r}")
    time = table.get("time")
    if time is not None and not isinstance(time, dt.time):
        raise fail(f"'time' must be a time like 07:30:00 (with seconds), got {time!r}")

    def whole(key: str, low: int, high: int) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise fail(f"{key!r} must be a whole number from {low} to {high}, got {value!r}")
        return value

    minutes = whole("minutes", 1, MAX_SESSION_MINUTES)
    assert minutes is not None
    exercises = table.get("exercises", [])
    if not isinstance(exercises, list) or not all(isinstance(e, str) for e in exercises):
        raise fail("'exercises' must be a list of exercise ids")
    note = table.get("note")
    if note is not None and not isinstance(note, str):
        raise fail("'note' must be a string")
    return Session(
        id=ident,
        date=date,
        time=time.replace(tzinfo=None) if time is not None else None,
        minutes=minutes,
        pain_before=whole("pain_before", 0, 10),
        pain_after=whole("pain_after", 0, 10),
        exercises=tuple(exercises),
        note=note,
    )


def session_block(session: Session) -> str:
    """One `[[session]]` table as TOML text; absent values are left out (TOML has no null).

    The header is written by hand: tomli-w would write a short list of tables as an inline
    array, which cannot follow the file's `[[session]]` tables.
    """
    import tomli_w

    table: dict[str, Any] = {"id": session.id, "date": session.date}
    if session.time is not None:
        table["time"] = session.time.replace(microsecond=0, tzinfo=None)
    table["minutes"] = session.minutes
    if session.pain_before is not None:
        table["pain_before"] = session.pain_before
    if session.pain_after is not None:
        table["pain_after"] = session.pain_after
    table["exercises"] = list(session.exercises)
    if session.note is not None:
        table["note"] = session.note
    return "[[session]]\n" + tomli_w.dumps(table)


def session_headers(text: str) -> int:
    return sum(1 for line in text.splitlines() if SESSION_HEADER.match(line))


def _session_row(session: Session) -> list[Any]:
    return [
        session.id,
        session.date.isoformat(),
        session.time.isoformat() if session.time is not None else None,
        session.minutes,
        session.pain_before,
        session.pain_after,
        list(session.exercises),
        session.note,
    ]


def _row_session(row: list[Any]) -> Session:
    from movecoach.core.models import Session

    ident, date, time, minutes, before, after, exercises, note = row
    return Session(
        ident,
        dt.date.fromisoformat(date),
        minutes,
        dt.time.fromisoformat(time) if time is not None else None,
        before,
        after,
        tuple(exercises),
        note,
    )


# --- the cache ------------------------------------------------------------------------------


# --- the log --------------------------------------------------------------------------------


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
        root = cache.root_for(str(cache_dir), str(log_dir)) if cache_dir is not None else None
        self._cache = cache.FileIndex(root)

    # files

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

    # reading

    def _digest(self, path: Path) -> tuple[str, bytes | None]:
        """The hash of a file's bytes, and the bytes if they had to be read to get it."""
        try:
            stat = path.stat()
            known = self._cache.known_hash(path.name, stat)
            if known is not None:
                return known, None
            data = path.read_bytes()
        except OSError as err:
            raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err
        digest = blob_hash(data)
        self._cache.remember(path.name, stat, digest)
        return digest, data

    def _parse(self, path: Path, data: bytes | None, digest: str) -> list[Session]:
        """Parse and validate the file's bytes, and store what was learnt in the cache."""
        from movecoach.core.stats import daily

        if data is None:
            try:
                data = path.read_bytes()
            except OSError as err:
                raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err
            digest = blob_hash(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise LogCorruptError(f"{path}: is not UTF-8 text ({err}); {FIX_HINT}") from err
        sessions = parse(text, str(path))
        self._store(digest, sessions, daily(sessions))
        return sessions

    def _store(self, digest: str, sessions: list[Session], days: dict[dt.date, Day]) -> None:
        self._cache.store(digest, "sessions", {"sessions": [_session_row(s) for s in sessions]})
        rows = {d.isoformat(): day.as_row() for d, day in days.items()}
        self._cache.store(digest, "days", {"days": rows, "ids": [s.id for s in sessions]})

    def _sessions_of(self, path: Path, data: bytes | None = None) -> list[Session]:
        """A file's sessions: from the cache when its bytes were parsed before, else parsed
        and validated now (raising when the file is broken). `data`: bytes already read."""
        if data is None:
            digest, data = self._digest(path)
        else:
            digest = blob_hash(data)
        cached = self._cache.load(digest, "sessions")
        if cached is not None:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                return [_row_session(row) for row in cached["sessions"]]
        return self._parse(path, data, digest)

    def _days_of(self, path: Path) -> tuple[dict[str, list[int]], list[str]]:
        """Per-day rows and ids of one file; validates the file when it is not cached."""
        digest, data = self._digest(path)
        cached = self._cache.load(digest, "days")
        if cached is not None and isinstance(cached.get("days"), dict):
            return cached["days"], cached.get("ids", [])
        sessions = self._parse(path, data, digest)
        from movecoach.core.stats import daily

        days = daily(sessions)
        return {d.isoformat(): day.as_row() for d, day in days.items()}, [s.id for s in sessions]

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
            self._cache.flush()
        out.sort(key=lambda s: (s.date, s.time or dt.time.min))
        return out

    def days(self, years: Iterable[int] | None = None) -> dict[dt.date, Day]:
        """Per-day totals of every session (of the given years), from the cache when it can."""
        from movecoach.core.stats import Day, daily

        try:
            paths = self._selected(years)
            per_file = [self._days_of(path) for path in paths]
        finally:
            self._cache.flush()
        ids: set[str] = set()
        duplicated = False
        for _, file_ids in per_file:
            before = len(ids)
            ids.update(file_ids)
            duplicated = duplicated or len(ids) - before != len(file_ids)
        if duplicated:  # rare: the same session in two files; count it once
            return daily(self.sessions(years))
        totals: dict[dt.date, Day] = {}
        for rows, _ in per_file:
            for iso, row in rows.items():
                date = dt.date.fromisoformat(iso)
                day = Day.from_row(date, row)
                totals[date] = totals[date] + day if date in totals else day
        return totals

    def days_since(self, day: dt.date) -> dict[dt.date, Day]:
        """Per-day totals of the years from `day`'s on: enough for any window from `day`."""
        return self.days(year for year in self.years() if year >= day.year)

    def active_dates(self, years: Iterable[int]) -> set[dt.date]:
        """The days with a session in the given years: all `movecoach nudge` needs."""
        try:
            dates: set[dt.date] = set()
            for path in self._selected(years):
                rows, _ = self._days_of(path)
                dates.update(dt.date.fromisoformat(iso) for iso in rows)
            return dates
        finally:
            self._cache.flush()

    def year_tail(self, year: int) -> int:
        """Consecutive active days ending on 31 December of `year`, so a streak that runs
        across many New Years costs one lookup a year, not a read of every day."""
        from movecoach.core.stats import tail_run

        paths = self._selected([year])
        if len(paths) != 1:  # several devices' files: their days must be merged
            return tail_run(self.active_dates([year]), year)
        try:
            digest, _ = self._digest(paths[0])
            known = self._cache.fact(paths[0].name, digest, "tail")
            if isinstance(known, int):
                return known
            tail = tail_run(self.active_dates([year]), year)
            self._cache.note(paths[0].name, digest, "tail", tail)
            return tail
        finally:
            self._cache.flush()

    def validate(self) -> None:
        """Raise `LogCorruptError` for the first file that does not parse or holds a bad value.

        Bytes whose hash has a cache entry were validated when it was written, so a long
        history costs a `stat` a file here, not a parse."""
        try:
            for path in self.files():
                digest, data = self._digest(path)
                if not self._cache.has(digest, "days"):
                    self._parse(path, data, digest)
        finally:
            self._cache.flush()

    def problems(self) -> list[str]:
        """Every broken file's problem, one line each (for `movecoach check`)."""
        found = []
        for path in self.files():
            try:
                self._days_of(path)
            except LogCorruptError as err:
                found.append(str(err))
        self._cache.flush()
        return found

    def find(self, session_id: str) -> tuple[Path, Session] | None:
        for path in self.files():
            for session in self._sessions_of(path):
                if session.id == session_id:
                    self._cache.flush()
                    return path, session
        self._cache.flush()
        return None

    def last_logged(self) -> tuple[Path, Session] | None:
        """The session appended most recently: the last table of the newest-written file."""
        files = self.files()
        for path in sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True):
            sessions = self._sessions_of(path)
            if sessions:
                self._cache.flush()
                return path, sessions[-1]
        return None

    # writing

    def _lock(self) -> Any:
        from movecoach.store.files import exclusive_lock

        return exclusive_lock(self.dir / LOCK_NAME, self.lock_timeout, f"the log in {self.dir}")

    def append(self, session: Session) -> Path:
        """Add one session at the end of its year's file; every byte already there is kept."""
        return self.extend([session])[0]

    def extend(self, sessions: Iterable[Session]) -> list[Path]:
        """Add sessions at the end of their years' files, one locked, atomic write per file;
        every byte already there is kept. A clashing id or a broken file refuses the lot
        before anything is written."""
        from movecoach.store.files import atomic_write, private_dir

        by_path: dict[Path, list[Session]] = {}
        for session in sessions:
            by_path.setdefault(self.path_for(session.date.year), []).append(session)
        blocks = {
            path: "\n".join(session_block(s) for s in group) for path, group in by_path.items()
        }
        for path, group in by_path.items():
            if parse(blocks[path], "the new sessions") != group:  # pragma: no cover - a bug
                raise LogCorruptError("could not write the sessions faithfully; nothing changed")
        private_dir(self.dir)
        written: dict[Path, tuple[bytes, list[Session]]] = {}
        with self._lock():
            for path, group in by_path.items():  # check everything before writing anything
                written[path] = self._appended(path, group, blocks[path])
            for path, (new, _) in written.items():
                atomic_write(path, new)
        self._remember_written(written)
        return list(written)

    def _remember_written(self, written: dict[Path, tuple[bytes, list[Session]]]) -> None:
        """Cache what was just written, so the next command need not parse it again."""
        from movecoach.core.stats import daily

        with contextlib.suppress(OSError):
            for path, (new, every) in written.items():
                digest = blob_hash(new)
                self._store(digest, every, daily(every))
                self._cache.remember(path.name, path.stat(), digest)
            self._cache.flush()

    def _appended(
        self, path: Path, group: list[Session], block: str
    ) -> tuple[bytes, list[Session]]:
        """The file's new bytes with `block` at the end, and all its sessions after."""
        old = _bytes_or_none(path)
        ids = [s.id for s in group]
        if len(set(ids)) != len(ids):
            raise InputError("two new sessions share an id; nothing was written")
        if old is None:
            header = HEADER.format(year=group[0].date.year, schema=SCHEMA)
            new = (header + "\n" + block).encode("utf-8")
            if not _parses_to(new, group, str(path)):  # pragma: no cover - a bug
                raise LogCorruptError(f"{path}: could not start the file; nothing changed")
            return new, list(group)
        old_sessions = self._sessions_of(path, old)
        clash = {s.id for s in old_sessions} & set(ids)
        if clash:
            raise InputError(f"{path}: a session with id {sorted(clash)[0]!r} is already there")
        separator = b"\n" if old.endswith(b"\n") else b"\n\n"
        new = old + (separator if old.strip() else b"") + block.encode("utf-8")
        every = [*old_sessions, *group]
        # When every session sits under its own [[session]] header, more headers at the end
        # are valid TOML by construction; any other layout is checked in full.
        if session_headers(old.decode("utf-8")) != len(old_sessions) and not _parses_to(
            new, every, str(path)
        ):
            raise LogCorruptError(
                f"{path}: a [[session]] table cannot be added after its last line (are "
                "sessions written as an inline array?); write each session as a [[session]] "
                "table"
            )
        return new, every

    def remove(self, session_id: str) -> tuple[Path, Session]:
        """Take one session out of its file; comments before the first session are kept."""
        from movecoach.store.files import atomic_write

        with self._lock():
            for path in self.files():
                old = path.read_bytes()
                sessions = self._sessions_of(path, old)
                match = [i for i, s in enumerate(sessions) if s.id == session_id]
                if not match:
                    continue
                index = match[0]
                new = _without_session(old.decode("utf-8"), sessions, index, str(path))
                self._backup(path, old)
                atomic_write(path, new.encode("utf-8"))
                self._cache.flush()
                return path, sessions[index]
        raise InputError(f"no session with id {session_id!r} in the log")

    def merge(self, sessions: Sequence[Session]) -> tuple[list[Session], list[Session]]:
        """Append the sessions whose id is in no log file yet; return (added, skipped).

        For `movecoach import`: the ids are read under the same lock as the write, so two
        imports at once cannot add a session twice. Each file that changes is backed up
        first, though appends keep every old byte, so `movecoach restore` can take a wrong
        import back. A broken file or a clash refuses the lot before anything is written.
        """
        from movecoach.store.files import atomic_write, private_dir

        ids = [s.id for s in sessions]
        if len(set(ids)) != len(ids):
            raise InputError("two sessions to import share an id; nothing was imported")
        if not sessions:
            return [], []
        private_dir(self.dir)
        written: dict[Path, tuple[bytes, list[Session]]] = {}
        with self._lock():
            known = {s.id for path in self.files() for s in self._sessions_of(path)}
            added = [s for s in sessions if s.id not in known]
            skipped = [s for s in sessions if s.id in known]
            by_path: dict[Path, list[Session]] = {}
            for session in added:
                by_path.setdefault(self.path_for(session.date.year), []).append(session)
            olds: dict[Path, bytes] = {}
            for path, group in by_path.items():  # check everything before writing anything
                block = "\n".join(session_block(s) for s in group)
                if parse(block, "the new sessions") != group:  # pragma: no cover - a bug
                    raise LogCorruptError(
                        "could not write the sessions faithfully; nothing changed"
                    )
                with contextlib.suppress(FileNotFoundError):
                    olds[path] = path.read_bytes()
                written[path] = self._appended(path, group, block)
                if path in olds and not written[path][0].startswith(olds[path]):
                    raise LogBusyError(f"{path} changed while importing; nothing was imported")
            for path, old in olds.items():
                self._backup(path, old)
            for path, (new, _) in written.items():
                atomic_write(path, new)
        self._remember_written(written)
        return added, skipped

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
            old = _bytes_or_none(path)
            if old == data:
                return Restored(path, sessions, None, changed=False)
            kept = None
            if old is not None and self.backup_dir is not None:
                kept = backups.keep(self.backup_dir, path.name, old)
            atomic_write(path, data)
        self._cache.flush()
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
        return data, parse(text, backup.name)
    except LogCorruptError as err:
        raise InputError(f"{str(err).removesuffix(f'; {FIX_HINT}')}; {refused}") from err


def _bytes_or_none(path: Path) -> bytes | None:
    """A log file's bytes, or None when it does not exist yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err


def _parses_to(data: bytes, sessions: list[Session], name: str) -> bool:
    try:
        return parse(data.decode("utf-8"), name) == sessions
    except LogCorruptError:
        return False


def _year_of(path: Path) -> int:
    parsed = log_file_name(path.name)
    assert parsed is not None
    return parsed[0]


def _without_session(text: str, sessions: list[Session], index: int, name: str) -> str:
    """The file's text without session `index`: its lines are cut out and the rest is kept as
    written; if the file's layout defeats that, the sessions are rewritten under the file's
    leading comments. Either way the result is checked to hold exactly the other sessions."""
    expected = sessions[:index] + sessions[index + 1 :]
    lines = text.splitlines(keepends=True)
    headers = [n for n, line in enumerate(lines) if SESSION_HEADER.match(line)]
    if len(headers) == len(sessions):
        start = headers[index]
        end = headers[index + 1] if index + 1 < len(headers) else len(lines)
        # Comments and blank lines just above the next session belong to it: keep them.
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
            end -= 1
        candidate = "".join(lines[:start] + lines[end:])
        try:
            if parse(candidate, name) == expected:
                return candidate
        except LogCorruptError:
            pass
    lead = "".join(lines[: headers[0]]) if headers else text
    candidate = lead + "\n".join(session_block(s) for s in expected)
    if parse(candidate, name) != expected:  # pragma: no cover - a bug, never write it
        raise LogCorruptError(f"{name}: could not remove the session safely; nothing changed")
    return candidate


def iter_recent(log: Log, newest_first: bool = True) -> Iterator[Session]:
    """Sessions newest first, reading one year at a time so a short list reads little."""
    for year in sorted(log.years(), reverse=newest_first):
        sessions = log.sessions([year])
        yield from (reversed(sessions) if newest_first else sessions)
