"""When a nudge is due and what it says (`core.reminders`)."""

from __future__ import annotations

from movecoach.core.reminders import EVENING, FIRST, INACTIVE, message


def test_nudge_rules() -> None:
    assert message(None, "2026-03-10", 9) == FIRST
    assert message("2026-03-10", "2026-03-10", 19) is None
    assert message("2026-03-09", "2026-03-10", 9) is None
    assert message("2026-03-09", "2026-03-10", 17) is None
    assert message("2026-03-09", "2026-03-10", 18) == EVENING
    assert message("2026-03-08", "2026-03-10", 9) is None  # one whole day: not yet
    gap = message("2026-03-07", "2026-03-10", 9)  # two whole days: firmer, at any hour
    assert gap is not None
    assert "2 days without a session" in gap
    assert "stiffen" in gap
    assert message("2026-02-27", "2026-03-02", 9) is not None  # across the end of February
    assert message("2025-12-31", "2026-01-02", 9) is None
    assert message("2026-03-09", "2026-03-10", 19, nudge_hour=20) is None
    assert message("2026-03-05", "2026-03-10", 9, inactive_days=5) is None


def test_a_first_nudge_comes_before_any_session_at_any_hour() -> None:
    for hour in (0, 12, 23):
        assert message(None, "2026-03-10", hour) == FIRST
    assert "no sessions logged yet" in FIRST
    assert "`movecoach today`" in FIRST


def test_the_evening_nudge_starts_at_the_nudge_hour() -> None:
    assert message("2026-03-09", "2026-03-10", 20, nudge_hour=21) is None
    assert message("2026-03-09", "2026-03-10", 21, nudge_hour=21) == EVENING
    assert message("2026-03-09", "2026-03-10", 0, nudge_hour=0) == EVENING
    assert message("2026-03-10", "2026-03-10", 23, nudge_hour=0) is None  # today is done


def test_the_firmer_nudge_counts_whole_idle_days_from_the_setting() -> None:
    assert message("2026-03-06", "2026-03-10", 9, inactive_days=3) == INACTIVE.format(days=3)
    assert message("2026-03-07", "2026-03-10", 9, inactive_days=3) is None
    assert message("2026-03-07", "2026-03-10", 9, inactive_days=1) == INACTIVE.format(days=2)
    assert "3 days without a session" in INACTIVE.format(days=3)
    # it outranks the evening nudge
    assert message("2026-03-01", "2026-03-10", 22) == INACTIVE.format(days=8)


def test_a_day_after_today_never_nudges() -> None:
    """A device already at tomorrow can sync a session dated after this device's today."""
    assert message("2026-03-11", "2026-03-10", 22) is None
