"""`report_text`: the words both formats print, checked once here rather than in each format."""

from __future__ import annotations

import datetime as dt

import pytest

from movecoach.core import report, stats
from movecoach.ui import report_text

from .factories import session
from .report_log import TODAY, known_report


@pytest.mark.parametrize(
    ("value", "text"), [(4.75, "4.8"), (5.98, "6"), (5.0, "5"), (0.04, "0"), (None, "\u2013")]
)
def test_numbers_have_one_decimal_at_most_and_a_dash_for_none(value, text) -> None:
    assert report_text.num(value) == text


def test_dates_and_plurals() -> None:
    day = dt.date(2026, 3, 8)
    assert (report_text.day_text(day), report_text.date_text(day)) == (
        "Sun 8 Mar 2026", "8 Mar 2026"
    )  # fmt: skip
    assert report_text.short_date(day) == "8 Mar"
    assert (report_text.plural(1, "week"), report_text.plural(0, "week")) == ("1 week", "0 weeks")


def test_the_period_says_when_its_last_week_is_not_over() -> None:
    assert report_text.period_text(known_report()) == (
        "Mon 16 Feb 2026 to Tue 10 Mar 2026, 4 weeks (the last one so far)"
    )
    sunday = dt.date(2026, 3, 15)
    whole = report.build_report([], sunday, 1, stats.Goal(), {})
    assert report_text.period_text(whole) == "Mon 9 Mar 2026 to Sun 15 Mar 2026, 1 week"


def test_summary_labels_in_the_order_both_formats_show_them() -> None:
    labels = [label for label, _ in report_text.summary(known_report())]
    assert labels == ["Activity", "Weekly goal", "Pain", "Pain change", "Direction", "Flare days"]


def test_summary_of_an_empty_period() -> None:
    values = dict(report_text.summary(report.build_report([], TODAY, 4, stats.Goal(), {})))
    assert values["Activity"] == "0 sessions on 0 days, 0 minutes in all"
    assert values["Pain"] == "no pain scores logged"
    assert values["Flare days"] == "no day with pain 2 or more above the user's usual"


def test_a_week_has_a_cell_for_every_column() -> None:
    rows = known_report().weeks
    assert all(len(report_text.week_cells(row)) == len(report_text.WEEK_COLUMNS) for row in rows)
    assert report_text.week_cells(rows[-1])[0] == "Mon 9 Mar 2026 (so far)"


def test_left_out_notes_and_flare_days_are_counted_in_words() -> None:
    flares = [
        session(TODAY - dt.timedelta(days=n), pain_before=8 if n % 2 == 0 else 2) for n in range(51)
    ]
    built = report.build_report(flares, TODAY, 12, stats.Goal(), {})
    assert built.flare_day_count == 24  # days 50 and 48 have fewer than 3 scores before them
    assert report_text.flares_left_out_text(built).startswith("and 3 earlier days")
    notes = [session(TODAY - dt.timedelta(days=n), note="x" * 900) for n in range(8)]
    built = report.build_report(notes, TODAY, 4, stats.Goal(), {})
    assert report_text.notes_left_out_text(built).startswith(f"{built.notes_left_out} older notes")
