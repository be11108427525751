"""Text styles and paragraph settings handed to the line composer (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from layout.text.metrics import FontMetrics


class PunctuationStyle(Enum):
    """标点挤压 style (typesetting.md §1.2.2): widths of full-width marks inside the line."""

    QUANJIAO = "quanjiao"  # 全角式: 1 em each, adjacent pairs 1.5 em (default)
    KAIMING = "kaiming"  # 开明式: 。？！ 1 em, all other marks ½ em
    BANJIAO = "banjiao"  # 半角式: all marks ½ em


class Align(Enum):
    JUSTIFY = "justify"  # body text: every line but the last meets both edges
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class TextStyle:
    """One font at one size.  `font` is the key the renderer draws with (e.g. "song")."""

    font: str
    metrics: FontMetrics
    size: float

    def em(self, value: float) -> float:
        """Em → points at this size."""
        return value * self.size


@dataclass(frozen=True)
class Span:
    """A run of text in one style; a paragraph is a tuple of spans."""

    text: str
    style: TextStyle


@dataclass(frozen=True)
class Settings:
    """How a paragraph is composed (typesetting.md §1.2–§1.5).

    indent_em: first-line indent, as geometry (clreq #first_line_indents).
    max_gap_em: hard limit of extra space per Han gap (house limit 0.25 em, §1.3 E3).
    micro_shrink_em: how much a Han gap may tighten, as the last step before 。？！
        are compressed: far below what an eye can see (cjkmetrics counts an
        overlap only below −0.01 em), enough to take up the 0.02 em by which a
        line overshoots a measure that is not a whole number of em.
    target_gap_em: the expansion the cost function treats as "fine" (house target ≤ 0.1 em).
    min_last_chars: no 孤字: the last line holds at least this many non-punctuation characters.
    headline_space_em: in headlines, the width of a space between phrases (a 1-em gap);
        None: a space keeps the font's own width (Latin word spaces in body text).
    """

    align: Align = Align.JUSTIFY
    indent_em: float = 2.0
    punctuation: PunctuationStyle = PunctuationStyle.QUANJIAO
    trim_line_start_open: bool = True
    autospace_em: float = 0.25
    max_gap_em: float = 0.25
    micro_shrink_em: float = 0.004
    target_gap_em: float = 0.06
    min_last_chars: int = 2
    strict_long_marks: bool = False
    headline_space_em: float | None = None


BODY = Settings()
