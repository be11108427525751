"""Preflight of a written PDF for newsprint: the checks a printing plant runs (print.md §1.1, §5.1).

``check_pdf(path)`` returns a list of `Finding`s; any 'error' means "not
print-ready".  Groups and check ids:

* file.*       open, encryption, version (1.3 for X-1a:2001), structure, filters
* ident.*      Info keys, Trapped, trailer /ID, GTS_PDFX keys, the OutputIntent
* boxes.*      explicit TrimBox on every page, nesting, trim size, bleed
* fonts.*      every font embedded (pages, Form XObjects, Type3, patterns,
               annotation appearances); ToUnicode
* colour.*     spaces used by fills, strokes, text, images, shadings
* transparency soft masks, constant alpha, blend modes, transparency groups
* text.*       100 K text overprinting, white not overprinting, small multi-ink text
* images.*     effective ppi of every placement (CTM tracked through forms)
* ink.tac      Ghostscript render, see `layout.preflight.ink`

It judges like /work/shared/tools/preflight.py (the plant-side CI checker)
but is written separately, with pikepdf and Pillow only.  The work is split
along its seams: `structure` (file, identification, boxes, fonts),
`colourspace` (resolving spaces), `content` (one walk over the content
streams, a typed `ContentScan`), `judge` (which observations are errors and
how they are worded) and `ink` (the Ghostscript render).
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from layout.preflight.content import scan_content
from layout.preflight.findings import Finding
from layout.preflight.ink import check_ink
from layout.preflight.judge import content_findings
from layout.preflight.structure import check_boxes, check_file, check_fonts, check_ident

STANDARDS = ("x1a", "none")


def check_pdf(
    path: Path | str,
    *,
    standard: str = "x1a",
    trim_mm: tuple[float, float] | None = None,
    bleed_mm: float = 0.0,
    max_tac: float = 240.0,
    min_ppi: float = 150,
    warn_ppi: float = 200,
    ink: bool = True,
) -> list[Finding]:
    """Preflight the PDF at `path`; findings in check order (file, ident, boxes, fonts, colour, …, ink).

    standard: 'x1a' (PDF/X-1a:2001, print) or 'none' (proofs: identification
    is not required and colour problems are warnings).  trim_mm: expected trim
    (w, h) in mm, ±0.2 mm.  bleed_mm: minimum bleed on every side.  ink=False
    skips the Ghostscript TAC render (reported as not run).
    """
    if standard not in STANDARDS:
        raise ValueError(f"standard must be one of {STANDARDS}")
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return [Finding("error", "file.encryption", "PDF 已加密，无法检查（encrypted）")]
    except (pikepdf.PdfError, OSError) as exc:
        return [Finding("error", "file.open", f"PDF 无法打开（cannot parse）：{exc}")]
    with pdf:
        strict = standard == "x1a"
        findings = check_file(pdf, strict)
        findings += check_ident(pdf, strict)
        box_findings, regions = check_boxes(pdf, trim_mm, bleed_mm)
        findings += box_findings
        findings += check_fonts(pdf)
        findings += content_findings(scan_content(pdf), strict, min_ppi, warn_ppi)
    if ink:
        findings += check_ink(Path(path), regions, max_tac=max_tac)
    else:
        findings.append(
            Finding("info", "ink.tac", f"未检查油墨总量（ink check NOT run: disabled），TAC 上限 {max_tac:g}%")
        )
    return findings
