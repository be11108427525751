"""Paragraph → per-character items: widths, trimmable blanks, glue and break opportunities.

One entry per character, kept as parallel lists (fast in CPython, and the line
breaker sums them with prefix arrays).  What each character may lose or gain
follows typesetting.md §1.2–§1.4:

- punctuation is an ink half plus a blank half (clreq #h-punctuation_adjustment_space);
  which side is blank is measured from the font's ink, never assumed;
- adjacent marks are compressed once, here, before breaking (clreq
  #h-adjustment_of_adjacent_punctuation_marks: 。” takes 1.5 em);
- Han↔Latin/digit boundaries get ¼ em of autospace that shrinks to ⅛ em and
  stretches to ⅓ em before any Han gap is touched (clreq
  #mixed_text_composition_in_horizontal_writing_mode);
- expansion opportunities (E3) are the gaps between CJK units, never after an
  opening mark, before a closing or pause mark, or inside inseparables.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.cjk import C, can_break, classify, number_unit_penalty
from layout.text.style import PunctuationStyle, Settings, Span, TextStyle

BREAK_NO, BREAK_YES, BREAK_PENALTY = 0, 1, 2

_BLANK_RIGHT = frozenset({C.CLOSE, C.PAUSE, C.STOP})
_PUNCT = frozenset({C.OPEN, C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT})
_WESTERN = frozenset({C.LATIN, C.DIGIT, C.PRE, C.POST})
_HANLIKE = frozenset({C.HAN, C.ITER})
# E3: may extra space go between a character of class a and one of class b?
_E3_LEFT = frozenset({C.HAN, C.ITER, C.CLOSE, C.PAUSE, C.STOP, C.LONG})
_E3_RIGHT = frozenset({C.HAN, C.ITER, C.OPEN, C.LONG})


@dataclass(frozen=True)
class Items:
    """The measured characters of one paragraph (all lengths in points).

    adv: advance; lcut/rcut: blank already removed on the left/right (adjacent-mark
    compression, kaiming/banjiao styles); lb/rb: blank still removable;
    auto: autospace after the character; shrink_l/shrink_r/shrink_g: shrinkability
    on the left blank, right blank, and in the glue after; stretch_g: stretch of
    the glue after (E1 word spaces, E2 autospace); shrink_stop: the right blank of
    。？！ inside a line, the last resort (R7); tail: what a closing or pause mark
    may give beyond its ½ em when it ends a line (see _tail); e3: 1 if the gap after is a
    Han-gap expansion opportunity; mg: 1 if that gap may also tighten by the
    invisible micro-shrink (not before an opening mark or interpunct, whose left
    blank may already close it); brk: break after (BREAK_*); lead: left blank
    given back inside a line and removed only at a line start (see _keep_order);
    style: index into `styles`.
    """

    text: str
    cls: list[C]
    styles: tuple[TextStyle, ...]
    style: list[int]
    adv: list[float]
    lcut: list[float]
    rcut: list[float]
    lb: list[float]
    rb: list[float]
    auto: list[float]
    shrink_l: list[float]
    shrink_r: list[float]
    shrink_g: list[float]
    stretch_g: list[float]
    shrink_stop: list[float]
    tail: list[float]
    e3: list[int]
    mg: list[int]
    brk: list[int]
    lead: list[float]

    def __len__(self) -> int:
        return len(self.text)


def _blanks(ch: str, cls: C, style: TextStyle) -> tuple[float, float]:
    """(left, right) removable blank of one mark, from the font's ink (fonts.md §5.3)."""
    if cls not in _PUNCT:
        return 0.0, 0.0
    m = style.metrics
    adv = m.advance(ch)
    if adv < 0.9:
        return 0.0, 0.0  # proportional glyph: already narrow (css-text-4 fullwidth collapsing)
    ink = m.ink.get(ord(ch))
    if ink is None:
        left, right = (0.5, 0.0) if cls == C.OPEN else (0.0, 0.5) if cls in _BLANK_RIGHT else (0.25, 0.25)
    else:
        x0, x1 = ink
        if x1 <= adv / 2 + 0.02:
            left, right = 0.0, adv - adv / 2
        elif x0 >= adv / 2 - 0.02:
            left, right = adv / 2, 0.0
        elif x0 >= adv * 0.2 and x1 <= adv * 0.8:
            left, right = adv / 4, adv / 4  # centred mark: ¼ + ¼ (typst#8390, clreq#761)
        else:
            left, right = 0.0, 0.0
    return style.em(left), style.em(right)


TAIL_MAX_EM = 0.05
TAIL_MAX_PT = 0.45
TAIL_CLEARANCE_EM = 0.05


def _tail(ch: str, style: TextStyle) -> float:
    """Extra room a line-end closing or pause mark may give beyond its ½ em, in points.

    GB/T 15834 §5.1.10 sets a line-end mark in ½ em.  On a measure that is not a
    whole number of em (13.48 em, say) a line of 13 ideographs and a final ，
    is 0.02 em too long, and refusing it spreads the line before it by 0.09 em
    per gap.  So the mark may give up to 0.05 em more, never more than 0.45 pt
    (0.05 em is 0.45 pt at 9 pt but 0.525 pt at 10.5 pt), never bringing its ink
    closer than 0.05 em to the column edge.  xeCJK goes further and trims to the
    ink.  Deviation from the strict ½ em, kept below what an eye or a checker's
    0.5 pt tolerance can see at any size.
    """
    m = style.metrics
    ink = m.ink.get(ord(ch))
    if ink is None:
        return 0.0
    room = m.advance(ch) / 2 - ink[1] - TAIL_CLEARANCE_EM
    return min(style.em(max(0.0, min(TAIL_MAX_EM, room))), TAIL_MAX_PT)


# Memos of what a style's font gives each character (the font's metrics are fixed): an
# advance table per style, in points, and the blanks and tail of each mark.  A galley
# sets hundreds of paragraphs in one style; each character is measured once.
_ADVANCES: dict[TextStyle, dict[str, float]] = {}
_MARKS: dict[tuple[str, C, TextStyle], tuple[float, float, float]] = {}


def _mark(ch: str, cls: C, style: TextStyle) -> tuple[float, float, float]:
    """(left blank, right blank, line-end tail) of one mark, in points, before compression.

    The tail counts only while the right blank is still there: `collect` drops it
    where adjacent-mark compression or the 开明/半角 styles took the blank.
    """
    left, right = _blanks(ch, cls, style)
    return left, right, _tail(ch, style) if cls in _BLANK_RIGHT and right > 0 else 0.0


def _advance_table(style: TextStyle, text: str) -> dict[str, float]:
    """Advances in points of (at least) every character of `text`."""
    table = _ADVANCES.get(style)
    if table is None:
        table = _ADVANCES[style] = {}
    for ch in set(text).difference(table):
        table[ch] = style.em(style.metrics.advance(ch))
    return table


def _spread(spans: tuple[Span, ...]) -> tuple[str, tuple[TextStyle, ...], list[int]]:
    styles: list[TextStyle] = []
    index: list[int] = []
    for span in spans:
        if span.style not in styles:
            styles.append(span.style)
        index.extend([styles.index(span.style)] * len(span.text))
    return "".join(s.text for s in spans), tuple(styles), index


def collect(spans: tuple[Span, ...], settings: Settings) -> Items:
    """Measure a paragraph: the first stage of the composer."""
    text, styles, style = _spread(spans)
    n = len(text)
    cls = classify(text)
    if len(styles) == 1:  # the common case: one advance table for the paragraph
        table = _advance_table(styles[0], text)
        adv = [table[ch] for ch in text]
    else:
        tables = [_advance_table(st, text) for st in styles]
        adv = [tables[k][ch] for k, ch in zip(style, text)]
    lb, rb, tail = [0.0] * n, [0.0] * n, [0.0] * n
    marks = [i for i, c in enumerate(cls) if c in _PUNCT]  # the few characters with blanks
    for i in marks:
        key = (text[i], cls[i], styles[style[i]])
        mark = _MARKS.get(key)
        if mark is None:
            mark = _MARKS[key] = _mark(*key)
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
        text, cls, styles, style, adv, lcut, rcut, lb, rb,
        auto=[0.0] * n, shrink_l=[0.0] * n, shrink_r=[0.0] * n, shrink_g=[0.0] * n,
        stretch_g=[0.0] * n, shrink_stop=[0.0] * n, tail=tail, e3=[0] * n, mg=[0] * n, brk=[BREAK_NO] * n,
        lead=[0.0] * n,
    )
    _glue(items, settings)
    _keep_order(items, marks)
    return items


def _compress_punctuation(cls, marks, lb, rb, lcut, rcut, punctuation: PunctuationStyle) -> None:
    """Static compression, applied once (clreq #h-adjustment_of_adjacent_punctuation_marks).

    全角: of two adjacent marks totalling 2 em, remove the blank between them → 1.5 em.
    开明: every mark but 。？！ is set in ½ em; 半角: every mark in ½ em.  A pair
    is compressed only while both marks are still full width: in 开明 。” is
    already 1.5 em (。 full, ” half) and stays so; ？！ still becomes 1.5 em.
    `marks` lists the indices of the marks (classes with blanks), in order.
    """
    n = len(cls)
    halved = [False] * n
    if punctuation is not PunctuationStyle.QUANJIAO:
        for i in marks:
            if punctuation is PunctuationStyle.KAIMING and cls[i] == C.STOP:
                continue
            halved[i] = lb[i] > 0 or rb[i] > 0
            lcut[i], lb[i] = lcut[i] + lb[i], 0.0
            rcut[i], rb[i] = rcut[i] + rb[i], 0.0
    for i in marks:  # every rule below needs a mark on the left
        if i + 1 == n:
            break
        a, b = cls[i], cls[i + 1]
        if halved[i] or halved[i + 1]:
            continue
        if a in _BLANK_RIGHT and b in _BLANK_RIGHT:
            rcut[i], rb[i] = rcut[i] + rb[i], 0.0
        elif b == C.OPEN and (a == C.OPEN or a in _BLANK_RIGHT):
            lcut[i + 1], lb[i + 1] = lcut[i + 1] + lb[i + 1], 0.0
        elif b == C.MIDDOT and a in _PUNCT:
            rcut[i], rb[i] = rcut[i] + rb[i], 0.0
        elif a == C.MIDDOT and b in _PUNCT:
            lcut[i + 1], lb[i + 1] = lcut[i + 1] + lb[i + 1], 0.0


def _glue(it: Items, settings: Settings) -> None:
    """Autospace, shrink/stretch, expansion opportunities and break opportunities."""
    text, cls, n = it.text, it.cls, len(it.text)
    han, e3, mg, brk = C.HAN, it.e3, it.mg, it.brk
    for i in range(n):
        c = cls[i]
        if c == han and i + 1 < n and cls[i + 1] == han:  # the common case: an E3 gap and a break
            e3[i] = mg[i] = 1
            brk[i] = BREAK_YES
            continue
        size = it.styles[it.style[i]].size
        if c == C.OPEN:
            it.shrink_l[i] = it.lb[i]  # R4: outer blank of a bracket, down to ½ em
        elif c == C.CLOSE or c == C.PAUSE:
            it.shrink_r[i] = it.rb[i]  # R4 / R5: ，、；： and closing brackets down to ½ em
        elif c == C.MIDDOT:
            it.shrink_l[i], it.shrink_r[i] = it.lb[i], it.rb[i]  # R3
        elif c == C.STOP:
            it.shrink_stop[i] = it.rb[i]  # R7: priced as a last resort by the line breaker
        elif c == C.SPACE:
            it.shrink_g[i] = it.adv[i] * 0.2  # R2: word spaces shrink a little
            it.stretch_g[i] = max(0.0, 0.5 * size - it.adv[i])  # E1: up to ½ em
        if i + 1 == n:
            break
        d = cls[i + 1]
        if (c in _HANLIKE and d in _WESTERN) or (c in _WESTERN and d in _HANLIKE):
            it.auto[i] = settings.autospace_em * size
            it.shrink_g[i] = it.auto[i] / 2  # R6: ¼ em → ⅛ em
            it.stretch_g[i] = size / 12  # E2: ¼ em → ⅓ em
        elif c in _E3_LEFT and d in _E3_RIGHT and not (c == C.LONG and d == C.LONG):
            e3[i] = 1
            mg[i] = 0 if d == C.OPEN else 1
        if can_break(text, cls, i):
            brk[i] = BREAK_PENALTY if number_unit_penalty(text, cls, i) else BREAK_YES
    if settings.strict_long_marks:
        for i in range(n - 1):
            if cls[i + 1] == C.LONG and (i == 0 or cls[i] != C.LONG):
                brk[i] = BREAK_NO
    brk[n - 1] = BREAK_YES


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
        room = it.adv[j] - it.rcut[j] - it.shrink_r[j] - it.shrink_stop[j] + it.auto[j] - it.shrink_g[j]
        excess = it.lcut[i] + it.shrink_l[i] - max(0.0, room)
        if excess <= 1e-9:
            continue
        take = min(excess, it.shrink_l[i])
        it.shrink_l[i] -= take
        excess -= take
        if excess > 1e-9:
            it.lcut[i] -= excess
            it.lead[i] += excess
