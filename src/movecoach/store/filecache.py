"""What the one cache keeps of each log file, and how an edit updates it without a parse.

Parsing a large log file's TOML is the slowest thing movecoach can do (about a second per
megabyte), so each file's records are kept in the cache (`store.memo`), keyed by the hash of
the file's bytes, in three parts:

- `days`: a small summary: per-day totals of sessions and of rest, flare and pain days
  (`core.days` rows, all `movecoach nudge` and a streak need), the years and months holding
  records, the file's tombstones, the records logged last (what `undo` takes back), and
  whether every table sits under a header of its own (`simple`: then an edit can cut or add
  lines without parsing the whole file);
- `ids`: every record's id and month (tombstones are in the summary), for finding a record
  and refusing a clash;
- `m<YYYY-MM>`: the records of one month, so a command that needs this week reads a month,
  not years.

An append or a removal writes the new entries for the file's new bytes from the old ones:
the one changed month is rewritten, the other months are hard-linked, and the summary is
updated arithmetically. Anything missing sends the caller back to a full parse.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from movecoach.core import days as days_rules
from movecoach.core import pace_days
from movecoach.core.days import Day
from movecoach.core.models import DayEntry, Deleted, Record, Records, Session
from movecoach.core.pace_days import DayFacts
from movecoach.store import logfile
from movecoach.store.memo import Memo

DAYS, IDS = "days", "ids"
RECENT = 20  # how many of the records logged last the summary remembers, for `undo`
NEVER = "1900-01-01T00:00:00"  # the logging time of records written before it was kept


class Summary(NamedTuple):
    """The small part of a file's cache entry: enough for a streak, a week or an undo."""

    days: dict[str, list[int]]  # per-day totals (sessions, rest/flare/pain days): `Day` rows
    years: list[int]  # the years its records are dated in
    months: list[str]  # the months (YYYY-MM) holding records
    tombs: list[list[str]]  # [id, date] of each tombstone
    recent: list[list[str]]  # [logged, id] of the records logged last, newest first
    others: bool  # whether it holds more than sessions (days, check-ins, tombstones)
    size: int  # how many records
    simple: bool  # every table under a header of its own


def month_kind(month: str) -> str:
    return f"m{month}"


def _month(record: Record) -> str:
    return record.date.isoformat()[:7]


def _logged(record: Record) -> str:
    logged = record.logged
    return logged.isoformat() if logged is not None else NEVER


def summarise(records: Iterable[Record], simple: bool) -> Summary:
    """The summary of a file holding `records` (in file order)."""
    items = list(records)
    dates = {r.date for r in items}  # a few hundred days, for thousands of records
    live = [r for r in items if not isinstance(r, Deleted)]
    order = {id(r): n for n, r in enumerate(live)}
    newest = sorted(live, key=lambda r: (_logged(r), order[id(r)]), reverse=True)
    return Summary(
        days=_day_rows(items),  # the sum `after_append` keeps up
        years=sorted({date.year for date in dates}),
        months=sorted({date.isoformat()[:7] for date in dates}),
        tombs=[[r.id, r.date.isoformat()] for r in items if isinstance(r, Deleted)],
        recent=[[_logged(r), r.id] for r in newest[:RECENT]],
        others=not all(isinstance(r, Session) for r in items),
        size=len(items),
        simple=simple,
    )


def _day_rows(items: list[Record]) -> dict[str, list[int]]:
    sessions = [r for r in items if isinstance(r, Session)]
    entries = [r for r in items if isinstance(r, DayEntry)]
    return {day.isoformat(): row for day, row in days_rules.daily_rows(sessions, entries).items()}


def store(memo: Memo, digest: str, records: Records, simple: bool, rows: bool = True) -> Summary:
    """Keep what a freshly parsed file tells: its summary and ids, and with `rows` its
    records month by month (`store_rows`)."""
    items = list(records.all())
    if rows:
        store_rows(memo, digest, items)
    memo.store(digest, IDS, Ids.of(items).value())
    summary = summarise(items, simple)
    memo.store(digest, DAYS, summary._asdict())
    return summary


def store_rows(memo: Memo, digest: str, items: Iterable[Record]) -> None:
    """Keep a file's records as rows, one entry a month, for `load_records`. A command that
    needs only the summary (a streak over ten years) leaves them to the first command that
    reads the records: writing them is a tenth of a cold start."""
    by_month: dict[str, list[list[Any]]] = {}
    texts: dict[Any, Any] = {}  # one string for each date, time and exercise id
    for record in items:
        by_month.setdefault(_month(record), []).append(logfile.row(record, texts))
    for month, month_rows in by_month.items():
        memo.store(digest, month_kind(month), month_rows)


def load_summary(memo: Memo, digest: str) -> Summary | None:
    value = memo.load(digest, DAYS)
    if not isinstance(value, dict):
        return None
    try:
        return Summary(**value)
    except TypeError:  # an entry of an older shape
        return None


class Ids:
    """Every live record's id in a file and the month it is filed under, kept as two strings
    (a year of a very heavy log is hundreds of thousands of ids: one string loads, searches
    and changes at the speed of a copy, where a list of strings would not). Ids hold no
    line ends (the constructor refuses control characters)."""

    __slots__ = ("months", "text")
    WIDTH = 7  # "YYYY-MM"

    def __init__(self, text: str = "\n", months: str = "") -> None:
        self.text = text  # "\n" + one id a line, each line ending in "\n"
        self.months = months  # the months, WIDTH characters each, in the same order

    @classmethod
    def of(cls, records: Iterable[Record]) -> Ids:
        return cls().plus(records)

    def __iter__(self) -> Iterator[str]:
        return iter(self.text[1:-1].split("\n") if len(self.text) > 1 else [])

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and f"\n{ident}\n" in self.text

    def _position(self, ident: str) -> tuple[int, int] | None:
        """(offset in `text`, index) of `ident`, or None."""
        at = self.text.find(f"\n{ident}\n")
        return None if at < 0 else (at, self.text.count("\n", 0, at))

    def starting(self, prefix: str) -> list[str]:
        """The ids that start with `prefix` (found in the one string, not one by one)."""
        if not prefix or not prefix.isprintable():
            return []
        found: list[str] = []
        at = self.text.find(f"\n{prefix}")
        while at >= 0:
            end = self.text.index("\n", at + 1)
            found.append(self.text[at + 1 : end])
            at = self.text.find(f"\n{prefix}", end)
        return found

    def month_of(self, ident: str) -> str | None:
        found = self._position(ident)
        if found is None:
            return None
        index = found[1] * self.WIDTH
        return self.months[index : index + self.WIDTH]

    def plus(self, records: Iterable[Record]) -> Ids:
        live = [r for r in records if not isinstance(r, Deleted)]
        text = self.text + "".join(f"{r.id}\n" for r in live)
        return Ids(text, self.months + "".join(_month(r) for r in live))

    def minus(self, ident: str) -> Ids:
        found = self._position(ident)
        if found is None:
            return self
        at, index = found
        cut = index * self.WIDTH
        text = self.text[:at] + self.text[at + len(ident) + 1 :]
        return Ids(text, self.months[:cut] + self.months[cut + self.WIDTH :])

    def value(self) -> dict[str, str]:
        return {"text": self.text, "months": self.months}


def load_ids(memo: Memo, digest: str) -> Ids | None:
    value = memo.load(digest, IDS)
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return None
    return Ids(value["text"], value.get("months", ""))


def record_by_id(memo: Memo, digest: str, ids: Ids, ident: str) -> Record | None:
    """The live record `ident`, read from its month alone; None when it is not there."""
    month = ids.month_of(ident)
    if month is None:
        return None
    rows = memo.load(digest, month_kind(month))
    if not isinstance(rows, list):
        return None
    for row in rows:
        if row[1] == ident and row[0] != "deleted":
            return logfile.unrow(row)
    return None


def in_cache_order(records: Iterable[Record]) -> list[Record]:
    """Records in the order `load_records` gives them: month by month, as `store` filed
    them, in file order within a month."""
    return sorted(records, key=_YEAR_MONTH)


_YEAR_MONTH = operator.attrgetter("date.year", "date.month")  # sorts as `_month` does


def load_records(
    memo: Memo,
    digest: str,
    summary: Summary,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Record] | None:
    """The file's records dated from `start` to `end` (both included; None: no bound), read
    only from the months that hold them; None when a part of the cache is missing."""
    low = start.isoformat() if start is not None else ""
    high = end.isoformat() if end is not None else "9999-12-31"
    out: list[Record] = []
    for month in summary.months:
        if not low[:7] <= month <= high[:7]:
            continue
        rows = memo.load(digest, month_kind(month))
        if not isinstance(rows, list):
            return None
        try:
            out += [logfile.unrow(row) for row in rows if low <= row[2] <= high]
        except (ValueError, KeyError, TypeError, IndexError):  # a row of another shape
            return None
    return out


# --- what the pacing rules read ----------------------------------------------------------------


def pace_kind(month: str) -> str:
    return f"p{pace_days.VERSION}-{month}"


def load_pace_days(memo: Memo, digest: str, month: str) -> list[DayFacts] | None:
    """The facts of a file's days of `month` (`core.pace_days`), or None when they are not
    in the cache."""
    data = memo.load(digest, pace_kind(month))
    if not isinstance(data, list):
        return None
    try:
        return [pace_days.from_data(day, logfile.unrow) for day in data]
    except (ValueError, KeyError, TypeError, IndexError):  # an entry of another shape
        return None


def store_pace_days(memo: Memo, digest: str, month: str, facts: Iterable[DayFacts]) -> None:
    memo.store(digest, pace_kind(month), [pace_days.as_data(f, logfile.row) for f in facts])


# --- updating after an edit -----------------------------------------------------------------------


def after_append(
    memo: Memo, old: str, new: str, summary: Summary, ids: Ids, added: list[Record]
) -> bool:
    """Keep the entries of the file's new bytes after `added` went on its end; False when a
    part of the old entry is missing (the caller then parses the file)."""
    changed = _appended_months(memo, old, summary, added)
    if changed is None:
        return False
    totals = _plus_days(days_rules.from_rows(summary.days), added)
    new_summary = summary._replace(
        days=days_rules.rows(totals),
        years=sorted({*summary.years, *(r.date.year for r in added)}),
        months=sorted({*summary.months, *changed}),
        tombs=[
            *summary.tombs,
            *([r.id, r.date.isoformat()] for r in added if isinstance(r, Deleted)),
        ],
        recent=_recent_after_append(summary, added),
        others=summary.others or any(not isinstance(r, Session) for r in added),
        size=summary.size + len(added),
    )
    touched = {r.date for r in added if isinstance(r, Session)}
    return _write(memo, old, new, new_summary, ids.plus(added), changed, touched)


def _appended_months(
    memo: Memo, old: str, summary: Summary, added: list[Record]
) -> dict[str, list[list[Any]]] | None:
    """The rows of each month `added` touches, the new records on the end; None when a
    month's old rows are missing from the cache."""
    changed: dict[str, list[list[Any]]] = {}
    for record in added:
        month = _month(record)
        if month not in changed:
            rows = memo.load(old, month_kind(month)) if month in summary.months else []
            if not isinstance(rows, list):
                return None
            changed[month] = list(rows)
        changed[month].append(logfile.row(record))
    return changed


def _day_of(record: Record) -> Day | None:
    """A record's part of its day's totals: a session's, or a rest, flare or pain day's."""
    if isinstance(record, Session):
        return Day.of(record)
    if isinstance(record, DayEntry):
        return Day.of_entry(record)
    return None


def _plus_days(totals: dict[dt.date, Day], added: list[Record]) -> dict[dt.date, Day]:
    """The per-day totals with the sessions and rest, flare and pain days of `added`
    counted in."""
    for record in added:
        day = _day_of(record)
        if day is not None:
            totals[record.date] = totals[record.date] + day if record.date in totals else day
    return totals


def _recent_after_append(summary: Summary, added: list[Record]) -> list[list[Any]]:
    """The newest records by when they were logged, `added` among them (tombstones aside)."""
    fresh = [[_logged(r), r.id] for r in reversed(added) if not isinstance(r, Deleted)]
    # newest first; on a tie the record written later wins, as in `summarise`
    recent = sorted([*fresh, *summary.recent], key=lambda entry: entry[0], reverse=True)
    return recent[:RECENT]


def after_removal(
    memo: Memo, old: str, new: str, summary: Summary, ids: Ids, removed: Record
) -> bool:
    """Keep the entries of the file's new bytes after `removed` was cut out of it."""
    month = _month(removed)
    rows = memo.load(old, month_kind(month))
    if not isinstance(rows, list):
        return False
    kind = logfile.kind_of(removed)
    kept = [row for row in rows if not (row[1] == removed.id and row[0] == kind)]
    new_ids = ids if isinstance(removed, Deleted) else ids.minus(removed.id)
    new_summary = _summary_after_removal(summary, removed, month, bool(kept))
    touched = {removed.date} if isinstance(removed, Session) else set()
    return _write(memo, old, new, new_summary, new_ids, {month: kept}, touched)


def _summary_after_removal(
    summary: Summary, removed: Record, month: str, month_left: bool
) -> Summary:
    """The file's summary once `removed` is gone; `month_left`: whether its month still
    holds a record."""
    totals = days_rules.from_rows(summary.days)
    _minus_day(totals, removed)
    months = [m for m in summary.months if m != month or month_left]
    day_rows = days_rules.rows(totals)
    return summary._replace(
        days=day_rows,
        others=summary.size - 1 > sum(row[0] for row in day_rows.values()),
        years=sorted({int(m[:4]) for m in months}),
        months=months,
        tombs=_tombs_after_removal(summary, removed),
        recent=[r for r in summary.recent if r[1] != removed.id],
        size=summary.size - 1,
    )


def _minus_day(totals: dict[dt.date, Day], removed: Record) -> None:
    """Take `removed` (a session, or a rest, flare or pain day) out of its day's totals; a
    day left with no record at all goes."""
    part = _day_of(removed)
    if part is None or removed.date not in totals:
        return
    left = Day(
        removed.date,
        *(a - b for a, b in zip(totals[removed.date].as_row(), part.as_row(), strict=True)),
    )
    if left.recorded:
        totals[removed.date] = left
    else:
        del totals[removed.date]


def _tombs_after_removal(summary: Summary, removed: Record) -> list[list[str]]:
    """The file's tombstones, less `removed` when it is one."""
    if not isinstance(removed, Deleted):
        return list(summary.tombs)
    return [t for t in summary.tombs if t[0] != removed.id]


def _write(
    memo: Memo,
    old: str,
    new: str,
    summary: Summary,
    ids: Ids,
    changed: dict[str, list[list[Any]]],
    touched: set[dt.date],
) -> bool:
    """Keep the new bytes' entries: the months that changed as given, the others (and
    their day facts) linked from the old bytes'; `touched`: the days whose sessions changed."""
    for month in summary.months:
        if month in changed:
            memo.store(new, month_kind(month), changed[month])
            _carry_pace_days(memo, old, new, month, changed[month], touched)
        elif not memo.link(old, new, month_kind(month)):
            return False
        else:
            memo.link(old, new, pace_kind(month))  # none kept yet: made when first read
    memo.store(new, IDS, ids.value())
    memo.store(new, DAYS, summary._asdict())
    return True


def _carry_pace_days(
    memo: Memo, old: str, new: str, month: str, rows: list[list[Any]], touched: set[dt.date]
) -> None:
    """A changed month's day facts: the old ones, with the days whose sessions changed made
    again from their rows (a heavy month is thousands of sessions; a day, a few hundred).
    Left out when the old bytes had none kept (then they are made when first read)."""
    facts = load_pace_days(memo, old, month)
    if facts is None:
        return
    days = {f.date: f for f in facts}
    for day in touched:
        iso = day.isoformat()
        if iso[:7] != month:
            continue
        sessions = [logfile.unrow(row) for row in rows if row[0] == "session" and row[2] == iso]
        days.pop(day, None)
        if sessions:
            days[day] = pace_days.day_facts(day, sessions)  # type: ignore[arg-type]
    store_pace_days(memo, new, month, sorted(days.values(), key=lambda f: f.date))
