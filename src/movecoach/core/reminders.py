"""When a reminder to move is due, and what it says: the rule behind `movecoach nudge`.

Pure and free of imports at run time (the nudge answers a shell prompt); days are ISO
`YYYY-MM-DD` strings, counted by the same day rules as every streak (`core.days`).
"""

from __future__ import annotations

from movecoach.core.days import day_number, idle_days

DEFAULT_HOUR = 18
DEFAULT_INACTIVE_DAYS = 2

# Each fits 80 columns (a prompt, a notification); a narrower terminal gets it wrapped.
FIRST = "movecoach: no sessions logged yet. Begin with 10 easy minutes: `movecoach today`"
EVENING = "movecoach: no movement logged today. 10 gentle minutes help: `movecoach today`"
INACTIVE = "movecoach: {days} days without a session; backs stiffen at rest: `movecoach today`"


def wrapped(text: str, width: int | None) -> str:
    """`text` broken at spaces into lines of at most `width` (None: one line)."""
    if width is None or len(text) <= width:
        return text
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


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
