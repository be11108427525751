"""Text normalisation on import, with one warning per change (typesetting.md §1.8, newspaper.md §6.6).

Copy pasted from Word or WeChat arrives dirty: ASCII punctuation between Han
characters, "..." for ……, "--" for ——, straight quotes, typed spaces around
digits.  Each rule below fixes one kind and records what it changed, so the
build report can show the editor every substitution: nothing is substituted
silently.  URLs, times (10:30), numbers (1,200 / 3.5) and Latin text are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.text.cjk import CJK_CLASSES, C, _base_class, is_han


@dataclass(frozen=True, slots=True)
class Change:
    """One normalisation: where (index in the original text), what, and which rule."""

    index: int
    before: str
    after: str
    rule: str
    context: str

    def describe(self) -> str:
        return f"“{self.context}”：{RULE_NAMES[self.rule]}（{self.before!r} → {self.after!r}）"


RULE_NAMES = {
    "ascii-punct": "汉字间的半角标点改为全角",
    "ellipsis": "省略号改为“……”",
    "dash": "破折号改为“——”",
    "quote": "直引号改为弯引号",
    "space-han": "删除汉字之间的空格",
    "space-han-latin": "删除汉字与字母数字间的空格（由排版自动加空）",
    "fullwidth-alnum": "全角数字字母改为半角",
    "space-run": "连续空格合并为一个",
}

_FULLWIDTH_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+|[A-Za-z0-9.-]+@[A-Za-z0-9.-]+")
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|…+|⋯+")
_DASH = re.compile(r"-{2,}|－{2,}")
_SPACES = re.compile(r"[ \u3000\u00a0\t]+")


def _is_cjk(ch: str) -> bool:
    return is_han(ch) or _base_class(ch) in CJK_CLASSES


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character from i in direction step that is not a space ('' at the ends)."""
    j = i + step
    while 0 <= j < len(text) and text[j] in " \u3000\t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)]


class _Writer:
    """Accumulates output text and the change records of one pass."""

    def __init__(self, text: str):
        self.text = text
        self.out: list[str] = []
        self.changes: list[Change] = []

    def change(self, index: int, before: str, after: str, rule: str) -> None:
        lo, hi = max(0, index - 6), min(len(self.text), index + len(before) + 6)
        self.changes.append(Change(index, before, after, rule, self.text[lo:hi]))
        self.out.append(after)


def normalize(text: str, *, headline: bool = False) -> tuple[str, list[Change]]:
    """Normalise one paragraph (or headline line); return the new text and the changes.

    In headlines a single space between Han phrases is kept: it marks a
    preferred break between parallel phrases (newspaper.md §6.3).
    """
    protected = _protected(text)
    w = _Writer(text)
    i, n = 0, len(text)
    quote_open = {'"': True, "'": True}
    while i < n:
        span = next((s for s in protected if s[0] == i), None)
        if span:
            w.out.append(text[span[0]:span[1]])
            i = span[1]
            continue
        i = _step(text, i, w, quote_open, headline)
    return "".join(w.out), w.changes


def _step(text: str, i: int, w: _Writer, quote_open: dict[str, bool], headline: bool) -> int:
    """Handle the character (or run) at i; return the next index."""
    ch = text[i]
    for pattern, fixed, rule in ((_ELLIPSIS, "……", "ellipsis"), (_DASH, "——", "dash")):
        m = pattern.match(text, i)
        if m:
            if m.group() in ("……", "⋯⋯"):
                w.out.append(m.group())
            else:
                w.change(i, m.group(), fixed, rule)
            return m.end()
    m = _SPACES.match(text, i)
    if m:
        _space(text, m, w, headline)
        return m.end()
    if ch in _FULLWIDTH_PUNCT and _punct_is_chinese(text, i):
        w.change(i, ch, _FULLWIDTH_PUNCT[ch], "ascii-punct")
    elif ch in quote_open and _quote_is_chinese(text, i):
        _quote(text, i, w, quote_open)
    elif 0xFF10 <= ord(ch) <= 0xFF19 or 0xFF21 <= ord(ch) <= 0xFF3A or 0xFF41 <= ord(ch) <= 0xFF5A:
        w.change(i, ch, chr(ord(ch) - 0xFEE0), "fullwidth-alnum")
    else:
        w.out.append(ch)
    return i + 1


def _punct_is_chinese(text: str, i: int) -> bool:
    """ASCII , : ; ? ! ( ) that belongs to Chinese text (a CJK neighbour), not to a number or a time."""
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    ch = text[i]
    if ch in ",:" and before.isdigit() and after.isdigit():
        return False  # 1,200 and 10:30
    if ch == "(":
        return _is_cjk(after) or _is_cjk(before)
    if ch == ")":
        return _is_cjk(before) or _is_cjk(after)
    return _is_cjk(before) or (_is_cjk(after) and not _is_alnum(before))


def _quote_is_chinese(text: str, i: int) -> bool:
    before, after = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
    if text[i] == "'" and _is_alnum(before) and _is_alnum(after):
        return False  # an apostrophe inside a Latin word stays ASCII
    return any(_is_cjk(c) for c in text)


def _quote(text: str, i: int, w: _Writer, quote_open: dict[str, bool]) -> None:
    ch = text[i]
    pair = "“”" if ch == '"' else "‘’"
    fixed = pair[0] if quote_open[ch] else pair[1]
    quote_open[ch] = not quote_open[ch]
    w.change(i, ch, fixed, "quote")


def _space(text: str, m: re.Match[str], w: _Writer, headline: bool) -> None:
    """Spaces: removed between CJK characters and between CJK and Latin; runs collapsed."""
    start, end = m.span()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    run = m.group()
    if not before or not after:
        w.out.append("")  # leading/trailing blanks of a line are not content
        return
    cjk_before, cjk_after = _is_cjk(before), _is_cjk(after)
    if cjk_before and cjk_after:
        if headline:
            w.out.append(" ")  # phrase separator in headlines
        else:
            w.change(start, run, "", "space-han")
    elif cjk_before or cjk_after:
        if headline:
            w.out.append(" ")
        else:
            w.change(start, run, "", "space-han-latin")
    elif run != " ":
        w.change(start, run, " ", "space-run")
    else:
        w.out.append(run)
