"""Editor safety and the editor's words (issue 14): no silent mistakes, messages in 版/版位 terms, a CLI that
fits the month, a second paper kept apart.  Each test is one case of the issue, tried as an editor would:
through `layout …` (main) on a tiny issue written to tmp_path, reading what the editor reads."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from issuekit import NEWS, SHORT, page_yaml, write_issue
from layout.build import compose
from layout.cli import main
from layout.display import GlyphRun, Picture
from layout.errors import InputError, LayoutError
from layout.model.article import CENTRE
from layout.model.articlefile import parse_article
from layout.model.issue import load_issue
from layout.pages.figures import crop_box

ROOT = Path(__file__).resolve().parent.parent
FRONT = ["{id: 1A, role: 头条, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/news.txt}",
         "{id: 1B, grid: {col: 1, span: 5, row: 53, rows: 30}, article: articles/short.txt}"]
INNER = "{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 40}, article: articles/story.txt}"
STORY = """【主题】银杏坊举办迎新年邻里活动
【署名】记者 周晓岚
12月5日，银杏坊居民区在活动室举办邻里迎新活动，六十多位居民一起包馄饨、写春联。
活动由楼组长们自发组织，志愿者提前一天采购了食材，居民们带来了自家的擀面杖和蒸笼。
“一年到头难得这么热闹。”住在3号楼的李阿姨说，明年还要再办。
【稿源】银杏坊居民区"""


def issue(tmp_path: Path, story: str = STORY, inner: str = INNER, stage: str = "一校", images=None,
          extra_slots: list[str] = ()) -> Path:
    folder = write_issue(tmp_path / "issues", [page_yaml(1, FRONT, "front", "要闻"), page_yaml(2, [inner, *extra_slots])],
                         {"news.txt": NEWS, "short.txt": SHORT, "story.txt": story}, images=images)
    if stage != "一校":
        path = folder / "issue.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("proof_stage: 一校", f"proof_stage: {stage}"), encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def parse(text: str):
    return parse_article(text, Path("story.txt"))


# ---------------------------------------------------------------- mistakes that passed silently


def test_a_near_miss_marker_with_text_is_printed_and_warned_about_naming_page_slot_and_line(tmp_path):
    story = STORY.replace("【主题】", "【主体】")
    code, out, _err = run("build", str(issue(tmp_path, story)))
    assert code == 0
    assert "第2版 2A story.txt:1: 【主体】不是标记" in out and "是不是【主题】" in out
    assert "第2版 2A 普通（没有主题）" in out and "《》" not in out


def test_a_marker_in_the_middle_of_a_line_is_warned_about():
    article = parse("【主题】标题\n活动圆满结束。【稿源】街道办\n【温馨提示】请带好证件。\n住户【主休】说明\n")
    messages = [(w.line, w.message) for w in article.warnings]
    assert any(line == 2 and "【稿源】写在一行的中间" in m for line, m in messages)
    assert any(line == 4 and "像是标记【主题】打错了" in m for line, m in messages)
    assert not any(line == 3 for line, _m in messages)  # a run-in label is text, not a slip


def test_a_short_line_right_under_the_headline_is_its_second_line_with_a_note():
    article = parse("【主题】笔墨迎新春\n书画寄深情\n【正文】\n展览共展出作品六十八幅。")
    assert article.title == ("笔墨迎新春", "书画寄深情") and [b.text for b in article.body] == ["展览共展出作品六十八幅。"]
    assert any(w.line == 2 and "当作主题的第2行" in w.message for w in article.warnings)
    body = parse("【主题】笔墨迎新春\n展览共展出梧桐书画社社员和社区居民创作的书法、国画作品六十八幅。")
    assert body.title == ("笔墨迎新春",) and len(body.body) == 1 and not body.warnings


def test_a_deliberate_full_width_space_is_kept_and_typed_spaces_still_go():
    article = parse("【主题】标题\n举办“迎新年\u3000包馄饨”活动，清出杂物 2 车。\n")
    assert article.body[0].text == "举办“迎新年\u3000包馄饨”活动，清出杂物2车。"
    assert [c.kind for c in article.changes] == ["space-han-latin", "space-han-latin"]
    assert parse("【主题】标题\n迎新年 包馄饨。\n").body[0].text == "迎新年包馄饨。"


def test_the_full_width_space_reaches_the_page(tmp_path):
    story = STORY.replace("一起包馄饨", "一起参加“迎新年\u3000包馄饨”")
    _issue, _a, _f, layout, _findings = compose(issue(tmp_path, story))
    text = "".join(i.text for i in layout.pages[1].items if isinstance(i, GlyphRun))
    assert "迎新年\u3000包馄饨" in text or ("迎新年\u3000" in text and "包馄饨" in text)


def test_caption_and_credit_without_a_photo_stop_the_build_naming_the_line(tmp_path):
    for marker in ("【图说】会场一角", "【摄影】王伟"):
        story = STORY.replace("【稿源】", f"{marker}\n【稿源】")
        folder = issue(tmp_path / marker[1:3], story)
        code, _out, err = run("build", str(folder))
        line = story.splitlines().index(marker) + 1
        assert code == 2 and f"story.txt:{line}" in err and "前面没有【图】" in err and "第2版 版位 2A" in err
        assert not (folder.parent.parent / "output" / "2026-12").exists()


def test_a_second_credit_adds_a_name_and_says_so():
    article = parse("【主题】标题\n【图】images/a.jpg\n【摄影】陈立\n【摄影】柏舟\n")
    assert article.figures[0].credit == "陈立 柏舟" and any("两个【摄影】" in w.message for w in article.warnings)


def test_the_column_label_is_printed_above_the_headline_and_takes_rows(tmp_path):
    plain = compose(issue(tmp_path / "a"))[3]
    labelled = compose(issue(tmp_path / "b", "【栏目】邻里鳞爪\n" + STORY))[3]
    text = [i for i in labelled.pages[1].items if isinstance(i, GlyphRun) and "邻里鳞爪" in i.text]
    title = [i for i in labelled.pages[1].items if isinstance(i, GlyphRun) and "银杏坊" in i.text and i.size > 12]
    assert text and title and text[0].y < title[0].y  # above the headline
    assert text[0].tag == "2A|head"
    plain_title = [i for i in plain.pages[1].items if isinstance(i, GlyphRun) and "银杏坊" in i.text and i.size > 12]
    assert title[0].y > plain_title[0].y  # the block grew by the label's row


def test_print_refuses_empty_slots_and_early_stages_unless_forced(tmp_path):
    empty = "{id: 2B, grid: {col: 3, span: 3, row: 1, rows: 40}}"
    folder = issue(tmp_path, extra_slots=[empty])
    code, _out, err = run("build", str(folder), "--print", "--allow-overset")
    assert code == 1
    assert "本期校次是“一校”" in err and "第2版 2B" in err and "--force" in err
    print_dir = tmp_path / "output" / "2026-12" / "print"
    assert not print_dir.exists()
    code, out, _err = run("build", str(folder), "--print", "--force")
    assert code == 0 and (print_dir / "2026-12.pdf").exists()
    # a refused print build takes the earlier print files away: they no longer match the copy
    code, _out, err = run("build", str(folder), "--print")
    assert code == 1 and not print_dir.exists() and "上一次的付印文件" in err


def test_print_goes_through_at_the_clean_proof_with_every_slot_filled(tmp_path):
    folder = issue(tmp_path, stage="清样")
    assert run("build", str(folder), "--print")[0] == 0


def test_an_unwritten_stub_counts_as_an_empty_slot_for_print(tmp_path):
    stub = "【备注】容量约 900 字\n【引题】\n【主题】\n【副题】\n【署名】\n【正文】\n\n【稿源】\n"
    code, _out, err = run("build", str(issue(tmp_path, stub, stage="清样")), "--print")
    assert code == 1 and "1 个版位没有稿件" in err and "第2版 2A" in err


def test_proof_stage_pay_to_print_is_not_a_proof(tmp_path):
    folder = issue(tmp_path)
    code, _out, err = run("build", str(folder), "--proof", "付印")
    assert code == 2 and "付印不是校次" in err and "--print" in err
    assert run("build", str(folder), "--proof", "初校")[0] == 0
    path = folder / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("proof_stage: 一校", "proof_stage: 付印"), encoding="utf-8")
    code, _out, err = run("build", str(folder))
    assert code == 2 and "付印不是校次" in err and "issue.yaml:" in err


def test_check_fails_a_print_pdf_older_than_its_articles_and_names_the_pdf(tmp_path):
    folder = issue(tmp_path, stage="清样")
    assert run("build", str(folder), "--print")[0] == 0
    code, out, _err = run("check", str(folder), "--no-ink")
    assert code == 0 and "检查的付印 PDF" in out and "2026-12.pdf" in out and "pdf.stale" not in out
    article = folder / "articles" / "story.txt"
    later = time.time() + 5
    os.utime(article, (later, later))
    code, out, _err = run("check", str(folder), "--no-ink")
    assert code == 1 and "pdf.stale" in out and "articles/story.txt" in out and "layout build" in out
    os.utime(folder / "issue.yaml", (later, later))  # named once, though it is both the issue file and in the folder
    _code, out, _err = run("check", str(folder), "--no-ink")
    stale = next(line for line in out.splitlines() if "比它的稿件旧" in line)
    assert stale.count("issue.yaml") == 1 and "articles/story.txt" in stale


def test_check_names_photos_by_file_and_reports_a_soft_photo_once(tmp_path):
    story = STORY.replace("【稿源】", "【图】images/soft.jpg｜宽=2栏\n【图说】活动现场\n【稿源】")
    folder = issue(tmp_path, story, stage="清样", images={"soft.jpg": (500, 333)})
    assert run("build", str(folder), "--print")[0] == 0
    _code, out, _err = run("check", str(folder), "--no-ink")
    assert "FormXob" not in out
    soft = [line for line in out.splitlines() if "soft.jpg" in line and "ppi" in line]
    assert len(soft) == 1, soft


# ---------------------------------------------------------------- photos: the crop and the width


def test_crop_box_keeps_the_part_the_editor_asks_for():
    portrait, box = (480, 640), (200.0, 100.0)  # a tall photo in a flat box: top and bottom are cut
    centre = crop_box(*portrait, *box)
    top = crop_box(*portrait, *box, focus=(0.5, 0.0))
    bottom = crop_box(*portrait, *box, focus=(0.5, 1.0))
    keep = centre[3] - centre[1]
    assert centre[1] == pytest.approx((1 - keep) / 2) and top[1] == 0.0 and bottom[3] == pytest.approx(1.0)
    assert top[3] - top[1] == pytest.approx(keep) and bottom[3] - bottom[1] == pytest.approx(keep)
    point = crop_box(*portrait, *box, focus=(0.5, 0.3))
    assert point[1] == pytest.approx(0.3 - keep / 2)
    wide = crop_box(1600, 600, 100.0, 100.0, focus=(1.0, 0.5))  # a wide photo in a square: the right edge kept
    assert wide[2] == pytest.approx(1.0) and wide[1] == 0.0
    assert crop_box(400, 300, 400.0, 300.0, focus=(0.0, 0.0)) == (0.0, 0.0, 1.0, 1.0)


@pytest.mark.parametrize("spec, focus", [("裁=上", (0.5, 0.0)), ("裁=下", (0.5, 1.0)), ("裁=左", (0.0, 0.5)),
                                         ("裁=右", (1.0, 0.5)), ("裁=中", CENTRE), ("裁=30%,20%", (0.3, 0.2)),
                                         ("裁切：左上", (0.0, 0.0))])
def test_crop_parameter(spec, focus):
    assert parse(f"【主题】标题\n【图】images/a.jpg｜宽=2栏｜{spec}\n").figures[0].focus == focus


def test_a_bad_crop_parameter_names_the_line_and_the_choices():
    with pytest.raises(InputError) as info:
        parse("【主题】标题\n【图】images/a.jpg｜裁=斜上方\n")
    assert info.value.line == 2 and "裁=上" in info.value.hint


def test_a_portrait_cut_to_a_flat_box_is_warned_about_and_the_top_can_be_kept(tmp_path):
    story = STORY.replace("【稿源】", "【图】images/p.jpg｜宽=4栏｜高=12行\n【图说】老人在新装的电梯前\n【稿源】")
    folder = issue(tmp_path / "a", story, images={"p.jpg": (480, 640)})
    code, out, _err = run("build", str(folder))
    assert code == 0
    line = story.splitlines().index("【图】images/p.jpg｜宽=4栏｜高=12行") + 1
    assert f"第2版 2A story.txt:{line} 图片要 4 栏宽，版位 2A 只有 2 栏，按 2 栏排了" in out
    crop = [text for text in out.splitlines() if "上下裁掉了" in text]
    assert len(crop) == 1 and f"第2版 2A story.txt:{line}" in crop[0] and "裁=上" in crop[0]
    topped = issue(tmp_path / "b", story.replace("高=12行", "高=12行｜裁=上"), images={"p.jpg": (480, 640)})
    code, out, _err = run("build", str(topped))
    assert code == 0 and "上下裁掉了" not in out
    layout = compose(topped)[3]
    (picture,) = [i for i in layout.pages[1].items if isinstance(i, Picture)]
    assert picture.crop[1] == 0.0 and picture.crop[3] < 0.6  # the top kept, most of the rest cut


# ---------------------------------------------------------------- messages in the editor's words


def test_issue_yaml_errors_name_the_page_and_slot_not_the_key_path(tmp_path):
    folder = issue(tmp_path, inner=INNER.replace("articles/story.txt", "articles/stroy.txt"))
    code, _out, err = run("build", str(folder))
    assert code == 2 and "第2版 版位 2A article" in err and "pages[1]" not in err
    assert "是不是 articles/story.txt" in err


def test_yaml_syntax_errors_are_explained_in_chinese(tmp_path):
    folder = issue(tmp_path)
    path = folder / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    editor: 王敏", "     editor: 王敏", 1), encoding="utf-8")
    code, _out, err = run("build", str(folder))
    assert code == 2 and "issue.yaml:" in err
    assert not re.search(r"expected|found|block|mapping", err), err
    assert "缩进" in err or "冒号" in err


def test_a_missing_photo_suggests_the_file_that_is_there(tmp_path):
    story = STORY.replace("【稿源】", "【图】images/Photo.JPG｜宽=2栏\n【稿源】")
    code, _out, err = run("build", str(issue(tmp_path, story, images={"photo.jpg": (600, 400)})))
    assert code == 2 and "找不到图片文件“images/Photo.JPG”" in err and "是不是 images/photo.jpg" in err
    assert "Errno" not in err and "第2版 版位 2A" in err


def test_a_photo_that_disappears_while_drawing_is_said_in_chinese():
    from layout.render.imageread import _unreadable

    message = _unreadable("x.jpg", FileNotFoundError(2, "No such file or directory")).message
    assert "文件不在了" in message and "Errno" not in message and "No such file" not in message


def test_a_jump_target_taken_twice_names_both_stories(tmp_path):
    pages = [page_yaml(1, [FRONT[0][:-1] + ", jump: {page: 2, slot: 2C}}", FRONT[1]], "front", "要闻"),
             page_yaml(2, ["{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 40}, article: articles/story.txt}",
                           "{id: 2C, grid: {col: 3, span: 3, row: 1, rows: 40}}"]),
             page_yaml(3, ["{id: 3A, grid: {col: 1, span: 5, row: 1, rows: 40}, article: articles/short2.txt, "
                           "jump: {page: 2, slot: 2C}}"])]
    folder = write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, "story.txt": STORY, "short2.txt": SHORT})
    with pytest.raises(LayoutError) as info:
        load_issue(folder)
    text = str(info.value)
    assert "第2版 2C 已是第1版 1A（news.txt）的转版目标" in text and "第3版 3A（short2.txt）" in text


def test_a_missing_paper_profile_names_layout_templates(tmp_path):
    folder = issue(tmp_path)
    path = folder / "issue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("paper: wutong", "paper: wutnog"), encoding="utf-8")
    code, _out, err = run("build", str(folder))
    assert code == 2 and "LAYOUT_TEMPLATES" in err and "是不是 paper: wutong" in err and "issue.yaml:1" in err


def test_a_shrunk_headline_is_reported_with_its_page_and_slot(tmp_path):
    story = STORY.replace("【主题】银杏坊举办迎新年邻里活动", "【主题】银杏坊居民区举办迎新年邻里活动六十多位居民一起包馄饨写春联热热闹闹迎新年")
    _code, out, _err = run("build", str(issue(tmp_path, story, inner=INNER.replace("span: 2", "span: 1"))))
    shrunk = [line for line in out.splitlines() if "主题" in line and "磅" in line and ("缩为" in line or "仍超过" in line)]
    assert shrunk and all(line.strip().startswith("第2版 2A") for line in shrunk), out


def test_stubs_are_one_line_and_normalisation_is_counted_per_file(tmp_path):
    stub = "【备注】容量约 900 字\n【引题】\n【主题】\n【副题】\n【署名】\n【正文】\n\n【稿源】\n"
    dirty = STORY.replace("包馄饨、写春联", "包馄饨,写春联").replace("明年还要再办", "明年还要再办...")
    folder = issue(tmp_path, dirty, extra_slots=["{id: 2B, grid: {col: 3, span: 3, row: 1, rows: 40}, article: articles/b.txt}"])
    (folder / "articles" / "b.txt").write_text(stub, encoding="utf-8")
    code, out, _err = run("build", str(folder))
    assert code == 0
    assert "1 个版位的稿件还没写：2B" in out and "第2版 2B 普通 稿件还没写" in out
    assert "缺少【稿源】" not in out and "欠 " not in [l for l in out.splitlines() if "2B" in l][0]
    assert "第2版 2A story.txt：2 处（半角标点改全角 1、省略号改“……” 1）" in out
    assert "汉字间的半角标点改为全角" not in out  # the details are in report.json
    report = json.loads((tmp_path / "output" / "2026-12" / "report.json").read_text(encoding="utf-8"))
    assert {c["rule"] for c in report["normalised"]} == {"ascii-punct", "ellipsis"} and report["stubs"] == ["2B"]
    check = run("check", str(folder), "--no-ink")[1]
    assert check.count("还没写") == 1 and not [l for l in check.splitlines() if "underset" in l and "2B" in l]


def test_ppi_is_never_rounded_up_to_the_limit_it_misses():
    from layout.model.profile import PrintSpec
    from layout.report import image_line
    from layout.pages.results import ImageNote

    spec = PrintSpec(240.0, "IFRA26", None, 0.0)
    assert image_line(ImageNote("a.jpg", 149.6, (600, 400)), spec).endswith("实际 149.6 ppi（< 150，不能付印）")
    assert image_line(ImageNote("a.jpg", 199.7, (600, 400)), spec).endswith("实际 199.7 ppi（< 200）")
    assert image_line(ImageNote("a.jpg", 163.4, (600, 400)), spec).endswith("实际 163 ppi（< 200）")


def test_the_missing_glyph_hint_speaks_to_an_editor(tmp_path):
    code, _out, err = run("build", str(issue(tmp_path, STORY.replace("明年还要再办", "明年还要再办\U0001F389"))))
    assert code == 2 and "删掉这个字符或换成文字" in err and "fonts/" not in err and "第2版 版位 2A" in err


# ---------------------------------------------------------------- the command line


def test_usage_errors_are_chinese_with_a_did_you_mean():
    code, _out, err = run("buidl")
    assert code == 2 and "“buidl”不是可用的命令" in err and "是不是 build" in err and "用法：" in err
    assert "usage:" not in err and "error:" not in err and "invalid choice" not in err
    code, _out, err = run("build", "--alow-overset")
    assert code == 2 and "不认识的参数" in err and "是不是 --allow-overset" in err
    code, _out, err = run("galley")
    assert code == 2 and "缺少" in err and "required" not in err
    code, _out, err = run("serve", "--port", "abc")
    assert code == 2 and "要写整数" in err


def test_layout_alone_lists_the_commands_and_version_is_there():
    code, _out, err = run()
    assert code == 2 and "build" in err and "要写一个命令" in err
    code, out, _err = run("--version")
    assert code == 0 and re.fullmatch(r"layout \d+\.\d+\.\d+（shequbao-layout）\n", out)


def test_commands_default_to_the_newest_issue(tmp_path, monkeypatch):
    folder = issue(tmp_path, stage="清样")
    older = folder.parent / "2026-11"
    shutil.copytree(folder, older)
    (older / "articles" / "story.txt").write_text(STORY.replace("银杏坊", "枫林苑"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("build")
    assert code == 0 and "issues/2026-12" in err and "银杏坊" in out
    assert (tmp_path / "output" / "2026-12" / "2026-12-proof.pdf").exists()
    monkeypatch.chdir(folder)  # inside an issue folder: that issue
    assert run("build")[0] == 0
    monkeypatch.chdir(tmp_path / "issues")
    code, _out, err = run("build")
    assert code == 2 and "没写本期文件夹" in err


def test_preview_exits_like_build_on_overset(tmp_path):
    long_story = STORY.replace("【稿源】", "\n".join(["街道各部门围绕年度目标任务逐项对照民生实事清单倒排工期。" * 3] * 40) + "\n【稿源】")
    folder = issue(tmp_path, long_story)
    assert run("build", str(folder))[0] == 1
    code, _out, err = run("preview", str(folder), "--dpi", "36")
    assert code == 1 and "--allow-overset" in err and (tmp_path / "output" / "2026-12" / "preview" / "index.html").exists()
    assert run("preview", str(folder), "--dpi", "36", "--allow-overset")[0] == 0


def test_galley_is_set_in_the_papers_format(tmp_path):
    import pypdfium2

    from layout.model.profile import load_profile
    from layout.pages.flow import flow_lines
    from layout.pages.pieces import article_pieces
    from layout.pages.sheet import Sheet
    from layout.fonts import load_face
    from layout.model.articlefile import load_article

    folder = issue(tmp_path, "【栏目】邻里鳞爪\n" + STORY)
    article = folder / "articles" / "story.txt"
    code, out, _err = run("galley", str(article))
    target = tmp_path / "output" / "2026-12" / "galley" / "story.pdf"
    assert code == 0 and target.exists() and str(target) in out
    profile = load_profile("wutong")
    sheet = Sheet(profile, {r: load_face(p, r) for r, p in profile.fonts.items()})
    rows = len(flow_lines(article_pieces(load_article(article), sheet), profile.format.column_width))
    assert f"正文 {rows} 行" in out
    pdf = pypdfium2.PdfDocument(target)
    page = pdf[0]
    width, height = page.get_size()
    assert abs(width - profile.format.trim_w) < 1 and abs(height - profile.format.trim_h) < 1
    text = page.get_textpage().get_text_range()
    assert "银杏坊举办迎新年邻里活动" in text.replace(" ", "").replace("\r\n", "") or "银杏坊" in text
    assert "邻里鳞爪" in text and "记者" in text and "字" in text and f"正文排 {rows} 行" in text.replace("\r\n", "")
    assert "每栏 15 字" in text and "行距 13 磅" in text
    assert re.search(r"\b5\b", text) and re.search(r"\b10\b", text)  # line numbers every five rows
    pdf.close()
    assert "楼组长" in text and "银杏坊居民区" in text  # the body and the 稿源


# ---------------------------------------------------------------- a second paper


def test_two_papers_with_an_issue_of_the_same_month_build_apart(tmp_path, profile_copy):
    shutil.copytree(profile_copy, profile_copy.parent / "xinhua")
    paper = profile_copy.parent / "xinhua" / "paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace("梧桐家园", "新华家园"), encoding="utf-8")
    first = issue(tmp_path / "p")  # issues/2026-12 of wutong, the project's paper
    second = tmp_path / "p" / "issues" / "xinhua" / "2026-12"
    shutil.copytree(first, second)
    text = (second / "issue.yaml").read_text(encoding="utf-8").replace("paper: wutong", "paper: xinhua")
    (second / "issue.yaml").write_text(text, encoding="utf-8")
    assert run("build", str(first))[0] == 0 and run("build", str(second))[0] == 0
    output = tmp_path / "p" / "output"
    assert (output / "2026-12" / "2026-12-proof.pdf").exists()
    assert (output / "xinhua" / "2026-12" / "2026-12-proof.pdf").exists()
    assert json.loads((output / "2026-12" / "report.json").read_text(encoding="utf-8"))["profile"] == "wutong"
    # an issue of the second paper right in issues/ (not the project's paper) goes apart too
    third = tmp_path / "p" / "issues" / "2027-01"
    shutil.copytree(second, third)
    assert run("build", str(third))[0] == 0
    assert (output / "xinhua" / "2027-01" / "2027-01-proof.pdf").exists() and not (output / "2027-01").exists()
    assert run("build", str(first))[0] == 0 and (output / "2026-12" / "2026-12-proof.pdf").exists()


# ---------------------------------------------------------------- the README's routine


def readme_routine() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("## 每月怎么用"):]
    block = block[block.index("```sh") + 5:]
    block = block[:block.index("```")]
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_the_readme_routine_says_how_to_reach_layout_and_every_command_parses():
    from layout.cli import build_parser

    lines = readme_routine()
    assert any("source .venv/bin/activate" in line for line in lines[:3]), lines[:3]
    commands = [line for line in lines if line.startswith("layout ")]
    assert len(commands) >= 10
    for line in commands:
        args = line.split()[1:]
        try:
            build_parser(args).parse_args(args)
        except SystemExit as exc:  # --version prints and exits 0; a usage error exits 2
            assert exc.code == 0, line
