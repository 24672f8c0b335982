"""The records every layer shares, and the one constructor that says what a valid one is.

`make_session`, `make_exercise` and `plan_options` are the only places that decide whether a
value is acceptable; the log file reader, `movecoach log`, `import` (CSV and JSON), the guided
session and `check` all build records through them, so they cannot disagree. A bad value
raises `RecordError` naming the field; the caller adds where the value came from.

The constructors take Python values (a `date`, an `int`). Text typed by a user or read from
CSV and JSON goes through the strict parsers below first (`parse_date`, `parse_time`,
`parse_whole`), which accept ASCII digits only, so Arabic-Indic or full-width digits are refused
everywhere alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar, dataclass_transform

from movecoach.errors import RecordError

CATEGORIES = ("mobility", "stretch", "strength", "aerobic", "relaxation")
# Where the body is, in the order a plan moves through them (or the reverse): up on your feet,
# sitting, kneeling upright, on hands and knees, lying face down, lying on your back or side.
POSITIONS = ("standing", "sitting", "kneeling", "all-fours", "face-down", "lying")
EQUIPMENT = ("chair", "wall", "towel", "band", "bike", "pool")
# What a rule may need to know about an exercise: `floor` (you get down onto the floor),
# `kneeling`, `in-bed` (can be done lying or sitting in bed), `desk` (at a desk or standing,
# to break up sitting), `extension` and `flexion` (bends the back backwards or forwards),
# `nerve` (moves the sciatic nerve).
TAGS = ("floor", "kneeling", "in-bed", "desk", "extension", "flexion", "nerve")
MAX_PAIN = 10
FIRST_DAY = dt.date(1900, 1, 1)  # nothing earlier is a day anyone logged; keeps day maths finite
MAX_SESSION_MINUTES = 600
MAX_NOTE_LENGTH = 1000
MAX_ID_LENGTH = 64
MIN_PLAN_MINUTES, MAX_PLAN_MINUTES = 5, 90
MAX_EXERCISE_MINUTES = 60
SESSION_KEYS = (
    "id",
    "date",
    "time",
    "minutes",
    "pain_before",
    "pain_after",
    "exercises",
    "note",
    "logged",
    "leg_pain_before",
    "leg_pain_after",
)
DAY_KINDS = ("rest", "flare", "pain")
DAY_KEYS = ("id", "date", "kind", "pain", "leg_pain", "note", "logged")
CHECKIN_KEYS = ("id", "date", "activities", "scores", "logged")
DELETED_KEYS = ("id", "date", "logged")
_KNOWN: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys) for keys in (SESSION_KEYS, DAY_KEYS, CHECKIN_KEYS, DELETED_KEYS)
}
MAX_CHECKIN_ACTIVITIES = 3
MAX_ACTIVITY_LENGTH = 80
_ASCII_DIGITS = frozenset("0123456789")


class _Frozen:
    """What `@dataclass(frozen=True)` writes for a class (`__init__`, `__repr__`, `__eq__`,
    `__hash__`, no assignment), written once for every record class here instead of
    generated and compiled for each on import: that took 5 ms of every command's start.
    `frozen` below still makes each a dataclass, so `dataclasses.fields` and `replace` work."""

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names, defaults = _spec(type(self))
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} arguments")
        values = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in defaults:
                raise TypeError(f"{type(self).__name__}() got an unexpected argument {key!r}")
            if key in values:
                raise TypeError(f"{type(self).__name__}() got two values for {key!r}")
            values[key] = value
        own = self.__dict__
        for name in names:
            if name in values:
                own[name] = values[name]
            else:
                own[name] = _default(type(self), name, defaults[name])

    def _values(self) -> tuple[Any, ...]:
        own = self.__dict__
        return tuple(own[name] for name in _spec(type(self))[0])

    def __repr__(self) -> str:
        own = self.__dict__
        shown = ", ".join(f"{name}={own[name]!r}" for name in _spec(type(self))[0])
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


_SPECS: dict[type, tuple[tuple[str, ...], dict[str, Any]]] = {}


def _spec(cls: type) -> tuple[tuple[str, ...], dict[str, Any]]:
    """A record class's field names in order, and each one's dataclass `Field`."""
    known = _SPECS.get(cls)
    if known is None:
        fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
        known = _SPECS[cls] = (tuple(fields), fields)
    return known


def _default(cls: type, name: str, spec: Any) -> Any:
    from dataclasses import MISSING

    if spec.default is not MISSING:
        return spec.default
    if spec.default_factory is not MISSING:
        return spec.default_factory()
    raise TypeError(f"{cls.__name__}() is missing the argument {name!r}")


T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """A frozen record class: a dataclass whose methods come from `_Frozen`."""
    return dataclass(init=False, repr=False, eq=False)(cls)


@frozen
class Exercise(_Frozen):
    """One exercise of the catalogue (bundled, or the user's own file)."""

    id: str
    name: str
    category: str
    position: str
    equipment: tuple[str, ...]
    minutes: int
    dose: str
    max_pain: int
    steps: tuple[str, ...]
    caution: str
    benefit: str
    # Aerobic and relaxation work can be done for longer; the planner may stretch it this far.
    max_minutes: int | None = None
    # Holds a position at the end of a range of movement: left out when pain is moderate.
    end_range: bool = False
    # "bundled", or the path of the user's own exercises file.
    source: str = "bundled"
    tags: tuple[str, ...] = ()
    # Keys of the public sources (sources.toml) the exercise is written from.
    sources: tuple[str, ...] = ()

    @property
    def scalable(self) -> bool:
        return self.max_minutes is not None and self.max_minutes > self.minutes

    def as_dict(self, sources: Mapping[str, Source] | None = None) -> dict[str, Any]:
        """The exercise as JSON; with the `sources` table, each source key becomes the
        source's id, title, publisher, year and url (an unknown key keeps just its id)."""
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "position": self.position,
            "equipment": list(self.equipment),
            "tags": list(self.tags),
            "minutes": self.minutes,
            "max_minutes": self.max_minutes,
            "dose": self.dose,
            "max_pain": self.max_pain,
            "end_range": self.end_range,
            "steps": list(self.steps),
            "caution": self.caution,
            "benefit": self.benefit,
            "sources": resolved_sources(self.sources, sources),
            "user": self.source != "bundled",
        }


class Source(NamedTuple):
    """A public source the catalogue and the tips are written from."""

    id: str
    title: str
    publisher: str
    url: str
    year: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "year": self.year,
            "url": self.url,
        }


def resolved_sources(keys: Iterable[str], table: Mapping[str, Source] | None) -> list[Any]:
    """Source keys as JSON: the keys themselves, or with a table each source in full."""
    if table is None:
        return list(keys)
    return [table[key].as_dict() if key in table else {"id": key} for key in keys]


@frozen
class PlanItem(_Frozen):
    """An exercise in a plan, with the minutes given to it."""

    exercise: Exercise
    minutes: int

    @property
    def dose(self) -> str:
        """A block that can run longer (a walk, breathing) says its length before its manner."""
        if self.exercise.max_minutes is not None:
            return f"{self.minutes} min, {self.exercise.dose}"
        return self.exercise.dose

    def as_dict(self, sources: Mapping[str, Source] | None = None) -> dict[str, Any]:
        data = self.exercise.as_dict(sources)
        data["minutes"] = self.minutes
        data["dose"] = self.dose
        return data


@frozen
class Plan(_Frozen):
    """A day's plan: what was asked for, and the exercises chosen."""

    day: dt.date
    minutes: int
    pain: int | None
    equipment: tuple[str, ...]
    items: tuple[PlanItem, ...]
    notes: tuple[str, ...] = ()
    # Leg pain of 2 or more lately shaped the plan: a guided session's stop screen then says
    # to stop a move that sends pain further down the leg.
    leg_pain: bool = False

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(item.exercise.id for item in self.items)

    def as_dict(self, sources: Mapping[str, Source] | None = None) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "minutes": self.minutes,
            "total_minutes": self.total_minutes,
            "pain": self.pain,
            "equipment": list(self.equipment),
            "exercises": [item.as_dict(sources) for item in self.items],
            "notes": list(self.notes),
        }


@frozen
class Session(_Frozen):
    """A logged session. Build one with `make_session`, which checks every field."""

    id: str
    date: dt.date
    minutes: int
    time: dt.time | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    exercises: tuple[str, ...] = field(default_factory=tuple)
    note: str | None = None
    # When it was written to the log (this device's clock): `undo` takes back the newest.
    logged: dt.datetime | None = None
    # Leg pain (sciatica) before and after, 0-10; last so older positional code keeps working.
    leg_pain_before: int | None = None
    leg_pain_after: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "time": self.time.isoformat("minutes") if self.time is not None else None,
            "minutes": self.minutes,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "leg_pain_before": self.leg_pain_before,
            "leg_pain_after": self.leg_pain_after,
            "exercises": list(self.exercises),
            "note": self.note,
        }


@frozen
class DayEntry(_Frozen):
    """A day recorded without a session: a planned rest day, a flare day, or the day's pain.
    Build one with `make_day_entry`."""

    id: str
    date: dt.date
    kind: str  # one of DAY_KINDS
    pain: int | None = None
    leg_pain: int | None = None
    note: str | None = None
    logged: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "type": self.kind,  # "kind" names the record in an export: a day's is its type
            "pain": self.pain,
            "leg_pain": self.leg_pain,
            "note": self.note,
        }


@frozen
class Checkin(_Frozen):
    """A progress check-in (the Patient-Specific Functional Scale): up to three activities the
    user finds hard, each scored 0 (can't do it) to 10 (as before the pain)."""

    id: str
    date: dt.date
    activities: tuple[str, ...]
    scores: tuple[int, ...]
    logged: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "scores": [
                {"activity": activity, "score": score}
                for activity, score in zip(self.activities, self.scores, strict=True)
            ],
        }


@frozen
class Deleted(_Frozen):
    """A tombstone: the record with this id was removed (it may live in another device's
    file, which this device never writes). Every reader leaves that record out."""

    id: str
    date: dt.date  # the removed record's date: the tombstone is filed in that year's file
    logged: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date.isoformat()}


Record = Session | DayEntry | Checkin | Deleted


class Records(NamedTuple):
    """Everything one log file (or the whole log) holds, by kind, in file order."""

    sessions: tuple[Session, ...] = ()
    days: tuple[DayEntry, ...] = ()
    checkins: tuple[Checkin, ...] = ()
    deleted: tuple[Deleted, ...] = ()

    def all(self) -> tuple[Record, ...]:
        return (*self.sessions, *self.days, *self.checkins, *self.deleted)


# --- text typed by a user, or read from CSV and JSON -----------------------------------------


def parse_whole(text: str, name: str) -> int:
    """A whole number written in ASCII digits, perhaps with a minus sign (the constructor
    then says the range); `int()` would also take Arabic-Indic digits, `1_0` or ` 7`."""
    word = text.strip()
    digits = word[1:] if word.startswith("-") else word
    if not digits or not _ASCII_DIGITS.issuperset(digits):
        raise RecordError(name, f"must be a whole number, got {_shown(text)}")
    return int(word)


def parse_date(text: str, name: str = "date") -> dt.date:
    """`YYYY-MM-DD` in ASCII digits, and a real day (not 2026-02-30 or 20260304)."""
    word = text.strip()
    parts = word.split("-")
    if [len(p) for p in parts] == [4, 2, 2] and all(_ASCII_DIGITS.issuperset(p) for p in parts):
        try:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            pass
    raise RecordError(name, f"must be a date as YYYY-MM-DD, like 2026-03-01, got {_shown(text)}")


def parse_time(text: str, name: str = "time") -> dt.time:
    """`HH:MM` or `HH:MM:SS` on a 24-hour clock, in ASCII digits."""
    parts = text.strip().split(":")
    if len(parts) in (2, 3) and all(len(p) == 2 and _ASCII_DIGITS.issuperset(p) for p in parts):
        hour, minute, second = (int(p) for p in [*parts, "00"][:3])
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise RecordError(name, f"must be HH:MM or HH:MM:SS on a 24-hour clock, got {_shown(text)}")


# --- sessions -------------------------------------------------------------------------------


def in_order(sessions: Iterable[Session]) -> list[Session]:
    """Sessions oldest first; on one day by the clock, untimed ones first, else as logged:
    the order every list, report and pacing rule reads them in."""
    return sorted(sessions, key=lambda s: (s.date, s.time or dt.time.min))


def make_session(values: Mapping[str, Any], today: dt.date | None = None) -> Session:
    """The one definition of a valid session, from Python values keyed as in the log file.

    `today`: when given (every write), a session dated after it is refused; a reader of files
    passes none, so a session from a device already at tomorrow is kept for `check` to show.
    """
    _known_and_required(values, SESSION_KEYS, ("id", "date", "minutes"))
    return _built(
        Session,
        {
            "id": check_id(values["id"]),
            "date": check_date(values["date"], today),
            "time": _time(values.get("time")),
            "minutes": _whole(values["minutes"], "minutes", 1, MAX_SESSION_MINUTES),
            "pain_before": _pain(values.get("pain_before"), "pain_before"),
            "pain_after": _pain(values.get("pain_after"), "pain_after"),
            "exercises": _exercise_ids(values.get("exercises", ())),
            "note": _note(values.get("note")),
            "logged": _logged(values.get("logged")),
            "leg_pain_before": _pain(values.get("leg_pain_before"), "leg_pain_before"),
            "leg_pain_after": _pain(values.get("leg_pain_after"), "leg_pain_after"),
        },
    )


def make_day_entry(values: Mapping[str, Any], today: dt.date | None = None) -> DayEntry:
    """The one definition of a valid rest, flare or pain day."""
    _known_and_required(values, DAY_KEYS, ("id", "date", "kind"))
    kind = values["kind"]
    if kind not in DAY_KINDS:
        raise RecordError("kind", f"must be one of {', '.join(DAY_KINDS)}, got {_shown(kind)}")
    pain = _pain(values.get("pain"), "pain")
    if kind == "pain" and pain is None:
        raise RecordError("pain", "is missing (a pain day records the day's pain)")
    return _built(
        DayEntry,
        {
            "id": check_id(values["id"]),
            "date": check_date(values["date"], today),
            "kind": kind,
            "pain": pain,
            "leg_pain": _pain(values.get("leg_pain"), "leg_pain"),
            "note": _note(values.get("note")),
            "logged": _logged(values.get("logged")),
        },
    )


def make_checkin(values: Mapping[str, Any], today: dt.date | None = None) -> Checkin:
    """The one definition of a valid check-in: 1-3 activities, each with a 0-10 score."""
    _known_and_required(values, CHECKIN_KEYS, ("id", "date", "activities", "scores"))
    activities, scores = values["activities"], values["scores"]
    if isinstance(activities, str) or not isinstance(activities, Iterable):
        raise RecordError("activities", f"must be a list of activities, got {_shown(activities)}")
    if isinstance(scores, str) or not isinstance(scores, Iterable):
        raise RecordError("scores", f"must be a list of scores, got {_shown(scores)}")
    named = tuple(check_activity(a) for a in activities)
    scored = tuple(_whole(score, "scores", 0, MAX_PAIN) for score in scores)
    if not 1 <= len(named) <= MAX_CHECKIN_ACTIVITIES:
        raise RecordError(
            "activities", f"must hold 1 to {MAX_CHECKIN_ACTIVITIES}, got {len(named)}"
        )
    if len({activity_key(a) for a in named}) != len(named):
        raise RecordError("activities", "must name each activity once")
    if len(scored) != len(named):
        raise RecordError(
            "scores", f"must give one score to each activity: {len(named)}, got {len(scored)}"
        )
    return _built(
        Checkin,
        {
            "id": check_id(values["id"]),
            "date": check_date(values["date"], today),
            "activities": named,
            "scores": scored,
            "logged": _logged(values.get("logged")),
        },
    )


def make_deleted(values: Mapping[str, Any]) -> Deleted:
    """A tombstone names the id it removes."""
    _known_and_required(values, DELETED_KEYS, ("id", "date"))
    return _built(
        Deleted,
        {
            "id": check_id(values["id"]),
            "date": check_date(values["date"]),
            "logged": _logged(values.get("logged")),
        },
    )


def _built(cls: type[T], fields: dict[str, Any]) -> T:
    """A record of every field given, made as a frozen dataclass is but without its
    generated `__init__`, which sets each field through `object.__setattr__`: four times
    slower, on thousands of sessions a cold start. The fields come as one dict literal
    (keyword arguments would build and copy a dict more a record)."""
    record = object.__new__(cls)
    record.__dict__.update(fields)
    return record


def _known_and_required(
    values: Mapping[str, Any], known: tuple[str, ...], required: tuple[str, ...]
) -> None:
    if not values.keys() <= _KNOWN[known]:  # one comparison in C: the common case
        for key in values:
            if key not in known:
                names = ", ".join(known)
                raise RecordError(
                    key, "is not a known key", f"unknown key {key!r} (known: {names})"
                )
    for key in required:
        if values.get(key) is None:
            raise RecordError(key, "is missing")


def check_activity(value: Any) -> str:
    """A check-in's activity as the user names it: one line of 1-80 characters, trimmed, and
    no `;` (CSV joins a check-in's activities with it)."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_ACTIVITY_LENGTH:
        raise RecordError(
            "activities",
            f"must be named in 1-{MAX_ACTIVITY_LENGTH} characters, got {_shown(value)}",
        )
    if not _printable(value):
        raise RecordError("activities", f"must be one line of text, got {_shown(value)}")
    if ";" in value:
        raise RecordError(
            "activities",
            f"must not hold ';' (a CSV export joins them with it), got {_shown(value)}",
        )
    return value.strip()


def activity_key(name: str) -> str:
    """What makes two activity names one activity: case and runs of spaces do not count, so
    "Putting on  socks" is "putting on socks" from one check-in to the next."""
    return " ".join(name.casefold().split())


def _logged(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or value.tzinfo is not None:
        raise RecordError("logged", f"must be a local date and time, got {_shown(value)}")
    return value.replace(microsecond=0)


def check_id(value: Any) -> str:
    """Ids are one word a terminal can show and a shell can pass: 1-64 characters, no spaces
    or control characters."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH or not _word(value):
        raise RecordError(
            "id",
            f"must be a non-empty string of up to {MAX_ID_LENGTH} characters without spaces "
            f"or control characters, got {_shown(value)}",
        )
    return value


def check_date(value: Any, today: dt.date | None = None) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise RecordError("date", f"must be a date like 2026-03-01, got {_shown(value)}")
    if value < FIRST_DAY:
        raise RecordError("date", f"must be {FIRST_DAY} or later, got {value}")
    if today is not None and value > today:
        raise RecordError(
            "date", f"{value} is in the future (today is {today}); log what you have done"
        )
    return value


def _time(value: Any) -> dt.time | None:
    if value is None:
        return None
    if not isinstance(value, dt.time) or value.microsecond:
        raise RecordError(
            "time", f"must be a time like 07:30:00 (with seconds), got {_shown(value)}"
        )
    return value if value.tzinfo is None else value.replace(tzinfo=None)


def _whole(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RecordError(name, f"must be a whole number from {low} to {high}, got {_shown(value)}")
    return value


def _pain(value: Any, name: str) -> int | None:
    return None if value is None else _whole(value, name, 0, MAX_PAIN)


def _exercise_ids(value: Any) -> tuple[str, ...]:
    """Exercise ids as logged: any the user chose, but never empty, padded, or holding `;`
    (CSV joins ids with it) or control characters, so every export can hold them."""
    listed = type(value) is list or type(value) is tuple  # asking `Iterable` costs more
    if not listed and (isinstance(value, str) or not isinstance(value, Iterable)):
        raise RecordError("exercises", f"must be a list of exercise ids, got {_shown(value)}")
    ids = tuple(value)
    for ident in ids:
        if not isinstance(ident, str):
            raise RecordError("exercises", f"must be a list of exercise ids, got {_shown(ident)}")
        if (
            not 0 < len(ident) <= MAX_ID_LENGTH
            or ident != ident.strip()
            or ";" in ident
            or not _printable(ident)
        ):
            raise RecordError(
                "exercises",
                f"has {_shown(ident)}: an exercise id is 1-{MAX_ID_LENGTH} characters, with no "
                "';', control characters or spaces at its ends",
            )
    return ids


def _note(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError("note", f"must be text, got {_shown(value)}")
    if len(value) > MAX_NOTE_LENGTH:
        raise RecordError("note", f"is {len(value)} characters; keep it to {MAX_NOTE_LENGTH}")
    if not value.isascii() and any("\ud800" <= char <= "\udfff" for char in value):
        raise RecordError("note", "holds characters that are not valid Unicode text")
    return value


def _printable(text: str) -> bool:
    """No control characters (C0, DEL, C1) and no lone surrogates. ASCII text, nearly all of
    it, is asked of `str.isprintable`, which in ASCII refuses exactly C0 and DEL."""
    if text.isascii():
        return text.isprintable()
    return not any(ord(c) < 32 or 127 <= ord(c) < 160 or "\ud800" <= c <= "\udfff" for c in text)


def _word(text: str) -> bool:
    if text.isascii():
        return text.isprintable() and " " not in text
    return _printable(text) and not any(c.isspace() for c in text)


def _shown(value: Any) -> str:
    """A bad value as the user wrote it, cut short: a whole pasted paragraph helps nobody."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- a plan's options -------------------------------------------------------------------------


class PlanOptions(NamedTuple):
    """What a plan is asked for: minutes available, today's pain (None: not given), equipment,
    and today's leg pain (None: not given)."""

    minutes: int
    pain: int | None
    equipment: tuple[str, ...]
    leg_pain: int | None = None


def plan_options(
    minutes: int, pain: int | None, equipment: Iterable[str], leg_pain: int | None = None
) -> PlanOptions:
    """The one check of a plan's options, whichever command asks for a plan."""
    have: set[str] = set()
    for item in equipment:
        name = item.strip().lower()
        if not name or name == "none":
            continue
        if name not in EQUIPMENT:
            choices = ", ".join(EQUIPMENT)
            problem = f"has unknown {name!r}; choose from {choices} (or none)"
            message = f"unknown equipment {name!r}; choose from {choices} (or none)"
            raise RecordError("equipment", problem, message)
        have.add(name)
    return PlanOptions(
        minutes=_whole(minutes, "minutes", MIN_PLAN_MINUTES, MAX_PLAN_MINUTES),
        pain=_pain(pain, "pain"),
        equipment=tuple(sorted(have)),
        leg_pain=_pain(leg_pain, "leg_pain"),
    )


# --- exercises ------------------------------------------------------------------------------

EXERCISE_REQUIRED = (
    "id",
    "name",
    "category",
    "position",
    "equipment",
    "minutes",
    "dose",
    "max_pain",
    "steps",
    "caution",
    "benefit",
)
EXERCISE_OPTIONAL = ("max_minutes", "end_range", "tags", "sources")


def _catalogue_keys(
    table: Mapping[str, Any], required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    """A catalogue table (exercise, source, tip) holds every required key and no other
    than the optional ones."""
    for key in required:
        if key not in table:
            raise RecordError(key, "is missing")
    for key in table:
        if key not in required and key not in optional:
            raise RecordError(key, "is not a known field")


def make_exercise(table: Mapping[str, Any], source: str = "bundled") -> Exercise:
    """The one definition of a valid exercise, from a catalogue table's values."""
    _catalogue_keys(table, EXERCISE_REQUIRED, EXERCISE_OPTIONAL)
    ident = _text(table, "id")
    if not _kebab(ident):
        raise RecordError("id", f"must be kebab-case (like 'knee-rolls'), got {ident!r}")
    minutes = _bounded(table, "minutes", 1, MAX_EXERCISE_MINUTES)
    max_minutes = None
    if "max_minutes" in table:
        max_minutes = _bounded(table, "max_minutes", minutes, MAX_EXERCISE_MINUTES)
    end_range = table.get("end_range", False)
    if not isinstance(end_range, bool):
        raise RecordError("end_range", "must be true or false")
    caution = _text(table, "caution")
    if "\n" in caution:
        raise RecordError("caution", "must be one line")
    return Exercise(
        id=ident,
        name=_text(table, "name"),
        category=_choice(table, "category", CATEGORIES),
        position=_choice(table, "position", POSITIONS),
        equipment=_equipment_list(table["equipment"]),
        minutes=minutes,
        dose=_text(table, "dose"),
        max_pain=_bounded(table, "max_pain", 0, MAX_PAIN),
        steps=_steps(table["steps"]),
        caution=caution,
        benefit=_text(table, "benefit"),
        max_minutes=max_minutes,
        end_range=end_range,
        source=source,
        tags=_vocabulary_list(table.get("tags", []), "tags", TAGS),
        sources=_source_keys(table.get("sources", [])),
    )


def _kebab(ident: str) -> bool:
    """Lower-case letters and digits in words joined by single hyphens: `knee-rolls`."""
    words = ident.split("-")
    return all(w and all(c in "abcdefghijklmnopqrstuvwxyz0123456789" for c in w) for w in words)


def _text(table: Mapping[str, Any], key: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise RecordError(key, "must be a non-empty string")
    if not value.strip().isprintable():
        raise RecordError(key, "must be one line of text without control characters")
    return value.strip()


def _bounded(table: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(key, f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise RecordError(key, f"must be between {low} and {high}, got {value}")
    return value


def _choice(table: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = _text(table, key)
    if value not in allowed:
        raise RecordError(key, f"must be one of {', '.join(allowed)}; got {value!r}")
    return value


def _equipment_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
        raise RecordError("equipment", "must be a list of strings (empty when nothing is needed)")
    for item in value:
        if item not in EQUIPMENT:
            raise RecordError(
                "equipment", f"has unknown item {item!r}; known: {', '.join(EQUIPMENT)}"
            )
    return tuple(value)


def _vocabulary_list(value: Any, name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """A list of words from a fixed vocabulary, each at most once."""
    if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
        raise RecordError(name, "must be a list of strings (empty when none applies)")
    for item in value:
        if item not in allowed:
            raise RecordError(name, f"has unknown item {item!r}; known: {', '.join(allowed)}")
    if len(set(value)) < len(value):
        raise RecordError(name, "names an item twice")
    return tuple(value)


def _source_keys(value: Any) -> tuple[str, ...]:
    """Keys of sources.toml, each at most once (whether each exists is the catalogue's check:
    the sources are a file)."""
    if not isinstance(value, list) or not all(isinstance(e, str) and _kebab(e) for e in value):
        raise RecordError("sources", "must be a list of source keys like 'nice-ng59'")
    if len(set(value)) < len(value):
        raise RecordError("sources", "names a source twice")
    return tuple(value)


# --- sources ----------------------------------------------------------------------------------

SOURCE_REQUIRED = ("id", "title", "publisher", "url")
SOURCE_OPTIONAL = ("year",)


def make_source(table: Mapping[str, Any]) -> Source:
    """The one definition of a valid source: a kebab-case id, a title, a publisher, an https
    address and, when the source is dated, its year."""
    _catalogue_keys(table, SOURCE_REQUIRED, SOURCE_OPTIONAL)
    ident = _text(table, "id")
    if not _kebab(ident):
        raise RecordError("id", f"must be kebab-case (like 'nice-ng59'), got {ident!r}")
    url = _text(table, "url")
    if not url.startswith("https://") or not _word(url):
        raise RecordError("url", f"must be an https:// address without spaces, got {url!r}")
    year = _bounded(table, "year", 1900, 2100) if "year" in table else None
    return Source(ident, _text(table, "title"), _text(table, "publisher"), url, year)


# --- tips -------------------------------------------------------------------------------------

TIP_KEYS = ("id", "text", "sources")
MAX_TIP_LENGTH = 200


class Tip(NamedTuple):
    """A short fact about back pain in plain words, with the sources it is worded from."""

    id: str
    text: str
    sources: tuple[str, ...]

    def as_dict(self, sources: Mapping[str, Source] | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "sources": resolved_sources(self.sources, sources),
        }


def make_tip(table: Mapping[str, Any]) -> Tip:
    """The one definition of a valid tip: a kebab-case id, one short line of text, and at least
    one source key."""
    _catalogue_keys(table, TIP_KEYS, ())
    ident = _text(table, "id")
    if not _kebab(ident):
        raise RecordError("id", f"must be kebab-case (like 'hurt-is-not-harm'), got {ident!r}")
    text = _text(table, "text")
    if "\n" in text or len(text) > MAX_TIP_LENGTH:
        raise RecordError("text", f"must be one line of at most {MAX_TIP_LENGTH} characters")
    sources = _source_keys(table["sources"])
    if not sources:
        raise RecordError("sources", "needs at least one key of sources.toml")
    return Tip(ident, text, sources)


def _steps(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise RecordError("steps", "must be a list of non-empty strings")
    if not all(s.strip().isprintable() for s in value):
        raise RecordError("steps", "must be lines of text without control characters")
    if len(value) < 2:
        raise RecordError("steps", "needs at least two steps")
    return tuple(s.strip() for s in value)
