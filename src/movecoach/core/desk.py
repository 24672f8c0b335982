"""Desk breaks: a few minutes of standing and sitting moves to break up long sitting.

`desk_exercises` is the one place that decides which exercises a desk break may hold: those
the catalogue tags `desk` (its desk set), done standing or sitting with nothing but a chair
and of 3 minutes or less, since a break asks nothing and no band is to hand at a desk. A
catalogue with no `desk` tag at all (an older or hand-made one) falls back to what the fields
every exercise has say suits a desk: mobility and stretches within the same limits. Nothing
else in movecoach knows this rule.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from movecoach.core.models import Exercise, Plan, PlanItem
from movecoach.errors import InputError

DESK_TAG = "desk"
MIN_MINUTES, MAX_MINUTES, DEFAULT_MINUTES = 1, 5, 3
# What a desk allows, whatever the tags say.
DESK_POSITIONS = ("standing", "sitting")
DESK_EQUIPMENT = frozenset({"chair"})
DESK_LONGEST = 3  # minutes
# Without the tag: the kinds of move that suit a desk.
DESK_CATEGORIES = ("mobility", "stretch")
NOTE = (
    "Stand up for the standing moves if you can; do what fits in the time, gently, and stop "
    "if anything hurts."
)


def desk_exercises(catalogue: Iterable[Exercise]) -> list[Exercise]:
    """The exercises a desk break chooses from, in catalogue order: those tagged `desk`
    (or, while no exercise has the tag, the mobility and stretches) that are done standing
    or sitting, need a chair at most and take 3 minutes or less."""
    exercises = list(catalogue)
    tagged = [e for e in exercises if DESK_TAG in e.tags]
    chosen = tagged or [e for e in exercises if e.category in DESK_CATEGORIES]
    return [
        e
        for e in chosen
        if e.position in DESK_POSITIONS
        and set(e.equipment) <= DESK_EQUIPMENT
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
