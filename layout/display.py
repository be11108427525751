"""The display list: laid-out pages as pure data, the contract between page make-up and drawing.

Coordinates are points with the origin at the top-left corner of the trimmed
page, y growing downwards; only `render/pdf.py` flips them.  The renderer makes
no typographic decision: every glyph position is decided before it gets here.

Colours are CMYK tuples with components in 0..1.  Text in pure K is drawn
overprinting (print.md §1.2).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CMYK = tuple[float, float, float, float]

BLACK: CMYK = (0.0, 0.0, 0.0, 1.0)
WHITE: CMYK = (0.0, 0.0, 0.0, 0.0)

EM_ASCENT = 0.88  # a glyph's em box reaches this far above the baseline (pages/grid.py DEFAULT_ASCENT) …
EM_DESCENT = 0.12  # … and this far below it, in ems


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """Characters of one font and size on one baseline.

    x, y: origin of the first glyph (y = baseline).  xs: each glyph's x offset
    from `x`, one per character of `text`; the renderer draws glyphs exactly
    there (compressed punctuation and justification are already in xs).
    font: a font role key resolvable by the renderer (e.g. "song").  scales: each
    glyph's horizontal scale, None when all are 1.0 (digits condensed into ½-em
    cells, lines condensed to their column), applied to the glyph at its x.
    tag: what the run is, for readers of the display list (the renderer ignores it):
    "<slot>|head", "<slot>|flow|<reading order>", "<slot>|caption|<photo>", "<slot>|jump",
    or "" (furniture).
    """

    x: float
    y: float
    text: str
    font: str
    size: float
    xs: tuple[float, ...]
    color: CMYK = BLACK
    tag: str = ""
    scales: tuple[float, ...] | None = None

    def em_top(self) -> float:
        """The top of the run's em boxes."""
        return self.y - EM_ASCENT * self.size

    def em_box(self) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom), top-left origin: the em boxes from the first glyph to the end of the last."""
        end = (self.xs[-1] if self.xs else 0.0) + self.size
        return self.x, self.em_top(), self.x + end, self.y + EM_DESCENT * self.size


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight line (column rule, story separator, box edge)."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    color: CMYK = BLACK
    dash: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: tint behind a sidebar, a frame, a masthead band."""

    x: float
    y: float
    w: float
    h: float
    fill: CMYK | None = None
    stroke: CMYK | None = None
    stroke_width: float = 0.5


@dataclass(frozen=True, slots=True)
class Picture:
    """A raster image scaled to fill (x, y, w, h), cropped centrally to that aspect.

    path: the source file; the renderer prepares it for the output (CMYK for
    print).  crop: the part of the source used, (left, top, right, bottom) as
    fractions of the source size.
    """

    x: float
    y: float
    w: float
    h: float
    path: str
    crop: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)


@dataclass(frozen=True, slots=True)
class ProofNote:
    """Proof-only annotation: slot outline and id, overset marker, 【备注】 note.

    kind: "slot" (outline + label), "overset" / "underset" (coloured marker +
    text), "note" (margin note).  slot: the id of the slot it belongs to (the
    notes column is labelled with it).  Never drawn in the print PDF.
    """

    kind: str
    x: float
    y: float
    w: float
    h: float
    text: str = ""
    slot: str = ""


Item = GlyphRun | Rule | Box | Picture


@dataclass(frozen=True, slots=True)
class PageLayout:
    """One laid-out page: trim size, print content and proof-only annotations."""

    number: int
    width: float
    height: float
    items: tuple[Item, ...]
    proof: tuple[ProofNote, ...] = field(default=())
