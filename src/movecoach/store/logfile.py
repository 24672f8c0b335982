"""The text of a log file, both ways: TOML text to sessions and sessions to TOML text.

No file system here: `store.log` reads and writes the bytes; this module only says what they
mean. A log file holds `[[session]]` tables (and an optional `schema = 1`); every session is
built through `core.models.make_session`, so a hand-edited file is held to the same rules as
`movecoach log`. Edits keep the user's text: an append adds a block after the old bytes, a
removal cuts one table's lines out and keeps every comment around it.

The names of log files (`YYYY.toml`, `YYYY-<device>.toml`) are read here too, without `re`,
because `movecoach nudge` reads them on its fast path; so is everything at the top level.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs 4 ms on the nudge fast path; mypy reads this block
if TYPE_CHECKING:
    from typing import Any

    from movecoach.core.models import Session

SCHEMA = 1
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
#   exercises    the exercise ids, e.g. ["knee-rolls", "calm-breathing"]
#   note         anything you want to remember (optional)
#
# This file is yours: hand edits are welcome, comments included. movecoach checks it on
# every read and never writes to it while it does not parse (`movecoach check` says why).

schema = {schema}
"""


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


def new_file(year: int) -> str:
    """The text a new year's file starts with: what each key means, and the schema."""
    return HEADER.format(year=year, schema=SCHEMA) + "\n"


def is_session_header(line: str) -> bool:
    """`[[session]]` on a line of its own (spaces and a trailing comment allowed)."""
    code = line.split("#", 1)[0].strip()
    return code.startswith("[[") and code.endswith("]]") and code[2:-2].strip() == "session"


def header_lines(text: str) -> list[int]:
    """Line numbers (from 1) of the `[[session]]` headers."""
    return [n for n, line in enumerate(text.splitlines(), 1) if is_session_header(line)]


def parse(text: str, name: str) -> list[Session]:
    """The sessions of one log file's text, or `LogCorruptError` naming file, line and problem."""
    import tomllib

    from movecoach.errors import LogCorruptError

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise LogCorruptError(f"{name}: does not parse ({err}); {FIX_HINT}") from err
    for key in data:
        if key not in ("schema", "session"):
            raise LogCorruptError(
                f"{name}: unknown top-level key {key!r}; sessions go in [[session]] tables; "
                f"{FIX_HINT}"
            )
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise LogCorruptError(
            f"{name}: schema {schema!r} is not one this movecoach reads (it reads {SCHEMA}); "
            "a newer movecoach may have written it"
        )
    tables = data.get("session", [])
    if not isinstance(tables, list):
        raise LogCorruptError(f"{name}: 'session' must be [[session]] tables; {FIX_HINT}")
    lines = header_lines(text)
    if len(lines) != len(tables):
        lines = []
    return [
        _session(table, name, index, lines[index - 1] if lines else None)
        for index, table in enumerate(tables, start=1)
    ]


def _session(table: Any, name: str, index: int, line: int | None) -> Session:
    import datetime as dt

    from movecoach.core.models import make_session
    from movecoach.errors import LogCorruptError, RecordError

    where = f"line {line}, session {index}" if line else f"session {index}"
    if isinstance(table, dict):
        if isinstance(table.get("id"), str):
            where += f" (id {table['id']})"
        elif isinstance(table.get("date"), dt.date):
            where += f" ({table['date']})"
    if not isinstance(table, dict):
        raise LogCorruptError(f"{name}: {where}: is not a table; {FIX_HINT}")
    try:
        return make_session(table)
    except RecordError as err:
        raise LogCorruptError(f"{name}: {where}: {err}; {FIX_HINT}") from None


def session_block(session: Session) -> str:
    """One `[[session]]` table as TOML text; absent values are left out (TOML has no null).

    The header is written by hand: tomli-w would write a short list of tables as an inline
    array, which cannot follow the file's `[[session]]` tables.
    """
    import tomli_w

    table: dict[str, Any] = {"id": session.id, "date": session.date}
    if session.time is not None:
        table["time"] = session.time.replace(microsecond=0, tzinfo=None)
    table["minutes"] = session.minutes
    if session.pain_before is not None:
        table["pain_before"] = session.pain_before
    if session.pain_after is not None:
        table["pain_after"] = session.pain_after
    table["exercises"] = list(session.exercises)
    if session.note is not None:
        table["note"] = session.note
    return "[[session]]\n" + tomli_w.dumps(table)


def blocks(sessions: list[Session]) -> str:
    return "\n".join(session_block(s) for s in sessions)


def appended(old: str, new_sessions: list[Session], every: list[Session], name: str) -> str:
    """The file's text with the new sessions' tables after every old byte.

    When each old session sits under its own `[[session]]` header, more headers at the end
    are valid TOML by construction; any other layout (an inline array) is checked in full.
    """
    from movecoach.errors import LogCorruptError

    separator = "\n" if old.endswith("\n") else "\n\n"
    new = old + (separator if old.strip() else "") + blocks(new_sessions)
    old_count = len(every) - len(new_sessions)
    if len(header_lines(old)) != old_count and not _parses_to(new, every, name):
        raise LogCorruptError(
            f"{name}: a [[session]] table cannot be added after its last line (are "
            "sessions written as an inline array?); write each session as a [[session]] table"
        )
    return new


def without(text: str, sessions: list[Session], index: int, name: str) -> str:
    """The file's text without session `index`: its lines are cut out and the rest is kept as
    written; if the file's layout defeats that, the sessions are rewritten under the file's
    leading comments. Either way the result is checked to hold exactly the other sessions."""
    from movecoach.errors import LogCorruptError

    expected = sessions[:index] + sessions[index + 1 :]
    lines = text.splitlines(keepends=True)
    headers = [n - 1 for n in header_lines(text)]
    if len(headers) == len(sessions):
        start = headers[index]
        end = headers[index + 1] if index + 1 < len(headers) else len(lines)
        # Comments and blank lines just above the next session belong to it: keep them.
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
            end -= 1
        candidate = "".join(lines[:start] + lines[end:])
        if _parses_to(candidate, expected, name):
            return candidate
    lead = "".join(lines[: headers[0]]) if headers else text
    candidate = lead + blocks(expected)
    if not _parses_to(candidate, expected, name):  # pragma: no cover - a bug, never write it
        raise LogCorruptError(f"{name}: could not remove the session safely; nothing changed")
    return candidate


def _parses_to(text: str, sessions: list[Session], name: str) -> bool:
    from movecoach.errors import LogCorruptError

    try:
        return parse(text, name) == sessions
    except LogCorruptError:
        return False


# --- the cache's copy of a file's sessions -----------------------------------------------------


def to_rows(sessions: list[Session]) -> list[list[Any]]:
    """Sessions as plain lists that marshal can store (no dates or dataclasses)."""
    return [
        [
            s.id,
            s.date.isoformat(),
            s.time.isoformat() if s.time is not None else None,
            s.minutes,
            s.pain_before,
            s.pain_after,
            list(s.exercises),
            s.note,
        ]
        for s in sessions
    ]


def from_rows(rows: list[list[Any]]) -> list[Session]:
    """The sessions `to_rows` stored; they were validated when first parsed."""
    import datetime as dt

    from movecoach.core.models import Session

    return [
        Session(
            ident,
            dt.date.fromisoformat(date),
            minutes,
            dt.time.fromisoformat(time) if time is not None else None,
            before,
            after,
            tuple(exercises),
            note,
        )
        for ident, date, time, minutes, before, after, exercises, note in rows
    ]
