"""ReportLab's TrueType character tables, read with whole-array unpacks.

reportlab 5.1 `TTFontFile.extractInfo` reads cmap, hmtx and loca one short at
a time in pure Python: about 40 ms for a 30,000-glyph CJK face, the largest
single cost of a galley build (issue 4 budget: 0.4 s for the whole process).
`extract_info` replaces it: the header tables (name, head, OS/2, post, hhea,
maxp) are still read by ReportLab's own code (`charInfo=0`), and the three big
tables are read here with one `struct.unpack_from` each, building the very
same attributes — charToGlyph, glyphToChar, charWidths, defaultWidth,
hmetrics, glyphPos — with equal contents (tests/test_fonts.py compares them with
ReportLab's on every committed face).  cmap formats 4 and 12, the two that
Unicode fonts use, are read here; any other format, or anything unexpected,
falls back to ReportLab's reader, which also raises its usual errors.

`memo_get_table` keeps each table ReportLab copies out of the font file: it
embeds one 256-glyph subset per 256 distinct characters, and each subset
copied the whole glyf table again (8 MB for a GBK face, ~2 ms a copy).

No ReportLab import: the functions work on the parser object ReportLab hands
them (`_ttf_data`, `table`, `_pdfScale`, `numGlyphs`), and layout.fonts
installs them (fonts._patch_reportlab).
"""

from __future__ import annotations

import mmap
from struct import error as StructError
from struct import unpack_from
from typing import Any, Callable, Iterable, Iterator


def extract_info(original: Callable[..., None]) -> Callable[..., None]:
    """A TTFontFile.extractInfo that reads the character tables fast, else calls `original`."""

    def fast_extract_info(self: Any, charInfo: int = 1) -> None:  # noqa: N803 - ReportLab's name
        original(self, charInfo=0)  # header tables, checks and errors: ReportLab's own code
        if not charInfo:
            return
        try:
            tables = char_tables(self._ttf_data, self.table, self.numGlyphs, self._pdfScale)
        except (KeyError, IndexError, StructError):
            tables = None
        if tables is None:
            original(self, charInfo=charInfo)
            return
        for name, value in tables.items():
            setattr(self, name, value)

    fast_extract_info._layout_fast = True  # type: ignore[attr-defined]
    fast_extract_info.__wrapped__ = original  # type: ignore[attr-defined]
    return fast_extract_info


def mapped_read_file(original: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """A TTFontParser.readFile that maps a font file into memory instead of reading it whole.

    ReportLab reads every byte of each face (10–13 MB for the CJK faces, 60 MB a build) and then
    looks at a few tables and the glyphs it embeds; a read-only map lets the operating system bring
    in only the pages that are touched.  Slices of a map are bytes, as slices of the file's bytes
    were, so everything ReportLab builds from them is the same."""

    def read_file(self: Any, f: Any) -> None:
        if not hasattr(self, "_ttf_data") and isinstance(f, str):
            try:
                with open(f, "rb") as fh:
                    self._ttf_data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                self.filename = f
            except (OSError, ValueError):  # unreadable or empty: ReportLab's own reading says why
                pass
        original(self, f)

    read_file._layout_fast = True  # type: ignore[attr-defined]
    read_file.__wrapped__ = original  # type: ignore[attr-defined]
    return read_file


def memo_get_table(original: Callable[[Any, str], bytes]) -> Callable[[Any, str], bytes]:
    """A TTFontParser.get_table that copies each table out of the file once per parser."""

    def get_table(self: Any, tag: str) -> bytes:
        tables = self.__dict__.setdefault("_layout_tables", {})
        data = tables.get(tag)
        if data is None:
            data = tables[tag] = original(self, tag)
        return data

    get_table._layout_fast = True  # type: ignore[attr-defined]
    get_table.__wrapped__ = original  # type: ignore[attr-defined]
    return get_table


def char_tables(data: bytes, table: dict[str, dict[str, int]], num_glyphs: int,
                scale: Callable[[float], float]) -> dict[str, Any] | None:
    """The attributes extractInfo sets from cmap, hmtx and loca; None for what only ReportLab reads."""
    if "loca" not in table:
        return None  # ReportLab's reader says "missing location table"
    head = table["head"]["offset"]
    (loca_format, glyph_format) = unpack_from(">hh", data, head + 50)
    if glyph_format != 0:
        return None
    hhea = table["hhea"]["offset"]
    (metric_format, n_hmetrics) = unpack_from(">HH", data, hhea + 32)
    if metric_format != 0 or n_hmetrics == 0:
        return None
    cmap = _read_cmap(data, table["cmap"]["offset"])
    if cmap is None:
        return None
    char_to_glyph, glyph_to_char = cmap

    # hmtx: advance and left side bearing (read unsigned, as ReportLab does) per glyph;
    # glyphs past numberOfHMetrics repeat the last advance.
    hmtx = table["hmtx"]["offset"]
    pairs = unpack_from(f">{2 * n_hmetrics}H", data, hmtx)
    lsbs = unpack_from(f">{num_glyphs - n_hmetrics}H", data, hmtx + 4 * n_hmetrics) if num_glyphs > n_hmetrics else ()
    advances = pairs[0::2]
    scaled = [scale(aw) for aw in advances]
    scaled_last = scaled[-1]
    hmetrics = list(zip(advances, pairs[1::2]))
    # ReportLab repeats the last advance *after* scaling it to 1/1000 em (the same
    # number when unitsPerEm is 1000); kept, so that subsets come out byte-identical.
    hmetrics.extend((scaled_last, lsb) for lsb in lsbs)
    per_glyph = scaled + [scaled_last] * (num_glyphs - n_hmetrics)
    # The same entries as ReportLab's charWidths (only lookups are ever made in it, so
    # the order, by code point here and by glyph there, does not matter).
    if char_to_glyph and max(char_to_glyph.values()) < num_glyphs:
        char_widths = {ch: per_glyph[g] for ch, g in char_to_glyph.items()}
    else:
        char_widths = {ch: per_glyph[g] for ch, g in char_to_glyph.items() if g < num_glyphs}

    loca = table["loca"]["offset"]
    if loca_format == 0:
        glyph_pos = [v << 1 for v in unpack_from(f">{num_glyphs + 1}H", data, loca)]
    elif loca_format == 1:
        glyph_pos = list(unpack_from(f">{num_glyphs + 1}L", data, loca))
    else:
        return None

    if 0x20 in char_to_glyph:  # ReportLab maps the no-break space to the space, or back
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        char_widths[0xA0] = char_widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        char_widths[0x20] = char_widths[0xA0]
    return {
        "charToGlyph": char_to_glyph,
        "glyphToChar": glyph_to_char,
        "charWidths": char_widths,
        "defaultWidth": scaled[0],
        "hmetrics": hmetrics,
        "glyphPos": glyph_pos,
    }


def _read_cmap(data: bytes, cmap: int) -> tuple[dict[int, int], dict[int, list[int]]] | None:
    """charToGlyph and glyphToChar from the subtable ReportLab would pick (format 4 or 12 only)."""
    version, count = unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    offset, enc = None, 0
    for k in range(count):  # ReportLab's choice, kept exactly: the last suitable record wins
        platform, encoding, off = unpack_from(">HHL", data, cmap + 4 + 8 * k)
        if platform == 3:
            enc, offset = 1, off
        elif platform == 1 and encoding == 0 and enc != 1:
            enc, offset = 2, off
        elif platform == 1 and encoding == 1:
            enc, offset = 1, off
        elif platform == 0 and encoding != 5:
            enc, offset = 1, off
    if offset is None:
        return None
    sub = cmap + offset
    (fmt,) = unpack_from(">H", data, sub)
    if fmt == 12:
        return _maps(_format12(data, sub))
    if fmt == 4:
        return _maps(_format4(data, sub))
    return None


def _maps(pairs: Iterable[tuple[int, int]]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """charToGlyph and glyphToChar from (code point, glyph) pairs in cmap order, as ReportLab builds them."""
    char_to_glyph: dict[int, int] = {}
    glyph_to_char: dict[int, list[int]] = {}
    for ch, g in pairs:
        char_to_glyph[ch] = g
        if g in glyph_to_char:
            glyph_to_char[g].append(ch)
        else:
            glyph_to_char[g] = [ch]
    return char_to_glyph, glyph_to_char


def _format12(data: bytes, sub: int) -> Iterator[tuple[int, int]]:
    """Segmented coverage: groups of consecutive code points on consecutive glyphs."""
    (groups,) = unpack_from(">L", data, sub + 12)
    flat = unpack_from(f">{3 * groups}L", data, sub + 16)
    for start, end, glyph in zip(flat[0::3], flat[1::3], flat[2::3]):
        yield from zip(range(start, end + 1), range(glyph, glyph + end - start + 1))


def _format4(data: bytes, sub: int) -> Iterator[tuple[int, int]]:
    """Segment mapping to delta values, with glyph arrays where idRangeOffset is set (BMP only)."""
    length, _lang, seg_x2 = unpack_from(">HHH", data, sub + 2)
    limit = sub + length
    segs = seg_x2 // 2
    ends = unpack_from(f">{segs}H", data, sub + 14)
    starts = unpack_from(f">{segs}H", data, sub + 16 + 2 * segs)
    deltas = unpack_from(f">{segs}h", data, sub + 16 + 4 * segs)
    range_base = sub + 16 + 6 * segs
    range_offsets = unpack_from(f">{segs}H", data, range_base)
    for n in range(segs):
        start, end, delta, ro = starts[n], ends[n], deltas[n], range_offsets[n]
        for ch in range(start, end + 1):
            if ro == 0:
                yield ch, (ch + delta) & 0xFFFF
                continue
            at = range_base + 2 * n + ro + (ch - start) * 2
            if at >= limit:
                yield ch, 0  # a broken font's offset past the subtable: glyph 0, as ReportLab does
                continue
            (g,) = unpack_from(">H", data, at)
            yield ch, (g + delta) & 0xFFFF if g != 0 else 0

