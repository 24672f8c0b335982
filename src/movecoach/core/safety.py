"""How to stop safely and when to seek care: the words every plan and guided session end with.

Written in our own words from public guidance: the NHS pages on back pain, sciatica and cauda
equina syndrome, NICE NG59, and the national suspected cauda equina pathway (GIRFT, 2023) with
the patient warning cards built from it. movecoach never diagnoses; this text only says when
a person should stop, and whom to ask, how soon.

Four groups of signs, each with its action: an emergency (call the emergency number or go to
A&E now), urgent (a same-day appointment), see a GP or physiotherapist, and stop the exercise
now. The emergency number follows the `country` setting; without it the common numbers are
named. `as_json` is what `movecoach safety --json` prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

NOT_A_DIAGNOSIS = (
    "movecoach is not medical advice and cannot diagnose anything. If you are unsure whether "
    "an exercise is right for you, ask a doctor or physiotherapist."
)

HOW_TO_STOP = (
    "To stop safely: ease slowly out of the position, then lie on your back with your knees "
    "bent, or sit with your back supported, and breathe slowly. Do not push on through sharp pain."
)

REASSURANCE = (
    "Some discomfort when you start moving again is normal and does not mean you are doing "
    "harm. Most back pain eases within a few weeks; keeping active helps it settle."
)


# --- emergency numbers ------------------------------------------------------------------------


class Numbers(NamedTuple):
    """Whom to call in one place: the emergency number, and a line for urgent advice (if any)."""

    where: str
    emergency: str
    advice: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"where": self.where, "emergency": self.emergency, "advice": self.advice}


EU_112 = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "the Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
}

# ISO 3166-1 alpha-2 code -> numbers. Only numbers we are sure of: 112 reaches the emergency
# services in every EU member state; the others are each country's own well-known number.
# A code missing here is refused by `movecoach config set country` (store/settings.py keeps
# the same codes in COUNTRIES; a test holds the two equal).
NUMBERS: dict[str, Numbers] = {
    "GB": Numbers("the UK", "999", "111"),
    "IE": Numbers("Ireland", "112 or 999"),
    "US": Numbers("the United States", "911"),
    "CA": Numbers("Canada", "911"),
    "AU": Numbers("Australia", "000"),
    "NZ": Numbers("New Zealand", "111"),
    "IS": Numbers("Iceland", "112"),
    "NO": Numbers("Norway", "113 (ambulance) or 112"),
    "CH": Numbers("Switzerland", "144 (ambulance) or 112"),
    **{code: Numbers(name, "112") for code, name in EU_112.items()},
}

# Named when no country is set.
COMMON: tuple[Numbers, ...] = (
    Numbers("the UK", "999", "111"),
    Numbers("North America", "911"),
    Numbers("Europe", "112"),
    Numbers("Australia", "000"),
)


def numbers_for(country: str | None) -> tuple[Numbers, ...]:
    """The numbers for a country code (any case), or the common ones without one."""
    if country is None:
        return COMMON
    found = NUMBERS.get(country.upper())
    return COMMON if found is None else (found,)


def numbers_text(numbers: Sequence[Numbers]) -> str:
    """`999` for one place; `the emergency number (999 in the UK, 911 in North America, ...)`
    for several."""
    if len(numbers) == 1:
        return numbers[0].emergency
    return (
        "the emergency number (" + ", ".join(f"{n.emergency} in {n.where}" for n in numbers) + ")"
    )


def advice_text(numbers: Sequence[Numbers]) -> str:
    """Where to ring for urgent advice, when the place has such a line: ` (or 111 in the UK)`."""
    lines = [n for n in numbers if n.advice]
    if not lines:
        return ""
    if len(numbers) == 1:
        return f" or {lines[0].advice}"
    return " (or " + ", ".join(f"{n.advice} in {n.where}" for n in lines) + ")"


# --- the signs --------------------------------------------------------------------------------


class Section(NamedTuple):
    """A group of signs: its JSON key, a heading, what to do, and the signs themselves."""

    key: str
    title: str
    action: str  # may hold {emergency} and {advice}
    lead: str
    signs: tuple[str, ...]

    def action_for(self, numbers: Sequence[Numbers]) -> str:
        return self.action.format(emergency=numbers_text(numbers), advice=advice_text(numbers))


EMERGENCY = Section(
    key="emergency",
    title="Emergency: get help now",
    action=(
        "Call {emergency} or go to A&E (the emergency department) now. Do not drive yourself "
        "there: your legs may be weak."
    ),
    lead="Any one of these, new or getting worse, together with back pain:",
    signs=(
        "pain, tingling, numbness or weakness in both legs",
        "weakness in a leg that is severe or getting worse",
        "loss of feeling or pins and needles between your inner thighs or around your genitals",
        "numbness in or around your back passage or buttocks",
        "a changed feeling, or no feeling, when you wipe yourself with toilet paper",
        "new difficulty starting or stopping your flow of urine, or not feeling it pass",
        "leaking urine, or newly needing pads",
        "not being able to tell whether your bladder is full or empty",
        "not being able to stop a bowel movement, leaking from your bowel, or not feeling it pass",
        "new problems getting or keeping an erection or ejaculating, or loss of feeling in your "
        "genitals during sex",
        "chest pain",
        "back pain that started after a serious accident or fall",
        "a high temperature and feeling hot and shivery, together with severe back pain",
    ),
)

URGENT = Section(
    key="urgent",
    title="Urgent: be seen today",
    action=("Get a same-day appointment with a GP, or call an urgent-care line{advice}."),
    lead="Back pain together with any of these:",
    signs=(
        "losing weight without trying",
        "a lump or swelling in your back, or a change in the shape of your back",
        "pain that does not ease when you rest, or is worse at night or keeps you awake",
        "pain that gets worse when you cough, sneeze or strain on the toilet",
        "pain high in your back, between your shoulder blades",
        "a history of cancer, a weakened immune system, long-term use of steroid medicines, "
        "or osteoporosis and a minor fall",
        "pain in one leg that keeps getting worse",
    ),
)

SEE_A_DOCTOR = Section(
    key="see_a_doctor",
    title="See a GP or physiotherapist",
    action=(
        "Book an appointment in the coming days. In many parts of the UK you can refer "
        "yourself to physiotherapy without seeing a GP first."
    ),
    lead="If your back pain:",
    signs=(
        "is not getting better after about 6 weeks of looking after it at home",
        "stops you doing your usual day-to-day things",
        "is severe, or keeps getting worse",
        "comes with leg pain that is not easing after a few weeks",
    ),
)

STOP_NOW = Section(
    key="stop_now",
    title="Stop the exercise now",
    action=HOW_TO_STOP,
    lead="During an exercise, stop if you notice:",
    signs=(
        "a sharp or new pain, or pain that builds quickly",
        "pain spreading further down a leg",
        "dizziness, feeling faint or feeling sick",
        "pressure or pain in your chest, or breathlessness that is not normal for you",
    ),
)

SECTIONS: tuple[Section, ...] = (EMERGENCY, URGENT, SEE_A_DOCTOR, STOP_NOW)


def footer(numbers: Sequence[Numbers]) -> str:
    """The short card under every plan and guided session: when to stop, when to get help."""
    return (
        "Stop if pain turns sharp or new, spreads further down a leg, or you feel dizzy, faint "
        f"or sick. Call {numbers_text(numbers)} or go to A&E now for pain, tingling, numbness or "
        "weakness in both legs; numbness around your genitals, buttocks or back passage; new "
        "trouble with your bladder, bowels or sexual function; chest pain; or a high "
        "temperature with severe back pain. `movecoach safety` lists every sign."
    )


def brief(numbers: Sequence[Numbers]) -> tuple[str, str]:
    """The emergency and urgent signs in two sentences, for the report's single page."""
    emergency = (
        f"Emergency: call {numbers_text(numbers)} or go to A&E now for pain, tingling, numbness "
        "or weakness in both legs; numbness around the genitals, buttocks or back passage; new "
        "trouble with the bladder, bowels or sexual function; chest pain; or a high temperature "
        "with severe back pain."
    )
    urgent = (
        f"The same day (a GP or an urgent-care line{advice_text(numbers)}): weight loss without "
        "trying, pain that is worse at night or when coughing, sneezing or straining, a history "
        "of cancer, or pain in one leg that keeps getting worse. `movecoach safety` lists "
        "every sign."
    )
    return emergency, urgent


def as_json(country: str | None) -> dict[str, Any]:
    """`movecoach safety --json`: each group's signs, and the numbers to call.

    `numbers` is a list of objects `{"where", "emergency", "advice"}`: one for the `country`
    setting, else the common ones; `advice` is a line for urgent advice, or null."""
    data: dict[str, Any] = {section.key: list(section.signs) for section in SECTIONS}
    data["numbers"] = [n.as_dict() for n in numbers_for(country)]
    return data
