"""Days: what one calendar day's records add up to, and the rules about runs of days.

`stats` and `movecoach nudge` share these rules. The nudge runs on every shell prompt, so
this module imports nothing at all at run time (not even `datetime`, `dataclasses` or
`typing`): the rules work on day numbers (`date.toordinal()`, or `day_number` of an ISO date
for the nudge, which equals it), and the log's cache stores each file's per-day totals as
`Day.as_row()` lists keyed by ISO date.

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
    from collections.abc import Iterable, Mapping

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

    def __init__(self, date: dt.date, *counts: int) -> None:
        values = counts + (0,) * (len(self.FIELDS) - len(counts))
        object.__setattr__(self, "date", date)
        for name, value in zip(self.FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

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
    both = before is not None and after is not None
    row = [
        1,
        session.minutes,
        before or 0,
        int(before is not None),
        after or 0,
        int(after is not None),
        (after or 0) - (before or 0) if both else 0,
        int(both),
    ]
    return row + [0] * (len(Day.FIELDS) - len(row))


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
    """Per-day totals: the one place sessions and rest, flare and pain days are summed. The
    rows are added up first and each day made once (a day of hundreds of sessions costs
    additions, not hundreds of `Day`s)."""
    sums: dict[dt.date, list[int]] = {}
    for date, row in [
        *((s.date, session_row(s)) for s in sessions),
        *((e.date, entry_row(e)) for e in entries),
    ]:
        total = sums.get(date)
        if total is None:
            sums[date] = row
        else:
            for index, value in enumerate(row):
                total[index] += value
    return {date: Day(date, *row) for date, row in sums.items()}


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
