"""What each story needs on the page at each width it may take (自动组版, issue 13).

For a width in basic columns the composer knows a story exactly: its body lines
(set in the column measure), its headline block at that width, its photos.  From
the slot geometry (`slot.frames_of`, no text set again) follows how many rows the
story fills: `natural` rows at its natural setting, `lo` the fewest it can take
once its photos are shrunk as far as the fit allows, `hi` the most it can fill
exactly once the headline space, photo growth, spaces and 拉行 of the fit are
used (house.md: "a story's variants are plan_slot + flow_slot at a width").
The same again for the story opening with its photo (图压题), which the search
uses against 撞题.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Mapping

from layout.model.article import Article
from layout.model.issue import Grid, Page, Slot
from layout.pages.fit import _figure_ranges, stretch_points
from layout.pages.guillotine import Item, Option
from layout.pages.results import Continuation
from layout.pages.slot import NATURAL, Fit, PageContext, frames_of, plan_slot
from layout.pages.stagger import ROLE_RANK, SlotForm

# basic columns a story may take when the editor says nothing (newspaper.md §3.2 practice on a 5-column page)
DEFAULT_SPANS = {"头条": (3, 5), "通栏": (4, 5), "专题": (4, 5), "倒头条": (2, 3), "副头条": (2, 3), "报眼": (1, 2),
                 "普通": (2, 3), "补白": (1, 3)}
MIN_JUMP_ROWS = 12  # a story that continues elsewhere keeps at least this many rows below its headline


def page_items(ctx: PageContext, page: Page, articles: Mapping[str, Article],
               incoming: Mapping[str, Continuation], area: Grid, room: Mapping[str, int] | None = None) -> list[Item]:
    """The page's slots and named areas as search items, in the page's order (areas last).

    room: jump source slot id → body lines its continuation is expected to find on its target page
    (the source then aims to keep the rest: see continuation_room)."""
    items = []
    for slot in page.slots:
        article = articles.get(slot.id)
        coming = incoming.get(slot.id)
        rank = ROLE_RANK.get(slot.role, 4)
        if article is None and coming is None:  # an empty slot: it takes what the editor drew, or a small box
            items.append(Item(slot.id, () if slot.grid else (Option(1, 3, 3, area.rows, 0),), rank, False, slot.grid,
                              slot.wishes.position))
            continue
        preferred = slot.wishes.span or _default_span(slot, area)
        if slot.grid is not None:
            options = (measure(ctx, slot, article, coming, slot.grid.span, area, (room or {}).get(slot.id)),)
        else:
            # the editor's span is a rule; the role's usual span a preference (other widths are priced),
            # except for the lead story: on a page with more copy than room, a narrow 头条 saves a few
            # lines of overset (a narrow headline takes fewer rows) and the page loses its hierarchy —
            # the lead is the widest story (pages.md §2); overset is for the editor to cut
            low, high = slot.wishes.span or (preferred if rank == 0 else (1, area.span))
            widths = range(max(1, low), min(high, area.span) + 1)
            options = tuple(o for o in (measure(ctx, slot, article, coming, w, area, (room or {}).get(slot.id))
                                        for w in widths) if o is not None)
        display = any(o.head for o in options) and options[0].display
        items.append(Item(slot.id, options, rank, display, slot.grid, slot.wishes.position, preferred))
    for k, named in enumerate(page.areas):
        items.append(Item(f"{named.kind}#{k + 1}", (), 6, False, named.grid))
    return items


def _default_span(slot: Slot, area: Grid) -> tuple[int, int]:
    """Columns a story may take when the editor gives no span: by role, and for a 破栏 (split into N)
    wide enough that each of the N columns keeps at least about ten characters."""
    low, high = DEFAULT_SPANS.get(slot.role, (2, 3))
    if slot.split:
        low = max(low, -(-slot.split * 4 // 5))
        high = max(high, area.span)
    return low, high


def measure(ctx: PageContext, slot: Slot, article: Article | None, coming: Continuation | None, width: int,
            area: Grid, room: int | None = None) -> Option | None:
    """The story at `width` columns: rows it fills (lo, natural, hi), headline rows, and the same opening
    with its photo.  room: for a story that jumps, the lines its continuation should take elsewhere."""
    base = _measure(ctx, slot, article, coming, width, area, SlotForm(), room)
    if base is None:
        return None
    lo, natural, hi, head, display = base
    photo = None
    if article is not None and article.figures:
        opening = _measure(ctx, slot, article, coming, width, area, SlotForm(photo_first=True), room)
        photo = opening[:4] if opening is not None else None
    return Option(width, lo, natural, hi, head, photo, display)


def _measure(ctx: PageContext, slot: Slot, article, coming, width: int, area: Grid, form: SlotForm,
             room: int | None = None):
    """(lo, natural, hi, head rows, display headline) of the story at `width` in `form` (None: it cannot be set)."""
    probe = replace(slot, grid=Grid(1, width, area.row, area.rows))
    pctx = replace(ctx, separator_below=frozenset(), forms={slot.id: form})
    plan = plan_slot(pctx, probe, article, coming)
    if plan is None:
        return None
    lines = len(plan.lines)
    limits = ctx.issue.profile.fit
    ranges = _figure_ranges(pctx, plan, limits)
    shrink = Fit(0, tuple(r.start for r in ranges))
    grow = Fit(limits.head_rows, tuple(r.stop - 1 for r in ranges))
    paragraphs = sum(1 for fl in plan.natural_lines if fl.line is not None and fl.index == 2)  # paragraphs of 3+ lines
    fine = limits.spaces * len(stretch_points(plan.natural)) + paragraphs // 2

    def capacity(rows: int, fit: Fit) -> int:
        sized = replace(plan, slot=replace(probe, grid=replace(probe.grid, rows=rows)))
        return sum(f.rows for f in frames_of(pctx, sized, fit, plan.base_head))

    head = plan.area.first_row - area.row  # rows from the slot's top to where the body starts
    tall = 3 * area.rows  # a story longer than the page is measured all the same: the search prices its overset
    natural = _least(lambda r: capacity(r, NATURAL) >= lines, head + 1, tall)
    lo = _least(lambda r: capacity(r, shrink) >= lines, head + 1, tall)
    hi = _most(lambda r: capacity(r, grow) - lines <= fine, head + 1, tall)
    if slot.jump is not None:  # a story that continues elsewhere can be cut anywhere; it aims to keep what
        # its continuation will not find room for on the target page
        keep = max(0, lines - (room or 0))
        natural = _least(lambda r: capacity(r, NATURAL) >= keep, head + 1, area.rows) or area.rows
        lo, hi = min(natural, head + MIN_JUMP_ROWS), area.rows
    if natural is None or lo is None or hi is None or hi < lo:
        return None
    return lo, min(max(natural, lo), hi), hi, head, plan.head.display


def _least(ok: Callable[[int], bool], low: int, high: int) -> int | None:
    """The smallest r in [low, high] with ok(r), ok being monotone (False … True)."""
    if low > high or not ok(high):
        return None
    while low < high:
        mid = (low + high) // 2
        if ok(mid):
            high = mid
        else:
            low = mid + 1
    return low


def _most(ok: Callable[[int], bool], low: int, high: int) -> int | None:
    """The largest r in [low, high] with ok(r), ok being monotone (True … False)."""
    if low > high or not ok(low):
        return None
    while low < high:
        mid = (low + high + 1) // 2
        if ok(mid):
            low = mid
        else:
            high = mid - 1
    return low


def continuation_room(ctx: PageContext, page: Page, articles: Mapping[str, Article], target: str, area: Grid) -> int:
    """Body lines a continuation will find in slot `target` of `page`: the page's lines less what its
    other stories need at their narrowest natural setting, less rules and the 转版标题."""
    slot = next(s for s in page.slots if s.id == target)
    if slot.grid is not None:  # the editor drew the target: its columns × rows, less a short head
        return max(0, slot.grid.span * (slot.grid.rows - 4))
    others = [s for s in page.slots if s.id != target]
    items = page_items(ctx, replace(page, slots=tuple(others)), articles, {}, area)
    need = 0
    for item in items:
        if item.locked is not None:
            need += item.locked.span * item.locked.rows
        elif item.options:
            need += min(o.natural * o.width for o in item.options) + area.span  # and its rule
    return max(0, area.span * area.rows - need - 4 * area.span)
