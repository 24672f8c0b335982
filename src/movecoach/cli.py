"""The command line: parse arguments, call the domain modules, render, exit.

No rules live here. Heavy modules (Rich, the catalogue, the planner) are imported inside the
commands that need them so `--json` paths and `--help` start fast. Every `MovecoachError` is
turned into one line on stderr and exit code 2 in `MovecoachGroup`, the single place errors
are caught; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from movecoach import __version__
from movecoach.errors import InputError, MovecoachError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from movecoach import stats
    from movecoach.log import Log
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
        from movecoach import insights, render

        show(render.dashboard_view(insights.dashboard(open_log(), today(), goal())))


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


def make_plan(
    minutes: int | None,
    pain: int | None,
    equipment: Sequence[str] | None,
    day: dt.date | None = None,
) -> Plan:
    """The plan `today`, `log --plan` and `start` share for the same options."""
    from movecoach import planner

    plan = planner.plan_session(
        load_catalogue(),
        minutes=15 if minutes is None else minutes,
        equipment=parse_equipment(equipment),
        pain=pain,
        day=today() if day is None else day,
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


# --- the log --------------------------------------------------------------------------------


def now() -> dt.datetime:
    """The wall clock, for the time a session started; tests monkeypatch it."""
    return dt.datetime.now()


def open_log(check: bool = True) -> Log:
    """The user's log; every file is validated first (cheap when cached), so any command
    refuses a broken log before it reads part of it or writes anything."""
    from movecoach import paths
    from movecoach.log import Log

    if not check:  # `movecoach check` lists problems itself and writes not even the cache
        return Log(paths.log_dir())
    log = Log(paths.log_dir(), paths.cache_dir(), backup_dir=paths.backups_dir())
    log.validate()
    return log


def parse_day(text: str, option: str = "--date") -> dt.date:
    """`YYYY-MM-DD`, `today` or `yesterday`; never a day after today."""
    current = today()
    word = text.strip().lower()
    if word == "today":
        day = current
    elif word == "yesterday":
        day = current - dt.timedelta(days=1)
    else:
        try:
            day = dt.date.fromisoformat(word)
        except ValueError:
            raise InputError(
                f"{option} must be YYYY-MM-DD, today or yesterday, got {text!r}"
            ) from None
    if day > current:
        raise InputError(f"{option} {day.isoformat()} is in the future; log what you have done")
    return day


def parse_time(text: str) -> dt.time:
    parts = text.strip().split(":")
    try:
        if len(parts) not in (2, 3) or not all(len(p) == 2 and p.isdigit() for p in parts):
            raise ValueError
        hour, minute, second = (int(p) for p in [*parts, "00"][:3])
        return dt.time(hour, minute, second)
    except ValueError:
        raise InputError(f"--time must be HH:MM on a 24-hour clock, got {text!r}") from None


def warn(message: str) -> None:
    print(f"movecoach: warning: {message}", file=sys.stderr)


def confirm_or_refuse(question: str, yes: bool, command: str) -> bool:
    """Ask on a terminal; without one, only `--yes` may go ahead."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise InputError(f"{command} asks before removing a session; add --yes to run it here")
    return typer.confirm(question, default=False)


@app.command("log")
def log_cmd(
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
) -> None:
    """Record a session you have done in your log."""
    from movecoach import insights, log
    from movecoach.models import Session

    day = parse_day(date)
    if pain is not None and pain_before is not None and pain != pain_before:
        raise InputError("--pain and --pain-before disagree; give one of them")
    pain_before = pain_before if pain_before is not None else pain
    if note is not None and len(note) > log.MAX_NOTE_LENGTH:
        raise InputError(f"--note is {len(note)} characters; keep it to {log.MAX_NOTE_LENGTH}")
    if plan:
        if exercise:
            raise InputError("--plan logs the plan's exercises; leave out --exercise")
        if minutes is not None and not 5 <= minutes <= 90:
            raise InputError(f"with --plan, --minutes is the time you had: 5-90, got {minutes}")
        suggested = make_plan(minutes, pain_before, equipment, day=day)
        if not suggested.items:
            raise InputError("the plan for these options is empty; nothing to log")
        session_minutes = suggested.total_minutes
        exercises = list(suggested.exercise_ids)
    else:
        if equipment:
            raise InputError("--equipment only shapes a plan: use it with --plan")
        if minutes is None:
            raise InputError("give --minutes N (how long the session took), or --plan")
        if not 1 <= minutes <= log.MAX_SESSION_MINUTES:
            raise InputError(
                f"--minutes must be from 1 to {log.MAX_SESSION_MINUTES}, got {minutes}"
            )
        session_minutes = minutes
        exercises = list(dict.fromkeys(exercise or []))
        known = {e.id for e in load_catalogue()}
        for ident in exercises:
            if ident not in known:
                warn(f"{ident!r} is not in the catalogue; logged as you wrote it")
    if time is not None:
        started: dt.time | None = parse_time(time)
    elif day == today():
        clock = now()
        started = (
            max(
                clock - dt.timedelta(minutes=session_minutes),
                dt.datetime.combine(clock.date(), dt.time.min),
            )
            .time()
            .replace(second=0, microsecond=0)
        )
    else:
        started = None
    session = Session(
        id=log.new_id(),
        date=day,
        time=started,
        minutes=session_minutes,
        pain_before=pain_before,
        pain_after=pain_after,
        exercises=tuple(exercises),
        note=note or None,
    )
    store = open_log()
    store.append(session)
    from movecoach import render

    streak = insights.current_streak(store, today())
    print(render.logged_line(session, streak))


@app.command("sessions")
def sessions_cmd(
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
    from movecoach.log import iter_recent

    start = parse_day(since, "--since") if since is not None else None
    chosen = []
    for session in iter_recent(open_log()):
        if start is not None and session.date < start:
            break
        chosen.append(session)
        if limit and len(chosen) >= limit:
            break
    if as_json:
        print_json([s.as_dict() for s in chosen])
        return
    from movecoach import render

    show(render.sessions_table(chosen))


@app.command("undo")
def undo_cmd(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Remove the session you logged most recently."""
    from movecoach import render

    store = open_log()
    found = store.last_logged()
    if found is None:
        raise InputError("the log is empty: nothing to undo")
    _, session = found
    print(render.session_line(session))
    if not confirm_or_refuse("Remove this session?", yes, "undo"):
        print("Nothing removed.")
        return
    store.remove(session.id)
    print("Removed.")


@app.command("delete")
def delete_cmd(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Remove one session by its id (`movecoach sessions` shows ids)."""
    from movecoach import render

    store = open_log()
    found = store.find(session_id)
    if found is None:
        raise InputError(f"no session with id {session_id!r} in the log")
    _, session = found
    print(render.session_line(session))
    if not confirm_or_refuse("Remove this session?", yes, "delete"):
        print("Nothing removed.")
        return
    store.remove(session.id)
    print("Removed.")


@app.command("check")
def check_cmd() -> None:
    """Check the catalogue and every log file; list each problem. Never writes."""
    from movecoach import catalogue
    from movecoach.errors import CatalogueError

    problems: list[str] = []
    try:
        count = len(catalogue.load_bundled())
        print(f"catalogue: ok ({count} exercises)")
    except CatalogueError as err:
        problems.append(str(err))
    store = open_log(check=False)
    found = store.problems()
    problems += found
    if not found:
        count = len(store.files())
        print(f"log: ok ({count} file{'' if count == 1 else 's'} in {store.dir})")
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        raise typer.Exit(2)


# --- insights -------------------------------------------------------------------------------


def goal() -> stats.Goal:
    from movecoach import stats

    return stats.Goal()


@app.command("streak")
def streak_cmd(as_json: JsonOpt = False) -> None:
    """Your current and longest run of active days."""
    from movecoach import stats

    figures = stats.streak(open_log().days(), today())
    if as_json:
        print_json(figures.as_dict())
        return
    from movecoach import render

    show(render.streak_view(figures))


@app.command("history")
def history_cmd(
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=520, help="How many weeks (1-520).")
    ] = 8,
    as_json: JsonOpt = False,
) -> None:
    """Your weeks: sessions, active days, minutes and pain, with your streak and goal."""
    from movecoach import stats

    days = open_log().days()
    current = today()
    rows = stats.weeks(days, current, weeks)
    figures = stats.streak(days, current)
    target = goal()
    if as_json:
        print_json(
            {
                "weeks": [w.as_dict() for w in rows],
                "streak": figures.as_dict(),
                "goal": target.as_dict(),
            }
        )
        return
    from movecoach import render

    show(render.history_view(rows, figures, stats.GoalProgress(target, rows[-1])))


@app.command("trend")
def trend_cmd(
    days: Annotated[
        int, typer.Option("--days", min=7, max=365, help="How many days back (7-365).")
    ] = 28,
    as_json: JsonOpt = False,
) -> None:
    """Your pain before and after sessions over recent days, and which way it is going."""
    from movecoach import stats

    current = today()
    oldest = current - dt.timedelta(days=max(days, stats.TREND_DAYS))
    store = open_log()
    totals = store.days(y for y in store.years() if y >= oldest.year)
    result = stats.trend(totals, current, days)
    if as_json:
        print_json(result.as_dict())
        return
    from movecoach import render

    show(render.trend_view(result))


@app.command("calendar")
def calendar_cmd(
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=104, help="How many weeks (1-104).")
    ] = 26,
) -> None:
    """A heat map of your active days: one column a week, shaded by minutes."""
    from movecoach import render

    current = today()
    store = open_log()
    oldest = current - dt.timedelta(weeks=weeks)
    totals = store.days(y for y in store.years() if y >= oldest.year)
    show(render.calendar_view(totals, current, weeks))


class ReportFormat(enum.StrEnum):
    """The report's formats; Typer turns an enum into a choice that refuses anything else."""

    md = "md"
    html = "html"


@app.command("report")
def report_cmd(
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
    from movecoach import report, stats

    if output is not None:
        if output.exists() and not force:
            raise InputError(f"{output} already exists; add --force to replace it")
        if not output.parent.is_dir():
            raise InputError(f"{output.parent} is not a folder; create it first")
    current = today()
    start = stats.week_start(current) - dt.timedelta(weeks=weeks - 1)
    # only the years the period needs, and the pain direction's 28 days, however few weeks
    first = min(start, current - dt.timedelta(days=stats.TREND_DAYS - 1)).year
    store = open_log()
    sessions = store.sessions(y for y in store.years() if first <= y <= current.year)
    names = {e.id: e.name for e in load_catalogue()}
    built = report.build_report(sessions, current, weeks, goal(), names)
    text = report.to_html(built) if fmt is ReportFormat.html else report.to_markdown(built)
    if output is None:
        sys.stdout.write(text)
        return
    from movecoach.files import atomic_write

    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as err:
        raise InputError(f"cannot write {output}: {err.strerror or err}") from err
    print(f"Wrote the report to {output}.")


@app.command(
    "nudge",
    context_settings={"ignore_unknown_options": False},
)
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

    code = run(["--quiet"] if quiet else [])
    raise typer.Exit(code or 0)
