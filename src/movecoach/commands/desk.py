"""`movecoach break`: a short desk break, guided like `start`, then logged."""

from __future__ import annotations

from typing import Annotated

import typer

from movecoach import cli
from movecoach.cli import console, env_of, flush_notes

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
            help="No keys: print each move and wait (the default when stdin is not a terminal).",
        ),
    ] = False,
    bell: Annotated[
        bool, typer.Option("--bell", help="Ring the terminal bell at each change.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the moves and their timings and exit.")
    ] = False,
) -> None:
    """A short desk break: a few standing and sitting moves to break up long sitting.

    Guided like `movecoach start` (space pauses, n moves on, q stops), with no rests between
    the moves, then logged as a session (note "desk break") unless --no-log; no questions
    are asked. `movecoach nudge --break` says when one is due.
    """
    from movecoach import actions
    from movecoach.core import guide
    from movecoach.ui import render, text

    env = env_of(ctx)
    log = None if dry_run or no_log else env.log()  # a broken log refuses before the break
    timeline = actions.break_timeline(env, minutes)
    flush_notes(ctx)
    out = console()
    if dry_run:
        out.print(render.timeline_view(timeline, env.today, "Desk break"))
        return
    from movecoach.ui import live  # the guide's terminal modes load only for a real break

    interactive = not no_input and cli.stdin_is_terminal()
    out.print(render.guide_intro(timeline, interactive, env.settings.country, "Desk break"))
    started = cli.now().replace(second=0, microsecond=0).time()
    player = live.run_interactive if interactive else live.run_plain
    state = player(timeline, out, bell=bell)
    out.print(render.guide_summary(state))
    result = guide.outcome(state)
    if result is None:
        print("No exercise time was spent, so there is nothing to log.")
    elif log is None:
        print("Not logged (--no-log).")
    else:
        done = actions.record_guided(env, log, result, started, None, None, cli.now(), DESK_NOTE)
        print(text.logged_line(done.session, done.streak))
