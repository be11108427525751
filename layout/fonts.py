"""Font files → `FontFace` (metrics, coverage) and their ReportLab registration.

The only module besides the PDF renderer that touches ReportLab, and the only
one that touches fontTools (architecture.md §8.5).  The text engine sees a face
only through `FontFace.metrics` (layout.text.metrics.FontMetrics).

Cost matters: a galley build has a 0.4 s budget, so a face is parsed once per
process by ReportLab's own TrueType reader, whose character tables (cmap, hmtx,
loca) layout/ttfread.py reads with whole-array unpacks (~20 ms for a GBK subset
instead of ~40 ms); the punctuation ink comes from the `.metrics.json` sidecar
written by `fonts/build_fonts.py`.  fontTools is only the slow path for a font
without a matching sidecar (fonts.md §5.3).

Two ReportLab traps are handled here (fonts.md §0, §6.3): the ToUnicode CMap
for characters above U+FFFF, and the non-embedded Helvetica a canvas carries
unless `initialFontName` names an embedded font (`new_canvas`).
"""

from __future__ import annotations

import json
import re
import struct
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Mapping

from layout import charsets
from layout.errors import InputError
from layout.paths import FONTS_DIR
from layout.ttfread import OnDemand, extract_info, mapped_read_file, memo_get_table, string_width
from layout.text.metrics import PUNCTUATION_FOR_INK, FontMetrics

# role key → file in FONTS_DIR (fonts/README.md says where each comes from).
DEFAULT_ROLES: dict[str, str] = {
    "song": "NotoSerifSC-Regular.ttf",
    "song_bold": "NotoSerifSC-Bold.ttf",
    "song_black": "NotoSerifSC-Black.ttf",
    "hei": "NotoSansSC-Bold.ttf",
    "hei_black": "NotoSansSC-Black.ttf",
    "kai": "WenKaiGB-Regular.ttf",
}

SIDECAR_SUFFIX = ".metrics.json"
SIDECAR_FORMAT = 1

_HINT_TRUETYPE = (
    "请改用 TrueType 轮廓 (glyf) 的字体文件，例如 fonts/ 中的 Noto SC；"
    "可变字体需先用 fontTools varLib.instancer 生成静态实例 "
    "(use a TrueType-outline build; variable fonts need a static instance via fontTools varLib.instancer)"
)


@dataclass(frozen=True)
class FontFace:
    """One font file, loaded and registered with ReportLab.

    pdf_name is the name to pass to `canvas.setFont`.  halt holds the font's
    `halt` GPOS values (XPlacement, XAdvance) in em per code point, when it has
    them (fonts.md §5.1); the engine falls back to trimming ½ em otherwise.
    """

    role: str | None
    path: Path
    pdf_name: str
    family: str
    glyph_count: int
    metrics: FontMetrics
    halt: Mapping[int, tuple[float, float]] = field(default_factory=dict)

    def covers(self, ch: str) -> bool:
        return self.metrics.covers(ch)


# --------------------------------------------------------------------------
# Loading


def load_face(path: Path | str, role: str | None = None) -> FontFace:
    """Load a TrueType font, register it with ReportLab, and describe it.

    Parsing and registration happen once per file per process (cached on the
    resolved path); `role` only labels the returned face.  Raises InputError
    for a missing, unreadable, CFF-outline, variable or collection font.
    """
    resolved = Path(path).resolve()
    pdf_name, family, glyph_count, metrics, halt = _parse(resolved)
    return FontFace(role, resolved, pdf_name, family, glyph_count, metrics, halt)


def load_roles(roles: Mapping[str, str] | None = None, directory: Path = FONTS_DIR) -> dict[str, FontFace]:
    """Load every role's face (default: DEFAULT_ROLES from the committed fonts/)."""
    roles = DEFAULT_ROLES if roles is None else roles
    return {role: load_face(directory / name, role) for role, name in roles.items()}


@lru_cache(maxsize=None)
def _parse(path: Path) -> tuple[str, str, int, FontMetrics, dict[int, tuple[float, float]]]:
    """ReportLab parse + registration + sidecar: the once-per-process work of load_face."""
    header = _sfnt_header(path)
    rl_font = _reportlab_font(path)
    face = rl_font.face
    extra = _read_sidecar(path, header) or _measure_user_font(path)
    metrics = FontMetrics(
        name=rl_font.fontName,
        # ReportLab's widths are already in 1/1000 em, whatever unitsPerEm is.
        advances=_advances(face.charWidths),
        ink={int(k[2:], 16): tuple(v["ink"]) for k, v in extra["punctuation"].items() if "ink" in v},
        ascent=face.ascent / 1000,
        descent=face.descent / 1000,
    )
    halt = {int(k[2:], 16): tuple(v["halt"]) for k, v in extra["punctuation"].items() if "halt" in v}
    family = face.familyName.decode("utf-8", "replace")
    return rl_font.fontName, family, face.numGlyphs, metrics, halt


def _advances(widths: Mapping[int, float]) -> Mapping[int, float]:
    """Advances in em, from ReportLab's widths in 1/1000 em (whatever unitsPerEm is), looked up as asked."""

    def advance(cp: int) -> float | None:
        width = widths.get(cp)
        return None if width is None else width / 1000

    return OnDemand(advance, lambda: {cp: width / 1000 for cp, width in widths.items()})


def _sfnt_header(path: Path) -> dict[str, Any]:
    """Read the sfnt table directory (a few hundred bytes) and refuse what ReportLab cannot embed.

    Done before ReportLab parses the file so that the user gets a clear message
    instead of "postscript outlines are not supported" (fonts.md §1.1).
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            version = head[:4]
            if version not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
                return _refuse(path, version)
            (count,) = struct.unpack(">H", head[4:6])
            directory = fh.read(16 * count)
            tables = {
                directory[i : i + 4].decode("latin-1"): struct.unpack(">II", directory[i + 8 : i + 16])
                for i in range(0, len(directory), 16)
            }
            fh.seek(tables["head"][0] + 8)
            (checksum,) = struct.unpack(">I", fh.read(4))
    except FileNotFoundError:
        hint = "fonts/README.md 说明每个字体的来源 (says where each font comes from)"
        raise InputError(path, "字体文件不存在 (font file not found)", hint=hint) from None
    except (OSError, KeyError, struct.error) as exc:
        raise InputError(path, f"无法读取字体文件 (cannot read font file): {exc}") from None
    if version == b"OTTO" or "CFF " in tables or "CFF2" in tables:
        return _refuse(path, b"OTTO")
    if "fvar" in tables:
        return _refuse(path, b"fvar")
    return {"size": path.stat().st_size, "checkSumAdjustment": checksum}


_REFUSALS = {
    b"OTTO": "字体是 CFF（PostScript）轮廓，ReportLab 无法嵌入 (CFF/PostScript outlines cannot be embedded by ReportLab)",
    b"fvar": "这是可变字体，ReportLab 只会画出默认字重 (variable font: ReportLab would draw only its default instance)",
    b"ttcf": "这是字体集合 (.ttc)，请先取出其中一个字体 (font collection: extract one face first, "
    "e.g. with fontTools TTCollection(path).fonts[i].save('face.ttf'))",
    b"wOFF": "这是 WOFF 网页字体，请先转换为 TTF (WOFF web font: convert it to .ttf with fontTools first)",
    b"wOF2": "这是 WOFF2 网页字体，请先转换为 TTF (WOFF2 web font: convert it to .ttf with fontTools first)",
}


def _refuse(path: Path, kind: bytes) -> dict[str, Any]:
    message = _REFUSALS.get(kind, f"不是 TrueType 字体 (not a TrueType font: {kind!r})")
    raise InputError(path, message, hint=_HINT_TRUETYPE)


_REGISTERED: dict[str, Path] = {}


def _reportlab_font(path: Path):
    """Parse with ReportLab and register under a unique name derived from the file name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    _patch_reportlab()
    base = re.sub(r"[^A-Za-z0-9_-]", "", path.stem) or "Font"
    name, n = base, 1
    while name in _REGISTERED and _REGISTERED[name] != path:
        n += 1
        name = f"{base}-{n}"
    try:
        font = TTFont(name, str(path))
    except (TTFError, ValueError, struct.error) as exc:
        message = f"ReportLab 无法读取此字体 (ReportLab cannot read this font): {exc}"
        raise InputError(path, message, hint=_HINT_TRUETYPE) from None
    pdfmetrics.registerFont(font)
    _REGISTERED[name] = path
    return font


# --------------------------------------------------------------------------
# Sidecar (.metrics.json) and the fontTools slow path


def _measure_user_font(path: Path) -> dict[str, Any]:
    """measure_font for a font without a sidecar, with its failures turned into an InputError.

    ReportLab has already accepted the file; fontTools reports a malformed
    table with many exception types (TTLibError, KeyError, struct.error …).
    """
    try:
        return measure_font(path)
    except Exception as exc:  # noqa: BLE001 - see docstring
        message = f"无法读取字体的标点度量 (cannot measure the font's punctuation): {exc!r}"
        raise InputError(path, message, hint=_HINT_TRUETYPE) from None


def sidecar_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _read_sidecar(path: Path, header: Mapping[str, Any]) -> dict[str, Any] | None:
    """The sidecar's data if it describes exactly this file (size and head.checkSumAdjustment).

    checkSumAdjustment covers every byte of the font, so a rebuilt or replaced
    file is noticed without hashing 10 MB at every start.
    """
    try:
        data = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != SIDECAR_FORMAT or any(data.get(k) != v for k, v in header.items()):
        return None
    return data


def measure_font(path: Path | str) -> dict[str, Any]:
    """Measure what ReportLab does not give, with fontTools: the content of a sidecar.

    Per mark of PUNCTUATION_FOR_INK the font maps: advance and ink x-extent
    (glyph bounds) in em, and the `halt` values if the font has that feature.
    Slow (~0.1–0.3 s for a big font); used by the build script and for fonts
    without a sidecar.  Keys of "punctuation" are "U+XXXX".
    """
    from fontTools.ttLib import TTFont

    path = Path(path)
    font = TTFont(path, lazy=True)
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    halt = _halt_values(font)
    marks = {}
    for ch in dict.fromkeys(PUNCTUATION_FOR_INK):
        glyph = cmap.get(ord(ch))
        if glyph is None:
            continue
        entry: dict[str, Any] = {"char": ch, "advance": font["hmtx"][glyph][0] / upem}
        ink = _ink(font, glyph)
        if ink:
            entry["ink"] = [ink[0] / upem, ink[1] / upem]
        if glyph in halt:
            entry["halt"] = [halt[glyph][0] / upem, halt[glyph][1] / upem]
        marks[f"U+{ord(ch):04X}"] = entry
    os2 = font["OS/2"]
    return {
        "format": SIDECAR_FORMAT,
        "size": path.stat().st_size,
        "checkSumAdjustment": font["head"].checkSumAdjustment,
        "family": font["name"].getBestFamilyName(),
        "postscript_name": font["name"].getDebugName(6),
        "glyph_count": font["maxp"].numGlyphs,
        "unitsPerEm": upem,
        "ascender": os2.sTypoAscender / upem,
        "descender": os2.sTypoDescender / upem,
        "punctuation": marks,
    }


def _ink(font, glyph: str) -> tuple[int, int] | None:
    """Ink x-extent of a glyph in font units (None for an empty glyph)."""
    g = font["glyf"][glyph]
    if g.numberOfContours == 0:
        return None
    if not hasattr(g, "xMin"):
        g.recalcBounds(font["glyf"])
    return g.xMin, g.xMax


def _halt_values(font) -> dict[str, tuple[int, int]]:
    """glyph → (XPlacement, XAdvance) of the GPOS `halt` feature, in font units (fonts.md §5.1)."""
    if "GPOS" not in font:
        return {}
    table = font["GPOS"].table
    records = table.FeatureList.FeatureRecord
    indices = {i for rec in records if rec.FeatureTag == "halt" for i in rec.Feature.LookupListIndex}
    values: dict[str, tuple[int, int]] = {}
    for index in sorted(indices):
        lookup = table.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            if lookup.LookupType == 9:
                sub = sub.ExtSubTable
            if sub.LookupType != 1:
                continue
            glyphs = sub.Coverage.glyphs
            records = [sub.Value] * len(glyphs) if sub.Format == 1 else sub.Value
            for glyph, rec in zip(glyphs, records):
                values.setdefault(glyph, (getattr(rec, "XPlacement", 0) or 0, getattr(rec, "XAdvance", 0) or 0))
    return values


# --------------------------------------------------------------------------
# ReportLab: the ToUnicode fix and the canvas


def _patch_reportlab() -> None:
    """Read fonts faster (layout/ttfread.py) and make ToUnicode CMaps correct above U+FFFF (fonts.md §6.3).

    reportlab 5.1.0 `ttfonts.makeToUnicodeCMap` writes each entry as
    "<%02X> <%04X>", so U+2C029 becomes the odd-length <2C029> and text
    extraction yields U+2C02.  A bfchar target must be UTF-16BE: the wrapper
    rewrites those entries as surrogate pairs (<D870DC29>).  `TTFont.addObjects`
    looks the function up as a module global, so replacing it there suffices.
    """
    from reportlab.pdfbase import ttfonts

    for owner, name, speedup in ((ttfonts.TTFontFile, "extractInfo", extract_info),
                                 (ttfonts.TTFontParser, "get_table", memo_get_table),
                                 (ttfonts.TTFont, "stringWidth", string_width),
                                 (ttfonts.TTFontParser, "readFile", mapped_read_file)):
        method = getattr(owner, name)
        if not getattr(method, "_layout_fast", False):
            setattr(owner, name, speedup(method))
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_layout_non_bmp_fix", False):
        return

    def make_to_unicode_cmap(fontname, subset):
        text = original(fontname, subset)
        for code, cp in enumerate(subset):
            if cp > 0xFFFF:
                utf16 = chr(cp).encode("utf-16-be").hex().upper()
                text = text.replace(f"\n<{code:02X}> <{cp:04X}>\n", f"\n<{code:02X}> <{utf16}>\n")
        return text

    make_to_unicode_cmap._layout_non_bmp_fix = True
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


def new_canvas(path_or_file: str | Path | BinaryIO, face: FontFace | None = None, **kw: Any):
    """A ReportLab Canvas whose initial font is an embedded TrueType face.

    With the default initialFontName='Helvetica' every page's resources carry a
    non-embedded Helvetica, which a printing plant rejects (print.md §2,
    fonts.md §6.3).  `face` defaults to the body face (role "song").
    """
    from reportlab.pdfgen.canvas import Canvas

    face = face or load_face(FONTS_DIR / DEFAULT_ROLES["song"], "song")
    kw.setdefault("initialFontName", face.pdf_name)
    target = str(path_or_file) if isinstance(path_or_file, Path) else path_or_file
    return Canvas(target, **kw)


# --------------------------------------------------------------------------
# Coverage


def missing_characters(text: str, face: FontFace) -> list[str]:
    """Characters of `text` the face lacks, each once, in order of first use.

    ReportLab silently draws .notdef for them and drops them from the text
    layer (fonts.md §4), so callers must ask before drawing.  Control
    characters (line breaks, tabs) are never drawn and never reported.
    """
    return [ch for ch in face.metrics.lacks(text) if unicodedata.category(ch) != "Cc"]


def coverage(face: FontFace) -> dict[str, tuple[int, int]]:
    """(covered, total) for each set of charsets.COVERAGE_SETS, in report order."""
    have = _code_points(face.metrics)
    result = {}
    for name, (_label, chars) in charsets.COVERAGE_SETS.items():
        members = chars()
        result[name] = (sum(1 for ch in members if ord(ch) in have), len(members))
    return result


@lru_cache(maxsize=None)
def _code_points(metrics: FontMetrics) -> frozenset[int]:
    """Every code point the face maps: its cmap read whole once (coverage looks up ~45,000)."""
    return frozenset(metrics.advances)


def missing_required(face: FontFace) -> list[str]:
    """Required characters (charsets.required()) the face lacks, in code point order."""
    have = _code_points(face.metrics)
    return sorted((ch for ch in charsets.required() if ord(ch) not in have), key=ord)


# --------------------------------------------------------------------------
# `layout fonts`


def cli_fonts(args) -> int:
    """`layout fonts`: one row per role, then coverage per character set.

    Exit status 1 when a committed role font is missing or misses a required
    character: a missing glyph at the plant means a reprint (fonts.md §0).
    """
    report = fonts_report()
    if getattr(args, "json", False):
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_format_report(report))
    return 0 if report["ok"] else 1


def fonts_report(roles: Mapping[str, str] | None = None, directory: Path = FONTS_DIR) -> dict[str, Any]:
    """The data behind `layout fonts` (also its --json output)."""
    rows = []
    for role, name in (DEFAULT_ROLES if roles is None else roles).items():
        row: dict[str, Any] = {"role": role, "file": name}
        try:
            face = load_face(directory / name, role)
        except InputError as exc:
            row["error"] = str(exc)
            rows.append(row)
            continue
        missing = missing_required(face)
        row.update(
            family=face.family,
            glyphs=face.glyph_count,
            size=face.path.stat().st_size,
            coverage=coverage(face),
            missing_required="".join(missing),
        )
        rows.append(row)
    total = sum(p.stat().st_size for p in directory.glob("*") if p.is_file())
    ok = all("error" not in r and not r["missing_required"] for r in rows)
    return {"directory": str(directory), "total_size": total, "ok": ok, "faces": rows}


def _format_report(report: Mapping[str, Any]) -> str:
    faces = report["faces"]
    lines = [f"字体目录 (fonts): {report['directory']}  共 (total) {report['total_size'] / 1e6:.1f} MB", ""]
    head = ["角色 role", "文件 file", "字族 family", "字形 glyphs", "大小 size", "状态 status"]
    body = []
    for r in faces:
        if "error" in r:
            body.append([r["role"], r["file"], "—", "—", "—", "缺失/错误 (missing/error)"])
            continue
        status = "完整 (ok)" if not r["missing_required"] else f"缺 {len(r['missing_required'])} 字 (missing)"
        body.append([r["role"], r["file"], r["family"], f"{r['glyphs']:,}", f"{r['size'] / 1e6:.2f} MB", status])
    lines += _table(head, body)
    loaded = [r for r in faces if "error" not in r]
    if loaded:
        lines.append("")
        head = ["覆盖 coverage"] + [r["role"] for r in loaded]
        body = [
            [label] + ["{}/{}".format(*r["coverage"][name]) for r in loaded]
            for name, (label, _chars) in charsets.COVERAGE_SETS.items()
        ]
        lines += _table(head, body)
    for r in faces:
        if "error" in r:
            lines += ["", f"{r['role']}: {r['error']}"]
        elif r["missing_required"]:
            missing = r["missing_required"][:200]
            lines += ["", f"{r['role']} 缺少必需字符 (missing required characters): {missing}"]
    return "\n".join(lines)


def _table(head: list[str], body: list[list[str]]) -> list[str]:
    """Left-aligned columns, padded by display width (CJK counts double)."""
    rows = [head] + body
    widths = [max(_width(row[i]) for row in rows) for i in range(len(head))]
    return ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

