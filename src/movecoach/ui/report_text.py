"""The report's words that Markdown and HTML share: labels, sentences, dates and numbers.

Both renderers take every sentence from here, so the two formats cannot drift apart; each only
escapes and lays the words out. Plain strings, no markup.
"""

from __future__ import annotations

import datetime as dt

from movecoach import __version__
from movecoach.core import safety, stats
from movecoach.core.report import FlareDay, Report, WeekRow

TITLE = "Activity and back pain summary"
WEEKS_HEADING = "Weeks"
EXERCISES_HEADING = "Exercises done most often"
FLARES_HEADING = "Flare days (pain 2+ above usual)"
FLARES_EXPLAINED = "Pain before that day (usual: the median of the 14 days before)."
FLARES_IN_BRACKETS = (
    "Pain before that day, and in brackets the usual: the median of the 14 days before."
)
NOTES_HEADING = "Notes"
SAFETY_HEADING = "When to get help"
NO_EXERCISES = "No exercises were named in the sessions of this period."
NO_FLARES = "None in this period."
NO_NOTES = "No notes in this period."
CAVEAT = (
    "movecoach does not diagnose. This summary holds only what the user logged themselves "
    "(minutes, exercises and pain rated from 0 to 10), so please read it alongside your own "
    "assessment."
)
DIRECTION_TEXT = {
    "better": "better: pain before sessions fell about {size} over the last {days} days",
    "steady": "about the same: a change under 2 points (or 30 %) over the last {days} days",
    "worse": "worse: pain before sessions rose about {size} over the last {days} days",
    None: "too few pain scores to tell ({least} scored days needed in each half of the last "
    "{days} days)",
}
DIRECTION_METHOD = " (a robust trend line)"


def num(value: float | None) -> str:
    """One decimal at most, and none when it is zero: 4.75 → 4.8, 5.98 → 6; a dash for none."""
    return "\N{EN DASH}" if value is None else f"{round(value, 1):g}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def day_text(date: dt.date) -> str:
    return f"{date:%a} {date.day} {date:%b %Y}"


def date_text(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def short_date(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def period_text(report: Report) -> str:
    weeks = len(report.weeks)
    span = f"{day_text(report.start)} to {day_text(report.end)}, {plural(weeks, 'week')}"
    if report.weeks and report.weeks[-1].in_progress:
        span += " (the last one so far)"
    return span


def direction_text(report: Report) -> str:
    """Which way pain went over the trend's days, by how much, and how that was worked out."""
    change = report.change or 0
    size = num(abs(change))
    text = DIRECTION_TEXT[report.direction].format(
        size=f"{size} point" if size == "1" else f"{size} points",
        days=report.trend_days,
        least=stats.TREND_MIN_DAYS,
    )
    return text + (DIRECTION_METHOD if report.direction is not None else "")


def flare_text(flare: FlareDay) -> str:
    """`8 (usual 4)`"""
    return f"{flare.pain} (usual {num(flare.usual)})"


ACTIVE_EXPLAINED = "Active minutes leave out sessions of relaxation alone."


def change_text(report: Report) -> str:
    change = report.average_change
    if change is None:
        return "no session has both a before and an after score"
    over = f"on average ({plural(report.changes_counted, 'session')} with both scores)"
    if change == 0:
        return f"the same after a session as before, {over}"
    size = num(abs(change))
    points = f"{size} point" if size == "1" else f"{size} points"
    return f"{points} {'lower' if change < 0 else 'higher'} after a session than before, {over}"


def summary(report: Report) -> list[tuple[str, str]]:
    """The headline figures as (label, value) pairs, in the order both formats show them."""
    totals, goal = report.totals, report.goal
    pain = (
        f"{num(totals.pain_before)} before, {num(totals.pain_after)} after "
        "(mean of the scores given, 0 to 10)"
        if totals.pain_before is not None or totals.pain_after is not None
        else "no pain scores logged"
    )
    flares = (
        plural(report.flare_day_count, "day") + " with pain 2 or more above the user's usual"
        if report.flare_day_count
        else "no day with pain 2 or more above the user's usual"
    )
    return [
        (
            "Activity",
            f"{plural(totals.sessions, 'session')} on {plural(totals.active_days, 'day')}, "
            f"{totals.minutes} minutes in all",
        ),
        (
            "Weekly goal",
            f"{goal_text(goal)}; met in {report.weeks_goal_met} of {len(report.weeks)} weeks",
        ),
        ("Pain", pain),
        ("Pain change", change_text(report)),
        ("Direction", direction_text(report)),
        ("Flare days", flares),
    ]


def goal_text(goal: stats.Goal) -> str:
    """The goal: active days, active minutes (the week table says what they count) and days
    with strengthening."""
    strength = f", strength work on {goal.strength_days} days" if goal.strength_days else ""
    return f"{goal.days} active days, {goal.minutes} active minutes{strength}"


def week_label(row: WeekRow) -> str:
    return day_text(row.week.start) + (" (so far)" if row.in_progress else "")


WEEK_COLUMNS = (
    "Week from",
    "Sessions",
    "Active days",
    "Minutes",
    "Active min",
    "Strength days",
    "Goal met",
    "Pain before",
    "Pain after",
    "Flare days",
)


def week_cells(row: WeekRow) -> list[str]:
    week = row.week
    return [
        week_label(row),
        str(week.sessions),
        str(week.active_days),
        str(week.minutes),
        str(week.active_minutes),
        str(week.strength_days),
        "yes" if row.goal_met else "no",
        num(week.pain_before),
        num(week.pain_after),
        str(row.flare_days),
    ]


def footer_text(report: Report) -> str:
    made = day_text(report.made_on)
    return f"Made with movecoach {__version__} on {made} from the user's own log."


def notes_left_out_text(report: Report) -> str:
    return (
        f"{plural(report.notes_left_out, 'older note')} left out to keep this short; "
        "every note is in the user's log."
    )


def flares_left_out_text(report: Report) -> str:
    earlier = report.flare_day_count - len(report.flare_days)
    return f"and {plural(earlier, 'earlier day')} (each week's count is in the table)."


def kinds_text(report: Report) -> str:
    return f"{report.exercise_kinds} different exercises in all."


def safety_paragraphs(country: str | None) -> tuple[str, str]:
    """The emergency and same-day signs in two sentences, short enough for the report's one
    page; the number follows the `country` setting."""
    return safety.brief(safety.numbers_for(country))
