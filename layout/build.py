"""The pipeline on one screen: issue folder → model → composition → checks → PDF and report.

    load_issue ─▶ load_articles ─▶ load fonts ─▶ wording ─▶ glyph check ─▶ compose_issue ─▶ check_layout
                                                                                  │
                                            write_pdf (proof, or PDF/X-1a) ◀─────┴─▶ build report (text + JSON)

Nothing reaches output/ before every input check has passed; then the whole
build is written into a stage folder and swapped in at the end (outdir.py), so
a failure or a kill leaves the previous build whole.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from layout.editorial.proofmarks import record_stage, stage_marks
from layout.editorial.stages import stage_path
from layout.errors import InputError, InputErrors
from layout.fonts import load_face
from layout.inputs import check_images, figure_errors
from layout.model.article import Article
from layout.model.articlefile import load_article
from layout.model.issue import Issue, load_issue
from layout.outdir import DEFAULT_OUTPUT, output_place, staged_build
from layout.parallel import in_parallel
from layout.pages.compose import IssueLayout, compose_issue
from layout.pages.sheet import Sheet
from layout.preflight.findings import Finding
from layout.preflight.issue import check_layout
from layout.printed import PrintedText, printed_texts
from layout.render.imageread import image_info
from layout.render.pdf import ProofStamp, write_pdf, write_proof
from layout.render.pdfx import DocumentInfo, PrintSettings
from layout.render.web import write_web
from layout.report import format_report, report_json
from layout.templates import fragment
from layout.wording import issue_wording

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
    web: bool = False  # 网络版: RGB PDF and page JPEGs under output/<issue>/web/ instead of a proof
    force: bool = False  # 付印 even with empty slots or before the 清样 (print_refusals)


@dataclass(frozen=True)
class BuildResult:
    issue: Issue
    layout: IssueLayout
    findings: tuple[Finding, ...]
    pdf: Path | None
    report: str
    articles: Mapping[str, Article] = field(default_factory=dict)
    refusals: tuple[str, ...] = ()  # why a print build wrote no PDF/X (besides overset), each with the way out
    dropped_print: bool = False  # a refused print build removed the previous print files (they no longer match)
    fonts: Mapping = field(default_factory=dict)  # role → FontFace the pages were set in (preview draws the designs with them)

    @property
    def overset(self) -> bool:
        return self.layout.overset


# A print file goes to the plant after the 清样 is signed (newspaper.md §5.2): stages before it are proofs.
PRINT_STAGES = ("清样",)


def print_refusals(issue: Issue, layout: IssueLayout, stage: str) -> tuple[str, ...]:
    """Why `--print` should not write a PDF/X now (besides overset), each naming 版 and 版位 and the way out.

    A slot with no story, or whose article is still the empty stub, prints as a hole (开天窗); a
    proof stage before 清样 means the pages have not been signed.  `--force` overrides both.
    """
    from layout.pages.results import SlotStatus

    out = []
    if stage not in PRINT_STAGES:
        out.append(f"本期校次是“{stage}”，还没到清样：付印文件要在清样签字以后生成"
                   f" → 签完清样，把 issue.yaml 的 proof_stage 改成 清样 再运行；确要现在付印，加 --force")
    empty = [r for r in layout.reports if r.status is SlotStatus.EMPTY or r.is_stub]
    if empty:
        where = "、".join(f"第{r.page}版 {r.slot}" for r in empty[:12]) + ("等" if len(empty) > 12 else "")
        out.append(f"{len(empty)} 个版位没有稿件，印出来是空白（开天窗）：{where}"
                   f" → 写好这些稿件，或在 issue.yaml 里删掉这些版位、把地方让给相邻版位（或写进 areas 留白）；"
                   f"确要照样付印，加 --force")
    return tuple(out)


def compose(folder: Path, memo: dict | None = None) -> tuple[Issue, dict[str, Article], dict, IssueLayout, list[Finding]]:
    """Everything short of writing files: load, check glyphs, compose, check the pages.

    memo: composed pages kept between calls by a long-lived caller (`layout serve`), which must empty
    it when anything but an article's text changes (compose_issue)."""
    issue = load_issue(folder)
    articles = load_articles(issue)
    fonts = {role: load_face(path, role) for role, path in issue.profile.fonts.items()}
    wording = issue_wording(issue)
    printed = list(printed_texts(issue, articles, Sheet(issue.profile, fonts), wording))
    check_glyphs(issue, printed, fonts)
    layout = compose_issue(issue, articles, fonts, lambda p: image_info(p)[:2], wording, memo)
    return issue, articles, fonts, layout, check_layout(issue, layout, fonts, printed, articles)


def build_issue(folder: Path, options: BuildOptions = BuildOptions()) -> BuildResult:
    issue, articles, fonts, layout, findings = compose(folder)
    report = format_report(issue, layout, findings, options.proof_stage or issue.proof_stage, articles)
    pdf = None
    refusals = () if options.force or not options.print_pdf else print_refusals(issue, layout, options.proof_stage or issue.proof_stage)
    printing = options.print_pdf and (options.allow_overset or not layout.overset) and not refusals
    # A print build writes print/ anew; one that is refused removes the old print/ as well: those files
    # no longer match the copy, and `layout check` must not pass them as this issue's print PDF.
    root, name = output_place(folder, issue.profile.name, options.output)
    dropped = options.print_pdf and not printing and (root / name / "print").is_dir()
    with staged_build(root, name, fresh=("print",) if options.print_pdf else ()) as stage, \
            figure_errors(issue, articles):
        out = stage.folder
        if options.print_pdf:
            if printing:
                pdf = _write_print(issue, layout, fonts, options, out / "print")
                record_stage(issue, layout, "付印", out)  # what went to the plant, for `layout diff --to 付印`
        elif options.web:
            if options.allow_overset or not layout.overset:
                pdf = write_web(issue, layout.pages, fonts, out / "web", document_info(issue)).pdf  # render/web.py
        else:
            marks = stage_marks(issue, layout, options.proof_stage or issue.proof_stage, out)  # 修改痕迹 (editorial/)
            pdf = write_issue_proof(issue, layout, fonts, out / f"{issue.id}-proof.pdf", options.proof_stage,
                                    pages=marks.pages)
            marks.save()  # what this stage set, for `layout diff` and the next stage's marks
            if marks.problem:  # an earlier record that cannot be read: the proof carries no marks, and says why
                record = stage_path(root / name, marks.earlier)
                report += (f"\n! 修改痕迹：这份{marks.stage}校样没有标出修改，因为 {record} 坏了：{marks.problem}"
                           f" → 删掉这个文件（本次就不标修改），或用{marks.earlier}时的稿件重出一次 --proof {marks.earlier}\n")
        _write_text(out / "report.txt", report)
        _write_text(out / "report.json", report_json(issue, layout, findings, articles))
    return BuildResult(issue, layout, tuple(findings), pdf and stage.final_path(pdf), report, articles, refusals, dropped, fonts)


def _write_print(issue: Issue, layout: IssueLayout, fonts: dict, options: BuildOptions, folder: Path) -> Path:
    """付印 files: the whole issue, and one file per page named 01.pdf … for plants that impose pages
    themselves (newspaper.md §5.5 #7, §7 #3).

    On a machine with a second core the page files are written by a forked child while this process
    writes the whole issue (ReportLab is single-threaded; each file is written whole by one process,
    so the bytes are the same as written one after the other)."""
    settings, info = _print_settings(issue, options), document_info(issue)
    whole = folder / f"{issue.id}.pdf"
    folder.mkdir(parents=True, exist_ok=True)

    def pages() -> None:
        for page in layout.pages:
            write_pdf([page], folder / f"{page.number:02d}.pdf", fonts, settings=settings,
                      info=replace(info, title=f"{info.title} 第{page.number}版"))

    def issue_file() -> None:
        # The configured ICC profile is the OutputIntent and also what photos are converted into.
        write_pdf(layout.pages, whole, fonts, settings=settings, info=info)

    in_parallel(pages, issue_file)
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
                errors.append(replace(exc, place=exc.place or f"第{page.no}版 版位 {slot.id}"))
    errors += check_images(issue, articles) + _area_images(issue)
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    return articles


def _area_images(issue: Issue) -> list[InputError]:
    """Every 广告 area's artwork must be a readable image: the error points at the page's area line."""
    errors = []
    for page in issue.pages:
        for area in page.areas:
            if area.image is not None:
                try:
                    image_info(area.image)
                except InputError as exc:
                    errors.append(InputError(issue.yaml, f"第{page.no}版{area.kind}图片无法读取 ({exc.message})", line=area.line,
                                             hint="换一个能用看图软件打开的 JPEG/PNG/TIFF 文件"))
    return errors


def check_glyphs(issue: Issue, printed: list[PrintedText], fonts: dict) -> None:
    """缺字 is an error before anything is drawn: name the file, the line, the character and the font."""
    errors, seen = [], set()
    pages = issue.slot_pages()
    for text in printed:
        face = fonts[text.font]
        for ch in _uncovered(face.metrics, text.text):
            if (ch, text.font) in seen:
                continue
            seen.add((ch, text.font))
            path, line = _locate(ch, [text.source, issue.profile.folder / "paper.yaml", issue.yaml])
            place = f"第{pages[text.slot]}版 版位 {text.slot}" if text.slot in pages else None
            errors.append(InputError(path, f"缺字：“{ch}”(U+{ord(ch):04X}) 在 {face.path.name}（{text.what}）里没有字形 (missing glyph)",
                                     line=line, hint="删掉这个字符或换成文字：报纸字体里没有它（表情符号、特殊符号常见），印出来会是空框",
                                     place=place))
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)


@lru_cache(maxsize=8192)
def _uncovered(metrics, text: str) -> tuple[str, ...]:
    """The characters of `text` the face (its metrics: one object per font file) has no glyph for
    (cached: the live preview checks the same paragraphs on every rebuild)."""
    return tuple(ch for ch in metrics.lacks(text) if not ch.isspace())


def _locate(ch: str, files: list[Path]) -> tuple[Path, int | None]:
    """The first file and line holding `ch` (only on error: reading the files again is cheap then)."""
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        line = next((n for n, t in enumerate(lines, 1) if ch in t), None)
        if line is not None:
            return path, line
    return files[0], None


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


def proof_stamp(issue: Issue, stage: str | None = None, time: str | None = None) -> ProofStamp:
    """The stamp every proof page carries: its stage and when its inputs last changed.

    time: "" renders the stamp without a time (the live preview keys pages on that,
    so a save does not redraw pages whose content did not change).
    """
    stage = stage or issue.proof_stage
    time = input_time(issue).strftime("%Y-%m-%d %H:%M") if time is None else time
    return ProofStamp(stage, fragment(issue.profile.folder, "proof", "stamp", stage=stage, time=time))


def write_issue_proof(issue: Issue, layout: IssueLayout, fonts: dict, path: Path, stage: str | None = None,
                      pages: tuple | None = None) -> Path:
    """The proof recipe, used by `build`, `preview` and `serve`: proof layer, stamp, no PDF/X keys.

    pages: a subset of the layout's pages (the live preview redraws only the pages that changed).
    """
    write_proof(layout.pages if pages is None else pages, path, fonts, document_info(issue), proof_stamp(issue, stage))
    return path


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
