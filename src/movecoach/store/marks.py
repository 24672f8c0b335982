"""Days this device remembers in its cache folder, such as when the dashboard last showed a line
that is said once a week.

A mark is one file holding a `YYYY-MM-DD` date. Marks are disposable like the rest of the
cache: a missing or unreadable one reads as never, and a mark that cannot be written is left
unwritten (the line is then shown again, which does no harm). Nothing here creates the cache
folder: a command that only reads leaves a machine without movecoach files untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from movecoach.core.models import parse_date
from movecoach.errors import MovecoachError

REVIEW_SHOWN = "review-shown"  # the day the dashboard last said it is worth seeing someone


def last_day(folder: Path, name: str) -> dt.date | None:
    """The day marked as `name`, or None."""
    try:
        return parse_date((folder / name).read_text("ascii"))
    except (OSError, UnicodeDecodeError, MovecoachError):
        return None


def mark_day(folder: Path, name: str, day: dt.date) -> None:
    """Mark `day` as `name`, if the cache folder is there; a failure is ignored."""
    from movecoach.store.files import atomic_write

    if not folder.is_dir():
        return
    with contextlib.suppress(OSError, MovecoachError):
        atomic_write(folder / name, day.isoformat().encode("ascii"), durable=False)
