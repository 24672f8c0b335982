"""CSV and JSON export and import as pure text: round trips, quoting, and every bad row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import models
from movecoach.core.models import Session
from movecoach.errors import ImportRowsError, InputError, RecordError
from movecoach.store import transfer

from .factories import awkward_text_st, session, sessions_st, transfer_sessions_st

# Exports carry leg pain at the end; a file written before it (OLD_HEADER) still imports.
OLD_HEADER = "id,date,time,minutes,pain_before,pain_after,exercises,note"
HEADER = f"{OLD_HEADER},leg_pain_before,leg_pain_after"


def bad_rows(text: str, kind: str = "csv") -> list[str]:
    with pytest.raises(ImportRowsError) as caught:
        transfer.read_sessions(text, kind, "in.txt")
    return caught.value.lines()


# --- round trips ----------------------------------------------------------------------------


@given(st.lists(transfer_sessions_st, max_size=8, unique_by=lambda s: s.id))
def test_csv_round_trip_keeps_every_session_exactly(sessions: list[Session]) -> None:
    assert transfer.read_sessions(transfer.to_csv(sessions), "csv") == sessions


@given(st.lists(sessions_st, max_size=8, unique_by=lambda s: s.id))
def test_json_round_trip_keeps_every_session_exactly(sessions: list[Session]) -> None:
    assert transfer.read_sessions(transfer.to_json(sessions), "json") == sessions


@given(awkward_text_st)
def test_an_awkward_note_is_one_csv_cell(note: str) -> None:
    text = transfer.to_csv([session(note=note)])
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    cell = row[header.index("note")]
    # A cell a spreadsheet would run as a formula carries one `'` in front.
    assert cell == ("'" + note if note.startswith(("=", "+", "-", "@", "\t", "\r", "'")) else note)


@pytest.mark.parametrize("note", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "'q"])
def test_csv_never_hands_a_spreadsheet_a_formula_and_import_gives_the_note_back(note) -> None:
    text = transfer.to_csv([session(note=note, exercises=("=evil",))])
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    assert row[header.index("note")] == "'" + note
    assert row[header.index("exercises")] == "'=evil"
    (back,) = transfer.read_sessions(text, "csv")
    assert (back.note, back.exercises) == (note, ("=evil",))


# --- export ---------------------------------------------------------------------------------


def test_csv_has_the_header_and_rfc_4180_quoting() -> None:
    item = Session(
        "a1", dt.date(2026, 3, 1), 20, dt.time(7, 30), 4, 2, ("knee-rolls", "bird-dog"),
        'stiff, then "better"\nsecond line ✓',
    )  # fmt: skip
    assert transfer.to_csv([item, Session("b2", dt.date(2026, 3, 2), 5)]) == (
        f"{HEADER}\r\n"
        'a1,2026-03-01,07:30,20,4,2,knee-rolls;bird-dog,"stiff, then ""better""\nsecond line ✓"'
        ",,\r\n"
        "b2,2026-03-02,,5,,,,,,\r\n"
    )


def test_leg_pain_travels_in_its_own_columns_and_an_older_csv_still_imports() -> None:
    item = session("2026-03-01", pain_before=3, leg_pain_before=4, leg_pain_after=2)
    text = transfer.to_csv([item])
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    assert header[-2:] == ["leg_pain_before", "leg_pain_after"]
    assert row[-2:] == ["4", "2"]
    assert transfer.read_sessions(text, "csv") == [item]
    old = f"{OLD_HEADER}\r\nx1,2026-03-01,,20,3,2,,\r\n"
    (back,) = transfer.read_sessions(old, "csv")
    assert (back.pain_before, back.leg_pain_before, back.leg_pain_after) == (3, None, None)


def test_a_row_without_an_id_keeps_the_id_it_had_before_leg_pain_existed() -> None:
    """Importing a hand-made file again must add nothing, whichever version made its ids."""
    (back,) = transfer.read_sessions("date,minutes,pain_before\n2026-03-01,20,3\n", "csv")
    assert back.id == "3f3294911e001a71"


def test_leg_pain_out_of_range_is_a_bad_row() -> None:
    (line,) = bad_rows(f"{HEADER}\nx1,2026-03-01,,20,,,,,11,\n")
    assert "'leg_pain_before' must be a whole number from 0 to 10, got 11" in line


def test_json_objects_are_those_of_sessions_json() -> None:
    items = [
        session("2026-03-01", time=dt.time(7, 30), pain_before=3, exercises=("knee-rolls",)),
        session("2026-03-02", note="ok"),
    ]
    assert json.loads(transfer.to_json(items)) == [
        {"kind": "session", **s.as_dict()} for s in items
    ]


FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")
day_entries_st = st.builds(
    lambda **values: models.make_day_entry(values),
    id=st.text("abcdef0123456789", min_size=1, max_size=16),
    date=st.dates(dt.date(1900, 1, 1), dt.date(2026, 3, 10)),
    kind=st.sampled_from(["rest", "flare", "pain"]),
    pain=st.integers(0, 10),
    leg_pain=st.none() | st.integers(0, 10),
    note=st.none() | awkward_text_st,
)


@given(transfer_sessions_st | day_entries_st)
def test_a_csv_row_holds_what_the_json_object_holds(item: models.Record) -> None:
    """CSV and JSON write a record's fields each their own way: they must say the same."""
    kind = transfer.kind_of(item)
    (obj,) = json.loads(transfer.to_json([item]))
    (row,) = csv.DictReader(io.StringIO(transfer.to_csv([item], kind), newline=""))
    assert sorted(row) == sorted(key for key in obj if key != "kind")
    for column, cell in row.items():
        value = obj[column]
        said = ";".join(value) if isinstance(value, list) else "" if value is None else str(value)
        if column in ("id", "exercises", "note") and said.startswith(FORMULA):
            said = "'" + said
        assert cell == said, column


def test_seconds_are_kept_when_the_log_has_them() -> None:
    item = session(time=dt.time(7, 30, 15))
    assert json.loads(transfer.to_json([item]))[0]["time"] == "07:30:15"
    assert ",07:30:15," in transfer.to_csv([item])


def test_empty_export_is_a_header_or_an_empty_list() -> None:
    assert transfer.to_csv([]) == f"{HEADER}\r\n"
    assert json.loads(transfer.to_json([])) == []


@pytest.mark.parametrize("exercise", ["a;b", " padded", ""])
def test_an_exercise_id_csv_would_change_is_refused_everywhere(exercise: str) -> None:
    with pytest.raises(RecordError, match="'exercises'"):
        session(exercises=(exercise,))
    item = {"date": "2026-03-01", "minutes": 5, "exercises": [exercise]}
    (line,) = bad_rows(json.dumps([item]), "json")
    assert "'exercises' has" in line


def test_an_empty_note_is_absent_in_csv_and_kept_in_json() -> None:
    item = session(note="")
    (back,) = transfer.read_sessions(transfer.to_csv([item]), "csv")
    assert back.note is None
    assert transfer.read_sessions(transfer.to_json([item]), "json") == [item]


# --- import: what a hand-made file may do ---------------------------------------------------


def test_csv_columns_in_any_order_and_only_the_required_ones() -> None:
    text = "minutes , date\n20,2026-03-01\n\n15,2026-03-02\n"
    got = transfer.read_sessions(text, "csv")
    assert [(s.date.day, s.minutes) for s in got] == [(1, 20), (2, 15)]
    assert all(s.time is None and s.exercises == () and s.note is None for s in got)


def test_csv_exercises_are_trimmed_and_empty_parts_dropped() -> None:
    (got,) = transfer.read_sessions("date,minutes,exercises\n2026-03-01,5, a ; b;;\n", "csv")
    assert got.exercises == ("a", "b")


def test_json_null_means_absent() -> None:
    text = json.dumps([{"date": "2026-03-01", "minutes": 5, "time": None, "exercises": None}])
    (got,) = transfer.read_sessions(text, "json")
    assert (got.time, got.exercises, got.note) == (None, (), None)


def test_a_blank_json_id_is_a_bad_id_and_null_means_none() -> None:
    """An empty CSV cell means absent; JSON can say null for that, so "" is an id, and a bad
    one (it was once logged as the literal id 'unnamed')."""
    blank = json.dumps([{"id": "", "date": "2026-03-01", "minutes": 5}])
    with pytest.raises(ImportRowsError) as caught:
        transfer.read_sessions(blank, "json")
    assert caught.value.problems == [
        "the file: session 1: 'id' must be a non-empty string of up to 64 characters without "
        "spaces or control characters, got ''"
    ]
    (got,) = transfer.read_sessions(blank.replace('""', "null"), "json")
    assert len(got.id) == 16
    assert got.id != transfer.UNNAMED


def test_the_id_a_row_without_one_gets_never_changes_between_versions() -> None:
    """Ids made from a row's content are stored in the log: if a later version made other
    ids from the same row, importing the same file again would add its sessions twice. These
    two were made by the version that introduced them; they must stay."""
    text = "date,minutes,note,exercises\n" + "2026-03-01,5,Rücken ✓,knee-rolls\n" * 2
    assert [s.id for s in transfer.read_sessions(text, "csv")] == [
        "f05385d1f69d764f",
        "b0eac17446e22e09",
    ]


def test_rows_without_an_id_get_the_same_new_id_each_time() -> None:
    text = "date,minutes\n2026-03-01,5\n2026-03-01,5\n2026-03-02,5\n"
    first = transfer.read_sessions(text, "csv")
    assert [s.id for s in first] == [s.id for s in transfer.read_sessions(text, "csv")]
    assert len({s.id for s in first}) == 3, "two identical rows are two sessions"
    assert all(len(s.id) == 16 for s in first)


# --- import: bad rows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("x1,2026-3-1,,20,,,,", "'date' must be a date as YYYY-MM-DD"),
        ("x1,2026-02-30,,20,,,,", "'date' must be a date as YYYY-MM-DD"),
        ("x1,,,20,,,,", "'date' is missing"),
        ("x1,2026-03-01,7:30,20,,,,", "'time' must be HH:MM or HH:MM:SS"),
        ("x1,2026-03-01,24:00,20,,,,", "'time' must be HH:MM or HH:MM:SS"),
        ("x1,2026-03-01,,,,,,", "'minutes' is missing"),
        ("x1,2026-03-01,,0,,,,", "'minutes' must be a whole number from 1 to 600, got 0"),
        ("x1,2026-03-01,,601,,,,", "'minutes' must be a whole number from 1 to 600"),
        ("x1,2026-03-01,,20.5,,,,", "'minutes' must be a whole number"),
        ("x1,2026-03-01,,20,11,,,", "'pain_before' must be a whole number from 0 to 10"),
        ("x1,2026-03-01,,20,,-1,,", "'pain_after' must be a whole number from 0 to 10"),
        (f"x1,2026-03-01,,20,,,,{'n' * 1001}", "'note' is 1001 characters"),
        ("  ,2026-03-01,,20,,,,", "'id' must be a non-empty string"),
        ("x1,2026-03-01,,20", "has 4 cells, and the header has 8"),
    ],
)
def test_each_bad_csv_row_is_named_by_its_line(row: str, problem: str) -> None:
    (line,) = bad_rows(f"{OLD_HEADER}\nok,2026-03-01,,20,,,,\n{row}\n")
    assert line.startswith("in.txt: line 3: ")
    assert problem in line


def test_every_bad_row_is_reported_and_lines_count_from_where_a_row_starts() -> None:
    text = (
        f"{OLD_HEADER}\r\n"
        'a,2026-03-01,,20,,,,"a note\r\nover three\r\nlines"\r\n'  # lines 2-4
        "b,2026-03-01,,0,,,,\r\n"  # line 5
        "\r\n"  # line 6, blank
        "c,2026-03-02,,20,,,,\r\n"
        "d,2026-03-03,,20,12,,,\r\n"  # line 8
    )
    lines = bad_rows(text)
    assert [line.split(": ")[1] for line in lines] == ["line 5", "line 8"]


def test_the_same_id_twice_in_a_file_is_a_bad_row() -> None:
    (line,) = bad_rows(f"{OLD_HEADER}\na,2026-03-01,,20,,,,\na,2026-03-02,,20,,,,\n")
    assert line == "in.txt: line 3: id 'a' is also used at line 2"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("date,minutes,colour\n", "line 1: unknown column 'colour'"),
        ("id,date\n", "line 1: the header has no 'minutes' column"),
        ("date,minutes,date\n", "line 1: column 'date' appears twice"),
        ("", "is empty"),
        ("\n\n", "is empty"),
    ],
)
def test_a_bad_csv_header_refuses_the_file(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        transfer.read_sessions(text, "csv", "in.csv")
    assert not isinstance(caught.value, ImportRowsError)
    assert str(caught.value).startswith("in.csv: ")


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ({"date": "2026-03-01", "minutes": "20"}, "'minutes' must be a whole number"),
        ({"date": "2026-03-01", "minutes": True}, "'minutes' must be a whole number"),
        ({"date": "2026-03-01", "minutes": 20.0}, "'minutes' must be a whole number"),
        ({"date": 20260301, "minutes": 20}, "'date' must be a date"),
        ({"minutes": 20}, "'date' is missing"),
        ({"date": "2026-03-01", "minutes": 20, "mood": "ok"}, "unknown key 'mood'"),
        ({"date": "2026-03-01", "minutes": 20, "exercises": "a;b"}, "'exercises' must be a list"),
        ({"date": "2026-03-01", "minutes": 20, "note": 5}, "'note' must be text"),
        ({"id": 7, "date": "2026-03-01", "minutes": 20}, "'id' must be a non-empty string"),
        (["2026-03-01", 20], "is not a JSON object"),
    ],
)
def test_each_bad_json_session_is_named_by_its_position(item: object, problem: str) -> None:
    text = json.dumps([{"date": "2026-03-01", "minutes": 5}, item])
    (line,) = bad_rows(text, "json")
    assert line.startswith("in.txt: session 2: ")
    assert problem in line


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[{"date": "2026-03-01",\n "minutes": }]', "line 2: not valid JSON"),
        ('{"sessions": []}', "is not a JSON list of sessions"),
    ],
)
def test_malformed_json_refuses_the_file(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        transfer.read_sessions(text, "json", "in.json")


def test_many_bad_rows_are_cut_short_with_a_count() -> None:
    rows = "".join(f"x{n},2026-03-01,,0,,,,\n" for n in range(120))
    lines = bad_rows(f"{OLD_HEADER}\n{rows}")
    assert len(lines) == ImportRowsError.SHOWN + 1
    assert lines[-1] == "... and 70 more bad rows; nothing was imported"


def test_limits_are_the_logs() -> None:
    assert (models.MAX_SESSION_MINUTES, models.MAX_NOTE_LENGTH) == (600, 1000)
    note = "n" * models.MAX_NOTE_LENGTH
    (got,) = transfer.read_sessions(f"date,minutes,note\n2026-03-01,600,{note}\n", "csv")
    assert (got.minutes, got.note) == (600, note)


# --- format ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "name", "text", "kind"),
    [
        ("JSON", "data.csv", "date,minutes", "json"),
        (None, "data.CSV", "[]", "csv"),
        (None, "export.json", "", "json"),
        (None, "data.txt", '  \n [{"date": "2026-03-01"}]', "json"),
        (None, "data", "date,minutes\n", "csv"),
        (None, None, None, "csv"),
    ],
)
def test_format_comes_from_the_option_then_the_extension_then_the_content(
    given: str | None, name: str | None, text: str | None, kind: str
) -> None:
    assert transfer.choose_kind(given, name, text) == kind


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(InputError, match="unknown format 'xml'; choose csv or json"):
        transfer.choose_kind("xml")


# --- every refusal in full ------------------------------------------------------------------------


def refused_file(text: str, kind: str) -> str:
    with pytest.raises(InputError) as caught:
        transfer.read_sessions(text, kind, "in.txt")
    assert not isinstance(caught.value, ImportRowsError)
    return str(caught.value)


def test_the_words_of_each_refused_file() -> None:
    assert refused_file("date,minutes,colour\n", "csv") == (
        "in.txt: line 1: unknown column 'colour' (known: id, date, time, minutes, pain_before, "
        "pain_after, exercises, note, leg_pain_before, leg_pain_after); nothing was imported"
    )
    assert refused_file('{"sessions": []}', "json") == (
        "in.txt: is not a JSON list of sessions and other records, as `movecoach export --format "
        "json` writes; "
        "nothing was imported"
    )
    assert refused_file("[1,", "json") == (
        "in.txt: line 1: not valid JSON (Expecting value); nothing was imported"
    )
    big = "date,minutes,note\n2026-03-01,5," + "n" * 200_000 + "\n"
    assert refused_file(big, "csv").startswith(
        "in.txt: line 2: not valid CSV (field larger than field limit"
    )


def test_the_words_of_each_bad_row() -> None:
    assert bad_rows(json.dumps([{"date": "2026-03-01", "minutes": 5, "mood": 1}]), "json") == [
        "in.txt: session 1: unknown key 'mood' (known: id, date, time, minutes, pain_before, "
        "pain_after, exercises, note, leg_pain_before, leg_pain_after)"
    ]
    assert bad_rows(json.dumps([3]), "json") == ["in.txt: session 1: is not a JSON object"]
    assert bad_rows("date,minutes\n2026-03-01,5,extra\n") == [
        "in.txt: line 2: has 3 cells, and the header has 2"
    ]


@pytest.mark.parametrize("column", ["pain_before", "pain_after", "minutes"])
def test_a_number_cell_in_other_digits_names_its_column(column: str) -> None:
    header = "date,minutes" if column == "minutes" else f"date,minutes,{column}"
    row = "2026-03-01,three" if column == "minutes" else "2026-03-01,5,three"
    assert bad_rows(f"{header}\n{row}\n") == [
        f"in.txt: line 2: '{column}' must be a whole number, got 'three'"
    ]


def test_a_line_break_inside_a_quoted_cell_is_kept_as_written() -> None:
    text = 'date,minutes,note\r\n2026-03-01,5,"one\r\ntwo\rthree\nfour"\r\n'
    (got,) = transfer.read_sessions(text, "csv")
    assert got.note == "one\r\ntwo\rthree\nfour"


@pytest.mark.parametrize(
    ("name", "kind"), [("my.sessions.json", "json"), ("json", "csv"), ("backup.2026.CSV", "csv")]
)
def test_the_extension_is_what_follows_the_last_dot(name: str, kind: str) -> None:
    assert transfer.choose_kind(None, name, "date,minutes\n") == kind
