"""Pick today's session from the catalogue: pure, deterministic for a given day.

The rules come from public back-pain guidance (see CLINICAL.md): every session opens with
mobility, closes with relaxation or a stretch, mixes categories, adds an easy aerobic block
when there is time, and gets gentler as today's pain rises. The day seeds the choice so the
same question on the same day gets the same answer, and a week of plans does not repeat.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from movecoach.core.models import Exercise, Plan, PlanItem, Session

MIN_MINUTES = 5
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
VARIETY_DAYS = 2  # exercises done this many days back are swapped for alternatives
WEEK_DAYS = 6  # with today, a week: every category should appear in it
POSITION_ORDER = {"standing": 0, "sitting": 1, "all-fours": 2, "lying": 3}
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
    allowed = []
    for exercise in catalogue:
        if not set(exercise.equipment) <= have or exercise.max_pain < level:
            continue
        if level >= MODERATE_PAIN and exercise.end_range:
            continue
        if level >= HIGH_PAIN and exercise.category == "strength":
            continue
        if block_limit(exercise, level) < exercise.minutes:
            continue
        allowed.append(exercise)
    return allowed


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


# --- pacing from the log ---------------------------------------------------------------------

PACE_WINDOW = 14  # days before today the baseline comes from
BUILD_ACTIVE_DAYS = 4  # active days in the last 7 before the plan may build up
BUILD_STEP = 1.10  # at most 10 % above the sessions of 7-13 days ago
SETTLED_CHANGE = 1  # pain after at most this much above pain before, on average
FLARE_ABOVE_AVERAGE = 3  # today's pain this far above the 14-day average is a flare
FLARE_SESSION_RISE = 2  # ...or the last two sessions each ended this much higher


@dataclass(frozen=True)
class Pacing:
    """How long today's plan should be, and why, in words the plan shows."""

    minutes: float  # in half-minute steps; the plan's budget is its whole minutes
    reason: str
    step_back: bool = False


def _median(values: Iterable[float]) -> float:
    """The median (the statistics module costs 2 ms of start-up for this one line)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _half_down(value: float) -> float:
    return math.floor(value * 2) / 2


def _fmt(value: float) -> str:
    return f"{value:g}"


def pace(
    history: Sequence[Session], today: dt.date, pain: int | None, ceiling: int
) -> Pacing | None:
    """Pace today's minutes from the sessions of the 14 days before today: hold at their
    median; build up by at most 10 % a week after a settled week of 4+ active days; step back
    to about half after a flare, or after two weeks or more without a session. None with no
    history at all. Never above `ceiling` (the minutes the user has), never below the
    shortest plan, never zero: a flare cuts back, it does not stop."""
    past = [s for s in history if 1 <= (today - s.date).days <= PACE_WINDOW]

    def clamp(value: float) -> float:
        return max(float(MIN_MINUTES), min(float(ceiling), _half_down(value)))

    if not past:
        earlier = [s for s in history if s.date < today]
        if not earlier:
            return None
        last = max(s.date for s in earlier)
        before_break = [s.minutes for s in earlier if (last - s.date).days < PACE_WINDOW]
        level = _median(before_break)
        target = clamp(min(level, ceiling) / 2)
        return Pacing(
            target,
            f"Welcome back: {(today - last).days} days since your last session. Starting "
            f"again at about half your earlier {_fmt(level)} min ({_fmt(target)} min), then "
            "building up.",
            step_back=True,
        )
    baseline = _median(s.minutes for s in past)
    scores = [s.pain_before for s in past if s.pain_before is not None]
    average = _mean(scores) if scores else None
    last_two = sorted(past, key=lambda s: (s.date, s.time or dt.time.min))[-2:]
    rises = [
        s.pain_after - s.pain_before
        for s in last_two
        if s.pain_before is not None and s.pain_after is not None
    ]

    if pain is not None and average is not None and pain >= average + FLARE_ABOVE_AVERAGE:
        target = clamp(min(baseline, ceiling) / 2)
        return Pacing(
            target,
            f"Pain {pain} is well above your 14-day average of {average:.1f}: a shorter, "
            f"gentler session today, about half your usual {_fmt(baseline)} min "
            f"({_fmt(target)} min). Keep moving gently; flares usually settle in a few days.",
            step_back=True,
        )
    if len(rises) == 2 and all(rise >= FLARE_SESSION_RISE for rise in rises):
        target = clamp(min(baseline, ceiling) / 2)
        return Pacing(
            target,
            "Your last two sessions each left your pain 2 or more points higher: cutting back "
            f"to about half your usual {_fmt(baseline)} min ({_fmt(target)} min) and gentler "
            "moves until it settles.",
            step_back=True,
        )
    week = [s for s in past if (today - s.date).days <= 7]
    active = len({s.date for s in week})
    changes = [
        s.pain_after - s.pain_before
        for s in week
        if s.pain_before is not None and s.pain_after is not None
    ]
    settled = not changes or _mean(changes) <= SETTLED_CHANGE
    before = [s.minutes for s in past if 7 <= (today - s.date).days <= 13]
    hold = clamp(baseline)
    if active >= BUILD_ACTIVE_DAYS and settled and before:
        reference = _median(before)
        target = max(hold, clamp(BUILD_STEP * reference))
        if target > hold:
            return Pacing(
                target,
                f"{active} active days this past week at about {_fmt(baseline)} min with "
                f"settled pain: up to {_fmt(target)} min today (at most 10 % more than the "
                "week before).",
            )
    why = (
        f"fewer than {BUILD_ACTIVE_DAYS} active days in the past week"
        if active < BUILD_ACTIVE_DAYS
        else "pain has not settled after sessions this week"
        if not settled
        else "a week at this level first"
        if not before
        else "holding this week's level"
    )
    capped = " (the most you have today)" if hold < _half_down(baseline) else ""
    return Pacing(
        hold,
        f"Holding at about {_fmt(hold)} min{capped}, your usual over the last 14 days: {why}.",
    )


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
    plan is paced from it (see `pace`) and varied (see `_recent`); without history it is the
    plan the rules above give on their own.
    """
    equipment = tuple(sorted(set(equipment)))
    pacing = pace(history, day, pain, minutes) if adaptive else None
    asked = minutes if pacing is None else int(pacing.minutes)
    level = effective_pain(pain)
    if pacing is not None and pacing.step_back:
        level = max(level, MODERATE_PAIN)  # a flare: gentler choices whatever the score
    recent_ids, recent_categories = _recent(history, day, catalogue) if adaptive else (set(), set())
    draft = _Draft(limit=budget(asked, level), level=level)
    rng = random.Random(f"movecoach:{day.isoformat()}")
    pools = _shuffled_pools(allowed_exercises(catalogue, equipment, level), rng, recent_ids)
    moderate = level >= MODERATE_PAIN

    # Not walked all week: a short aerobic block even in a short plan, so it comes round.
    walk_due = bool(recent_categories) and "aerobic" not in recent_categories
    need_aerobic = asked >= AEROBIC_FROM_MINUTES or level >= HIGH_PAIN or walk_due
    opener, closer = _opener_and_closer(pools, draft.limit, need_aerobic, recent_categories)
    if opener is not None:
        draft.add(opener)
        pools["mobility"].remove(opener)
    if closer is not None:
        draft.add(closer)
        pools[closer.category].remove(closer)

    aerobic = None
    if need_aerobic:
        aerobic = next((e for e in pools["aerobic"] if e.minutes <= draft.left), None)
        if aerobic is not None:
            draft.add(aerobic)
            pools["aerobic"].remove(aerobic)
            draft.stretch(aerobic, round(AEROBIC_SHARE[moderate] * draft.limit))
    if closer is not None and closer.category == "relaxation":
        draft.stretch(closer, round(RELAXATION_SHARE * draft.limit))

    strength_cap = STRENGTH_SHARE[moderate] * draft.limit
    rotation = ["strength", "stretch", "mobility"]
    if level >= HIGH_PAIN:
        rotation = ["stretch", "mobility", "relaxation"]
    rng.shuffle(rotation)
    # Categories missing from the last week's sessions go first, so each comes round.
    rotation.sort(key=lambda category: category in recent_categories)
    _round_robin(draft, pools, rotation, strength_cap)

    # Still short: first lengthen the easy blocks, then take anything else that fits.
    for block in (aerobic, closer):
        if block is not None and block.scalable:
            draft.stretch(block, block_limit(block, level))
    _round_robin(draft, pools, [*rotation, "relaxation", "aerobic"], float("inf"))

    notes = [pacing.reason] if pacing is not None else []
    notes += pain_notes(pain)
    if draft.total < asked and level < HIGH_PAIN:
        notes.append(
            f"Only {draft.total} of the {asked} minutes could be filled with exercises that "
            "suit your equipment and today's pain."
        )
    items = tuple(PlanItem(e, draft.minutes[e.id]) for e in _ordered(draft.chosen, opener))
    return Plan(
        day=day, minutes=minutes, pain=pain, equipment=equipment, items=items, notes=tuple(notes)
    )


def _recent(
    history: Sequence[Session], day: dt.date, catalogue: Sequence[Exercise]
) -> tuple[set[str], set[str]]:
    """Exercises done in the last 2 days, and categories done in the last 6: the first are
    swapped for alternatives, the others give way to categories not done all week."""
    category = {e.id: e.category for e in catalogue}
    ids: set[str] = set()
    categories: set[str] = set()
    for session in history:
        back = (day - session.date).days
        if 1 <= back <= VARIETY_DAYS:
            ids.update(session.exercises)
        if 1 <= back <= WEEK_DAYS:
            categories.update(category[i] for i in session.exercises if i in category)
    return ids, categories


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
    aerobic = [e for e in chosen if e.category == "aerobic"]
    closing = [e for e in chosen if e.category == "relaxation"]
    middle = [e for e in chosen if e is not opener and e not in aerobic and e not in closing]
    middle.sort(key=lambda e: (POSITION_ORDER[e.position], CATEGORY_ORDER[e.category]))
    if not closing and middle and middle[-1].category != "stretch":
        stretches = [e for e in middle if e.category == "stretch"]
        if stretches:
            middle.remove(stretches[-1])
            closing = [stretches[-1]]
    return first + aerobic + middle + closing
