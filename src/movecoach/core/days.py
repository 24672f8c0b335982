"""Days: what one calendar day's records add up to, and the rules about runs of days.

`stats` and `movecoach nudge` share these rules. The nudge runs on every shell prompt, so
this module imports nothing at load time (not even `datetime`, `dataclasses` or `typing`;
`daily_rows`, which adds up a parsed file, takes two helpers from `operator`): the rules
work on day numbers (`date.toordinal()`, or `day_number` of an ISO date for the nudge, which
equals it), and the log's cache stores each file's per-day totals as `Day.as_row()` lists
keyed by ISO date.

The streak rule: a day *keeps* a streak when it is active (it has a session), when it is a
flare day (`movecoach rest --flare`), or when it is one of the first `rest_days` planned rest
days (`movecoach rest`) of its calendar week; a rest day on a day that is kept anyway uses
none of the allowance. Kept days count in the streak's length; a day with nothing kept ends
it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs 4 ms on the nudge's path; mypy reads this block
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any

    from movecoach.core.models import DayEntry, Session

_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def day_number(iso: str) -> int:
    """The day number of a `YYYY-MM-DD` date: equal to `date.fromisoformat(iso).toordinal()`,
    without importing datetime."""
    year, month, day = int(iso[0:4]), int(iso[5:7]), int(iso[8:10])
    before = year - 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return (
        before * 365
        + before // 4
        - before // 100
        + before // 400
        + _DAYS_BEFORE_MONTH[month]
        + (month > 2 and leap)
        + day
    )


def run_ending(active: set[int], last: int) -> int:
    """How many days in a row are active, ending on day `last`."""
    count = 0
    while last - count in active:
        count += 1
    return count


def current_streak(active: set[int], today: int) -> int:
    """Consecutive kept days ending today, or yesterday while today is still open."""
    return run_ending(active, today if today in active else today - 1)


def week_of(day: int, first_weekday: int = 0) -> int:
    """The day number of the first day of `day`'s calendar week; weeks start on
    `first_weekday` (Monday 0 ... Sunday 6, as `date.weekday` counts; day 1 was a Monday)."""
    return day - (day - 1 - first_weekday) % 7


def kept_days(
    active: Iterable[int],
    rest: Iterable[int],
    flare: Iterable[int],
    rest_days: int = 1,
    first_weekday: int = 0,
    used: Mapping[int, int] | None = None,
) -> set[int]:
    """The days that keep a streak going: active days, flare days, and the first `rest_days`
    rest days of each calendar week, oldest first (a rest day that is active or a flare day
    anyway uses none of the allowance). `used`: rest days already counted in a week (by
    `week_of`) from days not given here, such as the end of the year before."""
    kept = set(active)
    kept.update(flare)
    counted = dict(used or {})
    for day in sorted(set(rest) - kept):
        week = week_of(day, first_weekday)
        if counted.get(week, 0) < rest_days:
            counted[week] = counted.get(week, 0) + 1
            kept.add(day)
    return kept


def longest_run(kept: set[int], start: int | None = None, before: int = 0) -> int:
    """The longest run of consecutive kept days; the run that begins on day `start` goes on
    from `before` kept days in a row that end the day before it (older history, see `Runs`)."""
    best = before
    for day in kept:
        if day - 1 in kept:
            continue  # not the first day of a run
        length = 1
        while day + length in kept:
            length += 1
        best = max(best, length + before if day == start else length)
    return best


class Runs:
    """What the days `first` to `last` add to the streaks around them, so years of history
    join at their edges (`joined`) instead of being walked day by day: the kept days in a row
    from `first` (`head`) and ending on `last` (`tail`, with how many of those a rest day or
    a flare kept, without a session), the longest run, how many of its rest days count in the
    calendar week of `last + 1` (`used`), and its newest active day (0: none). The cache keeps
    one as `as_list()`."""

    FIELDS = (
        "first",
        "last",
        "head",
        "longest",
        "tail",
        "tail_rest",
        "tail_flare",
        "used",
        "last_active",
    )
    __slots__ = FIELDS

    def __init__(
        self,
        first: int,
        last: int,
        head: int = 0,
        longest: int = 0,
        tail: int = 0,
        tail_rest: int = 0,
        tail_flare: int = 0,
        used: int = 0,
        last_active: int = 0,
    ) -> None:
        self.first, self.last, self.head, self.longest = first, last, head, longest
        self.tail, self.tail_rest, self.tail_flare = tail, tail_rest, tail_flare
        self.used, self.last_active = used, last_active

    @property
    def whole(self) -> bool:
        """Whether every day from `first` to `last` is kept."""
        return self.head == self.last - self.first + 1

    def as_list(self) -> list[int]:
        return [getattr(self, name) for name in self.FIELDS]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Runs) and self.as_list() == other.as_list()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Runs({self.as_list()})"


def runs_of(
    kept: set[int],
    marked: tuple[set[int], set[int], set[int]],
    first: int,
    last: int,
    first_weekday: int = 0,
    used: int = 0,
) -> Runs:
    """The `Runs` of days `first` to `last` (`last` may be `first - 1`: no day), given the
    days among them that keep a streak (`kept_days` of `marked`, its active, rest and flare
    days, with `used` rest days already counted in the week of `first`)."""
    active = marked[0]
    kept = {d for d in kept if first <= d <= last}
    head = _run_from(kept, first)
    tail = run_ending(kept, last)
    by_rest, by_flare = _kept_by(kept, marked)
    after = week_of(last + 1, first_weekday)
    carried = used if week_of(first, first_weekday) == after else 0  # a span inside one week
    return Runs(
        first,
        last,
        head,
        longest_run(kept),
        tail,
        _count_within(by_rest, last - tail + 1, last),
        _count_within(by_flare, last - tail + 1, last),
        _count_within(by_rest, after, last) + carried,
        max((d for d in active if first <= d <= last), default=0),
    )


def _run_from(kept: set[int], first: int) -> int:
    """How many days in a row are kept, starting on day `first`."""
    count = 0
    while first + count in kept:
        count += 1
    return count


def _kept_by(
    kept: set[int], marked: tuple[set[int], set[int], set[int]]
) -> tuple[set[int], set[int]]:
    """The kept days a rest day kept, and those a flare kept, without a session (`Day.kind`)."""
    active, rest, flare = marked
    by_flare = {d for d in kept if d in flare and d not in active}
    return {d for d in kept if d in rest and d not in active and d not in by_flare}, by_flare


def _count_within(days: set[int], first: int, last: int) -> int:
    return sum(first <= d <= last for d in days)


def year_runs(
    marked: tuple[set[int], set[int], set[int]],
    year: int,
    rest_days: int = 1,
    first_weekday: int = 0,
) -> list[Runs]:
    """The `Runs` of a calendar year, by the one streak rule (`kept_days`): one for each
    number of rest days (0 to `rest_days`) the year before already counted in the calendar
    week of 1 January. `marked`: (active, rest, flare) days; others than the year's are left
    out."""
    first, last = day_number(f"{year:04d}-01-01"), day_number(f"{year:04d}-12-31")
    active, rest, flare = ({d for d in days if first <= d <= last} for days in marked)
    week = week_of(first, first_weekday)
    return [
        runs_of(
            kept_days(active, rest, flare, rest_days, first_weekday, {week: used}),
            (active, rest, flare),
            first,
            last,
            first_weekday,
            used,
        )
        for used in range(rest_days + 1)
    ]


def joined(before: Runs | None, after: list[Runs]) -> Runs:
    """`before` and the days right after it as one `Runs`: `after` holds those days' `Runs`
    for each number of rest days already counted in their first week (0 up), and
    `before.used` picks one; a run crossing the edge counts on both sides."""
    if before is None:
        return after[0]
    if after[0].first != before.last + 1:
        raise ValueError("joined: the days must follow on from each other")
    nxt = after[min(before.used, len(after) - 1)]
    carry = nxt.whole
    return Runs(
        before.first,
        nxt.last,
        before.head + nxt.head if before.whole else before.head,
        max(before.longest, nxt.longest, before.tail + nxt.head),
        nxt.tail + (before.tail if carry else 0),
        nxt.tail_rest + (before.tail_rest if carry else 0),
        nxt.tail_flare + (before.tail_flare if carry else 0),
        nxt.used,
        nxt.last_active or before.last_active,
    )


def run_start(kept: set[int], today: int) -> int | None:
    """The first day of the current streak (None when there is none)."""
    length = current_streak(kept, today)
    if not length:
        return None
    end = today if today in kept else today - 1
    return end - length + 1


def last_active(active: Iterable[int], today: int) -> int | None:
    """The newest active day up to today: a day after today (a device in a time zone already
    at tomorrow, or a hand edit) is not history yet."""
    return max((day for day in active if day <= today), default=None)


def idle_days(last: int, today: int) -> int:
    """Whole days between the last active day and today, neither of them counted."""
    return max(0, today - last - 1)


class Day:
    """Totals of one calendar day's records: its sessions (pain sums count only sessions that
    gave one), its rest and flare marks, and the pain recorded without a session.

    A frozen class written out by hand: `dataclasses` costs the nudge 15 ms to import."""

    FIELDS = (
        "sessions",
        "minutes",
        "pain_before_sum",
        "pain_before_count",
        "pain_after_sum",
        "pain_after_count",
        "change_sum",  # pain_after - pain_before, over sessions that gave both
        "change_count",
        "rest",  # planned rest days recorded (`movecoach rest`)
        "flare",  # flare days recorded (`movecoach rest --flare`)
        "pain_sum",  # pain recorded without a session (`movecoach pain`, or with a mark)
        "pain_count",
    )
    __slots__ = ("date", *FIELDS)

    date: dt.date
    sessions: int
    minutes: int
    pain_before_sum: int
    pain_before_count: int
    pain_after_sum: int
    pain_after_count: int
    change_sum: int
    change_count: int
    rest: int
    flare: int
    pain_sum: int
    pain_count: int

    def __init__(
        self,
        date: dt.date,
        sessions: int = 0,
        minutes: int = 0,
        pain_before_sum: int = 0,
        pain_before_count: int = 0,
        pain_after_sum: int = 0,
        pain_after_count: int = 0,
        change_sum: int = 0,
        change_count: int = 0,
        rest: int = 0,
        flare: int = 0,
        pain_sum: int = 0,
        pain_count: int = 0,
    ) -> None:
        # Written out, not a loop over FIELDS: a dashboard builds thousands of days, and
        # this is four times faster.
        put = object.__setattr__  # `__setattr__` below refuses every change
        put(self, "date", date)
        put(self, "sessions", sessions)
        put(self, "minutes", minutes)
        put(self, "pain_before_sum", pain_before_sum)
        put(self, "pain_before_count", pain_before_count)
        put(self, "pain_after_sum", pain_after_sum)
        put(self, "pain_after_count", pain_after_count)
        put(self, "change_sum", change_sum)
        put(self, "change_count", change_count)
        put(self, "rest", rest)
        put(self, "flare", flare)
        put(self, "pain_sum", pain_sum)
        put(self, "pain_count", pain_count)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Day is frozen: cannot set {name}")

    def as_row(self) -> list[int]:
        return [getattr(self, name) for name in self.FIELDS]

    @classmethod
    def from_row(cls, date: dt.date, row: list[int]) -> Day:
        return cls(date, *row)

    @classmethod
    def of(cls, session: Session) -> Day:
        return cls(session.date, *session_row(session))

    @classmethod
    def of_entry(cls, entry: DayEntry) -> Day:
        """A rest, flare or pain day's part of its day's totals."""
        return cls(entry.date, *entry_row(entry))

    @property
    def recorded(self) -> bool:
        """Whether a record counts on the day: a session, or a rest, flare or pain day."""
        return bool(self.sessions or self.rest or self.flare or self.pain_count)

    @property
    def kind(self) -> str | None:
        """How the day counts for a streak: "active" (a session), "flare", "rest", or None."""
        if self.sessions:
            return "active"
        if self.flare:
            return "flare"
        return "rest" if self.rest else None

    def __add__(self, other: Day) -> Day:
        return Day(self.date, *(a + b for a, b in zip(self.as_row(), other.as_row(), strict=True)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Day):
            return NotImplemented
        return self.date == other.date and self.as_row() == other.as_row()

    def __hash__(self) -> int:
        return hash((self.date, *self.as_row()))

    def __repr__(self) -> str:
        return f"Day({self.date.isoformat()}, {self.as_row()})"


def session_row(session: Session) -> list[int]:
    """A session's part of its day's totals, in the order of `Day.FIELDS`."""
    before, after = session.pain_before, session.pain_after
    if before is None or after is None:  # no change to count
        return [
            1,
            session.minutes,
            before or 0,
            int(before is not None),
            after or 0,
            int(after is not None),
            0,
            0,
            *_NO_MARKS,
        ]
    return [1, session.minutes, before, 1, after, 1, after - before, 1, *_NO_MARKS]


_NO_MARKS = (0,) * (len(Day.FIELDS) - Day.FIELDS.index("rest"))  # what a session leaves 0


def entry_row(entry: DayEntry) -> list[int]:
    """A rest, flare or pain day's part of its day's totals, in the order of `Day.FIELDS`."""
    counts = [0] * len(Day.FIELDS)
    if entry.kind in ("rest", "flare"):
        counts[Day.FIELDS.index(entry.kind)] = 1
    if entry.pain is not None:
        counts[Day.FIELDS.index("pain_sum")] = entry.pain
        counts[Day.FIELDS.index("pain_count")] = 1
    return counts


def daily(sessions: Iterable[Session], entries: Iterable[DayEntry] = ()) -> dict[dt.date, Day]:
    """Per-day totals: the one place sessions and rest, flare and pain days are summed."""
    return {date: Day(date, *row) for date, row in daily_rows(sessions, entries).items()}


def daily_rows(
    sessions: Iterable[Session], entries: Iterable[DayEntry] = (), summed: Iterable[Any] = ()
) -> dict[dt.date, list[int]]:
    """`daily` as the rows of `Day.FIELDS` the cache keeps: the rows are added up column by
    column, so a day of hundreds of sessions costs additions, not hundreds of `Day`s.
    `summed`: totals already added up, each with its `date` and `row` (a day's facts for
    pacing, `core.pace_days.DayFacts`), added in as they are."""
    from operator import add, attrgetter

    sums: dict[dt.date, list[int]] = {}
    kinds: tuple[tuple[Iterable[Any], Callable[[Any], list[int]]], ...] = (
        (sessions, session_row),
        (entries, entry_row),
        (summed, attrgetter("row")),
    )
    for records, row_of in kinds:
        for record in records:
            row, date = row_of(record), record.date
            total = sums.get(date)
            sums[date] = row if total is None else list(map(add, total, row))
    return sums


def totals_add_up(tombstones: Iterable[int], ids: Iterable[Iterable[str]], since: int = 0) -> bool:
    """Whether several files' per-day totals, summed, are the log's, on the days from
    `since` (a day number; 0, every day): only when no tombstone (by its record's day
    number) falls on those days, as it takes away a record another file still holds, and
    no id is in two files (a record two devices both wrote, or a sync tool's conflict copy,
    counts once). Else the records must be merged first."""
    if any(day >= since for day in tombstones):
        return False
    listed = [ident for part in ids for ident in part]
    return len(set(listed)) == len(listed)


def marks(days: Iterable[tuple[int, list[int]]]) -> tuple[set[int], set[int], set[int]]:
    """(active, rest, flare) day numbers of `(day number, Day.as_row())` pairs: what the
    streak rule reads, from the cache's rows as well as from `Day`s."""
    sessions, rest, flare = 0, Day.FIELDS.index("rest"), Day.FIELDS.index("flare")
    active: set[int] = set()
    rested: set[int] = set()
    flared: set[int] = set()
    for number, row in days:
        if row[sessions]:
            active.add(number)
        if len(row) > flare and row[flare]:
            flared.add(number)
        if len(row) > rest and row[rest]:
            rested.add(number)
    return active, rested, flared


def rows(days: Mapping[dt.date, Day]) -> dict[str, list[int]]:
    """Per-day totals as plain data for the cache (marshal keeps dicts, lists and ints)."""
    return {date.isoformat(): day.as_row() for date, day in days.items()}


def from_rows(data: Mapping[str, list[int]]) -> dict[dt.date, Day]:
    import datetime as dt

    out: dict[dt.date, Day] = {}
    for iso, row in data.items():
        date = dt.date.fromisoformat(iso)
        out[date] = Day.from_row(date, row)
    return out
