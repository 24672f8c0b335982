"""The one pain-response rule, and flare days: how pain answers a session, and when a day's
pain is a flare for this user.

Every part of movecoach that asks "was that too much?" asks here: the planner (step back,
build up, exercises that disagree with you), the guided session's end screen, the report and
the nudge. The facts behind the numbers (see CLINICAL.md, "Pain response" and "Trends and
flares"): on a 0-10 scale a change of about 2 points is the smallest that matters to people
with back pain, and pain that rises during exercise should settle within about a day. So a
session *went too far* when

- pain after is 2 or more points above pain before, or
- leg pain after is 2 or more points above leg pain before, or
- the next pain score recorded (the next session's pain before, the same day or the next, or
  a pain entry the next day) is 2 or more above this session's pain before: it did not
  settle within a day.

A rise of 1 is fine. A *flare day* is a day whose pain before is 2 or more above the median
of the user's own scores over the 14 days before it: a flare is relative to the person, not
a fixed score.

Public names, kept stable: `RISE`, `FLARE_ABOVE`, `BASELINE_DAYS`, `rose`, `went_too_far`,
`response`, `TOO_FAR`, `WENT_WELL`, `readings`, `next_pain`, `judged`, `flare_day`,
`flare_days`, `usual`, `flare_now`.

`movecoach nudge` reads the flare rules on its fast path, so this module imports nothing at
run time: records are read by their attributes, and a day is anything that subtracts to a
number of days (a `date`, or a day number from `core.days.day_number`).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs 4 ms on the nudge's path; mypy reads this block
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any

    from movecoach.core.models import DayEntry, Session

    Reading = tuple[Any, dt.time | None, int]  # (day, time or None, pain before)

RISE = 2  # points on the 0-10 scale: the smallest change that matters
SETTLE_DAYS = 1  # pain should be back where it started within a day
FLARE_ABOVE = 2  # a day's pain this far above the user's usual is a flare
BASELINE_DAYS = 14  # the days before a day that make the user's usual
FLARE_NOW_DAYS = 2  # the nudge treats a flare scored today or up to this many days ago as now

TOO_FAR = "too far"
WENT_WELL = "went well"


def rose(before: int | None, after: int | None) -> bool:
    """Pain rose by 2 or more points from `before` to `after` (False when either is unknown)."""
    return before is not None and after is not None and after - before >= RISE


def went_too_far(session: Session, next_pain: int | None = None) -> bool:
    """The one rule: back or leg pain rose 2+ during the session, or `next_pain` (the next
    pain score within a day, see `next_pain`) is 2+ above the pain it started with."""
    return (
        rose(session.pain_before, session.pain_after)
        or rose(session.leg_pain_before, session.leg_pain_after)
        or rose(session.pain_before, next_pain)
    )


def response(session: Session, next_pain: int | None = None) -> str | None:
    """TOO_FAR, WENT_WELL (some pair of scores was compared and none rose 2+), or None when
    nothing was scored that could tell."""
    if went_too_far(session, next_pain):
        return TOO_FAR
    pairs = (
        (session.pain_before, session.pain_after),
        (session.leg_pain_before, session.leg_pain_after),
        (session.pain_before, next_pain),
    )
    known = any(before is not None and after is not None for before, after in pairs)
    return WENT_WELL if known else None


def readings(sessions: Iterable[Session], entries: Iterable[DayEntry] = ()) -> list[Reading]:
    """Every pain-before score recorded, as (day, time or None, pain): each session's pain
    before, and the pain of each day entry that gives one (a pain entry, say)."""
    out: list[Reading] = [
        (s.date, s.time, s.pain_before) for s in sessions if s.pain_before is not None
    ]
    out += [(e.date, None, e.pain) for e in entries if e.pain is not None]
    return out


def _order(reading: Reading) -> tuple[Any, str]:
    """Oldest first; on one day a reading without a time (a pain entry) comes first."""
    return reading[0], "" if reading[1] is None else reading[1].isoformat()


def next_pain(session: Session, scores: Iterable[Reading]) -> int | None:
    """The first pain score recorded after the session and at most a day later: the one
    that says whether its pain settled. None when there is none."""
    ordered = sorted(scores, key=_order)
    return _next_in(session, ordered, [_order(r) for r in ordered])


def _next_in(session: Session, ordered: Sequence[Reading], keys: Sequence[Any]) -> int | None:
    """`next_pain` in readings already in order (`keys` their `_order`), by bisection."""
    from bisect import bisect_right

    clock = "\uffff" if session.time is None else session.time.isoformat()  # same day: later
    at = bisect_right(keys, (session.date, clock))
    if at < len(ordered) and _days(ordered[at][0], session.date) <= SETTLE_DAYS:
        return ordered[at][2]
    return None


def judged(
    sessions: Iterable[Session], scores: Iterable[Reading] = ()
) -> list[tuple[Session, str | None]]:
    """Each session with its `response`, judged against the pain recorded after it."""
    ordered = sorted(scores, key=_order)
    keys = [_order(r) for r in ordered]
    return [(s, response(s, _next_in(s, ordered, keys))) for s in sessions]


# --- flare days -------------------------------------------------------------------------------


def _days(later: Any, earlier: Any) -> int:
    """Days from `earlier` to `later`, for dates and for day numbers alike."""
    gap = later - earlier
    return gap if isinstance(gap, int) else int(gap.days)


def usual(previous: Iterable[float]) -> float | None:
    """The user's usual pain: the median of the scores given (one a day), None without any."""
    ordered = sorted(previous)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def flare_day(pain: float, previous: Iterable[float]) -> bool:
    """A flare day: `pain` (the day's pain before) is 2 or more above the median of
    `previous`, the user's scores of the 14 days before it, one a day. Never without a
    score to compare with."""
    level = usual(previous)
    return level is not None and pain >= level + FLARE_ABOVE


def _before(scores: Mapping[Any, float], day: Any) -> list[float]:
    return [scores[d] for d in scores if 1 <= _days(day, d) <= BASELINE_DAYS]


def flare_days(scores: Mapping[Any, float]) -> list[Any]:
    """The flare days among `scores` (each day's pain before, one a day), oldest first."""
    days = sorted(scores)
    found = []
    first = 0  # the earliest of the 14 days before the day being looked at
    for index, day in enumerate(days):
        while _days(day, days[first]) > BASELINE_DAYS:
            first += 1
        if flare_day(scores[day], [scores[d] for d in days[first:index]]):
            found.append(day)
    return found


def flare_now(scores: Mapping[Any, float], today: Any) -> bool:
    """Whether the latest pain recorded up to `today` marks a flare, if it was recorded
    today or in the FLARE_NOW_DAYS before: flares usually settle within days, so an old
    score says nothing about now."""
    past = [day for day in scores if _days(today, day) >= 0]
    if not past:
        return False
    latest = max(past)
    if _days(today, latest) > FLARE_NOW_DAYS:
        return False
    return flare_day(scores[latest], _before(scores, latest))
