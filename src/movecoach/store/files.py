"""Safe file primitives for health data: private folders, atomic writes, an exclusive lock.

Used by the log and the config, the only modules that write. An atomic write never leaves a
half-written file: the bytes go to a temp file in the same folder (so the rename cannot become
a copy across filesystems), are flushed and fsynced, renamed over the target, and the folder
is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from movecoach.errors import InputError, LogBusyError

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


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


def _temp_copy(path: Path, data: bytes, durable: bool) -> str:
    """`data` in a private temp file beside `path` (so a rename cannot cross filesystems)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
    private_dir(path.parent)
    tmp = _temp_copy(path, data, durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, timeout: float, what: str) -> Iterator[None]:
    """Hold an exclusive `flock` on `lock_path`, waiting up to `timeout` seconds for it.

    The lock file itself is never removed: removing it would let two writers lock two
    different files of the same name.
    """
    import fcntl

    private_dir(lock_path.parent)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as err:
                if err.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    raise LogBusyError(
                        f"{what} is busy: another movecoach has held {lock_path} for "
                        f"{timeout:g} s; try again in a moment"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def save_new(path: Path, data: bytes, replace: bool) -> None:
    """Write a file the user asked for (an export, a report): private, whole or not at all,
    and never over an existing file unless `replace`. The no-overwrite check is the hard
    link that puts the file in place, so nothing can slip in between a check and the write.
    """
    if replace:
        atomic_write(path, data)
        return
    tmp = _temp_copy(path, data, durable=True)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise InputError(f"{path} exists; add --force to replace it") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    fsync_dir(path.parent)
