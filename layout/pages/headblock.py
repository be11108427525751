"""The headline block of a slot: 引题, 主题, 副题 across the slot, rounded up to whole grid rows.

The block's height is a whole multiple of the body line pitch, so the body
below resumes on the page's baseline grid (clreq #using_type_area_for_composition_in_real_pages,
typesetting.md §1.7).  The 主题 starts at the size of the slot's role (头条
一号 …); when it needs more lines than the slot allows, it steps down the 号
table and the report says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from layout.display import GlyphRun
from layout.pages.grid import PageGrid
from layout.pages.lines import line_runs
from layout.pages.sheet import Sheet
from layout.phrases import phrases
from layout.text import SetLine
from layout.text.headline import set_headline
from layout.units import HAO_SIZES

LINE_FACTOR = {"kicker": 1.35, "title": 1.2, "subtitle": 1.4, "jump_title": 1.3}
GROUP_GAP = 0.25  # × title size, between 引题/主题/副题
SIZES_DOWN = sorted({v for v in HAO_SIZES.values() if 14 <= v <= 42}, reverse=True)


@dataclass(frozen=True)
class HeadBlock:
    runs: tuple[GlyphRun, ...]
    rows: int
    title_size: float
    notes: tuple[str, ...]


@dataclass(frozen=True)
class HeadSpec:
    """What to set: the three tiers (lines as in the source), the slot geometry and the limits."""

    kicker: tuple[str, ...]
    title: tuple[str, ...]
    subtitle: tuple[str, ...]
    x: float
    width: float
    row: int
    title_size: float
    max_title_lines: int
    title_style: str = "title"


def _fit_title(spec: HeadSpec, sheet: Sheet) -> tuple[list[SetLine], float, list[str]]:
    """Set the 主题 at its size, stepping down the 号 table until it fits the line limit."""
    notes: list[str] = []
    sizes = [spec.title_size] + [s for s in SIZES_DOWN if s < spec.title_size]
    lines: list[SetLine] = []
    for size in sizes:
        style = sheet.text(spec.title_style, size)
        lines = list(set_headline(spec.title, style, spec.width, phrases, sheet.align(spec.title_style)))
        fits = all(line.width <= spec.width + 0.01 for line in lines)
        if fits and len(lines) <= spec.max_title_lines:
            if size != spec.title_size:
                notes.append(f"主题放不下，字号由 {spec.title_size:g} 磅缩为 {size:g} 磅 (headline size reduced)")
            return lines, size, notes
    notes.append(f"主题在最小字号 {sizes[-1]:g} 磅仍超过 {spec.max_title_lines} 行 (headline too long)")
    return lines, sizes[-1], notes


def compose_headline(spec: HeadSpec, grid: PageGrid, sheet: Sheet) -> HeadBlock:
    """Set the tiers, stack them, centre the stack in whole grid rows starting at spec.row."""
    groups: list[tuple[str, list[SetLine], float]] = []
    if spec.kicker:
        style = sheet.text("kicker")
        groups.append(("kicker", list(set_headline(spec.kicker, style, spec.width, phrases, sheet.align("kicker"))), style.size))
    title_lines, title_size, notes = _fit_title(spec, sheet)
    groups.append((spec.title_style, title_lines, title_size))
    if spec.subtitle:
        style = sheet.text("subtitle")
        groups.append(("subtitle", list(set_headline(spec.subtitle, style, spec.width, phrases, sheet.align("subtitle"))), style.size))
    heights = [size * LINE_FACTOR.get(kind, 1.3) for kind, lines, size in groups for _ in lines]
    gap = GROUP_GAP * title_size
    total = sum(heights) + gap * (len(groups) - 1) + 0.6 * grid.pitch
    rows = max(1, math.ceil(total / grid.pitch))
    y = grid.row_top(spec.row) + (rows * grid.pitch - total) / 2 + 0.3 * grid.pitch
    runs: list[GlyphRun] = []
    for kind, lines, size in groups:
        box = size * LINE_FACTOR.get(kind, 1.3)
        color = sheet.color("title" if kind == "jump_title" else kind)
        for line in lines:
            ascent = line.runs[0][0].metrics.ascent if line.runs else 0.0
            baseline = y + (box - size) / 2 + ascent * size
            runs.extend(line_runs(line, spec.x, baseline, color))
            y += box
        y += gap
    return HeadBlock(tuple(runs), rows, title_size, tuple(notes))
