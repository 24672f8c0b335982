"""What each command does, as plain functions: no Typer, no Rich, nothing printed.

`cli.py` parses arguments, calls one function here and hands the result to a view. A
function here decides how much of the log to read, asks the pure rules in `core` for the
answer, and writes through `store`. Each takes an `Env`: the settings, the paths and the day,
worked out once per command.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from movecoach.core import models
from movecoach.core.models import (
    Checkin,
    DayEntry,
    Exercise,
    Plan,
    PlanOptions,
    Record,
    Session,
    Source,
    Tip,
    make_day_entry,
    make_session,
    parse_date,
    parse_time,
)
from movecoach.errors import AmbiguousIdError, InputError, MovecoachError, RecordError
from movecoach.store import paths as paths_module
from movecoach.store.log import Log, Restored, new_id
from movecoach.store.paths import Paths
from movecoach.store.settings import Settings

if TYPE_CHECKING:
    from movecoach.core import guide, pacing, progress, stats
    from movecoach.core.report import Report

# record fields whose flag is spelt otherwise
FLAGS = {"exercises": "exercise", "activities": "activity", "scores": "score"}
NO_PAIN_NOTE = "Add --pain 0-10 to fit the plan to how your back feels today."
RECORDED_PAIN_NOTE = (
    "Fitted to the pain {pain} you recorded today; add --pain 0-10 if it has changed."
)


class Env(NamedTuple):
    """What every command works from: the settings, the paths and today."""

    settings: Settings
    paths: Paths
    today: dt.date
    notes: list[str]  # for stderr, one a line

    def log(self, check: bool = True) -> Log:
        """The user's log. With `check`, every file is validated first (cheap when cached),
        so a command refuses a broken log before it reads part of it or writes anything."""
        p = self.paths
        log = Log(p.log_dir, p.cache_dir, device=p.device, backup_dir=p.backups_dir)
        if check:
            log.validate(self.today.year)
            self.notes.extend(
                f"{copy.name} is a conflict copy left by a sync tool; its records are counted; "
                "`movecoach check --fix` folds it back into your log"
                for copy in log.conflicts()
            )
        return log

    @property
    def goal(self) -> stats.Goal:
        from movecoach.core import stats

        return stats.Goal(
            days=self.settings.goal_days,
            minutes=self.settings.goal_minutes,
            strength_days=self.settings.goal_strength_days,
        )

    @property
    def rules(self) -> stats.StreakRules:
        """What keeps a streak besides a session: the `rest_days` and `week_start` settings."""
        from movecoach.core import stats

        return stats.StreakRules(self.settings.rest_days, self.settings.first_weekday)


def load_env(today: dt.date) -> Env:
    """Settings from the config file (kept in the cache), then the paths that follow."""
    from movecoach.store import settings as settings_module
    from movecoach.store.memo import Memo

    memo = Memo(str(paths_module.cache_dir()))
    settings = settings_module.load(paths_module.config_file(), memo)
    return Env(settings, Paths(settings), today, [])


def flag_error(err: RecordError) -> InputError:
    """A record's problem named by the flag the user typed."""
    name = FLAGS.get(err.field, err.field)
    return err.as_flag(f"--{name.replace('_', '-')}")


# --- words for days ---------------------------------------------------------------------------


def parse_day(text: str, today: dt.date, option: str = "--date") -> dt.date:
    """`YYYY-MM-DD`, `today` or `yesterday`."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        return parse_date(word, option.lstrip("-"))
    except RecordError:
        raise InputError(f"{option} must be YYYY-MM-DD, today or yesterday, got {text!r}") from None


def past_day(text: str, today: dt.date, option: str = "--date") -> dt.date:
    """A day something happened on: never after today."""
    day = parse_day(text, today, option)
    if day > today:
        raise InputError(f"{option} {day.isoformat()} is in the future; log what you have done")
    return day


def day_range(since: str | None, until: str | None, today: dt.date) -> tuple[dt.date | None, ...]:
    """`--since`/`--until` bounds: whole days, both included, later days allowed."""
    start = parse_day(since, today, "--since") if since is not None else None
    end = parse_day(until, today, "--until") if until is not None else None
    if start is not None and end is not None and start > end:
        raise InputError(f"--since {start} is after --until {end}; swap them")
    return start, end


# --- the catalogue and plans --------------------------------------------------------------------


def catalogue(env: Env, memo: bool = True) -> tuple[Exercise, ...]:
    """The bundled exercises with the user's own merged in (theirs win on a clashing id; a
    note says so). `memo`: keep the parsed bundled file in the cache (`check` writes nothing)."""
    from movecoach.store import catalogue as store

    exercises, replaced = store.load(
        env.paths.exercises_file, str(env.paths.cache_dir) if memo else None
    )
    env.notes.extend(
        f"your exercise {ident!r} ({env.paths.exercises_file}) replaces the bundled one"
        for ident in replaced
    )
    return exercises


def unknown_exercise(exercise_id: str, exercises: Sequence[Exercise]) -> InputError:
    import difflib

    close = difflib.get_close_matches(exercise_id, [e.id for e in exercises], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return InputError(f"unknown exercise {exercise_id!r}{hint} (`movecoach exercises` lists them)")


def exercise(env: Env, exercise_id: str) -> Exercise:
    exercises = catalogue(env)
    for item in exercises:
        if item.id == exercise_id:
            return item
    raise unknown_exercise(exercise_id, exercises)


def exercise_response(env: Env, exercise_id: str) -> stats.Response | None:
    """How this user's pain has answered one exercise, from the whole log; None (and a note)
    when the log cannot be read: the exercise itself is still worth showing."""
    from movecoach.core import stats

    try:
        log = env.log()
    except MovecoachError as err:
        env.notes.append(f"{err}; your pain with this exercise is not shown")
        return None
    records = log.merged()
    return stats.response(models.in_order(records.sessions), exercise_id, records.days)


def exercises(env: Env, category: str | None, tag: str | None = None) -> list[Exercise]:
    from movecoach.core.models import CATEGORIES, TAGS

    if category is not None and category not in CATEGORIES:
        raise InputError(f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}")
    if tag is not None and tag not in TAGS:
        raise InputError(f"unknown tag {tag!r}; choose from {', '.join(TAGS)}")
    return [
        e
        for e in catalogue(env)
        if (category is None or e.category == category) and (tag is None or tag in e.tags)
    ]


def sources(env: Env | None = None) -> dict[str, Source]:
    """The public sources the catalogue and the tips are written from, by key."""
    from movecoach.store import catalogue as store

    return store.load_sources(str(env.paths.cache_dir) if env is not None else None)


def equipment_words(values: Sequence[str] | None) -> list[str]:
    """`--equipment chair,band --equipment wall` as single words."""
    return [part for value in values or () for part in value.split(",")]


def plan_options(
    env: Env,
    minutes: int | None,
    pain: int | None,
    equipment: Sequence[str] | None,
    leg_pain: int | None = None,
) -> PlanOptions:
    """A plan's options from the flags, else the settings; refused by the flag's name."""
    try:
        return models.plan_options(
            env.settings.minutes if minutes is None else minutes,
            pain,
            equipment_words(equipment) if equipment else env.settings.equipment,
            leg_pain,
        )
    except RecordError as err:
        raise flag_error(err) from None


def guided_timeline(
    env: Env,
    minutes: int | None,
    pain: int | None,
    equipment: Sequence[str] | None,
    rest: int | None,
    lead_in: int = 0,
    adapt: bool = True,
    leg_pain: int | None = None,
) -> tuple[guide.Timeline, bool]:
    """Today's plan as a timed session, with the rests the flag or the setting asks for and
    a lead-in of `lead_in` seconds; and whether recent leg pain shaped it (the stop screen
    then speaks of the leg)."""
    from movecoach.core import guide

    rest_seconds = env.settings.rest_seconds if rest is None else rest
    today = plan(env, minutes, pain, equipment, adapt=adapt, leg_pain=leg_pain)
    return guide.timeline(today, rest_seconds, lead_in), today.leg_pain


def tips(env: Env | None = None) -> tuple[Tip, ...]:
    """Every tip, in the order of tips.toml."""
    from movecoach.store import catalogue as store

    return store.load_tips(str(env.paths.cache_dir) if env is not None else None)


def tip_of_the_day(env: Env) -> Tip | None:
    """Today's tip: the same all day, never the same two days running (`core.tips`)."""
    from movecoach.core.tips import tip_for

    return tip_for(tips(env), env.today)


def flare_plan(env: Env) -> Plan:
    """The 5-minute flare routine from the catalogue (`core.flare.routine`)."""
    from movecoach.core import flare

    return flare.routine(catalogue(env), env.today)


def flare_timeline(env: Env, rest: int | None, lead_in: int = 0) -> guide.Timeline:
    """The flare routine as a guided session, with the rests the flag or the setting asks for
    and a lead-in of `lead_in` seconds."""
    from movecoach.core import guide

    rest_seconds = env.settings.rest_seconds if rest is None else rest
    return guide.timeline(flare_plan(env), rest_seconds, lead_in)


def plan(
    env: Env,
    minutes: int | None,
    pain: int | None,
    equipment: Sequence[str] | None,
    day: dt.date | None = None,
    adapt: bool = True,
    leg_pain: int | None = None,
) -> Plan:
    """The plan `today`, `log --plan` and `start` share for the same options: flags first,
    then settings; paced from the log unless `--no-adapt` or `adaptive = false`. A
    `--minutes` flag is an explicit ask, which pacing does not shorten (see
    `planner.length`); the setting is what pacing works within."""
    from movecoach.core import planner

    day = env.today if day is None else day
    adaptive = adapt and env.settings.adaptive
    log = env.log() if adaptive or pain is None else None  # validated once, read once
    recorded = recorded_pain(log, day) if log is not None and pain is None else None
    options = plan_options(env, minutes, recorded if pain is None else pain, equipment, leg_pain)
    history, entries = pacing_history(log, day) if log is not None and adaptive else ([], [])
    exercises = catalogue(env)
    _check_avoid(env, exercises)
    result = planner.plan_session(
        exercises,
        minutes=options.minutes,
        equipment=options.equipment,
        pain=options.pain,
        day=day,
        history=history,
        adaptive=adaptive,
        wishes=planner.Wishes(
            explicit=minutes is not None,
            avoid=env.settings.avoid,
            direction=env.settings.direction,
            leg_pain=options.leg_pain,
        ),
        entries=entries,
    )
    if pain is None:
        note = NO_PAIN_NOTE if recorded is None else RECORDED_PAIN_NOTE.format(pain=recorded)
        result = dataclasses.replace(result, notes=(*result.notes, note))
    return result


def recorded_pain(log: Log, day: dt.date) -> int | None:
    """The pain recorded on `day` (`movecoach pain`, a rest or flare day's score, a
    session's pain before), as the flare rule reads a day (`core.pain.level`), to the
    nearest point; None when nothing was scored that day. A plan without `--pain` is fitted
    to it, so a flare recorded in the morning shapes the afternoon's plan."""
    from movecoach.core import pain as pain_rule

    found = log.days([day.year]).get(day)
    level = pain_rule.level(found) if found is not None else None
    return None if level is None else int(level + 0.5)


def _check_avoid(env: Env, exercises: Sequence[Exercise]) -> None:
    """A note for each word of `avoid` that is neither a tag nor an exercise."""
    from movecoach.core.models import TAGS

    known = {e.id for e in exercises} | set(TAGS)
    env.notes.extend(
        f"the avoid setting names {word!r}, which is neither a tag nor an exercise; "
        "`movecoach exercises` lists them"
        for word in env.settings.avoid
        if word not in known
    )


class Done(NamedTuple):
    """What is already logged today."""

    sessions: int
    minutes: int

    def as_dict(self) -> dict[str, int]:
        return {"sessions": self.sessions, "minutes": self.minutes}


def done_today(env: Env) -> Done:
    """Sessions and minutes logged today (`today` starts with them)."""
    day = env.log().days([env.today.year]).get(env.today)
    return Done(0, 0) if day is None else Done(day.sessions, day.minutes)


def break_timeline(env: Env, minutes: int) -> guide.Timeline:
    """A desk break of `minutes` as a timed session with no rests between its moves; each
    break of a day gets other moves than the one before (by the sessions logged today)."""
    from movecoach.core import desk, guide

    today = env.log().days([env.today.year]).get(env.today)
    plan = desk.break_plan(catalogue(env), minutes, env.today, today.sessions if today else 0)
    return guide.timeline(plan, rest_seconds=0)


# How far back a plan looks (`core.pacing`): 30 days for exercises that disagree, each with the
# next day that says whether its pain settled (`core.pain.SETTLE_DAYS`); the step-back rules
# need 29 (each of the last 14 days, and the 14 before it that make its flare baseline). A
# return from a break reaches further, to the level before it (`pacing.reach`).
HISTORY_DAYS = 31


def pacing_history(log: Log, day: dt.date) -> tuple[pacing.History, list[DayEntry]]:
    """The sessions a plan for `day` is paced from: the last month's, as the facts of their
    days, kept in the cache (or the sessions themselves, merged, when the log's files hold
    one day twice or a tombstone); after a break, back to the 14 days up to the last session
    before it. And the month's days recorded without a session (pain, rest and flare days),
    whose pain scores count in the flare rule's levels, as in the report and the nudge."""
    from movecoach.core import pacing

    start = day - dt.timedelta(days=HISTORY_DAYS)
    found = log.pace_days((start, day))
    if found is not None:
        recent: pacing.History = found[0]
        entries, dates = found[1], found[0].dates()
    else:
        month = log.merged(window=(start, day))
        sessions = models.in_order(month.sessions)
        recent, entries, dates = sessions, list(month.days), [s.date for s in sessions]
    reach = pacing.reach(dates, day, start)
    if reach is None:  # the break began before the month: find its last session
        earlier = [d for d in log.active_dates(range(start.year - 1, day.year + 1)) if d < start]
        if not earlier:
            return recent, entries
        reach = max(earlier) - dt.timedelta(days=pacing.PACE_WINDOW)
    return (recent if reach >= start else log.sessions(window=(reach, day))), entries


# --- recording sessions ---------------------------------------------------------------------


class Logged(NamedTuple):
    """A session just written, the streak it leaves, and warnings for stderr."""

    session: Session
    streak: int
    warnings: tuple[str, ...] = ()


class LogRequest(NamedTuple):
    """`movecoach log`'s options, as typed."""

    minutes: int | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    exercises: Sequence[str] = ()
    date: str = "today"
    time: str | None = None
    note: str | None = None
    plan: bool = False
    pain: int | None = None
    equipment: Sequence[str] | None = None
    adapt: bool = True
    leg_pain_before: int | None = None
    leg_pain_after: int | None = None


class Prepared(NamedTuple):
    """A session `movecoach log` is about to write, and what to ask or say first."""

    session: Session
    warnings: tuple[str, ...]
    plan_again: bool  # the day already has a session of the same plan (logged twice?)


def record(env: Env, request: LogRequest, now: dt.datetime) -> Logged:
    """`movecoach log` without questions: prepare the session, then append it."""
    return save(env, prepare(env, request, now))


def save(env: Env, prepared: Prepared) -> Logged:
    return _append(env, prepared.session, prepared.warnings)


def prepare(env: Env, request: LogRequest, now: dt.datetime) -> Prepared:
    """`movecoach log`: the session from the flags (or the day's plan), checked, not yet
    written."""
    day = past_day(request.date, env.today)
    if request.pain is not None and request.pain_before not in (None, request.pain):
        raise InputError("--pain and --pain-before disagree; give one of them")
    pain_before = request.pain_before if request.pain_before is not None else request.pain
    if request.plan:
        minutes, exercise_ids, warnings = _planned(env, request, pain_before, day)
    else:
        minutes, exercise_ids, warnings = _typed(env, request)
    started = _started(request.time, day, env.today, now, minutes)
    try:
        session = make_session(
            {
                "id": new_id(),
                "date": day,
                "time": started,
                "minutes": minutes,
                "pain_before": pain_before,
                "pain_after": request.pain_after,
                "leg_pain_before": request.leg_pain_before,
                "leg_pain_after": request.leg_pain_after,
                "exercises": exercise_ids,
                "note": request.note or None,
                "logged": now.replace(microsecond=0),
            },
            env.today,
        )
    except RecordError as err:
        raise flag_error(err) from None
    again = request.plan and any(
        s.date == day and s.exercises == exercise_ids for s in env.log().sessions([day.year])
    )
    return Prepared(session, warnings, again)


def _planned(
    env: Env, request: LogRequest, pain: int | None, day: dt.date
) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    if request.exercises:
        raise InputError("--plan logs the plan's exercises; leave out --exercise")
    if request.minutes is not None and not 5 <= request.minutes <= 90:
        raise InputError(f"with --plan, --minutes is the time you had: 5-90, got {request.minutes}")
    suggested = plan(
        env,
        request.minutes,
        pain,
        request.equipment,
        day=day,
        adapt=request.adapt,
        leg_pain=request.leg_pain_before,
    )
    if not suggested.items:
        raise InputError("the plan for these options is empty; nothing to log")
    return suggested.total_minutes, suggested.exercise_ids, ()


def _typed(env: Env, request: LogRequest) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    if request.equipment:
        raise InputError("--equipment only shapes a plan: use it with --plan")
    if request.minutes is None:
        raise InputError("give --minutes N (how long the session took), or --plan")
    ids = tuple(dict.fromkeys(request.exercises))
    known = {e.id for e in catalogue(env)}
    warnings = tuple(
        f"{ident!r} is not in the catalogue; logged as you wrote it"
        for ident in ids
        if ident not in known
    )
    return request.minutes, ids, warnings


def _started(
    text: str | None, day: dt.date, today: dt.date, now: dt.datetime, minutes: int
) -> dt.time | None:
    """When the session started: as given, else (today only) now minus its length."""
    if text is not None:
        try:
            return parse_time(text)
        except RecordError as err:
            raise flag_error(err) from None
    if day != today:
        return None
    midnight = dt.datetime.combine(now.date(), dt.time.min)
    start = max(now - dt.timedelta(minutes=minutes), midnight)
    return start.time().replace(second=0, microsecond=0)


def record_guided(
    env: Env,
    log: Log,
    result: guide.Outcome,
    started: dt.time,
    pain: tuple[int | None, int | None],
    leg: tuple[int | None, int | None],
    now: dt.datetime,
    note: str | None = None,
) -> Logged:
    """Log what a guided session did: the exercises done or begun, and their minutes, with
    the back (and leg) pain before and after."""
    session = make_session(
        {
            "id": new_id(),
            "date": env.today,
            "time": started,
            "minutes": result.minutes,
            "pain_before": pain[0],
            "pain_after": pain[1],
            "leg_pain_before": leg[0],
            "leg_pain_after": leg[1],
            "exercises": result.exercise_ids,
            "note": note,
            "logged": now.replace(microsecond=0),
        },
        env.today,
    )
    return _append(env, session, (), log)


def _append(
    env: Env, session: Session, warnings: tuple[str, ...], log: Log | None = None
) -> Logged:
    log = env.log() if log is None else log
    log.append(session)
    return Logged(session, current_streak(log, env.today, env.rules), warnings)


# --- rest, flare and pain days ------------------------------------------------------------------


class DayRecorded(NamedTuple):
    """A rest, flare or pain day just written, the streak it leaves, and, for pain, how it
    compares with the user's usual pain (`core.pain`)."""

    entry: DayEntry
    streak: int
    warnings: tuple[str, ...] = ()
    baseline: float | None = None  # the median daily pain of the 14 days before
    flare: bool = False  # the day's pain makes it a flare day by the pain-response rule


def record_day(
    env: Env,
    kind: str,
    date: str,
    now: dt.datetime,
    note: str | None = None,
    pain: int | None = None,
    leg_pain: int | None = None,
) -> DayRecorded:
    """`movecoach rest [--flare]` and `movecoach pain`: one `[[day]]` record, appended."""
    from movecoach.core import stats

    day = past_day(date, env.today)
    try:
        entry = make_day_entry(
            {
                "id": new_id(),
                "date": day,
                "kind": kind,
                "pain": pain,
                "leg_pain": leg_pain,
                "note": note or None,
                "logged": now.replace(microsecond=0),
            },
            env.today,
        )
    except RecordError as err:
        raise flag_error(err) from None
    log = env.log()
    warnings: tuple[str, ...] = ()
    if kind in ("rest", "flare"):
        warnings = _rest_day_allowed(env, log, entry)
    log.append(entry)
    if kind != "pain":
        return DayRecorded(entry, current_streak(log, env.today, env.rules), warnings)
    days = log.days(y for y in log.years() if day.year - 1 <= y <= day.year)
    baseline, flare = stats.flare_check(days, day)
    return DayRecorded(entry, current_streak(log, env.today, env.rules), (), baseline, flare)


def _rest_day_allowed(env: Env, log: Log, entry: DayEntry) -> tuple[str, ...]:
    """Refuse a rest or flare day on a day with a session or one already marked; warn when
    the week's rest days are more than keep the streak."""
    merged = log.merged([entry.date.year])
    when = f"{entry.date:%a %d %b %Y}"
    if any(s.date == entry.date for s in merged.sessions):
        raise InputError(
            f"{when} already has a session, so it is an active day; "
            "a rest or flare day is for a day without one"
        )
    for other in merged.days:
        if other.date == entry.date and other.kind in ("rest", "flare"):
            raise InputError(
                f"{when} is already a {other.kind} day; `movecoach undo` takes back the "
                "last record you made"
            )
    return _rest_warning(env, log, entry) if entry.kind == "rest" else ()


def _rest_warning(env: Env, log: Log, entry: DayEntry) -> tuple[str, ...]:
    """A warning when the week of a new rest day holds more than keep the streak."""
    from movecoach.core import stats

    first = stats.week_start(entry.date, env.settings.first_weekday)
    week = log.days(sorted({first.year, entry.date.year}))
    rests = 1 + sum(
        1
        for date, day in week.items()
        if first <= date < first + dt.timedelta(days=7) and day.kind == "rest"
    )
    allowed = env.settings.rest_days
    if rests <= allowed:
        return ()
    if allowed == 0:
        return ("rest days do not keep your streak while the rest_days setting is 0",)
    return (
        f"that week now has {rests} rest days, and only the first {allowed} keep"
        f"{'s' if allowed == 1 else ''} your streak (the rest_days setting)",
    )


# --- finding and removing sessions --------------------------------------------------------------


class SessionFilter(NamedTuple):
    """`movecoach sessions`' filters, as typed."""

    since: str | None = None
    until: str | None = None
    exercise: str | None = None
    search: str | None = None
    limit: int = 20


def recent_sessions(env: Env, chosen: SessionFilter) -> list[Session]:
    """Newest first: from `since` to `until` (both included), holding the exercise, with
    the text in the note (ignoring case); at most `limit` (0: all)."""
    start, end = day_range(chosen.since, chosen.until, env.today)
    words = chosen.search.casefold() if chosen.search is not None else None
    found: list[Session] = []
    for session in env.log().recent():
        if start is not None and session.date < start:
            break
        if _wanted(session, end, chosen.exercise, words):
            found.append(session)
        if chosen.limit and len(found) >= chosen.limit:
            break
    return found


def _wanted(session: Session, end: dt.date | None, exercise: str | None, words: str | None) -> bool:
    return (
        (end is None or session.date <= end)
        and (exercise is None or exercise in session.exercises)
        and (words is None or words in (session.note or "").casefold())
    )


def last_logged(env: Env) -> tuple[Log, Record]:
    log = env.log()
    found = log.last_logged()
    if found is None:
        raise InputError("the log is empty: nothing to undo")
    return log, found[1]


MIN_PREFIX = 4  # characters of an id that may stand for it
NO_SUCH_RECORD = "no session, check-in, rest, flare or pain day with id"


def resolve(env: Env, text: str) -> tuple[Log, Record]:
    """The record whose id is `text`, or the one record whose id starts with it (at least
    `MIN_PREFIX` characters); refused when none or several match. Any record a command
    wrote can be named: a session, a check-in, a rest, flare or pain day. The ids come from
    the cache, and only the month holding the record is read."""
    log = env.log()
    matches = sorted(log.ids_starting(text))
    if text not in matches:
        if len(text) < MIN_PREFIX:
            raise InputError(
                f"{NO_SUCH_RECORD} {text!r}; a shortened id needs at least {MIN_PREFIX} "
                "characters (`movecoach sessions` shows ids)"
            )
        if not matches:
            raise InputError(
                f"{NO_SUCH_RECORD} {text!r}, or an id starting with it "
                "(`movecoach sessions` shows ids)"
            )
        if len(matches) > 1:
            raise AmbiguousIdError(text, matches)
    record = log.record(text if text in matches else matches[0])
    if record is None:  # pragma: no cover - the ids named it a moment ago
        raise InputError(f"{NO_SUCH_RECORD} {text!r}")
    return log, record


def find(env: Env, text: str) -> tuple[Log, Record]:
    """A record by its id or a unique prefix of it (`delete` removes any kind)."""
    return resolve(env, text)


class Shown(NamedTuple):
    """`movecoach show`: one record, the names of its exercises, and where it is written."""

    record: Record
    names: dict[str, str]
    files: list[Path]


def show(env: Env, text: str) -> Shown:
    log, record = resolve(env, text)
    files = [path for path, _ in log.find(record.id)]
    return Shown(record, exercise_names(env), files)


def exercise_names(env: Env) -> dict[str, str]:
    """Every exercise's name by its id, for human output (a logged id that is not in the
    catalogue shows as written)."""
    return {e.id: e.name for e in catalogue(env)}


class EditRequest(NamedTuple):
    """`movecoach edit`'s options, as typed; None leaves a field as it is."""

    minutes: int | None = None
    pain_before: int | None = None
    pain_after: int | None = None
    note: str | None = None  # "" removes the note
    date: str | None = None
    time: str | None = None  # "" removes the time
    exercises: Sequence[str] = ()
    leg_pain_before: int | None = None
    leg_pain_after: int | None = None

    @property
    def empty(self) -> bool:
        return not self.exercises and all(
            getattr(self, name) is None for name in self._fields if name != "exercises"
        )


class Edited(NamedTuple):
    """A session before and after `movecoach edit`, and warnings for stderr."""

    old: Session
    new: Session
    warnings: tuple[str, ...] = ()


def edited_session(env: Env, old: Session, request: EditRequest, new_id: str) -> Session:
    """The session with the request's changes, checked by the one constructor."""
    values: dict[str, object] = {key: getattr(old, key) for key in models.SESSION_KEYS}
    values["id"] = new_id
    changes = {
        "minutes": request.minutes,
        "pain_before": request.pain_before,
        "pain_after": request.pain_after,
        "leg_pain_before": request.leg_pain_before,
        "leg_pain_after": request.leg_pain_after,
        "note": request.note,
    }
    values.update({k: v for k, v in changes.items() if v is not None})
    if request.note == "":
        values["note"] = None
    if request.date is not None:
        values["date"] = past_day(request.date, env.today)
    if request.time:
        try:
            values["time"] = parse_time(request.time)
        except RecordError as err:
            raise flag_error(err) from None
    elif request.time == "":
        values["time"] = None
    if request.exercises:
        values["exercises"] = tuple(dict.fromkeys(request.exercises))
    try:
        return make_session(values, env.today)
    except RecordError as err:
        raise flag_error(err) from None


def edit(env: Env, text: str, request: EditRequest, now: dt.datetime) -> Edited:
    """`movecoach edit`: change one session where it is written (see `Log.replace`)."""
    if request.empty:
        raise InputError(
            "nothing to change: give --minutes, --pain-before, --pain-after, --leg-pain, "
            "--leg-pain-after, --note, --date, --time or --exercise"
        )
    log, old = resolve(env, text)
    if not isinstance(old, Session):
        raise InputError(
            f"{old.id} is not a session; `edit` changes sessions (delete it and record it again)"
        )
    own = all(log.is_own(path) for path, _ in log.find(old.id))
    new = edited_session(env, old, request, old.id if own else new_id())
    if dataclasses.replace(new, id=old.id) == old:
        return Edited(old, old)
    known = {e.id for e in catalogue(env)}
    warnings = tuple(
        f"{ident!r} is not in the catalogue; kept as you wrote it"
        for ident in request.exercises
        if ident not in known
    )
    log.replace(old.id, new, now.replace(microsecond=0))
    return Edited(old, new, warnings)


# --- progress check-ins -------------------------------------------------------------------------


class CheckedIn(NamedTuple):
    """A check-in just written, each of its activities with every score it has had, and
    warnings for stderr."""

    checkin: Checkin
    activities: tuple[progress.ActivityProgress, ...]
    warnings: tuple[str, ...] = ()


def checkin_day(env: Env, text: str) -> dt.date:
    """The day a check-in is for: `YYYY-MM-DD`, `today` or `yesterday`, from 1900-01-01 to
    today; refused before any question is asked."""
    day = past_day(text, env.today)
    try:
        return models.check_date(day, env.today)
    except RecordError as err:
        raise flag_error(err) from None


def last_checkin(env: Env) -> Checkin | None:
    """The latest check-in up to today: its activities are the next one's defaults."""
    from movecoach.core import progress

    past = progress.past_checkins(env.log().checkins(), env.today)
    return past[-1] if past else None


def record_checkin(
    env: Env, day: dt.date, activities: Sequence[str], scores: Sequence[int], now: dt.datetime
) -> CheckedIn:
    """`movecoach checkin`: the activities and their scores, in pairs, as one check-in."""
    from movecoach.core import progress

    if len(activities) != len(scores):
        raise InputError(
            "give a --score for each --activity, in pairs: got "
            f"{len(activities)} {'activity' if len(activities) == 1 else 'activities'} and "
            f"{len(scores)} score{'' if len(scores) == 1 else 's'}"
        )
    try:
        made = models.make_checkin(
            {
                "id": new_id(),
                "date": day,
                "activities": list(activities),
                "scores": list(scores),
                "logged": now.replace(microsecond=0),
            },
            env.today,
        )
    except RecordError as err:
        raise flag_error(err) from None
    log = env.log()
    before = log.checkins()
    log.append(made)
    earlier = next((c for c in before if c.date == day), None)
    warnings = (
        ()
        if earlier is None
        else (
            f"you checked in on {day} already ({earlier.id}); both are kept, and "
            "`movecoach undo` takes this one back",
        )
    )
    return CheckedIn(made, progress.activity_progress([*before, made], day), warnings)


class CheckinHistory(NamedTuple):
    """`checkin --list`: every check-in, each activity of the latest with its scores, and
    whether the next is due."""

    checkins: list[Checkin]
    activities: tuple[progress.ActivityProgress, ...]
    due: bool
    today: dt.date

    def as_dict(self) -> dict[str, object]:
        return {
            "checkins": [c.as_dict() for c in self.checkins],
            "activities": [a.as_dict() for a in self.activities],
            "checkin_due": self.due,
        }


def checkin_history(env: Env) -> CheckinHistory:
    from movecoach.core import progress

    found = env.log().checkins()
    return CheckinHistory(
        found,
        progress.activity_progress(found, env.today),
        progress.checkin_due(found, env.today),
        env.today,
    )


# --- check ----------------------------------------------------------------------------------


class CheckResult(NamedTuple):
    """What `movecoach check` found: a line for each part that is fine, things worth knowing,
    and every problem (any problem makes `check` exit 2)."""

    fine: list[str]
    warnings: list[str]
    problems: list[str]

    def as_dict(self) -> dict[str, object]:
        return {
            "ok": not self.problems,
            "fine": self.fine,
            "warnings": self.warnings,
            "problems": self.problems,
        }


def check_all(
    today: dt.date, fix: bool = False, now: dt.datetime | None = None, full: bool = False
) -> CheckResult:
    """Check the settings, the catalogue and every log file. Without `fix` nothing is
    written (not even the cache); with broken settings the log is looked for where it is by
    default. With `fix`, conflict copies are folded back into this device's files first.
    A log file whose bytes the cache has seen was checked then and is not parsed again,
    unless `full`."""
    from movecoach.store import catalogue as store
    from movecoach.store import settings as settings_module

    fine: list[str] = []
    problems: list[str] = []
    config_file = paths_module.config_file()
    paths = None
    try:
        paths = Paths(settings_module.load(config_file))
        fine.append(f"settings: ok ({config_file})")
    except MovecoachError as err:
        problems.append(str(err))
    try:
        count = len(store.load(paths_module.user_exercises_file(), None)[0])
        extra = f"{len(store.load_sources())} sources, {len(tips())} tips"
        fine.append(f"catalogue: ok ({count} exercises, {extra})")
    except MovecoachError as err:
        problems.append(str(err))
    if fix and paths is not None and not problems:
        fine += _fold(paths, now)
    cache = None if full else paths_module.cache_dir()
    log = Log(paths.log_dir if paths is not None else paths_module.log_dir(), cache)
    log.memo.readonly = True  # check writes nothing, the cache included
    broken = log.problems()
    problems += broken
    warnings: list[str] = []
    if not broken:
        count = len(log.files())
        fine.append(f"log: ok ({count} file{'' if count == 1 else 's'} in {log.dir})")
        for finding in log.findings(today):
            (problems if finding.serious else warnings).append(finding.text)
    return CheckResult(fine, warnings, problems)


def _fold(paths: Paths, now: dt.datetime | None) -> list[str]:
    p = paths
    log = Log(p.log_dir, p.cache_dir, device=p.device, backup_dir=p.backups_dir)
    log.validate()
    folded, moved = log.fold(now)
    if not moved:
        return []
    copies = len(moved)
    return [
        f"fixed: folded {len(folded)} record{'' if len(folded) == 1 else 's'} from {copies} "
        f"conflict cop{'y' if copies == 1 else 'ies'} into this device's log files; the "
        f"copies are kept in {moved[0].parent}"
    ]


# --- export, import, backups ---------------------------------------------------------------------


class Exported(NamedTuple):
    text: str
    counts: Callable[[], dict[str, int]]  # how many records of each kind: counted if asked


def export(
    env: Env, fmt: str, since: str | None, until: str | None, kind: str | None = None
) -> Exported:
    """The text of an export in `fmt` (csv or json): every record (of `kind`; CSV holds one
    kind, sessions unless told) from `since` to `until` (both included), oldest first; a
    removed record's tombstone too, so an import elsewhere removes it as well.

    The cache keeps each log file's lines, so ten years are joined rather than rebuilt from
    11,000 records; when merging the files drops records (an id in two files, a tombstone),
    the merged records are written out instead."""
    from movecoach.store import transfer

    if kind is not None and kind not in transfer.KINDS:
        raise InputError(f"unknown kind {kind!r}; choose from {', '.join(transfer.KINDS)}")
    if fmt == "csv":
        kind = kind or "session"
    start, end = day_range(since, until, env.today)
    span = (start or models.FIRST_DAY, end or dt.date.max)
    log = env.log()
    years = [year for year in log.years() if span[0].year <= year <= span[1].year]
    found = _cached_export(log, years, span, fmt, kind)
    return found if found is not None else _merged_export(log, years, span, fmt, kind)


def _cached_export(
    log: Log, years: list[int], span: tuple[dt.date, dt.date], fmt: str, kind: str | None
) -> Exported | None:
    """An export joined from each file's cached lines; None when merging the files drops
    records (an id in two files, a tombstone)."""
    from movecoach.store import transfer
    from movecoach.store.log import years_window

    window = years_window(years)
    cached = kind if fmt == "csv" else None  # JSON keeps every kind, and picks
    name = f"export-{fmt}-{cached or 'all'}-{transfer.LINES_VERSION}"
    parts = log.per_file(window, name, lambda records: transfer.keyed_lines(records, fmt, cached))
    if parts is None:
        return None
    low, high = span
    first, last = window  # the files' years: a misfiled record of another year stays out
    keys, lines = transfer.pick_lines(
        parts, max(low, first or low), min(high, last or high), None if fmt == "csv" else kind
    )
    text = (
        transfer.csv_text(lines, kind or "session") if fmt == "csv" else transfer.json_text(lines)
    )
    return Exported(text, lambda: transfer.kind_counts(keys))


def _merged_export(
    log: Log, years: list[int], span: tuple[dt.date, dt.date], fmt: str, kind: str | None
) -> Exported:
    """An export written from the merged records, for a log whose files' lines do not add
    up (an id in two files, a tombstone)."""
    from movecoach.store import transfer

    low, high = span
    chosen = [r for r in log.merged(years).all() if low <= r.date <= high]
    if kind is not None:
        chosen = [r for r in chosen if transfer.kind_of(r) == kind]
    chosen.sort(key=transfer.export_key)

    def counts() -> dict[str, int]:
        return transfer.kind_counts(transfer.export_key(r) for r in chosen)

    if fmt == "csv":
        return Exported(transfer.to_csv(chosen, kind or "session"), counts)
    return Exported(transfer.to_json(chosen), counts)


class Imported(NamedTuple):
    added: int
    skipped: int
    dry_run: bool


def import_file(
    env: Env, file: str, fmt: str | None, dry_run: bool, data: bytes | None = None
) -> Imported:
    """Add the records of a CSV or JSON file whose ids are not logged yet; `data` holds the
    bytes when they came from standard input (`import -`), else the file is read."""
    from movecoach.store import transfer

    path = Path(file).expanduser()
    name = "standard input" if data is not None else file
    try:
        if data is None:
            data = path.read_bytes()
        text = data.decode("utf-8-sig")  # spreadsheets often add a BOM
    except OSError as err:
        raise InputError(f"{file}: cannot read it: {err.strerror or err}") from err
    except UnicodeDecodeError:
        raise InputError(f"{name}: is not UTF-8 text; save it as UTF-8 and try again") from None
    kind = transfer.choose_kind(fmt, path.name if name == file else None, text)
    sessions = transfer.read_sessions(text, kind, name, env.today)
    log = env.log()
    if dry_run:
        from movecoach.store.log import identity

        known = log.identities()
        new = sum(1 for r in sessions if identity(r) not in known)
        return Imported(new, len(sessions) - new, dry_run=True)
    added, skipped = log.merge(sessions)
    return Imported(len(added), len(skipped), dry_run=False)


class Backup(NamedTuple):
    """One backup as `restore` lists it."""

    path: Path
    file: str  # the log file it was taken from
    taken: str  # local time, YYYY-MM-DD HH:MM:SS
    sessions: int | None  # None: not a valid log file

    def as_dict(self) -> dict[str, object]:
        return {
            "backup": self.path.name,
            "file": self.file,
            "taken": self.taken,
            "sessions": self.sessions,
        }


def backups(env: Env) -> list[Backup]:
    """The backups, newest first, with how many sessions each holds."""
    from movecoach.store import backups as store
    from movecoach.store.log import read_backup

    rows = []
    for item in store.listing(env.paths.backups_dir):
        try:
            held: int | None = len(read_backup(item)[1])
        except MovecoachError:
            held = None
        rows.append(Backup(item, store.target_name(item), store.taken(item), held))
    return rows


class RestorePreview(NamedTuple):
    """What a restore would do, shown before asking."""

    backup: Path
    target: Path
    taken: str
    sessions: int
    now: str | int  # the target's sessions now, or why they cannot be counted


def restore_preview(env: Env, name: str) -> RestorePreview:
    """The backup by the name `restore` lists (else a path), refused unless it is valid."""
    from movecoach.store import backups as store
    from movecoach.store.log import count_sessions, read_backup

    folder = env.paths.backups_dir
    listed = folder / name
    if Path(name).name == name and listed.is_file():
        chosen = listed
    elif Path(name).expanduser().is_file():
        chosen = Path(name).expanduser()
    else:
        raise InputError(f"no backup {name!r} in {folder}; `movecoach restore` lists them")
    _, sessions = read_backup(chosen)
    target = env.paths.log_dir / store.target_name(chosen)
    return RestorePreview(
        chosen, target, store.taken(chosen), len(sessions), count_sessions(target)
    )


def restore(env: Env, preview: RestorePreview) -> Restored:
    """Put the backup back; the file it replaces is backed up first. Not `env.log()`: a log
    file that does not parse is one thing a restore mends."""
    p = env.paths
    return Log(p.log_dir, p.cache_dir, backup_dir=p.backups_dir).restore(preview.backup)


# --- figures --------------------------------------------------------------------------------


def recent_days(log: Log, today: dt.date) -> stats.Days:
    """Per-day totals of this year and last: enough for this week, today and recent pain."""
    return log.days(y for y in log.years() if y >= today.year - 1)


def days_since(log: Log, day: dt.date) -> stats.Days:
    """Per-day totals of the years from `day`'s on: enough for any window from `day`."""
    return log.days(year for year in log.years() if year >= day.year)


def current_streak(
    log: Log, today: dt.date, rules: stats.StreakRules, days: stats.Days | None = None
) -> int:
    """The current streak, read from this year and last; the years before add their
    remembered runs (`Log.runs_before`) only when the streak reaches back into the week of
    1 January of last year, whose rest days the year before counts first."""
    from movecoach.core import stats

    first = dt.date(today.year - 1, 1, 1)
    days = recent_days(log, today) if days is None else days
    start = stats.streak_start(days, today, rules)
    shared = stats.week_start(first, rules.first_weekday) + dt.timedelta(days=6)
    if start is None or start > shared:
        return stats.current_streak(days, today, rules)
    return streak_of(log, days, first.year, today, rules).current


def streak_of(
    log: Log, days: stats.Days, year: int, today: dt.date, rules: stats.StreakRules
) -> stats.Streak:
    """The streak figures from `days`, the per-day totals from 1 January of `year` on, and
    the runs of the years before it."""
    from movecoach.core import stats

    earlier = log.runs_before(year, rules.rest_days, rules.first_weekday)
    if earlier is None:
        return stats.streak(days, today, rules)
    return stats.streak(days, today, rules, earlier)


def last_session(log: Log, today: dt.date) -> Session | None:
    """The newest session up to today: from this month and the last when they hold one (the
    cache keeps records by month, so this reads a few dozen, not a year's), else one year at a
    time from the newest."""
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    recent = log.sessions(window=(last_month, today))
    if recent:
        return recent[-1]
    for year in sorted((y for y in log.years() if y <= today.year), reverse=True):
        past = [s for s in log.sessions([year]) if s.date <= today]
        if past:
            return past[-1]
    return None


def categories(env: Env) -> dict[str, str]:
    """Each exercise's category by id: what the weekly goal's active minutes and strength
    days are counted by."""
    return {e.id: e.category for e in catalogue(env)}


def efforts_since(log: Log, day: dt.date, kinds: Mapping[str, str]) -> stats.Efforts:
    """Each day's effort (active minutes, strengthening) from `day` on."""
    from movecoach.core import stats

    return stats.efforts(log.sessions(window=(day, None)), kinds)


def review_days(log: Log, today: dt.date) -> stats.Days:
    """Per-day totals the 6-week rule needs: this year and last, and the first 2 weeks after
    the first session (its year and the next). One read when, as nearly always, the oldest
    year holds the first session."""
    years = [year for year in log.years() if year <= today.year]
    for first in years:
        wanted = [y for y in years if y >= today.year - 1 or first <= y <= first + 1]
        days = log.days(wanted)
        if any(d.sessions and d.date.year == first and d.date <= today for d in days.values()):
            return days
    return {}


def review(
    env: Env, log: Log, checkins: Sequence[Checkin], once_a_week: bool = False
) -> str | None:
    """Why it is worth seeing a GP or physiotherapist, or None (`core.progress.needs_review`).
    With `once_a_week` (the dashboard), it is said on one day a week: the day it is first
    shown each week is remembered in this device's cache."""
    from movecoach.core import progress
    from movecoach.store import marks

    folder = env.paths.cache_dir
    shown = marks.last_day(folder, marks.REVIEW_SHOWN) if once_a_week else None
    reason = progress.needs_review(
        review_days(log, env.today), checkins, env.today, shown, env.settings.first_weekday
    )
    if reason is not None and once_a_week and shown != env.today:
        marks.mark_day(folder, marks.REVIEW_SHOWN, env.today)
    return reason


def progress_notes(env: Env, log: Log, once_a_week: bool = True) -> progress.ProgressNotes:
    """The dashboard's lines about progress: a check-in when one is due, and the review line
    (with `once_a_week`, as the text dashboard says it; without, whenever it applies, as
    `movecoach --json` gives it, remembering nothing)."""
    from movecoach.core import progress

    checkins = log.checkins()
    reason = review(env, log, checkins, once_a_week=once_a_week)
    return progress.progress_notes(checkins, env.today, reason)


def dashboard(
    log: Log,
    today: dt.date,
    goal: stats.Goal,
    rules: stats.StreakRules,
    kinds: Mapping[str, str] | None = None,
) -> stats.Dashboard:
    """Today, the streak, this week against the goal (active minutes and strength days by
    `kinds`, each exercise's category) and the last session."""
    from movecoach.core import stats

    days = recent_days(log, today)
    monday = stats.week_start(today, rules.first_weekday)
    done = efforts_since(log, monday, kinds or {})
    return stats.Dashboard(
        today=today,
        today_done=today in days and days[today].sessions > 0,
        today_mark=days[today].kind if today in days and not days[today].sessions else None,
        streak=current_streak(log, today, rules, days),
        progress=stats.goal_progress(days, today, goal, rules.first_weekday, done),
        last=last_session(log, today),
    )


def streak(env: Env) -> stats.Streak:
    log = env.log()
    return streak_of(log, recent_days(log, env.today), env.today.year - 1, env.today, env.rules)


class PeriodRequest(NamedTuple):
    """The period `history` and `report` cover, as typed: one of --weeks, --since/--until,
    --month or --week (none: the default number of weeks)."""

    weeks: int | None = None
    since: str | None = None
    until: str | None = None
    month: str | None = None
    week: str | None = None


def parse_month(text: str) -> tuple[dt.date, dt.date]:
    """`YYYY-MM`: the month's first and last days."""
    try:
        first = parse_date(f"{text.strip()}-01", "month")
    except RecordError:
        raise InputError(f"--month must be YYYY-MM, like 2026-03, got {text!r}") from None
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def parse_week(text: str, first_weekday: int) -> tuple[dt.date, dt.date]:
    """`YYYY-Www`, an ISO week: its Monday to Sunday (Sunday to Saturday when weeks start on
    Sunday)."""
    word = text.strip().upper()
    year, _, number = word.partition("-W")
    try:
        if len(year) != 4 or len(number) != 2 or not (year + number).isascii():
            raise ValueError(word)
        monday = dt.date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        raise InputError(
            f"--week must be YYYY-Www (an ISO week), like 2026-W10, got {text!r}"
        ) from None
    start = monday - dt.timedelta(days=1) if first_weekday == 6 else monday
    return start, start + dt.timedelta(days=6)


def first_session(log: Log) -> dt.date | None:
    """The day of the first session logged, from the per-day totals of the oldest year
    that has one (the cache answers without reading any session)."""
    for year in log.years():
        active = [date for date, day in log.days([year]).items() if day.sessions]
        if active:
            return min(active)
    return None


def period(
    env: Env, log: Log, request: PeriodRequest, default_weeks: int, most_weeks: int
) -> tuple[dt.date, dt.date]:
    """The first and last day a `history` or a `report` covers: never after today, and never
    from before the first session logged (no empty weeks before the user began)."""
    from movecoach.core import stats

    given = [
        name
        for name, value in (
            ("--weeks", request.weeks),
            ("--since/--until", request.since or request.until),
            ("--month", request.month),
            ("--week", request.week),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise InputError(f"{' and '.join(given)} each choose the period; give one of them")
    start, end = _asked_period(env, request, default_weeks)
    if start > env.today:
        raise InputError(f"that period starts on {start}, after today: nothing is logged yet")
    end = min(end, env.today)
    first = first_session(log)
    start = max(start, first or stats.week_start(end, env.settings.first_weekday))
    if start > end:
        raise InputError(f"nothing is logged by {end}: your first session was on {first}")
    span = (end - stats.week_start(start, env.settings.first_weekday)).days // 7 + 1
    if span > most_weeks:
        raise InputError(f"that period covers {span} weeks; at most {most_weeks} can be shown")
    return start, end


def _asked_period(env: Env, request: PeriodRequest, default_weeks: int) -> tuple[dt.date, dt.date]:
    from movecoach.core import stats

    first_weekday = env.settings.first_weekday
    if request.month is not None:
        return parse_month(request.month)
    if request.week is not None:
        return parse_week(request.week, first_weekday)
    since, until = day_range(request.since, request.until, env.today)
    end = env.today if until is None else until
    if since is not None:
        return since, end
    weeks = default_weeks if request.weeks is None else request.weeks
    return stats.week_start(min(end, env.today), first_weekday) - dt.timedelta(weeks=weeks - 1), end


def history(env: Env, request: PeriodRequest) -> stats.WeeksView:
    from movecoach.core import stats

    log = env.log()
    start, end = period(env, log, request, default_weeks=8, most_weeks=520)
    first_weekday = env.settings.first_weekday
    first = min(start, stats.week_start(env.today, first_weekday))  # and this week, for the goal
    since = min(first.year, env.today.year - 1)  # older years: their runs, for the streak
    days = log.days(year for year in log.years() if year >= since)
    done = efforts_since(log, first, categories(env))
    return stats.WeeksView(
        stats.period_weeks(days, start, end, first_weekday, done),
        streak_of(log, days, since, env.today, env.rules),
        env.goal,
        stats.goal_progress(days, env.today, env.goal, first_weekday, done),
        start,
        end,
    )


def trend(env: Env, days: int) -> stats.Trend:
    """Pain over the last `days` days; flare days need the 14 days before those too."""
    from movecoach.core import stats

    oldest = env.today - dt.timedelta(days=days + pain_rule_days())
    return stats.trend(days_since(env.log(), oldest), env.today, days)


def pain_rule_days() -> int:
    """The days before a day its usual pain comes from (`core.pain.BASELINE_DAYS`)."""
    from movecoach.core import pain

    return pain.BASELINE_DAYS


def calendar(env: Env, weeks: int) -> list[stats.Day]:
    from movecoach.core import stats

    totals = days_since(env.log(), env.today - dt.timedelta(weeks=weeks))
    return stats.calendar(totals, env.today, weeks, env.settings.first_weekday)


def report(env: Env, request: PeriodRequest) -> Report:
    """The report's figures for the period asked: reads only the months the period and the
    pain direction's 28 days need (and, for the 6-week rule, the first session's). The
    rule's line is in every report while the rule holds."""
    from movecoach.core import report as report_rules
    from movecoach.core import stats

    log = env.log()
    start, end = period(env, log, request, default_weeks=4, most_weeks=52)
    oldest = min(start, end - dt.timedelta(days=stats.TREND_DAYS - 1))
    # flare days compare each day with the 14 before it (`core.pain.BASELINE_DAYS`)
    records = log.merged(window=(oldest - dt.timedelta(days=pain_rule_days()), end))
    sessions = models.in_order(records.sessions)
    first_weekday = env.settings.first_weekday
    weeks = (end - stats.week_start(start, first_weekday)).days // 7 + 1
    checkins = log.checkins()
    return report_rules.build_report(
        sessions,
        env.today,
        weeks,
        env.goal,
        exercise_names(env),
        first_weekday,
        period=(start, end),
        categories=categories(env),
        entries=records.days,
        checkins=checkins,
        review=review(env, log, checkins),
    )


def sessions_of(items: Iterable[Session]) -> list[dict[str, object]]:
    return [s.as_dict() for s in items]


# --- settings -----------------------------------------------------------------------------------


def settings_rows(env: Env) -> list[dict[str, object]]:
    """Every setting with its value, where it comes from, what is allowed and what it does."""
    from movecoach.store.settings import SETTINGS

    current = env.settings
    return [
        {
            "key": s.name,
            "value": current.value(s.name),
            "shown": s.show(current.value(s.name)),
            "source": current.source(s.name),
            "allowed": s.describe(),
            "help": s.help,
        }
        for s in SETTINGS
    ]


def setting_shown(env: Env, key: str) -> str:
    from movecoach.store.settings import spec

    return spec(key).show(env.settings.value(key))


def set_setting(key: str, text: str) -> str:
    """Write one setting from typed text; the value as it now reads."""
    from movecoach.store import settings as store

    setting = store.spec(key)
    try:
        value = setting.parse(text)
    except ValueError as err:
        raise InputError(str(err)) from None
    store.write(paths_module.config_file(), key, value)
    return setting.show(value)


def unset_setting(env: Env, key: str) -> tuple[str, bool]:
    """Remove one setting from the file: (the default that now applies, whether it was set)."""
    from movecoach.store import settings as store

    setting = store.spec(key)
    if key not in env.settings.file_values:
        return setting.show(setting.default), False
    store.write(paths_module.config_file(), key, None)
    return setting.show(setting.default), True
