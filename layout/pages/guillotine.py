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
from dataclasses import dataclass, field, replace
from typing import Iterator, Sequence

from layout.model.issue import Grid

INF = float("inf")
COLLISION_COST = 1000.0
WISH_COST = 60.0
LEAD_COST = 200.0
NARROW_HEAD_COST = 25.0
WIDTH_COST = 40.0  # per column outside the span the story should take


@dataclass(frozen=True)
class Option:
    """A story at one width: rows it fills exactly (lo ≤ natural ≤ hi) and its headline band.

    head: rows from the slot's top to the end of its headline block; photo_head: the same when the
    story opens with its photo (None: no photo to open with) with its own lo/natural/hi."""

    width: int
    lo: int
    natural: int
    hi: int
    head: int
    photo: tuple[int, int, int, int] | None = None  # (lo, natural, hi, head) when opening with the photo


@dataclass(frozen=True)
class Item:
    """One story (or a locked slot, or a named area) for the search."""

    key: str
    options: tuple[Option, ...] = ()
    rank: int = 4  # 0 = 头条 … 5 = 补白 (stagger.ROLE_RANK)
    display: bool = True  # has a headline in display type (≥ 15 pt)
    locked: Grid | None = None
    position: str = ""  # 上 | 下 | ""
    preferred: tuple[int, int] | None = None  # the span it should take (role's usual, or the editor's wish)

    def option(self, width: int) -> Option | None:
        return next((o for o in self.options if o.width == width), None)


@dataclass(frozen=True)
class Design:
    """One layout of a page: each item's rectangle, the stories that open with their photo, the price."""

    cost: float
    boxes: dict[str, Grid] = field(default_factory=dict)
    photo_first: frozenset[str] = frozenset()
    collisions: tuple[tuple[str, str], ...] = ()
    shape: str = ""


# --------------------------------------------------------------------------
# Cut trees


@dataclass(frozen=True)
class Leaf:
    index: int


@dataclass(frozen=True)
class Cut:
    across: bool  # True: a horizontal cut (top / bottom); False: vertical (left / right)
    first: "Tree"
    second: "Tree"


Tree = Leaf | Cut


def trees(i: int, j: int) -> Iterator[Tree]:
    """Every cut tree over items i..j-1 in reading order (a pair of same-direction cuts is generated
    once: the second part of a cut is never cut the same way again)."""
    yield from trees_over(tuple(range(i, j)))


def trees_over(order: tuple[int, ...]) -> Iterator[Tree]:
    """Every cut tree whose leaves, read top-left to bottom-right, are `order` (item indices)."""
    if len(order) == 1:
        yield Leaf(order[0])
        return
    for k in range(1, len(order)):
        for across in (True, False):
            for first in trees_over(order[:k]):
                if isinstance(first, Cut) and first.across == across:
                    continue  # (A/B)/C is A/(B/C): keep one
                for second in trees_over(order[k:]):
                    yield Cut(across, first, second)


def describe(tree: Tree, items: Sequence[Item]) -> str:
    if isinstance(tree, Leaf):
        return items[tree.index].key
    sep = " / " if tree.across else " | "
    return f"({describe(tree.first, items)}{sep}{describe(tree.second, items)})"


# --------------------------------------------------------------------------
# Sizes: widths by enumeration, rows by interval arithmetic


def _widths(tree: Tree, columns: int, items: Sequence[Item]) -> Iterator[dict[int, int]]:
    """Every assignment of basic columns to the leaves (item index → width)."""
    if isinstance(tree, Leaf):
        item = items[tree.index]
        if item.locked is not None:
            if item.locked.span == columns:
                yield {tree.index: columns}
        elif item.option(columns) is not None:
            yield {tree.index: columns}
        return
    if tree.across:
        for a in _widths(tree.first, columns, items):
            for b in _widths(tree.second, columns, items):
                yield {**a, **b}
        return
    for left in range(1, columns):
        for a in _widths(tree.first, left, items):
            for b in _widths(tree.second, columns - left, items):
                yield {**a, **b}


OVER_LINE = 60.0  # a line of text left over
SHORT_LINE = 4.0  # a line short of the slot's foot (beyond what the fit takes up)
SQUEEZE = 0.3  # per row², setting a story below its natural rows (photos shrunk, 缩行)
STRETCH = 0.05  # per row², taking up slack (headline space, photo growth, spaces, 拉行)
WINDOW = (12, 25)  # rows below lo and above hi a story may still be given (priced as overset / short)
SPAN_ROOM = 20  # a side of a cut may be measured this many rows taller than the page: its neighbour's 通栏 headline


class Curve:
    """Price by rows over a contiguous range: values[i] is the price of start + i rows.

    Every price here is convex in the rows (steep for overset, flat near the natural rows, rising for
    lines short), and sums and shifts keep that, so the cheapest split of a horizontal cut follows
    by merging the two curves' slopes (min-plus convolution of convex sequences) in linear time."""

    __slots__ = ("start", "values")

    def __init__(self, start: int, values: list[float]):
        self.start, self.values = start, values

    def get(self, rows: int, default=None):
        i = rows - self.start
        return self.values[i] if 0 <= i < len(self.values) else default

    def items(self):
        return ((self.start + i, v) for i, v in enumerate(self.values))

    def __contains__(self, rows: int) -> bool:
        return 0 <= rows - self.start < len(self.values)

    def __bool__(self) -> bool:
        return bool(self.values)

    def stacked(self, other: "Curve", cap: int) -> "Curve":
        """Rows → cheapest price of this part above `other` with one row for the rule between them."""
        a, b = self.values, other.values
        if not a or not b:
            return Curve(0, [])
        out = [a[0] + b[0]]
        i = j = 0
        while i < len(a) - 1 or j < len(b) - 1:
            da = a[i + 1] - a[i] if i < len(a) - 1 else INF
            db = b[j + 1] - b[j] if j < len(b) - 1 else INF
            if da <= db:
                i += 1
            else:
                j += 1
            out.append(a[i] + b[j])
        start = self.start + other.start + 1
        return Curve(start, out[:max(0, cap - start + 1)])

    def beside(self, other: "Curve", shift_self: int, shift_other: int, cap: int) -> "Curve":
        """Rows r → self(r + shift_self) + other(r + shift_other), where both are priced."""
        low = max(self.start - shift_self, other.start - shift_other, 1)
        high = min(self.start + len(self.values) - 1 - shift_self, other.start + len(other.values) - 1 - shift_other, cap)
        if low > high:
            return Curve(0, [])
        return Curve(low, [self.values[r + shift_self - self.start] + other.values[r + shift_other - other.start]
                           for r in range(low, high + 1)])


def _leaf_costs(item: Item, width: int, photo_first: bool, rows: int) -> Curve:
    """Rows → price of setting the item in a box of that many rows (outside lo..hi: lines over or short)."""
    if item.locked is not None:
        return Curve(item.locked.rows, [0.0])
    option = item.option(width)
    if option is None:
        return Curve(0, [])
    if photo_first:
        if option.photo is None:
            return Curve(0, [])
        lo, natural, hi, _head = option.photo
    else:
        lo, natural, hi = option.lo, option.natural, option.hi
    out = []
    first = max(2, min(lo - WINDOW[0], rows // 3))  # a story too long for the page is still priced, as overset
    for r in range(first, min(rows + SPAN_ROOM, max(hi + WINDOW[1], first)) + 1):
        if r < lo:
            price = OVER_LINE * (lo - r) * width + SQUEEZE * (natural - lo) ** 2
        elif r > hi:
            price = SHORT_LINE * (r - hi) * width + STRETCH * (hi - natural) ** 2
        else:
            price = STRETCH * (r - natural) ** 2 if r >= natural else SQUEEZE * (natural - r) ** 2
        out.append(price)
    return Curve(first, out)


def _costs(tree: Tree, widths: dict[int, int], items: Sequence[Item], firsts: frozenset[int], rows: int,
           memo: dict) -> Curve:
    """Rows → least price of the subtree in a box of that many rows (a horizontal cut gives the upper
    part's last row to the rule between the parts)."""
    key = (tree, tuple(sorted((k, widths[k], k in firsts) for k in _leaves(tree))))
    if key in memo:
        return memo[key]
    if isinstance(tree, Leaf):
        out = _leaf(items, tree.index, widths[tree.index], tree.index in firsts, rows, memo)
    else:
        a = _costs(tree.first, widths, items, firsts, rows, memo)
        b = _costs(tree.second, widths, items, firsts, rows, memo)
        if tree.across:
            out = a.stacked(b, rows + SPAN_ROOM)
        else:
            gain_a, gain_b = _span_shift(tree, widths, items, firsts)
            out = a.beside(b, gain_a, gain_b, rows + SPAN_ROOM)
    memo[key] = out
    return out


def _top_right(tree: Tree) -> int:
    if isinstance(tree, Leaf):
        return tree.index
    return _top_right(tree.first) if tree.across else _top_right(tree.second)


def _top_left(tree: Tree) -> int:
    return tree.index if isinstance(tree, Leaf) else _top_left(tree.first)


def _span_shift(cut: Cut, widths: dict[int, int], items: Sequence[Item], firsts: frozenset[int]) -> tuple[int, int]:
    """Rows the two sides of a vertical cut effectively gain (or lose, negative) when the two stories that
    meet at its top would sit side by side and the compose step puts the dominant one's headline across
    both (通栏, stagger.py): the other loses that headline's rows, the dominant's headline, now wider, takes
    fewer rows than at its own width.  (0, 0) when a photo opening one of them will settle it instead."""
    left, right = _top_right(cut.first), _top_left(cut.second)
    pair = _span_pair(items, widths, firsts, left, right)
    if pair is None:
        return 0, 0
    dom, lost, gained = pair
    return (gained, -lost) if dom == left else (-lost, gained)


def _span_pair(items: Sequence[Item], widths: dict[int, int], firsts: frozenset[int], a: int, b: int
               ) -> tuple[int, int, int] | None:
    """(dominant, rows the other loses, rows the dominant gains) for a 通栏 headline over a neighbour."""
    ia, ib = items[a], items[b]
    if not (ia.display and ib.display) or a in firsts or b in firsts or ia.locked or ib.locked:
        return None
    dom, sub = (a, b) if (ia.rank, a) <= (ib.rank, b) else (b, a)
    own, other = items[dom].option(widths[dom]), items[sub].option(widths[sub])
    if own is None or other is None or other.photo is not None or (items[dom].rank > 0 and own.photo is not None):
        return None
    wide = items[dom].option(widths[dom] + widths[sub]) or own
    return dom, wide.head, max(0, own.head - wide.head)


def _leaf(items: Sequence[Item], k: int, width: int, first: bool, rows: int, memo: dict) -> Curve:
    key = ("leaf", k, width, first)
    if key not in memo:
        memo[key] = _leaf_costs(items[k], width, first, rows)
    return memo[key]


def _leaves(tree: Tree) -> tuple[int, ...]:
    if isinstance(tree, Leaf):
        return (tree.index,)
    return _leaves(tree.first) + _leaves(tree.second)


def _place(tree: Tree, widths: dict[int, int], items: Sequence[Item], firsts: frozenset[int], box: Grid,
           out: dict[int, Grid], rows: int, memo: dict, forced: dict | None = None) -> bool:
    """Give every leaf its rectangle inside `box`, splitting rows at the cheapest point (or where
    `forced` says: cut node → rows of its upper part)."""
    if isinstance(tree, Leaf):
        item = items[tree.index]
        if item.locked is not None and item.locked != box:
            return False
        out[tree.index] = box
        return True
    if not tree.across:
        left = _columns(tree.first, widths)
        gain_a, gain_b = _span_shift(tree, widths, items, firsts)
        return (_place_shifted(tree.first, widths, items, firsts, replace(box, span=left), out, rows, memo, forced,
                               gain_a)
                and _place_shifted(tree.second, widths, items, firsts,
                                   replace(box, col=box.col + left, span=box.span - left), out, rows, memo, forced, gain_b))
    a = _costs(tree.first, widths, items, firsts, rows, memo)
    b = _costs(tree.second, widths, items, firsts, rows, memo)
    if forced and tree in forced:
        top = forced[tree]
        if top not in a or box.rows - top - 1 not in b:
            return False
    else:
        choices = [(pa + b.get(box.rows - ra - 1), ra) for ra, pa in a.items() if box.rows - ra - 1 in b]
        if not choices:
            return False
        _price_, top = min(choices)
    upper = replace(box, rows=top + 1)  # its last row holds the rule
    lower = replace(box, row=box.row + top + 1, rows=box.rows - top - 1)
    return (_place(tree.first, widths, items, firsts, upper, out, rows, memo, forced)
            and _place(tree.second, widths, items, firsts, lower, out, rows, memo, forced))


def _place_shifted(tree: Tree, widths, items, firsts, box: Grid, out: dict[int, Grid], rows: int, memo: dict,
                   forced, shift: int) -> bool:
    """Place a side of a vertical cut that a 通栏 headline changes (see _span_shift): it is sized as if
    `shift` rows taller (or shorter, shift < 0), and the leaves along its top keep the box's top row —
    the compose step moves a story under a spanning headline down itself."""
    if shift == 0:
        return _place(tree, widths, items, firsts, box, out, rows, memo, forced)
    virtual = replace(box, row=box.row - shift, rows=box.rows + shift)
    placed: dict[int, Grid] = {}
    if virtual.rows < 1 or not _place(tree, widths, items, firsts, virtual, placed, rows, memo, forced):
        return False
    for k, g in placed.items():
        if g.row == virtual.row:  # along the top: from the box's own top row
            g = replace(g, row=box.row, rows=g.rows - shift)
        out[k] = g
    return all(g.rows >= 1 for g in out.values())


def _cuts(tree: Tree) -> list[Cut]:
    """The horizontal cuts of a tree, outermost first."""
    if isinstance(tree, Leaf):
        return []
    own = [tree] if tree.across else []
    return own + _cuts(tree.first) + _cuts(tree.second)


def _sizes(items: Sequence[Item], boxes: dict[int, Grid], widths: dict[int, int], firsts: frozenset[int],
           area: Grid, spans: dict[int, int] | None = None, memo: dict | None = None) -> float:
    """The price of the rows every story got (a story above another gives one row to the rule; one under
    a neighbour's 通栏 headline gives that headline's rows)."""
    total = 0.0
    memo = {} if memo is None else memo
    for k, box in boxes.items():
        rows = box.rows - (1 if box.last_row < area.last_row else 0) + (spans or {}).get(k, 0)
        total += _leaf(items, k, widths[k], k in firsts, area.rows, memo).get(rows, INF)
    return total


def _columns(tree: Tree, widths: dict[int, int]) -> int:
    """Columns a subtree spans (the width of any of its top leaves chain)."""
    if isinstance(tree, Leaf):
        return widths[tree.index]
    if tree.across:
        return _columns(tree.first, widths)
    return _columns(tree.first, widths) + _columns(tree.second, widths)


# --------------------------------------------------------------------------
# Pricing


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
            ga, gb = boxes[a], boxes[b]
            apart = ga.last_col < gb.col or gb.last_col < ga.col
            if apart and ba[0] <= bb[1] and bb[0] <= ba[1]:
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
        if option.width == 1 and item.display and item.rank < 5:
            cost += NARROW_HEAD_COST
        if item.preferred and not item.preferred[0] <= option.width <= item.preferred[1]:
            cost += WIDTH_COST * min(abs(option.width - item.preferred[0]), abs(option.width - item.preferred[1]))
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
            for widths in _widths(tree, area.span, items):
                sizes = _costs(tree, widths, items, frozenset(), area.rows, memo).get(area.rows)
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
        if width == 1 and item.display and item.rank < 5:
            cost += NARROW_HEAD_COST
        if item.preferred and not item.preferred[0] <= width <= item.preferred[1]:
            cost += WIDTH_COST * min(abs(width - item.preferred[0]), abs(width - item.preferred[1]))
    return cost


def _dominant(items: Sequence[Item], boxes: dict[int, Grid], a: int, b: int) -> tuple[int, int]:
    """(dominant, subordinate) as stagger.dominance orders them: role, then the larger box, then the left."""
    def key(k: int) -> tuple:
        g = boxes[k]
        return (items[k].rank, -g.span * g.rows, g.col, g.row)
    return (a, b) if key(a) <= key(b) else (b, a)


def _spans(items: Sequence[Item], boxes: dict[int, Grid], hits: list[tuple[int, int]], firsts: frozenset[int]
           ) -> dict[int, int]:
    """Story → rows it gains (the dominant, its headline wider) or loses (negative: the one underneath) by
    the 通栏 headlines the compose step (stagger.py) puts across side-by-side stories on one row."""
    out: dict[int, int] = {}
    for a, b in hits:
        ga, gb = boxes[a], boxes[b]
        beside = ga.last_col + 1 == gb.col or gb.last_col + 1 == ga.col
        pair = _span_pair(items, {a: ga.span, b: gb.span}, firsts, a, b) if beside and ga.row == gb.row else None
        if pair is not None:
            dom, lost, gained = pair
            sub = b if dom == a else a
            out[sub] = min(out.get(sub, 0), -lost)
            out[dom] = max(out.get(dom, 0), gained)
    return out


def _designs_of(tree: Tree, widths: dict[int, int], items: Sequence[Item], area: Grid, memo: dict) -> Iterator[Design]:
    firsts: frozenset[int] = frozenset()
    for _attempt in range(4):  # open stories with their photo to stagger colliding headlines
        if _costs(tree, widths, items, firsts, area.rows, memo).get(area.rows) is None:
            return
        boxes: dict[int, Grid] = {}
        if not _place(tree, widths, items, firsts, area, boxes, area.rows, memo):
            return
        hits = _collisions(items, boxes, widths, firsts)
        if hits:
            boxes, hits = _stagger_cuts(tree, widths, items, firsts, area, memo, boxes, hits)
        fix = _photo_fix(items, boxes, widths, firsts, hits)
        if fix is not None:
            firsts = firsts | {fix}
            continue
        spans = _spans(items, boxes, hits, firsts)
        left = [(a, b) for a, b in hits if spans.get(a, 0) >= 0 and spans.get(b, 0) >= 0]
        sizes = _sizes(items, boxes, widths, firsts, area, spans, memo)
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


def _stagger_cuts(tree: Tree, widths, items, firsts, area: Grid, memo: dict, boxes: dict, hits: list):
    """Move horizontal cuts (a few rows up or down) until no two headlines sit side by side, if the
    sizes allow it: what a 美编 does when two stories' tops line up across a column rule."""
    def judge(placed: dict, found: list) -> tuple[int, float]:
        spans = _spans(items, placed, found, firsts)
        left = [(a, b) for a, b in found if spans.get(a, 0) >= 0 and spans.get(b, 0) >= 0]
        return len(left), _sizes(items, placed, widths, firsts, area, spans, memo)

    best = (*judge(boxes, hits), boxes, hits)
    forced: dict = {}
    for _round in range(2):
        for cut in _cuts(tree):
            current = forced.get(cut)
            if current is None:
                top = next((b for k, b in boxes.items() if k in _leaves(cut.first)), None)
                current = (max(b.last_row for k, b in boxes.items() if k in _leaves(cut.first)) - top.row) if top else None
            if current is None:
                continue
            for shift in range(-10, 11):
                if shift == 0:
                    continue
                trial = dict(forced)
                trial[cut] = current + shift
                placed: dict[int, Grid] = {}
                if not _place(tree, widths, items, firsts, area, placed, area.rows, memo, trial):
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
