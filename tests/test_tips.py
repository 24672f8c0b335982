"""Tips: at least 30 short sourced facts, one a day in `today` (the same all day, never the same
two days running), all of them in `learn`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach import cli
from movecoach.core.models import Tip
from movecoach.core.tips import tip_for
from movecoach.errors import CatalogueError
from movecoach.store.catalogue import load_bundled, load_sources, load_tips, parse_tips

TIPS = load_tips()
SOURCES = load_sources()
TODAY = dt.date(2026, 3, 10)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


def test_at_least_thirty_short_sourced_tips() -> None:
    assert len(TIPS) >= 30
    assert len({tip.id for tip in TIPS}) == len({tip.text for tip in TIPS}) == len(TIPS)
    for tip in TIPS:
        assert tip.sources, tip.id
        assert all(key in SOURCES for key in tip.sources), tip.id
        assert len(tip.text) <= 200


@pytest.mark.parametrize(
    ("topic", "words"),
    [
        ("hurt does not mean harm", "Hurt does not always mean harm"),
        ("the back is strong", "Your back is strong"),
        ("scans in people without pain", "people who have no back pain"),
        ("sleep changes pain", "sleep"),
        ("stress changes pain", "Stress"),
        ("pacing", "Pacing"),
        ("why movement helps", "exercise dampens pain"),
    ],
)
def test_the_tips_cover_what_the_issue_asks_for(topic: str, words: str) -> None:
    assert any(words.lower() in tip.text.lower() for tip in TIPS), topic


def test_the_tips_do_not_overclaim() -> None:
    text = " ".join(tip.text for tip in TIPS).lower()
    for claim in ("nourish", "cure", "proven", "always works", "guarantee"):
        assert claim not in text


def test_every_source_is_used() -> None:
    """Each source in sources.toml is where something comes from."""
    used = {key for exercise in load_bundled() for key in exercise.sources}
    used |= {key for tip in TIPS for key in tip.sources}
    from movecoach.core import flare

    used |= set(flare.SOURCES)
    used |= {"nhs-cauda-equina", "girft-ces-2023", "royal-free-ces"}  # the safety text's
    assert set(SOURCES) - used == set()


# --- one a day ----------------------------------------------------------------------------------


@given(days)
def test_never_the_same_tip_two_days_running(day: dt.date) -> None:
    assert tip_for(TIPS, day) != tip_for(TIPS, day + dt.timedelta(days=1))


@given(days, st.integers(min_value=2, max_value=50))
def test_never_the_same_two_days_running_for_any_number_of_tips(day: dt.date, count: int) -> None:
    tips = [Tip(f"t{n}", f"tip {n}", ("nice-ng59",)) for n in range(count)]
    assert tip_for(tips, day) != tip_for(tips, day + dt.timedelta(days=1))


@given(days)
def test_every_tip_comes_round(day: dt.date) -> None:
    shown = {tip_for(TIPS, day + dt.timedelta(days=n)) for n in range(len(TIPS))}
    assert len(shown) == len(TIPS)


def test_no_tips_no_tip() -> None:
    assert tip_for([], TODAY) is None


def test_today_shows_the_same_tip_all_day_and_another_tomorrow(run, monkeypatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    first = json.loads(run("today", "--json", ok=True).stdout)["tip"]
    again = json.loads(run("today", "--json", "-p", "5", ok=True).stdout)["tip"]
    assert first == again
    assert set(first) == {"text", "sources"}
    assert first["text"] == tip_for(TIPS, TODAY).text
    assert first["sources"][0]["url"].startswith("https://")
    text = " ".join(run("today", ok=True).stdout.split())
    assert f"Today's tip: {first['text']}" in text
    monkeypatch.setattr(cli, "today", lambda: TODAY + dt.timedelta(days=1))
    tomorrow = json.loads(run("today", "--json", ok=True).stdout)["tip"]
    assert tomorrow["text"] != first["text"]


def test_learn_lists_every_tip_with_its_sources(run) -> None:
    text = " ".join(run("learn", ok=True).stdout.split())
    for tip in TIPS:
        assert tip.text in text
    assert "https://doi.org/10.3174/ajnr.A4173" in text
    data = json.loads(run("learn", "--json", ok=True).stdout)
    assert [item["id"] for item in data] == [tip.id for tip in TIPS]
    assert all(set(item) == {"id", "text", "sources"} for item in data)
    assert all(s["title"] and s["url"] for item in data for s in item["sources"])


# --- a broken tips file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[tip]]\nid = "a"\ntext = "T"\nsources = []\n', r"tip #1: field 'sources' needs at"),
        ('[[tip]]\nid = "a"\ntext = "T"\n', r"tip #1: field 'sources' is missing"),
        ('[[tip]]\nid = "a"\ntext = "T"\nsources = ["nope"]\n', r"unknown key 'nope'"),
        ('[[tip]]\nid = "a"\ntext = "' + "x" * 201 + '"\nsources = ["nice-ng59"]\n', r"one line"),
        ('[[tip]]\nid = "a"\ntext = "T"\nsources = ["nice-ng59"]\n' * 2, r"duplicate id 'a'"),
    ],
)
def test_a_broken_tips_file_is_refused(text: str, expected: str) -> None:
    with pytest.raises(CatalogueError, match=expected):
        parse_tips(text, "tips.toml", SOURCES)


def test_check_names_the_tips(run) -> None:
    assert f"{len(TIPS)} tips" in run("check", ok=True).stdout
