"""The words on stopping safely and seeking care (`core.safety`): every plan and guided session
ends with them, so the red flags must all be there and in the right place."""

from __future__ import annotations

from movecoach.core import safety


def section(title_word: str) -> safety.SafetySection:
    (found,) = [s for s in safety.SECTIONS if title_word in s.title.lower()]
    return found


def test_four_sections_from_stop_now_to_see_someone_soon() -> None:
    titles = [s.title for s in safety.SECTIONS]
    assert titles[0] == "Stop the exercise now"
    assert "emergency" in titles[1].lower()
    assert "urgent" in titles[2].lower()
    assert "coming days" in titles[3]
    for item in safety.SECTIONS:
        assert item.lead.endswith(":")
        assert item.signs
        assert all(sign == sign.strip() and sign[0].islower() for sign in item.signs)


def test_the_emergency_signs_are_the_red_flags_of_cauda_equina() -> None:
    signs = " ".join(section("emergency").signs)
    for words in ("both legs", "genitals", "bladder or bowels", "passing urine", "chest pain"):
        assert words in signs


def test_stopping_is_for_sharp_spreading_pain_and_dizziness() -> None:
    signs = " ".join(section("stop").signs)
    for words in ("sharp", "down one or both legs", "dizziness"):
        assert words in signs


def test_the_footer_every_plan_shows_names_the_worst_signs_and_the_full_list() -> None:
    for words in ("Stop and rest", "Get help at once", "bladder", "both legs"):
        assert words in safety.FOOTER
    assert "`movecoach safety`" in safety.FOOTER
    assert "Do not push on through sharp pain" in safety.HOW_TO_STOP


def test_it_never_claims_to_diagnose() -> None:
    assert "not medical advice" in safety.NOT_A_DIAGNOSIS
    assert "cannot diagnose" in safety.NOT_A_DIAGNOSIS
    assert "normal" in safety.REASSURANCE
