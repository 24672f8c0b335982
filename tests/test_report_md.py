"""`report_md`: the report as Markdown, its table, its sections and its escaping."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import report, stats
from movecoach.ui import report_md, report_text

from .factories import session, sessions_st
from .report_log import TODAY, known_report, malicious_report, pain_day, progress_report


@pytest.fixture
def built() -> report.Report:
    return known_report()


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
    assert rows[2] == ["Mon 16 Feb 2026", "2", "2", "50", "50", "0", "no", "6.5", "4.5", "0"]
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
    assert (
        "- **Direction:** better: pain fell about 4 points over the last 28 days (a robust "
        "trend line)"
    ) in text
    assert "1. Easy walk: 4 sessions\n2. Knee rolls: 3 sessions" in text
    assert "4. my-own-move: 1 session" in text
    assert "Flare days (pain 2+ above usual, or marked as a flare)\n\nNone in this period." in text
    assert "Active minutes leave out sessions of relaxation alone." in text
    assert "- Mon 16 Feb 2026: Started again after a bad week" in text
    assert "before the period" not in text
    assert "future" not in text
    assert "<" not in text  # no HTML at all


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


def test_an_empty_log_says_so_in_each_section() -> None:
    text = report_md.to_markdown(report.build_report([], TODAY, 4, stats.Goal(), {}))
    assert "No notes in this period." in text
    assert "too few pain scores to tell" in text
    assert "No exercises were named in the sessions of this period." in text
    assert (
        "## Flare days (pain 2+ above usual, or marked as a flare)\n\nNone in this period.\n"
        in text
    )


def test_left_out_notes_and_flare_days_are_mentioned() -> None:
    notes = [session(TODAY - dt.timedelta(days=n), note=f"note {n} " + "x" * 900) for n in range(8)]
    assert "older notes left out" in report_md.to_markdown(
        report.build_report(notes, TODAY, 4, stats.Goal(), {})
    )
    flares = [
        session(TODAY - dt.timedelta(days=n), pain_before=8 if n % 2 == 0 else 2) for n in range(90)
    ]
    text = report_md.to_markdown(report.build_report(flares, TODAY, 12, stats.Goal(), {}))
    assert "and 19 earlier days" in text


def test_user_text_is_escaped() -> None:
    text = report_md.to_markdown(malicious_report())
    assert "<" not in text.replace("\\<", "")
    assert r"\<script\>alert(" in text
    assert r"\| \*bold\* \[a\](b)" in text
    assert all(len(row) == len(report_text.WEEK_COLUMNS) for row in table_rows(text))
    assert r"1. \<b\>odd\</b\>: 1 session" in text
    assert r"- **\<script\>alert(" in text  # a check-in's activity


@pytest.mark.parametrize(
    ("note", "escaped"),
    [
        ("left | right", r"left \| right"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("see [link](x)", r"see \[link\](x)"),
        ("*bold* _it_ `code` ~gone~", r"\*bold\* \_it\_ \`code\` \~gone\~"),
        ("# not a heading & no &amp;", r"\# not a heading \& no \&amp;"),
        ("a back\\slash", r"a back\\slash"),
    ],
)
def test_a_note_is_literal_text(note: str, escaped: str) -> None:
    assert report_md.md_escape(note) == escaped
    built = report.build_report([session(TODAY, note=note)], TODAY, 1, stats.Goal(), {})
    assert f"- Tue 10 Mar 2026: {escaped}\n" in report_md.to_markdown(built)


def test_an_exercise_named_like_a_table_keeps_the_table_whole() -> None:
    odd = session(TODAY, exercises=("a | b | c", "[x](y)"))
    text = report_md.to_markdown(report.build_report([odd], TODAY, 2, stats.Goal(), {}))
    assert r"a \| b \| c: 1 session" in text
    assert r"\[x\](y): 1 session" in text
    assert {len(row) for row in table_rows(text)} == {len(report_text.WEEK_COLUMNS)}


@given(st.lists(sessions_st, max_size=30), st.integers(1, 52))
def test_the_table_has_a_row_a_week(sessions, weeks) -> None:
    built = report.build_report(sessions, dt.date(2040, 6, 15), weeks, stats.Goal(), {})
    assert len(table_rows(report_md.to_markdown(built))) == weeks + 2


def test_each_flare_day_with_its_pain_and_usual_or_as_marked() -> None:
    marked = report.build_report([], TODAY, 4, stats.Goal(), {})  # no flare days at all
    assert "None in this period." in report_md.to_markdown(marked)
    from movecoach.core.models import make_day_entry

    flare = make_day_entry({"id": "f", "date": dt.date(2026, 3, 9), "kind": "flare"})
    text = report_md.to_markdown(known_report(entries=[pain_day("2026-02-28", 5), flare]))
    assert "- Sun 8 Mar 2026: pain 8 (usual 5)\n- Mon 9 Mar 2026: marked as a flare" in text


def test_the_goal_says_what_its_minutes_count() -> None:
    text = report_md.to_markdown(report.build_report([], TODAY, 4, stats.Goal(), {}))
    wanted = "5 active days, 150 active minutes, 2 strength days; met in 0 of 3 complete"
    assert wanted in text
    assert "Active minutes leave out sessions of relaxation alone." in text


def test_markdown_shows_the_review_first_and_each_activitys_check_ins() -> None:
    text = report_md.to_markdown(progress_report())
    summary = text[text.index("## Summary") : text.index("## Weeks")]
    assert summary.splitlines()[2] == (
        "- **Review:** **Worth seeing a GP or physiotherapist:** after 8 weeks, pain before "
        "sessions averages 6 in the last 2 weeks against 6 in the first 2."
    )
    section = text[text.index("## Progress check-ins") : text.index("## Exercises")]
    assert "Patient-Specific Functional Scale: 0 can't do the activity, 10 as before" in section
    assert (
        "- **Putting on socks:** 2 (12 Jan) → 3 (9 Feb) → 3 (10 Feb) → 5 (9 Mar); "
        "+3 since 12 Jan 2026"
    ) in section
    assert "- **Gardening:** 1 (10 Feb) → 1 (9 Mar); no change since 10 Feb 2026" in section
    assert "Driving" not in section  # left out of the latest check-in


def test_without_check_ins_the_section_says_so_and_there_is_no_review() -> None:
    text = report_md.to_markdown(known_report())
    assert "## Progress check-ins\n\nNo progress check-ins logged." in text
    assert "Review" not in text
