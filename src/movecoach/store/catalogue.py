"""The exercise catalogue and its sources: read `exercises.toml` and `sources.toml` and refuse
anything that is not valid.

The bundled files ship inside the wheel and are found the way `importlib.resources` finds
them, so the installed command needs no checkout. A user's own exercises file has the same
schema; every error names the file, the exercise and the field so it can be fixed by hand.
Every bundled exercise names at least one source and every source key it names must be in
`sources.toml`; the user's exercises may leave `sources` out, but a key they give must exist
too.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache
from importlib.machinery import SourceFileLoader
from pathlib import Path
from typing import TYPE_CHECKING, Any

from movecoach.core.models import Exercise, Source, Tip, make_exercise, make_source, make_tip
from movecoach.errors import CatalogueError, RecordError
from movecoach.store.memo import Memo

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

BUNDLED_NAME = "exercises.toml (bundled)"
SOURCES_NAME = "sources.toml (bundled)"


def data_file(name: str) -> Traversable:
    """The bundled file `name`: what `importlib.resources.files("movecoach")` gives. For the
    plain folder of a normal or editable install, that is the folder of the package's own
    `__init__.py` (importlib's `FileReader`), so it is found here without importing
    `importlib.resources` and `zipfile` (about 4 ms of every `today`); any other loader (a
    zip file, say) is asked through `importlib.resources`."""
    import movecoach

    spec = movecoach.__spec__
    loader = spec.loader if spec is not None else None
    if type(loader) is SourceFileLoader:  # exactly: a subclass may read its resources otherwise
        return Path(loader.path).parent / "data" / name
    from importlib import resources

    return resources.files("movecoach").joinpath("data", name)


def bundled_text(name: str = "exercises.toml") -> str:
    return data_file(name).read_text("utf-8")


@cache
def load_sources(cache_dir: str | None = None) -> dict[str, Source]:
    """The bundled sources by key, kept parsed in the cache like the catalogue."""
    rows = _bundled(
        "sources.toml",
        cache_dir,
        lambda text: [s._asdict() for s in parse_sources(text, SOURCES_NAME).values()],
    )
    return {row["id"]: Source(**row) for row in rows}


def parse_sources(text: str, name: str) -> dict[str, Source]:
    """Parse and validate a sources file: `[[source]]` tables, each key once."""
    build = _made(make_source, name, "source")
    return {source.id: source for source in _unique(text, name, "source", build)}


TIPS_NAME = "tips.toml (bundled)"


@cache
def load_tips(cache_dir: str | None = None) -> tuple[Tip, ...]:
    """The bundled tips, each source key checked against the bundled sources; kept parsed in
    the cache like the catalogue."""
    known = load_sources(cache_dir)
    rows = _bundled(
        "tips.toml",
        cache_dir,
        lambda text: [t._asdict() for t in parse_tips(text, TIPS_NAME, known)],
    )
    return tuple(Tip(**row) for row in rows)


def parse_tips(text: str, name: str, known_sources: Collection[str]) -> tuple[Tip, ...]:
    def check(tip: Tip) -> None:
        unknown = [key for key in tip.sources if key not in known_sources]
        if unknown:
            raise CatalogueError(
                f"{name}: tip {tip.id!r}: field 'sources' has unknown key {unknown[0]!r}; "
                "the keys are in sources.toml"
            )

    return tuple(_unique(text, name, "tip", _made(make_tip, name, "tip"), check))


def _unique(
    text: str,
    name: str,
    kind: str,
    build: Callable[[Any, int], Any],
    check: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Each `[[kind]]` table of the file built by `build(table, number)`, in file order; an
    id met twice is refused, naming the second table; `check` then looks at each in turn
    (so of two faults the first in the file is the one named)."""
    items: list[Any] = []
    seen: set[str] = set()
    for index, table in enumerate(_tables(text, name, kind), start=1):
        item = build(table, index)
        if item.id in seen:
            raise CatalogueError(f"{name}: {kind} #{index}: duplicate id {item.id!r}")
        if check is not None:
            check(item)
        seen.add(item.id)
        items.append(item)
    return items


def _made(make: Callable[[Any], Any], name: str, kind: str) -> Callable[[Any, int], Any]:
    """A builder for `_unique`: a table made by its constructor, a refusal named by number."""

    def build(table: Any, index: int) -> Any:
        if not isinstance(table, Mapping):
            raise CatalogueError(f"{name}: {kind} #{index} is not a table")
        try:
            return make(table)
        except RecordError as err:
            raise CatalogueError(
                f"{name}: {kind} #{index}: field {err.field!r} {err.problem}"
            ) from None

    return build


def _tables(text: str, name: str, kind: str) -> list[Any]:
    """The `[[kind]]` tables of a file that holds nothing else."""
    import tomllib  # only when a file is parsed: the cache usually answers

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
    known = load_sources(cache_dir)
    rows = _bundled(
        "exercises.toml",
        cache_dir,
        lambda text: [vars(e) for e in parse_catalogue(text, BUNDLED_NAME, known_sources=known)],
    )
    return tuple(Exercise(**row) for row in rows)


KINDS = {"exercises.toml": "catalogue", "sources.toml": "sources", "tips.toml": "tips"}


def _bundled(
    name: str, cache_dir: str | None, parse: Callable[[str], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The records of a bundled data file as plain rows: from the one cache when its bytes
    were parsed before (and `cache_dir` exists), else parsed now."""
    resource = data_file(name)
    if cache_dir is not None and isinstance(resource, Path):  # not, e.g., inside a zip file
        try:
            kind = KINDS[name]
            rows = Memo(cache_dir).derive(str(resource), kind, lambda b: parse(b.decode("utf-8")))
        except OSError:
            rows = None
        if isinstance(rows, list) and all(isinstance(row, dict) for row in rows):
            return rows
    return parse(bundled_text(name))


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

    def check(exercise: Exercise) -> None:
        if known_sources is not None:
            _check_sources(exercise, name, known_sources)

    def build(table: Any, index: int) -> Exercise:
        return _exercise(table, index, name, source)

    return tuple(_unique(text, name, "exercise", build, check))


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
    own = parse_catalogue(
        text, str(own_file), source=str(own_file), known_sources=load_sources(cache_dir)
    )
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
