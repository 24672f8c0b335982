"""Records to and from CSV and JSON, for `movecoach export` and `movecoach import`.

Pure text in, text out, so every rule here is testable without a disk. JSON holds every
kind of record as one list of objects, each with a `kind` (`session`, `day`, `checkin`,
`deleted`); a session object is otherwise what `sessions --json` shows, and an object
without a `kind` is a session (older exports). CSV holds one kind a file: sessions unless
asked otherwise, with a header row naming the columns. Every imported row is built by the
log's own constructor for its kind, and every bad row is reported at once, so a file is
fixed in one pass and a bad file imports nothing.

Choices that keep export -> import exact, for any text:
- `time` is `HH:MM`, or `HH:MM:SS` when the log holds seconds, so no export drops what the
  log knows.
- In CSV, lists (exercise ids, a check-in's activities and scores) are joined with `;` and
  trimmed on import; the constructors refuse an item holding `;` or spaces at its ends.
  An empty CSV cell means absent, so an empty note comes back as none.
- A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
  a tab, a carriage return, or `'`) is written with one `'` in front, which import takes
  off again.
- JSON is read with limits: nesting deeper than 50, a number longer than 20 digits, and
  text that is not valid Unicode are refused with one line, never a crash.

A row with no id gets one made from its content (and how many identical rows came before it),
not a random one: importing the same hand-made file twice then adds nothing, like a file with
ids.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from movecoach.core.models import (
    Checkin,
    DayEntry,
    Deleted,
    Record,
    Records,
    Session,
    make_checkin,
    make_day_entry,
    make_deleted,
    make_session,
    parse_date,
    parse_time,
    parse_whole,
)
from movecoach.errors import ImportRowsError, InputError, RecordError

FORMATS = ("csv", "json")
KINDS = ("session", "day", "checkin", "deleted")
CSV_KINDS = ("session", "day", "checkin")
# Leg pain came later: its columns go at the end, and a file without them still imports.
COLUMNS = (
    "id",
    "date",
    "time",
    "minutes",
    "pain_before",
    "pain_after",
    "exercises",
    "note",
    "leg_pain_before",
    "leg_pain_after",
)
DAY_COLUMNS = ("id", "date", "type", "pain", "leg_pain", "note")
CHECKIN_COLUMNS = ("id", "date", "activities", "scores")
CSV_COLUMNS = {"session": COLUMNS, "day": DAY_COLUMNS, "checkin": CHECKIN_COLUMNS}
REQUIRED = {"session": ("date", "minutes"), "day": ("date", "type"), "checkin": ("date",)}
TEXT_CELLS = ("id", "exercises", "note", "activities")  # cells a spreadsheet might run
LIST_SEPARATOR = EXERCISE_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
UNNAMED = "unnamed"  # stands in for a row's missing id until its content names it
MAX_DEPTH = 50
MAX_DIGITS = 20


# --- format ---------------------------------------------------------------------------------


def choose_kind(given: str | None, name: str | None = None, text: str | None = None) -> str:
    """`csv` or `json`: the `--format` given, else the file's extension, else the content
    (a JSON file starts with `[` or `{`), else CSV."""
    if given is not None:
        kind = given.strip().lower()
        if kind not in FORMATS:
            raise InputError(f"unknown format {given!r}; choose csv or json")
        return kind
    if name is not None:
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix in FORMATS:
            return suffix
    if text is not None and text.lstrip()[:1] in ("[", "{"):
        return "json"
    return "csv"


KIND_OF: dict[type, str] = {
    Session: "session",
    DayEntry: "day",
    Checkin: "checkin",
    Deleted: "deleted",
}


def kind_of(record: Record) -> str:
    return KIND_OF[type(record)]


# --- export ---------------------------------------------------------------------------------

# Bump when the text of an exported record changes: the cache keeps each log file's lines
# under a name holding it (`Log.per_file`), and lines of another version must not be served.
LINES_VERSION = 1
# On one day: sessions (by time), then days, check-ins and tombstones.
ORDER: dict[type, str] = {Session: "0", DayEntry: "1", Checkin: "2", Deleted: "3"}
ORDER_OF_KIND = {KIND_OF[cls]: digit for cls, digit in ORDER.items()}
MIDNIGHT = dt.time.min.isoformat()


def export_key(item: Record) -> str:
    """Where a record goes in an export, as text that sorts as the records do: oldest day
    first; on one day sessions by time (none counts as midnight), then days, check-ins and
    tombstones. Text, so the keys of a cached export sort without rebuilding records: the
    date and the kind's digit have fixed widths, and ISO times sort as the times do."""
    time = getattr(item, "time", None)
    clock = MIDNIGHT if time is None else time.isoformat()
    return f"{item.date.isoformat()}{ORDER[type(item)]}{clock}"


def record(item: Record) -> dict[str, Any]:
    """A record as exported: its JSON object with its `kind`; a session's time keeps its
    seconds if it has any; a day's own kind (rest, flare, pain) is its `type`."""
    data = {"kind": kind_of(item), **item.as_dict()}
    if isinstance(item, Session):
        data["time"] = clock(item.time)
    return data


def clock(time: dt.time | None) -> str | None:
    """A session's time as exported: `HH:MM`, with its seconds only when it has any."""
    if time is None:
        return None
    return time.isoformat("seconds" if time.second else "minutes")


def json_lines(records: Iterable[Record]) -> list[str]:
    """Each record's JSON object, one line each, written by the encoder's fast path (one
    encoder for all: `json.dumps` would build one a record)."""
    import json  # a CSV export does without it

    encode = json.JSONEncoder(ensure_ascii=False).encode
    return [encode(record(r)) for r in records]


def json_text(lines: list[str]) -> str:
    """One JSON list, a record a line: easy to read and to compare (an indented dump runs
    in pure Python: ten years took a second)."""
    if not lines:
        return "[]\n"
    ends = [f"[\n{lines[0]}", *lines[1:]]  # one join: ten years are megabytes to copy
    ends[-1] += "\n]\n"
    return ",\n".join(ends)


def to_json(records: Iterable[Record]) -> str:
    return json_text(json_lines(records))


def csv_lines(records: Iterable[Record], kind: str = "session") -> list[str]:
    """The CSV row (CRLF ended) of each record of `kind`, quoted as RFC 4180 says; text cells
    a spreadsheet would run as a formula get a `'` in front."""
    cells = _CELLS[kind]
    texts = [n for n, column in enumerate(CSV_COLUMNS[kind]) if column in TEXT_CELLS]
    wanted = {cls for cls, name in KIND_OF.items() if name == kind}
    rows = []
    for item in records:
        if type(item) in wanted:
            row = cells(item)
            for n in texts:
                row[n] = spreadsheet_safe(row[n])
            rows.append(row)
    lines: list[str] = []
    csv.writer(_Lines(lines)).writerows(rows)  # the writer writes each row in one call
    return lines


def csv_text(lines: list[str], kind: str = "session") -> str:
    """A header row naming the columns of `kind`, then the rows."""
    header: list[str] = []
    csv.writer(_Lines(header)).writerow(CSV_COLUMNS[kind])
    return "".join(header + lines)


def to_csv(records: Iterable[Record], kind: str = "session") -> str:
    """A header row and one row per record of `kind` (CRLF line ends)."""
    return csv_text(csv_lines(records, kind), kind)


class _Lines:
    """A file for `csv.writer` that keeps each row it writes as one string."""

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append


def spreadsheet_safe(cell: str | None) -> str | None:
    """A text cell as a spreadsheet will show it rather than run it: one `'` in front of
    text that starts as a formula would (import takes it off again)."""
    if cell is not None and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


# A record's cells in the columns of its kind (None is written as ""): the values of its JSON
# object (`record`), lists joined; a test holds the two to each other. Written out rather
# than made from that object: a cold export of ten years makes 11,000 rows, and a dict a row
# was a third of their cost.
def _session_cells(item: Session) -> list[Any]:
    return [
        item.id,
        item.date.isoformat(),
        clock(item.time),
        item.minutes,
        item.pain_before,
        item.pain_after,
        LIST_SEPARATOR.join(item.exercises),
        item.note,
        item.leg_pain_before,
        item.leg_pain_after,
    ]


def _day_cells(item: DayEntry) -> list[Any]:
    return [item.id, item.date.isoformat(), item.kind, item.pain, item.leg_pain, item.note]


def _checkin_cells(item: Checkin) -> list[Any]:
    scores = LIST_SEPARATOR.join(map(str, item.scores))
    return [item.id, item.date.isoformat(), LIST_SEPARATOR.join(item.activities), scores]


_CELLS: dict[str, Callable[[Any], list[Any]]] = {
    "session": _session_cells,
    "day": _day_cells,
    "checkin": _checkin_cells,
}


def keyed_lines(records: Records, fmt: str, kind: str | None = None) -> list[list[str]]:
    """[keys, lines]: the export key and line (`fmt`: csv or json) of each record (of `kind`;
    CSV: one kind, sessions unless told), in export order. What the cache keeps of each log
    file, so exporting a long history joins lines and rebuilds no records."""
    if fmt == "csv":
        kind = kind or "session"
    items = [r for r in records.all() if kind is None or kind_of(r) == kind]
    keys = [export_key(r) for r in items]
    order = sorted(range(len(items)), key=keys.__getitem__)  # stable: ties keep file order
    items = [items[n] for n in order]
    lines = csv_lines(items, kind or "session") if fmt == "csv" else json_lines(items)
    return [[keys[n] for n in order], lines]


def pick_lines(
    parts: Iterable[list[list[str]]], low: dt.date, high: dt.date, kind: str | None = None
) -> tuple[list[str], list[str]]:
    """(keys, lines) of the parts' records dated `low` to `high` (both included) and of
    `kind` (None: every kind), in export order. Each part is a file's `keyed_lines`; ties
    between files keep the files' order, as merging records does."""
    first, last = low.isoformat(), high.isoformat()
    digit = ORDER_OF_KIND.get(kind) if kind is not None else None
    keys: list[str] = []
    lines: list[str] = []
    for part_keys, part_lines in parts:
        if not part_keys:
            continue
        if digit is None and first <= part_keys[0][:10] and part_keys[-1][:10] <= last:
            keys += part_keys
            lines += part_lines
            continue
        for key, line in zip(part_keys, part_lines, strict=True):
            if first <= key[:10] <= last and (digit is None or key[10] == digit):
                keys.append(key)
                lines.append(line)
    if keys != sorted(keys):  # the files' years overlap (another device's file, a misfiled record)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        keys = [keys[n] for n in order]
        lines = [lines[n] for n in order]
    return keys, lines


def kind_counts(keys: Iterable[str]) -> dict[str, int]:
    """How many records of each kind these export keys are of."""
    import collections
    import operator

    kinds = {digit: kind for kind, digit in ORDER_OF_KIND.items()}
    digits = collections.Counter(map(operator.itemgetter(10), keys))
    return {kinds[digit]: count for digit, count in digits.items()}


# --- import ---------------------------------------------------------------------------------


# (where, values) per row, or (where, problem) when the row's shape is already wrong.
Rows = Iterator[tuple[str, dict[str, Any] | str]]


def read_sessions(
    text: str, kind: str, source: str = "the file", today: dt.date | None = None
) -> list[Record]:
    """Every record in an export-format file, each built by the log's own constructor.

    Raises `InputError` when the file as a whole is unreadable (not CSV or JSON, bad header),
    or `ImportRowsError` listing each bad row by line (CSV) or 1-based position (JSON).
    `today`: records dated after it are bad rows, as they are for `movecoach log`.
    """
    rows = _csv_rows(text, source) if kind == "csv" else _json_rows(text, source)
    records: list[Record] = []
    problems: list[str] = []
    used: dict[str, str] = {}
    repeats: dict[str, int] = {}
    for where, values in rows:
        try:
            if isinstance(values, str):  # the row's shape is wrong; the reader said how
                raise RecordError("row", values, values)
            item = _build(values, kind == "csv", today, repeats)
        except RecordError as bad:
            problems.append(f"{source}: {where}: {bad}")
            continue
        key = f"{kind_of(item) == 'deleted'}:{item.id}"  # a tombstone shares its record's id
        if key in used:
            problems.append(f"{source}: {where}: id {item.id!r} is also used at {used[key]}")
            continue
        used[key] = where
        records.append(item)
    if problems:
        raise ImportRowsError(problems)
    return records


read_records = read_sessions


def _build(
    values: Mapping[str, Any], cells: bool, today: dt.date | None, repeats: dict[str, int]
) -> Record:
    """One row's record; a row without an id gets one from its content."""
    kind = values.get("kind", "session")
    if kind not in KINDS:
        raise RecordError("kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    fields = _FIELDS[kind]({k: v for k, v in values.items() if k != "kind"}, cells)
    given = fields.get("id")
    ident = UNNAMED if given is None else given  # "" is a bad id, not a missing one
    item = _MAKERS[kind]({**fields, "id": ident}, today)
    if given is None:  # an id from the content, so a second import adds nothing
        content = _content_key(item)
        repeats[content] = repeats.get(content, 0) + 1
        import hashlib  # only an import without ids needs it (OpenSSL costs milliseconds)

        ident = hashlib.sha256(f"{content}#{repeats[content]}".encode()).hexdigest()[:16]
        item = dataclasses.replace(item, id=ident)
    return item


def _csv_rows(text: str, source: str) -> Rows:
    """(`line N`, values or the row's problem) for each row, where the row starts; an empty
    cell is None; one leading `'` is taken off a text cell. Blank rows are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    kind = "session"
    line = 1
    try:
        for row in reader:
            where, line = f"line {line}", reader.line_num + 1  # a row may span lines
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                kind = _check_header(header, f"{source}: {where}")
                continue
            if len(row) != len(header):
                yield where, f"has {len(row)} cells, and the header has {len(header)}"
            else:
                values = {key: _uncell(key, cell) for key, cell in zip(header, row, strict=True)}
                yield where, {"kind": kind, **values}
    except csv.Error as err:
        raise InputError(
            f"{source}: line {reader.line_num}: not valid CSV ({err}); nothing was imported"
        ) from err
    if header is None:
        raise InputError(
            f"{source}: is empty; a CSV file starts with a header row naming its columns"
        )


def _uncell(column: str, cell: str) -> str | None:
    if column in TEXT_CELLS and cell.startswith("'"):
        cell = cell[1:]
    return cell or None


def _check_header(header: list[str], where: str) -> str:
    """The kind of record the header's columns are for; `InputError` for a bad header."""
    kind = "day" if "type" in header else "checkin" if "activities" in header else "session"
    columns = CSV_COLUMNS[kind]
    for name in header:
        if name not in columns:
            raise InputError(
                f"{where}: unknown column {name!r} (known: {', '.join(columns)}); nothing was "
                "imported"
            )
    for name in REQUIRED[kind]:
        if name not in header:
            raise InputError(f"{where}: the header has no {name!r} column; nothing was imported")
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        raise InputError(f"{where}: column {twice[0]!r} appears twice; nothing was imported")
    return kind


def _json_rows(text: str, source: str) -> Rows:
    data = _load_json(text, source)
    if not isinstance(data, list):
        raise InputError(
            f"{source}: is not a JSON list of sessions and other records, as `movecoach export "
            "--format json` writes; nothing was imported"
        )
    for position, item in enumerate(data, start=1):
        kind = item.get("kind", "session") if isinstance(item, dict) else "session"
        where = f"{kind if kind in KINDS else 'record'} {position}"
        yield where, item if isinstance(item, dict) else "is not a JSON object"


def _load_json(text: str, source: str) -> Any:
    """JSON with limits a hostile file cannot get past: depth, digits, valid Unicode."""
    import json

    if _depth(text) > MAX_DEPTH:
        raise InputError(
            f"{source}: nests lists or objects deeper than {MAX_DEPTH}; nothing was imported"
        )

    def whole(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_DIGITS:
            raise ValueError(f"a number longer than {MAX_DIGITS} digits")
        return int(digits)

    try:
        return json.loads(text, parse_int=whole)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{source}: line {err.lineno}: not valid JSON ({err.msg}); nothing was imported"
        ) from err
    except (ValueError, RecursionError) as err:
        raise InputError(f"{source}: not valid JSON ({err}); nothing was imported") from err


def _depth(text: str) -> int:
    """How deeply lists and objects nest, counted outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _known(values: Mapping[str, Any], columns: tuple[str, ...], required: tuple[str, ...]) -> None:
    for key in values:
        if key not in columns:
            raise RecordError(key, "", f"unknown key {key!r} (known: {', '.join(columns)})")
    for key in required:
        if values.get(key) is None:
            raise RecordError(key, "is missing")


def _session_fields(values: Mapping[str, Any], cells: bool) -> dict[str, Any]:
    """A session row's values as its constructor takes them (id None when absent).

    `cells`: the values are CSV cells, all text; JSON values must have their JSON types.
    Dates and times are text in both, read by the same strict parsers as the command line's;
    every limit is then the constructor's."""
    _known(values, COLUMNS, REQUIRED["session"])
    return {
        "id": values.get("id"),
        "date": _text_value(values["date"], "date", parse_date),
        "time": _text_value(values.get("time"), "time", parse_time),
        "minutes": _number(values["minutes"], "minutes", cells),
        "pain_before": _number(values.get("pain_before"), "pain_before", cells),
        "pain_after": _number(values.get("pain_after"), "pain_after", cells),
        "exercises": _listed(values.get("exercises"), cells),
        "note": values.get("note"),
        "leg_pain_before": _number(values.get("leg_pain_before"), "leg_pain_before", cells),
        "leg_pain_after": _number(values.get("leg_pain_after"), "leg_pain_after", cells),
    }


def _day_fields(values: Mapping[str, Any], cells: bool) -> dict[str, Any]:
    _known(values, DAY_COLUMNS, REQUIRED["day"])
    return {
        "id": values.get("id"),
        "date": _text_value(values["date"], "date", parse_date),
        "kind": values["type"],
        "pain": _number(values.get("pain"), "pain", cells),
        "leg_pain": _number(values.get("leg_pain"), "leg_pain", cells),
        "note": values.get("note"),
    }


def _checkin_fields(values: Mapping[str, Any], cells: bool) -> dict[str, Any]:
    if cells:
        _known(values, CHECKIN_COLUMNS, ("date", "activities", "scores"))
        return {
            "id": values.get("id"),
            "date": _text_value(values["date"], "date", parse_date),
            "activities": _listed(values["activities"], True),
            "scores": tuple(parse_whole(s, "scores") for s in _listed(values["scores"], True)),
        }
    _known(values, ("id", "date", "scores"), ("date", "scores"))
    scores = values["scores"]
    if not isinstance(scores, list) or not all(isinstance(s, dict) for s in scores):
        raise RecordError(
            "scores", f"must be a list of {{activity, score}} objects, got {scores!r}"
        )
    return {
        "id": values.get("id"),
        "date": _text_value(values["date"], "date", parse_date),
        "activities": [s.get("activity") for s in scores],
        "scores": [s.get("score") for s in scores],
    }


def _deleted_fields(values: Mapping[str, Any], cells: bool) -> dict[str, Any]:
    _known(values, ("id", "date"), ("id", "date"))
    return {"id": values["id"], "date": _text_value(values["date"], "date", parse_date)}


_FIELDS: dict[str, Callable[[Mapping[str, Any], bool], dict[str, Any]]] = {
    "session": _session_fields,
    "day": _day_fields,
    "checkin": _checkin_fields,
    "deleted": _deleted_fields,
}
_MAKERS: dict[str, Callable[[Mapping[str, Any], dt.date | None], Record]] = {
    "session": make_session,
    "day": make_day_entry,
    "checkin": make_checkin,
    "deleted": lambda values, today: make_deleted(values),
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


def _listed(value: Any, cells: bool) -> Any:
    if value is None:
        return ()
    if cells:
        return tuple(p.strip() for p in value.split(LIST_SEPARATOR) if p.strip())
    return value


def _content_key(item: Record) -> str:
    """A stable text of a row's values, for the id of a row that has none."""
    import json

    values = record(item)
    del values["id"]
    if isinstance(item, Session):  # as sessions were keyed before other kinds existed
        del values["kind"]
        for key in ("leg_pain_before", "leg_pain_after"):  # ...and before leg pain: an
            if values[key] is None:  # older file's rows keep their ids
                del values[key]
    return json.dumps(list(values.values()), ensure_ascii=False)
