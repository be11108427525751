"""One page composed: its slots staggered against 撞题, each slot planned, fitted, drawn and reported.

`compose_page` is what the whole issue calls page by page, and what automatic
layout (autolayout.py) calls to try a design: it is pure, and what it returns
is everything the page needs except its furniture.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from layout.model.article import Article
from layout.model.issue import Page, Slot
from layout.pages import furniture
from layout.pages.fit import fit_slot
from layout.pages.flow import Cursor
from layout.pages.headblock import title_styles
from layout.pages.results import Continuation, SlotResult
from layout.pages.slot import PageContext, plan_slot
from layout.pages.slotdraw import draw_slot
from layout.pages.slotreport import empty_slot, proof_notes, report_slot
from layout.pages.stagger import DISPLAY_SIZE, SlotForm, stagger

UNDERSET_NOTE = 2  # lines of underset that are only a note (the fit took up what it could)


@dataclass(frozen=True)
class ComposedPage:
    """page: the page as set (slots moved by staggering); results: slot id → what the slot holds;
    collisions: pairs of slots whose headlines still sit side by side."""

    page: Page
    results: Mapping[str, SlotResult]
    collisions: tuple[tuple[str, str], ...]

    @property
    def over_lines(self) -> int:
        return sum(r.report.over_lines for r in self.results.values())

    @property
    def under_lines(self) -> int:
        return sum(r.report.under_lines for r in self.results.values() if r.report.article)

    @property
    def short_lines(self) -> int:
        """Lines short beyond a note's worth (UNDERSET_NOTE) per story: what preflight warns about."""
        return sum(max(0, r.report.under_lines - UNDERSET_NOTE) for r in self.results.values() if r.report.article)


def compose_page(base: PageContext, page: Page, articles: Mapping[str, Article],
                 incoming: Mapping[str, Continuation], origins: Mapping[str, tuple[int, Article]]) -> ComposedPage:
    """Every slot of a page whose slots all have their place.

    incoming: target slot id → the continuation its source handed over; origins: target slot id →
    (source page, source article), to measure a continuation's headline before its text is known."""
    system = base.issue.profile.headlines
    styles = title_styles(page.slots, lambda s: system.rule(s.role, page.template == "front"), system.alternate)
    ctx = replace(base, page=page, separator_below=furniture.separators(page), title_styles=styles, forms={})
    page, forms = _stagger(ctx, page, articles, origins)
    ctx = replace(ctx, page=page, separator_below=furniture.separators(page), forms=forms)
    results = {slot.id: compose_slot(ctx, slot, articles.get(slot.id), incoming.get(slot.id)) for slot in page.slots}
    return ComposedPage(page, results, tuple(side_by_side(page, results)))


def compose_slot(ctx: PageContext, slot: Slot, article: Article | None, incoming: Continuation | None) -> SlotResult:
    """Compose a slot holding an article, or the continuation of an article that jumped here."""
    plan = plan_slot(ctx, slot, article, incoming)
    if plan is None:
        return empty_slot(ctx, slot)
    plan, flowed = fit_slot(ctx, plan, ctx.issue.profile.fit)
    report = report_slot(ctx, plan, flowed)
    return SlotResult(draw_slot(ctx, plan, flowed), proof_notes(ctx, slot, report), report, flowed.continuation,
                      plan.head.runs)


def _stagger(ctx: PageContext, page: Page, articles: Mapping[str, Article],
             origins: Mapping[str, tuple[int, Article]]) -> tuple[Page, dict[str, SlotForm]]:
    """The page staggered against 撞题 (pages/stagger.py), headlines measured by planning each slot."""

    bands: dict[tuple[Slot, SlotForm], tuple[int, int] | None] = {}

    def band(slot: Slot, form: SlotForm) -> tuple[int, int] | None:
        """Rows of the slot's headline band; the pass asks again for every slot on every round (memo)."""
        key = (slot, form)
        if key not in bands:
            bands[key] = measure_band(slot, form)
        return bands[key]

    def measure_band(slot: Slot, form: SlotForm) -> tuple[int, int] | None:
        article, incoming = articles.get(slot.id), None
        if article is None:
            page_no, origin = origins.get(slot.id, (0, None))
            if origin is None:
                return None
            incoming = Continuation((), Cursor(0), origin, page_no)
        plan = plan_slot(replace(ctx, forms={slot.id: form}), slot, article, incoming)
        if not plan.head.display:
            return None  # a small head (转版标题) is subordinate by its size: no 撞题
        return plan.area.first_row - plan.head.rows, plan.area.first_row - 1

    return stagger(page, band, lambda s: bool(s.id in articles and articles[s.id].figures))


def side_by_side(page: Page, results: Mapping[str, SlotResult]) -> list[tuple[str, str]]:
    """Pairs of slots whose display lines (≥ 15 pt) overlap in height by a quarter or more while their
    x ranges are disjoint: the 撞题 a reader sees (the rule of ../shared/tools/headlines.py)."""
    boxes = {}
    for slot in page.slots:
        boxes[slot.id] = [_box(run) for run in results[slot.id].headline if DISPLAY_SIZE <= run.size < 60 and run.text.strip()]
    ids = [s.id for s in page.slots]
    found = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if any(_beside(p, q) for p in boxes[a] for q in boxes[b]):
                found.append((a, b))
    return found


def _box(run) -> tuple[float, float, float, float]:
    return run.em_box()


def _beside(p, q) -> bool:
    overlap = min(p[3], q[3]) - max(p[1], q[1])
    height = min(p[3] - p[1], q[3] - q[1])
    return overlap >= 0.25 * height and (p[2] <= q[0] or q[2] <= p[0])
