"""The headline block of a slot: 引题, 主题, 副题 across the slot, rounded up to whole grid rows.

The block's height is a whole multiple of the body line pitch, so the body
below resumes on the page's baseline grid (clreq #using_type_area_for_composition_in_real_pages,
typesetting.md §1.7).  The 主题 starts at the size of the slot's role (头条
一号 …); when it needs more lines than the slot allows, it steps down the 号
table and the report says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from layout.display import GlyphRun
from layout.pages.displaytext import headline_lines, set_display, styled
from layout.pages.grid import PageGrid
from layout.pages.lines import line_runs
from layout.pages.sheet import Sheet
from layout.pages.stagger import DISPLAY_SIZE
from layout.text import Align, SetLine
from layout.units import HAO_SIZES

LINE_FACTOR = {"column": 1.6, "kicker": 1.35, "title": 1.2, "subtitle": 1.4, "jump_title": 1.3}
COLUMN_MARK = "■"  # the 栏目 label: “■ 邻里鳞爪”, flush left above the headline (its own row of the block)
GROUP_GAP = 0.25  # × title size, between 引题/主题/副题
SIZES_DOWN = sorted({v for v in HAO_SIZES.values() if 14 <= v <= 42}, reverse=True)


@dataclass(frozen=True)
class HeadBlock:
    """display: the story's own headline (not a 转版标题) in a role whose 主题 is display type — so
    it staggers against its neighbours even where a narrow column set it a size or two smaller."""

    runs: tuple[GlyphRun, ...]
    rows: int
    title_size: float
    notes: tuple[str, ...]
    display: bool = False


@dataclass(frozen=True)
class HeadSpec:
    """What to set: the three tiers (lines as in the source), the slot geometry and the limits.

    title_sizes: the 主题's size range (smallest, largest) from the paper's headline system, or one
    size twice when the editor fixed it; the largest that sets the 主题 in one line wins, else the
    largest that fits `max_title_lines`, else the 号 table is stepped down (and the report says so).
    deck: the 引题/副题 size as a share of the 主题's (newspaper.md §3.6: about two 号 below).
    """

    kicker: tuple[str, ...]
    title: tuple[str, ...]
    subtitle: tuple[str, ...]
    x: float
    width: float
    row: int
    title_sizes: tuple[float, float]
    max_title_lines: int
    title_style: str = "title"
    deck: tuple[float, float] = (0.5, 0.67)
    column: str = ""  # 【栏目】: the story's column label, set above the 引题 (a continuation repeats no label)


def title_steps(spec: HeadSpec) -> tuple[float, ...]:
    """The 主题 sizes of the spec's range, largest first (a step of Fit.title_step is one of them)."""
    low, high = spec.title_sizes
    return tuple(sorted({low, high} | {v for v in HAO_SIZES.values() if low <= v <= high}, reverse=True))


def _title_candidates(spec: HeadSpec) -> list[float]:
    """The range's sizes, largest first, then the 号 below it (SIZES_DOWN)."""
    low = spec.title_sizes[0]
    return list(title_steps(spec)) + [s for s in SIZES_DOWN if s < low]


def _fit_title(spec: HeadSpec, sheet: Sheet) -> tuple[list[SetLine], float, list[str]]:
    """The 主题 at the largest size of its range that sets it in one line, else in its line limit."""
    notes: list[str] = []
    sizes = _title_candidates(spec)
    low = spec.title_sizes[0]
    settings: list[tuple[float, list[SetLine]]] = []
    for size in sizes:
        style = sheet.text(spec.title_style, size)
        lines = list(headline_lines(tuple(spec.title), style, spec.width, sheet.align(spec.title_style)))
        if all(line.width <= spec.width + 0.01 for line in lines) and len(lines) <= spec.max_title_lines:
            settings.append((size, lines))
            if len(lines) == len(spec.title) or size < low:  # one line per source line: the best there is
                break
    in_range = [(size, lines) for size, lines in settings if size >= low]
    if in_range:
        fewest = min(len(lines) for _size, lines in in_range)
        return next((lines, size, notes) for size, lines in in_range if len(lines) == fewest)
    if settings:
        size, lines = settings[0]
        notes.append(f"主题放不下，字号由 {low:g} 磅缩为 {size:g} 磅 (headline size reduced)")
        return lines, size, notes
    style = sheet.text(spec.title_style, sizes[-1])
    lines = list(headline_lines(tuple(spec.title), style, spec.width, sheet.align(spec.title_style)))
    notes.append(f"主题在最小字号 {sizes[-1]:g} 磅仍超过 {spec.max_title_lines} 行 (headline too long)")
    return lines, sizes[-1], notes


def deck_size(title_size: float, deck: tuple[float, float], floor: float) -> float:
    """The 引题/副题 size: the 号 nearest to the middle of the deck range, inside it where a 号 is."""
    low, high = deck[0] * title_size, deck[1] * title_size
    target = (low + high) / 2
    inside = [v for v in HAO_SIZES.values() if low <= v <= high]
    size = min(inside or HAO_SIZES.values(), key=lambda v: (abs(v - target), -v))
    return max(size, floor)


def _deck(lines: tuple[str, ...], kind: str, title_size: float, measure: float, spec: HeadSpec,
          sheet: Sheet) -> tuple[list[SetLine], float]:
    """引题 or 副题: set at its deck size within the 主题's widest line (never wider than the 主题),
    stepping down a 号 while it takes more than two lines."""
    floor = sheet.spec("body").size + 1.5  # a deck must read above the body (小五 9 → at least 五号 10.5)
    size = deck_size(title_size, spec.deck, floor)
    steps = [size] + [v for v in sorted(set(HAO_SIZES.values()), reverse=True) if floor <= v < size]
    out: list[SetLine] = []
    for size in steps:  # each source line a forced line; a 楷 deck's digits in the `numerals` face
        out = [line for text in lines if text.strip()
               for line in set_display(styled(sheet, kind, text.strip(), size), measure, sheet.align(kind))]
        if len(out) <= max(2, len(lines)):
            break
    return out, size


def compose_headline(spec: HeadSpec, grid: PageGrid, sheet: Sheet) -> HeadBlock:
    """Set the tiers, stack them, centre the stack in whole grid rows starting at spec.row."""
    title_lines, title_size, notes = _fit_title(spec, sheet)
    # (tier, style, lines, size, measure): decks are set no wider than the 主题's widest line and
    # centred on the slot like it
    groups: list[tuple[str, str, list[SetLine], float, float]] = []
    if spec.title_style == "jump_title":  # a continuation repeats the 主题 only
        groups.append(("jump_title", "jump_title", title_lines, title_size, spec.width))
    else:
        measure = min(spec.width, max((line.width for line in title_lines), default=spec.width))
        if spec.column:
            groups.append(("column", *_column_label(spec, sheet), spec.width))
        if spec.kicker:
            groups.append(("kicker", "kicker", *_deck(spec.kicker, "kicker", title_size, measure, spec, sheet), measure))
        groups.append(("title", spec.title_style, title_lines, title_size, spec.width))
        if spec.subtitle:
            groups.append(("subtitle", "subtitle", *_deck(spec.subtitle, "subtitle", title_size, measure, spec, sheet), measure))
    heights = [size * LINE_FACTOR[tier] for tier, _style, lines, size, _m in groups for _ in lines]
    gap = GROUP_GAP * title_size
    total = sum(heights) + gap * (len(groups) - 1) + 0.6 * grid.pitch
    rows = max(1, math.ceil(total / grid.pitch))
    y = grid.row_top(spec.row) + (rows * grid.pitch - total) / 2 + 0.3 * grid.pitch
    runs: list[GlyphRun] = []
    for tier, style, lines, size, measure in groups:
        box = size * LINE_FACTOR[tier]
        color = sheet.color(style)
        x = spec.x + (0.0 if tier == "column" else _offset(sheet.align(style), spec.width - measure))
        for line in lines:
            ascent = line.runs[0][0].metrics.ascent if line.runs else 0.0
            baseline = y + (box - size) / 2 + ascent * size
            runs.extend(line_runs(line, x, baseline, color))
            y += box
        y += gap
    display = spec.title_style != "jump_title" and max(title_size, *spec.title_sizes) >= DISPLAY_SIZE
    return HeadBlock(tuple(runs), rows, title_size, tuple(notes), display)


def column_style(sheet: Sheet) -> str:
    """The style of the 栏目 label: the paper's `column_label`, else its 小标题 style."""
    return "column_label" if "column_label" in sheet.profile.styles else "subhead"


def _column_label(spec: HeadSpec, sheet: Sheet) -> tuple[str, list[SetLine], float]:
    """(style, lines, size) of the 栏目 label: “■ 邻里鳞爪” flush left across the slot."""
    name = column_style(sheet)
    size = sheet.spec(name).size
    lines = list(set_display(styled(sheet, name, f"{COLUMN_MARK} {spec.column}", size), spec.width, Align.LEFT))
    return name, lines, size


def _offset(align: Align, room: float) -> float:
    return room / 2 if align is Align.CENTER else room if align is Align.RIGHT else 0.0


def move_headline(block: HeadBlock, rows: int, pitch: float) -> HeadBlock:
    """The block moved down `rows` grid rows (below a photo that opens the story)."""
    if rows == 0:
        return block
    return replace(block, runs=tuple(replace(r, y=r.y + rows * pitch) for r in block.runs))


def pad_headline(block: HeadBlock, extra: int, pitch: float) -> HeadBlock:
    """The block with `extra` grid rows of white added, split evenly above and below the lines (撑满:
    space around the headline is the first place a story's slack goes, pages.md §1)."""
    if extra == 0:
        return block
    shift = extra * pitch / 2
    runs = tuple(replace(r, y=r.y + shift) for r in block.runs)
    return replace(block, runs=runs, rows=block.rows + extra)


def title_styles(slots, rule_of, alternate: tuple[str, ...]) -> dict[str, str]:
    """Slot id → the style of its 主题, so that neighbouring stories contrast (pages.md §2: a heavy Song
    beside the Hei).  Each slot takes its role's style; where that style is one of `alternate` and a
    touching neighbour already has it, the next style of `alternate` is taken instead.

    rule_of: slot → its HeadlineRule (or None).
    """
    out: dict[str, str] = {}
    placed = []
    for slot in sorted(slots, key=lambda s: (s.grid.row, s.grid.col)):
        rule = rule_of(slot)
        style = rule.style if rule else "title"
        if style in alternate:
            taken = {out[o.id] for o in placed if _touch(o.grid, slot.grid)}
            start = alternate.index(style)
            style = next((alternate[(start + k) % len(alternate)] for k in range(len(alternate))
                          if alternate[(start + k) % len(alternate)] not in taken), style)
        out[slot.id] = style
        placed.append(slot)
    return out


def _touch(a, b) -> bool:
    """Do two grid rectangles share an edge (side by side or one above the other)?"""
    rows = a.row <= b.last_row and b.row <= a.last_row
    cols = a.col <= b.last_col and b.col <= a.last_col
    return (rows and (a.last_col + 1 == b.col or b.last_col + 1 == a.col)) or \
        (cols and (a.last_row + 1 == b.row or b.last_row + 1 == a.row))
