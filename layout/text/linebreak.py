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
shrink are tried: the search is linear in the paragraph length.  Starts that
cost more to reach than a whole first-fit setting of the paragraph are skipped
(about half of them in running text); the result is the same, break for break.
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
RUNT_COST = 1e7  # 孤字: only when nothing else is possible (dearer than any loose line)
LOOSE_COST = 1e5  # Han gaps beyond the hard limit: only when nothing else fits …
LOOSE_SCALE_MAX = 90.0  # … priced by the square of the excess, up to 90 × LOOSE_COST < RUNT_COST
OVERFULL_COST = 1e8  # a single unbreakable unit wider than the measure, per em it sticks out
SHRINK_COST_PER_EM = 12.0
STOP_SHRINK_COST = 150.0
MICRO_SHRINK_COST = 15.0
# What a 孤字 count ignores: punctuation, spaces and symbols.  A last line holding
# "……" or "——" alone, or "5%", or "好……", is as lonely as one holding "好。"
# (clreq #adjustments_of_orphans_and_widows counts characters, not marks).
_NOT_CONTENT = frozenset({
    C.OPEN, C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT, C.SPACE, C.LATIN_PUNCT, C.LATIN_OPEN,
    C.LONG, C.CONNECT, C.SOLIDUS, C.PRE, C.POST,
})


@dataclass(frozen=True)
class Prefix:
    """What a line from s to b measures, as a difference of two tables: at_end[b] − at_start[s].

    width: prefix sums of the advances (less static cuts, plus autospace) —
    width[k] sums the characters before k; the breaker's scan window is a
    bisection in it.  For a line ending after character b, end_width[b] is the
    width of characters 0..b less what a line end takes away (autospace, the ½ em
    blank of a closing mark, spaces dropped at the break with the blank before
    them); end_net[b] is that width less every shrink available up to b (R2–R6,
    a line-end mark's tail gained); end_stop[b] the R7 shrink of 。？！ inside the
    line; end_stretch[b] the stretch of word spaces and autospace.  start_width[s],
    start_net[s], start_stop[s], start_stretch[s]: the same sums over the
    characters before s, plus what a line start trims (the left blank of an
    opening mark).  gaps/micro_gaps[k]: counts over characters < k.
    runt_from[s]: a last line starting at s would be a 孤字 (fewer than
    min_last_chars characters; 0 < s < n), so a break after b leaves one behind
    when runt_from[b + 1]; extra[b]: the price of breaking after b (a
    number parted from its counter), 0 at the paragraph's end.
    """

    width: list[float]
    end_width: list[float]
    end_net: list[float]
    end_stop: list[float]
    end_stretch: list[float]
    start_width: list[float]
    start_net: list[float]
    start_stop: list[float]
    start_stretch: list[float]
    gaps: list[int]
    micro_gaps: list[int]
    runt_from: list[bool]
    extra: list[float]


def prefix_sums(it: Items, settings: Settings) -> Prefix:
    n = len(it)
    w = [a - lc - rc + au for a, lc, rc, au in zip(it.adv, it.lcut, it.rcut, it.auto)]
    s = [sl + sr + sg for sl, sr, sg in zip(it.shrink_l, it.shrink_r, it.shrink_g)]
    content = list(accumulate((0 if c in _NOT_CONTENT else 1 for c in it.cls), initial=0))
    end_cut = [au + r for au, r in zip(it.auto, it.rb)]
    end_shrink = [sr + sg - t for sr, sg, t in zip(it.shrink_r, it.shrink_g, it.tail)]
    end_stop = list(it.shrink_stop)
    end_stretch = list(it.stretch_g)
    for b in (range(n) if C.SPACE in it.cls else ()):
        if it.cls[b] == C.SPACE:  # the spaces at a break are dropped, and the blanks before them
            j = b
            while j >= 0 and it.cls[j] == C.SPACE:
                j -= 1
            end_cut[b] = sum(w[j + 1:b + 1]) + (end_cut[j] if j >= 0 else 0.0)
            end_shrink[b] = sum(s[j + 1:b + 1]) + (end_shrink[j] if j >= 0 else 0.0)
            end_stop[b] = it.shrink_stop[j] if j >= 0 else 0.0
            end_stretch[b] = sum(it.stretch_g[j + 1:b + 1]) + (it.stretch_g[j] if j >= 0 else 0.0)
    start_cut = list(it.lead)  # a static cut held back inside the line (items._keep_order) …
    start_shrink = [0.0] * n
    if settings.trim_line_start_open and C.OPEN in it.cls:  # … and an opening mark's left blank
        for i in [i for i, c in enumerate(it.cls) if c == C.OPEN]:
            start_cut[i] += it.lb[i]
            start_shrink[i] = it.shrink_l[i]
    width = list(accumulate(w, initial=0.0))
    shrink = list(accumulate(s, initial=0.0))
    stop = list(accumulate(it.shrink_stop, initial=0.0))
    stretch = list(accumulate(it.stretch_g, initial=0.0))
    end_width = [x - c for x, c in zip(width[1:], end_cut)]
    start_width = [x + c for x, c in zip(width, start_cut)]
    total, least = content[n], settings.min_last_chars
    runt_from = [False] * (n + 1)
    k = n - 1
    while k > 0 and total - content[k] < least:  # only the last few starts make a 孤字
        runt_from[k] = True
        k -= 1
    extra = [0.0] * n
    if BREAK_PENALTY in it.brk:
        for b in [b for b, k in enumerate(it.brk) if k == BREAK_PENALTY]:
            extra[b] = NUMBER_BREAK_COST
    extra[n - 1] = 0.0
    return Prefix(
        width=width,
        end_width=end_width,
        end_net=[x - (sh - c) for x, sh, c in zip(end_width, shrink[1:], end_shrink)],
        end_stop=[x - c for x, c in zip(stop[1:], end_stop)],
        end_stretch=[x - c for x, c in zip(stretch[1:], end_stretch)],
        start_width=start_width,
        start_net=[x - (sh + c) for x, sh, c in zip(start_width, shrink, start_shrink)],
        start_stop=stop[:n],
        start_stretch=stretch[:n],
        gaps=list(accumulate(it.e3, initial=0)),
        micro_gaps=list(accumulate(it.mg, initial=0)),
        runt_from=runt_from,
        extra=extra,
    )


# A candidate line s..b measured: (width, net, shrink_stop, stretch, gaps, micro), all in points
# but gaps (a count); net is the width less every shrink but R7's.  A plain tuple: cheap to build.
Fit = tuple[float, float, float, float, int, float]


def measure_line(it: Items, p: Prefix, s: int, b: int, micro_per_gap: float) -> Fit:
    """Natural width of characters s..b set as one line (both edges trimmed), and its resources."""
    return (
        p.end_width[b] - p.start_width[s],
        p.end_net[b] - p.start_net[s],
        p.end_stop[b] - p.start_stop[s],
        p.end_stretch[b] - p.start_stretch[s],
        p.gaps[b] - p.gaps[s],
        (p.micro_gaps[b] - p.micro_gaps[s]) * micro_per_gap,
    )


def line_cost(fit: Fit, measure: float, em: float, justify: bool, settings: Settings) -> float:
    """Price of one measured line (lower is better); INF when it cannot be set at all."""
    width, net, shrink_stop, stretch, gaps, micro = fit
    return price(width, net, shrink_stop, stretch, gaps, micro, measure, em, justify,
                 settings.target_gap_em, settings.max_gap_em)


def price(width: float, net: float, shrink_stop: float, stretch: float, gaps: int, micro: float,
          measure: float, em: float, justify: bool, target: float, max_gap: float) -> float:
    """The line-cost formula, in one place: every pass of the breaker prices a line with it.

    justify is False for a paragraph's last line and for ragged styles: such a
    line is set solid, and only an overlong one costs anything.
    """
    over = net - measure
    if over > EPS:
        if over > micro + shrink_stop + EPS:
            return INF
        base = LINE_COST + SHRINK_COST_PER_EM * (width - net) / em
        if over <= micro + EPS:  # invisible tightening of the Han gaps
            return base + MICRO_SHRINK_COST + 400.0 * over / em
        # R7: 。？！ compressed inside the line — allowed, but dearer than spreading ≤ 0.1 em
        return base + STOP_SHRINK_COST + 400.0 * (over - micro) / em
    if width > measure + EPS:
        return LINE_COST + SHRINK_COST_PER_EM * (width - measure) / em
    if not justify:
        return LINE_COST
    rest = measure - width - stretch
    if rest <= EPS:
        return LINE_COST + 2.0 * (measure - width) / em
    if gaps == 0:  # nothing to spread over: a hole at the line end, as bad as one gap that wide
        return _loose_cost(rest / em, max_gap) + 100.0 * rest / em
    gap = rest / gaps / em
    r = gap / target
    badness = 100.0 * r * r * r
    if gap > max_gap + EPS:
        return _loose_cost(gap, max_gap) + badness
    return LINE_COST + 2.0 * stretch / em + badness


def _loose_cost(gap_em: float, max_gap: float) -> float:
    """Price of a line spread beyond the hard limit (house limit 0.25 em per Han gap, §1.3 E3).

    At least LOOSE_COST, so such a line is chosen only when nothing else fits;
    beyond that it grows with the square of the spread, so that two lines at
    0.26 em cost less than one at 0.55 em: a flat price would concentrate all the
    looseness of a hard paragraph in one gaping line.
    """
    ratio = gap_em / max_gap
    return LOOSE_COST * min(max(1.0, ratio * ratio), LOOSE_SCALE_MAX)


def break_lines(it: Items, measure: float, settings: Settings) -> list[tuple[int, int]]:
    """Total-fit line breaking; returns (start, end) character ranges, end exclusive.

    The search is pruned with the price of a quick first-fit setting: every line
    costs something, so a start that is already dearer to reach than a whole
    paragraph set that way lies on no better path.  If the first-fit price turns
    out lower than anything the search can reach (it set a line the search would
    not offer), the search runs again unpruned.  Either way the result is the
    unpruned optimum, break for break (tests/text/test_properties.py compares it
    with `reference_break_lines`).
    """
    n = len(it)
    if n == 0:
        return []
    p = prefix_sums(it, settings)
    bound = _first_fit_price(it, p, measure, settings)
    back, total = _search(it, p, measure, settings, bound)
    if total > bound:
        back, total = _search(it, p, measure, settings, INF)
    return _path(back, n)


def _search(it: Items, p: Prefix, measure: float, settings: Settings, bound: float) -> tuple[list[int], float]:
    """The dynamic programme: back pointers of the cheapest path, and its price.

    For each start s cheaper to reach than `bound`, the lines s..b of
    `_candidates` are priced with `price` and relaxed into the best path.  This
    is the hot loop of a galley (~4 candidate lines per start): the window scan of
    `_candidates` is written out here with the prefix tables bound to locals, but
    the price of a line comes from the one formula every pass uses.
    """
    n = len(it)
    em = it.styles[0].size
    indent = settings.indent_em * em
    micro = settings.micro_shrink_em * em
    justify = settings.align is Align.JUSTIFY
    target, max_gap = settings.target_gap_em, settings.max_gap_em
    EW, EN, ES, ET = p.end_width, p.end_net, p.end_stop, p.end_stretch
    SW, SN, SS, ST = p.start_width, p.start_net, p.start_stop, p.start_stretch
    G, MG, RUNT, EXTRA = p.gaps, p.micro_gaps, p.runt_from, p.extra
    brk = it.brk
    nl = n - 1
    best = [INF] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    for s in range(n):
        here = best[s]
        if here == INF or here > bound:  # unreachable, or no cheaper than a whole first-fit paragraph
            continue
        width = measure - indent if s == 0 else measure
        first = _window_start(p, s, width)
        runt_here = RUNT[s]
        sw, sn, ss_s, st_s, g_s, mg_s = SW[s], SN[s], SS[s], ST[s], G[s], MG[s]
        good = poor = False
        runt_next = False  # an acceptable line from s leaves a 孤字 behind it
        for b in range(first, n):
            if brk[b] == BREAK_NO:
                continue
            cost = price(EW[b] - sw, EN[b] - sn, ES[b] - ss_s, ET[b] - st_s, G[b] - g_s, (MG[b] - mg_s) * micro,
                         width, em, justify and b != nl, target, max_gap)
            if cost == INF:
                if not good and not poor:  # the narrowest line from s is too wide: the less, the better
                    cost = OVERFULL_COST * (1.0 + (EN[b] - sn - width) / em)
                    if here + cost < best[b + 1]:
                        best[b + 1], back[b + 1] = here + cost, s
                    poor = True
                break
            cost += EXTRA[b]
            if b == nl and runt_here:
                cost += RUNT_COST  # 孤字
            if cost < LOOSE_COST:
                good = True
                if RUNT[b + 1]:
                    runt_next = True
            else:
                poor = True
            if here + cost < best[b + 1]:
                best[b + 1], back[b + 1] = here + cost, s
        if good and not runt_next:
            continue
        for b, cost in _shorter_lines(it, p, s, first, width, settings):
            if here + cost < best[b + 1]:
                best[b + 1], back[b + 1] = here + cost, s
    return back, best[n]


def _first_fit_price(it: Items, p: Prefix, measure: float, settings: Settings) -> float:
    """Price of a quick setting: each line as long as fits (shrink included), no 孤字 left behind.

    Only a bound for `_search` to prune with: a good guess saves work, a bad one
    costs none of the result's quality.  INF when a line does not fit at all.
    """
    n = len(it)
    em = it.styles[0].size
    micro = settings.micro_shrink_em * em
    justify = settings.align is Align.JUSTIFY
    total, s = 0.0, 0
    while s < n:
        width = measure - settings.indent_em * em if s == 0 else measure
        b = _longest_fit(it, p, s, width)
        if p.runt_from[b + 1]:  # end the line one break earlier, as the search would (clreq remedy 2)
            k = b - 1
            while k > s and it.brk[k] == BREAK_NO:
                k -= 1
            b = k if k > s else b
        cost = line_cost(measure_line(it, p, s, b, micro), width, em, justify and b < n - 1, settings)
        total += cost + p.extra[b]
        if b == n - 1 and p.runt_from[s]:
            total += RUNT_COST
        s = b + 1
    return total


def _longest_fit(it: Items, p: Prefix, s: int, width: float) -> int:
    """The last break after s at which a line from s still fits with all its shrink (else the first break)."""
    n = len(it)
    first = _window_start(p, s, width)
    fit = -1
    for lo in (first, s):
        for b in range(lo, n):
            if it.brk[b] == BREAK_NO:
                continue
            if p.end_net[b] - p.start_net[s] - width > EPS:
                break
            fit = b
        if fit >= 0:
            return fit
    b = s
    while it.brk[b] == BREAK_NO:  # nothing fits: the shortest line there is
        b += 1
    return b


def _window_start(p: Prefix, s: int, width: float) -> int:
    """The first line end tried from s: where the natural width reaches ¾ of the measure (less two)."""
    return max(s, bisect_left(p.width, p.width[s] + 0.75 * width) - 2)


def _path(back: list[int], n: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    end = n
    while end > 0:
        start = back[end]
        lines.append((start, end))
        end = start
    lines.reverse()
    return lines


def _candidates(it: Items, p: Prefix, s: int, width: float, settings: Settings) -> list[tuple[int, float]]:
    """(b, cost) of the lines that may start at s and end after character b (`_search` scans the same window).

    From the first character at which the line reaches ¾ of the measure up to
    the first that does not fit.  Lines looser than the hard limit are priced,
    not dropped: an acceptable line here may force a far worse one further on.
    Shorter lines than that window, and an overfull one, are offered only when
    nothing acceptable starts at s (a long URL, a run that kinsoku cannot
    break), or when an acceptable line would leave a 孤字 behind it: a loose line
    is the lesser evil (clreq #adjustments_of_orphans_and_widows, remedy 2:
    "push one more character down and set the previous line with even spacing").
    """
    n = len(it)
    em = it.styles[0].size
    micro = settings.micro_shrink_em * em
    justify = settings.align is Align.JUSTIFY
    first = _window_start(p, s, width)
    good: list[tuple[int, float]] = []
    poor: list[tuple[int, float]] = []
    for b in range(first, n):
        if it.brk[b] == BREAK_NO:
            continue
        last = b == n - 1
        fit = measure_line(it, p, s, b, micro)
        cost = line_cost(fit, width, em, justify and not last, settings)
        if cost == INF:
            if not good and not poor:  # the narrowest line from s is too wide: the less, the better
                poor.append((b, OVERFULL_COST * (1.0 + (fit[1] - width) / em)))
            break
        cost += p.extra[b]
        if last and p.runt_from[s]:
            cost += RUNT_COST  # 孤字
        (good if cost < LOOSE_COST else poor).append((b, cost))
    if good and not any(p.runt_from[b + 1] for b, _cost in good):
        return good + poor
    return good + poor + _shorter_lines(it, p, s, first, width, settings)


def reference_break_lines(it: Items, measure: float, settings: Settings) -> list[tuple[int, int]]:
    """break_lines written plainly, from `_candidates`: the specification its inlined loop must meet."""
    n = len(it)
    if n == 0:
        return []
    p = prefix_sums(it, settings)
    indent = settings.indent_em * it.styles[0].size
    best = [INF] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    for s in range(n):
        if best[s] == INF:
            continue
        for b, cost in _candidates(it, p, s, measure - indent if s == 0 else measure, settings):
            if best[s] + cost < best[b + 1]:
                best[b + 1], back[b + 1] = best[s] + cost, s
    return _path(back, n)


def _shorter_lines(it: Items, p: Prefix, s: int, first: int, width: float,
                   settings: Settings) -> list[tuple[int, float]]:
    """Lines from s shorter than the scan window: a last resort, priced as loose at least."""
    n = len(it)
    em = it.styles[0].size
    micro = settings.micro_shrink_em * em
    justify = settings.align is Align.JUSTIFY
    out = []
    for b in range(s, first):
        if it.brk[b] != BREAK_NO:
            fit = measure_line(it, p, s, b, micro)
            out.append((b, line_cost(fit, width, em, justify and b < n - 1, settings) + LOOSE_COST))
    return out
