"""The console-script entry point.

`movecoach nudge` runs on every shell prompt, so it is answered here on a standard-library
path before Typer and Rich are imported; every other command loads the full CLI.
"""

from __future__ import annotations

import atexit
import gc
import sys


def main() -> None:
    # One command is one short process. At exit Python sweeps every object the start-up made
    # (Typer, Click, the records read) in full garbage collections, which cost more than
    # most commands' own work (about 10 ms of `today --json`); frozen, those objects are
    # left to the operating system. Open files are still closed and stdout still flushed:
    # only reference cycles go unswept, and nothing here relies on their finalizers.
    atexit.register(gc.freeze)
    args = sys.argv[1:]
    if args[:1] == ["nudge"]:
        from movecoach.nudge import run

        code = run(args[1:])
        if code is not None:
            sys.exit(code)
    from movecoach.cli import app

    app(prog_name="movecoach")
