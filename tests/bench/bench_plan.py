"""Benchmark: automatic layout (自动组版) of the sample issue with every grid removed.

Not a test: run it by hand and put the figures in notes.  Two figures (issue 13 targets):

- the whole issue planned and built: median of whole `layout build` processes (≤ 10 s);
- one page planned: in one warm process, `plan_page` of each page timed (median of its runs), the
  slowest page reported (≤ 2 s).

    .venv/bin/python tests/bench/bench_plan.py [--runs 5] [--issue issues/2026-12]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchenv import timed_runs, user_env

ROOT = Path(__file__).resolve().parents[2]
GRID = re.compile(r",\s*grid:\s*\{[^}]*\}")


def gridless(issue: Path, into: Path) -> Path:
    """A copy of the issue whose slots have no grid (jumps kept): the engine lays every page out."""
    target = into / issue.name
    shutil.copytree(issue, target)
    yaml = target / "issue.yaml"
    yaml.write_text(GRID.sub("", yaml.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def page_times(issue: Path, runs: int) -> dict[int, float]:
    """Median seconds of plan_page per page, in this (warm) process."""
    sys.path.insert(0, str(ROOT))
    import layout.pages.compose as compose_module
    from layout.build import compose

    times: dict[int, list[float]] = {}
    original = compose_module.plan_page

    def timed(ctx, page, *args, **kw):
        start = time.perf_counter()
        plan = original(ctx, page, *args, **kw)
        times.setdefault(page.no, []).append(time.perf_counter() - start)
        return plan

    compose_module.plan_page = timed
    try:
        compose(issue)  # warm-up: fonts, paragraph caches
        times.clear()
        for _ in range(runs):
            compose(issue)
    finally:
        compose_module.plan_page = original
    return {no: statistics.median(t) for no, t in sorted(times.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--issue", type=Path, default=ROOT / "issues" / "2026-12")
    parser.add_argument("--keep-env", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if set (benchenv.py)")
    args = parser.parse_args()
    env = user_env(args.keep_env)
    with tempfile.TemporaryDirectory() as tmp:
        issue = gridless(args.issue, Path(tmp))
        cmd = [sys.executable, "-m", "layout", "build", str(issue), "--output", str(Path(tmp) / "out"), "--allow-overset"]
        builds = timed_runs(cmd, args.runs, env, ROOT)
        pages = page_times(issue, args.runs)
    print(f"automatic layout of {args.issue.name}, planned and built: median {statistics.median(builds):.2f} s "
          f"(min {min(builds):.2f}, max {max(builds):.2f}, {args.runs} runs; target ≤ 10 s)")
    slowest = max(pages, key=pages.get)
    print(f"one page planned (warm process, median per page): slowest 第{slowest}版 {pages[slowest]:.2f} s; "
          + ", ".join(f"{no}: {t:.2f}" for no, t in pages.items()) + " (target ≤ 2 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
