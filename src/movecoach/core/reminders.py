"""When a reminder to move is due, and what it says: the rule behind `movecoach nudge`.

Pure and free of imports at run time (the nudge answers a shell prompt); days are ISO
`YYYY-MM-DD` strings, counted by the same day rules as every streak (`core.days`).
"""

from __future__ import annotations

from movecoach.core.days import day_number, idle_days

DEFAULT_HOUR = 18
DEFAULT_INACTIVE_DAYS = 2

FIRST = (
    "movecoach: no sessions logged yet. A gentle first session takes 10 minutes: "
    "run `movecoach today`."
)
EVENING = (
    "movecoach: no movement logged today yet. Even 10 gentle minutes help a sore back: "
    "`movecoach today`."
)
INACTIVE = (
    "movecoach: {days} days without a session. Resting too long lets a sore back stiffen and "
    "weaken; 10 gentle minutes today help: `movecoach today`."
)


def message(
    last: str | None,
    today: str,
    hour: int,
    nudge_hour: int = DEFAULT_HOUR,
    inactive_days: int = DEFAULT_INACTIVE_DAYS,
) -> str | None:
    """The nudge due at `hour` on `today` given the last active day, or None when none is."""
    if last is None:
        return FIRST
    idle = idle_days(day_number(last), day_number(today))
    if idle >= inactive_days:
        return INACTIVE.format(days=idle)
    if last < today and hour >= nudge_hour:
        return EVENING
    return None
