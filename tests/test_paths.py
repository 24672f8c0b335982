"""Files live under MOVECOACH_HOME when it is set, else in the platform's user folders."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from movecoach.store import paths


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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux-only")
@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-elsewhere"])
def test_fast_dirs_agree_with_platformdirs(monkeypatch: pytest.MonkeyPatch, xdg) -> None:
    monkeypatch.delenv("MOVECOACH_HOME")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}/{variable.lower()}")
    fast = paths.fast_dirs()
    assert fast is not None
    assert [Path(p) for p in fast] == [paths.config_dir(), paths.data_dir(), paths.cache_dir()]


def test_fast_dirs_under_home(home: Path) -> None:
    assert paths.fast_dirs() == (str(home), str(home), str(home / "cache"))


def test_android_has_no_fast_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOVECOACH_HOME")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("ANDROID_DATA", "/data")
    assert paths.fast_dirs() is None
    monkeypatch.delenv("ANDROID_DATA")
    assert paths.fast_dirs() is not None
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths.fast_dirs() is None


def test_a_blank_xdg_variable_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOVECOACH_HOME")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.setenv("HOME", "/home/me")
    monkeypatch.setenv("XDG_CONFIG_HOME", "  ")
    monkeypatch.setenv("XDG_DATA_HOME", "/d")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert paths.fast_dirs() == (
        "/home/me/.config/movecoach",
        "/d/movecoach",
        "/home/me/.cache/movecoach",
    )


def test_a_device_named_in_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    from movecoach.store.settings import Settings

    assert paths.device_env() is None
    assert paths.Paths(Settings("c", {"device": "laptop"})).device == "laptop"
    monkeypatch.setenv("MOVECOACH_DEVICE", "phone")
    assert paths.device_env() == "phone"
    assert paths.Paths(Settings("c", {"device": "laptop"})).device == "phone"
    monkeypatch.setenv("MOVECOACH_DEVICE", "")
    assert paths.device_env() is None


def test_paths_follow_the_settings_and_are_read_only(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movecoach.errors import InputError
    from movecoach.store.settings import Settings

    monkeypatch.setenv("HOME", str(home))
    found = paths.Paths(Settings("c", {"log_dir": "~/synced"}))
    assert found.log_dir == home / "synced"
    assert (found.cache_dir, found.backups_dir) == (home / "cache", home / "backups")
    assert (found.config_file, found.exercises_file) == (
        home / "config.toml",
        home / "exercises.toml",
    )
    assert found.device is None
    with pytest.raises(AttributeError, match="paths are read-only: log_dir"):
        found.log_dir = home  # type: ignore[misc]
    monkeypatch.setenv("MOVECOACH_DEVICE", "my phone")
    with pytest.raises(InputError, match="MOVECOACH_DEVICE must be letters, digits, - and _"):
        paths.Paths(Settings("c", {}))
