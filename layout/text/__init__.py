"""The Chinese text engine: a paragraph or a headline in, lines of positioned glyphs out.

Stages (Typst's inline layout has the same shape):

    spans ──items.collect──▶ Items ──linebreak.break_lines──▶ [(start, end)] ──justify.set_line──▶ SetLine…

No ReportLab and no font files here: fonts arrive as `FontMetrics` (text/metrics.py).
"""

from __future__ import annotations

from functools import lru_cache

from layout.text.items import collect
from layout.text.justify import SetLine, set_line
from layout.text.linebreak import break_lines
from layout.text.style import Align, PunctuationStyle, Settings, Span, TextStyle

__all__ = [
    "Align", "PunctuationStyle", "Settings", "SetLine", "Span", "TextStyle", "set_paragraph",
]


@lru_cache(maxsize=4096)
def set_paragraph(spans: tuple[Span, ...], measure: float, settings: Settings) -> tuple[SetLine, ...]:
    """Compose one paragraph into lines of width `measure` (points).

    Cached: page make-up sets the same paragraph again when it balances columns
    or rebuilds after an edit to another article.
    """
    spans = tuple(s for s in spans if s.text)
    if not spans:
        return ()
    items = collect(spans, settings)
    ranges = break_lines(items, measure, settings)
    last = len(ranges) - 1
    return tuple(
        set_line(items, start, end, measure, first=(k == 0), last=(k == last), settings=settings)
        for k, (start, end) in enumerate(ranges)
    )
