"""`movecoach checkin` end to end: asked at a terminal or given by flags, written to the log,
taken back by `undo`, carried by export and import, shown by `--list`, the dashboard and the
report; and the 6-week rule's line on the dashboard, once a week."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core.models import Checkin
from movecoach.store import backups
from movecoach.store.log import Log

from .factories import checkin, seed, session

TODAY = dt.date(2026, 3, 10)  # a Tuesday
NOW = dt.datetime(2026, 3, 10, 9, 30)
# The wording of whole lines is checked here; `test_narrow` checks how they wrap.
pytestmark = pytest.mark.usefixtures("wide")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: NOW)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "stdin_is_terminal", lambda: True)


def checkins(home: Path) -> list[Checkin]:
    return Log(home / "log").checkins()


def log_bytes(home: Path) -> dict[str, bytes]:
    folder = home / "log"
    return {p.name: p.read_bytes() for p in folder.glob("*.toml")} if folder.exists() else {}


# --- recording ----------------------------------------------------------------------------------


def test_flags_record_a_check_in_in_pairs(run, home: Path) -> None:
    result = run(
        "checkin", "--activity", "Putting on socks", "--score", "3",
        "-a", "Sitting for an hour", "-s", "6", ok=True,
    )  # fmt: skip
    assert result.stdout == (
        "Checked in for Tue 10 Mar 2026: Putting on socks 3/10 (first score), Sitting for an "
        "hour 6/10 (first score). Next check-in from Tue 07 Apr 2026.\n"
    )
    [made] = checkins(home)
    assert made.date == TODAY
    assert made.activities == ("Putting on socks", "Sitting for an hour")
    assert made.scores == (3, 6)
    assert made.logged == NOW
    assert "[[checkin]]" in (home / "log" / "2026.toml").read_text("utf-8")


def test_the_confirmation_says_the_change_since_each_activity_was_first_scored(
    run, home: Path
) -> None:
    seed(home, checkin("2026-01-12", ("Putting on socks", 3), ("Gardening", 5)))
    result = run("checkin", "-a", "putting on socks", "-s", "6", "-a", "Gardening", "-s", "5")
    assert "putting on socks 6/10 (+3 since 12 Jan 2026)" in result.stdout
    assert "Gardening 5/10 (no change since 12 Jan 2026)" in result.stdout


def test_a_past_date_is_recorded_on_that_day(run, home: Path) -> None:
    run("checkin", "-a", "Walking", "-s", "4", "--date", "2026-02-01", ok=True)
    run("checkin", "-a", "Walking", "-s", "5", "--date", "yesterday", ok=True)
    assert [c.date for c in checkins(home)] == [dt.date(2026, 2, 1), dt.date(2026, 3, 9)]


def test_a_second_check_in_on_a_day_is_kept_with_a_warning(run, home: Path) -> None:
    run("checkin", "-a", "Walking", "-s", "4", ok=True)
    result = run("checkin", "-a", "Walking", "-s", "5", ok=True)
    assert "warning: you checked in on 2026-03-10 already" in result.stderr
    assert len(checkins(home)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "Socks; shoes", "-s", "3"], "--activity must not hold ';'"),
        (["-a", "Socks", "-s", "3", "-a", "socks", "-s", "4"], "--activity must name each"),
        (["-a", "Socks", "-a", "Walking", "-s", "3"], "2 activities and 1 score"),
        (["-s", "3"], "0 activities and 1 score"),
        (["-a", "a", "-s", "1", "-a", "b", "-s", "1", "-a", "c", "-s", "1", "-a", "d", "-s", "1"],
         "--activity must hold 1 to 3"),
        (["-a", "Socks", "-s", "11"], "must be a whole number from 0 to 10"),
        (["-a", "Socks", "-s", "٣"], "must be a whole number from 0 to 10"),
        (["-a", "Socks", "-s", "3", "--date", "2026-03-11"], "is in the future"),
        (["-a", "Socks", "-s", "3", "--date", "1899-12-31"], "--date must be 1900-01-01 or later"),
        (["-a", "Socks", "-s", "3", "--date", "2026-3-1"], "--date must be YYYY-MM-DD"),
        (["-a", "Socks", "-s", "3", "--json"], "--json goes with --list"),
        (["--list", "-a", "Socks"], "--list only shows check-ins"),
    ],
)  # fmt: skip
def test_a_bad_check_in_is_one_line_exit_2_and_writes_nothing(
    run, home: Path, args: list[str], message: str
) -> None:
    seed(home, session(TODAY))
    before = log_bytes(home)
    result = run("checkin", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert log_bytes(home) == before


def test_without_a_terminal_or_flags_it_says_how_and_writes_nothing(run, home: Path) -> None:
    result = run("checkin")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "movecoach: checkin asks its questions at a terminal; here, give --activity TEXT "
        "--score N for each activity (up to 3)"
    )
    assert not home.exists()


# --- asked at a terminal ------------------------------------------------------------------------


def test_the_first_check_in_asks_for_activities_until_an_empty_answer(
    run, home: Path, terminal: None
) -> None:
    result = run("checkin", input="Putting on socks\n3\nBending; lifting\nLifting\n12\n2\n\n")
    assert result.exit_code == 0, result.stderr
    assert "0 (can't do it) to 10 (as before the pain)" in result.stdout
    assert "An activity must not hold ';'" in result.stdout  # asked again
    assert "must be a whole number from 0 to 10, got '12'" in result.stdout  # asked again
    [made] = checkins(home)
    assert made.activities == ("Putting on socks", "Lifting")
    assert made.scores == (3, 2)


def test_last_times_activities_are_kept_changed_or_left_out(
    run, home: Path, terminal: None
) -> None:
    seed(home, checkin("2026-02-01", ("Putting on socks", 3), ("Gardening", 5), ("Driving", 6)))
    # Keep socks (Enter), replace gardening with walking, leave driving out (-).
    result = run("checkin", input="\n4\nWalking to the shop\n7\n-\n")
    assert result.exit_code == 0, result.stderr
    assert "Last time, Putting on socks 3/10, Gardening 5/10, Driving 6/10." in result.stdout
    assert "Activity 1 [Putting on socks]" in result.stdout
    assert "last time 3" in result.stdout
    made = checkins(home)[-1]
    assert made.activities == ("Putting on socks", "Walking to the shop")
    assert made.scores == (4, 7)
    assert "Putting on socks 4/10 (+1 since 1 Feb 2026)" in result.stdout
    assert "Walking to the shop 7/10 (first score)" in result.stdout


def test_a_name_given_twice_is_asked_again(run, home: Path, terminal: None) -> None:
    result = run("checkin", input="Walking\n4\nWALKING\nSleeping\n2\n\n")
    assert "WALKING is named already" in result.stdout
    assert checkins(home)[0].activities == ("Walking", "Sleeping")


def test_naming_nothing_records_nothing(run, home: Path, terminal: None) -> None:
    result = run("checkin", input="\n")
    assert result.exit_code == 2
    assert "no activity named, so nothing was recorded" in result.stderr
    assert not (home / "log").exists()


def test_stopping_at_a_question_writes_nothing(run, home: Path, terminal: None) -> None:
    result = run("checkin", input="Walking\n")  # the input ends before the score
    assert result.exit_code == 2
    assert "nothing was changed" in result.stderr
    assert not (home / "log").exists()


def test_a_bad_date_is_refused_before_any_question(run, home: Path, terminal: None) -> None:
    result = run("checkin", "--date", "tomorrow", input="Walking\n3\n\n")
    assert result.exit_code == 2
    assert "Activity" not in result.stdout


# --- undo, delete, check ------------------------------------------------------------------------


def test_undo_takes_back_a_check_in_and_keeps_a_backup(run, home: Path) -> None:
    seed(home, session(TODAY, logged=dt.datetime(2026, 3, 10, 8)))
    run("checkin", "-a", "Walking", "-s", "4", ok=True)
    before = (home / "log" / "2026.toml").read_bytes()
    result = run("undo", "--yes", ok=True)
    assert "check-in: Walking 4/10" in result.stdout
    assert checkins(home) == []
    assert len(Log(home / "log").sessions()) == 1  # the session stays
    [backup] = backups.listing(home / "backups")
    assert backup.read_bytes() == before


def test_undo_names_a_check_in_when_it_refuses_without_yes(run, home: Path) -> None:
    run("checkin", "-a", "Walking", "-s", "4", ok=True)
    result = run("undo")
    assert result.exit_code == 2
    assert "undo asks before removing a check-in; add --yes" in result.stderr
    assert len(checkins(home)) == 1


def test_delete_removes_a_check_in_by_its_id(run, home: Path) -> None:
    made = checkin("2026-02-01", ("Walking", 4))
    seed(home, made, checkin("2026-03-01", ("Walking", 5)))
    run("delete", made.id, "--yes", ok=True)
    assert [c.scores for c in checkins(home)] == [(5,)]


def test_check_names_a_bad_check_in_by_file_and_line(run, home: Path) -> None:
    folder = home / "log"
    folder.mkdir(parents=True)
    (folder / "2026.toml").write_text(
        '[[checkin]]\nid = "x"\ndate = 2026-03-01\nactivities = ["Walking"]\nscores = [12]\n',
        "utf-8",
    )
    result = run("check")
    assert result.exit_code == 2
    assert "2026.toml: line 1, checkin 1 (id x): 'scores' must be a whole number from 0 to 10" in (
        result.stdout
    )
    assert run("checkin", "-a", "Walking", "-s", "3").exit_code == 2  # never written while broken


# --- export and import --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_check_ins_round_trip_through_export_and_import(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    seed(
        home,
        session("2026-02-01"),
        checkin("2026-02-01", ("=SUM(A1)", 2), ('Stairs, "all" of them', 5)),
        checkin("2026-03-01", ('Stairs, "all" of them', 7)),
    )
    exported = tmp_path / f"checkins.{fmt}"
    result = run("export", "--kind", "checkin", "--output", str(exported), ok=True)
    assert result.stdout == f"Exported 2 check-ins to {exported} as {fmt.upper()}.\n"
    other = tmp_path / "other"
    monkeypatch.setenv("MOVECOACH_HOME", str(other))
    assert "Would add 2, skip 0" in run("import", str(exported), "--dry-run", ok=True).stdout
    assert "Added 2, skipped 0" in run("import", str(exported), ok=True).stdout
    assert "Would add 0, skip 2" in run("import", str(exported), "--dry-run", ok=True).stdout
    assert "Added 0, skipped 2" in run("import", str(exported), ok=True).stdout
    assert [(c.id, c.date, c.activities, c.scores) for c in checkins(other)] == [
        (c.id, c.date, c.activities, c.scores) for c in checkins(home)
    ]


def test_csv_export_of_check_ins_has_its_columns(run, home: Path) -> None:
    made = checkin("2026-03-01", ("Socks", 3), ("Walking", 6))
    seed(home, made)
    text = run("export", "--kind", "checkin", "--format", "csv", ok=True).stdout
    assert text.splitlines() == [
        "id,date,activities,scores",
        f"{made.id},2026-03-01,Socks;Walking,3;6",
    ]


# --- --list -------------------------------------------------------------------------------------


def test_list_shows_each_activity_over_time_and_every_check_in(run, home: Path) -> None:
    first = checkin("2026-01-12", ("Socks", 3), ("Gardening", 2))
    seed(home, first, checkin("2026-02-09", ("socks", 5), ("Gardening", 2)))
    text = run("checkin", "--list", ok=True).stdout
    assert "3 (12 Jan) → 5 (9 Feb)" in text
    assert "+2 since 12 Jan 2026" in text
    assert "no change since 12 Jan 2026" in text
    assert first.id in text
    assert "Next check-in: due now." in text  # 4 weeks and a day after the last


def test_list_json(run, home: Path) -> None:
    first = checkin("2026-01-12", ("Socks", 3))
    seed(home, first, checkin("2026-03-01", ("Socks", 5)))
    data = json.loads(run("checkin", "--list", "--json", ok=True).stdout)
    assert data["checkins"][0] == {
        "id": first.id,
        "date": "2026-01-12",
        "scores": [{"activity": "Socks", "score": 3}],
    }
    assert data["activities"] == [
        {
            "activity": "Socks",
            "scores": [{"date": "2026-01-12", "score": 3}, {"date": "2026-03-01", "score": 5}],
            "change": 2,
        }
    ]
    assert data["checkin_due"] is False


def test_list_with_no_check_ins_says_how_to_start_and_creates_nothing(run, home: Path) -> None:
    assert "No check-ins yet" in run("checkin", "--list", ok=True).stdout
    assert json.loads(run("checkin", "--list", "--json", ok=True).stdout)["checkins"] == []
    assert not home.exists()


# --- the dashboard and the report ---------------------------------------------------------------


def test_the_dashboard_suggests_a_first_check_in(run, home: Path) -> None:
    seed(home, session(TODAY))
    assert "Check-in: none yet. `movecoach checkin`" in run(ok=True).stdout


@pytest.mark.parametrize(("last", "due"), [("2026-02-10", True), ("2026-02-11", False)])
def test_the_dashboard_suggests_a_check_in_four_weeks_after_the_last(
    run, home: Path, last: str, due: bool
) -> None:
    seed(home, session(TODAY), checkin(last))
    text = run(ok=True).stdout
    assert ("Check-in: the last was 4 weeks ago" in text) is due
    assert ("Check-in" in text) is due


def no_better(home: Path) -> None:
    """Eight weeks of sessions with pain 6 before each: not improving."""
    seed(home, *(session(TODAY - dt.timedelta(days=n), pain_before=6) for n in range(57)))


def test_the_dashboard_says_once_a_week_when_to_see_someone_and_why(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_better(home)
    line = "Worth seeing a GP or physiotherapist: after 8 weeks, pain before sessions averages 6"
    assert line in " ".join(run(ok=True).stdout.split())
    assert line in " ".join(run(ok=True).stdout.split())  # again the same day
    monkeypatch.setattr(cli, "today", lambda: TODAY + dt.timedelta(days=1))
    assert "Worth seeing" not in run(ok=True).stdout  # not again this week
    monkeypatch.setattr(cli, "today", lambda: TODAY + dt.timedelta(days=6))  # next Monday
    assert "Worth seeing" in run(ok=True).stdout


def test_the_six_weeks_count_from_the_first_session_whatever_the_log_holds_before(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A check-in two years before any session, then sessions from 2 January 2026 (their first
    # 2 weeks cross no year) to 2 March: pain 6 throughout, so not improving.
    sessions = [
        session(dt.date(2026, 1, 2) + dt.timedelta(days=n), pain_before=6) for n in range(60)
    ]
    seed(home, checkin("2024-05-01", ("Gardening", 3)), *sessions)
    assert "Worth seeing" in run(ok=True).stdout
    # On 11 February, 40 days after the first session: too early, though 2024 is long ago.
    (home / "cache" / "review-shown").unlink()
    monkeypatch.setattr(cli, "today", lambda: dt.date(2026, 2, 11))
    assert "Worth seeing" not in run(ok=True).stdout


def test_the_report_shows_check_ins_and_the_review_line(run, home: Path) -> None:
    no_better(home)
    seed(
        home,
        checkin("2026-01-12", ("Putting on socks", 3)),
        checkin("2026-02-09", ("Putting on socks", 4)),
        checkin("2026-03-09", ("Putting on socks", 4)),
    )
    run(ok=True)  # the dashboard said it today; the report says it all the same
    text = run("report", ok=True).stdout
    assert "- **Review:** **Worth seeing a GP or physiotherapist:** after 8 weeks" in text
    assert "check-in scores have risen 1 point on average since first scored" in text
    assert "## Progress check-ins" in text
    assert "- **Putting on socks:** 3 (12 Jan) → 4 (9 Feb) → 4 (9 Mar); +1 since 12 Jan 2026" in (
        text
    )
