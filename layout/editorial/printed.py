"""What of an article gets printed, piece by piece, each with the source line it came from.

The checks of names and quotes must look at what readers will see (the
normalised text: straight quotes already curly, ASCII punctuation full width)
and still name the line of the source file the editor has to change.  `Article`
keeps line numbers for body blocks and figures only, so the other pieces
(headline tiers, byline, 编者按, sidebar items, captions, 稿源) are located here
by normalising each source line the way the parser does and matching it.

【备注】 never prints: it is not a piece.  【栏目】 is printed above the headline: a piece like the tiers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.model.article import Article, is_group_head
from layout.model.articlefile import normalize_text, read_text
from layout.model.markers import _CANONICAL, _MARKER  # the parser's own: every accepted spelling, the marker line

# Piece kinds, in the editors' words (they appear in messages).
COLUMN, KICKER, TITLE, SUBTITLE, BYLINE, NOTE = "栏目", "引题", "主题", "副题", "署名", "编者按"
LEAD, PARA, SUBHEAD, SIDEBAR, CAPTION, CREDIT, SOURCE = "导语", "正文", "小标题", "链接", "图说", "摄影", "稿源"
HEADLINE_KINDS = frozenset({KICKER, TITLE, SUBTITLE})


@dataclass(frozen=True)
class Piece:
    """One printed piece: its kind, the text as printed, and where it comes from.

    line: the source line of the piece's first character.  spans: for a piece
    joined from several source lines (a caption written over two lines),
    (offset in `text`, source line) for each line, in order.
    """

    kind: str
    text: str
    line: int
    spans: tuple[tuple[int, int], ...] = ()
    group: int = 0  # pieces of one headline tier or one 编者按 share a group number

    def line_at(self, offset: int) -> int:
        """The source line holding the character at `offset` of `text`."""
        line = self.line
        for start, number in self.spans:
            if start <= offset:
                line = number
        return line


def _content(raw: str) -> tuple[str, str]:
    """(marker name or '', the text after it) of one source line; unknown 【…】 labels are text."""
    line = raw.strip().lstrip("\u3000")
    m = _MARKER.match(line)
    if m:
        name = (m.group(1) or m.group(2)).replace(" ", "").replace("\u3000", "")
        if name in _CANONICAL:
            return name, (m.group(3) or "").strip()
    return "", line


class _Source:
    """The source lines of one article file, normalised once per mode, with a record of which are taken."""

    def __init__(self, path: Path):
        self.contents = [_content(raw)[1] for raw in read_text(path).splitlines()]
        self._norm: dict[tuple[int, bool], str] = {}
        self.used: set[int] = set()

    def norm(self, index: int, headline: bool) -> str:
        key = (index, headline)
        if key not in self._norm:
            self._norm[key] = normalize_text(self.contents[index], headline=headline)[0]
        return self._norm[key]

    def find(self, text: str, headline: bool, after: int = 0) -> int | None:
        """1-based number of the first unused line (after `after`) whose printed form is `text`."""
        for i in range(after, len(self.contents)):
            if i not in self.used and self.contents[i] and self.norm(i, headline) == text:
                self.used.add(i)
                return i + 1
        for i in range(after, len(self.contents)):  # a piece joined from several lines: its first line
            if i not in self.used and self.contents[i] and text.startswith(self.norm(i, headline)):
                self.used.add(i)
                return i + 1
        return None

    def spans(self, text: str, first: int, headline: bool) -> tuple[tuple[int, int], ...]:
        """Offsets of the source lines that make up `text`, starting at line `first` (1-based)."""
        spans, offset, i = [], 0, first - 1
        while i < len(self.contents) and offset < len(text):
            part = self.norm(i, headline) if self.contents[i] else ""
            if part and text.startswith(part, offset):
                spans.append((offset, i + 1))
                self.used.add(i)
                offset += len(part)
            elif part:
                break
            i += 1
        return tuple(spans)


def printed_pieces(article: Article) -> list[Piece]:
    """Every printed piece of the article in source order of kinds: headline, byline, 编者按, body, captions, 稿源."""
    src = _Source(article.path)
    pieces: list[Piece] = []
    group = 0
    if article.column:
        pieces.append(Piece(COLUMN, article.column, src.find(article.column, True) or 1))
    for kind, lines in ((KICKER, article.kicker), (TITLE, article.title), (SUBTITLE, article.subtitle)):
        group += 1
        for text in lines:
            if text:
                pieces.append(Piece(kind, text, src.find(text, True) or 1, group=group))
    if article.byline:
        pieces.append(Piece(BYLINE, article.byline, src.find(article.byline, True) or 1))
    group += 1
    for text in article.editor_note:
        pieces.append(Piece(NOTE, text, src.find(text, False) or 1, group=group))
    for block in article.body:
        src.used.add(block.line - 1)
        if block.kind == "sidebar":
            if block.text:
                pieces.append(Piece(SIDEBAR, block.text, block.line))
            for item in block.items:
                line = src.find(item, is_group_head(item), after=block.line) or block.line
                pieces.append(Piece(SIDEBAR, item, line))
        else:
            kind = {"lead": LEAD, "subhead": SUBHEAD}.get(block.kind, PARA)
            pieces.append(Piece(kind, block.text, block.line))
    for figure in article.figures:
        if figure.caption:
            line = src.find(figure.caption, True, after=figure.line) or figure.line
            spans = src.spans(figure.caption, line, True) if line != figure.line else ()
            pieces.append(Piece(CAPTION, figure.caption, line, spans if len(spans) > 1 else ()))
        if figure.credit:
            pieces.append(Piece(CREDIT, figure.credit, src.find(figure.credit, True, after=figure.line) or figure.line))
    if article.source:
        line = next((i + 1 for i in reversed(range(len(src.contents)))  # 稿源 is near the end
                     if src.contents[i] and i not in src.used and article.source in src.norm(i, True)), 1)
        pieces.append(Piece(SOURCE, article.source, line))
    return pieces
