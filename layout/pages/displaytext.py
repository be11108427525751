"""Display lines in the flow and in headline blocks: set like headlines, each line possibly of several spans.

Sub-heads, 【链接】 titles and group heads, 引题 and 副题 break at phrase
boundaries with balanced lines (text/headline.py: spaces first, then BudouX),
never inside a word (街|道, 钱|袋子).  A line may hold more than one style:
the digits of a 楷 line come from the paper's `numerals` face (pages.md §3:
LXGW WenKai's hand-drawn figures make 96.4% and 17台 look handwritten), so the
breaks are chosen on the line's main style and each line is then set again as
spans (the text engine takes tuples of `Span`s, each with its own style).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from layout.pages.sheet import Sheet
from layout.phrases import phrases
from layout.text import Align, SetLine, Settings, Span, TextStyle, set_paragraph
from layout.text.headline import HEADLINE, commas_dropped, on_ink, set_headline
from layout.text.looseness import set_paragraph_lines

KAI = "kai"  # the font role of the 楷 face: lines set in it take their digits from the `numerals` style
NUMBER = re.compile(r"[0-9]+(?:[.,:][0-9]+)*[%‰℃]?")
ITEM_SPREAD_EM = 0.12  # a list item takes a 3-character last line only while no line spreads wider than this


@lru_cache(maxsize=4096)
def headline_lines(lines: tuple[str, ...], style: TextStyle, measure: float, align: Align = Align.CENTER,
                   fit: float | None = None, condense: bool = False) -> tuple[SetLine, ...]:
    """text.headline.set_headline with the paper's phrase segmenter, cached: page make-up sets the same
    headline many times while it fits and staggers a page (and again on every rebuild of the live preview)."""
    return set_headline(tuple(lines), style, measure, phrases, align, fit=fit, condense=condense)


def numeral_spans(text: str, style: TextStyle, numerals: TextStyle | None) -> tuple[Span, ...]:
    """`text` in `style`, each number (2026, 96.4%, 10:30) in `numerals` at the same size."""
    if numerals is None or not NUMBER.search(text):
        return (Span(text, style),)
    figures = replace(numerals, size=style.size)
    out: list[Span] = []
    pos = 0
    for m in NUMBER.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos:m.start()], style))
        out.append(Span(m.group(), figures))
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:], style))
    return tuple(out)


def styled(sheet: Sheet, name: str, text: str, size: float | None = None) -> tuple[Span, ...]:
    """Spans of `text` in style `name`: one span, or the numbers of a 楷 line in the `numerals` face."""
    style = sheet.text(name, size)
    numerals = None
    if sheet.spec(name).font == KAI and "numerals" in sheet.profile.styles:
        numerals = sheet.text("numerals", style.size)
    return numeral_spans(text, style, numerals)


def cut_spans(spans: tuple[Span, ...], start: int, end: int | None = None) -> tuple[Span, ...]:
    """The spans covering characters start..end-1 of their joined text (end None: to the end)."""
    out, pos = [], 0
    for span in spans:
        stop = pos + len(span.text)
        a, b = max(start, pos), stop if end is None else min(end, stop)
        if a < b:
            out.append(Span(span.text[a - pos:b - pos], span.style))
        pos += len(span.text)
    return tuple(out)


def _main_style(spans: tuple[Span, ...]) -> TextStyle:
    """The style most characters are in (the 楷 face of a line whose digits are Song)."""
    weight: dict[TextStyle, int] = {}
    for span in spans:
        weight[span.style] = weight.get(span.style, 0) + len(span.text)
    return max(weight, key=lambda s: (weight[s], -list(weight).index(s)))


def set_display(spans: tuple[Span, ...], measure: float, align: Align, fit: float | None = None,
                breaks: tuple[int, ...] = (), cell: bool = False) -> tuple[SetLine, ...]:
    """Set display text in `measure`: forced lines at the character offsets `breaks`, each broken at
    phrases like a headline; `fit`: the width lines must fit when choosing breaks (a sub-head breaks
    within 90 % of its column and is centred in all of it).  cell: add one empty line after the text,
    the white a sub-head keeps below it (its cell is one row taller than its lines); a sub-head's one
    unbreakable unit wider than its column is condensed to it (nothing is drawn outside a column)."""
    text = "".join(s.text for s in spans)
    bounds = [0, *[b for b in breaks if 0 < b < len(text)], len(text)]
    out: list[SetLine] = []
    for a, b in zip(bounds, bounds[1:]):
        out.extend(_forced_line(spans, a, b, measure, align, fit, cell))
    if cell and out:
        last = out[-1]
        out.append(replace(last, text="", xs=(), runs=(), start=last.end, width=0.0, gap_em=0.0))
    return tuple(out)


def _forced_line(spans: tuple[Span, ...], a: int, b: int, measure: float, align: Align,
                 fit: float | None, condense: bool) -> list[SetLine]:
    part = cut_spans(spans, a, b)
    plain = "".join(s.text for s in part)
    lead = len(plain) - len(plain.lstrip(" "))
    plain = plain.strip(" ")  # ASCII spaces only: a 一字空 alone still makes a line (an untitled 链接 box's tab row)
    if not plain:
        return []
    part = cut_spans(part, lead, lead + len(plain))
    offset = a + lead
    main = _main_style(part)
    if not plain.strip():  # blank but for a 一字空: one empty line (the headline setter drops it)
        line = set_paragraph(part, measure, replace(HEADLINE, align=align))
        return [replace(line[0], start=offset, end=offset + len(plain))] if line else []
    lines = headline_lines((plain,), main, measure, align, fit, condense)
    settings = replace(HEADLINE, align=align, condense=condense)

    def again(s: int, e: int) -> tuple[SetLine, ...]:  # a line set anew as spans, centred on its ink like a headline's
        return tuple(on_ink(line, measure) if align is Align.CENTER else line
                     for line in set_paragraph(cut_spans(part, s, e), measure, settings))
    ends = word_ends(plain)
    if any(line.end < len(plain) and line.end not in ends for line in lines):  # a word split to save a line
        split = _word_split(part, plain, ends, fit or measure) or _word_split(part, plain, ends, measure)
        if split is not None and len(split) <= len(lines) + 1:
            split = commas_dropped(plain, split)  # as set_headline: no ， or 、 at a display line's end
            return [replace(again(s, e)[0], start=s + offset, end=e + offset) for s, e in split]
    if len(part) == 1:
        return [replace(line, start=line.start + offset, end=line.end + offset) for line in lines]
    out = []
    for line in lines:  # the breaks chosen on the main style; each line set again with its own spans
        spans_line = again(line.start, line.end)
        chosen = spans_line[0] if len(spans_line) == 1 and spans_line[0].width <= measure + 0.01 else line
        out.append(replace(chosen, start=line.start + offset, end=line.end + offset))
    return out


_STRONG_END = frozenset("，、：；。！？”’）》」』")


def word_ends(text: str) -> frozenset[int]:
    """Offsets a display line may end at without splitting a word: a space, a mark that ends a phrase,
    or a BudouX phrase boundary with at least two characters on either side (BudouX leaves a name
    such as 梧桐新村 as 梧桐|新|村: a one-character chunk is not taken for a word of its own)."""
    ends = {i + k for i, ch in enumerate(text) if ch == " " for k in (0, 1)}  # either side of a space
    ends |= {i + 1 for i, ch in enumerate(text) if ch in _STRONG_END}
    chunks, pos = [], 0
    for piece in text.split(" "):
        chunks.append([(pos + sum(len(c) for c in phrases(piece)[:k]), c) for k, c in enumerate(phrases(piece))])
        pos += len(piece) + 1
    for group in chunks:
        for (start, left), (_next, right) in zip(group, group[1:]):
            if sum(c.isalnum() for c in left) >= 2 and sum(c.isalnum() for c in right) >= 2:
                ends.add(start + len(left))
    return frozenset(e for e in ends if 0 < e < len(text))


def _word_split(part: tuple[Span, ...], plain: str, ends: frozenset[int], width: float) -> list[tuple[int, int]] | None:
    """The fewest lines, then the most balanced, that break only at `ends` and fit `width` (None: none)."""
    points = [0, *sorted(ends), len(plain)]
    settings = replace(HEADLINE, align=Align.LEFT)

    def size(i: int, j: int) -> float:
        text = cut_spans(part, points[i], points[j])
        return set_paragraph(text, 1e6, settings)[0].width if "".join(s.text for s in text).strip() else 0.0

    best: dict[int, dict[int, tuple[float, int]]] = {0: {0: (0.0, -1)}}  # point → lines → (longest, previous)
    for j in range(1, len(points)):
        best[j] = {}
        for i in range(j):
            w = size(i, j)
            if w > width + 1e-6:
                continue
            for k, (worst, _prev) in best[i].items():
                cand = max(worst, w)
                if k + 1 not in best[j] or cand < best[j][k + 1][0] - 1e-9:
                    best[j][k + 1] = (cand, i)
    last = len(points) - 1
    if not best[last]:
        return None
    k = min(best[last])
    split, j = [], last
    while j > 0:
        i = best[j][k][1]
        split.append((points[i], points[j]))
        j, k = i, k - 1
    return split[::-1]


def set_item(spans: tuple[Span, ...], label: int, hang: float, measure: float, settings: Settings,
             looseness: int = 0) -> tuple[SetLine, ...]:
    """A list item or brief: its first `label` characters set solid in the `hang` left of the text (so
    the label hangs and every line of the text starts at one x), the text in `measure` (already the
    text's own width) with no indent.  The lines' xs are relative to the text's left edge: the
    label's are negative.  A last line of at least `settings.min_last_chars` characters is wanted
    only while it costs no line spread past the house limit (else the text engine's own 孤字 rule)."""
    lines = _item_lines(spans, label, hang, measure, settings, looseness)
    if settings.min_last_chars > 2 and any(line.gap_em > ITEM_SPREAD_EM + 1e-6 for line in lines[:-1]):
        lines = _item_lines(spans, label, hang, measure, replace(settings, min_last_chars=2), looseness)
    return lines


def _item_lines(spans: tuple[Span, ...], label: int, hang: float, measure: float, settings: Settings,
                looseness: int) -> tuple[SetLine, ...]:
    head, rest = cut_spans(spans, 0, label), cut_spans(spans, label, sum(len(s.text) for s in spans))
    if label:
        settings = replace(settings, indent_em=0.0)
    lines = set_paragraph_lines(rest, measure, settings, looseness) if looseness else None
    lines = lines or set_paragraph(rest, measure, settings)
    if not head:
        return lines
    tag = set_paragraph(head, 1e6, replace(settings, align=Align.LEFT))[0]
    first, n = lines[0] if lines else None, len(tag.text)
    text = tag.text + (first.text if first else "")
    xs = tuple(v - hang for v in tag.xs) + (first.xs if first else ())
    runs = tuple(tag.runs) + (tuple((style, a + n, b + n) for style, a, b in first.runs) if first else ())
    scales = None
    if tag.scales or (first and first.scales):  # per-glyph scales follow the joined text (label first)
        scales = (tag.scales or (1.0,) * n) + ((first.scales or (1.0,) * len(first.text)) if first else ())
    joined = replace(first or tag, text=text, xs=xs, runs=runs, scales=scales, start=0,
                     end=(first.end + label) if first else label)
    return (joined,) + tuple(replace(line, start=line.start + label, end=line.end + label) for line in lines[1:])


def label_width(spans: tuple[Span, ...], label: int, settings: Settings) -> float:
    """The hang a label needs: where the text after it starts when the two are set solid on one line
    (a “：” keeps its full width, the space after a ■ its own)."""
    head = cut_spans(spans, 0, label)
    probe = head + (Span("中", spans[-1].style),)
    line = set_paragraph(probe, 1e6, replace(settings, align=Align.LEFT, indent_em=0.0, min_last_chars=1))[0]
    return line.xs[line.text.index("中", len(line.text) - 1)]
