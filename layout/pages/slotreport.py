"""A flowed slot → its report (characters set, lines over or under, jumps, images) and its proof marks."""

from __future__ import annotations

from layout.display import ProofNote
from layout.model.article import Article
from layout.model.issue import Slot
from layout.pages.results import ImageNote, SlotReport, SlotResult, SlotStatus
from layout.pages.slot import PageContext, SlotFlow, SlotPlan


def _chars(text: str) -> int:
    return len(text.replace(" ", "").replace("\u3000", ""))


def report_slot(ctx: PageContext, plan: SlotPlan, flowed: SlotFlow) -> SlotReport:
    slot, source, incoming, lines = plan.slot, plan.source, plan.incoming, plan.lines
    placed = [lines[i] for pl in flowed.placements for i in range(pl.start, pl.start + pl.count)]
    rest = [fl for fl in lines[flowed.end:] if fl.line is not None]
    jumped = slot.jump is not None and rest
    warnings = list(plan.head.notes)
    if incoming is None:
        warnings.extend(f"{source.path.name}:{w.line}: {w.message}" for w in source.warnings)
        warnings.extend(_content_warnings(source))
    images = tuple(ImageNote(f.figure.path, f.ppi, f.pixels) for f in plan.figures)
    used, capacity = flowed.rows_used, plan.capacity
    return SlotReport(
        page=ctx.page.no, slot=slot.id, role=slot.role, article=source.path.name, headline=source.headline,
        chars=sum(_chars(fl.line.text) for fl in lines if fl.line is not None),
        chars_set=sum(_chars(fl.line.text) for fl in placed if fl.line is not None),
        rows=capacity, rows_used=used,
        over_lines=0 if jumped else len(rest),
        under_lines=0 if rest else max(0, capacity - used),
        jump_to=(slot.jump.page, slot.jump.slot) if jumped else None,
        jump_from=(incoming.from_page, "") if incoming else None,
        images=images, warnings=tuple(warnings), notes=source.notes if incoming is None else (),
    )


def _content_warnings(article: Article) -> list[str]:
    """Checks editors rely on (newspaper.md §5.5 #11): captions, and a 稿源 or byline on every story."""
    out = [f"{article.path.name}:{f.line}: 图片 {f.path} 没有图说 (photo without a caption)"
           for f in article.figures if not f.caption]
    if not article.source and not article.byline:
        out.append(f"{article.path.name}: 缺少【稿源】或【署名】 (no source or byline)")
    return out


def proof_notes(ctx: PageContext, slot: Slot, report: SlotReport) -> tuple[ProofNote, ...]:
    x, y, w, h = ctx.grid.rect(slot.grid)
    notes = [ProofNote("slot", x, y, w, h, f"{slot.id} {slot.role}", slot=slot.id)]
    status = report.status
    if status is SlotStatus.OVER:
        notes.append(ProofNote("overset", x, y, w, h, ctx.wording.overset_label(report.over_lines, report.chars_left),
                               slot=slot.id))
    elif status is SlotStatus.UNDER:
        notes.append(ProofNote("underset", x, y, w, h, ctx.wording.underset_label(report.under_lines), slot=slot.id))
    for text in report.notes:
        notes.append(ProofNote("note", x, y, w, h, text, slot=slot.id))
    return tuple(notes)


def empty_slot(ctx: PageContext, slot: Slot) -> SlotResult:
    rows = slot.grid.rows * len(ctx.grid.text_columns(slot.grid, slot.split))
    report = SlotReport(ctx.page.no, slot.id, slot.role, "", "", 0, 0, rows, 0, 0, rows,
                        warnings=("版位空着：没有稿件，也没有转版稿 (empty slot)",))
    x, y, w, h = ctx.grid.rect(slot.grid)
    return SlotResult((), (ProofNote("slot", x, y, w, h, f"{slot.id} 空", slot=slot.id),), report)
