"""The Chinese text engine: a paragraph or a headline in, lines of positioned glyphs out.

Stages (Typst's inline layout has the same shape):

    spans ──items.collect──▶ Items ──linebreak.break_lines──▶ [(start, end)] ──justify.set_line──▶ SetLine…

No ReportLab and no font files here: fonts arrive as `FontMetrics` (text/metrics.py).
"""

from __future__ import annotations

from functools import lru_cache

from layout.text.items import Items, collect
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
    items = collected(spans, settings)
    return set_lines(items, break_lines(items, measure, settings), measure, settings)


@lru_cache(maxsize=128)
def collected(spans: tuple[Span, ...], settings: Settings) -> Items:
    """The paragraph measured (items.collect), kept a while: fitting sets it again a line longer or
    shorter (text/looseness.py) right after setting it."""
    return collect(spans, settings)


def set_lines(items: Items, ranges: list[tuple[int, int]], measure: float, settings: Settings) -> tuple[SetLine, ...]:
    """The lines start..end of `ranges`, justified to `measure` (the first indented, the last not spread)."""
    last = len(ranges) - 1
    return tuple(
        set_line(items, start, end, measure, first=(k == 0), last=(k == last), settings=settings)
        for k, (start, end) in enumerate(ranges)
    )
