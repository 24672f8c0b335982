"""The exercise catalogue: read `exercises.toml` and refuse anything that is not valid.

The bundled file ships inside the wheel and is read through `importlib.resources`, so the
installed command needs no checkout. A user's own file has the same schema; every error names
the file, the exercise and the field so it can be fixed by hand.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from movecoach.core.models import Exercise, make_exercise
from movecoach.errors import CatalogueError, RecordError
from movecoach.store.memo import Memo

BUNDLED_NAME = "exercises.toml (bundled)"


def bundled_text() -> str:
    return resources.files("movecoach").joinpath("data", "exercises.toml").read_text("utf-8")


@cache
def load_bundled(cache_dir: str | None = None) -> tuple[Exercise, ...]:
    """The bundled catalogue. Parsing its TOML costs about 12 ms of every `today`, so with a
    `cache_dir` that already exists the parsed exercises are kept in the one cache, keyed by
    the file's bytes like everything derived from a file (a new version brings new bytes)."""
    resource = resources.files("movecoach").joinpath("data", "exercises.toml")
    if cache_dir is None or not isinstance(resource, Path):  # e.g. inside a zip file
        return parse_catalogue(bundled_text(), BUNDLED_NAME)

    def parsed(data: bytes) -> list[dict[str, Any]]:
        return [vars(e) for e in parse_catalogue(data.decode("utf-8"), BUNDLED_NAME)]

    try:
        rows = Memo(cache_dir).derive(str(resource), "catalogue", parsed)
        return tuple(Exercise(**row) for row in rows)
    except (OSError, TypeError):  # an entry of another shape: parse the file instead
        return parse_catalogue(bundled_text(), BUNDLED_NAME)


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


def load(own_file: Path, cache_dir: str | None) -> tuple[tuple[Exercise, ...], list[str]]:
    """The bundled exercises with the user's own file merged in, and the ids of bundled
    exercises the user's replace (the caller tells the user)."""
    bundled = load_bundled(cache_dir)
    try:
        text = own_file.read_text("utf-8")
    except FileNotFoundError:
        return bundled, []
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogueError(f"{own_file}: cannot read it: {err}") from err
    own = parse_catalogue(text, str(own_file), source=str(own_file))
    known = {e.id for e in bundled}
    return merge(bundled, own), [e.id for e in own if e.id in known]


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
    label = (
        f"exercise {table['id']!r}" if isinstance(table.get("id"), str) else f"exercise #{index}"
    )
    try:
        return make_exercise(table, source)
    except RecordError as err:
        raise CatalogueError(f"{name}: {label}: field {err.field!r} {err.problem}") from None
