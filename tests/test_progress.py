"""The progress rules: each activity's check-in scores, when a check-in is due, and the 6-week
rule for when it is worth seeing a GP or physiotherapist, with worked examples."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from movecoach.core import progress
from movecoach.core.models import Session

from .factories import checkin, session

START = dt.date(2026, 1, 5)  # a Monday: the first session
SIX_WEEKS = START + dt.timedelta(days=42)  # Monday 16 February 2026


def days_of(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(count)]


def log(first_pain: list[int], last_pain: list[int], today: dt.date = SIX_WEEKS) -> list[Session]:
    """Sessions on the first days of use with `first_pain` before them, and on the last days
    up to `today` with `last_pain`; nothing between."""
    early = [
        session(d, pain_before=p) for d, p in zip(days_of(START, 14), first_pain, strict=False)
    ]
    late_days = days_of(today - dt.timedelta(days=len(last_pain) - 1), len(last_pain))
    late = [session(d, pain_before=p) for d, p in zip(late_days, last_pain, strict=True)]
    return early + late


# --- the 6-week rule: worked examples ------------------------------------------------------------


def test_improving_pain_needs_no_review() -> None:
    # First 2 weeks: 6, 6, 7, 5 (mean 6). Last 2 weeks: 4, 3, 4, 3 (mean 3.5): 2.5 lower.
    assert progress.needs_review(log([6, 6, 7, 5], [4, 3, 4, 3]), [], SIX_WEEKS) is None


def test_pain_not_improving_after_six_weeks_says_why() -> None:
    # First 2 weeks: mean 6. Last 2 weeks: 5, 5, 5 (mean 5): 1 point and 17 % lower.
    reason = progress.needs_review(log([6, 6, 7, 5], [5, 5, 5]), [], SIX_WEEKS)
    assert reason is not None
    assert "after 6 weeks" in reason
    assert "averages 5 in the last 2 weeks against 6 in the first 2" in reason
    assert "not 2 points or 30\N{NO-BREAK SPACE}% lower" in reason


def test_worse_pain_needs_a_review() -> None:
    reason = progress.needs_review(log([3, 3, 3], [6, 7, 6]), [], SIX_WEEKS)
    assert reason is not None
    assert "averages 6.3 in the last 2 weeks against 3" in reason


def test_too_early_even_when_pain_is_no_better() -> None:
    # Day 41 after the first session: one day short of 6 weeks.
    day_41 = SIX_WEEKS - dt.timedelta(days=1)
    assert progress.needs_review(log([6, 6, 6], [6, 6, 6], day_41), [], day_41) is None
    assert progress.needs_review(log([6, 6, 6], [6, 6, 6]), [], SIX_WEEKS) is not None


@pytest.mark.parametrize(
    ("first", "last", "review"),
    [
        ([10, 10, 10], [7, 7, 8], False),  # 10 -> 7.33: 2.67 points lower (27 %)
        ([4, 4, 4], [3, 3, 2], False),  # 4 -> 2.67: 1.33 points, but 33 % lower
        ([5, 5, 5], [3, 4, 4], True),  # 5 -> 3.67: 1.33 points, 27 %
        ([8, 8, 8], [7, 7, 6], True),  # 8 -> 6.67: 1.33 points, 17 %
    ],
)
def test_two_points_or_thirty_percent(first: list[int], last: list[int], review: bool) -> None:
    found = progress.needs_review(log(first, last), [], SIX_WEEKS)
    assert (found is not None) is review


def test_the_threshold_is_two_points_or_thirty_percent_exactly() -> None:
    t = progress.MEANINGFUL_CHANGE
    assert t.lower_enough(Fraction(5), Fraction(7, 2))  # 1.5 lower = 30 % of 5
    assert not t.lower_enough(Fraction(5), Fraction(36, 10))  # 1.4 lower = 28 %
    assert t.lower_enough(Fraction(9), Fraction(7))  # 2 points, 22 %
    assert not t.lower_enough(Fraction(9), Fraction(71, 10))  # 1.9 points, 21 %
    assert t.lower_enough(Fraction(0), Fraction(0))  # no pain then, none now
    assert not t.lower_enough(Fraction(0), Fraction(1))


def test_too_few_pain_scores_to_compare_says_nothing() -> None:
    # Two scored days in the first 2 weeks: too few to call an average.
    assert progress.needs_review(log([6, 6], [6, 6, 6]), [], SIX_WEEKS) is None
    # Sessions without pain scores: nothing to compare either.
    unscored = [session(START), session(SIX_WEEKS)]
    assert progress.needs_review(unscored, [], SIX_WEEKS) is None


def test_the_six_weeks_count_from_the_first_session_and_ignore_future_ones() -> None:
    later = [*log([6, 6, 6], [6, 6, 6]), session(SIX_WEEKS + dt.timedelta(days=3), pain_before=0)]
    assert progress.needs_review(later, [], SIX_WEEKS) is not None


# --- the 6-week rule with check-ins ---------------------------------------------------------------


def test_check_in_scores_that_rose_less_than_two_need_a_review_even_when_pain_improved() -> None:
    improving = log([6, 6, 6], [3, 3, 3])
    checkins = [
        checkin(START, ("Putting on socks", 3), ("Walking 20 minutes", 4)),
        checkin(START + dt.timedelta(days=28), ("Putting on socks", 4), ("Walking 20 minutes", 5)),
    ]
    reason = progress.needs_review(improving, checkins, SIX_WEEKS)
    assert reason is not None
    assert "check-in scores have risen 1 point on average" in reason
    assert reason.startswith("check-in scores")  # the pain part is fine


def test_check_in_scores_that_rose_by_two_need_no_review() -> None:
    improving = log([6, 6, 6], [3, 3, 3])
    checkins = [
        checkin(START, ("Putting on socks", 3), ("Walking 20 minutes", 4)),
        checkin(SIX_WEEKS, ("putting on  SOCKS", 6), ("Walking 20 minutes", 5)),  # +3, +1
    ]
    assert progress.needs_review(improving, checkins, SIX_WEEKS) is None


def test_one_check_in_is_not_a_change() -> None:
    improving = log([6, 6, 6], [3, 3, 3])
    assert progress.needs_review(improving, [checkin(START, ("Socks", 1))], SIX_WEEKS) is None


def test_both_reasons_are_given_together() -> None:
    checkins = [checkin(START, ("Socks", 5)), checkin(SIX_WEEKS, ("Socks", 4))]
    reason = progress.needs_review(log([6, 6, 6], [6, 6, 6]), checkins, SIX_WEEKS)
    assert reason is not None
    assert "averages 6 in the last 2 weeks" in reason
    assert "; and check-in scores have fallen 1 point on average since first scored" in reason


# --- once a week ----------------------------------------------------------------------------------


def test_the_line_is_said_once_a_week_and_all_that_day() -> None:
    sessions = log([6, 6, 6], [6, 6, 6], SIX_WEEKS + dt.timedelta(days=2))
    wednesday = SIX_WEEKS + dt.timedelta(days=2)
    assert progress.needs_review(sessions, [], wednesday, last_shown=None) is not None
    assert progress.needs_review(sessions, [], wednesday, last_shown=wednesday) is not None
    monday = SIX_WEEKS
    assert progress.needs_review(sessions, [], wednesday, last_shown=monday) is None
    last_week = SIX_WEEKS - dt.timedelta(days=1)  # Sunday: the week before
    assert progress.needs_review(sessions, [], wednesday, last_shown=last_week) is not None
    # Weeks starting on Sunday: last Sunday is this week.
    assert progress.needs_review(sessions, [], wednesday, last_week, first_weekday=6) is None


# --- each activity's scores, and when a check-in is due -------------------------------------------


def test_each_activity_of_the_latest_check_in_with_every_score_it_had() -> None:
    checkins = [
        checkin("2026-03-01", ("Socks", 5), ("Gardening", 1)),
        checkin("2026-01-05", ("socks", 2), ("Driving", 4)),
        checkin("2026-02-02", ("Socks", 3), ("Gardening", 1)),
        checkin("2026-04-01", ("Socks", 9)),  # after today: not yet
    ]
    found = progress.activity_progress(checkins, dt.date(2026, 3, 10))
    assert [a.activity for a in found] == ["Socks", "Gardening"]
    socks, gardening = found
    assert [(s.date.isoformat(), s.score) for s in socks.scores] == [
        ("2026-01-05", 2),
        ("2026-02-02", 3),
        ("2026-03-01", 5),
    ]
    assert socks.change == 3
    assert gardening.change == 0
    assert progress.activity_progress(checkins[:1], dt.date(2026, 3, 10))[0].change is None
    assert progress.activity_progress([], dt.date(2026, 3, 10)) == ()


@pytest.mark.parametrize(
    ("last", "due"),
    [(None, True), ("2026-02-10", True), ("2026-02-11", False), ("2026-03-10", False)],
)
def test_a_check_in_is_due_with_none_yet_or_four_weeks_after_the_last(
    last: str | None, due: bool
) -> None:
    checkins = [checkin(last)] if last else []
    assert progress.checkin_due(checkins, dt.date(2026, 3, 10)) is due
