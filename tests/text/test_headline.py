"""Headlines (typesetting.md §1.7): set solid, phrase breaks, balanced lines, centred."""

from __future__ import annotations

import pytest
from .textkit import EPS, FAKE, FAKE_STYLE, SIZE

from layout.phrases import phrases as budoux_phrases
from layout.text import Align
from layout.text.cjk import NO_LINE_END, NO_LINE_START, classify
from layout.text.headline import set_headline


def toy_phrases(text: str) -> list[str]:
    """A toy segmenter: a phrase ends after 的 and 和 (enough to see which breaks are used)."""
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "的和":
            out.append(cur)
            cur = ""
    return out + [cur] if cur else out


def no_phrases(text: str) -> list[str]:
    return [text]


def head(text: str, measure_em: float, phrases=toy_phrases, align: Align = Align.CENTER):
    return set_headline([text], FAKE_STYLE, measure_em * SIZE, phrases, align)


def visible_width(line) -> float:
    """The line's natural width (its width less the centring offset), in em."""
    return (line.width - line.xs[0] - (0.5 * SIZE if line.text[0] in "“（《" else 0)) / SIZE


def test_a_headline_that_fits_is_one_centred_line():
    (line,) = head("十件民生实事全部交卷", 12)
    assert line.text == "十件民生实事全部交卷"
    assert line.xs[0] == pytest.approx(1 * SIZE)  # (12 − 10) / 2
    assert line.width == pytest.approx(11 * SIZE)
    assert line.gap_em == 0  # set solid: no justification


def test_breaks_at_the_phrase_boundary_not_where_the_measure_runs_out():
    lines = head("梧桐路街道的民生实事项目全面完成", 10)
    assert [line.text for line in lines] == ["梧桐路街道的", "民生实事项目全面完成"]


def test_without_phrases_the_lines_are_balanced():
    lines = head("十件民生实事全部交卷", 6, no_phrases)
    assert [line.text for line in lines] == ["十件民生实", "事全部交卷"]  # 5 + 5, not 6 + 4


def test_budoux_phrases_keep_words_whole_and_balance():
    text = "梧桐路街道的民生实事项目全面完成"
    lines = head(text, 10, budoux_phrases)
    assert [line.text for line in lines] == ["梧桐路街道的民生", "实事项目全面完成"]
    bounds = set()
    pos = 0
    for chunk in budoux_phrases(text):
        pos += len(chunk)
        bounds.add(pos)
    ends = [sum(len(line.text) for line in lines[:k + 1]) for k in range(len(lines))]
    assert set(ends) <= bounds


def test_space_is_the_preferred_break_and_a_one_em_gap_inside_a_line():
    lines = head("问需于民 问计于民 问效于民", 10)
    assert [line.text for line in lines] == ["问需于民", "问计于民 问效于民"]
    second = lines[1]
    k = second.text.index(" ")
    assert second.xs[k + 1] - second.xs[k - 1] == pytest.approx(2 * SIZE)  # 民 + the 1-em space


@pytest.mark.parametrize("text, measure", [
    pytest.param("民生实事2026年全面完成", 7, id="number-and-counter"),
    pytest.param("综合满意度达96.4%", 6, id="decimal-percent"),
    pytest.param("WiFi信号覆盖全部楼道", 5, id="latin-word"),
])
def test_headline_never_splits_a_number_or_word(text, measure):
    for phrases in (no_phrases, budoux_phrases):
        lines = head(text, measure, phrases)
        assert "".join(line.text for line in lines) == text
        for line in lines:
            assert not line.text.endswith(("2026", "9", "Wi"))


def test_kinsoku_applies_in_headlines():
    for measure in (4, 5, 6, 7):
        lines = head("“社区食堂”开张了，老人们说：好！", measure, no_phrases)
        for line in lines:
            cls = classify(line.text)
            assert len(line.text) == 1 or (cls[0] not in NO_LINE_START and cls[-1] not in NO_LINE_END)


@pytest.mark.parametrize("align", [Align.CENTER, Align.LEFT, Align.RIGHT])
def test_alignment(align):
    for line in head("梧桐路街道的民生实事项目全面完成", 10, toy_phrases, align):
        natural = visible_width(line)
        left = line.xs[0] / SIZE
        right = 10 - left - natural
        expected = {Align.CENTER: right, Align.LEFT: 0, Align.RIGHT: 10 - natural}[align]
        assert left == pytest.approx(expected, abs=EPS)


def test_forced_lines_stay_lines():
    lines = set_headline(["问需于民", "问计于民"], FAKE_STYLE, 20 * SIZE, toy_phrases)
    assert [line.text for line in lines] == ["问需于民", "问计于民"]


def test_an_unbreakable_headline_wider_than_the_measure_is_set_anyway():
    (line,) = head("Supercalifragilistic", 4, no_phrases)
    assert line.text == "Supercalifragilistic"
    assert line.xs[-1] + FAKE.advance("c") * SIZE > 4 * SIZE  # the caller sees it is too wide


# --------------------------------------------------------------------- finish (issue 12)

@pytest.mark.parametrize("text, measure", [
    ("先问“哪里最要紧” 再定“先修哪一处”", 8),  # a 3-line split would part 哪里最|要紧
    ("梧桐新村创建“垃圾分类”示范小区", 7),
    ("街道全面推进创建“垃圾分类示范街道”工作", 12),
])
def test_a_quoted_term_is_not_split_when_a_phrase_break_elsewhere_fits(text, measure):
    """创建“垃圾分类”: phrase ends inside the quotes are not offered, even to save a line."""
    lines = set_headline([text], FAKE_STYLE, measure * SIZE, budoux_phrases)
    for line in lines:
        assert line.text.count("“") == line.text.count("”"), [line.text for line in lines]


@pytest.mark.parametrize("measure", [5, 6, 7, 8, 9, 10, 11, 12])
def test_inside_quotes_only_where_the_quoted_term_is_wider_than_the_measure(measure):
    """“垃圾分类示范街道” set as a line is 9 em (its quotes trimmed at the edges): from 9 em on it stays
    whole; narrower, it has to break."""
    lines = set_headline(["创建“垃圾分类示范街道”工作"], FAKE_STYLE, measure * SIZE, budoux_phrases)
    split = any(line.text.count("“") != line.text.count("”") for line in lines)
    assert split == (measure < 9), [line.text for line in lines]
    assert all(line.width <= measure * SIZE + EPS for line in lines)


@pytest.mark.parametrize("phrases", [toy_phrases, budoux_phrases], ids=["toy", "budoux"])
def test_no_comma_at_a_headline_line_end(phrases):
    """The break is the headline's comma (newspaper practice): 倪宝根：“手艺闲着 | 心里就空落落的”;
    a quoted sentence parts at its comma, a quoted term never."""
    lines = set_headline(["倪宝根：“手艺闲着，心里就空落落的”"], FAKE_STYLE, 10 * SIZE, phrases)
    assert [line.text for line in lines] == ["倪宝根：“手艺闲着", "心里就空落落的”"]


def test_colon_and_quote_take_one_and_a_half_em(song):
    from layout.text import TextStyle

    style = TextStyle("song", song, 20)
    (line,) = set_headline(["倪宝根：“好”"], style, 20 * 20, no_phrases)
    k = line.text.index("：")
    assert (line.xs[k + 2] - line.xs[k]) / 20 == pytest.approx(1.5)  # ： ½ em blank gone, “ full


def test_a_centred_line_is_centred_on_its_ink():
    """A trailing ” keeps white right of its ink inside its trimmed box: the line moves right by half of it."""
    (line,) = head("心里就空落落的”", 12, no_phrases)
    ink = FAKE.ink[ord("”")]
    left = line.xs[0]
    right = line.xs[-1] + ink[1] * SIZE
    assert left == pytest.approx(12 * SIZE - right, abs=EPS)


def test_a_subhead_wider_than_its_column_is_condensed_not_drawn_over_the_next():
    (line,) = set_headline(["Supercalifragilistic"], FAKE_STYLE, 8 * SIZE, no_phrases, condense=True)
    assert line.width <= 8 * SIZE + EPS
