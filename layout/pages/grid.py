"""The page grid: type area, basic columns, gutters and the baseline grid, in points.

Editors think in 基本栏 × 行 (newspaper.md §3.2): a slot is a rectangle of basic
columns and body lines, and every body line of a page sits on one baseline grid
shared by all columns (clreq #using_type_area_for_composition_in_real_pages).
A 破栏 re-divides a slot's width into N columns of whole characters, the
remainder going to the gutters (newspaper.md §3.2: 破栏字数 formula).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.model.issue import Grid
from layout.model.profile import Format
from layout.text import SetLine


# The committed faces' typo ascender (880/1000).  Composition always uses the face's own ascent; this is
# for readers of a finished display list (stage records, link boxes) that carry no fonts.
DEFAULT_ASCENT = 0.88


@dataclass(frozen=True)
class PageGrid:
    """fmt: the paper's format; ascent: the body face's ideographic em-box top, in em (its typo ascender)."""

    fmt: Format
    ascent: float = DEFAULT_ASCENT

    @property
    def left(self) -> float:
        return self.fmt.margin_side

    @property
    def top(self) -> float:
        return self.fmt.margin_top

    @property
    def pitch(self) -> float:
        return self.fmt.line_pitch

    @property
    def bottom(self) -> float:
        return self.top + self.fmt.rows * self.pitch

    @property
    def right(self) -> float:
        return self.left + self.fmt.type_width

    def col_x(self, col: int) -> float:
        """Left edge of basic column `col` (1-based)."""
        return self.left + (col - 1) * (self.fmt.column_width + self.fmt.gutter)

    def span_width(self, span: int) -> float:
        return span * self.fmt.column_width + (span - 1) * self.fmt.gutter

    def row_top(self, row: int) -> float:
        """Top of body line `row` (1-based; row rows+1 is the bottom of the type area)."""
        return self.top + (row - 1) * self.pitch

    def baseline(self, row: int, size: float | None = None, ascent: float | None = None) -> float:
        """Baseline of a line of `size` (default: body size) whose em box is centred in the cell of row `row`.

        ascent: the em box's top above the baseline, in em, of the line's face (default: the body face's).
        """
        size = size or self.fmt.body_size
        return self.row_top(row) + (self.pitch - size) / 2 + (self.ascent if ascent is None else ascent) * size

    def line_baseline(self, row: int, line: SetLine) -> float:
        """Baseline of a composed line on grid row `row`, from its first run's size and face."""
        if not line.runs:
            return self.baseline(row)
        style = line.runs[0][0]
        return self.baseline(row, style.size, style.metrics.ascent)

    def rect(self, g: Grid) -> tuple[float, float, float, float]:
        return self.col_x(g.col), self.row_top(g.row), self.span_width(g.span), g.rows * self.pitch

    def text_columns(self, g: Grid, split: int | None) -> list[tuple[float, float]]:
        """(x, width) of the text columns of a slot: its basic columns, or a 破栏 into `split` columns."""
        if not split or split == g.span:
            return [(self.col_x(c), self.fmt.column_width) for c in range(g.col, g.last_col + 1)]
        size = self.fmt.body_size
        total = g.span * self.fmt.chars_per_column + (g.span - 1) * self.fmt.gutter_chars
        chars = (total - (split - 1) * self.fmt.gutter_chars) // split
        gutter = (total - split * chars) / (split - 1) if split > 1 else 0
        x0 = self.col_x(g.col)
        return [(x0 + k * (chars + gutter) * size, chars * size) for k in range(split)]
