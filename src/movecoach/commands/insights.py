"""Figures from the log: `streak`, `history`, `trend`, `calendar`, `report` and `nudge`."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer

from movecoach import cli
from movecoach.cli import JsonOpt, MonthOpt, SinceOpt, UntilOpt, WeekOpt, emit, env_of, json_text
from movecoach.commands.data import check_output, deliver
from movecoach.errors import InputError

app = cli.sub_app()


@app.command("streak")
def streak_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your current and longest run of active days."""
    from movecoach import actions

    figures = actions.streak(env_of(ctx))
    emit(as_json, figures.as_dict, lambda render: render.streak_view(figures))


def _weeks_up_to_this_one(most: int, default: int) -> Any:
    """`--weeks` of `history` and `report`: a period ending this week (None: the default,
    which the other ways of choosing a period replace)."""
    return typer.Option(
        "--weeks",
        "-w",
        click_type=cli.Whole(1, most),
        help=f"How many weeks, up to this one (1-{most}). [default: {default}]",
        show_default=False,
    )


@app.command("history")
def history_cmd(
    ctx: typer.Context,
    weeks: Annotated[int | None, _weeks_up_to_this_one(520, 8)] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    month: MonthOpt = None,
    week: WeekOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Your weeks: sessions, active days, minutes, strength days and pain, with streak and goal.

    Choose the period with one of --weeks, --since/--until, --month or --week; it never
    starts before your first session.
    """
    from movecoach import actions

    request = actions.PeriodRequest(weeks, since, until, month, week)
    result = actions.history(env_of(ctx), request)
    emit(as_json, result.as_dict, lambda render: render.history_view(result))


@app.command("trend")
def trend_cmd(
    ctx: typer.Context,
    days: Annotated[
        int,
        typer.Option("--days", click_type=cli.Whole(7, 365), help="How many days back (7-365)."),
    ] = 28,
    as_json: JsonOpt = False,
) -> None:
    """Your pain over recent days, which way it is going, and your flare days."""
    from movecoach import actions

    result = actions.trend(env_of(ctx), days)
    emit(as_json, result.as_dict, lambda render: render.trend_view(result))


@app.command("calendar")
def calendar_cmd(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option("--weeks", "-w", click_type=cli.Whole(1, 104), help="How many weeks (1-104)."),
    ] = 26,
    as_json: JsonOpt = False,
) -> None:
    """A heat map of your active days: one column a week, shaded by minutes."""
    from movecoach import actions

    cells = actions.calendar(env_of(ctx), weeks)
    emit(
        as_json,
        lambda: [
            {
                "date": c.date.isoformat(),
                "sessions": c.sessions,
                "minutes": c.minutes,
                "rest": c.kind == "rest",
                "flare": c.kind == "flare",
            }
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
    weeks: Annotated[int | None, _weeks_up_to_this_one(52, 4)] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    month: MonthOpt = None,
    week: WeekOpt = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md (Markdown) or html (a page that prints on A4). [default: md]",
            show_default=False,
        ),
    ] = None,
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
    as_json: Annotated[
        bool,
        typer.Option("--json", help="The report's figures as JSON, not the report itself."),
    ] = False,
) -> None:
    """A summary of recent weeks to show a doctor or physiotherapist.

    Choose the period with one of --weeks, --since/--until, --month or --week (at most 52
    weeks; never from before your first session). "Goal met" counts complete weeks only.
    """
    from movecoach import actions

    if as_json and fmt is not None:
        raise InputError("--json and --format each choose the output; give one of them")
    check_output(output, force)
    env = env_of(ctx)
    built = actions.report(env, actions.PeriodRequest(weeks, since, until, month, week))
    country = env.settings.country
    if as_json:
        text = json_text(built.as_dict())
    elif fmt is ReportFormat.html:
        from movecoach.ui import report_html

        text = report_html.to_html(built, country)
    else:
        from movecoach.ui import report_md

        text = report_md.to_markdown(built, country)
    if deliver(text, output, force):
        cli.line(f"Wrote the report to {output}.")


@app.command("nudge")
def nudge_cmd(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing; only set the exit code.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='Print {"due": true|false, "message": ...} (even with --quiet); "due" is '
            'null and "error" says why when the log needs fixing; "snoozed_until" says until '
            "when it is quiet.",
        ),
    ] = False,
    notify: Annotated[
        bool,
        typer.Option(
            "--notify",
            help="Also show the nudge as a desktop notification (notify-send, osascript or a "
            "Windows toast); without one, a note on stderr.",
        ),
    ] = False,
    snooze: Annotated[
        str | None,
        typer.Option(
            "--snooze",
            metavar="DURATION",
            help="Stay quiet for this long (30m, 2h, 1h30m; up to 24h), or `off`.",
        ),
    ] = None,
    desk: Annotated[
        bool,
        typer.Option(
            "--break",
            help="Instead: exit 1 with a line when nothing has been logged for --every (90m) "
            "inside --between (09:00-17:00): time for `movecoach break`.",
        ),
    ] = False,
    every: Annotated[
        str | None,
        typer.Option(
            "--every", metavar="DURATION", help="With --break: how long without moving is too long."
        ),
    ] = None,
    between: Annotated[
        str | None,
        typer.Option(
            "--between",
            metavar="HH:MM-HH:MM",
            help="With --break: the hours that count (your working day).",
        ),
    ] = None,
) -> None:
    """Exit 1 with one line when a nudge to move is due (for shell prompts and timers).

    A nudge is due when nothing is logged today after the nudge hour (18:00), or at any hour
    once 2 or more whole days have passed since the last session; a rest or flare day that
    keeps your streak counts as a day with a session. On a flare day (your latest pain is 2
    or more above your usual) it suggests a few gentle minutes instead of the usual 10. Exit
    0 otherwise, 2 when the log needs fixing. `movecoach nudge` skips loading the full CLI,
    so it is fast.
    """
    from movecoach.nudge import run

    args = ["--quiet"] * quiet + ["--json"] * as_json + ["--notify"] * notify + ["--break"] * desk
    for name, value in (("--snooze", snooze), ("--every", every), ("--between", between)):
        args += [f"{name}={value}"] if value is not None else []
    raise typer.Exit(run(args) or 0)
