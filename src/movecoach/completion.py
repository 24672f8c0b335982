"""The words shell completion offers: exercise ids, session ids, settings and their values,
categories, equipment, tags and backups. No Typer and no Rich (`cli.py` wires these to the
options), and nothing printed.

Completion runs on every Tab, so each function reads as little as it can: the catalogue and
the log come through the one cache, session ids are read from the newest log file back and
only until enough are found (older years are never read for an empty word), and the
settings only decide where the files are. Every function returns (word, help) pairs in the
order to show them; anything that goes wrong (a broken file, an unreadable folder) just
means fewer words, never an error in the middle of a command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from movecoach.core.models import CATEGORIES, EQUIPMENT, TAGS, Checkin, DayEntry, Exercise, Session
from movecoach.errors import MovecoachError
from movecoach.store import paths as paths_module
from movecoach.store.paths import Paths

Words = list[tuple[str, str]]  # (word, help shown beside it by zsh, fish and PowerShell)
Logged = Session | Checkin | DayEntry  # the records a command names by id
SESSIONS_SHOWN = 30  # session ids offered at most, newest first
NUMBERS_SHOWN = 31  # a setting's whole numbers are all offered up to this many


def quietly(find: Callable[[], Words]) -> Words:
    """`find()`, or nothing when a file or folder cannot be read."""
    try:
        return find()
    except (MovecoachError, OSError, ValueError):
        return []


def _paths() -> Paths:
    from movecoach.store import settings
    from movecoach.store.memo import Memo

    memo = Memo(str(paths_module.cache_dir()), readonly=True)
    return Paths(settings.load(paths_module.config_file(), memo))


def _catalogue(places: Paths) -> tuple[Exercise, ...]:
    from movecoach.store import catalogue

    return catalogue.load(places.exercises_file, str(places.cache_dir))[0]


def matching(words: Iterable[tuple[str, str]], incomplete: str) -> Words:
    return [(word, help) for word, help in words if word.startswith(incomplete)]


# --- the catalogue ----------------------------------------------------------------------------


def exercise_ids(incomplete: str) -> Words:
    """Every exercise id, bundled and the user's own, with its name."""
    return quietly(lambda: matching(((e.id, e.name) for e in _catalogue(_paths())), incomplete))


def categories(incomplete: str) -> Words:
    return matching(((c, "category") for c in CATEGORIES), incomplete)


def equipment(incomplete: str) -> Words:
    """Equipment words; after a comma, the list so far with one more (`chair,b` gives
    `chair,band`), as `--equipment chair,band` takes them."""
    done, _, last = incomplete.rpartition(",")
    head = f"{done}," if done else ""
    taken = set(done.split(",")) if done else set()
    words = [w for w in (*EQUIPMENT, "none") if w not in taken and w.startswith(last)]
    return [(head + w, "equipment") for w in words]


def tags(incomplete: str) -> Words:
    """The tags `exercises --tag` takes, each with how many exercises carry it (just the
    tags when the catalogue cannot be read)."""

    def found() -> Words:
        counts = dict.fromkeys(TAGS, 0)
        for exercise in _catalogue(_paths()):
            for tag in exercise.tags:
                if tag in counts:
                    counts[tag] += 1
        return matching(((t, f"{n} exercises") for t, n in counts.items()), incomplete)

    return quietly(found) or matching(((t, "tag") for t in TAGS), incomplete)


# --- the log ----------------------------------------------------------------------------------


def session_ids(incomplete: str) -> Words:
    """The ids `delete`, `show` and `edit` take (sessions, check-ins, and rest, flare and
    pain days), newest first, with the day and the minutes (or what it is): the newest log
    file is read first, and an older one only while fewer than `SESSIONS_SHOWN` have been
    found."""
    return quietly(lambda: _session_ids(_paths(), incomplete))


def _session_ids(places: Paths, incomplete: str) -> Words:
    from movecoach.store.log import Log

    log = Log(places.log_dir, places.cache_dir)
    found: dict[str, Logged] = {}
    deleted: set[str] = set()
    for path in reversed(log.files()):  # by the year in the name, newest first
        try:
            records = log.records_of(path)
        except MovecoachError:
            continue  # a broken file: complete from the others
        deleted.update(d.id for d in records.deleted)
        ids: tuple[Logged, ...] = (*records.sessions, *records.checkins, *records.days)
        found.update((r.id, r) for r in ids if r.id.startswith(incomplete))
        if len(found.keys() - deleted) >= SESSIONS_SHOWN:
            break
    log.memo.flush()
    newest = sorted(
        (r for r in found.values() if r.id not in deleted),
        key=_newest_first,
        reverse=True,
    )
    return [(r.id, _described(r)) for r in newest[:SESSIONS_SHOWN]]


def _newest_first(record: Logged) -> tuple[dt.date, dt.time, dt.datetime]:
    from movecoach.store.log import NEVER

    time = record.time if isinstance(record, Session) else None
    return (record.date, time or dt.time.min, record.logged or NEVER)


def _described(record: Logged) -> str:
    if isinstance(record, Session):
        what = f"{record.minutes} min"
    else:
        what = "check-in" if isinstance(record, Checkin) else f"{record.kind} day"
    return f"{record.date.isoformat()} · {what}"


def backup_names(incomplete: str) -> Words:
    """The backups `restore` takes, newest first, with the file and when it was taken."""

    def found() -> Words:
        from movecoach.store import backups

        folder = _paths().backups_dir
        listed = (
            (path.name, f"{backups.target_name(path)}, {backups.taken(path)}")
            for path in backups.listing(folder)
        )
        return matching(listed, incomplete)

    return quietly(found)


# --- settings ---------------------------------------------------------------------------------


def setting_keys(incomplete: str) -> Words:
    from movecoach.store.settings import SETTINGS

    return matching(((s.name, s.help) for s in SETTINGS), incomplete)


def setting_values(key: str | None, incomplete: str) -> Words:
    """The values `config set KEY` takes: a choice's words, true and false, equipment lists,
    whole numbers (all of a short range; else the ends and the default); a path or a device
    name is the user's own."""
    from movecoach.store.settings import BY_NAME

    setting = BY_NAME.get(key or "")
    if setting is None:
        return []
    if setting.kind == "choice":
        return matching(((c, setting.help) for c in setting.choices), incomplete)
    if setting.kind == "bool":
        return matching((("true", ""), ("false", "")), incomplete)
    if setting.kind == "equipment":
        return equipment(incomplete)
    if setting.kind == "int" and setting.low is not None and setting.high is not None:
        return _numbers(setting.low, setting.high, setting.default, incomplete)
    return []


def _numbers(low: int, high: int, default: int, incomplete: str) -> Words:
    every = range(low, high + 1)
    if len(every) > NUMBERS_SHOWN and not incomplete:  # too many to list: ends and default
        shown = dict.fromkeys((low, default, high))
        return [(str(n), "default" if n == default else "") for n in shown]
    found = [(str(n), "default" if n == default else "") for n in every]
    return matching(found, incomplete)[:NUMBERS_SHOWN]


def kinds(incomplete: str) -> Words:
    from movecoach.store.transfer import KINDS

    return matching(((k, "records") for k in KINDS), incomplete)


def formats(incomplete: str) -> Words:
    return matching((("csv", "spreadsheet"), ("json", "JSON")), incomplete)


def platforms(incomplete: str) -> Words:
    from movecoach.core.timers import PLATFORMS

    return matching(((name, "remind --platform") for name in PLATFORMS), incomplete)
