"""Shared helpers of the text-engine tests: a font with known metrics, and helpers that read lines back.

The fake font (architecture.md §9, "a test font with known metrics") makes every
expectation computable by hand:

- every ideograph and every full-width mark is 1 em;
- marks carry their ink in the half GB/T 15834 §5.1 puts it: opening marks in
  the right half, closing and pause/stop marks in the left half, the interpunct
  · centred (so its ¼ + ¼ em blanks can go), dashes and ellipses across the box;
- Latin letters, digits and ASCII symbols are ½ em, the word space ¼ em.

At SIZE = 10 pt one em is 10 pt, so a measure of 7 em is 70 pt.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from layout.text import Settings, SetLine, Span, TextStyle, set_paragraph
from layout.text.cjk import C, _base_class
from layout.text.metrics import PUNCTUATION_FOR_INK, FontMetrics

SIZE = 10.0  # pt: one em is 10 pt, so widths in pt read as tenths of an em
EPS = 0.01  # pt: the geometric tolerance of every assertion


class _Advances(Mapping[int, float]):
    """Advance of any code point, computed: the fake font covers everything."""

    def __getitem__(self, cp: int) -> float:
        if cp == 0x20:
            return 0.25
        if cp == 0xB7:
            return 1.0  # · as a full-width centred glyph (AR PL style): ¼ em each side may go
        return 0.5 if cp < 0x2000 else 1.0

    def __iter__(self) -> Iterator[int]:
        return iter(range(0x20, 0x2000))  # only for completeness; lookups never iterate

    def __len__(self) -> int:
        return 0x2000 - 0x20


def _ink(ch: str) -> tuple[float, float]:
    cls = _base_class(ch)
    if cls == C.OPEN:
        return (0.55, 0.9)
    if cls in (C.CLOSE, C.PAUSE, C.STOP):
        return (0.1, 0.45)
    if cls == C.MIDDOT:
        return (0.4, 0.6)
    return (0.0, 1.0)  # dashes, ellipses, connectors: ink across the box


FAKE = FontMetrics(
    name="fake",
    advances=_Advances(),
    ink={ord(ch): _ink(ch) for ch in PUNCTUATION_FOR_INK + "‼⁇⁈⁉"},
)
FAKE_STYLE = TextStyle("fake", FAKE, SIZE)

# Most tables set text without the 2-em indent so the expected lines stay short;
# the indent has tests of its own.
FLUSH = Settings(indent_em=0.0)


def compose(text: str, measure_em: float, settings: Settings = FLUSH, style: TextStyle = FAKE_STYLE
            ) -> tuple[SetLine, ...]:
    """Set `text` with the fake font in a measure given in em."""
    return set_paragraph((Span(text, style),), measure_em * style.size, settings)


def texts(lines: tuple[SetLine, ...]) -> list[str]:
    return [line.text for line in lines]


def right_edge(line: SetLine, metrics: FontMetrics, size: float) -> float:
    """Where the last glyph's box ends, in pt from the line's left edge (its full advance)."""
    return line.xs[-1] + metrics.advance(line.text[-1]) * size


def ink_edges(style: TextStyle, ch: str) -> tuple[float, float]:
    """Left and right edge of a glyph's ink from its origin, in pt.

    From the font's ink data for punctuation; a mark without ink data is where
    GB/T 15834 puts it (the engine assumes the same); anything else fills its box.
    """
    m = style.metrics
    ink = m.ink.get(ord(ch))
    if ink is None:
        adv = m.advance(ch)
        cls = _base_class(ch)
        if cls == C.OPEN and adv >= 0.9:
            ink = (adv / 2, adv)
        elif cls in (C.CLOSE, C.PAUSE, C.STOP) and adv >= 0.9:
            ink = (0.0, adv / 2)
        else:
            ink = (0.0, adv)
    return ink[0] * style.size, ink[1] * style.size


def with_(settings: Settings = FLUSH, **changes) -> Settings:
    return replace(settings, **changes)

