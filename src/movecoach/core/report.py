"""The figures of a summary of recent weeks for a clinician, as a frozen `Report`.

`build_report` decides everything the report shows; `ui.report_md` and `ui.report_html` only
lay it out, so both formats always agree. The figures come from `stats`, so the report can
never disagree with `movecoach history` or `trend`. Standard library only and no clock: the CLI
passes `today`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from movecoach.core import pain, stats
from movecoach.core.models import Checkin, DayEntry, Session, in_order
from movecoach.core.progress import ActivityProgress, activity_progress

TOP_EXERCISES = 6
NAME_MAX = 60  # an exercise id is whatever the user typed; a long one is shortened
# Bounds that keep the page count down (one A4 page for four ordinary weeks, two at most):
FLARE_DAYS_LISTED = 21  # the newest flare days by date; the week table counts every one
LINE_CHARS = 95  # characters in a printed line of notes, on the low side
NOTE_PREFIX = 20  # the date before each note, "Mon 16 Feb 2026: ", in characters
SCORES_SHOWN = 6  # an activity's check-in scores: the first and the newest, up to this many


class WeekRow(NamedTuple):
    week: stats.Week
    goal_met: bool
    flare_days: int
    in_progress: bool  # the current week, which has days still to come
    partial: bool = False  # the period starts or ends inside the week: only its days count

    @property
    def complete(self) -> bool:
        """A whole week, over and inside the period: only these count towards the goal."""
        return not self.in_progress and not self.partial


class ExerciseCount(NamedTuple):
    id: str
    name: str  # the catalogue's name, or the id as the user wrote it
    sessions: int


class FlareDay(NamedTuple):
    """A flare day: its pain level 2 or more above the user's usual (`pain.flare_days`), or a
    day the user marked as a flare (`movecoach rest --flare`)."""

    date: dt.date
    pain: float | None  # the day's pain level (`pain.level`); None: marked a flare, no score
    usual: float | None  # the median level of the 14 days before; None: too few to say
    marked: bool = False  # recorded as a flare (`movecoach rest --flare`)


class Note(NamedTuple):
    date: dt.date
    text: str


class Report(NamedTuple):
    """Everything the report shows, and nothing it does not."""

    made_on: dt.date
    start: dt.date
    end: dt.date
    goal: stats.Goal
    weeks: tuple[WeekRow, ...]
    totals: stats.Week  # the whole period as one span
    average_change: float | None  # pain after minus before, over sessions with both
    changes_counted: int
    direction: str | None
    change: float | None  # pain before sessions over the trend's days, by a robust slope
    trend_days: int  # the days the direction looks back over: the period, 28 at least
    top_exercises: tuple[ExerciseCount, ...]
    exercise_kinds: int
    flare_days: tuple[FlareDay, ...]  # the newest FLARE_DAYS_LISTED, oldest first
    flare_day_count: int
    notes: tuple[Note, ...]  # oldest first, like the week table
    notes_left_out: int
    day_pain: float | None = None  # mean pain recorded without a session (`movecoach pain`)
    day_pain_days: int = 0  # days with such a score
    # Each activity of the latest check-in with its scores (at most SCORES_SHOWN: the first
    # and the newest) and the change since the first; whatever the period, as the change
    # since the first check-in is the point.
    checkins: tuple[ActivityProgress, ...] = ()
    scores_left_out: tuple[int, ...] = ()  # per activity, the scores between left out
    review: str | None = None  # why it is worth seeing a GP or physiotherapist, if it is

    @property
    def weeks_goal_met(self) -> int:
        """Complete weeks that met the goal (a week still running or cut short by the
        period's ends is not counted either way)."""
        return sum(row.goal_met for row in self.weeks if row.complete)

    @property
    def weeks_complete(self) -> int:
        return sum(row.complete for row in self.weeks)

    def as_dict(self) -> dict[str, object]:
        """The figures as `report --json` prints them (schemas/report.json)."""
        return {
            "made_on": self.made_on.isoformat(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "goal": self.goal.as_dict(),
            "weeks": [
                {
                    **row.week.as_dict(),
                    "goal_met": row.goal_met,
                    "flare_days": row.flare_days,
                    "in_progress": row.in_progress,
                    "partial": row.partial,
                }
                for row in self.weeks
            ],
            "weeks_goal_met": self.weeks_goal_met,
            "totals": self.totals.as_dict(),
            "average_change": self.average_change,
            "changes_counted": self.changes_counted,
            "direction": self.direction,
            "change": self.change,
            "trend_days": self.trend_days,
            "top_exercises": [
                {"id": e.id, "name": e.name, "sessions": e.sessions} for e in self.top_exercises
            ],
            "exercise_kinds": self.exercise_kinds,
            "flare_days": [
                {"date": f.date.isoformat(), "pain": f.pain, "usual": f.usual, "marked": f.marked}
                for f in self.flare_days
            ],
            "flare_day_count": self.flare_day_count,
            "notes": [{"date": n.date.isoformat(), "text": n.text} for n in self.notes],
            "notes_left_out": self.notes_left_out,
            "day_pain": self.day_pain,
            "day_pain_days": self.day_pain_days,
            "checkins": [
                {**activity.as_dict(), "scores_left_out": left_out}
                for activity, left_out in zip(self.checkins, self.scores_left_out, strict=True)
            ],
            "review": self.review,
        }


def build_report(
    sessions: Iterable[Session],
    today: dt.date,
    weeks: int,
    goal: stats.Goal,
    names: Mapping[str, str],
    first_weekday: int = 0,
    *,
    period: tuple[dt.date, dt.date] | None = None,
    categories: Mapping[str, str] | None = None,
    entries: Iterable[DayEntry] = (),
    checkins: Iterable[Checkin] = (),
    review: str | None = None,
) -> Report:
    """The last `weeks` weeks up to `today` (the current week included, so far); weeks start
    on `first_weekday` (0 Monday, 6 Sunday). `period` (first and last day, the last no later
    than `today`) replaces the weeks: the week rows then run from the week of its first day
    to the week of its last, each counting only the days inside it. `categories` (each
    exercise's category by id) say which minutes are active and which days had
    strengthening (see `stats.effort`).

    `sessions` and `entries` (rest, flare and pain days) may hold more than the period: the
    pain direction looks back over the period, 28 days at least, and flare days compare each
    day with the 14 before it (`core.pain`). Records dated after `today` (a hand edit) are
    left out. `checkins`: every check-in (each activity's first score may be long before
    the period); `review`: what `progress.needs_review` says, shown as it is.
    """
    if weeks < 1:
        raise ValueError(f"a report needs at least one week, not {weeks}")
    known = in_order(s for s in sessions if s.date <= today)
    marks = [e for e in entries if e.date <= today]
    start, end = _period(today, weeks, first_weekday, period)
    chosen = [s for s in known if start <= s.date <= end]
    chosen_marks = [e for e in marks if start <= e.date <= end]
    days = stats.daily(chosen, chosen_marks)
    done = stats.efforts(chosen, categories or {})
    everything = stats.daily(known, marks)
    flares = _flare_days(everything, chosen_marks, (start, end))
    trend_days = max((end - start).days + 1, stats.TREND_DAYS)
    trend = stats.trend(everything, end, trend_days)
    counts = _exercise_counts(chosen)
    rows = stats.period_weeks(days, start, end, first_weekday, done)
    notes, left_out = _notes(chosen, notes_lines(len(rows)))
    day_pain, day_pain_days = _day_pain(chosen_marks)
    shown, hidden = _scores_shown(activity_progress(checkins, today))
    return Report(
        made_on=today,
        start=start,
        end=end,
        goal=goal,
        weeks=_week_rows(rows, goal, flares, today, (start, end)),
        totals=stats.summarise(start, days.values(), done),
        average_change=_average_change(days.values()),
        changes_counted=sum(day.change_count for day in days.values()),
        direction=trend.direction,
        change=trend.change,
        trend_days=trend_days,
        top_exercises=_top_exercises(counts, names),
        exercise_kinds=len(counts),
        flare_days=tuple(flares[-FLARE_DAYS_LISTED:]),
        flare_day_count=len(flares),
        notes=notes,
        notes_left_out=left_out,
        day_pain=day_pain,
        day_pain_days=day_pain_days,
        checkins=shown,
        scores_left_out=hidden,
        review=review,
    )


def _average_change(days: Iterable[stats.Day]) -> float | None:
    """Pain after minus pain before, over the period's sessions that gave both (the trend
    looks further back, 28 days at least, for the direction only)."""
    total = count = 0
    for day in days:
        total += day.change_sum
        count += day.change_count
    return round(total / count, 2) if count else None


def _period(
    today: dt.date, weeks: int, first_weekday: int, period: tuple[dt.date, dt.date] | None
) -> tuple[dt.date, dt.date]:
    """The first and last day: the period given (ending no later than today), else the last
    `weeks` weeks up to today."""
    if period is not None:
        return period[0], min(period[1], today)
    return stats.week_start(today, first_weekday) - dt.timedelta(weeks=weeks - 1), today


def _day_pain(entries: Sequence[DayEntry]) -> tuple[float | None, int]:
    """The mean pain recorded without a session, and on how many days."""
    scored = [e for e in entries if e.pain is not None]
    if not scored:
        return None, 0
    mean = round(sum(e.pain or 0 for e in scored) / len(scored), 2)
    return mean, len({e.date for e in scored})


def _week_rows(
    weeks: Iterable[stats.Week],
    goal: stats.Goal,
    flares: Sequence[FlareDay],
    today: dt.date,
    period: tuple[dt.date, dt.date],
) -> tuple[WeekRow, ...]:
    """Each week with its goal and flare count; the week still running, and a week the
    period cuts, are marked so the reader knows its figures are not a whole week's."""
    return tuple(
        WeekRow(
            week=week,
            goal_met=stats.GoalProgress(goal, week).met,
            flare_days=sum(
                week.start <= f.date < week.start + dt.timedelta(days=7) for f in flares
            ),
            in_progress=week.start + dt.timedelta(days=6) > today,
            partial=week.start < period[0] or week.start + dt.timedelta(days=6) > period[1],
        )
        for week in weeks
    )


def _exercise_counts(sessions: Iterable[Session]) -> Counter[str]:
    """Sessions per exercise id: one naming an exercise twice counts it once."""
    counts: Counter[str] = Counter()
    for session in sessions:
        counts.update(set(session.exercises))
    return counts


def _top_exercises(
    counts: Mapping[str, int], names: Mapping[str, str]
) -> tuple[ExerciseCount, ...]:
    """The TOP_EXERCISES done most often, ties by name so the order never depends on the log's."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))
    return tuple(
        ExerciseCount(ident, _shorten(names.get(ident, ident), NAME_MAX), count)
        for ident, count in ranked[:TOP_EXERCISES]
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _flare_days(
    days: stats.Days, entries: Iterable[DayEntry], period: tuple[dt.date, dt.date]
) -> list[FlareDay]:
    """The period's flare days, oldest first: each day whose pain level is 2 or more above
    the median of the 14 days before it (`core.pain`; `days` reach back that far), and each
    day marked as a flare (`entries` of the period), with its level and usual when known."""
    levels = stats.pain_levels(days)
    marked = {entry.date for entry in entries if entry.kind == "flare"}
    found = {day for day in pain.flare_days(levels) if period[0] <= day <= period[1]}
    return [
        FlareDay(
            day,
            _rounded(levels.get(day)),
            _rounded(pain.flare_baseline(levels, day)),
            day in marked,
        )
        for day in sorted(found | marked)
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def notes_lines(weeks: int) -> int:
    """How many printed lines of notes fit beside `weeks` rows of the week table: about 26
    for four weeks (one page when notes are short, two at most), down to 10 for a year."""
    return max(10, 27 - weeks // 3)


def note_lines(text: str) -> int:
    return 1 + (NOTE_PREFIX + len(text)) // LINE_CHARS


def _notes(sessions: Sequence[Session], lines: int) -> tuple[tuple[Note, ...], int]:
    """The newest notes that fit in about `lines` printed lines, shown oldest first; and how
    many older ones were left out.

    Newest are kept because they matter most at the next appointment; they are listed
    oldest first so they read in the same order as the weeks. Runs of whitespace become one
    space, so a note cannot stretch the page with blank lines; the newest note is always
    kept (the session constructor holds every note to 1000 characters).
    """
    written = [s for s in sessions if s.note and s.note.strip()]
    kept: list[Note] = []
    used = 0
    for session in reversed(written):
        text = " ".join((session.note or "").split())
        if kept and used + note_lines(text) > lines:
            break
        kept.append(Note(session.date, text))
        used += note_lines(text)
    return tuple(reversed(kept)), len(written) - len(kept)


def _scores_shown(
    activities: Iterable[ActivityProgress],
) -> tuple[tuple[ActivityProgress, ...], tuple[int, ...]]:
    """Each activity with its first score and the newest, SCORES_SHOWN in all, so a year of
    check-ins still takes one line; and how many scores between were left out."""
    shown, hidden = [], []
    for item in activities:
        left_out = max(0, len(item.scores) - SCORES_SHOWN)
        scores = item.scores if not left_out else (item.first, *item.scores[-SCORES_SHOWN + 1 :])
        shown.append(ActivityProgress(item.activity, scores))
        hidden.append(left_out)
    return tuple(shown), tuple(hidden)
