"""The text of a log file both ways (`store.logfile`): parsing, appending and removing keep the
user's text, and every refusal names the file, the line and what to do."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core.models import (
    SESSION_KEYS,
    Records,
    Session,
    make_session,
)
from movecoach.errors import LogCorruptError
from movecoach.store import logfile

from .factories import exercise_id_st, session, sessions_st

NAME = "log/2026.toml"


def parse(text: str) -> list[Session]:
    return logfile.parse(text, NAME)


def refusal(text: str) -> str:
    with pytest.raises(LogCorruptError) as caught:
        parse(text)
    message = str(caught.value)
    assert message.startswith(f"{NAME}: ")
    return message


def recs(*sessions: Session) -> Records:
    """Sessions as the records of a file (no other kind)."""
    return Records(tuple(sessions))


def three() -> list[Session]:
    return [
        session("2026-03-01", id="a", note="first"),
        session("2026-03-02", id="b", pain_before=3),
        session("2026-03-03", id="c", time=dt.time(7, 30)),
    ]


# --- file names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("2026.toml", (2026, "")),
        ("0999.toml", (999, "")),
        ("2026-laptop.toml", (2026, "laptop")),
        ("2026-Phone_2-b.toml", (2026, "Phone_2-b")),
        ("2026-Xbox.toml", (2026, "Xbox")),
        ("2026.TOML", None),
        ("2026.toml.bak", None),
        ("2026.txt", None),
        ("26.toml", None),
        ("20a6.toml", None),
        ("20266.toml", None),
        ("2026_laptop.toml", None),
        ("2026-.toml", None),
        ("2026--x.toml", None),
        ("2026-_x.toml", None),
        ("2026-my laptop.toml", None),
        ("2026-lap.top.toml", None),
        (".toml", None),
    ],
)
def test_a_log_file_is_named_for_its_year_and_perhaps_a_device(
    name: str, parsed: tuple[int, str] | None
) -> None:
    assert logfile.log_file_name(name) == parsed


# --- a new file and its headers -------------------------------------------------------------------


def test_a_new_file_explains_each_key_and_holds_no_session() -> None:
    text = logfile.new_file(2031)
    assert text.startswith("# movecoach session log for 2031.\n")
    assert tomllib.loads(text) == {"schema": 1}
    assert parse(text) == []
    for key in ("id", "date", "time", "minutes", "pain_before", "pain_after", "exercises", "note"):
        assert f"#   {key} " in text
    assert text.endswith("\nschema = 1\n\n")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("[[session]]", "session"),
        ("  [[ session ]]  # the first", "session"),
        ("[[session]] # a # b", "session"),
        ("[[session]]\r", "session"),
        ("[[day]]", "day"),
        ("[[checkin]]  # Sunday's", "checkin"),
        ("[[deleted]]", "deleted"),
        ("# [[session]]", None),
        ("[session]", None),
        ("[[sessions]]", None),
        ("[[session.extra]]", None),
        ("[[days]]", None),
        ("note = '[[session]]'", None),
        ("", None),
    ],
)
def test_a_table_header_is_a_line_of_its_own(line: str, kind: str | None) -> None:
    assert logfile.table_kind(line) == kind


def test_header_lines_count_from_one() -> None:
    text = "# top\n[[session]]\nid = 'a'\n\n[[day]] # b\nid = 'b'\n"
    assert logfile.headers(text) == [(2, "session"), (5, "day")]
    assert logfile.headers("schema = 1\n") == []


# --- parsing ----------------------------------------------------------------------------------


def test_sessions_are_read_in_file_order_with_every_field() -> None:
    text = """\
# mine
schema = 1

[[session]]
id = "b"
date = 2026-03-02
time = 07:30:05
minutes = 25
pain_before = 4
pain_after = 2
exercises = ["knee-rolls"]
note = "stiff"

[[session]]  # an older one, written later
id = "a"
date = 2026-01-01
minutes = 5
"""
    assert parse(text) == [
        make_session(
            {
                "id": "b",
                "date": dt.date(2026, 3, 2),
                "time": dt.time(7, 30, 5),
                "minutes": 25,
                "pain_before": 4,
                "pain_after": 2,
                "exercises": ["knee-rolls"],
                "note": "stiff",
            }
        ),
        make_session({"id": "a", "date": dt.date(2026, 1, 1), "minutes": 5}),
    ]


def test_a_file_without_schema_or_sessions_is_read_as_version_1() -> None:
    assert parse("") == []
    assert parse("# nothing yet\n") == []
    assert parse("schema = 1\n") == []


def test_text_that_is_not_toml_is_refused_with_the_fix() -> None:
    message = refusal("[[session]]\nid = \n")
    assert "does not parse (" in message
    assert "line 2" in message
    assert message.endswith(logfile.FIX_HINT)


def test_an_unknown_top_level_key_is_refused() -> None:
    message = refusal('schema = 1\nowner = "me"\n')
    assert (
        "unknown top-level key 'owner'; records go in [[session]], [[day]], [[checkin]] or "
        "[[deleted]] tables"
    ) in message
    assert message.endswith(logfile.FIX_HINT)


@pytest.mark.parametrize("schema", ["2", '"1"', "0"])
def test_a_schema_this_version_does_not_read_is_refused(schema: str) -> None:
    message = refusal(f"schema = {schema}\n")
    assert f"schema {tomllib.loads(f'v = {schema}')['v']!r} is not one this movecoach reads" in (
        message
    )
    assert "(it reads 1); a newer movecoach may have written it" in message


@pytest.mark.parametrize("text", ["session = 3\n", "[session]\nid = 'a'\n"])
def test_session_must_be_a_list_of_tables(text: str) -> None:
    assert "'session' must be [[session]] tables" in refusal(text)


def test_a_bad_session_is_named_by_line_number_and_id() -> None:
    text = "schema = 1\n\n[[session]]\nid = 'a'\ndate = 2026-03-01\nminutes = 5\n\n"
    text += "[[session]]\nid = 'b'\ndate = 2026-03-02\nminutes = 0\n"
    message = refusal(text)
    assert message.startswith(f"{NAME}: line 8, session 2 (id b): 'minutes' must be a whole")
    assert message.endswith(logfile.FIX_HINT)


@pytest.mark.parametrize("quote", ['"', "'"])  # the layout movecoach writes, and a hand edit's
def test_the_line_named_is_counted_as_an_editor_counts_it(quote: str) -> None:
    """A note may hold U+0085 or U+2028, which Python's `splitlines` takes for line ends and
    an editor does not."""
    text = f"[[session]]\nid = {quote}a{quote}\ndate = 2026-03-01\nminutes = 5\n"
    text += f'note = "one\x85two\u2028three"\n\n[[session]]\nid = {quote}b{quote}\n'
    text += "date = 2026-03-02\nminutes = 0\n"
    assert refusal(text).startswith(f"{NAME}: line 7, session 2 (id b): 'minutes' must be")


def test_a_session_without_an_id_is_named_by_its_date() -> None:
    message = refusal("[[session]]\ndate = 2026-03-01\nminutes = 5\n")
    assert f"{NAME}: line 1, session 1 (2026-03-01): 'id' is missing" in message


def test_a_session_with_neither_is_named_by_position() -> None:
    assert f"{NAME}: line 1, session 1: 'id' is missing" in refusal("[[session]]\nminutes = 5\n")
    assert "session 1: 'date' is missing" in refusal("[[session]]\nid = 3\nminutes = 5\n")


def test_in_an_inline_array_a_session_is_named_by_position_only() -> None:
    text = "session = [{id = 'a', date = 2026-03-01, minutes = 5}, {id = 'b', minutes = 5}]\n"
    message = refusal(text)
    assert f"{NAME}: session 2 (id b): 'date' is missing" in message
    assert "line" not in message.split("session 2")[0]
    assert "session 1: is not a table" in refusal("session = [3]\n")


# --- writing --------------------------------------------------------------------------------------


def test_a_block_leaves_out_absent_values_and_keeps_the_key_order() -> None:
    block = logfile.session_block(session("2026-03-01", id="a", minutes=5))
    assert block == '[[session]]\nid = "a"\ndate = 2026-03-01\nminutes = 5\nexercises = []\n'
    full = logfile.session_block(
        session(
            "2026-03-01",
            id="b",
            minutes=5,
            time=dt.time(7, 5),
            pain_before=0,
            pain_after=1,
            exercises=("x",),
            note='say "hi"\n',
        )
    )
    assert full.splitlines() == [
        "[[session]]",
        'id = "b"',
        "date = 2026-03-01",
        "minutes = 5",
        "time = 07:05:00",
        "pain_before = 0",
        "pain_after = 1",
        "exercises = [",
        '    "x",',
        "]",
        'note = "say \\"hi\\"\\n"',
    ]


def test_blocks_are_separated_by_a_blank_line() -> None:
    a, b = three()[:2]
    assert logfile.blocks([a, b]) == logfile.session_block(a) + "\n" + logfile.session_block(b)
    assert logfile.blocks([]) == ""


@pytest.mark.parametrize(
    ("old", "between"),
    [("schema = 1\n", "\n"), ("schema = 1", "\n\n"), ("", ""), ("  \n", "")],
)
def test_an_append_keeps_every_old_byte_and_leaves_one_blank_line(old: str, between: str) -> None:
    new = three()[0]
    text = logfile.appended(old, recs(new), recs(new), NAME)
    assert text == old + between + logfile.session_block(new)
    assert parse(text) == [new]


def test_an_append_after_hand_edits_keeps_them() -> None:
    a, b, c = three()
    old = "# my log\r\nschema = 1\r\n\r\n" + logfile.blocks([a]).replace("\n", "\r\n")
    old += "# a comment at the end\r\n"
    text = logfile.appended(old, recs(b, c), recs(a, b, c), NAME)
    assert text.startswith(old)
    assert parse(text) == [a, b, c]


def test_an_inline_array_cannot_take_a_table_after_it() -> None:
    old = "session = [{id = 'a', date = 2026-03-01, minutes = 5}]\n"
    (a,) = parse(old)
    new = three()[1]
    with pytest.raises(LogCorruptError) as caught:
        logfile.appended(old, recs(new), recs(a, new), NAME)
    assert str(caught.value) == (
        f"{NAME}: a [[session]] table cannot be added after its last line (are sessions "
        "written as an inline array?); write each session as a [[session]] table"
    )


def test_a_header_inside_a_note_is_checked_in_full_and_appended() -> None:
    tricky = session("2026-03-01", id="a", note="copied:\n[[session]]\nfrom elsewhere")
    old = logfile.new_file(2026) + logfile.session_block(tricky).replace(
        '"copied:\\n[[session]]\\nfrom elsewhere"', '"""\ncopied:\n[[session]]\nfrom elsewhere"""'
    )
    assert parse(old) == [tricky]
    assert len(logfile.headers(old)) == 2  # one of them is not a header at all
    new = three()[1]
    text = logfile.appended(old, recs(new), recs(tricky, new), NAME)
    assert text.startswith(old)
    assert parse(text) == [tricky, new]


# --- removing -----------------------------------------------------------------------------------


def commented() -> tuple[str, list[Session]]:
    a, b, c = three()
    text = (
        "# my log, kept by hand\nschema = 1\n\n"
        + logfile.session_block(a)
        + "\n# about b: a good day\n"
        + logfile.session_block(b)
        + "\n   \n# about c\n"
        + logfile.session_block(c)
        + "# the end\n"
    )
    return text, [a, b, c]


def test_removing_a_session_cuts_its_lines_and_keeps_the_comments_of_the_next() -> None:
    text, sessions = commented()
    without_a = logfile.without(text, recs(*sessions), sessions[0].id, NAME)
    assert without_a == text.replace(logfile.session_block(sessions[0]), "")
    assert "# about b: a good day\n" in without_a
    assert parse(without_a) == sessions[1:]


def test_removing_the_middle_session_keeps_every_comment() -> None:
    text, sessions = commented()
    without_b = logfile.without(text, recs(*sessions), sessions[1].id, NAME)
    assert without_b == text.replace(logfile.session_block(sessions[1]), "")
    for comment in ("# my log, kept by hand", "# about b: a good day", "# about c", "# the end"):
        assert comment in without_b
    assert parse(without_b) == [sessions[0], sessions[2]]


def test_removing_the_last_session_keeps_the_comment_after_it() -> None:
    text, sessions = commented()
    without_c = logfile.without(text, recs(*sessions), sessions[2].id, NAME)
    assert without_c == text.replace(logfile.session_block(sessions[2]), "")
    assert without_c.endswith("# about c\n# the end\n")
    assert parse(without_c) == sessions[:2]


def reading(data: bytes):  # type: ignore[no-untyped-def]
    """`cut_span`'s reader over bytes in memory."""
    return lambda start, end: data[start:end]


def cut(data: bytes, record: Session, chunk: int = 1 << 20, reach: int = 1 << 14) -> bytes | None:
    span = logfile.cut_span(reading(data), len(data), record, chunk, reach)
    return None if span is None else data[: span[0]] + data[span[1] :]


def test_a_cut_found_from_the_end_skips_a_later_note_that_quotes_the_id() -> None:
    import dataclasses

    a, b = three()[:2]
    line = tomli_w.dumps({"id": a.id}).strip()
    quoting = logfile.session_block(b).replace("minutes", f"# {line}: a typo\nminutes")
    data = (logfile.session_block(a) + "\n" + quoting).encode()
    assert data.rfind(line.encode()) > data.find(b"[[session]]", 1)  # the last is in b
    assert parse(cut(data, a).decode()) == [b]  # type: ignore[union-attr]
    assert cut(data, dataclasses.replace(a, minutes=a.minutes + 1)) is None


@given(
    st.lists(sessions_st, min_size=1, max_size=6, unique_by=lambda s: s.id),
    st.lists(st.sampled_from(["", "\n", "# a comment\n", "  \n# two\n# lines\n"]), max_size=7),
    st.integers(1, 300),
    st.integers(1, 300),
    st.data(),
)
def test_a_large_file_read_in_chunks_loses_the_same_lines_as_a_removal_by_text(
    sessions: list[Session], between: list[str], chunk: int, reach: int, data: st.DataObject
) -> None:
    """A large file is searched and read in pieces (here a few bytes each, so every table
    and comment lies across their edges): the bytes left are those the text-based removal
    leaves, with every other table and comment where it was."""
    gaps = [*between, *[""] * len(sessions)]
    text = logfile.new_file(2026) + "".join(
        gap + logfile.session_block(s) + "\n" for gap, s in zip(gaps, sessions, strict=False)
    )
    text += "# the end\n" if len(between) % 2 else ""
    gone = data.draw(st.sampled_from(sessions))
    expected = logfile.without(text, recs(*sessions), gone.id, NAME).encode()
    assert cut(text.encode(), gone, chunk, reach) == expected
    assert parse(expected.decode()) == [s for s in sessions if s != gone]


def test_a_comment_inside_the_table_goes_with_it() -> None:
    a, b = three()[:2]
    inside = logfile.session_block(a).replace("minutes", "# a note on a\nminutes")
    text = inside + "\n" + logfile.session_block(b)
    assert logfile.without(text, recs(a, b), a.id, NAME) == "\n" + logfile.session_block(b)


def test_when_the_layout_defeats_cutting_the_sessions_are_rewritten_under_the_top() -> None:
    tricky = session("2026-03-01", id="a", note="copied:\n[[session]]\nfrom elsewhere")
    b = three()[1]
    top = "# mine\nschema = 1\n\n"
    text = (
        top
        + logfile.session_block(tricky).replace(
            '"copied:\\n[[session]]\\nfrom elsewhere"',
            '"""\ncopied:\n[[session]]\nfrom elsewhere"""',
        )
        + "\n# about b\n"
        + logfile.session_block(b)
    )
    assert parse(text) == [tricky, b]
    assert logfile.without(text, recs(tricky, b), b.id, NAME) == top + logfile.session_block(tricky)
    assert logfile.without(text, recs(tricky, b), tricky.id, NAME) == top + logfile.session_block(b)


def test_removing_the_last_of_two_leaves_the_first_and_its_blank_line() -> None:
    a, b = three()[:2]
    text = logfile.session_block(a) + "\n" + logfile.session_block(b)
    assert logfile.without(text, recs(a, b), b.id, NAME) == logfile.session_block(a) + "\n"


def test_a_removal_from_an_inline_array_never_loses_another_session() -> None:
    """Sessions written as an inline array have no header to cut at. Today the removal is
    refused (nothing is written); a rewrite would do too, as long as it holds the others."""
    text = "# mine\nsession = [{id = 'a', date = 2026-03-01, minutes = 5},\n"
    text += "  {id = 'b', date = 2026-03-02, minutes = 6}]\n"
    sessions = parse(text)
    result: str | LogCorruptError
    try:
        result = logfile.without(text, recs(*sessions), sessions[0].id, NAME)
    except LogCorruptError as err:
        result = err
    if isinstance(result, LogCorruptError):
        assert str(result) == f"{NAME}: could not remove the record safely; nothing changed"
    else:
        assert parse(result) == sessions[1:]


# --- the cache's rows ---------------------------------------------------------------------------


@given(st.lists(sessions_st, max_size=5))
def test_rows_for_the_cache_give_back_the_same_sessions(sessions: list[Session]) -> None:
    rows = [logfile.row(s) for s in sessions]
    assert all(row[0] == "session" for row in rows)
    assert all(isinstance(row[2], str) for row in rows)  # marshal holds no dates
    assert [logfile.unrow(row) for row in rows] == sessions


# --- the one constructor accepts exactly what the format writes -----------------------------------

any_id_st = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=64).filter(
    lambda text: text.isprintable() and not any(c.isspace() for c in text)
)
wide_sessions_st = st.builds(
    lambda **values: make_session(values),
    id=any_id_st,
    date=st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
    minutes=st.integers(1, 600),
    time=st.none() | st.times().map(lambda t: t.replace(microsecond=0)),
    pain_before=st.none() | st.integers(0, 10),
    pain_after=st.none() | st.integers(0, 10),
    exercises=st.lists(exercise_id_st, max_size=4),
    note=st.none() | st.text(st.characters(exclude_categories=("Cs",)), max_size=1000),
    logged=st.none() | st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31)),
    leg_pain_before=st.none() | st.integers(0, 10),
    leg_pain_after=st.none() | st.integers(0, 10),
)


@given(st.integers(1900, 9999), st.lists(wide_sessions_st, max_size=4))
def test_every_session_written_is_read_back_equal(year: int, sessions: list[Session]) -> None:
    text = logfile.new_file(year) + logfile.blocks(sessions)
    assert parse(text) == sessions
    appended = logfile.appended(logfile.new_file(year), recs(*sessions), recs(*sessions), NAME)
    assert parse(appended) == sessions


text_st = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
value_st = st.one_of(
    st.integers(-3, 700),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    text_st,
    st.dates(dt.date(1850, 1, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1850, 1, 1), dt.datetime(2100, 1, 1)),
    st.times(),
    st.lists(text_st, max_size=3),
    st.lists(st.integers(), max_size=2),
)
tables_st = st.dictionaries(
    st.sampled_from([*SESSION_KEYS, "mood"]), value_st, max_size=len(SESSION_KEYS) + 1
)


@given(st.one_of(tables_st, tables_st.map(lambda t: {**t, "id": "x", "date": dt.date(2026, 3, 1)})))
def test_any_table_the_reader_accepts_is_written_back_the_same(table: dict[str, object]) -> None:
    """Whatever a hand-written `[[session]]` table holds, the reader either refuses it naming
    one of its keys, or gives a session that the writer turns back into the same session."""
    text = "[[session]]\n" + tomli_w.dumps(table)
    try:
        (read,) = parse(text)
    except LogCorruptError as err:
        refused = str(err)
    else:
        refused = ""
    if refused:
        where = "line 1, session 1"
        if isinstance(table.get("id"), str):
            where += f" (id {table['id']})"
        elif isinstance(table.get("date"), dt.date):
            where += f" ({table['date']})"
        problem = refused.removeprefix(f"{NAME}: {where}: ")
        field = problem.removeprefix("unknown key ").split("'")[1]
        assert field in table or problem.startswith(f"'{field}' is missing"), refused
        return
    assert parse(logfile.new_file(2026) + logfile.session_block(read)) == [read]
    for key, value in table.items():
        expected = tuple(value) if key == "exercises" else value  # type: ignore[arg-type]
        assert getattr(read, key) == expected


def test_an_indented_comment_above_the_next_session_stays_with_it() -> None:
    a, b = three()[:2]
    text = logfile.session_block(a) + "    # about b, indented\n" + logfile.session_block(b)
    assert logfile.without(text, recs(a, b), a.id, NAME) == (
        "    # about b, indented\n" + logfile.session_block(b)
    )


def test_an_append_to_tables_does_not_parse_the_whole_file_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One [[session]] header per old session: new tables at the end are valid by
    construction, so a long history costs no second parse on every `log`."""
    a, b, c = three()
    old = logfile.new_file(2026) + logfile.blocks([a, b])
    monkeypatch.setattr(logfile, "_holds", lambda *args: pytest.fail("parsed in full"))
    monkeypatch.setattr(logfile, "read", lambda *args: pytest.fail("parsed in full"))
    assert logfile.appended(old, recs(c), recs(a, b, c), NAME).startswith(old)
    assert logfile.appended(old, recs(c), None, NAME).startswith(old)
