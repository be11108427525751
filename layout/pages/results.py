"""What composing a slot yields: the report editors read, and what a slot hands to its jump target.

The slot's status (超版 / 转版 / 欠行 / 空 / 排满) is derived here and only here:
the build report, the preflight, the HTML preview and the live server all read
`SlotReport.status`, so they can never disagree about a slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from layout.display import GlyphRun, Item, ProofNote
from layout.model.article import Article
from layout.pages.flow import Cursor, Piece


class SlotStatus(Enum):
    """One word per slot, in the order of precedence (the first that applies)."""

    EMPTY = "empty"  # no article and no continuation: 版位空着
    OVER = "over"  # text left over that goes nowhere: 超版
    JUMP = "jump"  # the rest continues on another page: 转版
    UNDER = "under"  # the columns end above the slot's last row: 欠行
    FULL = "full"  # 排满


@dataclass(frozen=True)
class Continuation:
    """What a slot hands to its jump target: the rest of the flow and where it came from."""

    pieces: tuple[Piece, ...]
    cursor: Cursor
    article: Article
    from_page: int


@dataclass(frozen=True)
class ImageNote:
    file: str
    ppi: float
    pixels: tuple[int, int]


@dataclass(frozen=True)
class SlotReport:
    page: int
    slot: str
    role: str
    article: str
    headline: str
    chars: int
    chars_set: int
    rows: int
    rows_used: int
    over_lines: int
    under_lines: int
    jump_to: tuple[int, str] | None = None
    jump_from: tuple[int, str] | None = None
    images: tuple[ImageNote, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    capacity: int = 0  # characters the slot holds as laid out (约)
    add_chars: int = 0  # underset: characters the editor can add (约)
    cut_from: str = ""  # overset: the last characters that were placed (排到“……”为止)
    rows_to_add: int = 0  # overset: rows the slot would need to grow instead
    fit: str = ""  # how the slack was taken up (撑满), in the editors' words
    shape: str = ""  # what the story got: columns × rows, its 主题 size, its photos (自动组版 report)

    @property
    def status(self) -> SlotStatus:
        if not self.article:
            return SlotStatus.EMPTY
        if self.over_lines:
            return SlotStatus.OVER
        if self.jump_to:
            return SlotStatus.JUMP
        if self.under_lines:
            return SlotStatus.UNDER
        return SlotStatus.FULL

    @property
    def is_stub(self) -> bool:
        """An article file with nothing written in it yet (the stub `layout new` makes): no headline, no text, no photo."""
        return bool(self.article) and not self.jump_from and self.chars == 0 and not self.headline and not self.images

    @property
    def chars_left(self) -> int:
        """Characters composed but not placed (overset)."""
        return self.chars - self.chars_set


@dataclass(frozen=True)
class SlotResult:
    items: tuple[Item, ...]
    proof: tuple[ProofNote, ...]
    report: SlotReport
    continuation: Continuation | None = None
    headline: tuple[GlyphRun, ...] = ()  # the headline block's runs (for the 撞题 check)
