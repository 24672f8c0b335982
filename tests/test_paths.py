"""Files live under MOVECOACH_HOME when it is set, else in the platform's user folders."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from movecoach import paths


def test_home_holds_everything(home: Path) -> None:
    assert paths.config_file() == home / "config.toml"
    assert paths.user_exercises_file() == home / "exercises.toml"
    assert paths.log_dir() == home / "log"
    assert paths.cache_dir() == home / "cache"
    assert paths.backups_dir() == home / "backups"


def test_platform_dirs_without_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOVECOACH_HOME")
    assert paths.config_file() == platformdirs.user_config_path("movecoach") / "config.toml"
    assert paths.log_dir() == platformdirs.user_data_path("movecoach") / "log"
    assert paths.cache_dir() == platformdirs.user_cache_path("movecoach")


def test_home_is_read_on_every_call(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MOVECOACH_HOME", str(tmp_path / "a"))
    first = paths.log_dir()
    monkeypatch.setenv("MOVECOACH_HOME", str(tmp_path / "b"))
    assert paths.log_dir() != first
    assert paths.log_dir() == tmp_path / "b" / "log"
