"""What to do in a flare: a few short paragraphs, and a 5-minute routine of the gentlest moves.

Written in our own words from the flare-up plans of pain services (Pain Toolkit, Live Well
with Pain, NHS trust leaflets), NICE NG59 on pain relief, and the cauda equina warning signs:
keep gently moving, use positions of ease, heat, pacing, ask a pharmacist, know when a flare
needs a doctor, and know that an emergency sign is not a flare.

The routine is a pure rule of the catalogue: bundled exercises suggested at any pain (max_pain
10) that need neither the floor nor kneeling, hold no end-of-range position, are not
strengthening and need nothing beyond a chair, done lying in bed or sitting. In-bed moves come
first (lying with the knees bent is a position of ease), shorter ones before longer; a minute
of each of three moves, then two minutes of a calm closer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from movecoach.core import safety
from movecoach.core.models import MAX_PAIN, Exercise, Plan, PlanItem

ROUTINE_MINUTES = 5
MOVES = 3
MOVE_MINUTES = 1
MOVE_CATEGORIES = ("mobility", "stretch")
CLOSER_CATEGORY = "relaxation"
SOURCES = ("pain-toolkit", "live-well-with-pain", "arc-2007", "nice-ng59", "nhs-back-pain")
NOTE = (
    "A minute of each exercise, as many repetitions as feel easy, then a calm finish. Stop "
    "any exercise that makes the pain sharper, and rest in a comfortable position instead."
)


class Paragraph(NamedTuple):
    heading: str
    text: str  # may hold {emergency}

    def as_dict(self, numbers: Sequence[safety.Numbers]) -> dict[str, Any]:
        return {"heading": self.heading, "text": self.for_numbers(numbers)}

    def for_numbers(self, numbers: Sequence[safety.Numbers]) -> str:
        return self.text.format(emergency=safety.numbers_text(numbers))


ADVICE: tuple[Paragraph, ...] = (
    Paragraph(
        "A flare is common",
        "Flare-ups are common with back pain and usually settle within a few days. Most do "
        "not mean anything serious, even when the pain is strong.",
    ),
    Paragraph(
        "Keep gently moving",
        "Resting in bed for long tends to slow recovery. Take short walks, often, do the "
        "gentlest exercises below, and change position regularly rather than staying still.",
    ),
    Paragraph(
        "Positions of ease",
        "Between exercises, lie on your back with your knees bent or resting on pillows, or on "
        "your side with a pillow between your knees. Warmth can help too: a hot water bottle "
        "or heat pack wrapped in a towel, never straight on the skin.",
    ),
    Paragraph(
        "Pace yourself back",
        "Cut back on what you usually do for a couple of days, but do not stop altogether. "
        "Then build back up over the following days, starting from a lower level than before.",
    ),
    Paragraph(
        "Pain relief",
        "Ask a pharmacist what suits you. Guidance says anti-inflammatory medicines (NSAIDs, "
        "such as ibuprofen) may help where they are safe for you, at the lowest dose for the "
        "shortest time; paracetamol on its own is not recommended for low back pain.",
    ),
    Paragraph(
        "When a flare needs a doctor",
        "See a GP or physiotherapist if the pain is severe or keeps getting worse, stops you "
        "doing your day-to-day things, or is not settling the way your flares usually do.",
    ),
    Paragraph(
        "An emergency sign is not a flare",
        "Pain, tingling, numbness or weakness in both legs, numbness around your genitals or "
        "back passage, or new trouble with your bladder, bowels or sexual function: call "
        "{emergency} or go to A&E now. `movecoach safety` lists every sign.",
    ),
)


def gentlest(exercise: Exercise) -> bool:
    """Fit for a flare: any pain, no floor or kneeling, no end-range hold, no strengthening,
    nothing beyond a chair, and done in bed or sitting; bundled, so its tags are ours."""
    return (
        exercise.source == "bundled"
        and exercise.max_pain == MAX_PAIN
        and not exercise.end_range
        and exercise.category != "strength"
        and set(exercise.equipment) <= {"chair"}
        and not {"floor", "kneeling"} & set(exercise.tags)
        and ("in-bed" in exercise.tags or exercise.position == "sitting")
    )


def _order(catalogue: Sequence[Exercise], exercise: Exercise) -> tuple[int, int, int]:
    """In-bed first, then shorter, then catalogue order."""
    return ("in-bed" not in exercise.tags, exercise.minutes, catalogue.index(exercise))


def routine(catalogue: Sequence[Exercise], day: dt.date) -> Plan:
    """The 5-minute flare routine: three gentle moves of a minute each, then a calm closer
    for the rest of the time (empty when the catalogue holds nothing that fits)."""
    fit = sorted((e for e in catalogue if gentlest(e)), key=lambda e: _order(catalogue, e))
    moves = [e for e in fit if e.category in MOVE_CATEGORIES][:MOVES]
    items = [PlanItem(e, MOVE_MINUTES) for e in moves]
    closer = next((e for e in fit if e.category == CLOSER_CATEGORY), None)
    if closer is not None:
        items.append(PlanItem(closer, ROUTINE_MINUTES - MOVE_MINUTES * len(moves)))
    equipment = tuple(sorted({name for item in items for name in item.exercise.equipment}))
    return Plan(
        day=day,
        minutes=ROUTINE_MINUTES,
        pain=None,
        equipment=equipment,
        items=tuple(items),
        notes=(NOTE,),
    )
