"""The report as Markdown: CommonMark with one GitHub-style table, readable as raw text too.

Every string a user wrote (notes, unknown exercise ids) is escaped, so a note cannot add HTML,
links, emphasis or break the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from movecoach.core.report import Report
from movecoach.ui.report_text import (
    ACTIVE_EXPLAINED,
    CAVEAT,
    CHECKINS_HEADING,
    CHECKINS_SCALE,
    EXERCISES_HEADING,
    FLARES_EXPLAINED,
    FLARES_HEADING,
    NO_CHECKINS,
    NO_EXERCISES,
    NO_FLARES,
    NO_NOTES,
    NOTES_HEADING,
    REVIEW_HEADING,
    SAFETY_HEADING,
    TITLE,
    WEEK_COLUMNS,
    WEEKS_HEADING,
    checkin_rows,
    day_text,
    flare_text,
    flares_left_out_text,
    footer_text,
    kinds_text,
    notes_left_out_text,
    period_text,
    plural,
    review_label,
    review_text,
    safety_paragraphs,
    summary,
    week_cells,
)
from movecoach.ui.text import visible

_MD_SPECIAL = set("\\`*_[]<>|~&#")


def md_escape(text: str) -> str:
    """User text as literal Markdown: no HTML, links, emphasis or table breaks, and no
    control characters (made visible)."""
    return "".join(f"\\{ch}" if ch in _MD_SPECIAL else ch for ch in visible(text))


def to_markdown(report: Report, country: str | None = None) -> str:
    """Plain CommonMark with one GitHub-style table; it reads well as raw text too. The
    warning signs close it, with the emergency number for `country`."""
    lines = [f"# {TITLE}", "", f"{period_text(report)}.", "", f"> {CAVEAT}"]
    sections = [
        ("Summary", _summary(report)),
        (WEEKS_HEADING, _week_table(report)),
        (CHECKINS_HEADING, _checkins(report)),
        (EXERCISES_HEADING, _exercises(report)),
        (FLARES_HEADING, _flares(report)),
        (NOTES_HEADING, _notes(report)),
        (SAFETY_HEADING, _safety(country)),
    ]
    for heading, body in sections:
        lines += ["", f"## {heading}", "", *body]
    lines += ["", "---", "", footer_text(report), ""]
    return "\n".join(lines)


def _summary(report: Report) -> list[str]:
    """The headline figures; the 6-week rule's line first, when it holds."""
    lines = [f"- **{label}:** {md_escape(value)}" for label, value in summary(report)]
    review = review_text(report)
    if review is not None:
        lines.insert(0, f"- **{REVIEW_HEADING}:** **{review_label()}** {md_escape(review)}")
    return lines


def _table_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _week_table(report: Report) -> list[str]:
    """The first column left-aligned, the figures right-aligned so their digits line up."""
    return [
        _table_row(WEEK_COLUMNS),
        "|" + "|".join([":---"] + ["---:"] * (len(WEEK_COLUMNS) - 1)) + "|",
        *(_table_row(week_cells(row)) for row in report.weeks),
        "",
        ACTIVE_EXPLAINED,
    ]


def _checkins(report: Report) -> list[str]:
    if not report.checkins:
        return [NO_CHECKINS]
    return [
        f"Activities the user finds hard, scored on the {CHECKINS_SCALE}.",
        "",
        *(
            f"- **{md_escape(name)}:** {md_escape(scores)}; {md_escape(change)}"
            for name, scores, change in checkin_rows(report)
        ),
    ]


def _exercises(report: Report) -> list[str]:
    if not report.top_exercises:
        return [NO_EXERCISES]
    lines = [
        f"{rank}. {md_escape(item.name)}: {plural(item.sessions, 'session')}"
        for rank, item in enumerate(report.top_exercises, start=1)
    ]
    if report.exercise_kinds > len(report.top_exercises):
        lines += ["", kinds_text(report)]
    return lines


def _flares(report: Report) -> list[str]:
    if not report.flare_days:
        return [NO_FLARES]
    lines = [FLARES_EXPLAINED, ""]
    lines += [f"- {day_text(f.date)}: {flare_text(f)}" for f in report.flare_days]
    if report.flare_day_count > len(report.flare_days):
        lines.append(f"- {flares_left_out_text(report)}")
    return lines


def _notes(report: Report) -> list[str]:
    if not report.notes:
        return [NO_NOTES]
    lines = [notes_left_out_text(report), ""] if report.notes_left_out else []
    return lines + [f"- {day_text(n.date)}: {md_escape(n.text)}" for n in report.notes]


def _safety(country: str | None) -> list[str]:
    emergency, urgent = safety_paragraphs(country)
    return [md_escape(emergency), "", md_escape(urgent)]
