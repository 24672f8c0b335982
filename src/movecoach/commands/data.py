"""Your data: `export`, `import`, `restore` and `check`."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from movecoach import cli
from movecoach.cli import JsonOpt, YesOpt, confirm_or_refuse, env_of, print_json
from movecoach.errors import InputError

app = cli.sub_app()


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="csv|json",
        help="The format. [default: from the file's extension, else csv]",
        show_default=False,
        autocompletion=cli.completer("formats"),
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


def counted(counts: Mapping[str, int]) -> str:
    """`3 sessions`, `2 check-ins`, or `3 sessions, 2 check-ins and 1 other record`: each
    kind there is (sessions when there is nothing), from the count of each kind."""
    sessions = counts.get("session", 0)
    checkins = counts.get("checkin", 0)
    others = sum(counts.values()) - sessions - checkins
    parts = [
        plural(count, word)
        for count, word in ((sessions, "session"), (checkins, "check-in"), (others, "other record"))
        if count
    ] or [plural(0, "session")]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


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
        if cli.stdout_is_terminal():  # on a screen, an escape in a note must not act
            from movecoach.ui.text import visible

            text = "".join(
                visible(line.rstrip("\r\n")) + line[len(line.rstrip("\r\n")) :]
                for line in text.splitlines(keepends=True)
            )
        if cli.utf8(sys.stdout) or cli.stdout_is_terminal():
            sys.stdout.write(text)  # on a screen that cannot show all of it: stand-ins
        else:  # a file or a pipe gets the UTF-8 the formats promise, whatever the locale
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
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
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="session|day|checkin",
            help="Only records of this kind. [default: CSV sessions; JSON every kind]",
            show_default=False,
            autocompletion=cli.completer("kinds"),
        ),
    ] = None,
) -> None:
    """Export your log as CSV or JSON, oldest first.

    JSON is one list of objects, each with its `kind` (session, day, checkin, deleted); a
    session object is what `sessions --json` prints. CSV holds one kind (sessions unless
    --kind), with a column for each key.
    """
    from movecoach import actions
    from movecoach.store import transfer

    target = Path(output).expanduser() if output is not None else None
    fmt = transfer.choose_kind(fmt, target.name if target is not None else None)
    if fmt == "csv" and kind not in (None, *transfer.CSV_KINDS):
        raise InputError(f"CSV holds sessions, days or check-ins, not {kind!r}; use JSON")
    actions.day_range(since, until, cli.today())  # refuse bad dates before looking at files
    check_output(target, force)
    exported = actions.export(env_of(ctx), fmt, since, until, kind)
    if deliver(exported.text, target, force):
        cli.line(f"Exported {counted(exported.counts())} to {output} as {fmt.upper()}.")


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A CSV or JSON file as `export` writes; - reads standard input."
        ),
    ],
    fmt: FormatOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and count; write nothing.")
    ] = False,
) -> None:
    """Add the sessions and check-ins of a CSV or JSON file; ids already logged are skipped.

    Every row is checked first: if any is bad, each bad row is listed and nothing is added.
    Each log file that changes is backed up first (see `movecoach restore`). `import -` reads
    the file from standard input (`--format`, else its first character, picks the format).
    """
    from movecoach import actions

    data = sys.stdin.buffer.read() if file == "-" else None
    done = actions.import_file(env_of(ctx), file, fmt, dry_run, data)
    if done.dry_run:
        cli.out(f"Would add {done.added}, skip {done.skipped} (already in the log).")
    else:
        cli.out(f"Added {done.added}, skipped {done.skipped} (already in the log).")


@app.command("restore")
def restore_cmd(
    ctx: typer.Context,
    backup: Annotated[
        str | None,
        typer.Argument(
            metavar="[BACKUP]",
            help="A backup's name as listed, or its path.",
            autocompletion=cli.completer("backup_names"),
        ),
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
            for row in text.backups_listing(rows, env.paths.backups_dir, cli.width()).split("\n"):
                cli.line(row)
        return
    preview = actions.restore_preview(env, backup)
    for row in text.restore_preview(preview).split("\n"):
        cli.line(row)
    question = f"Put {preview.target.name} back as it was?"
    if not confirm_or_refuse(question, yes, "restore", "replacing a log file"):
        cli.out("Nothing restored.")
        return
    cli.out(text.restored(actions.restore(env, preview)))


@app.command("check")
def check_cmd(
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="Fold the records of sync tools' conflict copies back into your log."
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option("--full", help="Parse every file again, even those checked before."),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check the settings, the catalogue and every log file; list each problem.

    Writes nothing, unless --fix: then the records of conflict copies that sync tools left
    in the log folder are added to this device's files and the copies are moved to the
    backups folder. A file whose bytes were checked before is not parsed again (--full
    parses every file). Exit 2 when there is a problem (with --json too).
    """
    from movecoach import actions

    result = actions.check_all(
        cli.today(), fix=fix, now=cli.now().replace(microsecond=0), full=full
    )
    if as_json:
        print_json(result.as_dict())
        if result.problems:
            raise typer.Exit(2)
        return
    for line in result.fine:
        cli.line(line)
    for warning in result.warnings:
        cli.line(f"warning: {warning}")
    for problem in result.problems:
        cli.line(f"problem: {problem}")
    if result.problems:
        raise typer.Exit(2)
