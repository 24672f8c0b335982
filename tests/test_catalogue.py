"""The bundled catalogue is valid, and broken catalogues are refused with a precise message."""

from __future__ import annotations

import re
import textwrap

import pytest

from movecoach.core.models import CATEGORIES, EQUIPMENT, POSITIONS
from movecoach.errors import CatalogueError
from movecoach.store.catalogue import load_bundled, parse_catalogue

GOOD = """
[[exercise]]
id = "knee-rolls"
name = "Knee rolls"
category = "mobility"
position = "lying"
equipment = []
minutes = 3
dose = "8 each side"
max_pain = 10
steps = ["Lie on your back.", "Roll your knees to one side and back."]
caution = "Keep your shoulders down."
benefit = "Eases stiffness."
"""


def broken(**changes: str) -> str:
    """GOOD with some `key = value` lines replaced (value None removes the line)."""
    text = GOOD
    for key, value in changes.items():
        pattern = re.compile(rf"^{key} = .*$", re.MULTILINE)
        assert pattern.search(text), key
        text = pattern.sub("" if value is None else f"{key} = {value}", text)
    return text


def test_bundled_catalogue_is_valid_and_broad() -> None:
    exercises = load_bundled()
    assert len(exercises) >= 30
    assert {e.category for e in exercises} == set(CATEGORIES)
    assert len({e.id for e in exercises}) == len(exercises)
    for exercise in exercises:
        assert exercise.position in POSITIONS
        assert set(exercise.equipment) <= set(EQUIPMENT)
        assert len(exercise.steps) >= 2
        assert exercise.caution
        assert "\n" not in exercise.caution
        assert exercise.benefit


def test_bundled_catalogue_is_low_impact() -> None:
    """Nothing high-impact or advised against for back pain slips into the catalogue."""
    banned = re.compile(
        r"\b(jump\w*|running|jog\w*|sit-ups?|crunch\w*|burpee\w*|deadlift\w*|toe touch\w*|"
        r"brace belt|traction)\b",
        re.IGNORECASE,
    )
    for exercise in load_bundled():
        text = " ".join([exercise.name, exercise.dose, *exercise.steps])
        assert not banned.search(text), exercise.id


def test_good_file_parses_into_exercises() -> None:
    (exercise,) = parse_catalogue(GOOD, "mine.toml", source="mine.toml")
    assert exercise.id == "knee-rolls"
    assert exercise.equipment == ()
    assert exercise.max_minutes is None
    assert exercise.end_range is False
    assert exercise.source == "mine.toml"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"category": '"cardio"'}, r"'knee-rolls'.*'category'.*must be one of"),
        ({"equipment": '["rope"]'}, r"'knee-rolls'.*'equipment'.*unknown item 'rope'"),
        ({"position": '"upside-down"'}, r"'knee-rolls'.*'position'"),
        ({"caution": None}, r"'knee-rolls'.*'caution' is missing"),
        ({"max_pain": "11"}, r"'knee-rolls'.*'max_pain' must be between 0 and 10, got 11"),
        ({"minutes": "0"}, r"'knee-rolls'.*'minutes' must be between 1 and 60"),
        ({"minutes": '"three"'}, r"'knee-rolls'.*'minutes' must be a whole number"),
        ({"steps": '["Only one step."]'}, r"'knee-rolls'.*'steps' needs at least two"),
        ({"id": '"Knee Rolls"'}, r"'Knee Rolls'.*'id' must be kebab-case"),
        ({"id": None}, r"exercise #1: field 'id' is missing"),
        ({"benefit": '""'}, r"'benefit' must be a non-empty string"),
    ],
)
def test_invalid_exercise_names_exercise_and_field(changes: dict[str, str], expected: str) -> None:
    with pytest.raises(CatalogueError, match=expected) as info:
        parse_catalogue(broken(**changes), "mine.toml")
    assert str(info.value).startswith("mine.toml: ")
    assert "\n" not in str(info.value)


def test_duplicate_id_is_refused() -> None:
    with pytest.raises(CatalogueError, match=r"exercise #2: duplicate id 'knee-rolls'"):
        parse_catalogue(GOOD + GOOD, "mine.toml")


def test_unknown_field_is_refused() -> None:
    with pytest.raises(CatalogueError, match=r"'colour' is not a known field"):
        parse_catalogue(GOOD + 'colour = "red"\n', "mine.toml")


def test_max_minutes_below_minutes_is_refused() -> None:
    with pytest.raises(CatalogueError, match=r"'max_minutes' must be between 3 and 60"):
        parse_catalogue(GOOD + "max_minutes = 2\n", "mine.toml")


def test_bad_toml_names_file_and_line() -> None:
    text = textwrap.dedent(
        """
        [[exercise]]
        id = "x
        """
    )
    with pytest.raises(CatalogueError, match=r"mine.toml: not valid TOML: .*line 3"):
        parse_catalogue(text, "mine.toml")


def test_parsed_bundled_catalogue_is_kept_only_in_an_existing_cache(tmp_path, monkeypatch) -> None:
    from movecoach.store import catalogue

    folder = tmp_path / "cache"
    catalogue.load_bundled.cache_clear()
    assert catalogue.load_bundled(str(folder)) == load_bundled()
    assert not folder.exists(), "a read-only command creates no folder"
    folder.mkdir()
    catalogue.load_bundled.cache_clear()
    first = catalogue.load_bundled(str(folder))
    (memo,) = folder.glob("*.catalogue.marshal")  # one cache, keyed by the file's bytes

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again although the memo was valid")

    monkeypatch.setattr(catalogue, "parse_catalogue", no_parsing)
    catalogue.load_bundled.cache_clear()
    assert catalogue.load_bundled(str(folder)) == first
    monkeypatch.undo()
    memo.write_bytes(b"garbage")
    catalogue.load_bundled.cache_clear()
    assert catalogue.load_bundled(str(folder)) == first
    catalogue.load_bundled.cache_clear()
