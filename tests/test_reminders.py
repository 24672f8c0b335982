"""The reminder rules' words: durations and hours as typed."""

from __future__ import annotations

import pytest

from movecoach.core import reminders


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
