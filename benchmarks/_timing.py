"""Shared helpers for the benchmark scripts: time whole processes, print medians and ratios.

Machines are noisy, so every script measures its baseline in the same run, interleaving the
cases round by round, and reports ratios rather than absolute targets.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

PYTHON = sys.executable
MOVECOACH = str(Path(sys.executable).parent / "movecoach")


def check_installed() -> None:
    if not Path(MOVECOACH).exists():
        sys.exit(f"benchmarks: no movecoach script beside {PYTHON}; run `pip install .` first")


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "MOVECOACH_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure what users run: compiled code
    env.update(extra)
    return env


def cpu_once(argv: Sequence[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) one run of `argv` took: unlike wall time, what else the
    machine is doing adds little to it."""
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here; stop Popen from waiting again
    return usage.ru_utime + usage.ru_stime


def run_once(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(
    cases: dict[str, tuple[Sequence[str], dict[str, str]]], repeats: int, warmup: int = 2
) -> dict[str, float]:
    """Median CPU time in ms of each case (`cpu_once`), the cases interleaved round by
    round."""
    for argv, env in cases.values():
        for _ in range(warmup):
            cpu_once(argv, env)
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, (argv, env) in cases.items():
            samples[name].append(cpu_once(argv, env))
    return {name: statistics.median(values) * 1000 for name, values in samples.items()}


def table(rows: Sequence[tuple[str, float]], baseline: str, medians: dict[str, float]) -> str:
    base = medians[baseline]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'case':<{width}}  {'median ms':>9}  {'x ' + baseline:>12}"]
    lines.append("-" * len(lines[0]))
    for name, value in rows:
        lines.append(f"{name:<{width}}  {value:9.1f}  {value / base:12.2f}")
    return "\n".join(lines)
