"""The 【】 markers of an article file: the spellings accepted, and what becomes of a label that is not one.

A marker is a line starting with 【名称】 (or ASCII [名称]); its synonyms
(【标题】 for 【主题】 …) are the editors' and other tools'.  Apart from the
parser (articlefile.py) because most of what is decided here is what is not a
marker, and what the editor is told about it (issue 14): an unknown label on a
line of its own is an error with a did-you-mean; a run-in label (【温馨提示】请…)
is text, with a warning when it is one slip from a marker (【主体】 → 【主题】);
a marker in the middle of a line is printed as text with a warning; ASCII [1]
is ordinary text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from layout.errors import InputError
from layout.model.article import Warning_
from layout.model.suggest import did_you_mean

if TYPE_CHECKING:  # the parser's state, only named in annotations here (articlefile imports this module)
    from layout.model.articlefile import _Parser

# canonical marker → accepted spellings (editors and other tools use these synonyms)
MARKERS: dict[str, tuple[str, ...]] = {
    "栏目": ("栏目", "栏头"),
    "引题": ("引题", "肩题", "眉题"),
    "主题": ("主题", "标题", "正题", "主标题"),
    "副题": ("副题", "子题", "副标题"),
    "署名": ("署名", "作者"),
    "编者按": ("编者按", "按语", "编者按语"),
    "导语": ("导语",),
    "正文": ("正文",),
    "小标题": ("小标题", "分题", "插题"),
    "图": ("图", "图片", "照片"),
    "图说": ("图说", "图片说明", "说明"),
    "摄影": ("摄影", "摄", "图片作者"),
    "链接": ("链接", "相关链接"),
    "简讯": ("简讯", "短讯"),
    "稿源": ("稿源", "来源"),
    "备注": ("备注", "注"),
}
_CANONICAL = {alias: name for name, aliases in MARKERS.items() for alias in aliases}
_MARKER = re.compile(r"^\s*(?:【\s*([^】]{1,8}?)\s*】|\[\s*([^\]]{1,8}?)\s*\])\s*(.*)$")
_INLINE_MARKER = re.compile(r"【\s*([^】\s]{1,8}?)\s*】|\[\s*([^\]\s]{2,8}?)\s*\]")


def near_marker(raw: str) -> str | None:
    """The marker an unknown 【…】 label is one slip away from (【主体】 → 主题, 【导言】 → 导语), or None.

    Only a slip: one character changed in a label of two or more, or one added or left out
    in a label of three or more — so run-in labels like 【温馨提示】【小贴士】 are left alone.
    """
    for alias, name in _CANONICAL.items():
        if len(raw) == len(alias) >= 2 and sum(a != b for a, b in zip(raw, alias)) == 1:
            return name
        if min(len(raw), len(alias)) >= 3 and abs(len(raw) - len(alias)) == 1:
            short, long = sorted((raw, alias), key=len)
            if any(long[:i] + long[i + 1:] == short for i in range(len(long))):
                return name
    return None


def _marker_name(p: _Parser, m: re.Match[str], number: int) -> str | None:
    raw = (m.group(1) or m.group(2)).replace(" ", "").replace("\u3000", "")
    name = _CANONICAL.get(raw)
    if name or m.group(2):  # unknown ASCII [..] is ordinary text, e.g. "[1]"
        return name
    rest = (m.group(3) or "").strip()
    if rest:  # "【温馨提示】请…": a run-in label in the text, not a marker — unless it is a slip of one
        guess = near_marker(raw)
        if guess:
            p.slips[number] = guess
            p.warnings.append(Warning_(number, f"【{raw}】不是标记，这一行当作正文印出来了；是不是【{guess}】？"
                                               f" → 是标记就改成【{guess}】；确是正文里的字，把【】换成〔〕"))
        return None
    suggestion = near_marker(raw) or _CANONICAL.get(did_you_mean(raw, list(_CANONICAL)) or "")
    hint = f"是不是【{suggestion}】？" if suggestion else "可用标记：" + "".join(f"【{k}】" for k in MARKERS)
    raise InputError(p.path, f"不认识的标记【{raw}】 (unknown marker)", line=number, hint=hint)


def _inline_markers(p: _Parser, text: str, number: int, after: bool) -> None:
    """A marker in the middle of a line does nothing (two lines run together, or a slip of the
    keyboard): say so, naming the line.  `after`: the text follows a marker at the line's start."""
    for m in _INLINE_MARKER.finditer(text):
        if not after and m.start() == 0:
            continue  # the line's own (unknown) label, handled by _marker_name
        raw = m.group(1) or m.group(2)
        name = _CANONICAL.get(raw)
        if m.group(2) and not name:
            continue  # [1], [注1]: ordinary text in square brackets
        if name in ("图", "摄影", "备注") and len(raw) == 1:
            tail = text[m.end():].strip()
            if not (name == "图" and re.match(r"\S+\.(?:jpe?g|png|tiff?)\b", tail, re.I)):
                continue  # 【注】 inside a sentence is text; 【图】 is a marker only before an image file
        shown = m.group(0)
        if name:
            p.warnings.append(Warning_(number, f"{shown}写在一行的中间，不起标记的作用，和前后的字一起印出来了"
                                               f" → 在{shown}前回车，让它另起一行"))
        else:
            guess = near_marker(raw)
            if guess:
                p.warnings.append(Warning_(number, f"{shown}像是标记【{guess}】打错了，写在一行中间，当作正文印出来了"
                                                   f" → 是标记就改成【{guess}】并另起一行；确是正文里的字，把【】换成〔〕"))
