"""Start-up time of the installed `movecoach` against bare Python and `import typer`.

Usage: python benchmarks/startup.py [--repeats N]

Target (issue 3): `movecoach today --json` within 2x the median of `python -c "import typer"`
measured in the same run.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _timing import MOVECOACH, PYTHON, check_installed, env_for, measure, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    check_installed()
    with tempfile.TemporaryDirectory() as tmp:
        env = env_for(Path(tmp) / "home")
        cases = {
            "python -c pass": ([PYTHON, "-c", "pass"], env),
            "python -c 'import typer'": ([PYTHON, "-c", "import typer"], env),
            "movecoach --help": ([MOVECOACH, "--help"], env),
            "movecoach today": ([MOVECOACH, "today"], env),
            "movecoach today --json": ([MOVECOACH, "today", "--json"], env),
        }
        medians = measure(cases, args.repeats)
    print(table(list(medians.items()), "python -c 'import typer'", medians))
    ratio = medians["movecoach today --json"] / medians["python -c 'import typer'"]
    verdict = "meets" if ratio <= 2 else "MISSES"
    print(f"\ntoday --json is {ratio:.2f}x import typer: {verdict} the 2x target")


if __name__ == "__main__":
    main()
