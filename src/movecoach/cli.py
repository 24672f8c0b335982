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
    from collections.abc import Callable
    from types import ModuleType

    from rich.console import Console, RenderableType

    from movecoach.core import stats
    from movecoach.core.models import Exercise, Plan, Session
    from movecoach.store.log import Log
    from movecoach.store.settings import Config


def today() -> dt.date:
    """The one place the CLI reads the calendar; tests monkeypatch it or use faketime."""
    return dt.date.today()


def fail(message: str, code: int = 2) -> NoReturn:
    print(f"movecoach: {message}", file=sys.stderr)
    raise typer.Exit(code)


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


class MovecoachGroup(TyperGroup):
    """Turns every refusal into one line on stderr with exit code 2, never a traceback."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: HELP_ORDER.index(n) if n in HELP_ORDER else 99)

    def invoke(self, ctx: Any) -> Any:  # typer.Context is the vendored Click context
        try:
            return super().invoke(ctx)
        except MovecoachError as err:
            *before, last = err.lines() or [str(err)]
            for line in before:  # e.g. one line per bad row of an import
                print(f"movecoach: {line}", file=sys.stderr)
            fail(last, err.exit_code)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        _settings.clear()  # a new command (tests run many in one process) reads them afresh
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
        except typer.Abort:  # Ctrl-C or end of input at a question: nothing was changed
            print("movecoach: stopped; nothing was changed", file=sys.stderr)
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
        from movecoach import actions as insights
        from movecoach.ui import render

        board = insights.dashboard(open_log(), today(), goal(), first_weekday())
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


def parse_equipment(values: Sequence[str] | None) -> tuple[str, ...]:
    from movecoach.core.models import EQUIPMENT

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


_settings: dict[str, Config] = {}  # read once a command; emptied as each command starts


def settings() -> Config:
    """The settings in effect (flags still win over them), read once per command although
    the plan, the log, the goal and the week all ask for them."""
    from movecoach.store import paths
    from movecoach.store import settings as config

    path = paths.config_file()
    if str(path) not in _settings:
        _settings[str(path)] = config.load(path)
    return _settings[str(path)]


def load_catalogue(memo: bool = True) -> tuple[Exercise, ...]:
    """The bundled exercises, with the user's own merged in (theirs win on a clashing id).
    `memo`: keep the parsed bundled file in the cache folder (`check` writes nothing)."""
    from movecoach.store import catalogue, paths

    bundled = catalogue.load_bundled(str(paths.cache_dir()) if memo else None)
    path = paths.user_exercises_file()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return bundled
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read it: {err}") from err
    own = catalogue.parse_catalogue(text, str(path), source=str(path))
    known = {e.id for e in bundled}
    for exercise in own:
        if exercise.id in known:
            note(f"your exercise {exercise.id!r} ({path}) replaces the bundled one")
    return catalogue.merge(bundled, own)


def make_plan(
    minutes: int | None,
    pain: int | None,
    equipment: Sequence[str] | None,
    day: dt.date | None = None,
    adapt: bool = True,
) -> Plan:
    """The plan `today`, `log --plan` and `start` share for the same options: flags first,
    then settings; paced from the log unless `--no-adapt` or `adaptive = false`."""
    from movecoach.core import planner

    current = settings()
    day = today() if day is None else day
    adaptive = adapt and bool(current["adaptive"])
    history = []
    if adaptive:
        store = open_log()
        history = store.sessions(y for y in store.years() if day.year - 1 <= y <= day.year)
    plan = planner.plan_session(
        load_catalogue(),
        minutes=current["minutes"] if minutes is None else minutes,
        equipment=parse_equipment(equipment) if equipment else current["equipment"],
        pain=pain,
        day=day,
        history=history,
        adaptive=adaptive,
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


def emit(
    as_json: bool, data: Callable[[], object], view: Callable[[ModuleType], RenderableType]
) -> None:
    """What every read command ends with: JSON, or a Rich view (Rich loads only then)."""
    if as_json:
        print_json(data())
        return
    from movecoach.ui import render

    show(view(render))


# --- commands -------------------------------------------------------------------------------


@app.command("today")
def today_cmd(
    minutes: MinutesOpt = None,
    pain: PainOpt = None,
    equipment: EquipmentOpt = None,
    no_adapt: NoAdaptOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Suggest today's short, balanced, low-impact session, paced from your log."""
    plan = make_plan(minutes, pain, equipment, adapt=not no_adapt)
    emit(as_json, plan.as_dict, lambda render: render.plan_view(plan))


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
    from movecoach.core.models import CATEGORIES
    from movecoach.store.catalogue import by_id

    exercises = load_catalogue()
    if category is not None and category not in CATEGORIES:
        raise InputError(f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}")
    if exercise_id is not None:
        found = by_id(exercises).get(exercise_id)
        if found is None:
            raise InputError(unknown_exercise_message(exercise_id, exercises))
        emit(as_json, found.as_dict, lambda render: render.exercise_view(found))
        return
    chosen = [e for e in exercises if category is None or e.category == category]
    emit(as_json, lambda: [e.as_dict() for e in chosen], lambda r: r.catalogue_table(chosen))


def unknown_exercise_message(exercise_id: str, exercises: Sequence[Exercise]) -> str:
    import difflib

    close = difflib.get_close_matches(exercise_id, [e.id for e in exercises], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown exercise {exercise_id!r}{hint} (`movecoach exercises` lists them)"


@app.command("safety")
def safety_cmd() -> None:
    """How to stop an exercise safely, and the warning signs that need care."""
    from movecoach.ui import render

    show(render.safety_view())


# --- the log --------------------------------------------------------------------------------


def now() -> dt.datetime:
    """The wall clock, for the time a session started; tests monkeypatch it."""
    return dt.datetime.now()


def log_place() -> tuple[Path, str | None]:
    """The log folder (the `log_dir` setting, else the data folder's `log/`) and this
    device's name (`MOVECOACH_DEVICE`, else the `device` setting), if any."""
    import os

    from movecoach.store import paths
    from movecoach.store.settings import valid_device

    current = settings()
    folder = Path(current["log_dir"]).expanduser() if current["log_dir"] else paths.log_dir()
    device = os.environ.get("MOVECOACH_DEVICE") or current["device"]
    if device is not None and not valid_device(device):
        raise InputError(
            f"MOVECOACH_DEVICE must be letters, digits, - and _ (up to 40), got {device!r}"
        )
    return folder, device


def open_log(check: bool = True) -> Log:
    """The user's log; every file is validated first (cheap when cached), so any command
    refuses a broken log before it reads part of it or writes anything."""
    from movecoach.store import paths
    from movecoach.store.log import Log

    folder, device = log_place()
    if not check:  # `movecoach check` lists problems itself and writes not even the cache
        return Log(folder, device=device)
    log = Log(folder, paths.cache_dir(), device=device, backup_dir=paths.backups_dir())
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


def note(message: str) -> None:
    print(f"movecoach: note: {message}", file=sys.stderr)


def confirm_or_refuse(question: str, yes: bool, command: str, change: str) -> bool:
    """Ask on a terminal; without one, only `--yes` may go ahead."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise InputError(f"{command} asks before {change}; add --yes to run it here")
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
    no_adapt: NoAdaptOpt = False,
) -> None:
    """Record a session you have done in your log."""
    from movecoach import actions as insights
    from movecoach.core.models import Session
    from movecoach.store import log

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
        suggested = make_plan(minutes, pain_before, equipment, day=day, adapt=not no_adapt)
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
    from movecoach.ui import text

    streak = insights.current_streak(store, today())
    print(text.logged_line(session, streak))


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
    from movecoach.store.log import iter_recent

    start = parse_day(since, "--since") if since is not None else None
    chosen = []
    for session in iter_recent(open_log()):
        if start is not None and session.date < start:
            break
        chosen.append(session)
        if limit and len(chosen) >= limit:
            break
    emit(as_json, lambda: [s.as_dict() for s in chosen], lambda r: r.sessions_table(chosen))


@app.command("undo")
def undo_cmd(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Remove the session you logged most recently."""
    store = open_log()
    found = store.last_logged()
    if found is None:
        raise InputError("the log is empty: nothing to undo")
    remove_after_asking(store, found[1], yes, "undo")


@app.command("delete")
def delete_cmd(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Remove one session by its id (`movecoach sessions` shows ids)."""
    store = open_log()
    found = store.find(session_id)
    if found is None:
        raise InputError(f"no session with id {session_id!r} in the log")
    remove_after_asking(store, found[1], yes, "delete")


def remove_after_asking(store: Log, session: Session, yes: bool, command: str) -> None:
    """Show the session, ask (unless `--yes`), then remove it (the file is backed up first)."""
    from movecoach.ui import text

    print(text.session_line(session))
    if not confirm_or_refuse("Remove this session?", yes, command, "removing a session"):
        print("Nothing removed.")
        return
    store.remove(session.id)
    print("Removed.")


@app.command("check")
def check_cmd() -> None:
    """Check the settings, the catalogue and every log file; list each problem. Never writes."""
    from movecoach.errors import CatalogueError, ConfigError
    from movecoach.store import paths
    from movecoach.store import settings as config
    from movecoach.store.log import Log

    problems: list[str] = []
    settings_ok = True
    try:
        config.load(paths.config_file())
        print(f"settings: ok ({paths.config_file()})")
    except ConfigError as err:
        problems.append(str(err))
        settings_ok = False
    try:
        count = len(load_catalogue(memo=False))
        print(f"catalogue: ok ({count} exercises)")
    except (CatalogueError, InputError) as err:
        problems.append(str(err))
    try:  # with broken settings, the log is looked for where it is by default
        store = open_log(check=False) if settings_ok else Log(paths.log_dir())
    except MovecoachError as err:
        problems.append(str(err))
        store = Log(paths.log_dir())
    found = store.problems()
    problems += found
    if not found:
        count = len(store.files())
        print(f"log: ok ({count} file{'' if count == 1 else 's'} in {store.dir})")
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
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


def parse_bound(text: str | None, option: str) -> dt.date | None:
    """A day for --since/--until: any YYYY-MM-DD (a day to come too), today or yesterday."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return parse_day(text, option)


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
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (readable by you only), not the screen.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With --output: replace a file that exists.")
    ] = False,
) -> None:
    """Export your sessions as CSV or JSON, oldest first.

    JSON holds the objects `sessions --json` prints; CSV has a column for each of their keys.
    """
    from movecoach.store import transfer

    target = Path(output).expanduser() if output is not None else None
    kind = transfer.choose_kind(fmt, target.name if target is not None else None)
    start, end = parse_bound(since, "--since"), parse_bound(until, "--until")
    if start is not None and end is not None and start > end:
        raise InputError(f"--since {start} is after --until {end}; swap them")
    check_output(target, force)
    store = open_log()
    years = [
        year
        for year in store.years()
        if (start is None or year >= start.year) and (end is None or year <= end.year)
    ]
    chosen = [
        s
        for s in store.sessions(years)
        if (start is None or s.date >= start) and (end is None or s.date <= end)
    ]
    text = transfer.to_csv(chosen) if kind == "csv" else transfer.to_json(chosen)
    if deliver(text, target, force):
        print(f"Exported {plural(len(chosen), 'session')} to {output} as {kind.upper()}.")


@app.command("import")
def import_cmd(
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
    from movecoach.store import transfer

    path = Path(file).expanduser()
    try:
        text = path.read_bytes().decode("utf-8-sig")  # spreadsheets often add a BOM
    except OSError as err:
        raise InputError(f"{file}: cannot read it: {err.strerror or err}") from err
    except UnicodeDecodeError:
        raise InputError(f"{file}: is not UTF-8 text; save it as UTF-8 and try again") from None
    sessions = transfer.read_sessions(text, transfer.choose_kind(fmt, path.name, text), file)
    store = open_log()
    if dry_run:
        known = {s.id for s in store.sessions()}
        new = sum(1 for s in sessions if s.id not in known)
        print(f"Would add {new}, skip {len(sessions) - new} (already in the log).")
        return
    added, skipped = store.merge(sessions)
    print(f"Added {len(added)}, skipped {len(skipped)} (already in the log).")


def find_backup(folder: Path, name: str) -> Path:
    """A backup by the name `restore` lists, else by its path."""
    listed = folder / name
    if Path(name).name == name and listed.is_file():
        return listed
    path = Path(name).expanduser()
    if path.is_file():
        return path
    raise InputError(f"no backup {name!r} in {folder}; `movecoach restore` lists them")


def describe_log_file(path: Path) -> str:
    """How many sessions a log file holds, for the line before a restore replaces it."""
    from movecoach.store import log

    try:
        return plural(len(log.parse(path.read_text("utf-8"), path.name)), "session")
    except FileNotFoundError:
        return "not there"
    except (OSError, UnicodeDecodeError, MovecoachError):
        return "does not parse"


@app.command("restore")
def restore_cmd(
    backup: Annotated[
        str | None,
        typer.Argument(metavar="[BACKUP]", help="A backup's name as listed, or its path."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List backups of your log files, or put one back (asks first).

    A log file is backed up before undo, delete, import or restore change it; the newest 20
    are kept. Restoring backs up the file it replaces, so a restore can be undone too.
    """
    from movecoach.store import backups, paths
    from movecoach.store.log import Log, read_backup

    folder = paths.backups_dir()
    if backup is None:
        found = backups.listing(folder)
        rows = []
        for item in found:
            try:
                held: int | None = len(read_backup(item)[1])
            except MovecoachError:
                held = None  # not a valid log file
            rows.append((item, backups.target_name(item), backups.taken(item), held))
        if as_json:
            print_json(
                [
                    {"backup": item.name, "file": name, "taken": when, "sessions": held}
                    for item, name, when, held in rows
                ]
            )
            return
        if not rows:
            print(
                "No backups yet. A log file is backed up before undo, delete, import or "
                "restore change it."
            )
            return
        name_width = max(len(row[0].name) for row in rows)
        file_width = max(len(row[1]) for row in rows)
        print(f"Backups in {folder}, newest first:")
        for item, target_name, when, held in rows:
            count = plural(held, "session") if held is not None else "not a valid log file"
            print(f"  {item.name:<{name_width}}  {target_name:<{file_width}}  {when}  {count}")
        print("Put one back with: movecoach restore BACKUP")
        return
    chosen = find_backup(folder, backup)
    _, sessions = read_backup(chosen)  # refuse a broken backup before asking anything
    log_dir, _ = log_place()
    target = log_dir / backups.target_name(chosen)
    print(
        f"{chosen.name}: {target.name} as it was at {backups.taken(chosen)}, "
        f"{plural(len(sessions), 'session')}."
    )
    print(f"Your {target.name} now: {describe_log_file(target)}; it is backed up first.")
    question = f"Put {target.name} back as it was?"
    if not confirm_or_refuse(question, yes, "restore", "replacing a log file"):
        print("Nothing restored.")
        return
    # Not `open_log()`: a log file that does not parse is one thing a restore mends.
    store = Log(log_dir, paths.cache_dir(), backup_dir=folder)
    done = store.restore(chosen)
    if not done.changed:
        print(f"{target.name} already matches this backup; nothing changed.")
    else:
        kept = f"; what it replaced is kept as {done.replaced.name}" if done.replaced else ""
        print(f"Restored {target.name}: {plural(len(done.sessions), 'session')}{kept}.")


# --- insights -------------------------------------------------------------------------------


def goal() -> stats.Goal:
    from movecoach.core import stats

    current = settings()
    return stats.Goal(days=current["goal_days"], minutes=current["goal_minutes"])


def first_weekday() -> int:
    """Monday is 0 and Sunday 6, as `datetime.weekday` counts."""
    return 6 if settings()["week_start"] == "sunday" else 0


@app.command("streak")
def streak_cmd(as_json: JsonOpt = False) -> None:
    """Your current and longest run of active days."""
    from movecoach.core import stats

    figures = stats.streak(open_log().days(), today())
    emit(as_json, figures.as_dict, lambda render: render.streak_view(figures))


@app.command("history")
def history_cmd(
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=520, help="How many weeks (1-520).")
    ] = 8,
    as_json: JsonOpt = False,
) -> None:
    """Your weeks: sessions, active days, minutes and pain, with your streak and goal."""
    from movecoach.core import stats

    days = open_log().days()
    current = today()
    rows = stats.weeks(days, current, weeks, first_weekday())
    figures = stats.streak(days, current)
    target = goal()
    emit(
        as_json,
        lambda: {
            "weeks": [w.as_dict() for w in rows],
            "streak": figures.as_dict(),
            "goal": target.as_dict(),
        },
        lambda render: render.history_view(rows, figures, stats.GoalProgress(target, rows[-1])),
    )


@app.command("trend")
def trend_cmd(
    days: Annotated[
        int, typer.Option("--days", min=7, max=365, help="How many days back (7-365).")
    ] = 28,
    as_json: JsonOpt = False,
) -> None:
    """Your pain before and after sessions over recent days, and which way it is going."""
    from movecoach.core import stats

    current = today()
    oldest = current - dt.timedelta(days=max(days, stats.TREND_DAYS))
    result = stats.trend(open_log().days_since(oldest), current, days)
    emit(as_json, result.as_dict, lambda render: render.trend_view(result))


@app.command("calendar")
def calendar_cmd(
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=104, help="How many weeks (1-104).")
    ] = 26,
    as_json: JsonOpt = False,
) -> None:
    """A heat map of your active days: one column a week, shaded by minutes."""
    from movecoach.core import stats

    current = today()
    totals = open_log().days_since(current - dt.timedelta(weeks=weeks))
    cells = stats.calendar(totals, current, weeks, first_weekday())
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
    from movecoach.core import report, stats
    from movecoach.ui import report_html, report_md

    check_output(output, force)
    current = today()
    start = stats.week_start(current, first_weekday()) - dt.timedelta(weeks=weeks - 1)
    # only the years the period needs, and the pain direction's 28 days, however few weeks
    first = min(start, current - dt.timedelta(days=stats.TREND_DAYS - 1)).year
    store = open_log()
    sessions = store.sessions(y for y in store.years() if first <= y <= current.year)
    names = {e.id: e.name for e in load_catalogue()}
    built = report.build_report(sessions, current, weeks, goal(), names, first_weekday())
    text = report_html.to_html(built) if fmt is ReportFormat.html else report_md.to_markdown(built)
    if deliver(text, output, force):
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
    from movecoach.store import settings as config

    current = settings()
    rows = [
        {
            "key": s.name,
            "value": current[s.name],
            "source": current.source(s.name),
            "allowed": s.describe(),
            "help": s.help,
        }
        for s in config.SETTINGS
    ]
    emit(
        as_json,
        lambda: {"file": current.path, "settings": rows},
        lambda render: render.settings_table(rows, current.path),
    )


@config_app.command("get")
def config_get(key: KeyArg) -> None:
    """Print one setting's value."""
    from movecoach.store import settings as config

    setting = config.spec(key)
    print(setting.show(settings()[key]))


@config_app.command("set")
def config_set(
    key: KeyArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value.")],
) -> None:
    """Change one setting in config.toml (your comments stay)."""
    from movecoach.store import paths
    from movecoach.store import settings as config

    setting = config.spec(key)
    try:
        parsed = setting.parse(value)
    except ValueError as err:
        raise InputError(str(err)) from None
    config.write(paths.config_file(), key, parsed)
    print(f"{key} = {setting.show(parsed)}")


@config_app.command("unset")
def config_unset(key: KeyArg) -> None:
    """Remove one setting from config.toml, so its default applies again."""
    from movecoach.store import paths
    from movecoach.store import settings as config

    setting = config.spec(key)
    path = paths.config_file()
    if key not in settings().file_values:
        default = setting.show(setting.default)
        print(f"{key} is not set in {path}; it is already the default ({default})")
        return
    config.write(path, key, None)
    print(f"{key} = {setting.show(setting.default)} (the default)")


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
        if text.isdigit() and 0 <= int(text) <= 10:
            return int(text)
        print("Please type a whole number from 0 (none) to 10 (worst), or press Enter to skip.")


@app.command("start")
def start_cmd(
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
    from movecoach.core import guide

    parse_equipment(equipment)  # refuse bad input before any question
    interactive = not no_input and stdin_is_terminal()
    store = None if dry_run or no_log else open_log()  # a broken log refuses before, not after
    if pain is None and interactive and not dry_run:
        try:
            pain = ask_pain("Your back pain right now")
        except typer.Abort:
            print("\nStopped before the first exercise; nothing logged.")
            return
    day = today()
    timeline = guide.timeline(
        make_plan(minutes, pain, equipment, day=day),
        settings()["rest_seconds"] if rest is None else rest,
    )
    from movecoach.ui import live, render

    out = console()
    if dry_run:
        out.print(render.timeline_view(timeline, day))
        return
    out.print(render.guide_intro(timeline, interactive))
    started = now().replace(second=0, microsecond=0).time()
    try:
        if interactive:
            state = live.run_interactive(timeline, out, bell=bell)
        else:
            state = live.run_plain(timeline, out, bell=bell)
    except live.Terminated as err:
        fail(f"{err}; nothing logged", err.exit_code)
    out.print(render.guide_summary(state))
    result = guide.outcome(state)
    if result is None:
        print("No exercise time was spent, so there is nothing to log.")
        return
    try:
        if pain_after is None and interactive:
            pain_after = ask_pain("Your back pain now")
        keep = store is not None and (
            not interactive
            or typer.confirm(f"Log this session ({result.minutes} min)?", default=True)
        )
    except typer.Abort:  # Ctrl-C at a question: write nothing, but say how to log it later
        words = [f"-m {result.minutes}", *(f"-x {ident}" for ident in result.exercise_ids)]
        if pain is not None:
            words.append(f"--pain-before {pain}")
        print(f"\nNot logged. To log it later: movecoach log {' '.join(words)}")
        return
    if keep and store is not None:
        from movecoach import actions as insights
        from movecoach.core.models import Session
        from movecoach.store import log
        from movecoach.ui import text

        session = Session(
            id=log.new_id(),
            date=day,
            time=started,
            minutes=result.minutes,
            pain_before=pain,
            pain_after=pain_after,
            exercises=result.exercise_ids,
        )
        store.append(session)
        print(text.logged_line(session, insights.current_streak(store, today())))
    else:
        print("Not logged.")
    if pain is not None and pain_after is not None and guide.should_ease_off(pain, pain_after):
        out.print(render.ease_off_view(pain, pain_after))
