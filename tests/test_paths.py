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


XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def platform_dirs(kind: type[platformdirs.PlatformDirsABC]) -> list[Path]:
    found = kind("movecoach", appauthor=None)
    dirs = (found.user_config_dir, found.user_data_dir, found.user_cache_dir)
    return [Path(p) for p in (*dirs, found.user_state_dir)]


@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-elsewhere", "relative/ignored"])
@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_fast_dirs_agree_with_platformdirs_on_linux_and_macos(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, platform: str
) -> None:
    from platformdirs.macos import MacOS
    from platformdirs.unix import Unix

    monkeypatch.delenv("MOVECOACH_HOME")
    for variable in XDG:
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}/{variable.lower()}")
    fast = paths.fast_dirs(platform)
    assert fast is not None
    assert [Path(p) for p in fast] == platform_dirs(MacOS if platform == "darwin" else Unix)
    if sys.platform.startswith("linux") and platform == "linux":
        assert [Path(p) for p in fast] == [
            paths.config_dir(),
            paths.data_dir(),
            paths.cache_dir(),
            paths.state_dir(),
        ]


def test_fast_dirs_agree_with_platformdirs_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import windows

    monkeypatch.delenv("MOVECOACH_HOME")
    monkeypatch.delenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", "/Users/sam/AppData/Local")
    monkeypatch.setattr(windows, "_RESOLVE_WIN_FOLDER", windows.get_win_folder_from_env_vars)
    fast = paths.fast_dirs("win32")
    assert fast is not None
    assert [Path(p) for p in fast] == platform_dirs(windows.Windows)
    monkeypatch.delenv("LOCALAPPDATA")
    assert paths.fast_dirs("win32") is None, "platformdirs asks Windows itself then"


def test_fast_dirs_give_way_where_they_cannot_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOVECOACH_HOME")
    assert paths.fast_dirs("emscripten") is None
    monkeypatch.setenv("ANDROID_DATA", "/data")
    assert paths.fast_dirs("linux") is None


def test_fast_dirs_under_home(home: Path) -> None:
    assert paths.fast_dirs() == (str(home), str(home), str(home / "cache"), str(home / "state"))
    assert paths.state_dir() == home / "state"


def test_android_has_no_fast_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOVECOACH_HOME")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("ANDROID_DATA", "/data")
    assert paths.fast_dirs() is None
    monkeypatch.delenv("ANDROID_DATA")
    assert paths.fast_dirs() is not None
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths.fast_dirs() is not None  # macOS's Library folders, Android or not


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
        "/home/me/.local/state/movecoach",
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


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, None),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "0"}, True),  # force-color.org: any value forces
        ({"CLICOLOR_FORCE": "1"}, True),
        ({"CLICOLOR_FORCE": "0"}, None),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1", "CLICOLOR_FORCE": "1"}, False),
        ({"NO_COLOR": ""}, None),  # set but empty: ignored, as no-color.org says
    ],
)
def test_colour_choice(monkeypatch: pytest.MonkeyPatch, settings: dict[str, str], expected) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    assert paths.colour() is expected
