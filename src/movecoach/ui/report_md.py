"""The report as Markdown: CommonMark with one GitHub-style table, readable as raw text too.

Every string a user wrote (notes, unknown exercise ids) is escaped, so a note cannot add HTML,
links, emphasis or break the table.
"""

from __future__ import annotations

from movecoach.core.report import FLARE_PAIN, Report
from movecoach.ui.report_text import (
    CAVEAT,
    WEEK_COLUMNS,
    day_text,
    flares_left_out_text,
    footer_text,
    notes_left_out_text,
    period_text,
    plural,
    summary,
    week_cells,
)

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
            f"{rank}. {md_escape(item.name)}: {plural(item.sessions, 'session')}"
            for rank, item in enumerate(report.top_exercises, start=1)
        ]
        if report.exercise_kinds > len(report.top_exercises):
            lines += ["", f"{report.exercise_kinds} different exercises in all."]
    else:
        lines.append("No exercises were named in the sessions of this period.")
    lines += ["", f"## Flare days (pain {FLARE_PAIN} or more)", ""]
    if report.flare_days:
        lines += [f"- {day_text(f.date)}: highest pain {f.pain}" for f in report.flare_days]
        if report.flare_day_count > len(report.flare_days):
            lines.append(f"- {flares_left_out_text(report)}")
    else:
        lines.append("None in this period.")
    lines += ["", "## Notes", ""]
    if report.notes:
        if report.notes_left_out:
            lines += [notes_left_out_text(report), ""]
        lines += [f"- {day_text(n.date)}: {md_escape(n.text)}" for n in report.notes]
    else:
        lines.append("No notes in this period.")
    lines += ["", "---", "", footer_text(report), ""]
    return "\n".join(lines)
