"""The guided session's state machine, driven by a fake clock: time is only what the clock says."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import guide
from movecoach.core.guide import Kind, Phase, Status
from movecoach.core.models import Exercise, Plan, PlanItem
from movecoach.errors import InputError


def exercise(ident: str, minutes: int) -> Exercise:
    return Exercise(
        id=ident,
        name=ident.replace("-", " ").title(),
        category="mobility",
        position="standing",
        equipment=(),
        minutes=minutes,
        dose="10 times",
        max_pain=10,
        steps=("Move gently.",),
        caution="Keep it easy.",
        benefit="Loosens up.",
    )


def plan(*minutes: int) -> Plan:
    items = tuple(PlanItem(exercise(f"ex-{n}", m), m) for n, m in enumerate(minutes, 1))
    return Plan(dt.date(2026, 3, 10), sum(minutes), 2, (), items)


# Three exercises of 2, 1 and 3 minutes with 15 s rests: 0-120 ex-1, 120-135 rest,
# 135-195 ex-2, 195-210 rest, 210-390 ex-3.
THREE = guide.timeline(plan(2, 1, 3), rest_seconds=15)
T0 = 1000.0  # monotonic clocks start anywhere


def test_timeline_has_rests_between_exercises_but_not_after_the_last() -> None:
    assert [(b.kind, b.item, b.start, b.seconds) for b in THREE.blocks] == [
        (Kind.EXERCISE, 0, 0, 120),
        (Kind.REST, 1, 120, 15),
        (Kind.EXERCISE, 1, 135, 60),
        (Kind.REST, 2, 195, 15),
        (Kind.EXERCISE, 2, 210, 180),
    ]
    assert (THREE.total_seconds, THREE.exercise_seconds, THREE.rest_seconds) == (390, 360, 30)


def test_no_rest_blocks_when_rest_is_zero() -> None:
    line = guide.timeline(plan(2, 1), rest_seconds=0)
    assert [b.kind for b in line.blocks] == [Kind.EXERCISE, Kind.EXERCISE]
    assert line.total_seconds == 180


@pytest.mark.parametrize("rest", [-1, 121])
def test_rest_out_of_range_is_refused(rest: int) -> None:
    with pytest.raises(InputError, match="rest"):
        guide.timeline(plan(2), rest)


def test_an_empty_plan_is_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        guide.timeline(plan(), 15)


def test_time_moves_through_blocks_and_the_session_finishes_on_time() -> None:
    state = guide.begin(THREE, T0)
    state = state.tick(T0 + 119.5)
    assert (state.position, state.remaining) == (0, pytest.approx(0.5))
    state = state.tick(T0 + 125)
    assert state.block == THREE.blocks[1]  # the first rest
    assert state.remaining == pytest.approx(10)
    state = state.tick(T0 + 10_000)  # a very late tick: the clock stops at the real end
    assert state.phase is Phase.FINISHED
    assert state.wall_seconds == pytest.approx(390)
    assert [state.status(i) for i in range(3)] == [Status.DONE] * 3
    result = guide.outcome(state)
    assert result is not None
    assert result.exercise_ids == ("ex-1", "ex-2", "ex-3")
    assert result.seconds == pytest.approx(360)  # the 30 s of rest are not exercise time
    assert result.minutes == 6


def test_pause_stops_time_and_resume_carries_on() -> None:
    state = guide.begin(THREE, T0).tick(T0 + 30).pause(T0 + 40)
    assert state.phase is Phase.PAUSED
    state = state.tick(T0 + 500)
    assert state.elapsed[0] == pytest.approx(40)
    assert state.remaining == pytest.approx(80)
    state = state.resume(T0 + 600).tick(T0 + 610)
    assert state.elapsed[0] == pytest.approx(50)
    assert state.paused_seconds == pytest.approx(560)
    assert state.running_seconds + state.paused_seconds == pytest.approx(state.wall_seconds)


def test_n_moves_on_and_keeps_the_time_already_spent() -> None:
    state = guide.begin(THREE, T0).skip(T0 + 50)
    assert state.block == THREE.blocks[2]  # past the rest, straight to ex-2
    assert state.status(0) is Status.PARTLY_DONE
    state = state.tick(T0 + 50 + 60)  # ex-2 runs its full minute
    assert state.block == THREE.blocks[3]
    state = state.skip(T0 + 115)  # `n` during a rest ends the rest
    assert state.block == THREE.blocks[4]
    state = state.tick(T0 + 115 + 180)
    assert state.phase is Phase.FINISHED
    result = guide.outcome(state)
    assert result is not None
    assert result.exercise_ids == ("ex-1", "ex-2", "ex-3")
    assert result.seconds == pytest.approx(50 + 60 + 180)  # ex-1's 50 s are kept


def test_n_before_any_time_passed_skips_the_exercise() -> None:
    state = guide.begin(THREE, T0).skip(T0)
    assert state.status(0) is Status.SKIPPED
    state = state.tick(T0 + 60).stop(T0 + 60)
    assert guide.outcome(state).exercise_ids == ("ex-2",)  # type: ignore[union-attr]


def test_n_on_the_last_exercise_finishes_the_session() -> None:
    state = guide.begin(THREE, T0).tick(T0 + 300).skip(T0 + 301)
    assert state.phase is Phase.FINISHED
    assert state.status(2) is Status.PARTLY_DONE
    assert guide.outcome(state).exercise_ids == ("ex-1", "ex-2", "ex-3")  # type: ignore[union-attr]


def test_skip_keeps_a_pause() -> None:
    state = guide.begin(THREE, T0).pause(T0 + 5).skip(T0 + 6)
    assert (state.phase, state.position) == (Phase.PAUSED, 2)
    assert state.tick(T0 + 100).elapsed[2] == 0


def test_stop_early_logs_only_what_was_done() -> None:
    state = guide.begin(THREE, T0).tick(T0 + 150).stop(T0 + 165)  # 30 s into ex-2
    assert state.phase is Phase.STOPPED
    assert [state.status(i) for i in range(3)] == [
        Status.DONE,
        Status.PARTLY_DONE,
        Status.NOT_STARTED,
    ]
    result = guide.outcome(state)
    assert result is not None
    assert result.exercise_ids == ("ex-1", "ex-2")
    assert result.seconds == pytest.approx(150)
    assert result.minutes == 2  # round(2.5) under Python's rounding; at least 1 either way
    assert state.tick(T0 + 999) == state  # a stopped session ignores the clock


def test_stop_during_a_rest_does_not_count_the_rest() -> None:
    state = guide.begin(THREE, T0).tick(T0 + 130).stop(T0 + 130)
    result = guide.outcome(state)
    assert result is not None
    assert (result.exercise_ids, result.seconds) == (("ex-1",), pytest.approx(120))


def test_stopping_before_any_time_passed_logs_nothing() -> None:
    assert guide.outcome(guide.begin(THREE, T0).stop(T0)) is None


def test_moving_past_every_exercise_at_once_logs_nothing() -> None:
    state = guide.begin(THREE, T0)
    for _ in range(3):
        state = state.skip(T0)
    assert state.phase is Phase.FINISHED
    assert guide.outcome(state) is None


# --- the lead-in, and the changes a player announces -------------------------------------------

LEAD = guide.timeline(plan(2, 1), rest_seconds=10, lead_in=5)  # 0-5 get ready, 5-125 ex-1 ...


def test_a_lead_in_comes_before_the_first_exercise_and_is_not_logged() -> None:
    assert [(b.kind, b.start, b.seconds) for b in LEAD.blocks] == [
        (Kind.LEAD_IN, 0, 5),
        (Kind.EXERCISE, 5, 120),
        (Kind.REST, 125, 10),
        (Kind.EXERCISE, 135, 60),
    ]
    assert (LEAD.lead_in_seconds, LEAD.rest_seconds, LEAD.total_seconds) == (5, 10, 195)
    state = guide.begin(LEAD, T0).tick(T0 + 4)
    assert state.block is not None
    assert state.block.kind is Kind.LEAD_IN
    assert guide.outcome(state.stop(T0 + 4)) is None
    skipped = guide.begin(LEAD, T0).skip(T0 + 1)  # `n` ends the lead-in
    assert skipped.block == LEAD.blocks[1]
    assert skipped.skipped == frozenset()


@pytest.mark.parametrize("lead_in", [-1, 61])
def test_a_lead_in_out_of_range_is_refused(lead_in: int) -> None:
    with pytest.raises(InputError, match="lead-in"):
        guide.timeline(plan(2), 15, lead_in)


def test_changes_name_each_start_halfway_pause_and_move_on() -> None:
    Change = guide.Change
    begun = guide.begin(LEAD, T0)
    assert [(e.change, e.block) for e in guide.changes(None, begun)] == [(Change.STARTED, 0)]
    states = [begun]
    for step in (
        lambda s: s.tick(T0 + 6),  # into ex-1
        lambda s: s.tick(T0 + 66),  # its halfway point (60 s of 120)
        lambda s: s.pause(T0 + 70),
        lambda s: s.resume(T0 + 90),
        lambda s: s.skip(T0 + 95),  # `n`: 70 s of ex-1 kept, the rest skipped too
        lambda s: s.tick(T0 + 400),  # to the end, in one late tick: no halfway to announce
    ):
        states.append(step(states[-1]))
    seen = [
        [(e.change, e.block, round(e.at), round(e.spent)) for e in guide.changes(a, b)]
        for a, b in itertools.pairwise(states)
    ]
    assert seen == [
        [(Change.STARTED, 1, 5, 0)],
        [(Change.HALFWAY, 1, 65, 0)],
        [(Change.PAUSED, 1, 70, 0)],
        [(Change.RESUMED, 1, 70, 0)],
        [(Change.MOVED_ON, 1, 75, 70), (Change.STARTED, 3, 75, 0)],
        [(Change.ENDED, 3, 135, 0)],
    ]


def test_a_few_seconds_log_one_minute() -> None:
    result = guide.outcome(guide.begin(THREE, T0).stop(T0 + 3))
    assert result is not None
    assert result.minutes == 1


def test_a_clock_that_steps_back_never_takes_time_away() -> None:
    state = guide.begin(THREE, T0).tick(T0 + 50).tick(T0 + 20)
    assert state.elapsed[0] == pytest.approx(50)


def test_fifteen_minutes_of_late_ticks_do_not_drift() -> None:
    """Ticks every 0.25 s that each wake up 7 ms late: the total is still the clock's."""
    line = guide.timeline(plan(5, 5, 5), rest_seconds=0)
    state = guide.begin(line, 0.0)
    now = 0.0
    ticks = 0
    while state.active:
        now += min(0.25, state.remaining) + 0.007
        state = state.tick(now)
        ticks += 1
    assert state.wall_seconds == pytest.approx(900, abs=1e-6)
    summed_sleeps = ticks * 0.25
    assert abs(summed_sleeps - 900) > 1, "summing sleeps would have drifted"


@pytest.mark.parametrize(
    ("before", "after", "ease"),
    [
        (2, 5, True),
        (2, 4, True),
        (2, 3, False),
        (0, 10, True),
        (5, 2, False),
        (None, 9, False),
        (3, None, False),
    ],
)
def test_ease_off_when_pain_rises_two_points(before, after, ease) -> None:
    assert guide.should_ease_off(before, after) is ease


@pytest.mark.parametrize(
    ("scores", "verdict"),
    [
        ((3, 5, None, None), guide.Verdict.EASE_OFF),
        ((3, 3, 2, 4), guide.Verdict.EASE_OFF),  # leg pain follows the same rule
        ((3, 4, None, None), guide.Verdict.ROSE_ONE),
        ((3, 2, 2, 3), guide.Verdict.ROSE_ONE),
        ((4, 2, None, None), guide.Verdict.NO_RISE),
        ((None, 4, 2, None), None),
    ],
)
def test_the_end_screen_verdict_follows_the_one_rule(scores, verdict) -> None:
    assert guide.verdict(*scores) is verdict


# --- properties -----------------------------------------------------------------------------

events_st = st.lists(
    st.tuples(
        st.sampled_from(["tick", "pause", "resume", "toggle_pause", "skip", "stop"]),
        st.floats(min_value=0, max_value=200, allow_nan=False),
    ),
    max_size=40,
)
plans_st = st.lists(st.integers(1, 5), min_size=1, max_size=5)


def play(minutes: list[int], rest: int, events: list[tuple[str, float]]) -> guide.State:
    state = guide.begin(guide.timeline(plan(*minutes), rest), T0)
    now = T0
    for name, gap in events:
        now += gap
        state = getattr(state, name)(now)
    return state


@given(plans_st, st.integers(0, 120), events_st)
def test_any_events_keep_the_books_straight(minutes, rest, events) -> None:
    state = play(minutes, rest, events)
    line = state.timeline
    # Time in blocks plus time paused is the clock time from start to the latest event.
    assert state.running_seconds + state.paused_seconds == pytest.approx(state.wall_seconds)
    for block, spent in zip(line.blocks, state.elapsed, strict=True):
        assert 0 <= spent <= block.seconds
    result = guide.outcome(state)
    if result is None:
        return
    # Logged time never exceeds wall time minus pauses, and rests never count.
    rests = sum(s for b, s in zip(line.blocks, state.elapsed, strict=True) if b.kind is Kind.REST)
    assert result.seconds <= state.wall_seconds - state.paused_seconds - rests + 1e-6
    assert result.minutes >= 1
    assert result.minutes <= max(1, round((state.wall_seconds - state.paused_seconds) / 60))
    # Skipped exercises are never logged; the rest keep the plan's order.
    ids = [item.exercise.id for item in line.items]
    skipped = {ids[i] for i in state.skipped}
    assert not skipped & set(result.exercise_ids)
    assert list(result.exercise_ids) == [i for i in ids if i in result.exercise_ids]


@given(plans_st, st.integers(0, 120), events_st)
def test_an_ended_session_ignores_further_events(minutes, rest, events) -> None:
    state = play(minutes, rest, [*events, ("stop", 1.0)])
    assert not state.active
    for name in ("tick", "pause", "resume", "skip", "stop"):
        assert getattr(state, name)(state.last + 100) == state


@given(plans_st, st.integers(0, 120))
def test_an_uninterrupted_session_logs_every_exercise_and_its_full_time(minutes, rest) -> None:
    state = play(minutes, rest, [("tick", 1e6)])
    assert state.phase is Phase.FINISHED
    result = guide.outcome(state)
    assert result is not None
    assert len(result.exercise_ids) == len(minutes)
    assert result.minutes == sum(minutes)
    assert state.wall_seconds == pytest.approx(sum(minutes) * 60 + rest * (len(minutes) - 1))


# --- where each exercise stands -------------------------------------------------------------------


def test_status_of_each_exercise_as_the_session_goes() -> None:
    state = guide.begin(THREE, T0)
    assert [state.status(i) for i in range(3)] == [
        Status.IN_PROGRESS,  # the running one, even before a second has passed
        Status.NOT_STARTED,
        Status.NOT_STARTED,
    ]
    resting = state.tick(T0 + 125)  # in the rest before ex-2
    assert [resting.status(i) for i in range(3)] == [
        Status.DONE,
        Status.NOT_STARTED,
        Status.NOT_STARTED,
    ]
    stopped = resting.tick(T0 + 140).stop(T0 + 140)
    assert [stopped.status(i) for i in range(3)] == [
        Status.DONE,
        Status.PARTLY_DONE,
        Status.NOT_STARTED,
    ]
    stopped_at_once = guide.begin(THREE, T0).stop(T0)
    assert stopped_at_once.status(0) is Status.NOT_STARTED


def test_a_fraction_of_a_second_counts_as_done_work() -> None:
    state = guide.begin(THREE, T0).tick(T0 + 0.5).stop(T0 + 0.5)
    assert state.status(0) is Status.PARTLY_DONE
    result = guide.outcome(state)
    assert result is not None
    assert result.exercise_ids == ("ex-1",)
    assert result.seconds == pytest.approx(0.5)
    assert result.minutes == 1


def test_skipping_the_last_exercise_ends_past_every_block() -> None:
    state = guide.begin(THREE, T0).skip(T0 + 1).skip(T0 + 2)
    assert state.position == 4  # ex-3, after the rest that leads to it
    done = state.skip(T0 + 3)
    assert done.phase is Phase.FINISHED
    assert done.position == len(THREE.blocks)
    assert done.block is None
    assert done.remaining == 0.0


def test_a_tick_inside_a_block_adds_only_the_gap() -> None:
    state = guide.begin(THREE, T0).tick(T0 + 30).tick(T0 + 30.25)
    assert state.elapsed[0] == pytest.approx(30.25)
    assert state.elapsed[1:] == (0.0,) * (len(THREE.blocks) - 1)
    assert state.remaining == pytest.approx(89.75)
    assert state.position == 0


def test_the_block_of_an_exercise_not_in_the_plan() -> None:
    assert THREE.exercise_block(2) == 4
    with pytest.raises(IndexError, match=r"^3$"):
        THREE.exercise_block(3)


def test_a_tick_past_the_end_finishes_after_the_last_block() -> None:
    done = guide.begin(THREE, T0).tick(T0 + 10_000)
    assert done.phase is Phase.FINISHED
    assert done.position == len(THREE.blocks)
    assert done.last == T0 + THREE.total_seconds  # the clock stops when the session ended
    assert done.running_seconds == THREE.total_seconds


def test_an_empty_plan_is_refused_in_words() -> None:
    with pytest.raises(InputError) as caught:
        guide.timeline(plan(), 15)
    assert str(caught.value) == "the plan for these options is empty; there is nothing to guide"


def test_each_block_starts_where_the_one_before_ends() -> None:
    """Built inside the test, not at import, so the timeline's own arithmetic is what runs."""
    line = guide.timeline(plan(2, 1, 3), rest_seconds=15)
    assert [(b.start, b.seconds) for b in line.blocks] == [
        (0, 120), (120, 15), (135, 60), (195, 15), (210, 180),
    ]  # fmt: skip
    assert line.total_seconds == 390
    longest = guide.timeline(plan(1, 1), rest_seconds=guide.MAX_REST_SECONDS)
    assert [b.start for b in longest.blocks] == [0, 60, 180]
