"""Bad input gets a clear message naming the file, the line or key, and what to do (issue 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from issuekit import NEWS, SHORT, page_yaml, write_issue
from layout.build import compose, load_articles
from layout.cli import main
from layout.errors import InputError, InputErrors, LayoutError
from layout.model.articlefile import parse_article
from layout.model.issue import load_issue
from layout.newissue import same_weekday_next_month

GOOD_SLOTS = [
    "{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 40}, article: articles/a.txt}",
    "{id: 2B, grid: {col: 4, span: 2, row: 1, rows: 40}, article: articles/b.txt}",
]


def issue_with(tmp_path: Path, slots=GOOD_SLOTS, articles=None, **kw) -> Path:
    articles = articles if articles is not None else {"a.txt": NEWS, "b.txt": SHORT}
    return write_issue(tmp_path, [page_yaml(1, slots)], articles, **kw)


def error_of(call) -> InputError:
    with pytest.raises(LayoutError) as info:
        call()
    exc = info.value
    return exc.errors[0] if isinstance(exc, InputErrors) else exc


def test_good_issue_loads(tmp_path):
    issue = load_issue(issue_with(tmp_path))
    assert issue.number == 7 and issue.date == dt.date(2026, 12, 16)
    assert [s.id for s in issue.pages[0].slots] == ["2A", "2B"]


def test_broken_yaml_names_the_line(tmp_path):
    folder = issue_with(tmp_path)
    text = (folder / "issue.yaml").read_text(encoding="utf-8").replace("number: 7", "number: [7")
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    err = error_of(lambda: load_issue(folder))
    assert err.line is not None and err.line in (2, 3)
    assert "YAML" in err.message and str(err).startswith(str(folder / "issue.yaml"))


def test_unknown_key_suggests_the_right_one(tmp_path):
    folder = issue_with(tmp_path)
    text = (folder / "issue.yaml").read_text(encoding="utf-8").replace("    editor: 王敏", "    edtor: 王敏")
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    err = error_of(lambda: load_issue(folder))
    assert err.key == "pages[0].edtor" and "editor" in err.hint
    assert err.line == text.splitlines().index("    edtor: 王敏") + 1


def test_wrong_type_names_the_key(tmp_path):
    folder = issue_with(tmp_path)
    text = (folder / "issue.yaml").read_text(encoding="utf-8").replace("number: 7", "number: 第七期")
    (folder / "issue.yaml").write_text(text, encoding="utf-8")
    err = error_of(lambda: load_issue(folder))
    assert err.key == "number" and "整数" in err.message


def test_fullwidth_colon_is_accepted_and_fullwidth_indent_is_not(tmp_path):
    folder = issue_with(tmp_path)
    path = folder / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 7", "number：7"), encoding="utf-8")
    assert load_issue(folder).number == 7
    path.write_text(path.read_text(encoding="utf-8").replace("    name: 社区", "\u3000   name: 社区"), encoding="utf-8")
    err = error_of(lambda: load_issue(folder))
    assert "全角空格" in err.message and err.line is not None


def test_missing_article_file(tmp_path):
    slots = GOOD_SLOTS[:1] + ["{id: 2B, grid: {col: 4, span: 2, row: 1, rows: 40}, article: articles/nothere.txt}"]
    err = error_of(lambda: load_issue(issue_with(tmp_path, slots)))
    assert err.key == "pages[0].slots[1].article" and "nothere.txt" in err.message


def test_slot_off_the_grid(tmp_path):
    slots = ["{id: 2A, grid: {col: 4, span: 3, row: 1, rows: 40}, article: articles/a.txt}"]
    err = error_of(lambda: load_issue(issue_with(tmp_path, slots)))
    assert "超出版心" in err.message and err.key == "pages[0].slots[0].grid"


def test_slot_below_the_last_row(tmp_path):
    slots = ["{id: 2A, grid: {col: 1, span: 3, row: 80, rows: 10}, article: articles/a.txt}"]
    err = error_of(lambda: load_issue(issue_with(tmp_path, slots)))
    assert "85行" in err.message


def test_overlapping_slots(tmp_path):
    slots = GOOD_SLOTS[:1] + ["{id: 2B, grid: {col: 3, span: 2, row: 30, rows: 20}, article: articles/b.txt}"]
    err = error_of(lambda: load_issue(issue_with(tmp_path, slots)))
    assert "2B" in err.message and "2A" in err.message and "重叠" in err.message


def test_front_page_slot_over_the_masthead(tmp_path):
    folder = write_issue(tmp_path, [page_yaml(1, ["{id: 1A, grid: {col: 1, span: 5, row: 5, rows: 20}, article: articles/a.txt}"], "front")],
                         {"a.txt": NEWS})
    err = error_of(lambda: load_issue(folder))
    assert "报头" in err.message


def test_page_count_mismatch(tmp_path):
    folder = issue_with(tmp_path)
    path = folder / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pages_count: 1", "pages_count: 4"), encoding="utf-8")
    err = error_of(lambda: load_issue(folder))
    assert err.key == "pages_count" and "4版" in err.message


def test_jump_to_a_missing_slot(tmp_path):
    slots = ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 40}, article: articles/a.txt, jump: {page: 3, slot: 3C}}"]
    err = error_of(lambda: load_issue(issue_with(tmp_path, slots)))
    assert "3C" in err.message and err.key.endswith("jump")


def test_gbk_article(tmp_path):
    folder = issue_with(tmp_path, articles={"a.txt": NEWS, "b.txt": SHORT})
    (folder / "articles" / "b.txt").write_bytes(SHORT.encode("gbk"))
    err = error_of(lambda: load_articles(load_issue(folder)))
    assert "GBK" in err.message and "UTF-8" in err.hint and err.path.name == "b.txt"


def test_missing_image_names_the_article_line(tmp_path):
    article = NEWS.replace("【稿源】", "【图】images/none.jpg｜宽=2栏\n【图说】施工现场\n【稿源】")
    folder = issue_with(tmp_path, articles={"a.txt": article, "b.txt": SHORT})
    err = error_of(lambda: load_articles(load_issue(folder)))
    assert err.path.name == "a.txt" and err.line == article.splitlines().index("【图】images/none.jpg｜宽=2栏") + 1
    assert "找不到图片" in err.message


def test_unreadable_image(tmp_path):
    article = NEWS.replace("【稿源】", "【图】images/bad.jpg｜宽=2栏\n【稿源】")
    folder = issue_with(tmp_path, articles={"a.txt": article, "b.txt": SHORT})
    (folder / "images" / "bad.jpg").write_bytes(b"not a picture at all")
    err = error_of(lambda: load_articles(load_issue(folder)))
    assert "无法读取" in err.message and err.path.name == "a.txt"


def test_missing_glyph_names_file_line_and_font(tmp_path):
    article = NEWS.replace("王阿姨说", "王阿姨说\U0001F600")
    folder = issue_with(tmp_path, articles={"a.txt": article, "b.txt": SHORT})
    err = error_of(lambda: compose(folder))
    assert "U+1F600" in err.message and "NotoSerifSC-Regular.ttf" in err.message
    assert err.path.name == "a.txt" and err.line == 5


def test_rare_name_character_is_not_missing(tmp_path):
    article = NEWS.replace("王阿姨", "陈𬀩阿姨")  # U+2C029, in the 8105 and in every face
    compose(issue_with(tmp_path, articles={"a.txt": article, "b.txt": SHORT}))


def test_unknown_marker_suggests(tmp_path):
    with pytest.raises(InputError) as info:
        parse_article("【标 题】\n正文\n【主体】\n", Path("x.txt"))
    assert info.value.line == 3 and "主体" in info.value.message


def test_marker_aliases_and_figure_params():
    article = parse_article("【肩题】凝心聚力\n【标题】\n三个小区\n同步开工\n【图】images/a.jpg｜宽：2栏|高=18行｜位置=左下\n"
                            "【图说】施工现场\n【摄影】陈立\n【正文】正文一段。\n[稿源]（街道自治办）\n", Path("x.txt"))
    assert article.kicker == ("凝心聚力",) and article.title == ("三个小区", "同步开工")
    figure = article.figures[0]
    assert (figure.width_cols, figure.height_lines, figure.position, figure.credit) == (2, 18, "左下", "陈立")
    assert article.source == "街道自治办" and article.body[0].text == "正文一段。"


def test_headline_on_its_marker_line_is_one_line_and_blank_lines_end_a_lead():
    article = parse_article("【主题】梧桐新村完成改造\n第一段正文。\n【导语】\n导语一段。\n\n第二段正文。\n", Path("x.txt"))
    assert article.title == ("梧桐新村完成改造",)
    assert [(b.kind, b.text) for b in article.body] == [("para", "第一段正文。"), ("lead", "导语一段。"), ("para", "第二段正文。")]


def test_bad_figure_parameter():
    with pytest.raises(InputError) as info:
        parse_article("【图】images/a.jpg｜宽度=两栏\n", Path("x.txt"))
    assert info.value.line == 1 and "栏" in info.value.message


def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path, capsys):
    folder = issue_with(tmp_path)
    path = folder / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 7", "numbr: 7"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--output", str(out)]) == 2
    assert "numbr" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("day, expected", [
    (dt.date(2026, 12, 16), dt.date(2027, 1, 20)),  # 3rd Wednesday
    (dt.date(2027, 1, 20), dt.date(2027, 2, 17)),
    (dt.date(2026, 10, 29), dt.date(2026, 11, 26)),  # 5th Thursday does not exist in November: the last one
])
def test_next_issue_date_keeps_the_weekday_and_week(day, expected):
    assert same_weekday_next_month(day) == expected


def test_layout_new_starts_next_month(tmp_path):
    folder = issue_with(tmp_path)
    assert main(["new", str(folder), "--issues", str(tmp_path)]) == 0
    new = load_issue(tmp_path / "2027-01")
    assert (new.number, new.date, new.next_date, new.proof_stage) == (8, dt.date(2027, 1, 20), dt.date(2027, 2, 17), "一校")
    assert [s.article.name for s in new.pages[0].slots] == ["2A.txt", "2B.txt"]
    assert main(["new", str(folder), "--issues", str(tmp_path)]) == 2  # never overwrites
