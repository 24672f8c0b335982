"""This device's state: the nudge's snooze."""

from __future__ import annotations

from pathlib import Path

from movecoach.store import state


def test_a_snooze_is_kept_and_ended(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    assert state.snoozed_until(str(folder)) is None
    state.set_snooze(str(folder), 1_773_000_000)
    assert state.snoozed_until(str(folder)) == 1_773_000_000
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    state.set_snooze(str(folder), None)
    assert state.snoozed_until(str(folder)) is None
    state.set_snooze(str(folder), None)  # ending no snooze is fine


def test_a_file_that_is_not_a_snooze_is_no_snooze(tmp_path: Path) -> None:
    (tmp_path / "snooze").write_text("tomorrow\n")
    assert state.snoozed_until(str(tmp_path)) is None
