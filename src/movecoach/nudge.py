"""`movecoach nudge`: a warning before inactivity sets in, fast enough for a shell prompt.

It runs on every prompt, so the entry point answers it here before Typer and Rich load. The
usual answer comes from the one cache (`store.memo`), read-only, with `os`, `marshal` and
`time`; the rules are the shared ones (`core.days`, `core.reminders`). When the cache
cannot answer (a log never read before, or a broken file), the full log is read instead.
Exit 1 means a nudge is due, 0 means all is well, 2 means the log or settings need fixing.
"""

from __future__ import annotations

import os
import sys

from movecoach.core import days, reminders

DUE, QUIET, BROKEN = 1, 0, 2
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


class Unanswered(Exception):
    """The cache alone cannot answer: read the TOML files instead."""


def newest_active_day(log_dir: str, cache_dir: str, today: str) -> str | None:
    """The newest day up to `today` that has a session, or None when the log is empty,
    answered from the cache alone; `Unanswered` when that cannot be done. Every file is
    checked, as every command does: a broken one (never cached) must say so."""
    from movecoach.store.logfile import log_file_name
    from movecoach.store.memo import Memo

    try:
        names = os.listdir(log_dir)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise Unanswered from err
    memo = Memo(cache_dir, readonly=True)
    active: dict[int, str] = {}
    for name in names:
        if log_file_name(name) is None:
            continue
        try:
            digest, _ = memo.digest(os.path.join(log_dir, name))
        except OSError as err:
            raise Unanswered from err
        cached = memo.load(digest, "days")
        if not isinstance(cached, dict) or not isinstance(cached.get("days"), dict):
            raise Unanswered  # never parsed, or broken: the log must say
        active.update((days.day_number(iso), iso) for iso in cached["days"])
    last = days.last_active(active, days.day_number(today))
    return None if last is None else active[last]


def last_active(today: str, log_dir: str | None, cache_dir: str) -> str | None:
    """The newest day up to today with a session: from the cache when it can answer."""
    if log_dir is not None:
        try:
            return newest_active_day(log_dir, cache_dir, today)
        except Unanswered:
            pass
    import datetime as dt
    from pathlib import Path

    from movecoach.store import paths
    from movecoach.store.log import Log

    folder = Path(log_dir) if log_dir is not None else paths.log_dir()
    log = Log(folder, Path(cache_dir))
    day = dt.date.fromisoformat(today)
    log.validate(day.year)  # on a cold start, this year's files; older ones when needed
    for year in sorted((y for y in log.years() if y <= day.year), reverse=True):
        past = [d for d in log.active_dates([year]) if d <= day]
        if past:
            return max(past).isoformat()
    return None


def settings_and_log() -> tuple[int, int, str | None, str]:
    """Nudge hour, inactive days, log folder and cache folder, without platformdirs where
    `paths.fast_dirs` can tell them."""
    from movecoach.store import paths, settings
    from movecoach.store.memo import Memo

    folders = paths.fast_dirs()
    if folders is None:
        config_file, cache_dir = str(paths.config_file()), str(paths.cache_dir())
        log_dir = None
    else:
        config_dir, data_dir, cache_dir = folders
        config_file, log_dir = (
            os.path.join(config_dir, "config.toml"),
            os.path.join(data_dir, "log"),
        )
    current = settings.load(config_file, Memo(cache_dir, readonly=True))
    if current.log_dir:
        log_dir = os.path.expanduser(current.log_dir)
    return current.nudge_hour, current.inactive_days, log_dir, cache_dir


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
    text = reminders.message(last, today, now.tm_hour, hour, idle)
    if text is None:
        return QUIET
    if not quiet:
        print(text)
    return DUE
