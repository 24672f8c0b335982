"""A summary of recent weeks for a clinician: what goes in, then Markdown or HTML out.

`build_report` decides everything the report shows, as a frozen `Report`; `to_markdown` and
`to_html` only lay it out. The figures come from `stats`, so the report can never disagree
with `movecoach history` or `trend`. Standard library only and no clock: the CLI passes
`today`. Every string a user wrote (notes, unknown exercise ids) is escaped for the format,
and the HTML is one self-contained file: inline CSS and SVG, no script, nothing to fetch.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from movecoach import __version__
from movecoach.core import stats
from movecoach.core.models import Session

FLARE_PAIN = 7  # a pain score this high, before or after a session, marks a flare day
TOP_EXERCISES = 6
NAME_MAX = 60  # an exercise id is whatever the user typed; a long one is shortened
# Bounds that keep the page count down (one A4 page for four ordinary weeks, two at most):
FLARE_DAYS_LISTED = 21  # the newest flare days by date; the week table counts every one
NOTE_MAX = 1000  # the log's own limit for `movecoach log --note`; hand edits can be longer
LINE_CHARS = 95  # characters in a printed line of notes, on the low side
NOTE_PREFIX = 20  # the date before each note, "Mon 16 Feb 2026: ", in characters

CAVEAT = (
    "movecoach does not diagnose. This summary holds only what the user logged themselves "
    "(minutes, exercises and pain rated from 0 to 10), so please read it alongside your own "
    "assessment."
)
DIRECTION_TEXT = {
    "better": "better: lower pain before sessions in the last {half} days than in the "
    "{half} before",
    "steady": "steady: pain before sessions in the last {half} days within {band:g} of the "
    "{half} before",
    "worse": "worse: higher pain before sessions in the last {half} days than in the {half} before",
    None: "too few pain scores to tell ({least} scored days needed in each of the last two "
    "{half}-day spans)",
}


@dataclass(frozen=True)
class WeekRow:
    week: stats.Week
    goal_met: bool
    flare_days: int
    in_progress: bool  # the current week, which has days still to come


@dataclass(frozen=True)
class ExerciseCount:
    id: str
    name: str  # the catalogue's name, or the id as the user wrote it
    sessions: int


@dataclass(frozen=True)
class FlareDay:
    date: dt.date
    pain: int  # the highest pain score logged that day


@dataclass(frozen=True)
class Note:
    date: dt.date
    text: str


@dataclass(frozen=True)
class Report:
    """Everything the report shows, and nothing it does not."""

    made_on: dt.date
    start: dt.date
    end: dt.date
    goal: stats.Goal
    weeks: tuple[WeekRow, ...]
    totals: stats.Week  # the whole period as one span
    average_change: float | None  # pain after minus before, over sessions with both
    changes_counted: int
    direction: str | None
    top_exercises: tuple[ExerciseCount, ...]
    exercise_kinds: int
    flare_days: tuple[FlareDay, ...]  # the newest FLARE_DAYS_LISTED, oldest first
    flare_day_count: int
    notes: tuple[Note, ...]  # oldest first, like the week table
    notes_left_out: int

    @property
    def weeks_goal_met(self) -> int:
        return sum(row.goal_met for row in self.weeks)


def build_report(
    sessions: Iterable[Session],
    today: dt.date,
    weeks: int,
    goal: stats.Goal,
    names: Mapping[str, str],
    first_weekday: int = 0,
) -> Report:
    """The last `weeks` weeks up to `today` (the current week included, so far); weeks start
    on `first_weekday` (0 Monday, 6 Sunday).

    `sessions` may hold more than the period: the pain direction looks back 28 days whatever
    the period. Sessions dated after `today` (a hand edit) are left out.
    """
    if weeks < 1:
        raise ValueError(f"a report needs at least one week, not {weeks}")
    known = sorted(
        (s for s in sessions if s.date <= today), key=lambda s: (s.date, s.time or dt.time.min)
    )
    start = stats.week_start(today, first_weekday) - dt.timedelta(weeks=weeks - 1)
    chosen = [s for s in known if s.date >= start]
    days = stats.daily(chosen)
    flares = _flare_days(chosen)
    flare_dates = [f.date for f in flares]
    rows = tuple(
        WeekRow(
            week=week,
            goal_met=stats.GoalProgress(goal, week).met,
            flare_days=sum(
                week.start <= d < week.start + dt.timedelta(days=7) for d in flare_dates
            ),
            in_progress=week.start + dt.timedelta(days=6) > today,
        )
        for week in stats.weeks(days, today, weeks, first_weekday)
    )
    trend = stats.trend(stats.daily(known), today, (today - start).days + 1)
    counts: Counter[str] = Counter()
    for session in chosen:
        counts.update(set(session.exercises))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))
    notes, left_out = _notes(chosen, notes_lines(weeks))
    return Report(
        made_on=today,
        start=start,
        end=today,
        goal=goal,
        weeks=rows,
        totals=stats.summarise(start, days.values()),
        average_change=trend.average_change,
        changes_counted=sum(day.change_count for day in days.values()),
        direction=trend.direction,
        top_exercises=tuple(
            ExerciseCount(ident, _shorten(names.get(ident, ident), NAME_MAX), count)
            for ident, count in ranked[:TOP_EXERCISES]
        ),
        exercise_kinds=len(counts),
        flare_days=tuple(flares[-FLARE_DAYS_LISTED:]),
        flare_day_count=len(flares),
        notes=notes,
        notes_left_out=left_out,
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _flare_days(sessions: Iterable[Session]) -> list[FlareDay]:
    peaks: dict[dt.date, int] = {}
    for session in sessions:
        scores = [p for p in (session.pain_before, session.pain_after) if p is not None]
        if scores and max(scores) >= FLARE_PAIN:
            peaks[session.date] = max(peaks.get(session.date, 0), *scores)
    return [FlareDay(date, pain) for date, pain in sorted(peaks.items())]


def notes_lines(weeks: int) -> int:
    """How many printed lines of notes fit beside `weeks` rows of the week table: about 26
    for four weeks (one page when notes are short, two at most), down to 10 for a year."""
    return max(10, 27 - weeks // 3)


def note_lines(text: str) -> int:
    return 1 + (NOTE_PREFIX + len(text)) // LINE_CHARS


def _notes(sessions: Sequence[Session], lines: int) -> tuple[tuple[Note, ...], int]:
    """The newest notes that fit in about `lines` printed lines, shown oldest first; and how
    many older ones were left out.

    Newest are kept because they matter most at the next appointment; they are listed
    oldest first so they read in the same order as the weeks. Runs of whitespace become one
    space, so a note cannot stretch the page with blank lines; the newest note is always
    kept (shortened to NOTE_MAX characters if a hand edit made it longer).
    """
    written = [s for s in sessions if s.note and s.note.strip()]
    kept: list[Note] = []
    used = 0
    for session in reversed(written):
        text = _shorten(" ".join((session.note or "").split()), NOTE_MAX)
        if kept and used + note_lines(text) > lines:
            break
        kept.append(Note(session.date, text))
        used += note_lines(text)
    return tuple(reversed(kept)), len(written) - len(kept)


# --- words both formats share ---------------------------------------------------------------


def _num(value: float | None) -> str:
    """One decimal at most, and none when it is zero: 4.75 → 4.8, 5.98 → 6; a dash for none."""
    return "\N{EN DASH}" if value is None else f"{round(value, 1):g}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _day(date: dt.date) -> str:
    return f"{date:%a} {date.day} {date:%b %Y}"


def _date(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _short(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def period_text(report: Report) -> str:
    weeks = len(report.weeks)
    span = f"{_day(report.start)} to {_day(report.end)}, {_plural(weeks, 'week')}"
    if report.weeks and report.weeks[-1].in_progress:
        span += " (the last one so far)"
    return span


def direction_text(direction: str | None) -> str:
    return DIRECTION_TEXT[direction].format(
        half=stats.TREND_HALF, band=stats.STEADY_BAND, least=stats.TREND_MIN_DAYS
    )


def change_text(report: Report) -> str:
    change = report.average_change
    if change is None:
        return "no session has both a before and an after score"
    over = f"on average ({_plural(report.changes_counted, 'session')} with both scores)"
    if change == 0:
        return f"the same after a session as before, {over}"
    size = _num(abs(change))
    points = f"{size} point" if size == "1" else f"{size} points"
    return f"{points} {'lower' if change < 0 else 'higher'} after a session than before, {over}"


def summary(report: Report) -> list[tuple[str, str]]:
    """The headline figures as (label, value) pairs, in the order both formats show them."""
    totals, goal = report.totals, report.goal
    pain = (
        f"{_num(totals.pain_before)} before, {_num(totals.pain_after)} after "
        "(mean of the scores given, 0 to 10)"
        if totals.pain_before is not None or totals.pain_after is not None
        else "no pain scores logged"
    )
    flares = (
        _plural(report.flare_day_count, "day") + f" with a pain score of {FLARE_PAIN} or more"
        if report.flare_day_count
        else f"no day with a pain score of {FLARE_PAIN} or more"
    )
    return [
        (
            "Activity",
            f"{_plural(totals.sessions, 'session')} on {_plural(totals.active_days, 'day')}, "
            f"{totals.minutes} minutes in all",
        ),
        (
            "Weekly goal",
            f"{goal.days} active days and {goal.minutes} minutes; met in "
            f"{report.weeks_goal_met} of {len(report.weeks)} weeks",
        ),
        ("Pain", pain),
        ("Pain change", change_text(report)),
        ("Direction", direction_text(report.direction)),
        ("Flare days", flares),
    ]


def week_label(row: WeekRow) -> str:
    return _day(row.week.start) + (" (so far)" if row.in_progress else "")


WEEK_COLUMNS = (
    "Week from",
    "Sessions",
    "Active days",
    "Minutes",
    "Goal met",
    "Pain before",
    "Pain after",
    "Flare days",
)


def week_cells(row: WeekRow) -> list[str]:
    week = row.week
    return [
        week_label(row),
        str(week.sessions),
        str(week.active_days),
        str(week.minutes),
        "yes" if row.goal_met else "no",
        _num(week.pain_before),
        _num(week.pain_after),
        str(row.flare_days),
    ]


def footer_text(report: Report) -> str:
    return f"Made with movecoach {__version__} on {_day(report.made_on)} from the user's own log."


def notes_left_out_text(report: Report) -> str:
    return (
        f"{_plural(report.notes_left_out, 'older note')} left out to keep this short; "
        "every note is in the user's log."
    )


def flares_left_out_text(report: Report) -> str:
    earlier = report.flare_day_count - len(report.flare_days)
    return f"and {_plural(earlier, 'earlier day')} (each week's count is in the table)."


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = set("\\`*_[]<>|~&#")


def md_escape(text: str) -> str:
    """User text as literal Markdown: no HTML, links, emphasis or table breaks."""
    return "".join(f"\\{ch}" if ch in _MD_SPECIAL else ch for ch in text)


def to_markdown(report: Report) -> str:
    """Plain CommonMark with one GitHub-style table; it reads well as raw text too."""
    lines = [
        "# Activity and back pain summary",
        "",
        f"{period_text(report)}.",
        "",
        f"> {CAVEAT}",
        "",
        "## Summary",
        "",
    ]
    lines += [f"- **{label}:** {md_escape(value)}" for label, value in summary(report)]
    lines += ["", "## Weeks", ""]
    lines.append("| " + " | ".join(WEEK_COLUMNS) + " |")
    lines.append("|" + "|".join([":---"] + ["---:"] * (len(WEEK_COLUMNS) - 1)) + "|")
    lines += ["| " + " | ".join(week_cells(row)) + " |" for row in report.weeks]
    lines += ["", "## Exercises done most often", ""]
    if report.top_exercises:
        lines += [
            f"{rank}. {md_escape(item.name)}: {_plural(item.sessions, 'session')}"
            for rank, item in enumerate(report.top_exercises, start=1)
        ]
        if report.exercise_kinds > len(report.top_exercises):
            lines += ["", f"{report.exercise_kinds} different exercises in all."]
    else:
        lines.append("No exercises were named in the sessions of this period.")
    lines += ["", f"## Flare days (pain {FLARE_PAIN} or more)", ""]
    if report.flare_days:
        lines += [f"- {_day(f.date)}: highest pain {f.pain}" for f in report.flare_days]
        if report.flare_day_count > len(report.flare_days):
            lines.append(f"- {flares_left_out_text(report)}")
    else:
        lines.append("None in this period.")
    lines += ["", "## Notes", ""]
    if report.notes:
        if report.notes_left_out:
            lines += [notes_left_out_text(report), ""]
        lines += [f"- {_day(n.date)}: {md_escape(n.text)}" for n in report.notes]
    else:
        lines.append("No notes in this period.")
    lines += ["", "---", "", footer_text(report), ""]
    return "\n".join(lines)


# --- HTML -----------------------------------------------------------------------------------

CSS = """\
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html { color: #1a1a1a; background: #fff; }
body {
  font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 10pt; line-height: 1.35; max-width: 182mm; margin: 0 auto; padding: 10mm 0;
}
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 15pt; margin: 0; }
h2 {
  font-size: 11pt; margin: 4mm 0 1.5mm; padding-bottom: 0.5mm;
  border-bottom: 0.3mm solid #999; break-after: avoid;
}
p { margin: 1mm 0; }
.period { color: #444; }
.caveat {
  margin: 2mm 0 3mm; padding: 1.5mm 3mm; border-left: 1mm solid #777;
  background: #f1f1f1; font-size: 9pt; print-color-adjust: exact;
  -webkit-print-color-adjust: exact;
}
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.6mm 4mm; margin: 0; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
figure { margin: 3mm 0 0; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #444; }
table {
  width: 100%; border-collapse: collapse; font-size: 8.5pt; line-height: 1.15;
  font-variant-numeric: tabular-nums;
}
thead { display: table-header-group; }
th, td { padding: 0.2mm 1.5mm; border-bottom: 0.2mm solid #bbb; text-align: right; }
thead th { font-weight: 600; border-bottom: 0.4mm solid #777; vertical-align: bottom; }
tbody th { font-weight: normal; }
th:first-child, td:first-child { text-align: left; white-space: nowrap; }
tr { break-inside: avoid; }
.columns { display: flex; gap: 8mm; }
.columns > section { flex: 1; min-width: 0; }
ol, ul { margin: 0; padding-left: 5mm; }
li { break-inside: avoid; }
.notes { font-size: 9pt; }
.notes li { margin-bottom: 0.6mm; overflow-wrap: anywhere; }
ul.flares { padding: 0; list-style: none; }
ul.flares li { display: inline; white-space: nowrap; }
ul.flares li:not(:last-child)::after { content: "\\00a0· "; white-space: normal; }
.muted { color: #555; font-size: 9pt; }
footer { margin-top: 4mm; font-size: 8.5pt; color: #555; }
"""

# The policy forbids scripts and every fetch, so even a bug in escaping could not run code.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def to_html(report: Report) -> str:
    """One self-contained page that prints on A4; every user string is escaped."""
    e = html.escape
    title = f"Activity and back pain summary, {_day(report.start)} to {_day(report.end)}"
    out = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Activity and back pain summary</h1>",
        f'<p class="period">{e(period_text(report))}</p>',
        f'<p class="caveat">{e(CAVEAT)}</p>',
        "</header>",
        '<dl class="summary">',
    ]
    for label, value in summary(report):
        out.append(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>")
    out += ["</dl>", "<figure>", chart_svg(report)]
    out.append(
        "<figcaption>Bars: minutes each week; dashed line: the weekly goal; dots and squares: "
        "mean pain before and after sessions (right axis, 0 to 10).</figcaption>"
    )
    out += ["</figure>", "<h2>Weeks</h2>", "<table>", "<thead><tr>"]
    out += [f'<th scope="col">{e(name)}</th>' for name in WEEK_COLUMNS]
    out += ["</tr></thead>", "<tbody>"]
    for row in report.weeks:
        cells = week_cells(row)
        out.append(
            f'<tr><th scope="row">{e(cells[0])}</th>'
            + "".join(f"<td>{e(cell)}</td>" for cell in cells[1:])
            + "</tr>"
        )
    out += ["</tbody>", "</table>", '<div class="columns">', "<section>"]
    out.append("<h2>Exercises done most often</h2>")
    if report.top_exercises:
        out.append("<ol>")
        out += [
            f"<li>{e(item.name)}: {_plural(item.sessions, 'session')}</li>"
            for item in report.top_exercises
        ]
        out.append("</ol>")
        if report.exercise_kinds > len(report.top_exercises):
            out.append(f'<p class="muted">{report.exercise_kinds} different exercises in all.</p>')
    else:
        out.append('<p class="muted">No exercises were named in the sessions of this period.</p>')
    out += ["</section>", "<section>", f"<h2>Flare days (pain {FLARE_PAIN} or more)</h2>"]
    if report.flare_days:
        out.append('<p class="muted">The highest pain logged each day.</p>')
        out.append('<ul class="flares">')
        out += [
            f'<li><time datetime="{f.date.isoformat()}">{e(_date(f.date))}</time>: {f.pain}</li>'
            for f in report.flare_days
        ]
        out.append("</ul>")
        if report.flare_day_count > len(report.flare_days):
            out.append(f'<p class="muted">{e(flares_left_out_text(report))}</p>')
    else:
        out.append('<p class="muted">None in this period.</p>')
    out += ["</section>", "</div>", "<h2>Notes</h2>"]
    if report.notes:
        if report.notes_left_out:
            out.append(f'<p class="muted">{e(notes_left_out_text(report))}</p>')
        out.append('<ul class="notes">')
        out += [
            f'<li><time datetime="{n.date.isoformat()}">{e(_day(n.date))}</time>: {e(n.text)}</li>'
            for n in report.notes
        ]
        out.append("</ul>")
    else:
        out.append('<p class="muted">No notes in this period.</p>')
    out += [f"<footer>{e(footer_text(report))}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


# --- the chart ------------------------------------------------------------------------------

WIDTH, HEIGHT = 700, 196
LEFT, RIGHT, TOP, BOTTOM = 46, 664, 28, 166  # the plot area inside the view box
BAR = "#9dc3e6"
BEFORE = "#a33b2b"
AFTER = "#2d6a9f"


def _nice_ceiling(value: float) -> int:
    """A round top for the minutes axis: 50, 100, 150 … or 100s above 500."""
    step = 50 if value <= 500 else 100
    return max(step, math.ceil(value / step) * step)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class _Scale:
    """Where a week and a value land in the chart's view box."""

    weeks: int
    top_minutes: int

    @property
    def slot(self) -> float:
        return (RIGHT - LEFT) / max(1, self.weeks)

    def x(self, index: int) -> float:
        return LEFT + self.slot * (index + 0.5)

    def minutes(self, value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * value / self.top_minutes

    def pain(self, value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * value / 10


def chart_svg(report: Report) -> str:
    """Weekly minutes as bars against the goal, with mean pain before and after as lines."""
    rows = report.weeks
    top = _nice_ceiling(max([r.week.minutes for r in rows] + [report.goal.minutes]) * 1.1)
    scale = _Scale(len(rows), top)
    label = (
        f"Chart of {_plural(len(rows), 'week')}: minutes of activity each week against a "
        f"goal of {report.goal.minutes}, and mean pain before and after sessions."
    )
    before = [r.week.pain_before for r in rows]
    after = [r.week.pain_after for r in rows]
    return "\n".join(
        [
            f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" '
            'font-family="system-ui, sans-serif" font-size="11">',
            f'<title id="chart-title">{html.escape(label)}</title>',
            *_axes(scale),
            *_bars(rows, scale),
            *_goal_line(report.goal.minutes, scale),
            *_pain_line(before, scale, BEFORE, "", square=False),
            *_pain_line(after, scale, AFTER, ' stroke-dasharray="5 3"', square=True),
            _legend(report.goal.minutes),
            "</svg>",
        ]
    )


def _axes(scale: _Scale) -> list[str]:
    out = []
    for value in (0, scale.top_minutes // 2, scale.top_minutes):
        y = _f(scale.minutes(value))
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y}" dy="4" text-anchor="end">{value}</text>')
    for value in (0, 5, 10):
        y = _f(scale.pain(value))
        out.append(f'<text x="{RIGHT + 6}" y="{y}" dy="4" fill="{BEFORE}">{value}</text>')
    out.append(f'<text x="{LEFT - 6}" y="{TOP - 12}" text-anchor="end">min</text>')
    out.append(f'<text x="{RIGHT + 6}" y="{TOP - 12}" fill="{BEFORE}">pain</text>')
    return out


def _bars(rows: Sequence[WeekRow], scale: _Scale) -> list[str]:
    out = []
    width = min(scale.slot * 0.6, 60)
    every = math.ceil(len(rows) / 13)  # at most 13 date labels, so they never overlap
    for index, row in enumerate(rows):
        week = row.week
        x, y = scale.x(index) - width / 2, scale.minutes(week.minutes)
        tip = html.escape(f"Week from {_day(week.start)}: {week.minutes} minutes")
        out.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(width)}" height="{_f(BOTTOM - y)}" '
            f'fill="{BAR}"><title>{tip}</title></rect>'
        )
        if (len(rows) - 1 - index) % every == 0:  # always label the current week
            out.append(
                f'<text x="{_f(scale.x(index))}" y="{BOTTOM + 15}" text-anchor="middle">'
                f"{html.escape(_short(week.start))}</text>"
            )
    out.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="#555"/>')
    return out


def _goal_line(minutes: int, scale: _Scale) -> list[str]:
    y = _f(scale.minutes(minutes))
    return [
        f'<line x1="{LEFT}" y1="{y}" x2="{RIGHT}" y2="{y}" stroke="#333" '
        'stroke-width="1.5" stroke-dasharray="6 4"/>'
    ]


def _pain_line(
    values: Sequence[float | None], scale: _Scale, colour: str, dash: str, *, square: bool
) -> list[str]:
    """A marker for each week with a score, joined by a line across consecutive weeks."""
    points: list[tuple[float, float]] = []
    runs: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            runs.append([])
            continue
        point = (scale.x(index), scale.pain(value))
        runs[-1].append(point)
        points.append(point)
    out = [
        f'<polyline points="{" ".join(f"{_f(x)},{_f(y)}" for x, y in run)}" fill="none" '
        f'stroke="{colour}" stroke-width="1.8"{dash}/>'
        for run in runs
        if len(run) > 1
    ]
    for x, y in points:
        if square:
            out.append(
                f'<rect x="{_f(x - 3.5)}" y="{_f(y - 3.5)}" width="7" height="7" fill="{colour}"/>'
            )
        else:
            out.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4" fill="{colour}"/>')
    return out


def _legend(goal_minutes: int) -> str:
    y = 10
    return "\n".join(
        [
            f'<g font-size="10.5" transform="translate({LEFT + 4} {y})">',
            f'<rect x="0" y="-7" width="12" height="9" fill="{BAR}"/>',
            '<text x="16" y="1">minutes</text>',
            '<line x1="80" y1="-3" x2="104" y2="-3" stroke="#333" stroke-width="1.5" '
            'stroke-dasharray="6 4"/>',
            f'<text x="108" y="1">goal, {goal_minutes} min</text>',
            f'<circle cx="210" cy="-3" r="4" fill="{BEFORE}"/>',
            '<text x="218" y="1">pain before</text>',
            f'<rect x="300" y="-6.5" width="7" height="7" fill="{AFTER}"/>',
            '<text x="312" y="1">pain after</text>',
            "</g>",
        ]
    )
