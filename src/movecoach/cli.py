"""The command line: parse arguments, call one action, hand the result to a view.

No rules live here (they are in `core`, and what each command does is in `actions`). Heavy
modules (Rich, the catalogue, the planner) are imported inside the commands that need them
so `--json` paths and `--help` start fast. Errors leave one way: every `MovecoachError`
becomes its lines on stderr and its exit code in `MovecoachGroup.invoke`; anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from movecoach import __version__
from movecoach.errors import InputError, MovecoachError

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from rich.console import Console, RenderableType

    from movecoach.actions import Env
    from movecoach.core.models import Session


def today() -> dt.date:
    """The one place the CLI reads the calendar; tests monkeypatch it or use faketime."""
    return dt.date.today()


def now() -> dt.datetime:
    """The wall clock, for the time a session started; tests monkeypatch it."""
    return dt.datetime.now()


# How `movecoach --help` lists the commands: the day's routine first, then the record.
HELP_ORDER = [
    "today",
    "start",
    "log",
    "exercises",
    "safety",
    "nudge",
    "streak",
    "history",
    "trend",
    "calendar",
    "sessions",
    "undo",
    "delete",
    "report",
    "export",
    "import",
    "restore",
    "check",
    "config",
]


def say(line: str) -> None:
    """One line on stderr, as every message that is not the command's output."""
    print(f"movecoach: {line}", file=sys.stderr)


class MovecoachGroup(TyperGroup):
    """The one exit for errors: a refusal is its lines on stderr and its exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: HELP_ORDER.index(n) if n in HELP_ORDER else 99)

    def invoke(self, ctx: Any) -> Any:  # typer.Context is the vendored Click context
        try:
            return super().invoke(ctx)
        except MovecoachError as err:
            for line in err.lines() or [str(err)]:  # e.g. one line per bad row of an import
                say(line)
            raise typer.Exit(err.exit_code) from None

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
            say(err.format_message())
            code = getattr(err, "exit_code", 2)
        except typer.Abort:  # Ctrl-C or end of input at a question: nothing was changed
            say("stopped; nothing was changed")
            code = 2
        if not isinstance(code, int):
            code = 0
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=MovecoachGroup,
    name="movecoach",
    context_settings={"max_content_width": 100},
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


class State:
    """What one command shares across its parts: the settings and paths, read once."""

    def __init__(self) -> None:
        self.env: Env | None = None


def env_of(ctx: typer.Context) -> Env:
    """The command's `Env`, read on first use (so `check` and `config path` still run with
    broken settings) and kept on the context for the rest of the command."""
    state = ctx.find_root().ensure_object(State)
    if state.env is None:
        from movecoach import actions

        state.env = actions.load_env(today())
    return state.env


def flush_notes(env: Env) -> None:
    for line in env.notes:
        say(f"note: {line}")
    env.notes.clear()


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
        from movecoach import actions
        from movecoach.ui import render

        env = env_of(ctx)
        board = actions.dashboard(env.log(), env.today, env.goal, env.settings.first_weekday)
        show(render.dashboard_view(board))


# --- shared options -------------------------------------------------------------------------

MinutesOpt = Annotated[
    int | None,
    typer.Option(
        "--minutes",
        "-m",
        min=5,
        max=90,
        help="Minutes you have today (5-90). [default: the minutes setting, 15]",
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
        "pool, or none. [default: the equipment setting, none]",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
NoAdaptOpt = Annotated[
    bool,
    typer.Option(
        "--no-adapt", help="Plan from today's options alone, without pacing from your log."
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")]


def print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def show(renderable: RenderableType) -> None:
    console().print(renderable)


def emit(
    as_json: bool, data: Callable[[], object], view: Callable[[ModuleType], RenderableType]
) -> None:
    """What every read command ends with: JSON, or a Rich view (Rich loads only then)."""
    if as_json:
        print_json(data())
        return
    from movecoach.ui import render

    show(view(render))


def confirm_or_refuse(question: str, yes: bool, command: str, change: str) -> bool:
    """Ask on a terminal; without one, only `--yes` may go ahead."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise InputError(f"{command} asks before {change}; add --yes to run it here")
    return typer.confirm(question, default=False)


# --- the day's session ----------------------------------------------------------------------


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
    flush_notes(env)
    emit(as_json, plan.as_dict, lambda render: render.plan_view(plan))


@app.command("exercises")
def exercises_cmd(
    ctx: typer.Context,
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
    from movecoach import actions

    env = env_of(ctx)
    chosen = actions.exercises(env, category)
    if exercise_id is not None:
        found = actions.exercise(env, exercise_id)
        flush_notes(env)
        emit(as_json, found.as_dict, lambda render: render.exercise_view(found))
        return
    flush_notes(env)
    emit(as_json, lambda: [e.as_dict() for e in chosen], lambda r: r.catalogue_table(chosen))


@app.command("safety")
def safety_cmd() -> None:
    """How to stop an exercise safely, and the warning signs that need care."""
    from movecoach.ui import render

    show(render.safety_view())


# --- the log --------------------------------------------------------------------------------


@app.command("log")
def log_cmd(
    ctx: typer.Context,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            "-m",
            help="How long the session took (1-600 min). With --plan: the minutes you had "
            "(5-90), as for `today`.",
            show_default=False,
        ),
    ] = None,
    pain_before: Annotated[
        int | None,
        typer.Option("--pain-before", min=0, max=10, help="Back pain before the session, 0-10."),
    ] = None,
    pain_after: Annotated[
        int | None,
        typer.Option("--pain-after", min=0, max=10, help="Back pain after the session, 0-10."),
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise", "-x", help="An exercise id you did; repeat for each (any id is kept)."
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
            min=0,
            max=10,
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
    done = actions.record(env, request, now())
    flush_notes(env)
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
        int, typer.Option("--limit", "-l", min=0, help="How many, newest first; 0 for all.")
    ] = 20,
    as_json: JsonOpt = False,
) -> None:
    """List logged sessions, newest first."""
    from movecoach import actions

    chosen = actions.recent_sessions(env_of(ctx), since, limit)
    emit(as_json, lambda: actions.sessions_of(chosen), lambda r: r.sessions_table(chosen))


@app.command("undo")
def undo_cmd(ctx: typer.Context, yes: YesOpt = False) -> None:
    """Remove the session you logged most recently."""
    from movecoach import actions

    log, session = actions.last_logged(env_of(ctx))
    remove_after_asking(log, session, yes, "undo")


@app.command("delete")
def delete_cmd(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session's id.")],
    yes: YesOpt = False,
) -> None:
    """Remove one session by its id (`movecoach sessions` shows ids)."""
    from movecoach import actions

    log, session = actions.find(env_of(ctx), session_id)
    remove_after_asking(log, session, yes, "delete")


def remove_after_asking(log: Any, session: Session, yes: bool, command: str) -> None:
    """Show the session, ask (unless `--yes`), then remove it (the file is backed up first)."""
    from movecoach.ui import text

    print(text.session_line(session))
    if not confirm_or_refuse("Remove this session?", yes, command, "removing a session"):
        print("Nothing removed.")
        return
    log.remove(session.id)
    print("Removed.")


@app.command("check")
def check_cmd() -> None:
    """Check the settings, the catalogue and every log file; list each problem. Never writes."""
    from movecoach import actions

    result = actions.check_all(today())
    for line in result.fine:
        print(line)
    for problem in result.problems:
        print(f"problem: {problem}")
    if result.problems:
        raise typer.Exit(2)


# --- your data: export, import, restore -----------------------------------------------------

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="csv|json",
        help="The format. [default: from the file's extension, else csv]",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (readable by you only), not the screen.",
        show_default=False,
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="With --output: replace a file that exists.")
]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def check_output(target: Path | None, force: bool) -> None:
    """Refuse an --output that cannot be written before any work is done."""
    if target is None:
        if force:
            raise InputError("--force only goes with --output FILE")
        return
    if target.is_dir():
        raise InputError(f"{target} is a folder; give --output a file name")
    if target.exists() and not force:
        raise InputError(f"{target} exists; add --force to replace it, or choose another name")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent} is not a folder; create it first")


def deliver(text: str, target: Path | None, force: bool) -> bool:
    """Print `text`, or save it to `target` (private; never over a file unless `force`).
    True when it went to a file."""
    if target is None:
        sys.stdout.write(text)
        return False
    from movecoach.store.files import save_new

    try:
        save_new(target, text.encode("utf-8"), replace=force)
    except OSError as err:
        raise InputError(f"cannot write {target}: {err.strerror or err}") from err
    return True


@app.command("export")
def export_cmd(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only sessions on or after this day (YYYY-MM-DD)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Only sessions on or before this day (YYYY-MM-DD)."
        ),
    ] = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Export your sessions as CSV or JSON, oldest first.

    JSON holds the objects `sessions --json` prints; CSV has a column for each of their keys.
    """
    from movecoach import actions
    from movecoach.store import transfer

    target = Path(output).expanduser() if output is not None else None
    kind = transfer.choose_kind(fmt, target.name if target is not None else None)
    actions.day_range(since, until, today())  # refuse bad dates before looking at files
    check_output(target, force)
    chosen = actions.export_range(env_of(ctx), since, until)
    text = transfer.to_csv(chosen) if kind == "csv" else transfer.to_json(chosen)
    if deliver(text, target, force):
        print(f"Exported {plural(len(chosen), 'session')} to {output} as {kind.upper()}.")


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A CSV or JSON file as `export` writes.")
    ],
    fmt: FormatOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and count; write nothing.")
    ] = False,
) -> None:
    """Add the sessions of a CSV or JSON file; ids already logged are skipped.

    Every row is checked first: if any is bad, each bad row is listed and nothing is added.
    Each log file that changes is backed up first (see `movecoach restore`).
    """
    from movecoach import actions

    done = actions.import_file(env_of(ctx), file, fmt, dry_run)
    if done.dry_run:
        print(f"Would add {done.added}, skip {done.skipped} (already in the log).")
    else:
        print(f"Added {done.added}, skipped {done.skipped} (already in the log).")


@app.command("restore")
def restore_cmd(
    ctx: typer.Context,
    backup: Annotated[
        str | None,
        typer.Argument(metavar="[BACKUP]", help="A backup's name as listed, or its path."),
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List backups of your log files, or put one back (asks first).

    A log file is backed up before undo, delete, import or restore change it; the newest 20
    are kept. Restoring backs up the file it replaces, so a restore can be undone too.
    """
    from movecoach import actions
    from movecoach.ui import text

    env = env_of(ctx)
    if backup is None:
        rows = actions.backups(env)
        if as_json:
            print_json([row.as_dict() for row in rows])
        else:
            print(text.backups_listing(rows, env.paths.backups_dir))
        return
    preview = actions.restore_preview(env, backup)
    print(text.restore_preview(preview))
    question = f"Put {preview.target.name} back as it was?"
    if not confirm_or_refuse(question, yes, "restore", "replacing a log file"):
        print("Nothing restored.")
        return
    print(text.restored(actions.restore(env, preview)))


# --- insights -------------------------------------------------------------------------------


@app.command("streak")
def streak_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your current and longest run of active days."""
    from movecoach import actions

    figures = actions.streak(env_of(ctx))
    emit(as_json, figures.as_dict, lambda render: render.streak_view(figures))


@app.command("history")
def history_cmd(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=520, help="How many weeks (1-520).")
    ] = 8,
    as_json: JsonOpt = False,
) -> None:
    """Your weeks: sessions, active days, minutes and pain, with your streak and goal."""
    from movecoach import actions

    result = actions.history(env_of(ctx), weeks)
    emit(as_json, result.as_dict, lambda render: render.history_view(result))


@app.command("trend")
def trend_cmd(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option("--days", min=7, max=365, help="How many days back (7-365).")
    ] = 28,
    as_json: JsonOpt = False,
) -> None:
    """Your pain before and after sessions over recent days, and which way it is going."""
    from movecoach import actions

    result = actions.trend(env_of(ctx), days)
    emit(as_json, result.as_dict, lambda render: render.trend_view(result))


@app.command("calendar")
def calendar_cmd(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=104, help="How many weeks (1-104).")
    ] = 26,
    as_json: JsonOpt = False,
) -> None:
    """A heat map of your active days: one column a week, shaded by minutes."""
    from movecoach import actions

    cells = actions.calendar(env_of(ctx), weeks)
    emit(
        as_json,
        lambda: [
            {"date": c.date.isoformat(), "sessions": c.sessions, "minutes": c.minutes}
            for c in cells
        ],
        lambda render: render.calendar_view(cells),
    )


class ReportFormat(enum.StrEnum):
    """The report's formats; Typer turns an enum into a choice that refuses anything else."""

    md = "md"
    html = "html"


@app.command("report")
def report_cmd(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=52, help="How many weeks (1-52).")
    ] = 4,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="md (Markdown) or html (a page that prints on A4)."),
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (readable by you only). [default: print it]",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
) -> None:
    """A summary of recent weeks to show a doctor or physiotherapist."""
    from movecoach import actions
    from movecoach.ui import report_html, report_md

    check_output(output, force)
    built = actions.report(env_of(ctx), weeks)
    text = report_html.to_html(built) if fmt is ReportFormat.html else report_md.to_markdown(built)
    if deliver(text, output, force):
        print(f"Wrote the report to {output}.")


@app.command("nudge")
def nudge_cmd(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing; only set the exit code.")
    ] = False,
) -> None:
    """Exit 1 with one line when a nudge to move is due (for shell prompts and timers).

    A nudge is due when nothing is logged today after the nudge hour (18:00), or at any hour
    once 2 or more whole days have passed since the last session. Exit 0 otherwise, 2 when
    the log needs fixing. `movecoach nudge` skips loading the full CLI, so it is fast.
    """
    from movecoach.nudge import run

    raise typer.Exit(run(["--quiet"] if quiet else []) or 0)


# --- settings -------------------------------------------------------------------------------

config_app = typer.Typer(
    cls=MovecoachGroup,
    help="Show or change your settings (config.toml).",
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(config_app, name="config")

KeyArg = Annotated[str, typer.Argument(metavar="KEY", help="A setting's name.")]


@config_app.callback()
def config_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show every setting with its value and where it comes from; or get, set, unset one."""
    if ctx.invoked_subcommand is not None:
        return
    from movecoach import actions

    env = env_of(ctx)
    rows = actions.settings_rows(env)
    emit(
        as_json,
        lambda: {
            "file": env.settings.path,
            "settings": [{k: v for k, v in row.items() if k != "shown"} for row in rows],
        },
        lambda render: render.settings_table(rows, env.settings.path),
    )


@config_app.command("get")
def config_get(ctx: typer.Context, key: KeyArg) -> None:
    """Print one setting's value."""
    from movecoach import actions

    print(actions.setting_shown(env_of(ctx), key))


@config_app.command("set")
def config_set(
    key: KeyArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value.")],
) -> None:
    """Change one setting in config.toml (your comments stay)."""
    from movecoach import actions

    print(f"{key} = {actions.set_setting(key, value)}")


@config_app.command("unset")
def config_unset(ctx: typer.Context, key: KeyArg) -> None:
    """Remove one setting from config.toml, so its default applies again."""
    from movecoach import actions

    env = env_of(ctx)
    default, was_set = actions.unset_setting(env, key)
    if was_set:
        print(f"{key} = {default} (the default)")
    else:
        print(f"{key} is not set in {env.settings.path}; it is already the default ({default})")


@config_app.command("path")
def config_path() -> None:
    """Print where config.toml lives."""
    from movecoach.store import paths

    print(paths.config_file())


# --- guided sessions ------------------------------------------------------------------------


def stdin_is_terminal() -> bool:
    """Whether `start` can read keys and ask questions; tests monkeypatch it."""
    return sys.stdin.isatty()


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
            min=0,
            max=120,
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
            "--pain-after", min=0, max=10, help="Pain after the session, 0-10; not asked then."
        ),
    ] = None,
    no_log: Annotated[
        bool, typer.Option("--no-log", help="Do not write the session to the log.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the timeline of the session and exit.")
    ] = False,
) -> None:
    """Walk through today's plan one exercise at a time, with timers, then log it.

    Without --pain it first asks how your back feels. Keys: space pauses and resumes, n moves
    to the next exercise, q (or Ctrl-C) stops. At the end it asks your pain now and whether to
    log what you did.
    """
    from movecoach import actions

    env = env_of(ctx)
    actions.plan_options(env, minutes, pain, equipment)  # refuse bad input before asking
    interactive = not no_input and stdin_is_terminal()
    log = None if dry_run or no_log else env.log()  # a broken log refuses before, not after
    if pain is None and interactive and not dry_run:
        try:
            pain = ask_pain("Your back pain right now")
        except typer.Abort:
            print("\nStopped before the first exercise; nothing logged.")
            return
    timeline = actions.guided_timeline(env, minutes, pain, equipment, rest)
    flush_notes(env)
    from movecoach.ui import live, render

    out = console()
    if dry_run:
        out.print(render.timeline_view(timeline, env.today))
        return
    out.print(render.guide_intro(timeline, interactive))
    started = now().replace(second=0, microsecond=0).time()
    player = live.run_interactive if interactive else live.run_plain
    state = player(timeline, out, bell=bell)
    out.print(render.guide_summary(state))
    finish_guided(env, log, state, started, pain, pain_after, interactive)


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
        done = actions.record_guided(env, log, result, started, pain, pain_after)
        print(text.logged_line(done.session, done.streak))
    else:
        print("Not logged.")
    if guide.should_ease_off(pain, pain_after):
        console().print(render.ease_off_view(pain or 0, pain_after or 0))
