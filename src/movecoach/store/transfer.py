"""Sessions to and from CSV and JSON, for `movecoach export` and `movecoach import`.

Pure text in, text out, so every rule here is testable without a disk. The formats hold what
`sessions --json` shows; an import is checked with the log's own limits, and every bad row is
reported at once, so a file is fixed in one pass and a bad file imports nothing.

Two choices keep export -> import exact:
- `time` is `HH:MM` (as in `sessions --json`), or `HH:MM:SS` when the log holds seconds (only a
  hand edit or `log --time HH:MM:SS` gives it some), so no export drops what the log knows.
- In CSV, exercise ids are joined with `;` and trimmed on import, so an id holding `;` or
  leading or trailing spaces cannot be written to CSV: the export refuses rather than change
  it (JSON keeps any id). An empty CSV cell means absent, so an empty note comes back as none.

A row with no id gets one made from its content (and how many identical rows came before it),
not a random one: importing the same hand-made file twice then adds nothing, like a file with
ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from movecoach.core.models import MAX_PAIN, Session
from movecoach.errors import ImportRowsError, InputError
from movecoach.store.log import MAX_NOTE_LENGTH, MAX_SESSION_MINUTES

KINDS = ("csv", "json")
COLUMNS = ("id", "date", "time", "minutes", "pain_before", "pain_after", "exercises", "note")
REQUIRED = ("date", "minutes")
EXERCISE_SEPARATOR = ";"
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TIME = re.compile(r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$")
WHOLE = re.compile(r"^[0-9]+$")


# --- format ---------------------------------------------------------------------------------


def choose_kind(given: str | None, name: str | None = None, text: str | None = None) -> str:
    """`csv` or `json`: the `--format` given, else the file's extension, else the content
    (a JSON file starts with `[` or `{`), else CSV."""
    if given is not None:
        kind = given.strip().lower()
        if kind not in KINDS:
            raise InputError(f"unknown format {given!r}; choose csv or json")
        return kind
    if name is not None:
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix in KINDS:
            return suffix
    if text is not None and text.lstrip()[:1] in ("[", "{"):
        return "json"
    return "csv"


# --- export ---------------------------------------------------------------------------------


def record(session: Session) -> dict[str, Any]:
    """The session as exported: the `sessions --json` object, with seconds kept if any."""
    data = session.as_dict()
    if session.time is not None and session.time.second:
        data["time"] = session.time.strftime("%H:%M:%S")
    return data


def to_json(sessions: Iterable[Session]) -> str:
    return json.dumps([record(s) for s in sessions], indent=2, ensure_ascii=False) + "\n"


def to_csv(sessions: Iterable[Session]) -> str:
    """A header row and one row per session, quoted as RFC 4180 says (CRLF line ends)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for session in sessions:
        for exercise in session.exercises:
            if (
                EXERCISE_SEPARATOR in exercise
                or exercise != exercise.strip()
                or not exercise.strip()
            ):
                raise InputError(
                    f"session {session.id} ({session.date}): exercise id {exercise!r} cannot "
                    f"go in a CSV cell unchanged (ids are joined with {EXERCISE_SEPARATOR!r} "
                    "and trimmed); export with --format json, which keeps it as it is"
                )
        data = record(session)
        data["exercises"] = EXERCISE_SEPARATOR.join(session.exercises)
        writer.writerow(["" if data[column] is None else data[column] for column in COLUMNS])
    return buffer.getvalue()


# --- import ---------------------------------------------------------------------------------


# (where, values) per row, or (where, problem) when the row's shape is already wrong.
Rows = Iterator[tuple[str, dict[str, Any] | str]]


class _BadRow(Exception):
    """One row's first problem; collected, then raised together as `ImportRowsError`."""


def read_sessions(text: str, kind: str, source: str = "the file") -> list[Session]:
    """Every session in an export-format file, validated as the log validates.

    Raises `InputError` when the file as a whole is unreadable (not CSV or JSON, bad header),
    or `ImportRowsError` listing each bad row by line (CSV) or 1-based position (JSON).
    """
    rows = _csv_rows(text, source) if kind == "csv" else _json_rows(text, source)
    sessions: list[Session] = []
    problems: list[str] = []
    used: dict[str, str] = {}
    repeats: dict[str, int] = {}
    for where, values in rows:
        try:
            if isinstance(values, str):  # the row's shape is wrong; the reader said how
                raise _BadRow(values)
            fields = _fields(values, cells=kind == "csv")
        except _BadRow as bad:
            problems.append(f"{source}: {where}: {bad}")
            continue
        ident = fields.pop("id")
        if ident is None:
            content = _content_key(fields)
            repeats[content] = repeats.get(content, 0) + 1
            ident = hashlib.sha256(f"{content}#{repeats[content]}".encode()).hexdigest()[:16]
        if ident in used:
            problems.append(f"{source}: {where}: id {ident!r} is also used at {used[ident]}")
            continue
        used[ident] = where
        sessions.append(Session(id=ident, **fields))
    if problems:
        raise ImportRowsError(problems)
    return sessions


def _csv_rows(text: str, source: str) -> Rows:
    """(`line N`, values or the row's problem) for each row, where the row starts; an empty
    cell is None. Blank rows are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    line = 1
    try:
        for row in reader:
            where, line = f"line {line}", reader.line_num + 1  # a row may span lines
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                _check_header(header, f"{source}: {where}")
                continue
            if len(row) != len(header):
                yield where, f"has {len(row)} cells, and the header has {len(header)}"
            else:
                yield where, {key: cell or None for key, cell in zip(header, row, strict=True)}
    except csv.Error as err:
        raise InputError(
            f"{source}: line {reader.line_num}: not valid CSV ({err}); nothing was imported"
        ) from err
    if header is None:
        raise InputError(
            f"{source}: is empty; a CSV file starts with a header row naming its columns"
        )


def _check_header(header: list[str], where: str) -> None:
    for name in header:
        if name not in COLUMNS:
            raise InputError(
                f"{where}: unknown column {name!r} (known: {', '.join(COLUMNS)}); nothing was "
                "imported"
            )
    for name in REQUIRED:
        if name not in header:
            raise InputError(f"{where}: the header has no {name!r} column; nothing was imported")
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        raise InputError(f"{where}: column {twice[0]!r} appears twice; nothing was imported")


def _json_rows(text: str, source: str) -> Rows:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{source}: line {err.lineno}: not valid JSON ({err.msg}); nothing was imported"
        ) from err
    if not isinstance(data, list):
        raise InputError(
            f"{source}: is not a JSON list of sessions, as `movecoach export --format json` "
            "writes; nothing was imported"
        )
    for position, item in enumerate(data, start=1):
        where = f"session {position}"
        yield where, item if isinstance(item, dict) else "is not a JSON object"


def _fields(values: Mapping[str, Any], cells: bool) -> dict[str, Any]:
    """The `Session` fields of one row (id None when absent), or `_BadRow` naming the problem.

    `cells`: the values are CSV cells, all text; JSON values must have their JSON types."""
    for key in values:
        if key not in COLUMNS:
            raise _BadRow(f"unknown key {key!r} (known: {', '.join(COLUMNS)})")
    for key in REQUIRED:
        if values.get(key) is None:
            raise _BadRow(f"{key!r} is missing")
    ident = values.get("id")
    if ident is not None and (not isinstance(ident, str) or not ident.strip()):
        raise _BadRow(f"'id' must be a non-empty string, got {_shown(ident)}")
    return {
        "id": ident,
        "date": _date(values["date"]),
        "time": _time(values.get("time")),
        "minutes": _whole(values, "minutes", 1, MAX_SESSION_MINUTES, cells),
        "pain_before": _whole(values, "pain_before", 0, MAX_PAIN, cells),
        "pain_after": _whole(values, "pain_after", 0, MAX_PAIN, cells),
        "exercises": _exercises(values.get("exercises"), cells),
        "note": _note(values.get("note")),
    }


def _date(value: Any) -> dt.date:
    text = value.strip() if isinstance(value, str) else None
    if text is not None and DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise _BadRow(f"'date' must be a date as YYYY-MM-DD, like 2026-03-01, got {_shown(value)}")


def _time(value: Any) -> dt.time | None:
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else None
    if text is not None and TIME.match(text):
        try:
            return dt.time.fromisoformat(text)
        except ValueError:
            pass
    raise _BadRow(f"'time' must be HH:MM or HH:MM:SS on a 24-hour clock, got {_shown(value)}")


def _whole(values: Mapping[str, Any], key: str, low: int, high: int, cells: bool) -> int | None:
    value = values.get(key)
    if value is None:
        return None
    number: int | None = None
    if cells and WHOLE.match(value.strip()):
        number = int(value.strip())
    elif not cells and isinstance(value, int) and not isinstance(value, bool):
        number = value
    if number is None or not low <= number <= high:
        raise _BadRow(f"{key!r} must be a whole number from {low} to {high}, got {_shown(value)}")
    return number


def _exercises(value: Any, cells: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    if cells:
        return tuple(p.strip() for p in value.split(EXERCISE_SEPARATOR) if p.strip())
    if isinstance(value, list) and all(isinstance(e, str) for e in value):
        return tuple(value)
    raise _BadRow(f"'exercises' must be a list of exercise ids, got {_shown(value)}")


def _note(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadRow(f"'note' must be text, got {_shown(value)}")
    if len(value) > MAX_NOTE_LENGTH:
        raise _BadRow(f"'note' is {len(value)} characters; the log keeps up to {MAX_NOTE_LENGTH}")
    return value


def _content_key(fields: Mapping[str, Any]) -> str:
    """A stable text of a row's values, for the id of a row that has none."""
    time = fields["time"]
    return json.dumps(
        [
            fields["date"].isoformat(),
            time.isoformat() if time is not None else None,
            fields["minutes"],
            fields["pain_before"],
            fields["pain_after"],
            list(fields["exercises"]),
            fields["note"],
        ],
        ensure_ascii=False,
    )


def _shown(value: Any) -> str:
    """A bad value as the user wrote it, cut short: a whole pasted paragraph helps nobody."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
