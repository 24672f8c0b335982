"""Every expected failure as one hierarchy (`errors`): messages, field names, exit codes."""

from __future__ import annotations

import pytest

from movecoach import errors
from movecoach.errors import ImportRowsError, MovecoachError, RecordError, Stopped


@pytest.mark.parametrize(
    "kind",
    [
        errors.InputError,
        errors.ConflictError,
        errors.LogBusyError,
        errors.StorageError,
        errors.CatalogueError,
        errors.LogCorruptError,
        errors.ConfigError,
    ],
)
def test_every_refusal_exits_2_with_its_message_as_one_line(kind: type[MovecoachError]) -> None:
    err = kind("the log is busy; try again")
    assert isinstance(err, MovecoachError)
    assert err.exit_code == 2
    assert err.lines() == ["the log is busy; try again"]


def test_a_busy_log_is_a_conflict_and_a_record_error_is_bad_input() -> None:
    assert issubclass(errors.LogBusyError, errors.ConflictError)
    assert issubclass(RecordError, errors.InputError)
    assert issubclass(ImportRowsError, errors.InputError)
    assert not issubclass(MovecoachError, (ValueError, OSError))  # a bug is never a refusal


def test_a_record_error_names_its_field() -> None:
    err = RecordError("minutes", "must be a whole number from 1 to 600, got 0")
    assert (err.field, err.problem, err.whole) == ("minutes", err.problem, False)
    assert str(err) == "'minutes' must be a whole number from 1 to 600, got 0"


def test_a_record_error_is_named_by_the_flag_that_gave_the_value() -> None:
    err = RecordError("pain_before", "must be a whole number from 0 to 10, got 11")
    flagged = err.as_flag("--pain-before")
    assert type(flagged) is errors.InputError
    assert str(flagged) == "--pain-before must be a whole number from 0 to 10, got 11"


def test_a_message_in_its_own_words_is_kept_whole_under_a_flag() -> None:
    err = RecordError("equipment", "has unknown 'rope'", "unknown equipment 'rope'")
    assert err.whole
    assert str(err) == "unknown equipment 'rope'"
    assert str(err.as_flag("--equipment")) == "unknown equipment 'rope'"


def test_bad_rows_say_the_first_and_count_the_rest() -> None:
    assert str(ImportRowsError(["row 2: bad"])) == "row 2: bad; nothing was imported"
    two = ImportRowsError(["row 2: bad", "row 3: worse"])
    assert str(two) == "row 2: bad (and 1 more bad row); nothing was imported"
    three = ImportRowsError(["a", "b", "c"])
    assert str(three) == "a (and 2 more bad rows); nothing was imported"
    assert str(ImportRowsError([])) == "a row is not valid; nothing was imported"


def test_every_bad_row_gets_a_line_up_to_fifty() -> None:
    problems = [f"line {n}: bad" for n in range(2, 52)]
    assert ImportRowsError(problems).lines() == problems
    many = [f"line {n}: bad" for n in range(2, 60)]
    lines = ImportRowsError(many).lines()
    assert lines[:50] == many[:50]
    assert lines[50:] == ["... and 8 more bad rows; nothing was imported"]
    assert ImportRowsError(many).problems == many


def test_a_stop_exits_2_or_with_the_signals_code() -> None:
    assert Stopped("stopped; nothing was changed").exit_code == 2
    killed = Stopped("stopped by SIGTERM", exit_code=143)
    assert killed.exit_code == 143
    assert killed.lines() == ["stopped by SIGTERM"]
