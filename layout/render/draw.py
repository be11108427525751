"""Draw display-list items on a ReportLab canvas (no typographic decisions here).

Coordinates arrive top-left/y-down in points, relative to the trimmed page;
this module flips them.  A GlyphRun is one BT…ET with a TJ array per font
subset: each glyph lands exactly at its x through TJ adjustments, so a
justified line costs one text operator per subset, not one per glyph.
Colours go through render/pdfx.py: 100 % K overprints, everything else knocks out.
"""

from __future__ import annotations

from typing import Callable, Mapping

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont

from layout.display import CMYK, Box, GlyphRun, Item, Picture, Rule
from layout.fonts import FontFace
from layout.render.pdfx import set_fill, set_stroke

class Painter:
    """Draws items on one page of a canvas; remembers the fill colour to keep content streams short."""

    def __init__(self, canvas, fonts: Mapping[str, FontFace], page_height: float,
                 picture: Callable[[object, Picture, float], None]):
        self.c = canvas
        self.fonts = fonts
        self.h = page_height
        self.picture = picture
        self._fill: CMYK | None = None
        self._subset_names: dict[tuple[str, int], str] = {}

    def draw(self, item: Item) -> None:
        if isinstance(item, GlyphRun):
            self.glyphs(item)
        elif isinstance(item, Rule):
            self.rule(item)
        elif isinstance(item, Box):
            self.box(item)
        elif isinstance(item, Picture):
            self.picture(self.c, item, self.h)
            self._fill = None
        else:  # pragma: no cover - the display list is closed
            raise TypeError(f"unknown display item {item!r}")

    def fill(self, color: CMYK) -> None:
        if color != self._fill:
            set_fill(self.c, color)
            self._fill = color

    def stroke(self, color: CMYK) -> None:
        set_stroke(self.c, color)
        self._fill = None  # a stroke gstate also sets the fill overprint (pdfx.set_stroke)

    def glyphs(self, run: GlyphRun) -> None:
        """One BT…ET per run: each subset's glyphs in one TJ array, positions as TJ adjustments.

        ReportLab's textOut costs ~30 µs a call and needs a call per stretch of
        uniform spacing; writing the TJ array directly puts every glyph exactly at
        its x with one operator per font subset.  Glyph codes come from
        ReportLab's own subsetting (splitString), so embedding is unchanged.
        Condensed glyphs (run.scales) get a Tz between TJ arrays where the scale
        changes; Tz scales advances and TJ adjustments alike (PDF 32000 §9.4.4)
        and outlives ET, so it is set back to 100 after the run.
        """
        face = self.fonts[run.font]
        font = getFont(face.pdf_name)
        doc = self.c._doc
        self.fill(run.color)
        size, xs, text = run.size, run.xs, run.text
        widths = face.metrics.advances
        escape = escapePDF  # what canvas._escape calls, without the method call per fragment
        known = dict.get
        ops = [f"BT 1 0 0 1 {fp_str(run.x)} {fp_str(self.h - run.y)} Tm"]
        tf = f"{fp_str(size)} Tf"
        k, pen = 0, 0.0  # pen: where the PDF's text position stands, relative to run.x
        scales, h = run.scales, 1.0  # h: the horizontal scale in force
        scale, step = 1000 / size, size
        for subset, data in font.splitString(text, doc):
            name = self._subset_names.get((face.pdf_name, subset))
            if name is None:
                name = self._subset_names[(face.pdf_name, subset)] = font.getSubsetInternalName(subset, doc)
            ops.append(f"{name} {tf}")
            array, start = [], 0
            for j in range(len(data)):
                if scales is not None and scales[k] != h:
                    if j > start:
                        array.append(f"({escape(data[start:j])})")
                    if array:
                        ops.append(f"[{' '.join(array)}] TJ")
                    array, start = [], j
                    h = scales[k]
                    ops.append(f"{fp_str(h * 100)} Tz")
                    scale, step = 1000 / size / h, size * h
                move = xs[k] - pen
                if move > 0.0005 or move < -0.0005:
                    if j > start:
                        array.append(f"({escape(data[start:j])})")
                    array.append(f"{-move * scale:.1f}")
                    start = j
                width = known(widths, ord(text[k]))  # what has been read (fonts are read on demand)
                pen = xs[k] + (width if width is not None else widths.get(ord(text[k]), 1.0)) * step
                k += 1
            array.append(f"({escape(data[start:])})")
            ops.append(f"[{' '.join(array)}] TJ")
        ops.append("ET 100 Tz" if h != 1.0 else "ET")
        self.c._code.append(" ".join(ops))

    def rule(self, r: Rule) -> None:
        self.stroke(r.color)
        self.c.setLineWidth(r.width)
        self.c.setDash(list(r.dash) if r.dash else [])
        self.c.line(r.x0, self.h - r.y0, r.x1, self.h - r.y1)

    def box(self, b: Box) -> None:
        if b.stroke is not None:
            self.stroke(b.stroke)
            self.c.setLineWidth(b.stroke_width)
            self.c.setDash([])
        if b.fill is not None:
            self.fill(b.fill)
        self.c.rect(b.x, self.h - b.y - b.h, b.w, b.h, stroke=b.stroke is not None, fill=b.fill is not None)
