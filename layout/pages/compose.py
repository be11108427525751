"""The whole issue: every slot of every page, jumps resolved in one pass, furniture added.

Jump targets are known from the issue file, so no re-rendering is needed
(architecture.md §8.4): slots holding an article are composed first, page by
page; then the slots that receive a continuation (or nothing) take what their
source handed over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from layout.display import Item, PageLayout, ProofNote
from layout.fonts import FontFace
from layout.model.article import Article
from layout.model.issue import Issue, Page, Slot, jump_sources
from layout.pages import furniture
from layout.pages.figures import ImageSize
from layout.pages.grid import PageGrid
from layout.pages.results import Continuation, SlotReport, SlotResult, SlotStatus
from layout.pages.sheet import Sheet
from layout.pages.slot import PageContext, flow_slot, plan_slot
from layout.pages.slotdraw import draw_slot
from layout.pages.slotreport import empty_slot, proof_notes, report_slot
from layout.pages.wording import Wording


@dataclass(frozen=True)
class IssueLayout:
    pages: tuple[PageLayout, ...]
    reports: tuple[SlotReport, ...]

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
    flowed = flow_slot(plan, ctx.page.no)
    report = report_slot(ctx, plan, flowed)
    return SlotResult(draw_slot(ctx, plan, flowed), proof_notes(ctx, slot, report), report, flowed.continuation)


def compose_issue(issue: Issue, articles: Mapping[str, Article], fonts: Mapping[str, FontFace],
                  image_size: ImageSize, wording: Wording) -> IssueLayout:
    """articles: slot id → its article (slots without an article are jump targets or empty)."""
    sheet = Sheet(issue.profile, fonts)
    grid = PageGrid(issue.profile.format, sheet.text("body").metrics.ascent)
    contexts = {page.no: PageContext(issue, page, grid, sheet, image_size, furniture.separators(page), wording)
                for page in issue.pages}
    results: dict[str, SlotResult] = {}
    for page in issue.pages:
        for slot in page.slots:
            if slot.id in articles:
                results[slot.id] = compose_slot(contexts[page.no], slot, articles[slot.id], None)
    sources = jump_sources(issue)
    for page in issue.pages:
        for slot in page.slots:
            if slot.id not in results:
                source = sources.get((page.no, slot.id))
                incoming = results[source[1].id].continuation if source else None
                results[slot.id] = compose_slot(contexts[page.no], slot, None, incoming)
    pages = tuple(_page(issue, page, grid, sheet, wording, results) for page in issue.pages)
    reports = tuple(results[s.id].report for page in issue.pages for s in page.slots)
    return IssueLayout(pages, reports)


def _page(issue: Issue, page: Page, grid: PageGrid, sheet: Sheet, wording: Wording,
          results: Mapping[str, SlotResult]) -> PageLayout:
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
    fmt = issue.profile.format
    return PageLayout(page.no, fmt.trim_w, fmt.trim_h, tuple(items), tuple(proof))
