#!/usr/bin/env python3
"""Count the characters of an issue's article files the way editors count them.

    python issues/tools/count_chars.py                  # every issue under issues/
    python issues/tools/count_chars.py issues/2026-12   # one issue
    python issues/tools/count_chars.py issues/2026-12/articles/01-minsheng.txt
    python issues/tools/count_chars.py --json issues/2026-12

Per article it prints:
  汉字   Han characters of everything printed (headlines, byline, body, sidebar,
         captions, 稿源): CJK Unified Ideographs and every extension block;
  全部   the editor count of everything printed: every Han character and every
         punctuation mark = 1, every digit or Latin letter = 1, spaces = 0;
  正文   the editor count of the body only: 编者按 + 导语 + 正文 + 小标题
         (the number the length targets refer to);
  链接   the editor count of the 【链接】 sidebar (title + body);
  段     body paragraphs (编者按/导语/正文 lines; 小标题 are counted apart: "+n");
  图     images (【图】 lines), checked against the files, with the effective ppi
         at the planned width and the lines the picture needs;
  脏     ASCII , : ; ( ) between Han characters, "..." and typed Han–digit
         spaces: the "dirty input" the importer must normalise.
【备注】 and the 【图】 file lines are never printed, so never counted.

Only the standard library is needed; Pillow is used, if present, to read
image sizes and modes.  Column widths: 1 栏 = 47.6 mm, gutter 3.2 mm
(2 栏 = 98.4 mm, 3 栏 = 149.2 mm); body line pitch 13.3 pt ≈ 4.692 mm.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

COLUMN_MM = 47.6
GUTTER_MM = 3.2
LINE_MM = 13.3 * 25.4 / 72  # 4.692 mm
CAPTION_LINES = 2

MARKER = re.compile(r"^\s*[【\[]([^】\]]+)[】\]](.*)$")
KNOWN = {"栏目", "引题", "主题", "副题", "署名", "编者按", "导语", "正文", "小标题",
         "图", "图说", "摄影", "链接", "稿源", "备注"}
HEAD = ("引题", "主题", "副题")
BODY = ("编者按", "导语", "正文", "小标题")
DIRTY = [
    re.compile(r"(?<=[\u4e00-\u9fff])[,:;()]|[,:;()](?=[\u4e00-\u9fff])"),
    re.compile(r"\.\.\."),
    re.compile(r"(?<=[\u4e00-\u9fff]) +(?=\d)|(?<=\d) +(?=[\u4e00-\u9fff])"),
]


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x323AF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def editor_count(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def han_count(text: str) -> int:
    return sum(1 for ch in text if is_han(ch))


def column_mm(span: int) -> float:
    return span * COLUMN_MM + (span - 1) * GUTTER_MM


@dataclass
class Image:
    file: str
    params: dict[str, str]
    caption: str = ""
    credit: str = ""
    exists: bool = False
    mode: str = ""
    px: tuple[int, int] = (0, 0)
    kbytes: float = 0.0
    ppi: float = 0.0
    lines_needed: int = 0

    def describe(self) -> str:
        w = self.params.get("宽", "?")
        h = self.params.get("高", "?")
        pos = self.params.get("位置", "?")
        if not self.exists:
            return f"{self.file} 缺失！ 宽={w} 高={h} 位置={pos}"
        return (f"{self.file} {self.mode} {self.px[0]}×{self.px[1]} {self.kbytes:.0f}KB "
                f"宽={w} 高={h} 位置={pos} → {self.ppi:.0f} ppi, 需 {self.lines_needed} 行")


@dataclass
class Article:
    path: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    body_paras: int = 0
    subheads: int = 0
    images: list[Image] = field(default_factory=list)
    han: int = 0
    total: int = 0
    body: int = 0
    sidebar: int = 0
    dirty: int = 0
    unknown: list[str] = field(default_factory=list)


def parse(path: Path) -> Article:
    art = Article(str(path))
    printed: list[str] = []
    body: list[str] = []
    side: list[str] = []
    current = "正文"
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        m = MARKER.match(raw)
        if m:
            name, rest = m.group(1).strip(), m.group(2).strip()
            if name not in KNOWN:
                art.unknown.append(name)
            current = name
            if name == "图":
                parts = re.split(r"[｜|]", rest)
                params = {}
                for p in parts[1:]:
                    if "=" in p or "＝" in p:
                        k, v = re.split(r"[=＝]", p, maxsplit=1)
                        params[k.strip()] = v.strip()
                art.images.append(Image(parts[0].strip(), params))
                continue
            if not rest:
                continue
            line = rest
        if not line:
            continue
        if current == "备注":
            continue
        if current == "图":  # text after an image line without a marker: body
            current = "正文"
        art.fields.setdefault(current, []).append(line)
        if current == "图说" and art.images:
            art.images[-1].caption = line
        if current == "摄影" and art.images:
            art.images[-1].credit = line
        printed.append(line)
        if current in BODY:
            body.append(line)
            if current == "小标题":
                art.subheads += 1
            else:
                art.body_paras += 1
        elif current == "链接":
            side.append(line)
        if current == "小标题" and m:  # a sub-head is its marker line; body follows
            current = "正文"
        for rx in DIRTY:
            if current not in HEAD:
                art.dirty += len(rx.findall(line))
    art.han = sum(han_count(t) for t in printed)
    art.total = sum(editor_count(t) for t in printed)
    art.body = sum(editor_count(t) for t in body)
    art.sidebar = sum(editor_count(t) for t in side)
    return art


def inspect_images(art: Article, issue_dir: Path) -> None:
    try:
        from PIL import Image as PILImage
    except ImportError:  # pragma: no cover
        PILImage = None
    for img in art.images:
        f = issue_dir / img.file
        img.exists = f.is_file()
        if not img.exists:
            continue
        img.kbytes = f.stat().st_size / 1024
        if PILImage is None:
            continue
        with PILImage.open(f) as im:
            img.mode, img.px = im.mode, im.size
        span = int(re.sub(r"\D", "", img.params.get("宽", "1")) or 1)
        width = column_mm(span)
        img.ppi = img.px[0] / (width / 25.4)
        height = width * img.px[1] / img.px[0]
        img.lines_needed = math.ceil(height / LINE_MM - 0.05) + CAPTION_LINES


def collect(paths: list[Path]) -> dict[Path, list[Path]]:
    issues: dict[Path, list[Path]] = {}
    for p in paths:
        if p.is_file():
            issues.setdefault(p.parent.parent, []).append(p)
        elif (p / "articles").is_dir():
            issues.setdefault(p, []).extend(sorted((p / "articles").glob("*.txt")))
        elif p.is_dir():
            for sub in sorted(p.iterdir()):
                if (sub / "articles").is_dir():
                    issues.setdefault(sub, []).extend(sorted((sub / "articles").glob("*.txt")))
    return issues


def heads(art: Article) -> str:
    tiers = [t for t in HEAD if t in art.fields]
    return "+".join(tiers) or "—"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--images", action="store_true", help="list every image with its placement")
    args = ap.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    issues = collect(args.paths or [root])
    report = {}
    for issue_dir, files in issues.items():
        arts = [parse(f) for f in files]
        for a in arts:
            inspect_images(a, issue_dir)
        report[str(issue_dir)] = arts
    if args.json:
        out = {k: [asdict(a) for a in v] for k, v in report.items()}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for issue_dir, arts in report.items():
        print(f"== {issue_dir}")
        print(f"{'稿件':<28}{'题':<14}{'汉字':>6}{'全部':>6}{'正文':>6}{'链接':>5}{'段':>7}{'图':>3}{'脏':>3}")
        for a in arts:
            name = Path(a.path).name
            paras = f"{a.body_paras}+{a.subheads}" if a.subheads else str(a.body_paras)
            print(f"{name:<30}{heads(a):<14}{a.han:>6}{a.total:>6}{a.body:>6}{a.sidebar:>5}"
                  f"{paras:>7}{len(a.images):>3}{a.dirty:>3}")
            for u in a.unknown:
                print(f"    ! 未知标记【{u}】")
            if args.images:
                for img in a.images:
                    print(f"    图 {img.describe()}")
                    print(f"       图说：{img.caption}  摄影：{img.credit or '—'}")
            else:
                for img in a.images:
                    if not img.exists:
                        print(f"    ! 图片缺失 {img.file}")
        n = len(arts)
        han = sum(a.han for a in arts)
        tot = sum(a.total for a in arts)
        body = sum(a.body for a in arts)
        side = sum(a.sidebar for a in arts)
        paras = sum(a.body_paras for a in arts)
        imgs = sum(len(a.images) for a in arts)
        print(f"{'合计 ' + str(n) + ' 篇':<26}{'':<14}{han:>6}{tot:>6}{body:>6}{side:>5}{paras:>7}{imgs:>3}"
              f"{sum(a.dirty for a in arts):>3}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
