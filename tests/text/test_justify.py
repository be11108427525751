"""Glyph positions inside a line: autospace, punctuation compression, styles, justification
(typesetting.md §1.2–§1.4), first with the fake font, then with the committed fonts.

Positions are read in em (xs / SIZE) so each expectation can be checked by counting boxes.
"""

from __future__ import annotations

import pytest
from .textkit import EPS, FAKE, FAKE_STYLE, FLUSH, SIZE, compose, right_edge, texts, with_

from layout.text import PunctuationStyle, Settings, Span, TextStyle, set_paragraph
from layout.text.justify import set_line
from layout.text.cjk import classify
from layout.text.items import collect
from layout.text.punctuation import TAIL_MAX_PT
from layout.text.metrics import FontMetrics
from layout.text.normalize import normalize


def ems(line) -> list[float]:
    return [x / SIZE for x in line.xs]


def one_line(text: str, settings: Settings = FLUSH):
    lines = compose(text, 40, settings)
    assert len(lines) == 1
    return lines[0]


# --------------------------------------------------------------------- Han ↔ Latin spacing (§1.4) and the character grid

QUARTER = with_(autospace_em=0.25)


@pytest.mark.parametrize("text, expected", [
    pytest.param("中文WiFi中文", [0, 1, 2.25, 2.75, 3.25, 3.75, 4.5, 5.5], id="han-latin-han"),
    pytest.param("共1,200人", [0, 1.25, 1.75, 2.25, 2.75, 3.25, 4.0], id="han-digits-han"),
    pytest.param("约25%的", [0, 1.25, 1.75, 2.25, 3.0], id="han-number-postfix-han"),
])
def test_quarter_em_between_han_and_latin_or_digits(text, expected):
    assert ems(one_line(text, QUARTER)) == pytest.approx(expected)


@pytest.mark.parametrize("text, expected", [
    pytest.param("中文WiFi中文", [0, 1, 2, 2.5, 3, 3.5, 4, 5], id="han-latin-han"),
    pytest.param("共1,200人", [0, 1, 1.5, 2, 2.5, 3, 3.5], id="han-digits-han"),
    pytest.param("约25%的", [0, 1, 1.5, 2, 2.5], id="han-number-postfix-han"),
])
def test_no_space_between_han_and_digits_when_the_paper_sets_none(text, expected):
    """Settings.autospace_em = 0 (the default): half-width digits set solid, 12月4日 like 42人次."""
    assert ems(one_line(text)) == pytest.approx(expected)


@pytest.mark.parametrize("text, expected", [
    pytest.param("中文，WiFi。", [0, 1, 2, 3, 3.5, 4, 4.5, 5], id="after-a-comma"),
    pytest.param("（WiFi）中", [0, 1, 1.5, 2, 2.5, 3, 4], id="inside-brackets"),
    pytest.param("“APP”", [0, 1, 1.5, 2, 2.5], id="inside-quotes"),
])
def test_no_autospace_next_to_punctuation(text, expected):
    # the line-start （ and “ lose their left blank: their boxes start at -½ em
    assert ems(one_line(text, QUARTER)) == pytest.approx([x - 0.5 if text[0] in "（“" else x for x in expected])


def test_no_autospace_at_the_line_edges():
    lines = compose("一二三四五六七八WiFi十甲乙丙丁", 11, QUARTER)
    assert texts(lines) == ["一二三四五六七八WiFi", "十甲乙丙丁"]
    first, second = lines
    assert right_edge(first, FAKE, SIZE) == pytest.approx(11 * SIZE)  # no ¼ em after WiFi at the edge
    assert second.xs[0] == 0
    lines = compose("一二三四五六七八九WiFi十甲乙丙丁", 11, QUARTER)
    assert texts(lines)[1].startswith("WiFi")
    assert lines[1].xs[0] == 0  # no ¼ em before WiFi at the line start


def test_typed_space_between_han_and_latin_is_replaced_not_added():
    """A typed U+0020 becomes the ¼ em autospace whatever the font's space width (xeCJK xCJKecglue)."""
    wide_space = FontMetrics("wide-space", {**{cp: 0.5 for cp in range(0x21, 0x7F)}, 0x20: 0.4})
    style = TextStyle("wide", wide_space, SIZE)
    typed, _changes = normalize("中文 WiFi 中文")
    assert typed == "中文WiFi中文"
    spaced = set_paragraph((Span(typed, style),), 40 * SIZE, QUARTER)[0]
    plain = set_paragraph((Span("中文WiFi中文", style),), 40 * SIZE, QUARTER)[0]
    assert spaced.xs == plain.xs
    assert spaced.xs[2] - spaced.xs[1] == pytest.approx(1.25 * SIZE)


def real(song, text: str, measure_em: float = 40, settings: Settings = FLUSH, size: float = 10):
    return set_paragraph((Span(text, TextStyle("song", song, size)),), measure_em * size, settings)


@pytest.mark.parametrize("spacing", [0.0, 0.25])
def test_digits_take_half_em_cells_two_to_a_character(song, spacing):
    """字格: Noto's digits are 0.47–0.56 em; each is drawn in a ½-em cell, centred, condensed where
    wider, so 2026 is exactly two characters and 年 after it is back on the grid."""
    (line,) = real(song, "今年2026年共186人", settings=with_(autospace_em=spacing))
    k = line.text.index("2")
    assert [round(x - line.xs[0], 3) for x in line.xs[:2]] == [0, 10]
    cells = [line.xs[k + j] for j in range(4)]
    assert line.xs[k + 4] - line.xs[k - 1] == pytest.approx((1 + 2 + 2 * spacing) * 10)  # 年 on the grid
    scales = line.scales
    for j, x in enumerate(cells):
        ch = line.text[k + j]
        natural = song.advance(ch)
        drawn = natural * scales[k + j]
        assert drawn == pytest.approx(min(natural, 0.5))  # condensed to the cell, never widened
        cell = line.xs[k - 1] + (1 + spacing) * 10 + j * 5
        assert x - cell == pytest.approx((0.5 - drawn) / 2 * 10)  # centred in its cell


@pytest.mark.parametrize("text", ["共3.5万人", "约1,200份", "达96.4%，比", "用APP预约", "时间10:30至", "花¥50的"])
@pytest.mark.parametrize("spacing", [0.0, 0.25])
def test_a_number_or_latin_run_with_its_spacing_takes_whole_half_ems(song, text, spacing):
    """The proportional . , : % ¥ and Latin letters make a run a fraction of an em: a pad rounds
    it (with its spacing) up to whole half-ems, so the next character stays on the grid."""
    (line,) = real(song, text, settings=with_(autospace_em=spacing))
    cls = classify(line.text)
    first = next(i for i, c in enumerate(cls) if c.name in ("DIGIT", "LATIN", "PRE"))
    after = next(i for i in range(first, len(cls)) if cls[i].name == "HAN")
    span = (line.xs[after] - line.xs[first - 1]) / 10
    assert span * 2 == pytest.approx(round(span * 2), abs=0.01)
    assert span >= 1 + spacing  # never tighter than the spacing the paper set


def test_a_spread_line_keeps_the_characters_after_a_number_on_its_grid(song):
    """On a justified line spread by g per Han gap, the run takes its width times g, as ideographs
    would: the distance between the ideographs around it stays a whole number of the line's pitch."""
    text = "街道今年新增智能充电端口1,200个和充电棚18处，2026年楼道里的飞线充电现象比2025年明显减少了12.5%左右。"
    lines = real(song, text * 2, 13.48)
    checked = 0
    for line in lines[:-1]:
        cls = classify(line.text)
        han = [i for i, c in enumerate(cls) if c.name == "HAN"]
        pitch = 10 * (1 + line.gap_em)
        for i, j in zip(han, han[1:]):
            if j > i + 1 and all(c.name in ("DIGIT", "LATIN_PUNCT") for c in cls[i + 1:j]):
                units = (line.xs[j] - line.xs[i]) / pitch
                assert units * 2 == pytest.approx(round(units * 2), abs=0.01), line.text
                checked += 1
    assert checked >= 2


def test_latin_word_spaces_are_kept():
    line = one_line("我用 Microsoft Word 写")
    assert line.text == "我用 Microsoft Word 写"
    k = line.text.index("W")
    assert line.xs[k] - line.xs[k - 2] == pytest.approx(0.75 * SIZE)  # 't', then the ¼-em space


# --------------------------------------------------------------------- adjacent punctuation (§1.2.2)

@pytest.mark.parametrize("text, span_em", [
    pytest.param("好。”他", 1.5, id="stop-close"),
    pytest.param("好）、他", 1.5, id="close-pause"),
    pytest.param("好》，他", 1.5, id="close-pause-book"),
    pytest.param("好，“他", 1.5, id="pause-open"),
    pytest.param("好）（他", 1.5, id="close-open"),
    pytest.param("好（“他", 1.5, id="open-open"),
    pytest.param("好《「他", 1.5, id="book-open-open"),
    pytest.param("好？！他", 1.5, id="question-exclamation"),
    pytest.param("好“”他", 2.0, id="open-close-keeps-its-outer-blanks"),
])
def test_adjacent_marks_take_one_and_a_half_em(text, span_em):
    line = one_line(text)
    # from the first mark's origin to the ideograph after the pair
    assert (line.xs[3] - line.xs[1]) / SIZE == pytest.approx(span_em)


def test_three_marks_in_a_row():
    line = one_line("好。”）他")
    assert ems(line) == pytest.approx([0, 1, 1.5, 2, 3])  # 。” and ”） both lose the blank between


# --------------------------------------------------------------------- punctuation styles (§1.2.2)

QUOTE = "好，他说：“行。”"


@pytest.mark.parametrize("style, expected, width", [
    pytest.param(PunctuationStyle.QUANJIAO, [0, 1, 2, 3, 4, 4.5, 5.5, 6.5, 7], 7.5, id="quanjiao"),
    pytest.param(PunctuationStyle.KAIMING, [0, 1, 1.5, 2.5, 3.5, 3.5, 4.5, 5.5, 6.5], 7.0, id="kaiming"),
    pytest.param(PunctuationStyle.BANJIAO, [0, 1, 1.5, 2.5, 3.5, 3.5, 4.5, 5.5, 6], 6.5, id="banjiao"),
])
def test_punctuation_styles(style, expected, width):
    line = one_line(QUOTE, with_(punctuation=style))
    assert ems(line) == pytest.approx(expected)
    assert line.width / SIZE == pytest.approx(width)


def test_kaiming_keeps_a_full_stop_full_width_before_a_closing_quote():
    """开明式: 。？！ keep their full em; 。” is 1.5 em (。 1, ” ½), not compressed again to 1 em."""
    line = one_line("行。”好", with_(punctuation=PunctuationStyle.KAIMING))
    assert ems(line) == pytest.approx([0, 1, 2, 2.5])


# --------------------------------------------------------------------- justification (§1.3)

def test_every_non_last_line_meets_the_measure():
    text = "社区里的事，居民最有发言权。今年，街道在十二个居民区全面推开“议事厅”，全年共召开议事会一百三十二场。"
    for measure in (7, 9.5, 13.48):
        lines = compose(text, measure, Settings())
        for line in lines[:-1]:
            assert line.width == pytest.approx(measure * SIZE, abs=EPS)
        assert lines[-1].width <= measure * SIZE + EPS


def test_latin_word_spaces_stretch_before_han_gaps():
    """E1 before E3: ¼ em of slack goes to the three word spaces (¼ → ⅓ em), the Han gaps stay solid.

    Off the character grid: on it, typed spaces around a Latin run are part of the run."""
    lines = compose("甲乙丙丁 ab cd 戊己庚辛壬癸子丑", 9, with_(char_grid=False))
    first = lines[0]
    assert first.text == "甲乙丙丁 ab cd 戊己"
    assert first.gap_em == 0
    third = 1 / 3
    assert ems(first) == pytest.approx(
        [0, 1, 2, 3, 4, 4 + third, 4.5 + third, 5 + third, 5 + 2 * third, 6 + third / 2, 6 + 2 * third, 7, 8])


def test_reduction_goes_to_pause_marks_before_stops():
    """R5 before R7: set 11 em into 10.5, the comma gives its blank, the full stop inside the line keeps its em."""
    text = "一二，三四。五六七八九"
    items = collect((Span(text, FAKE_STYLE),), FLUSH)
    line = set_line(items, 0, len(text), 10.5 * SIZE, first=True, last=False, settings=FLUSH)
    assert line.width == pytest.approx(10.5 * SIZE)
    steps = [(b - a) / SIZE for a, b in zip(line.xs, line.xs[1:])]
    assert steps[2] == pytest.approx(0.5, abs=0.04)  # ， down to ½ em (less the invisible micro-shrink)
    assert steps[5] == pytest.approx(1.0, abs=0.01)  # 。 keeps its em


def test_every_mid_line_mark_gives_alike():
    """jlreq 3.8: when marks must give, every squeezable mark of the line gives the same share —
    three commas at ⅚ em, not one at ½ em beside two at 1 em (a reader sees the difference)."""
    text = "一，二，三，四五六七八九十"
    items = collect((Span(text, FAKE_STYLE),), FLUSH)
    line = set_line(items, 0, len(text), 12.5 * SIZE, first=True, last=False, settings=with_(micro_shrink_em=0))
    widths = [(line.xs[k + 1] - line.xs[k]) / SIZE for k in (1, 3, 5)]
    assert widths == pytest.approx([1 - 0.5 / 3] * 3)
    assert min(widths) >= 0.75  # within the first stage: none under ¾ em


def test_marks_go_under_three_quarters_only_after_all_reach_it():
    text = "一，二，三四五六七八九十"
    items = collect((Span(text, FAKE_STYLE),), FLUSH)
    line = set_line(items, 0, len(text), 11.2 * SIZE, first=True, last=False, settings=with_(micro_shrink_em=0))
    widths = [(line.xs[k + 1] - line.xs[k]) / SIZE for k in (1, 3)]
    assert widths == pytest.approx([0.6, 0.6])  # 0.8 em to take: ¼ each, then 0.15 each more


def test_full_stop_inside_the_line_yields_only_as_the_last_resort():
    """R7: 。 inside a line gives its blank only when the alternative spreads a line past the hard limit."""
    spread = compose("一二三四。五六七八九十甲乙", 9.5)
    assert texts(spread) == ["一二三四。五六七八", "九十甲乙"]  # 0.07 em per gap: fine
    assert spread[0].xs[5] - spread[0].xs[4] == pytest.approx((1 + spread[0].gap_em) * SIZE)  # 。 keeps its em
    wide = compose("一二三四五六七八。九十甲乙丙", 9.5)
    assert texts(wide) == ["一二三四五六七八。", "九十甲乙丙"]  # 0.14 em per gap: within the hard limit
    squeezed = compose("一二三四五六七八。九十甲乙丙", 9.6)
    assert texts(squeezed) == ["一二三四五六七八。九", "十甲乙丙"]  # the other way: 0.157 em per gap
    assert squeezed[0].xs[9] - squeezed[0].xs[8] == pytest.approx(0.6 * SIZE, abs=0.05 * SIZE)  # R7 (+ micro)
    assert squeezed[0].gap_em == 0


def test_xs_never_decrease_and_start_at_the_edge():
    lines = compose("他说：“我们（居民）的事，‘自己’商量。”——这是《议事规则》第1条。", 6, Settings())
    for k, line in enumerate(lines):
        assert all(a <= b + EPS for a, b in zip(line.xs, line.xs[1:]))
        start = line.xs[0] + (collect((Span(line.text[0], FAKE_STYLE),), FLUSH).lb[0] if line.text[0] in "“（‘《" else 0)
        assert start == pytest.approx(2 * SIZE if k == 0 else 0)


# --------------------------------------------------------------------- the committed fonts

@pytest.mark.parametrize("role", ["song", "song_bold", "song_black", "hei", "hei_black", "kai"])
def test_real_font_punctuation_blanks_are_measured_on_the_right_side(role):
    """GB placement read from each committed font's ink: opening marks blank on the left,
    closing and pause/stop marks on the right (fonts.md §5.3); proportional marks untouched."""
    from layout.fonts import DEFAULT_ROLES, load_roles

    metrics = load_roles({role: DEFAULT_ROLES[role]})[role].metrics
    style = TextStyle(role, metrics, 10)
    for ch in "，。、：；？！“”‘’（）《》":
        items = collect((Span("中" + ch + "中", style),), FLUSH)
        blanks = (items.lb[1], items.rb[1])
        assert items.adv[1] == pytest.approx(10.0), ch  # full width, even where the face draws it narrow
        if metrics.advance(ch) < 0.9:  # placed in its cell: the blank is the cell beside the glyph
            assert (blanks[0] > 4.0 and blanks[1] == 0) if ch in "“‘" else (blanks[0] == 0 and blanks[1] > 4.0), ch
        elif ch in "“‘（《":
            assert blanks == pytest.approx((5.0, 0.0)), ch
        else:
            assert blanks == pytest.approx((0.0, 5.0)), ch


@pytest.mark.parametrize("size", [7.875, 9, 10.5, 12, 16])
def test_line_end_mark_overshoots_half_an_em_by_less_than_half_a_point(size, song):
    """GB/T 15834 §5.1.10 (½ em) with the non-integral-measure tail: invisible at any size."""
    style = TextStyle("song", song, size)
    measure = 13.48 * size
    text = "梧桐路街道的民生账本翻到了最后一页，记者日前从街道获悉，年初承诺的十件民生实事项目已经全部完成。" * 3
    lines = set_paragraph((Span(text, style),), measure, Settings())
    for line in lines[:-1]:
        edge = line.xs[-1] + song.advance(line.text[-1]) * size
        if line.text[-1] in "，。、”":
            assert edge - measure <= 0.5 * size + TAIL_MAX_PT + EPS
            assert edge - measure >= 0.5 * size - EPS
        else:
            assert edge == pytest.approx(measure, abs=EPS)


def test_wenkai_quotes_are_set_full_width(song):
    """LXGW WenKai's “ ” are 0.35 em: in a 全角 setting quotes are full width in every face
    (pages.md §4).  With a mark face (the body face) its full-width glyph is drawn instead …"""
    from layout.fonts import DEFAULT_ROLES, load_roles

    kai = load_roles({"kai": DEFAULT_ROLES["kai"]})["kai"].metrics
    assert kai.advance("“") < 0.9
    style = TextStyle("kai", kai, 10, mark_face=("song", song))
    (line,) = set_paragraph((Span("他说“好”字", style),), 40 * 10, FLUSH)
    fonts = {i: st.font for st, a, b in line.runs for i in range(a, b)}
    assert [fonts[i] for i in range(len(line.text))] == ["kai", "kai", "song", "kai", "song", "kai"]
    assert line.xs[3] - line.xs[2] == pytest.approx(10.0)  # “ a full em from its origin to 好
    assert line.xs[5] - line.xs[4] == pytest.approx(10.0)  # ” likewise


def test_a_proportional_mark_without_a_mark_face_sits_in_a_full_em_cell(song):
    """… without one, the face's own glyph is centred on the half of an em cell GB/T 15834 gives
    it; Noto Serif's · (0.33 em) sits in the middle of its em (the 间隔号 of 要闻·党建)."""
    from layout.fonts import DEFAULT_ROLES, load_roles

    kai = load_roles({"kai": DEFAULT_ROLES["kai"]})["kai"].metrics
    (line,) = set_paragraph((Span("说”好", TextStyle("kai", kai, 10)),), 40 * 10, FLUSH)
    ink = kai.ink[ord("”")]
    centre = line.xs[1] + (ink[0] + ink[1]) / 2 * 10 - 10
    assert centre == pytest.approx(2.5)  # the ink's centre at ¼ em into the cell
    assert line.xs[2] - 10 == pytest.approx(20.0 - 10)  # 好 a full em after the cell's start
    (dot,) = set_paragraph((Span("要闻·党建", TextStyle("song", song, 10)),), 40 * 10, FLUSH)
    ink = song.ink[ord("·")]
    assert dot.xs[2] + (ink[0] + ink[1]) / 2 * 10 == pytest.approx(25.0)  # centred in the third em
    assert dot.xs[3] == pytest.approx(30.0)


# --------------------------------------------------------------------- regressions (issue 4)

def test_issue_4_line_end_tail_stays_under_half_a_point_at_10_5_pt(song):
    """The tail (≤ 0.05 em beyond ½ em) is capped at 0.45 pt: at 10.5 pt 0.05 em would be 0.525 pt,
    past the 0.5 pt a checker (and an eye) tolerates."""
    size = 10.5
    style = TextStyle("song", song, size)
    lines = set_paragraph((Span("一二三四五六七八九十甲乙丙，丁戊己庚", style),), 13.45 * size, FLUSH)
    first = lines[0]
    assert first.text.endswith("，")
    overshoot = first.xs[-1] + song.advance("，") * size - 13.45 * size
    assert 0.5 * size < overshoot <= 0.5 * size + TAIL_MAX_PT + EPS


@pytest.mark.parametrize("text, punctuation", [
    pytest.param("《红楼梦》·《西游记》", PunctuationStyle.QUANJIAO, id="half-em-interpunct-then-book-title"),
    pytest.param("I“好”", PunctuationStyle.KAIMING, id="narrow-latin-then-quote-kaiming"),
    pytest.param("(（注）", PunctuationStyle.BANJIAO, id="ascii-paren-then-paren-banjiao"),
])
def test_issue_4_a_trimmed_mark_never_moves_before_the_glyph_it_follows(text, punctuation, song):
    style = TextStyle("song", song, 10)
    (line,) = set_paragraph((Span(text, style),), 40 * 10, with_(punctuation=punctuation))
    assert all(a <= b + EPS for a, b in zip(line.xs, line.xs[1:])), line.xs


def test_issue_4_a_trimmed_mark_at_a_line_start_still_loses_its_whole_blank(song):
    """The blank held back inside a line (after a narrow glyph) still goes at a line start."""
    style = TextStyle("song", song, 10)
    settings = with_(punctuation=PunctuationStyle.KAIMING)
    lines = set_paragraph((Span("一二三四五六七I“好好好”", style),), 7.7 * 10, settings)
    assert [line.text for line in lines] == ["一二三四五六七I", "“好好好”"]
    assert lines[1].xs[0] == pytest.approx(-5.0)  # ink flush with the edge


@pytest.mark.parametrize("punctuation, has_tail", [
    (PunctuationStyle.QUANJIAO, [2, 5]),  # ， and ” keep their right blanks; 。 gave its to the ” after it
    (PunctuationStyle.KAIMING, [4]),  # only 。 is still full width
    (PunctuationStyle.BANJIAO, []),  # every mark is already ½ em
], ids=lambda v: v.name.lower() if isinstance(v, PunctuationStyle) else "")
def test_only_a_mark_that_still_has_its_right_blank_gets_a_line_end_tail(song, punctuation, has_tail):
    items = collect((Span("一二，三。”四", TextStyle("song", song, 9)),), with_(punctuation=punctuation))
    assert [i for i, t in enumerate(items.tail) if t > 0] == has_tail
