"""The galley proof (layout/galley.py): sub-heads set like headlines and kept with what follows."""

from __future__ import annotations

import pytest

from layout.galley import GalleyGeometry, compose_galley
from layout.units import mm


@pytest.fixture(scope="module")
def fonts():
    from layout.fonts import DEFAULT_ROLES, load_roles

    return load_roles({"song": DEFAULT_ROLES["song"], "hei": DEFAULT_ROLES["hei"]})


def geometry(rows: int, columns: int = 2) -> GalleyGeometry:
    """A small galley: 12-em columns (108 pt at 9 pt), `rows` lines a column."""
    leading, size, margin = 15.0, 9.0, mm(10)
    height = 2 * margin + size + (rows - 1) * leading + 1
    width = 2 * margin + columns * 108 + (columns - 1) * 12
    return GalleyGeometry(width, height, margin, columns, 12, size, leading, 2.0)


def column_texts(pages, g: GalleyGeometry) -> list[list[str]]:
    """The text of each row of each column, page after page ('' for a blank row)."""
    out = []
    for page in pages:
        columns: dict[int, dict[int, str]] = {}
        for run in page.items:
            column = int((run.x - g.margin + g.size) // (g.column_width + g.gutter))  # a line-start “ hangs ½ em
            row = round((run.y - g.margin - 0.88 * g.size) / g.leading)
            columns.setdefault(column, {}).setdefault(row, "")
            columns[column][row] += run.text
        for c in sorted(columns):
            rows = columns[c]
            out.append([rows.get(r, "") for r in range(max(rows) + 1)])
    return out


BODY = "今年街道为居民办成了十件实事，每一件都经过居民投票，项目完工后还要接受居民的评议和监督。" * 2


@pytest.mark.parametrize("text, word", [
    ("街道举办庆祝新中国成立70周年文艺汇演", "中国"),  # set as a paragraph: 街道举办庆祝新中 | 国成立…
    ("创建垃圾分类示范小区“垃圾分类”见成效", "“垃圾分类”"),  # … or inside the quoted term
])
def test_a_subhead_breaks_at_a_phrase_not_inside_a_word(fonts, text, word):
    g = geometry(40, 1)
    pages = compose_galley([("head", text), ("para", BODY)], g, fonts)
    rows = column_texts(pages, g)[0]
    head = rows[:rows.index(next(r for r in rows if r.startswith("今年")))]
    assert "".join(head) == text and len(head) >= 2
    assert any(word in line for line in head), head


@pytest.mark.parametrize("free_rows", [0, 1, 2])
def test_a_subhead_never_ends_a_column_and_keeps_two_lines(fonts, free_rows):
    """The head moves to the next column when it and two lines after it do not fit below."""
    g = geometry(12)
    filler = "一二三四五六七八九十甲乙" * (12 - free_rows - 1) + "丙丁"  # fills all but free_rows rows
    pages = compose_galley([("para", filler), ("head", "小标题"), ("para", BODY)], g, fonts)
    columns = column_texts(pages, g)
    first = [r for r in columns[0] if r]
    assert "小标题" not in first  # 0, 1 or 2 rows free: too few for the head and two lines
    assert columns[1][0] == "小标题" and columns[1][1] and columns[1][2]


def test_a_subhead_with_room_stays_in_its_column(fonts):
    g = geometry(12)
    filler = "一二三四五六七八九十甲乙" * 5 + "丙丁"  # 6 rows, 6 free
    pages = compose_galley([("para", filler), ("head", "小标题"), ("para", BODY)], g, fonts)
    assert column_texts(pages, g)[0][6] == "小标题"
