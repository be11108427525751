"""YAML in, plain data out, with the line of every key kept for error messages.

Editors copy last month's file and change values, often with a Chinese input
method on (newspaper.md §6.1): a full-width colon after a key is accepted; a
full-width space in the indentation is an error naming the line.  Errors name
the file, the line and the key path, say what is wrong and what to do.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from layout.errors import InputError
from layout.model.safeyaml import LIMITS, check_size, compose
from layout.model.suggest import did_you_mean
from layout.units import within

_FULLWIDTH_COLON_KEY = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w-]*)\s*：[ \t\u3000]*", re.M)


@dataclass(frozen=True)
class Doc:
    """A loaded YAML file: its data and the line of each key path (1-based)."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, keypath: tuple) -> int | None:
        while keypath:
            if keypath in self.lines:
                return self.lines[keypath]
            keypath = keypath[:-1]
        return self.lines.get((), None)

    def error(self, keypath: tuple, message: str, hint: str | None = None) -> InputError:
        return InputError(self.path, message, line=self.line(keypath), key=dotted(keypath), hint=hint,
                          place=self.place(keypath))

    def place(self, keypath: tuple) -> str:
        """A key path in the editor's words: ("pages", 1, "slots", 3, "grid") → "第2版 版位 2D grid"."""
        parts: list[str] = []
        node: Any = self.data
        k = 0
        while k < len(keypath):
            key = keypath[k]
            item = _child(node, key)
            following = keypath[k + 1] if k + 1 < len(keypath) else None
            if key == "pages" and isinstance(following, int) and not parts:
                page = _child(item, following)
                no = page.get("no") if isinstance(page, dict) else None
                parts.append(f"第{no}版" if isinstance(no, int) and not isinstance(no, bool) else f"pages 第{following + 1}项")
                node, k = page, k + 2
                continue
            if key in ("slots", "areas") and isinstance(following, int):
                entry = _child(item, following)
                slot_id = entry.get("id") if isinstance(entry, dict) and key == "slots" else None
                parts.append(f"版位 {slot_id}" if slot_id not in (None, "") else
                             f"第{following + 1}个{'版位' if key == 'slots' else '区域'}")
                node, k = entry, k + 2
                continue
            if isinstance(key, int):
                parts.append(f"第{key + 1}项")
            elif parts and not parts[-1].startswith(("第", "版位", "pages")):
                parts[-1] += f".{key}"  # nested keys as the file nests them: format.line_pitch_pt
            else:
                parts.append(str(key))
            node, k = item, k + 1
        return " ".join(parts)


def _child(node: Any, key: Any) -> Any:
    if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
        return node[key]
    if isinstance(node, dict):
        return node.get(key)
    return None


def dotted(keypath: tuple) -> str:
    out = ""
    for part in keypath:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_yaml(path: Path) -> Doc:
    """Read and parse a YAML file (UTF-8), keeping key lines; size, depth, tags and aliases limited (safeyaml)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(path, "这里应是一个文件，现在是一个文件夹 (a folder, not a file)",
                             hint=f"把 {path.name} 这个文件夹改名或移走，{path.name} 应是一个 YAML 文件")
        size = path.stat().st_size
        check_size(path, size)
        with path.open("rb") as fh:  # read at most one byte past the limit: the file may grow meanwhile
            raw = fh.read(LIMITS.max_bytes + 1)
    except FileNotFoundError:
        raise InputError(path, "找不到文件 (file not found)") from None
    except OSError as exc:
        raise InputError(path, f"无法读取文件：{exc.strerror or exc} (cannot read)",
                         hint="检查文件名、文件权限，以及它是不是一个普通文件") from None
    check_size(path, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "文件不是 UTF-8 编码 (not UTF-8)", hint="用编辑器另存为 UTF-8") from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> Doc:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\u3000" in indent or "\t" in indent:
            raise InputError(path, "缩进里有全角空格或制表符 (full-width space or tab in indentation)", line=number,
                             hint="缩进只能用半角空格；关掉中文输入法后重新输入这一行开头的空格")
    text = _FULLWIDTH_COLON_KEY.sub(r"\1: ", text)
    try:
        node = compose(text, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if "simple key" in (getattr(exc, "context", None) or "") and getattr(exc, "context_mark", None):
            mark = exc.context_mark  # a key without its colon: the line of the key, not the line after it
        line = mark.line + 1 if mark else None
        shown = text.splitlines()[line - 1].strip() if line and line <= len(text.splitlines()) else ""
        what, hint = yaml_problem(getattr(exc, "problem", None) or str(exc), getattr(exc, "context", None) or "")
        raise InputError(path, f"YAML 格式不对 (malformed YAML)：{what}" + (f"（这一行：“{shown[:40]}”）" if shown else ""),
                         line=line, hint=hint) from None
    lines: dict[tuple, int] = {}
    data = _Builder(path, lines).build(node, ()) if node is not None else {}
    return Doc(path, data, lines)


# PyYAML's problems (English, parser terms) → what the editor did and what to do, in Chinese.
_YAML_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("found character '\\t'", "有制表符 (Tab)", "把 Tab 换成空格：缩进只用半角空格"),
    ("tab character", "有制表符 (Tab)", "把 Tab 换成空格：缩进只用半角空格"),
    ("<block sequence start>", "这一行的“- ”和同一个列表里别的项没有对齐",
     "让同一列表的每个“- ”前面空格一样多（通常是 4 个或 6 个）"),
    ("'-'", "这一行的“- ”和同一个列表里别的项没有对齐", "让同一列表的每个“- ”前面空格一样多"),
    ("<block mapping start>", "这一行的缩进和上下几行对不上（多了或少了空格）",
     "同一层的键前面空格一样多，如 name: 和 editor: 要对齐"),
    ("expected <block end>", "这一行的缩进和上下几行对不上，或者上一行缺了冒号",
     "同一层的键前面空格一样多；“键: 值”的冒号后面要有一个空格"),
    ("mapping values are not allowed", "这里多了一个冒号：值里有“: ”，或者上一行的缩进、冒号不对",
     "值里要有冒号时，整个值加引号，如 name: \"专题: 回顾\"；或者检查上一行"),
    ("could not find expected ':'", "缺了冒号", "写成“键: 值”，冒号是半角的，后面有一个空格"),
    ("did not find expected key", "缩进没对齐，或者一行开头多了、少了“- ”", "和上面同一层的行对齐；列表的每一项以“- ”开头"),
    ("did not find expected '-' indicator", "列表里有一项没有以“- ”开头，或者没对齐", "列表的每一项以“- ”开头，并且对齐"),
    ("expected ',' or ']'", "方括号 [ ] 没有关上，或者两项之间少了逗号", "检查这一行的 [ 和 ]，各项之间用半角逗号隔开"),
    ("expected ',' or '}'", "花括号 { } 没有关上，或者两项之间少了逗号", "检查这一行的 { 和 }，各项之间用半角逗号隔开，如 {id: 2A, role: 头条}"),
    ("unexpected end of stream", "引号或括号没有关上，一直到了文件末尾", "找到这一行开头的引号或括号，补上另一半"),
    ("found unexpected end", "引号或括号没有关上", "找到这一行开头的引号或括号，补上另一半"),
    ("unknown escape character", "双引号里的反斜杠“\\”不对", "改用单引号，或者删掉反斜杠"),
    ("cannot start any token", "值的开头有 YAML 不允许的字符（如 @ 或 `）", "给整个值加引号"),
    ("found unexpected ':'", "冒号的位置不对", "写成“键: 值”，冒号后面有一个空格；值里的冒号要加引号"),
    ("expected alphabetic or numeric character", "& 或 * 后面要跟名字", "不要用 & 和 *；要写这两个字符，给整个值加引号"),
    ("found duplicate anchor", "& 名字重复", "不要用 & 和 *，直接写出每一项"),
)


def yaml_problem(problem: str, context: str = "") -> tuple[str, str]:
    """(what is wrong, what to do) for a PyYAML problem string, in Chinese; never PyYAML's own English."""
    text = f"{problem} {context}"
    for needle, what, hint in _YAML_PROBLEMS:
        if needle in text:
            return what, hint
    return "这一行或上一行的写法 YAML 读不懂", "检查这一行及上一行：冒号后要有空格、缩进要对齐、引号和括号要成对"


class _Builder:
    """Node tree → plain data, recording the line of every key path.

    Recursion is bounded by safeyaml's depth limit, and the work by its
    expanded-size limit (aliases are expanded here, as copies).
    """

    def __init__(self, path: Path, lines: dict[tuple, int]):
        self.path, self.lines = path, lines
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, keypath: tuple) -> Any:
        self.lines[keypath] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else _kind_of_node(key_node)
                if key in out:
                    raise InputError(self.path, f"键“{key}”重复 (duplicate key)", line=key_node.start_mark.line + 1,
                                     key=dotted(keypath + (key,)), hint="删掉重复的一行，或改成正确的键名")
                out[key] = self.build(value_node, keypath + (key,))
                self.lines[keypath + (key,)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(v, keypath + (i,)) for i, v in enumerate(node.value)]
        return self.scalar(node, keypath)

    def scalar(self, node: yaml.ScalarNode, keypath: tuple) -> Any:
        """The scalar's value; a value YAML recognises but cannot build (2026-02-30) names its line and key."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            what = "日期" if node.tag.endswith(":timestamp") else "值"
            hint = "日期写成 2026-12-16 这样，并确认这一天存在（2月只有28或29天，小月30天）" if what == "日期" else \
                "加引号写成文字，或改成正确的值"
            raise InputError(self.path, f"{what}“{node.value}”无效：{exc}", line=node.start_mark.line + 1,
                             key=dotted(keypath), hint=hint) from None


def _kind_of_node(node: yaml.Node) -> str:
    """A mapping key that is itself a list or mapping (`? [a, b]`): shown as such in the unknown-key error."""
    return "[…]" if isinstance(node, yaml.SequenceNode) else "{…}"


# ---------------------------------------------------------------- schema checking

Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class Key:
    """One allowed key: how to convert its value, whether it is required, its default, and its label."""

    convert: Convert
    required: bool = False
    default: Any = None
    label: str = ""


def check_mapping(doc: Doc, value: Any, keypath: tuple, schema: dict[str, Key]) -> dict[str, Any]:
    """Validate a mapping against a schema: unknown keys (with a did-you-mean), missing keys, types."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise doc.error(keypath, f"这里应是“键: 值”的映射 (expected a mapping), 现在是 {_kind(value)}")
    for key in value:
        if key not in schema:
            guess = did_you_mean(key, list(schema))
            hint = f"是不是“{guess}”？(did you mean '{guess}'?)" if guess else "可用的键：" + "、".join(schema)
            raise doc.error(keypath + (key,), f"不认识的键“{key}” (unknown key)", hint)
    out = {}
    for key, spec in schema.items():
        if key not in value or value[key] is None:
            if spec.required:
                label = f"（{spec.label}）" if spec.label else ""
                raise doc.error(keypath, f"缺少必填项“{key}”{label} (missing key)")
            out[key] = spec.default
            continue
        try:
            out[key] = spec.convert(value[key])
        except (TypeError, ValueError) as exc:
            label = f"（{spec.label}）" if spec.label else ""
            raise doc.error(keypath + (key,), f"“{key}”{label}的值不对：{exc}") from None
    return out


def _kind(value: Any) -> str:
    return {list: "列表", str: "文字", int: "数字", float: "数字", bool: "是/否"}.get(type(value), type(value).__name__)


def as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"应为整数 (expected an integer)，现在是“{value}”")
    return value


def as_positive_int(value: Any) -> int:
    number = as_int(value)
    if number <= 0:
        raise ValueError(f"应为正整数 (expected a positive integer)，现在是 {number}")
    return number


def as_number(value: Any) -> float:
    """A finite number: YAML's .nan and .inf are numbers to the parser, never to a page."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"应为数字 (expected a number)，现在是“{value}”")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"数字太大 (number too large)：{value}") from None
    if not math.isfinite(number):
        raise ValueError(f"应为普通的数字 (expected a finite number)，现在是“{value}”")
    return number


def number_in(low: float, high: float, unit: str = "") -> Convert:
    """A finite number within [low, high]: the range a sane page allows (the key's label says why)."""
    check = within(low, high, unit)
    return lambda value: check(as_number(value))


def int_in(low: int, high: int) -> Convert:
    """An integer within [low, high]."""
    check = within(low, high)
    return lambda value: check(as_int(value))


def as_str(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError(f"应为一段文字 (expected text)，现在是{_kind(value)}")
    return str(value).strip()


def as_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"应为 true 或 false，现在是“{value}”")
    return value


def as_list(item: Convert) -> Convert:
    def convert(value: Any) -> list:
        if not isinstance(value, list):
            raise ValueError(f"应为列表 (expected a list)，现在是{_kind(value)}")
        return [item(v) for v in value]

    return convert
