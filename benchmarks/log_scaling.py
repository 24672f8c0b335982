"""Does `movecoach log` cost the same after 20 years as after one? Does reading stay fast?

Usage: python benchmarks/log_scaling.py [--repeats N]

Whole-process medians of `movecoach log` and `movecoach sessions --json` on 0, 1, 10 and 20
years of synthetic history (three sessions a day), cache warm, beside `python -c pass`.
Goals (issue 4): `log` does not grow with the number of past years (within noise), and
`sessions --json` over 20 years stays under 3x its time over one year.
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
            subprocess.run([MOVECOACH, "check"], env=env, capture_output=True)
            subprocess.run([MOVECOACH, "sessions", "--json"], env=env, capture_output=True)
            cases[f"log, {years} years"] = ([MOVECOACH, "log", "-m", "10"], env)
            cases[f"sessions --json, {years} years"] = ([MOVECOACH, "sessions", "--json"], env)
        medians = measure(cases, args.repeats)
    base = medians["python -c pass"]
    print(f"{'years':>5}  {'log ms':>8}  {'sessions --json ms':>18}  {'log / python':>12}")
    for years in SIZES:
        log_ms = medians[f"log, {years} years"]
        read_ms = medians[f"sessions --json, {years} years"]
        print(f"{years:>5}  {log_ms:8.1f}  {read_ms:18.1f}  {log_ms / base:12.2f}")
    print(f"python -c pass: {base:.1f} ms")
    growth = medians["log, 20 years"] / medians["log, 1 years"]
    read = medians["sessions --json, 20 years"] / medians["sessions --json, 1 years"]
    print(f"\nlog, 20 years / 1 year: {growth:.2f}x (goal: about 1, within noise)")
    print(f"sessions --json, 20 years / 1 year: {read:.2f}x (goal: under 3x)")


if __name__ == "__main__":
    main()
