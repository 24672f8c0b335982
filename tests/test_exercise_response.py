"""`movecoach exercises ID`: how this user's pain has answered the exercise."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core import stats

from .factories import seed, session

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


def ago(back: int, **fields: object):
    return session(TODAY - dt.timedelta(days=back), **fields)


def test_the_response_counts_sessions_means_and_the_one_rule() -> None:
    log = [
        ago(5, exercises=("bridge",), pain_before=3, pain_after=5),  # too far
        ago(4, exercises=("bridge", "knee-rolls"), pain_before=3, pain_after=3),
        ago(3, exercises=("bridge",), pain_before=4, pain_after=3),
        ago(2, exercises=("bridge",)),  # not scored
        ago(1, exercises=("knee-rolls",), pain_before=2, pain_after=2),
    ]
    answered = stats.response(log, "bridge")
    assert (answered.sessions, answered.scored, answered.too_far, answered.went_well) == (
        4, 3, 1, 2
    )  # fmt: skip
    assert (answered.pain_before, answered.pain_after, answered.change) == (3.33, 3.67, 0.33)
    assert stats.response(log, "bird-dog").sessions == 0


def test_exercises_id_shows_how_your_pain_answered_it(run, home: Path) -> None:
    seed(
        home,
        ago(3, exercises=("bridge",), pain_before=3, pain_after=5),
        ago(2, exercises=("bridge",), pain_before=4, pain_after=3),
    )
    data = json.loads(run("exercises", "bridge", "--json", ok=True).stdout)
    assert data["response"] == {
        "sessions": 2,
        "scored": 2,
        "pain_before": 3.5,
        "pain_after": 4.0,
        "change": 0.5,
        "too_far": 1,
        "went_well": 1,
    }
    text = " ".join(run("exercises", "bridge", ok=True).stdout.split())
    assert "Your pain with it" in text
    assert (
        "2 sessions with it; 2 scored before and after: pain 3.5 → 4 on average (0.5 higher). "
        "1 went too far"
    ) in text


def test_an_exercise_never_logged_says_so_and_a_broken_log_still_shows_it(run, home: Path) -> None:
    assert (
        "You have not logged a session with it yet." in run("exercises", "bridge", ok=True).stdout
    )
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_text("[[session]]\nid = 'x'\n")
    result = run("exercises", "bridge", ok=True)
    assert "Bridge" in result.stdout
    assert "your pain with this exercise is not shown" in result.stderr
