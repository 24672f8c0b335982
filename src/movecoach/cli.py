"""The command line: parse arguments, call one action, hand the result to a view.

No rules live here (they are in `core`, and what each command does is in `actions`). Heavy
modules (Rich, the catalogue, the planner) are imported inside the commands that need them
so `--json` paths and `--help` start fast. Errors leave one way: every `MovecoachError`
becomes its lines on stderr and its exit code in `MovecoachGroup.invoke`; anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TextIO, cast

import typer
from typer._click.formatting import HelpFormatter
from typer._click.types import ParamType
from typer.core import TyperCommand, TyperGroup

from movecoach import __version__
from movecoach.errors import InputError, MovecoachError

if TYPE_CHECKING:
    from types import ModuleType

    from rich.console import Console

    from movecoach.actions import Env
    from movecoach.ui.blocks import Renderable


def today() -> dt.date:
    """The one place the CLI reads the calendar; tests monkeypatch it or use faketime."""
    return dt.date.today()


def now() -> dt.datetime:
    """The wall clock, for the time a session started; tests monkeypatch it."""
    return dt.datetime.now()


def width() -> int:
    """The terminal's width, or 80 in a pipe (`COLUMNS` wins, as everywhere)."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def out(text: str) -> None:
    """Plain output (no Rich): each line wrapped to the terminal's width at spaces, never
    cut, without trailing spaces."""
    import textwrap

    room = width()
    for part in text.split("\n"):
        if len(part) <= room:
            print(part.rstrip())
            continue
        indent = part[: len(part) - len(part.lstrip())]
        for piece in textwrap.wrap(
            part, room, subsequent_indent=indent, break_on_hyphens=False, drop_whitespace=True
        ):
            print(piece.rstrip())


def line(text: str) -> None:
    """Plain output holding text from a file or the user (a path, a setting, a problem
    found in a file): its control characters are made visible; wrapped like `out`."""
    from movecoach.ui.text import visible

    out(visible(text))


def whole(text: str) -> None:
    """Plain output that must stay as it is, however narrow the terminal: a command to copy,
    a line of a file to be written. Control characters are made visible; it is never
    wrapped (a terminal's own soft wrap still copies as one line)."""
    from movecoach.ui.text import visible

    print(visible(text).rstrip())


def say(line: str) -> None:
    """One line on stderr, as every message that is not the command's output; text from a
    file or the user in it is shown with its control characters made visible."""
    from movecoach.ui.text import visible

    print(f"movecoach: {visible(line)}", file=sys.stderr)


def help_width() -> int:
    """Help fits the terminal, however narrow (Click would not go below 50 columns)."""
    import shutil

    return max(20, min(shutil.get_terminal_size().columns, 100) - 2)


SETTING = re.compile(r"\{setting:([a-z_]+)\}")


def setting_defaults() -> dict[str, str]:
    """Each setting's value as help shows it: "20, from your settings" when the user's file
    sets it, else the default; the defaults alone when the settings do not load."""
    from movecoach.store import paths
    from movecoach.store import settings as store

    try:
        current = store.load(paths.config_file())
    except MovecoachError:
        current = store.Settings("", {})
    return {
        spec.name: spec.show(current.value(spec.name))
        + (", from your settings" if current.source(spec.name) == "file" else "")
        for spec in store.SETTINGS
    }


class Formatter(HelpFormatter):
    """Click's help formatter; on a narrow terminal an option's text goes on the lines
    under its name, so it keeps most of the width."""

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        if self.width < 60:
            col_max = 4
        super().write_dl(rows, col_max, col_spacing)


class NarrowHelp:
    """Help as wide as the terminal, with `{setting:NAME}` in an option's help filled in with
    the user's own value of that setting."""

    params: list[Any]

    def get_help(self, ctx: Any) -> str:
        formatter = Formatter(width=help_width(), max_width=100)
        return TRAILING.sub(r"\1", self._help(ctx, formatter))

    def _help(self, ctx: Any, formatter: Formatter) -> str:
        marked = [p for p in self.params if SETTING.search(getattr(p, "help", None) or "")]
        texts = {id(p): p.help for p in marked}
        defaults = setting_defaults() if marked else {}
        try:
            for param in marked:
                param.help = SETTING.sub(lambda m: defaults[m.group(1)], param.help)
            self.format_help(ctx, formatter)  # type: ignore[attr-defined]
        finally:
            for param in marked:
                param.help = texts[id(param)]
        return formatter.getvalue().rstrip("\n")


class Command(NarrowHelp, TyperCommand):
    """Every movecoach command: help fits the terminal and shows the user's own defaults."""


class MovecoachGroup(NarrowHelp, TyperGroup):
    """The one exit for errors: a refusal is its lines on stderr and its exit code."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with the first sentence of its help, whole (Click would cut it to
        the width), wrapped to the terminal."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=300)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:  # typer.Context is the vendored Click context
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader of our output has gone: not an error
            pipe_closed()
            raise typer.Exit(0) from None
        except MovecoachError as err:
            flush_notes(ctx)
            for line in err.lines() or [str(err)]:  # e.g. one line per bad row of an import
                say(line)
            raise typer.Exit(err.exit_code) from None
        finally:
            flush_notes(ctx)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        fit_output()
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
        try:
            sys.stdout.flush()  # here, not at exit: a closed pipe is then still quiet
        except BrokenPipeError:
            pipe_closed()
            code = 0
        if standalone_mode:
            sys.exit(code)
        return code


class RootGroup(MovecoachGroup):
    """`movecoach`: each command is built from its module only when it runs, or when help or
    completion needs it; `--help` lists them in the order of `commands.MODULES`, the day's
    routine first, then the record."""

    def list_commands(self, ctx: Any) -> list[str]:
        from movecoach.commands import MODULES

        return list(MODULES)

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        """Tab completion: plain help beside each word (Typer would load Rich to strip
        markup our help never has), then Typer's own completion of commands and options,
        and the words of `completion` for the values."""
        from typer import _completion_classes

        def plain(text: str) -> str:
            return text

        _completion_classes._sanitize_help_text = plain
        super()._main_shell_completion(*args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:  # `--help` and `--version` print while the arguments are parsed
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            pipe_closed()
            raise typer.Exit(0) from None

    def get_command(self, ctx: Any, name: str) -> Any:
        from movecoach.commands import MODULES

        if name not in MODULES:
            return super().get_command(ctx, name)
        return command(name)


GROUPS = ("config", "remind")  # commands that are groups of their own commands


def command(name: str) -> Any:
    """The Click command `name`, built from its module's Typer app."""
    import importlib

    from typer.main import get_group

    from movecoach.commands import MODULES

    module = importlib.import_module(f"movecoach.commands.{MODULES[name]}")
    if name in GROUPS:
        return get_group(module.app)
    return _one_command(module.app, name) or get_group(module.app).commands[name]


def _one_command(sub: typer.Typer, name: str) -> Any:
    """Only the command `name` of a module's app: Typer would build every command of the
    module (reading each function's signature, about a millisecond a command)."""
    from typer.main import get_command_from_info, get_command_name

    for info in sub.registered_commands:
        if (
            info.callback is not None
            and (info.name or get_command_name(info.callback.__name__)) == name
        ):
            return get_command_from_info(
                info,
                pretty_exceptions_short=sub.pretty_exceptions_short,
                rich_markup_mode=sub.rich_markup_mode,
            )
    return None


def all_commands() -> dict[str, Any]:
    """Every command by name, in help order (for help, documentation tests and completion)."""
    from movecoach.commands import MODULES

    return {name: command(name) for name in MODULES}


CONTEXT = {"max_content_width": 100, "help_option_names": ["-h", "--help"]}

app = typer.Typer(
    cls=RootGroup,
    name="movecoach",
    context_settings=CONTEXT,
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish)
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


class App(typer.Typer):
    """A Typer app whose commands are `Command`s."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)


def sub_app(**settings: Any) -> typer.Typer:
    """A Typer app for a module of commands, with the root's choices (plain help text: Rich
    would load on every `--help`)."""
    return App(
        add_completion=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        context_settings=CONTEXT,
        **settings,
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


def flush_notes(ctx: typer.Context) -> None:
    """Print the notes the command gathered (a conflict copy found, an exercise replaced),
    once each, on stderr."""
    state = ctx.find_root().obj
    if isinstance(state, State) and state.env is not None:
        for line in dict.fromkeys(state.env.notes):
            say(f"note: {line}")
        state.env.notes.clear()


def _version(value: bool) -> None:
    if value:
        out(f"movecoach {__version__}")
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
    as_json: Annotated[
        bool,
        typer.Option("--json", help="The dashboard as JSON (a command takes its own --json)."),
    ] = False,
) -> None:
    """A daily activity coach for back pain: short, gentle, low-impact sessions.

    Not medical advice: stop if pain increases, and run `movecoach safety` to see when to
    seek care.
    """
    if ctx.invoked_subcommand is not None:
        if as_json:
            raise InputError(
                f"--json goes after the command: movecoach {ctx.invoked_subcommand} --json"
            )
        return
    from movecoach import actions

    env = env_of(ctx)
    log = env.log()
    board = actions.dashboard(log, env.today, env.goal, env.rules, actions.categories(env))
    # JSON is data a script may read at any time: the review line is in it whenever it
    # applies, and reading it does not use up the text dashboard's once-a-week showing.
    notes = actions.progress_notes(env, log, once_a_week=not as_json)
    emit(
        as_json,
        lambda: {**board.as_dict(), "notes": notes.as_dict()},
        lambda render: render.dashboard_view(board, actions.exercise_names(env), notes),
    )


# --- completion -------------------------------------------------------------------------------


def completer(name: str) -> Callable[[str], list[tuple[str, str]]]:
    """The shell completion of one kind of word, `completion.<name>`; the module loads only
    when Tab is pressed."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        from movecoach import completion

        found: list[tuple[str, str]] = getattr(completion, name)(incomplete)
        return found

    return complete


def complete_setting_value(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """`config set KEY <Tab>`: the values KEY takes."""
    from movecoach import completion

    return completion.setting_values(ctx.params.get("key"), incomplete)


# --- shared options -------------------------------------------------------------------------


class Whole(ParamType):
    """A whole number typed in ASCII digits within a range: Click's own type would take
    Arabic-Indic or full-width digits and `1_0` too (`int()` does)."""

    name = "integer"

    def __init__(self, low: int, high: int | None = None) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        from movecoach.core.models import parse_whole
        from movecoach.errors import RecordError

        if self.high is None:
            wanted = f"must be a whole number, {self.low} or more"
        else:
            wanted = f"must be a whole number from {self.low} to {self.high}"
        try:
            number = parse_whole(str(value), "value")
        except RecordError:
            self.fail(f"{wanted}, got {value!r}", param, ctx)
        if number < self.low or (self.high is not None and number > self.high):
            self.fail(f"{wanted}, got {value!r}", param, ctx)
        return number


MinutesOpt = Annotated[
    int | None,
    typer.Option(
        "--minutes",
        "-m",
        click_type=Whole(5, 90),
        help="Minutes you have today (5-90). [default: {setting:minutes}]",
        show_default=False,
    ),
]
PainOpt = Annotated[
    int | None,
    typer.Option(
        "--pain",
        "-p",
        click_type=Whole(0, 10),
        help="Your back pain right now, 0 (none) to 10 (worst). Leave out for mild pain.",
    ),
]
LegPainOpt = Annotated[
    int | None,
    typer.Option(
        "--leg-pain",
        click_type=Whole(0, 10),
        help="Leg pain (sciatica) right now, 0-10; 2 or more adds a nerve slider to plans.",
    ),
]
EquipmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--equipment",
        "-e",
        help="Equipment you have, comma-separated or repeated: chair, wall, towel, band, bike, "
        "pool, or none. [default: {setting:equipment}]",
        show_default=False,
        autocompletion=completer("equipment"),
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
# The guided sessions' ways to follow along (`start` and `break`)
BellOpt = Annotated[bool, typer.Option("--bell", help="Ring the terminal bell at each change.")]
PlainOpt = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="A line for each change, no screen drawing: for screen readers (the keys "
        "still work). The default when TERM=dumb.",
    ),
]
SpeakOpt = Annotated[
    bool, typer.Option("--speak", help="Say each change aloud (espeak-ng, spd-say or say).")
]
NoAdaptOpt = Annotated[
    bool,
    typer.Option(
        "--no-adapt", help="Plan from today's options alone, without pacing from your log."
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")]
SinceOpt = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="From this day (YYYY-MM-DD, today, yesterday)."),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Up to this day (later days show as empty)."),
]
MonthOpt = Annotated[
    str | None, typer.Option("--month", metavar="YYYY-MM", help="One calendar month.")
]
WeekOpt = Annotated[
    str | None,
    typer.Option("--week", metavar="YYYY-Www", help="One ISO week, like 2026-W10."),
]


def print_json(data: object) -> None:
    """JSON on stdout; `\\u` escapes for what a non-UTF-8 stdout cannot hold, so no
    character is ever lost or replaced."""
    print(json_text(data, ascii_only=not utf8(sys.stdout)), end="")


def json_text(data: object, ascii_only: bool = False) -> str:
    """The one JSON layout of every `--json`: indented, keys in their own order."""
    import json  # here: the views never need it (1.3 ms)

    return json.dumps(data, indent=2, ensure_ascii=ascii_only) + "\n"


def utf8(stream: Any) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "utf-8"
    except LookupError:
        return False


def can_hold(stream: Any, chars: str) -> bool:
    try:
        chars.encode(stream.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def fit_output() -> None:
    """Let stdout and stderr write what their encoding cannot hold (`PYTHONIOENCODING=cp1252`,
    `LC_ALL=C` without UTF-8 mode) as plain stand-ins, `->` for `→` and `#` for `█`, rather
    than crash halfway through a view, or after a write, on its confirmation."""
    for stream in (sys.stdout, sys.stderr):
        if utf8(stream) or not hasattr(stream, "reconfigure"):
            continue
        import codecs

        from movecoach.ui import text

        codecs.register_error(text.PLAIN_ERRORS, text.plain_stand_ins)
        stream.reconfigure(errors=text.PLAIN_ERRORS)
        if stream is sys.stdout and not can_hold(stream, text.ARROW):
            text.use_plain_arrow()


def pipe_closed() -> None:
    """The reader of stdout has gone (`movecoach sessions --json | head -1`): send what is
    still buffered to nowhere, so the exit is quiet (exit 0, nothing on stderr)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's runner)
        pass


TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.M)


class Tidy:
    """The output Rich writes to: every finished line loses the spaces Rich pads it with (a
    pipe or a screen reader gets no trailing blanks; colour codes after them stay)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        done = text.rfind("\n") + 1
        self.stream.write(TRAILING.sub(r"\1", text[:done]) + text[done:])
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding...
        return getattr(self.stream, name)


def console() -> Console:
    """The Rich console for a view. Colour follows `paths.colour`: `NO_COLOR` turns it off,
    `FORCE_COLOR` or `CLICOLOR_FORCE` turn it on through a pipe (`| less -R`), else the
    terminal decides."""
    from rich.console import Console

    from movecoach.store.paths import colour

    class Screen(Console):
        def on_broken_pipe(self) -> None:  # Rich would exit 1: leave it to the one exit
            self.quiet = True
            raise BrokenPipeError

    wanted = colour()
    forced = {None: None, True: True, False: sys.stdout.isatty()}[wanted]
    # Rich writes to `Tidy`, which drops the spaces it pads lines with
    file = cast("TextIO", Tidy(sys.stdout))
    out = Screen(  # markup off: a note like "[red]" is text, not style
        file=file,
        highlight=False,
        markup=False,
        no_color=wanted is False or None,
        force_terminal=forced,
    )
    if wanted and out.color_system is None:  # TERM=dumb, yet colour was asked for
        out = Screen(
            file=file,
            highlight=False,
            markup=False,
            force_terminal=True,
            color_system="standard",
        )
    return out


def show(view: Renderable) -> None:
    """Print a view, laid out by the plain writer to the terminal's width (no Rich)."""
    from movecoach.store.paths import shows_colour
    from movecoach.ui.blocks import render

    sys.stdout.write(render(view, width(), shows_colour(sys.stdout.isatty())))


def emit(
    as_json: bool, data: Callable[[], object], view: Callable[[ModuleType], Renderable]
) -> None:
    """What every read command ends with: JSON, or a view."""
    if as_json:
        print_json(data())
        return
    from movecoach.ui import render

    show(view(render))


def confirm_or_refuse(question: str, yes: bool, command: str, change: str) -> bool:
    """Ask on a terminal; without one, only `--yes` may go ahead."""
    if yes:
        return True
    if not stdin_is_terminal():
        raise InputError(f"{command} asks before {change}; add --yes to run it here")
    return typer.confirm(question, default=False)


def stdout_is_terminal() -> bool:
    """Whether output goes to a screen (text from files is then shown safely); tests
    monkeypatch it."""
    return sys.stdout.isatty()


def stdin_is_terminal() -> bool:
    """Whether `start` can read keys and ask questions; tests monkeypatch it."""
    return sys.stdin.isatty()
