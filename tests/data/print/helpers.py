"""Test helpers for the print tests: a tiny TrueType font, test images, and small PDF builders.

Loaded by tests/test_print.py and tests/test_preflight_pdf.py with importlib
(tests/ is not a package).  Everything is generated, so the tests do not
depend on fonts or photos committed elsewhere.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from layout.render import pdfx
from layout.units import mm

FONT_NAME = "PrintTestSong"
CJK = "社区报纸中文新闻印刷"
TEXT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .," + CJK


def make_font(path: Path) -> Path:
    """A small installable TrueType font: Latin letters, digits and a few CJK ideographs (boxes)."""
    names = [".notdef"] + [f"uni{ord(ch):04X}" for ch in TEXT_CHARS]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(ch): f"uni{ord(ch):04X}" for ch in TEXT_CHARS})
    glyphs, metrics = {}, {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != "uni0020":
            pen.moveTo((80, -80))
            pen.lineTo((80, 800))
            pen.lineTo((920, 800))
            pen.lineTo((920, -80))
            pen.closePath()
        glyphs[name] = pen.glyph()
        metrics[name] = (1000, 80)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": FONT_NAME, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120, fsType=0)
    fb.setupPost()
    fb.save(str(path))
    return path


def register_font(path: Path, name: str = FONT_NAME) -> str:
    """Register the font with ReportLab once per process (registration is global)."""
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def cmyk_jpeg(path: Path, size=(600, 450), quality=90) -> Path:
    """A CMYK JPEG (Pillow writes the Adobe marker and inverted data, like Photoshop)."""
    im = Image.new("CMYK", size)
    w, h = size
    im.putdata([(x * 200 // w, y * 150 // h, 50, (x + y) * 60 // (w + h)) for y in range(h) for x in range(w)])
    im.save(path, "JPEG", quality=quality)
    return path


def rgb_image(path: Path, size=(600, 450), fmt=None, mode="RGB") -> Path:
    """A colourful RGB(A) test image: a gradient with a near-black and a saturated band."""
    w, h = size
    im = Image.new("RGB", size)
    px = im.load()
    for y in range(h):
        for x in range(w):
            if y < h // 3:
                px[x, y] = (x * 255 // w, y * 255 * 3 // h, 255 - x * 255 // w)
            elif y < 2 * h // 3:
                px[x, y] = (x * 40 // w, 10, (y * 30) // h)  # near-black
            else:
                px[x, y] = ((0, 0, 255), (255, 0, 0), (0, 160, 0), (40, 0, 80))[x * 4 // w]
    if mode == "RGBA":
        im = im.convert("RGBA")
        alpha = Image.linear_gradient("L").resize(size)
        alpha.paste(0, (0, 0, w, h // 4))  # top quarter fully transparent
        im.putalpha(alpha)
    im.save(path, fmt)
    return path


def settings(pdfx_on=True, **kw) -> pdfx.PrintSettings:
    return pdfx.PrintSettings(pdfx=pdfx_on, **kw)


def build(target, draw_page, *, pages=1, trim_mm=(270, 390), settings_=None, title="测试报 第1期", font=FONT_NAME):
    """Build a PDF through layout.render.pdfx; draw_page(canvas, page_number) draws in trim coordinates."""
    s = settings_ or settings()
    geom = pdfx.page_geometry(s, mm(trim_mm[0]), mm(trim_mm[1]))
    info = pdfx.DocumentInfo(title, datetime.date(2026, 3, 14))
    canvas = pdfx.open_canvas(target, s, geom, info, font_name=font)
    for n in range(1, pages + 1):
        pdfx.begin_page(canvas, geom)
        draw_page(canvas, n)
        pdfx.end_page(canvas, geom)
    pdfx.finish(canvas)
    return target


def build_bytes(draw_page, **kw) -> bytes:
    buf = io.BytesIO()
    build(buf, draw_page, **kw)
    return buf.getvalue()


def good_page(photo: Path | None = None, font=FONT_NAME, trim_mm=(270, 390)):
    """A page like print.md §5.2's test page, scaled to the trim: a masthead band with a paper-white
    title, a rich-black panel, a tint under overprinting 100 K text, a rule and a photo (60 × 45 mm
    on a tabloid, 254 ppi for a 600 px wide image)."""
    from layout.render.color import prepare_image

    def draw(canvas, n):
        w, h = mm(trim_mm[0]), mm(trim_mm[1])
        pdfx.set_fill(canvas, (1.0, 0.7, 0.0, 0.1))
        canvas.rect(0, h - mm(40), w, mm(40), stroke=0, fill=1)
        pdfx.set_fill(canvas, (0, 0, 0, 0))  # paper-white knockout title
        canvas.setFont(font, 36)
        canvas.drawString(mm(15), h - mm(28), "社区报 " + str(n))
        pdfx.set_fill(canvas, (0.4, 0.3, 0.3, 1.0))  # rich black within the TAC: 200 %
        canvas.rect(mm(15), mm(10), mm(60), mm(20), stroke=0, fill=1)
        pdfx.set_fill(canvas, (0.3, 0.0, 0.1, 0.0))
        canvas.rect(mm(15), mm(35), w - mm(30), mm(40), stroke=0, fill=1)
        pdfx.set_fill(canvas, (0, 0, 0, 1))
        canvas.setFont(font, 9)
        for i in range(8):
            canvas.drawString(mm(18), mm(68) - i * 12, "社区新闻 Community news 中文印刷 " + str(i))
        pdfx.set_stroke(canvas, (0, 0, 0, 1))
        canvas.setLineWidth(0.5)
        canvas.line(mm(15), mm(80), w - mm(15), mm(80))
        if photo is not None:
            prepared = prepare_image(photo, for_print=True, cache_dir=photo.parent / "cache")
            ph = min(mm(45), h - mm(40) - mm(85))
            canvas.drawImage(prepared.reader(), mm(15), mm(83), ph * 4 / 3, ph)

    return draw
