"""The sessions a plan is paced from, as what each day of them says: per-day facts.

The pacing rules (`core.pacing`) and the planner read a month of sessions; on a heavy log
(an import gone wrong: hundreds of sessions a day) building and judging each of them costs
seconds. What the rules read of a day is small: its totals, how many sessions had each
length (for medians), the exercises done, the highest leg pain, and each session's verdict
under the one pain-response rule (`core.pain`). A verdict depends on the pain recorded after
the session: within its own day, or else the first score of the next day. So a day keeps the
verdicts it can give alone, and its last few sessions ("tails", whose next score, if any,
is the next day's first) whole, to be judged when the days are read together
(`Days.judged`). Every window the rules read ends the day before the plan's, so a verdict
is the same in any window that holds the session.

`day_facts` is the one constructor from sessions; the cache keeps its result a month at a
time (`as_data` / `from_data`), so a plan on a heavy log reads a month of small facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

from movecoach.core import days as days_rules
from movecoach.core import pain as pain_rule
from movecoach.core.models import DayEntry, Session, in_order

# Bump when what `day_facts` keeps, or the rule it judges sessions by, changes: the cache keeps
# day facts under a name holding it (`store.filecache.pace_kind`), and facts made by another
# version must not be read.
VERSION = 1


class DayFacts(NamedTuple):
    """What one day's sessions tell the pacing rules (see the module's docstring)."""

    date: dt.date
    row: list[int]  # the day's totals, as `core.days.Day.as_row()` (sessions only)
    minutes: dict[int, int]  # how many sessions had each length
    ids: tuple[str, ...]  # the exercises done, each once, sorted
    leg: int  # the highest leg pain scored before or after a session (0: none)
    too_far: int  # sessions judged within the day that went too far...
    settled: int  # ...and that did not
    far: dict[str, int]  # by exercise: the sessions judged within the day that went too far
    well: tuple[str, ...]  # exercises of sessions judged within the day that went well
    tails: tuple[Session, ...]  # sessions whose next score is the next day's, in order
    first: int | None  # the day's first pain score (before a session), for the day before

    @property
    def sessions(self) -> int:
        return self.row[0]

    @property
    def last(self) -> Session:
        """The day's last session, in the order every rule reads them (`models.in_order`)."""
        return self.tails[-1]


_Dated = TypeVar("_Dated", DayFacts, DayEntry)


def day_facts(date: dt.date, sessions: Sequence[Session]) -> DayFacts:
    """The facts of the sessions of one day (at least one), in any order."""
    ordered = in_order(sessions)
    readings = sorted(pain_rule.readings(ordered), key=pain_rule.order)
    keys = [pain_rule.order(r) for r in readings]
    minutes: dict[int, int] = {}
    far: dict[str, int] = {}
    well: set[str] = set()
    ids: set[str] = set()
    tails: list[Session] = []
    too_far = settled = leg = 0
    for session in ordered:
        minutes[session.minutes] = minutes.get(session.minutes, 0) + 1
        ids.update(session.exercises)
        leg = max(leg, session.leg_pain_before or 0, session.leg_pain_after or 0)
        following = pain_rule.next_in(session, readings, keys)
        if following is None:  # no later score today: the next day's first decides
            tails.append(session)
            continue
        went = _tally(session, pain_rule.response(session, following), far, well)
        too_far, settled = too_far + went, settled + 1 - went
    return DayFacts(
        date=date,
        row=days_rules.daily_rows(ordered)[date],
        minutes=minutes,
        ids=tuple(sorted(ids)),
        leg=leg,
        too_far=too_far,
        settled=settled,
        far=far,
        well=tuple(sorted(well)),
        tails=tuple(tails),
        first=readings[0][2] if readings else None,
    )


def _tally(session: Session, verdict: str | None, far: dict[str, int], well: set[str]) -> int:
    """Count a judged session's exercises in `far` (it went too far: then 1) or `well`."""
    if verdict == pain_rule.TOO_FAR:
        for ident in set(session.exercises):
            far[ident] = far.get(ident, 0) + 1
        return 1
    if verdict == pain_rule.WENT_WELL:
        well.update(session.exercises)
    return 0


def dated_between(items: Iterable[_Dated], today: dt.date, first: int, last: int) -> list[_Dated]:
    """The items dated `first` to `last` days before `today`, in their order: today's own
    sessions never move today's plan, and a hand-written future date is not history."""
    earliest, latest = today - dt.timedelta(days=last), today - dt.timedelta(days=first)
    return [item for item in items if earliest <= item.date <= latest]


class Judged(NamedTuple):
    """A day's verdicts, its tails judged: how many sessions went too far and how many did
    not, and by exercise those that went too far and those that went well."""

    too_far: int
    settled: int
    far: dict[str, int]
    well: set[str]


class Days:
    """The facts of the days with a session, oldest first: what the pacing rules read."""

    def __init__(self, facts: Iterable[DayFacts]) -> None:
        self.facts = {f.date: f for f in sorted(facts, key=lambda f: f.date)}

    @classmethod
    def of(cls, sessions: Iterable[Session]) -> Days:
        """The days of these sessions (any order), each day's facts from `day_facts`."""
        by_day: dict[dt.date, list[Session]] = {}
        for session in sessions:
            by_day.setdefault(session.date, []).append(session)
        return cls(day_facts(date, group) for date, group in by_day.items())

    def between(self, today: dt.date, first: int, last: int) -> list[DayFacts]:
        """The days `first` to `last` days before `today`, oldest first (`dated_between`)."""
        return dated_between(self.facts.values(), today, first, last)

    def dates(self) -> list[dt.date]:
        return list(self.facts)

    def judged(self, facts: DayFacts, today: dt.date) -> Judged:
        """A day's verdicts as a plan for `today` reads them, its tails judged (`following`)."""
        too_far, settled = facts.too_far, facts.settled
        far, well = dict(facts.far), set(facts.well)
        following = self.following(facts, today)
        for session in facts.tails:
            went = _tally(session, pain_rule.response(session, following), far, well)
            too_far, settled = too_far + went, settled + 1 - went
        return Judged(too_far, settled, far, well)

    def verdict_of_last(self, facts: DayFacts, today: dt.date) -> str | None:
        """The verdict of a day's last session, as `judged` gives it."""
        return pain_rule.response(facts.last, self.following(facts, today))

    def following(self, facts: DayFacts, today: dt.date) -> int | None:
        """The score that judges a day's tails: the next day's first, when that day is
        before `today` (a plan's windows end the day before it: today's scores never judge
        yesterday's sessions) and has one; else none (a day later is too late to tell)."""
        later = facts.date + dt.timedelta(days=1)
        found = self.facts.get(later) if later < today else None
        return None if found is None else found.first

    def __iter__(self) -> Iterator[DayFacts]:
        return iter(self.facts.values())

    def __len__(self) -> int:
        return len(self.facts)


def minutes_median(days: Iterable[DayFacts]) -> float | None:
    """The median length of the sessions of these days; None without any."""
    counts: dict[int, int] = {}
    for facts in days:
        for minutes, count in facts.minutes.items():
            counts[minutes] = counts.get(minutes, 0) + count
    total = sum(counts.values())
    if not total:
        return None
    wanted = (total - 1) // 2, total // 2  # the middle one, or the middle two
    found: list[int] = []
    seen = 0
    for minutes in sorted(counts):
        seen += counts[minutes]
        while len(found) < 2 and seen > wanted[len(found)]:
            found.append(minutes)
    return (found[0] + found[1]) / 2 if found[0] != found[1] else float(found[0])


# --- as the cache keeps them ----------------------------------------------------------------


def as_data(facts: DayFacts, row_of: Any) -> list[Any]:
    """A day's facts as plain values marshal can store; `row_of` turns a session into the
    cache's row (`store.logfile.row`), which core does not import."""
    return [
        facts.date.isoformat(),
        facts.row,
        facts.minutes,
        list(facts.ids),
        facts.leg,
        facts.too_far,
        facts.settled,
        facts.far,
        list(facts.well),
        [row_of(s) for s in facts.tails],
        facts.first,
    ]


def from_data(data: Sequence[Any], unrow: Any) -> DayFacts:
    """`as_data` read back; `unrow` turns a cached row back into its session."""
    iso, row, minutes, ids, leg, too_far, settled, far, well, tails, first = data
    return DayFacts(
        dt.date.fromisoformat(iso),
        row,
        minutes,
        tuple(ids),
        leg,
        too_far,
        settled,
        far,
        tuple(well),
        tuple(unrow(t) for t in tails),
        first,
    )
