"""Rows for the parts of a cut tree (自动组版): every story priced by the rows it is given, every cut's
split chosen by a dynamic programme.

A story's price is convex in its rows: steep below `lo` (lines over), flat
about its natural rows, rising above `hi` (lines short).  A horizontal cut adds
the two parts' rows plus one for the rule between them, so its price curve is
the min-plus convolution of the two — for convex curves, a merge of their
slopes in linear time; a vertical cut adds the two curves row for row.  Memoised
on (subtree, widths), shared by every tree and reading order of a page.
"""

from __future__ import annotations

from dataclasses import replace
from operator import add
from typing import Sequence

from layout.model.issue import Grid
from layout.pages.cuttree import Cut, Item, Leaf, Tree, columns_of, leaves, top_left, top_right

INF = float("inf")
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

    def __contains__(self, rows: int) -> bool:
        return 0 <= rows - self.start < len(self.values)

    def stacked(self, other: "Curve", cap: int) -> "Curve":
        """Rows → cheapest price of this part above `other` with one row for the rule between them."""
        a, b = self.values, other.values
        if not a or not b:
            return Curve(0, [])
        start = self.start + other.start + 1
        limit = cap - start + 1  # rows start..cap
        out = [a[0] + b[0]]
        i = j = 0
        while len(out) < limit and (i < len(a) - 1 or j < len(b) - 1):
            da = a[i + 1] - a[i] if i < len(a) - 1 else INF
            db = b[j + 1] - b[j] if j < len(b) - 1 else INF
            if da <= db:
                i += 1
            else:
                j += 1
            out.append(a[i] + b[j])
        return Curve(start, out[:max(0, limit)])

    def best_split(self, other: "Curve", total: int) -> int | None:
        """The rows r of this part that make self(r) + other(total − r) least (the fewest rows among
        equals); None when no split has both parts priced.  The split of a horizontal cut."""
        low = max(self.start, total - (other.start + len(other.values) - 1))
        high = min(self.start + len(self.values) - 1, total - other.start)
        if low > high:
            return None
        mine = self.values[low - self.start:high - self.start + 1]
        theirs = other.values[total - high - other.start:total - low - other.start + 1]  # other(total − r), r rising
        _price, r = min(zip(map(add, mine, reversed(theirs)), range(low, high + 1)))
        return r

    def beside(self, other: "Curve", shift_self: int, shift_other: int, cap: int) -> "Curve":
        """Rows r → self(r + shift_self) + other(r + shift_other), where both are priced."""
        low = max(self.start - shift_self, other.start - shift_other, 1)
        high = min(self.start + len(self.values) - 1 - shift_self, other.start + len(other.values) - 1 - shift_other, cap)
        if low > high:
            return Curve(0, [])
        return Curve(low, [self.values[r + shift_self - self.start] + other.values[r + shift_other - other.start]
                           for r in range(low, high + 1)])


def _leafcosts(item: Item, width: int, photo_first: bool, rows: int) -> Curve:
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


def costs(tree: Tree, widths: dict[int, int], items: Sequence[Item], firsts: frozenset[int], rows: int,
           memo: dict) -> Curve:
    """Rows → least price of the subtree in a box of that many rows (a horizontal cut gives the upper
    part's last row to the rule between the parts)."""
    key = (tree, tuple(sorted((k, widths[k], k in firsts) for k in leaves(tree))))
    if key in memo:
        return memo[key]
    if isinstance(tree, Leaf):
        out = _leaf(items, tree.index, widths[tree.index], tree.index in firsts, rows, memo)
    else:
        a = costs(tree.first, widths, items, firsts, rows, memo)
        b = costs(tree.second, widths, items, firsts, rows, memo)
        if tree.across:
            out = a.stacked(b, rows + SPAN_ROOM)
        else:
            gain_a, gain_b = _span_shift(tree, widths, items, firsts)
            out = a.beside(b, gain_a, gain_b, rows + SPAN_ROOM)
    memo[key] = out
    return out


def _span_shift(cut: Cut, widths: dict[int, int], items: Sequence[Item], firsts: frozenset[int]) -> tuple[int, int]:
    """Rows the two sides of a vertical cut effectively gain (or lose, negative) when the two stories that
    meet at its top would sit side by side and the compose step puts the dominant one's headline across
    both (通栏, stagger.py): the other loses that headline's rows, the dominant's headline, now wider, takes
    fewer rows than at its own width.  (0, 0) when a photo opening one of them will settle it instead."""
    left, right = top_right(cut.first), top_left(cut.second)
    pair = span_pair(items, widths, firsts, left, right)
    if pair is None:
        return 0, 0
    dom, lost, gained = pair
    return (gained, -lost) if dom == left else (-lost, gained)


def span_pair(items: Sequence[Item], widths: dict[int, int], firsts: frozenset[int], a: int, b: int
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
        memo[key] = _leafcosts(items[k], width, first, rows)
    return memo[key]


def place(tree: Tree, widths: dict[int, int], items: Sequence[Item], firsts: frozenset[int], box: Grid,
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
        left = columns_of(tree.first, widths)
        gain_a, gain_b = _span_shift(tree, widths, items, firsts)
        return (__place_shifted(tree.first, widths, items, firsts, replace(box, span=left), out, rows, memo, forced,
                               gain_a)
                and __place_shifted(tree.second, widths, items, firsts,
                                   replace(box, col=box.col + left, span=box.span - left), out, rows, memo, forced, gain_b))
    a = costs(tree.first, widths, items, firsts, rows, memo)
    b = costs(tree.second, widths, items, firsts, rows, memo)
    if forced and tree in forced:
        top = forced[tree]
        if top not in a or box.rows - top - 1 not in b:
            return False
    else:
        top = a.best_split(b, box.rows - 1)
        if top is None:
            return False
    upper = replace(box, rows=top + 1)  # its last row holds the rule
    lower = replace(box, row=box.row + top + 1, rows=box.rows - top - 1)
    return (place(tree.first, widths, items, firsts, upper, out, rows, memo, forced)
            and place(tree.second, widths, items, firsts, lower, out, rows, memo, forced))


def __place_shifted(tree: Tree, widths, items, firsts, box: Grid, out: dict[int, Grid], rows: int, memo: dict,
                   forced, shift: int) -> bool:
    """Place a side of a vertical cut that a 通栏 headline changes (see _span_shift): it is sized as if
    `shift` rows taller (or shorter, shift < 0), and the leaves along its top keep the box's top row —
    the compose step moves a story under a spanning headline down itself."""
    if shift == 0:
        return place(tree, widths, items, firsts, box, out, rows, memo, forced)
    virtual = replace(box, row=box.row - shift, rows=box.rows + shift)
    placed: dict[int, Grid] = {}
    if virtual.rows < 1 or not place(tree, widths, items, firsts, virtual, placed, rows, memo, forced):
        return False
    for k, g in placed.items():
        if g.row == virtual.row:  # along the top: from the box's own top row
            g = replace(g, row=box.row, rows=g.rows - shift)
        out[k] = g
    return all(g.rows >= 1 for g in out.values())


def size_price(items: Sequence[Item], boxes: dict[int, Grid], widths: dict[int, int], firsts: frozenset[int],
           area: Grid, spans: dict[int, int] | None = None, memo: dict | None = None) -> float:
    """The price of the rows every story got (a story above another gives one row to the rule; one under
    a neighbour's 通栏 headline gives that headline's rows)."""
    total = 0.0
    memo = {} if memo is None else memo
    for k, box in boxes.items():
        rows = box.rows - (1 if box.last_row < area.last_row else 0) + (spans or {}).get(k, 0)
        total += _leaf(items, k, widths[k], k in firsts, area.rows, memo).get(rows, INF)
    return total
