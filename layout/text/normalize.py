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

from layout.text.cjk import CJK_CLASSES, _base_class, is_han


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


def _is_cjk(ch: str) -> bool:
    """Han or CJK punctuation; False for '' (no neighbour: the start or end of the text)."""
    return bool(ch) and (is_han(ch) or _base_class(ch) in CJK_CLASSES)


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


_INTERESTING = re.compile(
    r"\.{3,}|。{3,}|…+|⋯+|-{2,}|－{2,}|[ \u3000\u00a0\t]+|[.,:;?!()\"'\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
)


def normalize(text: str, *, headline: bool = False) -> tuple[str, list[Change]]:
    """Normalise one paragraph (or headline line); return the new text and the changes.

    In headlines a single space between Han phrases is kept: it marks a
    preferred break between parallel phrases (newspaper.md §6.3).
    Only the characters some rule may touch are visited (most text has none).
    """
    protected = _protected(text)
    w = _Writer(text)
    quote_open = {'"': True, "'": True}
    parens: list[bool] = []  # per open "(": was it made full width?  Its ")" follows suit.
    pos = 0
    for m in _INTERESTING.finditer(text):
        if m.start() < pos or any(a <= m.start() < b for a, b in protected):
            continue
        w.out.append(text[pos : m.start()])
        pos = _handle(text, m, w, quote_open, parens, headline)
    w.out.append(text[pos:])
    return "".join(w.out), w.changes


def _handle(text: str, m: re.Match[str], w: _Writer, quote_open: dict[str, bool], parens: list[bool],
            headline: bool) -> int:
    """Apply the rule for one match; return where copying resumes."""
    i, run = m.start(), m.group()
    ch = run[0]
    if ch in ".。…⋯" and len(run) > 1 or ch in "…⋯":
        if run in ("……", "⋯⋯"):
            w.out.append(run)
        else:
            w.change(i, run, "……", "ellipsis")
    elif ch in "-－":
        w.change(i, run, "——", "dash")
    elif ch in " \u3000\u00a0\t":
        _space(text, m, w, headline)
    elif ch in "()":
        _paren(text, i, w, parens)
    elif ch == ".":
        if _period_is_chinese(text, i):
            w.change(i, ch, "。", "ascii-punct")
        else:
            w.out.append(ch)
    elif ch in _FULLWIDTH_PUNCT and _punct_is_chinese(text, i):
        w.change(i, ch, _FULLWIDTH_PUNCT[ch], "ascii-punct")
    elif ch in quote_open and _quote_is_chinese(text, i):
        _quote(text, i, w, quote_open)
    elif "\uff10" <= ch <= "\uff5a":
        w.change(i, ch, chr(ord(ch) - 0xFEE0), "fullwidth-alnum")
    else:
        w.out.append(run)
    return m.end()


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


def _paren(text: str, i: int, w: _Writer, parens: list[bool]) -> None:
    """( and ) change together: a ")" is full width exactly when its "(" was, so a pair never
    ends up mixed, as in 他说（English) (a lone ")" follows the neighbour rule)."""
    ch = text[i]
    if ch == "(":
        chinese = _punct_is_chinese(text, i)
        parens.append(chinese)
    else:
        chinese = parens.pop() if parens else _punct_is_chinese(text, i)
    if chinese:
        w.change(i, ch, _FULLWIDTH_PUNCT[ch], "ascii-punct")
    else:
        w.out.append(ch)


def _period_is_chinese(text: str, i: int) -> bool:
    """An ASCII full stop ending a Chinese sentence: after Han or a CJK mark, and not followed
    by Latin or a digit (3.14, www.example.cn, Mr. Wang stay as they are)."""
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    return _is_cjk(before) and not (after.isascii() and after.isalnum()) and after != "."


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
