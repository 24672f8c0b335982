"""Pick today's session from the catalogue: pure, deterministic for a given day.

The rules come from public back-pain guidance (see CLINICAL.md): every session opens with
mobility, closes with relaxation or a stretch, mixes categories, adds an easy aerobic block
when there is time, and gets gentler as today's pain rises. The day seeds the choice so the
same question on the same day gets the same answer, and a week of plans does not repeat.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from movecoach.core.models import POSITIONS, Exercise, Plan, PlanItem, Session
from movecoach.core.pacing import Pacing, pace, recent

MAX_MINUTES = 90
ASSUMED_PAIN = 2  # "mild": what the plan assumes when no pain score is given
MODERATE_PAIN = 4  # 4-6: gentler choices, no end-range holds, less strengthening
HIGH_PAIN = 7  # 7-10: a short session of the gentlest work only
HIGH_PAIN_MAX_MINUTES = 10
AEROBIC_FROM_MINUTES = 20
BALANCE_FROM_MINUTES = 10
# Longest aerobic block by pain band ("a shorter walk" when sore, "a short easy walk" when worse).
AEROBIC_CAP_MODERATE = 15
AEROBIC_CAP_HIGH = 5
# Share of the session an aerobic block and the closing relaxation start from.
AEROBIC_SHARE = {False: 0.3, True: 0.25}  # keyed by "moderate pain"
RELAXATION_SHARE = 0.1
# Most of the session strengthening may take: less when pain is moderate.
STRENGTH_SHARE = {False: 0.4, True: 0.2}
POSITION_ORDER = {position: rank for rank, position in enumerate(POSITIONS)}
CATEGORY_ORDER = {"mobility": 0, "aerobic": 1, "strength": 2, "stretch": 3, "relaxation": 4}


def effective_pain(pain: int | None) -> int:
    return ASSUMED_PAIN if pain is None else pain


def budget(minutes: int, pain: int | None) -> int:
    """The most minutes a plan may hold: what the user has, and never more than 10 in a flare."""
    if effective_pain(pain) >= HIGH_PAIN:
        return min(minutes, HIGH_PAIN_MAX_MINUTES)
    return minutes


def allowed_exercises(
    catalogue: Iterable[Exercise], equipment: Iterable[str], pain: int | None
) -> list[Exercise]:
    """Exercises that may appear today: equipment the user has, and gentle enough for the pain."""
    have = set(equipment)
    level = effective_pain(pain)
    return [e for e in catalogue if set(e.equipment) <= have and _gentle_enough(e, level)]


def _gentle_enough(exercise: Exercise, level: int) -> bool:
    """Whether today's pain allows the exercise: within its own pain limit and fitting the
    cap on its kind of block; no end-range holds from moderate pain on, and no strengthening
    when pain is high."""
    if exercise.max_pain < level or block_limit(exercise, level) < exercise.minutes:
        return False
    if level >= MODERATE_PAIN and exercise.end_range:
        return False
    return not (level >= HIGH_PAIN and exercise.category == "strength")


def block_limit(exercise: Exercise, level: int) -> int:
    """The longest this exercise may run today."""
    longest = exercise.max_minutes or exercise.minutes
    if exercise.category == "aerobic":
        if level >= HIGH_PAIN:
            return min(longest, AEROBIC_CAP_HIGH)
        if level >= MODERATE_PAIN:
            return min(longest, AEROBIC_CAP_MODERATE)
    return longest


def pain_notes(pain: int | None) -> list[str]:
    level = effective_pain(pain)
    if pain is None:
        return ["No pain score given, so this plan assumes mild pain."]
    if level >= HIGH_PAIN:
        return [
            f"Pain is high today ({level}/10): a short session of the gentlest moves, "
            f"{HIGH_PAIN_MAX_MINUTES} minutes at most. Gentle movement still helps more than "
            "rest; stop if pain sharpens, and see `movecoach safety` for when to get help."
        ]
    if level >= MODERATE_PAIN:
        return [
            f"Pain is moderate today ({level}/10): gentler choices, no holds at the end of your "
            "range, less strengthening and a shorter walk. Mild discomfort is normal; ease off "
            "if it builds."
        ]
    return []


@dataclass
class _Draft:
    """The plan while it is being filled: exercises, their minutes, and what is left."""

    limit: int
    level: int
    minutes: dict[str, int] = field(default_factory=dict)
    chosen: list[Exercise] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.minutes.values())

    @property
    def left(self) -> int:
        return self.limit - self.total

    @property
    def moderate(self) -> bool:
        """Moderate pain or worse: shorter shares for the walk and for strengthening."""
        return self.level >= MODERATE_PAIN

    def add(self, exercise: Exercise, minutes: int | None = None) -> None:
        self.chosen.append(exercise)
        self.minutes[exercise.id] = exercise.minutes if minutes is None else minutes

    def has(self, exercise: Exercise) -> bool:
        return exercise.id in self.minutes

    def minutes_in(self, category: str) -> int:
        return sum(self.minutes[e.id] for e in self.chosen if e.category == category)

    def stretch(self, exercise: Exercise, target: int) -> None:
        """Lengthen a scalable block towards `target` minutes without passing the budget."""
        current = self.minutes[exercise.id]
        room = min(target, block_limit(exercise, self.level)) - current
        self.minutes[exercise.id] = current + max(0, min(room, self.left))


def plan_session(
    catalogue: Sequence[Exercise],
    minutes: int,
    equipment: Iterable[str],
    pain: int | None,
    day: dt.date,
    history: Sequence[Session] = (),
    adaptive: bool = True,
) -> Plan:
    """Today's suggested session for the minutes, equipment and pain given.

    With `adaptive` and a log (`history`, any sessions; only those before `day` count) the
    plan is paced from it (see `pacing.pace`) and varied (see `pacing.recent`); without
    history it is the plan the rules above give on their own.
    """
    equipment = tuple(sorted(set(equipment)))
    pacing = pace(history, day, pain, minutes) if adaptive else None
    asked = minutes if pacing is None else int(pacing.minutes)
    level = _gentleness(pain, pacing)
    recent_ids, recent_categories = recent(history, day, catalogue) if adaptive else (set(), set())
    draft = _Draft(limit=budget(asked, level), level=level)
    rng = random.Random(f"movecoach:{day.isoformat()}")
    pools = _shuffled_pools(allowed_exercises(catalogue, equipment, level), rng, recent_ids)
    need_aerobic = _aerobic_due(asked, level, recent_categories)
    opener, closer, aerobic = _frame(draft, pools, need_aerobic, recent_categories)
    rotation = _rotation(level, rng, recent_categories)
    _round_robin(draft, pools, rotation, STRENGTH_SHARE[draft.moderate] * draft.limit)
    _fill(draft, pools, rotation, (aerobic, closer))
    items = tuple(PlanItem(e, draft.minutes[e.id]) for e in _ordered(draft.chosen, opener))
    return Plan(
        day=day,
        minutes=minutes,
        pain=pain,
        equipment=equipment,
        items=items,
        notes=_notes(pacing, pain, draft, asked),
    )


def _gentleness(pain: int | None, pacing: Pacing | None) -> int:
    """The pain level the choices follow: a step back (a flare, or a return after a break)
    gets the gentler choices of moderate pain whatever today's score."""
    level = effective_pain(pain)
    if pacing is not None and pacing.step_back:
        return max(level, MODERATE_PAIN)
    return level


def _aerobic_due(asked: int, level: int, recent_categories: set[str]) -> bool:
    """An aerobic block when there is time for one, when pain is high (a short easy walk), or
    when none was done all week, so that it comes round even in a short plan."""
    walk_due = bool(recent_categories) and "aerobic" not in recent_categories
    return asked >= AEROBIC_FROM_MINUTES or level >= HIGH_PAIN or walk_due


def _frame(
    draft: _Draft,
    pools: dict[str, list[Exercise]],
    need_aerobic: bool,
    recent_categories: set[str],
) -> tuple[Exercise | None, Exercise | None, Exercise | None]:
    """The blocks a session is built around, placed before the middle fills so they get
    their share of the time: a mobility opener, a calm closer and, when due, an aerobic
    block."""
    opener, closer = _opener_and_closer(pools, draft.limit, need_aerobic, recent_categories)
    _take(draft, pools, opener)
    _take(draft, pools, closer)
    aerobic = _aerobic_block(draft, pools) if need_aerobic else None
    if closer is not None and closer.category == "relaxation":
        draft.stretch(closer, round(RELAXATION_SHARE * draft.limit))
    return opener, closer, aerobic


def _take(draft: _Draft, pools: dict[str, list[Exercise]], exercise: Exercise | None) -> None:
    """Move an exercise from its pool into the plan, so it cannot be chosen twice."""
    if exercise is not None:
        draft.add(exercise)
        pools[exercise.category].remove(exercise)


def _aerobic_block(draft: _Draft, pools: dict[str, list[Exercise]]) -> Exercise | None:
    """The first aerobic block that fits, lengthened to its share of the session (a smaller
    share when pain is moderate)."""
    aerobic = next((e for e in pools["aerobic"] if e.minutes <= draft.left), None)
    if aerobic is not None:
        _take(draft, pools, aerobic)
        draft.stretch(aerobic, round(AEROBIC_SHARE[draft.moderate] * draft.limit))
    return aerobic


def _rotation(level: int, rng: random.Random, recent_categories: set[str]) -> list[str]:
    """The categories that fill the middle, in the day's order; only the gentlest when pain
    is high. Categories missing from the last week's sessions go first, so each comes round."""
    rotation = ["strength", "stretch", "mobility"]
    if level >= HIGH_PAIN:
        rotation = ["stretch", "mobility", "relaxation"]
    rng.shuffle(rotation)
    rotation.sort(key=lambda category: category in recent_categories)
    return rotation


def _fill(
    draft: _Draft,
    pools: dict[str, list[Exercise]],
    rotation: list[str],
    blocks: Iterable[Exercise | None],
) -> None:
    """Still short: first lengthen the easy blocks, then take anything else that fits."""
    for block in blocks:
        if block is not None and block.scalable:
            draft.stretch(block, block_limit(block, draft.level))
    _round_robin(draft, pools, [*rotation, "relaxation", "aerobic"], float("inf"))


def _notes(pacing: Pacing | None, pain: int | None, draft: _Draft, asked: int) -> tuple[str, ...]:
    """What the plan says above its exercises: why this length, how pain shaped it, and when
    the catalogue could not fill the time (not when pain is high: short is the point then)."""
    notes = [pacing.reason] if pacing is not None else []
    notes += pain_notes(pain)
    if draft.total < asked and draft.level < HIGH_PAIN:
        notes.append(
            f"Only {draft.total} of the {asked} minutes could be filled with exercises that "
            "suit your equipment and today's pain."
        )
    return tuple(notes)


def _shuffled_pools(
    allowed: list[Exercise], rng: random.Random, recent: set[str]
) -> dict[str, list[Exercise]]:
    pools: dict[str, list[Exercise]] = {
        c: [] for c in ("mobility", "stretch", "strength", "aerobic", "relaxation")
    }
    for exercise in allowed:
        pools[exercise.category].append(exercise)
    for pool in pools.values():
        rng.shuffle(pool)
        pool.sort(key=lambda exercise: exercise.id in recent)  # done lately: last resort
    return pools


def _opener_and_closer(
    pools: dict[str, list[Exercise]],
    limit: int,
    need_aerobic: bool,
    recent_categories: set[str],
) -> tuple[Exercise | None, Exercise | None]:
    """The first mobility move and the last calm one, chosen so that a third category (the
    aerobic block when one is due) still fits beside them when the session is long enough.
    A calm category missing from the last week closes first."""
    closers = pools["relaxation"] + pools["stretch"]
    closers.sort(key=lambda exercise: exercise.category in recent_categories)

    def third(closer: Exercise) -> int:
        if limit < BALANCE_FROM_MINUTES:
            return 0
        if need_aerobic:
            categories = ["aerobic"]
        else:
            categories = [c for c in pools if c not in ("mobility", closer.category)]
        lengths = [e.minutes for c in categories for e in pools[c] if e is not closer]
        return min(lengths, default=0)

    for reserve in (True, False):
        for opener in pools["mobility"]:
            for closer in closers:
                extra = third(closer) if reserve else 0
                if opener.minutes + closer.minutes + extra <= limit:
                    return opener, closer
    alone = next((e for e in pools["mobility"] if e.minutes <= limit), None)
    return alone, None


def _round_robin(
    draft: _Draft,
    pools: dict[str, list[Exercise]],
    rotation: list[str],
    strength_cap: float,
) -> None:
    """Take one exercise per category in turn, so no category crowds out the others."""
    added = True
    while added:
        added = False
        # Categories the plan lacks go first, so a short session still covers three.
        for category in sorted(rotation, key=lambda c: draft.minutes_in(c) > 0):
            pool = pools[category]
            while pool:
                candidate = pool.pop(0)
                if candidate.minutes > draft.left:
                    continue  # the budget only shrinks: it will never fit
                if category == "strength" and (
                    draft.minutes_in("strength") + candidate.minutes > strength_cap
                ):
                    pool.insert(0, candidate)
                    break
                draft.add(candidate)
                added = True
                break


def _ordered(chosen: list[Exercise], opener: Exercise | None) -> list[Exercise]:
    """Mobility first, then the easy aerobic block, then by position so the user gets down to
    the floor once, and the calm closers last."""
    first = [e for e in chosen if e is opener]
    aerobic = _of(chosen, "aerobic")
    closing = _of(chosen, "relaxation")
    rest = [e for e in chosen if e is not opener and e.category not in ("aerobic", "relaxation")]
    middle = sorted(rest, key=lambda e: (POSITION_ORDER[e.position], CATEGORY_ORDER[e.category]))
    if not closing:
        closing = _closing_stretch(middle)
    return first + aerobic + middle + closing


def _of(chosen: list[Exercise], category: str) -> list[Exercise]:
    """The exercises of one category, in the order they were chosen."""
    return [e for e in chosen if e.category == category]


def _closing_stretch(middle: list[Exercise]) -> list[Exercise]:
    """Without relaxation, the last stretch moves from `middle` to the end so the session
    still closes calmly; nothing moves if the middle already ends on one."""
    stretches = _of(middle, "stretch")
    if not stretches or middle[-1].category == "stretch":
        return []
    middle.remove(stretches[-1])
    return [stretches[-1]]
