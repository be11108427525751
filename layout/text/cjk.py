"""Character classes and line-breaking prohibitions (禁则) for Simplified Chinese.

The classes and sets follow typesetting.md §1.1 (clreq #prohibition_rules_for_line_start_end,
GB/T 15834—2011 §5.1), with the tailorings where UAX #14 is wrong for zh-Hans
(typesetting.md §1.1.4): · never starts a line, ／ neither starts nor ends one,
“‘ behave as opening and ”’ as closing brackets next to Chinese text.
All functions here are pure and table-driven.
"""

from __future__ import annotations

from enum import IntEnum


class C(IntEnum):
    """Character class of one character (typesetting.md §1.1.1)."""

    HAN = 0  # ideographs, full-width letters/digits, full-width symbols: 1 em boxes
    OPEN = 1  # 前半标号 “ ‘ （ 《 …: blank on the left
    CLOSE = 2  # 后半标号 ” ’ ） 》 …: blank on the right
    PAUSE = 3  # ， 、 ； ： — compressible in the line (clreq reduction step R5)
    STOP = 4  # 。 ？ ！ ． — compressed only at the line end (house rule: R7 forbidden)
    MIDDOT = 5  # 间隔号 ·
    CONNECT = 6  # 连接号 – ～ and a single —
    SOLIDUS = 7  # 分隔号 / ／
    LONG = 8  # the halves of —— and …… (2-em marks)
    DIGIT = 9  # European digits
    PRE = 10  # numeric prefix ￥ $ № # + −
    POST = 11  # numeric postfix % ‰ ℃ °
    LATIN = 12  # Latin/Greek/Cyrillic letters and Latin punctuation inside words
    SPACE = 13  # U+0020 and other breakable spaces (Latin word spaces)
    ITER = 14  # 々 〻
    LATIN_PUNCT = 15  # ASCII , . ; : ? ! ) ] } — never at line start
    LATIN_OPEN = 16  # ASCII ( [ { — never at line end


_TABLE: dict[str, C] = {}


def _assign(chars: str, cls: C) -> None:
    for ch in chars:
        _TABLE[ch] = cls


_assign("“‘（〔［｛〈《「『【〖〘〚｟", C.OPEN)
_assign("”’）〕］｝〉》」』】〗〙〛｠", C.CLOSE)
_assign("，、；：", C.PAUSE)
_assign("。？！．‼⁇⁈⁉", C.STOP)
_assign("·・‧･", C.MIDDOT)
_assign("–～〜~‐", C.CONNECT)
_assign("/／", C.SOLIDUS)
_assign("…⋯⸺―", C.LONG)
_assign("0123456789", C.DIGIT)
_assign("￥¥$＄£￡€№#＃+±−", C.PRE)
_assign("%％‰‱℃℉°′″¢￠", C.POST)
_assign(" \u00a0\u2002\u2003\u2009", C.SPACE)
_assign("々〻", C.ITER)
_assign(",.;:?!)]}", C.LATIN_PUNCT)
_assign("([{", C.LATIN_OPEN)

# U+2014 is a 破折号 half when doubled, a connector when single (北京—上海): see classify().
EM_DASH = "\u2014"

# GB-style prohibitions (typesetting.md §1.1.2).  POST only after a digit, PRE only
# before one: handled in can_break() where the neighbour is known.
NO_LINE_START = frozenset(
    {C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT, C.CONNECT, C.SOLIDUS, C.ITER, C.LATIN_PUNCT}
)
NO_LINE_END = frozenset({C.OPEN, C.SOLIDUS, C.LATIN_OPEN})

# Classes that sit in 1-em ideographic boxes and take part in CJK spacing.
CJK_CLASSES = frozenset({C.HAN, C.OPEN, C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT, C.LONG, C.ITER})
WESTERN_CLASSES = frozenset({C.LATIN, C.DIGIT, C.PRE, C.POST})


def is_han(ch: str) -> bool:
    """Ideographs of the URO, Ext A, Ext B–H, compatibility blocks, and 〇 (typesetting.md §1.1.1)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3134F
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
        or cp == 0x3007
    )


def _base_class(ch: str) -> C:
    cls = _TABLE.get(ch)
    if cls is not None:
        return cls
    cp = ord(ch)
    if cp < 0x80:
        return C.LATIN  # remaining ASCII letters and symbols join Latin words
    if 0x80 <= cp < 0x2000 and ch.isalpha():
        return C.LATIN  # Latin-1, Latin Extended, Greek, Cyrillic
    if ch.isalpha() and cp < 0x2E80 and not (0xFF00 <= cp <= 0xFFEF):
        return C.LATIN
    return C.HAN  # ideographs, kana, full-width forms, ■ ● ★ ① and other symbols


_CLASS_CACHE: dict[str, C] = {}  # char → _base_class(char): the table is fixed, the lookup is hot


def _cache_class(ch: str) -> C:
    cls = _CLASS_CACHE[ch] = _base_class(ch)
    return cls


def classify(text: str) -> list[C]:
    """Class of every character of `text`, with the context rules of typesetting.md §1.1.

    - U+2014 doubled is a LONG (破折号) pair; single it is a connector.
    - ’ between two Latin letters is an apostrophe (LATIN), as in Children’s.
    - ‘ ’ “ ” elsewhere are CJK brackets (clreq: treat as OP/CL in Chinese text).
    """
    cache = _CLASS_CACHE
    classes = [cls if (cls := cache.get(ch)) is not None else _cache_class(ch) for ch in text]
    if EM_DASH not in text and "’" not in text:
        return classes
    n = len(text)
    for i, ch in enumerate(text):
        if ch == EM_DASH:
            doubled = (i > 0 and text[i - 1] == EM_DASH) or (i + 1 < n and text[i + 1] == EM_DASH)
            classes[i] = C.LONG if doubled else C.CONNECT
        elif ch == "’" and 0 < i < n - 1:
            if classes[i - 1] == C.LATIN and classes[i + 1] == C.LATIN:
                classes[i] = C.LATIN
    return classes


def _in_number(classes: list[C], i: int) -> bool:
    return 0 <= i < len(classes) and classes[i] == C.DIGIT


def can_break(text: str, classes: list[C], i: int) -> bool:
    """May a line break fall between text[i] and text[i+1]?  (typesetting.md §1.1.2–§1.1.3)

    Forbidden: before a NO_LINE_START mark, after a NO_LINE_END mark, inside
    ——/……, inside digit runs with separators (3.5, 1,200, 10:30), between a
    number and its prefix or postfix (¥50, 25%), inside Latin words and
    number+unit (5km).  A Latin word space is a break opportunity.
    """
    a, b = classes[i], classes[i + 1]
    if b == C.SPACE:
        return False  # break after the space, never before it
    if a == C.SPACE:
        # A space does not lift the prohibitions around it (UAX14 LB13, LB14, LB16: "( a",
        # "a ," keep their marks), and U+00A0 is no break at all (UAX14 GL).
        if text[i] == "\u00a0" or b in NO_LINE_START:
            return False
        j = i
        while j >= 0 and classes[j] == C.SPACE:
            j -= 1
        return j < 0 or classes[j] not in NO_LINE_END
    if b in NO_LINE_START or a in NO_LINE_END:
        # ASCII , . : between digits are separators inside a number, still no break.
        return False
    if a == C.LONG and b == C.LONG:
        return False
    if a == C.PRE and b in (C.DIGIT, C.PRE):
        return False
    if b == C.POST:
        return False  # 25% and 30℃ stay together; a stray % never starts a line either
    if a in (C.LATIN, C.DIGIT) and b in (C.LATIN, C.DIGIT):
        return False  # words, numbers, 5G, 3.5GHz
    if a == C.LATIN_PUNCT and (b in (C.DIGIT, C.LATIN)) and (_in_number(classes, i - 1) or b == C.LATIN):
        return False  # 3.5, 1,200, 10:30, www.example.com
    return True


def number_unit_penalty(text: str, classes: list[C], i: int) -> bool:
    """True where a break is allowed but unwelcome: between a number and the character after it.

    Every standard allows 2020|年 and 1600|余份 (UAX14 NU ÷ ID); a newspaper keeps a
    number with its counter (年 月 日 时 分 人 位 个 件 余 多 万 亿 元 版 次 期 …,
    typesetting.md §1.1.3) and parts them only when every other break would spread a
    line past the hard limit (lineprice.NUMBER_BREAK_COST).  What follows a number in
    Chinese text is its counter or unit so nearly always (12345|热线 reads as badly)
    that the rule takes any ideograph after a digit or a numeric postfix (25%|的).
    """
    return classes[i] in (C.DIGIT, C.POST) and classes[i + 1] in (C.HAN, C.ITER)
