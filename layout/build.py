"""The pipeline on one screen: issue folder → model → composition → checks → PDF and report.

    load_issue ─▶ load_articles ─▶ load fonts ─▶ glyph check ─▶ compose_issue ─▶ check_layout
                                                                     │
                                    write_pdf (proof, or PDF/X-1a) ◀─┴─▶ build report (text + JSON)

Nothing reaches output/ before every input check has passed; then the whole
build is written into a stage folder and swapped in at the end (outdir.py), so
a failure or a kill leaves the previous build whole.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from layout.errors import InputError, InputErrors
from layout.fonts import load_face
from layout.inputs import check_images, figure_errors
from layout.model.article import Article, load_article
from layout.model.issue import Issue, load_issue
from layout.outdir import DEFAULT_OUTPUT, output_root, staged_build
from layout.pages.compose import IssueLayout, compose_issue
from layout.pages.pieces import styled_texts
from layout.preflight.findings import Finding
from layout.preflight.issue import check_layout
from layout.render.color import image_info
from layout.render.pdf import ProofStamp, write_pdf
from layout.render.pdfx import DocumentInfo, PrintSettings
from layout.report import format_report, report_json
from layout.templates import fragment

# "output/ of the issue's project folder" (outdir.output_root), not of the installed package.
OUTPUT_DIR = DEFAULT_OUTPUT


@dataclass(frozen=True)
class BuildOptions:
    print_pdf: bool = False  # 付印: PDF/X-1a instead of a proof
    allow_overset: bool = False  # write the print PDF even when text is overset
    proof_stage: str | None = None  # override the issue's proof stage
    bleed_mm: float | None = None
    crop_marks: bool = False
    output: Path = OUTPUT_DIR


@dataclass(frozen=True)
class BuildResult:
    issue: Issue
    layout: IssueLayout
    findings: tuple[Finding, ...]
    pdf: Path | None
    report: str

    @property
    def overset(self) -> bool:
        return any(r.over_lines for r in self.layout.reports)


def compose(folder: Path) -> tuple[Issue, dict[str, Article], dict, IssueLayout, list[Finding]]:
    """Everything short of writing files: load, check glyphs, compose, check the pages."""
    issue = load_issue(folder)
    articles = load_articles(issue)
    fonts = {role: load_face(path, role) for role, path in issue.profile.fonts.items()}
    check_glyphs(issue, articles, fonts)
    layout = compose_issue(issue, articles, fonts, lambda p: image_info(p)[:2])
    return issue, articles, fonts, layout, check_layout(issue, layout, fonts, articles)


def build_issue(folder: Path, options: BuildOptions = BuildOptions()) -> BuildResult:
    issue, articles, fonts, layout, findings = compose(folder)
    report = format_report(issue, layout, findings, options.proof_stage or issue.proof_stage)
    pdf = None
    overset = any(r.over_lines for r in layout.reports)
    printing = options.print_pdf and (options.allow_overset or not overset)
    with staged_build(output_root(folder, options.output), issue.id, fresh=("print",) if printing else ()) as stage, \
            figure_errors(issue, articles):
        out = stage.folder
        if printing:
            pdf = _write_print(issue, layout, fonts, options, out / "print")
        elif not options.print_pdf:
            pdf = out / f"{issue.id}-proof.pdf"
            write_pdf(layout.pages, pdf, fonts, settings=PrintSettings(pdfx=False), info=document_info(issue),
                      proof=proof_stamp(issue, options))
        _write_text(out / "report.txt", report)
        _write_text(out / "report.json", report_json(issue, layout, findings))
    return BuildResult(issue, layout, tuple(findings), pdf and stage.final_path(pdf), report)


def _write_print(issue: Issue, layout: IssueLayout, fonts: dict, options: BuildOptions, folder: Path) -> Path:
    """付印 files: the whole issue, and one file per page named 01.pdf … for plants that impose pages
    themselves (newspaper.md §5.5 #7, §7 #3)."""
    settings, info = _print_settings(issue, options), document_info(issue)
    for page in layout.pages:
        write_pdf([page], folder / f"{page.number:02d}.pdf", fonts, settings=settings, icc_profile=settings.icc_profile,
                  info=replace(info, title=f"{info.title} 第{page.number}版"))
    whole = folder / f"{issue.id}.pdf"
    # The configured ICC profile is the OutputIntent and also what photos are converted into.
    write_pdf(layout.pages, whole, fonts, settings=settings, info=info, icc_profile=settings.icc_profile)
    return whole


def load_articles(issue: Issue) -> dict[str, Article]:
    """Every slot's article; all bad files are reported together."""
    articles, errors = {}, []
    for page in issue.pages:
        for slot in page.slots:
            if slot.article is None:
                continue
            try:
                articles[slot.id] = load_article(slot.article)
            except InputError as exc:
                errors.append(exc)
    errors += check_images(issue, articles)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    return articles


def check_glyphs(issue: Issue, articles: dict[str, Article], fonts: dict) -> None:
    """缺字 is an error before anything is drawn: name the file, the line, the character and the font."""
    errors = []
    styles = issue.profile.styles
    for article in articles.values():
        seen = set()
        for style, text in styled_texts(article):
            face = fonts[styles[style].font]
            for ch in text:
                if ch.isspace() or face.covers(ch) or (ch, face.role) in seen:
                    continue
                seen.add((ch, face.role))
                raw = article.path.read_text(encoding="utf-8-sig").splitlines()  # only on error: find the line
                line = next((n for n, t in enumerate(raw, 1) if ch in t), None)
                errors.append(InputError(article.path, f"缺字：“{ch}”(U+{ord(ch):04X}) 在 {face.path.name}（{style}）里没有字形 (missing glyph)",
                                         line=line, hint="换成字体里有的字形，或在 fonts/ 里换一个覆盖它的字体"))
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)


def _print_settings(issue: Issue, options: BuildOptions) -> PrintSettings:
    spec = issue.profile.print
    return PrintSettings(
        pdfx=True, bleed_mm=spec.bleed_mm if options.bleed_mm is None else options.bleed_mm,
        crop_marks=options.crop_marks, output_condition=spec.output_condition,
        icc_profile=spec.icc_profile, max_tac=spec.max_tac,
    )


def document_info(issue: Issue) -> DocumentInfo:
    title = f"{issue.profile.edition.title} 第{issue.number}期 {issue.date.isoformat()}"
    return DocumentInfo(title, issue.date, issue.profile.edition.street)


def input_time(issue: Issue) -> dt.datetime:
    """When the issue's inputs last changed: the proof stamp's time (deterministic for unchanged files).

    SOURCE_DATE_EPOCH overrides it, as for every reproducible build.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone(dt.timedelta(hours=8)))
    files = [issue.yaml, issue.profile.folder / "paper.yaml"] + [p for p in issue.folder.rglob("*") if p.is_file()]
    newest = max(f.stat().st_mtime for f in files)
    return dt.datetime.fromtimestamp(int(newest), dt.timezone(dt.timedelta(hours=8)))


def proof_stamp(issue: Issue, options: BuildOptions) -> ProofStamp:
    stage = options.proof_stage or issue.proof_stage
    time = input_time(issue).strftime("%Y-%m-%d %H:%M")
    return ProofStamp(stage, fragment(issue.profile.folder, "proof", "stamp", stage=stage, time=time))


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
