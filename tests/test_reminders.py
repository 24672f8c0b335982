"""When a nudge is due and what it says (`core.reminders`)."""

from __future__ import annotations

from movecoach.core.reminders import EVENING, FIRST, message


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
