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

from movecoach.core import days, pain, reminders

TYPE_CHECKING = False  # typing costs 4 ms on the nudge's path; mypy reads this block
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping, Sequence
    from typing import Any

    from movecoach.store.log import Log
    from movecoach.store.memo import Memo

DUE, QUIET, BROKEN = 1, 0, 2
USAGE = """\
Usage: movecoach nudge [OPTIONS]

  Print one line and exit 1 when a nudge to move is due; print nothing and exit 0
  otherwise. Made for a shell prompt, a login script or a timer.

  A nudge is due when nothing is logged today and it is past the nudge hour
  (18:00 by default), or at any hour once 2 or more whole days have passed since
  the last session. A rest or flare day that keeps your streak counts as a day
  with a session. On a flare day (your latest pain, before a session or from
  `movecoach pain`, is 2 or more above your usual) it suggests a few gentle
  minutes instead of the usual 10. A broken log prints one warning line and
  exits 2.

Options:
  -q, --quiet          Print nothing; only set the exit code.
  --json               Print {"due": true|false, "message": "..."|null} (even with
                       --quiet); "due" is null and "error" says why when the log needs
                       fixing; "snoozed_until" says until when it is quiet.
  --notify             Also show the nudge as a desktop notification (notify-send,
                       osascript or a Windows toast); without one, a note on stderr.
  --snooze DURATION    Stay quiet for this long (30m, 2h, 1h30m; up to 24h), or `off`.
  --break              Instead: exit 1 with a line when nothing has been logged for
                       --every (90m) inside --between (09:00-17:00): time for
                       `movecoach break`.
  --every DURATION     With --break: how long without moving is too long.
  --between HH:MM-HH:MM
                       With --break: the hours that count (your working day).
  -h, --help           Show this message and exit.
"""


class Unanswered(Exception):
    """The cache alone cannot answer: read the TOML files instead."""


def newest_active_day(
    log_dir: str, cache_dir: str, today: str, rest_days: int = 1, first_weekday: int = 0
) -> tuple[str | None, dict[int, float]]:
    """The newest day up to `today` that keeps the streak (a session, a flare day, or a
    planned rest day within the week's allowance), or None when there is none; and the
    recent days' pain levels the flare rule reads (`recent_levels`). Answered from the cache
    alone; `Unanswered` when that cannot be done. Every file is checked, as every command
    does (a broken one, never cached, must say so); then files are read newest first, only
    until the answer cannot change."""
    from movecoach.store.memo import Memo

    try:
        names = os.listdir(log_dir)
    except FileNotFoundError:
        return None, {}
    except OSError as err:
        raise Unanswered from err
    memo = Memo(cache_dir, readonly=True)
    found = [cached_summary(memo, os.path.join(log_dir, n)) for n in names if is_log(n)]
    found.sort(key=lambda pair: max(pair[1].get("years") or [0]), reverse=True)
    number = days.day_number(today)
    rows, isos, last = _newest_first(memo, found, number, rest_days, first_weekday)
    summaries = [summary for _, summary in found]
    tombstones = [days.day_number(date) for s in summaries for _, date in s.get("tombs") or ()]
    if not days.totals_add_up(tombstones, (), first_read(last, number, first_weekday)):
        raise Unanswered  # a removed record the rows still count could change the answer
    return (None if last is None else isos[last]), recent_levels(rows, today)


def _newest_first(
    memo: Memo, found: list[tuple[str, dict[str, Any]]], today: int, rest_days: int, first: int
) -> tuple[dict[int, list[int]], dict[int, str], int | None]:
    """The per-day rows (and their dates) of the files read, newest year first, until the
    files left cannot change the last kept day; and that day's number (None: none)."""
    rows: dict[int, list[int]] = {}
    isos: dict[int, str] = {}
    last = None
    oldest = 9999
    seen: set[str] | None = set() if len(found) > 1 else None
    for index, (digest, summary) in enumerate(found):
        if summary.get("unread"):  # set aside on a cold start, and needed now
            raise Unanswered
        adding_up(memo, digest, seen)
        add_rows(rows, isos, summary["days"])
        oldest = min(oldest, *(summary.get("years") or [oldest]))
        kept = days.kept_days(*days.marks(rows.items()), rest_days, first)
        last = days.last_active(kept, today)
        if settled(last, oldest, [s for _, s in found[index + 1 : index + 2]], today, first):
            break
    return rows, isos, last


def first_read(last: int | None, today: int, first_weekday: int) -> int:
    """The first day the answer depends on: the week of the last kept day (its rest
    allowance), or the days the flare rule reads, whichever is earlier. A record removed
    from before it cannot change the answer."""
    levels = today - pain.FLARE_NOW_DAYS - pain.BASELINE_DAYS
    return levels if last is None else min(levels, days.week_of(last, first_weekday))


def is_log(name: str) -> bool:
    """A log file, or a sync tool's conflict copy of one (both are read)."""
    from movecoach.store.logfile import conflict_copy_of, log_file_name

    return log_file_name(name) is not None or conflict_copy_of(name) is not None


def settled(
    last: int | None, oldest: int, unread: list[dict[str, Any]], today: int, first: int
) -> bool:
    """Whether the files not read yet can change neither the answer nor the recent pain
    levels: they hold no day of the years read (files are read newest year first, so the
    next one says), and the week of the last kept day and the days the flare rule reads lie
    inside the years read."""
    if unread and max(unread[0].get("years") or [0]) >= oldest:
        return False
    start = days.day_number(f"{oldest:04d}-01-01")
    needed = today - pain.FLARE_NOW_DAYS - pain.BASELINE_DAYS
    return last is not None and days.week_of(last, first) >= start and needed >= start


def cached_summary(memo: Memo, path: str) -> tuple[str, dict[str, Any]]:
    """The hash of one log file's bytes and the summary the cache keeps of it; `Unanswered`
    when it holds nothing usable for them. A file a cold start set aside unread (and
    unchanged since) has a stand-in, `unread`, dated by its name's year, as every command
    sees it until it needs the file (`Log.validate`)."""
    try:
        if memo.deferred(path, os.stat(path)):
            from movecoach.store.logfile import name_year

            return "", {"years": [name_year(os.path.basename(path))], "unread": True}
        digest, _ = memo.digest(path)
    except OSError as err:
        raise Unanswered from err
    cached = memo.load(digest, "days")
    if not isinstance(cached, dict) or not isinstance(cached.get("days"), dict):
        raise Unanswered  # never parsed, or broken: the log must say
    return digest, cached


def adding_up(memo: Memo, digest: str, seen: set[str] | None) -> None:
    """`Unanswered` unless this file's rows can be added to those of the files read before
    it: no id in two files (`days.totals_add_up`; `seen`, the ids read so far, is None when
    the log is one file); then its ids join `seen`. Else the full log merges the records."""
    if seen is None:
        return
    cached = memo.load(digest, "ids")
    if not isinstance(cached, dict) or not isinstance(cached.get("text"), str):
        raise Unanswered
    text = cached["text"]
    ids = text[1:-1].split("\n") if len(text) > 1 else []
    if not days.totals_add_up((), [seen, ids]):
        raise Unanswered
    seen.update(ids)


def add_rows(rows: dict[int, list[int]], isos: dict[int, str], found: dict[str, list[int]]) -> None:
    """Add one file's per-day rows to `rows` (by day number), summing days two files share."""
    for iso, row in found.items():
        number = days.day_number(iso)
        isos[number] = iso
        old = rows.get(number)
        rows[number] = row if old is None else [a + b for a, b in zip(old, row, strict=False)]


def recent_levels(rows: Mapping[int, Sequence[int]], today: str) -> dict[int, float]:
    """The pain levels of the days the flare rule reads on `today` (`pain.flare_now`): the
    last FLARE_NOW_DAYS and the 14 days before each of them."""
    since = days.day_number(today) - pain.FLARE_NOW_DAYS - pain.BASELINE_DAYS
    return pain.row_levels({number: row for number, row in rows.items() if number >= since})


def last_active(
    today: str, log_dir: str | None, cache_dir: str, rest_days: int = 1, first_weekday: int = 0
) -> tuple[str | None, dict[int, float]]:
    """The newest day up to today that keeps the streak, and the recent days' pain levels:
    from the cache when it can answer, else from the log itself."""
    if log_dir is not None:
        try:
            return newest_active_day(log_dir, cache_dir, today, rest_days, first_weekday)
        except Unanswered:
            pass
    return from_log(today, log_dir, cache_dir, rest_days, first_weekday)


def from_log(
    today: str, log_dir: str | None, cache_dir: str, rest_days: int, first_weekday: int
) -> tuple[str | None, dict[int, float]]:
    """`last_active` from the log files themselves, when the cache cannot answer."""
    import datetime as dt
    from pathlib import Path

    from movecoach.store import paths
    from movecoach.store.log import Log

    folder = Path(log_dir) if log_dir is not None else paths.log_dir()
    log = Log(folder, Path(cache_dir))
    day = dt.date.fromisoformat(today)
    log.validate(day.year)  # on a cold start, this year's files; older ones when needed
    try:  # the cache now knows this year: often the answer needs no more
        return newest_active_day(str(folder), cache_dir, today, rest_days, first_weekday)
    except Unanswered:
        pass
    recent = log.days(y for y in log.years() if day.year - 1 <= y <= day.year)
    levels = recent_levels({d.toordinal(): row.as_row() for d, row in recent.items()}, today)
    return _last_kept(log, day, rest_days, first_weekday), levels


def _last_kept(log: Log, day: dt.date, rest_days: int, first_weekday: int) -> str | None:
    """The newest day up to `day` that keeps the streak, from the log's records."""
    for year in sorted((y for y in log.years() if y <= day.year), reverse=True):
        # the year before too: its last rest days count in the week of 1 January
        kept = log.kept_dates([year - 1, year], rest_days, first_weekday)
        past = [d for d in kept if d.year == year and d <= day]
        if past:
            return max(past).isoformat()
    return None


def folders() -> tuple[str, str | None, str, str]:
    """The config file, log folder (None: ask `paths`), cache folder and state folder,
    without platformdirs where `paths.fast_dirs` can tell them."""
    from movecoach.store import paths

    found = paths.fast_dirs()
    if found is None:
        config, cache = str(paths.config_file()), str(paths.cache_dir())
        return config, None, cache, str(paths.state_dir())
    config_dir, data_dir, cache, state = found
    return os.path.join(config_dir, "config.toml"), os.path.join(data_dir, "log"), cache, state


def settings_and_log(
    config_file: str, log_dir: str | None, cache_dir: str
) -> tuple[int, int, str | None, int, int]:
    """Nudge hour, inactive days, the log folder (the `log_dir` setting wins), rest days a
    week and the first day of a week."""
    from movecoach.store import settings
    from movecoach.store.memo import Memo

    current = settings.load(config_file, Memo(cache_dir, readonly=True))
    if current.log_dir:
        log_dir = os.path.expanduser(current.log_dir)
    return (
        current.nudge_hour,
        current.inactive_days,
        log_dir,
        current.rest_days,
        current.first_weekday,
    )


class Usage(Exception):
    """A bad value on the command line: one line on stderr, exit 2."""


FLAGS = {
    "-q": "quiet",
    "--quiet": "quiet",
    "--json": "json",
    "--notify": "notify",
    "--break": "desk",
    "-h": "help",
    "--help": "help",
}
# options that take a value, by the name they set
VALUED = {"--snooze": "snooze", "--every": "every", "--between": "between"}


class Options:
    """The nudge's options, read by hand: argparse would cost a shell prompt 10 ms."""

    def __init__(self) -> None:
        self.quiet = self.json = self.notify = self.desk = self.help = False
        self.values: dict[str, str] = {}


def parse(args: list[str]) -> Options | None:
    """The options of `movecoach nudge ARGS`; None for an option it does not know, so the
    full CLI reports it; `Usage` for an option without its value."""
    options = Options()
    items = iter(args)
    for arg in items:
        name, eq, value = arg.partition("=")
        if name in FLAGS and not eq:
            setattr(options, FLAGS[name], True)
        elif name in VALUED:
            if not eq:
                given = next(items, None)
                if given is None:
                    raise Usage(f"{name} needs a value")
                value = given
            options.values[VALUED[name]] = value
        else:
            return None
    return options


def run(args: list[str]) -> int | None:
    """Answer `movecoach nudge ARGS`; None when the arguments need the full CLI."""
    try:
        options = parse(args)
        if options is None:
            return None  # let the full CLI report the bad option
        if options.help:
            say(USAGE.rstrip("\n"))
            return 0
        return answered(options)
    except Usage as err:
        print(f"movecoach: {err}", file=sys.stderr)
        return BROKEN


def answered(options: Options) -> int:
    """The nudge's answer to these options: printed, and as the exit code."""
    import time

    from movecoach.errors import MovecoachError
    from movecoach.store import state

    rhythm = break_rhythm(options) if options.desk else None
    if rhythm is None and ("every" in options.values or "between" in options.values):
        raise Usage("--every and --between go with --break")
    config_file, log_dir, cache_dir, state_dir = folders()
    try:
        if "snooze" in options.values:
            return snooze(options, state_dir, int(time.time()))
        until = state.snoozed_until(state_dir)
        if until is not None and until > time.time():
            return answer(options, None, snoozed_until=when(until))
        now = time.localtime()
        today = f"{now.tm_year:04d}-{now.tm_mon:02d}-{now.tm_mday:02d}"
        hour, idle, log_dir, rest_days, first_weekday = settings_and_log(
            config_file, log_dir, cache_dir
        )
        if rhythm is not None:
            moved = last_moved(today, log_dir, cache_dir)
            minute = now.tm_hour * 60 + now.tm_min
            return answer(options, reminders.break_message(moved, minute, *rhythm))
        last, levels = last_active(today, log_dir, cache_dir, rest_days, first_weekday)
    except MovecoachError as err:
        if not options.quiet:
            print(f"movecoach: warning: {err}", file=sys.stderr)
        if options.json:
            say(json_object(due=None, message=None, error=str(err)))
        return BROKEN
    return answer(options, reminders.message(last, today, now.tm_hour, hour, idle, levels))


def break_rhythm(options: Options) -> tuple[int, tuple[int, int]]:
    """`--every` and `--between` of `--break`, or their defaults (90m, 09:00-17:00)."""
    every, hours = reminders.BREAK_EVERY, reminders.WORKING_HOURS
    if "every" in options.values:
        found = reminders.parse_minutes(options.values["every"])
        if found is None:
            raise Usage(f"--every takes a time like 90m or 1h30m, not {options.values['every']!r}")
        every = found
    if "between" in options.values:
        span = reminders.parse_span(options.values["between"])
        if span is None:
            given = options.values["between"]
            raise Usage(f"--between takes hours like 09:00-17:00, not {given!r}")
        hours = span
    return every, hours


def last_moved(today: str, log_dir: str | None, cache_dir: str) -> int | None:
    """When today's latest session ended, in minutes after midnight (its start plus its
    minutes; a session without a time counts from when it was logged); None when nothing is
    logged today. Read from the log itself: the cache's day totals hold no times."""
    import datetime as dt
    from pathlib import Path

    from movecoach.store import paths
    from movecoach.store.log import Log

    log = Log(Path(log_dir) if log_dir is not None else paths.log_dir(), Path(cache_dir))
    day = dt.date.fromisoformat(today)
    log.validate(day.year)  # as `last_active`: this year's files are the ones read
    ends = []
    for session in log.sessions(window=(day, day)):
        if session.time is not None:
            ends.append(session.time.hour * 60 + session.time.minute + session.minutes)
        elif session.logged is not None and session.logged.date() == day:
            ends.append(session.logged.hour * 60 + session.logged.minute)
    return max(ends, default=None)


def answer(options: Options, text: str | None, **extra: object) -> int:
    """Print the nudge (its line, or its JSON), show it on the desktop with `--notify`, and
    return its exit code; a desktop without a notifier changes nothing but a note."""
    if options.json:
        say(json_object(due=text is not None, message=text, **extra))
    elif text is not None and not options.quiet:
        say(fitted(text))
    if text is not None and options.notify:
        from movecoach import desktop

        problem = desktop.notify(text.removeprefix("movecoach: "))
        if problem is not None and not options.quiet:
            print(f"movecoach: note: {problem}", file=sys.stderr)
    return QUIET if text is None else DUE


def snooze(options: Options, state_dir: str, now: int) -> int:
    """`--snooze 30m`: quiet until then; `--snooze off` ends it."""
    from movecoach.store import state

    value = options.values["snooze"]
    if value.strip().lower() == "off":
        state.set_snooze(state_dir, None)
        line, until = "movecoach: nudges are on again.", None
    else:
        minutes = reminders.parse_minutes(value)
        if minutes is None:
            raise Usage(
                f"--snooze takes a time like 30m, 2h or 1h30m (up to 24h), or off, not {value!r}"
            )
        until = now + minutes * 60
        state.set_snooze(state_dir, until)
        line = f"movecoach: nudges are quiet until {when(until, now)}."
    if options.json:
        say(
            json_object(
                due=False, message=None, snoozed_until=None if until is None else when(until)
            )
        )
    elif not options.quiet:
        say(fitted(line))
    return QUIET


def fitted(text: str) -> str:
    """A line wrapped to the terminal's width (one line in a pipe)."""
    from movecoach.store import paths

    return reminders.wrapped(text, paths.columns())


def when(epoch: int, now: int | None = None) -> str:
    """A moment in local time: `19:30`, with the day when it is not today's (`Wed 07:30`);
    without `now`, as ISO `2026-03-10T19:30` for JSON."""
    import time

    moment = time.localtime(epoch)
    if now is None:
        return time.strftime("%Y-%m-%dT%H:%M", moment)
    same_day = time.localtime(now)[:3] == moment[:3]
    return time.strftime("%H:%M" if same_day else "%a %H:%M", moment)


def json_object(**fields: object) -> str:
    """A one-line JSON object of text, whole numbers, true, false and null, written without
    the `json` module (the prompt would pay 4 ms for it); only ASCII, whatever the stdout."""
    return "{" + ", ".join(f"{json_value(k)}: {json_value(v)}" for k, v in fields.items()) + "}"


def json_value(value: object) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    out = []
    for char in str(value):
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code > 0xFFFF:  # outside the basic plane: a surrogate pair, as JSON spells it
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def say(text: str) -> None:
    """One line on stdout, now; a reader that has gone away (`nudge | true`) is no error:
    the exit code is still the answer."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
