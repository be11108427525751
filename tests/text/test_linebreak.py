"""Tiny strings → expected lines (typesetting.md §1.1–§1.5), with the fake font of textkit.py.

Every ideograph and full-width mark is 1 em, Latin ½ em; measures are in em.
Each table row is built so that a naive greedy breaker would get it wrong: the
natural break falls just before a mark that may not start a line, just after
one that may not end it, or inside a unit that may not be split.
"""

from __future__ import annotations

import pytest
from .textkit import EPS, FAKE, SIZE, compose, texts, with_

from layout.text import linebreak, lineprice
from layout.text.style import BODY

HAN7 = "一二三四五六七"
HAN8 = "一二三四五六七八"
HAN10 = "春夏秋冬东南西北上下"


# --------------------------------------------------------------------- kinsoku (禁则)

@pytest.mark.parametrize("mark", list("，。、；：？！”’）》·") + ["～", "々", ","], ids=lambda m: f"U+{ord(m):04X}")
def test_closing_and_pause_marks_never_start_a_line(mark):
    # 8 ideographs fill the 8-em line; the mark cannot follow them there (8.5 em even at ½ em)
    # and may not start the next line, so 八 goes down with it.
    lines = compose(HAN8 + mark + "九十甲乙", 8)
    assert texts(lines) == [HAN7, "八" + mark + "九十甲乙"]


@pytest.mark.parametrize("mark", list("“‘（《「【〈") + ["("], ids=lambda m: f"U+{ord(m):04X}")
def test_opening_marks_never_end_a_line(mark):
    # 7 ideographs and the mark make exactly 8 em: a greedy breaker would end the line on it.
    lines = compose(HAN7 + mark + "八九十甲", 8)
    assert texts(lines) == [HAN7, mark + "八九十甲"]


@pytest.mark.parametrize("mark", ["“", "（", "《"], ids=["quote", "paren", "book-title"])
def test_opening_mark_at_line_start_loses_its_left_blank(mark):
    lines = compose(HAN7 + mark + "八九十甲", 8)
    assert lines[1].xs[0] == pytest.approx(-0.5 * SIZE)  # drawn ½ em left: its ink is flush with the edge
    assert lines[1].xs[1] == pytest.approx(0.5 * SIZE)


def test_opening_mark_after_the_indent_is_trimmed_too():
    lines = compose("“一二三四。”五六七八九十甲乙丙丁", 8, BODY)
    assert lines[0].xs[0] == pytest.approx(2 * SIZE - 0.5 * SIZE)  # ink at the 2-em indent
    assert lines[0].xs[1] == pytest.approx(2.5 * SIZE)


def test_solidus_neither_starts_nor_ends_a_line():
    lines = compose(HAN7 + "／八九十甲", 8)
    assert texts(lines) == ["一二三四五六", "七／八九十甲"]


@pytest.mark.parametrize("text", ["甲乙丙丁戊己庚辛，壬", "“甲乙丙丁戊己庚辛"], ids=["close", "open"])
def test_a_mark_alone_may_break_the_rules_only_when_nothing_else_fits(text):
    # a 1-em measure: every unit needs a line of its own, prohibited or not
    lines = compose(text, 1)
    assert "".join(texts(lines)) == text


# --------------------------------------------------------------------- line-end compression (GB/T 15834 §5.1.10)

@pytest.mark.parametrize("mark", list("，。、；：？！”）》"), ids=lambda m: f"U+{ord(m):04X}")
def test_line_end_mark_takes_half_an_em_so_the_line_fits(mark):
    lines = compose(HAN8 + mark + "九十", 8.5)
    assert texts(lines) == [HAN8 + mark, "九十"]
    first = lines[0]
    assert first.width == pytest.approx(8.5 * SIZE)  # visible end = the measure
    assert first.xs[-1] == pytest.approx(8 * SIZE)  # the mark's box runs ½ em past: its blank
    assert first.gap_em == 0


def test_without_the_half_em_rule_the_mark_would_not_fit():
    # the same text one hair narrower: 八 must go down with the comma
    lines = compose(HAN8 + "，九十甲乙", 8.45)
    assert texts(lines) == [HAN7, "八，九十甲乙"]


# --------------------------------------------------------------------- inseparables (分离禁止)

@pytest.mark.parametrize("unit", [
    pytest.param("——", id="pozhehao"),
    pytest.param("……", id="shengluehao"),
    pytest.param("3.14", id="decimal"),
    pytest.param("1,200", id="thousands"),
    pytest.param("10:30", id="time"),
    pytest.param("2026年", id="year"),
    pytest.param("25%", id="percent"),
    pytest.param("30℃", id="celsius"),
    pytest.param("¥50", id="yuan-prefix"),
    pytest.param("WiFi", id="latin-word"),
    pytest.param("APP", id="acronym"),
    pytest.param("5km", id="number-and-unit"),
])
def test_inseparable_units_are_never_split(unit):
    # the 11-em line ends inside the unit; it goes down whole
    lines = compose(HAN10 + unit + "左右前后", 11)
    assert texts(lines) == [HAN10, unit + "左右前后"]


def test_two_em_marks_may_start_a_line_but_not_under_strict():
    text = HAN7 + "——八九十"
    assert texts(compose(text, 8)) == [HAN7, "——八九十"]
    strict = compose(text, 8, with_(strict_long_marks=True))
    assert texts(strict) == ["一二三四五六", "七——八九十"]


NUMBER_AND_COUNTER = "周一、三，周五、2026年的课都照常上。"


def test_number_and_counter_stay_together_when_punctuation_can_give_way():
    """2026|年 is legal but costs NUMBER_BREAK_COST (typesetting.md §1.1.3 house rule): here the
    three pause marks give up their blanks instead, and 年 stays with 2026."""
    lines = compose(NUMBER_AND_COUNTER, 10)
    assert texts(lines) == ["周一、三，周五、2026年", "的课都照常上。"]
    assert lines[0].width == pytest.approx(10 * SIZE)


def test_the_number_penalty_is_what_keeps_them_together(monkeypatch):
    from layout.text import set_paragraph

    monkeypatch.setattr(lineprice, "NUMBER_BREAK_COST", 0.0)
    set_paragraph.cache_clear()
    try:
        assert texts(compose(NUMBER_AND_COUNTER, 10)) == ["周一、三，周五、2026", "年的课都照常上。"]
    finally:
        set_paragraph.cache_clear()


# --------------------------------------------------------------------- 孤字 and the indent

def test_no_single_character_last_line():
    lines = compose("一二三四五六七八九十甲", 10)
    assert texts(lines) == ["一二三四五六七八九", "十甲"]


def test_a_trailing_mark_does_not_make_a_single_character_count_as_two():
    lines = compose("一二三四五六七八九十甲。", 10)
    assert texts(lines) == ["一二三四五六七八九", "十甲。"]


def test_single_character_last_line_allowed_when_asked():
    lines = compose("一二三四五六七八九十甲", 10, with_(min_last_chars=1))
    assert texts(lines) == ["一二三四五六七八九十", "甲"]


def test_indent_is_geometry_not_characters():
    lines = compose("一二三四五六七八九十甲乙丙丁", 8, BODY)
    assert texts(lines) == ["一二三四五六", "七八九十甲乙丙丁"]
    assert lines[0].xs[0] == pytest.approx(2 * SIZE)
    assert lines[0].width == pytest.approx(8 * SIZE)
    assert lines[1].xs[0] == 0
    assert "\u3000" not in lines[0].text


def test_a_paragraph_that_fits_is_one_unjustified_line():
    lines = compose("一二三。", 8)
    assert texts(lines) == ["一二三。"]
    assert lines[0].last and lines[0].gap_em == 0
    assert lines[0].xs == pytest.approx((0, SIZE, 2 * SIZE, 3 * SIZE))


# --------------------------------------------------------------------- justification in the breaker's choice

def test_spread_before_squeeze():
    """全角 (jlreq 3.8 order): the line takes its slack in the Han gaps; the comma inside it keeps
    its full em, and 九 goes down, as long as the spread stays within the limit."""
    lines = compose("一二三四，五六七八九十甲乙丙丁", 9.5)
    assert texts(lines)[0] == "一二三四，五六七八"
    assert lines[0].xs[5] - lines[0].xs[4] == pytest.approx((1 + lines[0].gap_em) * SIZE)  # the comma: a full em
    assert 0 < lines[0].gap_em <= BODY.squeeze_gap_em


def test_marks_squeeze_when_spreading_would_pass_the_hard_limit():
    """一二三四，五六七 would spread 0.17 em per gap (the 。 after 八 may not start a line): the
    comma gives its blank instead, down to ½ em."""
    lines = compose("一二三四，五六七八。九十甲", 9)
    assert texts(lines) == ["一二三四，五六七八。", "九十甲"]
    assert lines[0].xs[5] - lines[0].xs[4] == pytest.approx(0.5 * SIZE, abs=0.03 * SIZE)  # ½ em (less micro)
    assert lines[0].width == pytest.approx(9 * SIZE)


def test_squeeze_first_is_the_old_order():
    """Settings.squeeze_first: the comma gives before the Han gaps spread (先挤进，后推出)."""
    lines = compose("一二三四，五六七八九十甲乙丙丁", 9.5, with_(squeeze_first=True))
    assert texts(lines)[0] == "一二三四，五六七八九"
    assert lines[0].gap_em == 0


def test_justified_line_spreads_han_gaps_evenly():
    lines = compose(HAN8 + "，九十甲乙", 8)
    first = lines[0]
    steps = [b - a for a, b in zip(first.xs, first.xs[1:])]
    assert steps == pytest.approx([SIZE * (1 + 1 / 6)] * 6)
    assert first.gap_em == pytest.approx(1 / 6)
    assert first.xs[-1] + FAKE.advance(first.text[-1]) * SIZE == pytest.approx(8 * SIZE, abs=EPS)


def test_space_at_a_break_is_dropped():
    lines = compose("ab cd ef gh ij", 3)
    assert texts(lines) == ["ab cd", "ef gh", "ij"]
    assert all(not line.text.endswith(" ") and not line.text.startswith(" ") for line in lines)


# --------------------------------------------------------------------- regressions (issue 4)

def test_issue_4_a_last_line_of_only_an_ellipsis_counts_as_a_single_character():
    """…拿起扳手…… must not end on a line holding only ……: two marks, no character."""
    lines = compose(HAN8 + "……", 8)
    assert texts(lines) == ["一二三四五六", "七八……"]


def test_issue_4_a_loose_line_is_chosen_over_a_single_character_last_line():
    lines = compose("社区的老人", 6, BODY)  # 4 em after the indent: 社区的老 | 人 would be a 孤字
    assert texts(lines) == ["社区的", "老人"]


def test_issue_4_a_good_line_that_forces_a_hole_later_is_not_taken():
    """Two lines at 0.5 em per gap beat a line of one character followed by a hole."""
    lines = compose("社社社社社社社社’ ", 4)
    assert texts(lines) == ["社社社", "社社社", "社社’"]
    assert all(line.width == pytest.approx(4 * SIZE) for line in lines[:-1])


def test_issue_4_looseness_is_spread_over_lines_not_piled_into_one():
    """Narrow first line with an unbreakable “…” after it: two lines a little loose, not one gaping."""
    lines = compose("本届文化节以“唱响梧桐·美好家园”为主题，自九月开幕以来", 9.27, BODY)
    assert max(line.gap_em for line in lines) < 0.3
    assert texts(lines)[0] == "本届文化节以"


def test_issue_4_space_at_a_break_drops_its_blank_and_shrink_with_it():
    """A closing mark before a dropped space keeps no shrink it has already given up: no overfull line."""
    for line in compose("社社社社社社社社’ ", 4)[:-1]:
        assert line.width <= 4 * SIZE + EPS


@pytest.mark.parametrize("text, expected", [
    pytest.param("a , b", ["a ,", "b"], id="space-before-a-closing-mark"),
    pytest.param("( a b", ["( a", "b"], id="space-after-an-opening-mark"),
])
def test_issue_4_a_space_does_not_lift_the_prohibitions(text, expected):
    # 1¼ em in a 1-em column: condensed whole (never broken where a prohibition forbids it)
    lines = compose(text, 1)
    assert texts(lines) == expected
    assert lines[0].width <= SIZE + EPS


def test_a_no_break_space_is_the_emergency_point_of_a_unit_too_wide():
    """a b (U+00A0) is 1½ em: in a 1-em column it must break somewhere; after the no-break space
    is the point a reader accepts (the space is dropped at the break, like any space)."""
    assert texts(compose("a\u00a0b c", 1)) == ["a", "b", "c"]
    assert texts(compose("a\u00a0b c", 2)) == ["a\u00a0b", "c"]


def test_issue_4_overfull_line_holds_only_the_unit_that_does_not_fit():
    lines = compose("社——/社‰", 4)
    assert texts(lines) == ["社", "——/社‰"]


# --------------------------------------------------------------------- the pruned search

PRUNING_TEXT = "一二三四五六七八九十，春夏秋冬东南西北上下。" * 4 + "2026年，左右前后。"


@pytest.mark.parametrize("bound", [0.0, 50.0, float("inf")], ids=["zero", "too-low", "none"])
def test_any_pruning_bound_gives_the_unpruned_optimum(monkeypatch, bound):
    """A bound below the optimum is caught (the search finds nothing that cheap) and the
    search reruns unpruned; no bound at all is the plain search."""
    from layout.text.items import collect
    from layout.text.style import Span
    from .textkit import FAKE_STYLE

    items = collect((Span(PRUNING_TEXT, FAKE_STYLE),), BODY)
    width = 11.3 * SIZE
    expected = linebreak.reference_break_lines(items, width, BODY)
    searches = []
    real_search = linebreak._search
    monkeypatch.setattr(linebreak, "_first_fit_price", lambda *args: bound)
    monkeypatch.setattr(linebreak, "_search", lambda *args: searches.append(args[-1]) or real_search(*args))
    assert linebreak.break_lines(items, width, BODY) == expected
    assert searches == ([bound, float("inf")] if bound < 1000 else [bound])


def test_first_fit_price_bounds_the_optimum_of_running_text():
    from layout.text.items import collect
    from layout.text.style import Span
    from .textkit import FAKE_STYLE

    items = collect((Span(PRUNING_TEXT, FAKE_STYLE),), BODY)
    prefix = lineprice.prefix_sums(items, BODY)
    bound = linebreak._first_fit_price(items, prefix, 11.3 * SIZE, BODY)
    _back, optimum = linebreak._search(items, prefix, 11.3 * SIZE, BODY, float("inf"))
    assert optimum <= bound < float("inf")
