"""The log's derived, disposable cache: parsed log files stored as JSON, keyed by a hash.

Content files are named by the hash of the TOML bytes they were parsed from, so a stale entry
can never be served: a changed file has a new hash. An index of each file's size, mtime and
hash only saves re-hashing files that have not changed, and is trusted only for files last
modified well before they were hashed, so an edit within the same clock tick is still caught.
Every failure here is silent: the cache is rebuilt from the TOML files, the only source of
truth.

`movecoach nudge` reads this module on its fast path, so it imports only `os` and `marshal`
(built in, already loaded): `json` would pull in `re`, 8 ms of start-up together. Paths are
strings here, and the writing helpers load lazily. The files are marshal data: disposable,
private to the user, and rebuilt whenever they cannot be read (a new Python included).
"""

from __future__ import annotations

import marshal
import os

VERSION = 2
RACY_NS = 2_000_000_000
SUFFIX = ".marshal"
_DIGITS = frozenset("0123456789")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
TYPE_CHECKING = False  # typing itself costs 4 ms on the fast path; mypy reads this block
if TYPE_CHECKING:
    from typing import Any


class Unanswered(Exception):
    """The cache alone cannot answer: read the TOML files instead."""


def root_for(cache_dir: str, log_dir: str) -> str:
    """The cache folder of one log folder (two log folders never share entries)."""
    key = blob_hash(os.path.abspath(log_dir).encode())[:12]
    return os.path.join(cache_dir, f"log-{key}")


def blob_hash(data: bytes) -> str:
    try:  # the builtin module avoids loading OpenSSL (about 8 ms) on the nudge fast path
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - Python builds without it
        from hashlib import blake2b
    return blake2b(data, digest_size=20).hexdigest()


def log_file_name(name: str) -> tuple[int, str] | None:
    """(year, device) of a log file's name, `YYYY.toml` or `YYYY-<device>.toml`; None for
    any other file (without `re`, which the nudge's fast path does not load)."""
    if not name.endswith(".toml"):
        return None
    stem = name[:-5]
    year, rest = stem[:4], stem[4:]
    if len(year) != 4 or not _DIGITS.issuperset(year):
        return None
    if not rest:
        return int(year), ""
    device = rest[1:]
    if rest[0] != "-" or not device or device[0] in "_-" or not _NAME_CHARS.issuperset(device):
        return None
    return int(year), device


def _read(path: str) -> Any:
    try:
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None


class FileIndex:
    """The cache folder of one log folder: an index plus `<hash>.<kind>.marshal` files."""

    def __init__(self, root: str | None) -> None:
        self.root = root
        self._index: dict[str, Any] | None = None
        self._dirty = False

    def _path(self, name: str) -> str:
        assert self.root is not None
        return os.path.join(self.root, name)

    @property
    def index(self) -> dict[str, Any]:
        if self._index is None:
            data = _read(self._path("index" + SUFFIX)) if self.root else None
            files = None
            if isinstance(data, dict) and data.get("v") == VERSION:
                files = data.get("files")
            self._index = files if isinstance(files, dict) else {}
        return self._index

    def known_hash(self, name: str, stat: os.stat_result) -> str | None:
        """The hash of file `name`'s bytes when its size and mtime show it is unchanged."""
        entry = self.index.get(name)
        if (
            isinstance(entry, dict)
            and entry.get("size") == stat.st_size
            and entry.get("mtime_ns") == stat.st_mtime_ns
            and stat.st_mtime_ns < entry.get("at", 0) - RACY_NS
        ):
            digest = entry.get("hash")
            return digest if isinstance(digest, str) else None
        return None

    def remember(self, name: str, stat: os.stat_result, digest: str) -> None:
        import time

        old = self.index.get(name)
        self.index[name] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "hash": digest,
            "at": time.time_ns(),
        }
        self._dirty = True
        if isinstance(old, dict) and old.get("hash") not in (None, digest):
            self._forget(str(old["hash"]))

    def fact(self, name: str, digest: str, key: str) -> Any:
        """A figure remembered about a file's current bytes."""
        entry = self.index.get(name)
        if isinstance(entry, dict) and entry.get("hash") == digest:
            return entry.get(key)
        return None

    def note(self, name: str, digest: str, key: str, value: Any) -> None:
        entry = self.index.get(name)
        if isinstance(entry, dict) and entry.get("hash") == digest:
            entry[key] = value
            self._dirty = True

    def _forget(self, digest: str) -> None:
        if self.root is None or any(
            isinstance(e, dict) and e.get("hash") == digest for e in self.index.values()
        ):
            return
        for kind in ("days", "sessions"):
            try:  # noqa: SIM105 - contextlib is not loaded on the nudge fast path
                os.unlink(self._path(f"{digest}.{kind}{SUFFIX}"))
            except OSError:
                pass

    def has(self, digest: str, kind: str) -> bool:
        return self.root is not None and os.path.exists(self._path(f"{digest}.{kind}{SUFFIX}"))

    def load(self, digest: str, kind: str) -> Any:
        if self.root is None:
            return None
        data = _read(self._path(f"{digest}.{kind}{SUFFIX}"))
        if isinstance(data, dict) and data.get("v") == VERSION:
            return data
        return None

    def store(self, digest: str, kind: str, data: dict[str, Any]) -> None:
        if self.root is not None:
            self._write(f"{digest}.{kind}{SUFFIX}", {"v": VERSION, **data})

    def flush(self) -> None:
        if self._dirty and self.root is not None:
            self._write("index" + SUFFIX, {"v": VERSION, "files": self.index})
            self._dirty = False

    def _write(self, name: str, data: dict[str, Any]) -> None:
        from pathlib import Path

        from movecoach.store.files import atomic_write

        payload = marshal.dumps(data)
        try:  # noqa: SIM105 - contextlib is not loaded on the nudge fast path
            atomic_write(Path(self._path(name)), payload, durable=False)
        except OSError:
            pass


def newest_active_day(log_dir: str, cache_root: str, today: str) -> str | None:
    """The newest day up to `today` (both `YYYY-MM-DD`) that has a session, or None when the
    log is empty, answered from the cache alone; `Unanswered` when that cannot be done."""
    try:
        names = os.listdir(log_dir)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise Unanswered from err
    by_year: dict[str, list[str]] = {}
    for name in names:
        parsed = log_file_name(name)
        if parsed is not None and f"{parsed[0]:04d}" <= today[:4]:
            by_year.setdefault(f"{parsed[0]:04d}", []).append(name)
    index = FileIndex(cache_root)
    digests: dict[str, str] = {}
    for name in names:  # every file is checked, as every command does: a broken one says so
        if log_file_name(name) is None:
            continue
        path = os.path.join(log_dir, name)
        try:
            digest = index.known_hash(name, os.stat(path))
            if digest is None:  # just written, or edited: hash the bytes themselves
                with open(path, "rb") as handle:
                    digest = blob_hash(handle.read())
        except OSError as err:
            raise Unanswered from err
        if not index.has(digest, "days"):  # never parsed, or broken: the log must say
            raise Unanswered
        digests[name] = digest
    for year in sorted(by_year, reverse=True):
        best = ""
        for name in by_year[year]:
            data = index.load(digests[name], "days")
            days = data.get("days") if data is not None else None
            if not isinstance(days, dict):
                raise Unanswered
            best = max([best, *(day for day in days if day <= today)])
        if best:
            return best
    return None
