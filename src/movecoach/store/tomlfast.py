"""A fast reader for the TOML layout movecoach itself writes, and nothing else.

A cold start reads every year of the log; `tomllib` is a general parser written in Python and
spends most of that time on generality a log file written by `tomli-w` never uses. This reader
takes only that layout: comment and blank lines, `[[kind]]` headers, and `key = value` lines
whose value is a basic string, a whole number, a date, a time, a local date-time, a boolean,
`[]`, or a multi-line array of strings or of whole numbers, one per line as `tomli-w` writes
them. On any other text (a hand edit with extra spaces, a comment after a value, an inline
table, CRLF line endings, a duplicate key, a value TOML refuses) it answers None and the
caller asks `tomllib`, so a file means the same whichever reader read it (property-tested in
tests/test_tomlfast.py) and every error message still comes from `tomllib`.
"""

from __future__ import annotations

import datetime as dt
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_CHAR = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'  # a basic string's own characters (tab allowed)
_ESCAPE = r'\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
_TEXT = rf"{_CHAR}*(?:{_ESCAPE}{_CHAR}*)*"  # a string's inside, as a loop the engine runs fast
_INT = r"(?:0|-?[1-9][0-9]{0,17})"  # no sign, zero padding or `_`: tomli-w writes none
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"[0-9]{2}:[0-9]{2}:[0-9]{2}"
_STRINGS = rf'\[\n(?:\ {{4}}"{_TEXT}",\n)+\]'
# A whole [[session]] table with its keys in the order movecoach writes them: one match for
# what is otherwise a dozen (the tables of a year are most of a cold start's reading).
_SESSION = rf"""
    \[\[session\]\]\n
    id\ =\ "(?P<s_id>{_CHAR}*)"\n
    date\ =\ (?P<s_date>{_DATE})\n
    minutes\ =\ (?P<s_minutes>{_INT})\n
    (?:time\ =\ (?P<s_time>{_TIME})\n)?
    (?:pain_before\ =\ (?P<s_pain_before>{_INT})\n)?
    (?:pain_after\ =\ (?P<s_pain_after>{_INT})\n)?
    (?:exercises\ =\ (?P<s_exercises>\[\]|{_STRINGS})\n)?
    (?:note\ =\ "(?P<s_note>{_TEXT})"\n)?
    (?:logged\ =\ (?P<s_logged>{_DATE}\ {_TIME})\n)?
    (?:leg_pain_before\ =\ (?P<s_leg_pain_before>{_INT})\n)?
    (?:leg_pain_after\ =\ (?P<s_leg_pain_after>{_INT})\n)?
"""
_LINE = re.compile(
    rf"""
      (?P<session>{_SESSION})
    | (?P<skip>(?:\#[^\x00-\x08\x0a-\x1f\x7f]*)?)\n
    | \[\[(?P<table>[A-Za-z0-9_-]+)\]\]\n
    | (?P<key>[A-Za-z0-9_-]+)\ =\ (?:
          "(?P<str>{_CHAR}*)"
        | "(?P<esc>{_TEXT})"
        | (?P<int>{_INT})
        | (?P<datetime>{_DATE}\ {_TIME})
        | (?P<date>{_DATE})
        | (?P<time>{_TIME})
        | (?P<bool>true|false)
        | (?P<empty>\[\])
        | (?P<strs>{_STRINGS})
        | \[\n(?P<ints>(?:\ {{4}}{_INT},\n)+)\]
      )\n
    """,
    re.VERBOSE,
)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPED = re.compile(_ESCAPE)


class _Refused(Exception):
    """The text is not in the layout this reader takes (or TOML would refuse it)."""


def loads(text: str) -> tuple[dict[str, Any], list[tuple[int, str]]] | None:
    """The TOML document `tomllib.loads(text)` would give, with the (line number from 1,
    name) of each `[[name]]` header in file order; None when the text is not in the layout
    movecoach writes, or when TOML would refuse it."""
    if "\r" in text:
        return None
    if not text.endswith("\n"):
        text += "\n"
    try:
        return _read(text)
    except (_Refused, ValueError):  # ValueError: a date, time or escape TOML refuses
        return None


def _read(text: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    root: dict[str, Any] = {}
    headers: list[tuple[int, str]] = []
    table = root
    made: set[str] = set()  # the names of arrays of tables
    end = line = last = 0
    values = _VALUES
    for match in _LINE.finditer(text):
        if match.start() != end:  # a line no alternative took
            raise _Refused
        end = match.end()
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "table" or kind == "session":
            name = match["table"] or "session"
            if name not in made:
                if name in root:  # a key of that name came first
                    raise _Refused
                made.add(name)
                root[name] = []
            tables = root[name]
            line += text.count("\n", last, match.start())
            last = match.start()
            headers.append((line + 1, name))
            table = {} if kind == "table" else _session(match)
            tables.append(table)
            continue
        key = match["key"]
        if key in table:
            raise _Refused
        table[key] = values[kind](match[kind])  # type: ignore[index]
    if end != len(text):
        raise _Refused
    return root, headers


def _unescape(text: str) -> str:
    def one(found: re.Match[str]) -> str:
        code = found[0][1:]
        if code[0] in "uU":
            point = int(code[1:], 16)
            if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:  # not a Unicode scalar value
                raise _Refused
            return chr(point)
        return _ESCAPES[code]

    return _ESCAPED.sub(one, text)


_SESSION_GROUPS = tuple(
    f"s_{key}"
    for key in (
        "id", "date", "minutes", "time", "pain_before", "pain_after", "exercises", "note",
        "logged", "leg_pain_before", "leg_pain_after",
    )
)  # fmt: skip


def _session(match: re.Match[str]) -> dict[str, Any]:
    """The table a `_SESSION` match read (the keys after it, if any, are read one by one).
    Written out key by key: this runs once a session, thousands of times a cold start."""
    ident, date, minutes, time, before, after, exercises, note, logged, leg_before, leg_after = (
        match.group(*_SESSION_GROUPS)
    )
    table: dict[str, Any] = {"id": ident, "date": _date(date), "minutes": int(minutes)}
    if time is not None:
        table["time"] = _time(time)
    if before is not None:
        table["pain_before"] = int(before)
    if after is not None:
        table["pain_after"] = int(after)
    if exercises is not None:
        table["exercises"] = _strings(exercises)
    if note is not None:
        table["note"] = _unescape(note) if "\\" in note else note
    if logged is not None:
        table["logged"] = _datetime(logged)
    if leg_before is not None:
        table["leg_pain_before"] = int(leg_before)
    if leg_after is not None:
        table["leg_pain_after"] = int(leg_after)
    return table


_date = dt.date.fromisoformat
_time = dt.time.fromisoformat
_datetime = dt.datetime.fromisoformat


def _strings(text: str) -> list[str]:
    """The items of `[]` or of a multi-line array of strings, one a line: the text between
    `[\n    "` and `",\n]`, cut where one item's line ends and the next begins (no item
    holds a raw quote or line end: the pattern refused them)."""
    if text == "[]":
        return []
    items = text[7:-4].split('",\n    "')
    return [_unescape(item) for item in items] if "\\" in text else items


def _ints(text: str) -> list[int]:
    return [int(item[4:-1]) for item in text.split("\n")[:-1]]


_VALUES: dict[str, Callable[[str], Any]] = {
    "str": str,
    "esc": _unescape,
    "int": int,
    "datetime": _datetime,
    "date": _date,
    "time": _time,
    "bool": lambda word: word == "true",
    "empty": lambda _: [],
    "strs": _strings,
    "ints": _ints,
}
