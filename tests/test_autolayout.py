"""自动组版 (issue 13): the guillotine search on synthetic pages, and whole pages laid out by the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from issuekit import NEWS, long_text, page_yaml, write_issue
from layout.build import compose
from layout.cli import main
from layout.errors import InputError
from layout.model.issue import Grid, uncovered
from layout.pages.guillotine import Item, Option, designs
from layout.planfile import set_design, set_grids

AREA = Grid(1, 5, 1, 60)


def story(key: str, rank: int = 4, widths=(2, 3, 5), lines: int = 120, head: int = 5, photo: bool = False,
          position: str = "") -> Item:
    """A story of `lines` body lines: at w columns it needs head + lines / w rows (±3 rows of slack)."""
    options = []
    for w in widths:
        natural = head + -(-lines // w)
        ph = (natural + 8, natural + 8, natural + 12, head + 10) if photo else None
        options.append(Option(w, natural - 2, natural, natural + 3, head, ph))
    return Item(key, tuple(options), rank, True, None, position)


def covers_exactly(boxes: dict[str, Grid], area: Grid) -> bool:
    cells = {}
    for key, g in boxes.items():
        for c in range(g.col, g.last_col + 1):
            for r in range(g.row, g.last_row + 1):
                if (c, r) in cells:
                    return False
                cells[(c, r)] = key
    return len(cells) == area.span * area.rows


def test_designs_tile_the_area_and_are_deterministic():
    items = [story("A", 0, (3, 5), 150), story("B", 1, (2, 3), 60), story("C", 4, (2, 3), 40)]
    first = designs(AREA, items, most=4)
    assert first and first == designs(AREA, items, most=4)
    for d in first:
        assert covers_exactly(d.boxes, AREA), d
        assert d.boxes["A"].row == AREA.row  # the lead story starts at the top
    assert [d.cost for d in first] == sorted(d.cost for d in first)


def test_locked_slots_keep_their_place():
    locked = Item("L", (), 6, False, Grid(4, 2, 1, 60))
    items = [story("A", 0, (3,), 150), story("B", 4, (3,), 40), locked]
    found = designs(AREA, items, most=3, orders=[(0, 1, 2), (0, 2, 1), (2, 0, 1)])
    assert found and all(d.boxes["L"] == Grid(4, 2, 1, 60) for d in found)
    assert all(covers_exactly(d.boxes, AREA) for d in found)


def test_side_by_side_headlines_are_never_chosen_when_a_staggered_design_exists():
    # two equal stories with a small filler: side by side they would meet at the top (A | F | B, headlines
    # apart but level); stacked they cannot collide.  The search must not pick the collision.
    filler = Item("F", tuple(Option(w, 5, 60 // w, 60, 0) for w in (1, 5)), 5, False)
    items = [story("A", 1, (2, 5), 100), filler, story("B", 1, (2, 5), 100)]
    best = designs(AREA, items, most=1, orders=[(0, 1, 2)])[0]
    assert best.collisions == ()


def test_an_impossible_page_prices_its_overset():
    items = [story("A", 0, (5,), 900), story("B", 4, (5,), 900)]  # each needs far more than the page
    found = designs(AREA, items, most=1)
    assert found and found[0].cost > 10_000


# --------------------------------------------------------------------------
# whole pages

FRONT = ["{id: 1A, role: 头条, article: articles/news.txt}", "{id: 1B, role: 普通, article: articles/short.txt}"]


def story_text(title: str, paragraphs: int) -> str:
    return long_text(paragraphs).replace("年度工作稳步推进", title)


def free_issue(tmp_path: Path, inner: list[str], articles: dict[str, str]) -> Path:
    """Page 1 filled by two stories, page 2 by the given slots (about 300 and 400 body lines of copy)."""
    pages = [page_yaml(1, FRONT, "front", "要闻", fill=False), page_yaml(2, inner, fill=False)]
    return write_issue(tmp_path, pages, {"news.txt": NEWS.replace("【稿源】", story_text("", 36).split("\n", 1)[1] + "\n【稿源】"),
                                         "short.txt": story_text("社区食堂推出冬季新菜单", 16), **articles})


def test_pages_without_grids_are_laid_out_whole(tmp_path):
    inner = ["{id: 2A, role: 头条, article: articles/a.txt}", "{id: 2B, role: 倒头条, article: articles/b.txt}",
             "{id: 2C, role: 普通, article: articles/c.txt}"]
    folder = free_issue(tmp_path, inner, {"a.txt": story_text("年度工作稳步推进", 36), "b.txt": story_text("社区服务走进楼组", 20),
                                          "c.txt": story_text("楼组议事解难题", 14)})
    issue, _a, _f, layout, findings = compose(folder)
    assert len(layout.plans) == 2
    for page in layout.planned:
        fmt = issue.profile.format
        top, bottom = (12, 3) if page.template == "front" else (0, 0)
        assert uncovered(fmt.columns, top + 1, fmt.rows - bottom, [s.grid for s in page.slots]) == []
    assert not layout.overset and layout.collisions == ()
    assert all(r.under_lines <= 3 for r in layout.reports), [(r.slot, r.under_lines) for r in layout.reports]
    again = compose(folder)[3]
    assert again.pages == layout.pages  # the same plan gives the same pages


def test_locks_that_leave_no_rectangles_are_an_error(tmp_path):
    inner = ["{id: 2A, role: 头条, article: articles/a.txt}",
             "{id: 2B, role: 普通, grid: {col: 2, span: 3, row: 30, rows: 20}, article: articles/b.txt}"]
    folder = free_issue(tmp_path, inner, {"a.txt": long_text(20), "b.txt": long_text(5)})
    with pytest.raises(InputError) as info:
        compose(folder)
    assert "第2版" in info.value.message and "2B" in info.value.message


def test_too_much_copy_exits_1_naming_what_to_cut(tmp_path, capsys):
    inner = ["{id: 2A, role: 头条, article: articles/a.txt}", "{id: 2B, role: 普通, article: articles/b.txt}"]
    folder = free_issue(tmp_path, inner, {"a.txt": long_text(90), "b.txt": long_text(60)})
    assert main(["build", str(folder), "--output", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "超 " in out and "删约" in out


def test_the_lead_story_keeps_its_width_on_a_page_with_too_much_copy(tmp_path):
    """With more copy than room, a one-column 头条 would save a few lines of overset (its headline takes
    fewer rows); the page would lose its hierarchy. The lead keeps its role's span; the others run over."""
    inner = ["{id: 2A, role: 头条, article: articles/a.txt}", "{id: 2B, role: 倒头条, article: articles/b.txt}",
             "{id: 2C, role: 普通, article: articles/c.txt}", "{id: 2D, role: 普通, article: articles/d.txt}"]
    texts = {"a.txt": story_text("年度工作稳步推进", 40), "b.txt": story_text("社区服务走进楼组", 40),
             "c.txt": story_text("楼组议事解难题", 40), "d.txt": story_text("志愿服务暖人心", 40)}
    folder = free_issue(tmp_path, inner, texts)
    _issue, _a, _f, layout, _findings = compose(folder)
    assert layout.overset  # the page cannot hold it all
    lead = next(s for p in layout.planned for s in p.slots if s.id == "2A")
    assert lead.grid.span >= 3 and lead.grid.row == 1


def test_layout_plan_prints_writes_and_chooses(tmp_path, capsys):
    inner = ["{id: 2A, role: 头条, article: articles/a.txt}", "{id: 2B, role: 倒头条, article: articles/b.txt}"]
    folder = free_issue(tmp_path, inner, {"a.txt": story_text("年度工作稳步推进", 40), "b.txt": story_text("社区服务走进楼组", 30)})
    assert main(["plan", str(folder), "--page", "2", "--output", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "- {id: 2A, grid: {col:" in printed and "方案 1" in printed
    assert list((tmp_path / "out" / "2026-12" / "plan").glob("page-2-design-*.png"))
    _i, _a, _f, before, _fi = compose(folder)
    assert main(["plan", str(folder), "--write", "--output", str(tmp_path / "out")]) == 0
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    assert "{id: 2A, role: 头条, grid: {col:" in text
    issue, _a, _f, after, _fi = compose(folder)
    assert not after.plans and after.pages == before.pages  # locked as planned: the same pages
    assert main(["plan", str(folder), "--page", "2", "--choose", "2", "--output", str(tmp_path / "out")]) == 0
    assert "design: 2" in (folder / "issue.yaml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# writing issue.yaml


def test_set_grids_keeps_comments_and_order():
    text = ("pages:\n  - no: 2   # 第二版\n    name: 社区\n    slots:\n"
            "      - {id: 2A, role: 头条, article: articles/a.txt}   # 头条稿\n"
            "      - id: 2B\n        role: 普通\n        grid: {col: 1, span: 1, row: 1, rows: 1}\n        article: b.txt\n")
    out = set_grids(text, {(2, "2A"): Grid(1, 3, 1, 40), (2, "2B"): Grid(4, 2, 1, 40)})
    assert "      - {id: 2A, role: 头条, grid: {col: 1, span: 3, row: 1, rows: 40}, article: articles/a.txt}   # 头条稿" in out
    assert "        grid: {col: 4, span: 2, row: 1, rows: 40}" in out and out.count("grid:") == 2
    assert "# 第二版" in out


def test_set_design_adds_then_changes():
    text = "pages:\n  - no: 3\n    name: 社区\n    slots:\n      - {id: 3A}\n"
    once = set_design(text, 3, 2)
    assert "    design: 2" in once and once.index("design:") < once.index("slots:")
    assert "design: 3" in set_design(once, 3, 3) and set_design(once, 3, 3).count("design:") == 1


@pytest.mark.slow
@pytest.mark.parametrize("sample", ["2026-11", "2026-12"])
def test_the_sample_issues_without_grids_are_laid_out(tmp_path, sample):
    """issue 13's bar: every grid removed (jumps kept), the engine lays out every page: no overset, at
    most 2 lines short per story, no side-by-side headlines, nothing uncovered."""
    import re
    import shutil

    folder = tmp_path / sample
    shutil.copytree(Path(__file__).resolve().parent.parent / "issues" / sample, folder)
    yaml = folder / "issue.yaml"
    yaml.write_text(re.sub(r",\s*grid:\s*\{[^}]*\}", "", yaml.read_text(encoding="utf-8")), encoding="utf-8")
    issue, _a, _f, layout, _findings = compose(folder)
    assert len(layout.plans) == len(issue.pages)
    assert not layout.overset and layout.collisions == ()
    assert all(r.under_lines <= 2 for r in layout.reports if r.article), [(r.slot, r.under_lines) for r in layout.reports]
    fmt = issue.profile.format
    for page in layout.planned:
        top, bottom = (fmt.masthead_rows, fmt.imprint_rows) if page.template == "front" else (0, 0)
        assert uncovered(fmt.columns, top + 1, fmt.rows - bottom, [s.grid for s in page.slots] + [a.grid for a in page.areas]) == []


def test_jump_advice_names_only_pages_with_room_left_after_their_own_overset():
    from types import SimpleNamespace

    from layout.pages.autolayout import PagePlan
    from layout.pages.compose import _jump_advice
    from layout.pages.results import SlotReport

    def report(page, slot, chars, chars_set, over=0, under=0, add=0):
        return SlotReport(page, slot, "普通", f"{slot}.txt", "题", chars, chars_set, 40, 40, over, under, add_chars=add)

    plans = [PagePlan(SimpleNamespace(no=no), None, (), 0) for no in (1, 2, 3)]
    reports = (report(1, "1A", 600, 500, over=8),  # 100 characters over
               report(2, "2A", 300, 300, under=10, add=150), report(2, "2B", 500, 420, over=6),  # net room 70
               report(3, "3A", 300, 300, under=12, add=180))  # room 180
    notes = {p.page.no: p.notes for p in _jump_advice(plans, reports)}
    assert notes[1] == ("1A 放不下的约 100 字可转版到第3版（那里还有空）",)
    assert notes[2] == ("2B 放不下的约 80 字可转版到第3版（那里还有空）",)


def test_a_tall_portrait_never_runs_out_of_its_slot(tmp_path):
    """A two-column portrait (3:4) in a story the planner makes wide and short: the photo is cropped to
    the slot's body, never drawn across the story below (seen on unseen text)."""
    from layout.display import Picture
    from layout.pages.grid import PageGrid
    from layout.pages.sheet import Sheet

    photo = story_text("邻里公益新动力", 6).replace("【稿源】", "【图】images/tall.jpg｜宽=2栏\n【图说】颁发荣誉证书\n【稿源】")
    inner = ["{id: 2A, role: 头条, article: articles/a.txt}", "{id: 2B, role: 普通, article: articles/b.txt}",
             "{id: 2C, role: 普通, article: articles/c.txt}"]
    pages = [page_yaml(1, FRONT, "front", "要闻", fill=False), page_yaml(2, inner, fill=False)]
    folder = write_issue(tmp_path, pages, {"news.txt": NEWS, "short.txt": story_text("社区食堂推出冬季新菜单", 16),
                                           "a.txt": photo, "b.txt": story_text("楼组议事解难题", 30),
                                           "c.txt": story_text("志愿服务暖人心", 30)}, images={"tall.jpg": (480, 640)})
    issue, _a, fonts, layout, _findings = compose(folder)
    grid = PageGrid(issue.profile.format, Sheet(issue.profile, fonts).text("body").metrics.ascent)
    page = next(p for p in layout.planned if p.no == 2)
    slot = next(s for s in page.slots if s.id == "2A")
    top, bottom = grid.row_top(slot.grid.row), grid.row_top(slot.grid.last_row + 1)
    pictures = [i for i in layout.pages[1].items if isinstance(i, Picture) and i.path.endswith("tall.jpg")]
    assert pictures and all(top - 0.01 <= p.y and p.y + p.h <= bottom + 0.01 for p in pictures), (slot.grid, pictures)
