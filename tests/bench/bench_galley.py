"""Benchmark: the whole `layout galley` process on a ≥ 17,000-character corpus (issue 4).

Not a test (timings depend on the machine): run it by hand.

    .venv/bin/python tests/bench/bench_galley.py            # 7 runs, tabloid geometry
    .venv/bin/python tests/bench/bench_galley.py -n 15 --chars 30000 --keep /tmp/galley

The corpus is built at run time from the repository's own sample articles
(issues/2026-12/articles: body paragraphs only, marker lines and headings
dropped), one paragraph per line, in a temporary directory.  Each run is a
fresh process (`python -m layout galley …`), so interpreter start-up, imports
and font loading count, as they do for a user; one untimed warm-up run comes
first, with Python's bytecode cache on as on a user's machine (benchenv.py).  Target (issue 4): median
≤ 0.4 s for 17,000 characters on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import user_env

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "issues" / "2026-12" / "articles"
MARKER = "【"
# The geometry of cjkmetrics' tabloid preset and of the peers' figures (README, issue 17), given
# explicitly: without options `layout galley` sets the paper's own format (15 characters, 13 pt).
TABLOID = ["--page", "260x370", "--margin", "15", "--columns", "5", "--gutter", "4", "--size", "9", "--leading", "15"]


def body_paragraphs(path: Path) -> list[str]:
    """Body paragraphs of one article file: unmarked lines after 【正文】/【导语】 (or before any marker).

    Plain text parsing on purpose: the benchmark must not depend on the article
    model it is timing.  A marker line starts a field; only 正文 and 导语 hold
    body paragraphs, and single-line markers (小标题, 图, 摄影 …) hand back to
    the body on the next line.
    """
    body_fields = {"正文", "导语"}
    single_line = {"栏目", "署名", "摄影", "稿源", "图", "小标题"}
    current = "正文"
    out: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip().lstrip("\u3000")
        if not line:
            continue
        if line.startswith(MARKER) and "】" in line:
            name = line[1:line.index("】")].strip()
            rest = line[line.index("】") + 1:].strip()
            if name in single_line:
                current = "正文" if current in body_fields else current
                continue
            current = name
            if rest and current in body_fields:
                out.append(rest)
            continue
        if current in body_fields:
            out.append(line)
    return out


def build_corpus(chars: int) -> list[str]:
    """Paragraphs from the sample articles, in file order, until at least `chars` characters."""
    paragraphs: list[str] = []
    total = 0
    files = sorted(ARTICLES.glob("*.txt"))
    if not files:
        sys.exit(f"no sample articles in {ARTICLES}")
    while total < chars:
        for path in files:
            for para in body_paragraphs(path):
                paragraphs.append(para)
                total += len(para)
                if total >= chars:
                    return paragraphs
    return paragraphs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--runs", type=int, default=7, help="galley processes to time (default 7)")
    ap.add_argument("--chars", type=int, default=17_000, help="corpus size in characters (default 17000)")
    ap.add_argument("--python", default=sys.executable, help="interpreter with the package installed")
    ap.add_argument("--keep", type=Path, help="write corpus and PDF here instead of a temporary directory")
    ap.add_argument("--keep-env", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if set (benchenv.py)")
    ap.add_argument("galley_args", nargs="*", help="extra `layout galley` options, after --")
    args = ap.parse_args()

    paragraphs = build_corpus(args.chars)
    chars = sum(len(p) for p in paragraphs)
    with tempfile.TemporaryDirectory(prefix="bench-galley-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "corpus.txt"
        corpus.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        pdf = work / "galley.pdf"
        cmd = [args.python, "-m", "layout", "galley", str(corpus), "-o", str(pdf), *(args.galley_args or TABLOID)]
        env = user_env(args.keep_env)
        times: list[float] = []
        output = ""
        for run in range(args.runs + 1):  # run 0 is the warm-up
            start = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
            if run:
                times.append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.stderr.write(done.stdout + done.stderr)
                return done.returncode
            output = done.stdout.strip()
        pages = _page_count(pdf)
    print(f"corpus: {len(paragraphs)} paragraphs, {chars} characters (issues/2026-12/articles)")
    print(f"galley: {output}")
    print(f"pages: {pages}")
    print(f"runs: {args.runs}  median {statistics.median(times):.3f} s  min {min(times):.3f} s  "
          f"max {max(times):.3f} s")
    return 0


def _page_count(pdf: Path) -> int:
    """Pages of the PDF, from its page tree (no PDF library needed)."""
    import re

    data = pdf.read_bytes()
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return max(counts) if counts else len(re.findall(rb"/Type\s*/Page\b", data))


if __name__ == "__main__":
    raise SystemExit(main())
