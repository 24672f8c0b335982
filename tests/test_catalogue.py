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


# --- the shape of the file, and the user's own file ----------------------------------------------


def test_every_table_must_be_a_table() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue("exercise = [3]\n", "mine.toml")
    assert str(caught.value) == "mine.toml: exercise #1 is not a table"
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue("exercise = 3\n", "mine.toml")
    assert str(caught.value) == "mine.toml: 'exercise' must be a list of [[exercise]] tables"


def test_the_first_unknown_top_level_key_is_named() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue("zeta = 1\nalpha = 2\n" + GOOD, "mine.toml")
    assert str(caught.value) == (
        "mine.toml: unknown top-level key 'alpha'; the file holds [[exercise]] tables"
    )


def test_an_empty_file_has_no_exercises() -> None:
    assert parse_catalogue("", "mine.toml") == ()
    assert parse_catalogue("# nothing yet\n", "mine.toml") == ()


def test_the_users_own_file_is_named_as_the_source_of_its_exercises(tmp_path) -> None:
    from movecoach.store import catalogue

    own = tmp_path / "exercises.toml"
    own.write_text(GOOD.replace("knee-rolls", "my-rolls"), "utf-8")
    merged, replaced = catalogue.load(own, None)
    (mine,) = [e for e in merged if e.id == "my-rolls"]
    assert mine.source == str(own)
    assert mine.as_dict()["user"] is True
    assert replaced == []
    assert len(merged) == len(load_bundled()) + 1
    own.write_text(GOOD, "utf-8")
    merged, replaced = catalogue.load(own, None)
    assert replaced == ["knee-rolls"]
    assert catalogue.by_id(merged)["knee-rolls"].source == str(own)


def test_an_own_file_that_cannot_be_read_is_named(tmp_path) -> None:
    from movecoach.store import catalogue

    own = tmp_path / "exercises.toml"
    own.write_bytes(b"# caf\xe9\n")
    with pytest.raises(CatalogueError, match=re.escape(f"{own}: cannot read it: 'utf-8' codec")):
        catalogue.load(own, None)
    own.unlink()
    own.mkdir()
    with pytest.raises(CatalogueError, match=re.escape(f"{own}: cannot read it: [Errno 21]")):
        catalogue.load(own, None)


def test_load_keeps_the_bundled_file_in_the_cache_it_is_given(tmp_path) -> None:
    from movecoach.store import catalogue

    folder = tmp_path / "cache"
    folder.mkdir()
    catalogue.load_bundled.cache_clear()
    exercises, _ = catalogue.load(tmp_path / "none.toml", str(folder))
    assert exercises == load_bundled()
    assert len(list(folder.glob("*.catalogue.marshal"))) == 1


def test_a_broken_own_file_is_named_by_its_path_and_the_bundled_source_is_bundled(
    tmp_path,
) -> None:
    from movecoach.store import catalogue

    assert {e.source for e in parse_catalogue(GOOD, "x.toml")} == {"bundled"}
    own = tmp_path / "exercises.toml"
    own.write_text(GOOD.replace("minutes = 3", "minutes = 0"), "utf-8")
    with pytest.raises(CatalogueError) as caught:
        catalogue.load(own, None)
    assert str(caught.value) == (
        f"{own}: exercise 'knee-rolls': field 'minutes' must be between 1 and 60, got 0"
    )
