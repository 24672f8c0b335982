"""Where movecoach keeps its files.

`MOVECOACH_HOME`, when set, holds everything (config, log, cache, backups) so tests and synced
folders need one variable; otherwise the platform's user folders from platformdirs are used.
Worked out on every call, never cached, so a test that changes the variable is seen at once.
Nothing here creates a folder: read-only commands must leave the disk untouched.

`fast_dirs` gives the same folders as strings without importing platformdirs or pathlib (about
18 ms together), for `movecoach nudge` on a shell prompt, on Linux, macOS and Windows; a test
keeps it equal to platformdirs on each.
"""

from __future__ import annotations

import os
import sys

APP = "movecoach"
HOME_ENV = "MOVECOACH_HOME"
DEVICE_ENV = "MOVECOACH_DEVICE"
TYPE_CHECKING = False  # typing costs 4 ms on the nudge fast path; mypy reads this block
if TYPE_CHECKING:
    from pathlib import Path

    from movecoach.store.settings import Settings


def home() -> Path | None:
    from pathlib import Path

    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    root = home()
    if root is not None:
        return root
    import platformdirs

    return platformdirs.user_config_path(APP)


def data_dir() -> Path:
    root = home()
    if root is not None:
        return root
    import platformdirs

    return platformdirs.user_data_path(APP)


def cache_dir() -> Path:
    root = home()
    if root is not None:
        return root / "cache"
    import platformdirs

    return platformdirs.user_cache_path(APP)


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_exercises_file() -> Path:
    return config_dir() / "exercises.toml"


def log_dir() -> Path:
    return data_dir() / "log"


def backups_dir() -> Path:
    return data_dir() / "backups"


def state_dir() -> Path:
    """This device's state: the nudge's snooze (and what `remind` installed). Never synced."""
    root = home()
    if root is not None:
        return root / "state"
    import platformdirs

    return platformdirs.user_state_path(APP)


def timers_dir(platform: str = sys.platform) -> Path | None:
    """Where the user's timers live: systemd's user units on Linux, launchd's agents on
    macOS; None on Windows, whose scheduled tasks are no files of ours."""
    from pathlib import Path

    if platform == "darwin":
        return Path("~/Library/LaunchAgents").expanduser()
    if platform == "win32":
        return None
    config = _xdg("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    return Path(config) / "systemd" / "user"


def home_env() -> dict[str, str]:
    """The environment a timer must keep to find the same files: `MOVECOACH_HOME`, if set."""
    value = os.environ.get(HOME_ENV)
    return {HOME_ENV: os.path.abspath(os.path.expanduser(value))} if value else {}


def fast_dirs(platform: str = sys.platform) -> tuple[str, str, str, str] | None:
    """(config, data, cache, state) folders as strings, the ones platformdirs gives, without
    importing it: under MOVECOACH_HOME, else Linux's XDG folders, macOS's Library (or XDG
    folders when set, as platformdirs does) and Windows's %LOCALAPPDATA%. None where that
    cannot be told (Android, Windows without LOCALAPPDATA): use the functions above."""
    value = os.environ.get(HOME_ENV)
    if value:
        root = os.path.expanduser(value)
        return root, root, os.path.join(root, "cache"), os.path.join(root, "state")
    if platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        if not local or os.environ.get("WIN_PD_OVERRIDE_LOCAL_APPDATA"):
            return None  # platformdirs knows the override's rules
        data = os.path.join(os.path.normpath(local), APP, APP)
        return data, data, os.path.join(data, "Cache"), data
    if platform == "darwin":
        support = "~/Library/Application Support"
        defaults = (support, support, "~/Library/Caches", support)
    elif platform.startswith("linux") and not os.environ.get("ANDROID_DATA"):
        defaults = ("~/.config", "~/.local/share", "~/.cache", "~/.local/state")
    else:
        return None
    names = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
    config, data, cache, state = (
        os.path.join(_xdg(name) or os.path.expanduser(default), APP)
        for name, default in zip(names, defaults, strict=True)
    )
    return config, data, cache, state


def _xdg(variable: str) -> str | None:
    """An XDG folder variable, if it holds an absolute path (platformdirs ignores others)."""
    folder = os.environ.get(variable, "")
    return folder if folder.startswith("/") else None


def colour() -> bool | None:
    """Whether output is coloured: False when `NO_COLOR` is set (it wins over everything),
    True when `FORCE_COLOR` (any value, as force-color.org says) or `CLICOLOR_FORCE` (any
    but 0) is, even through a pipe or with `TERM=dumb`; None to decide from the terminal
    (no colour in a pipe or on a `TERM=dumb` terminal)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0"):
        return True
    return None


def shows_colour(terminal: bool) -> bool:
    """Whether output in colour is wanted, `colour` first, then whether the output is a
    `terminal` that can show colour (not `TERM=dumb`)."""
    wanted = colour()
    if wanted is not None:
        return wanted
    return terminal and os.environ.get("TERM", "") not in ("dumb", "unknown")


def columns() -> int | None:
    """The terminal's width: `COLUMNS`, else the terminal's own; None in a pipe."""
    value = os.environ.get("COLUMNS", "")
    if value.isascii() and value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return None


def dumb_terminal() -> bool:
    """`TERM=dumb`: a terminal (or a screen reader's console) that cannot move the cursor."""
    return os.environ.get("TERM") == "dumb"


def device_env() -> str | None:
    """This device's name from `MOVECOACH_DEVICE`, if set (it wins over the setting)."""
    return os.environ.get(DEVICE_ENV) or None


class Paths:
    """Where this command's files are, worked out once from the environment and settings."""

    __slots__ = ("backups_dir", "cache_dir", "config_file", "device", "exercises_file", "log_dir")

    config_file: Path
    exercises_file: Path
    log_dir: Path
    cache_dir: Path
    backups_dir: Path
    device: str | None

    def __init__(self, settings: Settings) -> None:
        from pathlib import Path

        from movecoach.errors import InputError
        from movecoach.store.settings import valid_device

        device = device_env() or settings.device
        if device is not None and not valid_device(device):
            raise InputError(
                f"{DEVICE_ENV} must be letters, digits, - and _ (up to 40), got {device!r}"
            )
        folder = Path(settings.log_dir).expanduser() if settings.log_dir else log_dir()
        values = {
            "config_file": config_file(),
            "exercises_file": user_exercises_file(),
            "log_dir": folder,
            "cache_dir": cache_dir(),
            "backups_dir": backups_dir(),
            "device": device,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"paths are read-only: {name}")
