"""The plain values every layer shares: exercises, plans and logged sessions.

Frozen dataclasses with no behaviour beyond turning themselves into JSON-ready dicts, so the
public JSON field names live in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("mobility", "stretch", "strength", "aerobic", "relaxation")
POSITIONS = ("lying", "sitting", "standing", "all-fours")
EQUIPMENT = ("chair", "wall", "towel", "band", "bike", "pool")
MAX_PAIN = 10


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    category: str
    position: str
    equipment: tuple[str, ...]
    minutes: int
    dose: str
    max_pain: int
    steps: tuple[str, ...]
    caution: str
    benefit: str
    # Aerobic and relaxation work can be done for longer; the planner may stretch it this far.
    max_minutes: int | None = None
    # Holds a position at the end of a range of movement: left out when pain is moderate.
    end_range: bool = False
    # "bundled", or the path of the user's own exercises file.
    source: str = "bundled"

    @property
    def scalable(self) -> bool:
        return self.max_minutes is not None and self.max_minutes > self.minutes

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "position": self.position,
            "equipment": list(self.equipment),
            "minutes": self.minutes,
            "max_minutes": self.max_minutes,
            "dose": self.dose,
            "max_pain": self.max_pain,
            "end_range": self.end_range,
            "steps": list(self.steps),
            "caution": self.caution,
            "benefit": self.benefit,
            "user": self.source != "bundled",
        }


@dataclass(frozen=True)
class PlanItem:
    exercise: Exercise
    minutes: int

    @property
    def dose(self) -> str:
        """A block that can run longer (a walk, breathing) says its length before its manner."""
        if self.exercise.max_minutes is not None:
            return f"{self.minutes} min, {self.exercise.dose}"
        return self.exercise.dose

    def as_dict(self) -> dict[str, Any]:
        data = self.exercise.as_dict()
        data["minutes"] = self.minutes
        data["dose"] = self.dose
        return data


@dataclass(frozen=True)
class Plan:
    day: dt.date
    minutes: int
    pain: int | None
    equipment: tuple[str, ...]
    items: tuple[PlanItem, ...]
    notes: tuple[str, ...] = ()

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(item.exercise.id for item in self.items)

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "minutes": self.minutes,
            "total_minutes": self.total_minutes,
            "pain": self.pain,
            "equipment": list(self.equipment),
            "exercises": [item.as_dict() for item in self.items],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Session:
    id: str
    date: dt.date
    minutes: int
    time: dt.time | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    exercises: tuple[str, ...] = field(default_factory=tuple)
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "time": self.time.strftime("%H:%M") if self.time is not None else None,
            "minutes": self.minutes,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "exercises": list(self.exercises),
            "note": self.note,
        }
