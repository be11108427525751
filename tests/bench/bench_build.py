"""Benchmark: whole `layout build` processes of the sample issue (median of several runs, wall and CPU).

Not a test: run it by hand and put the figures in notes.

    .venv/bin/python tests/bench/bench_build.py [--runs 7] [--issue issues/2026-12] [--print]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchenv import timed_processes, user_env

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--issue", type=Path, default=ROOT / "issues" / "2026-12")
    parser.add_argument("--print", dest="print_pdf", action="store_true", help="time --print builds (PDF/X-1a)")
    parser.add_argument("--keep-env", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if set (benchenv.py)")
    args = parser.parse_args()
    env = user_env(args.keep_env)
    extra = ["--print", "--force"] if args.print_pdf else []  # --force: the sample is at 二校, not yet 清样
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "layout", "build", str(args.issue), "--output", tmp, "--allow-overset", *extra]
        runs = timed_processes(cmd, args.runs, env, ROOT)
    kind = "print (PDF/X-1a)" if args.print_pdf else "proof"
    wall, cpu = [w for w, _c in runs], [c for _w, c in runs]
    print(f"layout build {args.issue.name} [{kind}]: median {statistics.median(wall):.3f} s wall "
          f"(min {min(wall):.3f}, max {max(wall):.3f}), {statistics.median(cpu):.3f} CPU s "
          f"(user + system, children included; min {min(cpu):.3f}), {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
