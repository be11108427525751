"""The whole issue: every slot of every page, jumps resolved in one pass, furniture added.

Jump targets are known from the issue file, so no re-rendering is needed
(architecture.md §8.4): slots holding an article are composed first, page by
page; then the slots that receive a continuation (or nothing) take what their
source handed over.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from layout.display import Item, PageLayout, Picture, ProofNote
from layout.fonts import FontFace
from layout.model.article import Article
from layout.model.issue import Issue, Page, Slot, jump_sources
from layout.pages import furniture
from layout.pages.figures import ImageSize
from layout.pages.grid import PageGrid
from layout.pages.headblock import title_styles
from layout.pages.results import Continuation, SlotReport, SlotResult, SlotStatus
from layout.pages.sheet import Sheet
from layout.pages.fit import fit_slot
from layout.pages.flow import Cursor
from layout.pages.slot import PageContext, plan_slot
from layout.pages.stagger import DISPLAY_SIZE, SlotForm, stagger
from layout.pages.slotdraw import draw_slot
from layout.pages.slotreport import empty_slot, proof_notes, report_slot
from layout.pages.wording import Wording


@dataclass(frozen=True)
class IssueLayout:
    """pages: what is drawn; reports: one per slot, in page order; collisions: (page, slot, slot) whose
    headlines still sit side by side (撞题) after staggering."""

    pages: tuple[PageLayout, ...]
    reports: tuple[SlotReport, ...]
    collisions: tuple[tuple[int, str, str], ...] = ()

    @property
    def overset(self) -> bool:
        """Is any text left over that goes nowhere?  The one answer build, check, preview and serve use."""
        return any(r.status is SlotStatus.OVER for r in self.reports)

    @property
    def overset_pages(self) -> frozenset[int]:
        return frozenset(r.page for r in self.reports if r.status is SlotStatus.OVER)


def compose_slot(ctx: PageContext, slot: Slot, article: Article | None, incoming: Continuation | None) -> SlotResult:
    """Compose a slot holding an article, or the continuation of an article that jumped here."""
    plan = plan_slot(ctx, slot, article, incoming)
    if plan is None:
        return empty_slot(ctx, slot)
    plan, flowed = fit_slot(ctx, plan, ctx.issue.profile.fit)
    report = report_slot(ctx, plan, flowed)
    return SlotResult(draw_slot(ctx, plan, flowed), proof_notes(ctx, slot, report), report, flowed.continuation,
                      plan.head.runs)


def compose_issue(issue: Issue, articles: Mapping[str, Article], fonts: Mapping[str, FontFace],
                  image_size: ImageSize, wording: Wording) -> IssueLayout:
    """articles: slot id → its article (slots without an article are jump targets or empty)."""
    image_size = lru_cache(maxsize=None)(image_size)  # the fitting search places photos many times
    sheet = Sheet(issue.profile, fonts)
    grid = PageGrid(issue.profile.format, sheet.text("body").metrics.ascent)
    system = issue.profile.headlines
    sources = jump_sources(issue)
    contexts, staggered = {}, []
    for page in issue.pages:
        styles = title_styles(page.slots, lambda s, p=page: system.rule(s.role, p.template == "front"), system.alternate)
        ctx = PageContext(issue, page, grid, sheet, image_size, furniture.separators(page), wording, styles)
        page, forms = _stagger(ctx, page, articles, sources)
        contexts[page.no] = replace(ctx, page=page, separator_below=furniture.separators(page), forms=forms)
        staggered.append(page)
    results: dict[str, SlotResult] = {}
    for page in staggered:
        for slot in page.slots:
            if slot.id in articles:
                results[slot.id] = compose_slot(contexts[page.no], slot, articles[slot.id], None)
    for page in staggered:
        for slot in page.slots:
            if slot.id not in results:
                source = sources.get((page.no, slot.id))
                incoming = results[source[1].id].continuation if source else None
                results[slot.id] = compose_slot(contexts[page.no], slot, None, incoming)
    pages = tuple(_page(issue, page, grid, sheet, wording, results, image_size) for page in staggered)
    reports = tuple(results[s.id].report for page in issue.pages for s in page.slots)
    found = tuple((page.no, a, b) for page in staggered for a, b in side_by_side(page, results))
    return IssueLayout(pages, reports, found)


def _stagger(ctx: PageContext, page: Page, articles: Mapping[str, Article],
             sources: Mapping[tuple[int, str], tuple[int, Slot]]) -> tuple[Page, dict[str, SlotForm]]:
    """The page staggered against 撞题 (pages/stagger.py), headlines measured by planning each slot."""
    source_articles = {target[1]: (page_no, articles.get(slot.id)) for target, (page_no, slot) in sources.items()}

    def band(slot: Slot, form: SlotForm) -> tuple[int, int] | None:
        article, incoming = articles.get(slot.id), None
        if article is None:
            page_no, origin = source_articles.get(slot.id, (0, None))
            if origin is None:
                return None
            incoming = Continuation((), Cursor(0), origin, page_no)
        plan = plan_slot(replace(ctx, forms={slot.id: form}), slot, article, incoming)
        if not any(run.size >= DISPLAY_SIZE for run in plan.head.runs):
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
    width = (run.xs[-1] if run.xs else 0.0) + run.size
    return run.x, run.y - 0.88 * run.size, run.x + width, run.y + 0.12 * run.size


def _beside(p, q) -> bool:
    overlap = min(p[3], q[3]) - max(p[1], q[1])
    height = min(p[3] - p[1], q[3] - q[1])
    return overlap >= 0.25 * height and (p[2] <= q[0] or q[2] <= p[0])


def _page(issue: Issue, page: Page, grid: PageGrid, sheet: Sheet, wording: Wording,
          results: Mapping[str, SlotResult], image_size: ImageSize) -> PageLayout:
    items: list[Item] = []
    proof: list[ProofNote] = []
    if page.template == "front":
        items += furniture.front_page(issue, grid, sheet, wording)
    else:
        items += furniture.folio(page, grid, sheet, wording)
    items += furniture.credits(page, grid, sheet, wording)
    items += furniture.slot_rules(page, grid)
    for slot in page.slots:
        items.extend(results[slot.id].items)
        proof.extend(results[slot.id].proof)
    for area in page.areas:
        x, y, w, h = grid.rect(area.grid)
        if area.image is not None:
            items.append(_contained(area.image, x, y, w, h, image_size))
        proof.append(ProofNote("slot", x, y, w, h, area.kind, slot=area.kind))
    fmt = issue.profile.format
    return PageLayout(page.no, fmt.trim_w, fmt.trim_h, tuple(items), tuple(proof))


def _contained(path: Path, x: float, y: float, w: float, h: float, image_size: ImageSize) -> Picture:
    """An advertisement's artwork whole inside its area, centred: an ad is never cropped."""
    px_w, px_h = image_size(str(path))
    scale = min(w / px_w, h / px_h)
    cw, ch = px_w * scale, px_h * scale
    return Picture(x + (w - cw) / 2, y + (h - ch) / 2, cw, ch, str(path))
