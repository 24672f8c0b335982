"""`today`, `exercises` and `safety` (commands/plan.py) and their bad input, end to end through
the CLI; `start` has its own module, test_start.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from movecoach import cli

PLAN_KEYS = {"date", "minutes", "total_minutes", "pain", "equipment", "exercises", "notes"}
EXERCISE_KEYS = {
    "id",
    "name",
    "category",
    "position",
    "equipment",
    "minutes",
    "dose",
    "steps",
    "caution",
}


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.setattr(cli, "today", lambda: dt.date(2026, 3, 10))


def test_today_json_has_the_public_fields(run) -> None:
    result = run(
        "today", "--json", "--minutes", "20", "--pain", "3", "--equipment", "chair", ok=True
    )
    data = json.loads(result.stdout)
    assert set(data) >= PLAN_KEYS
    assert data["date"] == "2026-03-10"
    assert data["minutes"] == 20
    assert data["pain"] == 3
    assert data["equipment"] == ["chair"]
    assert 12 <= data["total_minutes"] <= 20
    assert data["total_minutes"] == sum(e["minutes"] for e in data["exercises"])
    for exercise in data["exercises"]:
        assert set(exercise) >= EXERCISE_KEYS
        assert set(exercise["equipment"]) <= {"chair"}
    assert "\x1b[" not in result.stdout


def test_today_defaults_to_15_minutes_without_equipment_and_says_how_to_give_pain(run) -> None:
    data = json.loads(run("today", "--json", ok=True).stdout)
    assert data["minutes"] == 15
    assert data["pain"] is None
    assert data["equipment"] == []
    assert any("--pain" in note for note in data["notes"])


def test_today_text_shows_each_exercise_and_how_to_stop(run) -> None:
    data = json.loads(run("today", "--json", "-m", "15", "-p", "2", ok=True).stdout)
    result = run("today", "-m", "15", "-p", "2", ok=True)
    text = " ".join(result.stdout.split())
    for exercise in data["exercises"]:
        assert exercise["name"] in text
        assert " ".join(exercise["caution"].split()) in text
        assert " ".join(exercise["steps"][0].split()) in text
    assert f"Total: {data['total_minutes']} min" in text
    assert "To stop safely" in text
    assert "movecoach safety" in text


def test_today_high_pain_is_short_and_points_to_safety(run) -> None:
    data = json.loads(run("today", "--json", "-m", "45", "-p", "9", ok=True).stdout)
    assert data["total_minutes"] <= 10
    assert any("movecoach safety" in note for note in data["notes"])


def test_equipment_accepts_commas_and_repeats(run) -> None:
    data = json.loads(run("today", "--json", "-e", "chair,band", "-e", "wall", ok=True).stdout)
    assert data["equipment"] == ["band", "chair", "wall"]


def test_today_is_the_same_twice_on_a_day(run) -> None:
    first = run("today", "--json", ok=True).stdout
    assert run("today", "--json", ok=True).stdout == first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["today", "--minutes", "4"], "--minutes"),
        (["today", "--minutes", "91"], "--minutes"),
        (["today", "--minutes", "ten"], "--minutes"),
        (["today", "--pain", "11"], "--pain"),
        (["today", "--pain", "-1"], "--pain"),
        (["today", "--pain", "bad"], "--pain"),
        (["today", "--equipment", "dumbbell"], "unknown equipment 'dumbbell'"),
        (["exercises", "no-such-move"], "unknown exercise 'no-such-move'"),
        (["exercises", "--category", "cardio"], "unknown category 'cardio'"),
        (["exercises", "--tag", "office"], "unknown tag 'office'; choose from floor"),
        (["no-such-command"], "No such command"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run, home: Path, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("movecoach: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert not home.exists()


def test_unknown_exercise_suggests_close_ids(run) -> None:
    result = run("exercises", "knee-roll")
    assert "did you mean knee-rolls" in result.stderr


def test_exercises_json_lists_the_whole_catalogue(run) -> None:
    from movecoach.store.catalogue import load_bundled

    data = json.loads(run("exercises", "--json", ok=True).stdout)
    assert [e["id"] for e in data] == [e.id for e in load_bundled()]
    for exercise in data:
        assert set(exercise) >= EXERCISE_KEYS | {"max_pain", "benefit"}


def test_exercises_category_filter(run) -> None:
    data = json.loads(run("exercises", "--category", "aerobic", "--json", ok=True).stdout)
    assert data
    assert {e["category"] for e in data} == {"aerobic"}
    text = run("exercises", "-c", "relaxation", ok=True).stdout
    assert "calm-breathing" in text
    assert "knee-rolls" not in text


def test_exercises_table_and_one_in_full(run) -> None:
    table = run("exercises", ok=True).stdout
    assert "knee-rolls" in table
    assert "bird-dog" in table
    full = " ".join(run("exercises", "bird-dog", ok=True).stdout.split())
    assert "Bird-dog" in full
    assert "Caution:" in full
    assert "1." in full
    assert "2." in full
    one = json.loads(run("exercises", "bird-dog", "--json", ok=True).stdout)
    assert one["id"] == "bird-dog"


def test_safety_lists_stop_emergency_and_doctor_signs(run) -> None:
    text = " ".join(run("safety", ok=True).stdout.split())
    assert "To stop safely" in text
    assert "emergency" in text.lower()
    assert "both legs" in text
    assert "bladder is full or empty" in text
    assert "GP or physiotherapist" in text
    assert "cannot diagnose" in text


def test_safety_json_has_every_sign_the_text_shows(run) -> None:
    data = json.loads(run("safety", "--json", ok=True).stdout)
    text = " ".join(run("safety", ok=True).stdout.split())
    for key in ("emergency", "urgent", "see_a_doctor", "stop_now"):
        for sign in data[key]:
            assert " ".join(sign.split()) in text
    for number in data["numbers"]:
        assert number["emergency"] in text


def test_read_only_commands_create_nothing(run, home: Path) -> None:
    for args in (["today"], ["today", "--json"], ["exercises"], ["safety"], ["--help"]):
        run(*args, ok=True)
    assert not home.exists()


def test_today_names_the_emergency_signs_in_its_footer(run) -> None:
    text = " ".join(run("today", ok=True).stdout.replace("│", " ").split())
    assert "go to A&E now" in text
    assert "weakness in both legs" in text
    assert "bladder, bowels or sexual function" in text
    assert "999 in the UK, 911 in North America, 112 in Europe, 000 in Australia" in text


def test_today_says_what_is_already_done_today(run, home) -> None:
    from .factories import seed, session

    plain = run("today", "-m", "10", ok=True).stdout
    assert "Done today" not in plain
    assert json.loads(run("today", "--json", ok=True).stdout)["done_today"] == {
        "sessions": 0,
        "minutes": 0,
    }
    seed(home, session("2026-03-10", minutes=12), session("2026-03-09", minutes=30))
    text = run("today", "-m", "10", ok=True).stdout
    assert text.startswith("Done today: 12 min, 1 session\n")
    seed(home, session("2026-03-10", minutes=5))
    data = json.loads(run("today", "--json", ok=True).stdout)
    assert data["done_today"] == {"sessions": 2, "minutes": 17}
    assert run("today", ok=True).stdout.startswith("Done today: 17 min, 2 sessions\n")


def usual_week(home: Path) -> None:
    """Two weeks of 15-minute sessions that started at pain 4."""
    import datetime as dt

    from .factories import seed, session

    seed(
        home,
        *(
            session(dt.date(2026, 3, 9) - dt.timedelta(days=n), 15, pain_before=4)
            for n in range(14)
        ),
    )


def test_a_plan_without_pain_is_fitted_to_the_pain_recorded_today(run, home: Path) -> None:
    usual_week(home)
    run("pain", "9", ok=True)
    plan = json.loads(run("today", "--json", ok=True).stdout)
    assert plan["pain"] == 9
    assert plan["total_minutes"] < 15  # a flare: about half the usual
    assert any("Pain 9 is 2 or more above your usual 4" in note for note in plan["notes"])
    assert any("the pain 9 you recorded today" in note for note in plan["notes"])


def test_the_pain_flag_wins_over_the_pain_recorded_today(run, home: Path) -> None:
    usual_week(home)
    run("pain", "9", ok=True)
    plan = json.loads(run("today", "--json", "--pain", "4", ok=True).stdout)
    assert plan["pain"] == 4
    assert not any("recorded today" in note for note in plan["notes"])


def test_without_a_score_today_the_plan_asks_for_one(run, home: Path) -> None:
    usual_week(home)
    plan = json.loads(run("today", "--json", ok=True).stdout)
    assert plan["pain"] is None
    assert any("Add --pain 0-10" in note for note in plan["notes"])


def test_pain_recorded_on_its_own_counts_in_the_usual_pain(run, home: Path) -> None:
    """Sessions without scores, and `movecoach pain 3` on each of those days: today's 6 is
    a flare against the usual 3, as the nudge and the report also say."""
    import datetime as dt

    from movecoach.core.models import make_day_entry

    from .factories import seed, session

    back = [dt.date(2026, 3, 9) - dt.timedelta(days=n) for n in range(14)]
    seed(
        home,
        *(session(day, 15) for day in back),
        *(
            make_day_entry({"id": f"p{day}", "date": day, "kind": "pain", "pain": 3})
            for day in back
        ),
    )
    plan = json.loads(run("today", "--json", "--pain", "6", ok=True).stdout)
    assert any("Pain 6 is 2 or more above your usual 3" in note for note in plan["notes"])
    assert plan["total_minutes"] < 15
