"""Every expected failure, as one hierarchy: each error carries its message and exit code.

The entry point (`cli.MovecoachGroup`) catches `MovecoachError` in one place, prints each of
its `lines()` as `movecoach: <line>` on stderr and exits with its `exit_code`; anything else
is a bug and keeps its traceback. Nothing below prints or exits. This module imports nothing
from movecoach so that every layer, the core included, can raise these.
"""


class MovecoachError(Exception):
    """A refusal the user can act on: the message says what, where and what to do next."""

    exit_code = 2

    def lines(self) -> list[str]:
        """What the CLI prints, one `movecoach: ` line each; one line for most refusals."""
        return [str(self)]


class InputError(MovecoachError):
    """A value given on the command line or in a file to import is not valid."""


class RecordError(InputError):
    """A record (a session, an exercise, a plan's options) has a bad value in one field.

    Raised by the one constructor of each record in `core.models`; whoever read the value
    adds where it came from (a file and line, a row; `as_flag` for a command-line flag).
    """

    def __init__(self, field: str, problem: str, message: str | None = None) -> None:
        self.field = field
        self.problem = problem  # e.g. "must be a whole number from 1 to 600, got 0"
        self.whole = message is not None  # the message names the field in its own words
        super().__init__(message or f"{field!r} {problem}")

    def as_flag(self, flag: str) -> InputError:
        """The same problem named by the command-line flag that gave the value."""
        return InputError(str(self) if self.whole else f"{flag} {self.problem}")


class ImportRowsError(InputError):
    """Rows of a file to import are not valid, so nothing was imported.

    Carries one problem per bad row, so the user can fix them all in one pass instead of
    meeting them one run at a time.
    """

    SHOWN = 50  # a wrong file can have thousands of bad rows; the first ones say enough

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "a row is not valid"
        more = len(self.problems) - 1
        extra = f" (and {more} more bad row{'' if more == 1 else 's'})" if more > 0 else ""
        super().__init__(f"{first}{extra}; nothing was imported")

    def lines(self) -> list[str]:
        shown = self.problems[: self.SHOWN]
        hidden = len(self.problems) - len(shown)
        if hidden:
            shown.append(f"... and {hidden} more bad rows; nothing was imported")
        return shown


class AmbiguousIdError(InputError):
    """An id prefix matches more than one record: the message, then the matching ids."""

    LISTED = 10

    def __init__(self, prefix: str, ids: list[str]) -> None:
        self.ids = sorted(ids)
        super().__init__(
            f"{len(self.ids)} records have ids starting {prefix!r}; give more of the id"
        )

    def lines(self) -> list[str]:
        hidden = len(self.ids) - self.LISTED
        more = [f"... and {hidden} more"] if hidden > 0 else []
        return [str(self), *self.ids[: self.LISTED], *more]


class ConflictError(MovecoachError):
    """The request clashes with what is already there (an id taken, a file changed)."""


class LogBusyError(ConflictError):
    """Another movecoach held the log's lock for too long."""


class StorageError(MovecoachError):
    """The machine refused a read or a write (full disk, read-only folder, no permission);
    nothing was changed."""


class CatalogueError(MovecoachError):
    """An exercise catalogue (bundled or the user's) is not valid."""


class LogCorruptError(MovecoachError):
    """A log file does not parse or holds a bad value; it is never written while broken."""


class ConfigError(MovecoachError):
    """The config file does not parse, or a key or value is not valid."""


class Stopped(MovecoachError):
    """The user or the system stopped a command before it changed anything.

    Ctrl-C at a question exits 2 like any refusal; SIGTERM and SIGHUP during a guided session
    exit 128 + the signal's number, as shells expect of a killed program.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
