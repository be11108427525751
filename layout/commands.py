"""The issue sub-commands behind the CLI: build, check, new.  Each returns an exit status."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from layout import cliargs
from layout.build import OUTPUT_DIR, BuildOptions, build_issue, compose
from layout.errors import InputError, InputErrors
from layout.model.paths import relative_name
from layout.model.profile import MAX_BLEED_MM
from layout.outdir import issue_output
from layout.preflight.findings import format_table, has_errors, sort_findings, to_json


def configure_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("issue", type=Path, nargs="?", help="本期文件夹，如 issues/2026-12（不写：issues/ 里最新的一期）")
    p.add_argument("--print", dest="print_pdf", action="store_true", help="付印：写 PDF/X-1a（默认写校样）")
    p.add_argument("--proof", metavar="STAGE", type=cliargs.stage, help="校次，如 二校（默认取 issue.yaml 的 proof_stage）")
    p.add_argument("--allow-overset", action="store_true", help="超版时仍以 0 退出（校样照样标出超版）")
    p.add_argument("--force", action="store_true",
                   help="付印时不管空版位和校次（默认：有空版位、或还没到清样，就不生成付印文件）")
    p.add_argument("--bleed", type=cliargs.number_in(0, MAX_BLEED_MM, " 毫米"), metavar="MM",
                   help=f"出血，毫米，0–{MAX_BLEED_MM:g}（默认取报纸模板，一般 0）")
    p.add_argument("--marks", action="store_true", help="加裁切线（印刷厂要求时）")
    p.add_argument("--web", action="store_true",
                   help="网络版：RGB 的 PDF 和每版一张 JPEG（公众号、街道网站用），写到 output/<期>/web/")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="输出文件夹（默认：issues/ 旁边的 output/）")


def cli_build(args: argparse.Namespace) -> int:
    options = BuildOptions(print_pdf=args.print_pdf, allow_overset=args.allow_overset, proof_stage=args.proof,
                           bleed_mm=args.bleed, crop_marks=args.marks, output=args.output, web=args.web,
                           force=args.force)
    result = build_issue(args.issue, options)
    print(result.report, end="")
    if result.pdf:
        print(f"→ {result.pdf}")
    if args.print_pdf and not result.pdf:
        for reason in result.refusals:
            print(f"不能付印：{reason}", file=sys.stderr)
        if result.dropped_print:
            print("上一次的付印文件（print/）已移走：它们和现在的稿件不符，不能再送印刷厂 (old print files removed)",
                  file=sys.stderr)
        if result.refusals:
            print("付印文件没有生成 (no print PDF written)", file=sys.stderr)
            return 1
    if result.overset:
        if args.print_pdf and not args.allow_overset:
            print("超版：付印文件没有生成；先改稿或调整版位 (overset: no print PDF written)", file=sys.stderr)
            return 1
        if args.web and not args.allow_overset:
            print("超版：网络版没有生成；先改稿或调整版位 (overset: no web edition written)", file=sys.stderr)
            return 1
        if not args.allow_overset:
            print("超版：校样已标出；要忽略请加 --allow-overset (overset)", file=sys.stderr)
            return 1
    return 0


def configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("issue", type=Path, nargs="?", help="本期文件夹，如 issues/2026-12（不写：issues/ 里最新的一期）")
    p.add_argument("--pdf", type=Path, help="要检查的付印 PDF（默认 output/<期>/print/<期>.pdf）")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="输出文件夹（默认：issues/ 旁边的 output/）")
    p.add_argument("--json", action="store_true", help="机器可读输出")
    p.add_argument("--no-ink", action="store_true", help="不做油墨总量检查（不调用 Ghostscript）")


def cli_check(args: argparse.Namespace) -> int:
    """Preflight: the composed issue (overset, imprint, folios, glyphs, images) and the print PDF."""
    from layout.preflight.findings import Finding
    from layout.preflight.pdf import check_pdf

    try:
        issue, _articles, _fonts, layout, findings = compose(args.issue)
    except InputErrors as exc:  # a preflight reports bad input as failed checks (exit 1), all of them
        return _report([_input_finding(e) for e in exc.errors], args.json)
    except InputError as exc:
        return _report([_input_finding(exc)], args.json)
    pdf = args.pdf or issue_output(args.issue, issue.profile.name, args.output) / "print" / f"{issue.id}.pdf"
    try:
        found = pdf.is_file()
    except OSError:  # a path the file system refuses (name too long): reported as not found
        found = False
    if found:
        fmt, spec = issue.profile.format, issue.profile.print
        from layout.units import to_mm

        made = dt.datetime.fromtimestamp(pdf.stat().st_mtime)
        findings.append(Finding("info", "pdf.checked", f"检查的付印 PDF：{pdf}（{made:%Y-%m-%d %H:%M} 生成）"))
        findings += stale_findings(issue, pdf, args.issue)
        found_in_pdf = check_pdf(pdf, standard="x1a", trim_mm=(to_mm(fmt.trim_w), to_mm(fmt.trim_h)),
                                 bleed_mm=spec.bleed_mm, max_tac=spec.max_tac, ink=not args.no_ink,
                                 min_ppi=spec.min_ppi, warn_ppi=spec.warn_ppi)
        findings += name_images(found_in_pdf, issue, layout)
    else:
        findings.append(Finding("error", "pdf.missing", f"找不到付印 PDF {pdf}：先运行 layout build --print {args.issue}"))
    return _report(findings, args.json)


def input_files(issue) -> list[Path]:
    """Every file a print PDF is made from: issue.yaml, the articles, images and lists of the issue,
    the paper profile's folder (paper.yaml, text templates, art, lists) and the fonts it names; each once."""
    files = [issue.yaml, *[p for p in issue.folder.rglob("*") if p.is_file() and not p.name.startswith(".")]]
    files += [p for p in issue.profile.folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    files += list(issue.profile.fonts.values())
    if issue.profile.print.icc_profile:
        files.append(issue.profile.print.icc_profile)
    return list(dict.fromkeys(files))  # issue.yaml is also in the folder (and fonts may be in the profile's): once each, in order


def stale_findings(issue, pdf: Path, folder: Path) -> list:
    """A print PDF older than a file it is made from does not show the copy as it is now: an error."""
    from layout.preflight.findings import Finding

    made = pdf.stat().st_mtime_ns
    newer = []
    for path in input_files(issue):
        try:
            changed = path.stat().st_mtime_ns
        except OSError:
            continue
        if changed > made:
            newer.append((changed, path))
    if not newer:
        return []
    newer.sort(reverse=True)
    shown = "、".join(_short(p, issue) for _t, p in newer[:3]) + (f" 等 {len(newer)} 个文件" if len(newer) > 3 else "")
    when = dt.datetime.fromtimestamp(newer[0][0] / 1e9)
    return [Finding("error", "pdf.stale",
                    f"付印 PDF 比它的稿件旧：{shown} 在它生成以后改过（最近 {when:%Y-%m-%d %H:%M}），"
                    f"这个 PDF 不是现在的版面 → 重新运行 layout build {folder} --print，再检查")]


def _short(path: Path, issue) -> str:
    """An issue file named from the issue folder (articles/…), a profile file from templates/ (wutong/…)."""
    return relative_name(path, (issue.folder, issue.profile.folder.parent), Path(path).name, resolve=True)


def name_images(findings: list, issue, layout) -> list:
    """The PDF checks name images by their PDF object (FormXob.78cafd04…); here they get the file's name.
    A photo the layout checks already reported (image.resolution, at its slot) is not reported again."""
    from dataclasses import replace

    from layout.display import Picture
    from layout.render.imageread import image_info

    by_place: dict[tuple[int, str], list[str]] = {}
    for page in layout.pages:
        for item in page.items:
            if isinstance(item, Picture):
                try:
                    w, h, _mode = image_info(item.path)
                except Exception:  # noqa: BLE001 — naming is a courtesy; the checks themselves ran
                    continue
                by_place.setdefault((page.number, f"{w}×{h}px"), []).append(_short(Path(item.path), issue))
    reported = {(r.page, image.file) for r in layout.reports for image in r.images
                if issue.profile.print.ppi_grade(image.ppi) != "ok"}
    out = []
    for f in findings:
        if f.check.startswith("images.") and f.where:
            size = f.where.split()[-1] if f.where.endswith("px") else ""
            names = by_place.get((f.page, size), []) if f.page else []
            if f.check == "images.ppi" and any((f.page, n) in reported for n in names):
                continue  # said already, with its slot
            if f.check == "images.ppi":
                label = names[0] if names else (f"第{f.page}版的一张图片" if f.page else "一张图片")
                f = replace(f, where=f"{label} {size}".strip())
            else:  # images.summary: the message says it all
                f = replace(f, where="")
        out.append(f)
    return out


def _report(findings: list, as_json: bool) -> int:
    findings = sort_findings(findings)
    print(to_json(findings) if as_json else format_table(findings))
    return 1 if has_errors(findings) else 0


def _input_finding(error: InputError):
    from layout.preflight.findings import Finding

    kind = "image.missing" if "图片" in error.message else "glyph.missing" if "缺字" in error.message else "input"
    where = (f"{error.path}:{error.line}" if error.line else str(error.path)) + (f" {error.where}" if error.where else "")
    return Finding("error", kind, error.message + (f" → {error.hint}" if error.hint else ""), None, where)
