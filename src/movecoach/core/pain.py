"""The one pain-response rule: when pain says a session went too far, and when a day is a flare.

On a 0-10 pain scale a change of about 2 points is the smallest that matters to a person;
smaller changes are noise (see `CLINICAL.md`, "Pain response" and "Trends and flares"). So:

- a session *went too far* when pain after is `RISE` (2) or more points above pain before;
  a rise of 1 is fine (`went_too_far`);
- a *flare day* is a day whose pain is `RISE` or more points above the person's own median
  over the `BASELINE_DAYS` (14) days before it, never a fixed score (`flare_baseline`,
  `is_flare`); with fewer than `MIN_BASELINE_DAYS` scored days before it there is no baseline
  and no flare.

Everything that asks "too much?" or "a flare?" asks here, so the guide, the planner, the
report and the nudge cannot disagree. (The coaching-rules issue extends this module: pain not
settled by the next day, and leg pain.) Standard library only, no clock: days are arguments.

Its public names, which callers use and an extension keeps: `RISE`, `BASELINE_DAYS`,
`MIN_BASELINE_DAYS`, `rise(before, after)`, `went_too_far(before, after)`,
`flare_baseline(levels, day)`, `is_flare(level, baseline)` and `flare_days(levels)`
(`levels`: a day's pain level by date).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping

RISE = 2  # points on the 0-10 scale: the smallest change that matters
BASELINE_DAYS = 14  # days before a day that make its baseline
MIN_BASELINE_DAYS = 3  # scored days a baseline needs


def rise(before: int | None, after: int | None) -> int | None:
    """Pain after minus pain before, or None when either is missing."""
    if before is None or after is None:
        return None
    return after - before


def went_too_far(before: int | None, after: int | None) -> bool:
    """Pain rose by `RISE` points or more during a session (a rise of 1 is fine)."""
    change = rise(before, after)
    return change is not None and change >= RISE


def flare_baseline(levels: Mapping[dt.date, float], day: dt.date) -> float | None:
    """The median of the day's pain levels over the `BASELINE_DAYS` days before `day`
    (`day` itself left out); None with fewer than `MIN_BASELINE_DAYS` scored days."""
    earlier = [
        level
        for date, level in levels.items()
        if day - dt.timedelta(days=BASELINE_DAYS) <= date < day
    ]
    if len(earlier) < MIN_BASELINE_DAYS:
        return None
    return float(statistics.median(earlier))


def is_flare(level: float | None, baseline: float | None) -> bool:
    """A day's pain `RISE` or more points above its baseline."""
    return level is not None and baseline is not None and level >= baseline + RISE


def flare_days(levels: Mapping[dt.date, float]) -> list[dt.date]:
    """Every day, oldest first, whose pain level makes it a flare day against its baseline."""
    return [day for day in sorted(levels) if is_flare(levels[day], flare_baseline(levels, day))]
