"""The report as one self-contained HTML page that prints on A4.

Inline CSS and an inline SVG chart, no script and nothing to fetch; a Content-Security-Policy
forbids both should escaping ever fail. Every string a user wrote is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

from movecoach.core.report import Report, WeekRow
from movecoach.ui.report_text import (
    CAVEAT,
    CHECKINS_LABEL,
    CHECKINS_SCALE_SHORT,
    EXERCISES_HEADING,
    FLARES_HEADING,
    FLARES_IN_BRACKETS,
    NO_CHECKINS,
    NO_EXERCISES,
    NO_FLARES,
    NO_NOTES,
    NOTES_HEADING,
    REVIEW_HEADING,
    TITLE,
    WEEK_COLUMNS,
    WEEKS_HEADING,
    WEEKS_LEGEND,
    checkin_rows,
    date_text,
    day_text,
    flare_brief,
    flares_left_out_text,
    footer_text,
    kinds_text,
    notes_left_out_text,
    period_text,
    plural,
    review_label,
    review_text,
    safety_paragraphs,
    short_date,
    summary,
    week_cells,
)
from movecoach.ui.text import visible


def escape(text: str) -> str:
    """User text as inert HTML: markup escaped, control characters made visible."""
    return html.escape(visible(text))


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
  font-size: 11pt; margin: 3.5mm 0 1.5mm; padding-bottom: 0.5mm;
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
h2 .legend { color: #555; font-size: 8pt; font-weight: normal; margin-left: 2mm; }
dl.summary dt.review, dl.summary dd.review { color: #8a4b00; }
dl.summary dd.review { font-size: 9.5pt; }
dl.summary .scale { color: #555; font-size: 8pt; font-weight: normal; line-height: 1.2; }
dd.checkins ul { padding: 0; list-style: none; font-size: 9pt; }
footer { margin-top: 4mm; font-size: 8.5pt; color: #555; }
.safety { margin-top: 3mm; border-top: 0.3mm solid #999; }
.safety p { font-size: 8pt; line-height: 1.2; margin: 0.8mm 0 0; }
"""

# The policy forbids scripts and every fetch, so even a bug in escaping could not run code.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


CAPTION = (
    "Bars: active minutes each week (sessions of relaxation alone left out); dashed line: "
    "the weekly goal; dots and squares: mean pain before and after sessions (right axis, "
    "0 to 10)."
)


def to_html(report: Report, country: str | None = None) -> str:
    """One self-contained page that prints on A4; every user string is escaped. The warning
    signs close it, with the emergency number for `country`."""
    return "\n".join(
        [
            *_head(report),
            "<body>",
            *_header(report),
            *_summary(report),
            *_figure(report),
            *_week_table(report),
            '<div class="columns">',
            *_section(EXERCISES_HEADING, _exercises(report)),
            *_section(FLARES_HEADING, _flares(report)),
            "</div>",
            f"<h2>{escape(NOTES_HEADING)}</h2>",
            *_notes(report),
            *_safety(country),
            f"<footer>{escape(footer_text(report))}</footer>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _head(report: Report) -> list[str]:
    title = f"{TITLE}, {day_text(report.start)} to {day_text(report.end)}"
    return [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
    ]


def _header(report: Report) -> list[str]:
    return [
        "<header>",
        f"<h1>{escape(TITLE)}</h1>",
        f'<p class="period">{escape(period_text(report))}</p>',
        f'<p class="caveat">{escape(CAVEAT)}</p>',
        "</header>",
    ]


def _summary(report: Report) -> list[str]:
    """The headline figures: the 6-week rule's line first, when it holds, and each tracked
    activity's check-in scores last (a line each, so the page count holds)."""
    pairs = summary(report)
    items = [f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in pairs]
    review = review_text(report)
    if review is not None:
        items.insert(
            0,
            f'<dt class="review">{escape(REVIEW_HEADING)}</dt>'
            f'<dd class="review"><strong>{escape(review_label())}</strong> {escape(review)}</dd>',
        )
    return ['<dl class="summary">', *items, *_checkins(report), "</dl>"]


def _checkins(report: Report) -> list[str]:
    """A line a tracked activity: its scores over time and the change since the first."""
    if not report.checkins:
        return [f"<dt>{escape(CHECKINS_LABEL)}</dt><dd>{escape(NO_CHECKINS)}</dd>"]
    scale = "<br>".join(escape(line) for line in CHECKINS_SCALE_SHORT)
    lines = [
        f"<li><strong>{escape(name)}</strong>: {escape(scores)}; {escape(change)}</li>"
        for name, scores, change in checkin_rows(report)
    ]
    return [
        f'<dt>{escape(CHECKINS_LABEL)}<br><span class="scale">{scale}</span></dt>',
        '<dd class="checkins"><ul>',
        *lines,
        "</ul></dd>",
    ]


def _figure(report: Report) -> list[str]:
    caption = f"<figcaption>{escape(CAPTION)}</figcaption>"
    return ["<figure>", chart_svg(report), caption, "</figure>"]


def _week_table(report: Report) -> list[str]:
    """Each week's label is a row header, so a screen reader names the week for every figure."""
    return [
        f'<h2>{escape(WEEKS_HEADING)} <span class="legend">{escape(WEEKS_LEGEND)}</span></h2>',
        "<table>",
        "<thead><tr>",
        *(f'<th scope="col">{escape(name)}</th>' for name in WEEK_COLUMNS),
        "</tr></thead>",
        "<tbody>",
        *(_week_row(week_cells(row)) for row in report.weeks),
        "</tbody>",
        "</table>",
    ]


def _week_row(cells: Sequence[str]) -> str:
    label, *figures = cells
    return (
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in figures)
        + "</tr>"
    )


def _section(heading: str, body: list[str]) -> list[str]:
    return ["<section>", f"<h2>{escape(heading)}</h2>", *body, "</section>"]


def _muted(text: str) -> str:
    return f'<p class="muted">{escape(text)}</p>'


def _exercises(report: Report) -> list[str]:
    if not report.top_exercises:
        return [_muted(NO_EXERCISES)]
    items = [
        f"<li>{escape(item.name)}: {plural(item.sessions, 'session')}</li>"
        for item in report.top_exercises
    ]
    out = ["<ol>", *items, "</ol>"]
    if report.exercise_kinds > len(report.top_exercises):
        out.append(_muted(kinds_text(report)))
    return out


def _flares(report: Report) -> list[str]:
    """Flare days run inline, so up to FLARE_DAYS_LISTED of them take a few lines, not a page."""
    if not report.flare_days:
        return [_muted(NO_FLARES)]
    items = [
        f"<li>{_time(f.date, date_text(f.date))}: {escape(flare_brief(f))}</li>"
        for f in report.flare_days
    ]
    out = [_muted(FLARES_IN_BRACKETS), '<ul class="flares">', *items, "</ul>"]
    if report.flare_day_count > len(report.flare_days):
        out.append(_muted(flares_left_out_text(report)))
    return out


def _notes(report: Report) -> list[str]:
    if not report.notes:
        return [_muted(NO_NOTES)]
    items = [f"<li>{_time(n.date, day_text(n.date))}: {escape(n.text)}</li>" for n in report.notes]
    out = [_muted(notes_left_out_text(report))] if report.notes_left_out else []
    return [*out, '<ul class="notes">', *items, "</ul>"]


def _safety(country: str | None) -> list[str]:
    """Not a section: two small paragraphs above the footer, so the page count holds."""
    emergency, urgent = safety_paragraphs(country)
    return [
        '<aside class="safety">',
        f"<p>{escape(emergency)}</p>",
        f"<p>{escape(urgent)}</p>",
        "</aside>",
    ]


def _time(date: dt.date, text: str) -> str:
    """A date a reader sees as `text` and a machine reads as ISO."""
    return f'<time datetime="{date.isoformat()}">{escape(text)}</time>'


# --- the chart ------------------------------------------------------------------------------

WIDTH, HEIGHT = 700, 156
LEFT, RIGHT, TOP, BOTTOM = 46, 664, 28, 126  # the plot area inside the view box
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
    top = _nice_ceiling(max([r.week.active_minutes for r in rows] + [report.goal.minutes]) * 1.1)
    scale = _Scale(len(rows), top)
    label = (
        f"Chart of {plural(len(rows), 'week')}: active minutes each week against a "
        f"goal of {report.goal.minutes}, and mean pain before and after sessions."
    )
    before = [r.week.pain_before for r in rows]
    after = [r.week.pain_after for r in rows]
    return "\n".join(
        [
            f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title" '
            'font-family="system-ui, sans-serif" font-size="11">',
            f'<title id="chart-title">{escape(label)}</title>',
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
        x, y = scale.x(index) - width / 2, scale.minutes(week.active_minutes)
        tip = escape(f"Week from {day_text(week.start)}: {week.active_minutes} active minutes")
        out.append(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(width)}" height="{_f(BOTTOM - y)}" '
            f'fill="{BAR}"><title>{tip}</title></rect>'
        )
        if (len(rows) - 1 - index) % every == 0:  # always label the current week
            out.append(
                f'<text x="{_f(scale.x(index))}" y="{BOTTOM + 15}" text-anchor="middle">'
                f"{escape(short_date(week.start))}</text>"
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
            '<text x="16" y="1">active min</text>',
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
