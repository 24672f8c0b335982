"""Sources and tags: every bundled exercise names sources that resolve in sources.toml, the
sources file itself is valid, tags come from one vocabulary, and the catalogue has what a bad
day needs (moves that ask for neither the floor nor kneeling)."""

from __future__ import annotations

import json
import re

import pytest

from movecoach.core.models import TAGS
from movecoach.errors import CatalogueError
from movecoach.store.catalogue import (
    bundled_text,
    load_bundled,
    load_sources,
    parse_catalogue,
    parse_sources,
)

from .test_catalogue import GOOD, broken

CATALOGUE = load_bundled()
SOURCES = load_sources()


# --- sources.toml -------------------------------------------------------------------------------


def test_every_bundled_exercise_names_sources_that_resolve() -> None:
    for exercise in CATALOGUE:
        assert exercise.sources, exercise.id
        for key in exercise.sources:
            assert key in SOURCES, (exercise.id, key)


def test_each_source_is_listed_once_with_an_https_address() -> None:
    ids = re.findall(r'^id = "([^"]+)"', bundled_text("sources.toml"), re.MULTILINE)
    assert len(ids) == len(set(ids)) == len(SOURCES)
    for source in SOURCES.values():
        assert source.url.startswith("https://"), source.id
        assert source.title
        assert source.publisher
        if source.year is not None:
            assert 1990 <= source.year <= 2026


def test_research_is_cited_by_doi() -> None:
    for key in ("acp-2017", "cochrane-2021", "long-2004", "basson-2017", "walkback-2024"):
        assert SOURCES[key].url.startswith("https://doi.org/10."), key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[[source]]\nid = "x"\ntitle = "T"\npublisher = "P"\n',
            r"source #1: field 'url' is missing",
        ),
        (
            '[[source]]\nid = "x"\ntitle = "T"\npublisher = "P"\nurl = "http://a.b"\n',
            r"'url' must be an https:// address",
        ),
        (
            '[[source]]\nid = "X Y"\ntitle = "T"\npublisher = "P"\nurl = "https://a.b"\n',
            r"'id' must be kebab-case",
        ),
        (
            '[[source]]\nid = "x"\ntitle = "T"\npublisher = "P"\nurl = "https://a.b"\n'
            'year = "2020"\n',
            r"'year' must be a whole number",
        ),
        (
            '[[source]]\nid = "x"\ntitle = "T"\npublisher = "P"\nurl = "https://a.b"\n' * 2,
            r"source #2: duplicate id 'x'",
        ),
        ('[[sauce]]\nid = "x"\n', r"unknown top-level key 'sauce'"),
    ],
)
def test_a_broken_sources_file_is_refused(text: str, expected: str) -> None:
    with pytest.raises(CatalogueError, match=expected):
        parse_sources(text, "sources.toml")


# --- sources on exercises -----------------------------------------------------------------------


def test_a_bundled_exercise_without_sources_is_refused() -> None:
    with pytest.raises(CatalogueError, match=r"'knee-rolls': field 'sources' needs at least one"):
        parse_catalogue(GOOD, "exercises.toml", known_sources=SOURCES)


def test_an_unknown_source_key_is_refused() -> None:
    text = GOOD + 'sources = ["nice-ng59", "made-up-2099"]\n'
    with pytest.raises(CatalogueError, match=r"unknown key 'made-up-2099'"):
        parse_catalogue(text, "exercises.toml", known_sources=SOURCES)
    with pytest.raises(CatalogueError, match=r"unknown key 'made-up-2099'"):
        parse_catalogue(text, "mine.toml", source="mine.toml", known_sources=SOURCES)


def test_the_users_own_exercise_may_leave_sources_out() -> None:
    (mine,) = parse_catalogue(GOOD, "mine.toml", source="mine.toml", known_sources=SOURCES)
    assert mine.sources == ()
    text = GOOD + 'sources = ["nice-ng59"]\n'
    (cited,) = parse_catalogue(text, "mine.toml", source="mine.toml", known_sources=SOURCES)
    assert cited.sources == ("nice-ng59",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('sources = "nice-ng59"', r"'sources' must be a list of source keys"),
        ('sources = ["NICE NG59"]', r"'sources' must be a list of source keys"),
        ('sources = ["nice-ng59", "nice-ng59"]', r"'sources' names a source twice"),
    ],
)
def test_badly_written_sources_are_refused(line: str, expected: str) -> None:
    with pytest.raises(CatalogueError, match=expected):
        parse_catalogue(GOOD + line + "\n", "mine.toml")


def test_check_fails_on_an_unknown_source_in_the_users_file(run, home) -> None:
    home.mkdir()
    (home / "exercises.toml").write_text(GOOD + 'sources = ["no-such-source"]\n')
    result = run("check")
    assert result.exit_code == 2
    assert "unknown key 'no-such-source'" in result.stdout


def test_exercise_shows_where_it_comes_from(run) -> None:
    text = " ".join(run("exercises", "prone-press-up", ok=True).stdout.split())
    assert "Where this comes from" in text
    assert "Does it matter which exercise?" in text
    assert "https://doi.org/10.1097/01.brs.0000146464.23007.2a" in text
    data = json.loads(run("exercises", "prone-press-up", "--json", ok=True).stdout)
    assert data["sources"][0] == {
        "id": "long-2004",
        "title": SOURCES["long-2004"].title,
        "publisher": SOURCES["long-2004"].publisher,
        "year": 2004,
        "url": "https://doi.org/10.1097/01.brs.0000146464.23007.2a",
    }
    listing = json.loads(run("exercises", "--json", ok=True).stdout)
    assert all(item["sources"] and "url" in item["sources"][0] for item in listing)


def test_todays_plan_json_carries_tags_and_sources(run) -> None:
    plan = json.loads(run("today", "--json", ok=True).stdout)
    for item in plan["exercises"]:
        assert isinstance(item["tags"], list)
        assert all(source["url"].startswith("https://") for source in item["sources"])


# --- tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('tags = ["sofa"]', r"'tags' has unknown item 'sofa'; known: floor, kneeling"),
        ('tags = "floor"', r"'tags' must be a list of strings"),
        ('tags = ["floor", "floor"]', r"'tags' names an item twice"),
    ],
)
def test_tags_come_from_one_vocabulary(line: str, expected: str) -> None:
    with pytest.raises(CatalogueError, match=expected):
        parse_catalogue(GOOD + line + "\n", "mine.toml")


def test_tags_are_optional_and_shown_in_json(run) -> None:
    (exercise,) = parse_catalogue(broken(), "mine.toml")
    assert exercise.tags == ()
    data = json.loads(run("exercises", "cat-camel", "--json", ok=True).stdout)
    assert data["tags"] == ["floor", "kneeling", "flexion", "extension"]


def test_every_bundled_exercise_is_tagged_by_how_you_get_into_position() -> None:
    for exercise in CATALOGUE:
        assert set(exercise.tags) <= set(TAGS)
        if exercise.position in ("all-fours", "kneeling"):
            assert {"floor", "kneeling"} <= set(exercise.tags), exercise.id
        if exercise.position in ("lying", "face-down"):
            assert {"floor", "in-bed"} & set(exercise.tags), exercise.id
            assert not {"floor", "in-bed"} <= set(exercise.tags), exercise.id
        if exercise.position in ("sitting", "standing"):
            assert not {"floor", "kneeling", "in-bed"} & set(exercise.tags), exercise.id


def test_in_bed_steps_say_a_bed_will_do() -> None:
    for exercise in CATALOGUE:
        if "in-bed" in exercise.tags and exercise.category != "relaxation":
            assert "bed" in exercise.steps[0], exercise.id


def test_at_least_eight_exercises_for_any_pain_need_no_floor_and_no_kneeling() -> None:
    """A bad day still has a plan that does not ask the user to get down."""
    fit = [e for e in CATALOGUE if e.max_pain == 10 and not {"floor", "kneeling"} & set(e.tags)]
    assert len(fit) >= 8
    assert len([e for e in fit if "in-bed" in e.tags]) >= 4
    assert len([e for e in fit if e.position == "sitting"]) >= 4


def test_the_catalogue_has_the_moves_the_issue_asks_for() -> None:
    by_id = {e.id: e for e in CATALOGUE}
    assert len(CATALOGUE) >= 60
    for ident in ("prone-lying", "back-extension-on-forearms", "prone-press-up"):
        assert "extension" in by_id[ident].tags
        assert "leg" in by_id[ident].caution
    for ident in ("seated-sciatic-nerve-slider", "lying-sciatic-nerve-slider"):
        slider = by_id[ident]
        assert "nerve" in slider.tags
        assert not slider.end_range, "a slider moves the nerve, it does not stretch it"
        assert "basson-2017" in slider.sources
        assert "slid" in slider.name.lower()
    assert not by_id["lying-sciatic-nerve-slider"].equipment  # a slider without a chair
    face_down = {e.id for e in CATALOGUE if e.position == "face-down"}
    assert {"prone-lying", "prone-press-up", "back-extension-on-forearms"} <= face_down
    assert by_id["kneeling-hip-flexor-stretch"].position == "kneeling"
    walks = [e for e in CATALOGUE if "walkback-2024" in e.sources]
    assert {"easy-walk", "longer-walk"} <= {e.id for e in walks}
    assert len([e for e in CATALOGUE if "Pilates" in e.benefit]) >= 3
    assert len([e for e in CATALOGUE if "desk" in e.tags]) >= 8


def test_no_overclaims_in_the_catalogue() -> None:
    for exercise in CATALOGUE:
        text = " ".join([exercise.name, exercise.benefit, *exercise.steps]).lower()
        assert "nourish" not in text, exercise.id
        assert "cure" not in text.split(), exercise.id
    hollowing = next(e for e in CATALOGUE if e.id == "deep-abdominal-bracing")
    assert "bracing" not in hollowing.name.lower()
    assert "draw" in " ".join(hollowing.steps)
