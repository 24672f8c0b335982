"""`movecoach report`: Markdown or HTML, on screen or to a private file, and refusals."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.store.log import Log

from .factories import seed, session
from .report_log import TODAY, known_sessions


@pytest.fixture
def known_log(home: Path, monkeypatch: pytest.MonkeyPatch) -> Log:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    return seed(home, *known_sessions())


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    return lines[0]


def test_report_prints_markdown_by_default(run, known_log) -> None:
    text = run("report", ok=True).stdout
    assert text.startswith("# Activity and back pain summary")
    assert "1. Easy walk: 4 sessions" in text  # names from the bundled catalogue
    assert "- Sun 8 Mar 2026: Flare after gardening" in text


def test_report_json_gives_the_figures_the_markdown_shows(run, known_log, tmp_path) -> None:
    import json

    data = json.loads(run("report", "--json", ok=True).stdout)
    markdown = run("report", ok=True).stdout
    assert data["top_exercises"][0] == {"id": "easy-walk", "name": "Easy walk", "sessions": 4}
    assert "1. Easy walk: 4 sessions" in markdown
    assert {"date": "2026-03-08", "text": "Flare after gardening"} in data["notes"]
    assert len(data["weeks"]) == 4
    assert data["weeks"][-1]["in_progress"] is True
    run("report", "--json", "-o", str(tmp_path / "r.json"), ok=True)
    assert json.loads((tmp_path / "r.json").read_text()) == data


def test_report_json_and_format_are_one_choice(run, known_log) -> None:
    assert "--json and --format" in one_line(run("report", "--json", "--format", "md"))


def test_report_prints_html_and_takes_weeks(run, known_log) -> None:
    page = run("report", "--format", "html", "-w", "2", ok=True).stdout
    assert page.startswith("<!doctype html>")
    assert page.count('<tr><th scope="row">') == 2


def test_report_reads_only_the_years_it_needs(run, home, known_log, monkeypatch) -> None:
    seed(home, session("2024-06-01", note="long ago"), session("2025-12-20", minutes=5))
    asked: list[list[int]] = []
    real = Log.merged

    def spy(self, years=None, window=None):
        if window is not None:  # the months read, as the years they fall in
            years = range(window[0].year, window[1].year + 1)
        years = sorted(years) if years is not None else None
        asked.append(years)
        return real(self, years, window)

    monkeypatch.setattr(Log, "merged", spy)
    run("report", ok=True)
    assert asked == [[2026]]
    run("report", "--weeks", "12", ok=True)  # from Monday 22 December 2025
    assert asked[-1] == [2025, 2026]
    monkeypatch.setattr(cli, "today", lambda: dt.date(2026, 1, 10))
    run("report", "--weeks", "1", ok=True)  # the pain direction's 28 days (and the 14 days
    # before, for flare days) reach December
    assert asked[-1] == [2025, 2026]


@pytest.mark.usefixtures("wide")
def test_output_is_written_private(run, known_log, tmp_path: Path) -> None:
    target = tmp_path / "for-the-physio.html"
    result = run("report", "-f", "html", "-o", str(target), ok=True)
    assert result.stdout.strip() == f"Wrote the report to {target}."
    assert target.read_text("utf-8").startswith("<!doctype html>")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_existing_output_is_kept_without_force(run, known_log, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine\n")
    before = target.stat()
    result = run("report", "--output", str(target))
    assert one_line(result) == (
        f"movecoach: {target} exists; add --force to replace it, or choose another name"
    )
    assert result.stdout == ""
    assert target.read_text() == "mine\n"
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "report.md"]


def test_force_replaces_the_output(run, known_log, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("mine\n")
    run("report", "--output", str(target), "--force", ok=True)
    assert target.read_text("utf-8").startswith("# Activity and back pain summary")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "'pdf' is not one of 'md', 'html'"),
        (["-f", "HTML"], "'HTML' is not one of"),
        (["--weeks", "0"], "must be a whole number from 1 to 52, got '0'"),
        (["--weeks", "53"], "must be a whole number from 1 to 52, got '53'"),
        (["--weeks", "four"], "must be a whole number from 1 to 52, got 'four'"),
        (["--output", "{tmp}/missing/r.md"], "missing is not a folder; create it first"),
        (["--output", "{tmp}"], "is a directory"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    run, known_log, tmp_path: Path, args: list[str], message: str
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("report", *(a.format(tmp=tmp_path) for a in args))
    assert message in one_line(result)
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_write_that_fails_is_one_line(run, known_log, tmp_path, monkeypatch) -> None:
    from movecoach.store import files

    def refuse(path: Path, data: bytes, replace: bool) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "save_new", refuse)
    target = tmp_path / "r.md"
    line = one_line(run("report", "-o", str(target)))
    assert line == f"movecoach: cannot write {target}: Permission denied"
    assert not target.exists()
