"""PDF/X-1a:2001 (and plain proof PDFs) with ReportLab alone: canvas, page boxes, marks, Info, OutputIntent.

The page writer (render/pdf.py) uses it like this::

    geom = page_geometry(settings, trim_w_pt, trim_h_pt)
    canvas = open_canvas(out_path, settings, geom, DocumentInfo(title, issue_date), font_name="song")
    for page in pages:
        begin_page(canvas, geom)          # origin = bottom-left of the trim, y up
        set_fill(canvas, (0, 0, 0, 1))    # 100 K overprints by default
        ...draw...
        end_page(canvas, geom)            # crop marks (if any), showPage
    finish(canvas)                        # writes the file

Why each piece is done the way it is (print.md §1.1 for the X-1a rules, §2 for
the ReportLab 5.1.0 traps):

* PDF 1.3, ``invariant=1``, page compression on, no ASCII85: byte-identical
  output for identical input, and smaller image streams.
* ``initialFontName`` is the caller's embedded TrueType font, otherwise every
  page gets a non-embedded Helvetica.
* Colour enforcement is a callable (`enforce_print_colour`), never
  ``enforceColorSpace='cmyk'``/``'sep_cmyk'``, which rewrite registration and
  rich blacks.
* ReportLab's ``cropMarks`` are not used: they are RGB and their "bleed" scales
  the page.  We size the MediaBox ourselves, draw past the trim for bleed, and
  draw the marks in the registration colour /All.
* Info keys come from a `PDFInfo` subclass (the stock key list is fixed); the
  dates are the issue date at a fixed time, not the clock.
* The OutputIntent goes into the catalog by extending its ``__NoDefault__`` key
  list (``setCatalogEntry`` silently drops unknown keys).
"""

from __future__ import annotations

import datetime
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color, toColor
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from layout.units import mm

CMYK = tuple[float, float, float, float]

PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"
CREATOR = "shequbao-layout"
# CreationDate/ModDate: the issue date at 08:00 Beijing time (fixed, so builds are reproducible).
ISSUE_TIME = "080000+08'00'"
MARK_LENGTH_MM = 6.0  # GWG crop marks (print.md §1.2)
MARK_WIDTH_PT = 0.25
MARK_MIN_OFFSET_MM = 3.0  # marks start at least this far from the trim, and beyond the bleed
MARK_GAP_MM = 1.0  # extra gap between the bleed edge and the marks
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")


@dataclass(frozen=True)
class PrintSettings:
    """How the PDF is made (the issue YAML's print section).

    pdfx: write PDF/X-1a:2001 (else a plain PDF 1.3 proof, same canvas route).
    bleed_mm: bleed on every side; the caller draws past the trim by this much.
    crop_marks: draw crop marks (adds a 10 mm slug on every side).
    output_condition / registry: the OutputIntent; IFRA26 is registered at
    color.org, so no profile needs embedding (print.md §0).  icc_profile:
    embed this CMYK output profile as DestOutputProfile (then name its
    condition, e.g. "CGATS TR 002" for the shipped TR 002 profile).
    max_tac: total area coverage limit in % (images are converted to it;
    preflight checks it).
    """

    pdfx: bool
    bleed_mm: float = 0.0
    crop_marks: bool = False
    output_condition: str = "IFRA26"
    registry: str = "http://www.color.org"
    icc_profile: Path | None = None
    max_tac: float = 240.0

    def __post_init__(self) -> None:
        # Editors' values are checked at the edge (paper.yaml, --bleed); this guards the writer itself:
        # a NaN bleed once wrote NaN page boxes, and a 1e9 mm bleed a 5.6·10⁹ pt page, both "successfully".
        if not (math.isfinite(self.bleed_mm) and 0 <= self.bleed_mm <= 100):
            raise ValueError(f"bleed_mm must be finite and within 0–100 mm, not {self.bleed_mm!r}")
        if not (math.isfinite(self.max_tac) and 0 < self.max_tac <= 400):
            raise ValueError(f"max_tac must be finite and within 0–400 %, not {self.max_tac!r}")


@dataclass(frozen=True)
class DocumentInfo:
    """Info dictionary contents: Title, Author, and the issue date used for CreationDate/ModDate."""

    title: str
    issue_date: datetime.date
    author: str = ""


@dataclass(frozen=True)
class PageGeometry:
    """Page boxes in points, media coordinates (origin at the MediaBox's bottom-left).

    margin: distance from the media edge to the trim (the bleed, or the slug
    for marks).  mark_offset: distance from the trim to where marks start.
    """

    trim_w: float
    trim_h: float
    bleed: float
    margin: float
    mark_offset: float
    crop_marks: bool

    @property
    def media_size(self) -> tuple[float, float]:
        return (self.trim_w + 2 * self.margin, self.trim_h + 2 * self.margin)

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        m = self.margin
        return (m, m, m + self.trim_w, m + self.trim_h)

    @property
    def bleed_box(self) -> tuple[float, float, float, float] | None:
        if self.bleed <= 0:
            return None
        x0, y0, x1, y1 = self.trim_box
        b = self.bleed
        return (x0 - b, y0 - b, x1 + b, y1 + b)


def page_geometry(settings: PrintSettings, trim_w: float, trim_h: float) -> PageGeometry:
    """Boxes for a trim of trim_w × trim_h points under `settings` (print.md §0 page geometry)."""
    bleed = mm(max(settings.bleed_mm, 0.0))
    offset = mm(max(settings.bleed_mm, MARK_MIN_OFFSET_MM) + MARK_GAP_MM)
    margin = offset + mm(MARK_LENGTH_MM) if settings.crop_marks else bleed
    return PageGeometry(trim_w, trim_h, bleed, margin, offset, settings.crop_marks)


def open_canvas(
    target: str | Path | BinaryIO,
    settings: PrintSettings,
    geometry: PageGeometry,
    info: DocumentInfo,
    *,
    font_name: str,
) -> Canvas:
    """A ReportLab canvas set up for print (pdfx) or proof output.

    font_name: a registered, embeddable TrueType font, used as ReportLab's
    initial font (avoids the stray non-embedded Helvetica, print.md §2).
    The OutputIntent and Info keys are attached now and written by `finish`.

    Side effect: sets ReportLab's process-wide ``rl_config.useA85 = 0`` (no
    ASCII85 on image streams).  With it, ReportLab 5.1.0's
    ``drawInlineImage`` puts bytes into the page code and ``showPage`` fails
    with a TypeError: draw images with ``drawImage`` (XObjects) only.
    """
    rl_config.useA85 = 0  # process-wide; binary streams are 25 % smaller (print.md §2)
    canvas = Canvas(
        str(target) if isinstance(target, Path) else target,
        pagesize=geometry.media_size,
        pageCompression=1,
        invariant=1,
        pdfVersion=(1, 3),
        initialFontName=font_name,
        enforceColorSpace=enforce_print_colour if settings.pdfx else None,
    )
    doc = canvas._doc
    doc.info = _PrintInfo(info, settings.pdfx)
    # The /ID digest: start it from our own seed, not ReportLab's timestamp (which follows SOURCE_DATE_EPOCH).
    doc.signature = hashlib.md5(CREATOR.encode(), usedforsecurity=False)
    doc.updateSignature(f"{info.title}|{info.issue_date.isoformat()}|pdfx={settings.pdfx}")
    if settings.pdfx:
        _attach_output_intent(doc, settings)
    return canvas


def begin_page(canvas: Canvas, geometry: PageGeometry) -> None:
    """Start a page: MediaBox, TrimBox (always; never ArtBox), BleedBox when bleeding.

    Afterwards the origin is the bottom-left corner of the trim, y up, in points.
    """
    canvas.setPageSize(geometry.media_size)
    canvas.setTrimBox(geometry.trim_box)
    canvas.setBleedBox(geometry.bleed_box)
    canvas.saveState()
    canvas.translate(geometry.margin, geometry.margin)


def end_page(canvas: Canvas, geometry: PageGeometry) -> None:
    """Finish a page: undo the trim translation, draw crop marks if wanted, emit the page.

    The page's content also feeds the trailer /ID, so different issues get
    different IDs while identical input gives identical bytes.
    """
    canvas.restoreState()
    if geometry.crop_marks:
        _draw_crop_marks(canvas, geometry)
    if _page_uses_transparency(canvas):
        canvas._doc._layout_transparency = True
    canvas._doc.updateSignature("".join(str(op) for op in canvas._code))
    canvas.showPage()


def finish(canvas: Canvas) -> None:
    """Write the PDF.  Raises RuntimeError when an X-1a document used transparency.

    ReportLab raises the version to 1.4 whenever a colour carries an alpha,
    even the default alpha 1 of every ``CMYKColor``; `end_page` records real
    transparency (ca/CA < 1, blend modes), and without it the version goes back
    to 1.3, as PDF/X-1a:2001 requires.
    """
    doc = canvas._doc
    if getattr(doc, "_layout_transparency", False):
        if isinstance(doc.info, _PrintInfo) and doc.info.pdfx:
            raise RuntimeError(
                "PDF/X-1a 不允许透明度，但页面用了 alpha 或混合模式（transparency used: not allowed in PDF/X-1a）"
            )
    else:
        doc._pdfVersion = (1, 3)
    canvas.save()


def set_fill(canvas: Canvas, cmyk: CMYK, *, overprint: bool | None = None) -> None:
    """Set a DeviceCMYK fill colour and its overprint state.

    overprint=None means: overprint exactly when the colour is solid 100 K
    (black text and rules overprint, so misregistration leaves no halo; print.md
    §1.2).  White never overprints (it would vanish on press).  OPM 1 makes the
    zero C/M/Y of the black leave the inks underneath alone.
    """
    flag = _overprint_flag(cmyk, overprint)
    canvas.setFillColor(CMYKColor(*cmyk))
    canvas.setFillOverprint(flag)
    if flag:
        canvas.setOverprintMask(1)


def set_stroke(canvas: Canvas, cmyk: CMYK, *, overprint: bool | None = None) -> None:
    """Set a DeviceCMYK stroke colour and its overprint state (same rule as `set_fill`).

    In PDF a gstate that sets only stroke overprint (/OP) also sets fill
    overprint; call `set_fill` before the next fill (it re-states /op).
    """
    flag = _overprint_flag(cmyk, overprint)
    canvas.setStrokeColor(CMYKColor(*cmyk))
    canvas.setStrokeOverprint(flag)
    if flag:
        canvas.setOverprintMask(1)


def is_solid_black(cmyk: CMYK) -> bool:
    """True for 100 K with no C, M or Y: the colour that overprints by default."""
    c, m, y, k = cmyk
    return c == m == y == 0 and k >= 0.999


def enforce_print_colour(colour: object) -> Color:
    """ReportLab ``enforceColorSpace`` callable for print: CMYK only (print.md §2).

    CMYK and Separation colours pass unchanged; neutral RGB greys become K
    tints (black text set with the default colour); any other RGB raises,
    because DeviceRGB is forbidden in PDF/X-1a.
    """
    if isinstance(colour, str):
        colour = toColor(colour)
    if isinstance(colour, CMYKColor):
        return colour
    if isinstance(colour, (tuple, list)) and len(colour) == 4:
        return CMYKColor(*colour)
    if isinstance(colour, (tuple, list)) and len(colour) == 3:
        colour = Color(*colour)
    if isinstance(colour, Color) and colour.red == colour.green == colour.blue:
        return CMYKColor(0, 0, 0, 1 - colour.red)
    raise ValueError(f"印刷 PDF 只能用 CMYK 颜色，收到 {colour!r}（RGB colour in a PDF/X-1a page）")


def _page_uses_transparency(canvas: Canvas) -> bool:
    """True when the current page's ExtGStates include alpha < 1 or a non-Normal blend mode.

    Reads ReportLab 5.1.0's private ExtGState cache (``_extgstate._c``: (key, value) → name).
    """
    for key, value in canvas._extgstate._c:
        if key in ("ca", "CA") and float(value) < 1:
            return True
        if key == "BM" and value not in ("/Normal", "/Compatible"):
            return True
    return False


def _overprint_flag(cmyk: CMYK, overprint: bool | None) -> bool:
    if not any(cmyk):
        if overprint:
            raise ValueError("白色不能设为叠印：印刷时会消失（white set to overprint disappears on press）")
        return False
    return is_solid_black(cmyk) if overprint is None else overprint


def _draw_crop_marks(canvas: Canvas, geometry: PageGeometry) -> None:
    """Eight 6 mm marks at 0.25 pt in /All, starting beyond the bleed (print.md §0, §1.2)."""
    x0, y0, x1, y1 = geometry.trim_box
    off, length = geometry.mark_offset, mm(MARK_LENGTH_MM)
    lines = []
    for x in (x0, x1):
        lines += [(x, y0 - off - length, x, y0 - off), (x, y1 + off, x, y1 + off + length)]
    for y in (y0, y1):
        lines += [(x0 - off - length, y, x0 - off, y), (x1 + off, y, x1 + off + length, y)]
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setStrokeOverprint(False)
    canvas.setLineWidth(MARK_WIDTH_PT)
    canvas.lines(lines)
    canvas.restoreState()


class _PrintInfo(pdfdoc.PDFInfo):
    """Info dictionary with fixed dates, Trapped /False and, for X-1a, the GTS_PDFX keys (print.md §1.1, §2)."""

    def __init__(self, info: DocumentInfo, pdfx: bool):
        super().__init__()
        self.title = info.title
        self.author = info.author
        self.creator = CREATOR
        self.pdfx = pdfx
        self.date = f"D:{info.issue_date:%Y%m%d}{ISSUE_TIME}"

    def format(self, document):
        d = {
            "Title": pdfdoc.PDFString(self.title),
            "Creator": pdfdoc.PDFString(self.creator),
            "Producer": pdfdoc.PDFString(self.producer),
            "CreationDate": pdfdoc.PDFString(self.date),
            "ModDate": pdfdoc.PDFString(self.date),
            "Trapped": pdfdoc.PDFName("False"),
        }
        if self.author:
            d["Author"] = pdfdoc.PDFString(self.author)
        if self.pdfx:
            d["GTS_PDFXVersion"] = pdfdoc.PDFString(PDFX_VERSION)
            d["GTS_PDFXConformance"] = pdfdoc.PDFString(PDFX_CONFORMANCE)
        return pdfdoc.PDFDictionary(d).format(document)


def _attach_output_intent(doc: pdfdoc.PDFDocument, settings: PrintSettings) -> None:
    """Exactly one /GTS_PDFX OutputIntent; the profile is embedded only when one is configured."""
    intent = {
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(settings.output_condition),
        "OutputCondition": pdfdoc.PDFString(settings.output_condition),
        "RegistryName": pdfdoc.PDFString(settings.registry),
        "Info": pdfdoc.PDFString(settings.output_condition),
    }
    if settings.icc_profile is not None:
        data = Path(settings.icc_profile).read_bytes()
        stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4}), data, filters=[pdfdoc.PDFZCompress])
        intent["DestOutputProfile"] = doc.Reference(stream, "DestOutputProfile")
        doc.updateSignature(hashlib.sha256(data).hexdigest())
    doc.Catalog.OutputIntents = pdfdoc.PDFArray([pdfdoc.PDFDictionary(intent)])
    doc.Catalog.__NoDefault__ = pdfdoc.PDFCatalog.__NoDefault__ + ["OutputIntents"]
