"""The records and their one constructor each (`core.models`): every limit, and the strict
ASCII parsers that text from a user, CSV or JSON goes through first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import models
from movecoach.core.models import (
    Exercise,
    Plan,
    PlanItem,
    make_exercise,
    make_session,
    parse_date,
    parse_time,
    parse_whole,
    plan_options,
)
from movecoach.errors import RecordError

DAY = dt.date(2026, 3, 10)
ARABIC_INDIC, FULL_WIDTH = "\u0660", "\uff10"  # the digit zero of each script


def digits(text: str, zero: str) -> str:
    """`text` with its ASCII digits written in the script whose zero is `zero`."""
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)


def values(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "s1", "date": DAY, "minutes": 20}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def refused(field: str, **changes: Any) -> RecordError:
    with pytest.raises(RecordError) as caught:
        make_session(values(**changes))
    assert caught.value.field == field
    return caught.value


# --- make_session ---------------------------------------------------------------------------


def test_a_minimal_session_has_no_optional_values() -> None:
    session = make_session(values())
    assert session == models.Session("s1", DAY, 20)
    assert (session.time, session.pain_before, session.pain_after, session.note) == (None,) * 4
    assert session.exercises == ()


def test_every_field_is_kept_as_given() -> None:
    session = make_session(
        values(
            time=dt.time(7, 30, 15),
            pain_before=0,
            pain_after=10,
            exercises=["knee-rolls", "Ünïcode ✓"],
            note="",
        )
    )
    assert session.time == dt.time(7, 30, 15)
    assert (session.pain_before, session.pain_after) == (0, 10)
    assert session.exercises == ("knee-rolls", "Ünïcode ✓")
    assert session.note == ""


@pytest.mark.parametrize("minutes", [1, 600])
def test_minutes_from_1_to_600(minutes: int) -> None:
    assert make_session(values(minutes=minutes)).minutes == minutes


@pytest.mark.parametrize("minutes", [0, 601, -5, True, 20.0, "20"])
def test_minutes_outside_1_to_600_or_not_whole_are_refused(minutes: object) -> None:
    err = refused("minutes", minutes=minutes)
    assert f"must be a whole number from 1 to 600, got {minutes!r}" in str(err)


@pytest.mark.parametrize("field", ["pain_before", "pain_after"])
@pytest.mark.parametrize("pain", [0, 10])
def test_pain_from_0_to_10(field: str, pain: int) -> None:
    assert getattr(make_session(values(**{field: pain})), field) == pain


@pytest.mark.parametrize("field", ["pain_before", "pain_after"])
@pytest.mark.parametrize("pain", [-1, 11, False, 3.5, "3"])
def test_pain_outside_0_to_10_is_refused(field: str, pain: object) -> None:
    err = refused(field, **{field: pain})
    assert "from 0 to 10" in err.problem


@pytest.mark.parametrize("key", ["id", "date", "minutes"])
def test_id_date_and_minutes_are_required(key: str) -> None:
    assert str(refused(key, **{key: ...})) == f"{key!r} is missing"
    assert str(refused(key, **{key: None})) == f"{key!r} is missing"


def test_an_unknown_key_is_named_with_the_known_ones() -> None:
    err = refused("mood", mood="good")
    assert str(err) == (
        "unknown key 'mood' (known: id, date, time, minutes, pain_before, pain_after, "
        "exercises, note, logged, leg_pain_before, leg_pain_after)"
    )


@pytest.mark.parametrize("ident", ["a", "x" * 64, "2026-03-10T07:00", "ünï-✓"])
def test_ids_of_one_to_64_printable_characters(ident: str) -> None:
    assert make_session(values(id=ident)).id == ident


@pytest.mark.parametrize(
    "ident", ["", "x" * 65, "two words", "tab\there", "new\nline", "nul\x00", "del\x7f", 7]
)
def test_blank_long_spaced_or_control_ids_are_refused(ident: object) -> None:
    err = refused("id", id=ident)
    assert "up to 64 characters without spaces or control characters" in str(err)


def shown_plainly(char: str) -> bool:
    return not (ord(char) < 32 or 127 <= ord(char) < 160 or 0xD800 <= ord(char) <= 0xDFFF)


@given(st.text(st.characters(max_codepoint=300) | st.characters(), max_size=20))
def test_an_id_is_any_text_of_visible_characters_without_spaces(text: str) -> None:
    """ASCII ids take a quicker test than the rest; both mean the same."""
    ok = 0 < len(text) <= 64 and all(shown_plainly(c) and not c.isspace() for c in text)
    try:
        models.check_id(text)
    except RecordError:
        assert not ok, text
    else:
        assert ok, text


def test_dates_from_1900_on_and_not_after_today_when_given() -> None:
    assert make_session(values(date=models.FIRST_DAY)).date == dt.date(1900, 1, 1)
    assert "must be 1900-01-01 or later, got 1899-12-31" in str(
        refused("date", date=dt.date(1899, 12, 31))
    )
    tomorrow = DAY + dt.timedelta(days=1)
    with pytest.raises(RecordError, match=r"2026-03-11 is in the future \(today is 2026-03-10\)"):
        make_session(values(date=tomorrow), today=DAY)
    assert make_session(values(date=DAY), today=DAY).date == DAY
    assert make_session(values(date=tomorrow)).date == tomorrow  # a reader keeps it for check


@pytest.mark.parametrize("date", ["2026-03-10", dt.datetime(2026, 3, 10, 7), 20260310])
def test_a_date_must_be_a_date_not_text_or_a_datetime(date: object) -> None:
    assert "must be a date like 2026-03-01" in str(refused("date", date=date))


def test_times_keep_seconds_and_drop_a_time_zone() -> None:
    zoned = dt.time(7, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert make_session(values(time=zoned)).time == dt.time(7, 30)
    assert make_session(values(time=zoned)).time.tzinfo is None  # type: ignore[union-attr]


@pytest.mark.parametrize("time", [dt.time(7, 30, 0, 1), "07:30", 730])
def test_a_time_with_microseconds_or_not_a_time_is_refused(time: object) -> None:
    assert "must be a time like 07:30:00 (with seconds)" in str(refused("time", time=time))


@pytest.mark.parametrize("exercises", ["knee-rolls", 3])
def test_exercises_must_be_a_list(exercises: object) -> None:
    assert "must be a list of exercise ids" in str(refused("exercises", exercises=exercises))


@pytest.mark.parametrize(
    "ident", ["", " padded", "padded ", "a;b", "x" * 65, "bell\x07", "c1\x85", "\ud800"]
)
def test_an_exercise_id_no_export_can_hold_is_refused(ident: str) -> None:
    err = refused("exercises", exercises=["ok", ident])
    assert "an exercise id is 1-64 characters, with no ';'" in str(err)


def test_exercise_ids_are_text_and_may_hold_inner_spaces() -> None:
    assert make_session(values(exercises=("cat camel", "x" * 64))).exercises[0] == "cat camel"
    assert "must be a list of exercise ids, got 3" in str(refused("exercises", exercises=["ok", 3]))


def test_notes_up_to_1000_characters_of_text() -> None:
    assert make_session(values(note="n" * 1000)).note == "n" * 1000
    assert str(refused("note", note="n" * 1001)) == "'note' is 1001 characters; keep it to 1000"
    assert "must be text, got 5" in str(refused("note", note=5))
    assert "not valid Unicode" in str(refused("note", note="half \udc00 a pair"))


def test_a_long_bad_value_is_shown_cut_short() -> None:
    err = refused("id", id="word " * 30)
    shown = str(err).split("got ", 1)[1]
    assert shown == repr("word " * 30)[:37] + "..."
    assert len(shown) == 40


# --- the strict parsers of text -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "number"), [("7", 7), (" 12 ", 12), ("-3", -3), ("0", 0)])
def test_parse_whole_reads_ascii_digits(text: str, number: int) -> None:
    assert parse_whole(text, "minutes") == number


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "-",
        "1_0",
        "+3",
        "3.0",
        digits("3", ARABIC_INDIC),
        digits("3", FULL_WIDTH),
        "1e3",
        "--3",
    ],
)
def test_parse_whole_refuses_anything_but_ascii_digits(text: str) -> None:
    assert int(digits("12", ARABIC_INDIC)) == int(digits("12", FULL_WIDTH)) == 12  # int() would
    with pytest.raises(RecordError) as caught:
        parse_whole(text, "pain_before")
    assert caught.value.field == "pain_before"
    assert str(caught.value) == f"'pain_before' must be a whole number, got {text!r}"


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-03-04", dt.date(2026, 3, 4)), (" 2024-02-29 ", dt.date(2024, 2, 29))],
)
def test_parse_date_reads_iso_days(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "20260304",  # date.fromisoformat takes it; a log written by hand must not
        "2026-3-4",
        "2026-02-30",
        "2025-02-29",
        digits("2026-03-04", ARABIC_INDIC),
        digits("2026-03-04", FULL_WIDTH),
        "2026-03-04T07:00",
        "2026/03/04",
        "",
    ],
)
def test_parse_date_refuses_other_spellings_and_days_that_do_not_exist(text: str) -> None:
    assert dt.date.fromisoformat("20260304") == dt.date(2026, 3, 4)  # what Python would take
    with pytest.raises(RecordError) as caught:
        parse_date(text, "since")
    assert caught.value.field == "since"
    assert "must be a date as YYYY-MM-DD, like 2026-03-01" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "time"),
    [("07:30", dt.time(7, 30)), ("23:59:59", dt.time(23, 59, 59)), (" 00:00 ", dt.time(0, 0))],
)
def test_parse_time_reads_a_24_hour_clock(text: str, time: dt.time) -> None:
    assert parse_time(text) == time


@pytest.mark.parametrize(
    "text",
    [
        "24:00",
        "07:60",
        "07:30:60",
        "7:30",
        "07:30:00:00",
        "0730",
        digits("07:30", ARABIC_INDIC),
        digits("07:30", FULL_WIDTH),
        "07:3a",
        "",
    ],
)
def test_parse_time_refuses_other_spellings(text: str) -> None:
    with pytest.raises(RecordError) as caught:
        parse_time(text)
    assert caught.value.field == "time"
    assert "must be HH:MM or HH:MM:SS on a 24-hour clock" in str(caught.value)


# --- plan options ---------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [5, 90])
def test_plans_of_5_to_90_minutes(minutes: int) -> None:
    assert plan_options(minutes, None, []).minutes == minutes


@pytest.mark.parametrize(("minutes", "pain"), [(4, None), (91, None), (15, -1), (15, 11)])
def test_plan_minutes_and_pain_out_of_range_are_refused(minutes: int, pain: int | None) -> None:
    with pytest.raises(RecordError) as caught:
        plan_options(minutes, pain, [])
    assert caught.value.field == ("minutes" if pain is None else "pain")


def test_plan_equipment_is_normalised_sorted_and_none_means_nothing() -> None:
    options = plan_options(15, 0, [" Chair", "band", "none", "", "chair", "NONE"])
    assert options == models.PlanOptions(15, 0, ("band", "chair"))
    assert plan_options(15, 10, ["none"]).equipment == ()


def test_unknown_equipment_is_refused_by_name_with_the_choices() -> None:
    with pytest.raises(RecordError) as caught:
        plan_options(15, None, ["chair", "Dumbbell"])
    assert caught.value.field == "equipment"
    assert str(caught.value) == (
        "unknown equipment 'dumbbell'; choose from chair, wall, towel, band, bike, pool (or none)"
    )
    assert caught.value.as_flag("--equipment").args[0] == str(caught.value)


# --- exercises --------------------------------------------------------------------------------


def table(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "knee-rolls",
        "name": "Knee rolls",
        "category": "mobility",
        "position": "lying",
        "equipment": [],
        "minutes": 2,
        "dose": "10 rolls",
        "max_pain": 7,
        "steps": ["Lie down.", "Roll."],
        "caution": "Go gently.",
        "benefit": "Eases stiffness.",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def exercise_refused(field: str, **changes: Any) -> str:
    with pytest.raises(RecordError) as caught:
        make_exercise(table(**changes))
    assert caught.value.field == field
    return caught.value.problem


def test_a_valid_exercise_is_built_with_its_source() -> None:
    exercise = make_exercise(table(name="  Knee rolls  ", steps=[" a ", "b"]), source="/mine.toml")
    assert exercise.name == "Knee rolls"
    assert exercise.steps == ("a", "b")
    assert (exercise.max_minutes, exercise.end_range, exercise.source) == (
        None,
        False,
        "/mine.toml",
    )
    assert exercise.as_dict()["user"] is True
    assert make_exercise(table()).as_dict()["user"] is False


@pytest.mark.parametrize("key", models.EXERCISE_REQUIRED)
def test_every_required_field_is_named_when_missing(key: str) -> None:
    assert exercise_refused(key, **{key: ...}) == "is missing"


def test_an_unknown_field_is_refused() -> None:
    assert exercise_refused("colour", colour="red") == "is not a known field"


@pytest.mark.parametrize("ident", ["knee-rolls", "a", "cat-camel-2", "x1"])
def test_kebab_case_ids(ident: str) -> None:
    assert make_exercise(table(id=ident)).id == ident


@pytest.mark.parametrize(
    "ident", ["Knee-rolls", "knee--rolls", "-knee", "knee-", "knee rolls", "é"]
)
def test_ids_that_are_not_kebab_case_are_refused(ident: str) -> None:
    assert "must be kebab-case" in exercise_refused("id", id=ident)


@pytest.mark.parametrize(("minutes", "ok"), [(0, False), (1, True), (60, True), (61, False)])
def test_exercise_minutes_from_1_to_60(minutes: int, ok: bool) -> None:
    if ok:
        assert make_exercise(table(minutes=minutes)).minutes == minutes
    else:
        assert exercise_refused("minutes", minutes=minutes) == (
            f"must be between 1 and 60, got {minutes}"
        )


@pytest.mark.parametrize("minutes", [True, 2.0, "2"])
def test_exercise_minutes_must_be_whole(minutes: object) -> None:
    assert (
        exercise_refused("minutes", minutes=minutes) == f"must be a whole number, got {minutes!r}"
    )


def test_max_minutes_from_the_minutes_to_60() -> None:
    assert make_exercise(table(minutes=5, max_minutes=5)).scalable is False
    assert make_exercise(table(minutes=5, max_minutes=60)).scalable is True
    assert make_exercise(table()).scalable is False
    assert exercise_refused("max_minutes", minutes=5, max_minutes=4) == (
        "must be between 5 and 60, got 4"
    )
    assert exercise_refused("max_minutes", max_minutes=61) == "must be between 2 and 60, got 61"


@pytest.mark.parametrize(("pain", "ok"), [(-1, False), (0, True), (10, True), (11, False)])
def test_max_pain_from_0_to_10(pain: int, ok: bool) -> None:
    if ok:
        assert make_exercise(table(max_pain=pain)).max_pain == pain
    else:
        assert "between 0 and 10" in exercise_refused("max_pain", max_pain=pain)


def test_end_range_must_be_true_or_false() -> None:
    assert make_exercise(table(end_range=True)).end_range is True
    assert exercise_refused("end_range", end_range="yes") == "must be true or false"


@pytest.mark.parametrize("key", ["name", "dose", "caution", "benefit"])
@pytest.mark.parametrize("value", ["", "   ", 3])
def test_texts_must_be_non_empty_strings(key: str, value: object) -> None:
    assert exercise_refused(key, **{key: value}) == "must be a non-empty string"


def test_a_caution_is_one_line() -> None:
    assert exercise_refused("caution", caution="one\ntwo") == (
        "must be one line of text without control characters"
    )


@pytest.mark.parametrize(("key", "allowed"), [("category", "mobility"), ("position", "lying")])
def test_category_and_position_come_from_their_lists(key: str, allowed: str) -> None:
    assert getattr(make_exercise(table(**{key: f" {allowed} "})), key) == allowed
    assert "must be one of" in exercise_refused(key, **{key: "upside-down"})


def test_equipment_is_a_list_of_known_items() -> None:
    assert make_exercise(table(equipment=["chair", "band"])).equipment == ("chair", "band")
    assert "must be a list of strings" in exercise_refused("equipment", equipment="chair")
    assert "must be a list of strings" in exercise_refused("equipment", equipment=[1])
    assert "has unknown item 'rope'" in exercise_refused("equipment", equipment=["rope"])


@pytest.mark.parametrize(
    ("steps", "problem"),
    [
        (["only one"], "needs at least two steps"),
        (["a", " "], "must be a list of non-empty strings"),
        ("a, b", "must be a list of non-empty strings"),
        (["a", 2], "must be a list of non-empty strings"),
    ],
)
def test_steps_are_two_or_more_non_empty_strings(steps: object, problem: str) -> None:
    assert exercise_refused("steps", steps=steps) == problem


# --- the records' views ---------------------------------------------------------------------------


def exercise(**changes: Any) -> Exercise:
    return make_exercise(table(**changes))


def test_a_session_as_json_shows_the_time_without_seconds() -> None:
    data = make_session(values(time=dt.time(7, 5, 59), exercises=("a",))).as_dict()
    assert data == {
        "id": "s1",
        "date": "2026-03-10",
        "time": "07:05",
        "minutes": 20,
        "pain_before": None,
        "pain_after": None,
        "exercises": ["a"],
        "note": None,
        "leg_pain_before": None,
        "leg_pain_after": None,
    }
    assert make_session(values()).as_dict()["time"] is None


def test_a_scalable_block_says_its_length_before_its_dose() -> None:
    walk = PlanItem(exercise(category="aerobic", minutes=5, max_minutes=20, dose="easy pace"), 12)
    assert walk.dose == "12 min, easy pace"
    assert walk.as_dict()["minutes"] == 12
    assert walk.as_dict()["dose"] == "12 min, easy pace"
    rolls = PlanItem(exercise(), 2)
    assert rolls.dose == "10 rolls"


def test_a_plan_adds_up_its_items() -> None:
    items = (PlanItem(exercise(), 2), PlanItem(exercise(id="bird-dog"), 3))
    plan = Plan(DAY, 15, 4, ("chair",), items, ("a note",))
    assert plan.total_minutes == 5
    assert plan.exercise_ids == ("knee-rolls", "bird-dog")
    data = plan.as_dict()
    assert (data["date"], data["minutes"], data["total_minutes"]) == ("2026-03-10", 15, 5)
    assert (data["pain"], data["equipment"], data["notes"]) == (4, ["chair"], ["a note"])
    assert [e["id"] for e in data["exercises"]] == ["knee-rolls", "bird-dog"]


def test_an_exercise_as_json_has_every_field() -> None:
    data = exercise(equipment=["chair"], max_minutes=4, end_range=True).as_dict()
    assert data == {
        "id": "knee-rolls",
        "name": "Knee rolls",
        "category": "mobility",
        "position": "lying",
        "equipment": ["chair"],
        "minutes": 2,
        "max_minutes": 4,
        "dose": "10 rolls",
        "max_pain": 7,
        "end_range": True,
        "steps": ["Lie down.", "Roll."],
        "caution": "Go gently.",
        "benefit": "Eases stiffness.",
        "user": False,
        "tags": [],
        "sources": [],
    }


def test_none_or_a_blank_word_anywhere_leaves_the_rest_of_the_equipment() -> None:
    assert plan_options(15, None, ["none", "chair", "", "band"]).equipment == ("band", "chair")


def test_the_problem_of_unknown_equipment_names_the_choices() -> None:
    with pytest.raises(RecordError) as caught:
        plan_options(15, None, ["rope"])
    assert caught.value.problem == (
        "has unknown 'rope'; choose from chair, wall, towel, band, bike, pool (or none)"
    )


def test_refusals_of_an_exercise_list_what_is_allowed() -> None:
    assert exercise_refused("category", category="cardio") == (
        "must be one of mobility, stretch, strength, aerobic, relaxation; got 'cardio'"
    )
    assert exercise_refused("equipment", equipment=["rope"]) == (
        "has unknown item 'rope'; known: chair, wall, towel, band, bike, pool"
    )
    assert exercise_refused("equipment", equipment="chair") == (
        "must be a list of strings (empty when nothing is needed)"
    )
    assert "must be kebab-case (like 'knee-rolls'), got 'X-ray'" in exercise_refused(
        "id", id="X-ray"
    )


def test_a_bad_time_is_shown_as_typed() -> None:
    with pytest.raises(RecordError) as caught:
        parse_time("7h30")
    assert str(caught.value).endswith("on a 24-hour clock, got '7h30'")


def test_a_bad_value_of_up_to_40_characters_as_written_is_shown_whole() -> None:
    forty = "x" * 37 + " "  # repr adds the quotes: 40 characters
    assert str(refused("id", id=forty)).endswith(f"got {forty!r}")
    longer = "x" * 38 + " "
    assert str(refused("id", id=longer)).endswith("got '" + "x" * 36 + "...")


def test_a_date_refusal_names_the_date_and_shows_the_text() -> None:
    with pytest.raises(RecordError) as caught:
        parse_date("31/12/2025")
    assert caught.value.field == "date"
    assert str(caught.value) == (
        "'date' must be a date as YYYY-MM-DD, like 2026-03-01, got '31/12/2025'"
    )


def test_a_record_made_by_its_constructor_is_the_dataclass_made_plainly() -> None:
    """The constructors skip the dataclass's own `__init__` (for speed): every field is
    still set, and the record equals, hashes and prints as one made the plain way."""
    import dataclasses

    made = [
        make_session(values(note="n", pain_before=3)),
        models.make_day_entry({"id": "r", "date": dt.date(2026, 3, 1), "kind": "rest"}),
        models.make_checkin(
            {"id": "c", "date": dt.date(2026, 3, 1), "activities": ["Walking"], "scores": [4]}
        ),
        models.make_deleted({"id": "d", "date": dt.date(2026, 3, 1)}),
    ]
    for record in made:
        plain = type(record)(
            **{f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
        )
        assert vars(record) == vars(plain)
        assert record == plain
        assert hash(record) == hash(plain)
        assert repr(record) == repr(plain)
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.id = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "cls", [models.Session, models.DayEntry, models.Checkin, models.Deleted, models.Plan]
)
def test_a_record_class_behaves_as_a_frozen_dataclass(cls: type) -> None:
    """The record classes are dataclasses whose methods are written once (`models._Frozen`),
    not generated on import: built, compared, hashed, shown and refused changes as
    `@dataclass(frozen=True)` would."""
    import dataclasses

    fields = dataclasses.fields(cls)
    twin = dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, Any, dataclasses.field(default=f.default, default_factory=f.default_factory))
         for f in fields],
        frozen=True,
    )  # fmt: skip
    required = [f.name for f in fields if f.default is f.default_factory is dataclasses.MISSING]
    given = {name: f"v-{name}" for name in required}
    ours, theirs = cls(**given), twin(**given)
    assert repr(ours) == repr(theirs)
    assert hash(ours) == hash(theirs)
    assert vars(ours) == vars(theirs)
    assert cls(*given.values()) == ours  # by position too
    assert ours != theirs  # another class is never equal
    changed = dataclasses.replace(ours, **{required[0]: "other"})
    assert getattr(changed, required[0]) == "other"
    assert changed != ours
    with pytest.raises(TypeError):
        cls(**dict(list(given.items())[1:]))  # a required field missing
    with pytest.raises(TypeError):
        cls(**given, mood="good")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ours.id = "x"  # type: ignore[misc, attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del ours.date  # type: ignore[attr-defined]
