"""标点挤压: what each punctuation mark may give up, measured from its face (typesetting.md §1.2, pages.md §4).

Apart from items.py because a mark's blanks are a question about the font and
GB/T 15834, asked once per mark and style and memoised, while items.py lays out
the whole paragraph (glue, breaks, the character grid) from the answers:

- punctuation is an ink half plus a blank half (clreq #h-punctuation_adjustment_space);
  which side is blank is measured from the font's ink, never assumed;
- a CJK mark a face draws proportional (WenKai's “ ” at 0.35 em, Noto Serif's ·)
  is set full width all the same: in a 全角 setting quotes and the 间隔号 are full
  width in every face (GB/T 15834 §5.1; the body face's glyph when the style
  names one, else the mark centred on its half of a full-em cell);
- a line-end closing or pause mark may give a hair beyond its ½ em (_tail);
- adjacent marks are compressed once, here, before breaking (clreq
  #h-adjustment_of_adjacent_punctuation_marks: 。” takes 1.5 em).

What a mark may then give up inside a line (squeezing, R7) is recorded with the
glue, in items._glue.
"""

from __future__ import annotations

from layout.text.cjk import _TABLE, C
from layout.text.style import PunctuationStyle, TextStyle

_BLANK_RIGHT = frozenset({C.CLOSE, C.PAUSE, C.STOP})
_PUNCT = frozenset({C.OPEN, C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT})
# Where a mark sits in its full-em cell when the face draws it proportional: the
# centre of its ink, in em (GB/T 15834 §5.1: opening marks right, closing and
# pause/stop marks left, the 间隔号 in the middle).
_CELL_CENTRE = {C.OPEN: 0.75, C.CLOSE: 0.25, C.PAUSE: 0.25, C.STOP: 0.25, C.MIDDOT: 0.5}
FULL_WIDTH = 0.9  # em: a mark glyph at least this wide is a full-width glyph (fonts.md §5.3)
_MARK_CHARS = frozenset(ch for ch, c in _TABLE.items() if c in _PUNCT)  # every character of the mark classes


def _blanks(ch: str, cls: C, style: TextStyle) -> tuple[float, float]:
    """(left, right) removable blank of one mark, from the font's ink (fonts.md §5.3)."""
    if cls not in _PUNCT:
        return 0.0, 0.0
    m = style.metrics
    adv = m.advance(ch)
    if adv < FULL_WIDTH:
        return 0.0, 0.0  # proportional glyph: already narrow (css-text-4 fullwidth collapsing)
    ink = m.ink.get(ord(ch))
    if ink is None:
        left, right = _cell_blanks(cls)
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


def _cell_blanks(cls: C) -> tuple[float, float]:
    """Blanks in em of a mark where GB/T 15834 §5.1 puts it in its em box."""
    if cls == C.OPEN:
        return 0.5, 0.0
    if cls in _BLANK_RIGHT:
        return 0.0, 0.5
    return 0.25, 0.25


def _cell(ch: str, cls: C, style: TextStyle) -> float:
    """Offset in em that centres a proportional mark's ink on its half of a full-em cell."""
    m = style.metrics
    ink = m.ink.get(ord(ch)) or (0.0, m.advance(ch))
    offset = _CELL_CENTRE[cls] - (ink[0] + ink[1]) / 2
    return min(max(offset, -ink[0]), 1.0 - ink[1])  # the ink stays inside the cell


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


# Memos of what a style's font gives each mark (the font's metrics are fixed): the blanks and
# tail of each mark, and which marks the face draws proportional.  A galley sets hundreds of
# paragraphs in one style; each mark is measured once.
_MARKS: dict[TextStyle, dict[tuple[str, C, bool], tuple[float, float, float]]] = {}
_NARROW: dict[TextStyle, frozenset[str]] = {}  # style → the marks its face draws proportional


def _mark(ch: str, cls: C, style: TextStyle, cell: bool) -> tuple[float, float, float]:
    """(left blank, right blank, line-end tail) of one mark, in points, before compression.

    cell: the mark is set in a full-em cell (its face draws it proportional): its
    blanks are the parts of the cell left and right of the glyph on the sides
    GB/T 15834 leaves empty (so a trimmed line edge falls on the glyph's box), and
    it has no tail.  The tail counts only while the right blank is still there:
    `items.collect` drops it where adjacent-mark compression or the 开明/半角 styles took the blank.
    """
    if cell:
        offset = _cell(ch, cls, style)
        left = offset if cls in (C.OPEN, C.MIDDOT) else 0.0
        right = 1.0 - offset - style.metrics.advance(ch) if cls in _BLANK_RIGHT or cls == C.MIDDOT else 0.0
        return style.em(max(0.0, left)), style.em(max(0.0, right)), 0.0
    left, right = _blanks(ch, cls, style)
    return left, right, _tail(ch, style) if cls in _BLANK_RIGHT and right > 0 else 0.0


def _full_width_marks(text: str, cls: list[C], styles: list[TextStyle], style: list[int],
                      marks: list[int]) -> set[int]:
    """Set every proportional mark full width; returns the indices placed in a full-em cell.

    A mark the style's mark_face draws full width is drawn from that face (its
    index into `styles` is switched); any other proportional mark keeps its glyph,
    centred on its half of an em cell.
    """
    cells: set[int] = set()
    narrow = [_narrow_marks(st) for st in styles]
    for i in [i for i in marks if text[i] in narrow[style[i]]]:  # few or none: Noto Serif's · only
        st = styles[style[i]]
        ch = text[i]
        face = st.mark_face
        if face is not None and face[1].covers(ch) and face[1].advance(ch) >= FULL_WIDTH:
            sub = TextStyle(face[0], face[1], st.size)
            if sub not in styles:
                styles.append(sub)
            style[i] = styles.index(sub)
        else:
            cells.add(i)
    return cells


def _narrow_marks(style: TextStyle) -> frozenset[str]:
    """The CJK marks the style's face draws proportional (under FULL_WIDTH), measured once per style."""
    marks = _NARROW.get(style)
    if marks is None:
        m = style.metrics
        marks = _NARROW[style] = frozenset(ch for ch in _MARK_CHARS if m.covers(ch) and m.advance(ch) < FULL_WIDTH)
    return marks


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
