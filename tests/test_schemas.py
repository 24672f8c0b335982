"""Every `--json` is written down as a JSON Schema in schemas/, and every command's real output
matches its schema: a script can rely on what the schemas say.

Each command with a `--json` option needs `schemas/<command>.json` (`dashboard.json` for the
bare `movecoach`, `<group>-<command>.json` inside a group); shared parts are in
`schemas/defs/`. Every key a command prints must be described in its schema, so a new field
is documented the day it is added."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from movecoach import cli
from movecoach.core.models import make_day_entry

from .factories import checkin, seed, session

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
BASE = "https://movecoach.invalid/schemas/v1/"
# How each command is run for its schema; a command not listed runs as `NAME --json`.
INVOCATIONS: dict[str, list[list[str]]] = {
    "dashboard": [["--json"]],
    "exercises": [["exercises", "--json"], ["exercises", "bird-dog", "--json"]],
    "today": [["today", "--json"], ["today", "--json", "-m", "30", "-p", "8", "-e", "chair"]],
    "sessions": [["sessions", "--json", "--limit", "0"]],
    "nudge": [["nudge", "--json"], ["nudge", "--json", "--quiet"]],
    "report": [["report", "--json", "--weeks", "8"]],
    "export": [["export", "--format", "json"]],
    "checkin": [["checkin", "--list", "--json"]],
    "show": [["show", "s-fixed-01", "--json"], ["show", "rest-01", "--json"]],
    "history": [["history", "--json"], ["history", "--json", "--month", "2026-02"]],
}


def load_all() -> dict[str, dict[str, Any]]:
    return {
        str(path.relative_to(SCHEMAS)): json.loads(path.read_text("utf-8"))
        for path in sorted(SCHEMAS.rglob("*.json"))
    }


ALL = load_all()
REGISTRY = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in ALL.values()
)


def json_commands() -> Iterator[tuple[str, Any]]:
    """(schema name, command) for every command that takes --json."""

    def takes_json(command: Any) -> bool:
        return any("--json" in getattr(p, "opts", ()) for p in command.params)

    from typer.main import get_command

    group = get_command(cli.app)
    if takes_json(group):
        yield "dashboard", group
    for name, command in cli.all_commands().items():
        if takes_json(command):
            yield name, command
        for sub_name, sub in getattr(command, "commands", {}).items():
            if takes_json(sub):
                yield f"{name}-{sub_name}", sub


COMMANDS = dict(json_commands())


@pytest.mark.parametrize("name", sorted(ALL))
def test_each_schema_is_valid_and_versioned_by_its_id(name: str) -> None:
    schema = ALL[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == BASE + name, "the $id is the schema's path under a version"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("title")
    assert schema.get("description")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_with_json_has_a_schema(name: str) -> None:
    assert f"{name}.json" in ALL, f"schemas/{name}.json is missing"


def test_the_known_json_commands_are_found() -> None:
    known = {"dashboard", "today", "sessions", "safety", "check", "nudge", "report"}
    assert known | {"flare", "learn", "checkin", "remind-status", "show"} <= set(COMMANDS)


@pytest.fixture
def full_log(home: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "user"))  # `remind status` looks there
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user" / ".config"))
    seed(
        home,
        session("2026-02-20", minutes=15, pain_before=8, pain_after=7, note="a flare, “bad” day"),
        session("2026-03-01", minutes=25, pain_before=4, exercises=("bridge", "my-own-move")),
        session("2026-03-09", time=None),
        session("2026-03-10", minutes=12, pain_before=3, pain_after=2, note="🙂"),
        checkin("2026-02-21", ("Putting on socks", 3)),
        checkin("2026-03-09", ("Putting on socks", 5), ("Gardening", 2)),
        session("2026-03-05", id="s-fixed-01", exercises=("bridge",), note="for `show`"),
        make_day_entry(
            {"id": "rest-01", "date": dt.date(2026, 3, 7), "kind": "rest", "note": "off"}
        ),
        make_day_entry({"id": "flare-01", "date": dt.date(2026, 3, 8), "kind": "flare", "pain": 7}),
        make_day_entry({"id": "pain-01", "date": dt.date(2026, 3, 6), "kind": "pain", "pain": 5}),
    )
    run("log", "-m", "9", "--date", "2026-03-10", ok=True)
    run("undo", "--yes", ok=True)  # leaves a backup for `restore --json`
    return home


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: dt.date(2026, 3, 10))
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 19, 0))


def described(schema: Any, found: set[str], seen: set[str]) -> set[str]:
    """Every property name a schema (and the schemas it refers to) describes."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            seen.add(ref)
            target = ref.split("/v1/", 1)[-1] if "/v1/" in ref else ref
            for name in (target, f"defs/{target}", target.removeprefix("defs/")):
                if name in ALL:
                    described(ALL[name], found, seen)
        found.update(schema.get("properties", {}))
        for value in schema.values():
            described(value, found, seen)
    elif isinstance(schema, list):
        for value in schema:
            described(value, found, seen)
    return found


def printed_keys(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set(data).union(*(printed_keys(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(printed_keys(v) for v in data))
    return set()


@pytest.mark.parametrize("name", sorted({*COMMANDS, "export"}))
def test_every_commands_json_matches_its_schema(run, full_log: Path, name: str) -> None:
    schema = ALL[f"{name}.json"]
    validator = Draft202012Validator(schema, registry=REGISTRY)
    words = described(schema, set(), set())
    for args in INVOCATIONS.get(name, [[*name.split("-"), "--json"]]):
        result = run(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        data = json.loads(result.stdout)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], args
        assert printed_keys(data) <= words, f"{args}: undocumented {printed_keys(data) - words}"


def test_safety_and_the_dashboards_notes_in_every_state(run, home: Path) -> None:
    safety = Draft202012Validator(ALL["safety.json"], registry=REGISTRY)
    run("config", "set", "country", "GB", ok=True)
    data = json.loads(run("safety", "--json", ok=True).stdout)
    safety.validate(data)
    assert data["numbers"] == [{"where": "the UK", "emergency": "999", "advice": "111"}]
    assert not safety.is_valid({**data, "sections": []}), "exactly the five keys"
    dashboard = Draft202012Validator(ALL["dashboard.json"], registry=REGISTRY)
    notes = json.loads(run("--json", ok=True).stdout)["notes"]
    assert notes == {"last_checkin": None, "checkin_due": True, "review": None}
    seed(home, checkin("2026-03-01"))
    board = json.loads(run("--json", ok=True).stdout)
    dashboard.validate(board)
    assert board["notes"]["last_checkin"] == "2026-03-01"


def test_a_schema_refuses_a_changed_shape() -> None:
    validator = Draft202012Validator(ALL["sessions.json"], registry=REGISTRY)
    good = [{"id": "a", "date": "2026-03-01", "time": None, "minutes": 5, "pain_before": None}]
    good[0] |= {"pain_after": 2, "exercises": [], "note": None}
    good[0] |= {"leg_pain_before": None, "leg_pain_after": 3}
    assert validator.is_valid(good)
    assert not validator.is_valid({"sessions": good}), "a list stays a list"
    renamed = [{**good[0], "mins": 5}]
    del renamed[0]["minutes"]
    assert not validator.is_valid(renamed), "a field keeps its name"
    assert not validator.is_valid([{**good[0], "date": "1 March"}])


def test_a_broken_log_still_gives_check_and_nudge_their_shape(run, home: Path) -> None:
    (home / "log").mkdir(parents=True)
    (home / "log" / "2026.toml").write_text("[[session]\n")
    for name, args, code in (("check", ["check", "--json"], 2), ("nudge", ["nudge", "--json"], 2)):
        result = run(*args)
        assert result.exit_code == code
        data = json.loads(result.stdout)
        Draft202012Validator(ALL[f"{name}.json"], registry=REGISTRY).validate(data)
    assert json.loads(run("check", "--json").stdout)["ok"] is False
    assert json.loads(run("nudge", "--json").stdout)["due"] is None


def test_a_report_of_a_busy_month_matches_its_schema(run, home: Path) -> None:
    """The report's totals span its whole period: more than 7 active and strength days."""
    seed(home, *(session(dt.date(2026, 3, 10) - dt.timedelta(days=n)) for n in range(28)))
    data = json.loads(run("report", "--json", "--weeks", "4", ok=True).stdout)
    assert data["totals"]["active_days"] > 7
    validator = Draft202012Validator(ALL["report.json"], registry=REGISTRY)
    assert [e.message for e in validator.iter_errors(data)] == []
