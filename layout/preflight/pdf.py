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
but is written separately, with pikepdf and Pillow only.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf

from layout.preflight.findings import Finding
from layout.preflight.ink import PageRegion, check_ink

PT_MM = 25.4 / 72
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
STANDARDS = ("x1a", "none")
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
PROCESS_INKS = {"Cyan", "Magenta", "Yellow", "Black", "All", "None"}
SPACE_ABBR = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
INLINE_KEYS = {
    "/W": "/Width",
    "/H": "/Height",
    "/CS": "/ColorSpace",
    "/BPC": "/BitsPerComponent",
    "/IM": "/ImageMask",
    "/F": "/Filter",
}
MAX_DEPTH = 12


# ---------------------------------------------------------------- entry point
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
        findings = _check_file(pdf, strict)
        findings += _check_ident(pdf, strict)
        box_findings, regions = _check_boxes(pdf, trim_mm, bleed_mm)
        findings += box_findings
        findings += _check_fonts(pdf)
        scan = _scan_content(pdf)
        findings += _scan_findings(scan, strict, min_ppi, warn_ppi)
    if ink:
        findings += check_ink(Path(path), regions, max_tac=max_tac)
    else:
        findings.append(
            Finding("info", "ink.tac", f"未检查油墨总量（ink check NOT run: disabled），TAC 上限 {max_tac:g}%")
        )
    return findings


# ---------------------------------------------------------------- file
def _check_file(pdf: pikepdf.Pdf, strict: bool) -> list[Finding]:
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
def _check_ident(pdf: pikepdf.Pdf, strict: bool) -> list[Finding]:
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
def _check_boxes(
    pdf: pikepdf.Pdf, trim_mm: tuple[float, float] | None, bleed_mm: float
) -> tuple[list[Finding], list[PageRegion]]:
    """TrimBox on every page (never with ArtBox), Trim ⊆ Bleed ⊆ Media, trim size, bleed; ink regions."""
    out: list[Finding] = []
    regions = []
    for number, page in enumerate(pdf.pages, 1):
        media = _box(page.obj, "/MediaBox") or (0.0, 0.0, 612.0, 792.0)
        trim, bleed, art = (_box(page.obj, k) for k in ("/TrimBox", "/BleedBox", "/ArtBox"))
        rotate = int(page.obj.get("/Rotate", 0)) % 360
        out += _page_box_findings(number, media, trim, bleed, art)
        if trim is not None:
            out += _trim_and_bleed(number, trim, bleed, trim_mm, bleed_mm)
        if rotate:
            out.append(Finding("warning", "boxes.rotate", f"页面旋转 {rotate}°，油墨检查按整页计算", number))
        region = bleed if (bleed is not None and trim is not None) else (trim or art or media)
        regions.append(PageRegion(media, region, rotate))
    return out, regions


def _page_box_findings(number: int, media, trim, bleed, art) -> list[Finding]:
    out = []
    if trim is None:
        out.append(
            Finding("error", "boxes.trim", "缺少 TrimBox（成品尺寸框）", number, "ArtBox" if art is not None else "")
        )
    elif art is not None:
        out.append(Finding("error", "boxes.trim", "同时有 TrimBox 和 ArtBox（PDF/X 只允许其一）", number))
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


def _box(obj: pikepdf.Object, key: str) -> tuple[float, float, float, float] | None:
    """An explicit box as (x0, y0, x1, y1), normalised; MediaBox/CropBox are inherited from /Parent."""
    node, hops = obj, 0
    while node is not None and hops < 32:
        if key in node:
            v = [float(x) for x in node[key]]
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


def _check_fonts(pdf: pikepdf.Pdf) -> list[Finding]:
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


# ---------------------------------------------------------------- colour spaces
@dataclass(frozen=True)
class Space:
    """A resolved colour space: family ('DeviceCMYK', 'Separation', 'ICCBased', …), components, ink names."""

    family: str
    n: int
    inks: tuple[str, ...] = ()
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.family


GRAY = Space("DeviceGray", 1)
RGB = Space("DeviceRGB", 3)
CMYK_SPACE = Space("DeviceCMYK", 4)
DEVICE = {"/DeviceGray": GRAY, "/DeviceRGB": RGB, "/DeviceCMYK": CMYK_SPACE, "/Pattern": Space("Pattern", 0)}
X1A_FAMILIES = {"DeviceGray", "DeviceCMYK", "Separation", "DeviceN", "Pattern"}


def resolve_space(obj: object, resources: pikepdf.Object | None, depth: int = 0) -> Space:
    """Classify a colour space operand or /ColorSpace entry, following resource names and Indexed bases."""
    if depth > 6 or obj is None:
        return Space("unknown", 0)
    if isinstance(obj, pikepdf.Name):
        key = SPACE_ABBR.get(str(obj), str(obj))
        if key in DEVICE:
            return DEVICE[key]
        named = _lookup(resources, "/ColorSpace", key)
        return resolve_space(named, resources, depth + 1) if named is not None else Space("unknown", 0, (), key)
    if not isinstance(obj, pikepdf.Array) or len(obj) == 0:
        return Space("unknown", 0)
    family = SPACE_ABBR.get(str(obj[0]), str(obj[0]))[1:]
    if family == "ICCBased":
        n = int(obj[1].get("/N", 0))
        return Space("ICCBased", n, (), f"ICCBased({ {1: 'Gray', 3: 'RGB', 4: 'CMYK'}.get(n, n) })")
    if family == "Separation":
        alt = resolve_space(obj[2], resources, depth + 1)
        ink = str(obj[1])[1:]
        return Space("Separation", 1, (ink,), f"Separation({ink}→{alt.name})")
    if family == "DeviceN":
        inks = tuple(str(x)[1:] for x in obj[1])
        alt = resolve_space(obj[2], resources, depth + 1)
        return Space("DeviceN", len(inks), inks, f"DeviceN({','.join(inks)}→{alt.name})")
    if family == "Indexed":
        base = resolve_space(obj[1], resources, depth + 1)
        return Space("Indexed", 1, base.inks, f"Indexed({base.name})")
    return Space(family, {"CalRGB": 3, "Lab": 3, "CalGray": 1}.get(family, 0))


def space_allowed_x1a(space: Space) -> bool:
    """PDF/X-1a: DeviceCMYK, DeviceGray, Separation/DeviceN (with such alternates), Indexed over those."""
    if space.family == "Indexed":
        base = space.label[len("Indexed(") : -1]
        return base in X1A_FAMILIES or base.startswith(("Separation(", "DeviceN("))
    if space.family in ("Separation", "DeviceN"):
        return space.label.endswith(("→DeviceCMYK)", "→DeviceGray)"))
    return space.family in X1A_FAMILIES


# ---------------------------------------------------------------- content walk
@dataclass(frozen=True)
class _GState:
    """The parts of the graphics state the checks need; immutable so q/Q is a plain stack."""

    ctm: Matrix = IDENTITY
    fill: Space = GRAY
    fill_value: tuple[float, ...] = (0.0,)
    op: bool = False
    OP: bool = False
    opm: int = 0
    font_size: float = 0.0
    tm: Matrix = IDENTITY
    render_mode: int = 0


@dataclass(frozen=True)
class Placement:
    """One drawn image: page, resource name, pixels, placed size (mm), effective ppi, colour space."""

    page: int
    name: str
    px_w: int
    px_h: int
    w_mm: float
    h_mm: float
    ppi: float
    space: str
    bits: int
    inline: bool = False


class _Scan:
    """Accumulates what the content walk saw, for all pages (turned into findings afterwards)."""

    def __init__(self) -> None:
        self.spaces: Counter[tuple[int, str, str]] = Counter()  # (page, usage, space label)
        self.bad_spaces: dict[str, Space] = {}
        self.transparency: list[tuple[int, str, str]] = []  # (page, where, what)
        self.text: Counter[tuple[int, str]] = Counter()  # (page, class)
        self.white_overprint: Counter[tuple[int, int]] = Counter()  # (page, OPM)
        self.images: list[Placement] = []
        self.unparsed: list[tuple[int, str]] = []


def _scan_content(pdf: pikepdf.Pdf) -> _Scan:
    scan = _Scan()
    cache: dict[object, list] = {}
    for number, page in enumerate(pdf.pages, 1):
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == pikepdf.Name("/Transparency"):
            scan.transparency.append((number, "page", "页面透明度组（transparency group）"))
        _Walker(scan, number, cache).run(page.obj, page.obj.get("/Resources"), _GState(), 0)
    return scan


class _Walker:
    """Interprets one page's content streams (and the forms it draws) for the colour, text and image checks."""

    def __init__(self, scan: _Scan, page: int, cache: dict[object, list]):
        self.scan, self.page, self.cache = scan, page, cache

    def run(self, owner: pikepdf.Object, resources, state: _GState, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        stack: list[_GState] = []
        for operands, operator in self._parse(owner):
            op = str(operator)
            if op == "q":
                stack.append(state)
            elif op == "Q":
                state = stack.pop() if stack else state
            elif op == "Do":
                self._do(operands[0], resources, state, depth)
            elif op == "INLINE IMAGE":
                self._image(_inline_dict(operands[0]), resources, state, "inline", True)
            else:
                state = self._apply(op, operands, resources, state)

    def _parse(self, owner: pikepdf.Object) -> list:
        key = owner.objgen if owner.is_indirect and owner.objgen != (0, 0) else id(owner)
        if key not in self.cache:
            try:
                self.cache[key] = list(pikepdf.parse_content_stream(owner))
            except (pikepdf.PdfError, ValueError) as exc:
                self.scan.unparsed.append((self.page, str(exc)))
                self.cache[key] = []
        return self.cache[key]

    def _apply(self, op: str, operands, resources, state: _GState) -> _GState:
        handler = _STATE_OPS.get(op)
        if handler is not None:
            return handler(self, operands, resources, state)
        if op in ("Tj", "TJ", "'", '"'):
            self._text(state)
        elif op in ("f", "F", "f*", "B", "B*", "b", "b*"):
            self._white_overprint(state)
        elif op == "sh":
            self._shading(operands[0], resources)
        return state

    def note_space(self, usage: str, space: Space) -> None:
        self.scan.spaces[(self.page, usage, space.name)] += 1
        if not space_allowed_x1a(space) or set(space.inks) - PROCESS_INKS:
            self.scan.bad_spaces[space.name] = space

    def _do(self, name, resources, state: _GState, depth: int) -> None:
        xobj = _lookup(resources, "/XObject", name)
        if xobj is None:
            return
        subtype = xobj.get("/Subtype")
        if subtype == pikepdf.Name("/Image"):
            self._image(xobj, resources, state, str(name)[1:], False)
        elif subtype == pikepdf.Name("/Form"):
            group = xobj.get("/Group")
            if group is not None and group.get("/S") == pikepdf.Name("/Transparency"):
                self.scan.transparency.append((self.page, str(name)[1:], "表单透明度组（form transparency group）"))
            matrix = tuple(float(x) for x in xobj.get("/Matrix", IDENTITY))
            inner = replace(state, ctm=_mul(matrix, state.ctm))
            self.run(xobj, xobj.get("/Resources", resources), inner, depth + 1)

    def _image(self, image, resources, state: _GState, name: str, inline: bool) -> None:
        mask = bool(image.get("/ImageMask", False))
        space = state.fill if mask else resolve_space(image.get("/ColorSpace"), resources)
        if image.get("/ColorSpace") is None and not mask:
            space = Space("JPX-embedded", 0)
        self.note_space("image", space)
        if "/SMask" in image or int(image.get("/SMaskInData", 0) or 0):
            self.scan.transparency.append((self.page, name, "图片带软蒙版（image SMask）"))
        a, b, c, d = state.ctm[:4]
        w_pt, h_pt = math.hypot(a, b), math.hypot(c, d)
        px_w, px_h = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        ppi = min(px_w * 72 / w_pt if w_pt else 0.0, px_h * 72 / h_pt if h_pt else 0.0)
        bits = 1 if mask else int(image.get("/BitsPerComponent", 8))
        self.scan.images.append(
            Placement(
                self.page,
                name,
                px_w,
                px_h,
                round(w_pt * PT_MM, 1),
                round(h_pt * PT_MM, 1),
                round(ppi, 1),
                space.name,
                bits,
                inline,
            )
        )

    def _text(self, state: _GState) -> None:
        if state.render_mode in (3, 7):  # invisible text (OCR layers) prints nothing
            return
        self.note_space("text", state.fill)
        kind, inks = _text_class(state.fill, state.fill_value)
        a, b, c, d = _mul(state.tm, state.ctm)[:4]
        size = state.font_size * math.sqrt(abs(a * d - b * c))
        self.scan.text[(self.page, kind)] += 1
        if kind == "100K" and not state.op:
            self.scan.text[(self.page, "100K-no-overprint")] += 1
        if inks >= 2 and size < 10:
            self.scan.text[(self.page, "multi-ink-small")] += 1
        if kind == "white":
            self._white_overprint(state)

    def _white_overprint(self, state: _GState) -> None:
        if state.op and _text_class(state.fill, state.fill_value)[0] == "white":
            self.scan.white_overprint[(self.page, state.opm)] += 1

    def _shading(self, name, resources) -> None:
        shading = _lookup(resources, "/Shading", name)
        if shading is not None:
            self.note_space("shading", resolve_space(shading.get("/ColorSpace"), resources))


def _text_class(space: Space, value: tuple[float, ...]) -> tuple[str, int]:
    """(class, number of inks) of a fill colour: '100K', 'K tint', 'white', 'multi-ink', 'RGB', …"""
    if space.family == "DeviceCMYK" and len(value) == 4:
        inks = sum(1 for v in value if v > 0)
        if inks == 0:
            return "white", 0
        if value[:3] == (0, 0, 0):
            return ("100K" if value[3] >= 0.999 else "K tint"), 1
        return "multi-ink", inks
    if space.family == "DeviceGray" and value:
        return ("white", 0) if value[0] >= 1 else (("100K" if value[0] <= 0.001 else "K tint"), 1)
    if space.family == "Separation":
        return ("registration", 4) if space.inks == ("All",) else ("spot", 1)
    if space.family in ("DeviceRGB", "CalRGB", "Lab") or space.label == "ICCBased(RGB)":
        return "RGB", 3
    return space.name, max(space.n, 1)


def _set_fill(kind: str):
    def handler(walker: _Walker, operands, resources, state: _GState) -> _GState:
        space = {"g": GRAY, "rg": RGB, "k": CMYK_SPACE}[kind]
        walker.note_space("fill", space)
        return replace(state, fill=space, fill_value=_numbers(operands))

    return handler


def _set_stroke(kind: str):
    def handler(walker: _Walker, operands, resources, state: _GState) -> _GState:
        walker.note_space("stroke", {"G": GRAY, "RG": RGB, "K": CMYK_SPACE}[kind])
        return state

    return handler


def _op_cs(walker: _Walker, operands, resources, state: _GState) -> _GState:
    space = resolve_space(operands[0], resources)
    walker.note_space("fill", space)
    initial = _INITIAL_COLOUR.get(space.family, (0.0,) * max(space.n, 1))
    if space.family in ("Separation", "DeviceN"):
        initial = (1.0,) * space.n  # full tint
    return replace(state, fill=space, fill_value=initial)


_INITIAL_COLOUR = {"DeviceCMYK": (0.0, 0.0, 0.0, 1.0), "DeviceGray": (0.0,), "DeviceRGB": (0.0, 0.0, 0.0)}


def _op_CS(walker: _Walker, operands, resources, state: _GState) -> _GState:
    walker.note_space("stroke", resolve_space(operands[0], resources))
    return state


def _op_sc(walker: _Walker, operands, resources, state: _GState) -> _GState:
    return replace(state, fill_value=_numbers(operands))


def _op_gs(walker: _Walker, operands, resources, state: _GState) -> _GState:
    """ExtGState: overprint (op defaults to OP when only OP is given), OPM, transparency keys."""
    name = str(operands[0])
    egs = _lookup(resources, "/ExtGState", name)
    if egs is None:
        return state
    for problem in _egs_transparency(egs):
        walker.scan.transparency.append((walker.page, name[1:], problem))
    changes: dict[str, object] = {}
    if "/OP" in egs:
        changes["OP"] = bool(egs.OP)
        changes["op"] = bool(egs.OP)
    if "/op" in egs:
        changes["op"] = bool(egs.op)
    if "/OPM" in egs:
        changes["opm"] = int(egs.OPM)
    return replace(state, **changes)


def _egs_transparency(egs: pikepdf.Object) -> list[str]:
    out = [f"{k[1:]}={float(egs[k]):g}（透明度）" for k in ("/ca", "/CA") if k in egs and float(egs[k]) < 1]
    smask = egs.get("/SMask")
    if smask is not None and smask != pikepdf.Name("/None"):
        out.append("软蒙版（ExtGState SMask）")
    blend = egs.get("/BM")
    modes = [str(m) for m in (blend if isinstance(blend, pikepdf.Array) else [blend] if blend is not None else [])]
    if any(m not in ("/Normal", "/Compatible") for m in modes):
        out.append(f"混合模式 {', '.join(m[1:] for m in modes)}（blend mode）")
    return out


def _op_cm(walker, operands, resources, state: _GState) -> _GState:
    return replace(state, ctm=_mul(tuple(float(x) for x in operands), state.ctm))


def _op_bt(walker, operands, resources, state: _GState) -> _GState:
    return replace(state, tm=IDENTITY)


def _op_tm(walker, operands, resources, state: _GState) -> _GState:
    return replace(state, tm=tuple(float(x) for x in operands))


def _op_tf(walker, operands, resources, state: _GState) -> _GState:
    return replace(state, font_size=float(operands[1]))


def _op_tr(walker, operands, resources, state: _GState) -> _GState:
    return replace(state, render_mode=int(operands[0]))


_STATE_OPS = {
    "g": _set_fill("g"),
    "rg": _set_fill("rg"),
    "k": _set_fill("k"),
    "G": _set_stroke("G"),
    "RG": _set_stroke("RG"),
    "K": _set_stroke("K"),
    "cs": _op_cs,
    "CS": _op_CS,
    "sc": _op_sc,
    "scn": _op_sc,
    "gs": _op_gs,
    "cm": _op_cm,
    "BT": _op_bt,
    "Tm": _op_tm,
    "Tf": _op_tf,
    "Tr": _op_tr,
}


def _lookup(resources, category: str, name) -> pikepdf.Object | None:
    """resources[category][name], or None when any level is missing."""
    if resources is None:
        return None
    table = resources.get(category)
    return None if table is None else table.get(str(name))


def _numbers(operands) -> tuple[float, ...]:
    return tuple(float(x) for x in operands if not isinstance(x, pikepdf.Name))


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n for PDF row-vector matrices: apply m first, then n."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _inline_dict(inline: pikepdf.PdfInlineImage) -> dict:
    """An inline image's dictionary with abbreviations expanded (so `_image` can read it)."""
    out = {}
    for key, value in inline.obj.items():
        key = INLINE_KEYS.get(str(key), str(key))
        if key == "/ColorSpace" and isinstance(value, pikepdf.Name):
            value = pikepdf.Name(SPACE_ABBR.get(str(value), str(value)))
        out[key] = value
    return out


# ---------------------------------------------------------------- scan → findings
def _scan_findings(scan: _Scan, strict: bool, min_ppi: float, warn_ppi: float) -> list[Finding]:
    out = [Finding("warning", "content.parse", f"内容流无法解析：{msg}", page) for page, msg in scan.unparsed[:3]]
    out += _colour_findings(scan, strict)
    out += _transparency_findings(scan, strict)
    out += _text_findings(scan)
    out += _image_findings(scan, min_ppi, warn_ppi)
    return out


def _colour_findings(scan: _Scan, strict: bool) -> list[Finding]:
    """Non-X-1a spaces per page and usage (error for x1a); spot inks (warning; newsprint is CMYK only)."""
    out = []
    per_page: Counter[tuple[int, str, str]] = Counter()
    for (page, usage, label), count in sorted(scan.spaces.items()):
        space = scan.bad_spaces.get(label)
        if space is not None and not space_allowed_x1a(space):
            per_page[(page, usage, label)] += count
    for (page, usage, label), count in sorted(per_page.items()):
        out.append(
            Finding(
                "error" if strict else "warning",
                "colour.space",
                f"{_USAGE[usage]}使用 {label} ×{count}（PDF/X-1a 只允许 CMYK、灰度和专色）",
                page,
                label,
            )
        )
    spots = sorted({ink for s in scan.bad_spaces.values() for ink in s.inks} - PROCESS_INKS)
    if spots:
        out.append(Finding("warning", "colour.spot", f"使用了专色 {', '.join(spots)}：报纸只印四色，请转为 CMYK"))
    used = sorted({label for (_, _, label) in scan.spaces})
    out.append(Finding("info", "colour.summary", "色彩空间：" + (", ".join(used) or "无")))
    return out


_USAGE = {"fill": "填充色", "stroke": "描边色", "text": "文字", "image": "图片", "shading": "渐变"}


def _transparency_findings(scan: _Scan, strict: bool) -> list[Finding]:
    seen, out = set(), []
    for page, where, what in scan.transparency:
        if (page, where, what) in seen:
            continue
        seen.add((page, where, what))
        out.append(
            Finding(
                "error" if strict else "info", "transparency", f"透明度：{what}（PDF/X-1a 不允许透明）", page, where
            )
        )
    return out


def _text_findings(scan: _Scan) -> list[Finding]:
    """100 K text must overprint (warning), white must not (error with OPM 1), small multi-ink text (warning)."""
    out = []
    for (page, kind), count in sorted(scan.text.items()):
        if kind == "100K-no-overprint":
            out.append(
                Finding("warning", "text.overprint", f"{count} 处 100K 黑字没有设为叠印（套印不准会露白边）", page)
            )
        elif kind == "multi-ink-small":
            out.append(
                Finding("warning", "text.multi_ink", f"{count} 处小于 10 pt 的文字用了两种以上油墨（套印风险）", page)
            )
        elif kind in ("RGB", "registration"):
            out.append(Finding("error", "text.colour", f"{count} 处文字颜色为 {kind}（不能用于印刷文字）", page))
    for (page, opm), count in sorted(scan.white_overprint.items()):
        out.append(
            Finding(
                "error" if opm == 1 else "warning",
                "text.white_overprint",
                f"{count} 处白色对象设为叠印（OPM {opm}）：印刷时会消失",
                page,
            )
        )
    kinds = Counter()
    for (_page, kind), count in scan.text.items():
        if kind not in ("100K-no-overprint", "multi-ink-small"):
            kinds[kind] += count
    out.append(
        Finding(
            "info",
            "text.summary",
            "文字颜色：" + (", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items())) or "无文字"),
        )
    )
    return out


def _image_findings(scan: _Scan, min_ppi: float, warn_ppi: float) -> list[Finding]:
    """Effective ppi per placement: < min_ppi error, < warn_ppi warning; 1-bit line art 150/300 (print.md §0)."""
    out = []
    for im in scan.images:
        low, ok = (min_ppi, warn_ppi) if im.bits > 1 else (150.0, 300.0)
        where = f"{im.name} {im.px_w}×{im.px_h}px"
        placed = f"{im.w_mm:g}×{im.h_mm:g} mm，有效分辨率 {im.ppi:.0f} ppi"
        if im.ppi < low:
            out.append(Finding("error", "images.ppi", f"图片分辨率太低：{placed}（至少 {low:g}）", im.page, where))
        elif im.ppi < ok:
            out.append(Finding("warning", "images.ppi", f"图片分辨率偏低：{placed}（建议 ≥ {ok:g}）", im.page, where))
    if scan.images:
        lowest = min(scan.images, key=lambda p: p.ppi)
        out.append(
            Finding(
                "info",
                "images.summary",
                f"{len(scan.images)} 处图片，最低 {lowest.ppi:.0f} ppi",
                lowest.page,
                lowest.name,
            )
        )
    else:
        out.append(Finding("info", "images.summary", "没有图片"))
    return out
