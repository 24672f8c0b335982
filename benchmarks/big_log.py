"""Does a 50 MB log stay fast? (issue 16: "big logs stay fast")

Usage: python benchmarks/big_log.py [--repeats N] [--megabytes M]

Three homes, cache warm: one ordinary year (about 1,000 sessions), 50 MB spread over 20 year
files (about 16,000 sessions a year), and one 50 MB year file (an import gone wrong: about
330,000 sessions in one year). Whole-process medians of `undo --yes`, `delete ID --yes`,
`nudge` and `today --json`; each changing command starts from the same files and cache
(hard-linked copies, made outside the timing). Goal: on 50 MB each takes at most 3 times
as long as on one ordinary year.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from _timing import MOVECOACH, check_installed, env_for, run_once

from movecoach.core.models import Session
from movecoach.store.logfile import block, new_file

GOAL = 3.0
IDS = ["knee-rolls", "pelvic-tilt", "bird-dog", "bridge", "easy-walk", "calm-breathing"]


def year_file(year: int, count: int, today: dt.date, rnd: random.Random) -> tuple[str, str]:
    """A year's log file of `count` sessions spread over its days (up to yesterday), and the
    id of a session in the middle of it."""
    last = min(dt.date(year, 12, 31), today - dt.timedelta(days=1))
    span = (last - dt.date(year, 1, 1)).days + 1
    blocks = []
    for n in range(count):
        before = rnd.randint(0, 8)
        day = dt.date(year, 1, 1) + dt.timedelta(days=n * span // count)
        logged = dt.datetime.combine(day, dt.time(7 + n % 12, 0))
        blocks.append(
            block(
                Session(
                    id=f"{year}-{n:07d}",
                    date=day,
                    time=dt.time(7 + n % 12, rnd.randint(0, 59)),
                    minutes=rnd.randint(5, 40),
                    pain_before=before,
                    pain_after=max(0, before - rnd.randint(0, 3)),
                    exercises=tuple(rnd.sample(IDS, 3)),
                    note=None if rnd.random() < 0.8 else 'felt fine, "stiff" at first',
                    logged=logged,
                )
            )
        )
    return new_file(year) + "\n".join(blocks), f"{year}-{count // 2:07d}"


def build(root: Path, name: str, years: list[tuple[int, int]], today: dt.date) -> tuple[Path, str]:
    """A master copy of a home with these (year, sessions) files and a warm cache, and an id
    to delete. The home is built where it will be measured (the cache's index names files
    by their full path), then kept as the master."""
    rnd = random.Random(0)
    home = root / "home"
    if home.exists():
        shutil.rmtree(home)
    (home / "log").mkdir(parents=True)
    middle = ""
    for year, count in years:
        text, middle = year_file(year, count, today, rnd)
        path = home / "log" / f"{year}.toml"
        path.write_text(text, "utf-8")
        past = path.stat().st_mtime - 60  # written a while ago, as a log is: the cache's
        os.utime(path, (past, past))  # index trusts it at once, as it would by then
    env = env_for(home)
    # `streak` reads every year (`check` writes no cache; a command reading this year alone
    # would leave the older files set aside unread, as on a cold start) and `sessions` every
    # record (a file read for its totals alone leaves its records to the first read); `today`
    # reads the catalogue, its sources and the tips
    for warm in (["streak"], ["sessions", "--limit", "0", "--json"], ["today"]):
        subprocess.run([MOVECOACH, *warm], env=env, capture_output=True)
    master = root / f"master-{len(list(root.glob('master-*')))}"
    shutil.copytree(home, master, copy_function=os.link)
    return master, middle


def fresh(master: Path, home: Path) -> Callable[[], None]:
    """Make `home` a hard-linked copy of `master` (a write puts a new file in place, never
    edits one, so the master keeps its bytes; file times are kept, so the cache's index
    still knows each file)."""

    def prepare() -> None:
        if home.exists():
            shutil.rmtree(home)
        shutil.copytree(master, home, copy_function=os.link)

    return prepare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--megabytes", type=int, default=50)
    args = parser.parse_args()
    check_installed()
    today = dt.date.today()
    per_mb = 6600  # sessions a megabyte of log holds, about
    total = args.megabytes * per_mb
    shapes = {
        "one ordinary year": [(today.year, 1000)],
        f"{args.megabytes} MB in 20 years": [(today.year - n, total // 20) for n in range(20)],
        f"{args.megabytes} MB in one year": [(today.year, total)],
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        masters = {name: build(root, name, years, today) for name, years in shapes.items()}
        if (root / "home").exists():
            shutil.rmtree(root / "home")
        results: dict[tuple[str, str], float] = {}
        for name, (master, middle) in masters.items():
            home = root / "home"
            prepare = fresh(master, home)
            env = env_for(home)
            commands = {
                "undo --yes": ["undo", "--yes"],
                "delete ID --yes": ["delete", middle, "--yes"],
                "nudge": ["nudge", "--quiet"],
                "today --json": ["today", "--json"],
            }
            for label, argv in commands.items():
                samples = []
                for _ in range(args.repeats):
                    prepare()
                    samples.append(run_once([MOVECOACH, *argv], env))
                samples.sort()
                results[(name, label)] = samples[len(samples) // 2] * 1000
    names = list(shapes)
    print(f"{'command':<18}" + "".join(f"{n:>26}" for n in names) + "   goal")
    for label in ("undo --yes", "delete ID --yes", "nudge", "today --json"):
        base = results[(names[0], label)]
        cells = f"{base:17.0f} ms {1:5.2f}x"
        worst = 0.0
        for name in names[1:]:
            value = results[(name, label)]
            worst = max(worst, value / base)
            cells += f"{value:17.0f} ms {value / base:5.2f}x"
        verdict = "meets" if worst <= GOAL else "MISSES"
        print(f"{label:<18}{cells}   <= {GOAL:g}x: {verdict}")


if __name__ == "__main__":
    main()
