"""Builders for test data; logs are seeded through the real `Log.append`."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from hypothesis import strategies as st

from movecoach.core.models import Checkin, Record, Session, make_checkin, make_session
from movecoach.errors import RecordError
from movecoach.store.log import Log

_ids = itertools.count(1)


def session(
    date: dt.date | str = dt.date(2026, 3, 10),
    minutes: int = 20,
    **fields: object,
) -> Session:
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    values: dict[str, object] = {"id": f"s{next(_ids):05d}", "date": date, "minutes": minutes}
    values.update(fields)
    return make_session(values)


def checkin(
    date: dt.date | str = dt.date(2026, 3, 10), *pairs: tuple[str, int], **fields: object
) -> Checkin:
    """A check-in of (activity, score) pairs: `checkin("2026-03-01", ("Socks", 3))`."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    pairs = pairs or (("Putting on socks", 3),)
    values: dict[str, object] = {
        "id": f"c{next(_ids):05d}",
        "date": date,
        "activities": [activity for activity, _ in pairs],
        "scores": [score for _, score in pairs],
    }
    values.update(fields)
    return make_checkin(values)


def seed(home: Path, *records: Record) -> Log:
    log = Log(home / "log", home / "cache")
    for item in records:
        log.append(item)
    return log


text_st = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
LAST_DAY = dt.date(2026, 3, 10)  # the "today" of the CLI tests: nothing later can be imported


def valid_exercise_id(text: str) -> bool:
    try:
        make_session({"id": "x", "date": dt.date(2026, 1, 1), "minutes": 1, "exercises": [text]})
    except RecordError:
        return False
    return True


def sessions_of(exercise: st.SearchStrategy[str], note: st.SearchStrategy[str]):
    """Valid sessions (built by the one constructor) whose exercise ids and notes come from
    the given strategies."""
    return st.builds(
        lambda **values: make_session(values),
        id=st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20),
        date=st.dates(dt.date(2000, 1, 1), LAST_DAY),
        minutes=st.integers(1, 600),
        time=st.none() | st.times().map(lambda t: t.replace(microsecond=0)),
        pain_before=st.none() | st.integers(0, 10),
        pain_after=st.none() | st.integers(0, 10),
        leg_pain_before=st.none() | st.integers(0, 10),
        leg_pain_after=st.none() | st.integers(0, 10),
        exercises=st.lists(exercise, max_size=4).map(tuple),
        note=st.none() | note,
    )


exercise_id_st = (
    st.text(
        st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), exclude_characters=";"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(valid_exercise_id)
)
sessions_st = sessions_of(exercise_id_st, text_st)

# Text that breaks naive CSV and JSON writers: separators, quotes, every kind of line end,
# non-ASCII letters and emoji, mixed with anything else.
AWKWARD = [",", ";", '"', "'", "\n", "\r", "\r\n", "\t", " ", "é", "ß", "✓", "🙂", "中", "\\", "="]
awkward_text_st = st.lists(
    st.sampled_from(AWKWARD) | st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40
).map("".join)
# Sessions that survive CSV unchanged: an empty note is written as an empty cell (absent).
transfer_sessions_st = sessions_of(exercise_id_st, awkward_text_st)
