"""Progress over weeks: the check-ins' scores per activity, when a check-in is due, and the one
rule for when it is worth seeing a GP or physiotherapist (`needs_review`).

A check-in is the Patient-Specific Functional Scale (Stratford 1995, free to use): up to three
activities the user finds hard because of their back, each scored 0 (can't do it) to 10 (as
before the pain); a change of about 2 points is meaningful. For pain on a 0-10 scale the
meaningful change is about 2 points or 30 % (Farrar 2001; Childs 2005 for low back pain). Public
guidance is to see a GP or physiotherapist when back pain is not improving after about 6 weeks.

Pure functions of the records and `today`: no clock, no files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import NamedTuple

from movecoach.core import pain, stats
from movecoach.core.models import Checkin, activity_key


class Threshold(NamedTuple):
    """A change that counts: at least `points` on a 0-10 scale, or `share` of where it began."""

    points: int
    share: Fraction

    def lower_enough(self, before: Fraction, after: Fraction) -> bool:
        """Whether `after` is meaningfully lower than `before` (exact: no rounding)."""
        drop = before - after
        return drop >= self.points or drop >= before * self.share


# The meaningful change in pain (and, by its points, in a check-in's scores): the one
# pain-response rule's 2 points or 30 % (`core.pain`). Here either is enough to call pain
# lower; the trend's direction asks for both (`stats.direction_of`).
MEANINGFUL_CHANGE = Threshold(points=pain.RISE, share=Fraction(pain.SHARE_PERCENT, 100))
CHECKIN_EVERY_DAYS = 28  # a check-in is suggested again once the last is 4 weeks old
REVIEW_AFTER_DAYS = 42  # the review rule starts 6 weeks after the first session
WINDOW_DAYS = 14  # the first 2 weeks of use against the last 2
MIN_SCORED_DAYS = 3  # days with a pain score each window needs before pain is compared
REVIEW_ADVICE = "Worth seeing a GP or physiotherapist"
_NEVER = dt.datetime(1900, 1, 1)  # noqa: DTZ001 - logged times are local, without a zone


# --- check-ins, activity by activity --------------------------------------------------------


class Score(NamedTuple):
    date: dt.date
    score: int


class ActivityProgress(NamedTuple):
    """One activity's scores over time, oldest first, named as the user named it last."""

    activity: str
    scores: tuple[Score, ...]

    @property
    def first(self) -> Score:
        return self.scores[0]

    @property
    def latest(self) -> Score:
        return self.scores[-1]

    @property
    def change(self) -> int | None:
        """The latest score minus the first; None while there is only one."""
        return self.latest.score - self.first.score if len(self.scores) > 1 else None

    def as_dict(self) -> dict[str, object]:
        return {
            "activity": self.activity,
            "scores": [{"date": s.date.isoformat(), "score": s.score} for s in self.scores],
            "change": self.change,
        }


def past_checkins(checkins: Iterable[Checkin], today: dt.date) -> list[Checkin]:
    """The check-ins up to today, oldest first (by date, then when logged); one dated after
    today (a hand edit, a device already at tomorrow) does not count yet."""
    kept = [c for c in checkins if c.date <= today]
    kept.sort(key=lambda c: (c.date, c.logged or _NEVER))
    return kept


def activity_progress(checkins: Iterable[Checkin], today: dt.date) -> tuple[ActivityProgress, ...]:
    """Each activity of the latest check-in, in its order, with every score it was given
    (names matched without regard to case or spacing)."""
    past = past_checkins(checkins, today)
    if not past:
        return ()
    latest = past[-1]
    out = []
    for name in latest.activities:
        key = activity_key(name)
        scores = tuple(
            Score(c.date, score)
            for c in past
            for activity, score in zip(c.activities, c.scores, strict=True)
            if activity_key(activity) == key
        )
        out.append(ActivityProgress(name, scores))
    return tuple(out)


def checkin_due(checkins: Iterable[Checkin], today: dt.date) -> bool:
    """A check-in is suggested when there is none yet (the first is the starting point later
    ones are compared with) or the last is CHECKIN_EVERY_DAYS days old or more."""
    past = past_checkins(checkins, today)
    return not past or (today - past[-1].date).days >= CHECKIN_EVERY_DAYS


# --- when to see someone ----------------------------------------------------------------------


def needs_review(
    history: stats.History,
    checkins: Iterable[Checkin],
    today: dt.date,
    last_shown: dt.date | None = None,
    first_weekday: int = 0,
) -> str | None:
    """Why it is worth seeing a GP or physiotherapist, or None: the one rule.

    From 6 weeks after the first session: the average pain before sessions over the last 2
    weeks is not at least 2 points or 30 % lower than over the first 2 weeks (each needs
    scores on 3 days or more); or, with two or more check-ins, the scores of the latest
    check-in's activities have not risen by 2 on average since each was first scored.

    Once a week: `last_shown` is the day the line was last shown (None: never, or a report,
    which always says it); earlier in the same week (weeks start on `first_weekday`) it is
    not said again, and on that same day it still is.
    """
    days = {date: day for date, day in stats.as_days(history).items() if date <= today}
    started = min((date for date, day in days.items() if day.sessions), default=None)
    if started is None or (today - started).days < REVIEW_AFTER_DAYS:
        return None
    if _shown_this_week(last_shown, today, first_weekday):
        return None
    reasons = [
        _pain_reason(days.values(), started, today),
        _scores_reason(activity_progress(checkins, today)),
    ]
    found = [reason for reason in reasons if reason is not None]
    return "; and ".join(found) if found else None


def _shown_this_week(last_shown: dt.date | None, today: dt.date, first_weekday: int) -> bool:
    return (
        last_shown is not None
        and last_shown < today
        and stats.week_start(last_shown, first_weekday) == stats.week_start(today, first_weekday)
    )


def _average_pain(days: Iterable[stats.Day], first: dt.date, last: dt.date) -> Fraction | None:
    """The mean pain before sessions from `first` to `last`, if days enough had a score."""
    chosen = [d for d in days if first <= d.date <= last and d.pain_before_count]
    if len(chosen) < MIN_SCORED_DAYS:
        return None
    total = sum(d.pain_before_sum for d in chosen)
    return Fraction(total, sum(d.pain_before_count for d in chosen))


def _pain_reason(days: Iterable[stats.Day], started: dt.date, today: dt.date) -> str | None:
    days = list(days)
    window = dt.timedelta(days=WINDOW_DAYS - 1)
    first = _average_pain(days, started, started + window)
    last = _average_pain(days, today - window, today)
    if first is None or last is None or MEANINGFUL_CHANGE.lower_enough(first, last):
        return None
    weeks = (today - started).days // 7
    return (
        f"after {weeks} weeks, pain before sessions averages {_num(last)} in the last 2 weeks "
        f"against {_num(first)} in the first 2, not {MEANINGFUL_CHANGE.points} points or "
        f"{_percent(MEANINGFUL_CHANGE.share)} lower"
    )


def _scores_reason(activities: Sequence[ActivityProgress]) -> str | None:
    changes = [a.change for a in activities if a.change is not None]
    if not changes:
        return None
    mean = Fraction(sum(changes), len(changes))
    if mean >= MEANINGFUL_CHANGE.points:
        return None
    if mean > 0:
        moved = f"have risen {_points(mean)} on average"
    elif mean < 0:
        moved = f"have fallen {_points(-mean)} on average"
    else:
        moved = "have not changed on average"
    return (
        f"check-in scores {moved} since first scored, not a rise of "
        f"{MEANINGFUL_CHANGE.points} or more"
    )


def _num(value: Fraction) -> str:
    return f"{round(float(value), 1):g}"


def _percent(share: Fraction) -> str:
    """`30 %`, the number and the sign kept on one line."""
    return f"{float(share * 100):g}\N{NO-BREAK SPACE}%"


def _points(value: Fraction) -> str:
    shown = _num(value)
    return f"{shown} point" if shown == "1" else f"{shown} points"


# --- what the dashboard shows ---------------------------------------------------------------------


class ProgressNotes(NamedTuple):
    """The dashboard's lines about progress: whether a check-in is due (and when the last
    was), and why it is worth seeing someone, when it is."""

    last_checkin: dt.date | None
    checkin_due: bool
    review: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The dashboard JSON's `notes` (schemas/dashboard.json)."""
        return {
            "last_checkin": None if self.last_checkin is None else self.last_checkin.isoformat(),
            "checkin_due": self.checkin_due,
            "review": self.review,
        }


def progress_notes(
    checkins: Iterable[Checkin], today: dt.date, review: str | None = None
) -> ProgressNotes:
    past = past_checkins(checkins, today)
    return ProgressNotes(past[-1].date if past else None, checkin_due(past, today), review)
