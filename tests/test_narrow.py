"""Every command, at 40 columns and piped at 80: complete and readable.

No line longer than the terminal, no trailing spaces, nothing cut or dropped, one vocabulary
("exercise"), correct plurals, exercise names rather than ids, and one error form. Commands
are taken from `cli.all_commands()`, so a command added later is run here too: its help and
its plainest call (and, for those listed in `CALLS`, the calls that show the most).

Left out of the width rule, on purpose: data formats (`--json`, `export` to the screen, the
report's Markdown and HTML documents), and stderr, where every message stays one
`movecoach: ...` line for scripts (the terminal wraps it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from movecoach import cli
from movecoach.core.models import make_day_entry, make_session
from movecoach.store.log import Log
from movecoach.ui import live

TODAY = dt.date(2026, 3, 10)
NOTE = "Stiff first thing, then easier after the walk round the park with Sam and the dog"
LONG_ID = "a-very-long-exercise-id-of-my-physiotherapists-own"
SESSION_ID = "3f2a1b9c0d4e5f60"

# Calls beyond `name` and `name --help`; "{id}" is a session's id, "{file}" a file to use.
CALLS: dict[str, list[list[str]]] = {
    "today": [["today", "-m", "30", "-p", "5", "-e", "chair,band"]],
    "start": [["start", "--dry-run", "-m", "20"], ["start", "--no-input", "-m", "5", "--no-log"]],
    "exercises": [["exercises", "knee-rolls"], ["exercises", "-c", "strength"]],
    "log": [["log", "-m", "20", "-x", "knee-rolls", "-x", LONG_ID, "--note", NOTE]],
    "rest": [["rest", "--date", "2026-03-07"], ["rest", "--flare", "--date", "2026-03-06"]],
    "pain": [["pain", "8", "--leg", "3"]],
    "sessions": [["sessions", "--limit", "0"], ["sessions", "--search", "zzz"]],
    "show": [["show", SESSION_ID[:6]]],
    "edit": [["edit", SESSION_ID, "--note", NOTE + " (edited)"]],
    "undo": [["undo", "--yes"]],
    "delete": [["delete", SESSION_ID, "--yes"], ["delete", "zzzz"]],
    "export": [["export", "-o", "{file}.csv"], ["export", "-o", "{file}.json"]],
    "import": [["import", "{file}"]],
    "restore": [["restore"]],
    "history": [["history", "--weeks", "12"], ["history", "--month", "2026-02"]],
    "trend": [["trend", "--days", "42"]],
    "calendar": [["calendar", "--weeks", "104"]],
    "report": [["report", "-o", "{file}.md"]],
    "config": [
        ["config", "get", "minutes"],
        ["config", "path"],
        ["config", "set", "minutes", "20"],
    ],
}
DOCUMENTS = {("report",), ("report", "-f", "html"), ("export",)}  # pasted or parsed, not read


@pytest.fixture(autouse=True)
def known_home(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    monkeypatch.setattr(cli, "now", lambda: dt.datetime(2026, 3, 10, 18, 45))
    log = Log(home / "log", home / "cache", backup_dir=home / "backups")
    sessions = [
        make_session(
            {
                "id": f"s{n:03d}",
                "date": TODAY - dt.timedelta(days=n),
                "minutes": 20 + n,
                "pain_before": 4,
                "pain_after": 3 if n % 2 else 6,
                "exercises": ["knee-rolls", "pelvic-tilt", LONG_ID][: 1 + n % 3],
                "note": NOTE if n % 4 == 0 else None,
            }
        )
        for n in range(1, 40)
        if n not in (6, 7)
    ]
    sessions.append(
        make_session(
            {
                "id": SESSION_ID,
                "date": TODAY,
                "minutes": 15,
                "time": dt.time(7, 30),
                "exercises": ["knee-rolls"],
                "note": NOTE,
            }
        )
    )
    log.extend(sessions)
    log.extend([make_day_entry({"id": "p1", "date": TODAY - dt.timedelta(days=5),
                                "kind": "pain", "pain": 7})])  # fmt: skip
    log.remove("s009")  # a backup for `restore` to list
    (tmp_path / "in.csv").write_text("date,minutes,note\n2026-03-01,10,from my phone\n")

    class FakeTime:  # `start --no-input` without waiting
        now = 0.0

        def monotonic(self) -> float:
            return self.now

        def sleep(self, seconds: float) -> None:
            self.now += seconds

    monkeypatch.setattr(live, "time", FakeTime())
    return home


def calls(tmp_path: Path) -> list[list[str]]:
    found: list[list[str]] = [[]]
    for name in cli.all_commands():
        found += [[name, "--help"], [name]]
        for args in CALLS.get(name, []):
            found.append([a.replace("{file}", str(tmp_path / "out")) for a in args])
    found = [
        [str(tmp_path / "in.csv") if a == str(tmp_path / "out") else a for a in args]
        for args in found
    ]
    return found


WRONG_PLURAL = re.compile(
    r"\b1 (sessions|days|exercises|weeks|records|minutes)\b"
    r"|\b([02-9]|[1-9]\d+) (session|exercise|week|record)\b(?! of)"
)
MOVE_WORD = re.compile(r"\bmoves?\b", re.IGNORECASE)
# An exercise's own steps and caution may say "move slowly"; wrapped lines of them too.
INSTRUCTION = re.compile(r"^\s*(│\s*)?(\d+\.|Caution:|Dose:)?\s+\S|^\s*│")


def check_output(args: list[str], text: str, width: int) -> list[str]:
    """What is wrong with one command's stdout at this width."""
    problems = []
    for line in text.splitlines():
        if cell_len(line) > width:
            problems.append(f"longer than {width}: {line!r}")
        if line != line.rstrip():
            problems.append(f"trailing spaces: {line!r}")
    if "…" in text:
        problems.append("something was cut short with …")
    if WRONG_PLURAL.search(text):
        problems.append(f"a wrong plural: {WRONG_PLURAL.search(text).group()!r}")  # type: ignore[union-attr]
    words = "\n".join(line for line in text.splitlines() if not INSTRUCTION.match(line))
    if MOVE_WORD.search(words):
        problems.append(f"'move' for an exercise: {MOVE_WORD.search(words).group()!r}")  # type: ignore[union-attr]
    return problems


@pytest.mark.parametrize("width", [40, 80], ids=["40 columns", "piped at 80"])
def test_every_command_fits_and_reads_well(
    run: Callable[..., object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    if width == 40:
        monkeypatch.setenv("COLUMNS", "40")
    else:
        monkeypatch.delenv("COLUMNS", raising=False)  # a pipe: no terminal to measure
    problems: dict[str, list[str]] = {}
    for args in calls(tmp_path):
        if tuple(args) in DOCUMENTS:
            continue
        result = run(*args)
        label = " ".join(args) or "(dashboard)"
        found = check_output(args, result.stdout, width)  # type: ignore[attr-defined]
        if result.exit_code not in (0, 1) or result.stderr:  # type: ignore[attr-defined]
            for line in result.stderr.splitlines():  # type: ignore[attr-defined]
                if not line.startswith("movecoach: "):
                    found.append(f"an error not in the one form: {line!r}")
        if result.exit_code not in (0, 1, 2):  # type: ignore[attr-defined]
            found.append(f"exit code {result.exit_code}")  # type: ignore[attr-defined]
        if found:
            problems[label] = found
    report = [f"{label}: {problem}" for label, found in problems.items() for problem in found]
    assert not report, "\n".join(report)


def test_values_survive_a_narrow_screen(run, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 40 columns every value is still there, whole: notes, ids, exercise names."""
    monkeypatch.setenv("COLUMNS", "40")

    def flat(text: str) -> str:
        return " ".join(text.split())

    sessions = flat(run("sessions", "--limit", "0", ok=True).stdout)
    assert NOTE in sessions
    assert SESSION_ID in sessions
    assert "37 sessions, newest first" in sessions
    shown = flat(run("show", SESSION_ID, ok=True).stdout)
    assert "Knee rolls" in shown
    assert "knee-rolls" not in shown  # names, not ids, for people
    assert NOTE in shown
    listing = flat(run("exercises", ok=True).stdout)
    assert "Single knee to chest" in listing
    history = flat(run("history", "--weeks", "3", ok=True).stdout)
    for week in ("23 Feb 2026", "02 Mar 2026", "09 Mar 2026"):
        assert week in history
    calendar = run("calendar", "--weeks", "104", ok=True).stdout
    assert calendar.count("Mon ") >= 3  # the weeks go on in blocks, none dropped
    dashboard = flat(run(ok=True).stdout)
    assert "Knee rolls" in dashboard
