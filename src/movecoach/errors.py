"""Every error a user can cause, as one hierarchy.

The CLI catches `MovecoachError` in one place and prints its message as a single line with
exit code 2; anything else is a bug and keeps its traceback. This module imports nothing from
movecoach so that every layer can raise these.
"""


class MovecoachError(Exception):
    """A refusal the user can act on: the message says what, where and what to do next."""

    exit_code = 2


class InputError(MovecoachError):
    """A value given on the command line is out of range or unknown."""


class CatalogueError(MovecoachError):
    """An exercise catalogue (bundled or the user's) is not valid."""


class LogCorruptError(MovecoachError):
    """A log file does not parse or holds a bad value; it is never written while broken."""


class LogBusyError(MovecoachError):
    """Another movecoach held the log's lock for too long."""


class ConfigError(MovecoachError):
    """The config file does not parse, or a key or value is not valid."""
