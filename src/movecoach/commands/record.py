"""The log itself: `log`, `rest`, `pain`, `sessions`, `show`, `edit`, `undo` and `delete`."""

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
            "(5-90), as for `today`. [default with --plan: {setting:minutes}]",
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
    leg_pain: Annotated[
        int | None,
        typer.Option(
            "--leg-pain",
            click_type=cli.Whole(0, 10),
            help="Leg pain (sciatica) before the session, 0-10. With --plan, 2 or more adds a "
            "nerve slider.",
        ),
    ] = None,
    leg_pain_after: Annotated[
        int | None,
        typer.Option(
            "--leg-pain-after",
            click_type=cli.Whole(0, 10),
            help="Leg pain (sciatica) after the session, 0-10.",
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask about more than 180 minutes.")
    ] = False,
) -> None:
    """Record a session you have done in your log.

    More than 180 minutes is asked about first (--yes skips the question, and is needed
    without a terminal). With --plan, a day that already has a session of the same plan is
    asked about too (without a terminal it is logged, with a warning).
    """
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
        leg_pain_before=leg_pain,
        leg_pain_after=leg_pain_after,
    )
    env = env_of(ctx)
    prepared = actions.prepare(env, request, cli.now())
    flush_notes(ctx)
    if not plan and not confirm_long(prepared.session.minutes, yes, "log"):
        cli.out("Nothing logged.")
        return
    if prepared.plan_again and not yes:
        when = f"{prepared.session.date:%a %d %b %Y}"
        if not cli.stdin_is_terminal():
            say(f"warning: {when} already has a session of this plan; logged it again")
        elif not typer.confirm(f"{when} already has a session of this plan. Log it again?"):
            cli.out("Nothing logged.")
            return
    done = actions.save(env, prepared)
    for warning in done.warnings:
        say(f"warning: {warning}")
    cli.out(text.logged_line(done.session, done.streak))


DateOpt = Annotated[
    str, typer.Option("--date", "-d", help="The day: YYYY-MM-DD, today or yesterday.")
]
NoteOpt = Annotated[
    str | None, typer.Option("--note", "-n", help="A note to keep (up to 1000 characters).")
]


@app.command("rest")
def rest_cmd(
    ctx: typer.Context,
    flare: Annotated[
        bool, typer.Option("--flare", help="A flare day: it keeps the streak whatever the week.")
    ] = False,
    date: DateOpt = "today",
    note: NoteOpt = None,
) -> None:
    """Record a planned rest day, or a flare day, without a session.

    Flare days, and up to `rest_days` planned rest days a calendar week (1 unless you set
    it), keep your streak going and count in it. A day that has a session is already active,
    so it cannot be a rest day.
    """
    from movecoach import actions
    from movecoach.ui import text

    done = actions.record_day(env_of(ctx), "flare" if flare else "rest", date, cli.now(), note=note)
    flush_notes(ctx)
    for warning in done.warnings:
        say(f"warning: {warning}")
    for line in text.day_recorded(done):
        cli.out(line)


@app.command("pain")
def pain_cmd(
    ctx: typer.Context,
    pain: Annotated[
        int,
        typer.Argument(
            metavar="P", click_type=cli.Whole(0, 10), help="Your back pain, 0 (none) to 10."
        ),
    ],
    leg: Annotated[
        int | None,
        typer.Option("--leg", click_type=cli.Whole(0, 10), help="Leg pain, 0-10."),
    ] = None,
    date: DateOpt = "today",
    note: NoteOpt = None,
) -> None:
    """Record the day's pain without a session (it does not change your streak).

    `trend` and the report count it with the pain you log before sessions; it says when
    the day's pain makes it a flare day (2 or more points above your usual).
    """
    from movecoach import actions
    from movecoach.ui import text

    done = actions.record_day(
        env_of(ctx), "pain", date, cli.now(), note=note, pain=pain, leg_pain=leg
    )
    flush_notes(ctx)
    for line in text.day_recorded(done):
        cli.out(line)


@app.command("sessions")
def sessions_cmd(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only sessions on or after this day."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Only sessions on or before this day."),
    ] = None,
    exercise: Annotated[
        str | None,
        typer.Option("--exercise", "-x", metavar="ID", help="Only sessions with this exercise."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", metavar="TEXT", help="Only sessions whose note holds this text."
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-l", click_type=cli.Whole(0), help="How many, newest first; 0 for all."
        ),
    ] = 20,
    as_json: JsonOpt = False,
) -> None:
    """List logged sessions, newest first, with their ids.

    DATE is YYYY-MM-DD, today or yesterday; --search ignores case.
    """
    from movecoach import actions

    env = env_of(ctx)
    chosen = actions.recent_sessions(
        env, actions.SessionFilter(since, until, exercise, search, limit)
    )
    if as_json:
        emit(True, lambda: actions.sessions_of(chosen), lambda r: r.sessions_table(chosen, {}))
        return
    names = actions.exercise_names(env)
    flush_notes(ctx)
    filtered = (since, until, exercise, search) != (None, None, None, None)
    emit(False, list, lambda r: r.sessions_table(chosen, names, filtered))


IdArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The id (`movecoach sessions` shows them), or its first 4 or more.",
        autocompletion=cli.completer("session_ids"),
    ),
]


@app.command("show")
def show_cmd(ctx: typer.Context, record_id: IdArg, as_json: JsonOpt = False) -> None:
    """Show one session in full: every field, its exercises by name, and its file."""
    from movecoach import actions
    from movecoach.store.transfer import record as exported

    shown = actions.show(env_of(ctx), record_id)
    flush_notes(ctx)
    emit(as_json, lambda: exported(shown.record), lambda render: render.record_view(shown))


@app.command("edit")
def edit_cmd(
    ctx: typer.Context,
    record_id: IdArg,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", "-m", click_type=cli.Whole(0), help="How long it took (1-600 min)."
        ),
    ] = None,
    pain_before: Annotated[
        int | None,
        typer.Option("--pain-before", click_type=cli.Whole(0, 10), help="Pain before, 0-10."),
    ] = None,
    pain_after: Annotated[
        int | None,
        typer.Option("--pain-after", click_type=cli.Whole(0, 10), help="Pain after, 0-10."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help='The note; --note "" removes it.')
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", help="The day: YYYY-MM-DD, today or yesterday."),
    ] = None,
    time: Annotated[
        str | None, typer.Option("--time", help='When it started, HH:MM; --time "" removes it.')
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise", "-x", help="An exercise id; repeat for each (replaces the list)."
        ),
    ] = None,
    leg_pain: Annotated[
        int | None,
        typer.Option("--leg-pain", click_type=cli.Whole(0, 10), help="Leg pain before, 0-10."),
    ] = None,
    leg_pain_after: Annotated[
        int | None,
        typer.Option("--leg-pain-after", click_type=cli.Whole(0, 10), help="Leg pain after, 0-10."),
    ] = None,
    yes: YesOpt = False,
) -> None:
    """Change a session you logged: the same checks as `log`, every comment in the file kept.

    A session that another device logged keeps its place in that device's file; this
    device records it as removed and writes the edited copy, with a new id, in its own file.
    """
    from movecoach import actions
    from movecoach.ui import text

    request = actions.EditRequest(
        minutes,
        pain_before,
        pain_after,
        note,
        date,
        time,
        tuple(exercise or ()),
        leg_pain,
        leg_pain_after,
    )
    env = env_of(ctx)
    if minutes is not None and not confirm_long(minutes, yes, "edit"):
        cli.out("Nothing changed.")
        return
    done = actions.edit(env, record_id, request, cli.now())
    flush_notes(ctx)
    for warning in done.warnings:
        say(f"warning: {warning}")
    if done.new == done.old:
        cli.out("Nothing changed: the session already says that.")
        return
    names = actions.exercise_names(env)
    cli.out(f"Changed: {text.record_line(done.new, names)}")
    if done.new.id != done.old.id:
        cli.out(f"It was in another device's file, so the edited copy has a new id: {done.new.id}")


LONG_SESSION = 180  # minutes: a longer session is asked about first (a typo, often)


def confirm_long(minutes: int, yes: bool, command: str) -> bool:
    """Ask before recording more than `LONG_SESSION` minutes (often a typo: 300 for 30);
    without a terminal only `--yes` goes ahead."""
    if minutes <= LONG_SESSION:
        return True
    question = f"{minutes} minutes is more than 3 hours. Record it?"
    return confirm_or_refuse(question, yes, command, f"recording more than {LONG_SESSION} min")


@app.command("undo")
def undo_cmd(ctx: typer.Context, yes: YesOpt = False) -> None:
    """Remove what you recorded most recently: a session, a check-in, or a rest, flare or
    pain day."""
    from movecoach import actions

    env = env_of(ctx)
    log, record = actions.last_logged(env)
    remove_after_asking(log, record, yes, "undo", actions.exercise_names(env))


@app.command("delete")
def delete_cmd(ctx: typer.Context, record_id: IdArg, yes: YesOpt = False) -> None:
    """Remove one session, check-in, or rest, flare or pain day by its id (`sessions` and
    `checkin --list` show ids)."""
    from movecoach import actions

    env = env_of(ctx)
    log, record = actions.find(env, record_id)
    remove_after_asking(log, record, yes, "delete", actions.exercise_names(env))


def remove_after_asking(
    log: Any, record: Record, yes: bool, command: str, names: dict[str, str]
) -> None:
    """Show the record, ask (unless `--yes`), then remove it (the file is backed up first)."""
    from movecoach.ui import text

    what = text.kind_name(record)
    cli.out(f"{record.id}  {text.record_line(record, names)}")
    if not confirm_or_refuse(f"Remove this {what}?", yes, command, f"removing a {what}"):
        cli.out("Nothing removed.")
        return
    log.remove(record.id, cli.now().replace(microsecond=0))
    cli.out("Removed.")
