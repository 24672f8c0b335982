"""The command line: parse arguments, call the domain modules, render, exit.

No rules live here. Heavy modules (Rich, the catalogue, the planner) are imported inside the
commands that need them so `--json` paths and `--help` start fast. Every `MovecoachError` is
turned into one line on stderr and exit code 2 in `MovecoachGroup`, the single place errors
are caught; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from movecoach import __version__
from movecoach.errors import InputError, MovecoachError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from movecoach.models import Exercise, Plan


def today() -> dt.date:
    """The one place the CLI reads the calendar; tests monkeypatch it or use faketime."""
    return dt.date.today()


def fail(message: str, code: int = 2) -> NoReturn:
    print(f"movecoach: {message}", file=sys.stderr)
    raise typer.Exit(code)


class MovecoachGroup(TyperGroup):
    """Turns every refusal into one line on stderr with exit code 2, never a traceback."""

    def invoke(self, ctx: Any) -> Any:  # typer.Context is the vendored Click context
        try:
            return super().invoke(ctx)
        except MovecoachError as err:
            fail(str(err), err.exit_code)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except typer.TyperException as err:  # Click's usage errors: bad option, bad value
            print(f"movecoach: {err.format_message()}", file=sys.stderr)
            code = getattr(err, "exit_code", 2)
        except typer.Abort:
            print("movecoach: stopped", file=sys.stderr)
            code = 1
        if not isinstance(code, int):
            code = 0
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=MovecoachGroup,
    name="movecoach",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"movecoach {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A daily activity coach for back pain: short, gentle, low-impact sessions.

    Not medical advice: stop if pain increases, and run `movecoach safety` to see when to
    seek care.
    """
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())


# --- shared options -------------------------------------------------------------------------

MinutesOpt = Annotated[
    int | None,
    typer.Option(
        "--minutes",
        "-m",
        min=5,
        max=90,
        help="Minutes you have today (5-90). [default: 15]",
        show_default=False,
    ),
]
PainOpt = Annotated[
    int | None,
    typer.Option(
        "--pain",
        "-p",
        min=0,
        max=10,
        help="Your back pain right now, 0 (none) to 10 (worst). Leave out for mild pain.",
    ),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--equipment",
        "-e",
        help="Equipment you have, comma-separated or repeated: chair, wall, towel, band, bike, "
        "pool. [default: none]",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def parse_equipment(values: Sequence[str] | None) -> tuple[str, ...]:
    from movecoach.models import EQUIPMENT

    items: set[str] = set()
    for value in values or ():
        for part in value.split(","):
            name = part.strip().lower()
            if not name or name == "none":
                continue
            if name not in EQUIPMENT:
                raise InputError(
                    f"unknown equipment {name!r}; choose from {', '.join(EQUIPMENT)} (or none)"
                )
            items.add(name)
    return tuple(sorted(items))


def load_catalogue() -> tuple[Exercise, ...]:
    from movecoach import catalogue

    return catalogue.load_bundled()


def make_plan(minutes: int | None, pain: int | None, equipment: Sequence[str] | None) -> Plan:
    """The plan `today`, `log --plan` and `start` share for the same options."""
    from movecoach import planner

    plan = planner.plan_session(
        load_catalogue(),
        minutes=15 if minutes is None else minutes,
        equipment=parse_equipment(equipment),
        pain=pain,
        day=today(),
    )
    if pain is None:
        notes = (*plan.notes, "Add --pain 0-10 to fit the plan to how your back feels today.")
        plan = dataclasses.replace(plan, notes=notes)
    return plan


def print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def show(renderable: RenderableType) -> None:
    console().print(renderable)


# --- commands -------------------------------------------------------------------------------


@app.command("today")
def today_cmd(
    minutes: MinutesOpt = None,
    pain: PainOpt = None,
    equipment: EquipmentOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Suggest today's short, balanced, low-impact session."""
    plan = make_plan(minutes, pain, equipment)
    if as_json:
        print_json(plan.as_dict())
        return
    from movecoach import render

    show(render.plan_view(plan))


@app.command("exercises")
def exercises_cmd(
    exercise_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Show one exercise in full.")
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            help="Only this category: mobility, stretch, strength, aerobic, relaxation.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the exercise catalogue, or show one exercise in full."""
    from movecoach.catalogue import by_id
    from movecoach.models import CATEGORIES

    exercises = load_catalogue()
    if category is not None and category not in CATEGORIES:
        raise InputError(f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}")
    if exercise_id is not None:
        found = by_id(exercises).get(exercise_id)
        if found is None:
            raise InputError(unknown_exercise_message(exercise_id, exercises))
        if as_json:
            print_json(found.as_dict())
            return
        from movecoach import render

        show(render.exercise_view(found))
        return
    chosen = [e for e in exercises if category is None or e.category == category]
    if as_json:
        print_json([e.as_dict() for e in chosen])
        return
    from movecoach import render

    show(render.catalogue_table(chosen))


def unknown_exercise_message(exercise_id: str, exercises: Sequence[Exercise]) -> str:
    import difflib

    close = difflib.get_close_matches(exercise_id, [e.id for e in exercises], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown exercise {exercise_id!r}{hint} (`movecoach exercises` lists them)"


@app.command("safety")
def safety_cmd() -> None:
    """How to stop an exercise safely, and the warning signs that need care."""
    from movecoach import render

    show(render.safety_view())
