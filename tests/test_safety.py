"""The safety text: every sign CLINICAL.md names, each group's action, and the emergency number
that follows the `country` setting, in `safety`, the plan's footer, the stop screen and the
report."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from movecoach import cli
from movecoach.core import report, safety, stats
from movecoach.store import settings as config
from movecoach.ui import report_html, report_md

TODAY = dt.date(2026, 3, 10)
COMMON = "999 in the UK, 911 in North America, 112 in Europe, 000 in Australia"


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


def words(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def emergency_text() -> str:
    return " ".join(safety.EMERGENCY.signs).lower()


# --- each emergency sign of CLINICAL.md, by a key word ------------------------------------------


def test_emergency_pain_tingling_numbness_or_weakness_in_both_legs() -> None:
    both = next(s for s in safety.EMERGENCY.signs if "both legs" in s)
    for word in ("pain", "tingling", "numbness", "weakness"):
        assert word in both


def test_emergency_leg_weakness_severe_or_getting_worse() -> None:
    assert re.search(r"weakness in a leg that is severe or getting worse", emergency_text())


def test_emergency_saddle_numbness_inner_thighs_and_genitals() -> None:
    assert "inner thighs" in emergency_text()
    assert "genitals" in emergency_text()


def test_emergency_numbness_around_back_passage_or_buttocks() -> None:
    assert "back passage" in emergency_text()
    assert "buttocks" in emergency_text()


def test_emergency_changed_feeling_when_wiping() -> None:
    assert "wipe" in emergency_text()
    assert "toilet paper" in emergency_text()


def test_emergency_trouble_starting_or_stopping_urine() -> None:
    assert "starting or stopping your flow of urine" in emergency_text()


def test_emergency_not_feeling_urine_pass() -> None:
    assert "not feeling it pass" in emergency_text()


def test_emergency_leaking_or_new_need_for_pads() -> None:
    assert "leaking urine" in emergency_text()
    assert "pads" in emergency_text()


def test_emergency_not_knowing_whether_the_bladder_is_full() -> None:
    assert "whether your bladder is full or empty" in emergency_text()


def test_emergency_bowel_control() -> None:
    assert "bowel movement" in emergency_text()


def test_emergency_new_sexual_problems() -> None:
    assert "erection" in emergency_text()
    assert "ejaculating" in emergency_text()
    assert "during sex" in emergency_text()


def test_emergency_chest_pain() -> None:
    assert "chest pain" in emergency_text()


def test_emergency_serious_accident_or_fall() -> None:
    assert "serious accident or fall" in emergency_text()


def test_emergency_fever_with_severe_back_pain() -> None:
    assert "high temperature" in emergency_text()
    assert "hot and shivery" in emergency_text()
    assert "severe back pain" in emergency_text()


def test_emergency_signs_count_when_new_or_getting_worse() -> None:
    assert "new or getting worse" in safety.EMERGENCY.lead


def test_emergency_action_is_the_number_or_a_and_e_and_not_driving() -> None:
    action = safety.EMERGENCY.action_for(safety.numbers_for("GB"))
    assert "Call 999 or go to A&E" in action
    assert "Do not drive yourself" in action


def test_both_legs_is_never_only_a_reason_to_stop_and_rest() -> None:
    """The unsafe gap the issue found: symptoms in both legs are an emergency."""
    assert not any("both" in sign for sign in safety.STOP_NOW.signs)
    assert "pain spreading further down a leg" in safety.STOP_NOW.signs


# --- urgent, see a doctor, stop now -------------------------------------------------------------


@pytest.mark.parametrize(
    "words_",
    [
        "cough, sneeze or strain",
        "keeps you awake",
        "worse at night",
        "weight without trying",
        "between your shoulder blades",
        "cancer",
        "steroid",
        "osteoporosis",
        "one leg",
    ],
)
def test_urgent_signs(words_: str) -> None:
    assert words_ in " ".join(safety.URGENT.signs)


def test_each_group_says_what_to_do() -> None:
    gb = safety.numbers_for("GB")
    assert "same-day appointment with a GP" in safety.URGENT.action_for(gb)
    assert "or 111" in safety.URGENT.action_for(gb)
    assert "physiotherapy" in safety.SEE_A_DOCTOR.action_for(gb)
    assert "6 weeks" in " ".join(safety.SEE_A_DOCTOR.signs)
    assert safety.STOP_NOW.action_for(gb) == safety.HOW_TO_STOP


# --- the number for each country ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "emergency", "advice"),
    [
        ("GB", "999", "111"),
        ("gb", "999", "111"),
        ("US", "911", None),
        ("CA", "911", None),
        ("AU", "000", None),
        ("NZ", "111", None),
        ("IE", "112 or 999", None),
        ("DE", "112", None),
        ("FR", "112", None),
        ("ES", "112", None),
        ("SE", "112", None),
    ],
)
def test_the_emergency_number_per_country(country: str, emergency: str, advice: str | None) -> None:
    (numbers,) = safety.numbers_for(country)
    assert numbers.emergency == emergency
    assert numbers.advice == advice
    assert safety.numbers_text(safety.numbers_for(country)) == emergency


def test_every_eu_member_state_has_112() -> None:
    assert len(safety.EU_112) == 26  # with Ireland (112 or 999): the 27 member states
    for code in safety.EU_112:
        assert safety.NUMBERS[code].emergency == "112"
    assert "112" in safety.NUMBERS["IE"].emergency


def test_without_a_country_the_common_numbers_are_named() -> None:
    assert safety.numbers_for(None) == safety.COMMON
    assert safety.numbers_for("XX") == safety.COMMON
    assert COMMON in safety.numbers_text(safety.COMMON)
    assert COMMON in safety.footer(safety.COMMON)


def test_settings_know_exactly_the_countries_with_numbers() -> None:
    assert set(safety.NUMBERS) == config.COUNTRIES


# --- the command line ---------------------------------------------------------------------------


def test_safety_json_has_exactly_the_documented_keys(run) -> None:
    data = json.loads(run("safety", "--json", ok=True).stdout)
    assert set(data) == {"emergency", "urgent", "see_a_doctor", "stop_now", "numbers"}
    for key in ("emergency", "urgent", "see_a_doctor", "stop_now"):
        assert data[key]
        assert all(isinstance(sign, str) for sign in data[key])
    assert data["emergency"] == list(safety.EMERGENCY.signs)
    assert [n["emergency"] for n in data["numbers"]] == ["999", "911", "112", "000"]
    assert all(set(n) == {"where", "emergency", "advice"} for n in data["numbers"])


def test_the_country_setting_names_one_number(run) -> None:
    assert run("config", "set", "country", "nz", ok=True).stdout.strip() == "country = NZ"
    data = json.loads(run("safety", "--json", ok=True).stdout)
    assert data["numbers"] == [{"where": "New Zealand", "emergency": "111", "advice": None}]
    text = words(run("safety", ok=True).stdout)
    assert "Call 111 or go to A&E" in text
    assert "999" not in text
    assert "Call 111 or go to A&E now" in words(run("today", ok=True).stdout)


def test_an_unknown_country_is_refused_by_config_set(run, home) -> None:
    result = run("config", "set", "country", "XX")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("movecoach: country must be a two-letter country code")
    assert "'XX'" in line
    assert (
        not (home / "config.toml").exists() or "country" not in (home / "config.toml").read_text()
    )


def test_an_unknown_country_in_the_file_names_the_line(run, home) -> None:
    home.mkdir()
    (home / "config.toml").write_text('minutes = 20\ncountry = "Narnia"\n')
    result = run("today")
    assert result.exit_code == 2
    assert "line 2" in result.stderr


def test_safety_shows_even_when_the_settings_are_broken(run, home) -> None:
    home.mkdir()
    (home / "config.toml").write_text("minutes = [\n")
    result = run("safety")
    assert result.exit_code == 0
    assert "both legs" in result.stdout
    assert COMMON in words(result.stdout)
    assert "showing the common emergency numbers" in result.stderr


def test_the_report_ends_with_when_to_get_help(run) -> None:
    built = report.build_report([], TODAY, 4, stats.Goal(), {})
    markdown = report_md.to_markdown(built, "US")
    assert "## When to get help" in markdown
    assert "call 911 or go to A\\&E now" in markdown  # Markdown escapes the &
    assert "both legs" in markdown
    page = report_html.to_html(built)
    assert COMMON in page
    assert "worse at night" in page
    run("config", "set", "country", "AU", ok=True)
    assert "call 000 or go to A\\&E" in run("report", ok=True).stdout


def section(title_word: str) -> safety.SafetySection:
    (found,) = [s for s in safety.SECTIONS if title_word in s.title.lower()]
    return found


def test_four_sections_from_an_emergency_to_stopping_the_exercise() -> None:
    titles = [s.title for s in safety.SECTIONS]
    assert titles[0] == "Emergency: get help now"
    assert "urgent" in titles[1].lower()
    assert "GP or physiotherapist" in titles[2]
    assert "coming days" in safety.SECTIONS[2].action
    assert titles[3] == "Stop the exercise now"
    for item in safety.SECTIONS:
        assert item.lead.endswith(":")
        assert item.signs
        assert all(sign == sign.strip() and sign[0].islower() for sign in item.signs)


def test_the_emergency_signs_are_the_red_flags_of_cauda_equina() -> None:
    signs = " ".join(section("emergency").signs)
    for words in ("both legs", "genitals", "bladder", "bowel", "flow of urine", "chest pain"):
        assert words in signs


def test_stopping_is_for_sharp_spreading_pain_and_dizziness() -> None:
    signs = " ".join(section("stop").signs)
    for words in ("sharp", "further down a leg", "dizziness"):
        assert words in signs


def test_the_footer_every_plan_shows_names_the_worst_signs_and_the_full_list() -> None:
    card = safety.footer(safety.COMMON)
    for words in ("Stop if pain turns sharp", "go to A&E now", "bladder", "both legs"):
        assert words in card
    assert "`movecoach safety`" in card
    assert "Do not push on through sharp pain" in safety.HOW_TO_STOP


def test_it_never_claims_to_diagnose() -> None:
    assert "not medical advice" in safety.NOT_A_DIAGNOSIS
    assert "cannot diagnose" in safety.NOT_A_DIAGNOSIS
    assert "normal" in safety.REASSURANCE
