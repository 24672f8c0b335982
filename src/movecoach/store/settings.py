"""Settings: `config.toml` read into a typed, frozen `Settings`, and edited in place.

`SETTINGS` is the one table of settings (name, kind, default, limits, help); parsing,
checking, `movecoach config` and the typed attributes of `Settings` all come from it. The file
is optional and the user's: unknown keys and bad values are refused with the file, line and
key, a broken file is never written, and `config set` edits the lines of its key so every
comment stays. Precedence everywhere: a flag, then the file, then the default.

`movecoach nudge` reads settings on its fast path, so this module imports neither
dataclasses nor typing at run time, and the parsed values of the file are kept in the one
cache (`store.memo`), keyed by the file's bytes like everything else derived from a file.
"""

from __future__ import annotations

from movecoach.errors import ConfigError

TYPE_CHECKING = False  # typing costs 4 ms on the nudge fast path; mypy reads this block
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any

    from movecoach.store.memo import Memo

EQUIPMENT = ("chair", "wall", "towel", "band", "bike", "pool")  # = core.models.EQUIPMENT
TAGS = ("floor", "kneeling", "in-bed", "desk", "extension", "flexion", "nerve")  # = models.TAGS
ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# The ISO 3166 codes whose emergency numbers movecoach knows: the keys of core.safety.NUMBERS
# (kept here so reading settings loads no more than it must; a test holds the two equal).
COUNTRY_CODES = (
    "GB IE US CA AU NZ IS NO CH AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT "
    "RO SK SI ES SE"
)
COUNTRIES = frozenset(COUNTRY_CODES.split())
DEVICE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
KEY_LINE = r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*="  # a top-level `key =` line
FILE_HEADER = (
    "# movecoach settings. `movecoach config` lists every setting with its value and where it\n"
    "# comes from; `movecoach config set KEY VALUE` edits this file and keeps your comments.\n"
)


def valid_device(name: str) -> bool:
    """Letters, digits, - and _, up to 40, starting with a letter or digit (no `re`: the
    nudge's fast path reads settings without it)."""
    return 0 < len(name) <= 40 and name[0] not in "_-" and DEVICE_CHARS.issuperset(name)


# --- one checker per kind of value --------------------------------------------------------------


def _check_int(setting: Setting, value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if (setting.low or 0) <= value <= (setting.high or 0) else None


def _check_bool(setting: Setting, value: Any) -> Any:
    return value if isinstance(value, bool) else None


def _check_choice(setting: Setting, value: Any) -> Any:
    return value if value in setting.choices else None


def _check_equipment(setting: Setting, value: Any) -> Any:
    if not isinstance(value, list) or not all(item in EQUIPMENT for item in value):
        return None
    return sorted(set(value))


def avoidable(word: Any) -> bool:
    """A tag, or a word shaped like an exercise id (kebab-case, as `make_exercise` wants):
    which ids exist is the catalogue's business, and the catalogue is a file."""
    if not isinstance(word, str) or word in TAGS:
        return isinstance(word, str)
    parts = word.split("-")
    return 0 < len(word) <= 64 and all(part and ID_CHARS.issuperset(part) for part in parts)


def _check_avoid(setting: Setting, value: Any) -> Any:
    if not isinstance(value, list) or not all(avoidable(item) for item in value):
        return None
    return list(dict.fromkeys(value))


def _check_device(setting: Setting, value: Any) -> Any:
    return value if isinstance(value, str) and valid_device(value) else None


def _check_country(setting: Setting, value: Any) -> Any:
    if not isinstance(value, str) or value.strip().upper() not in COUNTRIES:
        return None
    return value.strip().upper()


def _check_path(setting: Setting, value: Any) -> Any:
    """A folder the same wherever a command runs: absolute, or under `~` (a relative path
    would be a different folder in every shell)."""
    import os

    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        return None
    return value if os.path.isabs(os.path.expanduser(value.strip())) else None


def _words_int(text: str) -> Any:
    word = text.strip()
    return int(word) if word and word.isascii() and word.isdigit() else text


def _words_list(text: str) -> Any:
    parts = [p.strip().lower() for p in text.replace(" ", ",").split(",")]
    return [p for p in parts if p and p != "none"]


def _words_bool(text: str) -> Any:
    word = text.strip().lower()
    if word in ("true", "yes", "on", "1"):
        return True
    if word in ("false", "no", "off", "0"):
        return False
    return text


# kind: (check a TOML value, read typed text, describe what is allowed)
KINDS: dict[str, tuple[Callable[[Setting, Any], Any], Callable[[str], Any], str]] = {
    "int": (_check_int, _words_int, "a whole number from {low} to {high}"),
    "bool": (_check_bool, _words_bool, "true or false"),
    "choice": (_check_choice, lambda text: text.strip().lower(), "{choices}"),
    "equipment": (_check_equipment, _words_list, "a list from " + ", ".join(EQUIPMENT)),
    "avoid": (
        _check_avoid,
        _words_list,
        "a list of tags (" + ", ".join(TAGS) + ") or exercise ids",
    ),
    "device": (_check_device, str.strip, "a name of letters, digits, - and _ (up to 40)"),
    "path": (_check_path, str.strip, "an absolute folder path (use an absolute path or ~)"),
    "country": (
        _check_country,
        str.strip,
        "a two-letter country code movecoach knows: " + ", ".join(sorted(COUNTRIES)),
    ),
}


class Setting:
    """One setting: how to read it from TOML or the command line, and its limits."""

    __slots__ = ("choices", "default", "help", "high", "kind", "low", "name")

    def __init__(
        self,
        name: str,
        kind: str,
        default: Any,
        help: str,
        low: int | None = None,
        high: int | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        self.name, self.kind, self.default, self.help = name, kind, default, help
        self.low, self.high, self.choices = low, high, choices

    def describe(self) -> str:
        return KINDS[self.kind][2].format(
            low=self.low, high=self.high, choices=" or ".join(self.choices)
        )

    def check(self, value: Any) -> Any:
        """The value, if valid; else a `ValueError` saying what is allowed."""
        checked = KINDS[self.kind][0](self, value)
        if checked is None:
            raise ValueError(f"{self.name} must be {self.describe()}, got {value!r}")
        return checked

    def parse(self, text: str) -> Any:
        """A value typed on the command line (`config set KEY VALUE`)."""
        value = KINDS[self.kind][1](text)
        try:
            return self.check(value)
        except ValueError:
            raise ValueError(f"{self.name} must be {self.describe()}, got {text!r}") from None

    def toml(self, value: Any) -> str:
        if self.kind == "bool":
            return "true" if value else "false"
        if self.kind == "int":
            return str(value)
        if self.kind in ("equipment", "avoid"):
            return "[" + ", ".join(f'"{v}"' for v in value) + "]"  # plain kebab-case words
        import tomli_w  # escapes what TOML strings cannot hold raw

        return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()

    def show(self, value: Any) -> str:
        if self.kind in ("equipment", "avoid"):
            return ", ".join(value) if value else "none"
        if self.kind == "bool":
            return "true" if value else "false"
        return "" if value is None else str(value)


SETTINGS: tuple[Setting, ...] = (
    Setting("minutes", "int", 15, "Minutes a session may take; the pacing stays within it.", 5, 90),
    Setting("equipment", "equipment", [], 'Equipment you have, e.g. ["chair", "band"].'),
    Setting("week_start", "choice", "monday", "First day of a week.", choices=("monday", "sunday")),
    Setting("goal_days", "int", 5, "Active days a week to aim for.", 1, 7),
    Setting(
        "goal_minutes",
        "int",
        150,
        "Active minutes a week to aim for (sessions of relaxation alone do not count).",
        30,
        1000,
    ),
    Setting(
        "goal_strength_days",
        "int",
        2,
        "Days a week with a strengthening exercise to aim for.",
        0,
        7,
    ),
    Setting(
        "nudge_hour", "int", 18, "Hour after which `nudge` reminds you if today is empty.", 0, 23
    ),
    Setting(
        "inactive_days", "int", 2, "Whole days without a session before a firmer nudge.", 1, 14
    ),
    Setting("rest_seconds", "int", 15, "Rest between exercises in `movecoach start`.", 0, 120),
    Setting(
        "rest_days", "int", 1, "Planned rest days a week that keep your streak (`rest`).", 0, 3
    ),
    Setting("adaptive", "bool", True, "Pace plans from your log (build up, hold, step back)."),
    Setting(
        "avoid",
        "avoid",
        [],
        'Leave these out of every plan: tags or exercise ids, e.g. ["floor", "kneeling"].',
    ),
    Setting(
        "direction",
        "choice",
        "none",
        "Which way bending eases your back: extension (backwards) or flexion (forwards).",
        choices=("none", "extension", "flexion"),
    ),
    Setting("device", "device", None, "This device's name: it then writes log/YYYY-<device>.toml."),
    Setting(
        "log_dir", "path", None, "Keep the log in this folder (e.g. one your sync tool shares)."
    ),
    Setting(
        "country",
        "country",
        None,
        "Your country (ISO code, e.g. GB, US, DE): the safety text names its emergency number.",
    ),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


def spec(key: str) -> Setting:
    setting = BY_NAME.get(key)
    if setting is None:
        known = ", ".join(BY_NAME)
        raise ConfigError(f"unknown setting {key!r}; the settings are: {known}")
    return setting


class Settings:
    """Every setting's value, typed and frozen, and which of them the file sets.

    Built once a command and passed to whatever needs it; a flag still wins over it.
    """

    __slots__ = ("file_values", "path", *BY_NAME)

    path: str
    file_values: dict[str, Any]  # what the file sets, validated (lists kept as lists)
    minutes: int
    equipment: tuple[str, ...]
    week_start: str
    goal_days: int
    goal_minutes: int
    goal_strength_days: int
    nudge_hour: int
    inactive_days: int
    rest_seconds: int
    rest_days: int
    adaptive: bool
    avoid: tuple[str, ...]
    direction: str
    device: str | None
    log_dir: str | None
    country: str | None

    def __init__(self, path: str, file_values: dict[str, Any]) -> None:
        set_ = object.__setattr__
        set_(self, "path", path)
        set_(self, "file_values", dict(file_values))
        for setting in SETTINGS:
            value = file_values.get(setting.name, setting.default)
            set_(self, setting.name, tuple(value) if isinstance(value, list) else value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"settings are read-only: {name}")

    def value(self, key: str) -> Any:
        """A setting by name, for the generic listing of `movecoach config`."""
        return self.file_values.get(key, spec(key).default)

    def source(self, key: str) -> str:
        return "file" if key in self.file_values else "default"

    @property
    def first_weekday(self) -> int:
        """Monday is 0 and Sunday 6, as `datetime.weekday` counts."""
        return 6 if self.week_start == "sunday" else 0


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


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{name}: cannot read it: {err}") from err


def load(path: Path | str, memo: Memo | None = None) -> Settings:
    """The settings in effect; a missing file means every default. With a `memo`, the parsed
    values of unchanged bytes come from the cache (no TOML parser on the nudge's path)."""
    name = str(path)

    def parsed(data: bytes) -> dict[str, Any]:
        return parse(_decode(data, name), name)

    try:
        if memo is not None:
            return Settings(name, memo.derive(name, "settings", parsed))
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return Settings(name, {})
    except OSError as err:
        raise ConfigError(f"{path}: cannot read it: {err.strerror or err}") from err
    return Settings(name, parsed(data))


# --- editing ----------------------------------------------------------------------------------


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
    comments included, stays as written, in the file's own line endings. A value written
    over several lines is replaced whole; comments among its lines move just above it."""
    from movecoach.store.logfile import newline_of

    setting = spec(key)
    newline = newline_of(text)
    lines = text.splitlines(keepends=True)
    span = _key_span(lines, key)
    if span is None:
        if value is None:
            return text
        prefix = text if not text or text.endswith("\n") else text + newline
        return prefix + f"{key} = {setting.toml(value)}{newline}"
    start, end = span
    kept = _comments_within(lines[start:end])
    if value is None:
        return "".join(lines[:start] + kept + lines[end:])
    last = lines[end - 1].rstrip("\r\n")
    cut = _comment_start(last) if end - start == 1 else None
    comment = "  " + last[cut:].strip() if cut is not None else ""
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    line = f"{indent}{key} = {setting.toml(value)}{comment}{newline}"
    return "".join([*lines[:start], *kept, line, *lines[end:]])


def _comments_within(lines: Sequence[str]) -> list[str]:
    """The comments written inside a multi-line value, each as a line of its own."""
    if len(lines) < 2:
        return []
    found = []
    for line in lines:
        body = line.rstrip("\r\n")
        cut = _comment_start(body)
        if cut is not None:
            found.append(body[cut:].strip() + (line[len(body) :] or "\n"))
    return found


def write(path: Path, key: str, value: Any) -> None:
    """Set (or with None, unset) one key in the file, atomically, under a lock; a file that
    does not parse is refused before anything is written. A byte-order mark and the line
    endings stay as they were."""
    from movecoach.store.files import atomic_write, exclusive_lock, writing
    from movecoach.store.logfile import BOM

    with exclusive_lock(path.parent / ".movecoach-config.lock", 10, f"the settings in {path}"):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = FILE_HEADER.encode("utf-8")
        except OSError as err:
            raise ConfigError(f"{path}: cannot read it: {err.strerror or err}") from err
        text = _decode(data, str(path))
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
        bom = BOM if data.startswith(BOM) else b""
        with writing(path):
            atomic_write(path, bom + new.encode("utf-8"))
