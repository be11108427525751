"""Preview for editors: the proof PDF as PNG pages and reading spreads, with an HTML page beside the report.

    build_issue (proof PDF + report) ─▶ rasterise (PDFium) ─▶ page PNGs + thumbnails
                                                           ─▶ spread PNGs (2–3, 4–5, 6–7)
                                                           ─▶ index.html (templates/_preview/)

Why pypdfium2: the preview must show the very PDF that goes to proofreading,
not a second drawing of the display list that could drift from it.  PDFium is
Chrome's PDF engine; pypdfium2 ships it as a wheel (no system library, no
Ghostscript or poppler process to spawn), renders a page in well under 0.1 s
and is already a runtime dependency (the font tests read PDFs with it).

`layout serve` (layout/serve.py) reuses everything here except the files:
it keeps the images in memory and re-renders only the pages that changed.
What the page says about the build (the report, a failed rebuild) is built
by reportview.py, for both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import math
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import jinja2
from PIL import Image

from layout import cliargs
from layout.build import OUTPUT_DIR, BuildOptions, build_issue, document_info
from layout.errors import InputError
from layout.reportview import ErrorView, ReportView, report_view

PREVIEW_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "_preview"
DEFAULT_DPI = 150
# zlib level 1: a 150-dpi page encodes in ~0.3 s instead of ~0.6 s at the default
# level, and the files come out no bigger (photos and anti-aliased text compress
# poorly either way).  Speed matters more: `layout serve` re-encodes on every edit.
PNG_COMPRESS = 1
THUMB_WIDTH = 600  # px at most; shown at 300 CSS px, so sharp on a HiDPI screen too

# PDFium is not thread-safe: every call into it, from any thread, holds this lock.
_PDFIUM = threading.Lock()


class LazyPNG:
    """A full-size PNG encoded once, on first use, by whichever thread asks first.

    The page grid shows thumbnails; the full-size PNG (~0.3 s to encode at
    150 dpi) is needed only when a page is opened, so `layout serve` can
    announce a new page before encoding it and encode it in the background.
    """

    def __init__(self, image: Image.Image):
        self._image: Image.Image | None = image
        self._png: bytes | None = None
        self._lock = threading.Lock()

    def get(self) -> bytes:
        with self._lock:
            if self._png is None:
                self._png = encode_png(self._image)
                self._image = None
            return self._png


@dataclass(frozen=True)
class PageImage:
    """One rendered page: a hash of its pixels (for URLs), its size, the thumbnail and the full-size PNG."""

    no: int
    digest: str
    size: tuple[int, int]
    trim: tuple[int, int, int, int]  # the trimmed page within the image (left, top, right, bottom) px
    thumb: bytes
    thumb_digest: str
    full: LazyPNG = field(compare=False, repr=False)

    @property
    def png(self) -> bytes:
        return self.full.get()


def _digest(data) -> str:
    """A content hash for cache-busting URLs (BLAKE2b: hashes a 150-dpi page's 12 MB of pixels in ~15 ms)."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def rasterise(pdf: Path | bytes, numbers: Sequence[int], dpi: int = DEFAULT_DPI) -> list[PageImage]:
    """Render every page of `pdf` at `dpi`; `numbers` are their page numbers in the issue, in order.

    The whole page is rendered: a proof is wider than the paper (its notes
    column sits right of the trim), and the editor must see the notes.
    """
    import pypdfium2 as pdfium

    rendered = []
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            for index in range(len(document)):
                page = document[index]
                trim = _trim_pixels(page.get_trimbox(), page.get_height(), dpi / 72)
                bitmap = page.render(scale=dpi / 72)
                rendered.append((_digest(bitmap.buffer), trim, bitmap.to_pil()))  # to_pil makes an RGB copy
                bitmap.close()
                page.close()
        finally:
            document.close()
    if len(rendered) != len(numbers):
        raise ValueError(f"PDF has {len(rendered)} pages, expected {len(numbers)}")
    return [page_image(no, image, digest, trim) for no, (digest, trim, image) in zip(numbers, rendered)]


def _trim_pixels(box: tuple[float, float, float, float], height: float, scale: float) -> tuple[int, int, int, int]:
    """A PDF box (left, bottom, right, top in points, origin bottom-left) → image pixels (left, top, right, bottom)."""
    left, bottom, right, top = box
    return (round(left * scale), round((height - top) * scale), round(right * scale), round((height - bottom) * scale))


def page_image(no: int, image: Image.Image, digest: str, trim: tuple[int, int, int, int] | None = None) -> PageImage:
    factor = max(1, math.ceil(image.width / THUMB_WIDTH))
    thumb = encode_png(image.reduce(factor))
    return PageImage(no, digest, image.size, trim or (0, 0) + image.size, thumb, _digest(thumb), LazyPNG(image))


def encode_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=PNG_COMPRESS)
    return out.getvalue()


def spread_pairs(count: int) -> tuple[tuple[int, int], ...]:
    """Reading spreads: 2–3, 4–5, … — page 1 and the back page face nothing when the paper is open."""
    return tuple((n, n + 1) for n in range(2, count - 1, 2))


def spread_png(left: PageImage, right: PageImage) -> bytes:
    """Two trimmed pages side by side, as the reader sees them across the fold (no notes column between)."""
    with Image.open(io.BytesIO(left.png)) as a, Image.open(io.BytesIO(right.png)) as b:
        a, b = a.crop(left.trim), b.crop(right.trim)
        canvas = Image.new("RGB", (a.width + b.width, max(a.height, b.height)), "white")
        canvas.paste(a, (0, 0))
        canvas.paste(b, (a.width, 0))
    return encode_png(canvas)


# --------------------------------------------------------------------------
# HTML


@dataclass(frozen=True)
class PageLink:
    """A page as the HTML shows it: its thumbnail, the full-size image it opens, and its size."""

    no: int
    name: str
    full: str
    thumb: str
    size: tuple[int, int]
    overset: bool
    trim: tuple[int, int] = (0, 0)  # width, height of the trimmed page in `size` (spreads show only that)
    trim_box: str = "0,0,1,1"  # the trimmed page within the image, "left,top,right,bottom" as fractions


@dataclass(frozen=True)
class SpreadLink:
    left: PageLink
    right: PageLink
    full: str


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PREVIEW_TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env


_ENV = _environment()


def render(template: str, **context) -> str:
    """Render templates/_preview/<template> (autoescaped: headlines and messages are editors' text)."""
    return _ENV.get_template(template).render(**context)


def render_page(report: ReportView, pages: Sequence[PageLink], spreads: Sequence[SpreadLink], *,
                built: str, links: Mapping[str, str], error: ErrorView | None = None,
                live: bool = False, version: int = 0, designs: Sequence = (), src: str = "") -> str:
    """src: the URL prefix of the source pages (“x.txt:12” links), "" for none."""
    return render("index.html.j2", report=report, pages=pages, spreads=spreads, built=built, links=links,
                  error=error, live=live, version=version, designs=designs, src=src)


# --------------------------------------------------------------------------
# `layout preview`: files in output/<id>/preview/


@dataclass(frozen=True)
class PreviewResult:
    folder: Path
    index: Path
    pages: tuple[Path, ...]
    spreads: tuple[Path, ...]
    pdf: Path
    overset: bool


def write_preview(issue_dir: Path, dpi: int = DEFAULT_DPI, proof_stage: str | None = None,
                  output: Path = OUTPUT_DIR) -> PreviewResult:
    """Build the proof PDF and report (build_issue), then write the PNGs and index.html beside them."""
    options = BuildOptions(proof_stage=proof_stage, output=output)
    result = build_issue(Path(issue_dir), options)
    folder = result.pdf.parent / "preview"
    images = rasterise(result.pdf, [p.number for p in result.layout.pages], dpi)
    report = report_view(result.issue, result.layout, result.findings, proof_stage, result.articles)
    links = _static_links(report, images)
    pages = _write_pages(folder, images)
    spreads = _write_spreads(folder, images, links)
    designs = _write_designs(folder, result)
    _write_sources(folder, report, result.issue.folder)
    html = render_page(report, links, [link for link, _ in spreads],
                       built=dt.datetime.now().strftime("生成于 %Y-%m-%d %H:%M"),
                       links={"pdf": f"../{result.pdf.name}", "report": "../report.txt"}, designs=designs, src="src/")
    index = folder / "index.html"
    write_atomic(index, html.encode("utf-8"))
    spread_files = tuple(path for _, path in spreads)
    _remove_stale(folder, set(pages) | set(spread_files) | {folder / d.src.split("?")[0] for d in designs})
    return PreviewResult(folder, index, tuple(p for p in pages if p.name.startswith("page-")), spread_files,
                         result.pdf, result.overset)


@dataclass(frozen=True)
class DesignLink:
    """One design of an automatically laid-out page, as the preview shows it beside the chosen one."""

    page: int
    number: int
    src: str
    shape: str
    summary: str
    chosen: bool
    command: str


DESIGN_DPI = 30


def _write_designs(folder: Path, result) -> tuple[DesignLink, ...]:
    """Thumbnails of every design considered for each page the engine laid out (自动组版), with the
    command that picks one."""
    out = []
    for plan, k, path, image in design_images(result.issue, result.layout, result.fonts, folder, DESIGN_DPI,
                                              "design-{page}-{k}.png"):
        alt = plan.alternatives[k - 1]
        out.append(DesignLink(plan.page.no, k, f"{path.name}?v={image.digest}", alt.design.shape,
                              design_summary(alt.composed), k == plan.chosen + 1,
                              f"layout plan {result.issue.folder} --page {plan.page.no} --choose {k}"))
    return tuple(out)


def design_images(issue, layout, fonts: Mapping, folder: Path, dpi: int, name: str,
                  pages: Sequence[int] | None = None) -> list[tuple]:
    """Every design of each page the engine laid out (only `pages`, if given), drawn into one scratch PDF
    (folder/.designs.pdf, removed once rasterised) and written as folder/<name> PNGs at `dpi`; `name` is
    a pattern with {page} and {k}.  Answers (plan, k, path, PageImage) per design, in order."""
    from layout.render.pdf import write_proof

    drawn = [(plan, k, page) for plan, alts in zip(layout.plans, layout.alternatives)
             for k, page in enumerate(alts, start=1) if pages is None or plan.page.no in pages]
    if not drawn:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / ".designs.pdf"
    write_proof([page for _plan, _k, page in drawn], pdf, fonts, document_info(issue), None)
    images = rasterise(pdf, [plan.page.no for plan, _k, _p in drawn], dpi)
    pdf.unlink(missing_ok=True)
    out = []
    for (plan, k, _page), image in zip(drawn, images):
        path = folder / name.format(page=plan.page.no, k=k)
        write_atomic(path, image.png)
        out.append((plan, k, path, image))
    return out


def design_summary(composed) -> str:
    """A design's lines over and short and its side-by-side headlines: 超 … 行，欠 … 行，撞题 …."""
    return f"超 {composed.over_lines} 行，欠 {composed.under_lines} 行，撞题 {len(composed.collisions)}"


def _parallel(function, items: Sequence) -> list:
    """Map over threads: Pillow releases the GIL while it compresses, so PNGs encode ~2× faster on 2 cores."""
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 2)) as pool:
        return list(pool.map(function, items))


def _write_pages(folder: Path, images: Sequence[PageImage]) -> list[Path]:
    _parallel(lambda image: image.png, images)
    written = []
    for image in images:
        for name, data in ((f"page-{image.no}.png", image.png), (f"thumb-{image.no}.png", image.thumb)):
            write_atomic(folder / name, data)
            written.append(folder / name)
    return written


def _static_links(report: ReportView, images: Sequence[PageImage]) -> list[PageLink]:
    """Relative URLs with ?v=<hash>: reloading index.html after a new preview shows the new pages."""
    views = {p.no: p for p in report.pages}
    return [PageLink(i.no, views[i.no].name, f"page-{i.no}.png?v={i.digest}", f"thumb-{i.no}.png?v={i.thumb_digest}",
                     i.size, views[i.no].overset, trim_size(i), trim_box(i)) for i in images]


def trim_size(image: PageImage) -> tuple[int, int]:
    left, top, right, bottom = image.trim
    return right - left, bottom - top


def trim_box(image: PageImage) -> str:
    """The trimmed page within the page image as "left,top,right,bottom" fractions (the viewer finds a slot with it)."""
    left, top, right, bottom = image.trim
    w, h = image.size
    return ",".join(f"{v:.4f}" for v in (left / w, top / h, right / w, bottom / h))


def source_html(path: Path, name: str) -> bytes:
    """A text file (an article, issue.yaml) as a page with numbered lines; #L12 marks line 12."""
    from layout.model.articlefile import read_text

    try:
        lines = read_text(path).splitlines()
    except InputError as exc:
        lines = [f"（读不出这个文件：{exc.message}）"]
    return render("_source.html.j2", name=name, lines=lines).encode("utf-8")


def _write_sources(folder: Path, report: ReportView, issue_folder: Path) -> set[Path]:
    """preview/src/<path>.html for every file the report names, so “x.txt:12” opens the file at line 12."""
    written = set()
    for _name, relative in report.sources:
        target = folder / "src" / f"{relative}.html"
        write_atomic(target, source_html(issue_folder / relative, relative))
        written.add(target)
    for old in (folder / "src").rglob("*.html"):  # an article taken out of the issue since the last preview
        if old not in written:
            old.unlink(missing_ok=True)
    return written


def _write_spreads(folder: Path, images: Sequence[PageImage], links: Sequence[PageLink]) -> list[tuple[SpreadLink, Path]]:
    by_no = {i.no: i for i in images}
    link = {l.no: l for l in links}
    pairs = spread_pairs(len(images))
    pngs = _parallel(lambda pair: spread_png(by_no[pair[0]], by_no[pair[1]]), pairs)
    spreads = []
    for (left, right), data in zip(pairs, pngs):
        path = folder / f"spread-{left}-{right}.png"
        write_atomic(path, data)
        spreads.append((SpreadLink(link[left], link[right], f"{path.name}?v={_digest(data)}"), path))
    return spreads


def _remove_stale(folder: Path, keep: set[Path]) -> None:
    """Pages and spreads of an earlier, longer issue must not linger beside the new ones."""
    for path in folder.glob("*.png"):
        if path not in keep and path.name.startswith(("page-", "thumb-", "spread-", "design-")):
            path.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Temp name, then rename: a browser or a file viewer never sees half a PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------
# Command line


def dpi_argument(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"分辨率应为整数 dpi，如 150（不是“{text}”）") from None
    if not 36 <= value <= 600:
        raise argparse.ArgumentTypeError(f"分辨率 {value} dpi 不合适：请用 36–600 之间的值 (dpi out of range)")
    return value


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("issue", type=Path, nargs="?", help="本期文件夹，如 issues/2026-12（不写：issues/ 里最新的一期）")
    p.add_argument("--dpi", type=dpi_argument, default=DEFAULT_DPI, help=f"图片分辨率（默认 {DEFAULT_DPI} dpi）")
    p.add_argument("--proof", metavar="STAGE", type=cliargs.stage, help="校次，如 三校（默认取 issue.yaml 的 proof_stage）")
    p.add_argument("--output", type=Path, default=OUTPUT_DIR, help="输出文件夹（默认 output/）")
    p.add_argument("--allow-overset", action="store_true", help="超版时仍以 0 退出（预览照样写出、标出超版）")


def cli_preview(args: argparse.Namespace) -> int:
    """The preview is written even when text is overset (it exists to show it), and the exit status is
    `layout build`'s: 1 on overset unless --allow-overset, so a script sees the same answer from both."""
    result = write_preview(args.issue, args.dpi, args.proof, args.output)
    print(f"校样 PDF → {result.pdf}")
    print(f"预览 (preview) → {result.index}")
    print(f"  {len(result.pages)} 版 PNG，{len(result.spreads)} 个对开版面，{args.dpi} dpi")
    if result.overset:
        print("超版：预览已写出，超版处已标出；要忽略请加 --allow-overset (overset: see the preview)", file=sys.stderr)
        return 0 if args.allow_overset else 1
    return 0
