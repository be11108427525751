"""Benchmark: our galley beside Typst's, on the same text, page, columns and font (issue 17).

Not a test: run it by hand where Typst is available.  Typst is not a dependency of
layout; give the benchmark either a `typst` command-line binary or a Python that
has the `typst` package (Typst's compiler as a Python module, from PyPI):

    python3 -m venv /tmp/typst && /tmp/typst/bin/pip install typst
    .venv/bin/python tests/bench/bench_peer.py --typst-python /tmp/typst/bin/python
    .venv/bin/python tests/bench/bench_peer.py --typst /usr/local/bin/typst -n 15

The corpus is bench_galley's (≥ 17,000 characters of the sample's body text, one
paragraph per line).  Both jobs get the tabloid geometry of cjkmetrics' preset:
260 × 370 mm, 15 mm margins, 5 columns 4 mm apart, 9 pt Noto Serif SC on a 15 pt
line pitch, justified, 2-em first-line indent, only the fonts in fonts/.  The runs
alternate (ours, Typst, ours, …) after one untimed warm-up of each, so that a
busy machine slows both alike; each is a fresh process, timed as CPU seconds
(user + system, children included) and wall seconds.  Printed: medians, and our
median CPU as a multiple of Typst's.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_galley import ROOT, TABLOID, build_corpus
from benchenv import process_times, user_env

FONTS = ROOT / "fonts"
TYPST_PY = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], "
            "ignore_system_fonts=True)")


def typst_source(paragraphs: list[str]) -> str:
    """The corpus as a Typst document in the tabloid geometry: each paragraph a string literal (no markup)."""
    head = (
        "#set page(width: 260mm, height: 370mm, margin: 15mm, columns: 5)\n"
        "#set columns(gutter: 4mm)\n"
        '#set text(font: "Noto Serif SC", size: 9pt, lang: "zh", region: "cn")\n'
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 6pt, spacing: 6pt)\n"
    )
    body = "\n\n".join('#"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paragraphs)
    return head + body + "\n"


def typst_command(args: argparse.Namespace, source: Path, pdf: Path) -> list[str] | None:
    if args.typst_python:
        return [args.typst_python, "-c", TYPST_PY, str(source), str(pdf), str(FONTS)]
    binary = args.typst or shutil.which("typst")
    if binary:
        return [binary, "compile", "--ignore-system-fonts", "--font-path", str(FONTS), str(source), str(pdf)]
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--runs", type=int, default=9, help="timed processes of each (default 9)")
    ap.add_argument("--chars", type=int, default=17_000, help="corpus size in characters (default 17000)")
    ap.add_argument("--python", default=sys.executable, help="interpreter with layout installed")
    ap.add_argument("--typst", help="a typst command-line binary (default: `typst` on PATH)")
    ap.add_argument("--typst-python", help="a Python with the `typst` package (pip install typst)")
    ap.add_argument("--keep", type=Path, help="write the corpus, the Typst source and both PDFs here")
    args = ap.parse_args()

    paragraphs = build_corpus(args.chars)
    with tempfile.TemporaryDirectory(prefix="bench-peer-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus, source = work / "corpus.txt", work / "galley.typ"
        corpus.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        source.write_text(typst_source(paragraphs), encoding="utf-8")
        ours = [args.python, "-m", "layout", "galley", str(corpus), "-o", str(work / "layout.pdf"), *TABLOID]
        peer = typst_command(args, source, work / "typst.pdf")
        if peer is None:
            sys.exit("no Typst: pass --typst BINARY or --typst-python PYTHON (a Python with `pip install typst`)")
        env = user_env()
        times: dict[str, list[tuple[float, float]]] = {"layout": [], "typst": []}
        for run in range(args.runs + 1):  # run 0 warms both up
            for name, cmd in (("layout", ours), ("typst", peer)):
                timing = process_times(cmd, env, ROOT)
                if run:
                    times[name].append(timing)
    chars = sum(len(p) for p in paragraphs)
    print(f"corpus: {len(paragraphs)} paragraphs, {chars} characters; {args.runs} alternating runs of each")
    cpu = {}
    for name, runs in times.items():
        cpu[name] = statistics.median(c for _w, c in runs)
        print(f"{name:7s} CPU median {cpu[name]:.3f} s (min {min(c for _w, c in runs):.3f}, "
              f"max {max(c for _w, c in runs):.3f})  wall median {statistics.median(w for w, _c in runs):.3f} s")
    print(f"layout / typst (CPU medians): {cpu['layout'] / cpu['typst']:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
