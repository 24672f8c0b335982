"""The cache an edit writes equals the cache a fresh parse would: appends and removals keep
each file's summary, ids and months exactly as reading the file again gives them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from movecoach.core.models import make_checkin, make_day_entry
from movecoach.store import filecache
from movecoach.store.log import Log
from movecoach.store.memo import blob_hash

from .factories import session

DAYS = st.dates(dt.date(2025, 11, 1), dt.date(2026, 2, 28))


def record_st():
    ident = st.text("abcdefghij0123456789", min_size=4, max_size=8)
    logged = st.none() | st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 3, 1)).map(
        lambda t: t.replace(microsecond=0)
    )
    sessions = st.builds(
        lambda i, d, m, p, when: session(d, id=i, minutes=m, pain_before=p, logged=when),
        ident,
        DAYS,
        st.integers(1, 60),
        st.none() | st.integers(0, 10),
        logged,
    )
    days = st.builds(  # rest and flare days with and without pain, and pain-only days
        lambda i, d, k, p: make_day_entry(
            {"id": i, "date": d, "kind": k, "pain": 3 if p is None and k == "pain" else p}
        ),
        ident,
        DAYS,
        st.sampled_from(["rest", "flare", "pain"]),
        st.none() | st.integers(0, 10),
    )
    checkins = st.builds(
        lambda i, d, s: make_checkin({"id": i, "date": d, "activities": ["walk"], "scores": [s]}),
        ident,
        DAYS,
        st.integers(0, 10),
    )
    return sessions | days | checkins


def fresh_view(folder: Path) -> dict[str, object]:
    """What a reader with no cache at all learns of each file."""
    log = Log(folder, Path(tempfile.mkdtemp()) / "cache")
    return view(log)


def ids_and_months(ids: filecache.Ids | None) -> list[tuple[str, str | None]]:
    return sorted((i, ids.month_of(i)) for i in ids) if ids is not None else []


def view(log: Log) -> dict[str, object]:
    out: dict[str, object] = {}
    for path in log.sources():
        summary = log._summary(path)
        out[path.name] = (
            summary._replace(recent=sorted(summary.recent)),
            ids_and_months(filecache.load_ids(log.memo, blob_hash(path.read_bytes()))),
            sorted(map(repr, log.records_of(path).all())),
        )
    return out


@settings(max_examples=40, deadline=None)
@given(
    st.lists(record_st(), min_size=1, max_size=12, unique_by=lambda r: r.id),
    st.lists(st.integers(0, 11), max_size=6),
    st.lists(st.tuples(st.integers(0, 11), DAYS), max_size=3),
)
def test_edits_keep_the_cache_a_fresh_parse_would_build(records, removals, moves) -> None:
    edit_and_compare(records, removals, moves)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(record_st(), min_size=1, max_size=12, unique_by=lambda r: r.id),
    st.lists(st.integers(0, 11), max_size=6),
    st.lists(st.tuples(st.integers(0, 11), DAYS), max_size=3),
)
def test_edits_of_large_files_keep_the_cache_a_fresh_parse_would_build(
    records, removals, moves
) -> None:
    """As above, with every file as large as the 50 MB ones: a removal written in pieces
    around the cut, hashed with SHA-256 in a thread while it is written."""
    from unittest import mock

    with (
        mock.patch("movecoach.store.memo.BIG_BLOB", 1),
        mock.patch("movecoach.store.log.BIG_BLOB", 1),
    ):
        edit_and_compare(records, removals, moves)


def edit_and_compare(records, removals, moves) -> None:  # type: ignore[no-untyped-def]
    """Append the records, move some to other days, remove some; the cache the edits kept
    must be the one a fresh read builds."""
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "log", Path(tmp) / "cache"
        log = Log(folder, cache, device="me")
        for record in records:
            log.append(record)
        for index, day in moves:  # `movecoach edit`: a record moved to another day
            if index < len(records) and log.find(records[index].id):
                log.replace(records[index].id, dataclasses.replace(records[index], date=day))
        for index in removals:
            if index < len(records) and log.find(records[index].id):
                log.remove(records[index].id)
        assert view(Log(folder, cache, device="me")) == fresh_view(folder)


def test_a_removal_cuts_only_its_table_and_keeps_every_comment(home: Path) -> None:
    log = Log(home / "log", home / "cache")
    first, second, third = session("2026-01-01"), session("2026-01-02"), session("2026-01-03")
    log.extend([first, second, third])
    path = home / "log" / "2026.toml"
    text = path.read_text().replace("\n[[session]]\n", "\n# above\n[[session]]  # a note\n", 2)
    path.write_text(text)
    log = Log(home / "log", home / "cache")
    log.sessions()  # parsed and cached
    log.remove(second.id)
    after = path.read_text()
    assert second.id not in after
    assert after.count("# above") == 2
    assert [s.id for s in Log(home / "log").sessions()] == [first.id, third.id]


def test_a_plan_reads_only_the_months_it_needs(home: Path, monkeypatch) -> None:
    from movecoach.store import memo

    log = Log(home / "log", home / "cache")
    log.extend(session(dt.date(2026, month, 10)) for month in range(1, 13))
    loaded: list[str] = []
    original = memo.Memo.load

    def spy(self, digest, kind):  # type: ignore[no-untyped-def]
        loaded.append(kind)
        return original(self, digest, kind)

    monkeypatch.setattr(memo.Memo, "load", spy)
    fresh = Log(home / "log", home / "cache")
    assert len(fresh.sessions(window=(dt.date(2026, 11, 5), dt.date(2026, 12, 5)))) == 1
    assert sorted(k for k in loaded if k.startswith("m")) == ["m2026-11", "m2026-12"]


def test_a_month_of_rows_stores_each_date_time_and_exercise_once(tmp_path: Path) -> None:
    """A heavy month is tens of thousands of rows: read back, they share one string for
    each date, time and exercise id (half the reading time), and say the same records."""
    from movecoach.store.memo import Memo

    same = {"time": dt.time(7, 30), "exercises": ("bridge", "bird-dog")}
    records = [session("2026-03-01", **same), session("2026-03-01", **same)]
    filecache.store_rows(Memo(str(tmp_path)), "d", records)
    first, second = Memo(str(tmp_path)).load("d", filecache.month_kind("2026-03"))
    assert first[2] is second[2]  # the date
    assert first[4] is second[4]  # the time
    assert all(a is b for a, b in zip(first[7], second[7], strict=True))  # the exercises
    assert [filecache.logfile.unrow(row) for row in (first, second)] == records
