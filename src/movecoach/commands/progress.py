"""Progress over weeks: `checkin`, the Patient-Specific Functional Scale."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from movecoach import cli
from movecoach.cli import JsonOpt, emit, env_of, flush_notes, say
from movecoach.errors import InputError

if TYPE_CHECKING:
    from movecoach.actions import Env
    from movecoach.core.models import Checkin

app = cli.sub_app()

INTRO = (
    "Progress check-in: up to three activities your back makes hard, each scored from 0 "
    "(can't do it) to 10 (as before the pain)."
)
KEEP_HINT = "Enter keeps last time's activity, new words replace it, and - leaves it out."
NO_TERMINAL = (
    "checkin asks its questions at a terminal; here, give --activity TEXT --score N for "
    "each activity (up to 3)"
)


@app.command("checkin")
def checkin_cmd(
    ctx: typer.Context,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            "--activity",
            "-a",
            help="An activity your back makes hard, like 'putting on socks'; up to 3, each "
            "with a --score (the first --score goes with the first --activity).",
        ),
    ] = None,
    score: Annotated[
        list[int] | None,
        typer.Option(
            "--score",
            "-s",
            click_type=cli.Whole(0, 10),
            help="How well you can do that activity now: 0 (can't do it) to 10 (as before "
            "the pain).",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", "-d", help="The day: YYYY-MM-DD, today or yesterday. [default: today]"
        ),
    ] = None,
    show: Annotated[
        bool,
        typer.Option(
            "--list", help="Show your check-ins and each activity's scores over time instead."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score up to three activities your back makes hard, 0-10, to see your progress.

    At a terminal it asks, starting from last time's activities; scripts give --activity
    and --score in pairs. Check in every 4 weeks or so: the dashboard says when one is due,
    and the report shows each activity's scores and the change since the first. (This is
    the Patient-Specific Functional Scale.)
    """
    from movecoach import actions
    from movecoach.ui import text

    if show:
        if activity or score or date is not None:
            raise InputError("--list only shows check-ins; leave out --activity, --score, --date")
        history = actions.checkin_history(env_of(ctx))
        emit(as_json, history.as_dict, lambda render: render.checkins_view(history))
        return
    if as_json:
        raise InputError("--json goes with --list (a new check-in is confirmed in one line)")
    env = env_of(ctx)
    day = actions.checkin_day(env, date or "today")
    activities, scores = answers(env, activity or [], score or [])
    done = actions.record_checkin(env, day, activities, scores, cli.now())
    flush_notes(ctx)
    for warning in done.warnings:
        say(f"warning: {warning}")
    cli.out(text.checked_in_line(done.checkin, done.activities))


def answers(env: Env, activity: list[str], score: list[int]) -> tuple[list[str], list[int]]:
    """The activities and scores from the flags, else asked at a terminal; without either,
    refused (a script must not wait for answers)."""
    from movecoach import actions

    if activity or score:
        return activity, score
    if not cli.stdin_is_terminal():
        raise InputError(NO_TERMINAL)
    return ask(actions.last_checkin(env))


def ask(previous: Checkin | None) -> tuple[list[str], list[int]]:
    """The activities and their scores, asked one at a time; last time's activities are
    offered first, then new ones until three or an empty answer."""
    from movecoach.core.models import MAX_CHECKIN_ACTIVITIES
    from movecoach.ui import text

    cli.out(INTRO)
    offered = list(zip(previous.activities, previous.scores, strict=True)) if previous else []
    if previous is not None:
        cli.out(f"Last time, {text.checkin_scores(previous)}.")
        cli.out(KEEP_HINT)
    activities: list[str] = []
    scores: list[int] = []
    for slot in range(1, MAX_CHECKIN_ACTIVITIES + 1):
        old = offered[slot - 1] if slot <= len(offered) else None
        name = ask_activity(slot, old[0] if old else None, activities)
        if name is None and old is None:
            break
        if name is None:
            continue
        scores.append(ask_score(name, last_score(name, old)))
        activities.append(name)
    if not activities:
        raise InputError("no activity named, so nothing was recorded")
    return activities, scores


def ask_activity(slot: int, old: str | None, taken: list[str]) -> str | None:
    """One activity: Enter keeps `old` (or, without one, finishes), `-` leaves it out; asked
    again until it is a valid name not given already."""
    from movecoach.core.models import activity_key, check_activity
    from movecoach.errors import RecordError
    from movecoach.ui.text import visible

    question = f"Activity {slot} [{visible(old)}]" if old else f"Activity {slot} (Enter to finish)"
    while True:
        answer = typer.prompt(question, default="", show_default=False).strip()
        if answer == "-" or not (answer or old):
            return None
        try:
            name = check_activity(answer or old)
        except RecordError as err:
            cli.out(f"An activity {err.problem}.")
            continue
        if activity_key(name) in {activity_key(t) for t in taken}:
            cli.out(f"{visible(name)} is named already; name another (or - to leave this out).")
            continue
        return name


def last_score(name: str, old: tuple[str, int] | None) -> int | None:
    """Last time's score, when `name` is last time's activity (in any case or spacing)."""
    from movecoach.core.models import activity_key

    return old[1] if old is not None and activity_key(old[0]) == activity_key(name) else None


def ask_score(name: str, last: int | None) -> int:
    from movecoach.ui.text import visible

    before = f", last time {last}" if last is not None else ""
    question = f"  {visible(name)}: your score now, 0 (can't do it) to 10 (as before){before}"
    score: int = typer.prompt(question, type=cli.Whole(0, 10))
    return score
