"""A planned and flowed slot → display items: headline, figures, body lines, boxes, jump line, rules."""

from __future__ import annotations

from dataclasses import replace

from layout.display import BLACK, WHITE, Box, Item, Rule
from layout.pages.flow import Frame, Placement, flow_lines
from layout.pages.lines import line_runs
from layout.pages.pieces import jump_piece, tab_style, tab_width
from layout.pages.slot import PageContext, SlotFlow, SlotPlan
from layout.pages.stagger import PLAIN
from layout.text import Align, Settings, Span, set_paragraph

RULE_WIDTH = 0.4
SIDEBAR_TINT = (0.0, 0.04, 0.12, 0.0)


def draw_slot(ctx: PageContext, plan: SlotPlan, flowed: SlotFlow) -> tuple[Item, ...]:
    sid = plan.slot.id
    items: list[Item] = [replace(r, tag=f"{sid}|head") for r in plan.head.runs]
    for k, f in enumerate(plan.figures, start=1):
        items.append(f.picture)
        items.extend(replace(r, tag=f"{sid}|caption|{k}") for r in f.captions)
    items.extend(_draw_body(plan, flowed, ctx))
    if flowed.continuation is not None:
        items.extend(_jump_line(ctx, plan, plan.frames))
    items.extend(_rules(ctx, plan, flowed))
    return tuple(items)


def _draw_body(plan: SlotPlan, flowed: SlotFlow, ctx: PageContext) -> list[Item]:
    """Lines on their grid rows; sidebar boxes and 编者按 rules behind them, the 链接 tab on its box;
    a sub-head centred in its cell (the blank rows before it in the column, its lines and the empty
    row after them), so that it has white below as well as above."""
    grid, lines, pieces = ctx.grid, plan.lines, plan.pieces
    under: list[Item] = []
    tabs: list[Item] = []
    text: list[Item] = []
    order = 0
    for pl in flowed.placements:
        group: list[int] = []
        blanks = above = 0  # blank rows just above the current row in this column; above the sub-head
        for r in range(pl.count):
            fl = lines[pl.start + r]
            if fl.line is None:
                under.extend(_box(plan, pl, group, ctx))
                group = []
                blanks += 1
                continue
            piece = pieces[fl.piece]
            row = pl.frame.row + r
            baseline = grid.line_baseline(row, fl.line)
            if piece.kind == "subhead":
                above = blanks if fl.index == 0 else above
                baseline += (1 - above) / 2 * grid.pitch
            if piece.kind == "box_title" and fl.index == 0:
                tab, label = _tab(ctx, pl.frame.x, row)
                tabs.append(tab)
                text.extend(replace(r, tag=f"{plan.slot.id}|flow|{order + 1:05d}") for r in label)
            order += 1
            text.extend(line_runs(fl.line, pl.frame.x + piece.inset + piece.hang, baseline, piece.color,
                                  f"{plan.slot.id}|flow|{order:05d}"))
            blanks = 0
            if piece.box and (not group or pieces[lines[pl.start + group[-1]].piece].box == piece.box):
                group.append(r)
            else:
                under.extend(_box(plan, pl, group, ctx))
                group = [r] if piece.box else []
        under.extend(_box(plan, pl, group, ctx))
    return under + tabs + text


def _tab(ctx: PageContext, x: float, row: int) -> tuple[Box, list[Item]]:
    """The reversed tab at the top-left corner of a 链接 box: the label knocked out of the style's colour."""
    sheet, grid = ctx.sheet, ctx.grid
    labels = ctx.wording.labels
    name = tab_style(sheet)
    style = sheet.text(name)
    width = tab_width(sheet, labels.sidebar)
    top = grid.row_top(row)
    line = set_paragraph((Span(labels.sidebar, style),), width, Settings(align=Align.CENTER, indent_em=0.0,
                                                                         min_last_chars=1))[0]
    fill = sheet.color(name) if name == "sidebar_label" else BLACK
    return Box(x, top, width, grid.pitch, fill=fill), line_runs(line, x, grid.line_baseline(row, line), WHITE)


def _box(plan: SlotPlan, pl: Placement, rows: list[int], ctx: PageContext) -> list[Item]:
    if not rows:
        return []
    kind = plan.pieces[plan.lines[pl.start + rows[0]].piece].box
    top = ctx.grid.row_top(pl.frame.row + rows[0])
    bottom = ctx.grid.row_top(pl.frame.row + rows[-1] + 1)
    x0, x1 = pl.frame.x, pl.frame.x + pl.frame.width
    if kind == "sidebar":
        return [Box(x0, top, x1 - x0, bottom - top, fill=SIDEBAR_TINT, stroke=BLACK, stroke_width=0.6)]
    return [Rule(x0, top, x1, top, 0.8), Rule(x0, bottom, x1, bottom, 0.8)]  # 编者按: ruled above and below


def _jump_line(ctx: PageContext, plan: SlotPlan, frames: tuple[Frame, ...]) -> list[Item]:
    """“（下转第N版）” on the row kept free at the foot of the slot's last column."""
    last = frames[-1]
    piece = jump_piece(ctx.wording.jump_to[plan.slot.jump.page], ctx.sheet, "jump_to")
    line = flow_lines((piece,), last.width)[0].line
    row = last.row + last.rows - 1
    return line_runs(line, last.x, ctx.grid.line_baseline(row, line), tag=f"{plan.slot.id}|jump")


def _last_rows(flowed: SlotFlow) -> dict[int, int]:
    """Text column → last grid row holding a line."""
    out: dict[int, int] = {}
    for pl in flowed.placements:
        out[pl.frame.column] = max(out.get(pl.frame.column, 0), pl.frame.row + pl.count - 1)
    return out


def _rules(ctx: PageContext, plan: SlotPlan, flowed: SlotFlow) -> list[Item]:
    """Column rules (栏线) between text columns, and the story separator under the slot."""
    grid, area, figures, slot = ctx.grid, plan.area, plan.figures, plan.slot
    out: list[Item] = []
    if ctx.issue.profile.format.column_rules and len(area.columns) > 1:
        last = _last_rows(flowed)
        for c in range(len(area.columns) - 1):
            x = (area.columns[c][0] + area.columns[c][1] + area.columns[c + 1][0]) / 2
            bottom = max(last.get(c, 0), last.get(c + 1, 0), *(f.row + f.rows - 1 for f in figures
                                                              if f.covers(c) != f.covers(c + 1)))
            row = area.first_row
            for f in sorted((f for f in figures if f.covers(c) and f.covers(c + 1)), key=lambda f: f.row):
                if f.row > row:
                    out.append(Rule(x, grid.row_top(row), x, grid.row_top(f.row), RULE_WIDTH))
                row = max(row, f.row + f.rows)
            if bottom >= row:
                out.append(Rule(x, grid.row_top(row), x, grid.row_top(bottom + 1), RULE_WIDTH))
    if slot.id in ctx.separator_below:
        x, _y, w, _h = grid.rect(slot.grid)
        y = grid.row_top(slot.grid.last_row) + grid.pitch / 2
        out.append(Rule(x, y, x + w, y, 0.6))
    span = ctx.forms.get(slot.id, PLAIN).head_span
    if span:  # a 通栏 headline: ruled off from the story it runs over
        y = grid.row_top(area.first_row) - 0.2 * grid.pitch
        for first, last in ((span[0], slot.grid.col - 1), (slot.grid.last_col + 1, span[0] + span[1] - 1)):
            if last >= first:
                out.append(Rule(grid.col_x(first), y, grid.col_x(last) + grid.fmt.column_width, y, 0.6))
    return out
