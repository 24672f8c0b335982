"""The exercise catalogue: read `exercises.toml` and refuse anything that is not valid.

The bundled file ships inside the wheel and is read through `importlib.resources`, so the
installed command needs no checkout. A user's own file has the same schema; every error names
the file, the exercise and the field so it can be fixed by hand.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from movecoach.core.models import CATEGORIES, EQUIPMENT, MAX_PAIN, POSITIONS, Exercise
from movecoach.errors import CatalogueError

BUNDLED_NAME = "exercises.toml (bundled)"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_EXERCISE_MINUTES = 60
REQUIRED = (
    "id",
    "name",
    "category",
    "position",
    "equipment",
    "minutes",
    "dose",
    "max_pain",
    "steps",
    "caution",
    "benefit",
)
OPTIONAL = ("max_minutes", "end_range")


def bundled_text() -> str:
    return resources.files("movecoach").joinpath("data", "exercises.toml").read_text("utf-8")


@cache
def load_bundled(cache_dir: str | None = None) -> tuple[Exercise, ...]:
    """The bundled catalogue. Parsing its TOML costs about 12 ms of every `today`, so with a
    `cache_dir` that already exists the parsed exercises are kept there, keyed by a hash of
    the file's text (a new version of movecoach brings a new hash)."""
    text = bundled_text()
    if cache_dir is None:
        return parse_catalogue(text, BUNDLED_NAME)
    import marshal
    import os

    from movecoach.store.memo import blob_hash

    memo = os.path.join(cache_dir, "catalogue.marshal")
    key = blob_hash(text.encode("utf-8"))
    try:
        with open(memo, "rb") as handle:
            data = marshal.loads(handle.read())
        if data["key"] == key:
            return tuple(Exercise(**row) for row in data["exercises"])
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass
    exercises = parse_catalogue(text, BUNDLED_NAME)
    if os.path.isdir(cache_dir):  # never the first folder a read-only command creates
        from pathlib import Path

        from movecoach.store.files import atomic_write

        rows = [dict(vars(exercise)) for exercise in exercises]
        with contextlib.suppress(OSError):
            payload = marshal.dumps({"key": key, "exercises": rows})
            atomic_write(Path(memo), payload, durable=False)
    return exercises


def parse_catalogue(text: str, name: str, source: str = "bundled") -> tuple[Exercise, ...]:
    """Parse and validate a catalogue file's text; `name` is how errors refer to the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CatalogueError(f"{name}: not valid TOML: {err}") from err
    unknown = sorted(set(data) - {"exercise"})
    if unknown:
        raise CatalogueError(
            f"{name}: unknown top-level key {unknown[0]!r}; the file holds [[exercise]] tables"
        )
    tables = data.get("exercise", [])
    if not isinstance(tables, list):
        raise CatalogueError(f"{name}: 'exercise' must be a list of [[exercise]] tables")
    exercises: list[Exercise] = []
    seen: set[str] = set()
    for index, table in enumerate(tables, start=1):
        exercise = _exercise(table, index, name, source)
        if exercise.id in seen:
            raise CatalogueError(f"{name}: exercise #{index}: duplicate id {exercise.id!r}")
        seen.add(exercise.id)
        exercises.append(exercise)
    return tuple(exercises)


def merge(bundled: Iterable[Exercise], own: Iterable[Exercise]) -> tuple[Exercise, ...]:
    """The user's exercises join the bundled ones; a clashing id replaces the bundled one."""
    merged = {exercise.id: exercise for exercise in bundled}
    merged.update((exercise.id, exercise) for exercise in own)
    return tuple(merged.values())


def by_id(catalogue: Iterable[Exercise]) -> dict[str, Exercise]:
    return {exercise.id: exercise for exercise in catalogue}


def _exercise(table: Any, index: int, name: str, source: str) -> Exercise:
    if not isinstance(table, Mapping):
        raise CatalogueError(f"{name}: exercise #{index} is not a table")
    label = f"exercise #{index}"
    if isinstance(table.get("id"), str):
        label = f"exercise {table['id']!r}"

    def fail(field: str, problem: str) -> CatalogueError:
        return CatalogueError(f"{name}: {label}: field {field!r} {problem}")

    for key in REQUIRED:
        if key not in table:
            raise fail(key, "is missing")
    for key in table:
        if key not in REQUIRED and key not in OPTIONAL:
            raise fail(key, "is not a known field")

    def text(key: str) -> str:
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise fail(key, "must be a non-empty string")
        return value.strip()

    def integer(key: str, low: int, high: int) -> int:
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(key, f"must be a whole number, got {value!r}")
        if not low <= value <= high:
            raise fail(key, f"must be between {low} and {high}, got {value}")
        return value

    def choice(key: str, allowed: tuple[str, ...]) -> str:
        value = text(key)
        if value not in allowed:
            raise fail(key, f"must be one of {', '.join(allowed)}; got {value!r}")
        return value

    ident = text("id")
    if not ID_PATTERN.match(ident):
        raise fail("id", f"must be kebab-case (like 'knee-rolls'), got {ident!r}")
    equipment = table["equipment"]
    if not isinstance(equipment, list) or not all(isinstance(e, str) for e in equipment):
        raise fail("equipment", "must be a list of strings (empty when nothing is needed)")
    for item in equipment:
        if item not in EQUIPMENT:
            raise fail("equipment", f"has unknown item {item!r}; known: {', '.join(EQUIPMENT)}")
    steps = table["steps"]
    if not isinstance(steps, list) or not all(isinstance(s, str) and s.strip() for s in steps):
        raise fail("steps", "must be a list of non-empty strings")
    if len(steps) < 2:
        raise fail("steps", "needs at least two steps")
    caution = text("caution")
    if "\n" in caution:
        raise fail("caution", "must be one line")
    minutes = integer("minutes", 1, MAX_EXERCISE_MINUTES)
    max_minutes = None
    if "max_minutes" in table:
        max_minutes = integer("max_minutes", minutes, MAX_EXERCISE_MINUTES)
    end_range = table.get("end_range", False)
    if not isinstance(end_range, bool):
        raise fail("end_range", "must be true or false")
    return Exercise(
        id=ident,
        name=text("name"),
        category=choice("category", CATEGORIES),
        position=choice("position", POSITIONS),
        equipment=tuple(equipment),
        minutes=minutes,
        dose=text("dose"),
        max_pain=integer("max_pain", 0, MAX_PAIN),
        steps=tuple(s.strip() for s in steps),
        caution=caution,
        benefit=text("benefit"),
        max_minutes=max_minutes,
        end_range=end_range,
        source=source,
    )
