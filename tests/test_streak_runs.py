"""Streaks from per-year runs (`core.days.Runs`) equal the plain walk over every day: years
joined at their edges, rest and flare days, the weekly rest allowance across 1 January."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from movecoach import actions
from movecoach.core import days as days_rules
from movecoach.core import stats
from movecoach.core.days import Day
from movecoach.core.models import make_day_entry
from movecoach.store.log import Log
from tests.factories import session

FIRST_YEAR = 2021
LAST_YEAR = 2024
KINDS = ("active", "rest", "flare", "rest+flare", "active+rest", "pain")


def _edge_days() -> st.SearchStrategy[dt.date]:
    """Days near the edges of the years (where runs join), and anywhere in them."""
    near = st.builds(
        lambda year, offset: dt.date(year, 1, 1) + dt.timedelta(days=offset),
        st.integers(FIRST_YEAR, LAST_YEAR),
        st.integers(-12, 12),
    )
    anywhere = st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31))
    return near | anywhere


def _block(year: int, back: int, kinds: list[str]) -> dict[dt.date, str]:
    """Consecutive days from `back` days before 1 January of `year`, one kind each."""
    first = dt.date(year, 1, 1) - dt.timedelta(days=back)
    return {first + dt.timedelta(days=n): k for n, k in enumerate(kinds) if k != "none"}


# a dense stretch across a New Year: rest days on both sides of it share one week's allowance
edge_blocks = st.builds(
    _block,
    st.integers(FIRST_YEAR, LAST_YEAR),
    st.integers(0, 14),
    st.lists(st.sampled_from((*KINDS, "active", "rest", "rest", "none")), min_size=7, max_size=28),
)
# a long run of active days, so whole years join too
long_runs = st.builds(
    lambda year, back, length: _block(year, back, ["active"] * length),
    st.integers(FIRST_YEAR, LAST_YEAR),
    st.integers(0, 30),
    st.integers(1, 800),
)
histories = st.tuples(
    st.dictionaries(_edge_days(), st.sampled_from(KINDS), max_size=40),
    st.lists(edge_blocks, min_size=1, max_size=3),
    st.none() | long_runs,
)


rules = st.builds(stats.StreakRules, st.sampled_from([1, 1, 2, 0, 3]), st.sampled_from([0, 6]))


def _history(drawn) -> dict[dt.date, str]:
    marked, blocks, run = drawn
    out = dict(run or {})
    for block in blocks:
        out.update(block)
    return {**out, **marked}


def _day(date: dt.date, kind: str) -> Day:
    counts = {
        "active": (1, 20),
        "rest": (0, 0, 0, 0, 0, 0, 0, 0, 1),
        "flare": (0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
        "rest+flare": (0, 0, 0, 0, 0, 0, 0, 0, 1, 1),
        "active+rest": (2, 30, 0, 0, 0, 0, 0, 0, 1),
        "pain": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1),
    }[kind]
    return Day(date, *counts)


def _marks(kinds: dict[dt.date, str]) -> tuple[set[int], set[int], set[int]]:
    days = {date: _day(date, kind) for date, kind in kinds.items()}
    return days_rules.marks((d.toordinal(), day.as_row()) for d, day in days.items())


def _joined(marked: tuple[set[int], set[int], set[int]], rules: stats.StreakRules, last: int):
    runs = None
    for year in range(FIRST_YEAR - 1, last + 1):  # a run may start in the year before
        runs = days_rules.joined(
            runs, days_rules.year_runs(marked, year, rules.rest_days, rules.first_weekday)
        )
    return runs


@given(histories, rules)
def test_years_joined_at_their_edges_equal_the_walk_over_every_day(drawn, rules) -> None:
    kinds = {d: k for d, k in _history(drawn).items() if FIRST_YEAR <= d.year <= LAST_YEAR}
    marked = _marks(kinds)
    active, rest, flare = marked
    kept = days_rules.kept_days(active, rest, flare, rules.rest_days, rules.first_weekday)
    last = dt.date(LAST_YEAR, 12, 31).toordinal()
    runs = _joined(marked, rules, LAST_YEAR)
    assert runs is not None
    assert runs.longest == stats.longest_streak({d: _day(d, k) for d, k in kinds.items()}, rules)
    assert runs.longest == days_rules.longest_run(kept)
    assert runs.tail == days_rules.run_ending(kept, last)
    tail = range(last - runs.tail + 1, last + 1)
    assert runs.tail_flare == sum(d in flare and d not in active for d in tail)
    assert runs.tail_rest == sum(d in rest and d not in active | flare for d in tail)
    assert runs.last_active == max(active, default=0)
    week = days_rules.week_of(last + 1, rules.first_weekday)
    counted = {d for d in kept & rest if d not in active | flare and d >= week}
    assert runs.used == min(len(counted), rules.rest_days)


def _plain_streak(kinds: dict[dt.date, str], today: dt.date, rules: stats.StreakRules):
    """The streak as a walk over every day: the figures `stats.streak` gave before runs."""
    days = {d: _day(d, k) for d, k in kinds.items() if d <= today}
    keeping = stats.kept(days, rules)
    current = days_rules.current_streak(keeping, today.toordinal())
    start = days_rules.run_start(keeping, today.toordinal())
    run = [] if start is None else [dt.date.fromordinal(start + n) for n in range(current)]
    found = [days[d].kind for d in run if d in days]
    sessions = [d for d, day in days.items() if day.sessions]
    return (
        current,
        days_rules.longest_run(keeping),
        found.count("rest"),
        found.count("flare"),
        max(sessions, default=None),
    )


def _figures(streak: stats.Streak):
    return (
        streak.current,
        streak.longest,
        streak.rest_days,
        streak.flare_days,
        streak.last_session,
    )


@given(histories, rules, st.dates(dt.date(FIRST_YEAR + 1, 1, 1), dt.date(LAST_YEAR, 12, 31)))
def test_a_streak_from_runs_of_older_years_equals_the_walk(drawn, rules, today) -> None:
    kinds = _history(drawn)
    days = {d: _day(d, k) for d, k in kinds.items()}
    plain = _plain_streak(kinds, today, rules)
    assert _figures(stats.streak(days, today, rules)) == plain
    since = today.year - 1
    earlier = _joined(_marks({d: k for d, k in kinds.items() if d.year < since}), rules, since - 1)
    recent = {d: day for d, day in days.items() if d.year >= since}
    assert _figures(stats.streak(recent, today, rules, earlier)) == plain


def _record(date: dt.date, kind: str, n: int) -> list:
    entries = {
        "rest": ["rest"],
        "flare": ["flare"],
        "rest+flare": ["rest", "flare"],
        "active+rest": ["rest"],
        "pain": ["pain"],
        "active": [],
    }[kind]
    out: list = [session(date, id=f"s{n}")] if kind.startswith("active") else []
    for m, entry in enumerate(entries):
        pain = 4 if entry == "pain" else None
        values = {"id": f"d{n}-{m}", "date": date, "kind": entry, "pain": pain}
        out.append(make_day_entry(values))
    return out


@settings(max_examples=25)
@given(histories, rules, st.dates(dt.date(FIRST_YEAR + 1, 1, 1), dt.date(LAST_YEAR, 12, 31)))
def test_the_log_s_remembered_runs_give_the_streak_of_every_day(drawn, rules, today) -> None:
    kinds = _history(drawn)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        records = [r for n, (d, k) in enumerate(sorted(kinds.items())) for r in _record(d, k, n)]
        if records:
            Log(home / "log", home / "cache").extend(records)
        for _ in range(2):  # counted, then from the cache
            log = Log(home / "log", home / "cache")
            plain = stats.streak(log.days(), today, rules)
            recent = actions.recent_days(log, today)
            found = actions.streak_of(log, recent, today.year - 1, today, rules)
            assert found == plain
            assert actions.current_streak(log, today, rules) == plain.current
