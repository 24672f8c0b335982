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

# Each fits 80 columns (a prompt, a notification); a narrower terminal gets it wrapped.
FIRST = "movecoach: no sessions logged yet. Begin with 10 easy minutes: `movecoach today`"
EVENING = "movecoach: no movement logged today. 10 gentle minutes help: `movecoach today`"
INACTIVE = "movecoach: {days} days without a session; backs stiffen at rest: `movecoach today`"
# On a flare day (the latest pain level is 2 or more above the user's usual, `core.pain`): not
# the usual 10 minutes, but a few gentle ones, or the flare routine.
FLARE_EVENING = "movecoach: your pain is up (a flare); 5 gentle minutes help: `movecoach flare`"
FLARE_INACTIVE = (
    "movecoach: {days} days since a session; your pain is up (a flare): `movecoach flare`"
)


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
    pains: Mapping[int, float] | None = None,
) -> str | None:
    """The nudge due at `hour` on `today` given the last active day, or None when none is.
    `pains`: each day's pain level by day number (`days.day_number`, `pain.level`); when the
    latest marks a flare (`pain.flare_now`), the nudge suggests a few gentle minutes, not the
    usual."""
    if last is None:
        return FIRST
    flare = pains is not None and flare_now(pains, day_number(today))
    idle = idle_days(day_number(last), day_number(today))
    if idle >= inactive_days:
        return (FLARE_INACTIVE if flare else INACTIVE).format(days=idle)
    if last < today and hour >= nudge_hour:
        return FLARE_EVENING if flare else EVENING
    return None


DESK = (
    "movecoach: {minutes} minutes without moving. A short desk break eases a sore back: "
    "`movecoach break`."
)
BREAK_EVERY = 90  # minutes: `nudge --break` without `--every`
WORKING_HOURS = (9 * 60, 17 * 60)  # `nudge --break` without `--between`


def break_message(
    last_moved: int | None, now: int, every: int, hours: tuple[int, int] = WORKING_HOURS
) -> str | None:
    """The desk-break nudge due at `now`, or None. Times are minutes after midnight today:
    `last_moved` is when today's latest session ended (None: nothing logged today). Due
    inside `hours` once `every` minutes have passed since the later of that and the start
    of the hours; never outside them."""
    start, end = hours
    if not start <= now <= end:
        return None
    since = start if last_moved is None else max(last_moved, start)
    idle = now - since
    return DESK.format(minutes=idle) if idle >= every else None


# --- durations and hours, as typed (`--snooze 30m`, `--every 90m`, `--between 09:00-17:00`) ---

MAX_MINUTES = 24 * 60
_UNITS = {"m": 1, "min": 1, "h": 60}


def parse_minutes(text: str) -> int | None:
    """Minutes from `30m`, `2h`, `1h30m`, `45min` or a bare `90` (minutes); None unless it
    is 1 minute to 24 hours written that way."""
    word = text.strip().lower()
    total, number = 0, ""
    index = 0
    while index < len(word):
        char = word[index]
        if "0" <= char <= "9":
            number += char
            index += 1
            continue
        unit = "min" if word.startswith("min", index) else char
        if not number or unit not in _UNITS:
            return None
        total += int(number) * _UNITS[unit]
        number, index = "", index + len(unit)
    total += int(number) if number else 0
    return total if word and 0 < total <= MAX_MINUTES else None


def parse_clock(text: str) -> int | None:
    """Minutes after midnight from `HH:MM` (00:00 to 23:59; `24:00` for the end of a day)."""
    hours, colon, minutes = text.strip().partition(":")
    if not colon or len(minutes) != 2 or not (hours + minutes).isdigit() or len(hours) > 2:
        return None
    if not (hours + minutes).isascii():
        return None
    value = int(hours) * 60 + int(minutes)
    return value if int(minutes) < 60 and value <= MAX_MINUTES else None


def parse_span(text: str) -> tuple[int, int] | None:
    """(start, end) minutes after midnight from `09:00-17:00`; the end after the start."""
    start, dash, end = text.strip().partition("-")
    first, last = parse_clock(start), parse_clock(end)
    if not dash or first is None or last is None or last <= first:
        return None
    return first, last


def clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
