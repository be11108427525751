"""The whole issue: page by page, every jump's source before its target, furniture added.

Jump targets are known from the issue file, so no re-rendering is needed
(architecture.md §8.4): pages are composed in an order where each page that
receives a continuation (转版) comes after the page it jumps from.  A page whose
slots lack a grid is laid out first (autolayout.py, issue 13); then it is
composed like any other (pagecompose.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from layout.display import Item, PageLayout, Picture, ProofNote
from layout.errors import InputError
from layout.fonts import FontFace
from layout.model.article import Article
from layout.model.issue import Issue, Page, jump_sources
from layout.pages import furniture
from layout.pages.autolayout import PagePlan, plan_page, type_area
from layout.pages.measure import continuation_room
from layout.pages.figures import ImageSize
from layout.pages.grid import PageGrid
from layout.pages.pagecompose import ComposedPage, compose_page
from layout.pages.results import SlotReport, SlotResult, SlotStatus
from layout.pages.sheet import Sheet
from layout.pages.slot import PageContext
from layout.pages.wording import Wording


@dataclass(frozen=True)
class IssueLayout:
    """pages: what is drawn; reports: one per slot, in page order; collisions: (page, slot, slot) whose
    headlines still sit side by side (撞题) after staggering; planned: each page as laid out (every slot
    with its grid); plans: the automatic layout of the pages that had free slots."""

    pages: tuple[PageLayout, ...]
    reports: tuple[SlotReport, ...]
    collisions: tuple[tuple[int, str, str], ...] = ()
    planned: tuple[Page, ...] = ()
    plans: tuple[PagePlan, ...] = ()
    alternatives: tuple[tuple[PageLayout, ...], ...] = ()  # per plan, each design drawn (for thumbnails)

    @property
    def overset(self) -> bool:
        """Is any text left over that goes nowhere?  The one answer build, check, preview and serve use."""
        return any(r.status is SlotStatus.OVER for r in self.reports)

    @property
    def overset_pages(self) -> frozenset[int]:
        return frozenset(r.page for r in self.reports if r.status is SlotStatus.OVER)


def compose_issue(issue: Issue, articles: Mapping[str, Article], fonts: Mapping[str, FontFace],
                  image_size: ImageSize, wording: Wording, memo: dict | None = None) -> IssueLayout:
    """articles: slot id → its article (slots without an article are jump targets or empty).

    memo: pages already composed, kept by a long-lived caller (the live preview): a page whose plan,
    articles and incoming continuations are unchanged is not composed again.  The caller empties it
    when the paper profile, the templates, the issue file or an image changes."""
    image_size = lru_cache(maxsize=None)(image_size)  # the fitting search places photos many times
    sheet = Sheet(issue.profile, fonts)
    grid = PageGrid(issue.profile.format, sheet.text("body").metrics.ascent)
    sources = jump_sources(issue)
    origins = {target[1]: (page_no, articles[slot.id]) for target, (page_no, slot) in sources.items() if slot.id in articles}
    composed: dict[int, ComposedPage] = {}
    plans: dict[int, PagePlan] = {}
    results: dict[str, SlotResult] = {}
    rooms: dict[str, int] = {}  # jump source slot → lines its continuation is to find on its target page

    def lay(page: Page) -> None:
        ctx = PageContext(issue, page, grid, sheet, image_size, frozenset(), wording)
        incoming = {}
        for slot in page.slots:
            source = sources.get((page.no, slot.id))
            if source is not None and results.get(source[1].id) is not None and results[source[1].id].continuation:
                incoming[slot.id] = results[source[1].id].continuation
        if page.planned:
            key = _page_key(page, articles, incoming, origins) if memo is not None else None
            done = memo.get(key) if key is not None else None
            if done is None:
                done = compose_page(ctx, page, articles, incoming, origins)
                if key is not None:
                    memo[key] = done
        else:
            for s in page.slots:
                if s.jump and s.id not in rooms:
                    rooms[s.id] = _room(issue, page, s, grid, sheet, image_size, wording, articles)
            plan = plan_page(ctx, page, articles, incoming, origins, {s.id: rooms[s.id] for s in page.slots if s.jump})
            plans[page.no] = plan
            done = plan.composed
        composed[page.no] = done
        results.update(done.results)

    by_no = {p.no: p for p in issue.pages}
    for page in page_order(issue):
        lay(page)
        for _round in range(2):  # a continuation that overfills or underfills its page: the source keeps more or less
            source = _rebalance(page, composed[page.no], sources, plans, rooms)
            if source is None:
                break
            lay(by_no[source])
            lay(page)
    plans = [plans[no] for no in sorted(plans)]
    pages = tuple(_page(issue, composed[p.no].page, grid, sheet, wording, composed[p.no].results, image_size)
                  for p in issue.pages)
    reports = tuple(results[s.id].report for page in issue.pages for s in page.slots)
    found = tuple((no, a, b) for no in sorted(composed) for a, b in composed[no].collisions)
    plans = _jump_advice(plans, reports)
    planned = tuple(plan.page for plan in plans)
    by_no = {p.no: p for p in planned}
    drawn = tuple(tuple(_page(issue, alt.composed.page, grid, sheet, wording, alt.composed.results, image_size)
                        for alt in plan.alternatives) for plan in plans)
    return IssueLayout(pages, reports, found, tuple(by_no.get(p.no, p) for p in issue.pages), tuple(plans), drawn)


def _page_key(page: Page, articles, incoming, origins) -> tuple | None:
    """What a planned page's composition depends on besides the profile, templates and images."""
    ids = [s.id for s in page.slots]
    try:
        key = (page, tuple(articles.get(i) for i in ids), tuple(incoming.get(i) for i in ids),
               tuple(origins.get(i) for i in ids))
        hash(key)
    except TypeError:
        return None
    return key


def _rebalance(page: Page, done: ComposedPage, sources, plans: Mapping[int, PagePlan], rooms: dict[str, int]) -> int | None:
    """When page's continuation of an automatically laid-out source leaves the page over or more than a
    couple of lines short, move the difference back to the source (its `room` changes) and name the
    source's page to lay out again; None when the page is fine or nothing can be moved."""
    over = done.over_lines
    short = done.short_lines
    if not over and not short:
        return None
    for slot in page.slots:
        origin = sources.get((page.no, slot.id))
        if origin is None or origin[0] not in plans or origin[1].id not in rooms:
            continue
        # at least a row's worth of a wide story, so the source's layout actually moves
        change = -(over + 6) if over else short
        rooms[origin[1].id] = max(0, rooms[origin[1].id] + change)
        return origin[0]
    return None


def _jump_advice(plans: list[PagePlan], reports: tuple[SlotReport, ...]) -> list[PagePlan]:
    """For a laid-out page with text left over: pages whose stories could take it (转版 there)."""
    room: dict[int, int] = {}  # characters a page could still take: its short stories' room less its own overset
    for r in reports:
        if r.status is SlotStatus.UNDER:
            room[r.page] = room.get(r.page, 0) + r.add_chars
        elif r.status is SlotStatus.OVER:
            room[r.page] = room.get(r.page, 0) - r.chars_left
    out = []
    for plan in plans:
        notes = list(plan.notes)
        for r in reports:
            if r.page == plan.page.no and r.status is SlotStatus.OVER:
                pages = [no for no, chars in sorted(room.items()) if no != r.page and chars >= r.chars_left]
                if pages:
                    notes.append(f"{r.slot} 放不下的约 {r.chars_left} 字可转版到第{'、'.join(map(str, pages))}版（那里还有空）")
        out.append(replace(plan, notes=tuple(notes)))
    return out


def _room(issue: Issue, page: Page, slot, grid, sheet, image_size, wording, articles) -> int:
    """Lines the continuation of `slot` is expected to find on its target page (measure.continuation_room)."""
    target = next(p for p in issue.pages if p.no == slot.jump.page)
    ctx = PageContext(issue, target, grid, sheet, image_size, frozenset(), wording)
    return continuation_room(ctx, target, articles, slot.jump.slot, type_area(ctx, target))


def page_order(issue: Issue) -> list[Page]:
    """The pages, each page that receives a continuation after the page it jumps from."""
    sources = jump_sources(issue)
    needs = {page.no: {sources[(page.no, s.id)][0] for s in page.slots if (page.no, s.id) in sources} for page in issue.pages}
    done: list[Page] = []
    left = list(issue.pages)
    while left:
        ready = [p for p in left if needs[p.no] <= {d.no for d in done} | {p.no}]
        if not ready:
            raise InputError(issue.yaml, "转版绕成了圈：几篇稿件互相转到对方的版上 (jumps form a cycle)",
                             hint="让转版都从前面的版转到后面的版")
        done.append(ready[0])
        left.remove(ready[0])
    return done


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
