"""Choose a paragraph's line breaks by total fit (typesetting.md §1.3, §1.5).

Every candidate line is measured with its edges trimmed (a line-end closing or
pause mark takes ½ em, GB/T 15834 §5.1.10; a line-start opening mark loses its
left blank), then priced: shrinking punctuation is cheap ("先挤进，后推出",
clreq #procedures_for_inter-character_spacing_reduction), spreading Han gaps
costs more the wider they get (house target ≤ 0.06 em, hard limit 0.25 em), and
a last line with fewer than two characters (孤字, clreq
#adjustments_of_orphans_and_widows) costs almost as much as an overfull line.
The cheapest path through the paragraph wins (Knuth–Plass style dynamic
programming; Typst's linebreak.rs works the same way).

Lines are short (10–40 characters), so from each reachable start only the few
ends whose natural width lies between ¾ of the measure and the measure plus its
shrink are tried: the search is linear in the paragraph length.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from layout.text.cjk import C
from layout.text.items import BREAK_NO, BREAK_PENALTY, Items
from layout.text.style import Align, Settings

INF = float("inf")
EPS = 1e-6
LINE_COST = 10.0  # every line costs a little: among equals, fewer lines win
NUMBER_BREAK_COST = 200.0  # 3.5 | 万: allowed, unwelcome (typesetting.md §1.1.3)
RUNT_COST = 1e6  # 孤字: only when nothing else is possible
LOOSE_COST = 1e5  # Han gaps beyond the hard limit: only when nothing else fits
OVERFULL_COST = 1e7  # a single unbreakable unit wider than the measure
SHRINK_COST_PER_EM = 12.0
STOP_SHRINK_COST = 150.0
_NOT_CONTENT = frozenset({C.OPEN, C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT, C.SPACE, C.LATIN_PUNCT, C.LATIN_OPEN})


@dataclass(frozen=True)
class Prefix:
    """Prefix sums over the items: width, shrink, stretch, E3 gaps, content characters."""

    width: list[float]
    shrink: list[float]
    shrink_stop: list[float]
    stretch: list[float]
    gaps: list[int]
    content: list[int]


def prefix_sums(it: Items) -> Prefix:
    n = len(it)
    w = [it.adv[i] - it.lcut[i] - it.rcut[i] + it.auto[i] for i in range(n)]
    s = [it.shrink_l[i] + it.shrink_r[i] + it.shrink_g[i] for i in range(n)]
    content = [0 if c in _NOT_CONTENT else 1 for c in it.cls]
    return Prefix(
        list(accumulate(w, initial=0.0)),
        list(accumulate(s, initial=0.0)),
        list(accumulate(it.shrink_stop, initial=0.0)),
        list(accumulate(it.stretch_g, initial=0.0)),
        list(accumulate(it.e3, initial=0)),
        list(accumulate(content, initial=0)),
    )


@dataclass(frozen=True, slots=True)
class Fit:
    """A candidate line s..b (inclusive) measured: natural width, shrink, stretch, E3 gaps."""

    width: float
    shrink: float
    shrink_stop: float
    stretch: float
    gaps: int


def measure_line(it: Items, p: Prefix, s: int, b: int, settings: Settings) -> Fit:
    """Width of characters s..b set as one line, with both edges trimmed."""
    if it.cls[b] == C.SPACE:  # the space at a break is dropped, and so are the blanks before it
        end_cut = it.adv[b] + (it.rb[b - 1] + it.auto[b - 1] if b > s else 0.0)
    else:
        end_cut = it.auto[b] + it.rb[b]
    start_cut = start_shrink = 0.0
    if it.cls[s] == C.OPEN and settings.trim_line_start_open:
        start_cut, start_shrink = it.lb[s], it.shrink_l[s]
    width = p.width[b + 1] - p.width[s] - end_cut - start_cut
    shrink = p.shrink[b + 1] - p.shrink[s] - it.shrink_r[b] - it.shrink_g[b] - start_shrink
    shrink_stop = p.shrink_stop[b + 1] - p.shrink_stop[s] - it.shrink_stop[b]
    stretch = p.stretch[b + 1] - p.stretch[s] - it.stretch_g[b]
    return Fit(width, shrink, shrink_stop, stretch, p.gaps[b] - p.gaps[s])


def line_cost(fit: Fit, measure: float, em: float, last: bool, settings: Settings) -> float:
    """Price of one line (lower is better); INF when it cannot be set at all."""
    over = fit.width - fit.shrink - measure
    if over > fit.shrink_stop + EPS:
        return INF
    if over > EPS:  # R7: 。？！ compressed inside the line — allowed, but dearer than spreading ≤ 0.1 em
        return LINE_COST + SHRINK_COST_PER_EM * fit.shrink / em + STOP_SHRINK_COST + 400.0 * over / em
    if fit.width > measure + EPS:
        return LINE_COST + SHRINK_COST_PER_EM * (fit.width - measure) / em
    if last or settings.align is not Align.JUSTIFY:
        return LINE_COST
    rest = measure - fit.width - fit.stretch
    if rest <= EPS:
        return LINE_COST + 2.0 * (measure - fit.width) / em
    if fit.gaps == 0:
        return LOOSE_COST + 100.0 * rest / em  # nothing to spread over: a hole at the line end
    gap = rest / fit.gaps / em
    badness = 100.0 * (gap / settings.target_gap_em) ** 3
    if gap > settings.max_gap_em + EPS:
        return LOOSE_COST + badness
    return LINE_COST + 2.0 * fit.stretch / em + badness


def break_lines(it: Items, measure: float, settings: Settings) -> list[tuple[int, int]]:
    """Total-fit line breaking; returns (start, end) character ranges, end exclusive."""
    n = len(it)
    if n == 0:
        return []
    p = prefix_sums(it)
    em = it.styles[0].size
    indent = settings.indent_em * em
    best = [INF] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    for s in range(n):
        if best[s] == INF:
            continue
        width = measure - indent if s == 0 else measure
        for b, cost in _candidates(it, p, s, width, em, settings):
            total = best[s] + cost
            if total < best[b + 1]:
                best[b + 1], back[b + 1] = total, s
    lines: list[tuple[int, int]] = []
    end = n
    while end > 0:
        start = back[end]
        lines.append((start, end))
        end = start
    lines.reverse()
    return lines


def _candidates(it: Items, p: Prefix, s: int, width: float, em: float, settings: Settings):
    """Yield (b, cost) for the lines that may start at s and end after character b."""
    n = len(it)
    first = max(s, bisect_left(p.width, p.width[s] + 0.7 * width) - 2)
    found = False
    fallback: tuple[int, float] | None = None
    for b in range(first, n):
        if it.brk[b] == BREAK_NO:
            continue
        fit = measure_line(it, p, s, b, settings)
        last = b == n - 1
        cost = line_cost(fit, width, em, last, settings)
        if cost == INF:
            if not found:
                fallback = fallback or (b, OVERFULL_COST)
            break
        if last:
            if s > 0 and p.content[n] - p.content[s] < settings.min_last_chars:
                cost += RUNT_COST
        elif it.brk[b] == BREAK_PENALTY:
            cost += NUMBER_BREAK_COST
        if cost < LOOSE_COST:
            found = True
        yield b, cost
    if not found and fallback:
        yield fallback
    if not found and first > s:
        yield from _loose_candidates(it, p, s, first, width, em, settings)


def _loose_candidates(it: Items, p: Prefix, s: int, stop: int, width: float, em: float, settings: Settings):
    """Shorter lines than the scan window allowed: only when nothing acceptable was found."""
    for b in range(s, stop):
        if it.brk[b] != BREAK_NO:
            fit = measure_line(it, p, s, b, settings)
            yield b, line_cost(fit, width, em, b == len(it) - 1, settings) + LOOSE_COST
