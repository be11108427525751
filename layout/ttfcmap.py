"""The cmap subtable ReportLab would read, as ranges of code points to look characters up in.

ReportLab (`TTFontFile.extractInfo`) picks the last suitable encoding record and
reads formats 4 and 12 into a dict of every code point; here the same subtable is
kept as its sorted ranges and a character is found by bisection (`glyph`), with
`pairs()` giving every (code point, glyph) in the order ReportLab reads them, for
whoever needs the whole table.  Used by layout/ttfread.py.
"""

from __future__ import annotations

from bisect import bisect_right
from struct import unpack_from
from typing import Callable, Iterable, Iterator, Sequence


def read_cmap(data: bytes, cmap: int) -> "_Ranges | _Listed | None":
    """The subtable ReportLab would pick (format 4 or 12 only), to look code points up in."""
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
        (groups,) = unpack_from(">L", data, sub + 12)
        flat = unpack_from(f">{3 * groups}L", data, sub + 16)
        firsts, lasts, glyphs = flat[0::3], flat[1::3], flat[2::3]
        return _ranges(firsts, lasts, lambda k, ch: glyphs[k] + ch - firsts[k], lambda: _format12(firsts, lasts, glyphs))
    if fmt == 4:
        return _format4_ranges(data, sub)
    return None


class _Ranges:
    """A cmap subtable as sorted, disjoint ranges of code points: glyph(code) by bisection.

    pairs() gives every (code point, glyph) in the subtable's order, as ReportLab reads it."""

    def __init__(self, firsts: Sequence[int], lasts: Sequence[int], glyph_in: Callable[[int, int], int],
                 pairs: Callable[[], Iterable[tuple[int, int]]]) -> None:
        self.firsts, self.lasts, self.glyph_in, self.pairs = firsts, lasts, glyph_in, pairs
        self.empty = not firsts

    def glyph(self, ch: int) -> int | None:
        k = bisect_right(self.firsts, ch) - 1
        if k < 0 or ch > self.lasts[k]:
            return None
        return self.glyph_in(k, ch)


class _Listed:
    """A subtable whose ranges overlap or are out of order (a broken font): read whole, later entries winning."""

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self._pairs, self._map = pairs, dict(pairs)
        self.empty = not pairs

    def glyph(self, ch: int) -> int | None:
        return self._map.get(ch)

    def pairs(self) -> list[tuple[int, int]]:
        return self._pairs


def _ranges(firsts: Sequence[int], lasts: Sequence[int], glyph_in: Callable[[int, int], int],
            pairs: Callable[[], Iterable[tuple[int, int]]]) -> "_Ranges | _Listed":
    ordered = all(f <= z for f, z in zip(firsts, lasts)) and all(z < f for z, f in zip(lasts, firsts[1:]))
    return _Ranges(firsts, lasts, glyph_in, pairs) if ordered else _Listed(list(pairs()))


def _format4_ranges(data: bytes, sub: int) -> "_Ranges | _Listed":
    """Format 4 (segment mapping to delta values, BMP only) as ranges; empty segments left out."""
    starts, ends, glyph, limit = _format4_segments(data, sub)
    if limit + 2 > len(data):  # glyph ids read near the end of a truncated file: read it whole, now
        return _Listed(list(_format4(starts, ends, glyph)))
    used = [n for n in range(len(starts)) if starts[n] <= ends[n]]
    return _ranges([starts[n] for n in used], [ends[n] for n in used], lambda k, ch: glyph(used[k], ch),
                   lambda: _format4(starts, ends, glyph))


def glyph_to_char(pairs: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    """ReportLab's glyphToChar: each glyph's code points, in cmap order."""
    out: dict[int, list[int]] = {}
    for ch, g in pairs:
        if g in out:
            out[g].append(ch)
        else:
            out[g] = [ch]
    return out


def _format12(firsts: Sequence[int], lasts: Sequence[int], glyphs: Sequence[int]) -> Iterator[tuple[int, int]]:
    """Segmented coverage: groups of consecutive code points on consecutive glyphs."""
    for start, end, glyph in zip(firsts, lasts, glyphs):
        yield from zip(range(start, end + 1), range(glyph, glyph + end - start + 1))


def _format4(starts: Sequence[int], ends: Sequence[int], glyph: Callable[[int, int], int]) -> Iterator[tuple[int, int]]:
    """Every (code point, glyph) of a format-4 subtable, segment by segment, as ReportLab reads them."""
    for n in range(len(starts)):
        for ch in range(starts[n], ends[n] + 1):
            yield ch, glyph(n, ch)


def _format4_segments(data: bytes, sub: int) -> tuple[tuple[int, ...], tuple[int, ...], Callable[[int, int], int], int]:
    """A format-4 subtable: its segments' first and last code points, the glyph of code point ch in
    segment n (delta values, with glyph arrays where idRangeOffset is set), and where the subtable ends."""
    length, _lang, seg_x2 = unpack_from(">HHH", data, sub + 2)
    limit = sub + length
    segs = seg_x2 // 2
    ends = unpack_from(f">{segs}H", data, sub + 14)
    starts = unpack_from(f">{segs}H", data, sub + 16 + 2 * segs)
    deltas = unpack_from(f">{segs}h", data, sub + 16 + 4 * segs)
    range_base = sub + 16 + 6 * segs
    range_offsets = unpack_from(f">{segs}H", data, range_base)

    def glyph(n: int, ch: int) -> int:
        delta, ro = deltas[n], range_offsets[n]
        if ro == 0:
            return (ch + delta) & 0xFFFF
        at = range_base + 2 * n + ro + (ch - starts[n]) * 2
        if at >= limit:
            return 0  # a broken font's offset past the subtable: glyph 0, as ReportLab does
        (g,) = unpack_from(">H", data, at)
        return (g + delta) & 0xFFFF if g != 0 else 0

    return starts, ends, glyph, limit
