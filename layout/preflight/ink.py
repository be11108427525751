"""Total area coverage (TAC) per page from a Ghostscript CMYK render (print.md §4, §5.1).

Ghostscript's ``tiff32nc`` device renders each page as 8-bit CMYK with no
anti-aliasing and with overprint applied (so 100 K text overprinting a tint
adds up, as on press).  Each render is cropped to the BleedBox, else the
TrimBox, so crop marks in /All (400 %) outside it do not count, and the four
channels are summed per pixel with Pillow's ImageMath (no numpy).  A page
fails when the area over the limit reaches ``fail_area_mm2`` (1 mm²): single
pixels over the limit are reported as a warning.  At 100 dpi a pixel is
0.25 mm square, so hot spots smaller than that can be missed (print.md §5.1).

Without Ghostscript the check is reported as NOT run, never as passed.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageMath

from layout.preflight.findings import Finding

Box = tuple[float, float, float, float]
INSTALL_HINT = "安装 Ghostscript 后再检查：apt-get install ghostscript（Debian/Ubuntu）"
GS_TIMEOUT_S = 300


@dataclass(frozen=True)
class PageRegion:
    """Where to measure on one page: the MediaBox (render extent), the region to keep, /Rotate."""

    media: Box
    region: Box
    rotate: int = 0


@dataclass(frozen=True)
class PageInk:
    """Measured ink on one page: maximum TAC in %, area over the limit in mm²."""

    page: int
    max_tac: float
    over_mm2: float


def check_ink(
    path: Path, regions: list[PageRegion], *, max_tac: float = 240.0, dpi: int = 100, fail_area_mm2: float = 1.0
) -> list[Finding]:
    """Findings for the ink check: an error per page with ≥ fail_area_mm2 over max_tac, a summary, or 'not run'."""
    gs = ghostscript()
    if gs is None:
        return [
            Finding(
                "warning", "ink.tac", f"未检查油墨总量（ink check NOT run: Ghostscript 'gs' not found）。{INSTALL_HINT}"
            )
        ]
    try:
        pages = measure_ink(gs, path, regions, max_tac=max_tac, dpi=dpi)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        return [Finding("error", "ink.render", f"Ghostscript 无法渲染此 PDF，油墨总量未检查：{exc}")]
    out = []
    for ink in pages:
        text = f"最大 TAC {ink.max_tac:.1f}%，超过 {max_tac:g}% 的面积 {ink.over_mm2:.1f} mm²"
        if ink.over_mm2 >= fail_area_mm2:
            out.append(Finding("error", "ink.tac", f"油墨总量超限：{text}", ink.page))
        elif ink.over_mm2 > 0:
            out.append(Finding("warning", "ink.tac", f"油墨总量有零星超限点：{text}", ink.page))
    worst = max(pages, key=lambda p: p.max_tac, default=None)
    if worst is not None:
        out.append(
            Finding(
                "info",
                "ink.summary",
                f"油墨总量：全刊最大 {worst.max_tac:.1f}%（第 {worst.page} 页），上限 {max_tac:g}%，{dpi} dpi 渲染",
                worst.page,
            )
        )
    return out


def ghostscript() -> str | None:
    """Path of the Ghostscript executable, or None."""
    return shutil.which("gs") or shutil.which("gswin64c")


def measure_ink(gs: str, path: Path, regions: list[PageRegion], *, max_tac: float, dpi: int) -> list[PageInk]:
    """Render every page with Ghostscript and measure it; pages are split over two gs processes when worthwhile."""
    if not regions:
        return []
    with tempfile.TemporaryDirectory(prefix="layout-ink-") as tmp:
        chunks = _chunks(len(regions), workers=2 if len(regions) >= 4 else 1)

        def work(chunk: tuple[int, int]) -> list[PageInk]:
            _render(gs, path, Path(tmp), chunk, dpi)
            pages = range(chunk[0], chunk[1] + 1)
            return [_measure_page(Path(tmp) / f"p{n:04d}.tif", n, regions[n - 1], max_tac, dpi) for n in pages]

        with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
            return [ink for chunk in pool.map(work, chunks) for ink in chunk]


def _chunks(pages: int, workers: int) -> list[tuple[int, int]]:
    """Split pages 1..n into `workers` contiguous (first, last) ranges."""
    size = math.ceil(pages / workers)
    return [(first, min(first + size - 1, pages)) for first in range(1, pages + 1, size)]


def _render(gs: str, path: Path, tmp: Path, pages: tuple[int, int], dpi: int) -> None:
    """tiff32nc render of pages[0]..pages[1] into tmp/p0001.tif …, numbered by real page number."""
    first, last = pages
    out = tmp / f"c{first:04d}-%04d.tif"
    cmd = [
        gs,
        "-q",
        "-dSAFER",
        "-dBATCH",
        "-dNOPAUSE",
        "-sDEVICE=tiff32nc",
        f"-r{dpi}",
        "-dTextAlphaBits=1",
        "-dGraphicsAlphaBits=1",
        f"-dFirstPage={first}",
        f"-dLastPage={last}",
        f"-sOutputFile={out}",
        str(path),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=GS_TIMEOUT_S)
    if result.returncode != 0:
        raise RuntimeError((result.stderr or result.stdout).strip()[-300:] or f"gs exit {result.returncode}")
    for i in range(last - first + 1):
        (tmp / f"c{first:04d}-{i + 1:04d}.tif").rename(tmp / f"p{first + i:04d}.tif")


def _measure_page(tiff: Path, page: int, region: PageRegion, max_tac: float, dpi: int) -> PageInk:
    """Max TAC and the area over the limit within the region of one rendered page."""
    with Image.open(tiff) as im:
        im = _crop(im, region, dpi) if region.rotate == 0 else im.copy()
    if im.width == 0 or im.height == 0:
        return PageInk(page, 0.0, 0.0)
    c, m, y, k = im.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    limit = math.floor(max_tac * 255 / 100 + 1e-9)
    over = ImageMath.lambda_eval(lambda a: a["convert"](a["min"](a["max"](a["t"] - limit, 0), 1), "L"), t=total)
    over_px = over.histogram()[1]
    return PageInk(page, round(total.getextrema()[1] * 100 / 255, 1), over_px * (25.4 / dpi) ** 2)


def _crop(im: Image.Image, region: PageRegion, dpi: int) -> Image.Image:
    """Crop a MediaBox render to the region (PDF y-up → image y-down)."""
    s = dpi / 72
    mx0, _, _, my1 = region.media
    x0, y0, x1, y1 = region.region
    left, right = round((x0 - mx0) * s), round((x1 - mx0) * s)
    top, bottom = round((my1 - y1) * s), round((my1 - y0) * s)
    box = (max(left, 0), max(top, 0), min(right, im.width), min(bottom, im.height))
    return im.crop(box) if box[2] > box[0] and box[3] > box[1] else Image.new("CMYK", (0, 0))
