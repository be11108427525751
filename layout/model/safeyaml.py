"""YAML text → a node tree, with limits: what an editor's file may contain, and nothing more.

PyYAML's own composer is recursive (a 500-deep nesting raises RecursionError),
hands explicit tags to a constructor (``!!python/name:…`` → ConstructorError,
``!!binary`` → bytes) and shares aliased nodes, so a 300-byte alias bomb only
explodes later, when the data is walked — 10⁹ copies (issue 16).  Here the
parser's event stream is composed iteratively and every limit is checked while
composing, before any alias is expanded:

* size: the file is refused above `Limits.max_bytes` (issue.yaml is a few KB;
  17 MB took 152 s and 3.7 GB);
* depth: at most `max_depth` nested mappings/lists (ours need 6);
* tags: none at all (``!custom``, ``!!binary``, ``!!python/…``, even ``!!str``):
  editors never need one, and a tag is the way to ask a loader for objects;
* aliases: at most `max_aliases`, never one that points into its own node
  (a cycle: PyYAML builds a self-containing node, and walking it never ends), and the tree with every alias expanded stays below `max_nodes`
  nodes — each node's expanded size is counted when it closes, so a bomb is
  caught by arithmetic, not by expanding it.

Implicit scalar tags (int, float, bool, null, timestamp) are resolved as
``yaml.SafeLoader`` resolves them.  The C parser (libyaml) is used when PyYAML
has it: ~10× faster on big inputs, same events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
    ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent, StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from layout.errors import InputError

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# SafeLoader's resolver class, alone: implicit tags exactly as SafeLoader resolves them (a whole
# SafeLoader would also build a Reader, whose check compiles a 5-ms pattern of every printable character)
_RESOLVER = yaml.resolver.Resolver()


@dataclass(frozen=True)
class Limits:
    """What one YAML file may hold.  The defaults are ~50× what the largest real issue or profile needs."""

    max_bytes: int = 512 * 1024
    max_depth: int = 32
    max_aliases: int = 100
    max_nodes: int = 100_000


LIMITS = Limits()


def check_size(path: Path, size: int, limits: Limits = LIMITS) -> None:
    """Refuse a file too big to be an issue or a profile before reading it."""
    if size > limits.max_bytes:
        raise InputError(path, f"文件太大：{_kb(size)}，YAML 文件最多 {_kb(limits.max_bytes)} (file too large)",
                         hint="issue.yaml 和 paper.yaml 一般只有几 KB：检查是不是把别的文件存成了这个名字")


def compose(text: str, path: Path, limits: Limits = LIMITS) -> Node | None:
    """The document's node tree (None for an empty file), or an InputError naming the line.

    yaml.YAMLError (malformed YAML) is left to the caller, which words it.
    """
    check_size(path, len(text.encode("utf-8")), limits)
    return _Composer(path, limits).run(yaml.parse(text, Loader=_PARSER))


class _Composer:
    """Builds nodes from events with an explicit stack (no recursion), checking the limits as it goes."""

    def __init__(self, path: Path, limits: Limits):
        self.path, self.limits = path, limits
        self.anchors: dict[str, Node] = {}
        self.sizes: dict[int, int] = {}  # id(node) → node count with aliases expanded
        self.open: list[tuple[Node, str | None]] = []  # collections being filled, with their anchors
        self.aliases = 0
        self.root: Node | None = None
        self.documents = 0

    def run(self, events) -> Node | None:
        for event in events:
            if isinstance(event, (StreamStartEvent, StreamEndEvent, DocumentEndEvent)):
                continue
            if isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self._error(event, "一个文件里只能有一个 YAML 文档 (more than one document)",
                                      "删掉单独一行的 ---，把内容合成一份")
            elif isinstance(event, AliasEvent):
                self._alias(event)
            elif isinstance(event, ScalarEvent):
                self._check_tag(event)
                tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)
                node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                self._close(node, event.anchor, 1)
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                self._check_tag(event)
                if len(self.open) >= self.limits.max_depth:
                    raise self._error(event, f"嵌套太深：超过 {self.limits.max_depth} 层 (nesting too deep)",
                                      "issue.yaml 和 paper.yaml 只需要几层缩进：检查缩进或多余的 [ {")
                if isinstance(event, MappingStartEvent):
                    node = MappingNode("tag:yaml.org,2002:map", [], event.start_mark, None, flow_style=event.flow_style)
                else:
                    node = SequenceNode("tag:yaml.org,2002:seq", [], event.start_mark, None, flow_style=event.flow_style)
                self.open.append((node, event.anchor))
                self.sizes[id(node)] = 1
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                node, anchor = self.open.pop()
                node.end_mark = event.end_mark
                self._close(node, anchor, self.sizes[id(node)])
        return self.root

    def _alias(self, event: AliasEvent) -> None:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise self._error(event, f"别名（*{event.anchor}）太多：最多 {self.limits.max_aliases} 个 (too many aliases)",
                              "不要用 & 和 * 复制内容，直接写出每一项")
        # An anchor is registered when its node closes, so an alias inside its own anchored node
        # (a cycle, `&a [*a]`) finds nothing here, like an alias to an anchor never defined.
        node = self.anchors.get(event.anchor)
        if node is None:
            raise self._error(event, f"别名 *{event.anchor} 前面没有完整的 &{event.anchor}（未定义，或引用了包含它自己的内容）"
                                     "(undefined or recursive alias)", "不要用 & 和 * 复制内容，直接写出每一项")
        self._close(node, None, self.sizes[id(node)])

    def _close(self, node: Node, anchor: str | None, size: int) -> None:
        """A finished node (or an alias to one): record its size and hang it on its parent."""
        if size > self.limits.max_nodes:
            raise self._error(node, f"展开别名后内容太多：超过 {self.limits.max_nodes} 项 (alias expansion too large)",
                              "不要用 & 和 * 复制内容，直接写出每一项")
        self.sizes.setdefault(id(node), size)
        if anchor is not None:
            self.anchors[anchor] = node
        if not self.open:
            self.root = node
            return
        parent, _anchor = self.open[-1]
        self.sizes[id(parent)] += size
        if self.sizes[id(parent)] > self.limits.max_nodes:
            raise self._error(parent, f"展开别名后内容太多：超过 {self.limits.max_nodes} 项 (alias expansion too large)",
                              "不要用 & 和 * 复制内容，直接写出每一项")
        if isinstance(parent, MappingNode):
            if parent.value and len(parent.value[-1]) == 1:
                parent.value[-1] = (parent.value[-1][0], node)
            else:
                parent.value.append((node,))  # a key, waiting for its value
        else:
            parent.value.append(node)

    def _check_tag(self, event) -> None:
        if event.tag not in (None, "!"):
            shown = event.tag.replace("tag:yaml.org,2002:", "!!")  # as the editor wrote it
            raise self._error(event, f"不支持 YAML 标签“{shown}” (tags are not allowed)",
                              "删掉以 ! 开头的标签，只写值本身")

    def _error(self, where, message: str, hint: str) -> InputError:
        mark = where.start_mark
        return InputError(self.path, message, line=mark.line + 1 if mark else None, hint=hint)


def _kb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} KB"
