"""The words pages print that are not the editors' copy: jump lines, folios, masthead, imprint, proof labels.

They are rendered from the paper's templates (templates/<paper>/text/*.j2) by
`layout.wording.issue_wording` before composition and handed to the page engine
as data, so `pages/` never renders a template: page make-up decides where words
go, the paper profile decides what they say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping


@dataclass(frozen=True)
class Folio:
    """报眉 of one inner page: “第2版”, the page name, and the paper-and-date line."""

    number: str
    name: str
    paper: str


@dataclass(frozen=True)
class Masthead:
    """The band under the nameplate of page 1: co-publisher line, date line, licence line."""

    coeditor: str
    dateline: str
    licence: str


@dataclass(frozen=True)
class Labels:
    """Fixed words inside stories: the 编者按 run-in label and the 【链接】 box's tab."""

    editor_note: str = "编者按："
    sidebar: str = "链接"


@dataclass(frozen=True)
class Wording:
    jump_to: Mapping[int, str]  # target page → “（下转第3版）”
    jump_from: Mapping[int, str]  # source page → “（上接第1版）”
    folios: Mapping[int, Folio]  # page → its 报眉
    credits: Mapping[int, str]  # page → “责任编辑：…　美术编辑：…” (may be empty)
    masthead: Masthead
    imprint: tuple[str, ...]  # the imprint lines at the foot of page 1
    overset_label: Callable[[int, int], str]  # (lines, characters) → “超版 3 行（45 字未排入）”
    underset_label: Callable[[int, int], str]  # (lines, characters to add) → “欠 2 行（可加约 30 字）”
    labels: Labels = Labels()
