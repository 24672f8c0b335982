"""The console-script entry point.

`movecoach nudge` runs on every shell prompt, so it is answered here on a standard-library
path before Typer and Rich are imported; every other command loads the full CLI.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["nudge"]:
        from movecoach.nudge import run

        code = run(args[1:])
        if code is not None:
            sys.exit(code)
    from movecoach.cli import app

    app(prog_name="movecoach")
