"""The nudge's fast path reads the cache newest year first and stops early; whatever the
files, its answer is the one a full read of the log gives."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from movecoach import nudge
from movecoach.core.models import make_day_entry
from movecoach.store.log import Log

from .factories import session

TODAY = dt.date(2026, 1, 6)  # early in a year: a week and the flare window reach back a year


def entry_st():
    day = st.dates(dt.date(2023, 12, 1), dt.date(2026, 1, 6))
    sessions = st.builds(
        lambda d, p: session(d, pain_before=p), day, st.none() | st.integers(0, 10)
    )
    days = st.builds(
        lambda d, k: make_day_entry(
            {"id": f"d{d.isoformat()}{k}", "date": d, "kind": k, "pain": 4}
        ),
        day,
        st.sampled_from(["rest", "flare", "pain"]),
    )
    return st.tuples(st.sampled_from(["", "laptop", "desk"]), sessions | days)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(entry_st(), max_size=14),
    st.integers(0, 3),
    st.sampled_from([0, 6]),
)
def test_the_fast_answer_is_the_full_answer(entries, rest_days, first_weekday) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "log", Path(tmp) / "cache"
        seen: set[tuple[str, str]] = set()
        for device, record in entries:
            if (device, record.id) in seen:
                continue
            seen.add((device, record.id))
            Log(folder, cache, device=device or None).append(record)
        Log(folder, cache).validate()
        full = nudge.from_log(TODAY.isoformat(), str(folder), str(cache), rest_days, first_weekday)
        answer = nudge.last_active(
            TODAY.isoformat(), str(folder), str(cache), rest_days, first_weekday
        )
        assert answer == full
        try:  # the cache answers whenever the files' totals add up, and then rightly
            fast = nudge.newest_active_day(
                str(folder), str(cache), TODAY.isoformat(), rest_days, first_weekday
            )
        except nudge.Unanswered:
            ids = [r.id for _, r in entries]
            assert len({(d, r.id) for d, r in entries}) > len(set(ids))  # one id, two devices
        else:
            assert fast == full


def test_a_day_two_devices_both_recorded_counts_once(tmp_path: Path) -> None:
    """`movecoach rest` on the same day on two devices writes the same id twice: the cache
    must not sum both files' rows (the day's pain would count twice), so the log answers."""
    folder, cache = tmp_path / "log", tmp_path / "cache"
    rest = make_day_entry(
        {"id": "d2026-01-01rest", "date": dt.date(2026, 1, 1), "kind": "rest", "pain": 4}
    )
    Log(folder, cache).append(rest)
    Log(folder, cache, device="laptop").append(rest)
    Log(folder, cache).append(session(dt.date(2026, 1, 1), pain_before=0))
    Log(folder, cache).validate()
    day = dt.date(2026, 1, 1).toordinal()
    answer = nudge.last_active(TODAY.isoformat(), str(folder), str(cache), 0, 0)
    assert answer == ("2026-01-01", {day: 2.0})  # (4 + 0) / 2: the rest day's pain once


@pytest.mark.parametrize(
    ("removed", "answered_from_cache"),
    [
        (dt.date(2026, 1, 5), False),  # yesterday: the cached rows still count it
        (dt.date(2025, 10, 1), True),  # months before anything the answer reads
    ],
)
def test_a_session_removed_from_another_devices_file(
    tmp_path: Path, removed: dt.date, answered_from_cache: bool
) -> None:
    """A tombstone takes a record away from another device's file, whose cached rows still
    count it: the cache answers only when the removed day cannot change the answer."""
    folder, cache = tmp_path / "log", tmp_path / "cache"
    Log(folder, cache).extend(session(dt.date(2026, 1, 1) - dt.timedelta(days=n)) for n in range(5))
    gone = session(removed, pain_before=9)
    Log(folder, cache, device="laptop").append(gone)
    Log(folder, cache).remove(gone.id)
    Log(folder, cache).validate()
    full = nudge.from_log(TODAY.isoformat(), str(folder), str(cache), 1, 0)
    assert full[0] == "2026-01-01"  # the removed session does not count
    assert nudge.last_active(TODAY.isoformat(), str(folder), str(cache), 1, 0) == full
    try:
        fast = nudge.newest_active_day(str(folder), str(cache), TODAY.isoformat(), 1, 0)
    except nudge.Unanswered:
        assert not answered_from_cache
    else:
        assert answered_from_cache
        assert fast == full
