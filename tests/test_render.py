"""The Rich views (`ui.render`), printed to an 80-column console without colour: each test
reads the text a user sees for facts, not for box-drawing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from rich.console import Console, RenderableType

from movecoach.core import guide, safety, stats
from movecoach.core.models import Exercise, Plan, PlanItem, make_exercise, make_source
from movecoach.ui import render

from .factories import session

TODAY = dt.date(2026, 3, 10)  # a Tuesday


def shown(renderable: RenderableType, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def flat(renderable: RenderableType) -> str:
    """The text with lines and box edges joined, so a wrapped sentence reads whole."""
    return " ".join(shown(renderable).replace("│", " ").split())


def exercise(ident: str = "knee-rolls", **changes: Any) -> Exercise:
    table: dict[str, Any] = {
        "id": ident,
        "name": ident.replace("-", " ").capitalize(),
        "category": "mobility",
        "position": "lying",
        "equipment": [],
        "minutes": 2,
        "dose": "10 slow rolls",
        "max_pain": 7,
        "steps": ["Lie on your back.", "Roll your knees."],
        "caution": "Stay in a comfortable range.",
        "benefit": "Eases a stiff back.",
    }
    source = changes.pop("source", "bundled")
    table.update(changes)
    return make_exercise(table, source=source)


# --- plans and exercises -----------------------------------------------------------------------


def test_a_plan_shows_its_day_length_pain_exercises_notes_and_how_to_stop() -> None:
    walk = exercise("easy-walk", category="aerobic", position="standing", minutes=5, max_minutes=20)
    plan = Plan(
        TODAY,
        20,
        4,
        ("chair",),
        (PlanItem(exercise(), 2), PlanItem(walk, 12)),
        ("Holding at about 14 min.", "Pain is moderate today."),
    )
    text = flat(render.plan_view(plan))
    assert "Today's session, Tue 10 Mar 2026" in text
    assert "14 of 20 min · pain 4/10 · equipment: chair" in text
    assert "1. Knee rolls mobility · lying · 2 min" in text
    assert "2. Easy walk aerobic · standing · 12 min" in text
    assert "Dose: 12 min, 5 min walk" not in text
    assert "Dose: 12 min, 10 slow rolls" in text  # a scalable block says its length
    assert "1. Lie on your back. 2. Roll your knees." in text
    assert "Caution: Stay in a comfortable range." in text
    assert "Total: 14 min" in text
    assert "• Holding at about 14 min. • Pain is moderate today." in text
    assert " ".join(safety.HOW_TO_STOP.split()) in text
    assert "Stop safely" in text


def test_an_empty_plan_says_nothing_fits() -> None:
    text = flat(render.plan_view(Plan(TODAY, 5, None, (), ())))
    assert "0 of 5 min · pain not given · equipment: none" in text
    assert "Nothing in the catalogue fits these options today." in text
    assert "Total: 0 min" in text
    assert "•" not in text


def test_the_catalogue_lists_each_exercise_and_marks_the_users_own() -> None:
    mine = exercise("wall-sit", equipment=["wall"], source="/home/me/exercises.toml")
    text = shown(render.catalogue_table([exercise(), mine]))
    assert "2 exercises" in text
    lines = [line.strip() for line in text.splitlines()]
    assert "Knee rolls  knee-rolls" in lines
    assert "mobility · lying · equipment: none · 2 min · up to pain 7" in lines
    assert "Wall sit  wall-sit (yours)" in lines
    assert "mobility · lying · equipment: wall · 2 min · up to pain 7" in lines
    assert text.count("(yours)") == 1
    assert "`movecoach exercises ID` shows the steps of one exercise." in text


def test_one_exercise_in_full() -> None:
    text = flat(render.exercise_view(exercise(max_minutes=10, equipment=["chair", "band"]), {}))
    assert text.startswith("Knee rolls id knee-rolls category mobility position lying")
    assert "equipment chair, band" in text
    assert "time 2-10 min" in text
    assert "dose 10 slow rolls" in text
    assert "suggested up to pain 7/10" in text
    assert "why Eases a stiff back." in text
    assert "Steps 1. Lie on your back. 2. Roll your knees." in text
    assert "Caution: Stay in a comfortable range." in text
    assert "from" not in text.split("Steps")[0]
    assert "tags" not in text
    assert "Where this comes from" not in text
    fixed = flat(render.exercise_view(exercise(source="/mine.toml"), {}))
    assert "time 2 min" in fixed
    assert "from /mine.toml" in fixed


def test_an_exercise_shows_its_tags_and_sources_by_name() -> None:
    nhs = make_source(
        {
            "id": "nhs",
            "title": "Back pain",
            "publisher": "NHS",
            "url": "https://x.test",
            "year": 2023,
        }
    )
    text = flat(
        render.exercise_view(exercise(tags=["floor"], sources=["nhs", "gone"]), {"nhs": nhs})
    )
    assert "tags floor why" in text
    assert "Where this comes from 1. Back pain. NHS, 2023. https://x.test 2. gone" in text


def test_the_safety_view_has_every_section_and_sign() -> None:
    text = flat(render.safety_view())
    for item in safety.SECTIONS:
        assert item.title in text
        assert " ".join(item.action_for(safety.COMMON).split()) in text
        assert item.lead in text
        for sign in item.signs:
            assert f"• {sign}" in text
    assert text.endswith(" ".join(safety.NOT_A_DIAGNOSIS.split()))


# --- the log ----------------------------------------------------------------------------------


def test_sessions_show_day_time_minutes_pain_moves_note_and_id() -> None:
    rows = [
        session(
            "2026-03-10",
            25,
            id="abc123",
            time=dt.time(7, 5),
            pain_before=5,
            pain_after=3,
            exercises=("a", "b"),
            note="stiff\nthen fine",
        ),
        session("2026-03-09", 10, id="def456"),
    ]
    text = shown(render.sessions_table(rows, {}))
    assert "2 sessions, newest first" in text
    lines = [line.split() for line in text.splitlines()]
    assert [
        "2026-03-10",
        "07:05",
        "25",
        "5",
        "→",
        "3",
        "2",
        "stiff␊then",
        "fine",
        "abc123",
    ] in lines
    assert ["2026-03-09", "10", "0", "def456"] in lines


def test_no_sessions_says_how_to_log_the_first() -> None:
    assert "No sessions logged yet." in shown(render.sessions_table([], {}))
    assert shown(render.sessions_table([], {}, filtered=True)) == "No sessions match.\n"


# --- insights -----------------------------------------------------------------------------------


def streak_of(**values: Any) -> stats.Streak:
    base: dict[str, Any] = {
        "current": 3,
        "longest": 7,
        "today_done": True,
        "last_session": TODAY,
        "days_since_last": 0,
    }
    base.update(values)
    return stats.Streak(**base)


def test_a_streak_with_today_done() -> None:
    text = shown(render.streak_view(streak_of()))
    assert "Current streak: 3 days\nToday is done.\n" in text
    assert "Longest streak: 7 days" in text
    assert "Last session: Tue 10 Mar 2026 (today)" in text


@pytest.mark.parametrize(
    ("since", "when", "current", "hint"),
    [
        (1, "yesterday", 1, "Log a session today to keep it going."),
        (4, "4 days ago", 0, None),
    ],
)
def test_a_streak_still_open_today(since: int, when: str, current: int, hint: str | None) -> None:
    last = TODAY - dt.timedelta(days=since)
    figures = streak_of(current=current, today_done=False, last_session=last, days_since_last=since)
    text = shown(render.streak_view(figures))
    assert f"Current streak: {render._days(current)}" in text
    assert f"Last session: {last:%a %d %b %Y} ({when})" in text
    assert (hint in text) if hint else ("today" not in text.split("\n")[0])


def test_no_streak_without_sessions() -> None:
    figures = streak_of(current=0, longest=0, today_done=False, last_session=None)
    text = shown(render.streak_view(figures))
    assert "Current streak: 0 days\n" in text
    assert "No sessions logged yet." in text


def week(start: dt.date, minutes: int, days: int = 1, **pain: float | None) -> stats.Week:
    before, after = pain.get("before"), pain.get("after")
    return stats.Week(start, days, days, minutes, before, after, active_minutes=minutes)


def weeks_view(weeks: list[stats.Week], streak: stats.Streak, goal: stats.Goal) -> Any:
    progress = stats.GoalProgress(goal, weeks[-1])
    return stats.WeeksView(weeks, streak, goal, progress, weeks[0].start, TODAY)


def test_history_has_a_row_a_week_with_a_bar_and_the_goal() -> None:
    weeks = [
        week(dt.date(2026, 2, 23), 150, 5, before=4.5, after=3),
        week(dt.date(2026, 3, 2), 0, 0),
        week(dt.date(2026, 3, 9), 75, 2),
    ]
    view = weeks_view(weeks, streak_of(current=2), stats.Goal(days=5, minutes=150))
    text = shown(render.history_view(view), width=100)  # the bars need more than 80 columns
    assert "Weeks from Mon 23 Feb 2026 to Tue 10 Mar 2026" in text
    lines = [line.replace("│", " ").split() for line in text.splitlines()]
    assert ["23", "Feb", "2026", "5", "5", "150", "150", "0", "█" * 20, "4.5", "→", "3"] in lines
    assert ["02", "Mar", "2026", "0", "0", "0", "0", "0"] in lines
    assert ["09", "Mar", "2026", "2", "2", "75", "75", "0", "█" * 10] in lines
    assert "This week: 2 of 5 days · 75 of 150 active min · 0 of 2 strength days" in text
    assert "goal met" not in text
    assert "Goal: 5 active days and 150 active minutes a week, and strengthening on 2 days." in (
        " ".join(text.split())
    )


def test_a_week_that_met_the_goal_says_so() -> None:
    view = weeks_view([week(dt.date(2026, 3, 9), 60, 3)], streak_of(), stats.Goal(3, 60, 0))
    assert "This week: 3 of 3 days · 60 of 60 active min  goal met" in shown(
        render.history_view(view)
    )


def trend_of(befores: list[float | None], change: float | None, direction: str | None) -> Any:
    days = [
        stats.PainDay(TODAY - dt.timedelta(days=len(befores) - 1 - n), value, None)
        for n, value in enumerate(befores)
    ]
    return stats.Trend(days, change, direction, change=-3.0, window=len(days))


def test_the_trend_draws_a_block_a_day_and_says_the_direction() -> None:
    befores: list[float | None] = [0, 10, None, 5, 5, 5, 5]
    text = shown(render.trend_view(trend_of(befores, -1.5, "better")))
    assert "▁█·▅▅▅▅" in text
    assert "Wed 04 Mar" in text
    (row,) = [line for line in text.splitlines() if line.startswith("Wed 04 Mar")]
    assert row.split()[-2:] == ["5", "before"]  # the week's mean of the days with a score
    assert "On average your pain eases by 1.5 after a session." in text
    assert "Direction: better: your pain fell by about 3 points over these 7 days." in text


@pytest.mark.parametrize(("change", "effect"), [(2.0, "rises by 2"), (0.0, "stays the same by 0")])
def test_the_trend_says_how_a_session_moves_the_pain(change: float, effect: str) -> None:
    text = shown(render.trend_view(trend_of([3] * 7, change, "steady")))
    assert f"On average your pain {effect} after a session." in text


def test_a_trend_without_scores_says_what_to_log() -> None:
    text = shown(render.trend_view(trend_of([None] * 14, None, None)))
    assert "·······" in text
    assert "On average" not in text
    assert "Direction: not enough pain scores yet (log --pain-before)." in text


def test_the_calendar_shades_each_day_by_its_minutes() -> None:
    first = dt.date(2026, 2, 23)  # a Monday
    minutes = [0, 1, 14, 15, 29, 30, 44, 45, 90]
    cells = [stats.Day(first + dt.timedelta(days=n), int(m > 0), m) for n, m in enumerate(minutes)]
    text = shown(render.calendar_view(cells))
    lines = text.splitlines()
    assert lines[0] == "      Mar"  # a label needs 4 columns: February's gives way
    assert lines[1].startswith("Mon  ·█")  # 0 then 45 minutes: a column a week
    assert lines[2].startswith("Tue  ░█")
    assert lines[3] == "Wed  ░"  # later this week: nothing yet
    assert lines[4].startswith("Thu  ▒")
    assert lines[5].startswith("Fri  ▒")
    assert lines[6].startswith("Sat  ▓")
    assert lines[7].startswith("Sun  ▓")
    assert "8 active days in the last 2 weeks." in text


def test_month_labels_never_overlap_and_the_later_month_wins() -> None:
    assert render._month_labels(dt.date(2026, 1, 5), 9) == "Jan Feb Mar"
    assert render._month_labels(dt.date(2026, 1, 5), 5) == "Jan Feb"
    assert render._month_labels(dt.date(2026, 1, 19), 3) == "  Feb"  # Jan would run into it
    assert render._month_labels(dt.date(2026, 1, 26), 3) == " Feb"
    assert render._month_labels(dt.date(2026, 3, 2), 2) == "Mar"


def test_the_dashboard() -> None:
    progress = stats.GoalProgress(stats.Goal(5, 150), week(dt.date(2026, 3, 9), 20, 1))
    last = session("2026-03-10", 20, id="abc", pain_before=3, exercises=("knee-rolls",))
    board = stats.Dashboard(TODAY, True, 4, progress, last)
    text = shown(render.dashboard_view(board, {"knee-rolls": "Knee rolls"}))
    assert "movecoach · Tue 10 Mar 2026" in text
    assert "Today: done ✓" in text
    assert "Streak: 4 days" in text
    assert "This week: 1 of 5 days · 20 of 150 active min · 0 of 2 strength days" in text
    assert "Last session: Tue 10 Mar 2026 · 20 min · pain 3 before · Knee rolls" in text
    assert "movecoach today" in text
    empty = shown(render.dashboard_view(stats.Dashboard(TODAY, False, 0, progress, None), {}))
    assert "Today: nothing logged yet" in empty
    assert "Last session" not in empty


def test_the_settings_table_says_where_each_value_comes_from() -> None:
    rows = [
        {"key": "minutes", "shown": "25", "source": "file", "help": "Minutes.", "allowed": "5-90"},
        {"key": "device", "shown": "", "source": "default", "help": "Name.", "allowed": "a name"},
    ]
    text = shown(render.settings_table(rows, "/home/me/config.toml"))
    assert "Settings (/home/me/config.toml)" in text
    lines = [line.split() for line in text.splitlines()]
    assert ["minutes", "25", "file", "Minutes.", "(5-90)"] in lines
    assert ["device", "default", "Name.", "(a", "name)"] in lines
    assert "movecoach config set KEY VALUE" in text


# --- guided sessions ----------------------------------------------------------------------------


def timeline(*minutes: int, rest: int = 15) -> guide.Timeline:
    items = tuple(PlanItem(exercise(f"move-{n}"), m) for n, m in enumerate(minutes, 1))
    return guide.timeline(Plan(TODAY, 15, None, (), items), rest)


def test_the_intro_says_the_lengths_and_the_keys_only_on_a_terminal() -> None:
    line = timeline(2, 1)
    keyed = flat(render.guide_intro(line, interactive=True))
    assert "Guided session: 2 exercises, 3:00 of exercise and 0:15 of rest (3:15 in all)" in keyed
    assert "Keys: space pauses and resumes, n goes on to the next exercise, q stops." in keyed
    assert "Stop safely" in keyed
    plain = flat(render.guide_intro(timeline(1, rest=0), interactive=False))
    assert "Guided session: 1 exercise, 1:00 of exercise" in plain
    assert "rest" not in plain.split("Stop safely")[0]
    assert "Keys:" not in plain


def test_the_plain_player_prints_a_line_a_block() -> None:
    line = timeline(2, 1)
    started = guide.Change.STARTED

    def said(change: guide.Change, block: int, at: float, spent: float = 0.0) -> str | None:
        return render.event_line(line, guide.Event(change, block, at, spent))

    assert said(started, 0, 0) == "[0:00] Exercise 1 of 2: Move 1, 2:00."
    assert said(started, 1, 120) == "[2:00] Rest for 0:15. Next: Move 2."
    assert said(started, 2, 135.5) == "[2:15] Exercise 2 of 2: Move 2, 1:00."
    assert said(guide.Change.HALFWAY, 0, 60) == "[1:00] Halfway through Move 1: 1:00 left."
    assert said(guide.Change.MOVED_ON, 0, 30, 30) == "[0:30] Moved on from Move 1; its 0:30 count."
    assert said(guide.Change.MOVED_ON, 0, 0.5, 0.5) == "[0:00] Skipped Move 1."
    assert said(guide.Change.ENDED, 2, 195) is None  # the summary line says it


def test_the_summary_counts_done_partly_done_and_skipped() -> None:
    line = timeline(1, 1, 1, rest=0)
    state = guide.begin(line, 0).tick(60).skip(60.5).tick(90).stop(90)
    assert render.guide_summary(state) == (
        "[1:30] Stopped early: 1 of 3 exercises done, 1 stopped partway, 1 skipped."
    )
    over = guide.begin(timeline(1), 0).tick(120)
    assert render.guide_summary(over) == "[1:00] Session over: 1 of 1 exercise done."


def test_the_next_block_is_named_with_its_length_and_position() -> None:
    line = timeline(2, 1, rest=0)
    state = guide.begin(line, 0)
    assert "Next: 2. Move 2 (1 min, lying)." in flat(render.guide_screen(state))
    last = state.tick(125)
    assert "Next: the end of the session." in flat(render.guide_screen(last))
    paused = last.pause(126)
    assert "PAUSED (space to go on)" in flat(render.guide_screen(paused))
    assert shown(render.guide_screen(paused.stop(127))).strip() == ""


def test_ease_off_says_how_much_the_pain_rose_and_when_to_get_help() -> None:
    lines = render.pain_response_lines(guide.Verdict.EASE_OFF, (3, 7))
    assert lines[0] == "Pain rose 4 points (3 → 7): too much."
    assert lines[1:] == list(render.EASE_OFF)
    assert "`movecoach safety`" in " ".join(lines)
    both = render.pain_response_lines(guide.Verdict.EASE_OFF, (3, 5), (1, 2))
    assert both[0] == "Pain rose 2 points (3 → 5): too much."
    assert not both[1].startswith("Leg pain")  # a rise of 1 is no part of it
    one = render.pain_response_lines(guide.Verdict.ROSE_ONE, (3, 4))
    assert one == ["Pain rose 1 point (3 → 4).", render.ROSE_ONE]
    assert render.pain_response_lines(guide.Verdict.NO_RISE, (3, 3)) == [render.NO_RISE]


def test_bars_and_sparks_scale_with_the_value() -> None:
    assert render._bar(0, 100) == ""
    assert render._bar(50, 0) == ""
    assert render._bar(1, 1000) == "█"  # any minutes show
    assert render._bar(50, 100) == "█" * 10
    assert render._bar(300, 100, width=5) == "█" * 5
    assert render._spark([0, 1.4, 5, 10, None]) == "▁▂▅█·"
    assert render._progress(30, 60, width=10).plain == "█" * 5 + "░" * 5
    assert render._progress(5, 0, width=4).plain == "░" * 4
    assert render._progress(90, 60, width=4).plain == "█" * 4
