"""Line finish (issue 12) and nothing drawn outside the column (reliability issue).

Built with the committed body face (Noto Serif SC) at 9 pt in the tabloid galley's
measure (13.48 em) unless a test says otherwise: what a reader of the galley sees.
"""

from __future__ import annotations

import pytest

from layout.text import Settings, Span, TextStyle, set_paragraph
from layout.text.cjk import C, classify

from .textkit import EPS, FAKE_STYLE, SIZE, compose, ink_edges, texts, with_

TABLOID = 13.48
SQUEEZABLE = "，、；："


def set_song(song, text: str, measure_em: float = TABLOID, settings: Settings = Settings(), size: float = 9.0):
    return set_paragraph((Span(text, TextStyle("song", song, size)),), measure_em * size, settings)


def mid_line_marks(line, size: float):
    """Advance (origin to next origin, em) of each ，、；： inside a line, as cjkmetrics §9 reads them."""
    out = []
    for k in range(1, len(line.text) - 1):
        if line.text[k] in SQUEEZABLE and line.text[k - 1] not in "，。、；：？！“”‘’（）《》" \
                and line.text[k + 1] not in "，。、；：？！“”‘’（）《》":
            out.append((line.xs[k + 1] - line.xs[k]) / size)
    return out


RUNNING = ("会上，街道党工委副书记就全力做好各项迎检工作提出了两个要求：一要统一思想认识，提高政治站位，"
           "确保公共空间安全、整洁、有序；二要压实责任、加强统筹、强化监督，形成条块结合、齐抓共管的良好工作格局。"
           "同时，他提出要正确看待测评工作，测评本身不是目的，目的是要通过测评提高辖区整体文明程度。")


def test_mid_line_marks_stay_full_width_in_running_text(song):
    """全角: in running text the breaker finds lines that need no mark squeezed under ¾ em."""
    for measure in (TABLOID, 14, 15, 13):
        lines = set_song(song, RUNNING * 2, measure)
        marks = [w for line in lines[:-1] for w in mid_line_marks(line, 9.0)]
        assert marks and min(marks) >= 0.75, measure  # a light squeeze at most (jlreq: ½ → ¼ em blank)
        assert sum(w < 0.99 for w in marks) <= len(marks) // 4  # and most keep their full em


def test_a_squeezed_line_squeezes_every_mark_alike(song):
    """Where squeezing is the only way, the marks of the line share it: never one at ½ em beside one at 1 em."""
    for measure in (TABLOID, 11.5, 9.3):
        for line in set_song(song, RUNNING, measure)[:-1]:
            marks = mid_line_marks(line, 9.0)
            if len(marks) > 1:
                assert max(marks) - min(marks) < 0.02, line.text


def test_spread_never_passes_the_hard_limit_in_running_text(song):
    lines = set_song(song, RUNNING * 3)
    assert max(line.gap_em for line in lines) <= Settings().max_gap_em + 1e-9


NUMBERS = ("今年1月至11月，街道共受理12345热线工单4,215件，按时办结率100%，居民满意率96.8%，比去年同期提高"
           "2.1个百分点。截至12月10日，街道累计发放消费券3.5万张，带动社区商户销售额约1,280万元，1600余份问卷"
           "回收有效问卷2,186份，评估组共走访居民3,000余户，2026年全年新增智能充电端口1,200个、充电棚18处。")


def number_splits(song, text: str, measure: float, settings: Settings = Settings()) -> list[tuple[str, str, float]]:
    """Each number parted from the ideograph after it: (line, next line, the spread per gap the line
    would need, in em, if it ended before the number instead)."""
    from layout.text import linebreak, lineprice
    from layout.text.items import collect

    style = TextStyle("song", song, 9.0)
    lines = set_paragraph((Span(text, style),), measure * 9.0, settings)
    items, p = linebreak._breakable(collect((Span(text, style),), settings), measure * 9.0, settings)
    out = []
    for k, (a, b) in enumerate(zip(lines, lines[1:])):
        if a.text[-1].isdigit() and classify(b.text[0])[0] == C.HAN:
            start = a.end - 1
            while start > a.start and items.cls[start - 1] in (C.DIGIT, C.LATIN_PUNCT, C.PRE):
                start -= 1
            width, _net, _sq, _deep, _stops, stretch, gaps, _micro = lineprice.measure_line(items, p, a.start, start - 1, 0.0)
            room = measure * 9.0 - (settings.indent_em * 9.0 if k == 0 else 0.0)
            out.append((a.text, b.text, (room - width - stretch) / gaps / 9.0))
    return out


@pytest.mark.parametrize("measure", [TABLOID, 14, 15, 16.48, 17])
def test_a_number_is_parted_from_its_counter_only_when_the_line_would_pass_the_hard_limit(song, measure):
    for line, after, spread in number_splits(song, NUMBERS, measure):
        assert spread > Settings().max_gap_em, (line, after, spread)


def test_a_number_parts_from_its_counter_only_when_every_other_break_is_too_loose(song):
    """The first line after the 2-em indent holds ten ideographs or ten plus the number: 长者…为 | 15元
    would spread 0.164 em per gap, past the 0.15-em limit, so 15 | 元 is the lesser evil; with a
    looser limit the number goes down with its counter."""
    text = "长者食堂的套餐价格为15元，80岁以上老人刷卡后只需支付12元。"
    assert texts(set_song(song, text))[0] == "长者食堂的套餐价格为15"
    assert texts(set_song(song, text, settings=with_(Settings(), max_gap_em=0.2)))[0] == "长者食堂的套餐价格为"


# --------------------------------------------------------------------- nothing outside the column


def assert_inside(lines, measure_pt: float, style: TextStyle) -> None:
    for line in lines:
        scales = line.scales or (1.0,) * len(line.text)
        for i, (x, ch) in enumerate(zip(line.xs, line.text)):
            if ch == " ":
                continue
            left, right = ink_edges(style, ch)
            assert x + left * scales[i] >= -EPS and x + right * scales[i] <= measure_pt + EPS, (line.text, ch)
        assert line.width <= measure_pt + EPS


URL = "https://www.example.gov.cn/" + "/".join(f"section{k}/page{k}.html?id={k}&lang=zh" for k in range(8))


@pytest.mark.parametrize("unit", [
    pytest.param(URL, id="200-character-url"),
    pytest.param("Pneumonoultramicroscopicsilicovolcanoconiosis" * 4, id="long-latin-word"),
    pytest.param("1234567890" * 20, id="long-digit-run"),
    pytest.param("——" * 30, id="sixty-dashes"),
    pytest.param("“" * 60, id="sixty-opening-quotes"),
    pytest.param("……" * 20, id="forty-ellipses"),
])
@pytest.mark.parametrize("font", ["fake", "song"])
def test_an_unbreakable_run_wider_than_the_measure_stays_in_its_column(unit, font, song):
    style = FAKE_STYLE if font == "fake" else TextStyle("song", song, SIZE)
    text = "请访问" + unit + "了解详情。"
    for measure in (6, 13.48):
        lines = set_paragraph((Span(text, style),), measure * SIZE, Settings())
        assert_inside(lines, measure * SIZE, style)
        assert "".join(line.text for line in lines) == text  # nothing dropped (no space in these)


def test_a_url_breaks_at_its_slashes_and_dots():
    lines = compose("请访问" + URL + "了解详情。", 13.48, Settings())
    inner = [line for line in lines if "example" in line.text or "section" in line.text][:-1]
    assert inner
    assert all(line.text[-1] in "/.-?&=_" or line.text[-1].isdigit() for line in inner), texts(lines)


def test_dashes_break_between_pairs_never_inside_one():
    lines = compose("他说" + "——" * 30 + "完了。", 9, Settings())
    for line in lines:
        run = len(line.text) - len(line.text.lstrip("—"))
        assert run % 2 == 0 or line is lines[0], texts(lines)


def test_a_word_a_little_too_wide_is_condensed_not_split():
    """No reader breaks a Latin word: one up to a quarter wider than the column is condensed to it."""
    word = "Internationalization"  # 20 letters = 10 em in the fake font
    lines = compose("关于" + word + "的说明", 9, Settings())
    assert word in texts(lines)
    (line,) = [line for line in lines if line.text == word]
    assert line.width == pytest.approx(9 * SIZE)
    assert line.scales == pytest.approx([0.9] * len(word))


def test_a_single_glyph_wider_than_the_measure_is_condensed():
    lines = compose("社区", 0.5, Settings(indent_em=0))
    assert texts(lines) == ["社", "区"]
    assert all(line.width == pytest.approx(0.5 * SIZE) for line in lines)


# --------------------------------------------------------------------- the paper profile


def test_the_paper_profile_sets_the_spacing_and_the_order():
    from layout.model.profile import load_profile
    from layout.pages.pieces import body_settings

    profile = load_profile("wutong")
    settings = body_settings(profile)
    assert settings.autospace_em == 0.0 and not settings.squeeze_first and settings.char_grid


@pytest.mark.parametrize("key, value", [("latin_spacing_em", "0.3"), ("justification", "squeeze")])
def test_the_paper_profile_refuses_other_values(tmp_path, monkeypatch, key, value):
    import shutil

    from layout.errors import InputError
    from layout.model import profile as model

    shutil.copytree(model.TEMPLATES_DIR / "wutong", tmp_path / "wutong")
    path = tmp_path / "wutong" / "paper.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(raw for raw in text.splitlines() if raw.strip().startswith(key + ":"))
    path.write_text(text.replace(line, f"  {key}: {value}"), encoding="utf-8")
    monkeypatch.setattr(model, "TEMPLATES_DIR", tmp_path)
    with pytest.raises(InputError, match=key):
        model.load_profile("wutong")
