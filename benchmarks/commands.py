"""Every command against Typer's own start-up, warm and cold, on 1 and 10 years of history.

Usage: python benchmarks/commands.py [--repeats N] [--years 1,10] [--only today,history]

Each figure is the median of ratios measured pair by pair in one run: the command, then the
baseline (`python -c "import typer"`; for `nudge`, `python -c "import re, sys"`), again and
again, so a busy machine slows both alike. Each takes the CPU time (user plus system) of the
whole process, which other work on the machine changes less than wall time. Warm: the
cache is in place. Cold: the median of cold / warm of the same command measured a moment
apart, round by round (the cache folder deleted, the command run cold, once more to settle,
then warm), so neither the baseline's noise nor the machine's drift comes into it. Also the
peak memory of `export` on the largest history.
Goals (issue 17):

| command | warm goal | cold / warm goal |
|---|---|---|
| today --json | <= 1.4 | <= 2.5 |
| history, calendar, export | <= 1.7 | <= 4 |
| dashboard, today, exercises, config | <= 1.7 | <= 4 |
| check | <= 2.0 | (reads everything cold) |
| nudge (vs import re, sys) | <= 1.3 | <= 3 |

Peak memory of `export` on ten years: CSV under 40 MB, JSON under 60 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from _history import prepared
from _timing import MOVECOACH, PYTHON, check_installed, cpu_once, env_for

TYPER = [PYTHON, "-c", "import typer"]
RE_SYS = [PYTHON, "-c", "import re, sys"]
COMMANDS: dict[str, tuple[list[str], float, float | None]] = {
    # name: (arguments, warm goal, cold/warm goal)
    "today --json": (["today", "--json"], 1.4, 2.5),
    "history": (["history"], 1.7, 4.0),
    "calendar": (["calendar"], 1.7, 4.0),
    "export": (["export"], 1.7, 4.0),
    "dashboard": ([], 1.7, 4.0),
    "today": (["today"], 1.7, 4.0),
    "exercises": (["exercises"], 1.7, 4.0),
    "config": (["config"], 1.7, 4.0),
    "check": (["check"], 2.0, None),
    "nudge": (["nudge", "--quiet"], 1.3, 3.0),
}


def paired(
    argv: list[str], baseline: list[str], env: dict[str, str], repeats: int
) -> tuple[float, float]:
    """(median CPU ms, median ratio to the baseline), the two run one after the other each
    round, the cache warm."""
    times, ratios = [], []
    for _ in range(2):  # warm-up
        cpu_once([MOVECOACH, *argv], env)
    for _ in range(repeats):
        took = cpu_once([MOVECOACH, *argv], env)
        base = cpu_once(baseline, env)
        times.append(took)
        ratios.append(took / base)
    return statistics.median(times) * 1000, statistics.median(ratios)


def cold_over_warm(argv: list[str], env: dict[str, str], repeats: int, cache: Path) -> float:
    """The median of cold / warm, each round: the command with `cache` deleted first, once
    more to let it settle (a cold run may leave parts for the next to keep), then warm. The
    two measured runs of a round are of the same command a moment apart, so no baseline's
    noise comes into it."""
    ratios = []
    for _ in range(repeats):
        if cache.exists():
            shutil.rmtree(cache)
        cold = cpu_once([MOVECOACH, *argv], env)
        cpu_once([MOVECOACH, *argv], env)
        ratios.append(cold / cpu_once([MOVECOACH, *argv], env))
    return statistics.median(ratios)


def peak_memory_mb(argv: list[str], env: dict[str, str]) -> float:
    """The largest resident size of one run of `argv`, in MB (Linux reports kilobytes)."""
    child = subprocess.Popen([MOVECOACH, *argv], env=env, stdout=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here; stop Popen from waiting again
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--years", default="1,10")
    parser.add_argument("--only", default="", help="commands to run, by name, comma-separated")
    args = parser.parse_args()
    chosen = {name for name in args.only.split(",") if name} or set(COMMANDS)
    check_installed()
    today = dt.date.today()
    sizes = [int(y) for y in args.years.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for years in sizes:
            home = prepared(Path(tmp), years, today)
            env = env_for(home)
            subprocess.run([MOVECOACH, "history"], env=env, capture_output=True)  # warm
            subprocess.run([MOVECOACH, "today", "--json"], env=env, capture_output=True)
            for name, (argv, warm_goal, cold_goal) in COMMANDS.items():
                if name not in chosen:
                    continue
                baseline = RE_SYS if name == "nudge" else TYPER
                warm_ms, warm = paired(argv, baseline, env, args.repeats)
                rounds = max(7, args.repeats // 2)  # a round costs six warm runs
                cold = cold_over_warm(argv, env, rounds, home / "cache")
                subprocess.run([MOVECOACH, "history"], env=env, capture_output=True)  # warm again
                rows.append((name, years, warm_ms, warm, warm_goal, cold, cold_goal))
        largest = prepared(Path(tmp), max(sizes), today)
        env = env_for(largest)
        subprocess.run([MOVECOACH, "history"], env=env, capture_output=True)
        csv_mb = peak_memory_mb(["export", "--format", "csv"], env)
        json_mb = peak_memory_mb(["export", "--format", "json"], env)
    head = f"{'command':<14}{'years':>6}{'CPU ms':>10}{'x base':>8}{'goal':>7}"
    print(f"{head}  {'cold/warm':>9}{'goal':>6}")
    for name, years, warm_ms, warm, warm_goal, cold_ratio, cold_goal in rows:
        verdict = "ok" if warm <= warm_goal else "MISS"
        goal = f"{cold_goal:6.1f}" if cold_goal else f"{'-':>6}"
        cold_ok = "ok" if cold_goal is None or cold_ratio <= cold_goal else "MISS"
        line = f"{name:<14}{years:>6}{warm_ms:10.1f}{warm:8.2f}{warm_goal:7.1f} {verdict:<4}"
        print(f"{line}{cold_ratio:9.2f}{goal} {cold_ok}")
    print('(x base: median ratio to `python -c "import typer"`; nudge to `import re, sys`)')
    memory = f"CSV {csv_mb:.0f} MB (goal < 40), JSON {json_mb:.0f} MB (goal < 60)"
    print(f"\nexport peak memory on {max(sizes)} years: {memory}")


if __name__ == "__main__":
    main()
