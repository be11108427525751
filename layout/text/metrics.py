"""Font metrics as the text engine sees them: advances and punctuation ink, in em.

The engine never opens a font file: `layout.fonts` reads each font once and
hands over a `FontMetrics`.  Punctuation is classified by where its ink sits,
not by a table (typesetting.md §1.2.1, fonts.md §5.3): fonts differ (Noto's
“ is full width, WenKai's is proportional).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

# Every mark whose ink position the engine needs (fonts.md §5.3): the OPEN,
# CLOSE, STOP, MIDDOT, CONNECT and LONG classes of typesetting.md §1.1.1.
PUNCTUATION_FOR_INK = (
    "“‘（〔［｛〈《「『【〖〘〚｟"  # OPEN
    "”’）〕］｝〉》」』】〗〙〛｠"  # CLOSE
    "。．，、；：？！"  # STOP
    "·・‧･"  # MIDDOT
    "–—―～〜‐⸺…⋯"  # CONNECT and LONG
    "／"  # SOLIDUS
)


@dataclass(frozen=True, eq=False)  # identity: one instance per font file, usable as a cache key
class FontMetrics:
    """What the line composer needs from one font.

    advances: code point → advance width in em (unitsPerEm = 1).
    ink: code point → (ink xmin, ink xmax) in em, for PUNCTUATION_FOR_INK marks
         the font has.  A full-width mark without an entry is assumed to sit
         where GB/T 15834 puts it (punctuation._blanks: opening marks blank on the
         left, closing and pause/stop marks on the right, interpuncts centred).
    ascent, descent: the ideographic em box (typo ascender/descender) in em;
         descent is negative.  Used to place the em box on the baseline grid.
    """

    name: str
    advances: Mapping[int, float]
    ink: Mapping[int, tuple[float, float]] = field(default_factory=dict)
    ascent: float = 0.88
    descent: float = -0.12
    _covered: set[str] = field(default_factory=set, repr=False)  # characters found in the font so far


    def advance(self, ch: str) -> float:
        """Advance of one character in em; a missing glyph counts as 1 em (it is reported elsewhere)."""
        return self.advances.get(ord(ch), 1.0)

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.advances

    def lacks(self, text: str) -> tuple[str, ...]:
        """The characters of `text` the font has no glyph for, each once, in order of first use.

        Checks every character drawn (缺字): one set difference per string once its characters are known."""
        new = set(text).difference(self._covered)
        if not new:
            return ()
        self._covered.update(ch for ch in new if self.covers(ch))
        missing = new.difference(self._covered)
        return tuple(ch for ch in dict.fromkeys(text) if ch in missing) if missing else ()
