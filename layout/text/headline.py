"""Headlines: set solid, centred or flush, broken at phrase boundaries with balanced lines.

typesetting.md §1.7 (clreq #styling_of_headings, #ways_of_alignments):
- no justification: each line keeps its natural spacing; punctuation
  compression, kinsoku and Han↔Latin spacing still apply;
- an explicit line in the source is a forced line; a space inside a line marks
  a preferred break between parallel phrases (newspaper.md §6.3) and is set as
  a 1-em gap when the phrases share a line;
- otherwise break at phrase boundaries from a segmenter (BudouX's zh-Hans model,
  injected by the caller so this package stays free of third-party imports),
  never inside a word, a name, a number or a quoted term, using as few lines as
  possible and then the most balanced split (css-text-4 `text-wrap: balance`);
- a ， or 、 where a line breaks is not printed: the break does its work (newspaper
  headline practice); marks are compressed as in body text (：“ is 1.5 em), and a
  centred line is centred on its ink, so a leading “ or a trailing ” does not
  push it aside (pages.md §2).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from layout.text.cjk import C
from layout.text.items import BREAK_YES, Items, collect
from layout.text.justify import SetLine, set_line
from layout.text.lineprice import measure_line, prefix_sums
from layout.text.style import Align, Settings, Span, TextStyle

Phrases = Callable[[str], Sequence[str]]
_STRONG = frozenset({C.PAUSE, C.STOP, C.CLOSE})  # a break right after these reads as a phrase end
DROPPED_AT_BREAK = frozenset("，、")

# Set solid and centred: no character grid (proportional digits), and no space between a number and
# the characters around it (第2版, 2026年12月16日: pages.md §3), as in the body by default.
HEADLINE = Settings(align=Align.CENTER, indent_em=0.0, min_last_chars=1, headline_space_em=1.0, char_grid=False)


def set_headline(lines: Sequence[str], style: TextStyle, measure: float, phrases: Phrases,
                 align: Align = Align.CENTER, fit: float | None = None, condense: bool = False) -> tuple[SetLine, ...]:
    """Set a headline (its source lines) in `measure`; each source line may become several lines.

    fit: the width lines must fit when choosing breaks (default: the measure).  A
    sub-head that would fill its column edge to edge reads as body text, so
    callers may ask for breaks within, say, 90 % of the column and still centre
    the lines in the whole column.  condense: a line that cannot fit (one
    unbreakable unit wider than the measure) is condensed to it — for sub-heads in
    a column; a headline block instead steps down the 号 sizes, so by default the
    caller sees the width.
    """
    settings = replace(HEADLINE, align=align, condense=condense)
    out: list[SetLine] = []
    for text in lines:
        if text.strip():
            out.extend(_set_forced_line(text.strip(), style, measure, phrases, settings, fit or measure))
    return tuple(out)


def _set_forced_line(text: str, style: TextStyle, measure: float, phrases: Phrases,
                     settings: Settings, fit: float) -> list[SetLine]:
    items = collect((Span(text, style),), settings)
    p = prefix_sums(items, settings)

    def width(a: int, b: int) -> float:  # natural width of characters a..b-1 on one line
        return measure_line(items, p, a, b - 1, 0.0)[0]

    def split(boundaries) -> list[tuple[int, int]] | None:  # within `fit` if it can, else the measure
        return _balanced_split(boundaries, len(text), width, fit) or _balanced_split(boundaries, len(text), width, measure)

    chosen: list[tuple[int, int]] | None = None
    sets = _boundary_sets(text, items, phrases)
    for boundaries in sets[:3]:  # most preferred first; fewer lines win
        found = split(boundaries)
        if found is not None and (chosen is None or len(found) < len(chosen)):
            chosen = found
    for boundaries in sets[3:]:  # inside a quoted term, then a word: only when nothing else fits, never to save a line
        if chosen is None:
            chosen = split(boundaries)
    # None: a single unbreakable unit wider than the measure; set it anyway, the caller sees width > measure
    lines = []
    for a, b in commas_dropped(text, chosen or [(0, len(text))]):
        line = set_line(items, a, b, measure, first=False, last=True, settings=settings)
        lines.append(on_ink(line, measure) if settings.align is Align.CENTER else line)
    return lines


def commas_dropped(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A display line's break is its comma (newspaper practice): a ， or 、 ending any line but the
    last is left out of it."""
    last = len(ranges) - 1
    return [(a, b - 1 if k < last and b - 1 > a and text[b - 1] in DROPPED_AT_BREAK else b)
            for k, (a, b) in enumerate(ranges)]


def on_ink(line: SetLine, measure: float) -> SetLine:
    """Centre a line on its ink, not on its boxes (pages.md §2: a leading quote must not push it right).

    A mark at either end keeps white inside its box beyond what the line edge
    trims (the ink of a line-end ” ends 0.1 em short of its trimmed box): the
    white of the first glyph's box left of its ink and of the last's right of its
    ink, read from the font for marks (other glyphs fill their boxes), is
    balanced.
    """
    if not line.text:
        return line
    first_style, last_style = line.runs[0][0], line.runs[-1][0]
    scales = line.scales or (1.0,) * len(line.text)
    left_ink = line.xs[0] + _ink(first_style, line.text[0])[0] * scales[0]
    right_ink = line.xs[-1] + _ink(last_style, line.text[-1])[1] * scales[-1]
    shift = (measure - left_ink - right_ink) / 2
    if abs(shift) < 1e-6:
        return line
    return replace(line, xs=tuple(x + shift for x in line.xs), width=line.width + shift)


def _ink(style: TextStyle, ch: str) -> tuple[float, float]:
    """Left and right edge of a glyph's ink from its origin, in points (its box for all but marks)."""
    m = style.metrics
    ink = m.ink.get(ord(ch))
    if ink is None:
        return 0.0, style.em(m.advance(ch))
    return style.em(ink[0]), style.em(ink[1])


def _boundary_sets(text: str, items: Items, phrases: Phrases) -> list[list[int]]:
    """Break positions to try, most preferred first: spaces; + after a pause or stop mark
    (“领域：标题” parts at its colon, not inside “红色根脉”); + phrase ends outside quotes
    and brackets; then, only if none of those fits, + phrase ends inside them; + every legal break."""
    spaces = [i + 1 for i, c in enumerate(items.cls) if c == C.SPACE]
    chunks: list[int] = []
    start = 0
    for part in text.split(" "):
        pos = start
        for chunk in phrases(part)[:-1]:
            pos += len(chunk)
            chunks.append(pos)
        start += len(part) + 1
    # A number and its counter (2026|年, 3.5|万) may part in body text at a price; in a
    # headline never (typesetting.md §1.1.3 house rule).
    legal = [i + 1 for i in range(len(text) - 1) if items.brk[i] == BREAK_YES]
    ok = set(legal) | set(spaces)
    # A quoted term or a title in brackets is one phrase: 创建“垃圾分类”, not 创建“垃圾|分类”
    # (only an explicit space, a pause mark — a quoted sentence parts at its comma:
    # “手艺闲着，| 心里就空落落的” — or nothing else fitting, breaks inside one).
    whole = ok - _inside_brackets(items)
    marks = sorted(set(spaces) | {i + 1 for i in range(len(text) - 1)
                                  if items.cls[i] in _STRONG and i + 1 in ok})
    phrase_set = sorted(set(marks) | {b for b in chunks if b in whole})
    inside = sorted(set(phrase_set) | {b for b in chunks if b in ok})  # phrase ends inside quotes too
    return [spaces, marks, phrase_set, inside, sorted(ok)]


def _inside_brackets(items: Items) -> set[int]:
    """Break positions (k: between characters k−1 and k) inside quotes or brackets."""
    inside, depth = set(), 0
    for k, c in enumerate(items.cls):
        if depth > 0:
            inside.add(k)
        if c == C.OPEN:
            depth += 1
        elif c == C.CLOSE and depth > 0:
            depth -= 1
    return inside


def _balanced_split(boundaries: list[int], n: int, width: Callable[[int, int], float],
                    measure: float) -> list[tuple[int, int]] | None:
    """Fewest lines that fit, then the split whose longest line is shortest (None: no fit)."""
    points = [0] + [b for b in boundaries if 0 < b < n] + [n]
    m = len(points)
    # best[j][k]: smallest possible longest line when points[j] ends the k-th line
    best: list[dict[int, tuple[float, int]]] = [dict() for _ in range(m)]
    best[0][0] = (0.0, -1)
    for j in range(1, m):
        for i in range(j):
            w = width(points[i], points[j])
            if w > measure + 1e-6:
                continue
            for k, (worst, _prev) in best[i].items():
                cand = max(worst, w)
                if k + 1 not in best[j] or cand < best[j][k + 1][0] - 1e-9:
                    best[j][k + 1] = (cand, i)
    if not best[m - 1]:
        return None
    k = min(best[m - 1])
    split, j = [], m - 1
    while j > 0:
        i = best[j][k][1]
        split.append((points[i], points[j]))
        j, k = i, k - 1
    return split[::-1]
