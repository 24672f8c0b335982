"""The blocks of each view (`ui.blocks` lays them out). No decisions and no I/O: models in,
blocks out."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from movecoach.core import guide, safety
from movecoach.core import pain as pain_rule
from movecoach.core.models import Exercise, Plan, PlanItem, Session, Source, Tip
from movecoach.core.stats import Day, Goal, GoalProgress, Response, Streak, Trend
from movecoach.ui import text as text_module
from movecoach.ui.blocks import Block, Fitted, Group, Line, Padding, Panel, Table, Text
from movecoach.ui.blocks import Renderable as RenderableType
from movecoach.ui.blocks import labelled as _labelled
from movecoach.ui.text import days as _days
from movecoach.ui.text import exercise_list, kind_name, record_line, session_summary, visible
from movecoach.ui.text import pain_pair as _pain_pair
from movecoach.ui.text import plural as _plural

if TYPE_CHECKING:
    from movecoach.actions import CheckinHistory, Shown
    from movecoach.core.progress import ProgressNotes
    from movecoach.core.stats import Dashboard, WeeksView

CATEGORY_STYLE = {
    "mobility": "cyan",
    "stretch": "magenta",
    "strength": "yellow",
    "aerobic": "green",
    "relaxation": "blue",
}


def _category(category: str) -> Text:
    return Text(category, style=CATEGORY_STYLE.get(category, ""))


def _equipment(equipment: Sequence[str]) -> str:
    return ", ".join(equipment) if equipment else "none"


REST_MARK, FLARE_MARK = "R", "F"
MARKS_LEGEND = (
    f"{REST_MARK} a planned rest day, {FLARE_MARK} a flare day: each keeps your streak "
    "(rest days up to your weekly allowance)."
)


def _table(title: str | None = None) -> Table:
    """A table as every view draws one: a rule under the header, no outer edges, one space
    between columns, so it fits as many columns as it can. (`Fitted` prints the title above
    it, wrapped to the screen rather than to the table.)"""
    return Table(title=title)


def _steps(steps: Sequence[str]) -> RenderableType:
    return _labelled([(Text(f"{n}.", style="dim"), step) for n, step in enumerate(steps, 1)])


def _caution(caution: str) -> RenderableType:
    return _labelled([(Text("Caution:", style="bold yellow"), caution)])


def plan_view(
    plan: Plan,
    country: str | None = None,
    tip: Tip | None = None,
    done_sessions: int = 0,
    done_minutes: int = 0,
) -> RenderableType:
    """`movecoach today`: what is done today, then today's plan, the day's tip and the
    safety card."""
    pain = f"pain {plan.pain}/10" if plan.pain is not None else "pain not given"
    done: list[RenderableType] = []
    if done_sessions:
        done = [
            Text(
                f"Done today: {done_minutes} min, {_plural(done_sessions, 'session')}",
                style="green",
            ),
            Text(""),
        ]
    header = Text.assemble(
        (f"Today's session, {plan.day:%a %d %b %Y}", "bold"),
        f"\n{plan.total_minutes} of {plan.minutes} min  ·  {pain}  ·  ",
        f"equipment: {_equipment(plan.equipment)}",
    )
    parts: list[RenderableType] = [*done, header, Text("")]
    for number, item in enumerate(plan.items, start=1):
        parts += [_exercise_block(f"{number}. {item.exercise.name}", item), Text("")]
    if not plan.items:
        parts += [Text("Nothing in the catalogue fits these options today."), Text("")]
    parts.append(Text(f"Total: {plan.total_minutes} min", style="bold"))
    if plan.notes:
        parts.append(_labelled([("•", note) for note in plan.notes], indent=0))
    if tip is not None:
        parts += [Text(""), tip_view(tip)]
    parts += [Text(""), _footer(country, plan.leg_pain)]
    return Group(*parts)


def tip_view(tip: Tip) -> RenderableType:
    """The day's tip, and where to find the rest with their sources."""
    return Group(
        _labelled([(Text("Today's tip:", style="bold cyan"), tip.text)], indent=0),
        Text("`movecoach learn` lists every tip with its sources.", style="dim"),
    )


def learn_view(tips: Sequence[Tip], sources: Mapping[str, Source]) -> RenderableType:
    """`movecoach learn`: every tip, each with its sources."""
    parts: list[RenderableType] = [
        Text(f"{len(tips)} things worth knowing about back pain", style="bold"),
        Text(""),
    ]
    for number, tip in enumerate(tips, start=1):
        parts.append(_labelled([(Text(f"{number}.", style="bold"), tip.text)], indent=0))
        names = [source_line(sources[k]) if k in sources else k for k in tip.sources]
        parts.append(_labelled([("", Text(line, style="dim")) for line in names], indent=3))
    return Group(*parts)


def _exercise_block(heading: str, item: PlanItem) -> RenderableType:
    """An exercise as a plan and a guided session both show it: heading, kind, position and
    minutes, then dose, steps and caution."""
    exercise = item.exercise
    title = Text.assemble(
        (heading, "bold"),
        "  ",
        _category(exercise.category),
        f" · {exercise.position} · {item.minutes} min",
    )
    return Group(
        title,
        _labelled([(Text("Dose:", style="bold"), item.dose)]),
        _steps(exercise.steps),
        _caution(exercise.caution),
    )


LEG_STOP = (
    "Leg pain: stop any move that sends pain further down your leg, and ease out of it "
    "slowly; pain that moves back up towards your back is usually fine."
)


def _footer(country: str | None = None, leg: bool = False) -> RenderableType:
    """The safety card under every plan and guided session; the emergency number follows the
    `country` setting. With `leg` (leg pain lately), a line on pain spreading down the leg."""
    card = safety.footer(safety.numbers_for(country))
    leg_line = f"\n{LEG_STOP}" if leg else ""
    return Panel(
        Text(f"{safety.HOW_TO_STOP}{leg_line}\n{card}"),
        title="Stop safely",
        border_style="yellow",
    )


def catalogue_table(exercises: Sequence[Exercise]) -> RenderableType:
    """`movecoach exercises`: each exercise's name and id, then its kind, position,
    equipment, minutes and the highest pain it is suggested for, wrapped at any width."""
    parts: list[RenderableType] = [Text(_plural(len(exercises), "exercise"), style="bold")]
    for exercise in exercises:
        name = Text.assemble((exercise.name, "bold"), "  ", (exercise.id, "dim"))
        if exercise.source != "bundled":
            name.append(" (yours)")
        facts = Text.assemble(
            _category(exercise.category),
            f" · {exercise.position} · equipment: {_equipment(exercise.equipment)}"
            f" · {exercise.minutes} min · up to pain {exercise.max_pain}",
        )
        parts += [name, Padding(facts, (0, 0, 0, 2))]
    parts.append(Text("`movecoach exercises ID` shows the steps of one exercise.", style="dim"))
    return Group(*parts)


def exercise_view(
    exercise: Exercise, sources: Mapping[str, Source], answered: Response | None = None
) -> RenderableType:
    length = f"{exercise.minutes} min"
    if exercise.scalable:
        length = f"{exercise.minutes}-{exercise.max_minutes} min"
    facts = Table.grid(gap=2)
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("id", exercise.id)
    facts.add_row("category", _category(exercise.category))
    facts.add_row("position", exercise.position)
    facts.add_row("equipment", _equipment(exercise.equipment))
    facts.add_row("time", length)
    facts.add_row("dose", exercise.dose)
    facts.add_row("suggested up to pain", f"{exercise.max_pain}/10")
    if exercise.tags:
        facts.add_row("tags", ", ".join(exercise.tags))
    facts.add_row("why", exercise.benefit)
    if exercise.source != "bundled":
        facts.add_row("from", exercise.source)
    parts: list[RenderableType] = [
        Text(exercise.name, style="bold"),
        facts,
        Text("Steps", style="bold"),
        _steps(exercise.steps),
        _caution(exercise.caution),
    ]
    if exercise.sources:
        parts += [
            Text("Where this comes from", style="bold"),
            sources_list(exercise.sources, sources),
        ]
    if answered is not None:
        parts += [Text("Your pain with it", style="bold"), Text(response_text(answered))]
    return Group(*parts)


def response_text(answered: Response) -> str:
    """How the user's pain has answered an exercise, in two sentences at most."""
    if not answered.sessions:
        return "You have not logged a session with it yet."
    held = f"{answered.sessions} session{'' if answered.sessions == 1 else 's'} with it"
    if answered.scored and answered.change is not None:
        effect = (
            "lower" if answered.change < 0 else "higher" if answered.change > 0 else "no change"
        )
        size = "" if effect == "no change" else f" ({abs(answered.change):g} {effect})"
        text = (
            f"{held}; {answered.scored} scored before and after: pain "
            f"{_pain_pair(answered.pain_before, answered.pain_after)} on average{size}."
        )
    else:
        text = f"{held}, none scored both before and after."
    if answered.too_far:
        text += (
            f" {answered.too_far} went too far (pain up 2 or more, or not settled by the next "
            "score)."
        )
    return text


def source_line(source: Source) -> str:
    """`Title. Publisher, 2019. https://…`"""
    year = f", {source.year}" if source.year is not None else ""
    return f"{source.title}. {source.publisher}{year}. {source.url}"


def sources_list(keys: Sequence[str], sources: Mapping[str, Source]) -> RenderableType:
    """Each source as a numbered line; a key the table lacks is shown as it is."""
    return _labelled(
        [
            (Text(f"{n}.", style="dim"), source_line(sources[key]) if key in sources else key)
            for n, key in enumerate(keys, 1)
        ]
    )


SECTION_STYLE = {"emergency": "bold red", "urgent": "bold yellow"}


def safety_view(country: str | None = None) -> RenderableType:
    """Every group of signs with what to do, the emergency number for `country` first."""
    numbers = safety.numbers_for(country)
    parts: list[RenderableType] = []
    for section in safety.SECTIONS:
        parts += [
            Text(section.title, style=SECTION_STYLE.get(section.key, "bold")),
            Text(section.action_for(numbers), style="bold"),
            Text(section.lead),
            _labelled([("•", sign) for sign in section.signs]),
            Text(""),
        ]
    parts += [Text(safety.REASSURANCE), Text(""), Text(safety.NOT_A_DIAGNOSIS, style="bold")]
    return Group(*parts)


def flare_view(plan: Plan, sources: Mapping[str, Source], country: str | None) -> RenderableType:
    """`movecoach flare`: what to do in a flare, then the 5-minute routine and its sources."""
    from movecoach.core import flare

    numbers = safety.numbers_for(country)
    parts: list[RenderableType] = [Text("In a flare-up", style="bold"), Text("")]
    for paragraph in flare.ADVICE:
        style = "bold red" if paragraph is flare.ADVICE[-1] else "bold"
        parts += [Text(paragraph.heading, style=style), Text(paragraph.for_numbers(numbers))]
        parts.append(Text(""))
    parts.append(Text(f"A {plan.total_minutes}-minute routine for a flare", style="bold"))
    parts += [_labelled([("•", note) for note in plan.notes], indent=0), Text("")]
    for number, item in enumerate(plan.items, start=1):
        parts += [_exercise_block(f"{number}. {item.exercise.name}", item), Text("")]
    if not plan.items:
        parts += [Text("Nothing in the catalogue fits a flare routine."), Text("")]
    parts.append(
        Text("`movecoach start --flare` guides you through it, with a timer.", style="dim")
    )
    parts += [Text(""), Text("Where this comes from", style="bold")]
    parts.append(sources_list(flare.SOURCES, sources))
    return Group(*parts)


def stopped_view(country: str | None = None, leg: bool = False) -> RenderableType:
    """After a guided session stopped early: how to ease off, and when to get help."""
    return _footer(country, leg)


# --- the log --------------------------------------------------------------------------------


def sessions_table(
    sessions: Sequence[Session], names: Mapping[str, str], filtered: bool = False
) -> RenderableType:
    """`movecoach sessions`: a row a session with its id (`show ID` has every field)."""
    if not sessions and filtered:
        return Text("No sessions match.")
    if not sessions:
        return Text("No sessions logged yet. After your first, run `movecoach log --plan`.")
    table = _table(f"{_plural(len(sessions), 'session')}, newest first")
    table.add_column("date", no_wrap=True)
    table.add_column("time", no_wrap=True)
    table.add_column("min", justify="right", no_wrap=True)
    table.add_column("pain", no_wrap=True)
    table.add_column("exercises", justify="right", no_wrap=True)
    table.add_column("note", min_width=12)
    table.add_column("id", style="dim", no_wrap=True)
    for session in sessions:
        table.add_row(
            f"{session.date:%Y-%m-%d}",
            f"{session.time:%H:%M}" if session.time is not None else "",
            str(session.minutes),
            _pain_pair(session.pain_before, session.pain_after),
            str(len(session.exercises)),
            visible(session.note or ""),
            visible(session.id),
        )
    hint = Text("`movecoach show ID` shows one in full; the first 4 characters of an id do.")
    return Group(Fitted(table), Text(hint.plain, style="dim"))


def record_view(shown: Shown) -> RenderableType:
    """`movecoach show`: every field of one record, exercises by name."""
    record = shown.record
    rows: list[tuple[Text | str, Text | str]] = [("id", visible(record.id))]
    rows.append(("date", f"{record.date:%a %d %b %Y}"))
    if isinstance(record, Session):
        if record.time is not None:
            rows.append(("time", f"{record.time:%H:%M}"))
        rows.append(("minutes", str(record.minutes)))
        pain = _pain_pair(record.pain_before, record.pain_after)
        rows.append(("pain", pain or "not given"))
        names = exercise_list(record.exercises, shown.names) or "none named"
        rows.append((_plural(len(record.exercises), "exercise"), names))
    else:
        rows.append(("what", record_line(record, shown.names).split(" · ", 1)[1]))
    note = getattr(record, "note", None)
    if note:
        rows.append(("note", visible(note)))
    logged = getattr(record, "logged", None)
    if logged is not None:
        rows.append(("logged", f"{logged:%Y-%m-%d %H:%M}"))
    rows.append(("file", ", ".join(visible(path.name) for path in shown.files)))
    heading = Text(kind_name(record).capitalize(), style="bold")
    return Group(heading, _labelled([(Text(str(k), style="bold"), v) for k, v in rows], 0))


# --- insights -------------------------------------------------------------------------------


def _streak_text(streak: Streak) -> Text:
    text = Text.assemble(("Current streak: ", "bold"), _days(streak.current))
    kept = [
        _plural(count, f"{kind} day")
        for count, kind in ((streak.rest_days, "rest"), (streak.flare_days, "flare"))
        if count
    ]
    if kept:
        text.append(f" ({', '.join(kept)})")
    if streak.today_done:
        text.append("\nToday is done.", style="green")
    elif streak.today_kept == "rest":
        text.append("\nToday is a planned rest day.", style="green")
    elif streak.today_kept == "flare":
        text.append("\nToday is a flare day: go gently.", style="green")
    elif streak.current:
        text.append("\nLog a session today to keep it going.", style="yellow")
    text.append(f"\nLongest streak: {_days(streak.longest)}")
    if streak.last_session is not None:
        ago = streak.days_since_last or 0
        when = "today" if ago == 0 else "yesterday" if ago == 1 else f"{ago} days ago"
        text.append(f"\nLast session: {streak.last_session:%a %d %b %Y} ({when})")
    else:
        text.append("\nNo sessions logged yet.")
    return text


def streak_view(streak: Streak) -> RenderableType:
    return _streak_text(streak)


def _bar(value: float, most: float, width: int = 20) -> str:
    if most <= 0 or value <= 0:
        return ""
    cells = max(1, round(width * min(value, most) / most))
    return "█" * cells


def _goal_text(progress: GoalProgress) -> Text:
    week, goal = progress.week, progress.goal
    text = Text.assemble(
        ("This week: ", "bold"),
        f"{week.active_days} of {goal.days} days · {week.active_minutes} of {goal.minutes} "
        "active min",
    )
    if goal.strength_days:
        text.append(f" · {week.strength_days} of {goal.strength_days} strength days")
    if progress.met:
        text.append("  goal met", style="green")
    return text


def goal_line(goal: Goal) -> str:
    """The goal in words, with what its minutes count."""
    strength = f", and strengthening on {goal.strength_days} days" if goal.strength_days else ""
    return (
        f"Goal: {goal.days} active days and {goal.minutes} active minutes a week{strength}. "
        "Active minutes leave out sessions of relaxation alone."
    )


def _marks(rest: int, flare: int) -> str:
    return REST_MARK * rest + FLARE_MARK * flare


def history_view(history: WeeksView) -> RenderableType:
    weeks, streak = history.weeks, history.streak
    progress = history.progress
    most = max([w.active_minutes for w in weeks] + [progress.goal.minutes])
    marked = any(w.rest_days or w.flare_days for w in weeks)
    table = _table(f"Weeks from {history.start:%a %d %b %Y} to {history.end:%a %d %b %Y}")
    table.add_column("week of", no_wrap=True)
    table.add_column("sessions", justify="right")
    table.add_column("days", justify="right")
    table.add_column("min", justify="right")
    table.add_column("active", justify="right")
    table.add_column("strength", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("pain", no_wrap=True)
    if marked:
        table.add_column("rest", no_wrap=True)
    for week in weeks:
        reached = GoalProgress(progress.goal, week).met
        cells: list[str | Text] = [
            f"{week.start:%d %b %Y}",
            str(week.sessions),
            str(week.active_days),
            str(week.minutes),
            str(week.active_minutes),
            str(week.strength_days),
            Text(_bar(week.active_minutes, most), style="green" if reached else "cyan"),
            _pain_pair(week.pain_before, week.pain_after),
        ]
        if marked:
            cells.append(_marks(week.rest_days, week.flare_days))
        table.add_row(*cells)
    parts: list[RenderableType] = [Fitted(table)]
    if marked:
        parts.append(Text(MARKS_LEGEND, style="dim"))
    note = Text(goal_line(progress.goal), style="dim")
    return Group(*parts, _streak_text(streak), _goal_text(progress), note)


SPARK = "▁▂▃▄▅▆▇█"


def _spark(values: Sequence[float | None]) -> str:
    """One character a day: higher blocks for more pain, a dot for a day with no score."""
    out = []
    for value in values:
        if value is None:
            out.append("·")
        else:
            out.append(SPARK[min(len(SPARK) - 1, round(value / 10 * (len(SPARK) - 1)))])
    return "".join(out)


DIRECTION_WORDS = {
    "better": "better: your pain fell by about {size} over these {days} days",
    "steady": "about the same: your pain changed by less than 2 points (or 30 %) over these "
    "{days} days, the smallest change that usually matters",
    "worse": "worse: your pain rose by about {size} over these {days} days; ease off a "
    "little, and see `movecoach safety` if it keeps rising",
}


def trend_view(trend: Trend) -> RenderableType:
    table = _table(
        "Pain each day, before sessions (or recorded with `movecoach pain`) and after them "
        "(▁ low to █ high, · no score)"
    )
    table.add_column("week from", no_wrap=True)
    table.add_column("before", no_wrap=True)
    table.add_column("after", no_wrap=True)
    table.add_column(f"average before {text_module.ARROW} after", no_wrap=True)
    for start in range(0, len(trend.days), 7):
        chunk = trend.days[start : start + 7]
        befores = [d.level for d in chunk]
        afters = [d.pain_after for d in chunk]
        table.add_row(
            f"{chunk[0].date:%a %d %b}",
            Text(_spark(befores), style="magenta"),
            Text(_spark(afters), style="cyan"),
            _pain_pair(_mean_of(befores), _mean_of(afters)),
        )
    return Group(Fitted(table), *_trend_lines(trend))


def _mean_of(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _trend_lines(trend: Trend) -> list[RenderableType]:
    """The average change a session brings, the direction in words, and the flare days."""
    lines: list[RenderableType] = []
    if trend.average_change is not None:
        change = trend.average_change
        effect = "eases" if change < 0 else "rises" if change > 0 else "stays the same"
        lines.append(Text(f"On average your pain {effect} by {abs(change):g} after a session."))
    if trend.direction is None:
        lines.append(Text("Direction: not enough pain scores yet (log --pain-before)."))
    else:
        size = f"{abs(trend.change or 0):g}"
        words = DIRECTION_WORDS[trend.direction].format(
            size=f"{size} point" if size == "1" else f"{size} points", days=trend.window
        )
        lines.append(Text(f"Direction: {words}."))
    if trend.flare_days:
        lines.append(
            Text(
                f"Flare days: {_days(trend.flare_days)} with pain 2 or more above your usual "
                "(the middle of your scores over the 14 days before)."
            )
        )
    return lines


SHADES = ((0, "·", "grey50"), (1, "░", "green4"), (15, "▒", "green3"), (30, "▓", "green1"))
FULL = ("█", "bright_green")


def _shade(minutes: int) -> tuple[str, str]:
    if minutes >= 45:
        return FULL
    char, style = "·", "grey50"
    for low, mark, colour in SHADES:
        if minutes >= low:
            char, style = mark, colour
    return char, style


def _month_labels(first: dt.date, weeks: int, room: int | None = None) -> str:
    """Each month's name over the column of its first week; a label needs 4 columns, where
    two would overlap the later month wins, and one that would run past `room` columns is
    left out."""
    columns = [first + dt.timedelta(weeks=n) for n in range(weeks)]
    starts = [i for i, c in enumerate(columns) if i == 0 or c.month != columns[i - 1].month]
    if room is not None:
        starts = [i for i in starts if i + 3 <= room]
    kept: list[int] = []
    for index in reversed(starts):
        if not kept or index + 4 <= kept[-1]:
            kept.append(index)
    labels = [" "] * (weeks + 3)
    for index in kept:
        labels[index : index + 3] = list(f"{columns[index]:%b}")
    return "".join(labels).rstrip()


class Calendar(Block):
    """The heat map: a column a week, a row a weekday; on a screen narrower than the weeks,
    the weeks go on in further blocks below, so none is dropped."""

    def __init__(self, cells: Sequence[Day]) -> None:
        self.cells = cells

    def lines(self, width: int) -> list[Line]:
        weeks = (len(self.cells) + 6) // 7
        room = max(4, width - 5)
        out: list[Line] = []
        for first_week in range(0, weeks, room):
            if first_week:
                out.append([])
            out += self._block(first_week, min(weeks, first_week + room), room)
        return out

    def _block(self, start: int, end: int, room: int) -> list[Line]:
        first = self.cells[0].date + dt.timedelta(weeks=start)
        rows: list[Line] = [[("     " + _month_labels(first, end - start, room), "")]]
        for weekday in range(7):
            row: Line = [(f"{first + dt.timedelta(days=weekday):%a}  ", "")]
            for week in range(start, end):
                index = week * 7 + weekday
                if index >= len(self.cells):  # later this week
                    break
                row.append(_cell(self.cells[index]))
            rows.append(row)
        return rows


def calendar_view(cells: Sequence[Day]) -> RenderableType:
    """The heat map from `stats.calendar`'s cells, with its legend."""
    weeks = (len(cells) + 6) // 7
    active = sum(1 for cell in cells if cell.sessions)
    rows: list[RenderableType] = [
        Calendar(cells),
        Text("less · ░ ▒ ▓ █ more (minutes a day: 0, 1-14, 15-29, 30-44, 45+)"),
    ]
    if any(cell.kind in ("rest", "flare") for cell in cells):
        rows.append(Text(MARKS_LEGEND))
    rows.append(Text(f"{_plural(active, 'active day')} in the last {_plural(weeks, 'week')}."))
    return Group(*rows)


def _cell(day: Day) -> tuple[str, str]:
    """A calendar cell: shaded by minutes, or the mark of a rest or flare day."""
    if day.kind == "rest":
        return REST_MARK, "blue"
    if day.kind == "flare":
        return FLARE_MARK, "magenta"
    return _shade(day.minutes)


def dashboard_view(
    board: Dashboard, names: Mapping[str, str], notes: ProgressNotes | None = None
) -> RenderableType:
    text = Text.assemble((f"movecoach · {board.today:%a %d %b %Y}", "bold"), "\n")
    if board.today_done:
        text.append("Today: done ✓", style="green")
    elif board.today_mark == "rest":
        text.append("Today: a planned rest day", style="green")
    elif board.today_mark == "flare":
        text.append("Today: a flare day; go gently", style="green")
    else:
        text.append("Today: nothing logged yet", style="yellow")
    text.append(f"\nStreak: {_days(board.streak)}\n")
    text.append_text(_goal_text(board.progress))
    if board.last is not None:
        text.append(f"\nLast session: {session_summary(board.last, names)}")
    parts: list[RenderableType] = [text]
    if notes is not None:
        parts += _progress_lines(notes, board.today)
    hint = Text("Run `movecoach today` for today's session; `movecoach --help` lists commands.")
    return Group(*parts, Text(""), hint)


def _progress_lines(notes: ProgressNotes, today: dt.date) -> list[RenderableType]:
    """A check-in when one is due, and when it is worth seeing someone (in one line, why)."""
    from movecoach.core.progress import REVIEW_ADVICE

    lines: list[RenderableType] = []
    if notes.checkin_due and notes.last_checkin is None:
        lines.append(
            Text(
                "Check-in: none yet. `movecoach checkin` scores what your back makes hard, "
                "so you can see your progress."
            )
        )
    elif notes.checkin_due and notes.last_checkin is not None:
        weeks = (today - notes.last_checkin).days // 7
        lines.append(
            Text(
                f"Check-in: the last was {weeks} weeks ago. `movecoach checkin` shows how far "
                "you have come."
            )
        )
    if notes.review is not None:
        lines.append(Text.assemble((f"{REVIEW_ADVICE}: ", "bold yellow"), f"{notes.review}."))
    return [Text(""), *lines] if lines else []


def checkins_view(history: CheckinHistory) -> RenderableType:
    """`checkin --list`: each activity of the latest check-in with its scores over time, then
    every check-in, newest first."""
    from movecoach.core.progress import CHECKIN_EVERY_DAYS
    from movecoach.ui.text import checkin_scores, score_change

    if not history.checkins:
        return Text(
            "No check-ins yet. `movecoach checkin` scores up to three activities your back "
            "makes hard, from 0 (can't do it) to 10 (as before the pain)."
        )
    table = Table(
        title="Each activity's scores, 0 (can't do it) to 10 (as before the pain)",
        pads=(1, 1),
        edge=True,
    )
    table.add_column("activity")
    table.add_column("scores over time")
    table.add_column("change", no_wrap=True)
    for item in history.activities:
        scores = " → ".join(f"{s.score} ({s.date.day} {s.date:%b})" for s in item.scores)
        table.add_row(visible(item.activity), scores, score_change(item))
    listing = [
        Text.assemble((f"{c.date:%a %d %b %Y}  ", ""), checkin_scores(c), (f"  {c.id}", "dim"))
        for c in reversed(history.checkins)
    ]
    parts: list[RenderableType] = [table, Text("Every check-in, newest first:", style="bold")]
    parts += [Padding(line, (0, 0, 0, 2)) for line in listing]
    if history.activities:
        last = history.activities[0].latest.date
        due = last + dt.timedelta(days=CHECKIN_EVERY_DAYS)
        when = "due now" if history.due else f"from {due:%a %d %b %Y}"
        parts += [Text(""), Text(f"Next check-in: {when}.")]
    return Group(*parts)


def settings_table(rows: Sequence[Mapping[str, object]], path: str) -> RenderableType:
    table = _table(f"Settings ({visible(path)})")
    table.add_column("key", no_wrap=True)
    table.add_column("value", no_wrap=True)
    table.add_column("from", no_wrap=True)
    table.add_column("what it does")
    for row in rows:
        key = str(row["key"])
        source = str(row["source"])
        table.add_row(
            key,
            str(row["shown"]),
            Text(source, style="bold" if source == "file" else "dim"),
            f"{row['help']} ({row['allowed']})",
        )
    hint = Text("Change one with `movecoach config set KEY VALUE`.", style="dim")
    return Group(Fitted(table), hint)


# --- guided sessions ------------------------------------------------------------------------


def clock(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour (a 90-minute plan with rests passes one)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def countdown(seconds: float) -> str:
    """Time left, rounded up, so the count reads 2:00 at the start and 0:01 just before 0."""
    return clock(math.ceil(max(0.0, seconds) - 1e-9))


def _block_name(timeline: guide.Timeline, block: guide.Block) -> str:
    if block.kind is guide.Kind.REST:
        return "rest"
    if block.kind is guide.Kind.LEAD_IN:
        return "get ready"
    return f"{block.item + 1}. {timeline.items[block.item].exercise.name}"


def _lengths(timeline: guide.Timeline) -> str:
    count = len(timeline.items)
    text = f"{count} exercise{'' if count == 1 else 's'}, {clock(timeline.exercise_seconds)} of"
    text += " exercise"
    if timeline.rest_seconds:
        text += f" and {clock(timeline.rest_seconds)} of rest"
    if timeline.lead_in_seconds:
        text += f", after {clock(timeline.lead_in_seconds)} to get ready"
    if timeline.total_seconds != timeline.exercise_seconds:
        text += f" ({clock(timeline.total_seconds)} in all)"
    return text


def timeline_view(
    timeline: guide.Timeline, day: dt.date, title: str = "Guided session"
) -> RenderableType:
    """`movecoach start --dry-run`: when each block starts and how long it lasts."""
    table = Table(rule=False, pads=(0, 2), pad_edge=False, divider=0)
    table.add_column("start", justify="right", no_wrap=True)
    table.add_column("length", justify="right", no_wrap=True)
    table.add_column("block")
    for block in timeline.blocks:
        table.add_row(clock(block.start), clock(block.seconds), _block_name(timeline, block))
    table.add_row(clock(timeline.total_seconds), "", "end")
    header = Text.assemble((f"{title}, {day:%a %d %b %Y}", "bold"), f"\n{_lengths(timeline)}")
    return Group(header, Text(""), table)


KEYS_HELP = "Keys: space pauses and resumes, n goes on to the next exercise, q stops."


def guide_intro(
    timeline: guide.Timeline,
    interactive: bool,
    country: str | None = None,
    title: str = "Guided session",
    leg: bool = False,
) -> RenderableType:
    """Shown before the first exercise: how to stop safely, and the keys."""
    lines = Text.assemble((f"{title}: ", "bold"), _lengths(timeline))
    if interactive:
        lines.append(f"\n{KEYS_HELP}")
    return Group(lines, _footer(country, leg))


def guide_intro_lines(
    timeline: guide.Timeline,
    keys: bool,
    country: str | None = None,
    title: str = "Guided session",
    leg: bool = False,
) -> list[str]:
    """The intro as plain lines, for the line modes: no box to read out."""
    lines = [f"{title}: {_lengths(timeline)}."]
    if keys:
        lines.append(KEYS_HELP)
    return [*lines, *stop_lines(country, leg)]


def stop_lines(country: str | None = None, leg: bool = False) -> list[str]:
    """How to stop safely and when to get help, as plain lines: the safety card without its
    box, for the line modes (a screen reader reads no box). With `leg` (leg pain lately), a
    line on pain spreading down the leg."""
    card = safety.footer(safety.numbers_for(country)).splitlines()
    return [safety.HOW_TO_STOP, *([LEG_STOP] if leg else []), *card]


def _next_text(state: guide.State) -> str:
    timeline = state.timeline
    upcoming = state.next_block
    if upcoming is None:
        return "Next: the end of the session."
    if upcoming.kind is guide.Kind.REST:
        after = timeline.items[upcoming.item]
        return (
            f"Next: a {clock(upcoming.seconds)} rest, then {upcoming.item + 1}. "
            f"{after.exercise.name} ({after.minutes} min, {after.exercise.position})."
        )
    item = timeline.items[upcoming.item]
    return (
        f"Next: {upcoming.item + 1}. {item.exercise.name} "
        f"({item.minutes} min, {item.exercise.position})."
    )


def exercise_card(timeline: guide.Timeline, index: int) -> RenderableType:
    """One exercise of a guided session: name, dose, position, steps and caution."""
    item = timeline.items[index]
    heading = f"Exercise {index + 1} of {len(timeline.items)}: {item.exercise.name}"
    return _exercise_block(heading, item)


def _progress(done: float, total: float, width: int = 40) -> Text:
    share = 0.0 if total <= 0 else min(1.0, max(0.0, done / total))
    cells = round(width * share)
    return Text.assemble(("█" * cells, "green"), ("░" * (width - cells), "grey50"))


class _Timer(Block):
    """The progress bar and the time left: the bar takes what the screen leaves (up to 40)."""

    def __init__(self, done: float, total: float, left: str, paused: bool) -> None:
        self.done, self.total, self.left, self.paused = done, total, left, paused

    def lines(self, width: int) -> list[Line]:
        words = f"{self.left} left"
        bar = max(5, min(40, width - len(words) - 2))
        out = Text.assemble(_progress(self.done, self.total, bar), "  ", (words, "bold"))
        if self.paused:
            out.append("\nPAUSED (space to go on)", style="bold yellow")
        return out.lines(width)


def guide_screen(state: guide.State) -> RenderableType:
    """The live screen of a guided session: the current block, its countdown and what is next."""
    block = state.block
    timeline = state.timeline
    if block is None:
        return Text("")
    paused = state.phase is guide.Phase.PAUSED
    left = countdown(state.remaining)
    if block.kind is guide.Kind.EXERCISE:
        body: RenderableType = exercise_card(timeline, block.item)
        heading = timeline.items[block.item].exercise.name
    else:
        coming = timeline.items[block.item].exercise.name
        lead_in = block.kind is guide.Kind.LEAD_IN
        words = (
            "Get ready: the first exercise starts when the count reaches 0:00."
            if lead_in
            else "Rest. Breathe easily and get ready for the next exercise."
        )
        body = Group(Text(words, style="bold"), Text(""), exercise_card(timeline, block.item))
        heading = f"Get ready for {coming}" if lead_in else f"Rest before {coming}"
    timer = _Timer(state.elapsed[state.position], block.seconds, left, paused)
    keys = Text(
        f"{'paused · space to go on' if paused else 'space pause'} · n next exercise · "
        f"q stop   session {clock(state.running_seconds)} of {clock(timeline.total_seconds)}",
        style="bold yellow" if paused else "dim",
    )
    return Panel(
        Group(body, Text(""), timer, Text(_next_text(state)), keys),
        title=f"{heading} · {left} left",
        border_style="yellow" if paused else "cyan",
    )


def event_line(timeline: guide.Timeline, event: guide.Event) -> str | None:
    """The plain line a change prints (`--plain`, `--no-input`): one line, no cursor
    movement; None for the end, which the summary line says."""
    words = event_words(timeline, event)
    return None if event.change is guide.Change.ENDED else f"[{clock(event.at)}] {words}"


def event_words(timeline: guide.Timeline, event: guide.Event) -> str:
    """A change in words, as a line says it and `--speak` says it aloud."""
    block = timeline.blocks[event.block]
    name = timeline.items[block.item].exercise.name
    change = event.change
    if change is guide.Change.STARTED:
        return _started_words(timeline, block)
    if change is guide.Change.HALFWAY:
        return f"Halfway through {name}: {clock(block.seconds / 2)} left."
    if change is guide.Change.MOVED_ON:
        if event.spent < guide.KEPT_SECONDS:
            return f"Skipped {name}."
        return f"Moved on from {name}; its {clock(event.spent)} count."
    if change is guide.Change.PAUSED:
        return "Paused. Press space to go on."
    if change is guide.Change.RESUMED:
        return "Going on."
    return "Session over."


def _started_words(timeline: guide.Timeline, block: guide.Block) -> str:
    name = timeline.items[block.item].exercise.name
    if block.kind is guide.Kind.LEAD_IN:
        return f"Get ready: {name} starts in {clock(block.seconds)}."
    if block.kind is guide.Kind.REST:
        return f"Rest for {clock(block.seconds)}. Next: {name}."
    count = len(timeline.items)
    return f"Exercise {block.item + 1} of {count}: {name}, {clock(block.seconds)}."


def exercise_lines(timeline: guide.Timeline, index: int) -> list[str]:
    """An exercise's dose, steps and caution as plain lines, for the line modes."""
    item = timeline.items[index]
    steps = [f"  {n}. {step}" for n, step in enumerate(item.exercise.steps, 1)]
    return [f"  Dose: {item.dose}", *steps, f"  Caution: {item.exercise.caution}"]


def guide_summary(state: guide.State) -> str:
    """One line when a guided session ends: how far it got."""
    statuses = [state.status(i) for i in range(len(state.timeline.items))]
    done = statuses.count(guide.Status.DONE)
    partly = statuses.count(guide.Status.PARTLY_DONE)
    skipped = statuses.count(guide.Status.SKIPPED)
    count = len(statuses)
    if state.phase is guide.Phase.STOPPED:
        head = f"[{clock(state.running_seconds)}] Stopped early"
    else:
        head = f"[{clock(state.running_seconds)}] Session over"
    parts = [f"{done} of {count} exercise{'' if count == 1 else 's'} done"]
    if partly:
        parts.append(f"{partly} stopped partway")
    if skipped:
        parts.append(f"{skipped} skipped")
    return f"{head}: " + ", ".join(parts) + "."


NO_RISE = "Pain no higher than when you started."
ROSE_ONE = "A rise of 1 is normal and fine."
EASE_OFF = (
    "Next time, ease off: shorter, gentler.",
    "If it has not settled by tomorrow,",
    "run `movecoach safety` for what to do.",
)


def pain_response_lines(
    verdict: guide.Verdict,
    pain: tuple[int | None, int | None],
    leg: tuple[int | None, int | None] = (None, None),
) -> list[str]:
    """After a guided session: how the pain answered it, by the one rule (`core.pain`), in
    a few short lines (40 columns), so the "Logged" line above stays on the screen."""
    if verdict is guide.Verdict.NO_RISE:
        return [NO_RISE]
    least = 1 if verdict is guide.Verdict.ROSE_ONE else pain_rule.RISE
    rises = []
    for what, (before, after) in (("Pain", pain), ("Leg pain", leg)):
        if before is not None and after is not None and after - before >= least:
            rise = after - before
            points = "1 point" if rise == 1 else f"{rise} points"
            end = "." if verdict is guide.Verdict.ROSE_ONE else ": too much."
            rises.append(f"{what} rose {points} ({before} {text_module.ARROW} {after}){end}")
    if verdict is guide.Verdict.ROSE_ONE:
        return [*rises, ROSE_ONE]
    return [*rises, *EASE_OFF]
