"""Shared fixtures: every test gets its own MOVECOACH_HOME so no test can touch a real log."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mutation testing (tools/mutation.py) runs the tests once per mutant: fewer examples each.
settings.register_profile(
    "mutation",
    max_examples=10,
    derandomize=True,  # the same examples for every mutant: a score does not drift
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private MOVECOACH_HOME (not yet created: read-only commands must not create it)."""
    path = tmp_path / "home"
    monkeypatch.setenv("MOVECOACH_HOME", str(path))
    monkeypatch.delenv("MOVECOACH_DEVICE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return path


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal wide enough that no line wraps: for tests of wording that hold long
    temporary paths (`test_narrow` checks the wrapping itself)."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    from movecoach.cli import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, ok: bool = False) -> Result:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=not ok)
        if ok:
            assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    return invoke
