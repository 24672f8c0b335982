"""The HTML report in a real headless Chromium: it renders, has the chart, and prints on A4
to one page for four ordinary weeks and to two at most for long periods and long notes.

Skipped, with the reason, only where no Chromium is installed (`.ci/run` installs it).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from movecoach import cli
from movecoach.core import report, stats
from movecoach.core.models import Session
from movecoach.store.catalogue import load_bundled
from movecoach.ui import report_html

from .factories import checkin, seed, session

TODAY = dt.date(2026, 3, 10)
TIMEOUT = 120  # seconds; a cold start on a slow CI machine can take a while


def find_chromium() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (`apt-get install chromium`; .ci/run does it), "
    "so the HTML report was not checked in a browser",
)


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with everything that would reach the network switched off."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # containers and CI runners as root have no user namespaces
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT, check=False, stdin=None
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def pdf_pages(pdf: Path) -> int:
    """Pages in a PDF: `pdfinfo` when present, else the page objects Chromium writes."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        found = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
        assert found, out
        return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def print_pages(page: Path, work: Path) -> int:
    pdf = work / f"{page.stem}.pdf"
    chromium(work / "profile", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.read_bytes().startswith(b"%PDF-"), "Chromium wrote no PDF"
    return pdf_pages(pdf)


@pytest.fixture
def four_weeks(run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ordinary month, written by the real command: a session most days, a few notes."""
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    rng = random.Random(4)
    sessions = []
    for back in range(27, -1, -1):
        if rng.random() < 0.2:
            continue
        sessions.append(
            session(
                TODAY - dt.timedelta(days=back),
                minutes=rng.randint(10, 40),
                pain_before=rng.randint(3, 8),
                pain_after=rng.randint(2, 6),
                exercises=tuple(rng.sample(["knee-rolls", "easy-walk", "bridge", "cat-camel"], 2)),
                note="Stiff after the drive; the walk eased it." if back % 6 == 0 else None,
            )
        )
    seed(home, *sessions)
    target = tmp_path / "four-weeks.html"
    run("report", "--format", "html", "--output", str(target), ok=True)
    return target


def test_the_report_renders_with_its_chart_and_weeks(four_weeks: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path / "profile", "--dump-dom", four_weeks.as_uri()).stdout
    assert "<svg" in dom
    assert 'aria-labelledby="chart-title"' in dom
    assert dom.count("<rect") >= 4  # a bar a week (and the legend)
    assert "<polyline" in dom
    for monday in ("Mon 16 Feb 2026", "Mon 23 Feb 2026", "Mon 2 Mar 2026", "Mon 9 Mar 2026"):
        assert f'<th scope="row">{monday}' in dom, monday
    assert "movecoach does not diagnose" in dom


def test_four_ordinary_weeks_print_on_one_page(four_weeks: Path, tmp_path: Path) -> None:
    assert print_pages(four_weeks, tmp_path) == 1


def test_four_weeks_with_check_ins_and_the_review_line_print_on_one_page(
    four_weeks: Path, run, home: Path, tmp_path: Path
) -> None:
    """The same month after 8 weeks of use with pain no better, three activities checked in
    three times, scores up by a point: the review line gives both reasons."""
    first_weeks = [
        session(TODAY - dt.timedelta(days=back), minutes=15, pain_before=5)
        for back in range(56, 42, -1)
    ]
    names = ("Putting on socks", "Sitting through a film", "Carrying the shopping")
    checkins = [
        checkin(TODAY - dt.timedelta(weeks=weeks), *((name, score) for name in names))
        for score, weeks in ((3, 8), (3, 4), (4, 0))
    ]
    seed(home, *first_weeks, *checkins)
    target = tmp_path / "with-progress.html"
    run("report", "--format", "html", "--output", str(target), ok=True)
    page = target.read_text("utf-8")
    assert "Worth seeing a GP or physiotherapist" in page
    assert "; and check-in scores have risen" in page
    assert page.count("since 13 Jan 2026") == 3
    assert print_pages(target, tmp_path) == 1


def long_log(weeks: int, per_day: int, note_every: int) -> list[Session]:
    rng = random.Random(weeks)
    ids = [e.id for e in load_bundled()]
    note = "How the back felt, the drive to work, sleep, and what the physio said. " * 14
    out = []
    for back in range(weeks * 7 + 28):
        for k in range(per_day):
            number = back * per_day + k
            out.append(
                Session(
                    id=f"s{number}",
                    date=TODAY - dt.timedelta(days=back),
                    minutes=rng.randint(5, 90),
                    pain_before=rng.randint(2, 10),
                    pain_after=rng.randint(1, 9),
                    exercises=(*rng.sample(ids, 4), "my-own-move"),
                    note=note[: rng.randint(300, 1000)] if number % note_every == 0 else None,
                )
            )
    return out


@pytest.mark.parametrize(
    ("weeks", "per_day", "note_every"),
    [
        (12, 1, 9),  # three months with several long notes
        (52, 3, 1),  # the longest report: a year, three sessions a day, every one a long note
    ],
)
def test_long_reports_print_on_two_pages_at_most(
    tmp_path: Path, weeks: int, per_day: int, note_every: int
) -> None:
    names = {e.id: e.name for e in load_bundled()}
    built = report.build_report(
        long_log(weeks, per_day, note_every), TODAY, weeks, stats.Goal(), names
    )
    assert len(built.notes) >= 1
    page = tmp_path / f"weeks-{weeks}.html"
    page.write_text(report_html.to_html(built), "utf-8")
    assert 1 <= print_pages(page, tmp_path) <= 2
