"""The report's words that Markdown and HTML share: labels, sentences, dates and numbers.

Both renderers take every sentence from here, so the two formats cannot drift apart; each only
escapes and lays the words out. Plain strings, no markup.
"""

from __future__ import annotations

import datetime as dt

from movecoach import __version__
from movecoach.core import safety, stats
from movecoach.core.progress import REVIEW_ADVICE, ActivityProgress
from movecoach.core.report import FlareDay, Report, WeekRow
from movecoach.ui.text import score_change

TITLE = "Activity and back pain summary"
WEEKS_HEADING = "Weeks"
EXERCISES_HEADING = "Exercises done most often"
FLARES_HEADING = "Flare days (pain 2+ above usual, or marked as a flare)"
FLARES_EXPLAINED = (
    "The day's pain (the mean of its scores) and the usual: the median of the 14 days before."
)
# The HTML page's short form, so a year of flare days stays on its page: `8 (5)`, `marked`.
FLARES_IN_BRACKETS = "Pain that day (usual: the median of the 14 days before)."
MARKED_FLARE = "marked as a flare"  # a flare day the user recorded (`movecoach rest --flare`)
NOTES_HEADING = "Notes"
CHECKINS_HEADING = "Progress check-ins"
CHECKINS_LABEL = "Check-ins"
CHECKINS_SCALE_SHORT = ("PSFS: 0 can't,", "10 as before")  # under the label, where room is
CHECKINS_SCALE = "Patient-Specific Functional Scale: 0 can't do the activity, 10 as before the pain"
NO_CHECKINS = "No progress check-ins logged."
REVIEW_HEADING = "Review"
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
    "better": "better: pain fell about {size} over the last {days} days",
    "steady": "about the same: under 2 points (or 30 %) of change in {days} days",
    "worse": "worse: pain rose about {size} over the last {days} days",
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


def goal_text(report: Report) -> str:
    """How many complete weeks met the goal (a week cut short is not counted)."""
    wanted = goal_words(report.goal)
    if not report.weeks_complete:
        return f"{wanted}; no complete week in this period yet"
    weeks = plural(report.weeks_complete, "complete week")
    return f"{wanted}; met in {report.weeks_goal_met} of {weeks}"


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


def flare_brief(flare: FlareDay) -> str:
    """`8 (4)`, `6 (4), marked`, `6, marked` or `marked` (see FLARES_IN_BRACKETS)."""
    if flare.pain is None:
        return "marked"
    text = num(flare.pain) + ("" if flare.usual is None else f" ({num(flare.usual)})")
    return text + (", marked" if flare.marked else "")


def flare_text(flare: FlareDay) -> str:
    """`pain 8 (usual 4)`, `pain 6, marked as a flare`, or `marked as a flare`."""
    if flare.pain is None:
        return MARKED_FLARE
    text = f"pain {num(flare.pain)}"
    if flare.usual is not None:
        text += f" (usual {num(flare.usual)})"
    return text + (f", {MARKED_FLARE}" if flare.marked else "")


ACTIVE_EXPLAINED = (
    "Days: active days. Strength: days with a strengthening exercise. Active: active minutes. "
    "Active minutes leave out sessions of relaxation alone."
)


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
    totals = report.totals
    pain = (
        f"{num(totals.pain_before)} before, {num(totals.pain_after)} after "
        "(mean of the scores given, 0 to 10)"
        if totals.pain_before is not None or totals.pain_after is not None
        else "no pain scores logged"
        if report.day_pain is None
        else "none with sessions"
    )
    if report.day_pain is not None:
        days = plural(report.day_pain_days, "day")
        pain += f"; {num(report.day_pain)} on {days} scored without a session"
    flares = (
        plural(report.flare_day_count, "day")
        + " with pain 2 or more above the user's usual, or marked as a flare"
        if report.flare_day_count
        else "no day with pain 2 or more above the user's usual"
    )
    return [
        (
            "Activity",
            f"{plural(totals.sessions, 'session')} on {plural(totals.active_days, 'day')}, "
            f"{totals.minutes} minutes in all",
        ),
        ("Weekly goal", goal_text(report)),
        ("Pain", pain),
        ("Pain change", change_text(report)),
        ("Direction", direction_text(report)),
        ("Flare days", flares),
    ]


def goal_words(goal: stats.Goal) -> str:
    """The goal: active days, active minutes (the week table says what they count) and days
    with strengthening; short, so the HTML page's line holds it."""
    strength = f", {plural(goal.strength_days, 'strength day')}" if goal.strength_days else ""
    return f"{goal.days} active days, {goal.minutes} active minutes{strength}"


def week_label(row: WeekRow) -> str:
    if row.in_progress:
        return day_text(row.week.start) + " (so far)"
    return day_text(row.week.start) + (" (part)" if row.partial else "")


WEEK_COLUMNS = (  # short, so ten columns print on A4 with a one-line header (WEEKS_LEGEND)
    "Week from",
    "Sessions",
    "Days",
    "Minutes",
    "Active",
    "Strength",
    "Goal",
    "Pain before",
    "Pain after",
    "Flares",
)
WEEKS_LEGEND = (
    "Days: active days · Active: active minutes (relaxation alone left out) · Strength: days "
    "with strengthening"
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


def review_label() -> str:
    return f"{REVIEW_ADVICE}:"


def review_text(report: Report) -> str | None:
    """The 6-week rule's reason, ending in a full stop (after `review_label()`)."""
    return None if report.review is None else f"{report.review}."


def scores_text(item: ActivityProgress, left_out: int = 0) -> str:
    """`3 (5 Jan) → 4 (2 Feb) → 6 (2 Mar)`, with `…` where scores between were left out."""
    cells = [f"{s.score} ({short_date(s.date)})" for s in item.scores]
    if left_out:
        cells.insert(1, "\N{HORIZONTAL ELLIPSIS}")
    return " \N{RIGHTWARDS ARROW} ".join(cells)


def checkin_rows(report: Report) -> list[tuple[str, str, str]]:
    """A line a tracked activity: its name, its scores over time, the change since the first."""
    return [
        (item.activity, scores_text(item, left_out), score_change(item))
        for item, left_out in zip(report.checkins, report.scores_left_out, strict=True)
    ]
