"""Start-up time of the installed `movecoach` against bare Python and `import typer`.

Usage: python benchmarks/startup.py [--repeats N]

Targets: `movecoach today --json` within 2x the median of `python -c "import typer"` measured
in the same run (issue 3); planning reads the log, so `today --json` on 10 years of history
(three sessions a day, cache warm) stays within 1.5x of `today --json` with none (issue 7).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from _history import prepared
from _timing import MOVECOACH, PYTHON, check_installed, env_for, measure, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    check_installed()
    with tempfile.TemporaryDirectory() as tmp:
        env = env_for(Path(tmp) / "home")
        history = env_for(prepared(Path(tmp), 10, dt.date.today()))
        subprocess.run([MOVECOACH, "today", "--json"], env=history, capture_output=True)
        cases = {
            "python -c pass": ([PYTHON, "-c", "pass"], env),
            "python -c 'import typer'": ([PYTHON, "-c", "import typer"], env),
            "movecoach --help": ([MOVECOACH, "--help"], env),
            "movecoach today": ([MOVECOACH, "today"], env),
            "movecoach today --json": ([MOVECOACH, "today", "--json"], env),
            "today --json, 10 years of log": ([MOVECOACH, "today", "--json"], history),
        }
        medians = measure(cases, args.repeats)
    print(table(list(medians.items()), "python -c 'import typer'", medians))
    ratio = medians["movecoach today --json"] / medians["python -c 'import typer'"]
    verdict = "meets" if ratio <= 2 else "MISSES"
    print(f"\ntoday --json is {ratio:.2f}x import typer: {verdict} the 2x target")
    paced = medians["today --json, 10 years of log"] / medians["movecoach today --json"]
    verdict = "meets" if paced <= 1.5 else "MISSES"
    print(f"today --json on 10 years is {paced:.2f}x no history: {verdict} the 1.5x target")


if __name__ == "__main__":
    main()
