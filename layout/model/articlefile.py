"""Article files: plain UTF-8 text with 【】 line markers → `Article` (article.py; newspaper.md §6.3).

A marker is a line starting with 【名称】 (or ASCII [名称]); text after it on the
same line, or on the following lines, belongs to it until the next marker.
Two refinements make plain files read the way editors mean them: a headline
tier written on its marker's line (【主题】梧桐新村…) is that one line, and a
headline tier, 导语, 编者按 or 图说 ends at a blank line.  Unmarked lines are
body paragraphs, one per line.  Every text field is
normalised (text/normalize.py) and every change is kept, with its line number,
for the build report (`Article.changes`, apart from the warnings an editor must act on).

Nothing is dropped silently (issue 14): a 【图说】 or 【摄影】 with no 【图】 before it is an
error naming its line; a second 【摄影】 joins the first credit; a near-miss marker
(【主体】…) or a marker in the middle of a line is printed as text with a warning; a short
plain line right under 【主题】… is read as the headline's second line, with a note saying so.
A single full-width space between two Chinese characters (迎新年　包馄饨) is deliberate and
kept; the normaliser removes every other stray space.  Which lines are markers, and what the
editor is told about a label that is not quite one, is decided in markers.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from layout.errors import InputError
from layout.model.article import CENTRE, GROUP_HEAD, Article, Block, Figure, Warning_, is_group_head
from layout.model.markers import _MARKER, _inline_markers, _marker_name
from layout.model.suggest import did_you_mean
from layout.text.normalize import normalize

_SINGLE_LINE = frozenset({"栏目", "署名", "摄影", "稿源", "图", "小标题"})
# Headline tiers: text on the marker's own line is the whole tier; a bare marker takes the lines below.
_HEADLINE = frozenset({"引题", "主题", "副题"})
# Paragraph markers end at a blank line: an editor writes the lead, a blank line, then the body.
_ENDS_AT_BLANK = frozenset({"引题", "主题", "副题", "编者按", "导语", "图说", "备注", "小标题"})
_FIGURE_KEYS = {"宽": "width", "宽度": "width", "高": "height", "高度": "height", "位置": "position",
                "裁": "crop", "裁切": "crop", "裁剪": "crop", "焦点": "crop"}
POSITIONS = ("右上", "左上", "右下", "左下", "上", "下")
# 裁=上 keeps the top of a photo that must be cut to fit (a portrait's head), 裁=下 its foot …;
# 裁=30%,20% keeps the point 30 % from the left and 20 % from the top as near the middle as it can.
CROP_WORDS = {"上": (0.5, 0.0), "下": (0.5, 1.0), "左": (0.0, 0.5), "右": (1.0, 0.5), "中": (0.5, 0.5),
              "左上": (0.0, 0.0), "右上": (1.0, 0.0), "左下": (0.0, 1.0), "右下": (1.0, 1.0)}
_SENTENCE_END = tuple("。！？…”’）」』】：；")
_SUBHEAD_LINE = 20  # a second line under a bare 【小标题】 this short (and no sentence end) is its main line
_SUBHEAD_NOT_END = tuple("。！？；，、…")  # a line ending so is body text, not a 小标题's main line
_HEAD_NEXT_LINE = 24  # a plain line right under 【主题】… this short, with no sentence mark, is the headline's next line
_HEAD_NOT_IN = tuple("。！？；…")  # … and a line holding one of these is body text
_HEAD_MAX_LINES = 3
_CREDIT_LINE = 20  # the line under a bare 【摄影】: a name (or two), not a paragraph
KEEP_SPACE = "\ue000"  # stands for a deliberate full-width space while the normaliser runs


def read_text(path: Path) -> str:
    """Read a UTF-8 text file; GBK/GB18030 files and binary junk get a clear error."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "找不到稿件文件 (article file not found)",
                         hint="检查 issue.yaml 里的 article 路径是否写对（相对于本期文件夹）") from None
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = (f"另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8），或运行："
                f"iconv -f GB18030 -t UTF-8 '{path.name}' -o '{path.stem}.utf8.txt'")
        try:
            data.decode("gb18030")
            message = "文件是 GBK/GB18030 编码，不是 UTF-8 (file is GBK-encoded; UTF-8 required)"
        except UnicodeDecodeError:
            message = "文件不是 UTF-8 文本 (not UTF-8 text)"
        raise InputError(path, message, line=line, hint=hint) from None


def load_article(path: Path) -> Article:
    """Parse one article file."""
    return parse_article(read_text(path), path)


@dataclass
class _Parser:
    path: Path
    fields: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    body: list[Block] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    changes: list[Warning_] = field(default_factory=list)
    current: str = "正文"
    sidebar: dict | None = None
    tier: str = ""  # a headline tier written on its marker's line, whose next plain line may continue it
    slips: dict[int, str] = field(default_factory=dict)  # line → the marker a near-miss label was meant to be


def parse_article(text: str, path: Path) -> Article:
    """Parse article text (see the module docstring)."""
    p = _Parser(path)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\u3000")
        if not line:
            if p.current in _ENDS_AT_BLANK and _has_content(p):
                p.current = "正文"
            p.tier = ""
            continue
        if "\ufffd" in line:
            raise InputError(path, "有无法识别的字符“\ufffd”（原稿转码时损坏）", line=number,
                             hint="对照原稿改正这一行；不要把乱码送去排版")
        m = _MARKER.match(line)
        name = _marker_name(p, m, number) if m else None
        if name:
            rest = (m.group(3) or "").strip()
            _inline_markers(p, rest, number, after=True)
            _start_marker(p, name, rest, number)
        else:
            _inline_markers(p, line, number, after=False)
            if p.tier and _continues_headline(p, line):
                p.fields[p.tier].append((number, line))
                _note_headline_line(p, line, number)
                continue
            p.tier = ""
            _content_line(p, line, number)
    _close_sidebar(p)
    return _finish(p)


def _has_content(p: _Parser) -> bool:
    """Has the current marker received any text yet? (A blank line right after a bare marker is ignored.)"""
    if p.current == "导语":
        return any(b.kind == "lead" for b in p.body)
    if p.current == "图说":
        return bool(p.figures and p.figures[-1]["caption"])
    if p.current == "小标题":
        return bool(p.body and p.body[-1].kind == "subhead" and p.body[-1].text)
    return bool(p.fields.get(p.current))


def _continues_headline(p: _Parser, line: str) -> bool:
    """Is this plain line, right under 【主题】…(no blank line between), the headline's next line?"""
    if len(p.fields.get(p.tier, [])) >= _HEAD_MAX_LINES:
        return False
    text = line.replace(" ", "")
    return (len(text) <= _HEAD_NEXT_LINE and not any(mark in text for mark in _HEAD_NOT_IN)
            and not text.endswith(("，", "、", "：")) and not text.startswith((GROUP_HEAD, "（", "(")))


def _note_headline_line(p: _Parser, line: str, number: int) -> None:
    tier = p.tier
    p.warnings.append(Warning_(number, f"“{line}”紧接在【{tier}】那一行下面，当作{tier}的第{len(p.fields[tier])}行排了"
                                       f" → 如果它是正文，在它前面空一行或加【正文】；是{tier}，就把【{tier}】单独写一行、"
                                       f"{tier}各行写在下面，这条提示就没有了"))


def _start_marker(p: _Parser, name: str, rest: str, number: int) -> None:
    if name != "链接":
        _close_sidebar(p)
    p.current = name
    p.tier = ""
    if name in ("图说", "摄影") and not p.figures:
        raise InputError(p.path, f"【{name}】前面没有【图】：不知道它配哪张照片，印不出来 (caption or credit without a photo)",
                         line=number,
                         hint=f"在它上面加一行【图】images/照片.jpg；要是照片不用了，把【{name}】这一行也删掉")
    if name == "正文":
        p.current = "正文"
        if rest:
            _content_line(p, rest, number)
    elif name == "小标题":
        p.body.append(Block("subhead", rest, number))
        p.current = "正文" if rest else "小标题"  # a bare marker takes the next line (and a short second one)
    elif name == "简讯":
        if rest:  # 【简讯】便民信息: the list's heading
            p.body.append(Block("subhead", rest, number))
        p.current = "简讯"
    elif name == "图":
        p.figures.append({"spec": rest, "line": number, "caption": [], "credit": "", "credit_line": 0})
    elif name == "链接":
        _close_sidebar(p)
        p.sidebar = {"title": rest, "line": number, "items": []}
    elif name == "摄影":
        if rest:
            _credit(p, rest, number)
            p.current = "正文"
    elif rest:
        _content_line(p, rest, number)
        if name in _HEADLINE:
            p.current = "正文"
            p.tier = name


def _credit(p: _Parser, name: str, number: int) -> None:
    """The photographer of the latest 【图】; a second 【摄影】 for the same photo adds a name, never replaces one."""
    figure = p.figures[-1]
    if figure["credit"]:
        p.warnings.append(Warning_(number, f"同一张图（第{figure['line']}行的【图】）有两个【摄影】，两个名字都印上："
                                           f"“{figure['credit']} {name} 摄” → 要是给下一张图的，在它前面加那张图的【图】一行"))
        figure["credit"] = f"{figure['credit']} {name}"
    else:
        figure["credit"], figure["credit_line"] = name, number


def _content_line(p: _Parser, line: str, number: int) -> None:
    name = p.current
    if name == "正文":
        p.body.append(Block("para", line, number))
    elif name == "导语":
        p.body.append(Block("lead", line, number))
    elif name == "简讯":
        p.body.append(Block("brief", line, number))  # every line an item, until the next marker
    elif name == "小标题" and p.body and p.body[-1].kind == "subhead":
        head = p.body[-1]
        if not head.text:
            p.body[-1] = Block("subhead", line, head.line)
            return
        p.current = "正文"
        if len(line) <= _SUBHEAD_LINE and not line.endswith(_SUBHEAD_NOT_END):  # 引行 + 主行 of a two-line 小标题
            p.body[-1] = Block("subhead", f"{head.text} {line}", head.line)
        else:
            p.body.append(Block("para", line, number))
    elif name == "链接" and p.sidebar is not None:
        p.sidebar["items"].append((number, line))
    elif name == "图说" and p.figures:
        p.figures[-1]["caption"].append(line)
    elif name == "摄影" and p.figures:
        p.current = "正文"
        if len(line) <= _CREDIT_LINE and not line.endswith(_SUBHEAD_NOT_END):
            _credit(p, line, number)
        else:  # a paragraph under an empty 【摄影】: it stays body text
            p.warnings.append(Warning_(number - 1, "【摄影】后面没写摄影者，下一行是一段正文，照正文排了"
                                                   " → 在【摄影】后面写上摄影者的名字，或删掉这一行"))
            p.body.append(Block("para", line, number))
    elif name == "图":
        p.body.append(Block("para", line, number))  # text after a bare 【图】 line is body
        p.current = "正文"
    else:
        p.fields.setdefault(name, []).append((number, line))
        if name in _SINGLE_LINE:
            p.current = "正文"


def _close_sidebar(p: _Parser) -> None:
    """End a 【链接】 box; its lines are normalised here, group heads (■) as headlines (their spaces count)."""
    if p.sidebar is not None:
        items = tuple(_norm(p, line, n, headline=is_group_head(line)) for n, line in p.sidebar["items"])
        p.body.append(Block("sidebar", p.sidebar["title"], p.sidebar["line"], items))
        p.sidebar = None


def _check_wrapped(p: _Parser, body: list[Block]) -> None:
    """Warn about probable hard-wrapped paragraphs (text pasted from a PDF or WeChat, newspaper.md §6.6)."""
    paras = [b for b in body if b.kind in ("para", "lead")]
    for a, b in zip(paras, paras[1:]):
        if b.line == a.line + 1 and len(a.text) >= 12 and not a.text.endswith(_SENTENCE_END) and a.line not in p.slips:
            p.warnings.append(Warning_(a.line, "这一行没有以句末标点结束，下一行可能是同一段被回车拆开了（疑似断行）；"
                                               "如是，请把两行接起来"))


_DELIBERATE_SPACE = re.compile(r"(?<=[^\s\u3000])\u3000(?=[^\s\u3000])")


def normalize_text(text: str, headline: bool = False):
    """text/normalize.py's normalize, keeping a deliberate full-width space: exactly one U+3000 between
    two Chinese characters (迎新年　包馄饨) in body text.  Typed spaces next to digits or Latin, runs of
    spaces and ASCII spaces between Chinese characters are still taken out (with a note)."""
    from layout.text.cjk import CJK_CLASSES, _base_class

    def cjk(ch: str) -> bool:
        return _base_class(ch) in CJK_CLASSES

    kept = text
    if not headline and "\u3000" in text:
        kept = "".join(KEEP_SPACE if ch == "\u3000" and 0 < i < len(text) - 1 and cjk(text[i - 1]) and cjk(text[i + 1])
                       and text[i - 1] != "\u3000" and text[i + 1] != "\u3000" else ch
                       for i, ch in enumerate(text))
    fixed, changes = normalize(kept, headline=headline)
    if kept is text:
        return fixed, changes
    return fixed.replace(KEEP_SPACE, "\u3000"), changes


def _norm(p: _Parser, text: str, line: int, headline: bool = False) -> str:
    fixed, changes = normalize_text(text, headline=headline)
    p.changes.extend(Warning_(line, c.describe().replace(KEEP_SPACE, "\u3000"), c.rule) for c in changes)
    return fixed


def _lines(p: _Parser, name: str, headline: bool = False) -> tuple[str, ...]:
    return tuple(_norm(p, text, n, headline) for n, text in p.fields.get(name, []))


def _one(p: _Parser, name: str) -> str:
    return " ".join(_lines(p, name, headline=True))


def _finish(p: _Parser) -> Article:
    body = []
    for b in p.body:
        body.append(Block(b.kind, _norm(p, b.text, b.line, headline=b.kind in ("subhead", "sidebar")), b.line, b.items))
    _check_wrapped(p, body)
    source = _one(p, "稿源").strip("（）() ")
    title = _lines(p, "主题", headline=True)
    if not title and (body or p.fields.get("引题") or p.fields.get("副题")) and "主题" not in p.slips.values():
        first = min([b.line for b in p.body] + [n for k in ("引题", "副题") for n, _t in p.fields.get(k, [])])
        p.warnings.append(Warning_(first, "这篇稿件没有【主题】，印出来没有标题 → 在开头加一行【主题】标题"))
    return Article(
        path=p.path,
        column=_one(p, "栏目"),
        kicker=_lines(p, "引题", headline=True),
        title=title,
        subtitle=_lines(p, "副题", headline=True),
        byline=_one(p, "署名"),
        editor_note=_lines(p, "编者按"),
        body=tuple(body),
        figures=tuple(_figure(p, f) for f in p.figures),
        source=source,
        notes=tuple(t for _n, t in p.fields.get("备注", [])),
        warnings=tuple(sorted(p.warnings, key=lambda w: w.line)),
        changes=tuple(p.changes),
    )


def _figure(p: _Parser, f: dict) -> Figure:
    """【图】images/a.jpg｜宽=2栏｜高=18行｜位置=右上｜裁=上 → Figure (IME variants ｜/| and =/＝/：/: accepted)."""
    parts = [s.strip() for s in re.split(r"[｜|]", f["spec"])]
    if not parts or not parts[0]:
        raise InputError(p.path, "【图】后面要写图片文件名，如【图】images/photo.jpg｜宽=2栏", line=f["line"])
    values: dict[str, str] = {}
    for part in parts[1:]:
        if not part:
            continue
        key, value = _figure_param(p, part, f["line"])
        values[key] = value
    width = _count(p, values.get("width"), "栏", f["line"])
    height = _count(p, values.get("height"), "行", f["line"])
    position = values.get("position", "右上")
    if position not in POSITIONS:
        raise InputError(p.path, f"图片位置“{position}”无法识别", line=f["line"], key="位置",
                         hint="可用：" + "、".join(POSITIONS))
    focus = _focus(p, values["crop"], f["line"]) if "crop" in values else CENTRE
    caption = _norm(p, "".join(f["caption"]), f["line"], headline=True)
    credit = _norm(p, f["credit"], f["credit_line"] or f["line"], headline=True)
    return Figure(parts[0], width, height, position, caption, credit, f["line"], focus)


def _focus(p: _Parser, value: str, line: int) -> tuple[float, float]:
    """裁=上 / 下 / 左 / 右 / 中 (or 左上 …), or a point: 裁=30%,20% (from the left, from the top)."""
    word = value.replace(" ", "")
    if word in CROP_WORDS:
        return CROP_WORDS[word]
    m = re.fullmatch(r"(\d{1,3}(?:\.\d+)?)\s*[%％]\s*[,，、/]\s*(\d{1,3}(?:\.\d+)?)\s*[%％]", value.strip())
    if m and all(0 <= float(v) <= 100 for v in m.groups()):
        return float(m.group(1)) / 100, float(m.group(2)) / 100
    raise InputError(p.path, f"裁切“{value}”无法识别", line=line, key="裁",
                     hint="写 裁=上（保留照片上部，如人像的头）、裁=下、裁=左、裁=右、裁=中，"
                          "或 裁=30%,20%（保留离左边 30%、离上边 20% 的那一点）")


def _figure_param(p: _Parser, part: str, line: int) -> tuple[str, str]:
    pieces = re.split(r"\s*[=＝:：]\s*", part, maxsplit=1)
    if len(pieces) != 2 or not pieces[1]:
        raise InputError(p.path, f"图片参数“{part}”格式不对", line=line,
                         hint="写成 宽=2栏、高=18行、位置=右上、裁=上，用｜分隔")
    key = _FIGURE_KEYS.get(pieces[0])
    if key is None:
        guess = did_you_mean(pieces[0], list(_FIGURE_KEYS))
        raise InputError(p.path, f"不认识的图片参数“{pieces[0]}”", line=line,
                         hint=f"是不是“{guess}”？" if guess else "可用：宽、高、位置、裁")
    return key, pieces[1]


def _count(p: _Parser, value: str | None, unit: str, line: int) -> int | None:
    if value is None:
        return None
    m = re.fullmatch(r"(\d+)\s*" + unit + "?", value)
    if not m or int(m.group(1)) <= 0:
        raise InputError(p.path, f"“{value}”应是正整数加“{unit}”，如 2{unit}", line=line)
    return int(m.group(1))
