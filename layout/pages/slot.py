"""One slot of a page: headline block, photos, body flow, jump lines → display items and a report.

The slot is a rectangle of basic columns × body lines (the editor's 版样).  Its
headline runs across the slot; photos take whole columns and rows; the body
flows through the text columns on the page's baseline grid, balanced when it
is short (齐栏), cut with a jump line when it continues on another page
(转版), and reported as overset when it does not fit (never dropped silently).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from layout.display import BLACK, Box, Item, ProofNote, Rule
from layout.model.article import Article
from layout.model.issue import Issue, Page, Slot
from layout.pages.figures import Area, ImageSize, PlacedFigure, blocked_rows, line_size, place_figures
from layout.pages.flow import (
    Cursor, FlowLine, Frame, Piece, Placement, balance, continue_from, cursor_at, fill, flow_lines,
)
from layout.pages.grid import PageGrid
from layout.pages.headblock import HeadSpec, compose_headline
from layout.pages.lines import line_runs
from layout.pages.pieces import article_pieces, jump_piece
from layout.pages.sheet import Sheet
from layout.templates import fragment

RULE_WIDTH = 0.4
SIDEBAR_TINT = (0.0, 0.04, 0.12, 0.0)


@dataclass(frozen=True)
class PageContext:
    issue: Issue
    page: Page
    grid: PageGrid
    sheet: Sheet
    image_size: ImageSize
    separator_below: frozenset[str]


@dataclass(frozen=True)
class Continuation:
    """What a slot hands to its jump target: the rest of the flow and where it came from."""

    pieces: tuple[Piece, ...]
    cursor: Cursor
    article: Article
    from_page: int


@dataclass(frozen=True)
class ImageNote:
    file: str
    ppi: float
    pixels: tuple[int, int]


@dataclass(frozen=True)
class SlotReport:
    page: int
    slot: str
    role: str
    article: str
    headline: str
    chars: int
    chars_set: int
    rows: int
    rows_used: int
    over_lines: int
    under_lines: int
    jump_to: tuple[int, str] | None = None
    jump_from: tuple[int, str] | None = None
    images: tuple[ImageNote, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlotResult:
    items: tuple[Item, ...]
    proof: tuple[ProofNote, ...]
    report: SlotReport
    continuation: Continuation | None = None


@dataclass
class _Body:
    """Scratch state while composing one slot's body (local to compose_slot)."""

    lines: list[FlowLine]
    pieces: tuple[Piece, ...]
    placements: list[Placement] = field(default_factory=list)
    end: int = 0


def compose_slot(ctx: PageContext, slot: Slot, article: Article | None, incoming: Continuation | None) -> SlotResult:
    """Compose a slot holding an article, or the continuation of an article that jumped here."""
    grid, sheet = ctx.grid, ctx.sheet
    x, y, w, h = grid.rect(slot.grid)
    last_row = slot.grid.last_row - (1 if slot.id in ctx.separator_below else 0)
    columns = grid.text_columns(slot.grid, slot.split)
    source = article or (incoming.article if incoming else None)
    items: list[Item] = []
    notes: list[str] = []
    if source is None:
        return _empty_slot(ctx, slot)
    head = compose_headline(_head_spec(ctx, slot, source, incoming, x, w), grid, sheet)
    items.extend(head.runs)
    notes.extend(head.notes)
    body_row = slot.grid.row + head.rows
    area = Area(tuple(columns), body_row, last_row)
    figures = place_figures(source.figures, area, grid, sheet, ctx.image_size,
                            lambda p: str(ctx.issue.folder / p)) if article else []
    for f in figures:
        items.append(f.picture)
        items.extend(f.captions)
    frames = _frames(area, figures)
    pieces = _pieces(ctx, article, incoming)
    body = _Body(flow_lines(pieces, columns[0][1]), pieces)
    continuation = _flow(ctx, slot, body, frames, figures, source)
    items.extend(_draw_body(body, grid))
    if continuation is not None:
        items.extend(_jump_line(ctx, slot, frames))
    items.extend(_rules(ctx, slot, area, body, figures))
    report = _report(ctx, slot, source, incoming, body, frames, figures, notes)
    return SlotResult(tuple(items), _proof(ctx, slot, report), report, continuation)


def _head_spec(ctx: PageContext, slot: Slot, source: Article, incoming: Continuation | None,
               x: float, w: float) -> HeadSpec:
    pad = ctx.grid.fmt.body_size / 2
    columns = len(ctx.grid.text_columns(slot.grid, slot.split))
    limit = slot.title_lines or (2 if columns >= 2 else 3)
    if incoming is not None:  # the continuation repeats the 主题, smaller (转版标题)
        size = ctx.sheet.spec("jump_title").size
        return HeadSpec((), source.title, (), x + pad, w - 2 * pad, slot.grid.row, size, limit, "jump_title")
    size = slot.title_size or ctx.issue.profile.title_sizes.get(slot.role) or ctx.sheet.spec("title").size
    return HeadSpec(source.kicker, source.title, source.subtitle, x + pad, w - 2 * pad, slot.grid.row, size, limit)


def _pieces(ctx: PageContext, article: Article | None, incoming: Continuation | None) -> tuple[Piece, ...]:
    """The article's pieces; for a continuation, “（上接第N版）” and the rest from where it stopped."""
    if incoming is None:
        return article_pieces(article, ctx.sheet)
    text = fragment(ctx.issue.profile.folder, "jump", "from", page=incoming.from_page)
    return (jump_piece(text, ctx.sheet, "jump_from"),) + continue_from(incoming.pieces, incoming.cursor)


def _frames(area: Area, figures: list[PlacedFigure]) -> list[Frame]:
    """Column segments of the body area not taken by figures, column by column, top to bottom."""
    frames = []
    for c, (x, width) in enumerate(area.columns):
        row = area.first_row
        for first, last in sorted(blocked_rows(figures, c)):
            if first > row:
                frames.append(Frame(x, width, row, first - row, c))
            row = max(row, last + 1)
        if row <= area.last_row:
            frames.append(Frame(x, width, row, area.last_row - row + 1, c))
    return frames


def _flow(ctx: PageContext, slot: Slot, body: _Body, frames: list[Frame], figures: list[PlacedFigure],
          source: Article) -> Continuation | None:
    """Fill the frames: balanced when everything fits, cut with a jump when allowed, else overset."""
    bottom_anchored = any(not f.figure.position.endswith("上") for f in figures)
    placed = None if bottom_anchored else balance(body.lines, frames, body.pieces)
    if placed is not None:
        body.placements, body.end = placed, len(body.lines)
        return None
    body.placements, body.end = fill(body.lines, frames, body.pieces)
    if body.end >= len(body.lines) or slot.jump is None or not frames:
        return None
    # 转版: keep the last row of the last frame for “（下转第N版）” and send the rest on
    short = frames[:-1] + ([replace(frames[-1], rows=frames[-1].rows - 1)] if frames[-1].rows > 1 else [])
    body.placements, body.end = fill(body.lines, short, body.pieces)
    cursor = cursor_at(body.lines, body.end)
    if cursor is None:
        return None
    return Continuation(body.pieces, cursor, source, ctx.page.no)


def _draw_body(body: _Body, grid: PageGrid) -> list[Item]:
    """Lines on their grid rows; sidebar boxes and 编者按 rules behind them."""
    under: list[Item] = []
    text: list[Item] = []
    for pl in body.placements:
        group: list[int] = []
        for r in range(pl.count):
            fl = body.lines[pl.start + r]
            if fl.line is None:
                under.extend(_box(body, pl, group, grid))
                group = []
                continue
            piece = body.pieces[fl.piece]
            row = pl.frame.row + r
            text.extend(line_runs(fl.line, pl.frame.x + piece.inset, grid.baseline(row, line_size(fl.line)), piece.color))
            if piece.box and (not group or body.pieces[body.lines[pl.start + group[-1]].piece].box == piece.box):
                group.append(r)
            else:
                under.extend(_box(body, pl, group, grid))
                group = [r] if piece.box else []
        under.extend(_box(body, pl, group, grid))
    return under + text


def _box(body: _Body, pl: Placement, rows: list[int], grid: PageGrid) -> list[Item]:
    if not rows:
        return []
    kind = body.pieces[body.lines[pl.start + rows[0]].piece].box
    top = grid.row_top(pl.frame.row + rows[0])
    bottom = grid.row_top(pl.frame.row + rows[-1] + 1)
    x0, x1 = pl.frame.x, pl.frame.x + pl.frame.width
    if kind == "sidebar":
        return [Box(x0, top, x1 - x0, bottom - top, fill=SIDEBAR_TINT, stroke=BLACK, stroke_width=0.6)]
    return [Rule(x0, top, x1, top, 0.8), Rule(x0, bottom, x1, bottom, 0.8)]  # 编者按: ruled above and below


def _jump_line(ctx: PageContext, slot: Slot, frames: list[Frame]) -> list[Item]:
    """“（下转第N版）” on the row kept free at the foot of the slot's last column."""
    last = frames[-1]
    text = fragment(ctx.issue.profile.folder, "jump", "to", page=slot.jump.page)
    piece = jump_piece(text, ctx.sheet, "jump_to")
    line = flow_lines((piece,), last.width)[0].line
    row = last.row + last.rows - 1
    return line_runs(line, last.x, ctx.grid.baseline(row, line_size(line)))


def _last_rows(body: _Body) -> dict[int, int]:
    """Text column → last grid row holding a line."""
    out: dict[int, int] = {}
    for pl in body.placements:
        out[pl.frame.column] = max(out.get(pl.frame.column, 0), pl.frame.row + pl.count - 1)
    return out


def _rules(ctx: PageContext, slot: Slot, area: Area, body: _Body, figures: list[PlacedFigure]) -> list[Item]:
    """Column rules (栏线) between text columns, and the story separator under the slot."""
    grid = ctx.grid
    out: list[Item] = []
    if ctx.issue.profile.format.column_rules and len(area.columns) > 1:
        last = _last_rows(body)
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
    return out


def _chars(text: str) -> int:
    return len(text.replace(" ", "").replace("\u3000", ""))


def _report(ctx: PageContext, slot: Slot, source: Article, incoming: Continuation | None, body: _Body,
            frames: list[Frame], figures: list[PlacedFigure], notes: list[str]) -> SlotReport:
    lines = body.lines
    placed = [lines[i] for pl in body.placements for i in range(pl.start, pl.start + pl.count)]
    rest = [fl for fl in lines[body.end:] if fl.line is not None]
    jumped = slot.jump is not None and rest
    warnings = list(notes)
    if incoming is None:
        warnings.extend(f"{source.path.name}:{w.line}: {w.message}" for w in source.warnings)
        warnings.extend(_content_warnings(source))
    images = []
    for f in figures:
        images.append(ImageNote(f.figure.path, f.ppi, f.pixels))
    used = sum(pl.count for pl in body.placements)
    capacity = sum(f.rows for f in frames)
    return SlotReport(
        page=ctx.page.no, slot=slot.id, role=slot.role, article=source.path.name, headline=source.headline,
        chars=sum(_chars(fl.line.text) for fl in lines if fl.line is not None),
        chars_set=sum(_chars(fl.line.text) for fl in placed if fl.line is not None),
        rows=capacity, rows_used=used,
        over_lines=0 if jumped else len(rest),
        under_lines=0 if rest else max(0, capacity - used),
        jump_to=(slot.jump.page, slot.jump.slot) if jumped else None,
        jump_from=(incoming.from_page, "") if incoming else None,
        images=tuple(images), warnings=tuple(warnings), notes=source.notes if incoming is None else (),
    )


def _content_warnings(article: Article) -> list[str]:
    """Checks editors rely on (newspaper.md §5.5 #11): captions, and a 稿源 or byline on every story."""
    out = [f"{article.path.name}:{f.line}: 图片 {f.path} 没有图说 (photo without a caption)"
           for f in article.figures if not f.caption]
    if not article.source and not article.byline:
        out.append(f"{article.path.name}: 缺少【稿源】或【署名】 (no source or byline)")
    return out


def _proof(ctx: PageContext, slot: Slot, report: SlotReport) -> tuple[ProofNote, ...]:
    x, y, w, h = ctx.grid.rect(slot.grid)
    notes = [ProofNote("slot", x, y, w, h, f"{slot.id} {slot.role}")]
    folder = ctx.issue.profile.folder
    if report.over_lines:
        chars = report.chars - report.chars_set
        notes.append(ProofNote("overset", x, y, w, h, fragment(folder, "proof", "overset", lines=report.over_lines, chars=chars)))
    elif report.under_lines and not report.jump_to:
        notes.append(ProofNote("underset", x, y, w, h, fragment(folder, "proof", "underset", lines=report.under_lines)))
    for text in report.notes:
        notes.append(ProofNote("note", x, y, w, h, text))
    return tuple(notes)


def _empty_slot(ctx: PageContext, slot: Slot) -> SlotResult:
    rows = slot.grid.rows * len(ctx.grid.text_columns(slot.grid, slot.split))
    report = SlotReport(ctx.page.no, slot.id, slot.role, "", "", 0, 0, rows, 0, 0, rows,
                        warnings=("版位空着：没有稿件，也没有转版稿 (empty slot)",))
    x, y, w, h = ctx.grid.rect(slot.grid)
    return SlotResult((), (ProofNote("slot", x, y, w, h, f"{slot.id} 空"),), report)
