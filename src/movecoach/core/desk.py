"""Desk breaks: a few minutes of standing and sitting moves to break up long sitting.

`desk_exercises` is the one place that decides which exercises a desk break may hold. Once
the catalogue tags exercises (`tags = ["desk", ...]`, from the health-content work), it takes
those tagged `desk` and nothing else. Until then it picks, by the fields every exercise has,
what suits a desk: mobility and stretches done standing or sitting, needing nothing but a
chair, of 3 minutes or less. Nothing else in movecoach knows this rule.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from movecoach.core.models import Exercise, Plan, PlanItem
from movecoach.errors import InputError

DESK_TAG = "desk"
MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 1, 5, 3
# Until the catalogue has tags: what a desk allows.
DESK_POSITIONS = ("standing", "sitting")
DESK_EQUIPMENT = frozenset({"chair"})
DESK_CATEGORIES = ("mobility", "stretch")
DESK_LONGEST = 3  # minutes
NOTE = (
    "Stand up for the standing moves if you can; do what fits in the time, gently, and stop "
    "if anything hurts."
)


def desk_exercises(catalogue: Iterable[Exercise]) -> list[Exercise]:
    """The exercises a desk break chooses from, in catalogue order: those tagged `desk`,
    or, while no exercise has tags, the short standing and sitting moves described above."""
    exercises = list(catalogue)
    tagged = [e for e in exercises if DESK_TAG in getattr(e, "tags", ())]
    if tagged:
        return tagged
    return [
        e
        for e in exercises
        if e.position in DESK_POSITIONS
        and set(e.equipment) <= DESK_EQUIPMENT
        and e.category in DESK_CATEGORIES
        and e.minutes <= DESK_LONGEST
    ]


def break_plan(catalogue: Iterable[Exercise], minutes: int, day: dt.date, turn: int = 0) -> Plan:
    """A desk break of `minutes` (1-5): desk exercises in the day's order, standing ones first
    (you have been sitting), the last one shortened to fit. `turn` (how many breaks so far
    today) gives each break of a day different moves."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InputError(
            f"a desk break takes {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}"
        )
    pool = desk_exercises(catalogue)
    if not pool:
        raise InputError("the catalogue has no desk exercises (short standing or sitting moves)")
    rng = random.Random(f"movecoach-break:{day.isoformat()}")
    rng.shuffle(pool)
    start = (turn * 2) % len(pool)
    pool = pool[start:] + pool[:start]
    items: list[PlanItem] = []
    left = minutes
    for exercise in pool:
        if left <= 0:
            break
        items.append(PlanItem(exercise, min(exercise.minutes, left)))
        left -= items[-1].minutes
    items.sort(key=lambda item: item.exercise.position != "standing")
    equipment = tuple(sorted({e for item in items for e in item.exercise.equipment}))
    return Plan(
        day=day, minutes=minutes, pain=None, equipment=equipment, items=tuple(items), notes=(NOTE,)
    )
