"""The day's session: `today`, `start`, `exercises` and `safety`."""

from __future__ import annotations

import datetime as dt
import gc
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from movecoach import cli
from movecoach.cli import (
    BellOpt,
    EquipmentOpt,
    JsonOpt,
    LegPainOpt,
    MinutesOpt,
    NoAdaptOpt,
    PainOpt,
    PlainOpt,
    SpeakOpt,
    console,
    emit,
    env_of,
    flush_notes,
    say,
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
    leg_pain: LegPainOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Suggest today's short, balanced, low-impact session, paced from your log."""
    from movecoach import actions

    env = env_of(ctx)
    plan = actions.plan(env, minutes, pain, equipment, adapt=not no_adapt, leg_pain=leg_pain)
    tip = actions.tip_of_the_day(env)
    done = actions.done_today(env)
    flush_notes(ctx)

    def data() -> dict[str, Any]:
        sources = actions.sources(env)
        shown = plan.as_dict(sources)
        if tip is not None:
            shown["tip"] = {k: v for k, v in tip.as_dict(sources).items() if k != "id"}
        shown["done_today"] = done.as_dict()
        return shown

    emit(
        as_json,
        data,
        lambda render: render.plan_view(
            plan, env.settings.country, tip, done.sessions, done.minutes
        ),
    )


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
    """List the exercise catalogue, or show one exercise in full with its sources and how
    your pain has answered it."""
    from movecoach import actions

    env = env_of(ctx)
    chosen = actions.exercises(env, category, tag)
    sources = actions.sources(env)
    if exercise_id is not None:
        found = actions.exercise(env, exercise_id)
        answered = actions.exercise_response(env, exercise_id)
        flush_notes(ctx)

        def data() -> dict[str, Any]:
            shown = found.as_dict(sources)
            shown["response"] = None if answered is None else answered.as_dict()
            return shown

        emit(as_json, data, lambda render: render.exercise_view(found, sources, answered))
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
        cli.out("Please type a whole number from 0 (none) to 10 (worst), or press Enter to skip.")


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
            help="Seconds of rest between exercises (0-120). [default: {setting:rest_seconds}]",
            show_default=False,
        ),
    ] = None,
    lead_in: Annotated[
        int,
        typer.Option(
            "--lead-in",
            click_type=cli.Whole(0, 60),
            help="Seconds to get ready before the first exercise (0-60; 0 for none).",
        ),
    ] = 5,
    bell: BellOpt = False,
    plain: PlainOpt = False,
    speak: SpeakOpt = False,
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
    no_adapt: NoAdaptOpt = False,
    leg_pain: LegPainOpt = None,
    leg_pain_after: Annotated[
        int | None,
        typer.Option(
            "--leg-pain-after",
            click_type=cli.Whole(0, 10),
            help="Leg pain after the session, 0-10; not asked then.",
        ),
    ] = None,
) -> None:
    """Walk through today's plan one exercise at a time, with timers, then log it.

    Without --pain it first asks how your back feels. A short count gets you ready, then
    each exercise has its countdown. Keys: space pauses and resumes, n goes on to the next
    exercise (the time you spent counts), q (or Ctrl-C) stops. At the end it asks your pain
    now (and your leg pain, after --leg-pain) and whether to log what you did, and says how
    your pain answered. With --flare it guides the gentlest 5-minute routine instead.
    """
    from movecoach.store import paths

    env = env_of(ctx)
    check_start_options(env, flare, minutes, pain, equipment)  # refuse before asking
    interactive = not no_input and cli.stdin_is_terminal()
    log = None if dry_run or no_log else env.log()  # a broken log refuses before, not after
    if pain is None and interactive and not dry_run:
        try:
            pain = ask_pain("Your back pain right now")
        except typer.Abort:
            cli.out("\nStopped before the first exercise; nothing logged.")
            return
    options = Guided(minutes, pain, equipment, rest, not no_adapt, leg_pain, lead_in)
    timeline, leg = guided_timeline(env, flare, options)
    flush_notes(ctx)
    from movecoach.core import guide
    from movecoach.ui import render

    out = console()
    if dry_run:
        cli.show(render.timeline_view(timeline, env.today))
        return
    lines = plain or paths.dumb_terminal() or not interactive
    country = env.settings.country
    started = cli.now().replace(second=0, microsecond=0).time()
    state = play(timeline, out, interactive, lines, bell, speak, country, leg=leg)
    out.print(render.guide_summary(state))
    if state.phase is guide.Phase.STOPPED:
        stopped(out, lines, country, leg)
    scores = ((pain, pain_after), (leg_pain, leg_pain_after))
    finish_guided(env, log, state, started, scores, interactive)


def play(
    timeline: Any,
    out: Any,
    interactive: bool,
    lines: bool,
    bell: bool,
    speak: bool,
    country: str | None = None,
    title: str = "Guided session",
    leg: bool = False,
) -> Any:
    """Show the intro and run the player that fits: the screen, or lines (with keys on a
    terminal); with speech when asked and installed. `movecoach break` plays this way too.
    `leg`: leg pain shaped the plan, so the safety card speaks of the leg."""
    from movecoach.ui import live, render, speech

    voice = None
    if speak:
        speaker = speech.Speaker()
        if speaker.found:
            voice = speaker.say
        else:
            say(speech.NONE_INSTALLED)
    if lines:
        for text in render.guide_intro_lines(timeline, interactive, country, title, leg):
            out.print(text, markup=False, highlight=False)
    else:
        out.print(render.guide_intro(timeline, interactive, country, title, leg))
    gc.enable()  # minutes of redrawing: collect cycles as a long-running program does
    if not interactive:
        return live.run_plain(timeline, out, bell=bell, speak=voice)
    player = live.run_plain_keys if lines else live.run_interactive
    return player(timeline, out, bell=bell, speak=voice)


def stopped(out: Any, lines: bool, country: str | None, leg: bool = False) -> None:
    """After a session stopped early: how to stop safely and when to get help, as lines in
    the line modes, else as the boxed card."""
    from movecoach.ui import render

    if lines:
        for text in render.stop_lines(country, leg):
            out.print(text, markup=False, highlight=False)
    else:
        out.print(render.stopped_view(country, leg))


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


class Guided(NamedTuple):
    """The options of `start` that shape the plan it guides."""

    minutes: int | None
    pain: int | None
    equipment: list[str] | None
    rest: int | None
    adapt: bool
    leg_pain: int | None
    lead_in: int = 0


def guided_timeline(env: Env, flare: bool, options: Guided) -> tuple[Any, bool]:
    """The flare routine's timeline, or today's plan's, after a lead-in of `lead_in`
    seconds; and whether leg pain (2 or more, today or lately) shaped it."""
    from movecoach import actions
    from movecoach.core.planner import LEG_PAIN

    if flare:
        timeline = actions.flare_timeline(env, options.rest, options.lead_in)
        return timeline, (options.leg_pain or 0) >= LEG_PAIN
    return actions.guided_timeline(
        env,
        options.minutes,
        options.pain,
        options.equipment,
        options.rest,
        options.lead_in,
        adapt=options.adapt,
        leg_pain=options.leg_pain,
    )


def finish_guided(
    env: Env,
    log: Any,
    state: Any,
    started: dt.time,
    scores: tuple[tuple[int | None, int | None], tuple[int | None, int | None]],
    interactive: bool,
) -> None:
    """After a guided session: ask the pain now (and the leg pain, when it was given before)
    and whether to log, then log what was done and say how the pain answered."""
    from movecoach import actions
    from movecoach.core import guide
    from movecoach.ui import render, text

    pain, leg = scores
    result = guide.outcome(state)
    if result is None:
        cli.out("No exercise time was spent, so there is nothing to log.")
        return
    try:
        pain, leg = ask_after(pain, leg, interactive)
        keep = log is not None and (
            not interactive
            or typer.confirm(f"Log this session ({result.minutes} min)?", default=True)
        )
    except typer.Abort:  # Ctrl-C at a question: write nothing, but say how to log it later
        cli.out(f"\nNot logged. To log it later: {text.log_later(result, pain[0], leg[0])}")
        return
    if keep:
        done = actions.record_guided(env, log, result, started, pain, leg, cli.now())
        cli.out(text.logged_line(done.session, done.streak))
    else:
        cli.out("Not logged.")
    verdict = guide.verdict(*pain, *leg)
    if verdict is not None:
        for line in render.pain_response_lines(verdict, pain, leg):
            cli.out(line)


def ask_after(
    pain: tuple[int | None, int | None], leg: tuple[int | None, int | None], interactive: bool
) -> tuple[tuple[int | None, int | None], tuple[int | None, int | None]]:
    """The scores after the session, asked on a terminal where no flag gave them; leg pain
    only when it was given before."""
    if not interactive:
        return pain, leg
    after = pain[1] if pain[1] is not None else ask_pain("Your back pain now")
    leg_after = leg[1]
    if leg[0] is not None and leg_after is None:
        leg_after = ask_pain("Your leg pain now")
    return (pain[0], after), (leg[0], leg_after)
