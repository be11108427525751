"""Pages a 美编 would release (issue 11): exact fit, character budgets, the headline ladder, no 撞题, coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from issuekit import NEWS, SHORT, long_text, page_yaml, write_issue
from layout.build import compose
from layout.errors import InputError
from layout.model.issue import Grid, Page, Slot, load_issue, uncovered
from layout.pages.capacity import round_chars
from layout.pages.results import SlotStatus
from layout.pages.stagger import PLAIN, SlotForm, collide, stagger

FRONT = ["{id: 1A, role: 头条, grid: {col: 1, span: 5, row: 13, rows: 40}, article: articles/news.txt}",
         "{id: 1B, grid: {col: 1, span: 5, row: 53, rows: 30}, article: articles/short.txt}"]


def issue_of(tmp_path: Path, inner: list[str], articles: dict[str, str], **kw) -> Path:
    pages = [page_yaml(1, FRONT, "front", "要闻"), page_yaml(2, inner)]
    return write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, **articles}, **kw)


def reports(folder: Path) -> dict:
    _issue, _a, _f, layout, findings = compose(folder)
    return {r.slot: r for r in layout.reports}, layout, findings


def body_runs(layout, page: int, x0: float, x1: float):
    return [r for r in layout.pages[page - 1].items if getattr(r, "size", 0) == 9 and x0 <= getattr(r, "x", -1) < x1]


# --------------------------------------------------------------------------
# 撑满: exact fit


def feature_text(paragraphs: int) -> str:
    """A story with a byline, two 小标题 and a 稿源: four places a single blank row may go."""
    body = long_text(paragraphs).split("\n")
    head, paras, source = body[0], body[1:-1], body[-1]
    third = len(paras) // 3
    paras.insert(2 * third, "【小标题】居民满意是检验标准")
    paras.insert(third, "【小标题】办好每一件实事")
    return "\n".join([head, "【署名】记者 周晓岚"] + paras + [source])


def natural_rows(tmp_path: Path, text: str, span: int = 3) -> int:
    """The fewest rows a slot of `span` columns needs for `text` (no overset)."""
    for rows in range(20, 85):
        folder = issue_of(tmp_path / f"probe{rows}", [f"{{id: 2A, grid: {{col: 1, span: {span}, row: 1, rows: {rows}}}, "
                                                      "article: articles/long.txt}"], {"long.txt": text})
        if reports(folder)[0]["2A"].status is not SlotStatus.OVER:
            return rows
    raise AssertionError("text too long for the probe")


def test_slack_is_taken_up_and_every_column_ends_on_the_last_row(tmp_path):
    from layout.model.profile import load_profile

    text = feature_text(18)
    first = natural_rows(tmp_path, text)
    fmt = load_profile("wutong").format
    for rows in range(first, first + 4):  # up to 3 rows × 3 columns of slack: the headline block alone takes it
        folder = issue_of(tmp_path / f"r{rows}", [f"{{id: 2A, grid: {{col: 1, span: 3, row: 1, rows: {rows}}}, "
                                                  "article: articles/long.txt}"], {"long.txt": text})
        by_slot, layout, _findings = reports(folder)
        r = by_slot["2A"]
        assert r.status is SlotStatus.FULL and r.under_lines == 0, (rows, r)
        lows = []
        for c in range(3):  # columns of one story end on one baseline, the slot's last row
            x0 = (fmt.trim_w - fmt.type_width) / 2 + c * (fmt.column_width + fmt.gutter)
            lows.append(max(run.y for run in body_runs(layout, 2, x0, x0 + fmt.column_width)))
        bottom = fmt.margin_top + rows * fmt.line_pitch
        assert max(lows) - min(lows) < 0.01 and 0 < bottom - max(lows) < fmt.line_pitch


def test_headline_space_is_the_first_absorber(tmp_path):
    text = feature_text(18)
    rows = natural_rows(tmp_path, text) + 3
    folder = issue_of(tmp_path / "two", [f"{{id: 2A, grid: {{col: 1, span: 3, row: 1, rows: {rows}}}, "
                                          "article: articles/long.txt}"], {"long.txt": text})
    r = reports(folder)[0]["2A"]
    assert r.status is SlotStatus.FULL and r.fit.startswith("标题区加"), r.fit


def test_what_cannot_be_absorbed_says_how_much_to_add(tmp_path):
    folder = issue_of(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 70}, article: articles/long.txt}"],
                      {"long.txt": long_text(3)})
    by_slot, layout, findings = reports(folder)
    r = by_slot["2A"]
    assert r.status is SlotStatus.UNDER and r.under_lines > 2
    assert r.add_chars == round_chars(r.add_chars) and r.add_chars >= 10 * (r.under_lines // 2)
    assert r.capacity >= r.chars_set + r.add_chars - 10
    (finding,) = [f for f in findings if f.check == "underset" and f.where.startswith("2A")]
    assert finding.severity == "warning" and f"可加约 {r.add_chars} 字" in finding.message
    assert any(n.kind == "underset" and "可加约" in n.text for n in layout.pages[1].proof)


def test_overset_says_where_the_cut_falls_and_how_much(tmp_path):
    folder = issue_of(tmp_path, ["{id: 2A, grid: {col: 1, span: 2, row: 1, rows: 20}, article: articles/long.txt}"],
                      {"long.txt": long_text(12)})
    by_slot, _layout, _f = reports(folder)
    r = by_slot["2A"]
    assert r.status is SlotStatus.OVER and r.cut_from and r.rows_to_add == -(-r.over_lines // 2)
    from layout.report import slot_line
    line = slot_line(r)
    assert f"排到“……{r.cut_from}”为止" in line and "删约" in line and f"加高 {r.rows_to_add} 行" in line


def test_fit_is_deterministic(tmp_path):
    folder = issue_of(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 41}, article: articles/long.txt}"],
                      {"long.txt": long_text(5)})
    first = reports(folder)[1].pages
    assert reports(folder)[1].pages == first


# --------------------------------------------------------------------------
# character budgets


def test_round_chars():
    assert [round_chars(x) for x in (0, 3, 14, 15, 66, 1234)] == [0, 10, 10, 20, 70, 1230]


def test_new_issue_stubs_carry_their_budget(tmp_path):
    from layout.newissue import new_issue

    folder = issue_of(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 40}, article: articles/long.txt}"],
                      {"long.txt": long_text(5)})
    target = new_issue(folder, tmp_path)
    stub = (target / "articles" / "2A.txt").read_text(encoding="utf-8")
    assert stub.startswith("【备注】版位 2A") and "容量约" in stub and "字" in stub
    budget = int(stub.split("容量约 ")[1].split(" 字")[0])
    assert 1000 < budget < 3 * 40 * 15  # 3 columns × 40 rows of 15 characters, less the headline


# --------------------------------------------------------------------------
# the headline ladder


def test_front_page_lead_uses_the_large_sizes_and_decks_are_not_wider(tmp_path):
    folder = issue_of(tmp_path, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}"],
                      {"long.txt": long_text(4)})
    _issue, _a, _f, layout, _findings = compose(folder)
    front = layout.pages[0].items
    titles = [r for r in front if getattr(r, "font", "") == "hei_black"]
    assert titles and 36 <= titles[0].size <= 42
    decks = [r for r in front if getattr(r, "font", "") == "kai" and 12 < r.size < 60]
    widest_title = max((r.xs[-1] + r.size) for r in titles)
    assert decks and all(0.5 * titles[0].size <= d.size <= 0.67 * titles[0].size for d in decks)
    assert all(d.xs[-1] + d.size <= widest_title + 0.5 for d in decks)


# --------------------------------------------------------------------------
# no 撞题


def slot(id_: str, col: int, span: int, row: int, rows: int, role: str = "普通") -> Slot:
    return Slot(id_, role, Grid(col, span, row, rows), None, None, None, None, None, None)


def test_stagger_spans_the_lead_headline_over_a_neighbour_without_photo():
    page = Page(2, "社区", "", "", "", "inner", (slot("2A", 1, 3, 1, 50, "头条"), slot("2B", 4, 2, 1, 50, "倒头条")))

    def band(s: Slot, form: SlotForm):
        return (s.grid.row, s.grid.row + 5)

    staggered, forms = stagger(page, band, lambda s: False)
    assert forms["2A"].head_span == (1, 5)
    b = next(s for s in staggered.slots if s.id == "2B")
    assert (b.grid.row, b.grid.rows) == (7, 44)


def test_stagger_puts_the_subordinate_photo_first():
    page = Page(2, "社区", "", "", "", "inner", (slot("2A", 1, 3, 1, 50, "头条"), slot("2B", 4, 2, 1, 50, "倒头条")))

    def band(s: Slot, form: SlotForm):
        top = s.grid.row + (15 if form.photo_first else 0)
        return (top, top + 5)

    staggered, forms = stagger(page, band, lambda s: s.id == "2B")
    assert forms["2B"].photo_first and not forms.get("2A", PLAIN).head_span
    assert staggered.slots == page.slots


def test_collision_rule():
    assert collide(Grid(1, 3, 1, 50), (1, 6), Grid(4, 2, 1, 50), (3, 8))
    assert not collide(Grid(1, 3, 1, 50), (1, 6), Grid(4, 2, 1, 50), (7, 12))
    assert not collide(Grid(1, 3, 1, 50), (1, 6), Grid(1, 3, 51, 30), (1, 6))  # one above the other


def test_side_by_side_stories_are_staggered_on_the_page(tmp_path):
    folder = issue_of(tmp_path, ["{id: 2A, role: 头条, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}",
                                 "{id: 2B, role: 倒头条, grid: {col: 4, span: 2, row: 1, rows: 60}, article: articles/long2.txt}"],
                      {"long.txt": long_text(6), "long2.txt": long_text(4).replace("年度工作", "社区服务")})
    by_slot, layout, findings = reports(folder)
    assert layout.collisions == ()
    assert not [f for f in findings if f.check == "headline.side_by_side"]
    assert "通栏" in by_slot["2A"].fit


def test_unavoidable_side_by_side_headlines_are_a_warning_naming_both(tmp_path):
    folder = issue_of(tmp_path, ["{id: 2A, role: 头条, grid: {col: 1, span: 3, row: 1, rows: 60}, article: articles/long.txt}",
                                 "{id: 2B, role: 倒头条, grid: {col: 4, span: 2, row: 3, rows: 58}, article: articles/long2.txt}"],
                      {"long.txt": long_text(6), "long2.txt": long_text(4).replace("年度工作", "社区服务")})
    _by_slot, layout, findings = reports(folder)
    assert layout.collisions == ((2, "2A", "2B"),)
    (warning,) = [f for f in findings if f.check == "headline.side_by_side"]
    assert warning.severity == "warning" and warning.page == 2 and "2A" in warning.message and "2B" in warning.message


# --------------------------------------------------------------------------
# coverage: no 开天窗


def test_uncovered_cells_are_merged_into_rectangles():
    holes = uncovered(5, 1, 85, [Grid(1, 3, 1, 55), Grid(4, 2, 1, 43), Grid(4, 2, 44, 42)])
    assert holes == [Grid(1, 3, 56, 30)]
    assert uncovered(2, 1, 10, [Grid(1, 2, 1, 10)]) == []


def test_an_uncovered_band_is_an_error_naming_page_columns_and_rows(tmp_path):
    pages = [page_yaml(1, FRONT, "front", "要闻"),
             page_yaml(2, ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 55}, article: articles/long.txt}",
                           "{id: 2B, grid: {col: 4, span: 2, row: 1, rows: 85}, article: articles/short.txt}"], fill=False)]
    folder = write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": SHORT, "long.txt": long_text(4)})
    with pytest.raises(InputError) as info:
        load_issue(folder)
    assert "第2版开天窗" in info.value.message and "第1–3栏第56–85行" in info.value.message
    assert "留白" in info.value.hint


def test_a_named_area_covers_its_cells(tmp_path):
    inner = ["{id: 2A, grid: {col: 1, span: 3, row: 1, rows: 55}, article: articles/long.txt}",
             "{id: 2B, grid: {col: 4, span: 2, row: 1, rows: 85}, article: articles/short.txt}"]
    text = page_yaml(2, inner, fill=False) + "\n    areas:\n      - {kind: 广告, grid: {col: 1, span: 3, row: 56, rows: 30}}"
    folder = write_issue(tmp_path, [page_yaml(1, FRONT, "front", "要闻"), text],
                         {"news.txt": NEWS, "short.txt": SHORT, "long.txt": long_text(4)})
    issue = load_issue(folder)
    assert [a.kind for a in issue.pages[1].areas] == ["广告"]
    _issue, _a, _f, layout, _findings = compose(folder)
    assert any(n.text == "广告" for n in layout.pages[1].proof)
