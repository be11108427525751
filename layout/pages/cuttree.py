"""The vocabulary of 自动组版's search: stories as items with their measured options, and cut trees.

A cut tree splits a rectangle across (a horizontal cut: the first part above)
or down (a vertical cut: the first part to the left) until each part holds one
item; read top-left to bottom-right, its leaves are the stories in reading order.
Pure data and enumeration: no fonts, no prices (cutsize.py prices rows,
guillotine.py the page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Sequence

from layout.model.issue import Grid


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
    display: bool = False  # its headline reaches display size (a continuation's 转版标题 does not)


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


@dataclass(frozen=True)
class Leaf:
    index: int


@dataclass(frozen=True)
class Cut:
    across: bool  # True: a horizontal cut (top / bottom); False: vertical (left / right)
    first: "Tree"
    second: "Tree"


Tree = Leaf | Cut


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


def widths_of(tree: Tree, columns: int, items: Sequence[Item]) -> Iterator[dict[int, int]]:
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
        for a in widths_of(tree.first, columns, items):
            for b in widths_of(tree.second, columns, items):
                yield {**a, **b}
        return
    for left in range(1, columns):
        for a in widths_of(tree.first, left, items):
            for b in widths_of(tree.second, columns - left, items):
                yield {**a, **b}


def top_right(tree: Tree) -> int:
    if isinstance(tree, Leaf):
        return tree.index
    return top_right(tree.first) if tree.across else top_right(tree.second)


def top_left(tree: Tree) -> int:
    return tree.index if isinstance(tree, Leaf) else top_left(tree.first)


def leaves(tree: Tree) -> tuple[int, ...]:
    if isinstance(tree, Leaf):
        return (tree.index,)
    return leaves(tree.first) + leaves(tree.second)


def across_cuts(tree: Tree) -> list[Cut]:
    """The horizontal cuts of a tree, outermost first."""
    if isinstance(tree, Leaf):
        return []
    own = [tree] if tree.across else []
    return own + across_cuts(tree.first) + across_cuts(tree.second)


def columns_of(tree: Tree, widths: dict[int, int]) -> int:
    """Columns a subtree spans (the width of any of its top leaves chain)."""
    if isinstance(tree, Leaf):
        return widths[tree.index]
    if tree.across:
        return columns_of(tree.first, widths)
    return columns_of(tree.first, widths) + columns_of(tree.second, widths)
