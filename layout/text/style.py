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
    """One font at one size.  `font` is the key the renderer draws with (e.g. "song").

    mark_face: (font key, metrics) of the face CJK marks are taken from when this
    face draws them proportional (LXGW WenKai's “ ” are 0.35 em): in a 全角
    setting quotes are full width in every face (pages.md §4), so the body face's
    full-width glyph is drawn instead.  None: marks come from this face, and a
    proportional one is placed in a full-em cell (punctuation._cell).
    """

    font: str
    metrics: FontMetrics
    size: float
    mark_face: tuple[str, FontMetrics] | None = None

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
    max_gap_em: hard limit of extra space per Han gap (§1.3 E3: 0.25 em there; 0.15 em here,
        the widest spread the best peers leave on real newspaper text, pages.md §4).
    squeeze_gap_em: the spacing limit of a 全角 line (typesetting.md §1.3 house target
        ≤ 0.1 em): a line would rather squeeze its mid-line marks under ¾ em than spread
        further, and spreads on up to max_gap_em only where it has no mark to squeeze.
    autospace_em: space between a Han character and a run of digits or Latin letters
        (clreq #mixed_text_composition_in_horizontal_writing_mode: ¼ em); with char_grid a
        paper chooses 0 or ¼ em, either of which keeps a digit run on whole half-ems.
    micro_shrink_em: how much a Han gap may tighten, as the last step before 。？！
        are compressed: far below what an eye can see (cjkmetrics counts an
        overlap only below −0.01 em), enough to take up the 0.02 em by which a
        line overshoots a measure that is not a whole number of em.
    target_gap_em: the expansion the cost function treats as "fine" (house target ≤ 0.1 em).
    min_last_chars: no 孤字: the last line holds at least this many non-punctuation characters.
    headline_space_em: in headlines, the width of a space between phrases (a 1-em gap);
        None: a space keeps the font's own width (Latin word spaces in body text).
    squeeze_first: 全角 marks give up their blanks before Han gaps spread ("compress
        first", the engine's behaviour before issue 12).  False (default): jlreq 3.8 order —
        a line spreads its inter-character space up to max_gap_em first, and a mid-line
        mark is squeezed only when the line would otherwise pass that limit.
    char_grid: 字格 — European digits in ½-em cells (two digits to a character), each
        run of digits or Latin letters with its spacing padded to whole half-ems, and
        that spacing fixed (no R6/E2), so the Han characters after a number stay on the
        line's character grid.  Headlines, set solid and centred, keep proportional digits.
    fullwidth_marks: CJK marks a face draws proportional (WenKai's quotes, Noto Serif's ·)
        are set full width: from TextStyle.mark_face, else centred on their half of a full-em cell.
    condense: a line that nothing can fit (a glyph or unit wider than the measure) is
        condensed horizontally to the measure instead of running into the next column.
    """

    align: Align = Align.JUSTIFY
    indent_em: float = 2.0
    punctuation: PunctuationStyle = PunctuationStyle.QUANJIAO
    trim_line_start_open: bool = True
    autospace_em: float = 0.0
    max_gap_em: float = 0.15
    squeeze_gap_em: float = 0.10
    micro_shrink_em: float = 0.004
    target_gap_em: float = 0.06
    min_last_chars: int = 2
    strict_long_marks: bool = False
    headline_space_em: float | None = None
    squeeze_first: bool = False
    char_grid: bool = True
    fullwidth_marks: bool = True
    condense: bool = True


BODY = Settings()
