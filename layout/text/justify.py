"""Set one chosen line: trim its edges, reduce or expand in the clreq order, place every glyph.

Reduction (clreq #procedures_for_inter-character_spacing_reduction), each step
applied uniformly and only as far as needed: R2 Latin word spaces, R3 interpuncts,
R4 outer blanks of brackets and quotes, R5 ，、；：, R6 Han↔Latin autospace
(¼ → ⅛ em), and R7 (。？！ inside the line) only when the line breaker found
nothing better — deviation from the house rule "R7 forbidden": refusing it
costs a gap of 0.15 em somewhere else in the paragraph.

Expansion (clreq #procedures_for_inter-character_space_expansion): E1 Latin
word spaces up to ½ em, E2 autospace up to ⅓ em, then E3: the rest spread
equally over the gaps between CJK units — never after an opening mark, before a
closing or pause mark, or inside ——, ……, numbers and Latin words.

Trimmed blanks move the glyph, not the ink: a mark whose left blank is removed is
drawn that much further left (fonts.md §5.3, "render with an absolute x").
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.cjk import C
from layout.text.items import Items
from layout.text.style import Align, Settings, TextStyle

_TIERS = (  # reduction order: (classes whose blanks shrink, which side) — R2 is the glue of spaces
    ((C.MIDDOT,), "lr"),  # R3
    ((C.OPEN,), "l"),  # R4 before an opening mark
    ((C.CLOSE,), "r"),  # R4 after a closing mark
    ((C.PAUSE,), "r"),  # R5
)


@dataclass(frozen=True, slots=True)
class SetLine:
    """One composed line.

    text: the characters drawn (a space at the break is dropped); xs: each glyph's
    origin from the line's left edge, in points; runs: (style, start, end) over
    `text`; start/end: the source range in the paragraph; width: from the left edge
    to the visible end of the last glyph; measure: the width it was set to;
    gap_em: extra space given to each Han gap (0 when not expanded).
    """

    text: str
    xs: tuple[float, ...]
    runs: tuple[tuple[TextStyle, int, int], ...]
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
        _reduce(it, start, b, adj, natural - room, settings)
    elif settings.align is Align.JUSTIFY and not last:
        gap_em = _expand(it, start, b, adj, room - natural)
    width = _width(it, start, b, adj)
    offset = indent + _align_offset(settings.align, room, width)
    xs = _positions(it, start, b, adj, offset)
    return SetLine(
        text=it.text[start:b + 1], xs=xs, runs=_runs(it, start, b), start=start, end=end,
        width=offset + width, measure=measure, last=last, gap_em=gap_em,
    )


def _trim_edges(it: Items, s: int, b: int, adj: _Adjust, settings: Settings) -> None:
    if it.cls[s] == C.OPEN and settings.trim_line_start_open:
        adj.left[0] = it.lb[s]  # line-start opening mark: ink flush left (clreq, house rule on)
    adj.left[0] += it.lead[s]  # a static cut held back inside the line (items._keep_order)
    adj.right[b - s] += it.rb[b]  # line-end closing/pause mark: ½ em (GB/T 15834 §5.1.10)


def _width(it: Items, s: int, b: int, adj: _Adjust) -> float:
    """Visible width of the line: glyphs less their trimmed blanks, plus the glue between them."""
    adv, lcut, rcut, auto = it.adv, it.lcut, it.rcut, it.auto
    left, right, glue = adj.left, adj.right, adj.glue
    total = 0.0
    for k in range(b - s + 1):
        i = s + k
        total += adv[i] - lcut[i] - rcut[i] - left[k] - right[k]
        if i < b:  # no glue (autospace, E3) after the last glyph of a line
            total += auto[i] + glue[k]
    return total


def _reduce(it: Items, s: int, b: int, adj: _Adjust, need: float, settings: Settings) -> None:
    """Remove `need` points, tier by tier, each tier uniformly (line-end tail, R2 … R7)."""
    tail = min(need, it.tail[b])
    adj.right[b - s] += tail
    need -= tail
    spaces = [k for k in range(b - s) if it.cls[s + k] == C.SPACE]
    need = _shrink_glue(it, s, spaces, adj, need)
    for classes, sides in _TIERS:
        if need <= 1e-9:
            return
        ks = [k for k in range(b - s + 1) if it.cls[s + k] in classes]
        room = [_room(it, s + k, k, adj, sides, b - s) for k in ks]
        total = sum(room)
        if total <= 0:
            continue
        ratio = min(1.0, need / total)
        for k, r in zip(ks, room):
            _take(k, adj, sides, r * ratio)
        need -= total * ratio
    autos = [k for k in range(b - s) if it.auto[s + k] > 0]
    need = _shrink_glue(it, s, autos, adj, need)
    gaps = [k for k in range(b - s) if it.mg[s + k]]
    if need > 1e-9 and gaps:  # invisible tightening of Han gaps (Settings.micro_shrink_em)
        each = min(need / len(gaps), settings.micro_shrink_em * it.styles[0].size)
        for k in gaps:
            adj.glue[k] -= each
        need -= each * len(gaps)
    stops = [k for k in range(b - s) if it.shrink_stop[s + k] > 0]  # R7, the last resort
    total = sum(it.shrink_stop[s + k] for k in stops)
    if need > 1e-9 and total > 0:
        ratio = min(1.0, need / total)
        for k in stops:
            adj.right[k] += it.shrink_stop[s + k] * ratio


def _room(it: Items, i: int, k: int, adj: _Adjust, sides: str, last_k: int) -> float:
    room = 0.0
    if "l" in sides and not (k == 0 and adj.left[0] > 0):
        room += it.shrink_l[i]
    if "r" in sides and k != last_k:
        room += it.shrink_r[i]
    return room


def _take(k: int, adj: _Adjust, sides: str, amount: float) -> None:
    if sides == "lr":
        adj.left[k] += amount / 2
        adj.right[k] += amount / 2
    elif sides == "l":
        adj.left[k] += amount
    else:
        adj.right[k] += amount


def _shrink_glue(it: Items, s: int, ks: list[int], adj: _Adjust, need: float) -> float:
    total = sum(it.shrink_g[s + k] for k in ks)
    if need <= 1e-9 or total <= 0:
        return need
    ratio = min(1.0, need / total)
    for k in ks:
        adj.glue[k] -= it.shrink_g[s + k] * ratio
    return need - total * ratio


def _expand(it: Items, s: int, b: int, adj: _Adjust, extra: float) -> float:
    """Add `extra` points: E1 word spaces, E2 autospace, then E3 Han gaps; returns the E3 gap in em."""
    glue = [k for k in range(b - s) if it.stretch_g[s + k] > 0]
    stretch = sum(it.stretch_g[s + k] for k in glue)
    if stretch > 0:
        ratio = min(1.0, extra / stretch)
        for k in glue:
            adj.glue[k] += it.stretch_g[s + k] * ratio
        extra -= stretch * ratio
    gaps = [k for k in range(b - s) if it.e3[s + k]]
    if extra <= 1e-9 or not gaps:
        return 0.0
    each = extra / len(gaps)
    for k in gaps:
        adj.glue[k] += each
    return each / it.styles[0].size


def _align_offset(align: Align, room: float, width: float) -> float:
    if align is Align.CENTER:
        return (room - width) / 2
    if align is Align.RIGHT:
        return room - width
    return 0.0


def _positions(it: Items, s: int, b: int, adj: _Adjust, x: float) -> tuple[float, ...]:
    adv, lcut, rcut, auto = it.adv, it.lcut, it.rcut, it.auto
    lefts, right, glue = adj.left, adj.right, adj.glue
    xs = []
    for k in range(b - s + 1):
        i = s + k
        left = lcut[i] + lefts[k]
        xs.append(x - left)
        x += adv[i] - left - rcut[i] - right[k] + auto[i] + glue[k]
    return tuple(xs)


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
