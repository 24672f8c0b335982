"""When a nudge is due and what it says (`core.reminders`), and the reminder rules' words:
durations and hours as typed."""

from __future__ import annotations

import pytest

from movecoach.core import reminders
from movecoach.core.days import day_number
from movecoach.core.reminders import (
    EVENING,
    FIRST,
    FLARE_EVENING,
    FLARE_INACTIVE,
    INACTIVE,
    message,
)


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


def test_on_a_flare_day_the_nudge_suggests_a_few_gentle_minutes() -> None:
    today = day_number("2026-03-10")
    usual = {today - back: 3 for back in range(2, 16)}
    flare = {**usual, today - 1: 6}  # yesterday's pain: 3 above a usual of 3
    evening = message("2026-03-09", "2026-03-10", 19, pains=flare)
    assert evening == FLARE_EVENING
    assert "10 gentle minutes" not in evening
    assert "movecoach flare" in evening
    gap = message("2026-03-06", "2026-03-10", 9, pains=flare)
    assert gap == FLARE_INACTIVE.format(days=3)
    assert message("2026-03-09", "2026-03-10", 19, pains=usual) == EVENING
    settled = {**flare, today: 3}  # today's score is the latest: no longer a flare
    assert message("2026-03-09", "2026-03-10", 19, pains=settled) == EVENING


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30m", 30),
        ("2h", 120),
        ("1h30m", 90),
        ("1h30", 90),
        ("45min", 45),
        ("90", 90),
        (" 15M ", 15),
        ("24h", 1440),
        ("25h", None),
        ("0m", None),
        ("", None),
        ("m", None),
        ("30 m", None),
        ("30s", None),
        ("1d", None),
        ("\u0663\u0660m", None),
    ],
)
def test_parse_minutes(text: str, minutes: int | None) -> None:
    assert reminders.parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("09:00-17:00", (540, 1020)),
        ("9:30-12:00", (570, 720)),
        ("00:00-24:00", (0, 1440)),
        ("17:00-09:00", None),
        ("09:00-09:00", None),
        ("09:60-10:00", None),
        ("9-17", None),
        ("09:00", None),
        ("\u0660\u0669:\u0660\u0660-17:00", None),
    ],
)
def test_parse_span(text: str, span: tuple[int, int] | None) -> None:
    assert reminders.parse_span(text) == span


def test_clock_text() -> None:
    assert [reminders.clock_text(m) for m in (0, 545, 1020)] == ["00:00", "09:05", "17:00"]


NINE, FIVE = 9 * 60, 17 * 60


@pytest.mark.parametrize(
    ("last_moved", "now", "due"),
    [
        (None, NINE + 89, False),  # the working day began 89 minutes ago
        (None, NINE + 90, True),
        (NINE + 60, NINE + 149, False),
        (NINE + 60, NINE + 150, True),
        (NINE - 30, NINE + 90, True),  # a session before the hours counts from their start
        (None, NINE - 1, False),  # before the hours
        (None, FIVE + 1, False),  # after them
        (None, FIVE, True),
    ],
)
def test_a_desk_break_is_due_after_so_long_without_moving_inside_the_hours(
    last_moved: int | None, now: int, due: bool
) -> None:
    text = reminders.break_message(last_moved, now, 90, (NINE, FIVE))
    assert (text is not None) is due
    if text is not None:
        assert "`movecoach break`" in text
        assert text.startswith(f"movecoach: {now - max(last_moved or NINE, NINE)} minutes")


@pytest.mark.parametrize(
    "text",
    [
        reminders.FIRST,
        reminders.EVENING,
        reminders.INACTIVE.format(days=99),
        reminders.FLARE_EVENING,
        reminders.FLARE_INACTIVE.format(days=99),
    ],
)
def test_every_nudge_line_fits_80_columns(text: str) -> None:
    assert len(text) <= 80
