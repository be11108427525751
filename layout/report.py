"""The build report: what editors read after every build (newspaper.md §6.5), as text and as JSON.

Per page and slot: characters set, lines over or under, jumps, images and their
effective resolution; then the warnings, each with the 版 and 版位 it concerns;
the normaliser's changes counted per file (every change is in report.json);
then the imprint, folio and glyph checks.  Overset is the first thing it says.

Nothing an editor would learn to ignore (issue 14): slots whose article is
still the empty stub `layout new` wrote are one line, not a warning each.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import Iterable, Mapping

from layout.model.article import Article
from layout.model.issue import Issue
from layout.model.profile import PrintSpec
from layout.pages.capacity import round_chars
from layout.pages.compose import IssueLayout
from layout.pages.results import ImageNote, SlotReport, SlotStatus
from layout.preflight.findings import Finding
from layout.text.normalize import RULE_NAMES


# Findings the report already states on its slot's line (status, photos): listed once, there.
PER_SLOT_CHECKS = frozenset({"overset", "underset", "slot.empty", "slot.stub", "image.resolution"})
# The normaliser's rules in a few words, for the per-file count.
RULE_SHORT = {"ascii-punct": "半角标点改全角", "ellipsis": "省略号改“……”", "dash": "破折号改“——”",
              "quote": "直引号改弯引号", "space-han": "删汉字间空格", "space-han-latin": "删汉字与数字字母间空格",
              "fullwidth-alnum": "全角数字字母改半角", "space-run": "连续空格并为一个"}


def _headline(r: SlotReport) -> str:
    text = r.headline
    if not text:
        return "（没有主题）"
    return f"《{text[:14]}…》" if len(text) > 15 else f"《{text}》"


def slot_line(r: SlotReport) -> str:
    """One report line for a slot."""
    where = f"第{r.page}版 {r.slot} {r.role}"
    status = r.status
    if status is SlotStatus.EMPTY:
        return f"{where} 空版位，欠 {r.under_lines} 行"
    if r.is_stub:
        return f"{where} 稿件还没写（{r.article}，容量约 {r.add_chars or r.capacity:,} 字）".replace(",", " ")
    head = "（续）" if r.jump_from else ""
    text = f"{where}{head}{_headline(r)} 正文 {r.chars:,} 字，排入 {r.chars_set:,} 字（容量约 {r.capacity:,} 字）".replace(",", " ")
    text += {
        SlotStatus.OVER: lambda: f" → {overset_advice(r)}",
        SlotStatus.JUMP: lambda: f" → 已转第{r.jump_to[0]}版 {r.jump_to[1]}（下转/上接已生成）",
        SlotStatus.UNDER: lambda: f" → 欠 {r.under_lines} 行，可加约 {r.add_chars} 字",
        SlotStatus.FULL: lambda: " → 正好排满",
    }[status]()
    if r.jump_from:
        text += f"（上接第{r.jump_from[0]}版）"
    return text


def overset_advice(r: SlotReport) -> str:
    """超 N 行：where the cut falls and the two ways out (cut copy, or give the slot rows)."""
    text = f"超 {r.over_lines} 行（未排入 {r.chars_left} 字）"
    if r.cut_from:
        text += f"：排到“……{r.cut_from}”为止"
    return text + f"；删约 {round_chars(r.chars_left)} 字，或版位加高 {r.rows_to_add} 行"


def image_line(image: ImageNote, spec: PrintSpec) -> str:
    """One photo as the report and the preview show it: file, pixels, effective ppi and its grade."""
    flag = {"fail": f"（< {spec.min_ppi:.0f}，不能付印）", "warn": f"（< {spec.warn_ppi:.0f}）", "ok": ""}[spec.ppi_grade(image.ppi)]
    return f"图片 {image.file} {image.pixels[0]}×{image.pixels[1]} 像素，实际 {spec.ppi_text(image.ppi)} ppi{flag}"


def warning_lines(layout: IssueLayout) -> list[str]:
    """Every slot's warnings with its 版 and 版位; the stubs not written yet as one line, not one warning each."""
    stubs = [r for r in layout.reports if r.is_stub]
    out = []
    if stubs:
        out.append(f"{len(stubs)} 个版位的稿件还没写：{'、'.join(r.slot for r in stubs)}"
                   "（写好以后再看它们的欠行、稿源这些提示）")
    out += [f"第{r.page}版 {r.slot} {w}" for r in layout.reports if not r.is_stub for w in r.warnings]
    return out


def change_lines(layout: IssueLayout, articles: Mapping[str, Article] | None) -> tuple[list[str], int]:
    """The normaliser's changes, one line per article file with counts per rule (report.json has each one),
    and how many changes those lines count in all."""
    out, total = [], 0
    for r in layout.reports:
        article = (articles or {}).get(r.slot)
        if article is None or r.jump_from or not article.changes:
            continue
        counts = Counter(c.kind for c in article.changes)
        kinds = "、".join(f"{RULE_SHORT.get(k, RULE_NAMES.get(k, k))} {n}" for k, n in counts.most_common())
        out.append(f"第{r.page}版 {r.slot} {article.path.name}：{len(article.changes)} 处（{kinds}）")
        total += len(article.changes)
    return out, total


def format_report(issue: Issue, layout: IssueLayout, findings: list[Finding], stage: str | None = None,
                  articles: Mapping[str, Article] | None = None) -> str:
    out = [f"《{issue.profile.edition.title}》第{issue.number}期 {issue.date.isoformat()}  {stage or issue.proof_stage}  {issue.pages_count}版"]
    over = [r for r in layout.reports if r.status is SlotStatus.OVER]
    out.append(f"超版：{len(over)} 个版位" if over else "超版：无 (no overset)")
    for r in layout.reports:
        out.append(slot_line(r))
        for image in r.images:
            out.append("    " + image_line(image, issue.profile.print))
        for note in r.notes:
            out.append(f"    备注：{note}")
    out.extend(design_lines(layout))
    warnings = warning_lines(layout)
    if warnings:
        out.append(f"提示 ({len(warnings)}):")
        out.extend(f"  {w}" for w in warnings)
    changes, total = change_lines(layout, articles)
    if changes:
        out.append(f"规范化 (normalised)：{len(changes)} 篇稿件共 {total} 处，已按规范改好，每一处见 report.json 的 normalised:")
        out.extend(f"  {line}" for line in changes)
    out.append("检查 (checks):")
    out.extend(f"  {line}" for line in finding_lines(findings, marked=True))
    if not any(f.check == "glyph.missing" for f in findings):
        out.append("  ✓ 缺字检查：通过（所有字形都在嵌入的字体里）")
    return "\n".join(out) + "\n"


FINDING_MARKS = {"error": "✗", "warning": "!", "info": "✓"}


def finding_lines(findings: Iterable[Finding], severity: str | None = None, *, marked: bool = False) -> list[str]:
    """The findings the report lists under its checks (not those already on their slot's line), one line each:
    第N版, where, message; only those of `severity` if given; `marked` puts ✗ ! ✓ in front."""
    out = []
    for f in findings:
        if f.check in PER_SLOT_CHECKS or (severity is not None and f.severity != severity):
            continue
        page = f"第{f.page}版 " if f.page else ""
        line = f"{page}{f.where + ' ' if f.where else ''}{f.message}"
        out.append(f"{FINDING_MARKS[f.severity]} {line}" if marked else line)
    return out


def design_lines(layout: IssueLayout) -> list[str]:
    """自动组版: per page the design chosen and what each story got (and gave up)."""
    if not layout.plans:
        return []
    reports = {(r.page, r.slot): r for r in layout.reports}
    out = ["自动组版 (automatic layout):"]
    for plan in layout.plans:
        count = len(plan.alternatives)
        shape = plan.alternatives[plan.chosen].design.shape if count else "（无可行方案，上下排列）"
        out.append(f"  第{plan.page.no}版 方案 {plan.chosen + 1}/{max(count, 1)}：{shape}")
        for slot in plan.page.slots:
            r = reports.get((plan.page.no, slot.id))
            if r is None or not r.article:
                continue
            given = f"；{r.fit}" if r.fit else ""
            out.append(f"    {slot.id} {r.shape}{given}")
        out.extend(f"    {note}" for note in plan.notes)
    return out


def report_json(issue: Issue, layout: IssueLayout, findings: list[Finding],
                articles: Mapping[str, Article] | None = None) -> str:
    pages = {r.slot: r.page for r in layout.reports}
    data = {
        "issue": issue.id, "paper": issue.profile.edition.title, "profile": issue.profile.name, "number": issue.number,
        "date": issue.date.isoformat(), "proof_stage": issue.proof_stage, "pages": issue.pages_count,
        "slots": [asdict(r) for r in layout.reports],
        "stubs": [r.slot for r in layout.reports if r.is_stub],
        "findings": [asdict(f) for f in findings],
        "normalised": [{"page": pages.get(slot), "slot": slot, "file": a.path.name, "line": c.line, "rule": c.kind,
                        "change": c.message}
                       for slot, a in (articles or {}).items() for c in a.changes],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
