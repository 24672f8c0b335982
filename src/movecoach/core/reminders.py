"""When a reminder to move is due, and what it says: the rule behind `movecoach nudge`.

Pure and free of imports at run time (the nudge answers a shell prompt); days are ISO
`YYYY-MM-DD` strings, counted by the same day rules as every streak (`core.days`).
"""

from __future__ import annotations

from movecoach.core.days import day_number, idle_days
from movecoach.core.pain import flare_now

TYPE_CHECKING = False  # typing costs 4 ms on the nudge's path; mypy reads this block
if TYPE_CHECKING:
    from collections.abc import Mapping

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
# On a flare day (the latest pain recorded, from a session or a pain entry, is 2 or more
# above the usual): not the usual amount, but a few gentle minutes or the flare routine.
FLARE_EVENING = (
    "movecoach: no movement logged today yet, and your pain is up (a flare). A few gentle "
    "minutes still help a flare settle: `movecoach flare` has a 5-minute routine."
)
FLARE_INACTIVE = (
    "movecoach: {days} days without a session, and your pain is up (a flare). A few gentle "
    "minutes help more than resting: `movecoach flare` has a 5-minute routine."
)


def message(
    last: str | None,
    today: str,
    hour: int,
    nudge_hour: int = DEFAULT_HOUR,
    inactive_days: int = DEFAULT_INACTIVE_DAYS,
    pains: Mapping[int, float] | None = None,
) -> str | None:
    """The nudge due at `hour` on `today` given the last active day, or None when none is.
    `pains`: each day's pain before by day number (`days.day_number`); when the latest marks
    a flare (`pain.flare_now`), the nudge suggests a few gentle minutes, not the usual."""
    if last is None:
        return FIRST
    flare = pains is not None and flare_now(pains, day_number(today))
    idle = idle_days(day_number(last), day_number(today))
    if idle >= inactive_days:
        return (FLARE_INACTIVE if flare else INACTIVE).format(days=idle)
    if last < today and hour >= nudge_hour:
        return FLARE_EVENING if flare else EVENING
    return None
