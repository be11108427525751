"""拉行 / 缩行: a paragraph set one line longer or shorter than its best setting, when that reads well.

A typesetter filling a column to its last line takes a paragraph whose natural
setting leaves room and re-breaks it over one more line (拉行), or pulls a
short last line up into the lines above (缩行); TeX calls this looseness
(\\looseness=±1).  Here: the paragraph is broken for a slightly narrower (or
wider) measure until it gains (or loses) a line, then every line is justified
to the true measure.  The result is accepted only if it keeps every rule the
natural setting keeps: no line spread past the hard limit (a Han gap of at most
`LOOSE_GAP_EM`, well inside the house limit), no mark alone mid-line squeezed
under ¾ em (the justifier's last resort, not a way to save a line), nothing
wider than the measure, and no 孤字 last line.

Pure and cached, like `set_paragraph`: page make-up asks for the same
paragraph's alternatives many times while it searches for an exact fit.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from layout.text import collected, set_lines, set_paragraph
from layout.text.cjk import classify
from layout.text.justify import SetLine
from layout.text.linebreak import break_lines
from layout.text.lineprice import prefix_sums
from layout.text.punctuation import _PUNCT
from layout.text.style import Settings, Span

LOOSE_GAP_EM = 0.12  # extra space per Han gap a 拉行 may give a line (the house limit is 0.25 em, target 0.06)
STEP_EM = 0.25  # how much narrower (or wider) each try breaks
MAX_STEPS = 8  # up to 2 em: further than that a line would not hold together


@lru_cache(maxsize=4096)
def set_paragraph_lines(spans: tuple[Span, ...], measure: float, settings: Settings, extra: int) -> tuple[SetLine, ...] | None:
    """The paragraph in its natural number of lines + `extra` (+1 or −1), or None when that cannot be
    done within the limits (see the module docstring)."""
    spans = tuple(s for s in spans if s.text)
    if not spans or extra not in (-1, 1):
        return None
    items = collected(spans, settings)
    prefix = prefix_sums(items, settings)  # the same at every trial measure
    target = len(set_paragraph(spans, measure, settings)) + extra  # the natural setting, cached
    if target < 1:
        return None
    em = spans[0].style.size
    for step in range(1, MAX_STEPS + 1):
        ranges = break_lines(items, measure - extra * step * STEP_EM * em, settings, prefix)
        if len(ranges) == target:
            # condense off: a line that does not fit its measure must show as too wide and be refused,
            # not be condensed into it (condensing is for a unit nothing else can fit)
            lines = set_lines(items, ranges, measure, replace(settings, condense=False))
            return lines if _acceptable(lines, measure, settings, em) else None
        if (extra > 0 and len(ranges) > target) or (extra < 0 and len(ranges) < target):
            return None  # jumped past the target: this paragraph has no setting with exactly that many lines
    return None


SQUEEZE_FLOOR_EM = 0.75  # a mark alone mid-line keeps at least ¾ em (the justifier's last resort goes below)


def _marks_squeezed(line: SetLine, em: float) -> bool:
    """A mark alone inside the line (not at either end, no mark beside it) set narrower than ¾ em: a
    缩行 that needs this would leave the paragraph's punctuation visibly uneven (pages.md §3)."""
    xs = line.xs
    mark = [c in _PUNCT for c in classify(line.text)]  # the marks with a blank (the text engine's classes)
    for k in range(1, len(mark) - 1):
        if mark[k] and not mark[k - 1] and not mark[k + 1]:
            scale = line.scales[k] if line.scales else 1.0
            if scale == 1.0 and xs[k + 1] - xs[k] < SQUEEZE_FLOOR_EM * em - 0.01:
                return True
    return False


def _acceptable(lines: tuple[SetLine, ...], measure: float, settings: Settings, em: float) -> bool:
    for line in lines:
        if line.width > measure + 0.01:
            return False  # could not be shrunk into the measure
        if not line.last and line.gap_em > LOOSE_GAP_EM:
            return False
        if _marks_squeezed(line, em):
            return False
    tail = lines[-1].text.strip()
    content = [ch for ch in tail if ch.isalnum()]
    return len(content) >= settings.min_last_chars or len(lines) == 1
