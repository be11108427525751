"""The price of a candidate line (typesetting.md §1.3, §1.5, pages.md §4): tariff, prefix tables, one formula.

Kept apart from the search (linebreak.py): every pass of the breaker prices a
line with the one formula here, and the headline setter (headline.py) measures
its lines with the same tables, so what a line costs is said in one place.

Every candidate line is measured with its edges trimmed (a line-end closing or
pause mark takes ½ em, GB/T 15834 §5.1.10; a line-start opening mark loses its
left blank), then priced by one formula (`pricer`), in the jlreq 3.8 order for a
全角 setting, where a mark inside a line keeps its full em:

1. spreading the gaps between CJK units up to the house target (0.06 em);
2. then, about as dear as a spread a little past the target, the marks of the
   line giving up to half their blank, every one alike (jlreq: ½ → ¼ em; no mark
   under ¾ em);
3. spreading on to the spacing limit (Settings.squeeze_gap_em, 0.1 em);
4. only past that limit, marks under ¾ em (，、；： and brackets, alike again);
5. spreading on to the hard limit (Settings.max_gap_em, 0.15 em) where the line
   has no mark to squeeze; then 。？！ inside the line and quotes under ¾ em (R7);
6. a line spread past the hard limit, or a number parted from its counter
   (2020|年, typesetting.md §1.1.3), only when nothing else fits;
7. a last line with fewer than two characters (孤字, clreq
   #adjustments_of_orphans_and_widows) costs almost as much as an overfull line.

Settings.squeeze_first prices squeezing like spreading's cheapest step instead
(the "compress first" order, "先挤进，后推出" of clreq
#procedures_for_inter-character_spacing_reduction).

A line from s to b is measured as the difference of two prefix tables
(`Prefix`, built once per paragraph by `prefix_sums`), so pricing one costs a
few subtractions whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import Callable

from layout.text.cjk import C
from layout.text.items import BREAK_ANYWHERE, BREAK_EMERGENCY, BREAK_PENALTY, Items
from layout.text.style import Settings

INF = float("inf")
EPS = 1e-6
LINE_COST = 10.0  # every line costs a little: among equals, fewer lines win
RUNT_COST = 1e7  # 孤字: only when nothing else is possible (dearer than any loose line)
LOOSE_COST = 1e5  # Han gaps beyond the hard limit: only when nothing else fits …
LOOSE_SCALE_MAX = 90.0  # … priced by the square of the excess, up to 90 × LOOSE_COST < RUNT_COST
# 2020 | 年: taken only when every other break spreads a line past the hard limit (issue 12)
NUMBER_BREAK_COST = LOOSE_COST
EMERGENCY_COST = 3e7  # inside a unit wider than the measure, at an allowed point (URL /, digits, —— pairs)
ANYWHERE_COST = 6e7  # … at any other point: both dearer than a 孤字, cheaper than running out of the column
OVERFULL_COST = 1e8  # a line nothing can fit (condensed by set_line), per em it sticks out
SOFT_COST_PER_EM = 40.0  # line-end tail, invisible micro-tightening, word spaces
SQUEEZE_COST_PER_EM = 400.0
LIGHT_SQUEEZE_COST_PER_EM = 100.0
# Squeezing marks, between spreads: a light squeeze beats a spread past the house target (0.06 em),
# a deep one only a spread past the spacing limit (Settings.squeeze_gap_em).
LIGHT_SQUEEZE_COST = 110.0  # every mark of the line alike, none under ¾ em (jlreq 3.8: ½ → ¼ em blank)
DEEP_SQUEEZE_COST = 1000.0  # marks under ¾ em: dearer than any spread within the spacing limit …
WIDE_COST = 3000.0  # … and cheaper than spreading past it
STOP_SHRINK_COST = 5e4  # R7: 。？！ inside the line, the last resort before a loose line
SQUEEZE_FIRST_PER_EM = 12.0  # Settings.squeeze_first: squeezing as cheap as the invisible shrink …
SQUEEZE_FIRST_STOP_COST = 150.0  # … and R7 cheaper than a spread of 0.1 em (the order before issue 12)
# What a 孤字 count ignores: punctuation, spaces and symbols.  A last line holding
# "……" or "——" alone, or "5%", or "好……", is as lonely as one holding "好。"
# (clreq #adjustments_of_orphans_and_widows counts characters, not marks).
_NOT_CONTENT = frozenset({
    C.OPEN, C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT, C.SPACE, C.LATIN_PUNCT, C.LATIN_OPEN,
    C.LONG, C.CONNECT, C.SOLIDUS, C.PRE, C.POST,
})


@dataclass(frozen=True, slots=True)
class Tariff:
    """What a line's price depends on besides the line: the paragraph's em and settings.

    em in points; target, squeeze_gap and max_gap in em (Settings.target_gap_em,
    squeeze_gap_em, max_gap_em); squeeze, deep, stops: base prices of squeezing marks
    to ¾ em, below ¾ em, and of R7; light_per_em, per_em: the price per em squeezed
    to ¾ em and below; wide: the surcharge of a line spread past the spacing limit.
    """

    em: float
    target: float
    squeeze_gap: float
    max_gap: float
    squeeze: float
    light_per_em: float
    deep: float
    per_em: float
    wide: float
    stops: float


def tariff(settings: Settings, em: float) -> Tariff:
    if settings.squeeze_first:  # compress first: squeezing is the cheapest resource, R7 before a 0.1-em spread
        return Tariff(em, settings.target_gap_em, settings.max_gap_em, settings.max_gap_em,
                      LINE_COST, SQUEEZE_FIRST_PER_EM, LINE_COST, SQUEEZE_FIRST_PER_EM, 0.0, SQUEEZE_FIRST_STOP_COST)
    return Tariff(em, settings.target_gap_em, settings.squeeze_gap_em, settings.max_gap_em,
                  LINE_COST + LIGHT_SQUEEZE_COST, LIGHT_SQUEEZE_COST_PER_EM, LINE_COST + DEEP_SQUEEZE_COST,
                  SQUEEZE_COST_PER_EM, WIDE_COST, STOP_SHRINK_COST)


@dataclass(frozen=True)
class Prefix:
    """What a line from s to b measures, as a difference of two tables: at_end[b] − at_start[s].

    width: prefix sums of the advances (less static cuts, plus fixed glue) —
    width[k] sums the characters before k; the breaker's scan window is a
    bisection in it.  For a line ending after character b, end_width[b] is the
    width of characters 0..b less what a line end takes away (the glue after b,
    the ½ em blank of a closing mark, spaces dropped at the break with the blank
    before them); end_sq[b] the mid-line marks' blanks that may be squeezed
    (R3–R5), end_deep[b] the part of those under ¾ em a mark; end_net[b] the width less every shrink but R7's (soft shrink — word
    spaces, R6, a line-end mark's tail — and squeezing); end_stop[b] the R7
    shrink of 。？！ inside the line; end_stretch[b] the stretch of word spaces and
    autospace.  start_width[s], start_sq[s], start_deep[s], start_net[s], start_stop[s],
    start_stretch[s]: the same sums over the characters before s, plus what a line
    start trims (the left blank of an opening mark).  gaps[k]: the expansion
    weight and micro_gaps[k] the micro-shrinkable gaps of characters < k.
    runt_from[s]: a last line starting at s would be a 孤字 (fewer than
    min_last_chars characters; 0 < s < n), so a break after b leaves one behind
    when runt_from[b + 1]; extra[b]: the price of breaking after b (a number
    parted from its counter, an emergency break), 0 at the paragraph's end.
    """

    width: list[float]
    end_width: list[float]
    end_net: list[float]
    end_sq: list[float]
    end_deep: list[float]
    end_stop: list[float]
    end_stretch: list[float]
    start_width: list[float]
    start_net: list[float]
    start_sq: list[float]
    start_deep: list[float]
    start_stop: list[float]
    start_stretch: list[float]
    gaps: list[float]
    micro_gaps: list[int]
    runt_from: list[bool]
    extra: list[float]


def prefix_sums(it: Items, settings: Settings) -> Prefix:
    """The tables of `Prefix`, built with as few passes over the paragraph as they allow.

    A line ending after b loses the glue after b and b's right blank (so that blank
    cannot be squeezed too), gives up the glue's shrink and gains b's line-end tail:
    end_width[b] = width[b+1] − auto[b] − rb[b], end_sq[b] = squeeze[b] + shrink_l[b],
    end_net[b] = end_width[b] − shrink[b] − tail[b] − end_sq[b]; and for the
    quantities b's own glue and blank do not touch (deep, R7, stretch) the end
    table is the start table.  Spaces at a break are dropped with the blanks before
    them: a line ending on spaces measures as one ending on the character before them.
    """
    n = len(it)
    cls = it.cls
    width = list(accumulate([a - lc - rc + au for a, lc, rc, au in zip(it.adv, it.lcut, it.rcut, it.auto)],
                            initial=0.0))
    squeeze = list(accumulate(map(add, it.shrink_l, it.shrink_r), initial=0.0))
    deep = list(accumulate(it.deep, initial=0.0))[:n]
    zeros = [0.0] * (n + 1)  # word-space shrink and stretch: none in most Chinese paragraphs
    shrink = list(accumulate(it.shrink_g, initial=0.0)) if any(it.shrink_g) else zeros
    stop = list(accumulate(it.shrink_stop, initial=0.0))[:n]
    stretch = list(accumulate(it.stretch_g, initial=0.0))[:n] if any(it.stretch_g) else zeros[:n]
    end_width = [x - au - r for x, au, r in zip(width[1:], it.auto, it.rb)]
    end_sq = list(map(add, squeeze, it.shrink_l))
    end_net = [x - sh - t - q for x, sh, t, q in zip(end_width, shrink, it.tail, end_sq)]
    end_deep, end_stop, end_stretch = deep, stop, stretch
    if C.SPACE in cls:  # a line ending on spaces measures as one ending on the character before them
        end_deep, end_stop, end_stretch = deep[:], stop[:], stretch[:]
        tables = (end_width, end_sq, end_net, end_deep, end_stop, end_stretch)
        for b in [b for b, c in enumerate(cls) if c == C.SPACE]:
            j = b
            while j >= 0 and cls[j] == C.SPACE:
                j -= 1
            for table in tables:
                table[b] = table[j] if j >= 0 else 0.0
    start_width, start_sq, start_stop = width[:n], squeeze[:n], stop
    if any(it.lead):  # a static cut held back inside the line (items._keep_order) …
        start_width = [x + c for x, c in zip(start_width, it.lead)]
    if settings.trim_line_start_open and C.OPEN in cls:  # … and an opening mark's left blank
        start_stop = stop[:]
        for i in [i for i, c in enumerate(cls) if c == C.OPEN]:
            start_width[i] += it.lb[i]
            start_sq[i] += it.shrink_l[i]
            start_stop[i] += it.shrink_stop[i]  # a quote's second half is part of that blank too
    least = settings.min_last_chars
    runt_from = [False] * (n + 1)
    k, count = n - 1, 0
    while k > 0:  # only the last few starts make a 孤字
        if cls[k] not in _NOT_CONTENT:
            count += 1
            if count >= least:
                break
        runt_from[k] = True
        k -= 1
    return Prefix(
        width=width,
        end_width=end_width,
        end_net=end_net,
        end_sq=end_sq,
        end_deep=end_deep,
        end_stop=end_stop,
        end_stretch=end_stretch,
        start_width=start_width,
        start_net=[x - sh - q for x, sh, q in zip(start_width, shrink, start_sq)],
        start_sq=start_sq,
        start_deep=deep,
        start_stop=start_stop,
        start_stretch=stretch,
        gaps=list(accumulate(it.e3, initial=0.0)),
        micro_gaps=list(accumulate(it.mg, initial=0)),
        runt_from=runt_from,
        extra=break_prices(it.brk),
    )


def break_prices(brk: list[int]) -> list[float]:
    """Prefix.extra: the price of breaking after each character (the only table the break codes decide,
    so a paragraph given emergency breaks needs only this one again)."""
    extra = [0.0] * len(brk)
    if max(brk) > 1:
        prices = {BREAK_PENALTY: NUMBER_BREAK_COST, BREAK_EMERGENCY: EMERGENCY_COST, BREAK_ANYWHERE: ANYWHERE_COST}
        for b, k in enumerate(brk):
            if k > 1:
                extra[b] = prices[k]
    extra[-1] = 0.0
    return extra


# A candidate line s..b measured: (width, net, squeeze, deep, shrink_stop, stretch, gaps, micro), all
# in points but gaps (a weight in Han gaps); net is the width less every shrink but R7's, squeeze the
# mid-line marks' blanks within it, deep the part of those under ¾ em.  A plain tuple: cheap to build.
Fit = tuple[float, float, float, float, float, float, float, float]


def measure_line(it: Items, p: Prefix, s: int, b: int, micro_per_gap: float) -> Fit:
    """Natural width of characters s..b set as one line (both edges trimmed), and its resources."""
    return (
        p.end_width[b] - p.start_width[s],
        p.end_net[b] - p.start_net[s],
        p.end_sq[b] - p.start_sq[s],
        p.end_deep[b] - p.start_deep[s],
        p.end_stop[b] - p.start_stop[s],
        p.end_stretch[b] - p.start_stretch[s],
        p.gaps[b] - p.gaps[s],
        (p.micro_gaps[b] - p.micro_gaps[s]) * micro_per_gap,
    )


Price = Callable[[int, int, float, bool], float]


def pricer(it: Items, p: Prefix, settings: Settings) -> Price:
    """The line-cost formula, in one place: `price(s, b, measure, justify)` of the line s..b.

    Every pass of the breaker prices a line with the function returned here (the
    search, its plain reference, the first-fit bound, the shorter lines of last
    resort).  It reads the prefix tables itself, and only those the line needs: a
    line that is not too long never looks at its shrink (the galley's hot loop
    calls it ~25,000 times).  Lower is better; INF when the line cannot be set.

    justify is False for a paragraph's last line and for ragged styles: such a
    line is set solid, and only an overlong one costs anything.  The resources are
    priced in the order justify.set_line uses them in.
    """
    t = tariff(settings, it.styles[0].size)
    em, target, squeeze_gap, max_gap = t.em, t.target, t.squeeze_gap, t.max_gap
    light, light_per_em, deep_base, per_em = t.squeeze, t.light_per_em, t.deep, t.per_em
    wide, stops_base = t.wide, t.stops
    micro_per_gap = settings.micro_shrink_em * em
    EW, EN, EQ, ED, ES, ET = p.end_width, p.end_net, p.end_sq, p.end_deep, p.end_stop, p.end_stretch
    SW, SN, SQ, SD, SS, ST = p.start_width, p.start_net, p.start_sq, p.start_deep, p.start_stop, p.start_stretch
    G, MG = p.gaps, p.micro_gaps

    def price(s: int, b: int, measure: float, justify: bool) -> float:
        width = EW[b] - SW[s]
        over = width - measure
        if over > EPS:
            squeeze = EQ[b] - SQ[s]
            # line-end tail, micro-tightening, word spaces, R6
            soft = width - (EN[b] - SN[s]) - squeeze + (MG[b] - MG[s]) * micro_per_gap
            if over <= soft + EPS:
                return LINE_COST + SOFT_COST_PER_EM * over / em
            over -= soft
            if over <= squeeze + EPS:  # marks, every one of the line alike (justify._squeeze)
                if over <= squeeze - (ED[b] - SD[s]) + EPS:  # none under ¾ em
                    return light + light_per_em * over / em
                return deep_base + per_em * over / em
            over -= squeeze
            if over <= ES[b] - SS[s] + EPS:  # R7: 。？！ inside the line, quotes under ¾ em
                return stops_base + 400.0 * over / em
            return INF
        if not justify:
            return LINE_COST
        stretch = ET[b] - ST[s]
        rest = measure - width - stretch
        if rest <= EPS:
            return LINE_COST + 2.0 * (measure - width) / em
        gaps = G[b] - G[s]
        if gaps > 0:
            gap = rest / gaps / em
            r = gap / target
            badness = 100.0 * r * r * r
            if gap <= squeeze_gap + EPS:
                return LINE_COST + 2.0 * stretch / em + badness
            if gap <= max_gap + EPS:  # past the spacing limit: dearer than squeezing the marks
                return wide + badness
        else:  # nothing to spread over: a hole at the line end, as bad as one gap that wide
            gap = rest / em
            badness = 100.0 * gap
        # Past the hard limit (Settings.max_gap_em per Han gap, §1.3 E3): at least LOOSE_COST, so
        # such a line is chosen only when nothing else fits; beyond that it grows with the square of
        # the spread, so that two lines at 0.16 em cost less than one at 0.35 em (a flat price would
        # pile all the looseness of a hard paragraph into one gaping line), up to LOOSE_SCALE_MAX.
        q = gap / max_gap
        q *= q
        return LOOSE_COST * (q if 1.0 < q < LOOSE_SCALE_MAX else 1.0 if q <= 1.0 else LOOSE_SCALE_MAX) + badness

    return price


def _overfull_cost(p: Prefix, s: int, b: int, measure: float, micro_per_gap: float, em: float) -> float:
    """A line that does not fit even with every shrink: set_line condenses it; the less, the better."""
    over = (p.end_net[b] - p.start_net[s]) - (p.end_stop[b] - p.start_stop[s]) \
        - (p.micro_gaps[b] - p.micro_gaps[s]) * micro_per_gap - measure
    return OVERFULL_COST * (1.0 + over / em)

