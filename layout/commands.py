"""The issue sub-commands behind the CLI: build, check, new.  Each returns an exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layout import cliargs
from layout.build import OUTPUT_DIR, BuildOptions, build_issue, compose
from layout.errors import InputError, InputErrors
from layout.model.profile import MAX_BLEED_MM
from layout.outdir import output_root
from layout.preflight.findings import format_table, has_errors, sort_findings, to_json


def configure_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("issue", type=Path, help="本期文件夹，如 issues/2026-12")
    p.add_argument("--print", dest="print_pdf", action="store_true", help="付印：写 PDF/X-1a（默认写校样）")
    p.add_argument("--proof", metavar="STAGE", help="校次，如 二校（默认取 issue.yaml 的 proof_stage）")
    p.add_argument("--allow-overset", action="store_true", help="超版时仍以 0 退出（校样照样标出超版）")
    p.add_argument("--bleed", type=cliargs.number_in(0, MAX_BLEED_MM, " 毫米"), metavar="MM",
                   help=f"出血，毫米，0–{MAX_BLEED_MM:g}（默认取报纸模板，一般 0）")
    p.add_argument("--marks", action="store_true", help="加裁切线（印刷厂要求时）")
    p.add_argument("--web", action="store_true",
                   help="网络版：RGB 的 PDF 和每版一张 JPEG（公众号、街道网站用），写到 output/<期>/web/")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="输出文件夹（默认：issues/ 旁边的 output/）")


def cli_build(args: argparse.Namespace) -> int:
    options = BuildOptions(print_pdf=args.print_pdf, allow_overset=args.allow_overset, proof_stage=args.proof,
                           bleed_mm=args.bleed, crop_marks=args.marks, output=args.output, web=args.web)
    result = build_issue(args.issue, options)
    print(result.report, end="")
    if result.pdf:
        print(f"→ {result.pdf}")
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
    p.add_argument("issue", type=Path, help="本期文件夹，如 issues/2026-12")
    p.add_argument("--pdf", type=Path, help="要检查的付印 PDF（默认 output/<期>/print/<期>.pdf）")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="输出文件夹（默认：issues/ 旁边的 output/）")
    p.add_argument("--json", action="store_true", help="机器可读输出")
    p.add_argument("--no-ink", action="store_true", help="不做油墨总量检查（不调用 Ghostscript）")


def cli_check(args: argparse.Namespace) -> int:
    """Preflight: the composed issue (overset, imprint, folios, glyphs, images) and the print PDF."""
    from layout.preflight.findings import Finding
    from layout.preflight.pdf import check_pdf

    try:
        issue, _articles, _fonts, _layout, findings = compose(args.issue)
    except InputErrors as exc:  # a preflight reports bad input as failed checks (exit 1), all of them
        return _report([_input_finding(e) for e in exc.errors], args.json)
    except InputError as exc:
        return _report([_input_finding(exc)], args.json)
    pdf = args.pdf or output_root(args.issue, args.output) / issue.id / "print" / f"{issue.id}.pdf"
    try:
        found = pdf.exists()
    except OSError:  # a path the file system refuses (name too long): reported as not found
        found = False
    if found:
        fmt, spec = issue.profile.format, issue.profile.print
        from layout.units import to_mm

        findings += check_pdf(pdf, standard="x1a", trim_mm=(to_mm(fmt.trim_w), to_mm(fmt.trim_h)),
                              bleed_mm=spec.bleed_mm, max_tac=spec.max_tac, ink=not args.no_ink,
                              min_ppi=spec.min_ppi, warn_ppi=spec.warn_ppi)
    else:
        findings.append(Finding("error", "pdf.missing", f"找不到付印 PDF {pdf}：先运行 layout build --print {args.issue}"))
    return _report(findings, args.json)


def _report(findings: list, as_json: bool) -> int:
    findings = sort_findings(findings)
    print(to_json(findings) if as_json else format_table(findings))
    return 1 if has_errors(findings) else 0


def _input_finding(error: InputError):
    from layout.preflight.findings import Finding

    kind = "image.missing" if "图片" in error.message else "glyph.missing" if "缺字" in error.message else "input"
    where = f"{error.path}:{error.line}" if error.line else str(error.path)
    return Finding("error", kind, error.message + (f" → {error.hint}" if error.hint else ""), None, where)
