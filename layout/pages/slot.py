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

from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Mapping

from layout.model.article import Article
from layout.model.issue import Issue, Page, Slot
from layout.pages.figures import Area, ImageSize, PlacedFigure, blocked_rows, place_figures
from layout.pages.flow import (
    FlowLine, Frame, Piece, Placement, balance, continue_from, cursor_at, fill, flow_lines, piece_lines,
)
from layout.pages.grid import PageGrid
from layout.pages.headblock import HeadBlock, HeadSpec, compose_headline, move_headline, pad_headline, title_steps
from layout.pages.stagger import PLAIN, SlotForm
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
    title_styles: Mapping[str, str] = field(default_factory=dict)  # slot id → the style its 主题 is set in
    forms: Mapping[str, SlotForm] = field(default_factory=dict)  # slot id → photo first / spanning headline


@dataclass(frozen=True)
class Fit:
    """How a slot takes up its slack (撑满), in whole grid rows (pages.md §1).

    head_rows: white rows added around the headline block; figure_rows: rows added to
    (or taken from) each photo's height, the crop following; spaces: (piece index,
    blank rows added before that piece): before a 小标题 or the 稿源, after the byline.
    """

    head_rows: int = 0
    figure_rows: tuple[int, ...] = ()
    spaces: tuple[tuple[int, int], ...] = ()
    title_step: int = 0  # 号 steps the 主题 goes down within its size range (an overset story's last resort)
    loose: tuple[tuple[int, int], ...] = ()  # (piece index, ±1): paragraphs set a line longer or shorter (拉行/缩行)


NATURAL = Fit()


@dataclass(frozen=True)
class SlotPlan:
    """What a slot holds and where, before its body is flowed.

    head: the headline block (its rows start at the slot's first row); area: the
    body's text columns and rows; figures: photos with captions, placed; frames:
    the column segments left for text, in flow order; lines: the body composed
    in the column measure, one grid row each; fit: how slack was taken up, and
    natural: the pieces before any fitting space was added.
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
    fit: Fit = NATURAL
    natural: tuple[Piece, ...] = ()
    natural_lines: tuple[FlowLine, ...] = ()
    spec: HeadSpec | None = None  # what the headline was set from
    base_head: HeadBlock | None = None  # the headline block before fitting space was added

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


def plan_slot(ctx: PageContext, slot: Slot, article: Article | None, incoming: Continuation | None,
              fit: Fit = NATURAL) -> SlotPlan | None:
    """The slot's headline, figures, frames and composed body lines (None: nothing to put in it)."""
    source = article or (incoming.article if incoming else None)
    if source is None:
        return None
    form = ctx.forms.get(slot.id, PLAIN)
    head_grid = replace(slot.grid, col=form.head_span[0], span=form.head_span[1]) if form.head_span else slot.grid
    x, _y, w, _h = ctx.grid.rect(head_grid)
    spec = _head_spec(ctx, slot, source, incoming, x, w)
    head = compose_headline(spec, ctx.grid, ctx.sheet)
    pieces = _pieces(ctx, article, incoming)
    columns = tuple(ctx.grid.text_columns(slot.grid, slot.split))
    lines = tuple(flow_lines(pieces, columns[0][1]))
    natural = SlotPlan(slot, source, incoming, head, Area(columns, 0, 0), (), (), pieces, lines, NATURAL, pieces, lines,
                       spec, head)
    return refit(ctx, natural, fit)


def headline_at(ctx: PageContext, plan: SlotPlan, step: int) -> HeadBlock:
    """The unpadded headline block with the 主题 `step` sizes down its range."""
    if step == plan.fit.title_step or plan.spec is None:
        return plan.base_head
    sizes = title_steps(plan.spec)
    top = sizes[min(step, len(sizes) - 1)]
    return compose_headline(replace(plan.spec, title_sizes=(min(plan.spec.title_sizes[0], top), top)), ctx.grid, ctx.sheet)


def refit(ctx: PageContext, plan: SlotPlan, fit: Fit, base_head: HeadBlock | None = None) -> SlotPlan:
    """The same story in the same slot with another fit: headline padding, photo heights and spaces.

    Pure and cheap (paragraphs are composed once and cached), so a fitting search can try many.
    base_head: the unpadded headline at fit.title_step, when the caller has it already.
    """
    base = base_head or headline_at(ctx, plan, fit.title_step)
    head, area, figures, frames = geometry(ctx, plan, fit, base)
    pieces = list(plan.natural)
    for index, rows in fit.spaces:
        pieces[index] = replace(pieces[index], space_before=pieces[index].space_before + rows)
    for index, extra in fit.loose:
        pieces[index] = replace(pieces[index], looseness=extra)
    lines = _loosened(plan.natural_lines, tuple(pieces), dict(fit.loose), area.columns[0][1])
    return SlotPlan(plan.slot, plan.source, plan.incoming, head, area, figures, frames,
                    tuple(pieces), _spaced(lines, dict(fit.spaces)), fit, plan.natural, plan.natural_lines,
                    plan.spec, base)


def _loosened(lines: tuple[FlowLine, ...], pieces: tuple[Piece, ...], loose: dict[int, int],
              measure: float) -> tuple[FlowLine, ...]:
    """The natural lines with the loosened (or tightened) paragraphs set again, nothing else recomposed."""
    if not loose:
        return lines
    out: list[FlowLine] = []
    for fl in lines:
        if fl.piece in loose and fl.line is not None:
            if fl.index == 0:
                out.extend(piece_lines(pieces, fl.piece, measure))
            continue
        out.append(fl)
    return tuple(out)


def _spaced(lines: tuple[FlowLine, ...], spaces: dict[int, int]) -> tuple[FlowLine, ...]:
    """The natural lines with blank rows added before the given pieces (what flow_lines would give for
    pieces with a larger space_before, without composing anything again)."""
    if not spaces:
        return lines
    out: list[FlowLine] = []
    for k, fl in enumerate(lines):
        if k and fl.piece in spaces and lines[k - 1].piece != fl.piece:
            out.extend(FlowLine(None, fl.piece, -1, 0, 0) for _ in range(spaces[fl.piece]))
        out.append(fl)
    return tuple(out)


@lru_cache(maxsize=1024)
def _resolved(folder: Path, path: str) -> str:
    """A figure's file in the issue folder (the planner places each figure hundreds of times)."""
    return str(folder / path)


def geometry(ctx: PageContext, plan: SlotPlan, fit: Fit, base_head: HeadBlock
             ) -> tuple[HeadBlock, Area, tuple[PlacedFigure, ...], tuple[Frame, ...]]:
    """Headline block, body area, placed figures and text frames of a plan under `fit` (no text is set).

    base_head: the unpadded headline block at fit.title_step."""
    head = pad_headline(base_head, fit.head_rows, ctx.grid.pitch)
    opened, top, area, body = _placed(ctx, plan, fit, head.rows)
    if opened:  # the headline moves below the photo that opens the story
        head = move_headline(head, top[0].rows, ctx.grid.pitch)
    return head, area, tuple(top + body), tuple(_frames(area, body))


def frames_of(ctx: PageContext, plan: SlotPlan, fit: Fit, base_head: HeadBlock) -> tuple[Frame, ...]:
    """The text frames of `geometry` alone: the headline's rows count, its lines are not moved."""
    _opened, _top, area, body = _placed(ctx, plan, fit, base_head.rows + fit.head_rows)
    return tuple(_frames(area, body))


def _placed(ctx: PageContext, plan: SlotPlan, fit: Fit, head_rows: int
            ) -> tuple[bool, list[PlacedFigure], Area, list[PlacedFigure]]:
    """(opens with its photo, that photo placed, body area, the other photos placed) under `fit`, the
    headline block (padded) taking `head_rows` rows."""
    grid, slot = ctx.grid, plan.slot
    last_row = slot.grid.last_row - (1 if slot.id in ctx.separator_below else 0)
    columns = plan.area.columns
    resolve = partial(_resolved, ctx.issue.folder)
    figures = plan.source.figures if plan.incoming is None else ()
    top: list[PlacedFigure] = []
    opened = bool(figures and ctx.forms.get(slot.id, PLAIN).photo_first)
    if opened:  # 图压题: the first photo across the slot, headline below
        lead = replace(figures[0], width_cols=len(columns), position="上")
        top = place_figures((lead,), Area(columns, slot.grid.row, last_row), grid, ctx.sheet, ctx.image_size, resolve,
                            fit.figure_rows[:1])
        figures, extra = figures[1:], fit.figure_rows[1:]
    else:
        extra = fit.figure_rows
    area = Area(columns, slot.grid.row + sum(f.rows for f in top) + head_rows, last_row)
    body = place_figures(figures, area, grid, ctx.sheet, ctx.image_size, resolve, extra)
    return opened, top, area, body


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
        return HeadSpec((), source.title, (), x + pad, w - 2 * pad, slot.grid.row, (size, size), limit, "jump_title")
    system = ctx.issue.profile.headlines
    rule = system.rule(slot.role, ctx.page.template == "front")
    if slot.title_size:
        sizes = (slot.title_size, slot.title_size)
    elif rule is not None:
        sizes = rule.sizes
    else:
        sizes = (ctx.sheet.spec("title").size,) * 2
    style = ctx.title_styles.get(slot.id) or (rule.style if rule else "title")
    return HeadSpec(source.kicker, source.title, source.subtitle, x + pad, w - 2 * pad, slot.grid.row, sizes, limit,
                    style, system.deck, source.column)


def _pieces(ctx: PageContext, article: Article | None, incoming: Continuation | None) -> tuple[Piece, ...]:
    """The article's pieces; for a continuation, “（上接第N版）” and the rest from where it stopped."""
    if incoming is None:
        return article_pieces(article, ctx.sheet, ctx.wording.labels)
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
