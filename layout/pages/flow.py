"""Body flow: an article's pieces → one-row lines → frames (column segments) on the baseline grid.

Every body line takes exactly one grid row, so baselines align across all the
columns of a page (typesetting.md §1.6).  Filling obeys the paragraph rules of
typesetting.md §1.5 (clreq #adjustments_of_orphans_and_widows,
#handling_of_new_retros):
- a paragraph's first line never sits alone at a column's bottom, its last line
  never alone at a column's top (CSS orphans/widows = 2);
- a sub-head or box title keeps at least two following lines with it;
- a blank row never starts or ends a column (the space before a 小标题 goes
  where the column breaks).
Balancing (齐栏) is arithmetic on the fixed grid: the lowest common bottom row
at which everything still fits (architecture.md §8.4), found by bisection.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from layout.display import BLACK, CMYK
from layout.pages.displaytext import cut_spans, set_display, set_item
from layout.text import SetLine, Settings, Span, set_paragraph
from layout.text.looseness import set_paragraph_lines

SUBHEAD_FIT = 0.9  # a sub-head breaks at a phrase rather than fill its column edge to edge
DISPLAY = frozenset({"subhead", "box_title", "box_head"})  # set like headlines: phrase breaks, balanced lines

KEEP_LINES = 2


@dataclass(frozen=True)
class Piece:
    """One paragraph-like element of the flow.

    kind: byline | note | lead | para | subhead | box_title | box_head | box_para |
    source | jump_from | jump_to.  inset: left and right inset inside the column
    (sidebar boxes).  box: lines drawn inside a box ("sidebar", "note").
    space_before: blank rows before it (dropped at a column top).  keep: lines of
    what follows that must share its column (sub-heads).  block: index of the
    article body block it comes from (-1 for generated text).  looseness: set one
    line longer (+1, 拉行) or shorter (−1, 缩行) than its best setting, when the
    slot is fitted (text/looseness.py).  hang: a hanging indent in points — the lines are set that
    much narrower and drawn that much further in; label: the first characters (a list label:
    "1." "项目一：" "■ ") set solid in the hang of the first line, so they hang and every line of
    the text starts at the same x.  breaks: forced line breaks (character offsets)
    of a display piece: a sub-head's lead line and main line.  A sub-head takes one row more
    than its lines (an empty last line), the white it keeps below it.
    """

    kind: str
    spans: tuple[Span, ...]
    settings: Settings
    inset: float = 0.0
    box: str = ""
    space_before: int = 0
    keep: int = 0
    color: CMYK = BLACK
    block: int = -1
    looseness: int = 0
    hang: float = 0.0
    label: int = 0
    breaks: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    def measure(self, column: float) -> float:
        """The width its lines are set in, in a column of width `column`."""
        return column - 2 * self.inset - self.hang


@dataclass(frozen=True)
class Cursor:
    """Where a flow resumes: piece index and character offset inside that piece's text."""

    piece: int
    offset: int = 0


@dataclass(frozen=True)
class FlowLine:
    """One grid row of the flow: a composed line (None: a blank row) and its place in its piece."""

    line: SetLine | None
    piece: int
    index: int  # line number inside the piece
    count: int  # lines in the piece
    offset: int  # character offset of this line in the piece's full text


@dataclass(frozen=True)
class Frame:
    """A column segment: x, width, first grid row and number of rows; `column` orders the chain."""

    x: float
    width: float
    row: int
    rows: int
    column: int


@dataclass(frozen=True)
class Placement:
    frame: Frame
    start: int  # index of the first FlowLine placed
    count: int


def continue_from(pieces: tuple[Piece, ...], cursor: Cursor) -> tuple[Piece, ...]:
    """The pieces from `cursor` on; a paragraph cut mid-way continues without a new indent."""
    rest = pieces[cursor.piece:]
    if not rest or cursor.offset == 0:
        return rest
    first = rest[0]
    cut = replace(first, spans=cut_spans(first.spans, cursor.offset), space_before=0,
                  settings=replace(first.settings, indent_em=0.0), label=0)  # a hanging label stays behind
    return (cut,) + rest[1:]


def flow_lines(pieces: tuple[Piece, ...], measure: float) -> list[FlowLine]:
    """Compose the pieces in the column measure: one FlowLine per grid row."""
    out: list[FlowLine] = []
    for p, piece in enumerate(pieces):
        if out and piece.space_before:
            out.extend(FlowLine(None, p, -1, 0, 0) for _ in range(piece.space_before))
        out.extend(piece_lines(pieces, p, measure))
    return out


def _set(piece: Piece, measure: float) -> tuple[SetLine, ...]:
    """Sub-heads and box titles are set like headlines (phrase breaks, balanced lines); the rest as paragraphs."""
    if piece.kind in DISPLAY:
        subhead = piece.kind == "subhead"
        return set_display(piece.spans, measure, piece.settings.align, SUBHEAD_FIT * measure if subhead else None,
                           piece.breaks, cell=subhead)
    if piece.label or piece.settings.min_last_chars > 2:  # list items and briefs (their label hangs)
        return set_item(piece.spans, piece.label, piece.hang, measure, piece.settings, piece.looseness)
    if piece.looseness:
        loose = set_paragraph_lines(piece.spans, measure, piece.settings, piece.looseness)
        if loose is not None:
            return loose
    return set_paragraph(piece.spans, measure, piece.settings)


def piece_lines(pieces: tuple[Piece, ...], index: int, measure: float) -> list[FlowLine]:
    """The FlowLines of one piece (no blank rows): what flow_lines gives for it."""
    piece = pieces[index]
    return [FlowLine(line, index, k, n, line.start) for k, line, n in _numbered(_set(piece, piece.measure(measure)))]


def _numbered(lines: tuple[SetLine, ...]):
    return ((k, line, len(lines)) for k, line in enumerate(lines))


def cursor_at(lines: list[FlowLine], index: int) -> Cursor | None:
    """The cursor of the first line not placed (None: everything was placed)."""
    while index < len(lines) and lines[index].line is None:
        index += 1
    if index >= len(lines):
        return None
    fl = lines[index]
    return Cursor(fl.piece, fl.offset)


def can_break_before(lines: list[FlowLine], j: int, pieces: tuple[Piece, ...]) -> bool:
    """May a column end after lines[j-1], the next column starting with lines[j]?"""
    a, b = lines[j - 1], lines[j]
    if a.line is not None and pieces[a.piece].keep:
        return False  # a sub-head or box title never ends a column
    if pieces[b.piece].kind == "source":
        return False  # the 稿源 stays with the story's last paragraph (and a blank row before it with both)
    if b.line is None or a.line is None:
        return True
    if a.piece == b.piece and a.count >= 2 and (a.index == 0 or b.index == b.count - 1):
        return False  # orphan: first line alone at the bottom / widow: last line alone at the top
    if a.index + 1 < KEEP_LINES and a.piece > 0:
        head = _heading_before(lines, j - 1 - a.index, pieces)
        if head is not None and pieces[head].keep > a.index + 1:
            return False  # fewer than two lines follow the sub-head in its column
    return True


def _heading_before(lines: list[FlowLine], first: int, pieces: tuple[Piece, ...]) -> int | None:
    """The piece of the non-blank line just before index `first`, if it is a keep-with-next piece."""
    k = first - 1
    while k >= 0 and lines[k].line is None:
        k -= 1
    if k < 0:
        return None
    return lines[k].piece if pieces[lines[k].piece].keep else None


def fill(lines: list[FlowLine], frames: list[Frame], pieces: tuple[Piece, ...], start: int = 0
         ) -> tuple[list[Placement], int]:
    """Fill frames in order from lines[start]; returns the placements and the index of the first line left."""
    i, out = start, []
    for frame in frames:
        while i < len(lines) and lines[i].line is None:
            i += 1  # a blank row never starts a column
        if i >= len(lines):
            break
        k = min(frame.rows, len(lines) - i)
        if i + k < len(lines):
            while k > 0 and not can_break_before(lines, i + k, pieces):
                k -= 1
        blank = 0
        while k > blank and lines[i + k - 1 - blank].line is None:
            blank += 1  # a blank row never ends a column either: space before a 小标题 is not needed at a break
        if k > blank:
            out.append(Placement(frame, i, k - blank))
            i += k
    return out, i


def clip(frames: list[Frame], bottom: int) -> list[Frame]:
    """Frames cut off at grid row `bottom` (exclusive)."""
    out = []
    for f in frames:
        rows = min(f.rows, bottom - f.row)
        if rows > 0:
            out.append(replace(f, rows=rows))
    return out


def balance(lines: list[FlowLine], frames: list[Frame], pieces: tuple[Piece, ...]) -> list[Placement] | None:
    """Placements with the lowest common bottom row at which every line fits (None: they do not fit)."""
    placed, end = fill(lines, frames, pieces)
    if end < len(lines) or not frames:
        return None
    low = min(f.row for f in frames) + 1
    high = max(f.row + f.rows for f in frames)
    while low < high:
        mid = (low + high) // 2
        if fill(lines, clip(frames, mid), pieces)[1] >= len(lines):
            high = mid
        else:
            low = mid + 1
    return fill(lines, clip(frames, high), pieces)[0]

