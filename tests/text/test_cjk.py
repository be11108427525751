"""Character classes and break opportunities (typesetting.md §1.1, layout/text/cjk.py)."""

from __future__ import annotations

import pytest

from layout.text.cjk import CJK_CLASSES, NO_LINE_END, NO_LINE_START, C, can_break, classify, is_han

OPEN = "“‘（〔［｛〈《「『【〖〘〚｟"
CLOSE = "”’）〕］｝〉》」』】〗〙〛｠"
PAUSE = "，、；："
STOP = "。？！．"


@pytest.mark.parametrize("chars, cls", [
    pytest.param(OPEN, C.OPEN, id="opening-brackets-and-quotes"),
    pytest.param(CLOSE, C.CLOSE, id="closing-brackets-and-quotes"),
    pytest.param(PAUSE, C.PAUSE, id="pause-marks"),
    pytest.param(STOP, C.STOP, id="stop-marks"),
    pytest.param("·・‧", C.MIDDOT, id="interpuncts"),
    pytest.param("–～〜", C.CONNECT, id="connectors"),
    pytest.param("/／", C.SOLIDUS, id="solidus"),
    pytest.param("…⋯⸺", C.LONG, id="ellipsis-and-two-em-dash"),
    pytest.param("0123456789", C.DIGIT, id="european-digits"),
    pytest.param("￥¥$№#+", C.PRE, id="numeric-prefixes"),
    pytest.param("%％‰℃°", C.POST, id="numeric-postfixes"),
    pytest.param("AZaz", C.LATIN, id="latin-letters"),
    pytest.param("éüßПриветαβ", C.LATIN, id="accented-greek-cyrillic-letters"),
    pytest.param("中国〇𠀀", C.HAN, id="ideographs-ext-b-and-ling"),
    pytest.param("１ａＡ①★", C.HAN, id="fullwidth-alnum-and-symbols-are-han-like"),
    pytest.param("々〻", C.ITER, id="iteration-marks"),
    pytest.param(",.;:?!)]}", C.LATIN_PUNCT, id="ascii-closing-punctuation"),
    pytest.param("([{", C.LATIN_OPEN, id="ascii-opening-brackets"),
    pytest.param(" \u00a0", C.SPACE, id="spaces"),
])
def test_every_character_has_its_class(chars, cls):
    # each character alone, so no context rule applies
    assert [classify(ch)[0] for ch in chars] == [cls] * len(chars)


@pytest.mark.parametrize("text, expected", [
    pytest.param("——", [C.LONG, C.LONG], id="doubled-em-dash-is-a-pozhehao"),
    pytest.param("北京—上海", [C.HAN, C.HAN, C.CONNECT, C.HAN, C.HAN], id="single-em-dash-is-a-connector"),
    pytest.param("Children’s", [C.LATIN] * 10, id="apostrophe-inside-a-latin-word"),
    pytest.param("他’s", [C.HAN, C.CLOSE, C.LATIN], id="right-quote-after-han-is-a-closing-mark"),
    pytest.param("“A”", [C.OPEN, C.LATIN, C.CLOSE], id="curly-quotes-around-latin-are-cjk-brackets"),
])
def test_context_rules(text, expected):
    assert classify(text) == expected


def test_prohibition_sets_follow_gb_style():
    """GB-style (clreq): closing, pause, stop, interpunct, connector, solidus, iteration never start
    a line; opening marks and the solidus never end one."""
    assert {C.CLOSE, C.PAUSE, C.STOP, C.MIDDOT, C.CONNECT, C.SOLIDUS, C.ITER, C.LATIN_PUNCT} <= NO_LINE_START
    assert {C.OPEN, C.SOLIDUS, C.LATIN_OPEN} <= NO_LINE_END
    assert C.HAN not in NO_LINE_START | NO_LINE_END
    assert C.OPEN not in NO_LINE_START and C.CLOSE not in NO_LINE_END


def breaks(text: str) -> str:
    """The text with | at every allowed break between two characters."""
    classes = classify(text)
    out = [text[0]]
    for i in range(len(text) - 1):
        out.append(("|" if can_break(text, classes, i) else "") + text[i + 1])
    return "".join(out)


@pytest.mark.parametrize("text, expected", [
    pytest.param("中文中文", "中|文|中|文", id="between-ideographs"),
    pytest.param("好，好。好", "好，|好。|好", id="never-before-pause-or-stop"),
    pytest.param("说“好”吧", "说|“好”|吧", id="never-after-open-nor-before-close"),
    pytest.param("甲——乙……丙", "甲|——|乙|……|丙", id="never-inside-long-marks"),
    pytest.param("约3.14米", "约|3.14|米", id="decimal-number"),
    pytest.param("共1,200人", "共|1,200|人", id="thousands-separator"),
    pytest.param("10:30开", "10:30|开", id="time"),
    pytest.param("涨25%了", "涨|25%|了", id="number-and-percent"),
    pytest.param("达30℃了", "达|30℃|了", id="number-and-degrees"),
    pytest.param("花¥50元", "花|¥50|元", id="currency-prefix"),
    pytest.param("用WiFi上", "用|WiFi|上", id="latin-word"),
    pytest.param("跑5km了", "跑|5km|了", id="number-and-unit"),
    pytest.param("a b", "a |b", id="after-a-word-space-not-before"),
    pytest.param("甲／乙", "甲／乙", id="solidus-glues-both-sides"),
    pytest.param("北京—上海", "北|京—|上|海", id="connector-never-starts-a-line"),
    pytest.param("人人々", "人|人々", id="iteration-mark-never-starts-a-line"),
    pytest.param("好·看", "好·|看", id="interpunct-never-starts-a-line"),
])
def test_break_opportunities(text, expected):
    assert breaks(text) == expected


def test_is_han_covers_the_extension_blocks():
    assert all(is_han(ch) for ch in "中\u3400\U00020000\U00030000\uf900〇")
    assert not any(is_han(ch) for ch in "A1，“々")


def test_cjk_classes_are_the_one_em_box_classes():
    assert C.HAN in CJK_CLASSES and C.OPEN in CJK_CLASSES and C.LATIN not in CJK_CLASSES
