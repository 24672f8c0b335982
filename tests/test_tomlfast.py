"""The fast reader means what `tomllib` means: it reads every file movecoach writes, and any
other text it either reads the same or leaves to `tomllib` (None)."""

from __future__ import annotations

import datetime as dt
import random
import tomllib

import pytest
import tomli_w
from hypothesis import example, given, settings
from hypothesis import strategies as st

from movecoach.core.models import (
    Checkin,
    DayEntry,
    Deleted,
    Records,
    Session,
    make_checkin,
    make_day_entry,
    make_deleted,
)
from movecoach.errors import LogCorruptError
from movecoach.store import logfile, tomlfast

from .factories import exercise_id_st, sessions_of, valid_exercise_id

any_text_st = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
any_id_st = any_text_st.map(str.strip).filter(valid_exercise_id)
sessions_st = sessions_of(exercise_id_st | any_id_st, any_text_st)
logged_st = st.none() | st.datetimes(dt.datetime(1900, 1, 1)).map(
    lambda d: d.replace(microsecond=0)
)
days_st = st.builds(
    lambda **values: make_day_entry({k: v for k, v in values.items() if v is not None}),
    id=st.text("abc-1", min_size=1, max_size=8),
    date=st.dates(dt.date(1900, 1, 1)),
    kind=st.sampled_from(["rest", "flare"]),
    pain=st.none() | st.integers(0, 10),
    note=st.none() | any_text_st,
    logged=logged_st,
)
checkins_st = st.builds(
    lambda date, names: make_checkin(
        {"id": "c", "date": date, "activities": names, "scores": [3] * len(names)}
    ),
    st.dates(dt.date(1900, 1, 1)),
    st.lists(
        st.sampled_from(["Walking", "Sitting \\ long", 'Putting on "socks"']),
        min_size=1,
        max_size=3,
        unique=True,
    ),
)
deleted_st = st.builds(
    lambda d: make_deleted({"id": "gone", "date": d}), st.dates(dt.date(1900, 1, 1))
)


KIND_CLASSES = (Session, DayEntry, Checkin, Deleted)


def written(records: list) -> str:  # type: ignore[type-arg]
    return logfile.new_file(2026) + logfile.blocks(records)


@given(st.lists(sessions_st | days_st | checkins_st | deleted_st, max_size=6))
def test_every_file_movecoach_writes_is_read_fast_and_the_same(records: list) -> None:  # type: ignore[type-arg]
    text = written(records)
    fast = tomlfast.loads(text)
    assert fast is not None, "a file movecoach wrote fell back to the slow reader"
    data, headers = fast
    assert data == tomllib.loads(text)
    assert headers == logfile.headers(text)


def test_a_file_is_read_to_its_records_and_its_layout() -> None:
    text = written([make_deleted({"id": "x", "date": dt.date(2026, 1, 2)})])
    assert logfile.read(text, "2026.toml") == (
        Records((), (), (), (make_deleted({"id": "x", "date": dt.date(2026, 1, 2)}),)),
        True,
    )


@given(st.lists(sessions_st | days_st | checkins_st | deleted_st, max_size=4))
def test_a_file_is_read_to_the_same_records_either_way(records: list) -> None:  # type: ignore[type-arg]
    """The records, the layout verdict and the line a refusal names are the same whether
    tomlfast or tomllib read the text."""
    text = written(records) + '[[session]]\nid = "bad"\ndate = 2026-01-01\nminutes = 0\n'
    results = []
    for reader in (tomlfast.loads, lambda _: None):  # the second sends every text to tomllib
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(tomlfast, "loads", reader)
            read, simple = logfile.read(written(records), "2026.toml")
            with pytest.raises(LogCorruptError) as refused:
                logfile.read(text, "2026.toml")
        results.append((read, simple, str(refused.value)))
    assert results[0] == results[1]
    assert results[0][0] == Records(
        *(tuple(r for r in records if type(r) is cls) for cls in KIND_CLASSES)
    )
    assert results[0][1] is True


# Lines a hand edit or another tool might write, good and bad TOML alike.
LINES = [
    "",
    "# a comment",
    "  # indented",
    "[[session]]",
    "[[day]]",
    "[[ session ]]",
    "[session]",
    "[[session]] # trailing",
    'id = "a"',
    "id = 'a'",
    'id = "a" # mine',
    'id="a"',
    'note = "x\\"y"',
    'note = "\\uD800"',
    'note = "\\u00e9\\U0001F642"',
    'note = "\\q"',
    'note = """two',
    'lines"""',
    "date = 2026-03-01",
    "date = 2026-02-30",
    "date = 2026-3-01",
    "date = 2026-03-01T07:00:00",
    "logged = 2026-03-01 07:00:00",
    "logged = 2026-03-01 25:00:00",
    "time = 07:30:00",
    "time = 24:00:00",
    "time = 07:30",
    "minutes = 20",
    "minutes = 020",
    "minutes = -0",
    "minutes = +5",
    "minutes = 1_000",
    "minutes = 1.5",
    "minutes = 99999999999999999999",
    "minutes = true",
    "exercises = []",
    "exercises = [",
    '    "bridge",',
    '    "a\\\\b",',
    "    3,",
    "]",
    "],",
    'exercises = ["a", "b"]',
    "schema = 1",
    "session = 1",
    "session = []",
    "x = {a = 1}",
    "a.b = 1",
    '"quoted key" = 1',
    "\t",
    'note = "tab\there"',
    'note = "bell\x07"',
    "# bell \x07",
    'note = "del\x7f"',
    'note = "c1\x85"',
]


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(LINES), max_size=12), st.booleans(), st.sampled_from(["\n", "\r\n"])
)
@example(["[[session]]", 'id = "a"', 'id = "b"'], True, "\n")
@example(["session = []", "[[session]]"], True, "\n")
@example(["exercises = [", '    "a",', "]"], False, "\n")
def test_any_other_text_is_read_the_same_or_left_to_tomllib(
    lines: list[str], last_newline: bool, newline: str
) -> None:
    text = newline.join(lines) + (newline if last_newline else "")
    fast = tomlfast.loads(text)
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert fast is None, "the fast reader took text that TOML refuses"
        return
    if fast is not None:
        assert fast[0] == expected
        assert fast[1] == logfile.headers(text)


@given(st.dictionaries(st.sampled_from(["a", "b", "note"]), any_text_st | st.integers(-5, 5)))
def test_values_tomli_w_writes_are_read_back(table: dict[str, object]) -> None:
    text = "[[session]]\n" + tomli_w.dumps(table)
    assert tomlfast.loads(text) == ({"session": [table]}, [(1, "session")])


def test_refused_layouts_fall_back() -> None:
    """What tomli-w never writes is not guessed at: the caller asks tomllib."""
    for text in [
        '[[session]]\r\nid = "a"\r\n',  # CRLF
        '[[session]]\nid = "a"  # mine\n',  # a comment after a value
        "[[session]]\nminutes = 1.5\n",  # a float
        '[[session]]\nid = "a"\nid = "b"\n',  # a duplicate key (TOML refuses it)
        "[[session]]\ndate = 2026-02-30\n",  # no such day
        '[[session]]\nnote = "\\uD800"\n',  # a lone surrogate
    ]:
        assert tomlfast.loads(text) is None, text


@given(sessions_st, st.randoms(use_true_random=False), st.integers(0, 3))
def test_a_session_with_its_keys_in_any_order_is_read_the_same(
    session: object, rnd: random.Random, extra: int
) -> None:
    """A table in movecoach's own key order is read in one piece; any other order, or a key
    after it, is read key by key. Both give what tomllib gives."""
    values = list(logfile._values(session).items())  # type: ignore[arg-type]
    if rnd.random() < 0.5:
        rnd.shuffle(values)
    values += [(f"extra{n}", n) for n in range(extra)]
    text = (
        "[[session]]\n"
        + tomli_w.dumps(dict(values))
        + "[[session]]\n"
        + tomli_w.dumps(dict(values[:1]))
    )
    fast = tomlfast.loads(text)
    assert fast is not None
    assert fast[0] == tomllib.loads(text)
