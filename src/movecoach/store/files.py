"""Safe file primitives for health data: private folders, atomic writes, an exclusive lock.

Used by the log and the settings, the only modules that write. An atomic write never leaves
a half-written file: the bytes go to a temp file in the same folder (so the rename cannot
become a copy across filesystems), are flushed and fsynced, renamed over the target, and the
folder is fsynced so the rename itself survives a power cut. A target that is a symbolic
link keeps being one: the file it points to is replaced.

Every failure of the machine (a full disk, a read-only folder, no permission, an I/O error)
leaves as one `StorageError` naming the file, raised before anything was replaced.

A large file with one table cut out is copied from the old file in chunks (`Source`,
`Excerpt`), never read whole into memory: 62 MB read at once costs more than copying it, and
the copy checks that the old file did not change under it.

Platforms: one small lock interface (`take`, `release`) with POSIX locks (`fcntl.flock`),
Windows locks (`msvcrt.locking`) or, where neither exists, a lock file created exclusively;
`os.fchmod`, folder fsync, hard links and positional reads (`os.pread`) are used where the
platform has them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from movecoach.errors import InputError, LogBusyError, StorageError

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_BUSY = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK}
# What `os.link` says on a filesystem without hard links (FAT, exFAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
CHUNK = 1 << 20  # bytes a large file is read and copied in


def storage_error(err: OSError, path: Path | str, doing: str = "write") -> StorageError:
    """One line for a failure of the machine: which file, what the system said, and that
    nothing was changed."""
    reason = err.strerror or str(err)
    return StorageError(f"cannot {doing} {path}: {reason}; nothing was changed")


@contextlib.contextmanager
def writing(path: Path | str) -> Iterator[None]:
    """Turn any `OSError` inside into a `StorageError` about `path`."""
    try:
        yield
    except OSError as err:
        raise storage_error(err, getattr(err, "filename", None) or path) from err


def private_dir(path: Path) -> Path:
    """Create `path` and any missing parents as 0700, whatever the umask."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR)
            os.chmod(folder, PRIVATE_DIR)
    return path


def real(path: Path) -> Path:
    """Where the bytes of `path` live: the target of a symbolic link, else `path` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _new_temp(path: Path) -> tuple[int, str]:
    """A new private file beside `path`, open to write: `tempfile.mkstemp`'s way (a random
    name, created only if new, never through a link) without its imports (`random`,
    `hashlib`: 5 ms of a nudge that fills the cache)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, PRIVATE_FILE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


class Source:
    """An existing file open to read at any offset, from any thread at once (the copy and
    the hash of a large file's new bytes read it side by side), and able to say whether it
    changed since it was opened. Use it in a `with`, so it is closed on every path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self.stat = os.fstat(self.fd)
        self.size = self.stat.st_size
        self._seeking: Any = None
        if not hasattr(os, "pread"):  # Windows: one thread at a time moves the file position
            import threading

            self._seeking = threading.Lock()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the file (Windows cannot replace a file that is open); once is enough."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def read(self, start: int, end: int) -> bytes:
        """The bytes from `start` to `end` (or to the end of the file, if sooner)."""
        size = max(0, min(end, self.size) - start)
        data = self._pread(size, start)
        while len(data) < size:  # a short read: ask for the rest
            more = self._pread(size - len(data), start + len(data))
            if not more:
                raise self._changed("reading")
            data += more
        return data

    def chunks(self, spans: tuple[tuple[int, int], ...]) -> Iterator[bytes]:
        """The bytes of `spans`, one after another, in chunks of at most `CHUNK` bytes. Ends
        by checking the file is still as it was opened (`OSError` if not), so a pass that
        ends read one version of it."""
        for start, end in spans:
            for at in range(start, end, CHUNK):
                yield self.read(at, min(at + CHUNK, end))
        self.check()

    def check(self) -> None:
        """Raise `OSError` when the file changed since it was opened: written to (its size or
        time moved) or replaced by another file under its name (a sync tool's rename)."""
        now, there = os.fstat(self.fd), os.stat(self.path)
        was = self.stat
        if (now.st_size, now.st_mtime_ns) != (was.st_size, was.st_mtime_ns) or (
            there.st_ino,
            there.st_dev,
        ) != (was.st_ino, was.st_dev):
            raise self._changed("copying")

    def _changed(self, doing: str) -> OSError:
        return OSError(errno.EAGAIN, f"it changed while movecoach was {doing} it", str(self.path))

    def _pread(self, size: int, offset: int) -> bytes:
        if self._seeking is None:
            return os.pread(self.fd, size, offset)
        with self._seeking:
            os.lseek(self.fd, offset, os.SEEK_SET)
            return os.read(self.fd, size)


class Excerpt(NamedTuple):
    """A file's new bytes as spans of an open old file, copied one after another (a large
    file with one table cut out), never joined in memory."""

    source: Source
    spans: tuple[tuple[int, int], ...]

    @property
    def size(self) -> int:
        return sum(end - start for start, end in self.spans)

    def whole(self) -> bytes:
        return b"".join(self.source.read(start, end) for start, end in self.spans)


Content = bytes | Excerpt  # a file's new bytes


def _temp_copy(path: Path, data: Content, durable: bool) -> str:
    """`data` in a private temp file beside `path` (so a rename cannot cross filesystems)."""
    fd, tmp = _new_temp(path)
    try:
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13; mkstemp is 0600 anyway
            os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            for piece in (data,) if isinstance(data, bytes) else data.source.chunks(data.spans):
                handle.write(piece)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` so a reader sees the old bytes or the new, never a mix."""
    atomic_write_many({path: data}, durable=durable)


def atomic_write_many(
    files: Mapping[Path, Content],
    *,
    durable: bool = True,
    ready: Callable[[], None] | None = None,
) -> None:
    """Replace several files, each atomically: every new file is written and synced before
    the first is put in place, so a full disk refuses them all with nothing replaced.
    `ready` runs between the two (an error there, too, replaces nothing)."""
    targets = {real(path): data for path, data in files.items()}
    temps: dict[Path, str] = {}
    try:
        for path, data in targets.items():
            private_dir(path.parent)
            temps[path] = _temp_copy(path, data, durable)
        if ready is not None:
            ready()
        for path, tmp in temps.items():
            os.replace(tmp, path)
    except BaseException:
        for tmp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    if durable:  # the files are in place now: a folder that cannot be synced changes nothing
        for folder in {path.parent for path in targets}:
            fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable where the platform can: Windows cannot open a folder to sync it
    (nor needs to), and some filesystems refuse; the files are in place either way."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- the lock: one small interface, one implementation per platform ---------------------------


class FileLock:
    """An exclusive lock on `path` for this process: `take()` without waiting (False while
    another holds it), `release()` when done. POSIX locks with `fcntl.flock`; the lock
    follows the open file, so a crashed holder's lock goes with its process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)

    def take(self) -> bool:
        import fcntl

        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in _BUSY:
                raise
            return False
        return True

    def release(self) -> None:
        os.close(self.fd)  # closing releases the lock


class WindowsLock(FileLock):
    """Windows: `msvcrt.locking` on the first byte of the lock file."""

    held = False

    def take(self) -> bool:
        msvcrt = _module("msvcrt")
        os.lseek(self.fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(self.fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        self.held = True
        return True

    def release(self) -> None:
        try:
            if self.held:
                msvcrt = _module("msvcrt")
                os.lseek(self.fd, 0, os.SEEK_SET)
                with contextlib.suppress(OSError):
                    msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(self.fd)


class CreatedLock:
    """Where neither `fcntl` nor `msvcrt` exists: the lock is a `.held` file created with
    O_EXCL beside the lock file, removed on release. A holder that crashed leaves it behind,
    so one older than `STALE_SECONDS` is taken over."""

    STALE_SECONDS = 30.0

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + ".held")
        self.held = False

    def take(self) -> bool:
        try:
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        except FileExistsError:
            try:
                stale = time.time() - os.stat(self.path).st_mtime > self.STALE_SECONDS
            except FileNotFoundError:
                return False  # released just now: the next try takes it
            if stale:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
            return False
        self.held = True
        return True

    def release(self) -> None:
        if self.held:  # never another holder's file
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)


def _module(name: str) -> Any:
    import importlib

    return importlib.import_module(name)


def lock_for(path: Path, platform: str = sys.platform) -> FileLock | CreatedLock:
    """The platform's lock on `path`."""
    if platform == "win32":
        return WindowsLock(path)
    try:
        _module("fcntl")
    except ImportError:
        return CreatedLock(path)
    return FileLock(path)


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, timeout: float, what: str) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path`, waiting up to `timeout` seconds for it.

    The lock file itself is never removed: removing it would let two writers lock two
    different files of the same name.
    """
    with writing(lock_path):
        private_dir(lock_path.parent)
        lock = lock_for(lock_path)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while not lock.take():
            if time.monotonic() >= deadline:
                raise LogBusyError(
                    f"{what} is busy: another movecoach has held {lock_path} for "
                    f"{timeout:g} s; try again in a moment"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
        yield
    finally:
        lock.release()


def save_new(path: Path, data: bytes, replace: bool) -> None:
    """Write a file the user asked for (an export, a report): private, whole or not at all,
    and never over an existing file unless `replace`. The no-overwrite check is the hard
    link that puts the file in place, so nothing can slip in between a check and the write.
    """
    with writing(path):
        if replace:
            atomic_write(path, data)
            return
        tmp = _temp_copy(path, data, durable=True)
        try:
            _link_new(tmp, path)
        except FileExistsError:
            raise InputError(f"{path} exists; add --force to replace it") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        fsync_dir(path.parent)


def _link_new(tmp: str, path: Path) -> None:
    """Put `tmp` in place as `path`, never over an existing file (`FileExistsError`). A
    filesystem without hard links (FAT, some phone storage) gets the name reserved with
    O_EXCL first, then the whole file renamed over the reservation."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in _NO_LINKS:
            raise
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        os.replace(tmp, path)
