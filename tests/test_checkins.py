"""Check-in records: the one constructor, the log file's `[[checkin]]` tables, and export and
import as JSON and CSV, each a round trip that gives back exactly what was logged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core.models import Checkin, activity_key, check_activity, make_checkin
from movecoach.errors import RecordError
from movecoach.store import transfer
from movecoach.store.log import Log

from .factories import AWKWARD, checkin, seed

TODAY = dt.date(2026, 3, 10)


def values(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "c1",
        "date": TODAY,
        "activities": ["Putting on socks", "Sitting for an hour"],
        "scores": [3, 5],
    }
    return {**base, **changes}


# --- the constructor ---------------------------------------------------------------------------


def test_a_check_in_keeps_each_activity_with_its_score() -> None:
    made = make_checkin(values(activities=["  Putting on socks ", "Sitting for an hour"]))
    assert made.activities == ("Putting on socks", "Sitting for an hour")
    assert made.scores == (3, 5)
    assert made.as_dict()["scores"] == [
        {"activity": "Putting on socks", "score": 3},
        {"activity": "Sitting for an hour", "score": 5},
    ]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"activities": ["Socks; shoes"], "scores": [3]}, "activities", "';'"),
        ({"activities": ["Socks", "socks "], "scores": [3, 4]}, "activities", "once"),
        ({"activities": ["a", "b", "c", "d"], "scores": [1, 2, 3, 4]}, "activities", "1 to 3"),
        ({"activities": [], "scores": []}, "activities", "1 to 3"),
        ({"activities": ["line\nbreak"], "scores": [3]}, "activities", "one line"),
        ({"activities": ["x" * 81], "scores": [3]}, "activities", "1-80"),
        ({"activities": ["Socks"], "scores": [11]}, "scores", "0 to 10"),
        ({"activities": ["Socks"], "scores": [-1]}, "scores", "0 to 10"),
        ({"activities": ["Socks"], "scores": [3, 4]}, "scores", "one score to each"),
        ({"activities": "Socks", "scores": [3]}, "activities", "list"),
        ({"date": dt.date(1899, 12, 31)}, "date", "1900-01-01 or later"),
    ],
)
def test_the_constructor_refuses_a_bad_check_in(
    changes: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(RecordError) as caught:
        make_checkin(values(**changes))
    assert caught.value.field == field
    assert words in str(caught.value)


def test_a_check_in_after_today_is_refused_when_written() -> None:
    with pytest.raises(RecordError, match="future"):
        make_checkin(values(date=TODAY + dt.timedelta(days=1)), today=TODAY)


# --- the log file ------------------------------------------------------------------------------


def test_a_check_in_round_trips_through_the_log_file(home: Path) -> None:
    made = checkin(
        TODAY, ("Putting on socks", 3), ("Gardening", 0), logged=dt.datetime(2026, 3, 10, 9)
    )
    seed(home, made)
    text = (home / "log" / "2026.toml").read_text("utf-8")
    assert "[[checkin]]" in text
    assert '"Putting on socks"' in text
    assert Log(home / "log").merged().checkins == (made,)  # a fresh reader, no cache


def test_a_hand_edited_check_in_is_read_and_its_comments_survive_an_append(home: Path) -> None:
    folder = home / "log"
    folder.mkdir(parents=True)
    (folder / "2026.toml").write_text(
        '# my notes\n[[checkin]]\nid = "hand"\ndate = 2026-03-01\n'
        'activities = ["Lifting the shopping"]  # the heavy bag\nscores = [2]\n',
        "utf-8",
    )
    log = Log(folder, home / "cache")
    later = checkin(TODAY, ("Lifting the shopping", 4))
    log.append(later)
    text = (folder / "2026.toml").read_text("utf-8")
    assert "# the heavy bag" in text
    assert [c.scores for c in log.merged().checkins] == [(2,), (4,)]


def test_a_check_in_is_the_last_record_logged_and_removing_it_keeps_the_rest(home: Path) -> None:
    from .factories import session

    first = session(TODAY, logged=dt.datetime(2026, 3, 10, 8))
    made = checkin(TODAY, logged=dt.datetime(2026, 3, 10, 9))
    log = seed(home, first, made)
    found = log.last_logged()
    assert found is not None
    assert found[1] == made
    log.remove(made.id)
    assert log.merged().checkins == ()
    assert log.sessions() == [first]


def test_log_checkins_reads_every_file_and_honours_tombstones(home: Path) -> None:
    laptop = Log(home / "log", device="laptop")
    desk = Log(home / "log", device="desk")
    kept = checkin("2025-12-01", ("Walking", 4))
    gone = checkin("2026-02-01", ("Walking", 5))
    laptop.append(kept)
    laptop.append(gone)
    desk.remove(gone.id)  # another device's record: a tombstone in this device's file
    assert Log(home / "log").checkins() == [kept]


# --- export and import -------------------------------------------------------------------------


def test_a_check_in_round_trips_through_json_and_csv() -> None:
    made = checkin(TODAY, ("=cmd|' /C calc'!A0", 2), ('\'Tis the stairs, "all" of them', 7))
    as_json = transfer.to_json([made])
    assert '"kind": "checkin"' in as_json
    assert transfer.read_records(as_json, "json") == [made]
    as_csv = transfer.to_csv([made], "checkin")
    assert as_csv.splitlines()[1].startswith("c")  # id first
    assert "'=cmd" in as_csv  # a spreadsheet shows the formula as text
    assert transfer.read_records(as_csv, "csv") == [made]


def _valid_activity(text: str) -> bool:
    try:
        check_activity(text)
    except RecordError:
        return False
    return True


activity_st = (
    st.lists(st.sampled_from(AWKWARD) | st.characters(exclude_categories=("Cs",)), max_size=20)
    .map("".join)
    .filter(_valid_activity)
    .map(check_activity)
)


@st.composite
def checkins_st(draw: st.DrawFn) -> Checkin:
    names = draw(st.lists(activity_st, min_size=1, max_size=3, unique_by=activity_key))
    return make_checkin(
        {
            "id": draw(st.text("abcdef0123456789", min_size=1, max_size=16)),
            "date": draw(st.dates(dt.date(1900, 1, 1), TODAY)),
            "activities": names,
            "scores": draw(st.lists(st.integers(0, 10), min_size=len(names), max_size=len(names))),
        }
    )


@given(st.lists(checkins_st(), max_size=4, unique_by=lambda c: c.id))
def test_any_check_ins_survive_json_and_csv(made: list[Checkin]) -> None:
    assert transfer.read_records(transfer.to_json(made), "json") == made
    assert transfer.read_records(transfer.to_csv(made, "checkin"), "csv") == made
