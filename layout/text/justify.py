"""Set one chosen line: trim its edges, reduce or expand in the jlreq 3.8 order, place every glyph.

Reduction, each step applied uniformly and only as far as needed (clreq
#procedures_for_inter-character_spacing_reduction, jlreq 3.8): the line-end
mark's tail, the invisible micro-tightening of Han gaps, R2 Latin word spaces,
R6 Han↔Latin spacing (off the character grid only); then the mid-line marks —
R3 interpuncts, R4 the outer blanks of brackets and quotes, R5 ，、；： — every one
of the line alike, first down to ¾ em each (jlreq: a ½-em blank reduced to ¼ em)
and only then further (the line breaker chose such a line only where spreading
would pass its spacing limit); R7 (。？！ inside the line, quotes under ¾ em)
last.  A line nothing can fit
(a glyph wider than the measure, a Latin word a little too long) is condensed
horizontally to the measure rather than drawn into the next column.

Expansion (clreq #procedures_for_inter-character_space_expansion): E1 Latin
word spaces up to ½ em, E2 autospace up to ⅓ em (off the character grid), then
E3: the rest spread over the gaps between CJK units by their weight — never
after an opening mark, before a closing or pause mark, or inside ——, ……,
numbers and Latin words; the gaps around a number between two ideographs take
its width's share, so the characters after it stay on the line's grid.

Trimmed blanks move the glyph, not the ink: a mark whose left blank is removed is
drawn that much further left (fonts.md §5.3, "render with an absolute x"); a digit
is drawn centred in its ½-em cell, condensed where wider (Items.dx, Items.scale).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from layout.text.cjk import C
from layout.text.items import Items
from layout.text.style import Align, Settings, TextStyle

_SQUEEZABLE = frozenset({C.OPEN, C.CLOSE, C.PAUSE, C.MIDDOT})  # R3–R5 (R4 both sides of brackets)


@dataclass(frozen=True, slots=True)
class SetLine:
    """One composed line.

    text: the characters drawn (a space at the break is dropped); xs: each glyph's
    origin from the line's left edge, in points; runs: (style, start, end) over
    `text`; scales: each glyph's horizontal scale, None when all are 1.0 (digits
    condensed into their ½-em cells, lines condensed to the measure); start/end: the
    source range in the paragraph; width: from the left edge to the visible end of
    the last glyph; measure: the width it was set to; gap_em: extra space given to
    each Han gap (0 when not expanded).
    """

    text: str
    xs: tuple[float, ...]
    runs: tuple[tuple[TextStyle, int, int], ...]
    scales: tuple[float, ...] | None
    start: int
    end: int
    width: float
    measure: float
    last: bool
    gap_em: float


@dataclass
class _Adjust:
    """Per-character changes while setting one line (mutable scratch, local to set_line)."""

    left: list[float]  # blank removed on the left beyond the static cut
    right: list[float]  # blank removed on the right beyond the static cut
    glue: list[float]  # change of the glue after the character (autospace, spaces, E3)


def set_line(it: Items, start: int, end: int, measure: float, *, first: bool, last: bool,
             settings: Settings) -> SetLine:
    """Place the glyphs of characters start..end-1 in a line of width `measure`."""
    b = end - 1
    while b > start and it.cls[b] == C.SPACE:
        b -= 1  # a space at the break is not drawn
    count = b - start + 1
    adj = _Adjust([0.0] * count, [0.0] * count, [0.0] * count)
    _trim_edges(it, start, b, adj, settings)
    natural = _width(it, start, b, adj)
    indent = settings.indent_em * it.styles[0].size if first else 0.0
    room = measure - indent
    gap_em = 0.0
    if natural > room + 1e-6:
        width = room + _reduce(it, start, b, adj, natural - room, settings)  # what nothing could take
    elif settings.align is Align.JUSTIFY and not last:
        gap_em, added = _expand(it, start, b, adj, room - natural)
        width = natural + added
    else:
        width = natural
    condense = room / width if settings.condense and width > room + 1e-6 and width > 0 else 1.0
    offset = indent + _align_offset(settings.align, room, width * condense)
    xs = _positions(it, start, b, adj, offset, condense)
    return SetLine(
        text=it.text[start:b + 1], xs=xs, runs=_runs(it, start, b), scales=_scales(it, start, b, condense),
        start=start, end=end,
        width=offset + width * condense, measure=measure, last=last, gap_em=gap_em,
    )


def _trim_edges(it: Items, s: int, b: int, adj: _Adjust, settings: Settings) -> None:
    if it.cls[s] == C.OPEN and settings.trim_line_start_open:
        adj.left[0] = it.lb[s]  # line-start opening mark: ink flush left (clreq, house rule on)
    adj.left[0] += it.lead[s]  # a static cut held back inside the line (items._keep_order)
    adj.right[b - s] += it.rb[b]  # line-end closing/pause mark: ½ em (GB/T 15834 §5.1.10)


def _width(it: Items, s: int, b: int, adj: _Adjust) -> float:
    """Visible width of the line: glyphs less their trimmed blanks, plus the glue between them.

    No glue (autospace, E3) after the last glyph of a line; the adjustments only
    ever add glue between glyphs.  Sums over slices: this runs twice per line.
    """
    return (sum(it.adv[s:b + 1]) - sum(it.lcut[s:b + 1]) - sum(it.rcut[s:b + 1]) + sum(it.auto[s:b])
            - sum(adj.left) - sum(adj.right) + sum(adj.glue[:b - s]))


def _reduce(it: Items, s: int, b: int, adj: _Adjust, need: float, settings: Settings) -> float:
    """Remove `need` points: the soft resources first, then the marks alike, then R7 (see module doc);
    returns what could not be removed (the line is then condensed, or too wide).

    lineprice.pricer charges for these resources in the same order.
    """
    tail = min(need, it.tail[b])
    adj.right[b - s] += tail
    need -= tail
    mg = it.mg[s:b]
    count = sum(mg)
    if need > 1e-9 and count:  # invisible tightening of Han gaps (Settings.micro_shrink_em)
        each = min(need / count, settings.micro_shrink_em * it.styles[0].size)
        adj.glue[:b - s] = [g - each * m for g, m in zip(adj.glue, mg)]
        need -= each * count
    shrink = it.shrink_g[s:b]  # R2 word spaces, R6 autospace
    total = sum(shrink)
    if need > 1e-9 and total > 0:
        ratio = min(1.0, need / total)
        adj.glue[:b - s] = [g - v * ratio for g, v in zip(adj.glue, shrink)]
        need -= total * ratio
    if need > 1e-9:
        need = _squeeze(it, s, b, adj, need)
    # R7, the last resort: 。？！ inside the line, and quotes under ¾ em (not a line-start quote,
    # whose blank the edge already took)
    stops = [k for k in range(b - s) if it.shrink_stop[s + k] > 0 and not (k == 0 and adj.left[0] > 0)]
    total = sum(it.shrink_stop[s + k] for k in stops)
    if need > 1e-9 and total > 0:
        ratio = min(1.0, need / total)
        for k in stops:
            if it.cls[s + k] == C.OPEN:
                adj.left[k] += it.shrink_stop[s + k] * ratio
            else:
                adj.right[k] += it.shrink_stop[s + k] * ratio
        need -= total * ratio
    return max(0.0, need)


def _squeeze(it: Items, s: int, b: int, adj: _Adjust, need: float) -> float:
    """R3–R5: every squeezable mark of the line gives the same share of its blank; returns what is left.

    Alike, not in turn (jlreq 3.8): a reader sees one comma at 4.5 pt under
    another at 9 pt as a mistake, four commas at 7.9 pt as an even line.  First
    each mark keeps at least half its blank (a ½-em blank down to ¼ em: ¾-em
    marks); only when that is not enough do the marks go further (，、；： and
    brackets), alike again.  Quotes and interpuncts never go under ¾ em
    (Items.shrink_l/shrink_r hold only that half for them).
    """
    last = b - s
    caps = []
    for k in range(last + 1):
        i = s + k
        if it.cls[i] not in _SQUEEZABLE:
            continue
        left = it.shrink_l[i] if not (k == 0 and adj.left[0] > 0) else 0.0
        right = it.shrink_r[i] if k != last else 0.0
        deep = it.deep[i] if k != last else 0.0
        if left + right > 0:
            caps.append((k, left, right, deep))
    light = sum(left + right - deep for _k, left, right, deep in caps)
    if light > 0 and need > 1e-9:  # every mark alike, none under ¾ em
        take = min(need, light)
        ratio = take / light
        for k, left, right, deep in caps:
            amount = (left + right - deep) * ratio
            adj.left[k] += amount * left / (left + right)
            adj.right[k] += amount * right / (left + right)
        need -= take
    deep_total = sum(deep for *_rest, deep in caps)
    if deep_total > 0 and need > 1e-9:  # then the pause marks further, alike
        take = min(need, deep_total)
        ratio = take / deep_total
        for k, left, right, deep in caps:
            amount = deep * ratio
            adj.left[k] += amount * left / (left + right)  # an opening bracket's blank is on its left
            adj.right[k] += amount * right / (left + right)
        need -= take
    return need


def _expand(it: Items, s: int, b: int, adj: _Adjust, extra: float) -> tuple[float, float]:
    """Add `extra` points: E1 word spaces, E2 autospace, then E3 by weight; returns the E3 gap in em
    and the points added (less than `extra` where the line has nothing to spread over)."""
    n = b - s
    added = 0.0
    stretch = it.stretch_g[s:b]
    total = sum(stretch)
    if total > 0:
        ratio = min(1.0, extra / total)
        adj.glue[:n] = [g + v * ratio for g, v in zip(adj.glue, stretch)]
        extra -= total * ratio
        added = total * ratio
    e3 = it.e3[s:b]
    weight = sum(e3)
    if extra <= 1e-9 or weight <= 0:
        return 0.0, added
    each = extra / weight
    adj.glue[:n] = [g + each * w for g, w in zip(adj.glue, e3)]
    return each / it.styles[0].size, added + extra


def _align_offset(align: Align, room: float, width: float) -> float:
    if align is Align.CENTER:
        return (room - width) / 2
    if align is Align.RIGHT:
        return room - width
    return 0.0


def _positions(it: Items, s: int, b: int, adj: _Adjust, x: float, condense: float) -> tuple[float, ...]:
    """Each glyph's origin: its cell's start less the blank trimmed on its left, plus where it sits in the cell."""
    e = b + 1
    lefts = [c + a for c, a in zip(it.lcut[s:e], adj.left)]
    steps = [a - l - r - rr + au + g for a, l, r, rr, au, g in
             zip(it.adv[s:e], lefts, it.rcut[s:e], adj.right, it.auto[s:e], adj.glue)]
    pens = accumulate(steps, initial=0.0)
    if condense == 1.0:
        return tuple([x + pen - left + d for pen, left, d in zip(pens, lefts, it.dx[s:e])])
    return tuple([x + (pen - left + d) * condense for pen, left, d in zip(pens, lefts, it.dx[s:e])])


def _runs(it: Items, s: int, b: int) -> tuple[tuple[TextStyle, int, int], ...]:
    if len(it.styles) == 1:
        return ((it.styles[0], 0, b - s + 1),)
    runs = []
    k0 = 0
    for k in range(1, b - s + 2):
        if k == b - s + 1 or it.style[s + k] != it.style[s + k0]:
            runs.append((it.styles[it.style[s + k0]], k0, k))
            k0 = k
    return tuple(runs)


def _scales(it: Items, s: int, b: int, condense: float) -> tuple[float, ...] | None:
    scale = it.scale[s:b + 1]
    if condense == 1.0:
        return None if min(scale) == 1.0 else tuple(scale)  # scales are ≤ 1: all 1
    return tuple([v * condense for v in scale])
