"""Draw display-list items on a ReportLab canvas (no typographic decisions here).

Coordinates arrive top-left/y-down in points; this module flips them.  A
GlyphRun is drawn as few PDF text runs as possible: consecutive glyphs whose
spacing is uniform share one Tj with a character spacing (Tc), so a justified
line costs one or two text runs, not one per glyph (architecture.md §5:
"setCharSpace can draw a justified CJK run as one string").
"""

from __future__ import annotations

from typing import Callable, Mapping

from layout.display import BLACK, CMYK, Box, GlyphRun, Item, Picture, Rule
from layout.fonts import FontFace

_SPACING_TOLERANCE = 0.005  # pt: below what any RIP can show


def text_runs(run: GlyphRun, advance: Callable[[str], float]) -> list[tuple[float, float, str]]:
    """Split a GlyphRun into (x offset, char spacing, text) pieces of uniform spacing."""
    text, xs, size = run.text, run.xs, run.size
    pieces: list[tuple[float, float, str]] = []
    j, n = 0, len(text)
    while j < n:
        k = j
        spacing: float | None = None
        while k + 1 < n:
            gap = xs[k + 1] - xs[k] - advance(text[k]) * size
            if spacing is None:
                spacing = gap
            elif abs(gap - spacing) > _SPACING_TOLERANCE:
                break
            k += 1
        pieces.append((xs[j], spacing or 0.0, text[j : k + 1]))
        j = k + 1
    return pieces


class Painter:
    """Draws items on one canvas; remembers fill/stroke state to keep content streams short."""

    def __init__(self, canvas, fonts: Mapping[str, FontFace], page_height: float,
                 picture: Callable[[object, Picture, float], None], overprint_black: bool):
        self.c = canvas
        self.fonts = fonts
        self.h = page_height
        self.picture = picture
        self.overprint_black = overprint_black
        self._fill_state: tuple[CMYK, bool] | None = None

    def draw(self, item: Item) -> None:
        if isinstance(item, GlyphRun):
            self.glyphs(item)
        elif isinstance(item, Rule):
            self.rule(item)
        elif isinstance(item, Box):
            self.box(item)
        elif isinstance(item, Picture):
            self.picture(self.c, item, self.h)
        else:  # pragma: no cover - the display list is closed
            raise TypeError(f"unknown display item {item!r}")

    def _fill(self, color: CMYK) -> None:
        # 100 % K overprints so misregistration leaves no halo (print.md §1.2); other fills knock out.
        state = (color, self.overprint_black and color == BLACK)
        if state == self._fill_state:
            return
        self._fill_state = state
        self.c.setFillColorCMYK(*color)
        self.c.setFillOverprint(state[1])
        if state[1]:
            self.c.setOverprintMask(1)

    def glyphs(self, run: GlyphRun) -> None:
        face = self.fonts[run.font]
        self._fill(run.color)
        t = self.c.beginText()
        t.setFont(face.pdf_name, run.size)
        y = self.h - run.y
        for dx, spacing, text in text_runs(run, face.metrics.advance):
            t.setCharSpace(spacing)
            t.setTextOrigin(run.x + dx, y)
            t.textOut(text)
        self.c.drawText(t)

    def rule(self, r: Rule) -> None:
        self.c.setStrokeColorCMYK(*r.color)
        self.c.setStrokeOverprint(self.overprint_black and r.color == BLACK)
        self.c.setLineWidth(r.width)
        self.c.setDash(list(r.dash) if r.dash else [])
        self.c.line(r.x0, self.h - r.y0, r.x1, self.h - r.y1)

    def box(self, b: Box) -> None:
        if b.fill is not None:
            self._fill(b.fill)
        if b.stroke is not None:
            self.c.setStrokeColorCMYK(*b.stroke)
            self.c.setLineWidth(b.stroke_width)
            self.c.setDash([])
        self.c.rect(b.x, self.h - b.y - b.h, b.w, b.h, stroke=b.stroke is not None, fill=b.fill is not None)
