"""Benchmark: how build time grows with the issue (4, 8, 16, 32 pages) and the galley (17k, 70k, 280k characters).

Not a test: run it by hand and put the table in the README (issue 17).

    .venv/bin/python tests/bench/bench_growth.py [--runs 3] [--pages 4 8 16 32] [--chars 17000 70000 280000]

The stress issues are generated at run time in a temporary folder, never committed: page 1 is the
front page of issues/2026-11, every further page a copy of one of the samples' inner pages without
a 转版 (2026-11 pages 2–4, 2026-12 pages 2 and 4–8, in turn), its slots renamed for the page and its
articles copied under new names, so every page of an N-page issue holds different story files with
the real samples' text, photos and furniture; the copies after the first round are variants of the
text (`variant`), so no paragraph is set twice.  Each build is a fresh `layout build` process
(proof, grids as the samples give them), after one untimed warm-up; the galleys are
tests/bench/bench_galley.py's corpus, varied the same way each round, at each size.  The figure to read is the time per page (per
1,000 characters): flat means linear.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

from bench_galley import TABLOID, body_paragraphs
from benchenv import timed_runs, user_env

ROOT = Path(__file__).resolve().parents[2]
class _Loader(yaml.SafeLoader):
    """YAML 1.1 would read the key `no:` as false; the project's reader does not, nor does this one."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in rules if tag != "tag:yaml.org,2002:bool"]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()}

INNER = [("2026-11", 2), ("2026-11", 3), ("2026-11", 4),
         ("2026-12", 2), ("2026-12", 4), ("2026-12", 5), ("2026-12", 6), ("2026-12", 7), ("2026-12", 8)]


# Common Han characters, all one em wide in every face: a copy of a story has each of them replaced by
# another, shifted along this string, so its lines break as the original's do but no paragraph is the
# same text (the engine caches what it set: repeated text would be nearly free and hide the growth).
COMMON = ("的一是了在人有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多"
          "天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外"
          "但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走")


def variant(text: str, k: int) -> str:
    """The k-th copy of a text (k = 0: the text itself)."""
    if k == 0:
        return text
    shift = 7 * k
    table = {ord(c): COMMON[(i + shift) % len(COMMON)] for i, c in enumerate(COMMON)}
    marker = text.split("\n")  # keep 【…】 marker names (and file paths after them) as they are
    out = []
    for line in marker:
        if line.startswith("【") and "】" in line:
            head, rest = line.split("】", 1)
            keep = head in ("【图", "【图片", "【摄影") or rest.startswith("images/")
            out.append(head + "】" + (rest if keep else rest.translate(table)))
        else:
            out.append(line.translate(table))
    return "\n".join(out)


def stress_issue(folder: Path, pages: int) -> Path:
    """An issue of `pages` pages made of the samples' pages (see the module docstring)."""
    issue = folder / "issues" / f"stress-{pages}"
    (issue / "articles").mkdir(parents=True)
    (issue / "images").mkdir()
    samples = {name: yaml.load((ROOT / "issues" / name / "issue.yaml").read_text(encoding="utf-8"), Loader=_Loader)
               for name in ("2026-11", "2026-12")}
    for name in samples:
        for image in (ROOT / "issues" / name / "images").iterdir():
            shutil.copy(image, issue / "images" / image.name)
    head = dict(samples["2026-11"])
    out_pages = []
    for no in range(1, pages + 1):
        name, source_no = ("2026-11", 1) if no == 1 else INNER[(no - 2) % len(INNER)]
        page = dict(next(p for p in samples[name]["pages"] if p["no"] == source_no))
        page["no"] = no
        slots = []
        for slot in page.get("slots", []):
            slot = dict(slot)
            slot["id"] = f"{no}{slot['id'][len(str(source_no)):]}"
            if "article" in slot:
                src = ROOT / "issues" / name / slot["article"]
                target = f"articles/p{no:02d}-{src.name}"
                copy = 0 if no == 1 else (no - 2) // len(INNER)
                (issue / target).write_text(variant(src.read_text(encoding="utf-8"), copy), encoding="utf-8")
                slot["article"] = target
            slots.append(slot)
        page["slots"] = slots
        if "areas" in page:
            page["areas"] = [dict(a, id=f"{no}{a['id'][len(str(source_no)):]}") if "id" in a else a for a in page["areas"]]
        out_pages.append(page)
    head.update(pages_count=pages, pages=out_pages)
    (issue / "issue.yaml").write_text(yaml.safe_dump(head, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return issue


def corpus_of(chars: int) -> list[str]:
    """bench_galley's corpus (the sample's body paragraphs), every further round of them a variant."""
    base = [p for f in sorted((ROOT / "issues" / "2026-12" / "articles").glob("*.txt")) for p in body_paragraphs(f)]
    out: list[str] = []
    total, k = 0, 0
    while total < chars:
        for para in base:
            out.append(variant(para, k))
            total += len(para)
            if total >= chars:
                return out
        k += 1
    return out


def timed(cmd: list[str], runs: int) -> float:
    return statistics.median(timed_runs(cmd, runs, user_env(), ROOT, ok=(0, 1)))  # 1: overset, still a whole build


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pages", type=int, nargs="*", default=[4, 8, 16, 32])
    ap.add_argument("--chars", type=int, nargs="*", default=[17_000, 70_000, 280_000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        work = Path(tmp)
        print("| pages | build (s) | per page (s) |\n|---|---|---|")
        for pages in args.pages:
            issue = stress_issue(work / f"p{pages}", pages)
            cmd = [sys.executable, "-m", "layout", "build", str(issue), "--allow-overset"]
            t = timed(cmd, args.runs)
            print(f"| {pages} | {t:.2f} | {t / pages:.3f} |", flush=True)
        print("\n| characters | galley (s) | per 1,000 characters (s) |\n|---|---|---|")
        for chars in args.chars:
            corpus = work / f"c{chars}.txt"
            paragraphs = corpus_of(chars)
            corpus.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
            n = sum(len(p) for p in paragraphs)
            t = timed([sys.executable, "-m", "layout", "galley", str(corpus), "-o", str(work / f"c{chars}.pdf"), *TABLOID], args.runs)
            print(f"| {n:,} | {t:.2f} | {t / n * 1000:.4f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
