"""The console-script entry point.

`movecoach nudge` runs on every shell prompt, so it is answered here on a standard-library
path before Typer and Rich are imported; every other command loads the full CLI.
"""

from __future__ import annotations


def main() -> None:
    from movecoach.cli import app

    app(prog_name="movecoach")
