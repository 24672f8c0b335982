"""Synthetic history for the benchmarks: three sessions a day, seeded, written as real log
files with the log's own serializer (appending them one by one would take minutes)."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

from movecoach.core.models import Session
from movecoach.store.logfile import new_file, session_block

IDS = ["knee-rolls", "pelvic-tilt", "bird-dog", "bridge", "easy-walk", "calm-breathing"]


def write_history(home: Path, years: int, today: dt.date) -> None:
    """`years` calendar years of sessions ending yesterday (the current year partly)."""
    rnd = random.Random(0)
    log_dir = home / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    for year in range(today.year - years + 1, today.year + 1):
        day = dt.date(year, 1, 1)
        blocks = [new_file(year)]
        count = 0
        while day.year == year and day < today:
            for slot in range(3):
                count += 1
                before = rnd.randint(0, 8)
                blocks.append(
                    session_block(
                        Session(
                            id=f"{year}-{count:05d}",
                            date=day,
                            time=dt.time(7 + 5 * slot, rnd.randint(0, 59)),
                            minutes=rnd.randint(5, 40),
                            pain_before=before,
                            pain_after=max(0, before - rnd.randint(0, 3)),
                            exercises=tuple(rnd.sample(IDS, 3)),
                            note=None if rnd.random() < 0.8 else 'felt fine, "stiff" at first',
                        )
                    )
                )
            day += dt.timedelta(days=1)
        path = log_dir / f"{year}.toml"
        path.write_text("\n".join(blocks), encoding="utf-8")
        past = path.stat().st_mtime - 60  # written a while ago, as a log is: the cache's
        os.utime(path, (past, past))  # index trusts it at once (a file changed within the
        # last 2 s is hashed again on every read, which no warm command meets in use)


def prepared(root: Path, years: int, today: dt.date) -> Path:
    """A home with `years` of history; built once per size and copied for each use."""
    master = root / f"master-{years}"
    if not master.exists():
        master.mkdir(parents=True)
        if years:
            write_history(master, years, today)
    home = root / f"home-{years}"
    if home.exists():
        shutil.rmtree(home)
    shutil.copytree(master, home)
    return home
