"""`report`: what goes in (worked examples on a known log), both formats, and the command."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach import cli
from movecoach.core import report, stats
from movecoach.store.log import Log
from movecoach.ui import report_html, report_md, report_text

from .factories import seed, session, sessions_st

TODAY = dt.date(2026, 3, 10)  # a Tuesday: four weeks start on Monday 16 February
NAMES = {"easy-walk": "Easy walk", "knee-rolls": "Knee rolls", "calm-breathing": "Calm breathing"}


def known_sessions() -> list:
    return [
        session("2026-02-10", minutes=30, pain_before=9, note="before the period"),
        session("2026-02-12", minutes=10, pain_before=7),  # outside, but in the trend window
        session("2026-02-16", minutes=20, pain_before=6, pain_after=4,
                exercises=("knee-rolls", "easy-walk"), note="Started again after a bad week"),
        session("2026-02-18", minutes=30, pain_before=7, pain_after=5, exercises=("easy-walk",)),
        session("2026-02-25", minutes=40, pain_before=5, pain_after=3,
                exercises=("easy-walk", "knee-rolls", "my-own-move")),
        session("2026-03-02", minutes=25, pain_before=4, pain_after=4, exercises=("knee-rolls",)),
        session("2026-03-08", minutes=15, pain_before=8, exercises=("calm-breathing",),
                note="Flare after gardening"),
        session("2026-03-08", minutes=10, pain_after=6),
        session("2026-03-10", minutes=20, pain_before=3, pain_after=2, exercises=("easy-walk",)),
        session("2026-03-12", minutes=60, pain_before=9, note="a date in the future"),
    ]  # fmt: skip


@pytest.fixture
def built() -> report.Report:
    return report.build_report(known_sessions(), TODAY, 4, stats.Goal(), NAMES)


# --- what goes in ---------------------------------------------------------------------------


def test_period_runs_from_the_monday_weeks_back_to_today(built: report.Report) -> None:
    assert (built.start, built.end, built.made_on) == (dt.date(2026, 2, 16), TODAY, TODAY)
    assert [row.week.start.isoformat() for row in built.weeks] == [
        "2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09",
    ]  # fmt: skip
    assert [row.in_progress for row in built.weeks] == [False, False, False, True]


def test_week_rows(built: report.Report) -> None:
    rows = [
        (r.week.sessions, r.week.active_days, r.week.minutes, r.week.pain_before,
         r.week.pain_after, r.flare_days, r.goal_met)
        for r in built.weeks
    ]  # fmt: skip
    assert rows == [
        (2, 2, 50, 6.5, 4.5, 1, False),
        (1, 1, 40, 5.0, 3.0, 0, False),
        (3, 2, 50, 6.0, 5.0, 1, False),
        (1, 1, 20, 3.0, 2.0, 0, False),
    ]


def test_totals_cover_the_period_only(built: report.Report) -> None:
    totals = built.totals
    assert (totals.sessions, totals.active_days, totals.minutes) == (7, 6, 160)
    assert (totals.pain_before, totals.pain_after) == (5.5, 4.0)
    assert (built.average_change, built.changes_counted) == (-1.4, 5)
    assert built.weeks_goal_met == 0


def test_top_exercises_use_catalogue_names_and_keep_unknown_ids(built: report.Report) -> None:
    assert [(e.name, e.sessions) for e in built.top_exercises] == [
        ("Easy walk", 4), ("Knee rolls", 3), ("Calm breathing", 1), ("my-own-move", 1),
    ]  # fmt: skip
    assert built.exercise_kinds == 4


def test_flare_days_hold_the_highest_pain_of_the_day(built: report.Report) -> None:
    assert [(f.date.isoformat(), f.pain) for f in built.flare_days] == [
        ("2026-02-18", 7),
        ("2026-03-08", 8),
    ]
    assert built.flare_day_count == 2


def test_notes_oldest_first_within_the_period(built: report.Report) -> None:
    assert [(n.date.isoformat(), n.text) for n in built.notes] == [
        ("2026-02-16", "Started again after a bad week"),
        ("2026-03-08", "Flare after gardening"),
    ]
    assert built.notes_left_out == 0


def test_direction_looks_back_28_days_whatever_the_period(built: report.Report) -> None:
    # last 14 days: 5, 4, 8, 3 (mean 5); the 14 before: 7, 6, 7 (mean 6.7)
    assert built.direction == "better"
    one_week = report.build_report(known_sessions(), TODAY, 1, stats.Goal(), NAMES)
    assert one_week.direction == "better"
    assert stats.direction(known_sessions()[:-1], TODAY) == "better"


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        (5, 4, "1 point lower after a session than before, on average (1 session with both"),
        (3, 5, "2 points higher after a session than before"),
        (4, 4, "the same after a session as before, on average (1 session with both scores)"),
        (None, 4, "no session has both a before and an after score"),
    ],
)
def test_the_change_a_session_brings_in_words(before, after, words) -> None:
    one = [session(TODAY, pain_before=before, pain_after=after)]
    text = report_md.to_markdown(report.build_report(one, TODAY, 1, stats.Goal(), {}))
    assert f"- **Pain change:** {words}" in text


def test_an_empty_log_still_makes_a_report() -> None:
    empty = report.build_report([], TODAY, 4, stats.Goal(), {})
    assert [row.week.sessions for row in empty.weeks] == [0, 0, 0, 0]
    assert (empty.direction, empty.average_change, empty.flare_days, empty.notes) == (
        None, None, (), ()
    )  # fmt: skip
    text = report_md.to_markdown(empty)
    assert "No notes in this period." in text
    assert "too few pain scores to tell" in text
    assert "<svg" in report_html.to_html(empty)


def test_long_notes_are_bounded_newest_kept() -> None:
    notes = [session(TODAY - dt.timedelta(days=n), note=f"note {n} " + "x" * 900) for n in range(8)]
    built = report.build_report(notes, TODAY, 4, stats.Goal(), {})
    assert 1 <= len(built.notes) < 8
    assert built.notes_left_out == 8 - len(built.notes)
    assert built.notes[-1].text.startswith("note 0 ")  # the newest is kept, shown last
    assert "older notes left out" in report_md.to_markdown(built)


def test_a_hand_edited_note_is_shortened_and_its_whitespace_collapsed() -> None:
    long = session(TODAY, note="line one\n\n\n   line two " + "y" * 3000)
    (note,) = report.build_report([long], TODAY, 4, stats.Goal(), {}).notes
    assert note.text.startswith("line one line two y")
    assert len(note.text) == report.NOTE_MAX
    assert note.text.endswith("…")


def test_flare_days_listed_are_bounded_but_every_one_is_counted() -> None:
    flares = [session(TODAY - dt.timedelta(days=n), pain_before=8) for n in range(60)]
    built = report.build_report(flares, TODAY, 12, stats.Goal(), {})
    assert built.flare_day_count == 60
    assert len(built.flare_days) == report.FLARE_DAYS_LISTED
    assert built.flare_days[-1].date == TODAY
    assert sum(row.flare_days for row in built.weeks) == 60
    assert "and 39 earlier days" in report_md.to_markdown(built)


@given(st.lists(sessions_st, max_size=30), st.integers(1, 52))
def test_weeks_add_up_to_the_totals_and_html_stays_inert(sessions, weeks) -> None:
    today = dt.date(2040, 6, 15)
    built = report.build_report(sessions, today, weeks, stats.Goal(), {})
    assert sum(r.week.minutes for r in built.weeks) == built.totals.minutes
    assert sum(r.week.sessions for r in built.weeks) == built.totals.sessions
    assert sum(r.flare_days for r in built.weeks) == built.flare_day_count
    page = report_html.to_html(built)
    assert "<script" not in page.lower()
    assert len(table_rows(report_md.to_markdown(built))) == weeks + 2


# --- the two formats ------------------------------------------------------------------------


def table_rows(text: str) -> list[list[str]]:
    """The cells of each Markdown table line; an escaped pipe stays inside its cell."""
    return [
        [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        for line in text.splitlines()
        if line.startswith("|")
    ]


def test_markdown_table_is_well_formed(built: report.Report) -> None:
    text = report_md.to_markdown(built)
    rows = table_rows(text)
    assert rows[0] == list(report_text.WEEK_COLUMNS)
    assert all(re.fullmatch(r":?-{3,}:?", cell) for cell in rows[1])
    assert {len(row) for row in rows} == {len(report_text.WEEK_COLUMNS)}
    assert rows[2] == ["Mon 16 Feb 2026", "2", "2", "50", "no", "6.5", "4.5", "1"]
    assert rows[-1][0] == "Mon 9 Mar 2026 (so far)"
    # the table is one block: a blank line before and after it
    lines = text.splitlines()
    first = lines.index("| " + " | ".join(report_text.WEEK_COLUMNS) + " |")
    assert lines[first - 1] == ""
    assert lines[first + len(rows)] == ""


def test_markdown_holds_every_section(built: report.Report) -> None:
    text = report_md.to_markdown(built)
    assert text.startswith("# Activity and back pain summary\n")
    assert "Mon 16 Feb 2026 to Tue 10 Mar 2026, 4 weeks (the last one so far)." in text
    assert "movecoach does not diagnose" in text
    assert "alongside your own assessment" in text
    assert "- **Activity:** 7 sessions on 6 days, 160 minutes in all" in text
    assert "- **Pain:** 5.5 before, 4 after" in text
    assert (
        "- **Pain change:** 1.4 points lower after a session than before, on average (5 sessions"
        in text
    )
    assert "- **Direction:** better: lower pain before sessions in the last 14 days" in text
    assert "1. Easy walk: 4 sessions\n2. Knee rolls: 3 sessions" in text
    assert "4. my-own-move: 1 session" in text
    assert "- Wed 18 Feb 2026: highest pain 7\n- Sun 8 Mar 2026: highest pain 8" in text
    assert "- Mon 16 Feb 2026: Started again after a bad week" in text
    assert "before the period" not in text
    assert "future" not in text
    assert "<" not in text  # no HTML at all


MALICIOUS = '<script>alert("x")</script> & <img src=x onerror=alert(1)> | *bold* [a](b)'


def test_user_text_is_escaped_in_both_formats() -> None:
    sessions = [session(TODAY, pain_before=3, note=MALICIOUS, exercises=("<b>odd</b>",))]
    built = report.build_report(sessions, TODAY, 4, stats.Goal(), {})
    page = report_html.to_html(built)
    assert "<script" not in page.lower()
    assert "<img" not in page
    assert "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    assert "&lt;b&gt;odd&lt;/b&gt;: 1 session" in page
    text = report_md.to_markdown(built)
    assert "<" not in text.replace("\\<", "")
    assert r"\<script\>alert(" in text
    assert r"\| \*bold\* \[a\](b)" in text
    assert all(len(row) == len(report_text.WEEK_COLUMNS) for row in table_rows(text))


def test_html_is_self_contained(built: report.Report) -> None:
    page = report_html.to_html(built)
    assert page.startswith("<!doctype html>")
    lower = page.lower()
    for banned in ("<script", "https:", "http:", "src=", "href=", "url(", "@import", "<link"):
        assert banned not in lower, banned
    # a policy that forbids scripts and fetches, should escaping ever fail
    assert "content-security-policy" in lower
    assert "default-src 'none'" in page
    assert "@page { size: A4;" in page


def test_html_has_the_chart_the_weeks_and_the_caveat(built: report.Report) -> None:
    page = report_html.to_html(built)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert '<title id="chart-title">' in svg
    assert svg.count("<circle") == 4 + 1  # pain before in each week, and the legend
    assert "goal, 150 min" in svg
    assert 'stroke-dasharray="6 4"' in svg  # the goal line
    assert page.count('<tr><th scope="row">') == 4
    assert '<th scope="row">Mon 9 Mar 2026 (so far)</th>' in page
    assert "movecoach does not diagnose" in page
    assert '<time datetime="2026-03-08">Sun 8 Mar 2026</time>: Flare after gardening' in page


# --- the command ----------------------------------------------------------------------------


@pytest.fixture
def known_log(home: Path, monkeypatch: pytest.MonkeyPatch) -> Log:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    return seed(home, *known_sessions())


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    return lines[0]


def test_report_prints_markdown_by_default(run, known_log) -> None:
    text = run("report", ok=True).stdout
    assert text.startswith("# Activity and back pain summary")
    assert "1. Easy walk: 4 sessions" in text  # names from the bundled catalogue
    assert "- Sun 8 Mar 2026: Flare after gardening" in text


def test_report_prints_html_and_takes_weeks(run, known_log) -> None:
    page = run("report", "--format", "html", "-w", "2", ok=True).stdout
    assert page.startswith("<!doctype html>")
    assert page.count('<tr><th scope="row">') == 2


def test_report_reads_only_the_years_it_needs(run, home, known_log, monkeypatch) -> None:
    seed(home, session("2024-06-01", note="long ago"), session("2025-12-20", minutes=5))
    asked: list[list[int]] = []
    real = Log.sessions

    def spy(self, years=None):
        years = sorted(years) if years is not None else None
        asked.append(years)
        return real(self, years)

    monkeypatch.setattr(Log, "sessions", spy)
    run("report", ok=True)
    assert asked == [[2026]]
    run("report", "--weeks", "12", ok=True)  # from Monday 22 December 2025
    assert asked[-1] == [2025, 2026]
    monkeypatch.setattr(cli, "today", lambda: dt.date(2026, 1, 10))
    run("report", "--weeks", "1", ok=True)  # the pain direction's 28 days reach December
    assert asked[-1] == [2025, 2026]


def test_output_is_written_private(run, known_log, tmp_path: Path) -> None:
    target = tmp_path / "for-the-physio.html"
    result = run("report", "-f", "html", "-o", str(target), ok=True)
    assert result.stdout.strip() == f"Wrote the report to {target}."
    assert target.read_text("utf-8").startswith("<!doctype html>")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_existing_output_is_kept_without_force(run, known_log, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine\n")
    before = target.stat()
    result = run("report", "--output", str(target))
    assert one_line(result) == (
        f"movecoach: {target} exists; add --force to replace it, or choose another name"
    )
    assert result.stdout == ""
    assert target.read_text() == "mine\n"
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "report.md"]


def test_force_replaces_the_output(run, known_log, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine\n")
    run("report", "--output", str(target), "--force", ok=True)
    assert target.read_text("utf-8").startswith("# Activity and back pain summary")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "'pdf' is not one of 'md', 'html'"),
        (["-f", "HTML"], "'HTML' is not one of"),
        (["--weeks", "0"], "0 is not in the range 1<=x<=52"),
        (["--weeks", "53"], "53 is not in the range 1<=x<=52"),
        (["--weeks", "four"], "'four' is not a valid"),
        (["--output", "{tmp}/missing/r.md"], "missing is not a folder; create it first"),
        (["--output", "{tmp}"], "is a directory"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run, known_log, tmp_path: Path, args: list[str], message: str
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("report", *(a.format(tmp=tmp_path) for a in args))
    assert message in one_line(result)
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_write_that_fails_is_one_line(run, known_log, tmp_path, monkeypatch) -> None:
    from movecoach.store import files

    def refuse(path: Path, data: bytes, replace: bool) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "save_new", refuse)
    target = tmp_path / "r.md"
    line = one_line(run("report", "-o", str(target)))
    assert line == f"movecoach: cannot write {target}: Permission denied"
    assert not target.exists()
