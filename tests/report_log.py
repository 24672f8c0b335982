"""The known log the report tests share: worked examples whose figures are checked by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from movecoach.core import report, stats
from movecoach.core.models import Checkin, DayEntry, Session, make_day_entry

from .factories import checkin, session

TODAY = dt.date(2026, 3, 10)  # a Tuesday: four weeks start on Monday 16 February
NAMES = {"easy-walk": "Easy walk", "knee-rolls": "Knee rolls", "calm-breathing": "Calm breathing"}
# A note that tries HTML, a script, an attribute, a table break, emphasis and a link at once.
MALICIOUS = '<script>alert("x")</script> & <img src=x onerror=alert(1)> | *bold* [a](b)'


def known_sessions() -> list[Session]:
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


def known_report(weeks: int = 4, entries: Sequence[DayEntry] = ()) -> report.Report:
    return report.build_report(known_sessions(), TODAY, weeks, stats.Goal(), NAMES, entries=entries)


def pain_day(date: str, pain: int) -> DayEntry:
    """The day's pain recorded without a session (`movecoach pain`)."""
    day = dt.date.fromisoformat(date)
    return make_day_entry({"id": f"p-{date}", "date": day, "kind": "pain", "pain": pain})


def malicious_report() -> report.Report:
    """One session whose note and exercise id are markup, and a check-in whose activity is,
    to check both formats escape them."""
    sessions = [session(TODAY, pain_before=3, note=MALICIOUS, exercises=("<b>odd</b>",))]
    checkins = [checkin(TODAY, (MALICIOUS, 4))]
    return report.build_report(sessions, TODAY, 4, stats.Goal(), {}, checkins=checkins)


REVIEW = (
    "after 8 weeks, pain before sessions averages 6 in the last 2 weeks against 6 in the first 2"
)


def known_checkins() -> list[Checkin]:
    """Socks scored four times (the last a month before today), gardening once, driving
    dropped before the latest check-in, and one dated after today."""
    return [
        checkin("2026-01-12", ("Putting on socks", 2), ("Driving", 4)),
        checkin("2026-02-09", ("Putting on socks", 3), ("Driving", 5)),
        checkin("2026-02-10", ("putting on socks", 3), ("Gardening", 1)),
        checkin("2026-03-09", ("Putting on socks", 5), ("Gardening", 1)),
        checkin("2026-03-12", ("Putting on socks", 9)),
    ]


def progress_report() -> report.Report:
    """The known report with the known check-ins and a review line."""
    return report.build_report(
        known_sessions(), TODAY, 4, stats.Goal(), NAMES, checkins=known_checkins(), review=REVIEW
    )
