"""`movecoach nudge`: a warning before inactivity sets in, fast enough for a shell prompt.

It runs on every prompt, so the entry point answers it here before Typer and Rich load, and
the usual answer comes from the log's cache with only `os`, `json` and `time`: dates are
`YYYY-MM-DD` strings, and the calendar arithmetic is the few lines below. When the cache
cannot answer (a log never read before, or a broken file), the full log is read instead.
Exit 1 means a nudge is due, 0 means all is well, 2 means the log needs fixing.
"""

from __future__ import annotations

import os
import sys

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
  -q, --quiet  Print nothing; only set the exit code.
  --help       Show this message and exit.
"""


def day_number(iso: str) -> int:
    """Days since 1 March of year 0 for a `YYYY-MM-DD` date (only differences matter)."""
    year, month, day = int(iso[0:4]), int(iso[5:7]), int(iso[8:10])
    if month <= 2:
        year -= 1
        month += 12
    return 365 * year + year // 4 - year // 100 + year // 400 + (153 * (month - 3) + 2) // 5 + day


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
    idle = day_number(today) - day_number(last) - 1  # whole days since the last session
    if idle >= inactive_days:
        return INACTIVE.format(days=idle)
    if last < today and hour >= nudge_hour:
        return EVENING
    return None


def last_active(today: str, log_dir: str | None, cache_dir: str | None) -> str | None:
    """The newest day up to today with a session: from the cache when it can answer."""
    from movecoach.store import memo as cache
    from movecoach.store import paths

    if log_dir is not None and cache_dir is not None:
        try:
            return cache.newest_active_day(log_dir, cache.root_for(cache_dir, log_dir), today)
        except cache.Unanswered:
            pass
    import datetime as dt
    from pathlib import Path

    from movecoach.store.log import Log

    folder = Path(log_dir) if log_dir is not None else paths.log_dir()
    log = Log(folder, paths.cache_dir())
    log.validate()
    day = dt.date.fromisoformat(today)
    for year in sorted((y for y in log.years() if y <= day.year), reverse=True):
        past = [d for d in log.active_dates([year]) if d <= day]
        if past:
            return max(past).isoformat()
    return None


def settings_and_log() -> tuple[int, int, str | None, str | None]:
    """Nudge hour, inactive days, log folder and cache folder, without platformdirs where
    `paths.fast_dirs` can tell them."""
    from movecoach.store import paths
    from movecoach.store import settings as config

    folders = paths.fast_dirs()
    if folders is None:
        config_file, cache_dir = str(paths.config_file()), str(paths.cache_dir())
        log_dir = None
    else:
        config_dir, data_dir, cache_dir = folders
        config_file, log_dir = f"{config_dir}/config.toml", f"{data_dir}/log"
    settings = config.cached_load(config_file, cache_dir)
    if settings["log_dir"]:
        log_dir = os.path.expanduser(settings["log_dir"])
    return settings["nudge_hour"], settings["inactive_days"], log_dir, cache_dir


def run(args: list[str]) -> int | None:
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
    import time

    from movecoach.errors import MovecoachError

    now = time.localtime()
    today = f"{now.tm_year:04d}-{now.tm_mon:02d}-{now.tm_mday:02d}"
    try:
        hour, idle, log_dir, cache_dir = settings_and_log()
        last = last_active(today, log_dir, cache_dir)
    except MovecoachError as err:
        if not quiet:
            print(f"movecoach: warning: {err}", file=sys.stderr)
        return BROKEN
    text = message(last, today, now.tm_hour, hour, idle)
    if text is None:
        return QUIET
    if not quiet:
        print(text)
    return DUE
