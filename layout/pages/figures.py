"""Photos in a slot: placed by the 【图】 parameters, caption and credit below, text flowing around.

A photo takes whole text columns (宽=N栏) and whole grid rows (高=M行, or its
own aspect ratio rounded to rows), at a corner of the slot's body area
(位置=右上 …).  The caption ("图说" + "张三 摄") is set on the baseline grid in
the figure's width, and one blank row separates the figure from the text on
its open side.  The columns under or over the figure keep flowing text: the
figure just removes rows from their frames.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from layout.display import GlyphRun, Picture
from layout.model.article import Figure
from layout.pages.grid import PageGrid
from layout.pages.lines import line_runs
from layout.pages.sheet import Sheet
from layout.text import Align, SetLine, Settings, Span, set_paragraph

ImageSize = Callable[[str], tuple[int, int]]
MIN_PICTURE_ROWS = 3


@dataclass(frozen=True)
class PlacedFigure:
    figure: Figure
    first_column: int  # index into the slot's text columns
    columns: int
    row: int  # first grid row taken (picture, caption and the separating row)
    rows: int
    picture: Picture
    picture_rows: int  # rows of the picture alone
    captions: tuple[GlyphRun, ...]
    ppi: float
    pixels: tuple[int, int]

    def covers(self, column: int) -> bool:
        return self.first_column <= column < self.first_column + self.columns


@dataclass(frozen=True)
class Area:
    """The body area of a slot: its text columns and grid rows (first, last inclusive)."""

    columns: tuple[tuple[float, float], ...]
    first_row: int
    last_row: int


def place_figures(figures: tuple[Figure, ...], area: Area, grid: PageGrid, sheet: Sheet,
                  image_size: ImageSize, resolve: Callable[[str], str], extra_rows: tuple[int, ...] = ()) -> list[PlacedFigure]:
    """Place every figure of an article; later figures stack below/above earlier ones at the same corner.

    extra_rows: rows added to (or taken from) each picture's height when the slot is fitted (撑满):
    the picture keeps its width and the crop follows.
    """
    placed: list[PlacedFigure] = []
    for k, figure in enumerate(figures):
        extra = extra_rows[k] if k < len(extra_rows) else 0
        placed.append(_place(figure, area, grid, sheet, image_size, resolve, placed, extra))
    return placed


def picture_rows(figure: Figure, width: float, pixels: tuple[int, int], caption_rows: int, grid: PageGrid) -> int:
    """Grid rows of the picture alone: 高=M行 less its caption rows and the separating row, or the
    photo's own aspect ratio at the figure's width, rounded to whole rows."""
    if figure.height_lines:
        return max(MIN_PICTURE_ROWS, figure.height_lines - caption_rows - 1)
    pitch, size = grid.pitch, grid.fmt.body_size
    natural = width * pixels[1] / pixels[0]
    return max(MIN_PICTURE_ROWS, round((natural + pitch - size) / pitch))


def crop_loss(pixels: tuple[int, int], width: float, rows: int, grid: PageGrid) -> float:
    """The fraction of the photo cut away (in the cropped dimension) when it fills `width` × `rows`."""
    h = rows * grid.pitch - (grid.pitch - grid.fmt.body_size)
    source, box = pixels[0] / pixels[1], width / h
    return 1 - min(source, box) / max(source, box)


def _columns_for(figure: Figure, n: int) -> tuple[int, int]:
    width = figure.width_cols or (2 if n >= 3 else 1)
    width = min(width, n)
    left = figure.position in ("左上", "左下", "上", "下")
    return (0 if left else n - width), width


def _caption_rows(figure: Figure, width: float, sheet: Sheet) -> list[list[tuple[SetLine, float]]]:
    """Rows of (line, x offset): the 图说 justified, the 摄影 credit (“陆天宇 摄”) flush right —
    on the caption's last line when it fits after a 1-em gap, else on a row of its own, so the
    name and 摄 are never parted."""
    rows: list[list[tuple[SetLine, float]]] = []
    if figure.caption:
        style = sheet.text("caption")
        settings = Settings(indent_em=0.0, align=Align.JUSTIFY)
        rows = [[(line, 0.0)] for line in set_paragraph((Span(figure.caption, style),), width, settings)]
    if figure.credit:
        solid = Settings(indent_em=0.0, align=Align.LEFT, min_last_chars=1, headline_space_em=1.0)
        credit = set_paragraph((Span(f"{figure.credit} 摄", sheet.text("photo")),), width, solid)[-1]
        gap = sheet.text("caption").size
        if rows and rows[-1][0][0].width + gap + credit.width <= width:
            rows[-1].append((credit, width - credit.width))
        else:
            rows.append([(credit, width - credit.width)])
    return rows


def figure_width(figure: Figure, area: Area) -> tuple[int, int, float, float]:
    """(first text column, columns, x, width) of a figure in the slot's body area."""
    first, count = _columns_for(figure, len(area.columns))
    x = area.columns[first][0]
    width = area.columns[first + count - 1][0] + area.columns[first + count - 1][1] - x
    return first, count, x, width


def _place(figure: Figure, area: Area, grid: PageGrid, sheet: Sheet, image_size: ImageSize,
           resolve: Callable[[str], str], earlier: list[PlacedFigure], extra: int = 0) -> PlacedFigure:
    first, count, x, width = figure_width(figure, area)
    path = resolve(figure.path)
    px_w, px_h = image_size(path)
    captions = _caption_rows(figure, width, sheet)
    pitch, size = grid.pitch, grid.fmt.body_size
    pic_rows = max(MIN_PICTURE_ROWS, picture_rows(figure, width, (px_w, px_h), len(captions), grid) + extra)
    rows = pic_rows + len(captions) + 1
    top = figure.position.endswith("上")
    row = _free_row(area, first, count, rows, top, earlier)
    picture_row = row if top else row + 1
    y = grid.row_top(picture_row) + (pitch - size) / 2
    h = pic_rows * pitch - (pitch - size)
    crop = _crop(px_w, px_h, width, h)
    runs = []
    for k, caption_row in enumerate(captions):
        baseline = grid.line_baseline(picture_row + pic_rows + k, caption_row[0][0])
        for line, offset in caption_row:
            runs.extend(line_runs(line, x + offset, baseline))
    used_w = px_w * (crop[2] - crop[0])
    ppi = used_w / (width / 72)
    return PlacedFigure(figure, first, count, row, rows, Picture(x, y, width, h, path, crop), pic_rows, tuple(runs), ppi,
                        (px_w, px_h))


def _free_row(area: Area, first: int, count: int, rows: int, top: bool, earlier: list[PlacedFigure]) -> int:
    """First row of the figure: at the top (or bottom) of the area, past figures already in those columns."""
    taken = [f for f in earlier if any(f.covers(c) for c in range(first, first + count))]
    if top:
        row = area.first_row
        for f in taken:
            if f.row <= row + rows and f.row + f.rows > row:
                row = max(row, f.row + f.rows)
        return row
    row = area.last_row - rows + 1
    for f in taken:
        if f.row <= row + rows and f.row + f.rows > row:
            row = min(row, f.row - rows)
    return row


def _crop(px_w: int, px_h: int, box_w: float, box_h: float) -> tuple[float, float, float, float]:
    """Central crop of the source to the box's aspect ratio (fractions of the source)."""
    source, box = px_w / px_h, box_w / box_h
    if math.isclose(source, box, rel_tol=1e-3):
        return (0.0, 0.0, 1.0, 1.0)
    if source > box:  # too wide: crop the sides
        keep = box / source
        return ((1 - keep) / 2, 0.0, (1 + keep) / 2, 1.0)
    keep = source / box
    return (0.0, (1 - keep) / 2, 1.0, (1 + keep) / 2)


def blocked_rows(placed: list[PlacedFigure], column: int) -> list[tuple[int, int]]:
    """(first, last) grid rows taken by figures in a text column."""
    return [(f.row, f.row + f.rows - 1) for f in placed if f.covers(column)]
