"""Issue 15 item 1: what each proof stage set, `layout diff` between stages, and 修改痕迹 in the later proof."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from issuekit import page_yaml, write_issue
from layout.build import BuildOptions, build_issue, compose
from layout.cli import main
from layout.editorial.diff import ADDED, CHANGED, MOVED, REMOVED, compare, format_diff, stream
from layout.editorial.proofmarks import CHANGE, SUMMARY, changed_lines, mark_pages, stage_marks
from layout.editorial.stages import (
    CAPTION, FLOW, HEAD, JUMP, capture, earlier_stage, load_record, record_json, save_record, stage_path, stage_rank,
)

REPO = Path(__file__).resolve().parent.parent

PARAS = [
    "梧桐新村雨污分流改造工程日前通过验收，三十二个楼道的排水管全部完成翻新。",
    "“以前一下雨，楼道口就冒臭味，现在终于清爽了。”家住12号楼的王阿姨说。",
    "施工期间，居委会每周召开一次协调会，及时回应居民关于噪声、停车的意见。",
    "工程比原计划提前10天完工。街道还请居民担任义务监督员，每周到现场查看质量，发现问题当场记录、及时反馈。"
    "施工单位也在每个楼道口张贴了工程进度表和联系电话，居民有意见随时可以打电话。"
    "验收那天，不少居民专门赶来，看着新管道一段段接好，心里踏实了。",
    "下一步，街道将把改造经验推广到枫林苑和海棠小区，让更多居民受益。",
    "居民代表表示，改造让老小区有了新面貌，大家住得更舒心了。",
]


def news(paras: list[str]) -> str:
    return "【主题】梧桐新村完成雨污分流改造\n【署名】记者 周晓岚\n" + "\n".join(paras) + "\n【稿源】街道管理办\n"


def tiny(tmp_path: Path, paras: list[str] = PARAS) -> Path:
    slots = ["{id: 1A, role: 头条, grid: {col: 1, span: 2, row: 13, rows: 40}, article: articles/news.txt}",
             "{id: 1B, grid: {col: 3, span: 3, row: 13, rows: 40}, article: articles/other.txt}"]
    other = "【主题】社区食堂推出冬季新菜单\n本周起，桂香里长者食堂推出冬季新菜单，每天供应两荤两素一汤。\n八十岁以上老人就餐每餐减免3元。\n【稿源】街道服务办\n"
    return write_issue(tmp_path, [page_yaml(1, slots, "front", "要闻")], {"news.txt": news(paras), "other.txt": other})


def record(folder: Path, stage: str):
    issue, _a, _f, layout, _findings = compose(folder)
    return capture(issue, layout, stage)


def edit(folder: Path, paras: list[str]) -> None:
    (folder / "articles" / "news.txt").write_text(news(paras), encoding="utf-8")


# --------------------------------------------------------------------------
# The record


@pytest.mark.slow
@pytest.mark.parametrize("sample", ["2026-11", "2026-12"])
def test_the_record_holds_every_printed_paragraph_caption_and_headline_in_reading_order(sample):
    issue, articles, _f, layout, _findings = compose(REPO / "issues" / sample)
    rec = capture(issue, layout, "一校")
    for slot, article in articles.items():
        story = rec.story(article.path.relative_to(issue.folder).as_posix())
        flow, captions, head = (stream(story, k).text for k in (FLOW, CAPTION, HEAD))
        for block in article.body:  # paragraphs read on across columns, around photos and across jumps
            for text in (block.text, *block.items):
                assert text.replace(" ", "") in flow, (slot, text[:20])
        for figure in article.figures:
            assert figure.caption.replace(" ", "") in captions
        assert "".join(article.title).replace(" ", "") in head
    jumping = rec.story("articles/01-minsheng.txt") if sample == "2026-12" else None
    if jumping:
        assert jumping.slots == ((1, "1A"), (3, "3C"))
        assert [ln.text for ln in jumping.lines if ln.kind == JUMP] == ["（下转第3版）", "（上接第1版）"]


def test_the_record_is_deterministic_and_reads_back(tmp_path):
    folder = tiny(tmp_path)
    first, second = record(folder, "一校"), record(folder, "一校")
    assert record_json(first) == record_json(second)
    path = save_record(tmp_path / "out", first)
    assert path == tmp_path / "out" / "stages" / "一校.json"
    assert load_record(tmp_path / "out", "一校") == first
    line = next(ln for ln in first.story("articles/news.txt").lines if ln.kind == FLOW and "验收" in ln.text)
    assert line.page == 1 and line.slot == "1A" and line.col == 1 and line.place.startswith("第1版 1A 第1栏第")


def test_stages_are_ordered_and_the_earlier_one_is_the_latest_recorded(tmp_path):
    assert stage_rank("一校") < stage_rank("二校") < stage_rank("三校") < stage_rank("清样") < stage_rank("付印")
    assert stage_rank("初校") == stage_rank("一校") and stage_rank("校样") is None
    out = tmp_path / "out"
    for stage in ("一校", "三校"):
        stage_path(out, stage).parent.mkdir(parents=True, exist_ok=True)
        stage_path(out, stage).write_text("{}", encoding="utf-8")
    assert earlier_stage(out, "一校") is None and earlier_stage(out, "二校") == "一校"
    assert earlier_stage(out, "清样") == "三校" and earlier_stage(out, "自定") is None
    assert stage_path(out, "../x").parent == out / "stages"


# --------------------------------------------------------------------------
# The diff


def test_an_edited_sentence_is_changed_with_the_difference_marked(tmp_path):
    folder = tiny(tmp_path)
    old = record(folder, "一校")
    edit(folder, [PARAS[0], PARAS[1].replace("终于清爽了", "清清爽爽了")] + PARAS[2:])
    diff = compare(old, record(folder, "二校"))
    (change,) = diff.changes
    assert change.kind == CHANGED and change.key == "articles/news.txt"
    assert "现在［终于清→清清爽］爽了" in change.text and change.where.startswith("第1版 1A 第")
    assert "清清爽爽" in "".join(ln.text for ln in change.lines)


def test_reflowed_lines_are_not_changes_only_the_edit_is(tmp_path):
    folder = tiny(tmp_path)
    old = record(folder, "一校")
    # seven characters early in a long paragraph re-break every line after them, and move the rest down
    edit(folder, PARAS[:3] + [PARAS[3].replace("提前10天完工", "提前整整10天顺利完工")] + PARAS[4:])
    new = record(folder, "二校")
    old_lines = [(ln.text, ln.col, ln.row) for ln in old.story("articles/news.txt").lines if ln.kind == FLOW]
    new_lines = [(ln.text, ln.col, ln.row) for ln in new.story("articles/news.txt").lines if ln.kind == FLOW]
    assert sum(a != b for a, b in zip(old_lines, new_lines)) > 8  # many lines are set differently or moved
    diff = compare(old, new)
    assert [(c.kind, c.text) for c in diff.changes] == [(CHANGED, "工程比原计划提前［增：整整］10天［增：顺利］完工。")]
    assert len(diff.marked_lines()) == 2  # the two lines holding 整整 and 顺利


def test_added_removed_and_moved_sentences(tmp_path):
    folder = tiny(tmp_path)
    old = record(folder, "一校")
    # the second paragraph moved to the end, the fifth replaced by a new sentence
    edit(folder, [PARAS[0], PARAS[2], PARAS[3], "街道还为每个楼道配了一名联络员。", PARAS[5], PARAS[1]])
    diff = compare(old, record(folder, "二校"))
    kinds = sorted((c.kind, c.text) for c in diff.changes)
    assert (MOVED, PARAS[1]) in kinds  # the paragraph's two sentences moved together
    assert (ADDED, "［增：街道还为每个楼道配了一名联络员。］") in kinds
    assert any(k == REMOVED and "推广到枫林苑" in t for k, t in kinds)
    assert not any(k in (ADDED, REMOVED) and "楼道口就冒臭味" in t for k, t in kinds)  # moved, not removed+added
    moved = next(c for c in diff.changes if c.kind == MOVED)
    assert moved.was.startswith("第1版 1A") and moved.where != moved.was
    text = format_diff(diff, "《梧桐家园》第7期 改动", "二校")
    assert "移 第1版 1A" in text and "一校在 第1版 1A" in text and "共 3 处" in text and "增 1、删 1、移 1" in text


def test_a_sentence_moved_to_another_article_is_moved(tmp_path):
    folder = tiny(tmp_path)
    old = record(folder, "一校")
    edit(folder, PARAS[:5])
    other = folder / "articles" / "other.txt"
    other.write_text(other.read_text(encoding="utf-8").replace("【稿源】", PARAS[5] + "\n【稿源】"), encoding="utf-8")
    (change,) = compare(old, record(folder, "二校")).changes
    assert change.kind == MOVED and change.key == "articles/other.txt" and change.was.startswith("articles/news.txt")


def test_no_changes_no_marks_and_the_same_pages(tmp_path):
    folder = tiny(tmp_path)
    issue, _a, _f, layout, _findings = compose(folder)
    out = tmp_path / "out" / issue.id
    save_record(out, capture(issue, layout, "一校"))
    marks = stage_marks(issue, layout, "二校", out)
    assert marks.earlier == "一校" and marks.diff.changes == [] and marks.pages == layout.pages
    assert format_diff(marks.diff, "t", "二校").splitlines()[1].startswith("没有改动")


def test_changed_lines_become_proof_notes_on_their_pages_only(tmp_path):
    folder = tiny(tmp_path)
    issue, _a, _f, layout, _findings = compose(folder)
    save_record(tmp_path / "out" / issue.id, capture(issue, layout, "一校"))
    edit(folder, [PARAS[0].replace("三十二个", "32个")] + PARAS[1:])
    issue, _a, _f, layout, _findings = compose(folder)
    earlier, lines = changed_lines(issue, layout, "二校", tmp_path / "out")
    assert earlier == "一校" and len(lines) == 1 and "32个" in lines[0][0].text
    pages = mark_pages(issue, layout.pages, compare(load_record(tmp_path / "out" / issue.id, "一校"),
                                                    capture(issue, layout, "二校")))
    notes = [n for n in pages[0].proof if n.kind in (CHANGE, SUMMARY)]
    assert [n.kind for n in notes] == [CHANGE, SUMMARY] and "与一校比" in notes[1].text
    line = lines[0][0]
    assert notes[0].y < line.y < notes[0].y + notes[0].h + 1


# --------------------------------------------------------------------------
# Whole builds: the done-when of issue 15, and byte identity when nothing changed


@pytest.mark.slow
def test_first_stage_edit_second_stage_diff_shows_the_edited_sentence(tmp_path, capsys):
    folder = tmp_path / "2026-12"
    shutil.copytree(REPO / "issues" / "2026-12", folder)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--proof", "一校", "--output", str(out)]) == 0
    path = folder / "articles" / "01-minsheng.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("算了一笔“来源账”", "算了一笔“明白账”"), encoding="utf-8")
    assert main(["build", str(folder), "--proof", "二校", "--output", str(out)]) == 0
    capsys.readouterr()
    assert main(["diff", str(folder), "--from", "一校", "--output", str(out)]) == 0
    text = capsys.readouterr().out
    assert "改 第1版 1A 第1栏第" in text and "沈立群给记者算了一笔“［来源→明白］账”" in text and "共 1 处" in text
    assert main(["diff", str(folder), "--from", "一校", "--to", "二校", "--output", str(out)]) == 0
    assert "［来源→明白］" in capsys.readouterr().out
    assert main(["diff", str(folder), "--from", "三校", "--output", str(out)]) == 2  # no such record: says so


@pytest.mark.slow
def test_proofs_stay_byte_identical_without_an_earlier_stage_or_without_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    folder = tiny(tmp_path)
    alone = build_issue(folder, BuildOptions(proof_stage="二校", output=tmp_path / "alone")).pdf.read_bytes()
    staged = tmp_path / "staged"
    build_issue(folder, BuildOptions(proof_stage="一校", output=staged))
    assert build_issue(folder, BuildOptions(proof_stage="二校", output=staged)).pdf.read_bytes() == alone
    edit(folder, [PARAS[0].replace("三十二个", "32个")] + PARAS[1:])
    fresh = build_issue(folder, BuildOptions(proof_stage="二校", output=tmp_path / "fresh")).pdf.read_bytes()
    marked = build_issue(folder, BuildOptions(proof_stage="二校", output=staged)).pdf.read_bytes()
    assert marked != fresh  # the 二校 proof carries the marks …
    printed = [build_issue(folder, BuildOptions(print_pdf=True, force=True, output=o)).pdf.read_bytes() for o in (staged, tmp_path / "p")]
    assert printed[0] == printed[1]  # … and a print PDF never does
    assert load_record(staged / "2026-12", "付印").story("articles/news.txt")  # the print file records 付印
    diff = compare(load_record(staged / "2026-12", "一校"), load_record(staged / "2026-12", "付印"))
    assert [c.text for c in diff.changes] == ["梧桐新村雨污分流改造工程日前通过验收，［三十二→32］个楼道的排水管全部完成翻新。"]


def test_furniture_new_and_withdrawn_articles_and_overset_are_reported(tmp_path):
    folder = tiny(tmp_path)
    old = record(folder, "一校")
    yaml = folder / "issue.yaml"
    (folder / "articles" / "third.txt").write_text("【主题】银杏坊举办迎新年邻里活动\n居民们包馄饨、写春联，热热闹闹迎新年。\n", encoding="utf-8")
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("number: 7", "number: 8")
                    .replace("articles/other.txt", "articles/third.txt"), encoding="utf-8")
    edit(folder, PARAS * 6)  # far too long for 1A now
    diff = compare(old, record(folder, "二校"))
    by_key = {s.key: s for s in diff.stories}
    (furniture,) = by_key["第1版 版面"].changes
    assert furniture.kind == CHANGED and "［7→8］" in furniture.text and furniture.where == "第1版 版面"
    assert [c.kind for c in by_key["articles/third.txt"].changes] == ["新稿"]
    assert [c.kind for c in by_key["articles/other.txt"].changes] == ["撤稿"]
    assert any(n.startswith("超版 ") for n in by_key["articles/news.txt"].notes)
    text = format_diff(diff, "t", "二校")
    assert "撤稿 一校在 第1版 1B 标题：《社区食堂推出冬季新菜单》" in text and "新稿 第1版 1B 标题" in text


def test_an_unreadable_earlier_record_is_reported_not_silently_unmarked(tmp_path):
    """修改痕迹: when the 一校 record cannot be read, the 二校 proof has no marks and the report says so."""
    folder = tiny(tmp_path)
    out = tmp_path / "out"
    build_issue(folder, BuildOptions(proof_stage="一校", output=out))
    stage_path(out / "2026-12", "一校").write_text("{ not json", encoding="utf-8")
    result = build_issue(folder, BuildOptions(proof_stage="二校", output=out))
    line = next(ln for ln in result.report.splitlines() if "修改痕迹" in ln)
    assert "没有标出修改" in line and str(out / "2026-12" / "stages" / "一校.json") in line and "--proof 一校" in line
    assert line in (out / "2026-12" / "report.txt").read_text(encoding="utf-8")
