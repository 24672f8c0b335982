"""The console-script entry point.

`movecoach nudge` runs on every shell prompt, so it is answered here on a standard-library
path before Typer and Rich are imported; every other command loads the full CLI.
"""

from __future__ import annotations

import atexit
import gc
import sys


def main() -> None:
    # One command is one short process that makes many objects and few reference cycles
    # (Typer's and Rich's import, a year of records read). The cyclic collector's passes
    # over them cost about 5 % of a command and free next to nothing, so it is off
    # (reference counting still frees everything else). A guided session, which runs for
    # minutes, turns it back on (`commands.plan.play`); at its exit the objects are frozen
    # and left to the operating system rather than swept in full collections (about 10 ms
    # of a command). Open files are still closed and stdout still flushed: only reference
    # cycles go unswept, and nothing here relies on their finalizers.
    gc.disable()
    atexit.register(gc.freeze)
    args = sys.argv[1:]
    if args[:1] == ["nudge"]:
        from movecoach.nudge import run

        code = run(args[1:])
        if code is not None:
            sys.exit(code)
    from movecoach.cli import app

    app(prog_name="movecoach")
