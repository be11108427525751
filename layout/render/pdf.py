"""Display list → PDF file, through ReportLab; written to a temporary file and renamed.

The only module that creates a canvas.  Proofs and print PDFs share it; the
print settings (PDF/X-1a keys, boxes, marks, CMYK images) come from render/pdfx.py
and render/color.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Sequence

from layout.display import PageLayout, Picture
from layout.fonts import FontFace, new_canvas
from layout.render.draw import Painter


def _no_pictures(canvas, picture: Picture, page_height: float) -> None:
    raise ValueError(f"this document has no image support configured: {picture.path}")


def write_simple_pdf(pages: Sequence[PageLayout], path: Path, fonts: Mapping[str, FontFace], *, title: str) -> None:
    """Write pages without print settings (galley proofs): deterministic, fonts embedded."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    first = pages[0] if pages else None
    size = (first.width, first.height) if first else (595.0, 842.0)
    canvas = new_canvas(tmp, fonts.get("song"), pagesize=size, invariant=1, pageCompression=1)
    canvas.setTitle(title)
    for page in pages:
        canvas.setPageSize((page.width, page.height))
        painter = Painter(canvas, fonts, page.height, _no_pictures, overprint_black=True)
        for item in page.items:
            painter.draw(item)
        canvas.showPage()
    canvas.save()
    os.replace(tmp, path)
