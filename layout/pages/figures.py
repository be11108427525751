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
from functools import cached_property, lru_cache
from dataclasses import dataclass
from typing import Callable

from layout.display import GlyphRun, Picture
from layout.model.article import Figure
from layout.pages.displaytext import styled
from layout.pages.grid import PageGrid
from layout.pages.lines import line_runs
from layout.pages.sheet import Sheet
from layout.phrases import phrases
from layout.text import Align, SetLine, Settings, Span, set_paragraph
from layout.text.items import collect
from layout.text.justify import set_line
from layout.text.linebreak import break_lines

ImageSize = Callable[[str], tuple[int, int]]
MIN_PICTURE_ROWS = 3
CAPTION_LAST = 3  # a caption's last line holds at least three characters (pages.md §3: never 测|量 alone)
CAPTION_NARROW_EM = 3.0  # breaks may be looked for up to this much inside the caption's width …
CAPTION_SPREAD_EM = 0.2  # … while no line, justified to the full width, spreads its gaps wider than this


@dataclass(frozen=True)
class PlacedFigure:
    figure: Figure
    first_column: int  # index into the slot's text columns
    columns: int
    row: int  # first grid row taken (picture, caption and the separating row)
    rows: int
    picture: Picture
    picture_rows: int  # rows of the picture alone
    caption_rows: tuple[tuple[tuple[SetLine, float], ...], ...]  # (line, x offset) per caption row
    caption_at: tuple[float, tuple[float, ...]]  # x of the figure's left edge, each caption row's baseline
    ppi: float
    pixels: tuple[int, int]

    def covers(self, column: int) -> bool:
        return self.first_column <= column < self.first_column + self.columns

    @cached_property
    def captions(self) -> tuple[GlyphRun, ...]:
        """The caption's glyph runs, made when the slot is drawn: the fitting search places a photo
        hundreds of times and only needs its rows."""
        x, baselines = self.caption_at
        return tuple(run for row, baseline in zip(self.caption_rows, baselines)
                     for line, offset in row for run in line_runs(line, x + offset, baseline))


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


_CAPTIONS: dict[tuple, tuple[Sheet, tuple]] = {}  # (caption, credit, width, id(sheet)) → (sheet, rows)


def _caption_rows(figure: Figure, width: float, sheet: Sheet) -> tuple[tuple[tuple[SetLine, float], ...], ...]:
    """_set_caption_rows, kept per sheet: the fitting search places each photo hundreds of times at a
    handful of widths (the sheet is compared by identity: it holds the fonts)."""
    key = (figure.caption, figure.credit, width, id(sheet))
    hit = _CAPTIONS.get(key)
    if hit is None or hit[0] is not sheet:
        if len(_CAPTIONS) > 4096:
            _CAPTIONS.clear()
        hit = _CAPTIONS[key] = (sheet, tuple(tuple(row) for row in _set_caption_rows(figure, width, sheet)))
    return hit[1]


def _set_caption_rows(figure: Figure, width: float, sheet: Sheet) -> list[list[tuple[SetLine, float]]]:
    """Rows of (line, x offset): the 图说 justified, the 摄影 credit (“陆天宇 摄”) flush right —
    on the caption's last line when it fits after a 1-em gap, else on a row of its own, so the
    name and 摄 are never parted."""
    rows: list[list[tuple[SetLine, float]]] = []
    if figure.caption:
        rows = [[(line, 0.0)] for line in caption_lines(styled(sheet, "caption", figure.caption), width)]
    if figure.credit:
        solid = Settings(indent_em=0.0, align=Align.LEFT, min_last_chars=1, headline_space_em=1.0)
        credit = set_paragraph((Span(f"{figure.credit} 摄", sheet.text("photo")),), width, solid)[-1]
        gap = sheet.text("caption").size
        if rows and rows[-1][0][0].width + gap + credit.width <= width:
            rows[-1].append((credit, width - credit.width))
        else:
            rows.append([(credit, width - credit.width)])
    return rows


@lru_cache(maxsize=1024)
def caption_lines(spans: tuple[Span, ...], width: float) -> tuple[SetLine, ...]:
    """A caption justified in `width` whose last line holds at least three characters and whose lines
    break between words (BudouX phrases or after a mark), never 测|量: the text engine's total-fit
    breaks, looked for in a measure narrowed a quarter em at a time, each setting justified to the
    full width; the first that keeps both rules without spreading a line past CAPTION_SPREAD_EM wins.
    When none does (a long word in a one-column caption), the caption is set flush left with its lines
    broken at phrases and balanced, like a headline; failing that too, the justified setting that
    breaks the fewest rules."""
    spans = tuple(s for s in spans if s.text)
    if not spans:
        return ()
    settings = Settings(indent_em=0.0, align=Align.JUSTIFY, min_last_chars=CAPTION_LAST)
    text = "".join(s.text for s in spans)
    words = _word_ends(text)
    items = collect(spans, settings)
    size = spans[0].style.size
    best: tuple[tuple, tuple[SetLine, ...]] | None = None
    for step in range(int(CAPTION_NARROW_EM * 4) + 1):
        ranges = break_lines(items, width - step * size / 4, settings)
        lines = tuple(set_line(items, a, b, width, first=k == 0, last=k == len(ranges) - 1, settings=settings)
                      for k, (a, b) in enumerate(ranges))
        spread = max((line.gap_em for line in lines[:-1]), default=0.0)
        if step and spread > CAPTION_SPREAD_EM:
            continue
        split = sum(1 for _a, b in ranges[:-1] if b not in words)
        short = len(ranges) > 1 and _content(text[ranges[-1][0]:]) < CAPTION_LAST
        rank = (short, split, spread > CAPTION_SPREAD_EM, step)
        if best is None or rank < best[0]:
            best = (rank, lines)
        if not short and not split:
            return lines
    return best[1]


def _word_ends(text: str) -> frozenset[int]:
    """Offsets a line may end at without splitting a word: phrase ends, and after a mark or space."""
    ends, pos = set(), 0
    for chunk in phrases(text):
        pos += len(chunk)
        ends.add(pos)
    ends.update(i + 1 for i, ch in enumerate(text) if not ch.isalnum())
    return frozenset(ends)


def _content(text: str) -> int:
    """Characters that count for a last line: letters, ideographs and digits, not marks."""
    return sum(1 for ch in text if ch.isalnum())


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
    # Never taller than the body area (its separating row may fall off the foot): a tall portrait in a
    # short slot is cropped to it — the crop report says how much — instead of running over the
    # story below (seen on unseen text: a 2-column portrait across the next story's headline).
    room = area.last_row - area.first_row + 1 - len(captions)
    pic_rows = max(MIN_PICTURE_ROWS, min(pic_rows, room))
    rows = pic_rows + len(captions) + 1
    top = figure.position.endswith("上")
    row = _free_row(area, first, count, rows, top, earlier)
    picture_row = row if top else row + 1
    y = grid.row_top(picture_row) + (pitch - size) / 2
    h = pic_rows * pitch - (pitch - size)
    crop = crop_box(px_w, px_h, width, h, figure.focus)
    baselines = tuple(grid.line_baseline(picture_row + pic_rows + k, caption_row[0][0])
                      for k, caption_row in enumerate(captions))
    used_w = px_w * (crop[2] - crop[0])
    ppi = used_w / (width / 72)
    return PlacedFigure(figure, first, count, row, rows, Picture(x, y, width, h, path, crop), pic_rows, captions,
                        (x, baselines), ppi, (px_w, px_h))


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


def crop_box(px_w: int, px_h: int, box_w: float, box_h: float,
             focus: tuple[float, float] = (0.5, 0.5)) -> tuple[float, float, float, float]:
    """The part of the source kept when it fills a box of another aspect ratio (fractions of the source).

    focus: the point to keep (【图】…｜裁=上 keeps the top: (0.5, 0.0)), as fractions from the
    top-left corner; the window is centred on it as far as the photo's edges allow, so 裁=上 keeps
    a portrait's head, 裁=下 its foot, and the default (0.5, 0.5) is the central crop.
    """
    source, box = px_w / px_h, box_w / box_h
    if math.isclose(source, box, rel_tol=1e-3):
        return (0.0, 0.0, 1.0, 1.0)
    if source > box:  # too wide: crop the sides
        keep = box / source
        left = _window(focus[0], keep)
        return (left, 0.0, left + keep, 1.0)
    keep = source / box
    top = _window(focus[1], keep)
    return (0.0, top, 1.0, top + keep)


def _window(point: float, keep: float) -> float:
    """Start of a window `keep` long (of 0..1) centred on `point`, kept inside 0..1."""
    return min(max(point - keep / 2, 0.0), 1.0 - keep)


def blocked_rows(placed: list[PlacedFigure], column: int) -> list[tuple[int, int]]:
    """(first, last) grid rows taken by figures in a text column."""
    return [(f.row, f.row + f.rows - 1) for f in placed if f.covers(column)]
