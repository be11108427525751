"""Benchmark: whole `layout build --web` processes of the sample issue (median of several runs).

Issue 15 target: ≤ 3 s for the 8-page sample (RGB PDF + one 1,600 px JPEG per page).
Not a test: run it by hand and put the figures in notes.

    .venv/bin/python tests/bench/bench_web.py [--runs 7] [--issue issues/2026-12]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchenv import timed_runs, user_env

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--issue", type=Path, default=ROOT / "issues" / "2026-12")
    parser.add_argument("--keep-env", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if set (benchenv.py)")
    args = parser.parse_args()
    env = user_env(args.keep_env)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "layout", "build", str(args.issue), "--web", "--output", tmp, "--allow-overset"]
        times = timed_runs(cmd, args.runs, env, ROOT)
        pages = len(list((Path(tmp) / args.issue.name / "web").glob("*.jpg")))
    print(f"layout build {args.issue.name} --web ({pages} pages): median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
