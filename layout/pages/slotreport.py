"""A flowed slot → its report (characters set, lines over or under, jumps, images) and its proof marks."""

from __future__ import annotations

import math

from layout.display import ProofNote
from layout.model.article import Article
from layout.model.issue import Slot
from layout.pages.capacity import per_line, round_chars
from layout.pages.results import ImageNote, SlotReport, SlotResult, SlotStatus
from layout.pages.slot import PageContext, SlotFlow, SlotPlan
from layout.pages.stagger import PLAIN


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
    over = 0 if jumped else len(rest)
    under = 0 if rest else max(0, capacity - used)
    chars_set = sum(_chars(fl.line.text) for fl in placed if fl.line is not None)
    line_chars = _line_chars(plan, ctx)
    add = round_chars(under * line_chars * 0.95)
    return SlotReport(
        page=ctx.page.no, slot=slot.id, role=slot.role, article=source.path.name, headline=source.headline,
        chars=sum(_chars(fl.line.text) for fl in lines if fl.line is not None),
        chars_set=chars_set,
        rows=capacity, rows_used=used,
        over_lines=over,
        under_lines=under,
        jump_to=(slot.jump.page, slot.jump.slot) if jumped else None,
        jump_from=(incoming.from_page, "") if incoming else None,
        images=images, warnings=tuple(warnings), notes=source.notes if incoming is None else (),
        capacity=round_chars(chars_set + (add if under else 0)), add_chars=add if under else 0,
        cut_from=_last_words(placed) if over else "",
        rows_to_add=math.ceil(over / max(1, len(plan.area.columns))) if over else 0,
        fit=describe_fit(plan, ctx),
        shape=_shape(plan),
    )


def _shape(plan: SlotPlan) -> str:
    """“3栏×56行（第1–3栏，第1–56行），主题 36 磅，图1 3栏×15行”."""
    g = plan.slot.grid
    text = f"{g.span}栏×{g.rows}行（第{g.col}–{g.last_col}栏，第{g.row}–{g.last_row}行），主题 {plan.head.title_size:g} 磅"
    for k, f in enumerate(plan.figures, start=1):
        text += f"，图{k} {f.columns}栏×{f.picture_rows}行"
    return text


def _line_chars(plan: SlotPlan, ctx: PageContext) -> float:
    """Characters a body line of this story carries: measured on its lines that are not a paragraph's
    last, or the paper's estimate when the story has none."""
    full = [_chars(fl.line.text) for fl in plan.lines if fl.line is not None and fl.index < fl.count - 1
            and plan.pieces[fl.piece].kind == "para"]
    if full:
        last = [_chars(fl.line.text) for fl in plan.lines if fl.line is not None and fl.index == fl.count - 1
                and fl.count > 1 and plan.pieces[fl.piece].kind == "para"]
        return (sum(full) + sum(last)) / (len(full) + len(last))
    return per_line(plan.area.columns[0][1], ctx.grid.fmt.body_size)


def _last_words(placed) -> str:
    """The end of the last line that was placed, for “排到……为止”."""
    for fl in reversed(placed):
        if fl.line is not None and fl.line.text.strip():
            return fl.line.text.strip()[-8:]
    return ""


def describe_fit(plan: SlotPlan, ctx: PageContext) -> str:
    """The fit and the headline form in the editors' words: 标题区加 2 行，图片加高 1 行，空行 2 处."""
    fit, form = plan.fit, ctx.forms.get(plan.slot.id, PLAIN)
    parts = []
    if form.head_span:
        parts.append(f"主题通栏（第{form.head_span[0]}–{form.head_span[0] + form.head_span[1] - 1}栏），避免撞题")
    if form.photo_first and plan.figures:
        parts.append("图片压在标题上方，避免撞题")
    if fit.title_step:
        parts.append(f"主题缩小 {fit.title_step} 档（{plan.head.title_size:g} 磅）")
    if fit.head_rows:
        parts.append(f"标题区加 {fit.head_rows} 行")
    for k, rows in enumerate(fit.figure_rows):
        if rows:
            parts.append(f"图{k + 1}{'加高' if rows > 0 else '减低'} {abs(rows)} 行")
    if fit.spaces:
        parts.append(f"空行 {sum(r for _i, r in fit.spaces)} 处")
    longer = sum(1 for _i, e in fit.loose if e > 0)
    shorter = sum(1 for _i, e in fit.loose if e < 0)
    if longer:
        parts.append(f"拉行 {longer} 段")
    if shorter:
        parts.append(f"缩行 {shorter} 段")
    return "，".join(parts)


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
        notes.append(ProofNote("underset", x, y, w, h, ctx.wording.underset_label(report.under_lines, report.add_chars), slot=slot.id))
    for text in report.notes:
        notes.append(ProofNote("note", x, y, w, h, text, slot=slot.id))
    return tuple(notes)


def empty_slot(ctx: PageContext, slot: Slot) -> SlotResult:
    rows = slot.grid.rows * len(ctx.grid.text_columns(slot.grid, slot.split))
    report = SlotReport(ctx.page.no, slot.id, slot.role, "", "", 0, 0, rows, 0, 0, rows,
                        warnings=("版位空着：没有稿件，也没有转版稿 (empty slot)",))
    x, y, w, h = ctx.grid.rect(slot.grid)
    return SlotResult((), (ProofNote("slot", x, y, w, h, f"{slot.id} 空", slot=slot.id),), report)
