"""The text of a log file, both ways: TOML text to records and records to TOML text.

No file system here: `store.log` reads and writes the bytes; this module only says what they
mean. A log file holds `[[session]]`, `[[day]]`, `[[checkin]]` and `[[deleted]]` tables (and an
optional `schema = 1`); every record is built through its one constructor in `core.models`,
so a hand-edited file is held to the same rules as `movecoach log`. Edits keep the user's
text: an append adds blocks after the old bytes, a removal cuts one table's lines out and
keeps every comment around it, and a file's line endings (LF or CRLF) and byte-order mark
are kept as they were.

The names of log files (`YYYY.toml`, `YYYY-<device>.toml`, and the conflict copies sync tools
make of them) are read here too, without `re`, because `movecoach nudge` reads them on its
fast path; so is everything at the top level.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs 4 ms on the nudge fast path; mypy reads this block
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from movecoach.core.models import Record, Records, Session

SCHEMA = 1
BOM = b"\xef\xbb\xbf"
KINDS = ("session", "day", "checkin", "deleted")  # the tables a log file may hold
_DIGITS = frozenset("0123456789")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
FIX_HINT = (
    "fix it by hand, or put back a backup with `movecoach restore` (movecoach will not write "
    "to it until it parses)"
)

HEADER = """\
# movecoach session log for {year}.
#
# Each [[session]] table below is one session. Keys:
#   id           a unique name movecoach gives the session
#   date         the day, as YYYY-MM-DD
#   time         when it started, as HH:MM:SS (optional)
#   minutes      how long it took, 1-600
#   pain_before  back pain before it, 0-10 (optional)
#   pain_after   back pain after it, 0-10 (optional)
#   leg_pain_before, leg_pain_after   leg pain (sciatica) before and after, 0-10 (optional)
#   exercises    the exercise ids, e.g. ["knee-rolls", "calm-breathing"]
#   note         anything you want to remember (optional)
#   logged       when it was written to this file (optional)
# [[day]] tables record a rest, flare or pain day, [[checkin]] tables a progress check-in,
# and [[deleted]] tables the id of a record removed from another device's file.
#
# This file is yours: hand edits are welcome, comments included. movecoach checks it on
# every read and never writes to it while it does not parse (`movecoach check` says why).

schema = {schema}
"""


# --- names ------------------------------------------------------------------------------------


def log_file_name(name: str) -> tuple[int, str] | None:
    """(year, device) of a log file's name, `YYYY.toml` or `YYYY-<device>.toml`; None for
    any other file."""
    if not name.endswith(".toml"):
        return None
    stem = name[:-5]
    year, rest = stem[:4], stem[4:]
    if len(year) != 4 or not _DIGITS.issuperset(year):
        return None
    if not rest:
        return int(year), ""
    device = rest[1:]
    if rest[0] != "-" or not device or device[0] in "_-" or not _NAME_CHARS.issuperset(device):
        return None
    return int(year), device


def name_year(name: str) -> int:
    """The year a log file's name (or the name a conflict copy was made of) gives; 0 for
    any other name."""
    parsed = log_file_name(name) or log_file_name(conflict_copy_of(name) or "")
    return parsed[0] if parsed is not None else 0


def conflict_copy_of(name: str) -> str | None:
    """The log file a sync tool's conflict copy was made of, or None for any other name.

    Syncthing: `2026-laptop.sync-conflict-20261201-101010-ABCDEF7.toml`; Dropbox:
    `2026-laptop (Sam's conflicted copy 2026-12-01).toml` and `2026-laptop (Case Conflict).toml`;
    Nextcloud: `2026-laptop (conflicted copy 2026-12-01 101010).toml`. (OneDrive names its
    copies `2026-laptop-DESKTOP-1234.toml`: that reads as another device's file already.)
    """
    if not name.endswith(".toml"):
        return None
    stem = name[:-5]
    base = None
    if ".sync-conflict-" in stem:
        base = stem.split(".sync-conflict-", 1)[0]
    elif stem.endswith(")") and " (" in stem:
        cut = stem.rindex(" (")
        note = stem[cut + 2 : -1].lower()
        if "conflicted copy" in note or note == "case conflict":
            base = stem[:cut]
    if base is None or log_file_name(base + ".toml") is None:
        return None
    return base + ".toml"


# --- bytes and text -----------------------------------------------------------------------------


def decode(data: bytes, name: str) -> tuple[str, bool]:
    """A file's text and whether it starts with a byte-order mark (kept when it is written)."""
    from movecoach.errors import LogCorruptError

    bom = data.startswith(BOM)
    try:
        return data[len(BOM) if bom else 0 :].decode("utf-8"), bom
    except UnicodeDecodeError as err:
        raise LogCorruptError(f"{name}: is not UTF-8 text ({err}); {FIX_HINT}") from err


def encode(text: str, bom: bool) -> bytes:
    return (BOM if bom else b"") + text.encode("utf-8")


def newline_of(text: str) -> str:
    """The line ending a file uses (its first one), so added lines match it."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def new_file(year: int) -> str:
    """The text a new year's file starts with: what each key means, and the schema."""
    return HEADER.format(year=year, schema=SCHEMA) + "\n"


def table_kind(line: str) -> str | None:
    """`session` for a `[[session]]` header line (spaces and a trailing comment allowed), and
    likewise for every kind of table; None for any other line."""
    code = line.split("#", 1)[0].strip()
    if not (code.startswith("[[") and code.endswith("]]")):
        return None
    kind = code[2:-2].strip()
    return kind if kind in KINDS else None


def _lines(text: str) -> list[str]:
    """The text's lines with their ends, numbered as `headers` numbers them."""
    lines = text.split("\n")
    ended = [line + "\n" for line in lines[:-1]]
    return [*ended, lines[-1]] if lines[-1] else ended


def headers(text: str) -> list[tuple[int, str]]:
    """(line number from 1, kind) of each table header, in file order. Lines end at "\n"
    only, as TOML counts them (`splitlines` would also end one at a note's U+0085 or U+2028)."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        kind = table_kind(line)
        if kind is not None:
            found.append((number, kind))
    return found


# --- reading ------------------------------------------------------------------------------------


def parse(text: str, name: str) -> list[Session]:
    """The sessions of one log file's text (see `parse_records` for every kind)."""
    return list(parse_records(text, name).sessions)


def parse_records(text: str, name: str) -> Records:
    """Every record of one log file's text, or `LogCorruptError` naming file, line and
    problem."""
    return read(text, name)[0]


def read(text: str, name: str) -> tuple[Records, bool]:
    """Every record of one log file's text, and whether the file `is_simple`; raises
    `LogCorruptError` naming file, line and problem."""
    from movecoach.core.models import Records

    data, lines = _loaded(text, name)
    _check_top(data, name)
    built = {kind: _tables(data, kind, lines, name) for kind in KINDS}
    records = Records(built["session"], built["day"], built["checkin"], built["deleted"])
    return records, _simple([kind for _, kind in lines], records)


def _loaded(text: str, name: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The TOML document and its table headers: read by `tomlfast` when the file is in the
    layout movecoach writes, else by `tomllib` (whose messages name the line at fault)."""
    from movecoach.store import tomlfast

    fast = tomlfast.loads(text)
    if fast is not None:
        return fast
    import tomllib

    from movecoach.errors import LogCorruptError

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise LogCorruptError(f"{name}: does not parse ({err}); {FIX_HINT}") from err
    return data, headers(text)


def _check_top(data: dict[str, Any], name: str) -> None:
    from movecoach.errors import LogCorruptError

    for key in data:
        if key != "schema" and key not in KINDS:
            raise LogCorruptError(
                f"{name}: unknown top-level key {key!r}; records go in [[session]], [[day]], "
                f"[[checkin]] or [[deleted]] tables; {FIX_HINT}"
            )
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise LogCorruptError(
            f"{name}: schema {schema!r} is not one this movecoach reads (it reads {SCHEMA}); "
            "a newer movecoach may have written it"
        )


def _tables(data: dict[str, Any], kind: str, lines: list[tuple[int, str]], name: str) -> Any:
    from movecoach.errors import LogCorruptError, RecordError

    tables = data.get(kind, [])
    if not isinstance(tables, list):
        raise LogCorruptError(f"{name}: {kind!r} must be [[{kind}]] tables; {FIX_HINT}")
    if all(type(table) is dict for table in tables):
        try:  # the common case, at the constructor's own speed
            return tuple(map(_builders()[kind], tables))
        except RecordError:
            pass  # found again below, to be named by its line
    numbers = [n for n, k in lines if k == kind]
    if len(numbers) != len(tables):
        numbers = []
    return tuple(
        _record(kind, table, name, index, numbers[index - 1] if numbers else None)
        for index, table in enumerate(tables, start=1)
    )


def _record(kind: str, table: Any, name: str, index: int, line: int | None) -> Record:
    from movecoach.errors import LogCorruptError, RecordError

    if not isinstance(table, dict):
        raise LogCorruptError(
            f"{name}: {_where(kind, table, index, line)}: is not a table; {FIX_HINT}"
        )
    try:
        return _builders()[kind](table)
    except RecordError as err:
        where = _where(kind, table, index, line)
        raise LogCorruptError(f"{name}: {where}: {err}; {FIX_HINT}") from None


def _where(kind: str, table: Any, index: int, line: int | None) -> str:
    """Where a bad table is: its line, its place among its kind, and its id or date."""
    import datetime as dt

    where = f"line {line}, {kind} {index}" if line else f"{kind} {index}"
    if not isinstance(table, dict):
        return where
    if isinstance(table.get("id"), str):
        return where + f" (id {table['id']})"
    if isinstance(table.get("date"), dt.date):
        return where + f" ({table['date']})"
    return where


_BUILDERS: dict[str, Callable[[dict[str, Any]], Record]] = {}


def _builders() -> dict[str, Callable[[dict[str, Any]], Record]]:
    if not _BUILDERS:
        from movecoach.core import models

        _BUILDERS.update(
            session=models.make_session,
            day=models.make_day_entry,
            checkin=models.make_checkin,
            deleted=models.make_deleted,
        )
    return _BUILDERS


# --- writing ------------------------------------------------------------------------------------


def kind_of(record: Record) -> str:
    from movecoach.core.models import Checkin, DayEntry, Deleted

    if isinstance(record, DayEntry):
        return "day"
    if isinstance(record, Checkin):
        return "checkin"
    if isinstance(record, Deleted):
        return "deleted"
    return "session"


def _values(record: Record) -> dict[str, Any]:
    """A record's TOML values in the order a reader expects; absent values left out (TOML
    has no null)."""
    from dataclasses import fields

    table: dict[str, Any] = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if value is None:
            continue
        if isinstance(value, tuple):
            value = list(value)
        table[item.name] = value
    return table


def block(record: Record) -> str:
    """One table as TOML text. The header is written by hand: tomli-w would write a short list
    of tables as an inline array, which cannot follow the file's other tables."""
    import tomli_w

    values = _values(record)
    if "time" in values:
        values["time"] = values["time"].replace(microsecond=0, tzinfo=None)
    return f"[[{kind_of(record)}]]\n" + tomli_w.dumps(values)


def session_block(session: Session) -> str:
    return block(session)


def blocks(records: Iterable[Record], newline: str = "\n") -> str:
    text = "\n".join(block(r) for r in records)
    return text.replace("\n", newline) if newline != "\n" else text


def appended(old: str, new: Records, every: Records | None, name: str) -> str:
    """The file's text with the new records' tables after every old byte, in the file's own
    line endings. When each old record sits under its own header (the caller knows, and
    passes no `every`), more headers at the end are valid TOML by construction; any other
    layout (an inline array) is checked in full against `every`, all the records after."""
    from movecoach.errors import LogCorruptError

    newline = newline_of(old)
    separator = newline if old.endswith("\n") else newline * 2
    text = old + (separator if old.strip() else "") + blocks(new.all(), newline)
    if every is None:
        return text
    old_count = len(every.all()) - len(new.all())
    if len(headers(old)) != old_count and not _holds(text, every, name):
        raise LogCorruptError(
            f"{name}: a [[session]] table cannot be added after its last line (are "
            "sessions written as an inline array?); write each session as a [[session]] table"
        )
    return text


def is_simple(text: str, records: Records) -> bool:
    """Whether every table sits under a header of its own (no inline arrays, and no
    header-like line inside a multi-line string): then tables can be cut and added by lines."""
    return _simple([kind for _, kind in headers(text)], records)


def _simple(kinds: list[str], records: Records) -> bool:
    return all(
        kinds.count(kind) == len(group) for kind, group in zip(KINDS, _groups(records), strict=True)
    )


def cut_span(
    read: Callable[[int, int], bytes],
    size: int,
    record: Record,
    chunk: int = 1 << 20,
    reach: int = 1 << 14,
) -> tuple[int, int] | None:
    """(start, end) of the bytes that hold `record`'s table in a file of `size` bytes read
    through `read(start, end)`, found by the line its id is written on, for a file whose
    layout `is_simple`; None when it cannot be found that way. Bytes, not text, searched
    from the end (where the record `undo` takes back was written) `chunk` bytes at a time, so
    a large file is neither read whole nor decoded. The table is read with `reach` bytes
    around its id line (more while its edges lie beyond) and parsed on its own to prove it
    holds exactly `record`."""
    import tomli_w

    marker = tomli_w.dumps({"id": record.id}).strip().encode("utf-8")
    chunk = max(chunk, 2 * len(marker))  # each step back moves on
    end = size
    while end > 0:
        start = max(0, end - chunk)
        piece = read(start, end)
        found = piece.rfind(marker)
        while found >= 0:
            span = _span_at(read, size, start + found, record, reach)
            if span is not None:
                return span
            found = piece.rfind(marker, 0, found)
        end = start + len(marker) - 1 if start else 0  # a marker across the edge is whole
    return None


class _Beyond(Exception):
    """The table's edges lie outside the bytes read: read more around it."""


def _span_at(
    read: Callable[[int, int], bytes], size: int, at: int, record: Record, reach: int
) -> tuple[int, int] | None:
    """The span of `record`'s table around offset `at`, if that is where it is written."""
    while True:
        low, high = max(0, at - reach), min(size, at + reach)
        data = read(low, high)
        try:
            span = _table_around(data, at - low, kind_of(record), (low == 0, high == size))
        except _Beyond:
            reach *= 4
            continue
        if span is None or not _block_is(data[span[0] : span[1]], record):
            return None
        return low + span[0], low + span[1]


def _table_around(
    data: bytes, at: int, kind: str, edges: tuple[bool, bool]
) -> tuple[int, int] | None:
    """(start, end) of the table whose lines hold offset `at`: from its header line to the
    next header, less the comments and blank lines just above that header (they belong to
    it); None when `at` is not inside a table of `kind`. `edges` say whether `data` starts
    at the file's start and ends at its end; `_Beyond` when the answer lies past them."""
    header = data.rfind(b"\n[[", 0, at)
    if header < 0 and not edges[0]:
        raise _Beyond
    start = header + 1
    if _kind_at(data, start) != kind:
        return None
    end = len(data)
    probe = data.find(b"\n[[", at)
    while probe >= 0:
        if _kind_at(data, probe + 1) is not None:
            end = probe + 1
            break
        probe = data.find(b"\n[[", probe + 1)
    else:
        if not edges[1]:
            raise _Beyond
    return start, _above_comments(data, start, end)


def _above_comments(data: bytes, start: int, end: int) -> int:
    """Where a table from `start` to the next header at `end` ends once the blank and comment
    lines just above that header (which belong to it) are left out."""
    while True:
        before = data.rfind(b"\n", start, end - 1) + 1
        if before <= start:
            return end
        line = data[before:end].strip()
        if line and not line.startswith(b"#"):
            return end
        end = before


def _kind_at(data: bytes, start: int) -> str | None:
    """The kind of table a header line starting at `start` opens, if it is one. (A line cut
    short by the end of `data` opens none: no start of a header line is a header.)"""
    end = data.find(b"\n", start)
    line = data[start : end if end >= 0 else len(data)]
    return table_kind(line.decode("utf-8", "replace"))


def _block_is(block: bytes, record: Record) -> bool:
    import tomllib

    try:
        values = tomllib.loads(block.decode("utf-8"))
        tables = values.get(kind_of(record))
        if len(values) != 1 or not isinstance(tables, list) or len(tables) != 1:
            return False
        return _builders()[kind_of(record)](tables[0]) == record
    except Exception:  # any doubt at all means the slow, checked way
        return False


def without(text: str, records: Records, ident: str, name: str) -> str:
    """The file's text without the record `ident`: its lines are cut out and the rest is kept
    as written; if the file's layout defeats that, the records are rewritten under the file's
    leading comments. Either way the result is checked to hold exactly the other records."""
    from movecoach.errors import LogCorruptError

    expected = _dropped(records, ident)
    lines = _lines(text)
    found = headers(text)
    index = _position(records, found, ident)
    if index is not None:
        start = found[index][0] - 1
        end = found[index + 1][0] - 1 if index + 1 < len(found) else len(lines)
        # Comments and blank lines just above the next table belong to it: keep them.
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
            end -= 1
        candidate = "".join(lines[:start] + lines[end:])
        if _holds(candidate, expected, name):
            return candidate
    lead = "".join(lines[: found[0][0] - 1]) if found else text
    candidate = lead + blocks(expected.all(), newline_of(text))
    if not _holds(candidate, expected, name):  # pragma: no cover - a bug, never write it
        raise LogCorruptError(f"{name}: could not remove the record safely; nothing changed")
    return candidate


def replaced(text: str, records: Records, ident: str, new: Record, name: str) -> str:
    """The file's text with the record `ident` changed to `new`, in its place: each changed
    key's line is rewritten and every other line (comments inside and around the table
    included) stays as written. If the table's layout defeats that, the table is written
    anew where it was, with the comments that were inside it just above. Either way the
    result is checked to hold exactly the records with this one changed."""
    from movecoach.errors import LogCorruptError

    expected = _swapped(records, ident, new)
    lines = _lines(text)
    found = headers(text)
    index = _position(records, found, ident)
    if index is None:
        raise LogCorruptError(f"{name}: could not find where {ident} is written; nothing changed")
    start = found[index][0]  # the first line after the header
    end = found[index + 1][0] - 1 if index + 1 < len(found) else len(lines)
    newline = newline_of(text)
    for body in (_edited_keys(lines[start:end], new, newline), _rewritten(lines[start:end], new)):
        candidate = "".join([*lines[:start], *body, *lines[end:]])
        if _holds(candidate, expected, name):
            return candidate
    raise LogCorruptError(f"{name}: could not change {ident} safely; nothing changed")


def _swapped(records: Records, ident: str, new: Record) -> Records:
    from movecoach.core.models import Records

    def swap(group: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(new if r.id == ident else r for r in group)

    return Records(*(swap(group) for group in _groups(records)))


def _key_spans(lines: list[str]) -> list[tuple[str, int, int]]:
    """(key, first line, end line) of each `key = value` in a table's lines; a value may
    run over several lines (an array written one item a line)."""
    import tomllib

    spans = []
    index = 0
    while index < len(lines):
        code = lines[index].split("#", 1)[0].strip()
        key = code.split("=", 1)[0].strip() if "=" in code else ""
        if not key or not key.replace("_", "").isalnum():
            index += 1
            continue
        for end in range(index + 1, len(lines) + 1):
            try:
                if key in tomllib.loads("".join(lines[index:end])):
                    break
            except tomllib.TOMLDecodeError:
                continue
        else:
            return []  # not a layout this can edit line by line
        spans.append((key, index, end))
        index = end
    return spans


def _value_lines(key: str, value: Any, newline: str) -> str:
    import tomli_w

    return tomli_w.dumps({key: value}).replace("\n", newline)


def _edited_keys(lines: list[str], new: Record, newline: str) -> list[str]:
    """The table's lines with each key's value set as in `new`: keys it no longer has are
    dropped, new keys go after the last one, and a comment after a one-line value stays."""
    values = _values(new)
    if "time" in values:
        values["time"] = values["time"].replace(microsecond=0, tzinfo=None)
    spans = _key_spans(lines)
    if not spans:
        return lines
    out = list(lines[: spans[0][1]])
    seen = set()
    for number, (key, first, end) in enumerate(spans):
        following = spans[number + 1][1] if number + 1 < len(spans) else end
        seen.add(key)
        if key in values:
            old = lines[first]
            cut = old.split("#", 1)
            comment = f"  #{cut[1].rstrip()}" if end - first == 1 and len(cut) == 2 else ""
            line = _value_lines(key, values[key], newline)
            out.append(line[: -len(newline)] + comment + newline if comment else line)
        out += lines[end:following]  # comments and blank lines between keys
    out += [_value_lines(k, v, newline) for k, v in values.items() if k not in seen and v != []]
    out += lines[spans[-1][2] :]
    return out


def _rewritten(lines: list[str], new: Record) -> list[str]:
    """The table's keys written anew; the comments that were among them come first, just
    under the header (which stays as written)."""
    comments = [line for line in lines if line.lstrip().startswith("#")]
    newline = newline_of("".join(lines)) if lines else "\n"
    body = block(new).split("\n", 1)[1]  # without the header line, which stays
    return [*comments, body.replace("\n", newline), newline]


def _groups(records: Records) -> tuple[tuple[Record, ...], ...]:
    return (records.sessions, records.days, records.checkins, records.deleted)


def _dropped(records: Records, ident: str) -> Records:
    from movecoach.core.models import Records

    return Records(
        tuple(r for r in records.sessions if r.id != ident),
        tuple(r for r in records.days if r.id != ident),
        tuple(r for r in records.checkins if r.id != ident),
        tuple(r for r in records.deleted if r.id != ident),
    )


def _position(records: Records, found: list[tuple[int, str]], ident: str) -> int | None:
    """Which header (by position in the file) starts the record `ident`, when every table
    of every kind sits under its own header; None when the layout is anything else."""
    groups = dict(zip(KINDS, _groups(records), strict=True))
    kinds = [kind for _, kind in found]
    if any(kinds.count(kind) != len(group) for kind, group in groups.items()):
        return None
    seen = dict.fromkeys(KINDS, 0)
    for position, kind in enumerate(kinds):
        if groups[kind][seen[kind]].id == ident:
            return position
        seen[kind] += 1
    return None


def _holds(text: str, records: Records, name: str) -> bool:
    from movecoach.errors import LogCorruptError

    try:
        return parse_records(text, name) == records
    except LogCorruptError:
        return False


# --- the cache's copy of a file's records -------------------------------------------------------


def row(record: Record, texts: dict[Any, Any] | None = None) -> list[Any]:
    """A record as plain values that marshal can store: its kind, then its fields in order
    (id and date first, so a reader can pick rows without building records). `texts`: the
    text already made of each date, time and exercise id of the rows stored together, so
    the rows share one string for each (marshal stores a shared string once, and reading a
    month of a heavy log back makes one string for it, not one a row: half the time)."""
    kind, fields, special = _rowing(type(record))
    values: list[Any] = [kind, *fields(record)]
    for index in special:  # dates and times as ISO text, tuples as lists
        value = values[index]
        if value is None:
            continue
        if type(value) is tuple:
            values[index] = list(value if texts is None else map(texts.setdefault, value, value))
        elif texts is None:
            values[index] = value.isoformat()
        else:
            text = texts.get(value)
            values[index] = text if text is not None else texts.setdefault(value, value.isoformat())
    return values


_ROW: dict[type, tuple[str, Callable[[Any], tuple[Any, ...]], tuple[int, ...]]] = {}


def _rowing(cls: type) -> tuple[str, Callable[[Any], tuple[Any, ...]], tuple[int, ...]]:
    """A record class's kind, a getter of all its fields at once, and where in a row the
    values that are not plain sit (the same fields `unrow` turns back)."""
    known = _ROW.get(cls)
    if known is None:
        from operator import attrgetter

        names, converters = _unrowing(cls)
        kind = next(k for k, c in _classes().items() if c is cls)
        getter = attrgetter(*names)
        known = _ROW[cls] = (kind, getter, tuple(index + 1 for index, _ in converters))
    return known


def unrow(values: list[Any]) -> Record:
    """The record `row` stored; it was validated when its file was first parsed, so it is
    rebuilt without its constructor's checks (a year of a heavy log is many thousands)."""
    cls = _classes()[values[0]]
    names, converters = _unrowing(cls)
    fields = values[1:]
    for index, convert in converters:
        if fields[index] is not None:
            fields[index] = convert(fields[index])
    record = object.__new__(cls)
    record.__dict__.update(zip(names, fields, strict=True))
    return record  # type: ignore[no-any-return]


_UNROW: dict[type, tuple[tuple[str, ...], tuple[tuple[int, Callable[[Any], Any]], ...]]] = {}


def _unrowing(cls: type) -> tuple[tuple[str, ...], tuple[tuple[int, Callable[[Any], Any]], ...]]:
    """Each field's name, and how the stored values that are not plain turn back into the
    field's type (dates, times, tuples)."""
    known = _UNROW.get(cls)
    if known is None:
        import datetime as dt

        special: dict[str, Callable[[Any], Any]] = {
            "date": dt.date.fromisoformat,
            "time": dt.time.fromisoformat,
            "logged": dt.datetime.fromisoformat,
        }
        names = _field_names(cls)
        types = cls.__dataclass_fields__  # type: ignore[attr-defined]
        converters = tuple(
            (index, special.get(name, tuple))
            for index, name in enumerate(names)
            if name in special or "tuple" in str(types[name].type)
        )
        known = _UNROW[cls] = (names, converters)
    return known


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        from dataclasses import fields

        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


_CLASSES: dict[str, Any] = {}


def _classes() -> dict[str, Any]:
    """The record class of each kind (imported on first use: not on the nudge's path)."""
    if not _CLASSES:
        from movecoach.core.models import Checkin, DayEntry, Deleted, Session

        _CLASSES.update(session=Session, day=DayEntry, checkin=Checkin, deleted=Deleted)
    return _CLASSES
