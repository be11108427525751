"""Rules that live in one place (house.md): slot status, overset, ppi grades, the text that prints,
the proof recipe, the slot's plan as a pure measurement, the face's own ascent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from issuekit import NEWS, SHORT, long_text, page_yaml, write_issue
from layout.build import BuildOptions, build_issue, compose
from layout.errors import InputError, InputErrors
from layout.model.article import is_group_head
from layout.model.profile import PrintSpec
from layout.pages.results import SlotReport, SlotStatus
from layout.reportview import report_view

FRONT = ["{id: 1A, role: 头条, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/news.txt}",
         "{id: 1B, grid: {col: 1, span: 5, row: 53, rows: 30}, article: articles/short.txt}"]


def two_pages(tmp_path: Path, inner: list[str], articles: dict[str, str], **kw) -> Path:
    pages = [page_yaml(1, FRONT, "front", "要闻"), page_yaml(2, inner)]
    return write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, **articles}, **kw)


def report(**kw) -> SlotReport:
    base = dict(page=2, slot="2A", role="普通", article="a.txt", headline="题", chars=100, chars_set=100,
                rows=40, rows_used=40, over_lines=0, under_lines=0)
    return SlotReport(**{**base, **kw})


@pytest.mark.parametrize("fields, status", [
    ({"article": ""}, SlotStatus.EMPTY),
    ({"article": "", "under_lines": 40}, SlotStatus.EMPTY),
    ({"over_lines": 3, "chars_set": 60}, SlotStatus.OVER),
    ({"jump_to": (3, "3C")}, SlotStatus.JUMP),
    ({"under_lines": 2, "rows_used": 38}, SlotStatus.UNDER),
    ({"under_lines": 2, "jump_from": (1, "")}, SlotStatus.UNDER),
    ({}, SlotStatus.FULL),
])
def test_slot_status_has_one_precedence(fields, status):
    assert report(**fields).status is status


def test_ppi_grades_come_from_the_print_spec():
    spec = PrintSpec(240, "IFRA26", None, 0.0)
    assert [spec.ppi_grade(p) for p in (149.9, 150, 199.9, 200)] == ["fail", "warn", "warn", "ok"]
    strict = replace(spec, min_ppi=200, warn_ppi=300)
    assert [strict.ppi_grade(p) for p in (199, 250, 300)] == ["fail", "warn", "ok"]


def test_group_head_rule():
    assert is_group_head("■ 办理流程") and not is_group_head("1. 带好身份证") and not is_group_head("□ 备注")


def test_overset_is_one_answer_for_build_layout_and_preview(tmp_path):
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 20}, article: articles/long.txt}"],
                       {"long.txt": long_text(12)})
    result = build_issue(folder, BuildOptions(output=tmp_path / "out"))
    assert result.overset and result.layout.overset and result.layout.overset_pages == {2}
    view = report_view(result.issue, result.layout, result.findings)
    assert view.overset and view.pages[1].overset and not view.pages[0].overset


def test_low_resolution_photo_is_listed_once_in_the_preview(tmp_path):
    photo = SHORT.replace("【稿源】", "【图】images/small.jpg｜宽=3栏\n【图说】新菜单\n【稿源】")
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/photo.txt}"],
                       {"photo.txt": photo}, images={"small.jpg": (500, 330)})
    _issue, _a, _f, layout, findings = compose(folder)
    issue = _issue
    assert any(f.check == "image.resolution" for f in findings)
    view = report_view(issue, layout, findings)
    mentions = [line for line in view.errors + view.warnings if "small.jpg" in line]
    mentions += [d for p in view.pages for s in p.slots for d in s.details if "small.jpg" in d]
    assert len(mentions) == 1, mentions


def test_glyph_check_reads_furniture_from_issue_and_paper(tmp_path, profile_copy):
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(3)})
    yaml = folder / "issue.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("name: 社区", "name: 社区\U0001F600"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        compose(folder)
    assert info.value.path == yaml and "U+1F600" in info.value.message and info.value.line
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("\U0001F600", ""), encoding="utf-8")
    paper = profile_copy / "paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace("byline_ornament: □", "byline_ornament: \U0001F58B"),
                     encoding="utf-8")
    with pytest.raises((InputError, InputErrors)) as info:
        compose(folder)
    errors = info.value.errors if isinstance(info.value, InputErrors) else [info.value]
    assert any(e.path == paper and "U+1F58B" in e.message and e.line for e in errors)


def test_banned_words_read_only_what_prints(tmp_path, profile_copy):
    paper = profile_copy / "paper.yaml"
    text = paper.read_text(encoding="utf-8").replace("publication_type: cn_newspaper", "publication_type: internal_material")
    paper.write_text(text.replace("  cn: CN31-0921", "  permit_no: 沪内资准字（2026）第0921号\n  recipients: 辖区居民\n"
                                                     "  print_run: 12000份"), encoding="utf-8")
    noted = long_text(3).replace("【稿源】", "【备注】本报记者核对过数字\n【稿源】")
    clean = {"news.txt": NEWS.replace("【署名】记者 周晓岚", "【署名】通讯员 周晓岚")}
    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": noted, **clean})
    _issue, _a, _f, _layout, findings = compose(folder)
    assert not [f for f in findings if f.check == "internal.wording"]
    (folder / "articles" / "long.txt").write_text(noted.replace("第2段", "本报讯 第2段"), encoding="utf-8")
    _issue, _a, _f, _layout, findings = compose(folder)
    assert [f.where for f in findings if f.check == "internal.wording"] == ["2A long.txt"]


def test_slot_plan_measures_without_drawing(tmp_path):
    from layout.fonts import load_face
    from layout.model.articlefile import load_article
    from layout.model.issue import load_issue
    from layout.pages import furniture
    from layout.pages.grid import PageGrid
    from layout.pages.sheet import Sheet
    from layout.pages.slot import PageContext, flow_slot, plan_slot
    from layout.wording import issue_wording

    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 30}, article: articles/long.txt}"],
                       {"long.txt": long_text(5)})
    issue = load_issue(folder)
    fonts = {role: load_face(path, role) for role, path in issue.profile.fonts.items()}
    sheet = Sheet(issue.profile, fonts)
    page = issue.pages[1]
    ctx = PageContext(issue, page, PageGrid(issue.profile.format, 0.88), sheet, lambda p: (100, 100),
                      furniture.separators(page), issue_wording(issue))
    slot = page.slots[0]
    plan = plan_slot(ctx, slot, load_article(slot.article), None)
    body_rows = 30 - plan.head.rows
    assert plan.capacity == 2 * body_rows
    assert plan == plan_slot(ctx, slot, load_article(slot.article), None)  # pure: same inputs, same plan
    flowed = flow_slot(plan, 2)
    assert flowed.end == len(plan.lines) and flowed.rows_used <= plan.capacity
    narrow = plan_slot(ctx, replace(slot, grid=replace(slot.grid, span=1)), load_article(slot.article), None)
    assert narrow.capacity == 30 - narrow.head.rows and narrow.head.rows >= plan.head.rows
    assert len(narrow.lines) == len(plan.lines)  # the same column measure: the same body lines
    split = plan_slot(ctx, replace(slot, split=1), load_article(slot.article), None)
    assert len(split.lines) < len(plan.lines)  # one wide column (破栏): fewer, longer lines


def test_baselines_follow_the_face_ascent():
    from layout.model.profile import Format
    from layout.pages.grid import PageGrid

    fmt = Format(800, 1100, 50, 30, 5, 15, 1, 9.0, 13.0, 2.0, True, "quanjiao", 12, 3)
    a, b = PageGrid(fmt, 0.88), PageGrid(fmt, 0.80)
    assert a.baseline(1) - b.baseline(1) == pytest.approx(0.08 * 9)
    assert a.baseline(3, 10.5, 0.5) == b.baseline(3, 10.5, 0.5)


def test_serve_and_build_write_the_same_proof(tmp_path):
    from layout import serve

    folder = two_pages(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                       {"long.txt": long_text(4)})
    built = build_issue(folder, BuildOptions(output=tmp_path / "a")).pdf.read_bytes()
    live = serve.LivePreview(folder, output=tmp_path / "b")
    try:
        live.rebuild()
        assert live.proof_pdf().read_bytes() == built
    finally:
        live.close()
