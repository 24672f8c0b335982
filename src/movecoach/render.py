"""Rich renderables for each view. No decisions and no I/O: models in, renderables out."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from movecoach import safety
from movecoach.models import Exercise, Plan

CATEGORY_STYLE = {
    "mobility": "cyan",
    "stretch": "magenta",
    "strength": "yellow",
    "aerobic": "green",
    "relaxation": "blue",
}


def _category(category: str) -> Text:
    return Text(category, style=CATEGORY_STYLE.get(category, ""))


def _equipment(equipment: Sequence[str]) -> str:
    return ", ".join(equipment) if equipment else "none"


def _labelled(rows: Sequence[tuple[Text | str, Text | str]], indent: int = 2) -> Table:
    """Label and text in two columns, so a wrapped line stays under its own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row(label, text)
    return Padding(grid, (0, 0, 0, indent), expand=False)  # type: ignore[return-value]


def _steps(steps: Sequence[str]) -> RenderableType:
    return _labelled([(Text(f"{n}.", style="dim"), step) for n, step in enumerate(steps, 1)])


def _caution(caution: str) -> RenderableType:
    return _labelled([(Text("Caution:", style="bold yellow"), caution)])


def plan_view(plan: Plan) -> RenderableType:
    pain = f"pain {plan.pain}/10" if plan.pain is not None else "pain not given"
    header = Text.assemble(
        (f"Today's session, {plan.day:%a %d %b %Y}", "bold"),
        f"\n{plan.total_minutes} of {plan.minutes} min  ·  {pain}  ·  ",
        f"equipment: {_equipment(plan.equipment)}",
    )
    parts: list[RenderableType] = [header, Text("")]
    for number, item in enumerate(plan.items, start=1):
        exercise = item.exercise
        title = Text.assemble(
            (f"{number}. {exercise.name}", "bold"),
            "  ",
            _category(exercise.category),
            f" · {exercise.position} · {item.minutes} min",
        )
        parts += [
            title,
            _labelled([(Text("Dose:", style="bold"), item.dose)]),
            _steps(exercise.steps),
            _caution(exercise.caution),
            Text(""),
        ]
    if not plan.items:
        parts += [Text("Nothing in the catalogue fits these options today."), Text("")]
    parts.append(Text(f"Total: {plan.total_minutes} min", style="bold"))
    if plan.notes:
        parts.append(_labelled([("•", note) for note in plan.notes], indent=0))
    parts += [Text(""), _footer()]
    return Group(*parts)


def _footer() -> RenderableType:
    return Panel(
        Text(f"{safety.HOW_TO_STOP}\n{safety.FOOTER}"),
        title="Stop safely",
        title_align="left",
        border_style="yellow",
    )


def catalogue_table(exercises: Sequence[Exercise]) -> RenderableType:
    table = Table(title=f"{len(exercises)} exercises", title_justify="left", expand=False)
    table.add_column("id", no_wrap=True)
    table.add_column("name")
    table.add_column("category")
    table.add_column("position")
    table.add_column("equipment")
    table.add_column("min", justify="right")
    table.add_column("max pain", justify="right")
    for exercise in exercises:
        name = exercise.name + (" (yours)" if exercise.source != "bundled" else "")
        table.add_row(
            exercise.id,
            name,
            _category(exercise.category),
            exercise.position,
            _equipment(exercise.equipment),
            str(exercise.minutes),
            str(exercise.max_pain),
        )
    hint = Text("`movecoach exercises ID` shows the steps of one exercise.", style="dim")
    return Group(table, hint)


def exercise_view(exercise: Exercise) -> RenderableType:
    length = f"{exercise.minutes} min"
    if exercise.scalable:
        length = f"{exercise.minutes}-{exercise.max_minutes} min"
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("id", exercise.id)
    facts.add_row("category", _category(exercise.category))
    facts.add_row("position", exercise.position)
    facts.add_row("equipment", _equipment(exercise.equipment))
    facts.add_row("time", length)
    facts.add_row("dose", exercise.dose)
    facts.add_row("suggested up to pain", f"{exercise.max_pain}/10")
    facts.add_row("why", exercise.benefit)
    if exercise.source != "bundled":
        facts.add_row("from", exercise.source)
    return Group(
        Text(exercise.name, style="bold"),
        facts,
        Text("Steps", style="bold"),
        _steps(exercise.steps),
        _caution(exercise.caution),
    )


def safety_view() -> RenderableType:
    parts: list[RenderableType] = [
        Panel(Text(safety.HOW_TO_STOP), title="How to stop safely", title_align="left"),
    ]
    for section in safety.SECTIONS:
        signs = Text("\n".join(f"• {sign}" for sign in section.signs))
        parts += [
            Text(section.title, style="bold"),
            Text(section.lead),
            Padding(signs, (0, 0, 1, 2)),
        ]
    parts += [Text(safety.REASSURANCE), Text(""), Text(safety.NOT_A_DIAGNOSIS, style="bold")]
    return Group(*parts)
