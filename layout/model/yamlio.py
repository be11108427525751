"""YAML in, plain data out, with the line of every key kept for error messages.

Editors copy last month's file and change values, often with a Chinese input
method on (newspaper.md §6.1): a full-width colon after a key is accepted; a
full-width space in the indentation is an error naming the line.  Errors name
the file, the line and the key path, say what is wrong and what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from layout.errors import InputError
from layout.model.suggest import did_you_mean

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
        return InputError(self.path, message, line=self.line(keypath), key=dotted(keypath), hint=hint)


def dotted(keypath: tuple) -> str:
    out = ""
    for part in keypath:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_yaml(path: Path) -> Doc:
    """Read and parse a YAML file (UTF-8), keeping key lines."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "找不到文件 (file not found)") from None
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
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"YAML 格式错误 (malformed YAML): {problem}",
                         line=mark.line + 1 if mark else None,
                         hint="检查这一行及上一行：冒号后要有空格、缩进要对齐、引号要成对") from None
    lines: dict[tuple, int] = {}
    data = _build(node, (), lines, path) if node is not None else {}
    return Doc(path, data, lines)


def _build(node: yaml.Node, keypath: tuple, lines: dict[tuple, int], path: Path) -> Any:
    lines[keypath] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in out:
                raise InputError(path, f"键“{key}”重复 (duplicate key)", line=key_node.start_mark.line + 1,
                                 key=dotted(keypath + (key,)), hint="删掉重复的一行，或改成正确的键名")
            out[key] = _build(value_node, keypath + (key,), lines, path)
            lines[keypath + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(v, keypath + (i,), lines, path) for i, v in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


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
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"应为数字 (expected a number)，现在是“{value}”")
    return float(value)


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
