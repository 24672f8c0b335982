"""`show`, `edit`, ids shortened to a prefix, and the filters of `sessions`."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core.models import make_session
from movecoach.store import logfile
from movecoach.store.log import Log

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)

HAND_WRITTEN = """\
# my back log, kept by hand as well
schema = 1

# the first week
[[session]]
id = "aaaa1111"
date = 2026-03-02
minutes = 10  # it felt longer
# a comment inside the table
pain_before = 4
note = "stiff"

# before the second
[[session]]
id = "bbbb2222"
date = 2026-03-03
minutes = 15
exercises = [
    "knee-rolls",  # the easy one
    "bird-dog",
]
"""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 18, 45))


@pytest.fixture
def by_hand(home: Path) -> Path:
    path = home / "log" / "2026.toml"
    path.parent.mkdir(parents=True)
    path.write_text(HAND_WRITTEN, "utf-8")
    return path


def logged(run, limit: str = "0") -> list[dict]:
    return json.loads(run("sessions", "--json", "--limit", limit, ok=True).stdout)


def test_edit_round_trip_keeps_every_comment(run, by_hand: Path, home: Path) -> None:
    result = run("edit", "aaaa1111", "--minutes", "12", "--note", "looser", "-p", ok=False)
    assert result.exit_code == 2  # -p is not an option of edit: nothing changes
    assert by_hand.read_text("utf-8") == HAND_WRITTEN
    result = run("edit", "aaaa1111", "--minutes", "12", "--note", "looser", ok=True)
    assert result.stdout == "Changed: Mon 02 Mar 2026 · 12 min · pain 4 before · “looser”\n"
    text = by_hand.read_text("utf-8")
    assert text == HAND_WRITTEN.replace("minutes = 10  #", "minutes = 12  #").replace(
        'note = "stiff"', 'note = "looser"'
    )
    assert list((home / "backups").iterdir()), "the file as it was is backed up"
    run("edit", "bbbb", "-x", "cat-camel", "--pain-after", "2", ok=True)
    text = by_hand.read_text("utf-8")
    for comment in ("# my back log", "# the first week", "# a comment inside the table",
                    "# it felt longer", "# before the second"):  # fmt: skip
        assert comment in text
    second = tomllib.loads(text)["session"][1]
    assert (second["exercises"], second["pain_after"]) == (["cat-camel"], 2)


def test_edit_removes_a_note_or_a_time_and_keeps_the_id(run, home: Path) -> None:
    seed(home, session("2026-03-05", note="x", time=dt.time(7, 30)))
    (before,) = logged(run)
    run("edit", before["id"], "--note", "", "--time", "", ok=True)
    (after,) = logged(run)
    assert (after["id"], after["note"], after["time"]) == (before["id"], None, None)


def test_edit_to_another_year_moves_the_session_to_that_years_file(run, home: Path) -> None:
    seed(home, session("2026-01-02", minutes=20))
    (only,) = logged(run)
    run("edit", only["id"], "--date", "2025-12-31", ok=True)
    assert tomllib.loads((home / "log" / "2026.toml").read_text("utf-8")).get("session") is None
    moved = tomllib.loads((home / "log" / "2025.toml").read_text("utf-8"))["session"]
    assert [(s["id"], s["date"]) for s in moved] == [(only["id"], dt.date(2025, 12, 31))]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--pain-before", "11"], "--pain-before"),
        (["--minutes", "0"], "--minutes"),
        (["--minutes", "601", "--yes"], "--minutes"),
        (["--date", "2026-03-11"], "in the future"),
        (["--time", "25:00"], "--time"),
        (["--exercise", "a;b"], "--exercise"),
        ([], "nothing to change"),
    ],
)
def test_edit_refuses_what_log_refuses_and_changes_nothing(run, by_hand, args, words) -> None:
    result = run("edit", "aaaa1111", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert words in result.stderr
    assert by_hand.read_text("utf-8") == HAND_WRITTEN


def test_a_crlf_file_with_a_bom_stays_so_through_an_edit(home: Path) -> None:
    path = home / "log" / "2026.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(logfile.BOM + HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    log = Log(home / "log", home / "cache")
    old = log.sessions()[0]
    log.replace(old.id, make_session({"id": old.id, "date": old.date, "minutes": 30}))
    data = path.read_bytes()
    assert data.startswith(logfile.BOM)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert [s.minutes for s in log.sessions()] == [30, 15]
    assert b"# the first week\r\n" in data


def test_editing_another_devices_session_records_a_new_copy_in_this_devices_file(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = Log(home / "log", home / "cache", device="desk")
    desk.append(session("2026-03-05", minutes=20))
    desk_file = home / "log" / "2026-desk.toml"
    untouched = desk_file.read_bytes()
    monkeypatch.setenv("MOVECOACH_DEVICE", "laptop")
    (old,) = logged(run)
    result = run("edit", old["id"], "--minutes", "25", ok=True)
    (new,) = logged(run)
    assert new["minutes"] == 25
    assert new["id"] != old["id"]
    assert f"new id: {new['id']}" in result.stdout
    assert desk_file.read_bytes() == untouched  # a device never writes another's file
    own = tomllib.loads((home / "log" / "2026-laptop.toml").read_text("utf-8"))
    assert [d["id"] for d in own["deleted"]] == [old["id"]]
    assert run("show", old["id"]).exit_code == 2


# --- ids shortened to a prefix --------------------------------------------------------------


@pytest.fixture
def alike(home: Path) -> list[str]:
    ids = ["abcd1001", "abcd2002", *(f"ffff{n:04d}" for n in range(12)), "zz"]
    seed(home, *(make_session({"id": i, "date": TODAY, "minutes": 5}) for i in ids))
    return ids


def test_a_unique_prefix_of_four_stands_for_the_id(run, alike) -> None:
    shown = run("show", "abcd1", ok=True).stdout
    assert "abcd1001" in shown
    assert run("delete", "abcd", "--yes").exit_code == 2  # ambiguous: nothing removed
    assert len(logged(run, "0")) == len(alike)
    run("delete", "abcd2", "--yes", ok=True)
    assert "abcd2002" not in {s["id"] for s in logged(run, "0")}


def test_an_ambiguous_prefix_lists_the_matching_ids(run, alike) -> None:
    result = run("show", "abcd")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "movecoach: 2 records have ids starting 'abcd'; give more of the id",
        "movecoach: abcd1001",
        "movecoach: abcd2002",
    ]
    many = run("edit", "ffff", "-m", "9").stderr.splitlines()
    assert many[0] == "movecoach: 12 records have ids starting 'ffff'; give more of the id"
    assert many[1:11] == [f"movecoach: ffff{n:04d}" for n in range(10)]
    assert many[11:] == ["movecoach: ... and 2 more"]


def test_a_prefix_shorter_than_four_is_refused_but_a_whole_short_id_is_found(run, alike) -> None:
    result = run("show", "abc")
    assert result.exit_code == 2
    assert "at least 4 characters" in result.stderr
    assert "zz" in run("show", "zz", ok=True).stdout
    assert (
        "no session, check-in, rest, flare or pain day with id 'qqqq'"
        in run("delete", "qqqq", "--yes").stderr
    )


def test_show_names_the_exercises_and_the_file(run, home: Path) -> None:
    seed(home, session("2026-03-05", exercises=("knee-rolls", "my-own-stretch"), note="ok"))
    (only,) = logged(run)
    text = run("show", only["id"][:6], ok=True).stdout
    assert "Knee rolls, my-own-stretch" in text
    assert "knee-rolls" not in text
    assert "2026.toml" in text
    data = json.loads(run("show", only["id"], "--json", ok=True).stdout)
    assert data == {"kind": "session", **only}


# --- finding sessions -----------------------------------------------------------------------


def test_sessions_until_exercise_and_search(run, home: Path) -> None:
    seed(
        home,
        session("2026-03-01", exercises=("bird-dog",), note="Morning, Stiff"),
        session("2026-03-03", exercises=("knee-rolls",), note="stiff again"),
        session("2026-03-05", exercises=("bird-dog", "knee-rolls")),
        session("2026-03-08", note="STIFF"),
    )

    def dates(*args: str) -> list[str]:
        found = json.loads(run("sessions", "--json", *args, ok=True).stdout)
        return [s["date"] for s in found]

    assert dates("--until", "2026-03-05") == ["2026-03-05", "2026-03-03", "2026-03-01"]
    assert dates("--since", "2026-03-02", "--until", "2026-03-07") == ["2026-03-05", "2026-03-03"]
    assert dates("--exercise", "bird-dog") == ["2026-03-05", "2026-03-01"]
    assert dates("--search", "stiff") == ["2026-03-08", "2026-03-03", "2026-03-01"]
    assert dates("--search", "STIFF", "-x", "knee-rolls") == ["2026-03-03"]
    assert dates("--until", "2099-01-01", "--limit", "1") == ["2026-03-08"]  # later is fine
    refused = run("sessions", "--since", "2026-03-05", "--until", "2026-03-01")
    assert refused.exit_code == 2
    assert "swap them" in refused.stderr
