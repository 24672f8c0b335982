"""The nudge's fast path in process: its hand-read options and hand-written JSON."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movecoach import nudge


@given(st.text())
def test_hand_written_json_text_reads_back_exactly(text: str) -> None:
    written = nudge.json_value(text)
    assert written.isascii()
    assert json.loads(written) == text


def test_a_json_object_of_every_kind_of_value() -> None:
    line = nudge.json_object(due=None, message="a “quoted” \\ line\n", done=True, n=3)
    assert json.loads(line) == {
        "due": None,
        "message": "a “quoted” \\ line\n",
        "done": True,
        "n": 3,
    }


@pytest.mark.parametrize(
    ("args", "quiet", "as_json"),
    [([], False, False), (["-q"], True, False), (["--json", "--quiet"], True, True)],
)
def test_options(args: list[str], quiet: bool, as_json: bool) -> None:
    options = nudge.parse(args)
    assert options is not None
    assert (options.quiet, options.json) == (quiet, as_json)


@pytest.mark.parametrize("args", [["--loud"], ["--json=yes"], ["extra"]])
def test_an_unknown_option_goes_to_the_full_cli(args: list[str]) -> None:
    assert nudge.parse(args) is None
