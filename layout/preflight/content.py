"""The content walk of the preflight: one pass over every page's content streams, a typed result.

A small PDF interpreter: it tracks the graphics state the checks need (CTM,
fill colour and space, overprint and its mode, text matrix and size, render
mode) through q/Q, forms (with their matrices) and inline images, and records
what it sees: colour spaces per use, transparency, text runs by colour class,
100 K text that does not overprint, small multi-ink text, white overprinting,
and every image placement with its effective ppi.  Judging and wording are
preflight/judge.py's.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

import pikepdf

from layout.preflight.colourspace import CMYK_SPACE, GRAY, PROCESS_INKS, RGB, SPACE_ABBR, Space, lookup, resolve_space, space_allowed_x1a

PT_MM = 25.4 / 72  # millimetres in a point (structure.py uses it too)
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
INLINE_KEYS = {
    "/W": "/Width",
    "/H": "/Height",
    "/CS": "/ColorSpace",
    "/BPC": "/BitsPerComponent",
    "/IM": "/ImageMask",
    "/F": "/Filter",
}
MAX_DEPTH = 12


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


@dataclass(frozen=True)
class SpaceUse:
    """A colour space used on a page: how (fill, stroke, text, image, shading) and how many times."""

    page: int
    usage: str
    label: str
    count: int


@dataclass(frozen=True)
class TextUse:
    """Text runs on a page by colour class ('100K', 'K tint', 'white', 'multi-ink', 'RGB', 'registration', …)."""

    page: int
    colour: str
    count: int


@dataclass(frozen=True)
class PageCount:
    page: int
    count: int


@dataclass(frozen=True)
class WhiteOverprint:
    """White objects set to overprint on a page, by overprint mode (with OPM 1 they vanish on press)."""

    page: int
    opm: int
    count: int


@dataclass(frozen=True)
class TransparencyUse:
    page: int
    where: str
    what: str


@dataclass(frozen=True)
class ContentScan:
    """What the content walk saw on every page; judged and worded by preflight/judge.py.

    spaces: every use, sorted by page, usage and label.  bad_spaces: spaces
    outside PDF/X-1a or carrying non-process inks, in first-seen order.
    text_not_overprinting: 100 K text runs without overprint, per page.
    small_multi_ink: text runs under 10 pt in two or more inks, per page.
    """

    spaces: tuple[SpaceUse, ...]
    bad_spaces: tuple[Space, ...]
    transparency: tuple[TransparencyUse, ...]
    text: tuple[TextUse, ...]
    text_not_overprinting: tuple[PageCount, ...]
    small_multi_ink: tuple[PageCount, ...]
    white_overprint: tuple[WhiteOverprint, ...]
    images: tuple[Placement, ...]
    unparsed: tuple[tuple[int, str], ...]


class _Tally:
    """Accumulates what the walk sees, for all pages; `freeze` turns it into a ContentScan."""

    def __init__(self) -> None:
        self.spaces: Counter[tuple[int, str, str]] = Counter()  # (page, usage, space label)
        self.bad_spaces: dict[str, Space] = {}
        self.transparency: list[TransparencyUse] = []
        self.text: Counter[tuple[int, str]] = Counter()  # (page, colour class)
        self.not_overprinting: Counter[int] = Counter()
        self.small_multi_ink: Counter[int] = Counter()
        self.white_overprint: Counter[tuple[int, int]] = Counter()  # (page, OPM)
        self.images: list[Placement] = []
        self.unparsed: list[tuple[int, str]] = []

    def freeze(self) -> ContentScan:
        return ContentScan(
            spaces=tuple(SpaceUse(p, u, label, n) for (p, u, label), n in sorted(self.spaces.items())),
            bad_spaces=tuple(self.bad_spaces.values()),
            transparency=tuple(self.transparency),
            text=tuple(TextUse(p, colour, n) for (p, colour), n in sorted(self.text.items())),
            text_not_overprinting=tuple(PageCount(p, n) for p, n in sorted(self.not_overprinting.items())),
            small_multi_ink=tuple(PageCount(p, n) for p, n in sorted(self.small_multi_ink.items())),
            white_overprint=tuple(WhiteOverprint(p, opm, n) for (p, opm), n in sorted(self.white_overprint.items())),
            images=tuple(self.images),
            unparsed=tuple(self.unparsed),
        )


def scan_content(pdf: pikepdf.Pdf) -> ContentScan:
    """Walk every page's content (and the forms it draws) once."""
    scan = _Tally()
    cache: dict[object, list] = {}
    for number, page in enumerate(pdf.pages, 1):
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == pikepdf.Name("/Transparency"):
            scan.transparency.append(TransparencyUse(number, "page", "页面透明度组（transparency group）"))
        _Walker(scan, number, cache).run(page.obj, page.obj.get("/Resources"), _GState(), 0)
    return scan.freeze()


class _Walker:
    """Interprets one page's content streams (and the forms it draws) for the colour, text and image checks."""

    def __init__(self, scan: _Tally, page: int, cache: dict[object, list]):
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
        xobj = lookup(resources, "/XObject", name)
        if xobj is None:
            return
        subtype = xobj.get("/Subtype")
        if subtype == pikepdf.Name("/Image"):
            self._image(xobj, resources, state, str(name)[1:], False)
        elif subtype == pikepdf.Name("/Form"):
            group = xobj.get("/Group")
            if group is not None and group.get("/S") == pikepdf.Name("/Transparency"):
                self.scan.transparency.append(
                    TransparencyUse(self.page, str(name)[1:], "表单透明度组（form transparency group）")
                )
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
            self.scan.transparency.append(TransparencyUse(self.page, name, "图片带软蒙版（image SMask）"))
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
            self.scan.not_overprinting[self.page] += 1
        if inks >= 2 and size < 10:
            self.scan.small_multi_ink[self.page] += 1
        if kind == "white":
            self._white_overprint(state)

    def _white_overprint(self, state: _GState) -> None:
        if state.op and _text_class(state.fill, state.fill_value)[0] == "white":
            self.scan.white_overprint[(self.page, state.opm)] += 1

    def _shading(self, name, resources) -> None:
        shading = lookup(resources, "/Shading", name)
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
    egs = lookup(resources, "/ExtGState", name)
    if egs is None:
        return state
    for problem in _egs_transparency(egs):
        walker.scan.transparency.append(TransparencyUse(walker.page, name[1:], problem))
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
