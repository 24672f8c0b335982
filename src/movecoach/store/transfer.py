"""Sessions to and from CSV and JSON, for `movecoach export` and `movecoach import`.

Pure text in, text out, so every rule here is testable without a disk. The formats hold what
`sessions --json` shows; every imported row is built by the log's own session constructor,
and every bad row is reported at once, so a file is fixed in one pass and a bad file imports
nothing.

Two choices keep export -> import exact:
- `time` is `HH:MM` (as in `sessions --json`), or `HH:MM:SS` when the log holds seconds (only a
  hand edit or `log --time HH:MM:SS` gives it some), so no export drops what the log knows.
- In CSV, exercise ids are joined with `;` and trimmed on import; the session constructor
  refuses an id holding `;` or spaces at its ends, so every logged id fits a cell unchanged.
  An empty CSV cell means absent, so an empty note comes back as none.

A row with no id gets one made from its content (and how many identical rows came before it),
not a random one: importing the same hand-made file twice then adds nothing, like a file with
ids.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from movecoach.core.models import Session, make_session, parse_date, parse_time, parse_whole
from movecoach.errors import ImportRowsError, InputError, RecordError

KINDS = ("csv", "json")
COLUMNS = ("id", "date", "time", "minutes", "pain_before", "pain_after", "exercises", "note")
REQUIRED = ("date", "minutes")
EXERCISE_SEPARATOR = ";"
UNNAMED = "unnamed"  # stands in for a row's missing id until its content names it


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
        data = record(session)
        data["exercises"] = EXERCISE_SEPARATOR.join(session.exercises)
        writer.writerow(["" if data[column] is None else data[column] for column in COLUMNS])
    return buffer.getvalue()


# --- import ---------------------------------------------------------------------------------


# (where, values) per row, or (where, problem) when the row's shape is already wrong.
Rows = Iterator[tuple[str, dict[str, Any] | str]]


class _BadRow(Exception):
    """One row's first problem; collected, then raised together as `ImportRowsError`."""


def read_sessions(
    text: str, kind: str, source: str = "the file", today: dt.date | None = None
) -> list[Session]:
    """Every session in an export-format file, built by the log's own constructor.

    Raises `InputError` when the file as a whole is unreadable (not CSV or JSON, bad header),
    or `ImportRowsError` listing each bad row by line (CSV) or 1-based position (JSON).
    `today`: sessions after it are bad rows, as they are for `movecoach log`.
    """
    rows = _csv_rows(text, source) if kind == "csv" else _json_rows(text, source)
    sessions: list[Session] = []
    problems: list[str] = []
    used: dict[str, str] = {}
    repeats: dict[str, int] = {}
    for where, values in rows:
        try:
            if isinstance(values, str):  # the row's shape is wrong; the reader said how
                raise RecordError("row", values, values)
            fields = _fields(values, cells=kind == "csv")
            ident = UNNAMED if fields["id"] is None else fields["id"]  # "" is a bad id
            session = make_session({**fields, "id": ident}, today)
        except RecordError as bad:
            problems.append(f"{source}: {where}: {bad}")
            continue
        if fields["id"] is None:  # an id from the content, so a second import adds nothing
            content = _content_key(session)
            repeats[content] = repeats.get(content, 0) + 1
            ident = hashlib.sha256(f"{content}#{repeats[content]}".encode()).hexdigest()[:16]
            session = dataclasses.replace(session, id=ident)
        if session.id in used:
            problems.append(
                f"{source}: {where}: id {session.id!r} is also used at {used[session.id]}"
            )
            continue
        used[session.id] = where
        sessions.append(session)
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
    """One row's values as the session constructor takes them (id None when absent).

    `cells`: the values are CSV cells, all text; JSON values must have their JSON types.
    Dates and times are text in both, read by the same strict parsers as the command line's;
    every limit is then the constructor's."""
    for key in values:
        if key not in COLUMNS:
            raise RecordError(key, "", f"unknown key {key!r} (known: {', '.join(COLUMNS)})")
    for key in REQUIRED:
        if values.get(key) is None:
            raise RecordError(key, "is missing")
    return {
        "id": values.get("id"),
        "date": _text_value(values["date"], "date", parse_date),
        "time": _text_value(values.get("time"), "time", parse_time),
        "minutes": _number(values["minutes"], "minutes", cells),
        "pain_before": _number(values.get("pain_before"), "pain_before", cells),
        "pain_after": _number(values.get("pain_after"), "pain_after", cells),
        "exercises": _exercises(values.get("exercises"), cells),
        "note": values.get("note"),
    }


def _text_value(value: Any, name: str, parse: Callable[[str, str], Any]) -> Any:
    """A date or time written as text, parsed; any other value is left for the constructor,
    which names what it must be."""
    return parse(value, name) if isinstance(value, str) else value


def _number(value: Any, name: str, cells: bool) -> Any:
    """A CSV cell holds a number as ASCII digits; JSON holds a number as a number."""
    if value is None or not cells:
        return value
    return parse_whole(value, name)


def _exercises(value: Any, cells: bool) -> Any:
    if value is None:
        return ()
    if cells:
        return tuple(p.strip() for p in value.split(EXERCISE_SEPARATOR) if p.strip())
    return value


def _content_key(session: Session) -> str:
    """A stable text of a row's values, for the id of a row that has none."""
    values = record(session)
    del values["id"]
    return json.dumps(list(values.values()), ensure_ascii=False)


def _shown(value: Any) -> str:
    """A bad value as the user wrote it, cut short: a whole pasted paragraph helps nobody."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
