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
from dataclasses import dataclass

from movecoach.core import stats
from movecoach.core.models import Checkin, Session
from movecoach.core.progress import ActivityProgress, activity_progress

FLARE_PAIN = 7  # a pain score this high, before or after a session, marks a flare day
TOP_EXERCISES = 6
NAME_MAX = 60  # an exercise id is whatever the user typed; a long one is shortened
# Bounds that keep the page count down (one A4 page for four ordinary weeks, two at most):
FLARE_DAYS_LISTED = 21  # the newest flare days by date; the week table counts every one
LINE_CHARS = 95  # characters in a printed line of notes, on the low side
NOTE_PREFIX = 20  # the date before each note, "Mon 16 Feb 2026: ", in characters
SCORES_SHOWN = 6  # an activity's check-in scores: the first and the newest, up to this many


@dataclass(frozen=True)
class WeekRow:
    week: stats.Week
    goal_met: bool
    flare_days: int
    in_progress: bool  # the current week, which has days still to come


@dataclass(frozen=True)
class ExerciseCount:
    id: str
    name: str  # the catalogue's name, or the id as the user wrote it
    sessions: int


@dataclass(frozen=True)
class FlareDay:
    date: dt.date
    pain: int  # the highest pain score logged that day


@dataclass(frozen=True)
class Note:
    date: dt.date
    text: str


@dataclass(frozen=True)
class Report:
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
    top_exercises: tuple[ExerciseCount, ...]
    exercise_kinds: int
    flare_days: tuple[FlareDay, ...]  # the newest FLARE_DAYS_LISTED, oldest first
    flare_day_count: int
    notes: tuple[Note, ...]  # oldest first, like the week table
    notes_left_out: int
    # Each activity of the latest check-in with its scores (at most SCORES_SHOWN: the first
    # and the newest) and the change since the first; whatever the period, as the change
    # since the first check-in is the point.
    checkins: tuple[ActivityProgress, ...] = ()
    scores_left_out: tuple[int, ...] = ()  # per activity, the scores between left out
    review: str | None = None  # why it is worth seeing a GP or physiotherapist, if it is

    @property
    def weeks_goal_met(self) -> int:
        return sum(row.goal_met for row in self.weeks)

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
                }
                for row in self.weeks
            ],
            "weeks_goal_met": self.weeks_goal_met,
            "totals": self.totals.as_dict(),
            "average_change": self.average_change,
            "changes_counted": self.changes_counted,
            "direction": self.direction,
            "top_exercises": [
                {"id": e.id, "name": e.name, "sessions": e.sessions} for e in self.top_exercises
            ],
            "exercise_kinds": self.exercise_kinds,
            "flare_days": [{"date": f.date.isoformat(), "pain": f.pain} for f in self.flare_days],
            "flare_day_count": self.flare_day_count,
            "notes": [{"date": n.date.isoformat(), "text": n.text} for n in self.notes],
            "notes_left_out": self.notes_left_out,
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
    checkins: Iterable[Checkin] = (),
    review: str | None = None,
) -> Report:
    """The last `weeks` weeks up to `today` (the current week included, so far); weeks start
    on `first_weekday` (0 Monday, 6 Sunday).

    `sessions` may hold more than the period: the pain direction looks back 28 days whatever
    the period. Sessions dated after `today` (a hand edit) are left out. `checkins`: every
    check-in (each activity's first score may be long before the period); `review`: what
    `progress.needs_review` says, shown as it is.
    """
    if weeks < 1:
        raise ValueError(f"a report needs at least one week, not {weeks}")
    known = _in_date_order(s for s in sessions if s.date <= today)
    start = stats.week_start(today, first_weekday) - dt.timedelta(weeks=weeks - 1)
    chosen = [s for s in known if s.date >= start]
    days = stats.daily(chosen)
    flares = _flare_days(chosen)
    trend = stats.trend(stats.daily(known), today, (today - start).days + 1)
    counts = _exercise_counts(chosen)
    notes, left_out = _notes(chosen, notes_lines(weeks))
    shown, hidden = _scores_shown(activity_progress(checkins, today))
    return Report(
        made_on=today,
        start=start,
        end=today,
        goal=goal,
        weeks=_week_rows(stats.weeks(days, today, weeks, first_weekday), goal, flares, today),
        totals=stats.summarise(start, days.values()),
        average_change=trend.average_change,
        changes_counted=sum(day.change_count for day in days.values()),
        direction=trend.direction,
        top_exercises=_top_exercises(counts, names),
        exercise_kinds=len(counts),
        flare_days=tuple(flares[-FLARE_DAYS_LISTED:]),
        flare_day_count=len(flares),
        notes=notes,
        notes_left_out=left_out,
        checkins=shown,
        scores_left_out=hidden,
        review=review,
    )


def _in_date_order(sessions: Iterable[Session]) -> list[Session]:
    """Oldest first; on one day, untimed sessions before timed ones, else as logged."""
    return sorted(sessions, key=lambda s: (s.date, s.time or dt.time.min))


def _week_rows(
    weeks: Iterable[stats.Week], goal: stats.Goal, flares: Sequence[FlareDay], today: dt.date
) -> tuple[WeekRow, ...]:
    """Each week with its goal and flare count; the week still running is marked so the
    reader knows its figures are not final."""
    return tuple(
        WeekRow(
            week=week,
            goal_met=stats.GoalProgress(goal, week).met,
            flare_days=sum(
                week.start <= f.date < week.start + dt.timedelta(days=7) for f in flares
            ),
            in_progress=week.start + dt.timedelta(days=6) > today,
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


def _flare_days(sessions: Iterable[Session]) -> list[FlareDay]:
    peaks: dict[dt.date, int] = {}
    for session in sessions:
        scores = [p for p in (session.pain_before, session.pain_after) if p is not None]
        if scores and max(scores) >= FLARE_PAIN:
            peaks[session.date] = max(peaks.get(session.date, 0), *scores)
    return [FlareDay(date, pain) for date, pain in sorted(peaks.items())]


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
