"""Settings: `config.toml` read into typed values from one spec table, and edited in place.

`SETTINGS` is the single list of settings (name, kind, default, range, help); later settings
join it. The file is optional and the user's: unknown keys and bad values are refused with
the file, line and key, a broken file is never written, and `config set` edits the one line
of its key so comments stay. Precedence everywhere: a flag, then the file, then the default.

`movecoach nudge` needs two settings on its fast path, so this module imports no dataclasses
or typing at load time, and keeps a stamp-checked JSON copy of the parsed file in the cache.
"""

from __future__ import annotations

import os

from movecoach.errors import ConfigError

TYPE_CHECKING = False  # typing costs 4 ms on the nudge fast path; mypy reads this block
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

EQUIPMENT = ("chair", "wall", "towel", "band", "bike", "pool")  # = models.EQUIPMENT
DEVICE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
KEY_LINE = r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*="  # a top-level `key =` line


def valid_device(name: str) -> bool:
    """Letters, digits, - and _, up to 40, starting with a letter or digit (no `re`: the
    nudge's fast path reads settings without it)."""
    return 0 < len(name) <= 40 and name[0] not in "_-" and DEVICE_CHARS.issuperset(name)


FILE_HEADER = (
    "# movecoach settings. `movecoach config` lists every setting with its value and where it\n"
    "# comes from; `movecoach config set KEY VALUE` edits this file and keeps your comments.\n"
)


class Setting:
    """One setting: how to read it from TOML or the command line, and its limits."""

    __slots__ = ("choices", "default", "help", "high", "kind", "low", "name")

    def __init__(
        self,
        name: str,
        kind: str,  # "int", "bool", "choice", "equipment", "device" or "path"
        default: Any,
        help: str,
        low: int | None = None,
        high: int | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        self.name, self.kind, self.default, self.help = name, kind, default, help
        self.low, self.high, self.choices = low, high, choices

    def describe(self) -> str:
        if self.kind == "int":
            return f"a whole number from {self.low} to {self.high}"
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return " or ".join(self.choices)
        if self.kind == "equipment":
            return f"a list from {', '.join(EQUIPMENT)}"
        if self.kind == "device":
            return "a name of letters, digits, - and _ (up to 40)"
        return "a folder path"

    def check(self, value: Any) -> Any:
        """The value, if valid; else a `ValueError` saying what is allowed."""
        problem = ValueError(f"{self.name} must be {self.describe()}, got {value!r}")
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise problem
            if not (self.low or 0) <= value <= (self.high or 0):
                raise problem
        elif self.kind == "bool":
            if not isinstance(value, bool):
                raise problem
        elif self.kind == "choice":
            if value not in self.choices:
                raise problem
        elif self.kind == "equipment":
            if not isinstance(value, list) or not all(item in EQUIPMENT for item in value):
                raise problem
            value = sorted(set(value))
        elif self.kind == "device":
            if not isinstance(value, str) or not valid_device(value):
                raise problem
        elif not isinstance(value, str) or not value.strip():
            raise problem
        return value

    def parse(self, text: str) -> Any:
        """A value typed on the command line (`config set KEY VALUE`)."""
        word = text.strip()
        value: Any = word
        if self.kind == "int":
            try:
                value = int(word)
            except ValueError:
                raise ValueError(f"{self.name} must be {self.describe()}, got {text!r}") from None
        elif self.kind == "bool":
            lowered = word.lower()
            if lowered in ("true", "yes", "on", "1"):
                value = True
            elif lowered in ("false", "no", "off", "0"):
                value = False
        elif self.kind == "choice":
            value = word.lower()
        elif self.kind == "equipment":
            parts = [p.strip().lower() for p in word.replace(" ", ",").split(",")]
            value = [p for p in parts if p and p != "none"]
        return self.check(value)

    def toml(self, value: Any) -> str:
        if self.kind == "bool":
            return "true" if value else "false"
        if self.kind == "int":
            return str(value)
        if self.kind == "equipment":
            return "[" + ", ".join(f'"{v}"' for v in value) + "]"  # plain vocabulary words
        import tomli_w  # escapes what TOML strings cannot hold raw

        return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()

    def show(self, value: Any) -> str:
        if self.kind == "equipment":
            return ", ".join(value) if value else "none"
        if self.kind == "bool":
            return "true" if value else "false"
        return "" if value is None else str(value)


SETTINGS: tuple[Setting, ...] = (
    Setting("minutes", "int", 15, "Minutes a session may take; the pacing stays within it.", 5, 90),
    Setting("equipment", "equipment", [], 'Equipment you have, e.g. ["chair", "band"].'),
    Setting("week_start", "choice", "monday", "First day of a week.", choices=("monday", "sunday")),
    Setting("goal_days", "int", 5, "Active days a week to aim for.", 1, 7),
    Setting("goal_minutes", "int", 150, "Minutes a week to aim for.", 30, 1000),
    Setting(
        "nudge_hour", "int", 18, "Hour after which `nudge` reminds you if today is empty.", 0, 23
    ),
    Setting(
        "inactive_days", "int", 2, "Whole days without a session before a firmer nudge.", 1, 14
    ),
    Setting("rest_seconds", "int", 15, "Rest between exercises in `movecoach start`.", 0, 120),
    Setting("adaptive", "bool", True, "Pace plans from your log (build up, hold, step back)."),
    Setting("device", "device", None, "This device's name: it then writes log/YYYY-<device>.toml."),
    Setting(
        "log_dir", "path", None, "Keep the log in this folder (e.g. one your sync tool shares)."
    ),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


def spec(key: str) -> Setting:
    setting = BY_NAME.get(key)
    if setting is None:
        known = ", ".join(BY_NAME)
        raise ConfigError(f"unknown setting {key!r}; the settings are: {known}")
    return setting


class Config:
    """Every setting's value and where it came from ("default" or the file's path)."""

    def __init__(self, path: str, values: dict[str, Any]) -> None:
        self.path = path
        self.file_values = values

    def __getitem__(self, key: str) -> Any:
        if key in self.file_values:
            return self.file_values[key]
        return spec(key).default

    def source(self, key: str) -> str:
        return "file" if key in self.file_values else "default"


def _key_lines(text: str) -> dict[str, int]:
    """Line numbers of top-level `key =` lines (the file has no tables)."""
    import re

    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(KEY_LINE, line)
        if match:
            found.setdefault(match.group(1).strip('"'), number)
    return found


def parse(text: str, name: str) -> dict[str, Any]:
    """The file's settings, validated; `ConfigError` names the file, line and key."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(
            f"{name}: does not parse ({err}); fix it by hand (movecoach will not change it "
            "until it does)"
        ) from err
    lines = _key_lines(text)
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{name}: line {lines[key]}" if key in lines else name
        setting = BY_NAME.get(key)
        if setting is None:
            raise ConfigError(f"{where}: unknown setting {key!r}; known: {', '.join(BY_NAME)}")
        try:
            values[key] = setting.check(value)
        except ValueError as err:
            raise ConfigError(f"{where}: {err}") from None
    return values


def load(path: Path) -> Config:
    """The settings in effect; a missing file means every default."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return Config(str(path), {})
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read it: {err}") from err
    return Config(str(path), parse(text, str(path)))


def cached_load(config_file: str, cache_dir: str) -> Config:
    """`load` for the nudge's fast path: no TOML parser when the file is absent or unchanged
    since its values were cached (stamped by size and mtime, like the log cache)."""
    import time

    try:
        stat = os.stat(config_file)
    except FileNotFoundError:
        return Config(config_file, {})
    except OSError as err:
        raise ConfigError(f"{config_file}: cannot read it: {err}") from err
    stamp = [stat.st_size, stat.st_mtime_ns]
    import marshal

    memo = os.path.join(cache_dir, "config.marshal")
    try:
        with open(memo, "rb") as handle:
            cached = marshal.loads(handle.read())
        if (
            cached.get("file") == config_file
            and cached.get("stamp") == stamp
            and stat.st_mtime_ns < cached.get("at", 0) - 2_000_000_000
            and isinstance(cached.get("values"), dict)
        ):
            return Config(config_file, cached["values"])
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        pass
    from pathlib import Path

    settings = load(Path(config_file))
    payload = {"file": config_file, "stamp": stamp, "at": time.time_ns()}
    payload["values"] = settings.file_values
    try:
        from movecoach.store.files import atomic_write

        atomic_write(Path(memo), marshal.dumps(payload), durable=False)
    except OSError:
        pass
    return settings


# --- editing --------------------------------------------------------------------------------


def _comment_start(line: str) -> int | None:
    """Where a `#` comment starts outside quotes, if anywhere."""
    quote = None
    escaped = False
    for index, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            return index
    return None


def _key_span(lines: Sequence[str], key: str) -> tuple[int, int] | None:
    """The lines [start, end) holding `key = value` (a value may span lines)."""
    import re
    import tomllib

    for start, line in enumerate(lines):
        match = re.match(KEY_LINE, line)
        if match and match.group(1).strip('"') == key:
            for end in range(start + 1, len(lines) + 1):
                try:
                    if key in tomllib.loads("".join(lines[start:end])):
                        return start, end
                except tomllib.TOMLDecodeError:
                    continue
    return None


def edited(text: str, key: str, value: Any) -> str:
    """The file's text with `key` set to `value` (None removes it); every other line,
    comments included, stays as written."""
    setting = spec(key)
    lines = text.splitlines(keepends=True)
    span = _key_span(lines, key)
    if span is None:
        if value is None:
            return text
        prefix = text if not text or text.endswith("\n") else text + "\n"
        return prefix + f"{key} = {setting.toml(value)}\n"
    start, end = span
    if value is None:
        return "".join(lines[:start] + lines[end:])
    last = lines[end - 1].rstrip("\n")
    cut = _comment_start(last) if end - start == 1 else None
    comment = "  " + last[cut:].strip() if cut is not None else ""
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    return "".join(
        [*lines[:start], f"{indent}{key} = {setting.toml(value)}{comment}\n", *lines[end:]]
    )


def write(path: Path, key: str, value: Any) -> None:
    """Set (or with None, unset) one key in the file, atomically, under a lock; a file that
    does not parse is refused before anything is written."""
    from movecoach.store.files import atomic_write, exclusive_lock

    with exclusive_lock(path.parent / ".movecoach-config.lock", 10, f"the settings in {path}"):
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            text = FILE_HEADER
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}: cannot read it: {err}") from err
        before = parse(text, str(path))
        new = edited(text, key, value)
        expected = {k: v for k, v in before.items() if k != key}
        if value is not None:
            expected[key] = value
        try:
            after = parse(new, str(path))
        except ConfigError:
            after = None
        if after != expected:
            raise ConfigError(
                f"{path}: could not change {key!r} without touching other lines; edit the "
                "file by hand"
            )
        atomic_write(path, new.encode("utf-8"))
