"""The exercise catalogue and its sources: read `exercises.toml` and `sources.toml` and refuse
anything that is not valid.

The bundled files ship inside the wheel and are read through `importlib.resources`, so the
installed command needs no checkout. A user's own exercises file has the same schema; every
error names the file, the exercise and the field so it can be fixed by hand. Every bundled
exercise names at least one source and every source key it names must be in `sources.toml`;
the user's exercises may leave `sources` out, but a key they give must exist too.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from movecoach.core.models import Exercise, Source, Tip, make_exercise, make_source, make_tip
from movecoach.errors import CatalogueError, RecordError
from movecoach.store.memo import Memo

BUNDLED_NAME = "exercises.toml (bundled)"
SOURCES_NAME = "sources.toml (bundled)"


def bundled_text(name: str = "exercises.toml") -> str:
    return resources.files("movecoach").joinpath("data", name).read_text("utf-8")


@cache
def load_sources() -> dict[str, Source]:
    """The bundled sources by key (a small file: parsed each time a command needs it)."""
    return parse_sources(bundled_text("sources.toml"), SOURCES_NAME)


def parse_sources(text: str, name: str) -> dict[str, Source]:
    """Parse and validate a sources file: `[[source]]` tables, each key once."""
    tables = _tables(text, name, "source")
    found: dict[str, Source] = {}
    for index, table in enumerate(tables, start=1):
        if not isinstance(table, Mapping):
            raise CatalogueError(f"{name}: source #{index} is not a table")
        try:
            source = make_source(table)
        except RecordError as err:
            raise CatalogueError(
                f"{name}: source #{index}: field {err.field!r} {err.problem}"
            ) from None
        if source.id in found:
            raise CatalogueError(f"{name}: source #{index}: duplicate id {source.id!r}")
        found[source.id] = source
    return found


TIPS_NAME = "tips.toml (bundled)"


@cache
def load_tips() -> tuple[Tip, ...]:
    """The bundled tips, each source key checked against the bundled sources."""
    return parse_tips(bundled_text("tips.toml"), TIPS_NAME, load_sources())


def parse_tips(text: str, name: str, known_sources: Collection[str]) -> tuple[Tip, ...]:
    tips: list[Tip] = []
    seen: set[str] = set()
    for index, table in enumerate(_tables(text, name, "tip"), start=1):
        if not isinstance(table, Mapping):
            raise CatalogueError(f"{name}: tip #{index} is not a table")
        try:
            tip = make_tip(table)
        except RecordError as err:
            raise CatalogueError(
                f"{name}: tip #{index}: field {err.field!r} {err.problem}"
            ) from None
        if tip.id in seen:
            raise CatalogueError(f"{name}: tip #{index}: duplicate id {tip.id!r}")
        unknown = [key for key in tip.sources if key not in known_sources]
        if unknown:
            raise CatalogueError(
                f"{name}: tip {tip.id!r}: field 'sources' has unknown key {unknown[0]!r}; "
                "the keys are in sources.toml"
            )
        seen.add(tip.id)
        tips.append(tip)
    return tuple(tips)


def _tables(text: str, name: str, kind: str) -> list[Any]:
    """The `[[kind]]` tables of a file that holds nothing else."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CatalogueError(f"{name}: not valid TOML: {err}") from err
    unknown = sorted(set(data) - {kind})
    if unknown:
        raise CatalogueError(
            f"{name}: unknown top-level key {unknown[0]!r}; the file holds [[{kind}]] tables"
        )
    tables = data.get(kind, [])
    if not isinstance(tables, list):
        raise CatalogueError(f"{name}: {kind!r} must be a list of [[{kind}]] tables")
    return tables


@cache
def load_bundled(cache_dir: str | None = None) -> tuple[Exercise, ...]:
    """The bundled catalogue. Parsing its TOML costs about 12 ms of every `today`, so with a
    `cache_dir` that already exists the parsed exercises are kept in the one cache, keyed by
    the file's bytes like everything derived from a file (a new version brings new bytes)."""
    resource = resources.files("movecoach").joinpath("data", "exercises.toml")
    if cache_dir is None or not isinstance(resource, Path):  # e.g. inside a zip file
        return parse_bundled(bundled_text())

    def parsed(data: bytes) -> list[dict[str, Any]]:
        return [vars(e) for e in parse_bundled(data.decode("utf-8"))]

    try:
        rows = Memo(cache_dir).derive(str(resource), "catalogue", parsed)
        return tuple(Exercise(**row) for row in rows)
    except (OSError, TypeError):  # an entry of another shape: parse the file instead
        return parse_bundled(bundled_text())


def parse_bundled(text: str) -> tuple[Exercise, ...]:
    """The bundled catalogue's text, checked against the bundled sources."""
    return parse_catalogue(text, BUNDLED_NAME, known_sources=load_sources())


def parse_catalogue(
    text: str,
    name: str,
    source: str = "bundled",
    known_sources: Collection[str] | None = None,
) -> tuple[Exercise, ...]:
    """Parse and validate a catalogue file's text; `name` is how errors refer to the file.

    With `known_sources` (the keys of sources.toml), every source key must be one of them,
    and a bundled exercise (`source == "bundled"`) must name at least one."""
    exercises: list[Exercise] = []
    seen: set[str] = set()
    for index, table in enumerate(_tables(text, name, "exercise"), start=1):
        exercise = _exercise(table, index, name, source)
        if exercise.id in seen:
            raise CatalogueError(f"{name}: exercise #{index}: duplicate id {exercise.id!r}")
        if known_sources is not None:
            _check_sources(exercise, name, known_sources)
        seen.add(exercise.id)
        exercises.append(exercise)
    return tuple(exercises)


def _check_sources(exercise: Exercise, name: str, known: Collection[str]) -> None:
    label = f"{name}: exercise {exercise.id!r}: field 'sources'"
    if exercise.source == "bundled" and not exercise.sources:
        raise CatalogueError(f"{label} needs at least one key of sources.toml")
    for key in exercise.sources:
        if key not in known:
            raise CatalogueError(f"{label} has unknown key {key!r}; the keys are in sources.toml")


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
    own = parse_catalogue(text, str(own_file), source=str(own_file), known_sources=load_sources())
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
