"""Where movecoach keeps its files.

`MOVECOACH_HOME`, when set, holds everything (config, log, cache, backups) so tests and synced
folders need one variable; otherwise the platform's user dirs are used. Worked out on every
call, never cached, so a test that changes the variable is seen at once. Nothing here creates
a folder: read-only commands must leave the disk untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "movecoach"
HOME_ENV = "MOVECOACH_HOME"


def home() -> Path | None:
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
