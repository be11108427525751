"""Normalisation on import (typesetting.md §1.8): what changes, what is left alone, and the record."""

from __future__ import annotations

import pytest

from layout.text.normalize import RULE_NAMES, normalize


@pytest.mark.parametrize("text, expected, rules", [
    pytest.param("你好,世界", "你好，世界", ["ascii-punct"], id="comma-between-han"),
    pytest.param("他说:好的", "他说：好的", ["ascii-punct"], id="colon-between-han"),
    pytest.param("真的?对!", "真的？对！", ["ascii-punct"] * 2, id="question-and-exclamation"),
    pytest.param("好;行", "好；行", ["ascii-punct"], id="semicolon"),
    pytest.param("你好.我是", "你好。我是", ["ascii-punct"], id="full-stop-between-han"),
    pytest.param("好(吗)", "好（吗）", ["ascii-punct"] * 2, id="parentheses"),
    pytest.param("他说(English)", "他说（English）", ["ascii-punct"] * 2, id="parentheses-change-as-a-pair"),
    pytest.param("(注:无)", "（注：无）", ["ascii-punct"] * 3, id="parentheses-at-the-text-edges"),
    pytest.param("等等...然后", "等等……然后", ["ellipsis"], id="three-dots"),
    pytest.param("等等......然后", "等等……然后", ["ellipsis"], id="six-dots"),
    pytest.param("等等。。。然后", "等等……然后", ["ellipsis"], id="three-full-stops"),
    pytest.param("等等…然后", "等等……然后", ["ellipsis"], id="single-ellipsis-doubled"),
    pytest.param("他--我", "他——我", ["dash"], id="double-hyphen"),
    pytest.param("他---我", "他——我", ["dash"], id="triple-hyphen"),
    pytest.param('他说"好"', "他说“好”", ["quote"] * 2, id="straight-double-quotes"),
    pytest.param("他说'好'", "他说‘好’", ["quote"] * 2, id="straight-single-quotes"),
    pytest.param('他说:"好."', "他说：“好。”", ["ascii-punct", "quote", "ascii-punct", "quote"], id="quoted-sentence"),
    pytest.param("中 文", "中文", ["space-han"], id="space-between-han"),
    pytest.param("中文\u3000中文", "中文中文", ["space-han"], id="ideographic-space-between-han"),
    pytest.param("中文 WiFi 中文", "中文WiFi中文", ["space-han-latin"] * 2, id="spaces-around-latin-left-to-autospace"),
    pytest.param("共 1,200 人", "共1,200人", ["space-han-latin"] * 2, id="spaces-around-a-number"),
    pytest.param("１２３号", "123号", ["fullwidth-alnum"] * 3, id="fullwidth-digits"),
    pytest.param("a  b", "a b", ["space-run"], id="space-run-in-latin"),
])
def test_normalisation_fixes_and_records(text, expected, rules):
    out, changes = normalize(text)
    assert out == expected
    assert [c.rule for c in changes] == rules
    for change in changes:
        assert text[change.index:change.index + len(change.before)] == change.before
        assert change.rule in RULE_NAMES and change.describe()


@pytest.mark.parametrize("text", [
    pytest.param("10:30开始", id="time"),
    pytest.param("共1,200人", id="thousands"),
    pytest.param("约3.14米", id="decimal"),
    pytest.param("见http://wutong.example.cn/a?b=1,2,3吧", id="url"),
    pytest.param("见www.wutong.gov.cn.", id="www-url-at-the-end"),
    pytest.param("发邮件到news@wutong.example.cn吧", id="email"),
    pytest.param("Hello, world. OK?", id="english-sentence"),
    pytest.param("It's fine", id="apostrophe"),
    pytest.param("Mr. Wang", id="abbreviation"),
    pytest.param("(English)", id="latin-in-parentheses"),
    pytest.param("OK?", id="question-mark-at-the-end"),
    pytest.param("中文……中文——中文“中文”", id="already-clean"),
    pytest.param("⋯⋯", id="midline-ellipsis-pair"),
])
def test_normalisation_leaves_alone(text):
    assert normalize(text) == (text, [])


def test_leading_and_trailing_blanks_are_not_content():
    assert normalize(" 前后 ")[0] == "前后"


def test_headline_keeps_the_space_between_phrases():
    assert normalize("问需于民 问计于民", headline=True) == ("问需于民 问计于民", [])


def test_change_describes_itself_in_chinese_with_context():
    _out, (change,) = normalize("街道召开会议,布置工作")
    assert change.context == "街道召开会议,布置工作"[0:13]
    assert "全角" in change.describe()


@pytest.mark.parametrize("text", ["OK?", "(a)", "!", "好?", ":", ".", "(", ")"])
def test_issue_4_punctuation_at_the_text_edges_does_not_crash(text):
    """Regression: a paragraph starting or ending with ASCII punctuation raised TypeError (ord(''))."""
    out, _changes = normalize(text)
    assert len(out) == len(text)
