"""`movecoach remind`: reminders outside the prompt (install, status, remove)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from movecoach import cli
from movecoach.cli import JsonOpt, MovecoachGroup, env_of, say, sub_app

if TYPE_CHECKING:
    from movecoach.remind import Setup

app = sub_app(
    name="remind",
    cls=MovecoachGroup,
    invoke_without_command=True,
)


@app.callback()
def remind_cmd(ctx: typer.Context) -> None:
    """Reminders when you are not at a prompt: a timer that runs the nudge as a desktop
    notification (systemd on Linux, launchd on macOS, a scheduled task on Windows)."""
    if ctx.invoked_subcommand is None:
        cli.out(ctx.get_help())


DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print what would be written and run; change nothing.")
]
PlatformOpt = Annotated[
    str | None,
    typer.Option(
        "--platform",
        metavar="linux|macos|windows",
        help="With --dry-run: show it for another system. [default: this one]",
        show_default=False,
        autocompletion=cli.completer("platforms"),
    ),
]


def program() -> list[str]:
    """How a timer starts movecoach: this installed script, else this Python with `-m`
    (on Windows `pythonw`, so no console window opens)."""
    script = Path(sys.argv[0])
    if script.name in ("movecoach", "movecoach.exe") and script.is_file():
        return [str(script.resolve())]
    python = Path(sys.executable)
    quiet = python.with_name("pythonw.exe")
    if sys.platform == "win32" and quiet.is_file():
        python = quiet
    return [str(python), "-m", "movecoach"]


def show(setup: Setup, doing: str) -> None:
    """Print what a setup writes and runs, for --dry-run (and for Windows, always)."""
    from movecoach.core.timers import windows_line

    for path, text in setup.files.items():
        if text is None:
            cli.whole(f"Would remove {path}")
            continue
        cli.whole(f"Would write {path}:")
        for row in text.expandtabs(4).splitlines():
            cli.whole(f"    {row}")
    for command in setup.commands:
        words = windows_line(command) if setup.platform == "win32" else " ".join(command)
        cli.whole(f"{doing}{words}")


def windows(setup: Setup, dry_run: bool, what: str) -> None:
    """Windows: movecoach changes no scheduled task itself; it prints the command."""
    if not dry_run:
        cli.out(f"Run this in a Command Prompt to {what} (movecoach does not change tasks itself):")
    show(setup, "    " if not dry_run else "Would run: ")


def applied(setup: Setup) -> bool:
    """Write the files and run the commands; say each file, and each command that failed
    with what to run by hand. True when everything worked."""
    from movecoach import remind

    problems = remind.apply(setup)
    for path, text in setup.files.items():
        cli.whole(f"{'Wrote' if text is not None else 'Removed'} {path}")
    for problem in problems:
        say(f"warning: {problem}")
    if problems:
        done = "removed" if None in setup.files.values() else "written"
        commands = "; ".join(" ".join(command) for command in setup.commands)
        say(f"the files are {done}; run these yourself once it can: {commands}")
    return not problems


@app.command("install")
def install_cmd(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="HH:MM",
            help="The daily nudge at this time. [default: the nudge_hour setting, 18:00]",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every",
            metavar="DURATION",
            help="Instead, desk breaks: check this often (90m, 1h; 15m or more) whether you "
            "have been still that long.",
        ),
    ] = None,
    between: Annotated[
        str | None,
        typer.Option(
            "--between",
            metavar="HH:MM-HH:MM",
            help="With --every: your working hours, Monday to Friday. [default: 09:00-17:00]",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    platform: PlatformOpt = None,
) -> None:
    """Install a timer that runs `movecoach nudge --notify` (daily, or for desk breaks).

    Without options: once a day at the nudge hour. With --every (and --between): the desk
    break nudge, `nudge --break`, through the working day. Installing one again replaces
    it; the daily and the desk-break reminders can both be installed.
    """
    from movecoach import remind

    system = remind.platform_of(platform)
    nudge_hour = env_of(ctx).settings.nudge_hour if at is None and every is None else 18
    wanted = remind.reminder(at, every, between, nudge_hour)
    setup = remind.install_setup(wanted, system, program())
    if system == "win32":
        windows(setup, dry_run, f"remind you {wanted.schedule}")
        return
    if dry_run:
        show(setup, "Would run: ")
        return
    if applied(setup):
        cli.out(
            f"movecoach will remind you {wanted.schedule}; `movecoach remind remove` undoes it."
        )


@app.command("status")
def status_cmd(platform: PlatformOpt = None, as_json: JsonOpt = False) -> None:
    """List the reminders movecoach can install, and which are installed here."""
    from movecoach import remind

    system = remind.platform_of(platform)
    found = remind.status(system)
    if as_json:
        cli.print_json([timer.as_dict() for timer in found])
        return
    if system == "win32":
        from movecoach.core.timers import schtasks_query, windows_line

        cli.out("Ask Windows in a Command Prompt:")
        for timer in found:
            cli.whole(f"    {windows_line(schtasks_query(timer.name))}")
        return
    for timer in found:
        if timer.installed:
            cli.line(f"{timer.name}: installed, {timer.schedule or 'schedule unreadable'}")
            for path in timer.files:
                cli.whole(f"    {path}")
        else:
            cli.out(f"{timer.name}: not installed")


@app.command("remove")
def remove_cmd(dry_run: DryRunOpt = False, platform: PlatformOpt = None) -> None:
    """Stop and remove every reminder `remind install` put in place."""
    from movecoach import remind

    system = remind.platform_of(platform)
    setup = remind.remove_setup(system)
    if system == "win32":
        windows(setup, dry_run, "remove the reminders")
        return
    if not setup.files:
        cli.out("No movecoach reminder is installed; nothing to remove.")
        return
    if dry_run:
        show(setup, "Would run: ")
        return
    applied(setup)
