"""Every error a user can cause, as one hierarchy.

The CLI catches `MovecoachError` in one place and prints its message as a single line with
exit code 2; anything else is a bug and keeps its traceback. This module imports nothing from
movecoach so that every layer can raise these.
"""


class MovecoachError(Exception):
    """A refusal the user can act on: the message says what, where and what to do next."""

    exit_code = 2

    def lines(self) -> list[str]:
        """What the CLI prints, one `movecoach: ` line each; one line for most refusals."""
        return [str(self)]


class InputError(MovecoachError):
    """A value given on the command line is out of range or unknown."""


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


class CatalogueError(MovecoachError):
    """An exercise catalogue (bundled or the user's) is not valid."""


class LogCorruptError(MovecoachError):
    """A log file does not parse or holds a bad value; it is never written while broken."""


class LogBusyError(MovecoachError):
    """Another movecoach held the log's lock for too long."""


class ConfigError(MovecoachError):
    """The config file does not parse, or a key or value is not valid."""
