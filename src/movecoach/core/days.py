"""Days: what one calendar day's sessions add up to, and the rules about runs of days.

`stats` and `movecoach nudge` share these rules. The nudge runs on every shell prompt, so
this module imports nothing at all at run time (not even `datetime`, `dataclasses` or
`typing`): the rules work on day numbers (`date.toordinal()`, or `day_number` of an ISO date
for the nudge, which equals it), and the log's cache stores each file's per-day totals as
`Day.as_row()` lists keyed by ISO date.
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
    """Consecutive active days ending today, or yesterday while today is still open."""
    return run_ending(active, today if today in active else today - 1)


def last_active(active: Iterable[int], today: int) -> int | None:
    """The newest active day up to today: a day after today (a device in a time zone already
    at tomorrow, or a hand edit) is not history yet."""
    return max((day for day in active if day <= today), default=None)


def idle_days(last: int, today: int) -> int:
    """Whole days between the last active day and today, neither of them counted."""
    return max(0, today - last - 1)


class Day:
    """Totals of one calendar day's sessions; pain sums count only sessions that gave one.

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
        before, after = session.pain_before, session.pain_after
        both = before is not None and after is not None
        return cls(
            session.date,
            1,
            session.minutes,
            before or 0,
            int(before is not None),
            after or 0,
            int(after is not None),
            (after or 0) - (before or 0) if both else 0,
            int(both),
        )

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


def daily(sessions: Iterable[Session]) -> dict[dt.date, Day]:
    """Per-day totals: the one place sessions are summed."""
    days: dict[dt.date, Day] = {}
    for session in sessions:
        day = Day.of(session)
        days[session.date] = days[session.date] + day if session.date in days else day
    return days


def pain_by_day(
    sessions: Iterable[Session], entries: Iterable[DayEntry] = ()
) -> dict[dt.date, int]:
    """Each day's pain before, for the flare rules (`core.pain`): the highest score recorded
    that day, a session's pain before or a day entry's pain (a pain entry, say)."""
    scores: dict[dt.date, int] = {}
    found = [(s.date, s.pain_before) for s in sessions]
    found += [(e.date, e.pain) for e in entries]
    for date, pain in found:
        if pain is not None and pain >= scores.get(date, pain):
            scores[date] = pain
    return scores


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
