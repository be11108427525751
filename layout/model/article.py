"""Article files: plain UTF-8 text with 【】 line markers → `Article` (newspaper.md §6.3).

A marker is a line starting with 【名称】 (or ASCII [名称]); text after it on the
same line, or on the following lines, belongs to it until the next marker.
Two refinements make plain files read the way editors mean them: a headline
tier written on its marker's line (【主题】梧桐新村…) is that one line, and a
headline tier, 导语, 编者按 or 图说 ends at a blank line.  Unmarked lines are
body paragraphs, one per line.  Every text field is
normalised (text/normalize.py) and every change is kept, with its line number,
for the build report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from layout.errors import InputError
from layout.model.suggest import did_you_mean
from layout.text.normalize import normalize

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
_SINGLE_LINE = frozenset({"栏目", "署名", "摄影", "稿源", "图", "小标题"})
# Headline tiers: text on the marker's own line is the whole tier; a bare marker takes the lines below.
_HEADLINE = frozenset({"引题", "主题", "副题"})
# Paragraph markers end at a blank line: an editor writes the lead, a blank line, then the body.
_ENDS_AT_BLANK = frozenset({"引题", "主题", "副题", "编者按", "导语", "图说", "备注", "小标题"})
_FIGURE_KEYS = {"宽": "width", "宽度": "width", "高": "height", "高度": "height", "位置": "position"}
POSITIONS = ("右上", "左上", "右下", "左下", "上", "下")
_SENTENCE_END = tuple("。！？…”’）」』】：；")
_SUBHEAD_LINE = 20  # a second line under a bare 【小标题】 this short (and no sentence end) is its main line
_SUBHEAD_NOT_END = tuple("。！？；，、…")  # a line ending so is body text, not a 小标题's main line


GROUP_HEAD = "■"  # a 【链接】 line starting with it is a group head (分组标题), not an item


def is_group_head(item: str) -> bool:
    """Is this 【链接】 line a group head (■ 办理流程) rather than an item?"""
    return item.startswith(GROUP_HEAD)


@dataclass(frozen=True)
class Figure:
    """A photo: 【图】path｜宽=2栏｜高=18行｜位置=右上, with 【图说】 and 【摄影】."""

    path: str
    width_cols: int | None
    height_lines: int | None
    position: str
    caption: str
    credit: str
    line: int


@dataclass(frozen=True)
class Block:
    """One element of the body flow, in source order.

    kind: "lead" (导语 paragraph), "para", "subhead" (小标题; a lead line and a main line are
    separated by a space), "brief" (one item of a 【简讯】 list), "sidebar" (【链接】: `text` is
    its title and `items` its lines, group heads starting with ■).
    """

    kind: str
    text: str
    line: int
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Warning_:
    """A normalisation or source warning with its line number."""

    line: int
    message: str


@dataclass(frozen=True)
class Article:
    path: Path
    column: str = ""
    kicker: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    subtitle: tuple[str, ...] = ()
    byline: str = ""
    editor_note: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    figures: tuple[Figure, ...] = ()
    source: str = ""
    notes: tuple[str, ...] = ()
    warnings: tuple[Warning_, ...] = field(default=())

    @property
    def headline(self) -> str:
        """The 主题 on one line, for reports."""
        return "".join(self.title).replace(" ", "")

    def char_count(self) -> int:
        """Characters as editors count them (every character but spaces), body and sidebars."""
        texts = [b.text for b in self.body] + [i for b in self.body for i in b.items]
        texts += list(self.editor_note)
        return sum(len(t.replace(" ", "")) for t in texts)


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
    current: str = "正文"
    sidebar: dict | None = None


def parse_article(text: str, path: Path) -> Article:
    """Parse article text (see the module docstring)."""
    p = _Parser(path)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\u3000")
        if not line:
            if p.current in _ENDS_AT_BLANK and _has_content(p):
                p.current = "正文"
            continue
        if "\ufffd" in line:
            raise InputError(path, "有无法识别的字符“\ufffd”（原稿转码时损坏）", line=number,
                             hint="对照原稿改正这一行；不要把乱码送去排版")
        m = _MARKER.match(line)
        name = _marker_name(m, path, number) if m else None
        if name:
            _start_marker(p, name, (m.group(3) or "").strip(), number)
        else:
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


def _marker_name(m: re.Match[str], path: Path, number: int) -> str | None:
    raw = (m.group(1) or m.group(2)).replace(" ", "").replace("\u3000", "")
    name = _CANONICAL.get(raw)
    if name or m.group(2):  # unknown ASCII [..] is ordinary text, e.g. "[1]"
        return name
    if (m.group(3) or "").strip():
        return None  # "【温馨提示】请…": a run-in label in the text, not a marker
    suggestion = did_you_mean(raw, list(_CANONICAL))
    hint = f"是不是【{_CANONICAL[suggestion]}】？" if suggestion else "可用标记：" + "".join(f"【{k}】" for k in MARKERS)
    raise InputError(path, f"不认识的标记【{raw}】 (unknown marker)", line=number, hint=hint)


def _start_marker(p: _Parser, name: str, rest: str, number: int) -> None:
    if name != "链接":
        _close_sidebar(p)
    p.current = name
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
        p.figures.append({"spec": rest, "line": number, "caption": [], "credit": ""})
    elif name == "链接":
        _close_sidebar(p)
        p.sidebar = {"title": rest, "line": number, "items": []}
    elif rest:
        _content_line(p, rest, number)
        if name in _HEADLINE:
            p.current = "正文"


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
        p.figures[-1]["credit"] = line
        p.current = "正文"
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
        if b.line == a.line + 1 and len(a.text) >= 12 and not a.text.endswith(_SENTENCE_END):
            p.warnings.append(Warning_(a.line, "这一行没有以句末标点结束，下一行可能是同一段被回车拆开了（疑似断行）；"
                                               "如是，请把两行接起来"))


def _norm(p: _Parser, text: str, line: int, headline: bool = False) -> str:
    fixed, changes = normalize(text, headline=headline)
    p.warnings.extend(Warning_(line, c.describe()) for c in changes)
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
    return Article(
        path=p.path,
        column=_one(p, "栏目"),
        kicker=_lines(p, "引题", headline=True),
        title=_lines(p, "主题", headline=True),
        subtitle=_lines(p, "副题", headline=True),
        byline=_one(p, "署名"),
        editor_note=_lines(p, "编者按"),
        body=tuple(body),
        figures=tuple(_figure(p, f) for f in p.figures),
        source=source,
        notes=tuple(t for _n, t in p.fields.get("备注", [])),
        warnings=tuple(p.warnings),
    )


def _figure(p: _Parser, f: dict) -> Figure:
    """【图】images/a.jpg｜宽=2栏｜高=18行｜位置=右上 → Figure (IME variants ｜/| and =/＝/：/: accepted)."""
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
    caption = _norm(p, "".join(f["caption"]), f["line"], headline=True)
    credit = _norm(p, f["credit"], f["line"], headline=True)
    return Figure(parts[0], width, height, position, caption, credit, f["line"])


def _figure_param(p: _Parser, part: str, line: int) -> tuple[str, str]:
    pieces = re.split(r"\s*[=＝:：]\s*", part, maxsplit=1)
    if len(pieces) != 2 or not pieces[1]:
        raise InputError(p.path, f"图片参数“{part}”格式不对", line=line, hint="写成 宽=2栏、高=18行、位置=右上，用｜分隔")
    key = _FIGURE_KEYS.get(pieces[0])
    if key is None:
        guess = did_you_mean(pieces[0], list(_FIGURE_KEYS))
        raise InputError(p.path, f"不认识的图片参数“{pieces[0]}”", line=line,
                         hint=f"是不是“{guess}”？" if guess else "可用：宽、高、位置")
    return key, pieces[1]


def _count(p: _Parser, value: str | None, unit: str, line: int) -> int | None:
    if value is None:
        return None
    m = re.fullmatch(r"(\d+)\s*" + unit + "?", value)
    if not m or int(m.group(1)) <= 0:
        raise InputError(p.path, f"“{value}”应是正整数加“{unit}”，如 2{unit}", line=line)
    return int(m.group(1))
