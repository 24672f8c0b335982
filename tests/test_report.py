"""`report`: the figures a report holds, worked out by hand on a known log."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import report, stats
from movecoach.core.models import make_day_entry

from .factories import checkin, session, sessions_st
from .report_log import (
    NAMES,
    REVIEW,
    TODAY,
    known_report,
    known_sessions,
    pain_day,
    progress_report,
)


@pytest.fixture
def built() -> report.Report:
    return known_report()


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
        (2, 2, 50, 6.5, 4.5, 0, False),
        (1, 1, 40, 5.0, 3.0, 0, False),
        (3, 2, 50, 6.0, 5.0, 0, False),  # 8 March: too few scores before it (`flare_days`)
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


def test_flare_days_are_2_above_the_users_own_usual(built: report.Report) -> None:
    """Pain 8 on 8 March is 2 or more above 5 and 4, the only scores of the 14 days before,
    but two days make no usual (`pain.MIN_BASELINE_DAYS`: 3): no flare. With the pain of
    28 February recorded too (5), the usual is 5 and 8 March a flare; pain 7 on 18 February
    was none for a user whose usual then was 7."""
    assert built.flare_days == ()
    assert (built.change, built.trend_days) == (-4.0, 28)
    scored = known_report(entries=[pain_day("2026-02-28", 5)])
    assert [(f.date.isoformat(), f.pain, f.usual, f.marked) for f in scored.flare_days] == [
        ("2026-03-08", 8, 5, False)
    ]
    assert scored.flare_day_count == 1
    assert [row.flare_days for row in scored.weeks] == [0, 0, 1, 0]


def test_a_day_marked_a_flare_is_listed_whatever_its_pain() -> None:
    marked = make_day_entry({"id": "f", "date": dt.date(2026, 3, 9), "kind": "flare"})
    built = known_report(entries=[marked])
    assert [(f.date.isoformat(), f.pain, f.usual, f.marked) for f in built.flare_days] == [
        ("2026-03-09", None, 5, True)  # no score that day; the usual of the days before
    ]


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


def test_an_empty_log_still_makes_a_report() -> None:
    empty = report.build_report([], TODAY, 4, stats.Goal(), {})
    assert [row.week.sessions for row in empty.weeks] == [0, 0, 0, 0]
    assert (empty.direction, empty.average_change, empty.flare_days, empty.notes) == (
        None, None, (), ()
    )  # fmt: skip


def test_a_report_needs_at_least_one_week() -> None:
    with pytest.raises(ValueError, match="at least one week, not 0"):
        report.build_report([], TODAY, 0, stats.Goal(), {})


def test_weeks_start_on_the_first_weekday_given() -> None:
    sunday = report.build_report(known_sessions(), TODAY, 2, stats.Goal(), NAMES, 6)
    assert [row.week.start.isoformat() for row in sunday.weeks] == ["2026-03-01", "2026-03-08"]
    assert sunday.start == dt.date(2026, 3, 1)


def test_long_notes_are_bounded_newest_kept() -> None:
    notes = [session(TODAY - dt.timedelta(days=n), note=f"note {n} " + "x" * 900) for n in range(8)]
    built = report.build_report(notes, TODAY, 4, stats.Goal(), {})
    assert 1 <= len(built.notes) < 8
    assert built.notes_left_out == 8 - len(built.notes)
    assert built.notes[-1].text.startswith("note 0 ")  # the newest is kept, shown last


def test_a_notes_blank_lines_and_runs_of_spaces_are_collapsed() -> None:
    long = session(TODAY, note="line one\n\n\n   line two " + "y" * 900)
    (note,) = report.build_report([long], TODAY, 4, stats.Goal(), {}).notes
    assert note.text == "line one line two " + "y" * 900


def seesaw(days: int) -> list:
    """Pain 8 and 2 on alternate days: every 8 is 2 or more above a usual of 5."""
    return [
        session(TODAY - dt.timedelta(days=n), pain_before=8 if n % 2 == 0 else 2)
        for n in range(days)
    ]


def test_flare_days_listed_are_bounded_but_every_one_is_counted() -> None:
    built = report.build_report(seesaw(90), TODAY, 12, stats.Goal(), {})
    assert built.flare_day_count == 40  # every other day of the period's 79
    assert len(built.flare_days) == report.FLARE_DAYS_LISTED
    assert built.flare_days[-1].date == TODAY
    assert sum(row.flare_days for row in built.weeks) == 40


def test_a_pain_entry_counts_for_flare_days() -> None:
    sessions = [session(TODAY - dt.timedelta(days=n), pain_before=3) for n in range(1, 15)]
    entry = make_day_entry({"id": "p", "date": TODAY, "kind": "pain", "pain": 6})
    built = report.build_report(sessions, TODAY, 2, stats.Goal(), {}, entries=[entry])
    assert [(f.date, f.pain) for f in built.flare_days] == [(TODAY, 6)]


@given(st.lists(sessions_st, max_size=30), st.integers(1, 52))
def test_weeks_add_up_to_the_totals(sessions, weeks) -> None:
    today = dt.date(2040, 6, 15)
    built = report.build_report(sessions, today, weeks, stats.Goal(), {})
    assert len(built.weeks) == weeks
    assert sum(r.week.minutes for r in built.weeks) == built.totals.minutes
    assert sum(r.week.sessions for r in built.weeks) == built.totals.sessions
    assert sum(r.flare_days for r in built.weeks) == built.flare_day_count


# --- the bounds that keep the page count down -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("Knee rolls", 10, "Knee rolls"),
        ("Knee rolls!", 10, "Knee roll…"),
        ("Cat and camel", 9, "Cat and…"),  # a space before the cut is dropped
        ("", 5, ""),
    ],
)
def test_long_names_are_cut_to_the_limit_with_an_ellipsis(
    text: str, limit: int, short: str
) -> None:
    assert report._shorten(text, limit) == short
    assert len(report._shorten(text, limit)) <= limit


def test_an_exercise_named_at_length_is_shortened_in_the_report() -> None:
    ident = "a-long-exercise-id-" + "x" * 45  # 64 characters: as long as an id may be
    built = report.build_report([session(TODAY, exercises=(ident,))], TODAY, 4, stats.Goal(), {})
    (top,) = built.top_exercises
    assert (top.id, top.sessions) == (ident, 1)
    assert top.name == ident[: report.NAME_MAX - 1] + "…"


def test_exercises_done_as_often_are_ranked_by_their_shown_name() -> None:
    sessions = [session(TODAY, exercises=("b-move", "a-move", "c-move"))]
    names = {"b-move": "alpha", "a-move": "zulu"}
    built = report.build_report(sessions, TODAY, 4, stats.Goal(), names)
    assert [(e.id, e.name) for e in built.top_exercises] == [
        ("b-move", "alpha"),
        ("c-move", "c-move"),
        ("a-move", "zulu"),
    ]


@pytest.mark.parametrize(("weeks", "lines"), [(1, 27), (3, 26), (4, 26), (12, 23), (52, 10)])
def test_notes_get_fewer_lines_as_the_week_table_grows(weeks: int, lines: int) -> None:
    assert report.notes_lines(weeks) == lines


@pytest.mark.parametrize(("length", "lines"), [(0, 1), (74, 1), (75, 2), (169, 2), (170, 3)])
def test_a_note_takes_a_printed_line_per_95_characters_with_its_date(
    length: int, lines: int
) -> None:
    assert report.note_lines("n" * length) == lines


def test_notes_fill_the_lines_they_have_and_no_more() -> None:
    """Four weeks leave 26 lines; 2-line notes (100 characters each) fit 13 times."""
    notes = [session(TODAY - dt.timedelta(days=n), note=f"{n:03d}" + "n" * 97) for n in range(20)]
    built = report.build_report(notes, TODAY, 4, stats.Goal(), {})
    assert len(built.notes) == 13
    assert built.notes_left_out == 7
    assert [n.text[:3] for n in built.notes] == [f"{n:03d}" for n in range(12, -1, -1)]


def test_a_flare_day_keeps_the_level_of_its_scores_whatever_the_order() -> None:
    """A flare day is 2 or more above the usual of the 14 days before (`core.pain`); its
    level is the mean of the day's scores before sessions, in any order."""
    day = TODAY - dt.timedelta(days=1)
    usual = [session(day - dt.timedelta(days=n), pain_before=3) for n in range(2, 7)]
    sessions = [
        *usual,
        session(day, pain_before=9, time=dt.time(8)),
        session(day, pain_before=7, pain_after=8, time=dt.time(9)),
        session(TODAY, pain_after=9),  # pain after a session is no part of a day's level
        session(TODAY, pain_before=6),
    ]
    for order in (sessions, sessions[::-1]):
        built = report.build_report(order, TODAY, 1, stats.Goal(), {})
        assert [(f.date, f.pain, f.usual) for f in built.flare_days] == [
            (day, 8.0, 3.0),
            (TODAY, 6.0, 3.0),
        ]


def test_untimed_sessions_come_first_on_their_day() -> None:
    day = TODAY - dt.timedelta(days=1)
    timed = session(day, note="timed", time=dt.time(7))
    untimed = session(day, note="untimed")
    built = report.build_report([timed, untimed], TODAY, 1, stats.Goal(), {})
    assert [n.text for n in built.notes] == ["untimed", "timed"]


def test_the_average_change_counts_the_period_only() -> None:
    """The direction looks back 28 days, but the change a session brings is the period's."""
    start = dt.date(2026, 2, 16)  # four weeks up to TODAY
    before = session(start - dt.timedelta(days=1), pain_before=9, pain_after=2)
    alone = report.build_report([before], TODAY, 4, stats.Goal(), {})
    assert (alone.average_change, alone.changes_counted) == (None, 0)
    inside = session(start, pain_before=5, pain_after=4)
    both = report.build_report([before, inside], TODAY, 4, stats.Goal(), {})
    assert (both.average_change, both.changes_counted) == (-1.0, 1)
    assert both.trend_days == 28  # the direction still looks back further than the period


def test_weeks_count_active_minutes_and_strength_days_by_the_catalogue() -> None:
    kinds = {"calm-breathing": "relaxation", "bridge": "strength"}
    sessions = [
        session(TODAY, minutes=30, exercises=("calm-breathing",)),
        session(TODAY, minutes=20, exercises=("bridge",)),
        session(TODAY - dt.timedelta(days=1), minutes=20, exercises=("bridge",)),
    ]
    goal = stats.Goal(days=2, minutes=40, strength_days=2)
    built = report.build_report(sessions, TODAY, 1, goal, {}, 0, categories=kinds)
    (row,) = built.weeks
    assert (row.week.minutes, row.week.active_minutes, row.week.strength_days) == (70, 40, 2)
    assert row.goal_met
    assert (built.totals.active_minutes, built.totals.strength_days) == (40, 2)
    stricter = report.build_report(
        sessions, TODAY, 1, stats.Goal(2, 41, 2), {}, 0, categories=kinds
    )
    assert not stricter.weeks[0].goal_met  # the 30 minutes of breathing do not count


def test_each_activity_of_the_latest_check_in_with_its_scores_and_change() -> None:
    built = progress_report()
    socks, gardening = built.checkins
    assert socks.activity == "Putting on socks"  # as the latest check-in names it
    assert [s.score for s in socks.scores] == [2, 3, 3, 5]  # not the one after today
    assert socks.change == 3
    assert gardening.change == 0
    assert built.scores_left_out == (0, 0)
    assert built.review == REVIEW


def test_a_report_without_check_ins_has_none_and_no_review() -> None:
    built = known_report()
    assert built.checkins == ()
    assert built.review is None


def test_a_long_run_of_check_ins_keeps_the_first_and_the_newest() -> None:
    checkins = [
        checkin(dt.date(2025, 1, 6) + dt.timedelta(weeks=4 * n), ("Walking", n % 11))
        for n in range(14)
    ]
    built = report.build_report([], TODAY, 4, stats.Goal(), {}, checkins=checkins)
    [walking] = built.checkins
    assert len(walking.scores) == report.SCORES_SHOWN
    assert walking.first.date == dt.date(2025, 1, 6)
    assert walking.latest.date == checkins[-1].date
    assert walking.change == checkins[-1].scores[0] - 0
    assert built.scores_left_out == (14 - report.SCORES_SHOWN,)
