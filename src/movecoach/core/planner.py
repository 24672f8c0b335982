"""Pick today's session from the catalogue: pure, deterministic for a given day.

The rules come from public back-pain guidance (see CLINICAL.md): every session opens with
mobility, closes with relaxation or a stretch, mixes categories, adds an easy aerobic block
when there is time, and gets gentler as today's pain rises. Relaxation takes at most a fifth
of a plan (it is valuable, but it is not activity), the equipment the user has comes round on
at least 2 days a week, and the exercises run in one sweep of positions (standing, sitting,
kneeling, all fours, face down, on your back, or the reverse) so nobody gets down to the floor
twice. What the user said is kept: an explicit `--minutes` is the length, `avoid` leaves
exercises out, a `direction` preference brings its moves in, recent leg pain brings a nerve
slider, and an exercise that keeps going too far sits out for a while. The day seeds the
choice so the same question on the same day gets the same answer, and a week of plans does
not repeat.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import NamedTuple

from movecoach.core.models import POSITIONS, DayEntry, Exercise, Plan, PlanItem
from movecoach.core.pace_days import Days
from movecoach.core.pacing import (
    History,
    Pacing,
    as_days,
    disagreeing,
    pace,
    recent,
    week_average,
)

MAX_MINUTES = 90
ASSUMED_PAIN = 2  # "mild": what the plan assumes when no pain score is given
MODERATE_PAIN = 4  # 4-6: gentler choices, no end-range holds, less strengthening
HIGH_PAIN = 7  # 7-10: a short session of the gentlest work only
HIGH_PAIN_MAX_MINUTES = 10
AEROBIC_FROM_MINUTES = 20
BALANCE_FROM_MINUTES = 10
DIRECTION_FROM_MINUTES = 10  # plans this long include a move of the preferred direction
# Longest aerobic block by pain band ("a shorter walk" when sore, "a short easy walk" when worse).
AEROBIC_CAP_MODERATE = 15
AEROBIC_CAP_HIGH = 5
# Share of the session an aerobic block and the closing relaxation start from.
AEROBIC_SHARE = {False: 0.3, True: 0.25}  # keyed by "moderate pain"
RELAXATION_SHARE = 0.1
RELAXATION_MOST = 0.2  # relaxation never takes more of a plan than this (below pain 7)
# Most of the session strengthening may take: less when pain is moderate.
STRENGTH_SHARE = {False: 0.4, True: 0.2}
LEG_PAIN = 2  # leg pain this high in the last 7 days brings a nerve slider into plans
LEG_DAYS = 7
EQUIPMENT_DAYS = 6  # the days before today that, with today, make a week of plans
EQUIPMENT_TIMES = 2  # each piece of equipment the user has comes round on this many days
DIRECTIONS = ("none", "extension", "flexion")
POSITION_RANK = {position: rank for rank, position in enumerate(POSITIONS)}
CATEGORY_ORDER = {"mobility": 0, "aerobic": 1, "strength": 2, "stretch": 3, "relaxation": 4}
CATEGORIES = tuple(CATEGORY_ORDER)
MIN_BLOCK = 2  # the shortest exercise: an opener and a closer take at least twice this


def effective_pain(pain: int | None) -> int:
    return ASSUMED_PAIN if pain is None else pain


def budget(minutes: int, pain: int | None) -> int:
    """The most minutes a plan may hold: what the user has, and never more than 10 in a flare."""
    if effective_pain(pain) >= HIGH_PAIN:
        return min(minutes, HIGH_PAIN_MAX_MINUTES)
    return minutes


def avoided(exercise: Exercise, avoid: Collection[str]) -> bool:
    """The `avoid` setting names the exercise or one of its tags."""
    return exercise.id in avoid or any(tag in avoid for tag in exercise.tags)


def allowed_exercises(
    catalogue: Iterable[Exercise],
    equipment: Iterable[str],
    pain: int | None,
    avoid: Collection[str] = (),
    direction: str = "none",
) -> list[Exercise]:
    """Exercises that may appear today: equipment the user has, not avoided, and gentle
    enough for the pain (with a `direction` preference, its own end-range moves stay in)."""
    have = set(equipment)
    level = effective_pain(pain)
    return [
        e
        for e in catalogue
        if set(e.equipment) <= have
        and not (avoid and avoided(e, avoid))
        and _gentle_enough(e, level, direction)
    ]


def _gentle_enough(exercise: Exercise, level: int, direction: str = "none") -> bool:
    """Whether today's pain allows the exercise: within its own pain limit and fitting the
    cap on its kind of block; no end-range holds from moderate pain on (except those of the
    user's preferred direction), and no strengthening when pain is high."""
    if exercise.max_pain < level or block_limit(exercise, level) < exercise.minutes:
        return False
    if level >= MODERATE_PAIN and exercise.end_range and direction not in exercise.tags:
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


def relaxation_most(limit: int, level: int) -> float:
    """The most minutes relaxation may take: a fifth of the plan even if it comes out a
    minute short; no cap in a flare plan at pain 7 or more."""
    return float("inf") if level >= HIGH_PAIN else RELAXATION_MOST * (limit - 1)


def is_slider(exercise: Exercise) -> bool:
    """A nerve slider: moves the sciatic nerve without holding a stretch at the end."""
    return "nerve" in exercise.tags and not exercise.end_range


def leg_pain_recent(history: History, day: dt.date, leg_pain: int | None) -> bool:
    """Leg pain of 2 or more today, or in a session of the 7 days before (or earlier today)."""
    if leg_pain is not None and leg_pain >= LEG_PAIN:
        return True
    return any(f.leg >= LEG_PAIN for f in as_days(history).between(day, 0, LEG_DAYS))


def equipment_due(
    equipment: Iterable[str],
    history: History,
    day: dt.date,
    catalogue: Iterable[Exercise],
) -> list[str]:
    """The user's equipment that should come round today, most urgent first: a piece used on
    fewer than 2 of the 6 days before `day` (it must appear today for every week to hold it
    twice), then one that will be tomorrow (used on fewer than 2 of the last 5 days), each
    least used first, then longest unused. Spreading them so keeps any week at 2 days each."""
    needs = {e.id: set(e.equipment) for e in catalogue}
    used: dict[str, set[dt.date]] = {piece: set() for piece in equipment}
    for facts in as_days(history).between(day, 1, EQUIPMENT_DAYS):
        for piece in {p for ident in facts.ids for p in needs.get(ident, ())}:
            if piece in used:
                used[piece].add(facts.date)

    def within(piece: str, days: int) -> int:
        return sum((day - d).days <= days for d in used[piece])

    due = [p for p in used if within(p, EQUIPMENT_DAYS - 1) < EQUIPMENT_TIMES]
    return sorted(
        due,
        key=lambda p: (
            within(p, EQUIPMENT_DAYS) >= EQUIPMENT_TIMES,
            within(p, EQUIPMENT_DAYS),
            min(used[p], default=dt.date.min),
        ),
    )


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


class _Draft:
    """The plan while it is being filled: exercises, their minutes, and what is left. A
    plain class: as a dataclass it cost 0.5 ms of every plan's start-up, for methods (eq,
    repr) nothing calls."""

    __slots__ = ("chosen", "level", "limit", "minutes", "relax_most", "total")

    def __init__(self, limit: int, level: int, relax_most: float = float("inf")) -> None:
        self.limit = limit
        self.level = level
        self.relax_most = relax_most
        self.minutes: dict[str, int] = {}
        self.chosen: list[Exercise] = []
        self.total = 0  # kept equal to the sum of `minutes` by the methods below

    @property
    def left(self) -> int:
        return self.limit - self.total

    @property
    def moderate(self) -> bool:
        """Moderate pain or worse: shorter shares for the walk and for strengthening."""
        return self.level >= MODERATE_PAIN

    def add(self, exercise: Exercise, minutes: int | None = None) -> None:
        self.chosen.append(exercise)
        self.set(exercise, exercise.minutes if minutes is None else minutes)

    def set(self, exercise: Exercise, minutes: int) -> None:
        self.total += minutes - self.minutes.get(exercise.id, 0)
        self.minutes[exercise.id] = minutes

    def drop(self, exercise: Exercise) -> None:
        self.chosen.remove(exercise)
        self.total -= self.minutes.pop(exercise.id)

    def has(self, exercise: Exercise) -> bool:
        return exercise.id in self.minutes

    def minutes_in(self, category: str) -> int:
        return sum(self.minutes[e.id] for e in self.chosen if e.category == category)

    def fits(self, exercise: Exercise) -> bool:
        """Room left for it, and for relaxation, room under the relaxation cap."""
        if exercise.minutes > self.left:
            return False
        if exercise.category != "relaxation":
            return True
        return self.minutes_in("relaxation") + exercise.minutes <= self.relax_most

    def stretch(self, exercise: Exercise, target: int) -> None:
        """Lengthen a scalable block towards `target` minutes without passing the budget
        (or, for relaxation, the relaxation cap)."""
        current = self.minutes[exercise.id]
        room = min(target, block_limit(exercise, self.level)) - current
        if exercise.category == "relaxation" and self.relax_most < self.limit:
            room = min(room, int(self.relax_most - self.minutes_in("relaxation")))
        self.set(exercise, current + max(0, min(room, self.left)))


class _Frame(NamedTuple):
    """The opening and closing blocks, and the sweep of positions between them."""

    opener: Exercise | None
    closer: Exercise | None
    low: int = 0  # the lowest and highest position rank the plan may use
    high: int = len(POSITIONS) - 1
    forward: bool = True  # standing first; False: lying first

    def holds(self, exercise: Exercise) -> bool:
        return self.low <= POSITION_RANK[exercise.position] <= self.high


class Wishes(NamedTuple):
    """What the user asked of today's plan beyond minutes, pain and equipment."""

    explicit: bool = False  # the minutes were asked for (a flag), not a setting
    avoid: tuple[str, ...] = ()
    direction: str = "none"
    leg_pain: int | None = None


def plan_session(
    catalogue: Sequence[Exercise],
    minutes: int,
    equipment: Iterable[str],
    pain: int | None,
    day: dt.date,
    history: History = (),
    adaptive: bool = True,
    wishes: Wishes | None = None,
    entries: Sequence[DayEntry] = (),
) -> Plan:
    """Today's suggested session for the minutes, equipment and pain given.

    With `adaptive` and a log (`history`, any sessions; only those before `day` count) the
    plan is paced from it (see `pacing.pace`) and varied (see `pacing.recent`); without
    history it is the plan the rules above give on their own. `wishes.explicit`: the minutes
    were asked for, so they are the length (see `length`). `entries`: days recorded without
    a session, whose pain scores count in each day's pain level.
    """
    wishes = Wishes() if wishes is None else wishes
    equipment = tuple(sorted(set(equipment)))
    past = as_days(history if adaptive else ())  # what the rules read of each day
    pacing = pace(past, day, pain, minutes, entries) if adaptive else None
    asked = length(minutes, pacing, wishes.explicit)
    level = _gentleness(pain, pacing)
    limit = budget(asked, level)
    left_out = disagreeing(past, day)
    allowed = [
        e
        for e in allowed_exercises(catalogue, equipment, level, wishes.avoid, wishes.direction)
        if e.id not in left_out
    ]
    recent_ids, recent_categories = recent(past, day, catalogue)
    draft = _Draft(limit=limit, level=level, relax_most=relaxation_most(limit, level))
    rng = random.Random(f"movecoach:{day.isoformat()}")
    pools = _shuffled_pools(allowed, rng, recent_ids)
    due = equipment_due(equipment, past, day, catalogue)
    need_aerobic = _aerobic_due(asked, level, recent_categories)
    leg = leg_pain_recent(past, day, wishes.leg_pain)
    needs = _needs(wishes.direction, leg, due, limit)
    frame = _frame(draft, pools, need_aerobic, recent_categories, needs)
    _required(draft, pools, needs)
    aerobic = _aerobic_block(draft, pools, due) if need_aerobic else None
    rotation = _rotation(level, rng, recent_categories)
    _round_robin(draft, pools, rotation, STRENGTH_SHARE[draft.moderate] * draft.limit)
    _fill(draft, pools, rotation, (aerobic, frame.closer))
    frame = _top_up(draft, [e for e in allowed if frame.holds(e)], frame, needs)
    _trim_relaxation(draft, frame)
    items = tuple(PlanItem(e, draft.minutes[e.id]) for e in _ordered(draft.chosen, frame))
    notes = _notes(pacing, pain, draft, wishes, minutes, past, day)
    notes += _wish_notes(wishes, leg, draft, catalogue)
    notes += _left_out_notes(left_out, catalogue)
    return Plan(day, minutes, pain, equipment, items, tuple(notes), leg_pain=leg)


def length(minutes: int, pacing: Pacing | None, explicit: bool) -> int:
    """The minutes today's plan aims at: the paced amount, within the minutes the user has;
    an explicit ask wins over pacing, except on a step-back day (pain 7 or more caps it
    too, in `budget`)."""
    if pacing is None or (explicit and not pacing.step_back):
        return minutes
    return int(pacing.minutes)


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
    needs: Sequence[Need] = (),
) -> _Frame:
    """The blocks a session is built around, placed before the middle fills so they get
    their share of the time: a mobility opener and a calm closer as far apart in position as
    the catalogue allows; what lies outside their sweep of positions leaves the pools."""
    opener, closer = _opener_and_closer(pools, draft, need_aerobic, recent_categories, needs)
    _take(draft, pools, opener)
    _take(draft, pools, closer)
    if closer is not None and closer.category == "relaxation":
        draft.stretch(closer, round(RELAXATION_SHARE * draft.limit))
    frame = _sweep(opener, closer)
    for category, pool in pools.items():
        pools[category] = [e for e in pool if frame.holds(e)]
    return frame


def _sweep(opener: Exercise | None, closer: Exercise | None) -> _Frame:
    """The positions between the opener and the closer, and which way the plan runs."""
    if opener is None:
        return _Frame(None, closer)
    start = POSITION_RANK[opener.position]
    if closer is None:
        forward = start <= (len(POSITIONS) - 1) / 2
        low, high = (start, len(POSITIONS) - 1) if forward else (0, start)
        return _Frame(opener, None, low, high, forward)
    end = POSITION_RANK[closer.position]
    return _Frame(opener, closer, min(start, end), max(start, end), start <= end)


def _take(draft: _Draft, pools: dict[str, list[Exercise]], exercise: Exercise | None) -> None:
    """Move an exercise from its pool into the plan, so it cannot be chosen twice."""
    if exercise is not None:
        draft.add(exercise)
        pools[exercise.category].remove(exercise)


def _aerobic_block(
    draft: _Draft, pools: dict[str, list[Exercise]], due: Sequence[str]
) -> Exercise | None:
    """The aerobic block: one the plan already holds (equipment that was due), else the
    first that fits, one using due equipment first; lengthened to its share of the session
    (a smaller share when pain is moderate)."""
    held = _of(draft.chosen, "aerobic")
    fitting = [e for e in pools["aerobic"] if draft.fits(e)]
    fitting.sort(key=lambda e: not set(e.equipment) & set(due))
    aerobic = held[0] if held else fitting[0] if fitting else None
    if aerobic is not None:
        if not held:
            _take(draft, pools, aerobic)
        draft.stretch(aerobic, round(AEROBIC_SHARE[draft.moderate] * draft.limit))
    return aerobic


Need = Callable[[Exercise], bool]


def _needs(direction: str, leg: bool, due: Sequence[str], limit: int) -> list[Need]:
    """What today's plan must hold if anything fits, first things first: a nerve slider after
    leg pain, a move of the preferred direction (in plans of 10 minutes or more), and each
    piece of equipment that is due."""
    needs: list[Need] = [is_slider] if leg else []
    if direction in DIRECTIONS[1:] and limit >= DIRECTION_FROM_MINUTES:
        needs.append(lambda e: direction in e.tags)
    needs += [_uses(piece) for piece in due]
    return needs


def _uses(piece: str) -> Need:
    return lambda exercise: piece in exercise.equipment


def _required(draft: _Draft, pools: dict[str, list[Exercise]], needs: Sequence[Need]) -> None:
    """For each need the plan does not meet yet, the shortest exercise that meets it and
    fits, one of a category the plan lacks first; while the plan has fewer than three
    categories, one that would leave no room for a third is passed over."""
    for need in needs:
        if any(need(e) for e in draft.chosen):
            continue
        fitting = [
            e
            for c in CATEGORIES
            for e in pools[c]
            if need(e) and draft.fits(e) and _keeps_balance(draft, pools, e)
        ]
        fitting.sort(key=lambda e: (draft.minutes_in(e.category) > 0, e.minutes))
        _take(draft, pools, fitting[0] if fitting else None)


def _keeps_balance(draft: _Draft, pools: Mapping[str, list[Exercise]], exercise: Exercise) -> bool:
    """Whether the plan could still hold three categories (from 10 minutes) with `exercise`."""
    have = {e.category for e in draft.chosen} | {exercise.category}
    if draft.limit < BALANCE_FROM_MINUTES or len(have) >= 3:
        return True
    third = [e.minutes for c in CATEGORIES if c not in have for e in pools[c] if e is not exercise]
    return not third or exercise.minutes + min(third) <= draft.left


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
    """Still short: first lengthen the easy blocks, then take anything else that fits, then
    let any block that can run longer take up what is left."""
    for block in blocks:
        if block is not None and block.scalable:
            draft.stretch(block, block_limit(block, draft.level))
    _round_robin(draft, pools, [*rotation, "relaxation", "aerobic"], float("inf"))
    for block in sorted(draft.chosen, key=lambda e: e.category == "relaxation"):
        if block.scalable:
            draft.stretch(block, block_limit(block, draft.level))


def _top_up(
    draft: _Draft, allowed: Sequence[Exercise], frame: _Frame, needs: Sequence[Need]
) -> _Frame:
    """A minute or two still free that nothing fits: swap a block for a longer one of the
    same kind that meets the same needs (the opener and the closer for one in the same
    position), the swap that fills most first. The frame, with its blocks as swapped."""
    while draft.left > 0:
        swaps = [
            (new.minutes - old.minutes, old, new)
            for old in draft.chosen
            for new in allowed
            if _swappable(old, new, frame, draft) and all(need(new) for need in needs if need(old))
        ]
        if not swaps:
            return frame
        _, old, new = max(swaps, key=lambda swap: swap[0])
        draft.chosen[draft.chosen.index(old)] = new
        draft.total -= draft.minutes.pop(old.id)
        draft.set(new, new.minutes)
        frame = frame._replace(
            opener=new if old is frame.opener else frame.opener,
            closer=new if old is frame.closer else frame.closer,
        )
    return frame


def _swappable(old: Exercise, new: Exercise, frame: _Frame, draft: _Draft) -> bool:
    """`new` can take the place of `old`: the same kind, longer by no more than the room
    left, not in the plan yet, and for the opener or the closer in the same position."""
    if old.scalable or new.category != old.category or draft.has(new):
        return False
    if not 0 < new.minutes - old.minutes <= draft.left:
        return False
    return old not in (frame.opener, frame.closer) or new.position == old.position


def _trim_relaxation(draft: _Draft, frame: _Frame) -> None:
    """Relaxation never more than a fifth of the plan (outside a flare plan), even when the
    plan could not be filled: shorten it, then drop relaxation other than the closer, then
    the closer itself."""
    if draft.level >= HIGH_PAIN:
        return
    calm = sorted(_of(draft.chosen, "relaxation"), key=lambda e: e is frame.closer)
    for exercise in calm:
        while _too_calm(draft) and draft.minutes[exercise.id] > exercise.minutes:
            draft.set(exercise, draft.minutes[exercise.id] - 1)
    for exercise in calm:
        if _too_calm(draft):
            draft.drop(exercise)


def _too_calm(draft: _Draft) -> bool:
    return draft.minutes_in("relaxation") > RELAXATION_MOST * draft.total


def _shuffled_pools(
    allowed: list[Exercise], rng: random.Random, recent: set[str]
) -> dict[str, list[Exercise]]:
    pools: dict[str, list[Exercise]] = {c: [] for c in CATEGORIES}
    for exercise in allowed:
        pools[exercise.category].append(exercise)
    for pool in pools.values():
        rng.shuffle(pool)
        pool.sort(key=lambda exercise: exercise.id in recent)  # done lately: last resort
    return pools


def _opener_and_closer(
    pools: dict[str, list[Exercise]],
    draft: _Draft,
    need_aerobic: bool,
    recent_categories: set[str],
    needs: Sequence[Need] = (),
) -> tuple[Exercise | None, Exercise | None]:
    """The first mobility move and the last calm one, chosen so that a third category (the
    aerobic block when one is due) still fits beside them when the session is long enough,
    and as far apart in position as can be so the sweep between them leaves most moves in.
    A calm category missing from the last week closes first."""
    closers = [e for e in pools["relaxation"] if draft.fits(e)] + pools["stretch"]
    closers.sort(key=lambda exercise: exercise.category in recent_categories)
    third = {id(c): _third(pools, c, draft.limit, need_aerobic) for c in closers}
    reach = _Reach.of(pools, need_aerobic, needs, recent_categories)
    for reserve in _reserves(_need_rooms(pools, needs, draft.limit)):
        room = {id(c): draft.limit - c.minutes - reserve(third[id(c)]) for c in closers}
        best = _best_pair(pools["mobility"], closers, room, reach)
        if best is not None:
            return best
    alone = next((e for e in pools["mobility"] if e.minutes <= draft.limit), None)
    return alone, None


def _reserves(rooms: Sequence[int]) -> list[Callable[[int], int]]:
    """The room to keep beside an opener and a closer, given the room a third category
    takes, strictest first: today's needs beside a third category, a need as the third,
    the third alone, nothing."""
    return [
        *(lambda third, room=room: third + room for room in rooms),
        *(lambda third, room=room: max(third, room) for room in rooms),
        lambda third: third,
        lambda third: 0,
    ]


def _need_rooms(
    pools: Mapping[str, list[Exercise]], needs: Sequence[Need], limit: int
) -> list[int]:
    """The room to keep for today's needs, most first: the shortest exercise meeting each
    need that could fit at all, for all of them, then all but the last, and so on."""
    shortest = [
        min((e.minutes for pool in pools.values() for e in pool if need(e)), default=limit)
        for need in needs
    ]
    fitting = [minutes for minutes in shortest if minutes + 2 * MIN_BLOCK <= limit]
    return [sum(fitting[:count]) for count in range(len(fitting), 0, -1)]


def _third(
    pools: Mapping[str, list[Exercise]], closer: Exercise, limit: int, need_aerobic: bool
) -> int:
    """The room to keep beside an opener and `closer` for a third category."""
    if limit < BALANCE_FROM_MINUTES:
        return 0
    if need_aerobic:
        categories = ["aerobic"]
    else:
        categories = [c for c in pools if c not in ("mobility", closer.category)]
    lengths = [e.minutes for c in categories for e in pools[c] if e is not closer]
    return min(lengths, default=0)


def _best_pair(
    openers: Sequence[Exercise],
    closers: Sequence[Exercise],
    room: Mapping[int, int],
    reach: _Reach,
) -> tuple[Exercise, Exercise] | None:
    """The pair that reaches furthest (see `_Reach`) whose opener fits the room its closer
    leaves (by `id` of the closer); the first such pair, openers first, on a tie."""
    best: tuple[Exercise, Exercise] | None = None
    best_key = (False, -1, -1, False)
    rank, mask, walk, stale = reach.rank, reach.mask, reach.walk, reach.stale
    ranks = [rank[id(e)] for e in (*openers, *closers)] or [0]
    bound = (True, max(ranks) - min(ranks), reach.all_needs, True)  # none reaches further
    for opener in openers:
        first, opener_mask = rank[id(opener)], mask[id(opener)]
        for closer in closers:
            if opener.minutes > room[id(closer)]:
                continue
            second = rank[id(closer)]
            low, high = (first, second) if first <= second else (second, first)
            key = (
                walk[low][high],
                high - low,
                opener_mask | mask[id(closer)],
                closer.category not in stale,
            )
            if key > best_key:
                best, best_key = (opener, closer), key
                if key >= bound:
                    return best
    return best


class _Reach(NamedTuple):
    """How good a frame a pair makes, by its parts, most important first: the aerobic block
    (when due) within the pair's sweep of positions (`walk[low][high]`), then the widest
    sweep, then today's needs the pair meets, a bit each by `id` (the first need highest),
    then a closer of a calm category the last week did not have."""

    rank: dict[int, int]
    mask: dict[int, int]
    walk: list[list[bool]]
    all_needs: int
    stale: set[str]  # the categories of the last week's sessions

    @classmethod
    def of(
        cls,
        pools: Mapping[str, list[Exercise]],
        need_aerobic: bool,
        needs: Sequence[Need],
        recent_categories: set[str],
    ) -> _Reach:
        frames = [e for c in ("mobility", "stretch", "relaxation") for e in pools[c]]
        return cls(
            rank={id(e): POSITION_RANK[e.position] for e in frames},
            mask={id(e): _need_bits(e, needs) for e in frames},
            walk=_walk_table(pools["aerobic"], need_aerobic),
            all_needs=(1 << len(needs)) - 1,
            stale=recent_categories,
        )


def _need_bits(exercise: Exercise, needs: Sequence[Need]) -> int:
    """The needs `exercise` meets, a bit each, the first need the highest bit."""
    return sum(1 << (len(needs) - 1 - n) for n, need in enumerate(needs) if need(exercise))


def _walk_table(aerobic: Sequence[Exercise], need_aerobic: bool) -> list[list[bool]]:
    """`[low][high]`: whether an aerobic block lies within that sweep of positions (always,
    when none is due)."""
    walks = {POSITION_RANK[e.position] for e in aerobic}
    span = range(len(POSITIONS))
    return [
        [not need_aerobic or any(low <= rank <= high for rank in walks) for high in span]
        for low in span
    ]


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
            room = strength_cap - draft.minutes_in(category) if category == "strength" else 999
            pool = pools[category]
            found = next((e for e in pool if e.minutes <= room and draft.fits(e)), None)
            if found is not None:
                _take(draft, pools, found)
                added = True


def _ordered(chosen: list[Exercise], frame: _Frame) -> list[Exercise]:
    """One sweep of positions, standing first or lying first as the frame runs, so the user
    gets down to the floor (and up again) once; in each position mobility first and calm
    moves last, the opener before everything and the closer after everything."""
    sign = 1 if frame.forward else -1
    return sorted(
        chosen,
        key=lambda e: (
            e is not frame.opener,
            sign * POSITION_RANK[e.position],
            e is frame.closer,
            CATEGORY_ORDER[e.category],
        ),
    )


def _of(chosen: list[Exercise], category: str) -> list[Exercise]:
    """The exercises of one category, in the order they were chosen."""
    return [e for e in chosen if e.category == category]


# --- notes ------------------------------------------------------------------------------------


def _notes(
    pacing: Pacing | None,
    pain: int | None,
    draft: _Draft,
    wishes: Wishes,
    minutes: int,
    past: Days,
    day: dt.date,
) -> list[str]:
    """Why this length, what an explicit ask got, how pain shaped the plan, and when the
    time could not be filled."""
    asked = length(minutes, pacing, wishes.explicit)
    notes = [pacing.reason] if pacing is not None else []
    if wishes.explicit and pacing is not None:
        notes += _asked_notes(minutes, pacing, asked, week_average(past, day))
    return notes + pain_notes(pain) + _unfilled_note(draft, asked)


def _asked_notes(asked_for: int, pacing: Pacing, asked: int, average: float | None) -> list[str]:
    """An explicit `--minutes`: on a step-back day the cap stays, and says so; asking for
    more than the paced amount gets it, with one caution."""
    paced = int(pacing.minutes)
    if pacing.step_back and asked_for > asked:
        return [
            f"You asked for {asked_for} min, but today is a step back: the plan stays at "
            f"{asked} min. Cutting back for a day or two, without stopping, is how a flare "
            "or a return is paced."
        ]
    if asked_for <= paced:
        return []
    week = "" if average is None else f"your last week averaged {average:.0f} min, and "
    return [
        f"You asked for {asked_for} min, more than the {paced} min your log suggests: {week}"
        "jumps of more than about 20 % a week risk a flare."
    ]


def _wish_notes(
    wishes: Wishes, leg: bool, draft: _Draft, catalogue: Sequence[Exercise]
) -> list[str]:
    """One line for each of the user's own rules that shaped the plan."""
    notes = []
    if wishes.direction == "extension":
        notes.append(
            "Bending backwards eases your back (direction = extension): plans of 10 minutes "
            "or more include a backward-bending move, and holds at the end of forward bending "
            "are left out from pain 4."
        )
    elif wishes.direction == "flexion":
        notes.append(
            "Bending forwards eases your back (direction = flexion): plans of 10 minutes or "
            "more include a forward-bending move, and holds at the end of backward bending "
            "are left out from pain 4."
        )
    if leg:
        slider = any(is_slider(e) for e in draft.chosen)
        held = "this plan includes a nerve slider" if slider else "no nerve slider fits today"
        notes.append(
            f"Leg pain of 2 or more today or in the past week: {held}. Stop any move that sends "
            "pain further down your leg; pain or numbness in both legs is an emergency (see "
            "`movecoach safety`)."
        )
    if wishes.avoid:
        count = sum(avoided(e, wishes.avoid) for e in catalogue)
        noun = "exercise" if count == 1 else "exercises"
        notes.append(f"Left out by your avoid setting ({', '.join(wishes.avoid)}): {count} {noun}.")
    return notes


def _left_out_notes(
    left_out: Mapping[str, tuple[int, dt.date]], catalogue: Sequence[Exercise]
) -> list[str]:
    """A line for each exercise that is sitting out because it keeps going too far."""
    names = {e.id: e.name for e in catalogue}
    return [
        f"{names.get(ident, ident)} is left out until {back - dt.timedelta(days=1):%a %d %b}: "
        f"it was part of {count} sessions in the last 30 days that went too far (pain up 2 or "
        "more) and of none that went well."
        for ident, (count, back) in sorted(left_out.items())
        if ident in names
    ]


def _unfilled_note(draft: _Draft, asked: int) -> list[str]:
    """When the catalogue could not fill the time (not when pain is high: short is the point
    then)."""
    if draft.total >= asked - 1 or draft.level >= HIGH_PAIN:
        return []
    return [
        f"Only {draft.total} of the {asked} minutes could be filled with exercises that suit "
        "your equipment, your settings and today's pain."
    ]
