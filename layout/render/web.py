"""The web edition (网络版) for the 公众号 and the street's website: an RGB PDF and one JPEG per page.

    output/<issue>/web/<issue>.pdf        RGB, fonts embedded, no proof marks, no watermark,
                                          jump lines linked to where the article goes on,
                                          one bookmark per page (第3版 社区治理)
    output/<issue>/web/<issue>-01.jpg …   each page about 1,600 px wide

The same display list as the proof and the print file, drawn by the same
Painter with its colours turned into screen RGB: every CMYK colour of the page
is converted with the plain complement ((1 − C)(1 − K) …), so 100 % K text is
pure black and paper white pure white on screen; photos go through
render/color.py's proof route (RGB kept as it is), greyscale and CMYK images
are converted to RGB (CMYK through the paper's newsprint ICC profile, as the
plant would print it, into sRGB).  No proof layer is ever drawn here.

Jump lines (“（下转第3版）”, “（上接第1版）”, matched with the paper's own
wording) become link annotations to a destination at the top of the slot the
article continues in or comes from.  Page images are rendered from the PDF by
PDFium (pypdfium2, already used for previews).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from PIL import Image, ImageCms
from reportlab.lib.utils import ImageReader

from layout.display import CMYK, GlyphRun, PageLayout, Picture
from layout.fonts import FontFace
from layout.jumplines import jump_page, jump_pattern
from layout.model.issue import Issue, jump_sources
from layout.render.color import NEWSPRINT_PROFILE, prepare_image
from layout.render.draw import Painter
from layout.render.pdf import clipped, write_pages
from layout.render.pdfx import DocumentInfo, PrintSettings

WEB_WIDTH_PX = 1600
JPEG_QUALITY = 80
WEB_PPI = 200  # photos above 1.5 × this at their printed size are downsampled to it (smaller files to send)
SCREEN = PrintSettings(pdfx=False)


def rgb(cmyk: CMYK) -> tuple[float, float, float]:
    c, m, y, k = cmyk
    return (round((1 - c) * (1 - k), 4), round((1 - m) * (1 - k), 4), round((1 - y) * (1 - k), 4))


@dataclass(frozen=True)
class Link:
    """A clickable jump line: its box on the page (points, top-left origin) and where it leads."""

    page: int
    x: float
    top: float
    w: float
    h: float
    target: str  # destination name


@dataclass(frozen=True)
class WebEdition:
    pdf: Path
    images: tuple[Path, ...]
    links: tuple[Link, ...]


def write_web(issue: Issue, pages: Sequence[PageLayout], fonts: Mapping[str, FontFace], folder: Path,
              info: DocumentInfo) -> WebEdition:
    """Write the web PDF and the page JPEGs into `folder` (written to temporary names and renamed)."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{issue.id}.pdf"
    destinations, links = jump_links(issue, pages, fonts)
    names = {p.no: p.name for p in issue.pages}

    def before(canvas, page: PageLayout, geometry) -> None:  # one bookmark per page, the jump destinations
        canvas.bookmarkPage(f"p{page.number}")
        canvas.addOutlineEntry(f"第{page.number}版 {names.get(page.number, '')}".strip(), f"p{page.number}", 0)
        for name, top in destinations.get(page.number, []):
            canvas.bookmarkHorizontalAbsolute(name, page.height - top)

    def after(canvas, page: PageLayout, geometry) -> None:  # the jump lines' links
        for link in (lk for lk in links if lk.page == page.number):
            y0 = page.height - link.top - link.h
            canvas.linkRect("", link.target, (link.x, y0, link.x + link.w, y0 + link.h), relative=1, thickness=0)

    write_pages(pages, pdf, fonts, settings=SCREEN, info=info, picture=_draw_picture, painter=_ScreenPainter,
                before=before, after=after)
    images = page_images(pdf, folder, issue.id, [p.number for p in pages])
    return WebEdition(pdf, tuple(images), tuple(links))


class _ScreenPainter(Painter):
    """The print Painter with RGB colours and no overprint (a screen has no plates)."""

    def fill(self, color: CMYK) -> None:
        if color != self._fill:
            self.c.setFillColorRGB(*rgb(color))
            self._fill = color

    def stroke(self, color: CMYK) -> None:
        self.c.setStrokeColorRGB(*rgb(color))  # no gstate here, so the fill colour stays known


def _draw_picture(c, pic: Picture, page_height: float) -> None:
    """The photo in RGB, scaled to fill its box and clipped to it (as render/pdf.py draws proofs)."""
    clipped(c, pic, page_height,
            lambda x, y, w, h: c.drawImage(ImageReader(io.BytesIO(screen_image(pic.path, round(w, 2)))), x, y, w, h))


@lru_cache(maxsize=256)
def screen_image(path: str, width_pt: float) -> bytes:
    """An RGB JPEG (or the source JPEG itself) for a photo drawn `width_pt` wide."""
    prepared = prepare_image(path, for_print=False)
    limit = round(width_pt / 72 * WEB_PPI)
    if prepared.mode == "RGB" and prepared.width <= 1.5 * limit:
        return prepared.data
    with Image.open(io.BytesIO(prepared.data)) as im:
        im.load()
        if im.mode == "CMYK":
            im = ImageCms.applyTransform(im, _cmyk_to_srgb())
        elif im.mode != "RGB":
            im = im.convert("RGB")
        if im.width > 1.5 * limit:
            im = im.resize((limit, max(1, round(im.height * limit / im.width))), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue()


@lru_cache(maxsize=1)
def _cmyk_to_srgb() -> ImageCms.ImageCmsTransform:
    newsprint = ImageCms.ImageCmsProfile(str(NEWSPRINT_PROFILE))
    return ImageCms.buildTransform(newsprint, ImageCms.createProfile("sRGB"), "CMYK", "RGB",
                                   renderingIntent=ImageCms.Intent.PERCEPTUAL)


# --------------------------------------------------------------------------
# Jump lines → links


def jump_links(issue: Issue, pages: Sequence[PageLayout], fonts: Mapping[str, FontFace]
               ) -> tuple[dict[int, list[tuple[str, float]]], list[Link]]:
    """Destinations (page → [(name, top)]) and the links on jump lines, from the issue's jumps.

    “（下转第3版）” in a slot that jumps leads to the top of the slot it continues
    in; “（上接第1版）” in that slot leads back to the top of the slot it came from.
    A jump line whose slot the issue file does not explain leads to the top of its page.
    """
    sources = jump_sources(issue)
    pattern = jump_pattern(issue.profile.folder)
    destinations: dict[int, list[tuple[str, float]]] = {}
    links: list[Link] = []
    if pattern is None:
        return destinations, links

    tops = _slot_tops(pages)

    def destination(page: int, slot_id: str) -> str:
        if (page, slot_id) not in tops:
            return f"p{page}"
        name = f"p{page}-{slot_id}"
        entry = (name, tops[(page, slot_id)])
        if entry not in destinations.setdefault(page, []):
            destinations[page].append(entry)
        return name

    for spec, page in zip(issue.pages, pages):
        for run in page.items:
            if not isinstance(run, GlyphRun):
                continue
            number = jump_page(pattern, run.text)
            if number is None:
                continue
            slot = _slot_at(spec, run)
            if slot is not None and slot.jump is not None and slot.jump.page == number:
                target = destination(number, slot.jump.slot)
            elif slot is not None and (spec.no, slot.id) in sources and sources[(spec.no, slot.id)][0] == number:
                target = destination(number, sources[(spec.no, slot.id)][1].id)
            else:
                target = f"p{number}"
            face = fonts[run.font]
            width = run.xs[-1] + face.metrics.advances.get(ord(run.text[-1]), 1.0) * run.size
            links.append(Link(spec.no, round(run.x, 2), round(run.em_top(), 2), round(width, 2),
                              round(run.size, 2), target))
    return destinations, links


def _slot_at(spec, run: GlyphRun):
    """The slot a run was set in (the composer tags every run with its slot)."""
    owner = run.tag.split("|", 1)[0] if run.tag else ""
    return next((slot for slot in spec.slots if slot.id == owner), None)


def _slot_tops(pages) -> dict[tuple[int, str], float]:
    """(page, slot) → the top of the first line set in it: where a jump link lands."""
    out: dict[tuple[int, str], float] = {}
    for page in pages:
        for run in page.items:
            if isinstance(run, GlyphRun) and run.tag:
                key = (page.number, run.tag.split("|", 1)[0])
                top = run.em_top()
                out[key] = min(out.get(key, top), top)
    return out


# --------------------------------------------------------------------------
# Page images


def page_images(pdf: Path, folder: Path, name: str, numbers: list[int]) -> list[Path]:
    """One JPEG per page, WEB_WIDTH_PX wide: <name>-01.jpg …"""
    import pypdfium2 as pdfium

    out = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index, number in enumerate(numbers):
            page = document[index]
            bitmap = page.render(scale=WEB_WIDTH_PX / page.get_width())
            image = bitmap.to_pil()
            bitmap.close()
            page.close()
            if image.width != WEB_WIDTH_PX:  # PDFium rounds the size up: trim the odd pixel
                image = image.crop((0, 0, WEB_WIDTH_PX, image.height))
            path = folder / f"{name}-{number:02d}.jpg"
            tmp = path.with_name(f".{path.name}.tmp")
            if image.mode != "RGB":
                image = image.convert("RGB")
            image.save(tmp, "JPEG", quality=JPEG_QUALITY)
            os.replace(tmp, path)
            out.append(path)
    finally:
        document.close()
    return out
