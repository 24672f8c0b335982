"""One-line summaries in plain text, for commands that print a line and need no Rich.

`movecoach log` prints one confirmation line; loading Rich for it would cost about 25 ms.
`render` uses the same words inside its views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from movecoach.core.models import Checkin, DayEntry, Record, Session

if TYPE_CHECKING:
    from pathlib import Path

    from movecoach.actions import Backup, DayRecorded, RestorePreview
    from movecoach.core.guide import Outcome
    from movecoach.core.progress import ActivityProgress
    from movecoach.store.log import Restored


# Characters that can move the cursor, retitle a window, hide or reorder text on a terminal:
# C0 controls, DEL, C1 controls, and the invisible formatting and bidirectional controls.
_INVISIBLE = frozenset(
    [*range(0x80, 0xA0), *range(0x200B, 0x2010), *range(0x2028, 0x202F), *range(0x2060, 0x2070)]
).union([0xFEFF])


def visible(text: str) -> str:
    """Text from a file or the user, safe to print: control characters become visible
    (an escape `\x1b` shows as ␛, a newline as ␊), never act. JSON keeps the exact text."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20:
            out.append(chr(0x2400 + code))  # the Unicode "control pictures": ␀ … ␟
        elif code == 0x7F:
            out.append("␡")
        elif code in _INVISIBLE or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


PLAIN_ERRORS = "movecoach-plain"  # the codec error handler `cli.fit_output` installs
# The arrow between two pain scores; `use_plain_arrow` makes it `->` before a view is laid
# out, so a table's columns still line up where the output cannot hold `→`.
ARROW = "→"


def use_plain_arrow() -> None:
    global ARROW
    ARROW = PLAIN["→"]


PLAIN = {
    "→": "->",
    "←": "<-",
    "·": ".",
    "•": "*",
    "…": "...",
    "—": "--",
    "\u2013": "-",
    "“": '"',
    "”": '"',
    "\u2018": "'",
    "\u2019": "'",
    "✓": "v",
    "\u00d7": "x",
    "░": ":",
    "▒": "+",
    "▓": "*",
    "█": "#",
    "▁": "_",
    "▂": "_",
    "▃": "-",
    "▄": "-",
    "▅": "=",
    "▆": "=",
    "▇": "#",
    "━": "-",
    "␡": "^?",
}


def plain(char: str) -> str:
    """An ASCII stand-in for a character an output encoding cannot hold: `->` for `→`, `#`
    for `█`, `^[` for the picture of an escape, the letter of an accented one, else `?`."""
    if char in PLAIN:
        return PLAIN[char]
    code = ord(char)
    if 0x2400 <= code < 0x2420:  # the control pictures `visible` shows: caret notation
        return "^" + chr(code - 0x2400 + 0x40)
    import unicodedata

    if 0x2500 <= code < 0x2580:  # box drawing
        name = unicodedata.name(char, "").split()
        lines = {"HORIZONTAL": "-", "VERTICAL": "|"}
        return lines[name[-1]] if len(name) == 4 and name[-1] in lines else "+"
    bare = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return bare if bare.isprintable() and bare else "?"


def plain_stand_ins(err: UnicodeError) -> tuple[str, int]:
    """A codec error handler: what cannot be encoded is written as `plain` stand-ins."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return "".join(plain(char) for char in err.object[err.start : err.end]), err.end


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
    return f"{one(before)} {ARROW} {one(after)}"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def logged_line(session: Session, streak: int) -> str:
    """The one confirmation line after `movecoach log`."""
    parts = [f"Logged {session.minutes} min on {session.date:%a %d %b %Y}"]
    pain = pain_pair(session.pain_before, session.pain_after)
    if pain:
        parts.append(f"pain {pain}")
    leg = pain_pair(session.leg_pain_before, session.leg_pain_after)
    if leg:
        parts.append(f"leg pain {leg}")
    if session.exercises:
        count = len(session.exercises)
        parts.append(f"{count} exercise" + ("" if count == 1 else "s"))
    return ", ".join(parts) + f". Streak: {days(streak)}."


def day_recorded(done: DayRecorded) -> list[str]:
    """The lines after `movecoach rest` or `movecoach pain`."""
    entry = done.entry
    when = f"{entry.date:%a %d %b %Y}"
    if entry.kind == "rest":
        return [f"Recorded a rest day on {when}. Streak: {days(done.streak)}."]
    if entry.kind == "flare":
        return [
            f"Recorded a flare day on {when}. Streak: {days(done.streak)}.",
            "Gentle movement still helps a flare settle: "
            "`movecoach today --pain P` plans the gentlest exercises.",
        ]
    leg = f", leg pain {entry.leg_pain}" if entry.leg_pain is not None else ""
    lines = [f"Recorded pain {entry.pain}{leg} for {when}."]
    if done.flare and done.baseline is not None:
        lines += [
            f"That is 2 or more points above your usual {done.baseline:g} (the 14 days "
            "before): a flare.",
            "If you cannot do a session that day, `movecoach rest --flare` keeps your streak.",
        ]
    return lines


def exercise_list(ids: Sequence[str], names: Mapping[str, str]) -> str:
    """Exercises by name (an id not in the catalogue as written), safe to print."""
    return ", ".join(visible(names.get(ident, ident)) for ident in ids)


def session_summary(session: Session, names: Mapping[str, str]) -> str:
    """One line for a session, without its id: when, how long, pain, exercises, note."""
    when = f"{session.date:%a %d %b %Y}"
    if session.time is not None:
        when += f" {session.time:%H:%M}"
    parts = [when, f"{session.minutes} min"]
    pain = pain_pair(session.pain_before, session.pain_after)
    if pain:
        parts.append(f"pain {pain}")
    leg = pain_pair(session.leg_pain_before, session.leg_pain_after)
    if leg:
        parts.append(f"leg pain {leg}")
    if session.exercises:
        parts.append(exercise_list(session.exercises, names))
    if session.note:
        parts.append(f"“{visible(session.note)}”")
    return " · ".join(parts)


def kind_name(record: Record) -> str:
    """What a record is, in a word or two: "session", "rest day", "check-in"..."""
    if isinstance(record, Session):
        return "session"
    if isinstance(record, DayEntry):
        return "pain record" if record.kind == "pain" else f"{record.kind} day"
    if isinstance(record, Checkin):
        return "check-in"
    return "record"


def record_line(record: Record, names: Mapping[str, str]) -> str:
    """One line for any kind of record, as `undo`, `delete` and `edit` show it."""
    if isinstance(record, Session):
        return session_summary(record, names)
    parts = [f"{record.date:%a %d %b %Y}"]
    if isinstance(record, DayEntry):
        parts.append(kind_name(record))
        if record.pain is not None:
            parts.append(f"pain {record.pain}")
        if record.leg_pain is not None:
            parts.append(f"leg pain {record.leg_pain}")
        if record.note:
            parts.append(f"“{visible(record.note)}”")
    elif isinstance(record, Checkin):
        parts.append(f"check-in: {checkin_scores(record)}")
    return " · ".join(parts)


def checkin_scores(checkin: Checkin) -> str:
    """`Putting on socks 3/10, Gardening 5/10`, the names with their control characters
    made visible."""
    pairs = zip(checkin.activities, checkin.scores, strict=True)
    return ", ".join(f"{visible(activity)} {score}/10" for activity, score in pairs)


def score_change(item: ActivityProgress) -> str:
    """`+3 since 5 Jan 2026`, `no change since …`, or `first score`."""
    change = item.change
    if change is None:
        return "first score"
    since = f"since {item.first.date.day} {item.first.date:%b %Y}"
    return f"{change:+d} {since}" if change else f"no change {since}"


def checked_in_line(checkin: Checkin, activities: Sequence[ActivityProgress]) -> str:
    """The one confirmation line after `movecoach checkin`: each score, its change since the
    activity was first scored, and when the next check-in is due."""
    from movecoach.core.progress import CHECKIN_EVERY_DAYS

    scores = ", ".join(
        f"{visible(item.activity)} {item.latest.score}/10 ({score_change(item)})"
        for item in activities
    )
    due = checkin.date + dt.timedelta(days=CHECKIN_EVERY_DAYS)
    when = f"{checkin.date:%a %d %b %Y}"
    return f"Checked in for {when}: {scores}. Next check-in from {due:%a %d %b %Y}."


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def backups_listing(rows: list[Backup], folder: Path, width: int = 80) -> str:
    """`movecoach restore` without a name: the backups, newest first, in columns; on a
    screen too narrow for the columns, each backup's name with its facts under it."""
    if not rows:
        return (
            "No backups yet. A log file is backed up before undo, delete, import or restore "
            "change it."
        )
    name_width = max(len(row.path.name) for row in rows)
    file_width = max(len(row.file) for row in rows)
    lines = [f"Backups in {folder}, newest first:"]
    for row in rows:
        count = (
            plural(row.sessions, "session") if row.sessions is not None else "not a valid log file"
        )
        wide = f"  {row.path.name:<{name_width}}  {row.file:<{file_width}}  {row.taken}  {count}"
        if len(wide.rstrip()) <= width:
            lines.append(wide.rstrip())
        else:
            lines += [f"  {row.path.name}", f"    of {row.file}, taken {row.taken}, {count}"]
    lines.append("Put one back with: movecoach restore BACKUP")
    return "\n".join(lines)


def restore_preview(preview: RestorePreview) -> str:
    now = plural(preview.now, "session") if isinstance(preview.now, int) else preview.now
    return (
        f"{preview.backup.name}: {preview.target.name} as it was at {preview.taken}, "
        f"{plural(preview.sessions, 'session')}.\n"
        f"Your {preview.target.name} now: {now}; it is backed up first."
    )


def restored(done: Restored) -> str:
    if not done.changed:
        return f"{done.path.name} already matches this backup; nothing changed."
    kept = f"; what it replaced is kept as {done.replaced.name}" if done.replaced else ""
    return f"Restored {done.path.name}: {plural(len(done.sessions), 'session')}{kept}."


def log_later(result: Outcome, pain: int | None, leg_pain: int | None = None) -> str:
    """The `movecoach log` command that records a guided session the user did not log."""
    words = [f"-m {result.minutes}", *(f"-x {ident}" for ident in result.exercise_ids)]
    if pain is not None:
        words.append(f"--pain-before {pain}")
    if leg_pain is not None:
        words.append(f"--leg-pain {leg_pain}")
    return f"movecoach log {' '.join(words)}"
