"""One slot of a page: plan (what it holds and where) → flow (the body into its frames) → draw and report.

The slot is a rectangle of basic columns × body lines (the editor's 版样).  Its
headline runs across the slot; photos take whole columns and rows; the body
flows through the text columns on the page's baseline grid, balanced when it
is short (齐栏), cut with a jump line when it continues on another page
(转版), and reported as overset when it does not fit (never dropped silently).

`plan_slot` and `flow_slot` are pure and draw nothing: page fitting and
automatic layout call them to measure what a story needs at a given width.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.model.article import Article
from layout.model.issue import Issue, Page, Slot
from layout.pages.figures import Area, ImageSize, PlacedFigure, blocked_rows, place_figures
from layout.pages.flow import FlowLine, Frame, Piece, Placement, balance, continue_from, cursor_at, fill, flow_lines
from layout.pages.grid import PageGrid
from layout.pages.headblock import HeadBlock, HeadSpec, compose_headline
from layout.pages.pieces import article_pieces, jump_piece
from layout.pages.results import Continuation
from layout.pages.sheet import Sheet
from layout.pages.wording import Wording


@dataclass(frozen=True)
class PageContext:
    issue: Issue
    page: Page
    grid: PageGrid
    sheet: Sheet
    image_size: ImageSize
    separator_below: frozenset[str]
    wording: Wording


@dataclass(frozen=True)
class SlotPlan:
    """What a slot holds and where, before its body is flowed.

    head: the headline block (its rows start at the slot's first row); area: the
    body's text columns and rows; figures: photos with captions, placed; frames:
    the column segments left for text, in flow order; lines: the body composed
    in the column measure, one grid row each.
    """

    slot: Slot
    source: Article
    incoming: Continuation | None
    head: HeadBlock
    area: Area
    figures: tuple[PlacedFigure, ...]
    frames: tuple[Frame, ...]
    pieces: tuple[Piece, ...]
    lines: tuple[FlowLine, ...]

    @property
    def capacity(self) -> int:
        """Grid rows the body can take (figures and headline excluded)."""
        return sum(f.rows for f in self.frames)


@dataclass(frozen=True)
class SlotFlow:
    """The body placed in the frames: placements, the index of the first line not placed, and the jump."""

    placements: tuple[Placement, ...]
    end: int
    continuation: Continuation | None = None

    @property
    def rows_used(self) -> int:
        return sum(pl.count for pl in self.placements)


def plan_slot(ctx: PageContext, slot: Slot, article: Article | None, incoming: Continuation | None) -> SlotPlan | None:
    """The slot's headline, figures, frames and composed body lines (None: nothing to put in it)."""
    grid = ctx.grid
    source = article or (incoming.article if incoming else None)
    if source is None:
        return None
    x, _y, w, _h = grid.rect(slot.grid)
    last_row = slot.grid.last_row - (1 if slot.id in ctx.separator_below else 0)
    columns = grid.text_columns(slot.grid, slot.split)
    head = compose_headline(_head_spec(ctx, slot, source, incoming, x, w), grid, ctx.sheet)
    area = Area(tuple(columns), slot.grid.row + head.rows, last_row)
    figures = place_figures(source.figures, area, grid, ctx.sheet, ctx.image_size,
                            lambda p: str(ctx.issue.folder / p)) if article else []
    pieces = _pieces(ctx, article, incoming)
    lines = flow_lines(pieces, columns[0][1])
    return SlotPlan(slot, source, incoming, head, area, tuple(figures), tuple(_frames(area, figures)), pieces, tuple(lines))


def flow_slot(plan: SlotPlan, page_no: int) -> SlotFlow:
    """Fill the frames: balanced when everything fits, cut with a jump when allowed, else overset."""
    lines, frames, pieces = list(plan.lines), list(plan.frames), plan.pieces
    bottom_anchored = any(not f.figure.position.endswith("上") for f in plan.figures)
    placed = None if bottom_anchored else balance(lines, frames, pieces)
    if placed is not None:
        return SlotFlow(tuple(placed), len(lines))
    placements, end = fill(lines, frames, pieces)
    if end >= len(lines) or plan.slot.jump is None or not frames:
        return SlotFlow(tuple(placements), end)
    # 转版: keep the last row of the last frame for “（下转第N版）” and send the rest on
    short = frames[:-1] + ([replace(frames[-1], rows=frames[-1].rows - 1)] if frames[-1].rows > 1 else [])
    placements, end = fill(lines, short, pieces)
    cursor = cursor_at(lines, end)
    if cursor is None:
        return SlotFlow(tuple(placements), end)
    return SlotFlow(tuple(placements), end, Continuation(pieces, cursor, plan.source, page_no))


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
    text = ctx.wording.jump_from[incoming.from_page]
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
