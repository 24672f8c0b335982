"""Mutation testing of the core and the store: run mutmut, then print the kill score per module.

    python tools/mutation.py              # run (or resume) mutmut, then print the scores
    python tools/mutation.py --report     # only print the scores of the last run
    python tools/mutation.py --children 2 # how many mutants run at once (default: CPUs)

mutmut is configured in pyproject.toml (`[tool.mutmut]`): it mutates src/movecoach/core and
src/movecoach/store and runs, for each mutant, the in-process tests that reach the mutated
function (with the `mutation` Hypothesis profile: fewer examples). Its work lives in mutants/
(ignored by git). mutmut keeps each verdict, so a later run tests new mutants and then runs
the last run's survivors again by name, to see whether new tests kill them. Not part of CI.

A mutant is killed when a test fails (or times out) with it in place. The score leaves out the
mutants listed in EQUIVALENT below: changes no test can notice because the program behaves the
same (each with the reason). Everything else that survives is a gap in the tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
TARGET = 85.0  # per cent of mutants killed, core and store together (issue #12)

KILLED = {1, 3, 24, -24, 36, 152, 255}  # a failing test, a crash in pytest, a timeout
SKIPPED = {34}
NOT_RUN = {None}

# Mutants that cannot change what the program does, by name, with why. Prefer a test.
EQUIVALENT: dict[str, str] = {}


def run_mutmut(children: int | None, names: Sequence[str] = ()) -> int:
    mutmut = Path(sys.executable).parent / "mutmut"
    command = [str(mutmut), "run"]
    if children:
        command += ["--max-children", str(children)]
    return subprocess.call([*command, *names], cwd=ROOT)


def survivors() -> list[str]:
    """Mutants a previous run decided were not killed: mutmut keeps every verdict, so after
    tests are added these are run again by name."""
    return sorted(
        name
        for codes in results().values()
        for name, code in codes.items()
        if code not in KILLED and code not in NOT_RUN and code not in SKIPPED
    )


def results() -> dict[str, dict[str, int | None]]:
    """Exit code by mutant name, per source module (`movecoach.core.days`...)."""
    by_module: dict[str, dict[str, int | None]] = defaultdict(dict)
    for meta in sorted(MUTANTS.glob("src/**/*.py.meta")):
        data = json.loads(meta.read_text("utf-8"))
        relative = meta.relative_to(MUTANTS / "src").with_suffix("").with_suffix("")
        module = ".".join(relative.parts)
        by_module[module].update(data["exit_code_by_key"])
    return dict(by_module)


def report() -> float:
    modules = results()
    if not modules:
        print("no mutation results yet: run `python tools/mutation.py`")
        return 0.0
    print(f"{'module':34} {'killed':>6} {'of':>5} {'score':>7}  survived")
    total = Counter[str]()
    survivors: list[str] = []
    for module, codes in sorted(modules.items()):
        if not codes:
            continue
        counted = {k: v for k, v in codes.items() if k not in EQUIVALENT and v not in SKIPPED}
        killed = sum(1 for v in counted.values() if v in KILLED)
        not_run = sum(1 for v in counted.values() if v in NOT_RUN)
        left = sorted(k for k, v in counted.items() if v not in KILLED)
        survivors += left
        total["killed"] += killed
        total["counted"] += len(counted)
        total["not run"] += not_run
        score = 100.0 * killed / len(counted) if counted else 100.0
        extra = f" ({not_run} not run yet)" if not_run else ""
        print(f"{module:34} {killed:6} {len(counted):5} {score:6.1f}%  {len(left)}{extra}")
    overall = 100.0 * total["killed"] / total["counted"] if total["counted"] else 100.0
    print(f"{'core + store':34} {total['killed']:6} {total['counted']:5} {overall:6.1f}%")
    if total["not run"]:
        print(f"{total['not run']} mutants have not been run yet")
    if EQUIVALENT:
        print(f"\n{len(EQUIVALENT)} equivalent mutants left out of the score:")
        for name, reason in sorted(EQUIVALENT.items()):
            print(f"  {name}: {reason}")
    listing = MUTANTS / "survivors.txt"
    listing.write_text("".join(f"{name}\n" for name in survivors), "utf-8")
    print(f"\nsurvivors listed in {listing.relative_to(ROOT)} (`mutmut show NAME` shows one)")
    verdict = "reaches" if overall >= TARGET else "is below"
    print(f"score {overall:.1f}% {verdict} the target of {TARGET:g}%")
    return overall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only print the last scores")
    parser.add_argument("--children", type=int, help="mutants run at once (default: CPUs)")
    args = parser.parse_args()
    if not args.report:
        started = time.monotonic()
        again = survivors()
        code = run_mutmut(args.children)  # new mutants, and new tests' reach
        if again and code == 0:
            print(f"running the {len(again)} mutants that survived the last run again")
            code = run_mutmut(args.children, again)
        print(f"mutmut ran for {time.monotonic() - started:.0f} s (exit {code})")
    return 0 if report() >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
