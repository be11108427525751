"""Display list → PDF file through ReportLab; always written to a temporary file and renamed.

The only module that creates a canvas.  Proofs and print PDFs share it: the
print settings (PDF/X-1a keys, boxes, marks) come from render/pdfx.py, images
are prepared by render/color.py (CMYK for print, as-is for proofs), and proof
annotations (stamp, slot outlines, overset marks, 【备注】 notes) are drawn only
when a ProofStamp is given — a print PDF can never carry them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from layout.display import GlyphRun, PageLayout, Picture, ProofNote
from layout.fonts import FontFace
from layout.render.draw import Painter
from layout.render.marks import NOTE_STRIP, draw_change_marks, wrap_lines
from layout.render.pdfx import (DocumentInfo, PageGeometry, PrintSettings, begin_page, end_page, finish, open_canvas,
                                page_geometry, set_fill, set_stroke)

PROOF_RED = (0.0, 1.0, 1.0, 0.0)
PROOF_BLUE = (1.0, 0.5, 0.0, 0.0)
PROOF_TINT = (0.0, 0.12, 0.10, 0.0)
OUTLINE_OUT = 2.0  # slot outlines sit this far out into the gutter, off the text's edge


@dataclass(frozen=True)
class ProofStamp:
    """What a proof says about itself on every page: its stage, when it was made, and the stamp line."""

    stage: str
    text: str


PageHook = Callable[[object, PageLayout, PageGeometry], None]  # (canvas, page, geometry)


def write_pdf(pages: Sequence[PageLayout], path: Path, fonts: Mapping[str, FontFace], *,
              settings: PrintSettings, info: DocumentInfo, proof: ProofStamp | None = None) -> None:
    """Write the pages; `proof` adds the proof layer, `settings.pdfx` makes a PDF/X-1a file
    (photos converted into `settings.icc_profile`, the shipped newsprint profile when it is None)."""
    before = after = None
    if proof is not None:
        body = body_face(fonts)

        def before(c, page: PageLayout, geometry: PageGeometry) -> None:
            # a proof is wider than the paper: its notes column can never be mistaken for print
            c.setPageSize((geometry.media_size[0] + NOTE_STRIP, geometry.media_size[1]))
            _watermark(c, page, body, proof)

        def after(c, page: PageLayout, geometry: PageGeometry) -> None:
            _proof_layer(c, page, fonts, proof)

    def picture(c, pic: Picture, page_height: float) -> None:
        _draw_picture(c, pic, page_height, settings)

    write_pages(pages, path, fonts, settings=settings, info=info, picture=picture, before=before, after=after)


def write_proof(pages: Sequence[PageLayout], path: Path, fonts: Mapping[str, FontFace], info: DocumentInfo,
                stamp: ProofStamp | None) -> None:
    """A proof (or, without a stamp, a galley): screen PDF, no PDF/X keys, the proof layer when stamped."""
    write_pdf(pages, path, fonts, settings=PrintSettings(pdfx=False), info=info, proof=stamp)


def body_face(fonts: Mapping[str, FontFace]) -> FontFace:
    """The body face: 宋 when the paper has it (the canvas's initial font, the proof watermark)."""
    return fonts.get("song") or next(iter(fonts.values()))


def write_pages(pages: Sequence[PageLayout], path: Path, fonts: Mapping[str, FontFace], *,
                settings: PrintSettings, info: DocumentInfo, picture: Callable[[object, Picture, float], None],
                painter: type[Painter] = Painter, before: PageHook | None = None,
                after: PageHook | None = None) -> None:
    """Every writer's loop (proofs, print files, the web edition), to a temporary file renamed at the end:
    each page begun, before(canvas, page, geometry), its items drawn by `painter`, after(…), the page ended."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        _write(pages, tmp, fonts, settings, info, picture, painter, before, after)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write(pages, tmp: Path, fonts, settings: PrintSettings, info: DocumentInfo, picture,
           painter: type[Painter], before: PageHook | None, after: PageHook | None) -> None:
    first = pages[0]
    geometry = page_geometry(settings, first.width, first.height)
    canvas = open_canvas(tmp, settings, geometry, info, font_name=body_face(fonts).pdf_name)
    for page in pages:
        if (page.width, page.height) != (geometry.trim_w, geometry.trim_h):
            geometry = page_geometry(settings, page.width, page.height)
        begin_page(canvas, geometry)
        if before is not None:
            before(canvas, page, geometry)
        draw = painter(canvas, fonts, page.height, picture).draw
        for item in page.items:
            draw(item)
        if after is not None:
            after(canvas, page, geometry)
        end_page(canvas, geometry)
    finish(canvas)


def _draw_picture(c, pic: Picture, page_height: float, settings: PrintSettings) -> None:
    """Scale the image so its crop fills the box, clip to the box (JPEGs stay passed through)."""
    from layout.render.color import prepare_image  # Pillow and ICC only when there are pictures

    prepared = prepare_image(pic.path, for_print=settings.pdfx, profile=settings.icc_profile, max_tac=settings.max_tac)
    clipped(c, pic, page_height, lambda x, y, w, h: draw_image(c, prepared, x, y, w, h))


def clipped(c, pic: Picture, page_height: float, draw: Callable[[float, float, float, float], None]) -> None:
    """Draw a picture whole at the size that makes its crop fill the box, clipped to the box:
    draw(x, y, width, height) in PDF coordinates (the web edition draws its screen copy the same way)."""
    left, top, right, bottom = pic.crop
    full_w, full_h = pic.w / (right - left), pic.h / (bottom - top)
    c.saveState()
    path = c.beginPath()
    path.rect(pic.x, page_height - pic.y - pic.h, pic.w, pic.h)
    c.clipPath(path, stroke=0, fill=0)
    draw(pic.x - left * full_w, page_height - (pic.y - top * full_h) - full_h, full_w, full_h)
    c.restoreState()


def draw_image(c, prepared, x: float, y: float, w: float, h: float) -> None:
    """What canvas.drawImage(prepared.reader(), x, y, w, h) writes, without decoding the image again:
    ReportLab names each image XObject after its decoded pixels (an md5 of the RGB data, ~5 ms for a
    photo on every build); the name comes with the prepared image, computed once and cached with it.
    The same steps as reportlab 5.1 drawImage for an ImageReader without a mask (our images carry no
    alpha); tests/test_print.py compares the bytes with drawImage's."""
    from reportlab.pdfbase import pdfdoc

    name = prepared.xobject
    reg = c._doc.getXObjectName(name)
    if not c._doc.idToObject.get(reg, None):
        obj = pdfdoc.PDFImageXObject(name, prepared.reader(), mask=None)
        obj.name = name
        c._setXObjects(obj)
        c._doc.Reference(obj, reg)
        c._doc.addForm(name, obj)
    c._currentPageHasImages = 1
    c.saveState()
    c.translate(x, y)
    c.scale(w, h)
    c._code.append(f"/{reg} Do")
    c.restoreState()
    c._formsinuse.append(name)


def _watermark(c, page: PageLayout, face: FontFace, proof: ProofStamp) -> None:
    """A large diagonal “校样” behind the page: a proof cannot pass for the print file."""
    c.saveState()
    set_fill(c, PROOF_TINT)
    c.translate(page.width / 2, page.height / 2)
    c.rotate(35)
    c.setFont(face.pdf_name, page.width / 5)
    c.drawCentredString(0, -page.width / 14, "校样 " + proof.stage)
    c.restoreState()


def _proof_layer(c, page: PageLayout, fonts: Mapping[str, FontFace], proof: ProofStamp) -> None:
    face = fonts.get("hei") or next(iter(fonts.values()))
    c.saveState()
    set_fill(c, PROOF_RED)
    c.setFont(face.pdf_name, 9)
    c.drawString(12, page.height - 14, proof.text)
    c.drawRightString(page.width - 12, 8, proof.text)
    for note in page.proof:
        _outline(c, note, page)
    for mark in proof_labels(page, lambda text, size: c.stringWidth(text, face.pdf_name, size)):
        _label(c, mark, page, face)
    _notes_column(c, page, face, proof)
    draw_change_marks(c, page, face)  # 修改痕迹 against the earlier stage (layout/editorial/proofmarks.py)
    c.restoreState()


Rect = tuple[float, float, float, float]  # x0, y0, x1, y1, top-left origin, y down


@dataclass(frozen=True)
class ProofLabel:
    """Where a proof mark's words go: its note, the label's box (top-left origin) and its size."""

    note: ProofNote
    box: Rect
    size: float

    @property
    def color(self) -> tuple[float, float, float, float]:
        return PROOF_RED if self.note.kind == "overset" else PROOF_BLUE


LABEL_SIZE = {"slot": 7.0, "overset": 9.0, "underset": 9.0}
LABEL_PAD = 3.0  # white around a label's words


def item_boxes(page: PageLayout) -> list[Rect]:
    """What a proof mark must never cover: every glyph run (text, captions, credits, furniture) and
    every picture, as boxes (a run's em boxes from its first glyph to the end of its last)."""
    boxes: list[Rect] = []
    for item in page.items:
        if isinstance(item, GlyphRun) and item.text.strip():
            boxes.append(item.em_box())
        elif isinstance(item, Picture):
            boxes.append((item.x, item.y, item.x + item.w, item.y + item.h))
    return boxes


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def proof_labels(page: PageLayout, width: Callable[[str, float], float]) -> list[ProofLabel]:
    """A place for every slot id and 超版/欠行 label that covers no text, credit or picture (pages.md
    §3): the corners of the slot first (an underset label at its foot, where the white is), then just
    outside its edges, then the page's margin beside it, then the notes column right of the trim.
    width(text, size): the label's width in points."""
    taken = item_boxes(page)
    out: list[ProofLabel] = []
    for note in sorted((n for n in page.proof if n.kind in LABEL_SIZE), key=lambda n: n.kind != "slot"):
        size = LABEL_SIZE[note.kind]
        w, h = width(note.text, size) + 2 * LABEL_PAD, size + 3
        box = next((b for b in _candidates(note, w, h, page) if not any(_overlaps(b, t) for t in taken)),
                   None) or _in_notes_column(note, w, h, page, taken)
        taken.append(box)
        out.append(ProofLabel(note, box, size))
    return out


def _candidates(note: ProofNote, w: float, h: float, page: PageLayout):
    x0, y0, x1, y1 = note.x, note.y, note.x + note.w, note.y + note.h
    inside = [(x0 + 1, y0 + 1), (x1 - w - 1, y0 + 1), (x0 + 1, y1 - h - 1), (x1 - w - 1, y1 - h - 1)]
    if note.kind != "slot":  # 超版/欠行 at the foot first: an underset slot's white is there
        inside = inside[2:][::-1] + inside[:2]
    outside = [(x0 + 1, y0 - h), (x1 - w - 1, y0 - h), (x0 + 1, y1), (x1 - w - 1, y1)]
    margins = [(x0 - w - 2, y0 + 1), (x1 + 2, y0 + 1), (x0 - w - 2, y1 - h - 1), (x1 + 2, y1 - h - 1)]
    for x, y in inside + outside + margins:
        if 0 <= x and x + w <= page.width and 0 <= y and y + h <= page.height:
            yield (x, y, x + w, y + h)


def _in_notes_column(note: ProofNote, w: float, h: float, page: PageLayout, taken: list[Rect]) -> Rect:
    """The last resort: the notes column right of the trim, level with the slot, below what is there."""
    x, y = page.width + 10, max(note.y, 40.0)
    box = (x, y, x + w, y + h)
    while any(_overlaps(box, t) for t in taken):
        y += h + 1
        box = (x, y, x + w, y + h)
    return box


def _outline(c, note: ProofNote, page: PageLayout) -> None:
    """Slot outlines, a little out into the gutter so they never run along the text's edge; overset
    slots framed in red, underset in blue."""
    top = page.height - note.y
    x, w = note.x - OUTLINE_OUT, note.w + 2 * OUTLINE_OUT
    if note.kind == "slot":
        set_stroke(c, PROOF_BLUE)
        c.setLineWidth(0.5)
        c.setDash([3, 2])
        c.rect(x, top - note.h, w, note.h, stroke=1, fill=0)
    elif note.kind in ("overset", "underset"):
        set_stroke(c, PROOF_RED if note.kind == "overset" else PROOF_BLUE)
        c.setLineWidth(2.0 if note.kind == "overset" else 0.8)
        c.setDash([])
        c.rect(x, top - note.h, w, note.h, stroke=1, fill=0)


def _label(c, mark: ProofLabel, page: PageLayout, face: FontFace) -> None:
    """A label on a white ground, in the colour of its mark."""
    x0, y0, x1, y1 = mark.box
    c.setDash([])
    set_fill(c, (0.0, 0.0, 0.0, 0.0))
    c.rect(x0, page.height - y1, x1 - x0, y1 - y0, stroke=0, fill=1)
    set_fill(c, mark.color)
    c.setFont(face.pdf_name, mark.size)
    c.drawString(x0 + LABEL_PAD, page.height - y1 + 2.2, mark.note.text)


def _notes_column(c, page: PageLayout, face: FontFace, proof: ProofStamp) -> None:
    """The notes column right of the trim: stamp, then each slot's overset/underset and 【备注】, top to bottom."""
    x0, width, size = page.width + 10, NOTE_STRIP - 20, 7.5
    set_stroke(c, PROOF_RED)
    c.setLineWidth(0.5)
    c.setDash([])
    c.line(page.width + 4, 0, page.width + 4, page.height)
    set_fill(c, PROOF_RED)
    c.setFont(face.pdf_name, 11)
    y = page.height - 30
    c.drawString(x0, y, "校样批注")
    y -= 16
    y = _wrapped(c, proof.text, x0, y, width, face, size)
    for note in sorted((n for n in page.proof if n.kind in ("overset", "underset", "note")), key=lambda n: (n.y, n.x)):
        y = max(min(y - size, page.height - note.y), 40) if y > 40 else y - size
        label = {"overset": "超版", "underset": "欠行", "note": "备注"}[note.kind]
        set_fill(c, PROOF_RED if note.kind != "underset" else PROOF_BLUE)
        text = note.text if note.kind != "note" else f"{label}：{note.text}"
        y = _wrapped(c, f"{note.slot} {text}", x0, y, width, face, size)


def _wrapped(c, text: str, x: float, y: float, width: float, face: FontFace, size: float) -> float:
    """Draw text wrapped to `width` by characters (marks.wrap_lines); return the next y."""
    c.setFont(face.pdf_name, size)
    for line in wrap_lines(c, text, width, face.pdf_name, size):
        c.drawString(x, y, line)
        y -= size * 1.35
    return y
