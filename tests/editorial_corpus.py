"""The editorial checks measured on a longer text of our own (issue 15): precision and recall.

tests/data/editorial/corpus/ holds 16 articles (about 8,700 characters) of
original, fictional 梧桐路街道 news copy, written for this measurement: the
officials of templates/wutong/lists/names.txt appear again and again with
their titles, next to ordinary words one character away from their names
(许多, 成立, 示范, 章程…), and 28 errors were put in on purpose — names one
character off, wrong titles, fixed formulations changed, quotes and brackets
left open or turned the wrong way.  tests/data/editorial/truth.tsv lists them.

    .venv/bin/python tests/editorial_corpus.py      # prints the table (README: 编辑检查的实测)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layout.editorial.lists import Lists, read_names, read_phrases  # noqa: E402
from layout.editorial.names import find_hits  # noqa: E402
from layout.editorial.printed import printed_pieces  # noqa: E402
from layout.editorial.quotes import check_pieces  # noqa: E402
from layout.model.articlefile import load_article  # noqa: E402

DATA = ROOT / "tests" / "data" / "editorial"
LISTS = ROOT / "templates" / "wutong" / "lists"
KINDS = ("name", "title", "phrase", "quotes")


def truth() -> set[tuple[str, int, str, str]]:
    out = set()
    for line in (DATA / "truth.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, number, kind, found = line.split("\t")
            out.add((name, int(number), kind, found))
    return out


def detections() -> set[tuple[str, int, str, str]]:
    lists = Lists(tuple(read_names(LISTS / "names.txt")), tuple(read_phrases(LISTS / "phrases.txt")))
    out = set()
    for path in sorted((DATA / "corpus").glob("*.txt")):
        pieces = printed_pieces(load_article(path))
        for hit in find_hits(pieces, lists):
            found = hit.found if hit.kind != "title" else hit.found.lstrip("…")
            out.add((path.name, hit.piece.line_at(hit.offset), hit.kind, found))
        for problem in check_pieces(pieces):
            out.add((path.name, problem.piece.line_at(problem.offset), "quotes", problem.mark))
    return out


def characters() -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in (DATA / "corpus").glob("*.txt"))


def measure() -> dict[str, Counter]:
    """Per kind: true positives, false positives, false negatives (misses)."""
    expected, found = truth(), detections()
    table: dict[str, Counter] = {k: Counter() for k in KINDS}
    for item in found:
        table[item[2]]["tp" if item in expected else "fp"] += 1
    for item in expected - found:
        table[item[2]]["fn"] += 1
    return table


def report() -> str:
    table = measure()
    rows = ["| 检查 | 故意写错 | 查出 | 漏报 | 误报 |", "|---|---|---|---|---|"]
    names = {"name": "人名差一字", "title": "职务不符", "phrase": "固定提法", "quotes": "引号括号"}
    for kind in KINDS:
        c = table[kind]
        rows.append(f"| {names[kind]} | {c['tp'] + c['fn']} | {c['tp']} | {c['fn']} | {c['fp']} |")
    total = sum((table[k] for k in KINDS), Counter())
    rows.append(f"| 合计 | {total['tp'] + total['fn']} | {total['tp']} | {total['fn']} | {total['fp']} |")
    misses = sorted(truth() - detections())
    extra = sorted(detections() - truth())
    text = "\n".join(rows) + f"\n\n{characters():,} 字，{len(list((DATA / 'corpus').glob('*.txt')))} 篇稿件。\n"
    text += "".join(f"漏报：{n}:{line} {k} {f}\n" for n, line, k, f in misses)
    text += "".join(f"误报：{n}:{line} {k} {f}\n" for n, line, k, f in extra)
    return text


if __name__ == "__main__":
    print(report(), end="")
