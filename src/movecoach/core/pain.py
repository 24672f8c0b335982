"""The one pain-response rule: when pain says a session went too far, and when a day is a flare.

Every part of movecoach that asks "was that too much?" or "is this a flare?" asks here: the
planner (step back, build up, return, exercises that disagree with you), the guided
session's end screen, `movecoach pain`, the report, `trend`, the 6-week review rule and the
nudge. The facts behind the numbers (see `CLINICAL.md`, "Pain response" and "Trends and
flares"): on a 0-10 scale a change of about 2 points, or 30 %, is the smallest that matters
to a person with back pain (Farrar 2001; Childs 2005), and pain that rises during exercise
should settle within about a day. So:

- a session *went too far* (`went_too_far`) when pain after is `RISE` (2) or more points
  above pain before, or leg pain after is 2 or more above leg pain before, or the next pain
  score recorded within `SETTLE_DAYS` (a day) after it (the next session's pain before, or
  a pain day) is 2 or more above the pain it started with: it did not settle. A rise of 1 is
  fine;
- a day's *pain level* (`level`) is the mean of its scores before sessions and the scores
  recorded without a session (`movecoach pain`, or a rest or flare day with a score): the
  per-day totals the log's cache keeps hold exactly that;
- a *flare day* (`is_flare`, `flare_days`) is a day whose level is `RISE` or more above the
  person's own baseline: the median level over the `BASELINE_DAYS` (14) days before it,
  never a fixed score (`flare_baseline`). A baseline needs `MIN_BASELINE_DAYS` (3) scored
  days: the median of one or two days is a good or bad day, not a person's usual, so with
  fewer there is no baseline and no flare (the planner's history holds sessions only, so
  there a day's level is that of its scores before sessions);
- a change over weeks matters at `RISE` points and `SHARE_PERCENT` (30) % of where it
  began: the trend's direction asks for both, the 6-week review rule (`core.progress`) for
  either.

Days marked with `movecoach rest --flare` are flare days the person declared; they keep the
streak whatever the scores say (`core.days`).

Public names, kept stable: `RISE`, `SHARE_PERCENT`, `SETTLE_DAYS`, `BASELINE_DAYS`,
`MIN_BASELINE_DAYS`, `FLARE_NOW_DAYS`, `TOO_FAR`, `WENT_WELL`, `rise(before, after)`,
`rose(before, after)`, `went_too_far(before, after, ...)`, `session_went_too_far`,
`response`, `readings`, `next_pain`, `judged`, `level`, `levels`, `row_level`, `row_levels`,
`usual`, `flare_baseline(levels, day)`, `is_flare(level, baseline)`, `flare_day`,
`flare_days(levels)` and `flare_now`.

`movecoach nudge` reads the flare rules on its fast path, so at run time this module imports
only `core.days` (which imports nothing): records are read by their attributes, per-day
totals as `Day`s or as the cache's rows, and a day is anything that subtracts to a number of
days (a `date`, or a day number from `core.days.day_number`).
"""

from __future__ import annotations

from movecoach.core.days import Day

TYPE_CHECKING = False  # typing costs 4 ms on the nudge's path; mypy reads this block
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any

    from movecoach.core.models import DayEntry, Session

    Reading = tuple[Any, dt.time | None, int]  # (day, time or None, pain before)

RISE = 2  # points on the 0-10 scale: the smallest change that matters
SHARE_PERCENT = 30  # ...or this share of where a change over weeks began
SETTLE_DAYS = 1  # pain should be back where it started within a day
BASELINE_DAYS = 14  # the days before a day whose levels make its baseline
MIN_BASELINE_DAYS = 3  # scored days a baseline needs
FLARE_NOW_DAYS = 2  # the nudge treats a flare scored today or up to this many days ago as now

_BEFORE_SUM, _BEFORE_COUNT, _PAIN_SUM, _PAIN_COUNT = (
    Day.FIELDS.index(name)
    for name in ("pain_before_sum", "pain_before_count", "pain_sum", "pain_count")
)

TOO_FAR = "too far"
WENT_WELL = "went well"


# --- went too far -----------------------------------------------------------------------------


def rise(before: int | None, after: int | None) -> int | None:
    """Pain after minus pain before, or None when either is missing."""
    if before is None or after is None:
        return None
    return after - before


def rose(before: int | None, after: int | None) -> bool:
    """Pain rose by `RISE` points or more from `before` to `after` (False when either is
    unknown)."""
    change = rise(before, after)
    return change is not None and change >= RISE


def went_too_far(
    before: int | None,
    after: int | None,
    *,
    leg_before: int | None = None,
    leg_after: int | None = None,
    next_pain: int | None = None,
) -> bool:
    """The one rule: back pain rose 2+ from `before` to `after`, or leg pain from
    `leg_before` to `leg_after`, or `next_pain` (the next score within a day, see
    `next_pain`) is 2+ above `before`. A rise of 1 is fine."""
    return rose(before, after) or rose(leg_before, leg_after) or rose(before, next_pain)


def session_went_too_far(session: Session, next_pain: int | None = None) -> bool:
    """`went_too_far` for a session's own scores and the next pain score after it."""
    return went_too_far(
        session.pain_before,
        session.pain_after,
        leg_before=session.leg_pain_before,
        leg_after=session.leg_pain_after,
        next_pain=next_pain,
    )


def response(session: Session, next_pain: int | None = None) -> str | None:
    """TOO_FAR, WENT_WELL (some pair of scores was compared and none rose 2+), or None when
    nothing was scored that could tell."""
    if session_went_too_far(session, next_pain):
        return TOO_FAR
    pairs = (
        (session.pain_before, session.pain_after),
        (session.leg_pain_before, session.leg_pain_after),
        (session.pain_before, next_pain),
    )
    known = any(rise(before, after) is not None for before, after in pairs)
    return WENT_WELL if known else None


def readings(sessions: Iterable[Session], entries: Iterable[DayEntry] = ()) -> list[Reading]:
    """Every pain-before score recorded, as (day, time or None, pain): each session's pain
    before, and the pain of each day entry that gives one (a pain day, say)."""
    out: list[Reading] = [
        (s.date, s.time, s.pain_before) for s in sessions if s.pain_before is not None
    ]
    out += [(e.date, None, e.pain) for e in entries if e.pain is not None]
    return out


def order(reading: Reading) -> tuple[Any, int, Any]:
    """Oldest first; on one day a reading without a time (a pain day) comes first. Times
    are compared as they are (no text made of each: a window may hold thousands)."""
    return (reading[0], 0, 0) if reading[1] is None else (reading[0], 1, reading[1])


def next_pain(session: Session, scores: Iterable[Reading]) -> int | None:
    """The first pain score recorded after the session and at most a day later: the one
    that says whether its pain settled. None when there is none."""
    ordered = sorted(scores, key=order)
    return next_in(session, ordered, [order(r) for r in ordered])


def next_in(session: Session, ordered: Sequence[Reading], keys: Sequence[Any]) -> int | None:
    """`next_pain` in readings already in order (`keys` their `order`), by bisection."""
    from bisect import bisect_right

    # an untimed session comes after every reading of its day
    key = (session.date, 2, 0) if session.time is None else (session.date, 1, session.time)
    at = bisect_right(keys, key)
    if at < len(ordered) and _days(ordered[at][0], session.date) <= SETTLE_DAYS:
        return ordered[at][2]
    return None


def judged(
    sessions: Iterable[Session], scores: Iterable[Reading] = ()
) -> list[tuple[Session, str | None]]:
    """Each session with its `response`, judged against the pain recorded after it."""
    ordered = sorted(scores, key=order)
    keys = [order(r) for r in ordered]
    return [(s, response(s, next_in(s, ordered, keys))) for s in sessions]


# --- a day's pain, and flare days ---------------------------------------------------------------


def _days(later: Any, earlier: Any) -> int:
    """Days from `earlier` to `later`, for dates and for day numbers alike."""
    gap = later - earlier
    return gap if isinstance(gap, int) else int(gap.days)


def level(day: Day) -> float | None:
    """A day's pain level from its per-day totals (`core.days.Day`): the mean of its scores
    before sessions and those recorded without a session; None when it has none."""
    return row_level(day.as_row())


def row_level(row: Sequence[int]) -> float | None:
    """`level` of a day's totals as the cache keeps them (`Day.as_row()`), which is what
    the nudge reads."""
    if len(row) <= _PAIN_COUNT:
        return None
    count = row[_BEFORE_COUNT] + row[_PAIN_COUNT]
    return (row[_BEFORE_SUM] + row[_PAIN_SUM]) / count if count else None


def levels(days: Mapping[Any, Day]) -> dict[Any, float]:
    """Each day's `level`, for the days (dates or day numbers) that have one."""
    return row_levels({key: day.as_row() for key, day in days.items()})


def row_levels(rows: Mapping[Any, Sequence[int]]) -> dict[Any, float]:
    """Each day's `level` from cached rows, for the days that have one."""
    out = {}
    for key, row in rows.items():
        found = row_level(row)
        if found is not None:
            out[key] = found
    return out


def usual(previous: Iterable[float]) -> float | None:
    """The user's usual pain: the median of the levels given (one a day); None with fewer
    than `MIN_BASELINE_DAYS` of them."""
    ordered = sorted(previous)
    if len(ordered) < MIN_BASELINE_DAYS:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _before(levels: Mapping[Any, float], day: Any) -> list[float]:
    """The levels of the `BASELINE_DAYS` days before `day` (`day` itself left out)."""
    return [levels[d] for d in levels if 1 <= _days(day, d) <= BASELINE_DAYS]


def flare_baseline(levels: Mapping[Any, float], day: Any) -> float | None:
    """The median of the pain levels over the `BASELINE_DAYS` days before `day` (`day`
    itself left out); None with fewer than `MIN_BASELINE_DAYS` scored days."""
    return usual(_before(levels, day))


def is_flare(level: float | None, baseline: float | None) -> bool:
    """A day's pain `RISE` or more points above its baseline."""
    return level is not None and baseline is not None and level >= baseline + RISE


def flare_day(pain: float, previous: Iterable[float]) -> bool:
    """A flare: `pain` is 2 or more above the median of `previous`, the levels of the 14
    days before (one a day). Never with fewer than `MIN_BASELINE_DAYS` to compare with."""
    return is_flare(pain, usual(previous))


def flare_days(levels: Mapping[Any, float]) -> list[Any]:
    """Every day, oldest first, whose level makes it a flare day against its baseline."""
    days = sorted(levels)
    found = []
    first = 0  # the earliest of the 14 days before the day being looked at
    for index, day in enumerate(days):
        while _days(day, days[first]) > BASELINE_DAYS:
            first += 1
        if flare_day(levels[day], [levels[d] for d in days[first:index]]):
            found.append(day)
    return found


def flare_now(levels: Mapping[Any, float], today: Any) -> bool:
    """Whether the latest pain level up to `today` marks a flare, if it was recorded today
    or in the FLARE_NOW_DAYS before: flares usually settle within days, so an old score says
    nothing about now."""
    past = [day for day in levels if _days(today, day) >= 0]
    if not past:
        return False
    latest = max(past)
    if _days(today, latest) > FLARE_NOW_DAYS:
        return False
    return is_flare(levels[latest], flare_baseline(levels, latest))
