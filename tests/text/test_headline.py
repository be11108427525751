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
