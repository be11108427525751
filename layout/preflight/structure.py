"""Structure checks of the preflight: the file, its identification, page boxes and fonts (print.md §1.1, §5.1).

* file.*   open, encryption, version (1.3 for X-1a:2001), qpdf's syntax check, filters, actions
* ident.*  Info keys, Trapped, trailer /ID, GTS_PDFX keys, the OutputIntent and its profile
* boxes.*  an explicit TrimBox on every page, nesting, trim size, bleed; boxes that are not
           four finite numbers (a NaN bleed once wrote ``[nan nan nan nan]``) are errors
* fonts.*  every font embedded, wherever it is used; ToUnicode
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pikepdf

from layout.preflight.content import PT_MM
from layout.preflight.findings import Finding
from layout.preflight.ink import PageRegion

Box = tuple[float, float, float, float]
# Registered characterizations that need no embedded profile (ICC registry; print.md §1.1).
REGISTERED_CONDITIONS = {
    "IFRA26",
    "IFRA30",
    "CGATS TR 002",
    "CGATS TR 001",
    "CGATS TR 003",
    "CGATS TR 005",
    "CGATS TR 006",
    "FOGRA27",
    "FOGRA28",
    "FOGRA29",
    "FOGRA39",
    "FOGRA40",
    "FOGRA42",
    "FOGRA47",
    "FOGRA51",
    "FOGRA52",
    "JC200103",
    "JC200104",
    "JCN2002",
    "JCW2003",
    "CGATS21-2-CRPC1",
    "CGATS21-2-CRPC5",
    "CGATS21-2-CRPC6",
}
BAD_FILTERS = {"/LZWDecode", "/JPXDecode", "/JBIG2Decode"}
# PDF 1.3's implementation limit for a page side, 200 inches (PDF Reference, appendix C): a 1e9 mm bleed
# once gave a 5.6·10⁹ pt page that no RIP can image, and the preflight passed it.
MAX_PAGE_PT = 14_400


# ---------------------------------------------------------------- file
def check_file(pdf: pikepdf.Pdf, strict: bool) -> list[Finding]:
    """Encryption, version, syntax (qpdf's own check), forbidden filters, actions."""
    out = []
    if pdf.is_encrypted:
        out.append(Finding("error", "file.encryption", "PDF 已加密（encrypted: not allowed for print）"))
    out += _check_version(pdf, strict)
    problems = [str(p) for p in pdf.check_pdf_syntax()] + [str(w) for w in pdf.get_warnings()]
    if problems:
        out.append(
            Finding(
                "error",
                "file.structure",
                f"PDF 结构有问题（qpdf check）：{problems[0]}"
                + (f" 等 {len(problems)} 处" if len(problems) > 1 else ""),
            )
        )
    filters = _stream_filters(pdf)
    if filters & BAD_FILTERS:
        sev = "error" if strict else "info"
        out.append(
            Finding(sev, "file.filters", f"使用了 PDF/X-1a 不允许的压缩：{', '.join(sorted(filters & BAD_FILTERS))}")
        )
    if "/OpenAction" in pdf.Root or "/JavaScript" in pdf.Root.get("/Names", {}):
        out.append(Finding("warning", "file.actions", "含 OpenAction 或 JavaScript（not allowed in PDF/X）"))
    return out


def _check_version(pdf: pikepdf.Pdf, strict: bool) -> list[Finding]:
    """X-1a:2001 is PDF 1.3 (X-1a:2003 allows 1.4 when it says so)."""
    version = pdf.pdf_version
    conformance = str(pdf.trailer.get("/Info", {}).get("/GTS_PDFXConformance", ""))
    allowed = (1, 4) if "2003" in conformance else (1, 3)
    as_tuple = tuple(int(x) for x in version.split(".")[:2])
    if strict and as_tuple > allowed:
        return [Finding("error", "file.version", f"PDF 版本 {version}，PDF/X-1a:2001 要求 1.3（常见原因：用了透明度）")]
    return [Finding("info", "file.version", f"PDF 版本 {version}")]


def _stream_filters(pdf: pikepdf.Pdf) -> set[str]:
    names: set[str] = set()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            flt = obj.get("/Filter")
            names.update(str(f) for f in (flt if isinstance(flt, pikepdf.Array) else [flt] if flt else []))
    return names


# ---------------------------------------------------------------- identification
def check_ident(pdf: pikepdf.Pdf, strict: bool) -> list[Finding]:
    """Info keys, Trapped, trailer /ID, GTS_PDFX version keys (print.md §1.1)."""
    sev = "error" if strict else "info"
    info = pdf.trailer.get("/Info") or pikepdf.Dictionary()
    out = []
    missing = [k[1:] for k in ("/Title", "/CreationDate", "/ModDate") if k not in info]
    if missing:
        out.append(Finding(sev, "ident.info", f"文档信息缺少 {', '.join(missing)}（Info keys missing）"))
    trapped = str(info.get("/Trapped", ""))
    if trapped not in ("/True", "/False"):
        out.append(Finding(sev, "ident.trapped", f"Trapped 应为 /True 或 /False，现为 {trapped or '缺失'}"))
    if "/ID" not in pdf.trailer:
        out.append(Finding(sev, "ident.id", "文件尾缺少 /ID（trailer ID missing）"))
    version = str(info.get("/GTS_PDFXVersion", ""))
    conformance = str(info.get("/GTS_PDFXConformance", ""))
    if strict and not (version.startswith("PDF/X-1") and conformance.startswith("PDF/X-1a")):
        out.append(
            Finding(
                "error",
                "ident.pdfx",
                f"不是 PDF/X-1a：GTS_PDFXVersion={version or '缺失'}，GTS_PDFXConformance={conformance or '缺失'}",
            )
        )
    return out + _check_output_intent(pdf, strict)


def _check_output_intent(pdf: pikepdf.Pdf, strict: bool) -> list[Finding]:
    """Exactly one /GTS_PDFX OutputIntent with an identifier; a profile must be CMYK 'prtr'."""
    intents = [o for o in pdf.Root.get("/OutputIntents", []) if o.get("/S") == pikepdf.Name("/GTS_PDFX")]
    if not intents:
        sev = "error" if strict else "info"
        return [Finding(sev, "ident.output_intent", "没有 GTS_PDFX 输出意图（OutputIntent missing）")]
    if len(intents) > 1:
        return [Finding("error", "ident.output_intent", f"有 {len(intents)} 个 GTS_PDFX 输出意图，只能有一个")]
    intent = intents[0]
    ident = str(intent.get("/OutputConditionIdentifier", ""))
    if not ident:
        return [Finding("error", "ident.output_intent", "输出意图缺少 OutputConditionIdentifier")]
    profile = intent.get("/DestOutputProfile")
    if profile is not None:
        return [_profile_finding(ident, profile.read_bytes())]
    registry = str(intent.get("/RegistryName", ""))
    if "color.org" not in registry:
        return [
            Finding(
                "error",
                "ident.output_intent",
                f"输出意图 {ident} 没有嵌入 ICC，也没有 ICC 登记名（RegistryName {registry or '缺失'}）",
            )
        ]
    if ident not in REGISTERED_CONDITIONS:
        return [Finding("warning", "ident.output_intent", f"输出条件 {ident} 不在已知的 ICC 登记列表中，请与印厂确认")]
    return [Finding("info", "ident.output_intent", f"输出意图 {ident}（{registry}，已登记，无需嵌入 ICC）")]


def _profile_finding(ident: str, data: bytes) -> Finding:
    device_class, space = data[12:16], data[16:20]
    desc = (
        f"输出意图 {ident}，嵌入 ICC {device_class.decode('latin1')}/{space.decode('latin1').strip()}，{len(data)} 字节"
    )
    if device_class != b"prtr" or space != b"CMYK":
        return Finding("error", "ident.output_intent", desc + "：必须是 CMYK 输出（prtr）配置文件")
    return Finding("info", "ident.output_intent", desc)


# ---------------------------------------------------------------- boxes
def check_boxes(
    pdf: pikepdf.Pdf, trim_mm: tuple[float, float] | None, bleed_mm: float
) -> tuple[list[Finding], list[PageRegion]]:
    """TrimBox on every page (never with ArtBox), Trim ⊆ Bleed ⊆ Media, trim size, bleed; ink regions."""
    out: list[Finding] = []
    regions = []
    for number, page in enumerate(pdf.pages, 1):
        invalid: list[Finding] = []
        media = _read_box(page.obj, "/MediaBox", number, invalid) or (0.0, 0.0, 612.0, 792.0)
        trim, bleed, art = (_read_box(page.obj, k, number, invalid) for k in ("/TrimBox", "/BleedBox", "/ArtBox"))
        rotate = _rotation(page.obj)
        out += invalid
        out += _page_box_findings(number, media, trim, bleed, art, trim_invalid=any(f.where == "TrimBox" for f in invalid))
        if trim is not None:
            out += _trim_and_bleed(number, trim, bleed, trim_mm, bleed_mm)
        if rotate:
            out.append(Finding("warning", "boxes.rotate", f"页面旋转 {rotate}°，油墨检查按整页计算", number))
        region = bleed if (bleed is not None and trim is not None) else (trim or art or media)
        regions.append(PageRegion(media, region, rotate))
    return out, regions


def _page_box_findings(number: int, media, trim, bleed, art, *, trim_invalid: bool = False) -> list[Finding]:
    out = []
    if trim is None and not trim_invalid:
        out.append(
            Finding("error", "boxes.trim", "缺少 TrimBox（成品尺寸框）", number, "ArtBox" if art is not None else "")
        )
    elif art is not None:
        out.append(Finding("error", "boxes.trim", "同时有 TrimBox 和 ArtBox（PDF/X 只允许其一）", number))
    if max(media[2] - media[0], media[3] - media[1]) > MAX_PAGE_PT:
        size = f"{(media[2] - media[0]) * PT_MM:.0f}×{(media[3] - media[1]) * PT_MM:.0f} mm"
        out.append(Finding("error", "boxes.media", f"页面 {size} 超过 PDF 允许的最大页面 5080 mm（200 英寸）", number, "MediaBox"))
    for name, box in (("TrimBox", trim), ("BleedBox", bleed), ("ArtBox", art)):
        if box is not None and not _inside(box, media):
            out.append(Finding("error", "boxes.nesting", f"{name} 超出 MediaBox", number, name))
    if trim is not None and bleed is not None and not _inside(trim, bleed):
        out.append(Finding("error", "boxes.nesting", "TrimBox 不在 BleedBox 之内", number, "BleedBox"))
    return out


def _trim_and_bleed(number: int, trim, bleed, trim_mm, bleed_mm: float) -> list[Finding]:
    out = []
    w, h = (trim[2] - trim[0]) * PT_MM, (trim[3] - trim[1]) * PT_MM
    if trim_mm is not None and (abs(w - trim_mm[0]) > 0.2 or abs(h - trim_mm[1]) > 0.2):
        out.append(
            Finding(
                "error",
                "boxes.size",
                f"成品尺寸 {w:.1f}×{h:.1f} mm，应为 {trim_mm[0]:g}×{trim_mm[1]:g} mm（±0.2）",
                number,
                "TrimBox",
            )
        )
    if bleed_mm > 0:
        sides = (
            (0.0,) * 4
            if bleed is None
            else (
                (trim[0] - bleed[0]) * PT_MM,
                (bleed[2] - trim[2]) * PT_MM,
                (trim[1] - bleed[1]) * PT_MM,
                (bleed[3] - trim[3]) * PT_MM,
            )
        )
        if min(sides) + 0.05 < bleed_mm:
            shown = "/".join(f"{s:.1f}" for s in sides)
            out.append(
                Finding(
                    "error", "boxes.bleed", f"出血 左/右/下/上 {shown} mm，至少要 {bleed_mm:g} mm", number, "BleedBox"
                )
            )
    return out


class _InvalidBox(ValueError):
    """A box entry that is not an array of four finite numbers."""


def _read_box(obj: pikepdf.Object, key: str, number: int, invalid: list[Finding]) -> Box | None:
    """`_box`, with an invalid box recorded as an error finding and read as absent."""
    try:
        return _box(obj, key)
    except _InvalidBox:
        name = key[1:]
        invalid.append(Finding("error", "boxes.invalid", f"{name} 不是四个有限的数字（如 nan）：页面尺寸无法确定", number, name))
        return None


def _rotation(obj: pikepdf.Object) -> int:
    try:
        return int(obj.get("/Rotate", 0)) % 360
    except (TypeError, ValueError):
        return 0


def _box(obj: pikepdf.Object, key: str) -> Box | None:
    """An explicit box as (x0, y0, x1, y1), normalised; MediaBox/CropBox are inherited from /Parent.

    Raises _InvalidBox for anything but four finite numbers: ReportLab wrote a NaN
    bleed as ``[nan nan nan nan]``, which pikepdf reads as operators, not numbers.
    """
    node, hops = obj, 0
    while node is not None and hops < 32:
        if key in node:
            try:
                v = [float(x) for x in node[key]]
            except (TypeError, ValueError):
                raise _InvalidBox(key) from None
            if len(v) != 4 or not all(math.isfinite(x) for x in v):
                raise _InvalidBox(key)
            return (min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3]))
        if key not in ("/MediaBox", "/CropBox"):
            return None
        node, hops = node.get("/Parent"), hops + 1
    return None


def _inside(inner, outer, tol: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )


# ---------------------------------------------------------------- fonts
@dataclass(frozen=True)
class _Font:
    name: str
    kind: str
    embedded: bool
    tounicode: bool


def check_fonts(pdf: pikepdf.Pdf) -> list[Finding]:
    """Every font embedded, wherever it is used; Helvetica called out (ReportLab's initial font, print.md §2)."""
    fonts: dict[object, tuple[_Font, set[int]]] = {}
    for number, page in enumerate(pdf.pages, 1):
        for res in _all_resources(page.obj):
            for key, font in (res.get("/Font") or {}).items():
                ident = font.objgen if font.is_indirect else (number, key)
                entry = fonts.setdefault(ident, (_font_info(font), set()))
                entry[1].add(number)
    out = []
    for font, pages in fonts.values():
        if not font.embedded:
            hint = "：多半是 ReportLab 的默认 initialFontName" if "Helvetica" in font.name else ""
            out.append(
                Finding(
                    "error",
                    "fonts.embedded",
                    f"字体未嵌入（not embedded）：{font.name}（{font.kind}）{hint}",
                    min(pages),
                    font.name,
                )
            )
    missing_map = sorted({f.name for f, _ in fonts.values() if not f.tounicode and f.kind != "Type3"})
    if missing_map:
        out.append(
            Finding(
                "warning",
                "fonts.tounicode",
                f"{len(missing_map)} 个字体没有 ToUnicode（无法复制/检索文字）",
                where=", ".join(missing_map[:5]),
            )
        )
    out.append(
        Finding(
            "info", "fonts.summary", f"{len(fonts)} 个字体对象，{sum(f.embedded for f, _ in fonts.values())} 个已嵌入"
        )
    )
    return out


def _font_info(font: pikepdf.Object) -> _Font:
    kind = str(font.get("/Subtype", "/?"))[1:]
    name = str(font.get("/BaseFont", "/(无名)"))[1:]
    descriptor = font.get("/FontDescriptor")
    if kind == "Type0":
        descendant = font.get("/DescendantFonts", [None])[0]
        descriptor = descendant.get("/FontDescriptor") if descendant is not None else None
        kind = "Type0/" + (str(descendant.get("/Subtype", "/?"))[1:] if descendant is not None else "?")
    embedded = kind == "Type3" or (
        descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    )
    return _Font(name, kind, embedded, "/ToUnicode" in font)


def _all_resources(page: pikepdf.Object) -> list[pikepdf.Object]:
    """Resource dictionaries reachable from a page: its own, forms, Type3 fonts, patterns, annotation appearances."""
    found, todo, seen = [], [page.get("/Resources")], set()
    for annot in page.get("/Annots") or []:
        appearance = annot.get("/AP", {}).get("/N")
        if isinstance(appearance, pikepdf.Stream):
            todo.append(appearance.get("/Resources"))
    while todo:
        res = todo.pop()
        if res is None or (res.is_indirect and res.objgen in seen) or len(found) > 10_000:
            continue
        if res.is_indirect:
            seen.add(res.objgen)
        found.append(res)
        for _, xobj in (res.get("/XObject") or {}).items():
            if xobj.get("/Subtype") == pikepdf.Name("/Form"):
                todo.append(xobj.get("/Resources"))
        for _, font in (res.get("/Font") or {}).items():
            if font.get("/Subtype") == pikepdf.Name("/Type3"):
                todo.append(font.get("/Resources"))
        for _, pattern in (res.get("/Pattern") or {}).items():
            if isinstance(pattern, pikepdf.Stream):
                todo.append(pattern.get("/Resources"))
    return found
