"""The installed console script and `python -m movecoach` work with no checkout around them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def script() -> Path:
    path = Path(sys.executable).parent / "movecoach"
    if not path.exists():
        pytest.fail("the movecoach script is not installed next to this Python: pip install .")
    return path


def run(args: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MOVECOACH_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("how", ["script", "module"])
def test_entry_points_run_today(how: str, home: Path, tmp_path: Path) -> None:
    command = [str(script())] if how == "script" else [sys.executable, "-m", "movecoach"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run([*command, "today", "--json"], home, elsewhere)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["exercises"], "the catalogue shipped inside the wheel was read"
    assert data["exercises"][0]["sources"][0]["url"], "and so were its sources"
    assert data["tip"]["text"], "and the tips"
    version = run([*command, "--version"], home, elsewhere)
    assert version.stdout.startswith("movecoach ")
    bad = run([*command, "today", "--pain", "12"], home, elsewhere)
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1
    assert not home.exists()


def test_catalogue_is_read_from_the_installed_package() -> None:
    import movecoach

    package = Path(movecoach.__file__).parent
    assert (package / "data" / "exercises.toml").is_file()
    assert (package / "data" / "sources.toml").is_file()
    assert (package / "data" / "tips.toml").is_file()


@pytest.mark.slow
def test_an_editable_install_finds_the_bundled_catalogue(tmp_path: Path, home: Path) -> None:
    """`pip install -e .` runs from the checkout, where the catalogue is `data/`, not a copy."""
    root = Path(__file__).resolve().parent.parent
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-e", str(root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pip.returncode == 0, pip.stderr
    where = subprocess.run(
        [str(python), "-c", "import movecoach; print(movecoach.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).parent == root / "src" / "movecoach", "not editable"
    result = run([str(venv / "bin" / "movecoach"), "exercises", "--json"], home, tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 45
