"""A guided session as a pure state machine: which block is running at a given clock reading.

The players in `live.py` feed it readings of a monotonic clock with every event (tick, pause,
resume, skip, stop). All elapsed time comes from differences between those readings, never
from adding up sleeps, so a session cannot drift from the wall clock however late the player
wakes. No terminal, no Rich and no clock reads here: tests drive it with a fake clock.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from movecoach.core import pain
from movecoach.core.models import Plan, PlanItem
from movecoach.errors import InputError

DEFAULT_REST_SECONDS = 15
MAX_REST_SECONDS = 120
DEFAULT_LEAD_IN = 5  # seconds to get ready before the first exercise
MAX_LEAD_IN = 60
KEPT_SECONDS = 1.0  # `n` keeps the time spent in an exercise from this much; less is a skip


class Kind(enum.Enum):
    EXERCISE = "exercise"
    REST = "rest"
    LEAD_IN = "get ready"  # the countdown before the first exercise


class Block(NamedTuple):
    """One stretch of the timeline: an exercise, or the rest (or, before the first, the
    lead-in) before exercise `item`."""

    kind: Kind
    item: int  # index into Timeline.items: the exercise itself, or the one a rest leads to
    start: int  # planned offset from the start of the session, in seconds
    seconds: int


class Timeline(NamedTuple):
    items: tuple[PlanItem, ...]
    blocks: tuple[Block, ...]

    @property
    def total_seconds(self) -> int:
        return sum(block.seconds for block in self.blocks)

    @property
    def exercise_seconds(self) -> int:
        return sum(b.seconds for b in self.blocks if b.kind is Kind.EXERCISE)

    @property
    def lead_in_seconds(self) -> int:
        return sum(b.seconds for b in self.blocks if b.kind is Kind.LEAD_IN)

    @property
    def rest_seconds(self) -> int:
        return self.total_seconds - self.exercise_seconds - self.lead_in_seconds

    def exercise_block(self, item: int) -> int:
        """The block index of exercise `item` (rests sit between, so it is not `item`)."""
        for index, block in enumerate(self.blocks):
            if block.kind is Kind.EXERCISE and block.item == item:
                return index
        raise IndexError(item)


def timeline(plan: Plan, rest_seconds: int = DEFAULT_REST_SECONDS, lead_in: int = 0) -> Timeline:
    """A lead-in of `lead_in` s (none at 0), then exercise blocks of `minutes * 60` s with a
    rest between each two, none after the last."""
    if not 0 <= rest_seconds <= MAX_REST_SECONDS:
        raise InputError(f"rest must be 0-{MAX_REST_SECONDS} seconds, got {rest_seconds}")
    if not 0 <= lead_in <= MAX_LEAD_IN:
        raise InputError(f"the lead-in must be 0-{MAX_LEAD_IN} seconds, got {lead_in}")
    if not plan.items:
        raise InputError("the plan for these options is empty; there is nothing to guide")
    blocks: list[Block] = [Block(Kind.LEAD_IN, 0, 0, lead_in)] if lead_in else []
    offset = lead_in
    for index, item in enumerate(plan.items):
        if index and rest_seconds:
            blocks.append(Block(Kind.REST, index, offset, rest_seconds))
            offset += rest_seconds
        blocks.append(Block(Kind.EXERCISE, index, offset, item.minutes * 60))
        offset += item.minutes * 60
    return Timeline(plan.items, tuple(blocks))


class Phase(enum.Enum):
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"  # the last block ran out, or the last exercise was skipped
    STOPPED = "stopped"  # the user stopped early


class Status(enum.Enum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    PARTLY_DONE = "partly done"
    SKIPPED = "skipped"


class State(NamedTuple):
    """Where a session stands after the events so far. Every event returns a new State.

    `elapsed` holds the running (unpaused) seconds spent in each block, so their sum plus
    `paused_seconds` is always the clock time from `started` to `last`.
    """

    timeline: Timeline
    phase: Phase
    position: int  # index of the current block; len(blocks) once the last one has run out
    elapsed: tuple[float, ...]
    skipped: frozenset[int]  # items skipped with `n`: never logged
    started: float
    last: float  # the clock reading of the latest event
    paused_seconds: float = 0.0

    # --- queries ---------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.phase in (Phase.RUNNING, Phase.PAUSED)

    @property
    def block(self) -> Block | None:
        blocks = self.timeline.blocks
        return blocks[self.position] if self.active and self.position < len(blocks) else None

    @property
    def remaining(self) -> float:
        """Seconds left in the current block, as of the latest event."""
        block = self.block
        return 0.0 if block is None else block.seconds - self.elapsed[self.position]

    @property
    def next_block(self) -> Block | None:
        blocks = self.timeline.blocks
        return blocks[self.position + 1] if self.position + 1 < len(blocks) else None

    @property
    def running_seconds(self) -> float:
        """Time spent in blocks (exercise and rest), pauses left out."""
        return sum(self.elapsed)

    @property
    def wall_seconds(self) -> float:
        return self.last - self.started

    def status(self, item: int) -> Status:
        index = self.timeline.exercise_block(item)
        spent = self.elapsed[index]
        if item in self.skipped:
            return Status.SKIPPED
        if spent >= self.timeline.blocks[index].seconds:
            return Status.DONE
        if self.active and index == self.position:
            return Status.IN_PROGRESS
        return Status.PARTLY_DONE if spent > 0 else Status.NOT_STARTED

    # --- events ----------------------------------------------------------------------------

    def tick(self, now: float) -> State:
        """Move the clock on to `now`, rolling into the next blocks as each one runs out."""
        if not self.active:
            return self
        gap = max(0.0, now - self.last)
        if self.phase is Phase.PAUSED:
            return self._replace(last=max(now, self.last), paused_seconds=self.paused_seconds + gap)
        elapsed = list(self.elapsed)
        position = self.position
        blocks = self.timeline.blocks
        while position < len(blocks):
            room = blocks[position].seconds - elapsed[position]
            if gap < room:
                elapsed[position] += gap
                gap = 0.0
                break
            elapsed[position] = float(blocks[position].seconds)
            gap -= room
            position += 1
        if position < len(blocks):
            return self._replace(
                position=position, elapsed=tuple(elapsed), last=max(now, self.last)
            )
        # The session ended `gap` seconds before `now`: the clock stops at that moment.
        return self._replace(
            phase=Phase.FINISHED,
            position=position,
            elapsed=tuple(elapsed),
            last=max(now, self.last) - gap,
        )

    def pause(self, now: float) -> State:
        state = self.tick(now)
        if state.phase is not Phase.RUNNING:
            return state
        return state._replace(phase=Phase.PAUSED)

    def resume(self, now: float) -> State:
        state = self.tick(now)
        if state.phase is not Phase.PAUSED:
            return state
        return state._replace(phase=Phase.RUNNING)

    def toggle_pause(self, now: float) -> State:
        return self.resume(now) if self.phase is Phase.PAUSED else self.pause(now)

    def skip(self, now: float) -> State:
        """End the current block (`n`). The time already spent in an exercise is kept, and
        logged; an exercise moved past within its first second is skipped. A rest or the
        lead-in just ends. Either way the next exercise starts (a pause carries over)."""
        state = self.tick(now)
        block = state.block
        if block is None:
            return state
        skipped = state.skipped
        if block.kind is Kind.EXERCISE and state.elapsed[state.position] < KEPT_SECONDS:
            skipped = skipped | {block.item}
        blocks = state.timeline.blocks
        position = state.position + 1
        while position < len(blocks) and blocks[position].kind is not Kind.EXERCISE:
            position += 1
        if position >= len(blocks):
            return state._replace(phase=Phase.FINISHED, position=len(blocks), skipped=skipped)
        return state._replace(position=position, skipped=skipped)

    def stop(self, now: float) -> State:
        state = self.tick(now)
        if not state.active:
            return state
        return state._replace(phase=Phase.STOPPED)


def begin(plan_timeline: Timeline, now: float) -> State:
    """The first exercise's timer starts at `now`."""
    return State(
        timeline=plan_timeline,
        phase=Phase.RUNNING,
        position=0,
        elapsed=(0.0,) * len(plan_timeline.blocks),
        skipped=frozenset(),
        started=now,
        last=now,
    )


class Outcome(NamedTuple):
    """What to log: exercises done or stopped in partway, and the time spent in them."""

    exercise_ids: tuple[str, ...]
    seconds: float  # exercise time only: rests, pauses and skipped exercises left out

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))


def outcome(state: State) -> Outcome | None:
    """What the session adds to the log, or None when no exercise time was spent."""
    ids: list[str] = []
    seconds = 0.0
    for item, plan_item in enumerate(state.timeline.items):
        if item in state.skipped:
            continue
        spent = state.elapsed[state.timeline.exercise_block(item)]
        if spent > 0:
            ids.append(plan_item.exercise.id)
            seconds += spent
    if not ids:
        return None
    return Outcome(tuple(ids), seconds)


class Change(enum.Enum):
    """What a player announces: a line on screen, and a sentence with `--speak`."""

    STARTED = "started"  # a block began: the lead-in, an exercise or a rest
    HALFWAY = "halfway"  # half of an exercise is done
    MOVED_ON = "moved on"  # `n` ended an exercise early; its time is kept
    PAUSED = "paused"
    RESUMED = "resumed"
    ENDED = "ended"  # finished or stopped


class Event(NamedTuple):
    change: Change
    block: int  # index into the timeline's blocks (for ENDED, where the session got to)
    at: float  # running seconds into the session when it happened
    spent: float = 0.0  # MOVED_ON: the seconds spent in the exercise, which are kept


def changes(before: State | None, after: State) -> list[Event]:
    """What happened between two states of one session, in order (`before` None: the
    session has just begun)."""
    events = [] if before is None else _left(before, after)
    events += _started(before, after)
    events += _halfway(before, after)
    if before is not None and before.phase is not after.phase:
        events.append(_phase_event(after))
    return events


def _started(before: State | None, after: State) -> list[Event]:
    """Each block that began: those run through, and the one now running."""
    blocks = after.timeline.blocks
    first = 0 if before is None else before.position + 1
    return [
        Event(Change.STARTED, index, sum(after.elapsed[:index]))
        for index in range(first, min(after.position + 1, len(blocks)))
        if after.elapsed[index] > 0 or (index == after.position and after.active)
    ]


def _halfway(before: State | None, after: State) -> list[Event]:
    """The running exercise passed its halfway point."""
    current = after.position
    block = after.block
    if block is None or block.kind is not Kind.EXERCISE:
        return []
    half = block.seconds / 2
    was = 0.0 if before is None or before.position != current else before.elapsed[current]
    if was < half <= after.elapsed[current]:
        return [Event(Change.HALFWAY, current, sum(after.elapsed[:current]) + half)]
    return []


def _left(before: State, after: State) -> list[Event]:
    """An exercise moved past with `n` before its time was up, time spent in it."""
    index = before.position
    blocks = after.timeline.blocks
    if index >= len(blocks) or blocks[index].kind is not Kind.EXERCISE:
        return []
    spent = after.elapsed[index]
    if after.position > index and spent < blocks[index].seconds:
        return [Event(Change.MOVED_ON, index, sum(after.elapsed[: index + 1]), spent)]
    return []


def _phase_event(after: State) -> Event:
    change = {
        Phase.PAUSED: Change.PAUSED,
        Phase.RUNNING: Change.RESUMED,
    }.get(after.phase, Change.ENDED)
    return Event(change, min(after.position, len(after.timeline.blocks) - 1), after.running_seconds)


class Verdict(enum.Enum):
    """What the end screen says about the pain scores of a session (`pain`'s one rule)."""

    EASE_OFF = "ease off"  # back or leg pain rose 2 or more: the next plan eases off
    ROSE_ONE = "rose one"  # a rise of 1: normal and fine
    NO_RISE = "no rise"


def should_ease_off(
    pain_before: int | None,
    pain_after: int | None,
    leg_before: int | None = None,
    leg_after: int | None = None,
) -> bool:
    """The session went too far, by the one pain-response rule (`core.pain`): back or leg
    pain rose by 2 points or more."""
    return pain.went_too_far(pain_before, pain_after, leg_before=leg_before, leg_after=leg_after)


def verdict(
    pain_before: int | None,
    pain_after: int | None,
    leg_before: int | None = None,
    leg_after: int | None = None,
) -> Verdict | None:
    """The end screen's verdict, or None when no pain was scored both before and after."""
    if should_ease_off(pain_before, pain_after, leg_before, leg_after):
        return Verdict.EASE_OFF
    rises = [
        after - before
        for before, after in ((pain_before, pain_after), (leg_before, leg_after))
        if before is not None and after is not None
    ]
    if not rises:
        return None
    return Verdict.ROSE_ONE if max(rises) >= 1 else Verdict.NO_RISE
