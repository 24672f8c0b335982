"""This device's state folder (`paths.state_dir`): what the nudge remembers between runs,
never synced with the log. Today: the snooze, the time (seconds since the epoch) until which
`movecoach nudge` stays quiet, in a file of its own.

Read on the nudge's fast path, so reading needs only `os`; writing is rare and may load the
file primitives.
"""

from __future__ import annotations

import os

SNOOZE = "snooze"


def snoozed_until(folder: str) -> int | None:
    """When the snooze ends, or None when none was set (or the file is not one of ours)."""
    try:
        with open(os.path.join(folder, SNOOZE), "rb") as handle:
            text = handle.read(32).strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def set_snooze(folder: str, until: int | None) -> None:
    """Keep the nudge quiet until `until`; None ends the snooze. `StorageError` when the
    folder cannot be written."""
    from pathlib import Path

    from movecoach.store.files import atomic_write, writing

    path = Path(folder) / SNOOZE
    with writing(path):
        if until is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write(path, f"{until}\n".encode("ascii"), durable=False)
