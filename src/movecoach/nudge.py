"""`movecoach nudge`: a warning before inactivity sets in, fast enough for a shell prompt.

It runs on every prompt, so the entry point answers it here with the standard library only:
no Typer, Rich or dataclasses are imported, and only the newest year of the log is read
through the log's cache. Exit 1 means a nudge is due, 0 means all is well, 2 means the log
needs fixing.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence

DEFAULT_HOUR = 18
DEFAULT_INACTIVE_DAYS = 2
DUE, QUIET, BROKEN = 1, 0, 2

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
USAGE = """\
Usage: movecoach nudge [OPTIONS]

  Print one line and exit 1 when a nudge to move is due; print nothing and exit 0
  otherwise. Made for a shell prompt, a login script or a timer.

  A nudge is due when nothing is logged today and it is past the nudge hour (18:00
  by default), or at any hour once 2 or more whole days have passed since the last
  session. A broken log prints one warning line and exits 2.

Options:
  --quiet  Print nothing; only set the exit code.
  --help   Show this message and exit.
"""


def message(
    last: dt.date | None,
    now: dt.datetime,
    nudge_hour: int = DEFAULT_HOUR,
    inactive_days: int = DEFAULT_INACTIVE_DAYS,
) -> str | None:
    """The nudge due at `now` given the last active day, or None when none is due."""
    today = now.date()
    if last is None:
        return FIRST
    idle = (today - last).days - 1  # whole days between the last session and today
    if idle >= inactive_days:
        return INACTIVE.format(days=idle)
    if last < today and now.hour >= nudge_hour:
        return EVENING
    return None


def last_active(active: Iterable[dt.date], today: dt.date) -> dt.date | None:
    return max((d for d in active if d <= today), default=None)


def run(args: Sequence[str]) -> int | None:
    """Answer `movecoach nudge ARGS`; None when the arguments need the full CLI."""
    quiet = False
    for arg in args:
        if arg in ("--quiet", "-q"):
            quiet = True
        elif arg == "--help":
            print(USAGE, end="")
            return 0
        else:
            return None  # let the full CLI report the bad option
    from movecoach import paths
    from movecoach.errors import MovecoachError
    from movecoach.log import Log

    now = dt.datetime.now()
    today = now.date()
    try:
        hour, inactive = DEFAULT_HOUR, DEFAULT_INACTIVE_DAYS
        log = Log(paths.log_dir(), paths.cache_dir())
        last = None
        for year in sorted((y for y in log.years() if y <= today.year), reverse=True):
            last = last_active(log.active_dates([year]), today)
            if last is not None:
                break
    except MovecoachError as err:
        if not quiet:
            print(f"movecoach: warning: {err}", file=sys.stderr)
        return BROKEN
    text = message(last, now, hour, inactive)
    if text is None:
        return QUIET
    if not quiet:
        print(text)
    return DUE
