"""How to stop safely and when to seek care: the words every plan and guided session end with.

Written in our own words from the red flags in public guidance (NHS, NICE NG59). movecoach
never diagnoses; this text only says when a person should stop and who to ask.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_A_DIAGNOSIS = (
    "movecoach is not medical advice and cannot diagnose anything. If you are unsure whether "
    "an exercise is right for you, ask a doctor or physiotherapist."
)

HOW_TO_STOP = (
    "To stop safely: ease slowly out of the position, then lie on your back with your knees "
    "bent, or sit with your back supported, and breathe slowly. Do not push on through sharp pain."
)

FOOTER = (
    "Stop and rest if pain turns sharp, spreads down a leg, or you feel dizzy or faint. "
    "Get help at once for numbness around your genitals or buttocks, trouble passing urine or "
    "controlling your bladder or bowels, or weakness in both legs. `movecoach safety` lists "
    "every sign that needs care."
)


@dataclass(frozen=True)
class SafetySection:
    title: str
    lead: str
    signs: tuple[str, ...]


SECTIONS: tuple[SafetySection, ...] = (
    SafetySection(
        title="Stop the exercise now",
        lead="Stop, ease out of the position slowly and rest if you notice:",
        signs=(
            "a sharp or new pain, or pain that builds quickly",
            "pain spreading down one or both legs",
            "dizziness, feeling faint or feeling sick",
            "pressure or pain in your chest, or breathlessness that is not normal for you",
        ),
    ),
    SafetySection(
        title="Call the emergency number or go to an emergency department",
        lead="Back pain together with any of these needs help straight away:",
        signs=(
            "numbness, tingling or weakness in both legs",
            "weakness in a leg that is severe or getting worse",
            "numbness around your genitals, buttocks, back passage or inner thighs",
            "difficulty passing urine, or losing control of your bladder or bowels",
            "chest pain",
            "pain that started after a serious accident or fall",
        ),
    ),
    SafetySection(
        title="Get an urgent appointment with a doctor or an urgent-care line",
        lead="Back pain with any of these should be checked soon, the same day if you can:",
        signs=(
            "a high temperature, or losing weight without trying",
            "a lump or swelling in your back, or a change in its shape",
            "pain that does not ease with rest, or is worse at night",
            "pain high in the back, between the shoulder blades",
            "a history of cancer, a weakened immune system, taking steroids, or osteoporosis "
            "and a minor fall",
        ),
    ),
    SafetySection(
        title="See a doctor or physiotherapist in the coming days",
        lead="Book an appointment if:",
        signs=(
            "your back is not improving after a few weeks of looking after it at home",
            "the pain is getting worse, or stops you doing your daily activities",
            "the exercises cause severe pain",
        ),
    ),
)

REASSURANCE = (
    "Some discomfort when you start moving again is normal and does not mean you are doing "
    "harm. Most back pain eases within a few weeks; keeping active helps it settle."
)


def as_dict() -> dict[str, object]:
    """The words of `movecoach safety`, as `safety --json` prints them."""
    return {
        "how_to_stop": HOW_TO_STOP,
        "sections": [{"title": s.title, "lead": s.lead, "signs": list(s.signs)} for s in SECTIONS],
        "reassurance": REASSURANCE,
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
    }
