"""One-line summaries in plain text, for commands that print a line and need no Rich.

`movecoach log` prints one confirmation line; loading Rich for it would cost about 25 ms.
`render` uses the same words inside its views.
"""

from __future__ import annotations

from movecoach.core.models import Session


def pain_pair(before: float | None, after: float | None) -> str:
    def one(value: float | None) -> str:
        if value is None:
            return "-"
        return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"

    if before is None and after is None:
        return ""
    if after is None:
        return f"{one(before)} before"
    if before is None:
        return f"{one(after)} after"
    return f"{one(before)} → {one(after)}"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def logged_line(session: Session, streak: int) -> str:
    """The one confirmation line after `movecoach log`."""
    parts = [f"Logged {session.minutes} min on {session.date:%a %d %b %Y}"]
    pain = pain_pair(session.pain_before, session.pain_after)
    if pain:
        parts.append(f"pain {pain}")
    if session.exercises:
        count = len(session.exercises)
        parts.append(f"{count} exercise" + ("" if count == 1 else "s"))
    return ", ".join(parts) + f". Streak: {days(streak)}."


def session_line(session: Session) -> str:
    when = f"{session.date:%a %d %b %Y}"
    if session.time is not None:
        when += f" {session.time:%H:%M}"
    parts = [when, f"{session.minutes} min"]
    pain = pain_pair(session.pain_before, session.pain_after)
    if pain:
        parts.append(f"pain {pain}")
    if session.exercises:
        parts.append(", ".join(session.exercises))
    if session.note:
        parts.append(f"“{session.note}”")
    return f"{session.id}  " + " · ".join(parts)
