"""`log`, `import` (CSV and JSON) and `check` agree on every invalid field: each refuses the
value, changes nothing, and names the same field (`'minutes'` in a file or a row, `--minutes`
on the command line). They all build sessions through `core.models.make_session`; these tests
hold them to it end to end, through the CLI.

Where the ways in cannot agree because of how each spells a value, a test below says why:
`log` makes its own ids; CSV joins exercise ids with `;` and trims them, and an empty cell means
absent; TOML refuses a day or time that does not exist before any session is built; and `check`
reads a session dated after today (a synced device may already be at tomorrow) where a write
refuses it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from movecoach import cli
from movecoach.core.models import parse_date, parse_time
from movecoach.errors import RecordError

TODAY = dt.date(2026, 3, 10)
DAY = "2026-03-01"
FLAGS = {"exercises": "--exercise"}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 18, 0))


def flag(field: str) -> str:
    return FLAGS.get(field, "--" + field.replace("_", "-"))


def refuses(parse: Callable[[str], object], text: str) -> bool:
    try:
        parse(text)
    except RecordError:
        return True
    return False


chars = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
controls = st.sampled_from([chr(c) for c in [*range(1, 32), *range(127, 160)]])
# Bad values of each field, as text a user types, a CSV cell, a JSON value and a TOML value.
BAD: dict[str, st.SearchStrategy[Any]] = {
    "minutes": st.integers(-10**6, 0) | st.integers(601, 10**6),
    "pain_before": st.integers(-1000, -1) | st.integers(11, 1000),
    "pain_after": st.integers(-1000, -1) | st.integers(11, 1000),
    "date": st.sampled_from(
        ["2026-02-30", "20260304", "2026-3-4", "04/03/2026", "1899-12-31", "2026-03-04T07:00"]
    )
    | st.text(chars, min_size=1, max_size=12).filter(
        lambda t: t.strip().lower() not in ("today", "yesterday") and refuses(parse_date, t)
    ),
    "time": st.sampled_from(["24:00", "7:30", "07:60", "07:30:60", "noon", "0730"])
    | st.text(chars, min_size=1, max_size=10).filter(
        lambda t: bool(t.strip()) and refuses(parse_time, t)
    ),
    # Ids no export can hold; for CSV they must be more than the separator or its trimming.
    "exercises": st.builds(lambda a, c, b: f"{a}{c}{b}", st.text(chars, min_size=1, max_size=5)
                           .filter(lambda t: ";" not in t and t == t.strip()), controls,
                           st.text(chars, min_size=1, max_size=5)
                           .filter(lambda t: ";" not in t and t == t.strip()))
    | st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=65, max_size=80),
    "note": st.text(chars, min_size=1001, max_size=1010),
}  # fmt: skip


def as_text(field: str, value: Any) -> str:
    return str(value)


def as_json(field: str, value: Any) -> Any:
    return [value] if field == "exercises" else value


def as_toml(field: str, value: Any) -> Any:
    """A hand edit: a day or time written as text (a bad TOML date literal is TOML's own
    error; see test_toml_refuses_a_day_that_does_not_exist_before_any_session)."""
    return [value] if field == "exercises" else value


def csv_file(row: dict[str, str]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(row)
    writer.writerow(row.values())
    return buffer.getvalue()


class Ways:
    """The four ways a session comes in, each run in a home of its own."""

    def __init__(self, run: Callable[..., Result], home: Path, tmp_path: Path) -> None:
        self.run, self.home, self.tmp = run, home, tmp_path

    def fresh(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    def log(self, field: str, value: Any) -> Result:
        args = ["log", f"--date={DAY}"]
        if field != "minutes":
            args.append("--minutes=20")
        args.append(f"{flag(field)}={as_text(field, value)}")
        return self.run(*args)

    def import_csv(self, field: str, value: Any) -> Result:
        row = {"id": "x", "date": DAY, "minutes": "20", field: as_text(field, value)}
        path = self.tmp / "rows.csv"
        path.write_text(csv_file(row), "utf-8", newline="")
        return self.run("import", str(path))

    def import_json(self, field: str, value: Any) -> Result:
        item: dict[str, Any] = {"id": "x", "date": DAY, "minutes": 20}
        item[field] = as_json(field, value)
        path = self.tmp / "rows.json"
        path.write_text(json.dumps([item]), "utf-8")
        return self.run("import", str(path))

    def check(self, field: str, value: Any) -> Result:
        table: dict[str, Any] = {"id": "x", "date": dt.date(2026, 3, 1), "minutes": 20}
        table[field] = as_toml(field, value)
        (self.home / "log").mkdir(parents=True)
        (self.home / "log" / "2026.toml").write_text("[[session]]\n" + tomli_w.dumps(table))
        return self.run("check")


@pytest.fixture
def ways(
    run: Callable[..., Result], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Ways:
    monkeypatch.setenv("COLUMNS", "5000")  # one line a message, however long its value
    return Ways(run, home, tmp_path)


def refusal(result: Result, stream: str = "stderr") -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    text: str = getattr(result, stream)
    assert "Traceback" not in text
    return text


def assert_names(field: str, message: str) -> None:
    assert f"'{field}'" in message or flag(field) in message, message


@pytest.mark.parametrize("field", list(BAD))
@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_way_in_refuses_a_bad_value_and_names_its_field(
    ways: Ways, field: str, data: st.DataObject
) -> None:
    value = data.draw(BAD[field], label=field)
    ways.fresh()
    logged = refusal(ways.log(field, value))
    assert len(logged.splitlines()) == 1
    assert_names(field, logged)
    for way in (ways.import_csv, ways.import_json):
        message = refusal(way(field, value))
        assert_names(field, message)
    assert not (ways.home / "log").exists(), "a refusal wrote a log file"
    problems = [
        line
        for line in refusal(ways.check(field, value), "stdout").splitlines()
        if "problem" in line
    ]
    assert len(problems) == 1
    assert_names(field, problems[0])


@pytest.mark.parametrize(
    "ident", ["two words", "x" * 65, "tab\there", "bell\x07"], ids=["space", "long", "tab", "bell"]
)
def test_a_bad_id_is_refused_by_import_and_check_and_log_makes_its_own(
    ways: Ways, ident: str
) -> None:
    """`log` has no id flag: it makes an id, so an id cannot be wrong there."""
    for way in (ways.import_csv, ways.import_json):
        assert_names("id", refusal(way("id", ident)))
    assert_names("id", refusal(ways.check("id", ident), "stdout"))


def test_an_empty_id_cell_means_none_in_csv_and_is_refused_elsewhere(ways: Ways) -> None:
    """An empty CSV cell means absent, so a row without an id gets one from its content; JSON
    and TOML can say "" and are refused."""
    assert ways.import_csv("id", "").exit_code == 0
    ways.fresh()
    assert_names("id", refusal(ways.import_json("id", "")))
    assert_names("id", refusal(ways.check("id", ""), "stdout"))


@pytest.mark.parametrize("ident", ["a;b", " padded"])
def test_csv_reads_the_separator_and_trims_where_the_others_refuse(ways: Ways, ident: str) -> None:
    """CSV joins a session's exercise ids with `;` and trims each, so in a cell `a;b` is two
    ids and ` padded` is `padded`: valid. Every other way refuses an id no export could hold."""
    assert ways.import_csv("exercises", ident).exit_code == 0
    ways.fresh()
    assert_names("exercises", refusal(ways.log("exercises", ident)))
    assert_names("exercises", refusal(ways.import_json("exercises", ident)))
    assert_names("exercises", refusal(ways.check("exercises", ident), "stdout"))


def test_a_day_after_today_is_refused_on_the_way_in_and_kept_by_check(ways: Ways) -> None:
    """A write refuses a session dated after today; `check` reads files, which a device in a
    time zone already at tomorrow may have synced, so it keeps the session."""
    tomorrow = "2026-03-11"
    for way in (ways.log, ways.import_csv, ways.import_json):
        message = refusal(way("date", tomorrow))
        assert_names("date", message)
        assert "2026-03-11 is in the future" in message
    result = ways.check("date", dt.date(2026, 3, 11))
    assert result.exit_code == 0
    assert "log: ok (1 file" in result.stdout


@pytest.mark.parametrize(
    ("literal", "field"), [("2026-02-30", "date"), ("24:00:00", "time"), ("07:60", "time")]
)
def test_toml_refuses_a_day_that_does_not_exist_before_any_session(
    ways: Ways, literal: str, field: str
) -> None:
    """Written as a TOML date or time, a value that does not exist is TOML's own error: `check`
    names the file's line (and TOML's words), not the field; as text it names the field."""
    (ways.home / "log").mkdir(parents=True)
    text = f"[[session]]\nid = 'x'\ndate = 2026-03-01\nminutes = 20\n{field} = {literal}\n"
    if field == "date":
        text = text.replace("date = 2026-03-01\n", "")
    (ways.home / "log" / "2026.toml").write_text(text)
    line = text.splitlines().index(f"{field} = {literal}") + 1
    problem = refusal(ways.run("check"), "stdout")
    assert "does not parse" in problem
    assert f"line {line}" in problem
    assert f"'{field}'" not in problem
