"""Composed lines → display items: the bridge between the text engine and the display list."""

from __future__ import annotations

from layout.display import BLACK, CMYK, GlyphRun
from layout.text import SetLine


def line_runs(line: SetLine, x: float, baseline: float, color: CMYK = BLACK, tag: str = "") -> list[GlyphRun]:
    """One GlyphRun per style run of a composed line whose left edge is at x."""
    runs = []
    for style, start, end in line.runs:
        x0 = line.xs[start]
        runs.append(GlyphRun(
            x=x + x0, y=baseline, text=line.text[start:end], font=style.font, size=style.size,
            xs=tuple(v - x0 for v in line.xs[start:end]), color=color, tag=tag,
            scales=line.scales[start:end] if line.scales else None,
        ))
    return runs
