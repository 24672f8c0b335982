"""Builders for test data; logs are seeded through the real `Log.append`."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from hypothesis import strategies as st

from movecoach.core.models import Session
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
    return Session(**values)  # type: ignore[arg-type]


def seed(home: Path, *sessions: Session) -> Log:
    log = Log(home / "log", home / "cache")
    for item in sessions:
        log.append(item)
    return log


text_st = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)


def sessions_of(exercise: st.SearchStrategy[str], note: st.SearchStrategy[str]):
    """Valid sessions whose exercise ids and notes come from the given strategies."""
    return st.builds(
        Session,
        id=st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20),
        date=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
        minutes=st.integers(1, 600),
        time=st.none() | st.times().map(lambda t: t.replace(microsecond=0)),
        pain_before=st.none() | st.integers(0, 10),
        pain_after=st.none() | st.integers(0, 10),
        exercises=st.lists(exercise, max_size=4).map(tuple),
        note=st.none() | note,
    )


sessions_st = sessions_of(st.text(min_size=1, max_size=30), text_st)

# Text that breaks naive CSV and JSON writers: separators, quotes, every kind of line end,
# non-ASCII letters and emoji, mixed with anything else.
AWKWARD = [",", ";", '"', "'", "\n", "\r", "\r\n", "\t", " ", "é", "ß", "✓", "🙂", "中", "\\", "="]
awkward_text_st = st.lists(
    st.sampled_from(AWKWARD) | st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40
).map("".join)
# Exercise ids a CSV cell keeps as they are: no `;` (it joins ids) and no outer whitespace.
csv_exercise_st = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), exclude_characters=";"),
    min_size=1,
    max_size=30,
).filter(lambda text: text == text.strip())
# Sessions that survive CSV unchanged: an empty note is written as an empty cell (absent).
transfer_sessions_st = sessions_of(csv_exercise_st, awkward_text_st)
