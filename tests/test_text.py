"""One-line summaries in plain text (`ui.text`): what `log`, `undo`, `delete` and `restore`
print, and the command that logs a guided session later."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from movecoach.actions import Backup, RestorePreview
from movecoach.core.guide import Outcome
from movecoach.store.log import Restored
from movecoach.ui import text

from .factories import session


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (None, None, ""),
        (4, None, "4 before"),
        (None, 2, "2 after"),
        (5, 3, "5 → 3"),
        (0, 0, "0 → 0"),
        (4.25, 3.0, "4.2 → 3"),
        (2.5, None, "2.5 before"),
    ],
)
def test_a_pain_pair_shows_what_was_scored(
    before: float | None, after: float | None, shown: str
) -> None:
    assert text.pain_pair(before, after) == shown


def test_days_and_plurals() -> None:
    assert text.days(1) == "1 day"
    assert text.days(0) == "0 days"
    assert text.days(12) == "12 days"
    assert text.plural(1, "session") == "1 session"
    assert text.plural(2, "session") == "2 sessions"


def test_the_line_after_log_says_what_was_logged_and_the_streak() -> None:
    full = session("2026-03-10", 25, pain_before=5, pain_after=3, exercises=("a", "b"))
    assert text.logged_line(full, 2) == (
        "Logged 25 min on Tue 10 Mar 2026, pain 5 → 3, 2 exercises. Streak: 2 days."
    )
    one = session("2026-03-10", 5, exercises=("a",))
    assert text.logged_line(one, 1) == "Logged 5 min on Tue 10 Mar 2026, 1 exercise. Streak: 1 day."
    bare = session("2026-03-09", 5)
    assert text.logged_line(bare, 0) == "Logged 5 min on Mon 09 Mar 2026. Streak: 0 days."


def test_a_session_line_shows_every_value_it_has() -> None:
    full = session(
        "2026-03-10",
        25,
        id="abc",
        time=dt.time(7, 5, 30),
        pain_after=3,
        leg_pain_before=4,
        exercises=("knee-rolls", "bird-dog"),
        note="stiff",
    )
    names = {"knee-rolls": "Knee rolls"}
    assert text.session_summary(full, names) == (
        "Tue 10 Mar 2026 07:05 · 25 min · pain 3 after · leg pain 4 before · Knee rolls, "
        "bird-dog · “stiff”"
    )
    assert text.record_line(full, names) == text.session_summary(full, names)
    assert text.session_summary(session("2026-03-10", 5, id="x", note=""), {}) == (
        "Tue 10 Mar 2026 · 5 min"
    )


def backup(name: str, sessions: int | None) -> Backup:
    return Backup(
        Path("/b") / name, name.split(".toml")[0] + ".toml", "2026-03-10 07:00:00", sessions
    )


def test_backups_are_listed_in_columns_newest_first() -> None:
    rows = [backup("2026.toml.20260310T070000.000001.bak", 3), backup("25.toml.x.bak", None)]
    listing = text.backups_listing(rows, Path("/b"), width=100).splitlines()
    assert listing[0] == "Backups in /b, newest first:"
    assert listing[1] == (
        "  2026.toml.20260310T070000.000001.bak  2026.toml  2026-03-10 07:00:00  3 sessions"
    )
    assert listing[2] == (
        "  25.toml.x.bak                         25.toml    2026-03-10 07:00:00  "
        "not a valid log file"
    )
    assert listing[3] == "Put one back with: movecoach restore BACKUP"
    single = text.backups_listing([backup("2026.toml.a.bak", 1)], Path("/b"))
    assert "  1 session\n" in single
    narrow = text.backups_listing(rows, Path("/b"), width=80).splitlines()
    assert narrow[1:3] == [
        "  2026.toml.20260310T070000.000001.bak",
        "    of 2026.toml, taken 2026-03-10 07:00:00, 3 sessions",
    ]


def test_no_backups_says_when_they_are_made() -> None:
    assert text.backups_listing([], Path("/b")).startswith("No backups yet. A log file is backed")


def test_a_restore_preview_says_what_changes() -> None:
    preview = RestorePreview(
        Path("/b/2026.toml.x.bak"), Path("/log/2026.toml"), "2026-03-10 07:00:00", 2, 1
    )
    assert text.restore_preview(preview) == (
        "2026.toml.x.bak: 2026.toml as it was at 2026-03-10 07:00:00, 2 sessions.\n"
        "Your 2026.toml now: 1 session; it is backed up first."
    )
    broken = preview._replace(now="does not parse")
    assert "Your 2026.toml now: does not parse;" in text.restore_preview(broken)


def test_what_a_restore_did() -> None:
    same = Restored(Path("/log/2026.toml"), [], None, changed=False)
    assert text.restored(same) == "2026.toml already matches this backup; nothing changed."
    done = Restored(Path("/log/2026.toml"), [session()], Path("/b/2026.toml.y.bak"), changed=True)
    assert text.restored(done) == (
        "Restored 2026.toml: 1 session; what it replaced is kept as 2026.toml.y.bak."
    )
    fresh = Restored(Path("/log/2026.toml"), [session(), session()], None, changed=True)
    assert text.restored(fresh) == "Restored 2026.toml: 2 sessions."


def test_the_command_that_logs_a_guided_session_later() -> None:
    result = Outcome(("knee-rolls", "bird-dog"), 400)
    assert text.log_later(result, 4) == (
        "movecoach log -m 7 -x knee-rolls -x bird-dog --pain-before 4"
    )
    assert text.log_later(Outcome(("a",), 10), None) == "movecoach log -m 1 -x a"
