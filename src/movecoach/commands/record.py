"""The log itself: `log`, `sessions`, `undo` and `delete`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from movecoach import cli
from movecoach.cli import (
    EquipmentOpt,
    JsonOpt,
    NoAdaptOpt,
    YesOpt,
    confirm_or_refuse,
    emit,
    env_of,
    flush_notes,
    say,
)

if TYPE_CHECKING:
    from movecoach.core.models import Record

app = cli.sub_app()


@app.command("log")
def log_cmd(
    ctx: typer.Context,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            "-m",
            click_type=cli.Whole(0),
            help="How long the session took (1-600 min). With --plan: the minutes you had "
            "(5-90), as for `today`.",
            show_default=False,
        ),
    ] = None,
    pain_before: Annotated[
        int | None,
        typer.Option(
            "--pain-before", click_type=cli.Whole(0, 10), help="Back pain before the session, 0-10."
        ),
    ] = None,
    pain_after: Annotated[
        int | None,
        typer.Option(
            "--pain-after", click_type=cli.Whole(0, 10), help="Back pain after the session, 0-10."
        ),
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise",
            "-x",
            help="An exercise id you did; repeat for each (any id is kept).",
            autocompletion=cli.completer("exercise_ids"),
        ),
    ] = None,
    date: Annotated[
        str, typer.Option("--date", "-d", help="The day: YYYY-MM-DD, today or yesterday.")
    ] = "today",
    time: Annotated[
        str | None,
        typer.Option(
            "--time",
            help="When it started, HH:MM. [default: now minus the minutes, for today]",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="A note to keep (up to 1000 characters).")
    ] = None,
    plan: Annotated[
        bool, typer.Option("--plan", help="Log the day's suggested plan as done.")
    ] = False,
    pain: Annotated[
        int | None,
        typer.Option(
            "--pain",
            "-p",
            click_type=cli.Whole(0, 10),
            help="With --plan: the pain the plan was made for. Recorded as pain before.",
        ),
    ] = None,
    equipment: EquipmentOpt = None,
    no_adapt: NoAdaptOpt = False,
) -> None:
    """Record a session you have done in your log."""
    from movecoach import actions
    from movecoach.ui import text

    request = actions.LogRequest(
        minutes=minutes,
        pain_before=pain_before,
        pain_after=pain_after,
        exercises=exercise or (),
        date=date,
        time=time,
        note=note,
        plan=plan,
        pain=pain,
        equipment=equipment,
        adapt=not no_adapt,
    )
    env = env_of(ctx)
    done = actions.record(env, request, cli.now())
    flush_notes(ctx)
    for warning in done.warnings:
        say(f"warning: {warning}")
    print(text.logged_line(done.session, done.streak))


@app.command("sessions")
def sessions_cmd(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only sessions on or after this day (YYYY-MM-DD)."),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-l", click_type=cli.Whole(0), help="How many, newest first; 0 for all."
        ),
    ] = 20,
    as_json: JsonOpt = False,
) -> None:
    """List logged sessions, newest first."""
    from movecoach import actions

    chosen = actions.recent_sessions(env_of(ctx), since, limit)
    emit(as_json, lambda: actions.sessions_of(chosen), lambda r: r.sessions_table(chosen))


@app.command("undo")
def undo_cmd(ctx: typer.Context, yes: YesOpt = False) -> None:
    """Remove what you logged most recently: a session or a check-in."""
    from movecoach import actions

    log, session = actions.last_logged(env_of(ctx))
    remove_after_asking(log, session, yes, "undo")


@app.command("delete")
def delete_cmd(
    ctx: typer.Context,
    session_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The id of a session or a check-in.",
            autocompletion=cli.completer("session_ids"),
        ),
    ],
    yes: YesOpt = False,
) -> None:
    """Remove one session or check-in by its id (`sessions` and `checkin --list` show ids)."""
    from movecoach import actions

    log, session = actions.find(env_of(ctx), session_id)
    remove_after_asking(log, session, yes, "delete")


def remove_after_asking(log: Any, record: Record, yes: bool, command: str) -> None:
    """Show the record, ask (unless `--yes`), then remove it (the file is backed up first)."""
    from movecoach.ui import text

    noun = text.record_noun(record)
    print(text.record_line(record))
    if not confirm_or_refuse(f"Remove this {noun}?", yes, command, f"removing a {noun}"):
        print("Nothing removed.")
        return
    log.remove(record.id, cli.now().replace(microsecond=0))
    print("Removed.")
