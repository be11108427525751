"""Choose a paragraph's line breaks by total fit (typesetting.md §1.3, §1.5, pages.md §4).

Every candidate line is measured with its edges trimmed and priced by one
formula (lineprice.pricer: the jlreq 3.8 order of spreading and squeezing, the
孤字 and number-break surcharges).  The cheapest path through the paragraph wins
(Knuth–Plass style dynamic programming; Typst's linebreak.rs works the same way).

Nothing is drawn outside the column: a unit that cannot break (a URL, a digit
run, sixty ——) and is wider than the measure gets emergency break points, its
allowed points first (after / . - ? & = in a URL, between digits, between
—— pairs and repeated marks), any point next; a unit with no allowed point, at
most a quarter too wide (a Latin word), is left whole and condensed to the measure
instead (justify.set_line).

Lines are short (10–40 characters), so from each reachable start only the few
ends whose natural width lies between ¾ of the measure and the measure plus its
shrink are tried: the search is linear in the paragraph length.  Starts that
cost more to reach than a whole first-fit setting of the paragraph are skipped
(about half of them in running text); the result is the same, break for break.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from layout.text.cjk import C
from layout.text.items import BREAK_ANYWHERE, BREAK_EMERGENCY, BREAK_NO, Items
from layout.text.lineprice import (
    EPS, INF, LOOSE_COST, RUNT_COST, Prefix, Price, _overfull_cost, break_prices, prefix_sums, pricer,
)
from layout.text.style import Align, Settings

MIN_CONDENSE = 0.8  # a unit with no allowed break, up to 1/0.8 of the measure, is condensed rather than split
_URL_POINTS = frozenset("/.-?&=_#~:")
_REPEATABLE = frozenset({C.OPEN, C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT})


def break_lines(it: Items, measure: float, settings: Settings, prefix: Prefix | None = None) -> list[tuple[int, int]]:
    """Total-fit line breaking; returns (start, end) character ranges, end exclusive.

    The search is pruned with the price of a quick first-fit setting: every line
    costs something, so a start that is already dearer to reach than a whole
    paragraph set that way lies on no better path.  If the first-fit price turns
    out lower than anything the search can reach (it set a line the search would
    not offer), the search runs again unpruned.  Either way the result is the
    unpruned optimum, break for break (tests/text/test_properties.py compares it
    with `reference_break_lines`).  prefix: `prefix_sums(it, settings)` when the caller
    breaks the same paragraph at several measures (拉行/缩行); it does not depend on the measure.
    """
    n = len(it)
    if n == 0:
        return []
    it, p = _breakable(it, measure, settings, prefix)
    if p.end_width[n - 1] - p.start_width[0] - (measure - settings.indent_em * it.styles[0].size) <= EPS:
        # the whole paragraph fits its first line solid: one line at LINE_COST, and every line of
        # any other setting costs at least that (lineprice.pricer), so the search would find this
        return [(0, n)]
    bound = _first_fit_price(it, p, measure, settings)
    back, total = _search(it, p, measure, settings, bound)
    if total > bound:
        back, total = _search(it, p, measure, settings, INF)
    return _path(back, n)


def _breakable(it: Items, measure: float, settings: Settings, prefix: Prefix | None = None) -> tuple[Items, Prefix]:
    """The items with emergency breaks inside every unit wider than the measure, and their prefix sums.

    A unit is a run of characters with no break between them.  Inside one that
    does not fit a line, the points a reader accepts (after / . - ? & = in a URL,
    between two digits, between two —— or …… pairs, between two repeated marks,
    after a no-break space) become BREAK_EMERGENCY, every other point
    BREAK_ANYWHERE (css-text-3 overflow-wrap: anywhere), except before a space,
    where the break comes after it.  A unit with no allowed point that is at most
    1/MIN_CONDENSE of the measure (a Latin word, "a ," in a one-em column) stays
    whole: set_line condenses it a little rather than split it where no reader
    would.  Text without such units is returned as it is.
    """
    p = prefix if prefix is not None else prefix_sums(it, settings)
    brk = it.brk
    # Only a run of at least `least` characters with no break between them can be that wide: find
    # those with a regular expression over the break codes (the galley's paragraphs have none).
    longest = max(it.adv) + max(it.auto)
    least = max(1, int(measure // longest) - 1) if longest > 0 else 1
    codes = bytes(brk)
    if b"\x00" * least not in codes:
        return it, p
    wide: list[tuple[int, int]] = []
    for m in re.finditer(b"\\x00{%d,}" % least, codes):
        a, z = m.start(), m.end()  # no break after a..z-1: the unit is a..z
        if p.end_width[z] - p.start_width[a] > measure + EPS:  # as a line: spaces at its end dropped
            wide.append((a, z))
    if not wide:
        return it, p
    new = list(brk)
    for a, z in wide:
        points = {k for k in range(a, z) if it.cls[k + 1] != C.SPACE and _allowed_point(it, a, k)}
        if not points and (p.end_width[z] - p.start_width[a]) * MIN_CONDENSE <= measure + EPS:
            continue  # a little too wide and nowhere a reader would break it: condensed whole
        for k in range(a, z):
            if it.cls[k + 1] != C.SPACE:
                new[k] = BREAK_EMERGENCY if k in points else BREAK_ANYWHERE
    return replace(it, brk=new), replace(p, extra=break_prices(new))


def _allowed_point(it: Items, a: int, k: int) -> bool:
    """May a unit that starts at a and is too wide for the measure break after character k?"""
    cls, text = it.cls, it.text
    c, d = cls[k], cls[k + 1]
    if text[k] == "\u00a0":
        return True  # after a no-break space
    if text[k] in _URL_POINTS and c != C.DIGIT and d in (C.LATIN, C.DIGIT, C.LATIN_PUNCT, C.SOLIDUS, C.PRE):
        return True  # a URL or path: after / . - ? & = _ # ~ :
    if c == C.DIGIT and d == C.DIGIT:
        return True  # a long digit run
    if c == C.LONG and d == C.LONG:
        j = k
        while j > a and cls[j - 1] == C.LONG:
            j -= 1
        return (k - j) % 2 == 1  # between two —— (or ……), never inside one
    return c == d and c in _REPEATABLE  # “““ or 。。。


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
    price = pricer(it, p, settings)
    indent = settings.indent_em * em
    micro = settings.micro_shrink_em * em
    justify = settings.align is Align.JUSTIFY
    RUNT, EXTRA = p.runt_from, p.extra
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
        good = poor = False
        runt_next = False  # an acceptable line from s leaves a 孤字 behind it
        for b in range(first, n):
            if brk[b] == BREAK_NO:
                continue
            cost = price(s, b, width, justify and b != nl)
            if cost == INF:
                if not good and not poor:  # the narrowest line from s is too wide: the less, the better
                    cost = _overfull_cost(p, s, b, width, micro, em)
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
        for b, cost in _shorter_lines(it, p, s, first, width, settings, price):
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
    price = pricer(it, p, settings)
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
        cost = price(s, b, width, justify and b < n - 1)
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


def _candidates(it: Items, p: Prefix, s: int, width: float, settings: Settings,
                price: Price) -> list[tuple[int, float]]:
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
        cost = price(s, b, width, justify and not last)
        if cost == INF:
            if not good and not poor:  # the narrowest line from s is too wide: the less, the better
                poor.append((b, _overfull_cost(p, s, b, width, micro, em)))
            break
        cost += p.extra[b]
        if last and p.runt_from[s]:
            cost += RUNT_COST  # 孤字
        (good if cost < LOOSE_COST else poor).append((b, cost))
    if good and not any(p.runt_from[b + 1] for b, _cost in good):
        return good + poor
    return good + poor + _shorter_lines(it, p, s, first, width, settings, price)


def reference_break_lines(it: Items, measure: float, settings: Settings) -> list[tuple[int, int]]:
    """break_lines written plainly, from `_candidates`: the specification its pruned search must meet."""
    n = len(it)
    if n == 0:
        return []
    it, p = _breakable(it, measure, settings)
    indent = settings.indent_em * it.styles[0].size
    price = pricer(it, p, settings)
    best = [INF] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    for s in range(n):
        if best[s] == INF:
            continue
        for b, cost in _candidates(it, p, s, measure - indent if s == 0 else measure, settings, price):
            if best[s] + cost < best[b + 1]:
                best[b + 1], back[b + 1] = best[s] + cost, s
    return _path(back, n)


def _shorter_lines(it: Items, p: Prefix, s: int, first: int, width: float,
                   settings: Settings, price: Price) -> list[tuple[int, float]]:
    """Lines from s shorter than the scan window: a last resort, priced as loose at least."""
    n = len(it)
    justify = settings.align is Align.JUSTIFY
    out = []
    for b in range(s, first):
        if it.brk[b] != BREAK_NO:
            out.append((b, price(s, b, width, justify and b < n - 1) + p.extra[b] + LOOSE_COST))
    return out
