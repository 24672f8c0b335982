"""`report_html`: one self-contained page, with the chart, the weeks and every user string
escaped. `test_report_browser.py` checks the same page in a real browser."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach.core import report, stats
from movecoach.ui import report_html

from .factories import session, sessions_st
from .report_log import TODAY, known_report, malicious_report, progress_report


@pytest.fixture
def built() -> report.Report:
    return known_report()


def test_html_is_self_contained(built: report.Report) -> None:
    page = report_html.to_html(built)
    assert page.startswith("<!doctype html>")
    lower = page.lower()
    for banned in ("<script", "https:", "http:", "src=", "href=", "url(", "@import", "<link"):
        assert banned not in lower, banned
    # a policy that forbids scripts and fetches, should escaping ever fail
    assert "content-security-policy" in lower
    assert "default-src 'none'" in page
    assert "@page { size: A4;" in page


def test_html_has_the_chart_the_weeks_and_the_caveat(built: report.Report) -> None:
    page = report_html.to_html(built)
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert '<title id="chart-title">' in svg
    assert svg.count("<circle") == 4 + 1  # pain before in each week, and the legend
    assert "goal, 150 min" in svg
    assert 'stroke-dasharray="6 4"' in svg  # the goal line
    assert page.count('<tr><th scope="row">') == 4
    assert '<th scope="row">Mon 9 Mar 2026 (so far)</th>' in page
    assert "movecoach does not diagnose" in page
    assert '<time datetime="2026-03-08">Sun 8 Mar 2026</time>: Flare after gardening' in page


def test_an_empty_log_still_has_a_chart_and_says_so() -> None:
    page = report_html.to_html(report.build_report([], TODAY, 4, stats.Goal(), {}))
    assert "<svg" in page
    assert "<polyline" not in page  # no pain scores, no lines
    assert page.count('<p class="muted">No notes in this period.</p>') == 1
    assert '<p class="muted">None in this period.</p>' in page


def test_user_text_is_escaped() -> None:
    page = report_html.to_html(malicious_report())
    assert "<script" not in page.lower()
    assert "<img" not in page
    assert "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    assert "&lt;b&gt;odd&lt;/b&gt;: 1 session" in page
    assert "<strong>&lt;script&gt;alert(&quot;x&quot;)" in page  # a check-in's activity


def test_a_note_cannot_close_its_list_or_open_an_attribute() -> None:
    note = "</li></ul><p onclick='x'>\"quoted\" & done"
    page = report_html.to_html(
        report.build_report([session(TODAY, note=note)], TODAY, 1, stats.Goal(), {})
    )
    assert (
        '<li><time datetime="2026-03-10">Tue 10 Mar 2026</time>: &lt;/li&gt;&lt;/ul&gt;'
        "&lt;p onclick=&#x27;x&#x27;&gt;&quot;quoted&quot; &amp; done</li>"
    ) in page
    assert page.count("<ul") == page.count("</ul>") == 1


def test_the_chart_labels_at_most_13_weeks_and_always_the_current_one() -> None:
    long = [session(TODAY - dt.timedelta(days=n), pain_before=4) for n in range(0, 364, 3)]
    page = report_html.to_html(report.build_report(long, TODAY, 52, stats.Goal(), {}))
    svg = page[page.index("<svg") : page.index("</svg>")]
    labels = re.findall(r'text-anchor="middle">([^<]*)</text>', svg)
    assert 1 < len(labels) <= 13
    assert labels[-1] == "9 Mar"
    assert svg.count("<title>Week from ") == 52  # a bar, with its tip, for every week


@given(st.lists(sessions_st, max_size=30), st.integers(1, 52))
def test_html_stays_inert(sessions, weeks) -> None:
    built = report.build_report(sessions, dt.date(2040, 6, 15), weeks, stats.Goal(), {})
    page = report_html.to_html(built)
    assert "<script" not in page.lower()
    assert page.count('<tr><th scope="row">') == weeks


def test_html_shows_the_review_and_each_activitys_check_ins_in_the_summary() -> None:
    page = report_html.to_html(progress_report())
    summary = page[page.index('<dl class="summary">') : page.index("</dl>")]
    assert summary.index("Worth seeing a GP or physiotherapist:") < summary.index("Activity")
    assert "after 8 weeks, pain before sessions averages 6" in summary
    assert "PSFS: 0 can&#x27;t,<br>10 as before" in summary
    assert (
        "<li><strong>Putting on socks</strong>: 2 (12 Jan) → 3 (9 Feb) → 3 (10 Feb) → 5 (9 Mar); "
        "+3 since 12 Jan 2026</li>"
    ) in summary


def test_html_without_check_ins_says_so() -> None:
    page = report_html.to_html(known_report())
    assert "<dt>Check-ins</dt><dd>No progress check-ins logged.</dd>" in page
    assert "Worth seeing" not in page
