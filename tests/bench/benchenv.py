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


def user_env(keep: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    if not keep:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
