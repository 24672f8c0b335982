"""What each command does, as plain functions: no Typer, no Rich, nothing printed.

`cli.py` parses arguments, calls one function here and hands the result to a view. A
function here decides how much of the log to read, asks the pure rules in `core` for the
answer, and writes through `store`. Each takes an `Env`: the settings, the paths and the day,
worked out once per command.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from movecoach.core import models
from movecoach.core.models import (
    Checkin,
    Exercise,
    Plan,
    PlanOptions,
    Record,
    Session,
    Source,
    Tip,
    make_session,
    parse_date,
    parse_time,
)
from movecoach.errors import InputError, MovecoachError, RecordError
from movecoach.store import paths as paths_module
from movecoach.store.log import Log, Restored, new_id
from movecoach.store.paths import Paths
from movecoach.store.settings import Settings

if TYPE_CHECKING:
    from movecoach.core import guide, progress, stats
    from movecoach.core.report import Report

# record fields whose flag is spelt otherwise
FLAGS = {"exercises": "exercise", "activities": "activity", "scores": "score"}
NO_PAIN_NOTE = "Add --pain 0-10 to fit the plan to how your back feels today."


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

        return stats.Goal(days=self.settings.goal_days, minutes=self.settings.goal_minutes)


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


def sources() -> dict[str, Source]:
    """The public sources the catalogue and the tips are written from, by key."""
    from movecoach.store import catalogue as store

    return store.load_sources()


def equipment_words(values: Sequence[str] | None) -> list[str]:
    """`--equipment chair,band --equipment wall` as single words."""
    return [part for value in values or () for part in value.split(",")]


def plan_options(
    env: Env, minutes: int | None, pain: int | None, equipment: Sequence[str] | None
) -> PlanOptions:
    """A plan's options from the flags, else the settings; refused by the flag's name."""
    try:
        return models.plan_options(
            env.settings.minutes if minutes is None else minutes,
            pain,
            equipment_words(equipment) if equipment else env.settings.equipment,
        )
    except RecordError as err:
        raise flag_error(err) from None


def guided_timeline(
    env: Env,
    minutes: int | None,
    pain: int | None,
    equipment: Sequence[str] | None,
    rest: int | None,
) -> guide.Timeline:
    """Today's plan as a timed session, with the rests the flag or the setting asks for."""
    from movecoach.core import guide

    rest_seconds = env.settings.rest_seconds if rest is None else rest
    return guide.timeline(plan(env, minutes, pain, equipment), rest_seconds)


def tips() -> tuple[Tip, ...]:
    """Every tip, in the order of tips.toml."""
    from movecoach.store import catalogue as store

    return store.load_tips()


def tip_of_the_day(env: Env) -> Tip | None:
    """Today's tip: the same all day, never the same two days running (`core.tips`)."""
    from movecoach.core.tips import tip_for

    return tip_for(tips(), env.today)


def flare_plan(env: Env) -> Plan:
    """The 5-minute flare routine from the catalogue (`core.flare.routine`)."""
    from movecoach.core import flare

    return flare.routine(catalogue(env), env.today)


def flare_timeline(env: Env, rest: int | None) -> guide.Timeline:
    """The flare routine as a guided session, with the rests the flag or the setting asks for."""
    from movecoach.core import guide

    rest_seconds = env.settings.rest_seconds if rest is None else rest
    return guide.timeline(flare_plan(env), rest_seconds)


def plan(
    env: Env,
    minutes: int | None,
    pain: int | None,
    equipment: Sequence[str] | None,
    day: dt.date | None = None,
    adapt: bool = True,
) -> Plan:
    """The plan `today`, `log --plan` and `start` share for the same options: flags first,
    then settings; paced from the log unless `--no-adapt` or `adaptive = false`."""
    from movecoach.core import planner

    day = env.today if day is None else day
    options = plan_options(env, minutes, pain, equipment)
    adaptive = adapt and env.settings.adaptive
    history = pacing_history(env.log(), day) if adaptive else []
    result = planner.plan_session(
        catalogue(env),
        minutes=options.minutes,
        equipment=options.equipment,
        pain=options.pain,
        day=day,
        history=history,
        adaptive=adaptive,
    )
    if pain is None:
        result = dataclasses.replace(result, notes=(*result.notes, NO_PAIN_NOTE))
    return result


def break_timeline(env: Env, minutes: int) -> guide.Timeline:
    """A desk break of `minutes` as a timed session with no rests between its moves; each
    break of a day gets other moves than the one before (by the sessions logged today)."""
    from movecoach.core import desk, guide

    today = env.log().days([env.today.year]).get(env.today)
    plan = desk.break_plan(catalogue(env), minutes, env.today, today.sessions if today else 0)
    return guide.timeline(plan, rest_seconds=0)


HISTORY_DAYS = 31  # how far back a plan looks: pacing needs 14 days, learning from pain 30


def pacing_history(log: Log, day: dt.date) -> list[Session]:
    """The sessions a plan for `day` is paced from: the last month's, read from the months
    that hold them; after a long break, the weeks before the last session instead."""
    recent = log.sessions(window=(day - dt.timedelta(days=HISTORY_DAYS), day))
    if any(s.date < day for s in recent):
        return recent
    past = [d for d in log.active_dates(range(day.year - 1, day.year + 1)) if d < day]
    if not past:
        return recent
    last = max(past)
    return log.sessions(window=(last - dt.timedelta(days=HISTORY_DAYS), day))


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


def record(env: Env, request: LogRequest, now: dt.datetime) -> Logged:
    """`movecoach log`: build the session from the flags (or the day's plan), then append it."""
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
                "exercises": exercise_ids,
                "note": request.note or None,
                "logged": now.replace(microsecond=0),
            },
            env.today,
        )
    except RecordError as err:
        raise flag_error(err) from None
    return _append(env, session, warnings)


def _planned(
    env: Env, request: LogRequest, pain: int | None, day: dt.date
) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    if request.exercises:
        raise InputError("--plan logs the plan's exercises; leave out --exercise")
    if request.minutes is not None and not 5 <= request.minutes <= 90:
        raise InputError(f"with --plan, --minutes is the time you had: 5-90, got {request.minutes}")
    suggested = plan(env, request.minutes, pain, request.equipment, day=day, adapt=request.adapt)
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
    pain_before: int | None,
    pain_after: int | None,
    now: dt.datetime,
    note: str | None = None,
) -> Logged:
    """Log what a guided session did: the exercises done or begun, and their minutes."""
    session = make_session(
        {
            "id": new_id(),
            "date": env.today,
            "time": started,
            "minutes": result.minutes,
            "pain_before": pain_before,
            "pain_after": pain_after,
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
    return Logged(session, current_streak(log, env.today), warnings)


# --- finding and removing sessions --------------------------------------------------------------


def recent_sessions(env: Env, since: str | None, limit: int) -> list[Session]:
    """Newest first, from `since` on, at most `limit` (0: all)."""
    start = parse_day(since, env.today, "--since") if since is not None else None
    chosen: list[Session] = []
    for session in env.log().recent():
        if start is not None and session.date < start:
            break
        chosen.append(session)
        if limit and len(chosen) >= limit:
            break
    return chosen


def last_logged(env: Env) -> tuple[Log, Record]:
    log = env.log()
    found = log.last_logged()
    if found is None:
        raise InputError("the log is empty: nothing to undo")
    return log, found[1]


def find(env: Env, record_id: str) -> tuple[Log, Session | Checkin]:
    """The session or check-in with this id (`delete` removes either)."""
    log = env.log()
    found = [r for _, r in log.find(record_id) if isinstance(r, Session | Checkin)]
    if not found:
        raise InputError(f"no session or check-in with id {record_id!r} in the log")
    return log, found[0]


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


def export_range(
    env: Env, since: str | None, until: str | None, kind: str | None = None
) -> list[Record]:
    """Every record (of `kind`, if given) from `since` to `until` (both included), oldest
    first; a removed record's tombstone too, so an import elsewhere removes it as well."""
    from movecoach.store.transfer import KINDS, kind_of

    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    start, end = day_range(since, until, env.today)
    low = start or models.FIRST_DAY
    high = end or dt.date.max
    log = env.log()
    years = [year for year in log.years() if low.year <= year <= high.year]
    chosen = [r for r in log.merged(years).all() if low <= r.date <= high]
    if kind is not None:
        chosen = [r for r in chosen if kind_of(r) == kind]
    return sorted(chosen, key=_export_order)


def _export_order(record: Record) -> tuple[dt.date, int, dt.time]:
    """Oldest first; on one day, sessions (by time), then days, check-ins and tombstones."""
    from movecoach.store.transfer import KINDS, kind_of

    return record.date, KINDS.index(kind_of(record)), getattr(record, "time", None) or dt.time.min


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


def current_streak(log: Log, today: dt.date, days: stats.Days | None = None) -> int:
    """The current streak, read from this year and last, then one figure per older year
    while the streak runs through the whole of it."""
    from movecoach.core import stats

    years = set(log.years())
    first = today.year - 1
    if days is None:
        days = recent_days(log, today)
    run = stats.current_streak(days, today)
    end = today if today in days else today - dt.timedelta(days=1)
    if run == 0 or end - dt.timedelta(days=run - 1) != dt.date(first, 1, 1):
        return run
    year = first - 1
    while year in years:
        tail = log.year_tail(year)
        run += tail
        if tail < (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1:
            break
        year -= 1
    return run


def last_session(log: Log, today: dt.date) -> Session | None:
    """The newest session up to today, reading one year at a time from the newest."""
    for year in sorted((y for y in log.years() if y <= today.year), reverse=True):
        past = [s for s in log.sessions([year]) if s.date <= today]
        if past:
            return past[-1]
    return None


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
    log: Log, today: dt.date, goal: stats.Goal, first_weekday: int = 0
) -> stats.Dashboard:
    from movecoach.core import stats

    days = recent_days(log, today)
    return stats.Dashboard(
        today=today,
        today_done=today in days,
        streak=current_streak(log, today, days),
        progress=stats.goal_progress(days, today, goal, first_weekday),
        last=last_session(log, today),
    )


def streak(env: Env) -> stats.Streak:
    from movecoach.core import stats

    return stats.streak(env.log().days(), env.today)


def history(env: Env, weeks: int) -> stats.WeeksView:
    from movecoach.core import stats

    days = env.log().days()
    rows = stats.weeks(days, env.today, weeks, env.settings.first_weekday)
    return stats.WeeksView(rows, stats.streak(days, env.today), env.goal)


def trend(env: Env, days: int) -> stats.Trend:
    from movecoach.core import stats

    oldest = env.today - dt.timedelta(days=max(days, stats.TREND_DAYS))
    return stats.trend(days_since(env.log(), oldest), env.today, days)


def calendar(env: Env, weeks: int) -> list[stats.Day]:
    from movecoach.core import stats

    totals = days_since(env.log(), env.today - dt.timedelta(weeks=weeks))
    return stats.calendar(totals, env.today, weeks, env.settings.first_weekday)


def report(env: Env, weeks: int) -> Report:
    """The report's figures for the last `weeks` weeks: reads only the years the period and
    the pain direction's 28 days need, however few weeks (and, for the 6-week rule, the first
    session's). The rule's line is in every report while the rule holds."""
    from movecoach.core import report as report_rules
    from movecoach.core import stats

    today = env.today
    start = stats.week_start(today, env.settings.first_weekday) - dt.timedelta(weeks=weeks - 1)
    first = min(start, today - dt.timedelta(days=stats.TREND_DAYS - 1)).year
    log = env.log()
    sessions = log.sessions(y for y in log.years() if first <= y <= today.year)
    names = {e.id: e.name for e in catalogue(env)}
    checkins = log.checkins()
    return report_rules.build_report(
        sessions,
        today,
        weeks,
        env.goal,
        names,
        env.settings.first_weekday,
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
