"""ReportLab's TrueType character tables, read with whole-array unpacks.

reportlab 5.1 `TTFontFile.extractInfo` reads cmap, hmtx and loca one short at
a time in pure Python: about 40 ms for a 30,000-glyph CJK face, the largest
single cost of a galley build (issue 4 budget: 0.4 s for the whole process).
`extract_info` replaces it: the header tables (name, head, OS/2, post, hhea,
maxp) are still read by ReportLab's own code (`charInfo=0`), and the three big
tables are read here, on demand: the very same attributes — charToGlyph,
glyphToChar, charWidths, defaultWidth, hmetrics, glyphPos — answer each lookup
from the file (a bisection in the cmap's ranges, one unpack in hmtx or loca)
with ReportLab's value (tests/test_fonts.py compares them, entry for entry, on
every committed face); a build asks for a few thousand of 30,000 entries.  cmap
formats 4 and 12, the two that Unicode fonts use, are read by layout/ttfcmap.py;
any other format, or anything unexpected, falls back to ReportLab's reader,
which also raises its usual errors.

`memo_get_table` keeps each table ReportLab copies out of the font file: it
embeds one 256-glyph subset per 256 distinct characters, and each subset
copied the whole glyf table again (8 MB for a GBK face, ~2 ms a copy).

No ReportLab import: the functions work on the parser object ReportLab hands
them (`_ttf_data`, `table`, `_pdfScale`, `numGlyphs`), and layout.fonts
installs them (fonts._patch_reportlab).
"""

from __future__ import annotations

import mmap
from collections.abc import Sequence
from struct import error as StructError
from struct import unpack_from
from typing import Any, Callable, Iterable, Iterator

from layout.ttfcmap import glyph_to_char, read_cmap


def _speedup(replacement: Callable, original: Callable) -> Callable:
    """Mark a replacement of ReportLab's method: installed once (fonts._patch_reportlab), and the
    original kept as __wrapped__ (the tests undo the speed-ups through it)."""
    replacement._layout_fast = True  # type: ignore[attr-defined]
    replacement.__wrapped__ = original  # type: ignore[attr-defined]
    return replacement


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

    return _speedup(fast_extract_info, original)


def string_width(original: Callable[..., float]) -> Callable[..., float]:
    """A TTFont.stringWidth that reads the string's characters into charWidths first.

    ReportLab's C code (rl_accel.instanceStringWidthTTF) looks the widths up in the
    dict itself and would take an entry not yet read for a missing glyph."""

    def width(self: Any, text: Any, size: float, encoding: str = "utf8") -> float:
        widths = self.face.charWidths
        if isinstance(widths, OnDemand):
            widths.read(map(ord, text.decode(encoding or "utf-8") if isinstance(text, bytes) else text))
        return original(self, text, size, encoding)

    return _speedup(width, original)


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

    return _speedup(read_file, original)


def memo_get_table(original: Callable[[Any, str], bytes]) -> Callable[[Any, str], bytes]:
    """A TTFontParser.get_table that copies each table out of the file once per parser, and glyf never.

    ReportLab only slices glyf (makeSubset: glyphData[pos:pos + length]); a view that answers
    each slice with those bytes from the mapped file spares copying 8–13 MB a face (50 ms a build)."""

    def get_table(self: Any, tag: str) -> Any:
        tables = self.__dict__.setdefault("_layout_tables", {})
        data = tables.get(tag)
        if data is None:
            if tag == "glyf" and isinstance(getattr(self, "_ttf_data", None), mmap.mmap):
                data = tables[tag] = TableView(self._ttf_data, *self.get_table_pos(tag))
            else:
                data = tables[tag] = original(self, tag)
        return data

    return _speedup(get_table, original)


class TableView:
    """A table of the mapped font file whose slices are bytes, as slices of the table's bytes would be."""

    def __init__(self, data: mmap.mmap, offset: int, length: int) -> None:
        self._data, self._offset, self._length = data, offset, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: Any) -> Any:
        if not isinstance(key, slice):
            return self._data[self._offset + range(self._length)[key]]  # an int, IndexError as for bytes
        start, stop, step = key.indices(self._length)
        if step != 1:
            return bytes(self)[key]
        return self._data[self._offset + start:self._offset + max(start, stop)]

    def __bytes__(self) -> bytes:
        return self._data[self._offset:self._offset + self._length]

    def __eq__(self, other: object) -> bool:
        return bytes(self) == (bytes(other) if isinstance(other, TableView) else other)

    __hash__ = None  # type: ignore[assignment]


def char_tables(data: bytes, table: dict[str, dict[str, int]], num_glyphs: int,
                scale: Callable[[float], float]) -> dict[str, Any] | None:
    """The attributes extractInfo sets from cmap, hmtx and loca; None for what only ReportLab reads.

    Each is answered entry by entry from the file (OnDemand, Hmetrics, GlyphPos): a build
    looks up a few thousand of a CJK face's 30,000 characters, and building the whole
    tables was most of the cost of loading a face (25 ms of 30).  Their contents are
    ReportLab's, entry for entry (tests/test_fonts.py)."""
    if "loca" not in table:
        return None  # ReportLab's reader says "missing location table"
    head = table["head"]["offset"]
    (loca_format, glyph_format) = unpack_from(">hh", data, head + 50)
    if glyph_format != 0 or loca_format not in (0, 1):
        return None
    hhea = table["hhea"]["offset"]
    (metric_format, n_hmetrics) = unpack_from(">HH", data, hhea + 32)
    if metric_format != 0 or n_hmetrics == 0 or n_hmetrics > num_glyphs:
        return None
    cmap = read_cmap(data, table["cmap"]["offset"])
    if cmap is None:
        return None
    hmtx, loca = table["hmtx"]["offset"], table["loca"]["offset"]
    if hmtx + 2 * (n_hmetrics + num_glyphs) > len(data) or loca + (2, 4)[loca_format] * (num_glyphs + 1) > len(data):
        return None  # a table cut short: ReportLab's reader says so
    hmetrics = Hmetrics(data, hmtx, n_hmetrics, num_glyphs, scale)
    glyph_pos = GlyphPos(data, loca, loca_format, num_glyphs + 1)
    # ReportLab maps the no-break space to the space, or the space to the no-break space
    space = 0x20 if cmap.glyph(0x20) is not None else 0xA0 if cmap.glyph(0xA0) is not None else None
    alias = {0xA0: 0x20, 0x20: 0xA0}.get(space) if space is not None else None

    def glyph(ch: Any) -> int | None:
        if ch == alias:
            ch = space
        return cmap.glyph(ch) if type(ch) is int else None

    def width(ch: Any) -> float | None:
        g = glyph(ch)
        return None if g is None or g >= num_glyphs else hmetrics.width(g)

    def whole_cmap() -> dict[int, int]:
        char_to_glyph = dict(cmap.pairs())
        if alias is not None:
            char_to_glyph[alias] = char_to_glyph[space]
        return char_to_glyph

    def whole_widths() -> dict[int, float]:
        widths = {ch: hmetrics.width(g) for ch, g in cmap.pairs() if g < num_glyphs}
        if alias is not None:
            widths[alias] = widths[space]
        return widths

    return {
        "charToGlyph": OnDemand(glyph, whole_cmap, cmap.empty),
        "glyphToChar": OnDemand(None, lambda: glyph_to_char(cmap.pairs()), cmap.empty),
        "charWidths": OnDemand(width, whole_widths),
        "defaultWidth": hmetrics.width(0),
        "hmetrics": hmetrics,
        "glyphPos": glyph_pos,
    }


_UNSEEN = object()


class OnDemand(dict):
    """One of ReportLab's per-character tables, filled entry by entry by `lookup` (None: no entry).

    A dict, so that ReportLab's C string-width code accepts it (fonts._patch_reportlab
    reads a string's characters into it first).  Lookups, `in` and `get` (all that
    ReportLab's drawing and the engine do) cost one bisection the first time and a dict
    lookup after; iterating, sizing, comparing or writing (ReportLab's HarfBuzz path)
    fills the whole table, in the font's order, with `whole` once.  Without a lookup the
    table is filled whole at first use."""

    __slots__ = ("_lookup", "_whole", "_absent", "_complete", "_empty")

    def __init__(self, lookup: Callable[[Any], Any] | None, whole: Callable[[], dict],
                 empty: bool | None = None) -> None:
        super().__init__()
        self._lookup, self._whole, self._empty = lookup, whole, empty
        self._absent: set[Any] = set()
        self._complete = False

    def _find(self, key: Any) -> Any:
        """The entry for a key not (yet) in the dict: read now, or _UNSEEN when the font has none."""
        if self._complete:
            return _UNSEEN
        if self._lookup is None:
            return dict.get(self.whole(), key, _UNSEEN)
        if key in self._absent:
            return _UNSEEN
        value = self._lookup(key)
        if value is None:
            self._absent.add(key)
            return _UNSEEN
        dict.__setitem__(self, key, value)
        return value

    def read(self, keys: Iterable[Any]) -> None:
        """Read these entries now (before C code that sees only what the dict holds)."""
        for key in keys:
            if not dict.__contains__(self, key):
                self._find(key)

    def whole(self) -> "OnDemand":
        if not self._complete:
            table = self._whole()
            dict.clear(self)
            dict.update(self, table)
            self._complete = True
        return self

    def __missing__(self, key: Any) -> Any:
        value = self._find(key)
        if value is _UNSEEN:
            raise KeyError(key)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = dict.get(self, key, _UNSEEN)
        if value is _UNSEEN:
            value = self._find(key)
        return default if value is _UNSEEN else value

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or self._find(key) is not _UNSEEN

    def __iter__(self) -> Iterator[Any]:
        return dict.__iter__(self.whole())

    def __bool__(self) -> bool:  # `if charToGlyph:` (ReportLab) without reading the whole table
        if self._empty is None or self._complete:
            return dict.__len__(self.whole()) > 0
        return not self._empty

    def __len__(self) -> int:
        return dict.__len__(self.whole())

    def __eq__(self, other: object) -> bool:
        return dict.__eq__(self.whole(), other)

    def __ne__(self, other: object) -> bool:
        return dict.__ne__(self.whole(), other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return dict.__repr__(self.whole())

    def keys(self):  # type: ignore[override]
        return dict.keys(self.whole())

    def values(self):  # type: ignore[override]
        return dict.values(self.whole())

    def items(self):  # type: ignore[override]
        return dict.items(self.whole())

    def copy(self) -> dict:  # type: ignore[override]
        return dict(self.items())

    def __setitem__(self, key: Any, value: Any) -> None:
        dict.__setitem__(self.whole(), key, value)

    def __delitem__(self, key: Any) -> None:
        dict.__delitem__(self.whole(), key)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        return dict.setdefault(self.whole(), key, default)

    def pop(self, key: Any, *default: Any) -> Any:
        return dict.pop(self.whole(), key, *default)

    def popitem(self) -> tuple[Any, Any]:
        return dict.popitem(self.whole())

    def update(self, *args: Any, **kwargs: Any) -> None:
        dict.update(self.whole(), *args, **kwargs)

    def clear(self) -> None:
        dict.clear(self.whole())

    def __reduce__(self):
        return (dict, (dict(self.items()),))


class _FileArray(Sequence):
    """A table of fixed-size entries in the mapped font file, read entry by entry (`_entry`), indexed
    and sliced as ReportLab's lists were."""

    _n = 0

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._entry(k) for k in range(*i.indices(self._n))]
        return self._entry(range(self._n)[i])  # negative indices and IndexError as for a list

    def _entry(self, i: int) -> Any:
        raise NotImplementedError


class Hmetrics(_FileArray):
    """ReportLab's hmetrics: (advance, left side bearing) per glyph, read from hmtx when asked.

    Glyphs past numberOfHMetrics repeat the last advance, which ReportLab stores *after*
    scaling it to 1/1000 em (the same number when unitsPerEm is 1000); kept, so that
    subsets come out byte-identical.  width(g) is the scaled advance (charWidths' values)."""

    def __init__(self, data: bytes, offset: int, n_hmetrics: int, num_glyphs: int,
                 scale: Callable[[float], float]) -> None:
        self._data, self._offset, self._long, self._n, self._scale = data, offset, n_hmetrics, num_glyphs, scale
        self._last = scale(unpack_from(">H", data, offset + 4 * (n_hmetrics - 1))[0])

    def _entry(self, g: int) -> tuple:
        if g < self._long:
            return unpack_from(">HH", self._data, self._offset + 4 * g)
        return (self._last, unpack_from(">H", self._data, self._offset + 4 * self._long + 2 * (g - self._long))[0])

    def width(self, g: int) -> float:
        if g < self._long:
            return self._scale(unpack_from(">H", self._data, self._offset + 4 * g)[0])
        return self._last


class GlyphPos(_FileArray):
    """ReportLab's glyphPos: each glyph's offset in glyf, read from loca when asked."""

    def __init__(self, data: bytes, offset: int, loca_format: int, count: int) -> None:
        self._data, self._offset, self._long, self._n = data, offset, loca_format == 1, count

    def _entry(self, i: int) -> int:
        if self._long:
            return unpack_from(">L", self._data, self._offset + 4 * i)[0]
        return unpack_from(">H", self._data, self._offset + 2 * i)[0] << 1
