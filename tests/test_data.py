"""`export`, `import`, `restore` and `check` (commands/data.py) end to end, with the backups undo
and delete keep."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from movecoach import cli
from movecoach.core.models import Session
from movecoach.store import backups
from movecoach.store.log import Log

from .factories import seed, session, transfer_sessions_st

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "today", lambda: TODAY)


def logged(home: Path) -> list[Session]:
    return Log(home / "log").sessions()


def log_bytes(home: Path) -> dict[str, bytes]:
    folder = home / "log"
    return {p.name: p.read_bytes() for p in folder.glob("*.toml")} if folder.exists() else {}


def backup_files(home: Path) -> list[Path]:
    return backups.listing(home / "backups")


def sample() -> list[Session]:
    return [
        session("2025-12-30", minutes=15, id="a1"),
        session(
            "2026-03-01", minutes=20, id="b2", time=dt.time(7, 30), pain_before=4, pain_after=2,
            exercises=("knee-rolls", "bird-dog"), note='stiff, "then" better\nsecond line ✓',
        ),
        session("2026-03-02", minutes=10, id="c3", note="café; naïve, 🙂"),
    ]  # fmt: skip


@contextlib.contextmanager
def home_at(path: Path) -> Iterator[Path]:
    """MOVECOACH_HOME pointed at `path` for a block (inside Hypothesis examples)."""
    old = os.environ["MOVECOACH_HOME"]
    os.environ["MOVECOACH_HOME"] = str(path)
    try:
        yield path
    finally:
        os.environ["MOVECOACH_HOME"] = old


# --- export ---------------------------------------------------------------------------------


def test_export_prints_csv_oldest_first(run, home: Path) -> None:
    seed(home, *reversed(sample()))
    out = run("export", ok=True).stdout_bytes.decode("utf-8")  # `.stdout` folds CRLF
    assert out.startswith(
        "id,date,time,minutes,pain_before,pain_after,exercises,note,"
        "leg_pain_before,leg_pain_after\r\n"
    )
    assert [line.split(",")[0] for line in out.split("\r\n")[1:-1]] == ["a1", "b2", "c3"]
    assert 'knee-rolls;bird-dog,"stiff, ""then"" better\nsecond line ✓"' in out


def test_export_json_is_sessions_json_oldest_first(run, home: Path) -> None:
    seed(home, *sample())
    exported = json.loads(run("export", "--format", "json", ok=True).stdout)
    listed = json.loads(run("sessions", "--json", "--limit", "0", ok=True).stdout)
    assert exported == [{"kind": "session", **item} for item in reversed(listed)]


def test_export_since_and_until_pick_days(run, home: Path) -> None:
    seed(home, *sample())
    out = run("export", "-f", "json", "--since", "2026-01-01", "--until", "2026-03-01", ok=True)
    assert [s["id"] for s in json.loads(out.stdout)] == ["b2"]
    out = run("export", "-f", "json", "--until", "2030-01-01", "--since", "yesterday", ok=True)
    assert json.loads(out.stdout) == []


@pytest.mark.usefixtures("wide")
def test_export_output_is_private_and_takes_its_format_from_the_name(
    run, home: Path, tmp_path: Path
) -> None:
    seed(home, *sample())
    target = tmp_path / "mine.json"
    result = run("export", "--output", str(target), ok=True)
    assert result.stdout == f"Exported 3 sessions to {target} as JSON.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [s["id"] for s in json.loads(target.read_text("utf-8"))] == ["a1", "b2", "c3"]


def test_export_refuses_to_overwrite_without_force(run, home: Path, tmp_path: Path) -> None:
    seed(home, *sample())
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    target.chmod(0o644)
    refused = run("export", "-o", str(target))
    assert refused.exit_code == 2
    assert (
        refused.stderr
        == f"movecoach: {target} exists; add --force to replace it, or choose another name\n"
    )
    assert target.read_text() == "keep me"
    run("export", "-o", str(target), "--force", ok=True)
    assert target.read_text("utf-8").startswith("id,date")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-03-02", "--until", "2026-03-01"], "--since 2026-03-02 is after --until"),
        (["--format", "xml"], "unknown format 'xml'; choose csv or json"),
        (["--since", "last week"], "--since must be YYYY-MM-DD, today or yesterday"),
        (["--force"], "--force only goes with --output"),
        (["-o", "{tmp}/no/such/folder/out.csv"], "is not a folder; create it first"),
        (["-o", "{tmp}"], "is a folder; give --output a file name"),
    ],
)
def test_export_refusals_write_nothing(
    run, home: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    seed(home, *sample())
    before = sorted(tmp_path.rglob("*"))
    result = run("export", *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("movecoach: ")
    assert message in line
    assert sorted(tmp_path.rglob("*")) == before


def test_an_exercise_id_csv_would_change_is_never_logged(run, home: Path) -> None:
    result = run("log", "-m", "10", "-x", "a;b")
    assert result.exit_code == 2
    assert result.stderr.startswith("movecoach: --exercise has 'a;b'")
    assert not (home / "log").exists()


# --- import ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_then_import_into_an_empty_home_gives_the_same_sessions(
    run, home: Path, tmp_path: Path, kind: str
) -> None:
    seed(home, *sample())
    exported = tmp_path / f"all.{kind}"
    run("export", "-o", str(exported), ok=True)
    with home_at(tmp_path / "other"):
        result = run("import", str(exported), ok=True)
        assert result.stdout == "Added 3, skipped 0 (already in the log).\n"
        assert logged(tmp_path / "other") == logged(home)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(transfer_sessions_st, max_size=6, unique_by=lambda s: s.id), st.booleans())
def test_any_sessions_survive_export_and_import_into_an_empty_home(
    run, sessions: list[Session], as_json: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with home_at(Path(tmp) / "a") as first:
            Log(first / "log", first / "cache").extend(sessions)
            out = run("export", "-f", "json" if as_json else "csv", ok=True).stdout_bytes
        file = Path(tmp) / "export.txt"  # no extension: the content says which format
        file.write_bytes(out)
        with home_at(Path(tmp) / "b") as second:
            run("import", str(file), ok=True)
            assert logged(second) == logged(first)


def test_importing_twice_adds_nothing(run, home: Path, tmp_path: Path) -> None:
    file = tmp_path / "mine.csv"
    file.write_text("date,minutes,note\n2026-03-01,20,first\n2026-03-02,15,\n", "utf-8")
    assert run("import", str(file), ok=True).stdout == "Added 2, skipped 0 (already in the log).\n"
    before = log_bytes(home)
    assert run("import", str(file), ok=True).stdout == "Added 0, skipped 2 (already in the log).\n"
    assert log_bytes(home) == before


@pytest.mark.parametrize("fmt", [[], ["--format", "csv"]])
def test_import_dash_reads_standard_input(run, home: Path, fmt: list[str]) -> None:
    text = "date,minutes,note\n2026-03-01,20,from a pipe\n"
    result = run("import", "-", *fmt, input=text, ok=True)
    assert result.stdout == "Added 1, skipped 0 (already in the log).\n"
    assert [(s.minutes, s.note) for s in logged(home)] == [(20, "from a pipe")]
    rows = json.dumps([{"date": "2026-03-02", "minutes": 5}])
    assert run("import", "-", "--dry-run", input=rows, ok=True).stdout.startswith("Would add 1")


def test_import_dash_names_standard_input_in_a_bad_row(run, home: Path) -> None:
    result = run("import", "-", input="date,minutes\n2026-03-01,0\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("movecoach: standard input: line 2:")
    assert not (home / "log").exists()


def test_import_skips_ids_already_logged_and_keeps_the_logged_version(
    run, home: Path, tmp_path: Path
) -> None:
    seed(home, session("2026-03-01", id="a1", minutes=20))
    file = tmp_path / "mine.json"
    rows = [{"id": "a1", "date": "2026-03-01", "minutes": 99}, {"date": "2026-03-03", "minutes": 5}]
    file.write_text(json.dumps(rows))
    assert run("import", str(file), ok=True).stdout == "Added 1, skipped 1 (already in the log).\n"
    assert [(s.id == "a1", s.minutes) for s in logged(home)] == [(True, 20), (False, 5)]


def test_a_bad_row_imports_nothing_and_each_bad_row_gets_a_line(
    run, home: Path, tmp_path: Path
) -> None:
    seed(home, session("2026-03-01"))
    before = log_bytes(home)
    file = tmp_path / "mine.csv"
    file.write_text(
        "date,minutes,pain_before,note\n"
        "2026-03-02,20,3,fine\n"
        '2026-03-03,0,,"two\nlines"\n'  # line 3
        "2026-03-05,20,12,\n"  # line 5
        "2026-03-06,20,,fine too\n",
        "utf-8",
    )
    result = run("import", str(file))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"movecoach: {file}: line 3: 'minutes' must be a whole number from 1 to 600, got 0",
        f"movecoach: {file}: line 5: 'pain_before' must be a whole number from 0 to 10, got 12",
    ]
    assert log_bytes(home) == before
    assert backup_files(home) == []


def test_a_bad_json_session_is_named_by_its_position(run, home: Path, tmp_path: Path) -> None:
    file = tmp_path / "mine.json"
    file.write_text(json.dumps([{"date": "2026-03-01", "minutes": 5}, {"date": "2026-03-02"}]))
    result = run("import", str(file))
    assert result.exit_code == 2
    assert result.stderr == f"movecoach: {file}: session 2: 'minutes' is missing\n"
    assert not home.exists()


def test_dry_run_counts_and_writes_nothing(run, home: Path, tmp_path: Path) -> None:
    seed(home, *sample())
    before = log_bytes(home)
    file = tmp_path / "all.csv"
    run("export", "-o", str(file), ok=True)
    file.write_bytes(file.read_bytes() + b",2026-03-04,,5,,,,,,\r\n")
    result = run("import", "--dry-run", str(file), ok=True)
    assert result.stdout == "Would add 1, skip 3 (already in the log).\n"
    assert log_bytes(home) == before
    assert backup_files(home) == []


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("in.csv", None, [], "cannot read it"),
        ("in.csv", b"\xff\xfe\x00bad", [], "is not UTF-8 text"),
        ("in.csv", b"date,minutes,mood\n", [], "line 1: unknown column 'mood'"),
        ("in.json", b"[1, 2", [], "not valid JSON"),
        ("in", b'{"date": "2026-03-01"}', [], "is not a JSON list of sessions"),
        ("in.csv", b"date,minutes\n2026-03-01,5\n", ["--format", "yaml"], "unknown format"),
        ("in.csv", b"date,minutes\n2026-03-01,5\n", ["--format", "json"], "not valid JSON"),
    ],
)
def test_an_unreadable_or_malformed_file_is_one_line(
    run, home: Path, tmp_path: Path, name: str, content: bytes | None, args: list[str], message: str
) -> None:
    file = tmp_path / name
    if content is not None:
        file.write_bytes(content)
    result = run("import", str(file), *args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert message in line
    assert not home.exists()


def test_import_reads_a_spreadsheets_byte_order_mark(run, home: Path, tmp_path: Path) -> None:
    file = tmp_path / "sheet.csv"
    file.write_bytes("\ufeffdate,minutes\r\n2026-03-01,20\r\n".encode())
    run("import", str(file), ok=True)
    assert [s.minutes for s in logged(home)] == [20]


def test_import_refuses_while_a_log_file_is_broken(run, home: Path, tmp_path: Path) -> None:
    seed(home, session("2026-03-01"))
    before = (home / "log" / "2026.toml").read_bytes()
    (home / "log" / "2025.toml").write_text("[[session]\n")
    file = tmp_path / "in.csv"
    file.write_text("date,minutes\n2026-03-02,5\n")
    result = run("import", str(file))
    assert result.exit_code == 2
    assert "2025.toml" in result.stderr
    assert (home / "log" / "2026.toml").read_bytes() == before


# --- backups and restore --------------------------------------------------------------------


def test_undo_delete_and_import_each_leave_a_backup_that_restores_byte_for_byte(
    run, home: Path, tmp_path: Path
) -> None:
    seed(home, *sample())
    path = home / "log" / "2026.toml"
    states = [path.read_bytes()]
    run("delete", "b2", "--yes", ok=True)
    states.append(path.read_bytes())
    run("undo", "--yes", ok=True)  # the last appended: c3
    states.append(path.read_bytes())
    file = tmp_path / "more.csv"
    file.write_text("id,date,minutes\nd4,2026-03-05,5\n")
    run("import", str(file), ok=True)
    kept = backup_files(home)
    assert [k.read_bytes() for k in reversed(kept)] == states
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(k.stat().st_mode) == 0o600 for k in kept)
    oldest = kept[-1]
    result = run("restore", oldest.name, "--yes", ok=True)
    assert path.read_bytes() == states[0]
    assert "Restored 2026.toml: 2 sessions" in result.stdout
    assert [s.id for s in logged(home)] == ["a1", "b2", "c3"]


def test_the_file_a_restore_replaces_is_backed_up_too(run, home: Path) -> None:
    seed(home, session("2026-03-01"), session("2026-03-02"))
    path = home / "log" / "2026.toml"
    run("undo", "--yes", ok=True)
    after_undo = path.read_bytes()
    (only,) = backup_files(home)
    run("restore", str(only), "--yes", ok=True)  # by path this time
    newest = backup_files(home)[0]
    assert newest.read_bytes() == after_undo
    run("restore", newest.name, "--yes", ok=True)
    assert path.read_bytes() == after_undo


@pytest.mark.usefixtures("wide")
def test_restore_lists_backups_newest_first(run, home: Path) -> None:
    seed(home, session("2025-12-30"), session("2026-03-01"), session("2026-03-02"))
    run("undo", "--yes", ok=True)
    first = backup_files(home)[0]
    run("delete", logged(home)[0].id, "--yes", ok=True)
    second = backup_files(home)[0]
    (home / "backups" / "notes.txt").write_text("not mine to list")
    lines = run("restore", ok=True).stdout.splitlines()
    assert lines[0] == f"Backups in {home / 'backups'}, newest first:"
    assert lines[1].split() == [
        second.name,
        "2025.toml",
        *backups.taken(second).split(),
        "1",
        "session",
    ]
    assert lines[2].split() == [
        first.name,
        "2026.toml",
        *backups.taken(first).split(),
        "2",
        "sessions",
    ]
    assert len(lines) == 4


def test_restore_with_no_backups_says_so_and_creates_nothing(run, home: Path) -> None:
    result = run("restore", ok=True)
    assert result.stdout.startswith("No backups yet.")
    assert not home.exists()


def test_restore_asks_and_refuses_without_yes_when_not_a_terminal(run, home: Path) -> None:
    seed(home, session("2026-03-01"), session("2026-03-02"))
    run("undo", "--yes", ok=True)
    before = log_bytes(home)
    (backup,) = backup_files(home)
    result = run("restore", backup.name)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith("add --yes to run it here")
    assert "2026.toml as it was at" in result.stdout
    assert log_bytes(home) == before
    assert backup_files(home) == [backup]


def test_restore_asks_on_a_terminal(run, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(home, session("2026-03-01"), session("2026-03-02"))
    run("undo", "--yes", ok=True)
    before = log_bytes(home)
    (backup,) = backup_files(home)
    # CliRunner swaps stdin for its own wrapper; make that wrapper say it is a terminal.
    monkeypatch.setattr(typer.testing._NamedTextIOWrapper, "isatty", lambda self: True)
    no = run("restore", backup.name, input="n\n", ok=True)
    assert "Nothing restored." in no.stdout
    assert log_bytes(home) == before
    yes = run("restore", backup.name, input="y\n", ok=True)
    assert "Restored 2026.toml: 2 sessions" in yes.stdout


@pytest.mark.usefixtures("wide")
def test_restore_mends_a_broken_log_file(run, home: Path) -> None:
    seed(home, session("2026-03-01"), session("2026-03-02"))
    run("undo", "--yes", ok=True)
    (backup,) = backup_files(home)
    path = home / "log" / "2026.toml"
    path.write_text("[[session]\noops", "utf-8")
    assert run("sessions").exit_code == 2
    result = run("restore", backup.name, "--yes", ok=True)
    assert "Your 2026.toml now: does not parse" in result.stdout
    assert len(logged(home)) == 2
    assert backup_files(home)[0].read_text("utf-8") == "[[session]\noops"


@pytest.mark.usefixtures("wide")
def test_a_broken_backup_is_refused(run, home: Path) -> None:
    seed(home, session("2026-03-01"), session("2026-03-02"))
    run("undo", "--yes", ok=True)
    (backup,) = backup_files(home)
    backup.write_text("[[session]]\nid = 'x'\nminutes = 20\n", "utf-8")  # no date
    before = log_bytes(home)
    result = run("restore", backup.name, "--yes")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "'date' is missing" in line
    assert "nothing was restored" in line
    assert log_bytes(home) == before
    assert "not a valid log file" in run("restore", ok=True).stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "2026.toml.20260101T000000.000000.bak",
            "no backup '2026.toml.20260101T000000.000000.bak'",
        ),
        ("{tmp}/2026.toml", "is not named like a movecoach backup"),
    ],
)
def test_restore_refuses_an_unknown_backup(
    run, home: Path, tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "2026.toml").write_text("")
    result = run("restore", name.format(tmp=tmp_path), "--yes")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (home / "log").exists()


def test_restore_lists_backups_as_json(run, home) -> None:
    run("log", "-m", "10", ok=True)
    run("undo", "--yes", ok=True)
    (item,) = json.loads(run("restore", "--json", ok=True).stdout)
    assert item["file"].endswith(".toml")
    assert item["backup"].startswith(item["file"])
    assert item["sessions"] == 1
    assert len(item["taken"]) == len("2026-11-25 10:08:16")


def test_restore_puts_back_into_the_configured_log_folder(run, home, tmp_path) -> None:
    shared = tmp_path / "synced"
    run("config", "set", "log_dir", str(shared), ok=True)
    run("log", "-m", "10", ok=True)
    (path,) = shared.glob("*.toml")
    before = path.read_bytes()
    run("undo", "--yes", ok=True)
    (item,) = json.loads(run("restore", "--json", ok=True).stdout)
    run("restore", item["backup"], "--yes", ok=True)
    assert path.read_bytes() == before
    assert not (home / "log").exists()


@pytest.mark.usefixtures("wide")
def test_check_lists_problems_and_never_writes(run, home: Path) -> None:
    seed(home, session("2025-03-01"))
    assert run("check", ok=True).stdout.count(": ok") == 3
    (home / "log" / "2026.toml").write_text("[[session]]\nid = 'x'\n")
    (home / "log" / "2024.toml").write_text("this is not toml")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    result = run("check")
    assert result.exit_code == 2
    problems = [line for line in result.stdout.splitlines() if line.startswith("problem:")]
    assert len(problems) == 2
    assert any("2024.toml" in p for p in problems)
    assert any("2026.toml" in p and "'date' is missing" in p for p in problems)
    as_json = run("check", "--json")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["problems"] == [p.removeprefix("problem: ") for p in problems]
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before
