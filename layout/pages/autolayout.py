"""自动组版 (issue 13): lay out a page whose slots have no grid, the way a 美编 draws the 版样.

    measure (each story at each width it may take) ─▶ guillotine.designs (cut trees, cheapest first)
        ─▶ compose_page on the best few (the real fit, staggering and 撞题 check)
        ─▶ the design that sets everything (fewest lines over or short, no 撞题), or the editor's pick

The search's sizes are exact to the composer's arithmetic, but the fit can still
fail by a line where paragraphs break badly; composing the candidates settles
it.  Deterministic: the same plan gives the same page.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Mapping

from layout.errors import InputError
from layout.model.article import Article
from layout.model.issue import Grid, Page, reserved_rows
from layout.pages.guillotine import Design, Item, designs
from layout.pages.measure import page_items
from layout.pages.pagecompose import ComposedPage, compose_page
from layout.pages.results import Continuation
from layout.pages.slot import PageContext

VERIFY = 5  # designs composed to choose from (each costs one page composition)
SHOWN = 3  # designs offered to the editor (layout plan, preview)


@dataclass(frozen=True)
class Alternative:
    design: Design
    composed: ComposedPage

    @property
    def score(self) -> tuple:
        """Fewest problems first: 撞题, overset lines, lines short beyond two per story, then the design's price."""
        return (len(self.composed.collisions), self.composed.over_lines, self.composed.short_lines,
                round(self.design.cost, 3))


@dataclass(frozen=True)
class PagePlan:
    """The page as laid out (every slot with its grid), how it was composed, and the designs considered."""

    page: Page
    composed: ComposedPage
    alternatives: tuple[Alternative, ...]
    chosen: int  # index into alternatives (the editor's `design:` pick, else the best)
    notes: tuple[str, ...] = ()


def type_area(ctx: PageContext, page: Page) -> Grid:
    fmt = ctx.issue.profile.format
    top, bottom = reserved_rows(ctx.issue.profile, page.template)
    return Grid(1, fmt.columns, top + 1, fmt.rows - top - bottom)


def plan_page(ctx: PageContext, page: Page, articles: Mapping[str, Article],
              incoming: Mapping[str, Continuation], origins: Mapping[str, tuple[int, Article]],
              room: Mapping[str, int] | None = None) -> PagePlan:
    """Lay the page out: the free slots placed around the locked ones, the best design composed.

    room: jump source slot id → the lines its continuation is expected to take on its target page."""
    area = type_area(ctx, page)
    items = page_items(ctx, page, articles, incoming, area, room)
    found = designs(area, items, most=VERIFY, orders=reading_orders(items))
    if not found:
        locked = [i.key for i in items if i.locked is not None]
        if locked:
            raise InputError(ctx.issue.yaml, f"第{page.no}版：锁定的版位和区域（{'、'.join(locked)}）让其余稿件无法排成矩形版块 "
                             "(locked slots leave no layout for the free ones)",
                             hint="去掉其中一个的 grid 让引擎来排，或把锁定的版位挪到版面的一边或一头")
        return _unplaceable(ctx, page, articles, incoming, origins, items, area)
    tried = []
    for design in found:
        laid = _laid(page, design)
        tried.append(Alternative(design, compose_page(ctx, laid, articles, incoming, origins)))
    ranked = sorted(tried, key=lambda a: a.score)
    pick = min(max(page.design, 1), len(ranked)) - 1
    chosen = ranked[pick]
    notes = () if page.design <= len(ranked) else (f"第{page.no}版只有 {len(ranked)} 个方案，用了第 {len(ranked)} 个",)
    return PagePlan(_laid(page, chosen.design), chosen.composed, tuple(ranked[:SHOWN]), pick, notes)


def _laid(page: Page, design: Design) -> Page:
    """The page with every slot on the design's grid (named areas keep theirs)."""
    slots = tuple(replace(s, grid=design.boxes.get(s.id, s.grid)) for s in page.slots)
    return replace(page, slots=slots)


def reading_orders(items: list[Item], most_permuted: int = 5) -> list[tuple[int, ...]]:
    """Reading orders to search (item indices): the lead story (highest role, first in the plan) first,
    the other free stories in every order (up to `most_permuted` of them; beyond that the plan's order
    and the order by role), each locked slot or named area tried at every place (the first two)."""
    free = [k for k, i in enumerate(items) if i.locked is None]
    fixed = sorted((k for k, i in enumerate(items) if i.locked is not None),
                   key=lambda k: (items[k].locked.row, items[k].locked.col))
    if not free:
        orders = [()]
    else:
        lead = min(free, key=lambda k: (items[k].rank, k))
        rest = [k for k in free if k != lead]
        if len(rest) <= most_permuted:
            orders = [(lead, *p) for p in itertools.permutations(rest)]
        else:
            orders = [(lead, *rest), (lead, *sorted(rest, key=lambda k: (items[k].rank, k)))]
    for k in fixed[:2]:
        orders = [o[:n] + (k,) + o[n:] for o in orders for n in range(len(o) + 1)]
    rest_fixed = tuple(fixed[2:])
    return [o + rest_fixed for o in orders]


def _unplaceable(ctx, page, articles, incoming, origins, items, area) -> PagePlan:
    """No design holds everything: stack the stories down the page at their widest, so the build reports
    what is over (and by how much) instead of failing without a page."""
    free = [s for s in page.slots if s.grid is None]
    rows_left = area.rows - sum(a.grid.rows for a in page.areas if a.grid.span == area.span)
    share = max(3, rows_left // max(1, len(free)))
    row, slots = area.row, []
    for k, s in enumerate(page.slots):
        if s.grid is not None:
            slots.append(s)
            continue
        rows = share if k < len(page.slots) - 1 else area.last_row - row + 1
        slots.append(replace(s, grid=Grid(1, area.span, row, max(1, min(rows, area.last_row - row + 1)))))
        row += rows
    laid = replace(page, slots=tuple(slots))
    composed = compose_page(ctx, laid, articles, incoming, origins)
    note = f"第{page.no}版：稿件放不下任何版式，已上下排列，超版部分见各版位"
    return PagePlan(laid, composed, (), 0, (note,))
