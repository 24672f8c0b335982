"""The log's files: `log/YYYY.toml` files that the user owns, reads and may edit by hand.

A device writes only its own files: one per calendar year of a record's date, named
`YYYY-<device>.toml` once a device name is set (else `YYYY.toml`), so devices sharing a synced
folder never write the same file. Every reader reads every file of the folder, other
devices' files and the conflict copies sync tools make included, and merges them: a record
counts once by id (on a clash, the file modified later wins), and a `[[deleted]]` tombstone in
any file removes its id everywhere. A record counts on its own date whatever file it is in.

What the bytes mean is `store.logfile`'s job, and what the cache keeps of them is
`store.filecache`'s; this module decides which files, reads only the months a question
needs, and writes in one order under an exclusive lock kept outside the log folder: read and
validate the file (never write a file that does not parse), build the new bytes (an append
keeps every old byte; a removal cuts one table's lines and copies the rest from the old file
in chunks), back up what a change removes, then replace the file atomically. Every failure
of the machine is one `StorageError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from movecoach.core import days as days_rules
from movecoach.core.days import Day, day_number
from movecoach.core.models import (
    Checkin,
    DayEntry,
    Deleted,
    Record,
    Records,
    Session,
    in_order,
)
from movecoach.core.pace_days import DayFacts, Days
from movecoach.errors import InputError, LogCorruptError
from movecoach.store import filecache, logfile
from movecoach.store.filecache import Summary
from movecoach.store.files import Content, Excerpt, Source, writing
from movecoach.store.logfile import FIX_HINT, conflict_copy_of, log_file_name
from movecoach.store.memo import BIG_BLOB, Memo, blob_hash, hasher, hex_name

if TYPE_CHECKING:
    import threading

LOCK_TIMEOUT = 10.0
Window = tuple[dt.date | None, dt.date | None]
EVERYTHING: Window = (None, None)
NEVER = dt.datetime.combine(dt.date(1900, 1, 1), dt.time())  # logged before times were kept
CachePlan = Callable[[str], bool]  # given the new bytes' hash, keep their cache entries


def new_id() -> str:
    import secrets

    return secrets.token_hex(8)


def years_window(years: Iterable[int] | None) -> Window:
    """The dates from 1 January of the first year to 31 December of the last."""
    if years is None:
        return EVERYTHING
    chosen = sorted(years)
    if not chosen:
        return dt.date.max, dt.date.min  # an empty window
    return dt.date(chosen[0], 1, 1), dt.date(chosen[-1], 12, 31)


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
        # Files parsed by this command, by hash: as parsed, then in the cache's order once read.
        self._fresh: dict[str, Records | list[Record]] = {}
        # Hashes of files parsed by this command whose records the cache does not hold yet.
        self._rowless: set[str] = set()
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
        found = [(parsed, name) for name in self._names() if (parsed := log_file_name(name))]
        return [self.dir / name for _, name in sorted(found)]

    def conflicts(self) -> list[Path]:
        """Conflict copies a sync tool left beside the log files (read like the others)."""
        return [self.dir / name for name in self._names() if conflict_copy_of(name)]

    def sources(self) -> list[Path]:
        """Every file the log is read from: the log files, then the conflict copies."""
        return self.files() + self.conflicts()

    def years(self) -> list[int]:
        """The years with records (by the records' own dates), oldest first."""
        with self._flushing():
            found: set[int] = set()
            for path in self.sources():  # the months the index keeps: no summary to load
                found.update(int(month[:4]) for month in self._months(path))
            return sorted(found)

    def path_for(self, year: int) -> Path:
        """This device's own file for `year`."""
        suffix = f"-{self.device}" if self.device else ""
        return self.dir / f"{year:04d}{suffix}.toml"

    def is_own(self, path: Path) -> bool:
        parsed = log_file_name(path.name)
        return parsed is not None and parsed[1] == (self.device or "")

    @contextlib.contextmanager
    def _flushing(self) -> Iterator[None]:
        try:
            yield
        finally:
            self.memo.flush()

    # --- reading one file ---------------------------------------------------------------------

    def _digest(self, path: Path, source: Source | None = None) -> tuple[str, bytes | None]:
        with _reading(path):
            return self.memo.digest(str(path), source)

    def _parse(self, path: Path, data: bytes | None, rows: bool = True) -> tuple[Records, Summary]:
        """Parse and validate the file's bytes, and keep what was learnt in the cache; its
        records too with `rows` (else when a read first asks for them, `records_of`)."""
        data = _read(path) if data is None else data
        text, _ = logfile.decode(data, str(path))
        records, simple = logfile.read(text, str(path))
        self.memo.ensure()  # the user has a log: the cache may now create its folder
        digest = blob_hash(data)
        self._fresh[digest] = records
        if not rows:
            self._rowless.add(digest)
        return records, filecache.store(self.memo, digest, records, simple, rows)

    def _current(self, path: Path, source: Source) -> tuple[bytes | None, str, Summary]:
        """The hash and summary of a file's bytes as `source` opened them, for an edit: the
        hash comes from the cache's index when the file's size and time show it unchanged (a
        large file is not read, nor hashed twice); the bytes too when they had to be read."""
        digest, data = self._digest(path, source)
        summary = filecache.load_summary(self.memo, digest)
        if summary is None:
            data = _all_of(source) if data is None else data
            summary = self._parse(path, data)[1]
        return data, digest, summary

    def _whole(self, path: Path) -> tuple[bytes, str, Summary]:
        """A file's bytes, their hash and summary, for an edit that rewrites it."""
        with _opened(path) as source:
            data, digest, summary = self._current(path, source)
            return _all_of(source) if data is None else data, digest, summary

    def _entry(self, path: Path, data: bytes | None = None) -> tuple[str, Summary]:
        """The hash of the file's bytes and its summary, parsing the file when it is new."""
        digest, read = self._digest(path) if data is None else (blob_hash(data), data)
        summary = filecache.load_summary(self.memo, digest)
        if summary is None:
            summary = self._parse(path, read, rows=False)[1]
        if self.memo.fact(str(path), digest, "months") != summary.months:
            self.memo.note(str(path), digest, "months", summary.months)
        return digest, summary

    def _summary(self, path: Path) -> Summary:
        return self._entry(path)[1]

    def records_of(
        self, path: Path, data: bytes | None = None, window: Window = EVERYTHING, keep: bool = True
    ) -> Records:
        """A file's records (dated within `window`): from the cache when its bytes were parsed
        before, reading only the months needed; else parsed and validated now (raising when the
        file is broken). `data`: bytes already read. `keep`: when the records are not in the
        cache yet, put them there for the next command (an export, which keeps lines of its
        own, does without)."""
        digest, summary = self._entry(path, data)
        fresh = self._fresh.get(digest)  # parsed just now: not rebuilt from the cache
        if fresh is not None:
            if not isinstance(fresh, list):  # the order a cached read gives, sorted once
                fresh = self._fresh[digest] = filecache.in_cache_order(fresh.all())
            if keep and digest in self._rowless:
                self._rowless.discard(digest)
                filecache.store_rows(self.memo, digest, fresh)
            if window != EVERYTHING:
                fresh = [r for r in fresh if _within(r.date, window)]
            return _records(fresh)
        found = filecache.load_records(self.memo, digest, summary, *window)
        if found is None:  # a part of the cache went missing: parse again
            records = self._parse(path, data, rows=keep)[0]
            found = [r for r in records.all() if _within(r.date, window)]
        return _records(found)

    def _ids(self, path: Path, digest: str | None = None) -> filecache.Ids:
        """The ids of a file's records (tombstones left out) and their months; `digest`:
        the hash of its bytes, when known."""
        ids = None if digest is None else filecache.load_ids(self.memo, digest)
        if ids is None:
            digest = self._entry(path)[0]  # a file new to the cache is parsed here
            ids = filecache.load_ids(self.memo, digest)
        if ids is None:  # a part of the cache went missing
            ids = filecache.Ids.of(self.records_of(path, keep=False).all())
        return ids

    def _record(self, path: Path, ident: str) -> Record | None:
        """The live record `ident` of one file, read from its month alone."""
        digest, _ = self._entry(path)
        ids = self._ids(path)
        found = filecache.record_by_id(self.memo, digest, ids, ident)
        if found is None and ident in ids:  # a part of the cache went missing
            found = next(r for r in self.records_of(path).all() if r.id == ident)
        return found

    # --- reading the merged log ---------------------------------------------------------------

    def merged(self, years: Iterable[int] | None = None, window: Window | None = None) -> Records:
        """Every record of the log dated within the years (or the window), each id once,
        tombstoned ids left out; the tombstones themselves are kept, for an export."""
        window = years_window(years) if window is None else window
        with self._flushing():
            paths = [path for path in self.sources() if _overlaps(self._months(path), window)]
            gone = _tombstoned(self._summary(path) for path in paths)
            per_file = [(self._mtime(path), self.records_of(path, window=window)) for path in paths]
        return _merge(per_file, gone)

    def per_file(
        self, window: Window, kind: str, derive: Callable[[Records], Any]
    ) -> list[Any] | None:
        """`derive(records)` of each file `merged(window=window)` reads, in that order, kept
        in the cache under `kind` beside the file's other parts (an export of ten years then
        joins cached lines, where rebuilding 11,000 records took 150 ms). None when merging
        the files would drop a record (an id in two files, a tombstone): use `merged`."""
        with self._flushing():
            paths = [path for path in self.sources() if _overlaps(self._months(path), window)]
            ids = [self._ids(path, self._digest(path)[0]) for path in paths]
            listed = [ident for part in ids for ident in part]
            if len(set(listed)) != len(listed):
                return None
            out = []
            for path in paths:  # each was read for its ids: the index knows its hash
                digest, _ = self._digest(path)
                kept = self.memo.load(digest, kind)  # [tombstones, value]
                if kept is None:
                    records = self.records_of(path, keep=False)
                    kept = [len(records.deleted), derive(records)]
                    self.memo.store(digest, kind, kept)
                    self._fresh.pop(digest, None)  # ten years of records need not stay
                if kept[0]:
                    return None
                out.append(kept[1])
            return out

    def pace_days(self, window: Window) -> tuple[Days, list[DayEntry]] | None:
        """What the pacing rules read of the window: the facts of each day with a session
        (`core.pace_days`), kept in the cache a month at a time, so a heavy log's month costs
        a few hundred small facts, not thousands of sessions; and the window's rest, flare and
        pain days. None when the files' days cannot be put side by side (one day in two files,
        or what stops per-day totals adding up, `_add_up`): then the sessions must be merged
        first."""
        with self._flushing():
            paths = [path for path in self.sources() if _overlaps(self._months(path), window)]
            entries = {path: self._entry(path) for path in paths}
            if not self._add_up([(path, summary) for path, (_, summary) in entries.items()]):
                return None
            found: dict[dt.date, DayFacts] = {}
            marks: list[DayEntry] = []
            for path, (digest, summary) in entries.items():
                for facts in self._pace_days(path, digest, summary, window):
                    if facts.date in found:
                        return None
                    found[facts.date] = facts
                if summary.others:
                    marks += self.records_of(path, window=window).days
        return Days(found.values()), marks

    def _pace_days(
        self, path: Path, digest: str, summary: Summary, window: Window
    ) -> Iterator[DayFacts]:
        """A file's day facts within the window, from the cache or made from its records (and
        kept) a month at a time."""
        low, high = _months_of(window)
        for month in summary.months:
            if not low <= month <= high:
                continue
            facts = filecache.load_pace_days(self.memo, digest, month)
            if facts is None:
                year, number = int(month[:4]), int(month[5:])
                first = dt.date(year, number, 1)
                last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
                facts = list(Days.of(self.records_of(path, window=(first, last)).sessions))
                filecache.store_pace_days(self.memo, digest, month, facts)
            yield from (f for f in facts if _within(f.date, window))

    def _mtime(self, path: Path) -> int:
        try:
            return path.stat().st_mtime_ns
        except OSError:
            return 0

    def sessions(
        self, years: Iterable[int] | None = None, window: Window | None = None
    ) -> list[Session]:
        """Every session (of the given years or window), oldest first, each counted once."""
        return in_order(self.merged(years, window).sessions)

    def checkins(self) -> list[Checkin]:
        """Every check-in, oldest first (by date, then when logged), each counted once and
        tombstoned ones left out. Only files holding more than sessions are read (the
        summary knows which), so years of sessions cost a lookup each."""
        with self._flushing():
            summaries = self._all_summaries()
            gone = _tombstoned(s for _, s in summaries)
            per_file = [(self._mtime(p), self.records_of(p)) for p, s in summaries if s.others]
        found = list(_merge(per_file, gone).checkins)
        found.sort(key=lambda c: (c.date, c.logged or NEVER))
        return found

    def days(self, years: Iterable[int] | None = None) -> dict[dt.date, Day]:
        """Per-day totals of sessions and rest, flare and pain days (of the given years), from
        the files' summaries when they add up (`_add_up`); else from the merged records."""
        window = years_window(years)
        with self._flushing():
            chosen = [p for p in self.sources() if _overlaps(self._months(p), window)]
            summaries = [(p, self._summary(p)) for p in chosen]
            add_up = self._add_up(summaries)
        if not add_up:
            merged = self.merged(window=window)
            return days_rules.daily(merged.sessions, merged.days)
        return _summed_days((summary for _, summary in summaries), window)

    def _add_up(self, summaries: list[tuple[Path, Summary]]) -> bool:
        """Whether the files' per-day totals add up to the log's (`days.totals_add_up`)."""
        tombstones = [days_rules.day_number(date) for _, s in summaries for _, date in s.tombs]
        ids = (self._ids(p) for p, _ in summaries) if len(summaries) > 1 else ()
        return days_rules.totals_add_up(tombstones, ids)  # reads ids only without tombstones

    def _all_summaries(self) -> list[tuple[Path, Summary]]:
        return [(path, self._summary(path)) for path in self.sources()]

    def active_dates(self, years: Iterable[int]) -> set[dt.date]:
        """The days with a session in the given years."""
        return {date for date, day in self.days(years).items() if day.sessions}

    def kept_dates(self, years: Iterable[int], rest_days: int, first_weekday: int) -> set[dt.date]:
        """The days of the given years that keep a streak (`core.days.kept_days`)."""
        marked = _marks(self.days(years))
        kept = days_rules.kept_days(*marked, rest_days, first_weekday)
        return {dt.date.fromordinal(number) for number in kept}

    def runs_before(self, year: int, rest_days: int, first_weekday: int) -> days_rules.Runs | None:
        """What the years before `year` add to a streak (`core.days.Runs`, up to 31 December
        of the year before), joined year by year at their edges; None when none has a record.
        Ten years cost ten small cache entries, not ten years of days."""
        with self._flushing():
            summaries = self._all_summaries()
            held = [y for _, s in summaries for y in s.years if y < year]
            if not held:
                return None
            merged = None if self._add_up(summaries) else _by_year(self.days())
            joined = None
            for each in range(min(held), year):
                found = self._year_runs(summaries, merged, each, rest_days, first_weekday)
                joined = days_rules.joined(joined, found)
        return joined

    def year_runs(self, year: int, rest_days: int, first_weekday: int) -> list[days_rules.Runs]:
        """The `core.days.Runs` of one calendar year (`core.days.year_runs`)."""
        with self._flushing():
            summaries = self._all_summaries()
            merged = None if self._add_up(summaries) else _by_year(self.days())
            return self._year_runs(summaries, merged, year, rest_days, first_weekday)

    def _year_runs(
        self,
        summaries: list[tuple[Path, Summary]],
        merged: dict[int, dict[dt.date, Day]] | None,
        year: int,
        rest_days: int,
        first_weekday: int,
    ) -> list[days_rules.Runs]:
        """A year's runs: kept in the cache for the bytes of the one file holding the year
        (keyed by the year and the streak settings) when the files add up; else counted from
        the files' rows, or from `merged`, the log's merged days by year."""
        if merged is not None:
            return days_rules.year_runs(
                _marks(merged.get(year, {})), year, rest_days, first_weekday
            )
        holders = [(p, s) for p, s in summaries if year in s.years]
        if len(holders) != 1:
            rows = [row for _, s in holders for row in _rows_of(s, year)]
            return days_rules.year_runs(days_rules.marks(rows), year, rest_days, first_weekday)
        digest = self._entry(holders[0][0])[0]
        kind = f"runs{year}-{rest_days}-{first_weekday}"
        known = self.memo.load(digest, kind)
        if isinstance(known, list) and len(known) == rest_days + 1:
            with contextlib.suppress(TypeError):  # an entry of another shape: count again
                return [days_rules.Runs(*values) for values in known]
        marked = days_rules.marks(_rows_of(holders[0][1], year))
        found = days_rules.year_runs(marked, year, rest_days, first_weekday)
        self.memo.store(digest, kind, [runs.as_list() for runs in found])
        return found

    def year_tails(self, year: int, rest_days: int, first_weekday: int) -> list[int]:
        """Consecutive kept days ending on 31 December of `year`, one figure for each number
        of rest days (0 to `rest_days`) the year before already counted in the calendar week
        of 1 January: the tails of `year_runs`, kept in the cache."""
        return [runs.tail for runs in self.year_runs(year, rest_days, first_weekday)]

    def _tails(self, year: int, rest_days: int, first_weekday: int) -> list[int]:
        """`year_tails` counted afresh from the year's days, the cache left aside."""
        marked = _marks(self.days([year]))
        return [r.tail for r in days_rules.year_runs(marked, year, rest_days, first_weekday)]

    def recent(self) -> Iterator[Session]:
        """Sessions newest first, reading one year at a time so a short list reads little."""
        for year in sorted(self.years(), reverse=True):
            yield from reversed(self.sessions([year]))

    def validate(self, year: int | None = None) -> None:
        """Raise `LogCorruptError` for the first file that does not parse or holds a bad value,
        before a command reads part of the log or writes anything.

        Bytes whose hash has a cache entry were validated when they were first read, so a
        long history costs a `stat` a file here, not a parse; a file that is new or changed
        since is parsed now. On a cold start (no cache at all) only the files of `year` are
        parsed; the others are set aside, unread, until a command needs them (then they are
        parsed and checked) or `movecoach check` reads everything."""
        with self._flushing():
            cold = year is not None and self.memo.cold and self.memo.root is not None
            for path in self.sources():
                stat = _stat(path)
                known = self.memo.known_hash(str(path), stat)
                if known is not None and self.memo.has(known, filecache.DAYS):
                    continue
                if self.memo.deferred(str(path), stat):
                    continue
                if cold and _name_year(path) != year:
                    self.memo.defer(str(path), stat)
                    continue
                self._summary(path)

    def _unread(self, path: Path) -> bool:
        """A file set aside on a cold start, unchanged since."""
        try:
            return self.memo.deferred(str(path), path.stat())
        except OSError:
            return False

    def _months(self, path: Path) -> list[str]:
        """The months a file holds records of; for a file set aside unread, the months of
        the year its name gives (a record filed in another year's file is found once the
        file is read: `check` reads them all)."""
        if self._unread(path):
            year = _name_year(path)
            return [f"{year:04d}-{month:02d}" for month in range(1, 13)]
        try:  # the index remembers the months of unchanged bytes: no summary to load
            known = self.memo.known_hash(str(path), path.stat())
        except OSError:
            known = None
        months = self.memo.fact(str(path), known, "months") if known is not None else None
        return months if isinstance(months, list) else self._summary(path).months

    def problems(self) -> list[str]:
        """Every broken file's problem, one line each (for `movecoach check`)."""
        found = []
        with self._flushing():
            for path in self.sources():
                try:
                    self._summary(path)
                except LogCorruptError as err:
                    found.append(str(err))
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
        with self._flushing():
            for path in self.files():
                year = log_file_name(path.name)[0]  # type: ignore[index]
                summary = self._summary(path)
                if any(y != year for y in summary.years):
                    found += _misfiled(path, year, self.records_of(path))
                if summary.months and summary.months[-1] >= today.isoformat()[:7]:
                    later = self.records_of(path, window=(today + dt.timedelta(days=1), None))
                    found += [_future(path, r) for r in later.all()]
        return found

    def find(self, ident: str) -> list[tuple[Path, Record]]:
        """Every file holding a live record with this id, and the record."""
        found: list[tuple[Path, Record]] = []
        with self._flushing():
            for path in self.sources():
                record = self._record(path, ident)
                if record is not None:
                    found.append((path, record))
        return found

    def ids_starting(self, prefix: str) -> set[str]:
        """The ids of the live records (tombstoned ones left out) that start with `prefix`,
        from each file's cached ids: a short id typed for `show`, `edit` or `delete`."""
        with self._flushing():
            summaries = self._all_summaries()
            gone = _tombstoned(s for _, s in summaries)
            found = {i for path, _ in summaries for i in self._ids(path).starting(prefix)}
        return found - gone

    def record(self, ident: str) -> Record | None:
        """The live record `ident` as every reader counts it (on a clash, from the file
        modified later), read from the months that hold it; None when there is none."""
        found = self.find(ident)
        if len(found) == 1:  # no clash to settle: it stands unless a tombstone names it
            with self._flushing():
                gone = _tombstoned(s for _, s in self._all_summaries())
            return None if ident in gone else found[0][1]
        days = [record.date for _, record in found]  # versions may differ in date
        if not days:
            return None
        merged = self.merged(window=(min(days), max(days)))
        return next((r for r in merged.all() if r.id == ident and not isinstance(r, Deleted)), None)

    def last_logged(self) -> tuple[Path, Record] | None:
        """The record this device logged most recently: by the time it was logged, in this
        device's own files (records without one, older or hand-written, by file order)."""
        with self._flushing():
            summaries = self._all_summaries()
            gone = _tombstoned(s for _, s in summaries)
            best: tuple[tuple[str, int], Path, str] | None = None
            for path, summary in summaries:
                if not self.is_own(path):
                    continue
                found = self._newest_live(path, summary, gone)
                if found is not None and (best is None or found[0] > best[0]):
                    best = (found[0], path, found[1])
            if best is None:
                return None
            record = self._record(best[1], best[2])
        return None if record is None else (best[1], record)

    def _newest_live(
        self, path: Path, summary: Summary, gone: set[str]
    ) -> tuple[tuple[str, int], str] | None:
        """The newest record of one file not taken back, by when it was logged (then the
        file's change time), with its id; None when there is none."""
        recent = summary.recent
        if not recent and summary.size:  # every remembered one was taken back
            recent = filecache.summarise(self.records_of(path).all(), True).recent
        for logged, ident in recent:
            if ident not in gone:
                return (logged, self._mtime(path)), ident
        return None

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
        write per file; every byte already there is kept. An id already in a file, or a
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
            olds = {path: path for path, (_, _, had) in written.items() if had}
            self._write_all(written, olds)
        return added, skipped

    def identities(self) -> set[tuple[bool, str]]:
        """What makes each record of every file one (see `identity`): what an import skips."""
        with self._flushing():
            return self._keys()

    def _keys(self) -> set[tuple[bool, str]]:
        """Every record's identity in the log (a tombstone is its own)."""
        keys: set[tuple[bool, str]] = set()
        for path in self.sources():
            keys.update((False, i) for i in self._ids(path))
            keys.update((True, i) for i, _ in self._summary(path).tombs)
        return keys

    def _appending(self, records: Iterable[Record]) -> dict[Path, tuple[bytes, CachePlan, bool]]:
        """Each own file's new bytes with its group of records at the end."""
        groups: dict[Path, list[Record]] = {}
        for record in records:
            groups.setdefault(self.path_for(record.date.year), []).append(record)
        return {path: self._appended(path, group) for path, group in groups.items()}

    def _appended(self, path: Path, group: list[Record]) -> tuple[bytes, CachePlan, bool]:
        """The file's new bytes with the group's tables at the end, how to keep their cache
        entries, and whether the file was there before."""
        new = _records(group)
        if not path.exists():
            year = log_file_name(path.name)[0]  # type: ignore[index]
            text = logfile.new_file(year) + logfile.blocks(new.all())
            if logfile.parse_records(text, str(path)) != new:  # pragma: no cover - a bug
                raise LogCorruptError(f"{path}: could not start the file; nothing changed")
            return text.encode("utf-8"), lambda digest: self._store(digest, new), False
        old, digest, summary = self._whole(path)
        ids = self._ids(path, digest)
        tombs = {ident for ident, _ in summary.tombs}
        clash = {
            identity(r) for r in group if (r.id in tombs if isinstance(r, Deleted) else r.id in ids)
        }
        if clash:
            ident = sorted(clash)[0][1]
            raise InputError(f"{path}: a record with id {ident!r} is already there")
        text, bom = logfile.decode(old, str(path))
        if summary.simple:
            new_text = logfile.appended(text, new, None, str(path))
        else:  # an unusual layout: the whole file is checked
            every = _records([*self.records_of(path, old).all(), *group])
            new_text = logfile.appended(text, new, every, str(path))

        def plan(new_digest: str) -> bool:
            return filecache.after_append(self.memo, digest, new_digest, summary, ids, group)

        return logfile.encode(new_text, bom), plan, True

    def _store(self, digest: str, records: Records, simple: bool = True) -> bool:
        self.memo.ensure()
        filecache.store(self.memo, digest, records, simple)
        return True

    def _write_all(
        self, written: dict[Path, tuple[bytes, CachePlan, bool]], backup: dict[Path, Path]
    ) -> None:
        """Back up, then replace the files; then keep the new bytes' cache entries, so the
        next command need not parse them again."""
        from movecoach.store.files import private_dir

        with writing(self.dir):
            private_dir(self.dir)
        changes: dict[Path, tuple[Content, CachePlan]] = {
            path: (new, plan) for path, (new, plan, _) in written.items()
        }
        self._remember(changes, self._write_changes(changes, backup))

    def _remember(
        self, written: dict[Path, tuple[Content, CachePlan]], hashes: dict[Path, str | None]
    ) -> None:
        """Keep the cache entries of the files just written, named by their new hashes."""
        with contextlib.suppress(OSError):
            for path, (_, plan) in written.items():
                digest = hashes[path]
                if digest is not None and plan(digest):
                    self.memo.remember(str(path), path.stat(), digest)
            self.memo.flush()

    def remove(self, ident: str, logged: dt.datetime | None = None) -> Record:
        """Remove the record `ident` from the log: cut out of this device's own files, and,
        where another device's file (or a conflict copy) holds it, a tombstone in this
        device's own file that every reader honours. Files that change are backed up."""
        with self._lock(), contextlib.ExitStack() as opened:
            holders = self._holders(ident)
            record = holders[0][1]
            changes = {
                path: self._cut(path, rec, opened) for path, rec in holders if self.is_own(path)
            }
            if any(not self.is_own(path) for path, _ in holders):
                self._add(changes, [Deleted(ident, record.date, logged)])
            hashes = self._write_changes(changes, changes)
        self._remember(changes, hashes)
        return record

    def replace(self, ident: str, new: Record, logged: dt.datetime | None = None) -> Record:
        """Change the record `ident` to `new`; the record as it was is returned.

        Held in this device's own file only: changed where it is, every other line and
        comment kept (moved to this device's file of another year when its date moves
        there; `new` keeps the id). Held in another device's file or a conflict copy, which
        this device never writes: a tombstone for the old id and `new` (which must then
        have an id of its own) go in this device's own files. Files that change are backed
        up first; nothing is written unless every file parses."""
        with self._lock(), contextlib.ExitStack() as opened:
            holders = self._holders(ident)
            foreign = any(not self.is_own(path) for path, _ in holders)
            if foreign == (new.id == ident):
                raise InputError(
                    f"{ident} is in another device's file: the edited copy needs a new id"
                    if foreign
                    else f"{ident} is in this device's own file: the edit keeps its id"
                )
            target = self.path_for(new.date.year)
            in_place = not foreign and target in {path for path, _ in holders}
            changes = {
                path: self._swap(path, rec, new)
                if in_place and path == target
                else self._cut(path, rec, opened)
                for path, rec in holders
                if self.is_own(path)
            }
            record = holders[0][1]
            added: list[Record] = [] if in_place else [new]
            if foreign:
                added.insert(0, Deleted(ident, record.date, logged))
            self._add(changes, added)
            hashes = self._write_changes(changes, changes)
        self._remember(changes, hashes)
        return record

    def _holders(self, ident: str) -> list[tuple[Path, Record]]:
        holders = self.find(ident)
        if not holders:
            raise InputError(f"no record with id {ident!r} in the log")
        return holders

    def _write_changes(
        self, changes: dict[Path, tuple[Content, CachePlan]], backup: Iterable[Path]
    ) -> dict[Path, str | None]:
        """Back up those of `backup` that are there, then replace the files atomically, and
        return the new bytes' hashes, worked out while the files are written. Every read of
        an old file (the copy, the hash) is over before anything is put in place."""
        from movecoach.store.files import atomic_write_many

        hashes = {path: _Hashing(new) for path, (new, _) in changes.items()}
        found: dict[Path, str | None] = {}

        def ready() -> None:
            found.update((path, hashing.result()) for path, hashing in hashes.items())
            for new, _ in changes.values():
                if isinstance(new, Excerpt):  # unchanged while it was read; let go of it
                    new.source.check()
                    new.source.close()

        try:
            with writing(self.dir):
                for path in backup:
                    if path.exists():
                        self._backup(path)
                atomic_write_many({path: new for path, (new, _) in changes.items()}, ready=ready)
        finally:
            for hashing in hashes.values():  # no thread left reading a file about to close
                hashing.wait()
        return found

    def _cut(
        self, path: Path, record: Record, opened: contextlib.ExitStack
    ) -> tuple[Content, CachePlan]:
        """The file's bytes without `record`'s table, and how to keep their cache entries:
        the table's lines are cut out when the file's layout allows it (copied from the old
        file around them, which `opened` keeps open till the write is done), else the file
        is parsed and checked whole."""
        source = opened.enter_context(_opened(path))
        old, digest, summary = self._current(path, source)
        with _reading(path):
            span = logfile.cut_span(source.read, source.size, record) if summary.simple else None
        new: Content
        if span is not None:
            new = Excerpt(source, ((0, span[0]), (span[1], source.size)))
        else:
            old = _all_of(source) if old is None else old
            text, bom = logfile.decode(old, str(path))
            cut = logfile.without(text, self.records_of(path, old), record.id, str(path))
            new = logfile.encode(cut, bom)
        ids = self._ids(path, digest)

        def plan(new_digest: str) -> bool:
            return filecache.after_removal(self.memo, digest, new_digest, summary, ids, record)

        return new, plan

    def _swap(self, path: Path, record: Record, new: Record) -> tuple[Content, CachePlan]:
        """The file's bytes with `record` changed to `new` where it is written (every other
        line kept), and how to keep their cache entries: the records it now holds, kept
        whole (an edit is rare: the file is parsed, to find the table and check the change)."""
        old = self._whole(path)[0]
        text, bom = logfile.decode(old, str(path))
        records = logfile.parse_records(text, str(path))  # in the file's order, as written
        swapped = logfile.replaced(text, records, record.id, new, str(path))
        every = _records(new if identity(r) == identity(record) else r for r in records.all())
        simple = logfile.is_simple(swapped, every)
        return logfile.encode(swapped, bom), lambda digest: self._store(digest, every, simple)

    def _add(self, changes: dict[Path, tuple[Content, CachePlan]], records: list[Record]) -> None:
        """Put `records` at the end of this device's files for their years, on top of the
        files' new bytes in `changes`."""
        groups: dict[Path, list[Record]] = {}
        for record in records:
            groups.setdefault(self.path_for(record.date.year), []).append(record)
        for path, group in groups.items():
            if path in changes:  # the same own file: the records go after the change
                changes[path] = self._then_append(path, changes[path], group)
            else:
                new, plan, _ = self._appended(path, group)
                changes[path] = (new, plan)

    def _then_append(
        self, path: Path, change: tuple[Content, CachePlan], group: list[Record]
    ) -> tuple[Content, CachePlan]:
        new = change[0] if isinstance(change[0], bytes) else change[0].whole()
        text, bom = logfile.decode(new, str(path))
        now = logfile.parse_records(text, str(path))
        every = _records([*now.all(), *group])
        appended = logfile.appended(text, _records(group), every, str(path))
        simple = logfile.is_simple(appended, every)
        return logfile.encode(appended, bom), lambda digest: self._store(digest, every, simple)

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
                _wanted_from(self._mtime(path), self.records_of(path).all(), originals, wanted)
            folded = [record for _, record in wanted.values()]
            written = self._appending(folded)
            self._write_all(written, {path: path for path, (_, _, had) in written.items() if had})
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

    def _backup(self, path: Path) -> None:
        """Keep the file as it is now in the backups folder: a hard link when the folder is on
        the same disk (the write that follows puts a new file in place, so the link keeps the
        old bytes without copying them), else a copy."""
        if self.backup_dir is None:
            return
        from movecoach.store import backups

        backups.keep_file(self.backup_dir, path)


class Restored(NamedTuple):
    """What `Log.restore` did: the file, its sessions now, the backup of what it replaced."""

    path: Path
    sessions: list[Session]
    replaced: Path | None
    changed: bool


class _Hashing:
    """The hash of a file's new bytes (`blob_hash`). A large file's is worked out in a
    thread while the bytes are written and synced (hashing lets go of the GIL), so a write
    of 50 MB does not wait for it as well; a small file's when asked. None when the old
    file the bytes are copied from could not be read (the write then fails too)."""

    def __init__(self, content: Content) -> None:
        if isinstance(content, bytes):
            self.work = functools.partial(blob_hash, content)
            big = len(content) >= BIG_BLOB
        else:
            self.work = functools.partial(_excerpt_hash, content)
            big = content.size >= BIG_BLOB
        self.found: list[str | None] = []
        self.worker: threading.Thread | None = None
        if big:
            import threading

            self.worker = threading.Thread(target=self._run, daemon=True)
            self.worker.start()

    def _run(self) -> None:
        try:
            self.found.append(self.work())
        except OSError:
            self.found.append(None)

    def result(self) -> str | None:
        if self.worker is None:
            self._run()
        self.wait()
        return self.found[0]

    def wait(self) -> None:
        """Until no thread reads the old file (it is about to be closed)."""
        if self.worker is not None:
            self.worker.join()


def _excerpt_hash(excerpt: Excerpt) -> str:
    digest = hasher(excerpt.size)
    for chunk in excerpt.source.chunks(excerpt.spans):
        digest.update(chunk)
    return hex_name(digest)


def _summed_days(summaries: Iterable[Summary], window: Window) -> dict[dt.date, Day]:
    """Per-day totals within `window`, added up across the files' summaries."""
    totals: dict[dt.date, Day] = {}
    for summary in summaries:
        for date, day in days_rules.from_rows(summary.days).items():
            if _within(date, window):
                totals[date] = totals[date] + day if date in totals else day
    return totals


def _within(date: dt.date, window: Window) -> bool:
    start, end = window
    return (start is None or date >= start) and (end is None or date <= end)


def _overlaps(months: list[str], window: Window) -> bool:
    """Whether a file holding records of these months can hold one of the window."""
    low, high = _months_of(window)
    return any(low <= month <= high for month in months)


def _months_of(window: Window) -> tuple[str, str]:
    """The first and last months (`YYYY-MM`) the window touches; open ends hold every month."""
    start, end = window
    low = start.isoformat()[:7] if start is not None else ""
    high = end.isoformat()[:7] if end is not None else "9999-12"
    return low, high


def _name_year(path: Path) -> int:
    return logfile.name_year(path.name)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as err:
        raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err


def _tombstoned(summaries: Iterable[Summary]) -> set[str]:
    """The ids the files' tombstones take out of the log."""
    return {ident for summary in summaries for ident, _ in summary.tombs}


def _merge(per_file: list[tuple[int, Records]], gone: set[str]) -> Records:
    """One record per id, from the file modified last; tombstoned ids left out (the
    tombstones themselves are kept, once each, for an export)."""
    chosen: dict[str, tuple[int, Record]] = {}
    tombs: dict[str, Deleted] = {}
    for stamp, records in per_file:
        for record in records.all():
            if isinstance(record, Deleted):
                tombs.setdefault(record.id, record)
            elif record.id not in chosen or chosen[record.id][0] < stamp:
                chosen[record.id] = (stamp, record)
    kept = [r for _, r in chosen.values() if r.id not in gone]
    return _records([*kept, *(tombs[i] for i in sorted(tombs))])


def _wanted_from(
    stamp: int,
    records: Iterable[Record],
    originals: dict[str, tuple[int, Record]],
    wanted: dict[str, tuple[int, Record]],
) -> None:
    """Note the records of a conflict copy (modified at `stamp`) that the log files lack or
    hold in an older version."""
    for record in records:
        have = originals.get(record.id)
        if have is not None and (have[1] == record or have[0] >= stamp):
            continue
        if record.id not in wanted or wanted[record.id][0] < stamp:
            wanted[record.id] = (stamp, record)


def _misfiled(path: Path, year: int, records: Records) -> list[Problem]:
    return [
        Problem(
            path,
            f"{path.name}: {r.id} is dated {r.date}, in another year's file (it counts on "
            f"{r.date})",
            False,
        )
        for r in records.all()
        if r.date.year != year
    ]


def _future(path: Path, record: Record) -> Problem:
    return Problem(
        path,
        f"{path.name}: {record.id} is dated {record.date}, after today; it is not counted "
        "until then",
        False,
    )


def _records(items: Iterable[Record]) -> Records:
    by_kind: dict[type, list[Record]] = {Session: [], DayEntry: [], Checkin: [], Deleted: []}
    for item in items:  # one pass: ten years are 11,000 records on a cold start
        by_kind[type(item)].append(item)
    return Records(*map(tuple, by_kind.values()))  # type: ignore[arg-type]


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


def _by_year(days: dict[dt.date, Day]) -> dict[int, dict[dt.date, Day]]:
    out: dict[int, dict[dt.date, Day]] = {}
    for date, day in days.items():
        out.setdefault(date.year, {})[date] = day
    return out


def _rows_of(summary: Summary, year: int) -> list[tuple[int, list[int]]]:
    """(day number, `Day` row) of a file's per-day totals dated in `year`."""
    prefix = f"{year:04d}-"
    return [(day_number(iso), row) for iso, row in summary.days.items() if iso.startswith(prefix)]


def _marks(days: dict[dt.date, Day]) -> tuple[set[int], set[int], set[int]]:
    """(active, rest, flare) day numbers, as the streak rule in `core.days` reads them."""
    return days_rules.marks((date.toordinal(), day.as_row()) for date, day in days.items())


def identity(record: Record) -> tuple[bool, str]:
    """What makes a record one: its id, and whether it is a tombstone (a tombstone shares
    the id of the record it removes)."""
    return isinstance(record, Deleted), record.id


def _unique(records: Sequence[Record], message: str) -> None:
    keys = [identity(r) for r in records]
    if len(set(keys)) != len(keys):
        raise InputError(message)


def _read(path: Path) -> bytes:
    with _reading(path):
        return path.read_bytes()


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """A failure to read a log file is one line naming it."""
    try:
        yield
    except OSError as err:
        raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[Source]:
    with _reading(path):
        source = Source(path)
    with source:
        yield source


def _all_of(source: Source) -> bytes:
    with _reading(source.path):
        return source.read(0, source.size)


def _read_or_none(path: Path) -> bytes | None:
    """A log file's bytes, or None when it does not exist yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise LogCorruptError(f"{path}: cannot read it: {err.strerror or err}") from err
