"""修改痕迹 on a proof: a mark beside each line that changed since the earlier stage (proof layer only).

Drawn from the page's "change" proof notes (layout/editorial/proofmarks.py):

* a red bar in the gutter just left of a changed or added line, and a red tick
  in the strip between the trim and the notes column at the same height, so a
  proofreader running down the margin finds every changed line;
* a dashed bar for a sentence moved here unchanged;
* a red ▶ pointing at the line where text was removed;
* one legend line at the foot of the notes column.

A page without change notes draws nothing here, so its proof is unchanged.
"""

from __future__ import annotations

from layout.display import PageLayout
from layout.fonts import FontFace
from layout.render.pdfx import set_fill, set_stroke

MARK_RED = (0.0, 1.0, 1.0, 0.0)
BAR_OFFSET = 2.6  # from the line's column edge into the gutter
BAR_WIDTH = 1.2
NOTE_STRIP = 60 * 72 / 25.4  # proofs get a 60 mm notes column right of the trim: 【备注】, overset, underset
LEGEND_WIDTH = NOTE_STRIP - 20  # the notes column's text starts 10 pt in (render/pdf.py)


def draw_change_marks(c, page: PageLayout, face: FontFace) -> None:
    """Draw the page's change notes; nothing when it has none."""
    notes = [n for n in page.proof if n.kind == "change"]
    if not notes:
        return
    c.saveState()
    set_fill(c, MARK_RED)
    set_stroke(c, MARK_RED)
    for note in notes:
        style = note.text.split(":", 1)[0]
        top = page.height - note.y
        bottom = top - note.h
        x = note.x - BAR_OFFSET
        if style == "caret":
            path = c.beginPath()
            mid = (top + bottom) / 2
            path.moveTo(x - 2.2, mid + 2.2)
            path.lineTo(x + 0.8, mid)
            path.lineTo(x - 2.2, mid - 2.2)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        elif style == "dashed":
            c.setLineWidth(BAR_WIDTH)
            c.setDash([1.5, 1.2])
            c.line(x, bottom - 0.5, x, top + 0.5)
            c.setDash([])
        else:
            c.rect(x - BAR_WIDTH / 2, bottom - 0.5, BAR_WIDTH, note.h + 1.0, stroke=0, fill=1)
        c.rect(page.width + 0.8, bottom - 0.5, 2.4, note.h + 1.0, stroke=0, fill=1)  # the margin tick
    for note in (n for n in page.proof if n.kind == "changes"):
        c.setFont(face.pdf_name, 7)
        _wrap(c, note.text, page.width + 10, 12, LEGEND_WIDTH, face)
    c.restoreState()


def wrap_lines(c, text: str, width: float, font: str, size: float) -> list[str]:
    """Text broken into lines no wider than `width` (notes only: plain character wrapping is enough here)."""
    lines, line = [], ""
    for ch in text:
        if line and c.stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


def _wrap(c, text: str, x: float, y: float, width: float, face: FontFace) -> None:
    """The legend, wrapped by characters, growing upwards from y so it stays at the foot of the column."""
    for k, text_line in enumerate(reversed(wrap_lines(c, text, width, face.pdf_name, 7))):
        c.drawString(x, y + k * 9, text_line)
