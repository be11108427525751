"""Paragraph → per-character items: widths, trimmable blanks, glue and break opportunities.

One entry per character, kept as parallel lists (fast in CPython, and the line
breaker sums them with prefix arrays).  What each character may lose or gain
follows typesetting.md §1.2–§1.4 and pages.md §4:

- a mark's blanks, its full-em cell where the face draws it proportional, its
  line-end tail and the compression of adjacent marks come from punctuation.py
  (标点挤压, clreq #h-punctuation_adjustment_space), measured from the font's ink;
- a mark keeps its full em inside a line; what it may give up is recorded in two
  halves — down to ¾ em, every mark of the line alike, and under ¾ em — which
  the line breaker prices between spreads of the Han gaps (lineprice, justify:
  the jlreq 3.8 order, spread first); a quote gives its second half only as R7;
- 字格 (Settings.char_grid): European digits sit in ½-em cells, two to a
  character (centred, condensed where the face's digit is wider), as do the
  separators and signs of a number, so a number is a whole number of half-ems;
  a Latin word gets, with its Han↔Latin spacing, a pad that makes it one too, and
  the characters after either stay on the grid
  (clreq #handling_of_grid_alignment_in_chinese_and_western_mixed_text_composition);
- expansion opportunities (E3) are the gaps between CJK units, never after an
  opening mark, before a closing or pause mark, or inside inseparables; each
  carries a weight, so that a run of digits or letters between two ideographs
  takes its share of a spread line (as many gaps as it is ems wide) and the grid
  keeps its pitch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from layout.text.cjk import CJK_CLASSES, WESTERN_CLASSES, C, can_break, classify, number_unit_penalty
from layout.text.punctuation import _BLANK_RIGHT, _MARKS, _PUNCT, _cell, _compress_punctuation, _full_width_marks, _mark
from layout.text.style import Settings, Span, TextStyle

BREAK_NO, BREAK_YES, BREAK_PENALTY = 0, 1, 2
# Only inside a unit wider than the measure (linebreak._breakable): an allowed
# point of a URL, digit run or run of marks, and any other point of such a unit.
BREAK_EMERGENCY, BREAK_ANYWHERE = 3, 4

_HANLIKE = frozenset({C.HAN, C.ITER})
# E3: may extra space go between a character of class a and one of class b?
_E3_LEFT = frozenset({C.HAN, C.ITER, C.CLOSE, C.PAUSE, C.STOP, C.LONG})
_E3_RIGHT = frozenset({C.HAN, C.ITER, C.OPEN, C.LONG})
_MICRO_LEFT = frozenset({C.HAN, C.ITER, C.LONG})
_QUOTES = frozenset("“”‘’")
_NUMBER = frozenset({C.DIGIT, C.LATIN_PUNCT, C.LATIN, C.SOLIDUS, C.PRE, C.POST})  # what _number_cell may place
DIGIT_CELL = 0.5  # em: two European digits to a character (字格)
_SEPARATORS = frozenset(".,:-/")  # between two digits: 3.5  1,200  10:30  2026-12  1/2


@dataclass(frozen=True)
class Items:
    """The measured characters of one paragraph (all lengths in points).

    adv: advance (the cell: ½ em for a digit on the character grid, 1 em for a mark
    set full width); dx, scale: where the glyph is drawn in its cell and its
    horizontal scale (a digit wider than ½ em is condensed into its cell);
    lcut/rcut: blank already removed on the left/right (adjacent-mark compression,
    开明/半角 styles); lb/rb: blank still removable; auto: fixed glue after the
    character (Han↔Latin spacing, grid pads); shrink_l/shrink_r: the blank a mark
    may give up inside a line (R3–R5: squeezing, a last resort unless
    Settings.squeeze_first) — half its blank for quotes and interpuncts (never under
    ¾ em), all of it for ，、；： and brackets; deep: the part of that under ¾ em (the
    second half of the blank); shrink_g/stretch_g: soft shrink and stretch of the glue
    after (R2/E1 word spaces, R6/E2 Han↔Latin spacing off the grid); shrink_stop:
    the right blank of 。？！ inside a line and the second half of a quote's blank
    (R7, the last resort); tail: what a closing or pause mark
    may give beyond its ½ em when it ends a line (see punctuation._tail); e3: weight of the gap
    after as an expansion opportunity (0: none; 1: a Han gap; plus half a run's
    width in em on either side of a run of digits or letters, see _grid); mg: 1 if
    that gap may also tighten by the invisible micro-shrink (between characters only);
    brk: break after (BREAK_*); lead: left blank given back inside a line and removed
    only at a line start (see _keep_order); style: index into `styles`.
    """

    text: str
    cls: list[C]
    styles: tuple[TextStyle, ...]
    style: list[int]
    adv: list[float]
    dx: list[float]
    scale: list[float]
    lcut: list[float]
    rcut: list[float]
    lb: list[float]
    rb: list[float]
    auto: list[float]
    shrink_l: list[float]
    shrink_r: list[float]
    deep: list[float]
    shrink_g: list[float]
    stretch_g: list[float]
    shrink_stop: list[float]
    tail: list[float]
    e3: list[float]
    mg: list[int]
    brk: list[int]
    lead: list[float]

    def __len__(self) -> int:
        return len(self.text)


# Memos of what a style's font gives each character (the font's metrics are fixed): an
# advance table per style, in points, and where a character of a number sits in its 字格 cell
# (the marks' memos are in punctuation.py).  A galley sets hundreds of paragraphs in one style;
# each character is measured once.
_ADVANCES: dict[TextStyle, dict[str, float]] = {}
_CELLS: dict[TextStyle, dict[tuple[str, float], tuple[float, float]]] = {}


def _advance_table(style: TextStyle, text: str) -> dict[str, float]:
    """Advances in points of (at least) every character of `text`."""
    table = _ADVANCES.get(style)
    if table is None:
        table = _ADVANCES[style] = {}
    for ch in set(text).difference(table):
        table[ch] = style.em(style.metrics.advance(ch))
    return table


def _in_cell(ch: str, style: TextStyle, cell: float) -> tuple[float, float]:
    """(offset in points, horizontal scale) of a glyph centred in a cell `cell` em wide.

    The faces have no half-width digits (Noto Serif's are 0.47–0.56 em), so each
    is centred in its cell and condensed to the cell where it is wider.
    """
    table = _CELLS.get(style)
    if table is None:
        table = _CELLS[style] = {}
    placed = table.get((ch, cell))
    if placed is None:
        natural = style.metrics.advance(ch)
        scale = min(1.0, cell / natural) if natural > 0 else 1.0
        placed = table[(ch, cell)] = (style.em((cell - natural * scale) / 2), scale)
    return placed


def _number_cell(text: str, cls: list[C], i: int, style: TextStyle) -> float:
    """The cell, in em, of a character of a number on the character grid (0: not part of one).

    Digits take half-width cells, two to a character (字格); so do the separators
    between two digits (3.5, 1,200, 10:30, 2026-12, 1/2) and a prefix before one
    (¥50, +3), as in the half-width sets of Chinese newspaper faces; a postfix
    after one (25%, 30℃) takes the half-ems its width rounds up to.  A number is
    then a whole number of half-ems and needs no pad to keep the grid.
    """
    c = cls[i]
    if c == C.DIGIT:
        return DIGIT_CELL
    n = len(text)
    before = i > 0 and cls[i - 1] == C.DIGIT
    after = i + 1 < n and cls[i + 1] == C.DIGIT
    if before and after and text[i] in _SEPARATORS:
        return DIGIT_CELL
    if c == C.PRE and after:
        return DIGIT_CELL
    if c == C.POST and before:
        return math.ceil(style.metrics.advance(text[i]) / DIGIT_CELL - 0.02) * DIGIT_CELL
    return 0.0


def _spread(spans: tuple[Span, ...]) -> tuple[str, list[TextStyle], list[int]]:
    styles: list[TextStyle] = []
    index: list[int] = []
    for span in spans:
        if span.style not in styles:
            styles.append(span.style)
        index.extend([styles.index(span.style)] * len(span.text))
    return "".join(s.text for s in spans), styles, index


def collect(spans: tuple[Span, ...], settings: Settings) -> Items:
    """Measure a paragraph: the first stage of the composer."""
    text, style_list, style = _spread(spans)
    n = len(text)
    cls = classify(text)
    marks = [i for i, c in enumerate(cls) if c in _PUNCT]  # the few characters with blanks
    cells = _full_width_marks(text, cls, style_list, style, marks) if settings.fullwidth_marks and marks else set()
    styles = tuple(style_list)
    if len(styles) == 1:  # the common case: one advance table for the paragraph
        table = _advance_table(styles[0], text)
        adv = [table[ch] for ch in text]
    else:
        tables = [_advance_table(st, text) for st in styles]
        adv = [tables[k][ch] for k, ch in zip(style, text)]
    dx, scale = [0.0] * n, [1.0] * n
    for i in cells:
        st = styles[style[i]]
        dx[i] = st.em(_cell(text[i], cls[i], st))
        adv[i] = st.em(1.0)
    if settings.char_grid and C.DIGIT in cls:
        for i in [i for i, c in enumerate(cls) if c in _NUMBER]:
            st = styles[style[i]]
            cell = _number_cell(text, cls, i, st)
            if cell:
                dx[i], scale[i] = _in_cell(text[i], st, cell)
                adv[i] = st.em(cell)
    lb, rb, tail = [0.0] * n, [0.0] * n, [0.0] * n
    memos = [_MARKS.setdefault(st, {}) for st in styles]  # hash each style once, not once per mark
    for i in marks:
        memo = memos[style[i]]
        key = (text[i], cls[i], i in cells)
        mark = memo.get(key)
        if mark is None:
            mark = memo[key] = _mark(text[i], cls[i], styles[style[i]], i in cells)
        lb[i], rb[i], tail[i] = mark
    if settings.headline_space_em is not None:
        for i, c in enumerate(cls):
            if c == C.SPACE:
                adv[i] = styles[style[i]].em(settings.headline_space_em)
    lcut, rcut = [0.0] * n, [0.0] * n
    _compress_punctuation(cls, marks, lb, rb, lcut, rcut, settings.punctuation)
    for i in marks:
        if rb[i] <= 0:
            tail[i] = 0.0  # its right blank is already gone (compressed): nothing beyond it to give
    items = Items(
        text, cls, styles, style, adv, dx, scale, lcut, rcut, lb, rb,
        auto=[0.0] * n, shrink_l=[0.0] * n, shrink_r=[0.0] * n, deep=[0.0] * n, shrink_g=[0.0] * n,
        stretch_g=[0.0] * n, shrink_stop=[0.0] * n, tail=tail, e3=[0.0] * n, mg=[0] * n, brk=[BREAK_NO] * n,
        lead=[0.0] * n,
    )
    _glue(items, marks, settings)
    if settings.char_grid:
        _grid(items)
    _keep_order(items, marks)
    return items


def _pair_tables() -> tuple[list[int], list[float], list[int], list[bool]]:
    """What lies between a character of class a and one of class b, for every pair (index a·N + b).

    brk: the break code (_CONTEXT where it depends on more than the pair: spaces,
    and ASCII punctuation that may sit inside a number); e3, mg: expansion weight
    and micro-shrink of the gap; auto: Han↔Latin spacing goes there.  The rules
    are cjk.can_break and number_unit_penalty, evaluated once per pair.
    """
    size = len(C)
    brk, e3, mg, auto = [BREAK_NO] * size * size, [0.0] * size * size, [0] * size * size, [False] * size * size
    for a in C:
        for b in C:
            k = a * size + b
            if a == C.SPACE or b == C.SPACE or (a == C.LATIN_PUNCT and b in (C.DIGIT, C.LATIN)):
                brk[k] = _CONTEXT
            elif can_break("xx", [a, b], 0):
                brk[k] = BREAK_PENALTY if number_unit_penalty("xx", [a, b], 0) else BREAK_YES
            if (a in _HANLIKE and b in WESTERN_CLASSES) or (a in WESTERN_CLASSES and b in _HANLIKE):
                auto[k] = True
            elif a in _E3_LEFT and b in _E3_RIGHT and not (a == C.LONG and b == C.LONG):
                e3[k] = 1.0
                # the invisible micro-shrink only between characters, never after a mark (a mark
                # squeezed to ¾ em must not end up a hair under it) nor before an opening one
                mg[k] = 1 if a in _MICRO_LEFT and b != C.OPEN else 0
    return brk, e3, mg, auto


_CONTEXT = -1
_PAIR_BRK, _PAIR_E3, _PAIR_MG, _PAIR_AUTO = _pair_tables()


def _glue(it: Items, marks: list[int], settings: Settings) -> None:
    """Autospace, shrink/stretch, expansion opportunities and break opportunities.

    Between two characters, from the table of class pairs (one lookup per gap, the
    galley's hottest loop after the line breaker); what the marks and spaces may
    give, from their own blanks and widths.
    """
    text, cls, n = it.text, it.cls, len(it.text)
    size = len(C)
    codes = [a * size + b for a, b in zip(cls, cls[1:])]
    brk = [_PAIR_BRK[k] for k in codes]
    brk.append(BREAK_YES)
    if _CONTEXT in brk:
        for i in [i for i, v in enumerate(brk) if v == _CONTEXT]:
            brk[i] = (BREAK_PENALTY if number_unit_penalty(text, cls, i) else BREAK_YES) \
                if can_break(text, cls, i) else BREAK_NO
    if settings.strict_long_marks and C.LONG in cls:
        for i in range(n - 1):
            if cls[i + 1] == C.LONG and (i == 0 or cls[i] != C.LONG):
                brk[i] = BREAK_NO
    brk[n - 1] = BREAK_YES
    it.brk[:] = brk
    it.e3[:n - 1] = [_PAIR_E3[k] for k in codes]
    it.mg[:n - 1] = [_PAIR_MG[k] for k in codes]
    sizes = [st.size for st in it.styles]
    auto = it.auto
    for i in [i for i, k in enumerate(codes) if _PAIR_AUTO[k]]:
        size_i = sizes[it.style[i]]
        auto[i] = settings.autospace_em * size_i
        if not settings.char_grid:  # on the character grid the spacing is fixed (clreq: a fixed ¼ em skips R6/E2)
            it.shrink_g[i] = auto[i] / 2  # R6: ¼ em → ⅛ em
            it.stretch_g[i] = size_i / 12  # E2: ¼ em → ⅓ em
    # R3–R5: a mark gives the first half of its blank (down to ¾ em: jlreq's ½ → ¼ em) alike with
    # the other marks of its line, the second half (`deep`) only after all have given the first; a
    # quote gives its second half only with 。？！ (R7), as the last resort before a loose line —
    # under ¾ em it reads as a Western quote (pages.md §4); an interpunct never (a ½-em 间隔号 is
    # a speck)
    lb, rb = it.lb, it.rb
    shrink_l, shrink_r, deep, shrink_stop = it.shrink_l, it.shrink_r, it.deep, it.shrink_stop
    for i in marks:
        c = cls[i]
        if c == C.OPEN:
            if text[i] in _QUOTES:
                shrink_l[i] = shrink_stop[i] = lb[i] / 2
            else:
                shrink_l[i], deep[i] = lb[i], lb[i] / 2
        elif c == C.CLOSE or c == C.PAUSE:
            if text[i] in _QUOTES:
                shrink_r[i] = shrink_stop[i] = rb[i] / 2
            else:
                shrink_r[i], deep[i] = rb[i], rb[i] / 2
        elif c == C.MIDDOT:
            shrink_l[i], shrink_r[i] = lb[i] / 2, rb[i] / 2
        else:  # C.STOP
            shrink_stop[i] = rb[i]  # R7: priced as a last resort by the line breaker
    if C.SPACE in cls:
        for i in [i for i, c in enumerate(cls) if c == C.SPACE]:
            it.shrink_g[i] = it.adv[i] * 0.2  # R2: word spaces shrink a little
            it.stretch_g[i] = max(0.0, 0.5 * sizes[it.style[i]] - it.adv[i])  # E1: up to ½ em


def _grid(it: Items) -> None:
    """字格: pad each run of non-CJK characters to whole half-ems and give it its share of expansion.

    A run (digits, Latin letters and the symbols among them: 2026, 3.5, 1,200, 25%,
    WiFi, 10～12) is measured with the Han↔Latin spacing on either side; the
    difference to the next half-em is added as fixed glue, half on each side
    (clreq #handling_of_grid_alignment_in_chinese_and_western_mixed_text_composition:
    a flexible space restores the grid).  A number in its half-width cells
    (_number_cell) needs none; a Latin word does.  Never between a run and the mark
    that closes it: after one such mark (APP，用), where the mark's own blank hides
    it and a line end drops it; before the run where a pair of marks follows
    (APP）、), so the pair stays 1.5 em; before opening marks (（APP）).  Where only
    marks follow the run to the paragraph's end, nothing after it needs the grid.
    When a justified line spreads by g per Han gap, the glue around a run between
    two ideographs takes its width in em times g, as that many ideographs would
    (half before the run, half after it), and the characters after it stay on the
    line's grid; a run followed by a mark takes none (see below).
    """
    cls, n, auto, e3 = it.cls, len(it.text), it.auto, it.e3
    western = [i for i, c in enumerate(cls) if c not in CJK_CLASSES]  # most characters are not: one pass
    runs = []
    for i in western:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    for a, z in runs:  # the run is a..z
        if z + 1 >= n or all(cls[k] == C.SPACE for k in range(a, z + 1)):
            continue  # it ends the paragraph, or is only spaces
        if all(cls[k] in _BLANK_RIGHT for k in range(z + 1, n)):
            continue  # only marks follow it to the paragraph's end: nothing after it to keep on the grid
        em = it.styles[it.style[a]].size
        half = em * DIGIT_CELL
        width = sum(it.adv[k] - it.lcut[k] - it.rcut[k] for k in range(a, z + 1))
        width += sum(auto[k] for k in range(a - 1 if a > 0 else a, z + 1))
        pad = math.ceil(width / half - 0.02) * half - width
        spaces = [k for k in range(a, z + 1) if cls[k] == C.SPACE]
        if len(spaces) <= 3:  # a name or a model (Michael Brown, iPhone 15 Pro) is one unit on the grid:
            for k in spaces:  # its word spaces neither stretch nor shrink; a Latin sentence justifies as Latin
                it.shrink_g[k] = it.stretch_g[k] = 0.0
        left = a - 1
        while left >= 0 and cls[left] == C.OPEN:
            left -= 1  # before the opening marks that precede it
        right = z
        while right + 1 < n and cls[right + 1] in _BLANK_RIGHT:
            right += 1  # the closing and pause marks after it: 25%，  2026）。
        # the pad: half on each side between ideographs, or before the run and after the one closing
        # or pause mark after it (APP，); all before it where a pair of marks follows (APP）、)
        if left >= 0 and right <= z + 1:  # half before it, half after it (or after the one mark after it)
            auto[left] += pad / 2
            auto[right] += pad / 2
        elif left >= 0:
            auto[left] += pad
        else:
            auto[right] += pad
        # the expansion weight: the run's width in em, half before it and half after it; none where a
        # mark follows it: after a mark the line's grid has already lost the gap the mark may not take
        # before it (no space before ，), and a number's share piled up there would read as a hole
        units = (width + pad) / em
        if right == z:
            if left >= 0:
                e3[left] += units / 2
                e3[z] += units / 2
            else:
                e3[z] += units
        if a > 0 and cls[a - 1] in _E3_LEFT:
            e3[a - 1] += 1.0  # the ideograph before the run keeps its own gap


def _keep_order(it: Items, marks: list[int]) -> None:
    """Never let a mark's removed left blank carry it left of the glyph before it.

    An opening mark (or interpunct) after a glyph narrower than its blank — a
    Latin letter, a ½-em ·, a space: 《红楼梦》·《西游记》, I“ — would otherwise
    be drawn with its origin before that glyph's, and a PDF reader sorting a
    line by x would read them swapped.  Inside a line the blank is then removed
    only as far as the glyph before leaves room (its narrowest width); the rest
    is removed at a line start only (`lead`), where no glyph precedes.
    """
    for i in marks:
        if i == 0 or it.cls[i] not in (C.OPEN, C.MIDDOT) or it.lcut[i] + it.shrink_l[i] <= 0:
            continue
        j = i - 1
        # from j's origin (dx into its cell) to i's cell, at its narrowest, plus where i sits in its cell
        room = (it.adv[j] - it.dx[j] - it.rcut[j] - it.shrink_r[j] - it.shrink_stop[j] + it.auto[j]
                - it.shrink_g[j] + it.dx[i])
        excess = it.lcut[i] + it.shrink_l[i] - max(0.0, room)
        if excess <= 1e-9:
            continue
        take = min(excess, it.shrink_l[i])
        it.shrink_l[i] -= take
        excess -= take
        if excess > 1e-9:
            it.lcut[i] -= excess
            it.lead[i] += excess
