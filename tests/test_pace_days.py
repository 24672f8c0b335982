"""The per-day facts the pacing rules read say what the sessions say: each verdict is the
one pain-response rule's (`core.pain.judged`) over the same window, medians are the
sessions' medians, and the facts the cache keeps (and carries over an edit) are the facts
made from the log's sessions."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach import cli
from movecoach.core import pace_days, pain
from movecoach.core.models import Session, in_order, make_day_entry, make_session
from movecoach.core.pace_days import Days, day_facts, minutes_median
from movecoach.store import filecache, logfile
from movecoach.store.log import Log

from .factories import seed, session

TODAY = dt.date(2026, 3, 20)
SCORE = st.none() | st.integers(0, 10)

sessions_st = st.lists(
    st.builds(
        lambda back, **values: make_session(
            {"id": f"s{values.pop('n')}", "date": TODAY - dt.timedelta(days=back), **values}
        ),
        back=st.integers(0, 8),
        n=st.integers(0, 10**9),
        minutes=st.integers(1, 40),
        time=st.none() | st.sampled_from([dt.time(7), dt.time(9, 30), dt.time(9, 30), dt.time(18)]),
        pain_before=SCORE,
        pain_after=SCORE,
        leg_pain_before=SCORE,
        leg_pain_after=SCORE,
        exercises=st.lists(st.sampled_from(["bridge", "bird-dog", "walk"]), max_size=2).map(tuple),
    ),
    max_size=40,
    unique_by=lambda s: s.id,
)


def by_rule(sessions: list[Session]) -> dict[dt.date, tuple[int, int, dict[str, int], set[str]]]:
    """Each day's (too far, not too far, too far by exercise, went well) as the one rule
    judges the sessions of the days before TODAY, the window every pacing rule reads."""
    window = in_order(s for s in sessions if s.date < TODAY)
    out: dict[dt.date, tuple[int, int, dict[str, int], set[str]]] = {}
    for item, verdict in pain.judged(window, pain.readings(window)):
        too_far, settled, far, well = out.get(item.date, (0, 0, {}, set()))
        if verdict == pain.TOO_FAR:
            too_far += 1
            for ident in set(item.exercises):
                far[ident] = far.get(ident, 0) + 1
        else:
            settled += 1
            if verdict == pain.WENT_WELL:
                well |= set(item.exercises)
        out[item.date] = (too_far, settled, far, well)
    return out


@given(sessions_st)
def test_each_days_verdicts_are_the_rules_over_the_sessions(sessions: list[Session]) -> None:
    days = Days.of(sessions)
    expected = by_rule(sessions)
    found = {f.date: tuple(days.judged(f, TODAY)) for f in days if f.date < TODAY}
    assert found == expected
    window = in_order(s for s in sessions if s.date < TODAY)
    verdicts = {id(s): v for s, v in pain.judged(window, pain.readings(window))}
    for facts in days:
        ordered = in_order(s for s in sessions if s.date == facts.date)
        assert facts.last == ordered[-1]
        if facts.date < TODAY:
            assert days.verdict_of_last(facts, TODAY) == verdicts[id(ordered[-1])]


@given(sessions_st, st.integers(1, 8), st.integers(0, 8))
def test_medians_totals_exercises_and_leg_pain_are_the_sessions(
    sessions: list[Session], last: int, first: int
) -> None:
    days = Days.of(sessions)
    chosen = [s for s in sessions if first <= (TODAY - s.date).days <= last]
    median = statistics.median(s.minutes for s in chosen) if chosen else None
    assert minutes_median(days.between(TODAY, first, last)) == median
    for facts in days:
        mine = [s for s in sessions if s.date == facts.date]
        assert facts.sessions == len(mine)
        assert facts.ids == tuple(sorted({i for s in mine for i in s.exercises}))
        legs = [p or 0 for s in mine for p in (s.leg_pain_before, s.leg_pain_after)]
        assert facts.leg == max(legs)


@given(sessions_st)
def test_facts_survive_the_cache_exactly(sessions: list[Session]) -> None:
    for facts in Days.of(sessions):
        data = pace_days.as_data(facts, logfile.row)
        assert pace_days.from_data(data, logfile.unrow) == facts


def test_a_day_s_first_score_judges_the_day_before_but_never_from_today() -> None:
    evening = session(TODAY - dt.timedelta(days=2), time=dt.time(18), pain_before=3)
    morning = session(TODAY - dt.timedelta(days=1), time=dt.time(7), pain_before=6)
    late = session(TODAY - dt.timedelta(days=1), time=dt.time(20), pain_before=2)
    now = session(TODAY, time=dt.time(7), pain_before=9)
    days = Days.of([evening, morning, late, now])
    before, yesterday = days.facts[evening.date], days.facts[late.date]
    assert days.verdict_of_last(before, TODAY) == pain.TOO_FAR  # 3, then 6 the next morning
    assert days.verdict_of_last(yesterday, TODAY) is None  # today's 9 does not judge it
    assert day_facts(late.date, [late, morning]).first == 6  # the earliest score, any order


# --- the cache --------------------------------------------------------------------------------


def windowed(log: Log, start: dt.date, end: dt.date) -> Days:
    found = log.pace_days((start, end))
    assert found is not None
    return found[0]


def test_the_cached_facts_are_the_facts_of_the_log_s_sessions_after_every_edit(
    home: Path,
) -> None:
    start = dt.date(2026, 1, 20)
    log = seed(
        home,
        *(
            session(TODAY - dt.timedelta(days=n), minutes=10 + n, pain_before=n % 5, pain_after=3)
            for n in range(40)
        ),
        make_day_entry({"id": "p1", "date": dt.date(2026, 3, 17), "kind": "pain", "pain": 7}),
    )

    def check() -> None:
        direct = Days.of(log.sessions(window=(start, TODAY)))
        assert windowed(log, start, TODAY).facts == direct.facts

    check()
    (path,) = log.files()
    digest = log._entry(path)[0]
    assert filecache.load_pace_days(log.memo, digest, "2026-03") is not None  # kept
    log.append(session(TODAY - dt.timedelta(days=2), minutes=33, pain_before=1))
    digest = log._entry(path)[0]
    assert filecache.load_pace_days(log.memo, digest, "2026-03") is not None  # carried over
    check()
    log.remove(log.sessions(window=(TODAY - dt.timedelta(days=5),) * 2)[0].id)
    check()
    assert [e.id for e in log.pace_days((start, TODAY))[1]] == ["p1"]  # type: ignore[index]


def test_a_day_in_two_files_or_a_tombstone_sends_the_plan_back_to_the_sessions(
    home: Path,
) -> None:
    window = (TODAY - dt.timedelta(days=31), TODAY)
    log = seed(home, session(TODAY - dt.timedelta(days=1)))
    laptop = Log(home / "log", home / "cache", device="laptop")
    theirs = session(TODAY - dt.timedelta(days=3))
    laptop.append(theirs)
    assert list(windowed(log, *window).facts) == [theirs.date, TODAY - dt.timedelta(days=1)]
    log.remove(theirs.id)  # another device's record: a tombstone in this device's file
    assert log.pace_days(window) is None

    other = seed(home / "other", session(TODAY - dt.timedelta(days=1)))
    assert other.pace_days(window) is not None
    Log(home / "other" / "log", home / "other" / "cache", device="desk").append(
        session(TODAY - dt.timedelta(days=1))
    )
    assert other.pace_days(window) is None  # one day in two files


@pytest.mark.parametrize("pain_today", [None, "9"])
def test_a_plan_from_the_cached_facts_is_the_plan_from_the_merged_sessions(
    run, home: Path, monkeypatch: pytest.MonkeyPatch, pain_today: str | None
) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    seed(
        home,
        *(
            session(
                TODAY - dt.timedelta(days=n),
                minutes=15 + n % 4,
                time=dt.time(8 + n % 3),
                pain_before=2 + n % 3,
                pain_after=2 + (n % 7 == 0) * 3,
                exercises=("bridge", "bird-dog") if n % 2 else ("knee-rolls",),
            )
            for n in range(1, 30)
        ),
    )
    args = ["today", "--json"] + ([] if pain_today is None else ["--pain", pain_today])
    cached = run(*args, ok=True).stdout
    monkeypatch.setattr(Log, "pace_days", lambda *args: None)  # merge the sessions, always
    assert run(*args, ok=True).stdout == cached


def test_facts_made_by_another_version_are_made_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = seed(home, session(TODAY - dt.timedelta(days=1), pain_before=2, pain_after=5))
    window = (TODAY - dt.timedelta(days=31), TODAY)
    kept = windowed(log, *window)
    (path,) = log.files()
    digest = log._entry(path)[0]
    assert filecache.load_pace_days(log.memo, digest, "2026-03") is not None
    monkeypatch.setattr(pace_days, "VERSION", pace_days.VERSION + 1)
    fresh = Log(home / "log", home / "cache")
    assert filecache.load_pace_days(fresh.memo, digest, "2026-03") is None
    assert windowed(fresh, *window).facts == kept.facts
