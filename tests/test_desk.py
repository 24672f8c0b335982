"""Desk breaks (core/desk.py): which exercises suit a desk (the one rule, and its switch to the
`desk` tag) and the break's plan; `movecoach break` itself is tested in
test_desk_command.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from movecoach.core import desk
from movecoach.errors import InputError
from movecoach.store.catalogue import load_bundled

TODAY = dt.date(2026, 3, 10)
CATALOGUE = load_bundled()


def upright_and_short(exercise: object) -> bool:
    return (
        getattr(exercise, "position", None) in ("standing", "sitting")
        and set(getattr(exercise, "equipment", ())) <= {"chair"}
        and getattr(exercise, "minutes", 99) <= 3
    )


def test_the_catalogues_desk_set_with_a_chair_at_most() -> None:
    chosen = desk.desk_exercises(CATALOGUE)
    assert len(chosen) >= 6
    assert all("desk" in e.tags and upright_and_short(e) for e in chosen)
    ids = {e.id for e in chosen}
    assert {"seated-twist", "stand-up-break"} <= ids
    assert "band-pull-apart" not in ids, "no band at a desk"
    assert not {"knee-rolls", "bridge", "easy-walk", "cat-camel"} & ids


def test_without_tags_a_desk_move_is_short_upright_mobility_or_stretch() -> None:
    chosen = desk.desk_exercises([dataclasses.replace(e, tags=()) for e in CATALOGUE])
    assert len(chosen) >= 6
    for exercise in chosen:
        assert upright_and_short(exercise)
        assert exercise.category in ("mobility", "stretch")
    assert not {"knee-rolls", "bridge", "easy-walk", "cat-camel"} & {e.id for e in chosen}


def test_once_exercises_are_tagged_only_the_desk_ones_are_chosen() -> None:
    move = {"position": "standing", "equipment": (), "minutes": 2, "category": "strength"}
    tagged = [
        SimpleNamespace(id="a", tags=("floor",), **move),
        SimpleNamespace(id="b", tags=("desk", "standing"), **move),
        SimpleNamespace(id="c", tags=("desk",), **move),
        SimpleNamespace(id="d", tags=("desk",), **(move | {"equipment": ("band",)})),
    ]
    assert [e.id for e in desk.desk_exercises(tagged)] == ["b", "c"]  # type: ignore[arg-type]


@pytest.mark.parametrize("minutes", [1, 2, 3, 4, 5])
def test_a_break_fills_its_minutes_standing_moves_first(minutes: int) -> None:
    plan = desk.break_plan(CATALOGUE, minutes, TODAY)
    assert plan.total_minutes == minutes
    positions = [item.exercise.position for item in plan.items]
    assert positions == sorted(positions, key=lambda p: p != "standing")
    assert all(item.minutes >= 1 for item in plan.items)
    assert desk.break_plan(CATALOGUE, minutes, TODAY) == plan, "the same for the same turn"


def test_each_break_of_a_day_moves_differently() -> None:
    firsts = [desk.break_plan(CATALOGUE, 3, TODAY, turn).exercise_ids for turn in range(3)]
    assert len(set(firsts)) == 3


@pytest.mark.parametrize("minutes", [0, 6])
def test_a_break_is_1_to_5_minutes(minutes: int) -> None:
    with pytest.raises(InputError, match="1 to 5 minutes"):
        desk.break_plan(CATALOGUE, minutes, TODAY)


def test_a_catalogue_without_desk_exercises_is_refused() -> None:
    floor = [dataclasses.replace(e, position="lying") for e in CATALOGUE]
    with pytest.raises(InputError, match="no desk exercises"):
        desk.break_plan(floor, 3, TODAY)
