"""The one cache: anything derived from a file's bytes, kept in the cache folder.

One keying scheme serves the log's year files, the bundled catalogue and the settings:
a derived value is stored as `<hash>.<kind>.marshal`, where the hash is of the source
file's bytes, so a stale value can never be served (changed bytes have a new hash, and
sync tools may keep modification times). An index of each file's size, mtime and hash only
saves re-hashing unchanged files, and is trusted only for files last modified well before
they were hashed, so an edit within the same clock tick is still caught.

The cache is disposable: every failure to read or write it is silent, and deleting the
folder at any moment costs only time. It writes only into a folder that exists, or after
`ensure()` (the log calls it once the user has a log: a read-only command with nothing to
cache never creates a folder).

`movecoach nudge` reads this module on its fast path, so it imports only `os` and `marshal`
(both already loaded by Python itself). Paths are strings here. Bump `VERSION` whenever
the shape of any derived value changes.
"""

from __future__ import annotations

import marshal
import os

VERSION = 8  # 8: session rows in the month parts carry leg pain (before and after)
RACY_NS = 2_000_000_000
BIG_BLOB = 8 << 20  # bytes from which `blob_hash` uses SHA-256 (see there)
SUFFIX = ".marshal"
INDEX = "index" + SUFFIX
TYPE_CHECKING = False  # typing itself costs 4 ms on the fast path; mypy reads this block
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from movecoach.store.files import Source


def blob_hash(data: bytes) -> str:
    """40 hex digits naming these bytes (see `hasher`)."""
    digest = hasher(len(data))
    digest.update(data)
    return hex_name(digest)


def hasher(size: int) -> Any:
    """What hashes `size` bytes (fed to its `update` whole or in pieces; `hex_name` names
    them). Small data: BLAKE2b from the builtin module, which avoids loading OpenSSL (about
    8 ms) on the nudge fast path. From `BIG_BLOB` bytes on: OpenSSL's SHA-256, about 3 times
    as fast per megabyte (50 MB: 0.07 s, not 0.2 s), which repays loading it many times over.
    Which one follows from the size alone, so the same bytes always get the same name."""
    if size >= BIG_BLOB:
        import hashlib

        return hashlib.sha256()
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - Python builds without it
        from hashlib import blake2b
    return blake2b(digest_size=20)


def hex_name(digest: Any) -> str:
    return str(digest.hexdigest()[:40])


def _read(path: str) -> Any:
    try:
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None


class Memo:
    """The cache folder: an index of source files plus `<hash>.<kind>.marshal` entries."""

    def __init__(self, root: str | None, readonly: bool = False) -> None:
        self.root = root
        self.readonly = readonly  # the nudge's fast path reads and never writes
        self._index: dict[str, Any] | None = None
        self._dirty = False
        self._create = False
        self._loaded: dict[tuple[str, str], Any] = {}  # read once a command; never mutated
        # hashes worked out this command, by what `os.stat` said of the file then
        self._hashed: dict[tuple[Any, ...], str] = {}

    def ensure(self) -> None:
        """Allow this memo to create its folder (the user has data worth caching)."""
        self._create = True

    def _path(self, name: str) -> str:
        assert self.root is not None
        return os.path.join(self.root, name)

    @property
    def index(self) -> dict[str, Any]:
        if self._index is None:
            data = _read(self._path(INDEX)) if self.root else None
            files = (
                data.get("files") if isinstance(data, dict) and data.get("v") == VERSION else None
            )
            self._index = files if isinstance(files, dict) else {}
        return self._index

    # --- the hash of a file's bytes ---------------------------------------------------------

    def known_hash(self, path: str, stat: os.stat_result) -> str | None:
        """The hash of the file's bytes when its size and mtime show it is unchanged."""
        entry = self.index.get(os.path.abspath(path))
        if (
            isinstance(entry, dict)
            and entry.get("size") == stat.st_size
            and entry.get("mtime_ns") == stat.st_mtime_ns
            and stat.st_mtime_ns < entry.get("at", 0) - RACY_NS
        ):
            digest = entry.get("hash")
            return digest if isinstance(digest, str) else None
        return None

    def remember(self, path: str, stat: os.stat_result, digest: str) -> None:
        import time

        path = os.path.abspath(path)
        old = self.index.get(path)
        self.index[path] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "hash": digest,
            "at": time.time_ns(),
        }
        self._dirty = True
        if isinstance(old, dict) and old.get("hash") not in (None, digest):
            self._forget(str(old["hash"]))

    @property
    def cold(self) -> bool:
        """Nothing is remembered yet: a new cache, or one just deleted."""
        return not self.index

    def deferred(self, path: str, stat: os.stat_result) -> bool:
        """Whether the file was set aside unread on a cold start and has not changed since."""
        entry = self.index.get(os.path.abspath(path))
        return (
            isinstance(entry, dict)
            and entry.get("deferred") is True
            and entry.get("size") == stat.st_size
            and entry.get("mtime_ns") == stat.st_mtime_ns
        )

    def defer(self, path: str, stat: os.stat_result) -> None:
        """Remember that the file was seen, and set aside unread (see `Log.validate`)."""
        import time

        entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "deferred": True}
        self.index[os.path.abspath(path)] = {**entry, "at": time.time_ns()}
        self._dirty = True

    def digest(self, path: str, source: Source | None = None) -> tuple[str, bytes | None]:
        """The hash of a file's bytes, and the bytes if they had to be read to get it: of the
        file as `source` opened it, when given (an edit reads the same bytes after). Raises
        `OSError` (a missing file included): the caller decides what that means."""
        stat = os.stat(path) if source is None else source.stat
        known = self.known_hash(path, stat)
        if known is not None:
            return known, None
        # A file changed in the last moments is not trusted by the index (`known_hash`), but
        # a command that reads it several times need not hash it each time: the same inode,
        # size and times within one command are the bytes it hashed.
        seen = (path, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
        if seen in self._hashed:
            self.remember(path, stat, self._hashed[seen])  # as hashing them again would
            return self._hashed[seen], None
        if source is None:
            with open(path, "rb") as handle:
                data = handle.read()
        else:
            data = source.read(0, stat.st_size)
        digest = self._hashed[seen] = blob_hash(data)
        self.remember(path, stat, digest)
        return digest, data

    def fact(self, path: str, digest: str, key: str) -> Any:
        """A small figure remembered about a file's current bytes (kept in the index)."""
        entry = self.index.get(os.path.abspath(path))
        if isinstance(entry, dict) and entry.get("hash") == digest:
            return entry.get(key)
        return None

    def note(self, path: str, digest: str, key: str, value: Any) -> None:
        entry = self.index.get(os.path.abspath(path))
        if isinstance(entry, dict) and entry.get("hash") == digest:
            entry[key] = value
            self._dirty = True

    # --- derived values ---------------------------------------------------------------------

    def has(self, digest: str, kind: str) -> bool:
        if (digest, kind) in self._loaded:
            return self._loaded[(digest, kind)] is not None
        return self.root is not None and os.path.exists(self._path(f"{digest}.{kind}{SUFFIX}"))

    def load(self, digest: str, kind: str) -> Any:
        """The value derived from bytes with this hash, or None when there is none. A value
        is read from disk once a command; callers must not change what they get."""
        key = (digest, kind)
        if key in self._loaded:
            return self._loaded[key]
        if self.root is None:
            return None
        data = _read(self._path(f"{digest}.{kind}{SUFFIX}"))
        value = data.get("value") if isinstance(data, dict) and data.get("v") == VERSION else None
        self._loaded[key] = value
        return value

    def store(self, digest: str, kind: str, value: Any) -> None:
        self._loaded[(digest, kind)] = value
        self._write(f"{digest}.{kind}{SUFFIX}", {"v": VERSION, "value": value})

    def link(self, old: str, new: str, kind: str) -> bool:
        """Keep the value derived from bytes `old` for bytes `new` too (an edit that did not
        change it): a hard link, so nothing is copied; False when that cannot be done."""
        if self.readonly or self.root is None:
            return False
        source, target = self._path(f"{old}.{kind}{SUFFIX}"), self._path(f"{new}.{kind}{SUFFIX}")
        try:
            if os.path.exists(target):
                return True
            os.link(source, target)
        except OSError:
            return False
        return True

    def derive(self, path: str, kind: str, compute: Callable[[bytes], Any]) -> Any:
        """`compute(bytes of path)`, from the cache when these bytes were seen before.
        `compute` may raise (a broken file); nothing is cached then. `OSError` passes."""
        digest, data = self.digest(path)
        value = self.load(digest, kind)
        if value is None:
            if data is None:
                with open(path, "rb") as handle:
                    data = handle.read()
                digest = blob_hash(data)
            value = compute(data)
            self.store(digest, kind, value)
        self.flush()
        return value

    def _forget(self, digest: str) -> None:
        """Drop the entries of bytes no file in the index has any more."""
        if self.root is None or any(
            isinstance(e, dict) and e.get("hash") == digest for e in self.index.values()
        ):
            return
        prefix = f"{digest}."
        try:
            names = os.listdir(self.root)
        except OSError:
            return
        for name in names:
            if name.startswith(prefix):
                try:  # noqa: SIM105 - contextlib is not loaded on the nudge fast path
                    os.unlink(self._path(name))
                except OSError:
                    pass

    def flush(self) -> None:
        if self._dirty and self.root is not None:
            self._write(INDEX, {"v": VERSION, "files": self.index})
            self._dirty = False

    def _write(self, name: str, data: dict[str, Any]) -> None:
        if self.readonly or self.root is None or not (self._create or os.path.isdir(self.root)):
            return
        from pathlib import Path

        from movecoach.store.files import atomic_write

        try:  # noqa: SIM105 - contextlib is not loaded on the nudge fast path
            atomic_write(Path(self._path(name)), marshal.dumps(data), durable=False)
        except (OSError, ValueError):  # ValueError: a value marshal cannot hold
            pass
