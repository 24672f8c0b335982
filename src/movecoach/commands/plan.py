"""The day's session: `today`, `start`, `exercises` and `safety`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from movecoach import cli
from movecoach.cli import (
    EquipmentOpt,
    JsonOpt,
    MinutesOpt,
    NoAdaptOpt,
    PainOpt,
    console,
    emit,
    env_of,
    flush_notes,
)

if TYPE_CHECKING:
    from movecoach.actions import Env

app = cli.sub_app()


@app.command("today")
def today_cmd(
    ctx: typer.Context,
    minutes: MinutesOpt = None,
    pain: PainOpt = None,
    equipment: EquipmentOpt = None,
    no_adapt: NoAdaptOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Suggest today's short, balanced, low-impact session, paced from your log."""
    from movecoach import actions

    env = env_of(ctx)
    plan = actions.plan(env, minutes, pain, equipment, adapt=not no_adapt)
    tip = actions.tip_of_the_day(env)
    flush_notes(ctx)

    def data() -> dict[str, Any]:
        sources = actions.sources()
        shown = plan.as_dict(sources)
        if tip is not None:
            shown["tip"] = {k: v for k, v in tip.as_dict(sources).items() if k != "id"}
        return shown

    emit(as_json, data, lambda render: render.plan_view(plan, env.settings.country, tip))


@app.command("exercises")
def exercises_cmd(
    ctx: typer.Context,
    exercise_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Show one exercise in full.",
            autocompletion=cli.completer("exercise_ids"),
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            help="Only this category: mobility, stretch, strength, aerobic, relaxation.",
            autocompletion=cli.completer("categories"),
        ),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag",
            "-t",
            help="Only exercises with this tag: floor, kneeling, in-bed, desk, extension, "
            "flexion, nerve.",
            autocompletion=cli.completer("tags"),
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the exercise catalogue, or show one exercise in full with its sources."""
    from movecoach import actions

    env = env_of(ctx)
    chosen = actions.exercises(env, category, tag)
    sources = actions.sources()
    if exercise_id is not None:
        found = actions.exercise(env, exercise_id)
        flush_notes(ctx)
        emit(
            as_json,
            lambda: found.as_dict(sources),
            lambda render: render.exercise_view(found, sources),
        )
        return
    flush_notes(ctx)
    emit(
        as_json,
        lambda: [e.as_dict(sources) for e in chosen],
        lambda r: r.catalogue_table(chosen),
    )


@app.command("safety")
def safety_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """When to call the emergency number, when to be seen today or soon, and when to stop.

    The emergency number follows the country setting (`movecoach config set country GB`);
    without it the common numbers are named. Broken settings never hide this text.
    """
    from movecoach.core import safety
    from movecoach.errors import MovecoachError

    try:
        country = env_of(ctx).settings.country
    except MovecoachError as err:  # the safety text must show whatever the settings say
        country = None
        cli.say(f"note: {err} (showing the common emergency numbers)")
    emit(as_json, lambda: safety.as_json(country), lambda render: render.safety_view(country))


def ask_pain(question: str) -> int | None:
    """A pain score from 0 to 10 typed on the terminal; Enter skips. Ctrl-C raises Abort."""
    while True:
        answer = typer.prompt(f"{question}, 0-10 (Enter to skip)", default="", show_default=False)
        text = answer.strip()
        if not text:
            return None
        if text.isascii() and text.isdigit() and 0 <= int(text) <= 10:
            return int(text)
        print("Please type a whole number from 0 (none) to 10 (worst), or press Enter to skip.")


@app.command("start")
def start_cmd(
    ctx: typer.Context,
    minutes: MinutesOpt = None,
    pain: PainOpt = None,
    equipment: EquipmentOpt = None,
    rest: Annotated[
        int | None,
        typer.Option(
            "--rest",
            click_type=cli.Whole(0, 120),
            help="Seconds of rest between exercises (0-120). [default: the rest_seconds "
            "setting, 15]",
            show_default=False,
        ),
    ] = None,
    bell: Annotated[
        bool, typer.Option("--bell", help="Ring the terminal bell at each change.")
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="No keys and no questions: print each step, wait, and log at the end "
            "(the default when stdin is not a terminal).",
        ),
    ] = False,
    pain_after: Annotated[
        int | None,
        typer.Option(
            "--pain-after",
            click_type=cli.Whole(0, 10),
            help="Pain after the session, 0-10; not asked then.",
        ),
    ] = None,
    no_log: Annotated[
        bool, typer.Option("--no-log", help="Do not write the session to the log.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the timeline of the session and exit.")
    ] = False,
    flare: Annotated[
        bool,
        typer.Option(
            "--flare",
            help="Guide the 5-minute flare routine of `movecoach flare` instead of today's plan.",
        ),
    ] = False,
) -> None:
    """Walk through today's plan one exercise at a time, with timers, then log it.

    Without --pain it first asks how your back feels. Keys: space pauses and resumes, n moves
    to the next exercise, q (or Ctrl-C) stops. At the end it asks your pain now and whether to
    log what you did. With --flare it guides the gentlest 5-minute routine instead.
    """
    env = env_of(ctx)
    check_start_options(env, flare, minutes, pain, equipment)  # refuse before asking
    interactive = not no_input and cli.stdin_is_terminal()
    log = None if dry_run or no_log else env.log()  # a broken log refuses before, not after
    if pain is None and interactive and not dry_run:
        try:
            pain = ask_pain("Your back pain right now")
        except typer.Abort:
            print("\nStopped before the first exercise; nothing logged.")
            return
    timeline = guided_timeline(env, flare, minutes, pain, equipment, rest)
    flush_notes(ctx)
    from movecoach.core import guide
    from movecoach.ui import render

    out = console()
    if dry_run:
        out.print(render.timeline_view(timeline, env.today))
        return
    from movecoach.ui import live  # the guide's terminal modes load only for a real session

    out.print(render.guide_intro(timeline, interactive, env.settings.country))
    started = cli.now().replace(second=0, microsecond=0).time()
    player = live.run_interactive if interactive else live.run_plain
    state = player(timeline, out, bell=bell)
    out.print(render.guide_summary(state))
    if state.phase is guide.Phase.STOPPED:
        out.print(render.stopped_view(env.settings.country))
    finish_guided(env, log, state, started, pain, pain_after, interactive)


def check_start_options(
    env: Env, flare: bool, minutes: int | None, pain: int | None, equipment: list[str] | None
) -> None:
    """Refuse bad options before anything is asked: the flare routine has a fixed length and
    needs no equipment beyond a chair."""
    from movecoach import actions
    from movecoach.errors import InputError

    if flare and (minutes is not None or equipment):
        raise InputError(
            "--flare guides a fixed 5-minute routine: leave out --minutes and --equipment"
        )
    actions.plan_options(env, minutes, pain, equipment)


def guided_timeline(
    env: Env,
    flare: bool,
    minutes: int | None,
    pain: int | None,
    equipment: list[str] | None,
    rest: int | None,
) -> Any:
    """The flare routine's timeline, or today's plan's."""
    from movecoach import actions

    if flare:
        return actions.flare_timeline(env, rest)
    return actions.guided_timeline(env, minutes, pain, equipment, rest)


def finish_guided(
    env: Env,
    log: Any,
    state: Any,
    started: dt.time,
    pain: int | None,
    pain_after: int | None,
    interactive: bool,
) -> None:
    """After a guided session: ask the pain now and whether to log, then log what was done."""
    from movecoach import actions
    from movecoach.core import guide
    from movecoach.ui import render, text

    result = guide.outcome(state)
    if result is None:
        print("No exercise time was spent, so there is nothing to log.")
        return
    try:
        if pain_after is None and interactive:
            pain_after = ask_pain("Your back pain now")
        keep = log is not None and (
            not interactive
            or typer.confirm(f"Log this session ({result.minutes} min)?", default=True)
        )
    except typer.Abort:  # Ctrl-C at a question: write nothing, but say how to log it later
        print(f"\nNot logged. To log it later: {text.log_later(result, pain)}")
        return
    if keep:
        done = actions.record_guided(env, log, result, started, pain, pain_after, cli.now())
        print(text.logged_line(done.session, done.streak))
    else:
        print("Not logged.")
    if guide.should_ease_off(pain, pain_after):
        console().print(render.ease_off_view(pain or 0, pain_after or 0, env.settings.country))
