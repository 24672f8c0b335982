"""The README stays true: every command is documented, and the quick start is the CI command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from movecoach.cli import all_commands

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def command_names() -> list[str]:
    return sorted(all_commands())


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"`movecoach {name}" in README.read_text("utf-8"), name


def test_quick_start_installs_and_runs_today() -> None:
    text = README.read_text("utf-8")
    block = re.search(r"<!-- run-command -->\n```sh\n(.+)\n```", text)
    assert block, "README has no run command"
    assert "pip install ." in block.group(1)
    assert block.group(1).endswith("movecoach today")


def test_ci_runs_the_readme_test_command() -> None:
    text = README.read_text("utf-8")
    block = re.search(r"<!-- test-command -->\n```sh\n(.+)\n```", text)
    assert block, "README has no test command"
    command = block.group(1)
    assert "'.[test]'" in command
    assert "pytest" in command
    assert "test-command" in (ROOT / ".ci" / "run").read_text("utf-8")
