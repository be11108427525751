"""Body flow on the grid: widows and orphans, sub-heads kept with text, blank rows, balancing (issue 5)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from layout.pages.flow import Cursor, FlowLine, Frame, Piece, balance, continue_from, cursor_at, fill, flow_lines
from layout.text import Align, Settings, Span, TextStyle
from layout.text.metrics import FontMetrics

HAN = "梧桐路街道社区居民志愿服务活动中心今年开展了多项工作"
METRICS = FontMetrics("mono", {ord(c): 1.0 for c in HAN + "，。"}, {ord("，"): (0.1, 0.3), ord("。"): (0.1, 0.3)})
STYLE = TextStyle("song", METRICS, 10.0)
BODY = Settings(indent_em=2.0)
MEASURE = 100.0  # 10 em


def para(chars: int) -> Piece:
    """A paragraph of `chars` ideographs: with the 2-em indent, 8 + 10 + 10 … per line."""
    text = (HAN * 10)[:chars]
    return Piece("para", (Span(text, STYLE),), BODY)


def head(text: str = "小标题") -> Piece:
    return Piece("subhead", (Span(text, STYLE),), replace(BODY, align=Align.CENTER, indent_em=0.0), space_before=1, keep=2)


def lines_of(*pieces: Piece) -> tuple[list[FlowLine], tuple[Piece, ...]]:
    return flow_lines(pieces, MEASURE), pieces


def column(rows: int, c: int = 0, row: int = 1) -> Frame:
    return Frame(x=c * 110.0, width=MEASURE, row=row, rows=rows, column=c)


def placed_counts(placements) -> list[int]:
    return [p.count for p in placements]


def test_paragraph_lines():
    lines, _ = lines_of(para(28))  # 8 + 10 + 10
    assert [fl.line.text for fl in lines] == [(HAN * 2)[:8], (HAN * 2)[8:18], (HAN * 2)[18:28]]


def test_orphan_first_line_never_alone_at_the_bottom():
    lines, pieces = lines_of(para(18), para(28))  # 2 lines, then 3 lines
    placements, end = fill(lines, [column(3), column(10, 1)], pieces)
    assert placed_counts(placements) == [2, 3]  # row 3 stays empty rather than hold the first line


def test_widow_last_line_never_alone_at_the_top():
    lines, pieces = lines_of(para(48))  # 5 lines
    placements, end = fill(lines, [column(4), column(10, 1)], pieces)
    assert placed_counts(placements) == [3, 2]


def test_three_line_paragraph_is_not_split():
    lines, pieces = lines_of(para(28))
    placements, _ = fill(lines, [column(2), column(5, 1)], pieces)
    assert placed_counts(placements) == [3] and placements[0].frame.column == 1


def test_subhead_keeps_two_lines_and_blank_row_is_dropped_at_the_break():
    lines, pieces = lines_of(para(18), head(), para(38))
    # column 1: two body lines, blank row, subhead — the subhead would have no text under it
    placements, end = fill(lines, [column(4), column(10, 1)], pieces)
    # two body lines (the blank row is not left at the foot); head, the empty row of its cell, text
    assert placed_counts(placements) == [2, 6]
    assert all(lines[placements[0].start + k].line is not None for k in range(2))
    second = [lines[i] for i in range(placements[1].start, placements[1].start + placements[1].count)]
    assert second[0].line is not None and pieces[second[0].piece].kind == "subhead"
    assert end == len(lines)


def test_overflow_reports_the_cursor():
    lines, pieces = lines_of(para(48), para(48))
    placements, end = fill(lines, [column(6)], pieces)
    assert end < len(lines)
    cursor = cursor_at(lines, end)
    assert cursor.piece == 1 and cursor.offset == lines[end].offset


def test_continue_from_cuts_a_paragraph_without_new_indent():
    pieces = (para(48),)
    rest = continue_from(pieces, Cursor(0, 18))
    assert rest[0].text == pieces[0].text[18:] and rest[0].settings.indent_em == 0.0


@pytest.mark.parametrize("total", [10, 11, 17, 23])
def test_balance_gives_columns_equal_lengths(total):
    pieces = tuple(para(8 + 10 * (total - 1)) for _ in range(1))
    lines, _ = lines_of(*pieces)
    assert len(lines) == total
    placements = balance(lines, [column(40, c) for c in range(3)], pieces)
    counts = placed_counts(placements)
    assert sum(counts) == total
    assert max(counts) - min(counts[:-1] or counts) <= 1  # all columns equal but the last (clreq: 齐栏)
    assert counts[0] == max(counts)


def test_balance_none_when_it_cannot_fit():
    lines, pieces = lines_of(para(200))
    assert balance(lines, [column(5), column(5, 1)], pieces) is None
