"""A parsed article (newspaper.md §6.3): `Article`, its body `Block`s and `Figure`s, and what the parser noted.

Apart from the parser (articlefile.py, with markers.py for the 【】 markers)
because nearly every reader of an article (pages/, the report, the checks, the
web edition) needs only these frozen types, never the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CENTRE = (0.5, 0.5)  # a Figure's focus unless its 裁= says otherwise: the middle of the photo
GROUP_HEAD = "■"  # a 【链接】 line starting with it is a group head (分组标题), not an item


def is_group_head(item: str) -> bool:
    """Is this 【链接】 line a group head (■ 办理流程) rather than an item?"""
    return item.startswith(GROUP_HEAD)


@dataclass(frozen=True)
class Figure:
    """A photo: 【图】path｜宽=2栏｜高=18行｜位置=右上｜裁=上, with 【图说】 and 【摄影】.

    focus: the point of the photo kept when it must be cropped to its box, as fractions of its
    width and height from the top-left corner ((0.5, 0.5): the centre, the default).
    """

    path: str
    width_cols: int | None
    height_lines: int | None
    position: str
    caption: str
    credit: str
    line: int
    focus: tuple[float, float] = CENTRE


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
    """A normalisation or source warning with its line number; kind: the normaliser's rule for a change."""

    line: int
    message: str
    kind: str = ""


@dataclass(frozen=True)
class Article:
    """A parsed article.  warnings: what the editor should look at (a near-miss marker, a guess the
    parser made); changes: what the normaliser changed (ASCII punctuation → full width …), listed in
    report.json and counted per file in the report."""

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
    changes: tuple[Warning_, ...] = field(default=())

    @property
    def headline(self) -> str:
        """The 主题 on one line, for reports."""
        return "".join(self.title).replace(" ", "")

    def char_count(self) -> int:
        """Characters as editors count them (every character but spaces), body and sidebars."""
        texts = [b.text for b in self.body] + [i for b in self.body for i in b.items]
        texts += list(self.editor_note)
        return sum(len(t.replace(" ", "").replace("\u3000", "")) for t in texts)
