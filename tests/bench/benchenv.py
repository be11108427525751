"""The environment a benchmark's child processes run in: a user's, not the sandbox's.

Python caches compiled modules in __pycache__ unless PYTHONDONTWRITEBYTECODE
is set.  Some CI images and sandboxes set it for every process; a user who
installed the package never does, so every run but their first imports cached
bytecode.  The benchmarks time that steady state: they drop the variable for
their child processes and make one untimed warm-up run first (which also
warms the OS file cache).  `--keep-env` times the inherited environment as
it is.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from pathlib import Path


def user_env(keep: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    if not keep:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed_runs(cmd: list[str], runs: int, env: dict[str, str], cwd: Path, ok: tuple[int, ...] = (0,)) -> list[float]:
    """Wall seconds of `runs` fresh processes of `cmd`, after one untimed warm-up (OS file cache,
    bytecode and image caches).  An exit status outside `ok` stops the benchmark with the output."""
    return [wall for wall, _cpu in timed_processes(cmd, runs, env, cwd, ok)]


def timed_processes(cmd: list[str], runs: int, env: dict[str, str], cwd: Path,
                    ok: tuple[int, ...] = (0,)) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) of `runs` fresh processes of `cmd`, after one untimed warm-up."""
    process_times(cmd, env, cwd, ok)
    return [process_times(cmd, env, cwd, ok) for _run in range(runs)]


def process_times(cmd: list[str], env: dict[str, str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one process of `cmd` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
