"""`layout plan ISSUE [--page N] [--write] [--choose K]`: the automatic layout, shown and kept.

Prints each laid-out page's geometry as issue.yaml lines the editor can paste
or lock, with the designs considered; draws each design as a thumbnail into
output/<issue>/plan/ (page-2-design-1.png …) for the preview; `--write` writes
the chosen geometry into issue.yaml (comments kept, see planfile.py);
`--choose K` (with `--page`) makes design K the page's choice.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from layout.build import compose
from layout.errors import InputError
from layout.outdir import issue_output
from layout.planfile import grid_text, set_design, set_grids
from layout.preview import design_images, design_summary, write_atomic

THUMB_DPI = 36


def configure(p: argparse.ArgumentParser) -> None:
    from layout.build import OUTPUT_DIR

    p.add_argument("issue", type=Path, nargs="?", help="本期文件夹，如 issues/2027-01（不写：issues/ 里最新的一期）")
    p.add_argument("--page", type=int, help="只看这一版")
    p.add_argument("--write", action="store_true", help="把排出的版位写进 issue.yaml（锁定方案）")
    p.add_argument("--choose", type=int, metavar="K", help="这一版改用第 K 个方案（要和 --page 一起用）")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="方案缩略图写到的输出文件夹（默认 output/）")


def cli_plan(args: argparse.Namespace) -> int:
    yaml = Path(args.issue) / "issue.yaml"
    if args.choose is not None:
        if args.page is None:
            raise InputError("--choose", "--choose 要和 --page 一起用，如 layout plan issues/2027-01 --page 3 --choose 2")
        if args.choose < 1:
            raise InputError("--choose", "方案从 1 数起")
        text = yaml.read_text(encoding="utf-8")
        _write(yaml, set_design(text, args.page, args.choose))
        print(f"第{args.page}版改用第 {args.choose} 个方案（issue.yaml 里记为 design: {args.choose}）")
    issue, _articles, fonts, layout, _findings = compose(args.issue)
    plans = [p for p in layout.plans if args.page is None or p.page.no == args.page]
    if not plans:
        print("没有需要自动组版的版（每个版位都写了 grid）" if args.page is None else f"第{args.page}版的版位都写了 grid")
        return 0
    thumbs = _thumbnails(issue, layout, fonts, issue_output(args.issue, issue.profile.name, args.output) / "plan", [p.page.no for p in plans])
    reports = {(r.page, r.slot): r for r in layout.reports}
    for plan in plans:
        print(f"  - no: {plan.page.no}    # 方案 {plan.chosen + 1}/{max(1, len(plan.alternatives))}")
        print("    slots:")
        for slot in plan.page.slots:
            r = reports[(plan.page.no, slot.id)]
            state = {"over": f"超 {r.over_lines} 行", "under": f"欠 {r.under_lines} 行"}.get(r.status.value, "")
            print(f"      - {{id: {slot.id}, grid: {grid_text(slot.grid)}}}" + (f"    # {state}" if state else ""))
        for k, alt in enumerate(plan.alternatives, start=1):
            mark = "←" if k == plan.chosen + 1 else " "
            print(f"    # {mark} 方案 {k}：{alt.design.shape}  {design_summary(alt.composed)}"
                  + (f"  {thumbs.get((plan.page.no, k), '')}" if thumbs else ""))
        for note in plan.notes:
            print(f"    # {note}")
    if args.write:
        grids = {(plan.page.no, slot.id): slot.grid for plan in plans for slot in plan.page.slots}
        _write(yaml, set_grids(yaml.read_text(encoding="utf-8"), grids))
        print(f"已写入 {yaml}：{len(grids)} 个版位有了 grid（锁定）")
    return 1 if layout.overset else 0


def _thumbnails(issue, layout, fonts, folder: Path, pages: list[int]) -> dict[tuple[int, int], str]:
    """Each design of each page drawn small (page-N-design-K.png); failures to draw are not fatal."""
    return {(plan.page.no, k): path.as_posix()
            for plan, k, path, _image in design_images(issue, layout, fonts, folder, THUMB_DPI, "page-{page}-design-{k}.png", pages)}


def _write(path: Path, text: str) -> None:
    """issue.yaml rewritten through a temporary file (removed if the write fails)."""
    write_atomic(path, text.encode("utf-8"))
