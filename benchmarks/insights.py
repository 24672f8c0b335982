"""Insight commands and the nudge on long histories.

Usage: python benchmarks/insights.py [--repeats N]

Whole-process medians of `nudge`, `streak --json`, `history --json` and the dashboard on 0, 1,
10 and 20 years of synthetic history (three sessions a day), cache warm, beside `python -c
pass`. Goals (issue 5): `nudge` within 2x `python -c pass` on 10 years; `history --json` on
10 years within 1.5x of `history --json` on an empty log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from _history import prepared
from _timing import MOVECOACH, PYTHON, check_installed, env_for, measure

SIZES = (0, 1, 10, 20)
COMMANDS = {
    "nudge": ["nudge", "--quiet"],
    "streak --json": ["streak", "--json"],
    "history --json": ["history", "--json"],
    "dashboard": [],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    check_installed()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        cases = {"python -c pass": ([PYTHON, "-c", "pass"], env_for(Path(tmp)))}
        for years in SIZES:
            env = env_for(prepared(Path(tmp), years, today))
            subprocess.run([MOVECOACH, "history", "--json"], env=env, capture_output=True)
            subprocess.run([MOVECOACH], env=env, capture_output=True)
            for name, argv in COMMANDS.items():
                cases[f"{name}, {years} years"] = ([MOVECOACH, *argv], env)
        medians = measure(cases, args.repeats)
    base = medians["python -c pass"]
    header = f"{'command':<16}" + "".join(f"{f'{y} years':>16}" for y in SIZES)
    print(header)
    print("-" * len(header))
    for name in COMMANDS:
        cells = "".join(
            f"{medians[f'{name}, {y} years']:8.1f} ms {medians[f'{name}, {y} years'] / base:4.1f}x"
            for y in SIZES
        )
        print(f"{name:<16}{cells}")
    print(f"(x = times `python -c pass`, {base:.1f} ms)")
    nudge = medians["nudge, 10 years"] / base
    history = medians["history --json, 10 years"] / medians["history --json, 0 years"]
    print(f"\nnudge on 10 years: {nudge:.2f}x python -c pass (goal: within 2x)")
    print(f"history --json, 10 years / empty: {history:.2f}x (goal: within 1.5x)")


if __name__ == "__main__":
    main()
