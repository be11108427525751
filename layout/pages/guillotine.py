"""The layout search of 自动组版 (issue 13): guillotine partitions of the type area, pure and font-free.

Newspapers use modular layout: every story is a rectangle and the page is cut
into them recursively, across (a horizontal cut) or down (a vertical cut) — a
guillotine layout (Gange, Marriott & Stuckey, *Optimal guillotine layout*, DocEng
2012; pages.md §5).  This module knows stories only by what `measure.py` found:
for each width in basic columns, the rows the story fills exactly (an interval:
fewest rows without overset, its natural rows, most rows its slack can take up)
and the rows its headline occupies.  It enumerates the cut trees that keep the
stories in reading order (the first story top-left; a top or left part holds
earlier stories than a bottom or right one), gives each cut its columns and rows
by interval arithmetic, and prices the result:

- a story set outside its interval is infeasible;
- deviation from the natural rows costs a little (filling by stretching is fine,
  by squeezing less so); a one-column story with a display headline costs more;
- the lead story (头条) must start at the top and be the largest;
- 撞题 — two display headlines at overlapping rows in disjoint columns — is
  resolved where a story can open with its photo (图压题), else priced out;
- wishes (位置 上/下) and locked slots (grid given by the editor) are kept.

A slot that sits above another gives its last row to the rule between them, so
a horizontal cut costs the upper part one row.  Deterministic: ties break on the
order the trees are generated in.
"""

from __future__ import annotations

import heapq
from typing import Iterator, Sequence

from layout.model.issue import Grid
from layout.pages.cutsize import costs, place, size_price, span_pair
from layout.pages.cuttree import (  # noqa: F401  (Option, Item, Design: the search's vocabulary, re-exported)
    Cut, Design, Item, Leaf, Option, Tree, across_cuts, describe, leaves, trees_over, widths_of,
)
from layout.pages.stagger import collide, dominance_key, side_by_side

COLLISION_COST = 1000.0
WISH_COST = 60.0
LEAD_COST = 200.0
NARROW_HEAD_COST = 25.0
WIDTH_COST = 40.0  # per column outside the span the story should take


def _band(item: Item, box: Grid, width: int, photo_first: bool) -> tuple[int, int] | None:
    """Rows of the item's display headline on the page (None: it has none)."""
    option = item.option(width)
    if not item.display or option is None:
        return None
    if photo_first and option.photo is not None:
        end = box.row + option.photo[3] - 1  # the headline ends where the body begins, below the photo
        return (end - option.head + 1, end)
    return (box.row, box.row + option.head - 1)


def _collisions(items: Sequence[Item], boxes: dict[int, Grid], widths: dict[int, int], firsts: frozenset[int]
                ) -> list[tuple[int, int]]:
    bands = {k: _band(items[k], box, widths.get(k, box.span), k in firsts) for k, box in boxes.items()}
    out = []
    keys = sorted(boxes)
    for x, a in enumerate(keys):
        for b in keys[x + 1:]:
            ba, bb = bands[a], bands[b]
            if ba is None or bb is None:
                continue
            if collide(boxes[a], ba, boxes[b], bb):
                out.append((a, b))
    return out


def _price(items: Sequence[Item], boxes: dict[int, Grid], widths: dict[int, int], firsts: frozenset[int],
           area: Grid, collisions: int, sizes: float) -> float:
    """sizes: the price of the rows every story got (from _costs); the rest: the page rules."""
    cost = COLLISION_COST * collisions + sizes
    free = [k for k in boxes if items[k].locked is None and items[k].options]
    for k in free:
        item, box = items[k], boxes[k]
        option = item.option(widths[k])
        cost = _width_cost(cost, item, option.width)
        if item.position == "上" and box.row != area.row:
            cost += WISH_COST
        if item.position == "下" and box.last_row != area.last_row:
            cost += WISH_COST
        if k in firsts:
            cost += 2.0  # a photo above the headline is a fix, not the first choice
    leads = [k for k in free if items[k].rank == 0]
    for k in leads:
        box = boxes[k]
        if box.row != area.row:
            cost += LEAD_COST
        largest = max(boxes[o].span * boxes[o].rows for o in free)
        if box.span * box.rows < largest:
            cost += LEAD_COST / 2
    return cost


# --------------------------------------------------------------------------
# The search


SHORTLIST = 40  # layouts (tree × widths) priced in full, after a first pass on sizes alone


def designs(area: Grid, items: Sequence[Item], most: int = 6,
            orders: Sequence[tuple[int, ...]] | None = None) -> list[Design]:
    """The best layouts of `items` in `area`, cheapest first, at most `most`.

    orders: the reading orders to try (item indices; default: the items' own order).  Locked items keep
    their rectangle; a design that cannot place them there is not one.  An empty list means nothing
    fits: the caller reports what to cut.

    Two passes: every cut tree × column widths is priced on its rows alone (the dynamic programme,
    memoised across trees and orders, since a subtree's prices depend only on its own leaves); the
    cheapest few are then placed, checked for 撞题 and staggered, and priced in full."""
    memo: dict = {}
    shortlist: list[tuple[float, int, Tree, dict[int, int]]] = []
    count = 0
    for order in orders or [tuple(range(len(items)))]:
        for tree in trees_over(tuple(order)):
            for widths in widths_of(tree, area.span, items):
                sizes = costs(tree, widths, items, frozenset(), area.rows, memo).get(area.rows)
                if sizes is None:
                    continue
                count += 1
                entry = (sizes + _static(items, widths), count, tree, widths)
                if len(shortlist) < SHORTLIST:
                    heapq.heappush(shortlist, (-entry[0], -count, tree, widths))
                elif -shortlist[0][0] > entry[0]:
                    heapq.heapreplace(shortlist, (-entry[0], -count, tree, widths))
    found: list[Design] = []
    seen: set[tuple] = set()
    for _price_, _n, tree, widths in sorted(shortlist, key=lambda e: (-e[0], -e[1])):
        for design in _designs_of(tree, widths, items, area, memo):
            key = tuple(sorted(design.boxes.items())) + (design.photo_first,)
            if key not in seen:
                seen.add(key)
                found.append(design)
    found.sort(key=lambda d: d.cost)
    return found[:most]


def _static(items: Sequence[Item], widths: dict[int, int]) -> float:
    """The part of a layout's price that its widths alone decide (see _price)."""
    cost = 0.0
    for k, width in widths.items():
        item = items[k]
        if item.locked is not None or not item.options:
            continue
        cost = _width_cost(cost, item, width)
    return cost


def _width_cost(cost: float, item: Item, width: int) -> float:
    """`cost` plus what the item's width costs: a display headline in one column, a width outside its span."""
    if width == 1 and item.display and item.rank < 5:
        cost += NARROW_HEAD_COST
    if item.preferred and not item.preferred[0] <= width <= item.preferred[1]:
        cost += WIDTH_COST * min(abs(width - item.preferred[0]), abs(width - item.preferred[1]))
    return cost


def _dominant(items: Sequence[Item], boxes: dict[int, Grid], a: int, b: int) -> tuple[int, int]:
    """(dominant, subordinate) as stagger.dominance orders them: role, then the larger box, then the left."""
    def key(k: int) -> tuple:
        return dominance_key(items[k].rank, boxes[k])
    return (a, b) if key(a) <= key(b) else (b, a)


def _spans(items: Sequence[Item], boxes: dict[int, Grid], hits: list[tuple[int, int]], firsts: frozenset[int]
           ) -> dict[int, int]:
    """Story → rows it gains (the dominant, its headline wider) or loses (negative: the one underneath) by
    the 通栏 headlines the compose step (stagger.py) puts across side-by-side stories on one row."""
    out: dict[int, int] = {}
    for a, b in hits:
        ga, gb = boxes[a], boxes[b]
        pair = span_pair(items, {a: ga.span, b: gb.span}, firsts, a, b) if side_by_side(ga, gb) and ga.row == gb.row else None
        if pair is not None:
            dom, lost, gained = pair
            sub = b if dom == a else a
            out[sub] = min(out.get(sub, 0), -lost)
            out[dom] = max(out.get(dom, 0), gained)
    return out


def _designs_of(tree: Tree, widths: dict[int, int], items: Sequence[Item], area: Grid, memo: dict) -> Iterator[Design]:
    firsts: frozenset[int] = frozenset()
    for _attempt in range(4):  # open stories with their photo to stagger colliding headlines
        if costs(tree, widths, items, firsts, area.rows, memo).get(area.rows) is None:
            return
        boxes: dict[int, Grid] = {}
        if not place(tree, widths, items, firsts, area, boxes, area.rows, memo):
            return
        hits = _collisions(items, boxes, widths, firsts)
        if hits:
            boxes, hits = _staggeracross_cuts(tree, widths, items, firsts, area, memo, boxes, hits)
        fix = _photo_fix(items, boxes, widths, firsts, hits)
        if fix is not None:
            firsts = firsts | {fix}
            continue
        spans = _spans(items, boxes, hits, firsts)
        left = [(a, b) for a, b in hits if spans.get(a, 0) >= 0 and spans.get(b, 0) >= 0]
        sizes = size_price(items, boxes, widths, firsts, area, spans, memo)
        cost = _price(items, boxes, widths, firsts, area, len(left), sizes)
        yield Design(cost, {items[k].key: g for k, g in boxes.items()},
                     frozenset(items[k].key for k in firsts), tuple((items[a].key, items[b].key) for a, b in left),
                     describe(tree, items))
        return


def _photo_fix(items, boxes, widths, firsts, hits) -> int | None:
    """The story that should open with its photo to resolve a collision, in stagger.py's order: the
    subordinate if it has a photo, else the dominant unless it leads the page."""
    for a, b in hits:
        dom, sub = _dominant(items, boxes, a, b)
        for k, allowed in ((sub, True), (dom, items[dom].rank > 0)):
            option = items[k].option(widths[k]) if items[k].locked is None else None
            if allowed and k not in firsts and option is not None and option.photo is not None:
                return k
    return None


def _staggeracross_cuts(tree: Tree, widths, items, firsts, area: Grid, memo: dict, boxes: dict, hits: list):
    """Move horizontal cuts (a few rows up or down) until no two headlines sit side by side, if the
    sizes allow it: what a 美编 does when two stories' tops line up across a column rule."""
    def judge(placed: dict, found: list) -> tuple[int, float]:
        spans = _spans(items, placed, found, firsts)
        left = [(a, b) for a, b in found if spans.get(a, 0) >= 0 and spans.get(b, 0) >= 0]
        return len(left), size_price(items, placed, widths, firsts, area, spans, memo)

    best = (*judge(boxes, hits), boxes, hits)
    forced: dict = {}
    for _round in range(2):
        for cut in across_cuts(tree):
            current = forced.get(cut)
            if current is None:
                top = next((b for k, b in boxes.items() if k in leaves(cut.first)), None)
                current = (max(b.last_row for k, b in boxes.items() if k in leaves(cut.first)) - top.row) if top else None
            if current is None:
                continue
            for shift in range(-10, 11):
                if shift == 0:
                    continue
                trial = dict(forced)
                trial[cut] = current + shift
                placed: dict[int, Grid] = {}
                if not place(tree, widths, items, firsts, area, placed, area.rows, memo, trial):
                    continue
                found = _collisions(items, placed, widths, firsts)
                key = judge(placed, found)
                if key < best[:2]:
                    best = (*key, placed, found)
                    forced = trial
            boxes = best[2]
        if best[0] == 0:
            break
    return best[2], best[3]
