"""Character sets the fonts must cover, as pure cached functions (fonts.md §0, §4).

Two users: the font build script (`fonts/build_fonts.py`), which fails when a
source font lacks a required character, and `layout fonts`, which reports the
coverage of each face.  GB 2312 and GBK are derived from Python's own codecs by
decoding every double-byte code, so no table has to be shipped for them; only
the 通用规范汉字表 list is data (`layout/data/tongyong8105.txt`).

Every set is a frozenset of one-character strings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TONGYONG_FILE = Path(__file__).resolve().parent / "data" / "tongyong8105.txt"

GENERAL_PUNCTUATION = range(0x2000, 0x2070)
CJK_SYMBOLS = range(0x3000, 0x3040)
FULLWIDTH_FORMS = range(0xFF00, 0xFFF0)


def is_han(ch: str) -> bool:
    """CJK Unified Ideographs (URO) or CJK Compatibility Ideographs: the Han of GBK.

    Ext A and beyond are not in GBK; the 8105's 196 characters above U+FFFF are
    counted through `tongyong8105()`, not through this predicate.
    """
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF


@cache
def _double_byte(codec: str) -> frozenset[str]:
    """Every character a double-byte code of `codec` decodes to (lead 0x81–FE, trail 0x40–FE)."""
    found = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                found.add(text)
    return frozenset(found)


@cache
def tongyong8105() -> tuple[str, ...]:
    """The 8,105 characters of 通用规范汉字表 (2013), in the table's order.

    Data of GB 通用规范汉字表 (2013) via the Unicode Unihan database field kTGH
    (see the header of the data file).  Lines are `U+XXXX<TAB>字`; `#` starts a
    comment.  The count is checked because a truncated file would silently
    weaken every coverage check.
    """
    chars = []
    for line in TONGYONG_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, ch = line.split("\t")[:2]
        if ord(ch) != int(code[2:], 16):
            raise ValueError(f"{TONGYONG_FILE}: {code} does not match {ch!r}")
        chars.append(ch)
    if len(chars) != 8105 or len(set(chars)) != 8105:
        raise ValueError(f"{TONGYONG_FILE}: expected 8105 distinct characters, found {len(set(chars))}")
    return tuple(chars)


@cache
def gb2312() -> frozenset[str]:
    """All 7,445 characters of GB 2312 (symbols and 6,763 Han), per Python's `gb2312` codec."""
    return _double_byte("gb2312")


@cache
def gb2312_han() -> frozenset[str]:
    return frozenset(c for c in gb2312() if is_han(c))


@cache
def gbk() -> frozenset[str]:
    """All 21,791 characters GBK encodes (Python's `gbk` codec; no user-defined areas)."""
    return _double_byte("gbk")


@cache
def gbk_han() -> frozenset[str]:
    """GBK's 20,923 ideographs: U+4E00–9FA5 plus 21 compatibility ideographs (fonts.md §0: names)."""
    return frozenset(c for c in gbk() if is_han(c))


@cache
def ascii_printable() -> frozenset[str]:
    return frozenset(map(chr, range(0x20, 0x7F)))


@cache
def latin1_printable() -> frozenset[str]:
    """U+00A0–00FF without the soft hyphen U+00AD (never drawn); NBSP is drawn as a space."""
    return frozenset(chr(cp) for cp in range(0xA0, 0x100) if cp != 0xAD)


@cache
def general_punctuation_gbk() -> frozenset[str]:
    """The 16 General Punctuation characters GBK encodes: ‐–—―‖‘’“”‥…‰′″‵※."""
    return frozenset(c for c in gbk() if ord(c) in GENERAL_PUNCTUATION)


@cache
def cjk_symbols() -> frozenset[str]:
    """The whole CJK Symbols and Punctuation block U+3000–303F (64 code points)."""
    return frozenset(map(chr, CJK_SYMBOLS))


@cache
def cjk_symbols_gbk() -> frozenset[str]:
    return frozenset(c for c in gbk() if ord(c) in CJK_SYMBOLS)


# name → (label for people, the set).  Order is the order of the report.
COVERAGE_SETS = {
    "tongyong8105": ("通用规范汉字表 8105", lambda: frozenset(tongyong8105())),
    "gb2312": ("GB 2312 全部 (all)", gb2312),
    "gb2312_han": ("GB 2312 汉字 (Han)", gb2312_han),
    "gbk_han": ("GBK 汉字 (Han)", gbk_han),
    "ascii": ("ASCII 可打印 (printable)", ascii_printable),
    "latin1": ("Latin-1 补充 (printable)", latin1_printable),
    "general_punctuation": ("通用标点 General Punct. ∩ GBK", general_punctuation_gbk),
    "cjk_symbols": ("CJK 符号和标点 U+3000–303F", cjk_symbols),
}

# Sets every committed face must cover completely (fonts.md §0).  The whole
# CJK Symbols block is reported but not required: WenKai lacks 12 rare marks
# of it (〚〛, the tone marks U+302A–302F …); the GBK part of it is required.
REQUIRED_SETS = ("tongyong8105", "gb2312", "gbk_han", "ascii", "latin1", "general_punctuation")


@cache
def required() -> frozenset[str]:
    """Union of REQUIRED_SETS plus GBK's CJK symbols: what a role font must not miss."""
    chars = set(cjk_symbols_gbk())
    for name in REQUIRED_SETS:
        chars |= COVERAGE_SETS[name][1]()
    return frozenset(chars)
