"""Character budgets (pages.md §1, issue 11 #2): how much copy a slot holds, and what to add or cut.

Editors think in characters (字), the grid in lines; the bridge is how many
characters an average body line carries: a column's characters less what
paragraph ends, punctuation and Latin spacing take (FILL, measured on the
sample issues: 14.0 of 15 on full lines, paragraph last lines about half).
"""

from __future__ import annotations

import math

from layout.model.issue import Slot
from layout.pages.grid import PageGrid

FILL = 0.88  # characters per line ÷ characters per column, averaged over a story (full and last lines)


def round_chars(chars: float) -> int:
    """“约 70 字”: to the nearest ten (at least ten when there is anything at all)."""
    if chars <= 0:
        return 0
    return max(10, int(round(chars / 10.0)) * 10)


def per_line(column_width: float, body_size: float) -> float:
    """Characters an average body line of this measure carries."""
    return column_width / body_size * FILL


def head_rows_estimate(title_size: float, decks: int, pitch: float) -> int:
    """Rows a headline block takes before copy arrives: the 主题 on one line and `decks` 引题/副题
    at about 0.58 of its size (headblock's line heights and gaps)."""
    height = 1.2 * title_size + decks * 1.35 * 0.58 * title_size + 0.25 * title_size * decks + 0.6 * pitch
    return math.ceil(height / pitch)


def slot_budget(grid: PageGrid, slot: Slot, head_rows: int) -> int:
    """Characters an empty slot holds under a headline of `head_rows` rows (no photo)."""
    columns = grid.text_columns(slot.grid, slot.split)
    rows = max(0, slot.grid.rows - head_rows)
    return round_chars(rows * sum(per_line(w, grid.fmt.body_size) for _x, w in columns))
