"""`movecoach break`: a short desk break, guided like `start`, then logged."""

from __future__ import annotations

from typing import Annotated

import typer

from movecoach import cli
from movecoach.cli import BellOpt, PlainOpt, SpeakOpt, console, env_of, flush_notes

app = cli.sub_app()
DESK_NOTE = "desk break"


@app.command("break")
def break_cmd(
    ctx: typer.Context,
    minutes: Annotated[
        int,
        typer.Option(
            "--minutes",
            "-m",
            click_type=cli.Whole(1, 5),
            help="How long the break lasts (1-5).",
        ),
    ] = 3,
    no_log: Annotated[
        bool, typer.Option("--no-log", help="Do not write the break to the log.")
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="No keys: print each exercise and wait (the default when stdin is not a "
            "terminal).",
        ),
    ] = False,
    plain: PlainOpt = False,
    speak: SpeakOpt = False,
    bell: BellOpt = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the exercises and their timings and exit.")
    ] = False,
) -> None:
    """A short desk break: a few standing and sitting exercises to break up long sitting.

    Guided like `movecoach start` (space pauses, n goes on to the next exercise, q stops;
    --plain and --speak as there), with no rests between the exercises, then logged as a
    session (note "desk break") unless --no-log; no questions are asked. `movecoach nudge
    --break` says when one is due.
    """
    from movecoach import actions
    from movecoach.commands.plan import play, stopped
    from movecoach.core import guide
    from movecoach.store import paths
    from movecoach.ui import render, text

    env = env_of(ctx)
    log = None if dry_run or no_log else env.log()  # a broken log refuses before the break
    timeline = actions.break_timeline(env, minutes)
    flush_notes(ctx)
    out = console()
    if dry_run:
        cli.show(render.timeline_view(timeline, env.today, "Desk break"))
        return
    interactive = not no_input and cli.stdin_is_terminal()
    lines = plain or paths.dumb_terminal() or not interactive
    country = env.settings.country
    started = cli.now().replace(second=0, microsecond=0).time()
    state = play(timeline, out, interactive, lines, bell, speak, country, "Desk break")
    out.print(render.guide_summary(state))
    if state.phase is guide.Phase.STOPPED:
        stopped(out, lines, country)
    result = guide.outcome(state)
    if result is None:
        cli.out("No exercise time was spent, so there is nothing to log.")
    elif log is None:
        cli.out("Not logged (--no-log).")
    else:
        unscored = (None, None)
        done = actions.record_guided(
            env, log, result, started, unscored, unscored, cli.now(), DESK_NOTE
        )
        cli.out(text.logged_line(done.session, done.streak))
