"""Issue 15: officials' names, titles, fixed formulations, quotes and brackets — on what prints, with file and line."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from issuekit import page_yaml, write_issue
from layout.build import compose
from layout.cli import main
from layout.editorial.lists import Lists, Name, Phrase, load_lists, read_names, read_phrases
from layout.editorial.names import NEAR_NAME, NEAR_PHRASE, WRONG_TITLE, find_hits
from layout.editorial.printed import printed_pieces
from layout.editorial.quotes import MISDIRECTED, OPEN, STRAY, CROSSED, check_pieces
from layout.errors import InputError
from layout.model.articlefile import parse_article

REPO = Path(__file__).resolve().parent.parent
LIST = Path("names.txt")


def article(tmp_path: Path, text: str, name: str = "a.txt"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return parse_article(path.read_text(encoding="utf-8"), path)


def lists(*names: str, phrases: tuple[str, ...] = ()) -> Lists:
    entries = []
    for k, line in enumerate(names, start=1):
        name, _, title = line.partition(" ")
        entries.append(Name(name, title, LIST, k))
    return Lists(tuple(entries), tuple(Phrase(p, Path("phrases.txt"), k) for k, p in enumerate(phrases, start=1)))


LEADERS = lists("沈立群 街道党工委书记", "顾文涛 街道党工委副书记、办事处主任", "许晴 街道办事处副主任",
                "程海燕 街道纪工委书记", "章涛 梧桐路派出所社区民警",
                phrases=("社区事务受理服务中心", "梧桐路街道党工委", "不忘初心、牢记使命", "社区文化活动中心"))


def hits(tmp_path: Path, text: str, the_lists: Lists = LEADERS):
    return find_hits(printed_pieces(article(tmp_path, text)), the_lists)


# --------------------------------------------------------------------------
# What prints, and where it comes from


def test_printed_pieces_name_the_source_line_of_every_piece_and_leave_out_notes(tmp_path):
    a = article(tmp_path, """
        【引题】问需于民 问计于民
        【主题】
        十件实事
        全部"交卷"
        【署名】记者 周晓岚
        【导语】
        岁末寒冬，实事落地。

        正文第一段。
        【图】img.jpg｜宽=2栏
        【图说】
        枫林苑新加装的电梯
        投入使用
        【摄影】陆天宇
        【链接】加装电梯怎么申请
        ■ 第一步 意见征询
        本楼业主充分协商。
        【稿源】街道自治办
        【备注】人名已核对，不印
        """)
    pieces = {(p.kind, p.text): p for p in printed_pieces(a)}
    assert pieces[("引题", "问需于民 问计于民")].line == 1
    assert pieces[("主题", "十件实事")].line == 3 and pieces[("主题", "全部“交卷”")].line == 4
    assert pieces[("署名", "记者 周晓岚")].line == 5
    assert pieces[("导语", "岁末寒冬，实事落地。")].line == 7
    caption = pieces[("图说", "枫林苑新加装的电梯投入使用")]
    assert caption.line == 12 and caption.line_at(0) == 12 and caption.line_at(len("枫林苑新加装的电梯")) == 13
    assert pieces[("摄影", "陆天宇")].line == 14
    assert pieces[("链接", "本楼业主充分协商。")].line == 17
    assert pieces[("稿源", "街道自治办")].line == 18
    assert not any("不印" in p.text for p in pieces.values())  # 【备注】 never prints, never checked


# --------------------------------------------------------------------------
# Names, titles, fixed formulations


def test_a_name_one_character_off_is_reported_with_both_forms_and_its_line(tmp_path):
    found = hits(tmp_path, """
        【主题】实事项目全部完成
        街道党工委书记沈利群给记者算了一笔账。
        顾文涛说，今年的项目小而具体。
        """)
    assert [(h.kind, h.found, h.expected, h.piece.line) for h in found] == [(NEAR_NAME, "沈利群", "沈立群", 2)]


def test_names_in_headlines_bylines_and_captions_are_checked_too(tmp_path):
    found = hits(tmp_path, """
        【主题】沈立君：把实事办到居民心坎上
        【署名】记者 顾文滔
        正文。
        【图】a.jpg
        【图说】程海艳（左）在现场
        """)
    assert [(h.found, h.expected) for h in found] == [("沈立君", "沈立群"), ("顾文滔", "顾文涛"), ("程海艳", "程海燕")]


def test_ordinary_words_one_character_off_a_name_are_not_names(tmp_path):
    # 许多 is one character from 许晴, 示范国 from 范国良, 章程 from 章涛: none stands where a name stands
    the_lists = lists("许晴 街道办事处副主任", "范国良 街道人大工委主任", "章涛 社区民警", "陆佩华 街道党工委副书记")
    assert hits(tmp_path, """
        许多老人提出“想在家门口吃饭”，社区章程写明了议事规则。
        街道建成全国示范国良好社区的目标还要努力；大陆佩华侨的故事也很动人。
        """, the_lists) == []


def test_a_two_character_name_needs_a_title_beside_it(tmp_path):
    the_lists = lists("许晴 街道办事处副主任")
    found = hits(tmp_path, "办事处副主任许睛陪同视察，许情说的话大家都记住了。\n", the_lists)
    assert [(h.found, h.expected) for h in found] == [("许睛", "许晴")]


def test_a_listed_name_with_another_title_is_reported(tmp_path):
    found = hits(tmp_path, """
        街道党工委副书记沈立群出席。
        街道党工委书记、办事处主任顾文涛讲话。
        社区自治办主任许晴介绍情况，许晴主任还说。
        街道党工委书记程海燕参加。
        """)
    titles = [(h.found, h.expected, h.piece.line) for h in found if h.kind == WRONG_TITLE]
    assert titles == [
        ("街道党工委副书记沈立群", "街道党工委书记沈立群", 1),  # 副 added
        ("街道党工委书记顾文涛", "街道党工委副书记、办事处主任顾文涛", 2),  # 副 dropped
        ("社区自治办主任许晴", "街道办事处副主任许晴", 3),  # another body, and 副 dropped
        ("许晴主任", "许晴街道办事处副主任", 3),
        ("街道党工委书记程海燕", "街道纪工委书记程海燕", 4),  # a near miss of the body: 党 for 纪
    ]


def test_shortened_titles_and_other_words_before_a_title_are_fine(tmp_path):
    assert hits(tmp_path, """
        记者日前从街道党工委书记沈立群处获悉，党工委书记沈立群、办事处主任顾文涛出席。
        分管民生服务的办事处副主任许晴表示，纪工委书记程海燕和梧桐路派出所民警章涛也到了现场。
        沈立群代表街道党工委作对照检查。
        """) == []


def test_fixed_formulations_changed_inside_are_reported_but_not_at_their_edges(tmp_path):
    found = hits(tmp_path, """
        居民可到社区事物受理服务中心办理，梧桐路街道党委工委组织学习“不忘初心、牢记史命”。
        在社区文化活动中，大家唱起了歌；社区文化活动中有一面照片墙。
        """)
    assert [(h.kind, h.found, h.expected) for h in found] == [
        (NEAR_PHRASE, "社区事物受理服务中心", "社区事务受理服务中心"),
        (NEAR_PHRASE, "梧桐路街道党委工委", "梧桐路街道党工委"),
        (NEAR_PHRASE, "不忘初心、牢记史命", "不忘初心、牢记使命"),
    ]


def test_listing_a_name_or_phrase_stops_the_warning(tmp_path):
    text = "居民沈利群说，社区文化活动站今年新开。\n"
    before = hits(tmp_path, text, lists("沈立群 街道党工委书记", phrases=("社区文化活动中心",)))
    assert [h.found for h in before] == ["沈利群"]
    after = hits(tmp_path, text, lists("沈立群 街道党工委书记", "沈利群", phrases=("社区文化活动中心",)))
    assert after == []


def test_lists_are_read_from_paper_and_issue_and_the_issue_wins(tmp_path):
    folder = write_issue(tmp_path, [page_yaml(1, ["{id: 1A, grid: {col: 1, span: 5, row: 13, rows: 30}, article: articles/a.txt}"],
                                              "front", "要闻")], {"a.txt": "【主题】标题\n正文。\n"})
    (folder / "lists").mkdir()
    (folder / "lists" / "names.txt").write_text("# 本期\n沈立群 区政协委员\n潘晓东 区文旅局副局长\n", encoding="utf-8")
    from layout.model.issue import load_issue

    loaded = load_lists(load_issue(folder))
    by_name = {n.name: n for n in loaded.names}
    assert by_name["沈立群"].title == "区政协委员" and by_name["沈立群"].line == 2
    assert by_name["顾文涛"].titles == ("街道党工委副书记", "办事处主任")  # from templates/wutong/lists
    assert "潘晓东" in by_name and any(p.text == "社区事务受理服务中心" for p in loaded.phrases)


def test_a_bad_list_line_is_an_input_error_naming_file_and_line(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("沈立群 街道党工委书记\n街道党工委书记沈立群同志\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_names(path)
    assert exc.value.line == 2 and "人名" in exc.value.message
    path.write_text("居委会\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_phrases(path)
    assert exc.value.line == 1


# --------------------------------------------------------------------------
# Quotes and brackets


def problems(tmp_path: Path, text: str):
    return [(p.kind, p.mark, p.piece.line) for p in check_pieces(printed_pieces(article(tmp_path, text)))]


def test_an_open_quote_and_a_misdirected_quote_are_each_reported_with_their_line(tmp_path):
    assert problems(tmp_path, """
        【主题】学习有收获
        居民说：“项目是居民投出来的，做得好不好，也要由居民来评。
        大家在”学习强国”上答题。
        参加“读书会“的居民越来越多。
        """) == [(OPEN, "“", 2), (MISDIRECTED, "”", 3), (MISDIRECTED, "“", 4)]


def test_brackets_and_book_titles_must_pair_and_not_cross(tmp_path):
    assert problems(tmp_path, """
        会议学习了《社区工作手册，并提出意见。
        （详见第3版）说明。这里多了一个）括号。
        他说“这本书（很好”）。
        """) == [(OPEN, "《", 1), (STRAY, "）", 2), (CROSSED, "（", 3)]


def test_correct_copy_is_quiet(tmp_path):
    assert problems(tmp_path, """
        【主题】“红色楼组”连起千家万户
        他说：“队长说‘入党的时候举过手’，这话我记着。”
        1）带好身份证；2）带好户口本。
        从西安（Xi’an）来的志愿者说：“Don’t worry。”
        “第一段引文没有后引号，
        “第二段接着说，到这里才结束。”
        【图】a.jpg
        【图说】“银发先锋队”在值守
        """) == []


def test_straight_quotes_are_checked_as_they_print_and_the_message_says_so(tmp_path):
    folder = write_issue(tmp_path, [page_yaml(1, ["{id: 1A, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/a.txt}"],
                                              "front", "要闻")],
                         {"a.txt": '【主题】居民说变化\n【署名】记者 周晓岚\n他说:"这下方便了.\n【稿源】街道服务办\n'})
    _issue, _articles, _fonts, _layout, findings = compose(folder)
    (quote,) = [f for f in findings if f.check == "editorial.quotes"]
    assert quote.severity == "warning" and quote.page == 1 and quote.where == "1A articles/a.txt:3"
    assert "“" in quote.message and "直引号" in quote.message


# --------------------------------------------------------------------------
# In the report and in `layout check`; none on the samples


@pytest.mark.slow
@pytest.mark.parametrize("sample", ["2026-11", "2026-12"])
def test_no_editorial_warnings_on_the_unmodified_samples(sample):
    _issue, _articles, _fonts, _layout, findings = compose(REPO / "issues" / sample)
    editorial = [f for f in findings if f.check.startswith("editorial.")]
    assert [f for f in editorial if f.severity != "info"] == []  # false positives: 0
    assert {f.check for f in editorial} == {"editorial.names", "editorial.quotes"}  # the checks ran


@pytest.mark.slow
def test_layout_check_and_the_report_name_file_line_page_slot_and_both_forms(tmp_path, capsys):
    folder = tmp_path / "2026-12"
    shutil.copytree(REPO / "issues" / "2026-12", folder)
    path = folder / "articles" / "06-renda-shicha.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace("街道人大工委主任范国良", "街道人大工委主任范国梁").replace("来到枫林苑12号，", "来到”枫林苑”12号，")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "范国梁" in t)
    assert main(["check", str(folder), "--no-ink", "--pdf", str(tmp_path / "none.pdf")]) == 1  # (no print PDF: an error)
    out = capsys.readouterr().out
    assert f"2B articles/06-renda-shicha.txt:{line}" in out and "“范国梁”" in out and "“范国良”" in out
    assert "引号方向错" in out and "“””应为“““" not in out
    assert main(["build", str(folder), "--output", str(tmp_path / "out")]) == 0
    report = (tmp_path / "out" / "2026-12" / "report.txt").read_text(encoding="utf-8")
    assert f"! 第2版 2B articles/06-renda-shicha.txt:{line} 人名疑误：“范国梁”与人名表的“范国良”只差一个字" in report
    assert "引号方向错：" in report
