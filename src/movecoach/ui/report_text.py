"""The report's words that Markdown and HTML share: labels, sentences, dates and numbers.

Both renderers take every sentence from here, so the two formats cannot drift apart; each only
escapes and lays the words out. Plain strings, no markup.
"""

from __future__ import annotations

import datetime as dt

from movecoach import __version__
from movecoach.core import safety, stats
from movecoach.core.progress import REVIEW_ADVICE, ActivityProgress
from movecoach.core.report import FLARE_PAIN, Report, WeekRow
from movecoach.ui.text import score_change

TITLE = "Activity and back pain summary"
WEEKS_HEADING = "Weeks"
EXERCISES_HEADING = "Exercises done most often"
FLARES_HEADING = f"Flare days (pain {FLARE_PAIN} or more, or marked as a flare)"
MARKED_FLARE = "marked as a flare"  # a flare day recorded without a pain score
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
    "better": "better: lower pain before sessions in the last {half} days than in the "
    "{half} before",
    "steady": "steady: pain before sessions in the last {half} days within {band:g} of the "
    "{half} before",
    "worse": "worse: higher pain before sessions in the last {half} days than in the {half} before",
    None: "too few pain scores to tell ({least} scored days needed in each of the last two "
    "{half}-day spans)",
}


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
    goal = report.goal
    wanted = f"{goal.days} active days and {goal.minutes} minutes"
    if not report.weeks_complete:
        return f"{wanted}; no complete week in this period yet"
    weeks = plural(report.weeks_complete, "complete week")
    return f"{wanted}; met in {report.weeks_goal_met} of {weeks}"


def flare_score(pain: int | None) -> str:
    return MARKED_FLARE if pain is None else str(pain)


def direction_text(direction: str | None) -> str:
    return DIRECTION_TEXT[direction].format(
        half=stats.TREND_HALF, band=stats.STEADY_BAND, least=stats.TREND_MIN_DAYS
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
        + f" with a pain score of {FLARE_PAIN} or more, or marked as a flare"
        if report.flare_day_count
        else f"no day with a pain score of {FLARE_PAIN} or more"
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
        ("Direction", direction_text(report.direction)),
        ("Flare days", flares),
    ]


def week_label(row: WeekRow) -> str:
    if row.in_progress:
        return day_text(row.week.start) + " (so far)"
    return day_text(row.week.start) + (" (part)" if row.partial else "")


WEEK_COLUMNS = (
    "Week from",
    "Sessions",
    "Active days",
    "Minutes",
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
