"""Day numbers, per-day totals and the streak rules shared by stats and the nudge."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from movecoach.core.days import day_number


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
)
def test_nudge_day_arithmetic_matches_the_calendar(a: dt.date, b: dt.date) -> None:
    assert day_number(b.isoformat()) - day_number(a.isoformat()) == (b - a).days
