"""Which tip `movecoach today` shows: a pure rule of the date.

Tip number `date.toordinal() % len(tips)`: the same all day, and never the same two days
running, since consecutive days give consecutive numbers (the last tip is followed by the
first) and two tips are never the same one. Every tip comes round once in `len(tips)` days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from movecoach.core.models import Tip


def tip_for(tips: Sequence[Tip], day: dt.date) -> Tip | None:
    """The day's tip; None when there are none."""
    if not tips:
        return None
    return tips[day.toordinal() % len(tips)]
