"""No 撞题: headlines of neighbouring stories never sit side by side (pages.md §2).

Two headline blocks collide when their rows overlap while their columns do not:
the reader's eye runs from one into the other.  Before a page is composed, every
colliding pair is staggered the way a 美编 does it, the subordinate story first:

1. **photo first** (图压题): the subordinate story, if it has a photo, opens with
   it across its whole slot, and its headline moves below the photo;
2. photo first for the dominant story, unless it leads the page (头条, 通栏, 专题
   keep their headline on top);
3. **通栏** (a spanning headline): when the two slots start on the same row and
   stand side by side, the dominant story's headline runs across both, and the
   other story starts below it;
4. otherwise the pair is left as it is and the build warns, naming both slots.

Dominance: the role (头条 over 倒头条 over 普通 …), then the larger slot, then the
one further left.  The pass is pure: it returns the page with moved slots and a
`SlotForm` per slot, and measures headlines through the callback it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Mapping

from layout.model.issue import Grid, Page, Slot

DISPLAY_SIZE = 15.0  # pt: type from 小三 up reads as a headline; smaller heads (转版标题 四号) are subordinate
ROLE_RANK = {"头条": 0, "通栏": 0, "专题": 0, "倒头条": 1, "副头条": 2, "报眼": 3, "普通": 4, "补白": 5}
MIN_BODY_ROWS = 8  # a slot moved down under a spanning headline keeps at least this many rows


@dataclass(frozen=True)
class SlotForm:
    """How a slot's headline sits: below its first photo, or across more columns than the slot has."""

    photo_first: bool = False
    head_span: tuple[int, int] | None = None  # (first basic column, span) of a 通栏 headline


PLAIN = SlotForm()

# slot, form → (first row, last row) of its headline block
HeadBand = Callable[[Slot, SlotForm], tuple[int, int] | None]


def collide(a: Grid, band_a: tuple[int, int], b: Grid, band_b: tuple[int, int]) -> bool:
    """Headline rows overlap and the columns are disjoint."""
    rows = band_a[0] <= band_b[1] and band_b[0] <= band_a[1]
    apart = a.last_col < b.col or b.last_col < a.col
    return rows and apart


def dominance(slot: Slot) -> tuple:
    return dominance_key(ROLE_RANK.get(slot.role, 4), slot.grid)


def dominance_key(rank: int, grid: Grid) -> tuple:
    """The order of dominance: the role's rank, then the larger box, then the one further left (then up)."""
    return (rank, -grid.span * grid.rows, grid.col, grid.row)


def side_by_side(a: Grid, b: Grid) -> bool:
    """Do the two boxes touch across a column rule (one's last column right before the other's first)?"""
    return a.last_col + 1 == b.col or b.last_col + 1 == a.col


def stagger(page: Page, band: HeadBand, has_photo: Callable[[Slot], bool]) -> tuple[Page, dict[str, SlotForm]]:
    """The page with its slots staggered and the form of each slot (see the module docstring)."""
    forms: dict[str, SlotForm] = {}
    slots = {s.id: s for s in page.slots}
    left: set[tuple[str, str]] = set()  # pairs the pass cannot stagger
    for _round in range(len(page.slots) ** 2):
        pair = _first_collision(page.slots, slots, forms, band, left)
        if pair is None:
            break
        dom, sub = sorted(pair, key=dominance)
        if has_photo(sub) and not forms.get(sub.id, PLAIN).photo_first:
            forms[sub.id] = replace(forms.get(sub.id, PLAIN), photo_first=True)
        elif has_photo(dom) and ROLE_RANK.get(dom.role, 4) > 0 and not forms.get(dom.id, PLAIN).photo_first \
                and not forms.get(dom.id, PLAIN).head_span:
            forms[dom.id] = replace(forms.get(dom.id, PLAIN), photo_first=True)  # a lead story keeps its headline on top
        elif _can_span(dom, sub, forms):
            span = _span(dom.grid, sub.grid, forms.get(dom.id, PLAIN).head_span)
            form = replace(forms.get(dom.id, PLAIN), head_span=span)
            rows = band(dom, form)
            height = rows[1] - rows[0] + 1 if rows else 0
            if not rows or sub.grid.rows - height < MIN_BODY_ROWS:
                left.add((pair[0].id, pair[1].id))
                continue
            forms[dom.id] = form
            slots[sub.id] = replace(sub, grid=replace(sub.grid, row=sub.grid.row + height, rows=sub.grid.rows - height))
        else:
            left.add((pair[0].id, pair[1].id))  # nothing the pass can do: the build warns about it
            continue
        page = replace(page, slots=tuple(slots[s.id] for s in page.slots))
    return page, forms


def _first_collision(order, slots: Mapping[str, Slot], forms: Mapping[str, SlotForm], band: HeadBand, left: set):
    current = [slots[s.id] for s in order]
    bands = {s.id: band(s, forms.get(s.id, PLAIN)) for s in current}
    for i, a in enumerate(current):
        for b in current[i + 1:]:
            if (a.id, b.id) in left:
                continue
            ba, bb = bands[a.id], bands[b.id]
            if ba is not None and bb is not None and collide(_head_grid(a, forms), ba, _head_grid(b, forms), bb):
                return a, b
    return None


def _head_grid(slot: Slot, forms: Mapping[str, SlotForm]) -> Grid:
    span = forms.get(slot.id, PLAIN).head_span
    return replace(slot.grid, col=span[0], span=span[1]) if span else slot.grid


def _can_span(dom: Slot, sub: Slot, forms: Mapping[str, SlotForm]) -> bool:
    """A 通栏 headline over `sub`: both start on the same row, side by side, and sub is not itself spanning."""
    a, b = _head_grid(dom, forms), sub.grid
    return dom.grid.row == b.row and side_by_side(a, b) and not forms.get(sub.id, PLAIN).head_span \
        and not forms.get(dom.id, PLAIN).photo_first


def _span(a: Grid, b: Grid, current: tuple[int, int] | None) -> tuple[int, int]:
    first = min(a.col, b.col, current[0] if current else a.col)
    last = max(a.last_col, b.last_col, (current[0] + current[1] - 1) if current else a.last_col)
    return first, last - first + 1
